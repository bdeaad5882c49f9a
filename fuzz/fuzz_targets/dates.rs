//! Fuzz target `dates`: the date parser and the relative-date resolver over arbitrary text.
//!
//! The first three bytes, when they make a calendar day, are the reference day (the article's
//! publication day) and the rest is the text; `parse_date`, `resolve` and `dates_in` must never
//! panic, every span `dates_in` returns must lie in the text on character boundaries, in text
//! order, and every day found must be a real calendar day that survives its own arithmetic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsfold_fuzz::{check_ordered, text};
use newsfold_text::{Day, dates_in, parse_date, resolve, weekday};

/// Checks what a day promises: it is in the calendar, and counting days there and back is
/// the identity.
fn check_day(day: Day) {
    assert_eq!(
        Day::new(day.year, day.month, day.day),
        Some(day),
        "{day:?} is not a day"
    );
    assert_eq!(
        Day::from_day_number(day.day_number()),
        Some(day),
        "{day:?} does not round-trip"
    );
    weekday(day);
}

fuzz_target!(|data: &[u8]| {
    let (reference, rest) = match data {
        [year, month, day, rest @ ..] => {
            let year = 1900 + i32::from(*year);
            (Day::new(year, u32::from(*month), u32::from(*day)), rest)
        }
        _ => (None, data),
    };
    let text = text(rest);
    if let Some(day) = parse_date(&text) {
        check_day(day);
    }
    if let Some(found) = resolve(&text, reference) {
        check_day(found.day);
    }
    let found = dates_in(&text, reference);
    let spans: Vec<_> = found.iter().map(|(span, _)| *span).collect();
    check_ordered(&text, &spans, "dates_in");
    for (_, date) in found {
        check_day(date.day);
    }
    if let Some(day) = reference {
        let shift = i64::from(data.len() as u32) * 37 - 1000;
        for moved in [day.add_days(shift), day.add_months(shift)]
            .into_iter()
            .flatten()
        {
            check_day(moved);
        }
    }
});
