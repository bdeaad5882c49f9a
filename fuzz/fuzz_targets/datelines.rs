//! Fuzz target `datelines`: the line rules at the top of a body over arbitrary lines.
//!
//! Each line of the input goes through `dateline` (`KELDPORT, March 11 (NPA) —`), the credit,
//! boilerplate and furniture rules and the headline test. None may panic, and a dateline's
//! length (the prefix cleaning cuts off the line) must lie inside the line on a character
//! boundary, or cutting it would panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsfold_fuzz::text;
use newsfold_text::{
    agency_name, boilerplate, credit_line, dateline, furniture, is_headline_like, month_number,
};

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    for line in text.lines() {
        if let Some(found) = dateline(line) {
            assert!(
                found.len <= line.len(),
                "dateline of {} bytes in a line of {}",
                found.len,
                line.len()
            );
            assert!(
                line.is_char_boundary(found.len),
                "dateline ends inside a character"
            );
            if let Some((month, day)) = found.month_day {
                assert!(
                    (1..=12).contains(&month),
                    "month {month} in {:?}",
                    found.text
                );
                assert!(day <= 99, "day {day} in {:?}", found.text);
            }
        }
        if let Some(credits) = credit_line(line) {
            for credit in &credits {
                agency_name(credit);
            }
        }
        boilerplate(line);
        furniture(line);
        is_headline_like(line);
        for word in line.split_whitespace() {
            month_number(word);
        }
    }
});
