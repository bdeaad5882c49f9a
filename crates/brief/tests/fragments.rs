//! No brief sentence is a fragment (issue 18): a quotation that runs over two sentences is split
//! between them, as the sentence splitter must (ECB+'s gold sentences are split inside
//! quotations), so the second begins inside it (`… inspected next week.”`) and the first leaves
//! it open. Neither is a statement on its own, so neither is picked for the brief, while the
//! quotation is still one quote.

mod common;

use newsfold_brief::facts::is_fragment;
use newsfold_brief::{Length, summarize};
use newsfold_core::{Article, SentenceOrigins};

/// Three outlets carry the mayor's statement word for word; the rest of each is their own.
const ARTICLES: &[&str] = &[
    "Floodwater breached the levee on the Sable River near Millbrook on Tuesday, forcing about 1,200 residents from their homes. Mayor Ilse Varga said in a statement: “Our hearts go out to every family forced from home by the Sable River tonight. The levee on the Sable River will be rebuilt and every dyke in Sable County will be inspected next week.” Schools in Millbrook stayed closed on Wednesday.",
    "About 1,200 residents of Millbrook left their homes on Tuesday after the Sable River breached a levee. Mayor Ilse Varga said in a statement: “Our hearts go out to every family forced from home by the Sable River tonight. The levee on the Sable River will be rebuilt and every dyke in Sable County will be inspected next week.” Volunteers filled sandbags at the Millbrook fire station.",
    "The Sable River burst a levee at Millbrook on Tuesday and about 1,200 residents were evacuated. Mayor Ilse Varga said in a statement: “Our hearts go out to every family forced from home by the Sable River tonight. The levee on the Sable River will be rebuilt and every dyke in Sable County will be inspected next week.” Rain is forecast to ease by Thursday.",
];

#[test]
fn sentences_split_inside_a_quotation_are_never_brief_sentences() {
    let articles = common::articles(ARTICLES);
    let refs: Vec<&Article> = articles.iter().collect();
    let summary = summarize(&refs, &SentenceOrigins::default(), Length::default());
    assert!(!summary.brief.is_empty());
    for cited in &summary.brief {
        assert!(
            !is_fragment(&cited.text),
            "a fragment in the brief: {:?}",
            cited.text
        );
        assert!(!cited.text.ends_with("next week.”"), "{:?}", cited.text);
    }
    // The statement is still one quote, with its speaker, and carried by all three.
    let quote = summary
        .quotes
        .iter()
        .find(|q| q.variants[0].text.ends_with("inspected next week"))
        .expect("the statement is a quote");
    assert_eq!(quote.speaker.as_deref(), Some("Mayor Ilse Varga"));
    assert_eq!(quote.sources.len(), 3);
}

#[test]
fn what_is_a_fragment() {
    for fragment in [
        "The levee will be rebuilt and every dyke will be inspected next week.”",
        "Mayor Ilse Varga said in a statement: “Our hearts go out to every family tonight.",
        "next week, the mayor said.",
        "” Officials disagreed with the count.",
        ", and the river kept rising all night.",
    ] {
        assert!(is_fragment(fragment), "{fragment:?}");
    }
    for sentence in [
        "“We are working day and night,” she said.",
        "\"We are working day and night,\" she said.",
        "He called it a \"disaster. \"",
        "eBay said sales rose in the third quarter.",
        "The levee will be rebuilt, the mayor said.",
    ] {
        assert!(!is_fragment(sentence), "{sentence:?}");
    }
}
