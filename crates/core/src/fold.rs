//! The fold: what newsfold says about a pile of articles.
//!
//! Its serialised form is `fold.json`. Field names here are the contract that other tools read
//! (PRODUCT.md); new fields may be added beside them, never renamed. Every list is sorted by a
//! key that does not depend on input order or thread count, so the same input gives the same
//! bytes.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::{Article, Rejected, Span};

/// How one article reuses another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReuseKind {
    /// The same text, apart from boilerplate.
    Duplicate,
    /// Most of the copy's text comes from the source.
    Copy,
    /// Some passages of the copy come from the source.
    Partial,
    /// The only shared text is quotation of a third party: not copied reporting.
    Quotes,
}

impl ReuseKind {
    /// The name used in `fold.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReuseKind::Duplicate => "duplicate",
            ReuseKind::Copy => "copy",
            ReuseKind::Partial => "partial",
            ReuseKind::Quotes => "quotes",
        }
    }

    /// True for the kinds that make two articles one piece of reporting.
    pub fn is_copying(self) -> bool {
        matches!(self, ReuseKind::Duplicate | ReuseKind::Copy)
    }
}

/// One aligned passage: the same words in the source and in the copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Passage {
    /// Where the passage stands in the source's text.
    pub source: Span,
    /// Where it stands in the copy's text.
    pub copy: Span,
    /// True when the passage is quotation of a third party in the copy.
    pub quote: bool,
}

/// A verified reuse relation between two articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reuse {
    /// The article the text comes from.
    pub source: String,
    /// The article that reuses it.
    pub copy: String,
    /// What kind of reuse.
    pub kind: ReuseKind,
    /// Share of the copy's text (in words) that comes from the source, 0..1.
    pub coverage: f64,
    /// The rule that decided which side is the source (`syndication notice`, `credited wire`,
    /// `earlier date`, `containment`, `agency's own`, `agency credit`, or `compilation` when a
    /// roundup was turned round), or `undetermined` when nothing tells: `source` and `copy`
    /// are then only the order the relation is written in.
    pub direction: String,
    /// Aligned passages, in the copy's order.
    pub passages: Vec<Passage>,
}

/// The articles that go back to one piece of original reporting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// Stable id, derived from the root article's id.
    pub id: String,
    /// The article the others descend from (the source of the copying edges).
    pub root: String,
    /// Member article ids, sorted.
    pub articles: Vec<String>,
}

/// A cited piece of text: a brief sentence or a fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cited {
    /// A real sentence from one of the articles, as it stands there.
    pub text: String,
    /// Every article that carries it, sorted.
    pub sources: Vec<String>,
    /// Number of distinct origins of the sentences that carry it in `sources`
    /// ([`crate::SentenceOrigins`]).
    pub independent: usize,
    /// Where it stands in each source: `(article id, span)`, sorted by article id.
    pub spans: Vec<(String, Span)>,
}

/// Articles about one real-world event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Stable id, derived from the story's earliest article; when a fold is extended, the id
    /// the story had before while it is the same story (`engine::carry_story_ids`).
    pub id: String,
    /// A representative title or lead sentence.
    pub headline: Option<String>,
    /// Member article ids, sorted.
    pub articles: Vec<String>,
    /// Roundups that also cover this story: articles made of pieces of several stories, which
    /// are members of the story of their largest part and listed here in the others (their
    /// pieces of this story are copies of its articles), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roundups: Vec<String>,
    /// Distinct outlets among the articles, sorted.
    pub outlets: Vec<String>,
    /// Distinct origins of the articles' sentences ([`crate::SentenceOrigins::count_articles`]).
    pub independent: usize,
    /// Earliest publication date among the articles.
    pub first_published: Option<String>,
    /// Latest publication date among the articles.
    pub last_published: Option<String>,
    /// The cited extractive brief, in reading order.
    pub brief: Vec<Cited>,
    /// Statements carried by more than one article, most widely carried first.
    pub facts: Vec<Cited>,
    /// Statements that only one origin makes (in a story of several origins): the most
    /// on-topic, in reading order.
    #[serde(default)]
    pub only_in: Vec<Cited>,
    /// Things the articles name in different words ("invasion" or "military operation").
    #[serde(default)]
    pub framing: Vec<Framing>,
    /// Numbers the articles give (money, shares, ages, counts), normalised, each with its
    /// sources.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Different values that articles of different origins give for one thing.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    /// Facts that mention a date, the date resolved against their article's publication day,
    /// earliest first.
    #[serde(default)]
    pub timeline: Vec<Dated>,
    /// Who said what: quoted statements, their variants merged, most widely carried first.
    #[serde(default)]
    pub quotes: Vec<Quote>,
}

/// One statement as the articles quote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Who said it, as most variants name them.
    pub speaker: Option<String>,
    /// How the words reached the outlets ("CCTV", "statement"), as most variants say.
    pub channel: Option<String>,
    /// Inside quotation marks (`false`: reported speech).
    pub direct: bool,
    /// Every article that quotes it, sorted.
    pub sources: Vec<String>,
    /// Number of distinct origins of the sentences that carry it in `sources`
    /// ([`crate::SentenceOrigins`]).
    pub independent: usize,
    /// Each wording, most widely carried first.
    pub variants: Vec<QuoteVariant>,
}

/// One wording of a [`Quote`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteVariant {
    /// The quoted words.
    pub text: String,
    /// Articles that carry this wording, sorted.
    pub articles: Vec<String>,
    /// Where it stands in each: `(article id, span)`.
    pub spans: Vec<(String, Span)>,
}

/// A number a story's articles give, normalised, with the articles that give it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// `money`, `percent`, `age` or `count`.
    pub kind: String,
    /// A currency code (`USD`), `%`, `years`, or the counted noun (`people`).
    pub unit: String,
    /// The value: `$147 billion` is 147000000000.
    pub value: f64,
    /// As first written.
    pub text: String,
    /// Every article that gives it, sorted.
    pub sources: Vec<String>,
    /// Number of distinct origins of the sentences that carry it in `sources`
    /// ([`crate::SentenceOrigins`]).
    pub independent: usize,
    /// Where it stands in each source (the figure's own words): `(article id, span)`.
    pub spans: Vec<(String, Span)>,
}

/// Different values given for one thing by articles of different origins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// The figures' kind.
    pub kind: String,
    /// Their unit.
    pub unit: String,
    /// The competing values, smallest first.
    pub values: Vec<Figure>,
}

/// A fact with the date it mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dated {
    /// The date: `YYYY-MM-DD`, or `YYYY-MM` or `YYYY` when the text gave no more.
    pub date: String,
    /// `day`, `week`, `month` or `year`.
    pub precision: String,
    /// The fact.
    #[serde(flatten)]
    pub fact: Cited,
}

/// One thing named in different words by the articles of a story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Framing {
    /// What is named, in neutral words.
    pub referent: String,
    /// Each wording used, most used first.
    pub wordings: Vec<Wording>,
}

/// One wording of a [`Framing`] and who uses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wording {
    /// The term, as the lexicon names it.
    pub term: String,
    /// Articles that use it, sorted.
    pub articles: Vec<String>,
    /// Their outlets (where known), sorted and distinct.
    pub outlets: Vec<String>,
}

/// How long one stage took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageTiming {
    /// The stage's name.
    pub stage: String,
    /// Wall-clock milliseconds.
    pub millis: u64,
}

/// Facts about the run that made a fold. The only part of `fold.json` that may differ between
/// two runs on the same input.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunInfo {
    /// newsfold's version.
    pub version: String,
    /// Worker threads used.
    pub threads: usize,
    /// Time per stage.
    pub timings: Vec<StageTiming>,
}

/// Everything newsfold says about a set of inputs: the `fold.json` document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Fold {
    /// Cleaned articles, sorted by id.
    pub articles: Vec<Article>,
    /// Stories, earliest first.
    pub stories: Vec<Story>,
    /// Reuse relations, sorted by (source, copy).
    pub reuse: Vec<Reuse>,
    /// Origins, sorted by id.
    pub origins: Vec<Origin>,
    /// Inputs that could not be read, sorted by path and record.
    pub rejected: Vec<Rejected>,
    /// Run facts (timings); may differ between runs.
    pub run: RunInfo,
}

/// The number of distinct origins among `articles` as wholes, given each article's origin id
/// (what a store or a server lists; every `independent` count of a fold counts the origins of
/// sentences instead: [`crate::SentenceOrigins`]). Articles with
/// no known origin count as one origin each.
pub fn count_origins<'a>(
    articles: impl IntoIterator<Item = &'a str>,
    origin_of: &BTreeMap<String, String>,
) -> usize {
    let mut seen = BTreeSet::new();
    for id in articles {
        seen.insert(origin_of.get(id).map_or(id, String::as_str));
    }
    seen.len()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::count_origins;

    #[test]
    fn copies_of_one_wire_story_count_once() {
        let origin_of: BTreeMap<String, String> = [("wire", "o1"), ("copy", "o1"), ("own", "o2")]
            .into_iter()
            .map(|(a, o)| (a.to_owned(), o.to_owned()))
            .collect();
        assert_eq!(count_origins(["wire", "copy"], &origin_of), 1);
        assert_eq!(count_origins(["wire", "copy", "own"], &origin_of), 2);
        assert_eq!(count_origins(["wire", "unknown"], &origin_of), 2);
    }
}
