//! Runs the table in `testdata/headlines.toml` through `newsfold_brief::summarize`: each case
//! is a story's articles (title, outlet, length) and the headline it gets, in the table's order
//! and reversed.
//!
//! Each case names why it exists; add a case there, not a test here.

mod common;

use newsfold_brief::{Length, summarize};
use newsfold_core::{Article, SentenceOrigins};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    why: String,
    articles: Vec<Given>,
    expect: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Given {
    title: String,
    outlet: String,
    sentences: usize,
}

fn article(k: usize, given: &Given) -> Article {
    // Each sentence repeats the title's wording, so every title's words are the story's.
    let wording = newsfold_text::title_wording(&given.title);
    let said = if newsfold_text::is_plausible_title(wording) {
        wording
    } else {
        "the events went on"
    };
    let text: String = (0..given.sentences)
        .map(|i| format!("In update {i} officials said this: {said}. "))
        .collect();
    Article {
        title: Some(given.title.clone()),
        outlet: Some(given.outlet.clone()),
        ..common::article(format!("a{k}"), text)
    }
}

#[test]
fn the_headline_is_the_wording_most_outlets_share() {
    let table: Table = toml::from_str(include_str!("../testdata/headlines.toml"))
        .expect("testdata/headlines.toml parses");
    assert!(table.case.len() >= 10);
    for case in table.case {
        let label = format!("{} ({})", case.name, case.why);
        let articles: Vec<Article> = case
            .articles
            .iter()
            .enumerate()
            .map(|(k, g)| article(k, g))
            .collect();
        for (a, k) in articles.iter().zip(&case.articles) {
            assert_eq!(a.sentences.len(), k.sentences, "{label}: test text");
        }
        let mut refs: Vec<&Article> = articles.iter().collect();
        let got = summarize(&refs, &SentenceOrigins::default(), Length::default()).headline;
        assert_eq!(got.as_deref(), Some(case.expect.as_str()), "{label}");
        refs.reverse();
        let got = summarize(&refs, &SentenceOrigins::default(), Length::default()).headline;
        assert_eq!(
            got.as_deref(),
            Some(case.expect.as_str()),
            "{label}: reversed"
        );
    }
}
