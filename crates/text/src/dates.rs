//! Dates in the shapes news writes them, normalised to calendar days and resolved against a
//! reference day.
//!
//! Dates arrive as ISO timestamps (`2026-03-11T14:05:00Z`), compact stamps (`20260311`),
//! numbers with slashes or dots (`3/2/2025`, `16.06.2022`), prose (`March 11, 2026`,
//! `Thu, 16 Jun 2022 08:30:00 +0000`, `June 2022`), and words that only mean something against
//! the day the article was written (`yesterday`, `on Wednesday`, `last month`, `June 16`). A date
//! is accepted only if it is a real calendar day in a plausible year (1800..=2200); anything
//! else is `None`, never a guess. Nothing here reads a clock: "today" is always an argument.
//!
//! [`parse_date`] is the plain normaliser the clean stage uses for metadata. [`resolve`] reads
//! one date expression (a header line, a meta field) into a [`DateRef`]: the day, how precise
//! it is, whether it is a publication or an update date, and whether the reference day was
//! needed. [`dates_in`] finds every date expression in running text, with its byte span, for
//! timeline work. Both share one scanner, so the rules for ambiguous shapes, written on
//! [`resolve`], hold for both.

// Until lib.rs re-exports the resolver, only this module's tests use it. Delete this line in the
// change that adds the re-export; the expectation then fails, so it cannot be forgotten.
use std::cmp::Reverse;
use std::sync::LazyLock;

use newsfold_core::Span;
use regex::{Captures, Regex};

/// Most days a year-less date may fall after the reference day: past-tense reporting mentions
/// the coming weeks (`the vote on July 30`), not next year's calendar.
pub const MAX_DAYS_AHEAD: i64 = 61;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

    /// Days since 1970-01-01 (negative before it), the same count as
    /// `newsfold_core::parse_day_number`.
    pub fn day_number(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The day `number` days after 1970-01-01, if its year is plausible (see [`Day::new`]).
    pub fn from_day_number(number: i64) -> Option<Day> {
        // Howard Hinnant's civil_from_days, bounded first so that no arithmetic can overflow.
        if !(-1_000_000..=1_000_000).contains(&number) {
            return None;
        }
        let shifted = number + 719_468;
        let era = shifted.div_euclid(146_097);
        let day_of_era = shifted - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_index + 2) / 5 + 1;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Day::new(
            i32::try_from(year).ok()?,
            u32::try_from(month).ok()?,
            u32::try_from(day).ok()?,
        )
    }

    /// The day `days` days later (earlier when negative), if its year is still plausible.
    pub fn add_days(self, days: i64) -> Option<Day> {
        Day::from_day_number(self.day_number().checked_add(days)?)
    }

    /// The same day of the month `months` months later (earlier when negative), clamped to the
    /// end of a shorter month (31 March less one month is 28 or 29 February).
    pub fn add_months(self, months: i64) -> Option<Day> {
        let index = (i64::from(self.year) * 12 + i64::from(self.month) - 1).checked_add(months)?;
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = u32::try_from(index.rem_euclid(12) + 1).ok()?;
        if !(1800..=2200).contains(&year) {
            return None;
        }
        Day::new(year, month, self.day.min(days_in_month(year, month)))
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

/// A day of the week, Monday first as in ISO 8601.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// Days since the Monday of the same week: 0 for Monday, 6 for Sunday.
    pub fn days_from_monday(self) -> i64 {
        self as i64
    }

    /// The weekday of an English name or its usual abbreviation (`Wed`, `Thurs`), any case.
    fn from_name(word: &str) -> Option<Weekday> {
        let word = word.trim_end_matches('.').to_ascii_lowercase();
        const NAMES: [&str; 7] = [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ];
        if word.len() < 3 {
            return None;
        }
        let position = NAMES.iter().position(|n| n.starts_with(word.as_str()))?;
        Weekday::ALL.get(position).copied()
    }
}

/// The day of the week of `day`.
pub fn weekday(day: Day) -> Weekday {
    // 1970-01-01, day number 0, was a Thursday, three days after a Monday.
    let index = (day.day_number() + 3).rem_euclid(7);
    Weekday::ALL[index as usize]
}

/// How much of a [`DateRef`]'s day the expression actually gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// A calendar day (`June 16, 2022`, `yesterday`, `on Wednesday`).
    Day,
    /// Some day of a week (`last week`, `two weeks ago`).
    Week,
    /// Some day of a month (`June 2022`, `last month`).
    Month,
    /// Some day of a year (`last year`).
    Year,
}

/// What a date says about the article it appears in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateKind {
    /// Labelled as the publication date (`Published`, `Posted on`).
    Published,
    /// Labelled as the date of an update (`Updated`, `Last updated`, `Modified`).
    Updated,
    /// Any other date: a date the text mentions, or an unlabelled header date.
    Mentioned,
}

/// A date expression resolved to a calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateRef {
    /// The day. With a precision coarser than a day it is a representative day: the first of
    /// the month for `June 2022`, the reference day moved back for `last month`.
    pub day: Day,
    /// How much of the day the expression gave.
    pub precision: Precision,
    /// Whether the date was labelled as a publication or an update date.
    pub kind: DateKind,
    /// True when the day depends on the reference day (`yesterday`, `on Wednesday`, `June 16`
    /// without a year, a clock time alone).
    pub relative: bool,
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

/// Resolve one date expression, such as a header line or a meta field, against the reference
/// day (the article's publication day, when known).
///
/// Words around the date are allowed and the first date wins, so `Posted on June 16, 2022 by
/// Staff` reads as 2022-06-16. `None` when the expression holds no date, when the first date is
/// not a calendar day (`Feb. 30, 2025`), when it is a copyright year, or when it needs a
/// reference day and there is none (`yesterday`, `June 16`, `9:41 a.m.`).
///
/// # Rules for ambiguous shapes
///
/// - Slashes are US order, month/day/year, unless the first number is over 12 (`13/02/2025` is
///   13 February); dots are day.month.year (`3.2.2025` is 3 February). Two-digit years are not
///   dates.
/// - A timestamp's date is the local date as written; an offset (`+08:00`, `Z`) never shifts it.
///   A clock time alone (`9:41 a.m. ET`) means the reference day.
/// - A weekday alone (`on Wednesday`) is the most recent such day on or before the reference,
///   because news reports in the past tense; but in a clause in the future tense (`will meet on
///   Thursday`, `is to`, `is expected to`, `plans to`, `scheduled for`, `next`: the tense cue
///   nearest before the date, within its clause, decides) it is the next such day, the reference
///   included. `last Wednesday` is the Wednesday of the previous Monday-to-Sunday week, `this`
///   and `next` are the current and the following week. A weekday written beside an explicit
///   date (`Mon 16 Jun 2022`) is ignored: the date wins.
/// - A month and day without a year (`June 16`) take the year that puts them nearest the
///   reference, but not more than [`MAX_DAYS_AHEAD`] days after it; in a clause in the future
///   tense, the first such day on or after the reference.
/// - `last week` is seven days back (precision week), `last month` the same day of the previous
///   month (clamped to its end), `last year` the same day a year back (precision year).
/// - Month names must be capitalised (`March 3`, `in MAY 2024`), and a month name needs a day or
///   a year beside it, so `may` and `march` as verbs, and `in March` alone, are not dates.
///   Compact stamps and clock times are only read as a whole expression, never in running text.
/// - A weekday inside a name (`Good Friday`, `the Sunday Times`) and a capitalised `Today` after
///   another word (`USA Today`) are not dates.
/// - A date after a copyright mark in its clause (`©`, `Copyright`, `(c)`) is never a date.
/// - `Updated`, `Last updated`, `Modified` before a date make it an update date; `Published`,
///   `Posted` make it a publication date, when they start the line or follow a separator.
pub fn resolve(expression: &str, reference: Option<Day>) -> Option<DateRef> {
    if let Some(first) = scan(expression).first() {
        return date_ref(first.shape, kind_before(expression, first.start), reference);
    }
    // Shapes that are dates only as a whole expression: a compact stamp and a clock time.
    let (kind, rest) = strip_label(expression);
    let shape = if let Some(c) = COMPACT.captures(rest) {
        Shape::Calendar {
            year: group(&c, 1)?,
            month: group(&c, 2)?,
            day: group(&c, 3)?,
        }
    } else if CLOCK.is_match(rest) {
        Shape::Clock
    } else {
        return None;
    };
    date_ref(shape, kind, reference)
}

/// Every date expression in `text` with its byte span, in text order, resolved against the
/// reference day.
///
/// The scan is conservative: a month name needs a day or a year beside it, weekdays and
/// relative words are read only in the forms listed on [`resolve`], and compact
/// stamps and bare clock times are skipped. Expressions that do not resolve (an impossible day,
/// or a relative one without a reference) are left out. The span covers the date and any
/// weekday and time written with it, not the `Updated` or `on` before it.
pub fn dates_in(text: &str, reference: Option<Day>) -> Vec<(Span, DateRef)> {
    scan(text)
        .into_iter()
        .filter_map(|c| {
            let found = date_ref(c.shape, kind_before(text, c.start), reference)?;
            let span = Span {
                start: u32::try_from(c.start).ok()?,
                end: u32::try_from(c.end).ok()?,
            };
            Some((span, found))
        })
        .collect()
}

/// What a matched expression says, before any reference day is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A full date.
    Calendar { year: i32, month: u32, day: u32 },
    /// A month of a year (`June 2022`).
    MonthOfYear { year: i32, month: u32 },
    /// A month and day without a year (`June 16`); `ahead` when the clause is in the future
    /// tense, so the day is on or after the reference.
    YearLess { month: u32, day: u32, ahead: bool },
    /// So many units from the reference day (`yesterday`, `last month`, `two weeks ago`).
    Shift { amount: i64, unit: Precision },
    /// A weekday in a week relative to the reference day.
    Weekday { weekday: Weekday, week: Week },
    /// A clock time alone: the reference day.
    Clock,
}

/// Which week a weekday name points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Week {
    /// No modifier: the most recent such day, the reference day included.
    MostRecent,
    /// `last`: the week before the reference day's.
    Previous,
    /// `this`: the reference day's week.
    Current,
    /// `next`: the week after the reference day's.
    Following,
    /// No modifier in a clause in the future tense (`will meet on Thursday`): the next such
    /// day, the reference day included.
    Upcoming,
}

/// A date expression found in a text, at byte offsets `start..end`.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    shape: Shape,
}

/// A weekday name or abbreviation, as written before a date (`Thu, 16 Jun 2022`).
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Tues|Thurs|Thur|Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
/// A month name or abbreviation in any case; the capital is checked in code, so that a
/// lower-case `may` still uses up its match and cannot start a shorter one.
const MONTH: &str = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
/// `a.m.`, `pm`, `P.M.`.
const AM_PM: &str = r"(?:[aApP]\.\s?[mM]\.?|[aApP][mM]\b)";
/// A time zone after a time: `GMT`, `UTC+8`, `ET`, `BST`, `Z`, `+0000`, `+08:00`.
const ZONE: &str = r"(?:\s*(?:(?:UTC|GMT)(?:[+-][0-9]{1,2}(?::?[0-9]{2})?)?|[A-Z]{1,4}T|Z)\b|\s*[+-][0-9]{2}:?[0-9]{2}\b)";

/// A clock time: `08:30`, `08:30:00`, `9:41 a.m.`, `9 pm`.
fn time_pattern() -> String {
    format!(r"[0-9]{{1,2}}(?::[0-9]{{2}}(?::[0-9]{{2}})?(?:\s*{AM_PM})?|\s*{AM_PM})")
}

/// An optional time (and zone) after a date, so that it belongs to the date's span.
fn time_suffix() -> String {
    format!(r"(?:,?\s+(?:at\s+)?{}{ZONE}?)?", time_pattern())
}

/// Compile one of the patterns above; they are constants, so failure is a bug caught by any test.
fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

static ISO_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b([0-9]{{4}})-([0-9]{{1,2}})-([0-9]{{1,2}})(?:[T\s][0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}}(?:[.,][0-9]+)?)?{ZONE}?|\b)"
    ))
});
static YEAR_SLASHED: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b([0-9]{{4}})/([0-9]{{1,2}})/([0-9]{{1,2}})\b{}",
        time_suffix()
    ))
});
static SLASHED_NUMBERS: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b([0-9]{{1,2}})/([0-9]{{1,2}})/([0-9]{{4}})\b{}",
        time_suffix()
    ))
});
static DOTTED_NUMBERS: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b([0-9]{{1,2}})\.([0-9]{{1,2}})\.([0-9]{{4}})\b{}",
        time_suffix()
    ))
});
static NAMED_MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b(?:{WEEKDAY}\.?,?\s+)?({MONTH})\b\.?\s+([0-9]{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+([0-9]{{4}})\b)?{}",
        time_suffix()
    ))
});
static NAMED_DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b(?:{WEEKDAY}\.?,?\s+)?([0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH})\b\.?(?:,?\s+([0-9]{{4}})\b)?{}",
        time_suffix()
    ))
});
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| compile(&format!(r"\b({MONTH})\b\.?,?\s+([0-9]{{4}})\b")));
static RELATIVE_DAY: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(yesterday|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night)\b",
    )
});
static RELATIVE_PERIOD: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)\b(last|this|next)\s+(week|month|year)\b"));
static AGO: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[0-9]{1,3})\s+(day|week|month|year)s?\s+ago\b",
    )
});
static WEEKDAY_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:((?i:last|this|next))\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    )
});
static CLOCK: LazyLock<Regex> =
    LazyLock::new(|| compile(&format!(r"^(?:at\s+)?{}{ZONE}?$", time_pattern())));

const UPDATED_LABEL: &str = r"last\s+updated|updated|last\s+modified|modified|revised";
const PUBLISHED_LABEL: &str = r"first\s+published|originally\s+published|published|posted";

/// A label that ends right where a date starts, at the start of a line or after a separator.
static LABEL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?:^|[|·•—–,])\s*(?:({UPDATED_LABEL})|({PUBLISHED_LABEL}))(?:\s+(?:on|at))?\s*:?\s*$"
    ))
});
/// A label at the start of an expression.
static LABEL_START: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)^\s*(?:({UPDATED_LABEL})|({PUBLISHED_LABEL}))(?:\s+(?:on|at))?\s*:?\s*"
    ))
});

/// Words that make a weekday part of a named day (`Good Friday`), not a date.
const NAMED_DAYS: &[&str] = &[
    "Ash", "Black", "Bloody", "Cyber", "Easter", "Fat", "Giving", "Good", "Holy", "Maundy", "Palm",
    "Shrove", "Super", "Whit",
];

/// Words that make a weekday part of a title (`the Sunday Times`), not a date.
const NAMED_AFTER: &[&str] = &[
    "Express",
    "Herald",
    "Independent",
    "Mail",
    "Mirror",
    "Post",
    "Telegraph",
    "Times",
    "Tribune",
    "World",
];

fn group<T: std::str::FromStr>(c: &Captures, index: usize) -> Option<T> {
    c.get(index)?.as_str().parse().ok()
}

/// The month of a capitalised month word in group `index`; `may` and `march` are verbs.
fn month_group(c: &Captures, index: usize) -> Option<u32> {
    let word = c.get(index)?.as_str();
    word.starts_with(|ch: char| ch.is_uppercase())
        .then(|| month_number(word))?
}

/// The amount of an `ago` expression: a digit string or a small number word.
fn amount(word: &str) -> Option<i64> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    let word = word.to_ascii_lowercase();
    if word == "a" || word == "an" {
        return Some(1);
    }
    if let Some(position) = WORDS.iter().position(|w| *w == word) {
        return i64::try_from(position + 1).ok();
    }
    word.parse().ok()
}

fn unit(word: &str) -> Option<Precision> {
    match word.to_ascii_lowercase().as_str() {
        "day" => Some(Precision::Day),
        "week" => Some(Precision::Week),
        "month" => Some(Precision::Month),
        "year" => Some(Precision::Year),
        _ => None,
    }
}

/// True when the match sits inside a longer run of numbers (`2.5 June`, `1.2.2025.7`,
/// `10.1.2024.5`), which makes it a version, an address or a decimal, not a date.
fn embedded(text: &str, start: usize, end: usize) -> bool {
    let glued = |first: Option<char>, second: Option<char>| {
        first.is_some_and(|c| c.is_ascii_digit())
            || (matches!(first, Some('.' | '/' | '-' | ':'))
                && second.is_some_and(|c| c.is_ascii_digit()))
    };
    let mut before = text.get(..start).unwrap_or("").chars().rev();
    let mut after = text.get(end..).unwrap_or("").chars();
    glued(before.next(), before.next()) || glued(after.next(), after.next())
}

/// The text of the line before `start`, at most its last 80 bytes.
fn line_before(text: &str, start: usize) -> &str {
    let before = text.get(..start).unwrap_or("");
    let mut from = before.len().saturating_sub(80);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let window = &before[from..];
    window.rfind('\n').map_or(window, |i| &window[i + 1..])
}

/// True when the clause before `start` holds a copyright mark: `© 2024 Reuters`.
fn in_copyright(text: &str, start: usize) -> bool {
    let line = line_before(text, start);
    let clause = line
        .rfind(['.', '|', '•', '·', ';'])
        .map_or(line, |i| &line[i..]);
    let lower = clause.to_lowercase();
    lower.contains('©') || lower.contains("copyright") || lower.trim_end().ends_with("(c)")
}

/// True when `start` begins a sentence or a line, so a capitalised `Today` is the word, not a
/// name such as `USA Today`.
fn starts_sentence(text: &str, start: usize) -> bool {
    let before = line_before(text, start).trim_end();
    before.is_empty()
        || before.ends_with([
            '.', '!', '?', ':', '"', '“', '”', '\'', '‘', '’', '(', '—', '–', '-', '|', '•', '·',
        ])
        || LABEL_BEFORE.is_match(line_before(text, start))
}

/// The word just before `start`, without punctuation.
fn previous_word(text: &str, start: usize) -> &str {
    let before = text.get(..start).unwrap_or("").trim_end();
    before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
}

/// The word just after `end`, when only spaces separate it.
fn next_word(text: &str, end: usize) -> &str {
    let after = text.get(end..).unwrap_or("");
    if !after.starts_with(' ') {
        return "";
    }
    after
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
}

/// Every date expression in `text`, leftmost first; where two overlap, the longer wins, and a
/// match that then fails to resolve still blocks the shorter ones inside it (`Feb 30, 2025` is
/// no date, not `Feb 2025`).
fn scan(text: &str) -> Vec<Candidate> {
    let mut found = Vec::new();
    let mut collect = |re: &Regex, shape: &dyn Fn(&Captures, usize, usize) -> Option<Shape>| {
        for c in re.captures_iter(text) {
            let Some(whole) = c.get(0) else { continue };
            if let Some(shape) = shape(&c, whole.start(), whole.end()) {
                found.push(Candidate {
                    start: whole.start(),
                    end: whole.end(),
                    shape,
                });
            }
        }
    };
    let calendar = |year, month, day| Shape::Calendar { year, month, day };
    let numeric = |c: &Captures, start, end, year, month, day| {
        if embedded(text, start, end) {
            return None;
        }
        Some(calendar(group(c, year)?, group(c, month)?, group(c, day)?))
    };
    collect(&ISO_STAMP, &|c, s, e| numeric(c, s, e, 1, 2, 3));
    collect(&YEAR_SLASHED, &|c, s, e| numeric(c, s, e, 1, 2, 3));
    collect(&SLASHED_NUMBERS, &|c, s, e| {
        // US order, month/day/year, unless the first number cannot be a month.
        let first: u32 = group(c, 1)?;
        if first > 12 {
            numeric(c, s, e, 3, 2, 1)
        } else {
            numeric(c, s, e, 3, 1, 2)
        }
    });
    collect(&DOTTED_NUMBERS, &|c, s, e| numeric(c, s, e, 3, 2, 1));
    let named = |c: &Captures, start: usize, month: u32, day: u32| match c.get(3) {
        Some(_) => Some(calendar(group(c, 3)?, month, day)),
        None => Some(Shape::YearLess {
            month,
            day,
            ahead: tense_before(text, start) == Tense::Future,
        }),
    };
    collect(&NAMED_MONTH_FIRST, &|c, s, _| {
        named(c, s, month_group(c, 1)?, group(c, 2)?)
    });
    collect(&NAMED_DAY_FIRST, &|c, s, e| {
        if embedded(text, s, e) {
            return None;
        }
        named(c, s, month_group(c, 2)?, group(c, 1)?)
    });
    collect(&MONTH_YEAR, &|c, _, _| {
        Some(Shape::MonthOfYear {
            year: group(c, 2)?,
            month: month_group(c, 1)?,
        })
    });
    collect(&RELATIVE_DAY, &|c, s, _| {
        let words = c.get(1)?.as_str();
        if words.starts_with(char::is_uppercase) && !starts_sentence(text, s) {
            return None;
        }
        let words = words.to_ascii_lowercase();
        let amount = match words.split_whitespace().collect::<Vec<_>>().as_slice() {
            ["yesterday"] | ["last", "night"] => -1,
            ["tomorrow"] => 1,
            _ => 0,
        };
        Some(Shape::Shift {
            amount,
            unit: Precision::Day,
        })
    });
    collect(&RELATIVE_PERIOD, &|c, _, _| {
        let amount = match c.get(1)?.as_str().to_ascii_lowercase().as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        Some(Shape::Shift {
            amount,
            unit: unit(c.get(2)?.as_str())?,
        })
    });
    collect(&AGO, &|c, _, _| {
        Some(Shape::Shift {
            amount: -amount(c.get(1)?.as_str())?,
            unit: unit(c.get(2)?.as_str())?,
        })
    });
    collect(&WEEKDAY_ALONE, &|c, s, e| {
        if NAMED_AFTER.contains(&next_word(text, e)) {
            return None;
        }
        let week = match c.get(1).map(|m| m.as_str().to_ascii_lowercase()).as_deref() {
            None if NAMED_DAYS.contains(&previous_word(text, s)) => return None,
            None if tense_before(text, s) == Tense::Future => Week::Upcoming,
            None => Week::MostRecent,
            Some("last") => Week::Previous,
            Some("next") => Week::Following,
            Some(_) => Week::Current,
        };
        Some(Shape::Weekday {
            weekday: Weekday::from_name(c.get(2)?.as_str())?,
            week,
        })
    });
    found.sort_by_key(|c| (c.start, Reverse(c.end)));
    let mut chosen: Vec<Candidate> = Vec::new();
    for candidate in found {
        if chosen.last().is_none_or(|last| candidate.start >= last.end) {
            chosen.push(candidate);
        }
    }
    chosen.retain(|c| !in_copyright(text, c.start));
    chosen
}

/// The label before a date at `start`: `Updated 3/2/2025` is an update date.
fn kind_before(text: &str, start: usize) -> DateKind {
    label_kind(LABEL_BEFORE.captures(line_before(text, start)).as_ref())
}

/// The label at the start of an expression, and the rest of it, trimmed.
fn strip_label(expression: &str) -> (DateKind, &str) {
    match LABEL_START.captures(expression) {
        Some(c) => {
            let end = c.get(0).map_or(0, |m| m.end());
            (label_kind(Some(&c)), expression[end..].trim())
        }
        None => (DateKind::Mentioned, expression.trim()),
    }
}

fn label_kind(label: Option<&Captures>) -> DateKind {
    match label {
        Some(c) if c.get(1).is_some() => DateKind::Updated,
        Some(c) if c.get(2).is_some() => DateKind::Published,
        _ => DateKind::Mentioned,
    }
}

/// Apply the reference day to a shape.
fn date_ref(shape: Shape, kind: DateKind, reference: Option<Day>) -> Option<DateRef> {
    let (day, precision, relative) = match shape {
        Shape::Calendar { year, month, day } => {
            (Day::new(year, month, day)?, Precision::Day, false)
        }
        Shape::MonthOfYear { year, month } => (Day::new(year, month, 1)?, Precision::Month, false),
        Shape::YearLess { month, day, ahead } => {
            let day = if ahead {
                next_on_or_after(month, day, reference?)?
            } else {
                nearest_year(month, day, reference?)?
            };
            (day, Precision::Day, true)
        }
        Shape::Shift { amount, unit } => (shift(reference?, amount, unit)?, unit, true),
        Shape::Weekday { weekday, week } => {
            (in_week(reference?, weekday, week)?, Precision::Day, true)
        }
        Shape::Clock => (reference?, Precision::Day, true),
    };
    Some(DateRef {
        day,
        precision,
        kind,
        relative,
    })
}

/// The year for `month`/`day` nearest the reference, at most [`MAX_DAYS_AHEAD`] days after it.
fn nearest_year(month: u32, day: u32, reference: Day) -> Option<Day> {
    let at = reference.day_number();
    (reference.year - 1..=reference.year + 1)
        .filter_map(|year| Day::new(year, month, day))
        .map(|d| (d.day_number() - at, d))
        .filter(|(apart, _)| *apart <= MAX_DAYS_AHEAD)
        .min_by_key(|(apart, _)| apart.abs())
        .map(|(_, d)| d)
}

/// The tense of the clause a date sits in, as far as it decides the date's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    /// `will`, `is to`, `is expected to`, `plans to`, `scheduled for`, `next`: forward.
    Future,
    /// `said`, `met`, `was`, any `-ed` verb: backward, as news reports.
    Past,
    /// No cue: the default rules, which read news as written in the past tense.
    Unknown,
}

/// Most words before a date that are read for its tense: a clause's verb is rarely further.
const TENSE_WINDOW_WORDS: usize = 12;

/// Cues of the future tense in the words before a date (lower case).
static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        r"\b(?:will|shall|would|won't|won’t)\b|['’]ll\b",
        r"|\b(?:is|are|am|was|were)\s+(?:(?:expected|scheduled|slated|due|set|going|poised|likely|planning|hoping)\s+)?to\b",
        r"|\b(?:expected|scheduled|slated|due|set|plans?|planning|intends?|aims?|hopes?|going|poised|vows?|pledged|promised|agreed)\s+to\b",
        r"|\b(?:scheduled|slated|planned|set|due)\s+(?:for|on)\b|\bupcoming\b|\bnext\b",
    ))
});
/// Cues of the past tense in the words before a date (lower case).
static PAST: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        r"\b(?:was|were|had|did|would\s+have|said|told|met|held|went|came|made|took|gave|left|began|fell|rose|won|lost|saw|found|struck|hit|ran|sent|spoke|broke|shot|led|paid|sold|built|kept|brought|thought|wrote|chose|drove|flew|stood|fought|sought|caught|became|got)\b",
        r"|\b[a-z]{2,}ed\b",
    ))
});

/// The tense of the clause before `start`: the cue nearest the date wins; clause punctuation
/// (`,` `;` `:` a dash, a parenthesis, a quote) ends the clause.
fn tense_before(text: &str, start: usize) -> Tense {
    let before = line_before(text, start);
    let clause = before
        .rfind([
            '.', ',', ';', ':', '!', '?', '(', ')', '"', '“', '”', '—', '–',
        ])
        .map_or(before, |i| &before[i..]);
    let words: Vec<&str> = clause.split_whitespace().collect();
    let window = words[words.len().saturating_sub(TENSE_WINDOW_WORDS)..]
        .join(" ")
        .to_lowercase();
    let last_end = |re: &Regex| re.find_iter(&window).map(|m| m.end()).last();
    match (last_end(&FUTURE), last_end(&PAST)) {
        (Some(f), Some(p)) if f >= p => Tense::Future,
        (Some(_), Some(_)) => Tense::Past,
        (Some(_), None) => Tense::Future,
        (None, Some(_)) => Tense::Past,
        (None, None) => Tense::Unknown,
    }
}

/// The date of a sentence: the first date expression of its main clause, resolved against the
/// reference day. A date inside a side clause (`, which settled a dispute two years ago,`,
/// `who was elected in 2019`, a leading `Since 2019,`) tells when something else happened, not
/// the sentence's event, so it never dates the sentence; when only side clauses hold dates the
/// sentence has none.
pub fn sentence_date(sentence: &str, reference: Option<Day>) -> Option<(Span, DateRef)> {
    let found = dates_in(sentence, reference);
    let side = side_clauses(sentence, &found);
    found.into_iter().find(|(span, _)| {
        let at = span.start as usize;
        !side.iter().any(|r| r.contains(&at))
    })
}

/// Words that open a side clause after a comma, a dash or a parenthesis, or at the start of a
/// sentence before its first comma: relative pronouns, concessive and causal openers, and past
/// participles (`, elected in 2019,`).
static SIDE_OPENER: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        r"(?:^|[,(—–]\s*)(?i:who|whom|whose|which|where|having|since|although|though|whereas|despite)\b",
        r"|[,(—–]\s*(?:[a-z]{3,}ed|been|taken|given|written|chosen|driven|seen|beaten|broken|spoken|stolen|shaken|hidden|fallen|risen|frozen|sworn|born|built|held|sold)\b",
        r"|^\s*(?:[A-Z][a-z]{2,}ed|Born|Elected|Founded)\b",
    ))
});
/// A relative pronoun with no comma before it: a restrictive clause (`the mayor who was elected
/// in 2019 resigned on Tuesday`).
static RESTRICTIVE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"[^,\s]\s+(?:who|whom|whose|which)\b"));

/// The byte ranges of `sentence` that are side clauses. A clause opened after a comma runs to the
/// next comma, dash, parenthesis or semicolon; a restrictive one, with no comma to close it, ends
/// after its first date.
fn side_clauses(sentence: &str, found: &[(Span, DateRef)]) -> Vec<std::ops::Range<usize>> {
    let close = |from: usize| {
        sentence[from..]
            .find([',', ';', ')', '—', '–'])
            .map_or(sentence.len(), |i| from + i)
    };
    let mut side: Vec<std::ops::Range<usize>> = Vec::new();
    for m in SIDE_OPENER.find_iter(sentence) {
        // The comma that closes a side clause is followed by the main verb (`, opened`), not
        // by another side clause.
        if side.iter().any(|r| r.end == m.start()) {
            continue;
        }
        let from = m.start() + m.as_str().find(char::is_alphabetic).unwrap_or(0);
        side.push(m.start()..close(from));
    }
    for m in RESTRICTIVE.find_iter(sentence) {
        let from = m.start() + 1;
        let end = close(from);
        let first_date = found
            .iter()
            .map(|(s, _)| (s.start as usize, s.end as usize))
            .find(|(s, _)| (from..end).contains(s));
        side.push(from..first_date.map_or(end, |(_, e)| e));
    }
    side
}

/// The first `month`/`day` on or after the reference: a date in the future tense.
fn next_on_or_after(month: u32, day: u32, reference: Day) -> Option<Day> {
    (reference.year..=reference.year + 1)
        .filter_map(|year| Day::new(year, month, day))
        .find(|d| *d >= reference)
}

fn shift(reference: Day, amount: i64, unit: Precision) -> Option<Day> {
    match unit {
        Precision::Day => reference.add_days(amount),
        Precision::Week => reference.add_days(amount.checked_mul(7)?),
        Precision::Month => reference.add_months(amount),
        Precision::Year => reference.add_months(amount.checked_mul(12)?),
    }
}

fn in_week(reference: Day, target: Weekday, week: Week) -> Option<Day> {
    let today = weekday(reference).days_from_monday();
    let target = target.days_from_monday();
    let offset = match week {
        Week::MostRecent => -(today - target).rem_euclid(7),
        Week::Upcoming => (target - today).rem_euclid(7),
        Week::Previous => target - today - 7,
        Week::Current => target - today,
        Week::Following => target - today + 7,
    };
    reference.add_days(offset)
}

#[cfg(test)]
mod tests {
    use super::{Day, Weekday, dates_in, is_date_line, parse_date, resolve, weekday};

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

    #[test]
    fn day_numbers_agree_with_core_over_the_whole_range() {
        let first = Day::new(1800, 1, 1).map(Day::day_number);
        let last = Day::new(2200, 12, 31).map(Day::day_number);
        let (Some(first), Some(last)) = (first, last) else {
            panic!("the range ends are days");
        };
        for number in first..=last {
            let day = Day::from_day_number(number).expect("a day inside the range");
            assert_eq!(day.day_number(), number);
            assert_eq!(newsfold_core::parse_day_number(&day.iso()), Some(number));
        }
        assert_eq!(Day::from_day_number(first - 1), None);
        assert_eq!(Day::from_day_number(last + 1), None);
        assert_eq!(Day::from_day_number(i64::MAX), None);
        assert_eq!(Day::from_day_number(i64::MIN), None);
    }

    #[test]
    fn arithmetic() {
        let day = |y, m, d| Day::new(y, m, d).expect("a day");
        assert_eq!(day(2024, 2, 28).add_days(1), Some(day(2024, 2, 29)));
        assert_eq!(day(2023, 2, 28).add_days(1), Some(day(2023, 3, 1)));
        assert_eq!(day(2022, 1, 1).add_days(-1), Some(day(2021, 12, 31)));
        assert_eq!(day(2024, 3, 31).add_months(-1), Some(day(2024, 2, 29)));
        assert_eq!(day(2024, 2, 29).add_months(-12), Some(day(2023, 2, 28)));
        assert_eq!(day(2022, 12, 15).add_months(1), Some(day(2023, 1, 15)));
        assert_eq!(day(2200, 12, 31).add_days(1), None);
        assert_eq!(day(1800, 1, 1).add_months(-1), None);
        assert_eq!(day(2022, 6, 16).add_days(i64::MAX), None);
        assert_eq!(day(2022, 6, 16).add_months(i64::MIN), None);
    }

    #[test]
    fn weekdays() {
        let day = |y, m, d| Day::new(y, m, d).expect("a day");
        assert_eq!(weekday(day(1970, 1, 1)), Weekday::Thursday);
        assert_eq!(weekday(day(2022, 6, 16)), Weekday::Thursday);
        assert_eq!(weekday(day(2000, 2, 29)), Weekday::Tuesday);
        assert_eq!(weekday(day(1800, 1, 1)), Weekday::Wednesday);
        assert_eq!(weekday(day(2026, 3, 15)), Weekday::Sunday);
        assert_eq!(weekday(day(2026, 3, 16)), Weekday::Monday);
    }

    #[test]
    fn never_panics() {
        let reference = Day::new(2022, 6, 16);
        let inputs = [
            "Updated: Thu, 16 Jun 2022 08:30:00 +0000 — © 2024 Reuters",
            "9:41 a.m. ET, Feb. 30, 2025; yesterday, 3/2/2025 13/13/2025 ٢٠٢٢-٠٦-١٦",
            "éé 16 June 2022 ü last Wednesday 🦀 2022-06-16T08:30:00+08:00 ago 999 years ago",
            "Today USA Today Good Friday on Friday 1.2.2025.7 20220615 June 16 16th of June",
        ];
        for input in inputs {
            for (start, _) in input.char_indices() {
                for (end, _) in input[start..].char_indices() {
                    let slice = &input[start..start + end];
                    let _ = resolve(slice, reference);
                    let _ = resolve(slice, None);
                    for (span, _) in dates_in(slice, reference) {
                        assert!(slice.get(span.range()).is_some(), "{slice:?}");
                    }
                }
            }
        }
    }
}
