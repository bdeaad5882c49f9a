//! Runs the table in `testdata/datelines.toml` through `newsfold_text::dateline` and through
//! `newsfold_text::clean`, which must cut the dateline from the head of the text and credit its
//! agency.
//!
//! Each case names why it exists; add a case there, not a test here.

use newsfold_core::{Raw, RawBody, RawFields};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    case: Vec<Case>,
}

/// One first line of a body. Absent `dateline` means the line holds none.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    why: String,
    input: String,
    /// Lines above the input in the body (a title, a subtitle, a timestamp).
    header: Option<Vec<String>>,
    /// A title given by the record (a feed's title field).
    title: Option<String>,
    dateline: Option<String>,
    agency: Option<String>,
    month_day: Option<(u32, u32)>,
    date: Option<String>,
    rest: String,
}

fn table() -> Vec<Case> {
    toml::from_str::<Table>(include_str!("../testdata/datelines.toml"))
        .expect("testdata/datelines.toml parses")
        .case
}

#[test]
fn dateline_table() {
    let cases = table();
    assert!(cases.len() >= 30, "the table keeps at least 30 cases");
    for case in cases {
        let ctx = format!("case {:?} ({})", case.name, case.why);
        if case.header.is_some() || case.title.is_some() {
            continue;
        }
        let got = newsfold_text::dateline(&case.input);
        let Some(want) = &case.dateline else {
            assert_eq!(got, None, "{ctx}");
            continue;
        };
        let got = got.unwrap_or_else(|| panic!("{ctx}: no dateline found"));
        assert_eq!(&got.text, want, "{ctx}: text");
        assert_eq!(got.agency, case.agency, "{ctx}: agency");
        assert_eq!(got.month_day, case.month_day, "{ctx}: month and day");
        assert_eq!(got.date, case.date, "{ctx}: date");
        assert_eq!(&case.input[got.len..], case.rest, "{ctx}: rest");
        // `infer_years` reads the kept text back as a dateline for its month and day.
        let again = newsfold_text::dateline(&format!("{} — x", got.text));
        assert_eq!(
            again.and_then(|d| d.month_day),
            case.month_day,
            "{ctx}: read back"
        );
    }
}

#[test]
fn clean_cuts_and_credits_the_dateline() {
    for case in table() {
        let ctx = format!("case {:?} ({})", case.name, case.why);
        let mut input = case.header.clone().unwrap_or_default().join("\n");
        input.push('\n');
        input.push_str(&case.input);
        input.push_str("\nA second paragraph follows it here.");
        let raw = Raw {
            path: format!("{}.txt", case.name),
            record: None,
            index: 0,
            body: RawBody::Text(input),
            fields: RawFields {
                title: case.title.clone(),
                ..RawFields::default()
            },
        };
        let article = newsfold_text::clean(&raw);
        assert_eq!(article.dateline, case.dateline, "{ctx}: dateline");
        let want_rest = if case.title.as_ref() == Some(&case.input) {
            "A second paragraph" // the line repeats the title: it is header, all of it
        } else {
            case.rest.as_str()
        };
        assert!(
            article.text.starts_with(want_rest),
            "{ctx}: text starts {:?}",
            &article.text[..article.text.len().min(60)]
        );
        if let Some(agency) = &case.agency {
            let first = agency.split('/').next().unwrap_or(agency);
            let name = newsfold_text::agency_name(first);
            assert!(
                article.credits.contains(&name),
                "{ctx}: credits {:?}",
                article.credits
            );
        }
        if let Some(date) = &case.date {
            assert_eq!(article.published.as_ref(), Some(date), "{ctx}: published");
        }
    }
}
