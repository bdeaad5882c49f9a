//! Runs the table in `testdata/clean.toml` through `newsfold_text::clean`.
//!
//! Each case names why it exists; add a case there, not a test here.

use newsfold_core::{Raw, RawBody, RawFields};
use serde::Deserialize;

#[derive(Deserialize)]
struct Table {
    test: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    why: String,
    input: String,
    title: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
    dateline: Option<String>,
    byline: Option<String>,
    credits: Option<Vec<String>>,
    syndicated: Option<bool>,
    text_starts: Option<String>,
    removed: Option<Vec<String>>,
    warnings: Option<Vec<String>>,
    sentences: Option<usize>,
}

#[test]
fn clean_table() {
    let table: Table =
        toml::from_str(include_str!("../testdata/clean.toml")).expect("testdata/clean.toml parses");
    assert!(!table.test.is_empty());
    for case in table.test {
        let raw = Raw {
            path: format!("{}.txt", case.name),
            record: None,
            index: 0,
            body: RawBody::Text(case.input.clone()),
            fields: RawFields::default(),
        };
        let a = newsfold_text::clean(&raw);
        let ctx = format!("case {:?} ({})", case.name, case.why);
        let check = |field: &str, want: &Option<String>, got: &Option<String>| {
            if want.is_some() {
                assert_eq!(got, want, "{ctx}: {field}");
            }
        };
        check("title", &case.title, &a.title);
        check("published", &case.published, &a.published);
        check("updated", &case.updated, &a.updated);
        check("url", &case.url, &a.url);
        check("outlet", &case.outlet, &a.outlet);
        check("dateline", &case.dateline, &a.dateline);
        check("byline", &case.byline, &a.byline);
        if let Some(credits) = &case.credits {
            assert_eq!(&a.credits, credits, "{ctx}: credits");
        }
        if let Some(syndicated) = case.syndicated {
            assert_eq!(a.syndicated, syndicated, "{ctx}: syndicated");
        }
        if let Some(start) = &case.text_starts {
            assert!(
                a.text.starts_with(start.as_str()),
                "{ctx}: text starts {:?}",
                &a.text[..a.text.len().min(60)]
            );
        }
        if let Some(removed) = &case.removed {
            let got: Vec<String> = a
                .removed
                .iter()
                .map(|r| format!("{}: {}", r.reason, r.text))
                .collect();
            assert_eq!(&got, removed, "{ctx}: removed");
        }
        if let Some(warnings) = &case.warnings {
            assert_eq!(&a.warnings, warnings, "{ctx}: warnings");
        }
        if let Some(n) = case.sentences {
            let got: Vec<&str> = a.sentences.iter().map(|s| s.slice(&a.text)).collect();
            assert_eq!(a.sentences.len(), n, "{ctx}: sentences {got:?}");
        }
        for span in &a.sentences {
            assert!(
                a.text.get(span.range()).is_some(),
                "{ctx}: sentence span off a char boundary"
            );
        }
    }
}

#[test]
fn the_language_is_detected_unless_only_the_declared_one_is_wanted() {
    let raw = |language: Option<&str>| Raw {
        path: "report.txt".into(),
        record: None,
        index: 0,
        body: RawBody::Text(
            "The rail bridge over the river collapsed on Tuesday evening under a commuter \
             train, and rescue teams worked through the night to free the passengers trapped \
             in the two rear carriages while the ministry ordered an inspection."
                .into(),
        ),
        fields: RawFields {
            language: language.map(str::to_owned),
            ..RawFields::default()
        },
    };
    let declared_only = newsfold_text::CleanOptions {
        declared_language_only: true,
        ..newsfold_text::CleanOptions::default()
    };
    let clean = newsfold_text::clean_with;
    assert_eq!(
        newsfold_text::clean(&raw(None)).language.as_deref(),
        Some("en")
    );
    assert_eq!(clean(&raw(None), &declared_only).language, None);
    assert_eq!(
        clean(&raw(Some("en-GB")), &declared_only)
            .language
            .as_deref(),
        Some("en")
    );
    // The text is cleaned alike either way.
    assert_eq!(
        clean(&raw(None), &declared_only).text,
        newsfold_text::clean(&raw(None)).text
    );
}
