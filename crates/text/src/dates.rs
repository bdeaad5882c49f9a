//! Publication dates in the shapes news uses, normalised to `YYYY-MM-DD`.
//!
//! Dates arrive as ISO timestamps (`2026-03-11T14:05:00Z`), compact stamps (`20260311`),
//! and prose (`March 11, 2026`, `11 March 2026`, `Mar. 11 2026`). A date is accepted only if it
//! is a real calendar day; anything else is `None`, never a guess.

use regex::Regex;
use std::sync::LazyLock;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u32,
    /// Day of month, 1..=31.
    pub day: u32,
}

impl Day {
    /// The day, if it exists in the calendar and the year is plausible for news (1800..=2200).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        let valid = (1800..=2200).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Day { year, month, day })
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The month number of an English month name or abbreviation (`Feb`, `Feb.`, `February`,
/// `Sept`).
pub fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word.len() < 3 {
        return None;
    }
    let position = MONTHS
        .iter()
        .position(|m| m.starts_with(word.as_str()) || (word == "sept" && *m == "september"))?;
    u32::try_from(position + 1).ok()
}

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]|\b)").expect("valid regex"));
static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{4})(\d{2})(\d{2})\s*$").expect("valid regex"));
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([A-Z][a-z]{2,8}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
        .expect("valid regex")
});
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]{2,8}\.?),?\s+(\d{4})\b")
        .expect("valid regex")
});
static SLASHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b").expect("valid regex"));

/// Parse the first date in `text`, in any of the supported shapes.
pub fn parse_date(text: &str) -> Option<Day> {
    let number = |s: &str| s.parse::<u32>().ok();
    if let Some(c) = COMPACT.captures(text) {
        return Day::new(c[1].parse().ok()?, number(&c[2])?, number(&c[3])?);
    }
    if let Some(c) = ISO.captures(text).or_else(|| SLASHED.captures(text)) {
        return Day::new(c[1].parse().ok()?, number(&c[2])?, number(&c[3])?);
    }
    if let Some(c) = MONTH_FIRST.captures(text) {
        return Day::new(c[3].parse().ok()?, month_number(&c[1])?, number(&c[2])?);
    }
    if let Some(c) = DAY_FIRST.captures(text) {
        return Day::new(c[3].parse().ok()?, month_number(&c[2])?, number(&c[1])?);
    }
    None
}

/// True when `line` is nothing but a date (a header line such as `20220615` or `2026-03-11`).
pub fn is_date_line(line: &str) -> bool {
    let line = line.trim();
    if line.len() > 40 || parse_date(line).is_none() {
        return false;
    }
    let rest = [&*ISO, &*COMPACT, &*MONTH_FIRST, &*DAY_FIRST, &*SLASHED]
        .iter()
        .fold(line.to_owned(), |acc, re| {
            re.replace_all(&acc, "").into_owned()
        });
    rest.chars().all(|c| {
        !c.is_alphabetic() || rest.to_ascii_lowercase().contains("date") || c == 'T' || c == 'Z'
    }) && rest.split_whitespace().count() <= 2
}

#[cfg(test)]
mod tests {
    use super::{Day, is_date_line, parse_date};

    #[test]
    fn news_shapes() {
        let cases = [
            ("20220615", "2022-06-15"),
            ("2026-03-11T14:05:00Z", "2026-03-11"),
            ("2026-03-11", "2026-03-11"),
            ("June 16, 2022", "2022-06-16"),
            ("16 June 2022", "2022-06-16"),
            ("Published Feb. 3 2024 9:41 a.m. ET", "2024-02-03"),
            ("2024/12/01", "2024-12-01"),
        ];
        for (input, want) in cases {
            assert_eq!(
                parse_date(input).map(Day::iso).as_deref(),
                Some(want),
                "{input}"
            );
        }
    }

    #[test]
    fn rejects_impossible_days() {
        assert_eq!(parse_date("20220231"), None);
        assert_eq!(parse_date("2022-13-01"), None);
        assert_eq!(parse_date("no date here"), None);
    }

    #[test]
    fn date_lines() {
        assert!(is_date_line("20220615"));
        assert!(is_date_line("2026-03-11"));
        assert!(is_date_line("March 11, 2026"));
        assert!(!is_date_line(
            "On March 11, 2026 the bridge fell into the river."
        ));
    }
}
