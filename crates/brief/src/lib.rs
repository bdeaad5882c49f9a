//! The align and brief stages: what the articles of one story say together.
//!
//! [`facts::align`] groups sentences that state the same thing; [`summarize`] turns the groups
//! into the story's facts (statements carried by several articles, with the number of
//! independent origins behind each) and its brief: an extractive summary whose every sentence is
//! a real sentence of a real article, cited to every article that carries it.
//!
//! The brief scores each fact by how many independent origins carry it, how central its words
//! are to the story, and how early it comes in its articles (news puts the point first); it then
//! picks greedily, skipping anything too close to what it already said, and orders the picks for
//! reading. Functions here see one story's articles and nothing else.

pub mod facts;
pub mod similarity;

use std::collections::{BTreeMap, BTreeSet};

use newsfold_core::{Article, Cited, count_origins};

use facts::{FactGroup, SentenceRef, read_sentences};

/// How long a brief may be.
#[derive(Debug, Clone, Copy)]
pub struct Length {
    /// At most this many sentences.
    pub sentences: usize,
    /// At most this many words (the sentence that crosses it is left out).
    pub words: usize,
}

impl Default for Length {
    fn default() -> Length {
        Length {
            sentences: 6,
            words: 160,
        }
    }
}

/// Two brief sentences sharing more than this (Jaccard of stems) are redundant.
const REDUNDANT: f64 = 0.35;

/// What the brief stage says about one story.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// A representative title, else the first brief sentence.
    pub headline: Option<String>,
    /// The cited brief, in reading order.
    pub brief: Vec<Cited>,
    /// Facts carried by more than one article, most independent first.
    pub facts: Vec<Cited>,
}

/// Summarise one story. `origin_of` maps article ids to origin ids, for the independent counts.
pub fn summarize(
    articles: &[&Article],
    origin_of: &BTreeMap<String, String>,
    length: Length,
) -> Summary {
    let sentences = read_sentences(articles);
    let groups = facts::align(&sentences);
    let stems: Vec<Vec<&BTreeSet<String>>> = sentences
        .iter()
        .map(|ss| ss.iter().map(|s| &s.content).collect())
        .collect();
    let n = articles.len().max(1) as f64;

    // How many articles use each stem: the story's centre of gravity.
    let mut article_freq: BTreeMap<&str, f64> = BTreeMap::new();
    for sentences in &stems {
        let own: BTreeSet<&str> = sentences
            .iter()
            .flat_map(|s| s.iter())
            .map(String::as_str)
            .collect();
        for s in own {
            *article_freq.entry(s).or_default() += 1.0 / n;
        }
    }
    let centrality = |stems: &BTreeSet<String>| -> f64 {
        if stems.is_empty() {
            return 0.0;
        }
        stems
            .iter()
            .map(|s| article_freq.get(s.as_str()).copied().unwrap_or(0.0))
            .sum::<f64>()
            / stems.len() as f64
    };
    let total_origins =
        count_origins(articles.iter().map(|a| a.id.as_str()), origin_of).max(1) as f64;
    let relative_position =
        |&(a, i): &SentenceRef| i as f64 / articles[a].sentences.len().max(1) as f64;

    let cite = |group: &FactGroup| -> Cited {
        let mut spans: BTreeMap<String, newsfold_core::Span> = BTreeMap::new();
        for &(a, i) in &group.members {
            spans
                .entry(articles[a].id.clone())
                .or_insert(articles[a].sentences[i]);
        }
        let sources: Vec<String> = spans.keys().cloned().collect();
        let (a, i) = group.representative;
        Cited {
            text: articles[a].sentence(i).to_owned(),
            independent: count_origins(sources.iter().map(String::as_str), origin_of),
            sources,
            spans: spans.into_iter().collect(),
        }
    };

    struct Candidate<'g> {
        group: &'g FactGroup,
        cited: Cited,
        score: f64,
        position: f64,
    }
    let mut candidates: Vec<Candidate> = groups
        .iter()
        .filter(|g| {
            let (a, i) = g.representative;
            readable(articles[a].sentence(i))
        })
        .map(|g| {
            let cited = cite(g);
            let (a, i) = g.representative;
            let position = g.members.iter().map(relative_position).fold(1.0, f64::min);
            let score = cited.independent as f64 / total_origins
                + 0.2 * cited.sources.len() as f64 / n
                + 0.6 * centrality(&stems[a][i])
                + 0.4 * (1.0 - position);
            Candidate {
                group: g,
                cited,
                score,
                position,
            }
        })
        .collect();
    candidates.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.group.members.cmp(&y.group.members))
    });

    let mut chosen: Vec<&Candidate> = Vec::new();
    let mut words = 0;
    for c in &candidates {
        if chosen.len() >= length.sentences {
            break;
        }
        let (a, i) = c.group.representative;
        let size = c.cited.text.split_whitespace().count();
        if words + size > length.words {
            continue;
        }
        let redundant = chosen.iter().any(|o| {
            let (b, j) = o.group.representative;
            jaccard(&stems[a][i], &stems[b][j]) > REDUNDANT
        });
        if !redundant {
            words += size;
            chosen.push(c);
        }
    }
    chosen.sort_by(|x, y| {
        x.position
            .total_cmp(&y.position)
            .then(x.group.members.cmp(&y.group.members))
    });
    let brief: Vec<Cited> = chosen.iter().map(|c| c.cited.clone()).collect();

    let mut facts: Vec<Cited> = groups
        .iter()
        .map(cite)
        .filter(|c| c.sources.len() > 1)
        .collect();
    facts.sort_by(|x, y| {
        (y.independent, y.sources.len())
            .cmp(&(x.independent, x.sources.len()))
            .then(x.spans.cmp(&y.spans))
    });

    let headline =
        headline(articles, &centrality).or_else(|| brief.first().map(|c| c.text.clone()));
    Summary {
        headline,
        brief,
        facts,
    }
}

/// The title whose words are most central to the story.
fn headline(
    articles: &[&Article],
    centrality: &dyn Fn(&BTreeSet<String>) -> f64,
) -> Option<String> {
    articles
        .iter()
        .filter_map(|a| a.title.as_deref())
        .map(|t| {
            (
                centrality(&newsfold_text::content_stems(t).into_iter().collect()),
                t,
            )
        })
        .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(x.1)))
        .map(|(_, t)| t.to_owned())
}

/// Opening words that point back at an earlier sentence: a brief sentence starting with one would
/// leave the reader asking who "he" is.
const DANGLING: &[&str] = &[
    "He", "She", "They", "His", "Her", "Their", "Its", "This", "These", "Those", "Such", "But",
    "And", "Also",
];

/// A sentence that reads well on its own: a full sentence of reasonable length, not a question,
/// a list lead-in, a fragment, or one that leans on the sentence before it.
fn readable(sentence: &str) -> bool {
    let words = sentence.split_whitespace().count();
    if sentence
        .split_whitespace()
        .next()
        .is_some_and(|w| DANGLING.contains(&w.trim_end_matches(',')))
    {
        return false;
    }
    let first = sentence.chars().next();
    let last = sentence
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .chars()
        .last();
    (6..=60).contains(&words)
        && first
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘'))
        && matches!(last, Some('.' | '!'))
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let shared = a.intersection(b).count() as f64;
    let union = (a.len() + b.len()) as f64 - shared;
    if union == 0.0 { 0.0 } else { shared / union }
}
