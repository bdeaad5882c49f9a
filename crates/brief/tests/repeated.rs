//! Repeated text never makes the brief stage quadratic (issue 17, defect 2).
//!
//! Two articles of one sentence repeated 1,000 and 2,000 times took 12 s in the brief stage
//! (release), and 4,000 and 8,000 times over a minute: every pair of occurrences was compared.
//! Sentences that read alike are now compared once, so these stories, each of which ran over a
//! minute before in a debug build, summarise in a second or two. The tests check the shape of
//! the result; the timings are in the report of issue 17.

mod common;

use common::article;

use newsfold_brief::{Length, summarize};
use newsfold_core::{Article, SentenceOrigins};

const SENTENCE: &str = "The committee reviewed the plan and said it was good. ";

#[test]
fn two_articles_of_one_repeated_sentence_make_one_fact() {
    let a = article("a", SENTENCE.repeat(3000));
    let b = article("b", SENTENCE.repeat(6000));
    assert_eq!((a.sentences.len(), b.sentences.len()), (3000, 6000));
    let summary = summarize(&[&a, &b], &SentenceOrigins::default(), Length::default());
    assert_eq!(summary.facts.len(), 1);
    assert_eq!(summary.facts[0].sources, ["a", "b"]);
    assert_eq!(summary.facts[0].text, SENTENCE.trim_end());
    assert_eq!(summary.brief.len(), 1);
    assert_eq!(summary.brief[0].spans[0].1.start, 0);
    assert!(summary.quotes.len() <= 1, "{:?}", summary.quotes);
    for quote in &summary.quotes {
        assert_eq!(quote.variants.len(), 1);
        assert_eq!(quote.sources, ["a", "b"]);
    }
}

#[test]
fn repeated_figures_in_many_articles_are_compared_once() {
    // Six outlets each repeat two sentences with figures a thousand times: 12,000
    // occurrences of one unit, which the conflict search paired up one by one.
    let articles: Vec<Article> = (0..6)
        .map(|k| {
            let text = format!(
                "The bridge fell and {} people were hurt in Keldport. Officials said {} people \
                 were hurt when the old bridge fell. ",
                40 + k,
                43 + k
            )
            .repeat(1000);
            article(format!("a{k}"), text)
        })
        .collect();
    let refs: Vec<&Article> = articles.iter().collect();
    let summary = summarize(&refs, &SentenceOrigins::default(), Length::default());
    let counts: Vec<f64> = summary
        .figures
        .iter()
        .filter(|f| f.kind == "count")
        .map(|f| f.value)
        .collect();
    assert_eq!(
        counts,
        [40.0, 41.0, 42.0, 43.0, 44.0, 45.0, 46.0, 47.0, 48.0]
    );
    assert_eq!(summary.conflicts.len(), 1);
    assert_eq!(summary.conflicts[0].values.len(), 9);
}

#[test]
fn one_article_of_one_sentence_repeated_is_read_once() {
    // One article, no one to compare with: every occurrence stays its own sentence, and the
    // brief says it once.
    let a = article("a", SENTENCE.repeat(20_000));
    let summary = summarize(&[&a], &SentenceOrigins::default(), Length::default());
    assert!(summary.facts.is_empty());
    assert_eq!(summary.brief.len(), 1);
    assert_eq!(summary.brief[0].text, SENTENCE.trim_end());
}
