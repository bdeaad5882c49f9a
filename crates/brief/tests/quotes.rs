//! Runs the table in `testdata/quotes.toml` through `newsfold_brief::quotes::quotes`.
//!
//! Each case is a story of one or more articles, each its own origin; every quote it gives is
//! compared with the table (speaker, text, direct, and the channel where the table gives one);
//! every failing case is listed. Add a case there, not a test here.

mod common;

use newsfold_brief::quotes::quotes;
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
    quotes: Vec<Want>,
}

#[derive(Deserialize, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
struct Want {
    text: String,
    speaker: Option<String>,
    direct: bool,
    channel: Option<String>,
}

#[test]
fn quotes_table() {
    let table: Table = toml::from_str(include_str!("../testdata/quotes.toml"))
        .expect("testdata/quotes.toml parses");
    let mut names = std::collections::BTreeSet::new();
    let mut failed = Vec::new();
    for case in table.test {
        let ctx = format!("case {:?} ({})", case.name, case.why);
        assert!(names.insert(case.name.clone()), "{ctx}: duplicate name");
        let articles = common::articles(&case.articles);
        let refs: Vec<&Article> = articles.iter().collect();
        let mut want = case.quotes;
        let mut got: Vec<Want> = quotes(&refs, &SentenceOrigins::default())
            .into_iter()
            .map(|q| Want {
                text: q.variants[0].text.clone(),
                speaker: q.speaker,
                direct: q.direct,
                channel: q.channel,
            })
            .collect();
        // The channel is compared only where the table gives one.
        for g in &mut got {
            let named = want.iter().any(|w| w.text == g.text && w.channel.is_some());
            if !named {
                g.channel = None;
            }
        }
        got.sort();
        want.sort();
        if got != want {
            failed.push(format!("{ctx}:\n  got  {got:?}\n  want {want:?}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
