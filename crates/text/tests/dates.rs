//! Runs the tables in `testdata/dates.toml` through `newsfold_text::resolve`,
//! `newsfold_text::dates_in` and `newsfold_text::sentence_date`.
//!
//! Each case names why it exists; add a case there, not a test here.

use newsfold_text::{Day, dates_in, parse_date, resolve, sentence_date};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    test: Vec<Case>,
    scan: Vec<ScanCase>,
    sentence: Vec<SentenceCase>,
}

/// One `resolve` case. Absent `kind`, `precision` and `relative` mean `mentioned`, `day` and
/// `false`, so every expected date is checked whole.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    why: String,
    input: String,
    reference: Option<String>,
    expect: String,
    kind: Option<String>,
    precision: Option<String>,
    relative: Option<bool>,
}

/// One `dates_in` case: each date found, as its span's text and its day.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScanCase {
    name: String,
    why: String,
    input: String,
    reference: Option<String>,
    found: Vec<(String, String)>,
}

/// One `sentence_date` case: the date of the main clause, as its span's text and its day, or
/// absent when the main clause has none.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SentenceCase {
    name: String,
    why: String,
    input: String,
    reference: Option<String>,
    found: Option<(String, String)>,
}

fn table() -> Table {
    toml::from_str(include_str!("../testdata/dates.toml")).expect("testdata/dates.toml parses")
}

fn reference(name: &str, reference: Option<&str>) -> Option<Day> {
    reference.map(|r| parse_date(r).unwrap_or_else(|| panic!("case {name:?}: reference {r:?}")))
}

#[test]
fn resolve_table() {
    let cases = table().test;
    assert!(cases.len() >= 30, "the table keeps at least 30 cases");
    for case in cases {
        let ctx = format!("case {:?} ({})", case.name, case.why);
        let got = resolve(
            &case.input,
            reference(&case.name, case.reference.as_deref()),
        );
        let Some(got) = got else {
            assert_eq!(case.expect, "none", "{ctx}: got none");
            continue;
        };
        let lower = |value: &dyn std::fmt::Debug| format!("{value:?}").to_lowercase();
        assert_eq!(got.day.iso(), case.expect, "{ctx}: day of {got:?}");
        let kind = case.kind.as_deref().unwrap_or("mentioned");
        assert_eq!(lower(&got.kind), kind, "{ctx}: kind");
        let precision = case.precision.as_deref().unwrap_or("day");
        assert_eq!(lower(&got.precision), precision, "{ctx}: precision");
        assert_eq!(
            got.relative,
            case.relative.unwrap_or(false),
            "{ctx}: relative"
        );
    }
}

#[test]
fn dates_in_table() {
    for case in table().scan {
        let ctx = format!("case {:?} ({})", case.name, case.why);
        let got: Vec<(String, String)> = dates_in(
            &case.input,
            reference(&case.name, case.reference.as_deref()),
        )
        .into_iter()
        .map(|(span, date)| {
            let text = case.input.get(span.range()).unwrap_or("<off a boundary>");
            (text.to_owned(), date.day.iso())
        })
        .collect();
        assert_eq!(got, case.found, "{ctx}");
    }
}

#[test]
fn sentence_date_table() {
    let cases = table().sentence;
    assert!(
        cases.len() >= 10,
        "the table keeps at least 10 sentence cases"
    );
    for case in cases {
        let ctx = format!("case {:?} ({})", case.name, case.why);
        let got = sentence_date(
            &case.input,
            reference(&case.name, case.reference.as_deref()),
        )
        .map(|(span, date)| {
            let text = case.input.get(span.range()).unwrap_or("<off a boundary>");
            (text.to_owned(), date.day.iso())
        });
        assert_eq!(got, case.found, "{ctx}");
    }
}
