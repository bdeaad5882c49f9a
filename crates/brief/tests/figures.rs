//! Runs the table in `testdata/figures.toml` through `newsfold_brief::figures::figures`.
//!
//! Each case is a story of one or more articles, each its own origin; the figures it gives and
//! the conflicts between them are compared with the table; every failing case is listed. Add a
//! case there, not a test here.

mod common;

use newsfold_brief::facts::read_sentences;
use newsfold_brief::figures::figures;
use newsfold_core::{Article, SentenceOrigins};
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
    articles: Vec<String>,
    figures: Vec<Want>,
    conflicts: Option<Vec<WantConflict>>,
}

#[derive(Deserialize, Debug, PartialEq, PartialOrd)]
#[serde(deny_unknown_fields)]
struct Want {
    kind: String,
    unit: String,
    value: f64,
    text: String,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct WantConflict {
    kind: String,
    unit: String,
    values: Vec<String>,
}

#[test]
fn figures_table() {
    let table: Table = toml::from_str(include_str!("../testdata/figures.toml"))
        .expect("testdata/figures.toml parses");
    let mut names = std::collections::BTreeSet::new();
    let mut failed = Vec::new();
    for case in table.test {
        let ctx = format!("case {:?} ({})", case.name, case.why);
        assert!(names.insert(case.name.clone()), "{ctx}: duplicate name");
        let articles = common::articles(&case.articles);
        let refs: Vec<&Article> = articles.iter().collect();
        let (got, conflicts) = figures(&refs, &read_sentences(&refs), &SentenceOrigins::default());
        let mut got: Vec<Want> = got
            .into_iter()
            .map(|f| Want {
                kind: f.kind,
                unit: f.unit,
                value: f.value,
                text: f.text,
            })
            .collect();
        let mut want = case.figures;
        let order = |a: &Want, b: &Want| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal);
        got.sort_by(order);
        want.sort_by(order);
        if got != want {
            failed.push(format!("{ctx}:\n  got  {got:?}\n  want {want:?}"));
        }
        if let Some(want) = case.conflicts {
            let got: Vec<WantConflict> = conflicts
                .into_iter()
                .map(|c| WantConflict {
                    kind: c.kind,
                    unit: c.unit,
                    values: c.values.into_iter().map(|v| v.text).collect(),
                })
                .collect();
            if got != want {
                failed.push(format!("{ctx}: conflicts\n  got  {got:?}\n  want {want:?}"));
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
