//! Quotes: who said what, through which channel, and which variants are one statement.
//!
//! A **direct** quote is text inside double quotation marks (`"…"` or `“…”`) of at least
//! [`MIN_WORDS`] words; an **indirect** quote is the clause after a speaker and a verb of saying
//! in a sentence without quotation marks ("The Kremlin said the two leaders agreed to ...").
//! The **speaker** is the name before or after the verb of saying outside the quotation marks
//! ("Xi said", "said Mr Putin", "the Kremlin said in a statement"); pronouns are no speaker. The
//! **channel** is how the words reached the outlet: "according to CCTV", "state media
//! reported", "in a statement", "told reporters".
//!
//! Outlets quote one statement in different cuts and translations. Quotes of different articles
//! whose words overlap (one holds [`SAME_QUOTE`] of the other's content stems, or the paraphrase
//! model judges them the same) are **variants** of one statement, kept side by side with the
//! articles that carry each; the statement's speaker and channel are those most variants give.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use regex::Regex;

use newsfold_core::{Article, Quote, QuoteVariant, Span, UnionFind, count_origins};

use crate::similarity::{Sentence, containment, same};

/// Fewest words of a direct quote (shorter ones are scare quotes: the "no limits" partnership).
pub const MIN_WORDS: usize = 4;
/// Share of the smaller quote's content stems in the larger at which two quotes are variants.
pub const SAME_QUOTE: f64 = 0.6;

const SAYING: &str = "said|says|told|added|stated|noted|stressed|declared|announced|warned|wrote|insisted|urged|pledged";

/// A name: capitalised words, with `of`, `the`, `and` between them ("Ministry of Transport").
/// A capitalised adjective may be followed by a role ("the Chinese leader").
const NAME: &str = r"(?:[Tt]he\s+)?[A-Z][\w’'.\-]*(?:\s+(?:of|the|and|for|[A-Z][\w’'.\-]*))*(?:\s+(?:president|leader|side|government|ministry|minister|spokesman|spokeswoman|spokesperson|officials?|embassy|authorities))?";

static BEFORE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?P<who>{NAME})\s+(?:{SAYING})\b"))
        .unwrap_or_else(|e| panic!("speaker pattern: {e}"))
});
static AFTER_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:said|says|added|told|wrote)\s+(?P<who>{NAME})"
    ))
    .unwrap_or_else(|e| panic!("speaker pattern: {e}"))
});
static ACCORDING_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:according to|cited by|quoted by)\s+(?P<ch>{NAME}|(?i:state media|state television|state broadcaster|a readout|a statement))"
    ))
    .unwrap_or_else(|e| panic!("channel pattern: {e}"))
});
static REPORTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<ch>{NAME}|(?i:state media|state television|state broadcaster|state news agency))\s+(?:reported|quoted)"
    ))
    .unwrap_or_else(|e| panic!("channel pattern: {e}"))
});
static INDIRECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<who>{NAME})\s+(?:said|says|told reporters|told [A-Z][\w]*)\s+(?:on \w+\s+)?(?:that\s+)?(?P<what>[a-z].{{20,}})$"
    ))
    .unwrap_or_else(|e| panic!("indirect pattern: {e}"))
});

/// Words that are no speaker when they stand where a name would.
const NOT_SPEAKERS: &[&str] = &[
    "He", "She", "They", "It", "We", "I", "This", "That", "But", "And", "The",
];

/// One quote as found in one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The quoted words (inside the marks), or the reported clause.
    pub text: String,
    /// Its span in the sentence.
    pub span: Span,
    /// Inside quotation marks.
    pub direct: bool,
    /// Who said it.
    pub speaker: Option<String>,
    /// How it reached the outlet.
    pub channel: Option<String>,
}

/// Inner spans of double-quoted passages in a sentence.
fn quoted(sentence: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in sentence.char_indices() {
        match (c, open) {
            ('“', _) => open = Some(i + c.len_utf8()),
            ('"', None) => open = Some(i + 1),
            ('”' | '"', Some(start)) => {
                out.push(Span::new(start, i));
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// A name found by a pattern, cleaned: no trailing `of`/`the`, no pronoun.
fn name(found: &str) -> Option<String> {
    let mut words: Vec<&str> = found.split_whitespace().collect();
    while words
        .last()
        .is_some_and(|w| matches!(*w, "of" | "the" | "and" | "for"))
    {
        words.pop();
    }
    let text = words.join(" ");
    let text = text.trim_end_matches([',', '.', ';', ':']).to_owned();
    if text.is_empty() || NOT_SPEAKERS.contains(&text.as_str()) || words.len() > 7 {
        return None;
    }
    Some(text)
}

/// The quotes of one sentence.
pub fn found_in(sentence: &str) -> Vec<Found> {
    let spans = quoted(sentence);
    // The sentence outside the quotation marks, where speaker and channel are named.
    let mut outside = String::with_capacity(sentence.len());
    let mut at = 0;
    for s in &spans {
        outside.push_str(&sentence[at..s.start as usize]);
        outside.push_str(" … ");
        at = s.end as usize;
    }
    outside.push_str(&sentence[at..]);
    let speaker = BEFORE_VERB
        .captures_iter(&outside)
        .filter_map(|c| name(c.name("who")?.as_str()))
        .next()
        .or_else(|| {
            AFTER_VERB
                .captures_iter(&outside)
                .filter_map(|c| name(c.name("who")?.as_str()))
                .next()
        });
    let lower = outside.to_lowercase();
    let channel = ACCORDING_TO
        .captures(&outside)
        .or_else(|| REPORTED.captures(&outside))
        .and_then(|c| name(c.name("ch")?.as_str()))
        .or_else(|| {
            [
                ("in a statement", "statement"),
                ("in a readout", "readout"),
                ("told reporters", "reporters"),
                ("in an interview", "interview"),
            ]
            .iter()
            .find(|(phrase, _)| lower.contains(phrase))
            .map(|(_, ch)| (*ch).to_owned())
        });
    let mut out: Vec<Found> = spans
        .iter()
        .filter(|s| {
            sentence[s.start as usize..s.end as usize]
                .split_whitespace()
                .count()
                >= MIN_WORDS
        })
        .map(|s| Found {
            text: sentence[s.start as usize..s.end as usize]
                .trim_end_matches([',', '.', ';', ':', ' '])
                .to_owned(),
            span: *s,
            direct: true,
            speaker: speaker.clone(),
            channel: channel.clone(),
        })
        .collect();
    if spans.is_empty()
        && let Some(c) = INDIRECT.captures(sentence.trim())
        && let (Some(who), Some(what)) = (c.name("who"), c.name("what"))
        && let Some(speaker) = name(who.as_str())
    {
        let offset = sentence.len() - sentence.trim_start().len();
        out.push(Found {
            text: what.as_str().trim_end_matches(['.', ' ']).to_owned(),
            span: Span::new(offset + what.start(), offset + what.end()),
            direct: false,
            speaker: Some(speaker),
            channel,
        });
    }
    out
}

/// The quotes of a story, variants merged, most widely carried first.
pub fn quotes(articles: &[&Article], origin_of: &BTreeMap<String, String>) -> Vec<Quote> {
    struct Occurrence {
        article: usize,
        found: Found,
        span: Span,
        /// Its statement: occurrences of one text (direct or not) are one.
        statement: usize,
    }
    // Each distinct sentence is searched once, and each distinct quote read once.
    let mut searched: HashMap<&str, Vec<Found>> = HashMap::new();
    let mut statement_of: HashMap<(bool, String), usize> = HashMap::new();
    let mut statements: Vec<(bool, Sentence)> = Vec::new();
    let mut all: Vec<Occurrence> = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        for (i, sentence_span) in article.sentences.iter().enumerate() {
            let sentence = article.sentence(i);
            let found = searched
                .entry(sentence)
                .or_insert_with(|| found_in(sentence));
            for found in found.iter() {
                let start = (sentence_span.start + found.span.start) as usize;
                let span = Span::new(start, start + found.span.len());
                let statement = *statement_of
                    .entry((found.direct, found.text.clone()))
                    .or_insert_with(|| {
                        statements.push((found.direct, Sentence::new(&found.text)));
                        statements.len() - 1
                    });
                all.push(Occurrence {
                    article: a,
                    found: found.clone(),
                    span,
                    statement,
                });
            }
        }
    }
    // Occurrences of one text are one statement; distinct statements are compared once.
    let mut groups = UnionFind::new(statements.len());
    for x in 0..statements.len() {
        for y in x + 1..statements.len() {
            let ((p_direct, p), (q_direct, q)) = (&statements[x], &statements[y]);
            if p_direct == q_direct && (containment(p, q) >= SAME_QUOTE || same(p, q)) {
                groups.join(x, y);
            }
        }
    }
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, o) in all.iter().enumerate() {
        members.entry(groups.find(o.statement)).or_default().push(k);
    }
    let most = |values: Vec<&String>| -> Option<String> {
        let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
        for v in values {
            *counts.entry(v).or_default() += 1;
        }
        counts
            .into_iter()
            .max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(x.0)))
            .map(|(v, _)| v.clone())
    };
    let mut out: Vec<Quote> = members
        .values()
        .map(|ks| {
            let mut variants: BTreeMap<String, BTreeMap<String, Span>> = BTreeMap::new();
            for &k in ks {
                let o = &all[k];
                let text = o
                    .found
                    .text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                variants
                    .entry(text)
                    .or_default()
                    .entry(articles[o.article].id.clone())
                    .or_insert(o.span);
            }
            let mut sources: Vec<String> = ks
                .iter()
                .map(|&k| articles[all[k].article].id.clone())
                .collect();
            sources.sort();
            sources.dedup();
            let mut variants: Vec<QuoteVariant> = variants
                .into_iter()
                .map(|(text, spans)| QuoteVariant {
                    text,
                    articles: spans.keys().cloned().collect(),
                    spans: spans.into_iter().collect(),
                })
                .collect();
            variants.sort_by(|a, b| {
                b.articles
                    .len()
                    .cmp(&a.articles.len())
                    .then(a.text.cmp(&b.text))
            });
            Quote {
                speaker: most(
                    ks.iter()
                        .filter_map(|&k| all[k].found.speaker.as_ref())
                        .collect(),
                ),
                channel: most(
                    ks.iter()
                        .filter_map(|&k| all[k].found.channel.as_ref())
                        .collect(),
                ),
                direct: all[ks[0]].found.direct,
                independent: count_origins(sources.iter().map(String::as_str), origin_of),
                sources,
                variants,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (b.independent, b.sources.len())
            .cmp(&(a.independent, a.sources.len()))
            .then(a.variants[0].text.cmp(&b.variants[0].text))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::found_in;

    fn one(sentence: &str) -> (String, Option<String>, Option<String>, bool) {
        let f = found_in(sentence).into_iter().next().expect("a quote");
        (f.text, f.speaker, f.channel, f.direct)
    }

    #[test]
    fn speakers_and_channels_of_direct_quotes() {
        assert_eq!(
            one(
                "“The ministry deeply regrets this accident,” the Ministry of Transport said in a statement."
            ),
            (
                "The ministry deeply regrets this accident".to_owned(),
                Some("the Ministry of Transport".to_owned()),
                Some("statement".to_owned()),
                true
            )
        );
        assert_eq!(
            one(
                "According to CCTV, Mr Xi said China was \"willing to keep offering support to its partner\"."
            ),
            (
                "willing to keep offering support to its partner".to_owned(),
                Some("Mr Xi".to_owned()),
                Some("CCTV".to_owned()),
                true
            )
        );
    }

    #[test]
    fn indirect_quotes_and_pronouns() {
        assert_eq!(
            one("The Kremlin said the two leaders agreed to expand trade in energy and finance."),
            (
                "the two leaders agreed to expand trade in energy and finance".to_owned(),
                Some("The Kremlin".to_owned()),
                None,
                false
            )
        );
        let pronoun = found_in("\"We will rebuild the bridge within a year,\" he said.");
        assert_eq!(pronoun[0].speaker, None);
        assert!(found_in("They call it a \"no limits\" partnership.").is_empty());
    }
}
