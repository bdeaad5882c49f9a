//! Runs the tables in `testdata/outlets.toml` through `newsfold_text::outlet_identities` and,
//! for whole articles, `newsfold_text::clean` and `newsfold_text::name_outlets`.
//!
//! Each case names why it exists; add a case there, not a test here.

use newsfold_core::{Raw, RawBody, RawFields};
use newsfold_text::{OutletNames, clean, name_outlets, outlet_identities};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    case: Vec<Case>,
    clean: Vec<CleanCase>,
}

/// Names per article, the article's outlet first; `""` in `expect` is no outlet.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    why: String,
    articles: Vec<Vec<String>>,
    expect: Vec<String>,
}

/// Whole articles: record fields `outlets` and `urls` (`""` for none) and `texts`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CleanCase {
    name: String,
    why: String,
    outlets: Vec<String>,
    urls: Vec<String>,
    texts: Vec<String>,
    expect: Vec<String>,
}

fn table() -> Table {
    toml::from_str(include_str!("../testdata/outlets.toml")).expect("testdata/outlets.toml parses")
}

fn shown(names: Vec<Option<String>>) -> Vec<String> {
    names.into_iter().map(Option::unwrap_or_default).collect()
}

#[test]
fn outlet_names_join_into_one_identity_whatever_their_order() {
    let cases = table().case;
    assert!(cases.len() >= 10);
    for case in cases {
        let label = format!("{} ({})", case.name, case.why);
        let digests: Vec<OutletNames> = case
            .articles
            .iter()
            .map(|names| OutletNames::from_names(names))
            .collect();
        assert_eq!(shown(outlet_identities(&digests)), case.expect, "{label}");
        let reversed: Vec<OutletNames> = digests.iter().rev().cloned().collect();
        let mut got = shown(outlet_identities(&reversed));
        got.reverse();
        assert_eq!(got, case.expect, "{label}: reversed order");
    }
}

fn blank(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

#[test]
fn cleaned_articles_are_named_by_their_own_outlet_not_their_source() {
    for case in table().clean {
        let label = format!("{} ({})", case.name, case.why);
        let mut articles: Vec<_> = (0..case.texts.len())
            .map(|i| {
                clean(&Raw {
                    path: format!("a{i}.txt"),
                    record: None,
                    index: 0,
                    body: RawBody::Text(case.texts[i].clone()),
                    fields: RawFields {
                        outlet: blank(&case.outlets[i]),
                        url: blank(&case.urls[i]),
                        ..RawFields::default()
                    },
                })
            })
            .collect();
        name_outlets(&mut articles);
        let got: Vec<String> = articles
            .iter()
            .map(|a| a.outlet.clone().unwrap_or_default())
            .collect();
        assert_eq!(got, case.expect, "{label}");
        // Naming again (a fold extended later) changes nothing.
        name_outlets(&mut articles);
        let again: Vec<String> = articles
            .iter()
            .map(|a| a.outlet.clone().unwrap_or_default())
            .collect();
        assert_eq!(again, case.expect, "{label}: named twice");
    }
}
