//! Compilations: articles put together from several unrelated others.
//!
//! Seen one pair at a time, a roundup that reprints a short article whole looks exactly like a
//! copy of it: the short article is entirely inside the roundup. Only the rest of the corpus
//! tells them apart. An article whose text comes, in parts of at most half each, from two or
//! more sources that share nothing with each other is a *compilation*. In every relation where
//! it was taken for the source of a smaller article it holds whole, the direction is turned
//! round: the compilation is the copy, and its reuse of each source is `partial`, with the
//! coverage of the compilation's own text.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use newsfold_core::{Article, Passage, Reuse, ReuseKind, Span};

/// A source may give a compilation at most this share of its text.
const MAX_PART: f64 = 0.5;
/// A compilation is at least this much made of its sources' text.
const MIN_MADE_OF: f64 = 0.5;

/// Share of `text_len` bytes covered by the spans.
fn share(spans: impl Iterator<Item = Span>, text_len: usize) -> f64 {
    let mut spans: Vec<Span> = spans.collect();
    spans.sort_unstable();
    let (mut total, mut reach) = (0usize, 0u32);
    for s in spans {
        let start = s.start.max(reach);
        if s.end > start {
            total += (s.end - start) as usize;
            reach = s.end;
        }
    }
    if text_len == 0 {
        0.0
    } else {
        total as f64 / text_len as f64
    }
}

/// Find compilations among `articles` and turn round the relations that took them for sources.
/// `reuse` stays sorted by (source, copy).
pub fn resolve_compilations(articles: &[Article], reuse: &mut [Reuse]) {
    let length: HashMap<&str, usize> = articles
        .iter()
        .map(|a| (a.id.as_str(), a.text.len()))
        .collect();
    let related: BTreeSet<(&str, &str)> = reuse
        .iter()
        .filter(|r| r.kind != ReuseKind::Quotes)
        .flat_map(|r| {
            [
                (r.source.as_str(), r.copy.as_str()),
                (r.copy.as_str(), r.source.as_str()),
            ]
        })
        .collect();
    // For each article, the partners it draws on and the spans of its own text they cover.
    let mut parts: BTreeMap<&str, Vec<(&str, Vec<Span>)>> = BTreeMap::new();
    for r in reuse.iter().filter(|r| r.kind != ReuseKind::Quotes) {
        let source_side: Vec<Span> = r.passages.iter().map(|p| p.source).collect();
        let copy_side: Vec<Span> = r.passages.iter().map(|p| p.copy).collect();
        parts
            .entry(r.source.as_str())
            .or_default()
            .push((r.copy.as_str(), source_side));
        parts
            .entry(r.copy.as_str())
            .or_default()
            .push((r.source.as_str(), copy_side));
    }
    let mut compilations: BTreeSet<String> = BTreeSet::new();
    for (&id, partners) in &parts {
        let len = length.get(id).copied().unwrap_or(0);
        let small: Vec<&(&str, Vec<Span>)> = partners
            .iter()
            .filter(|(_, spans)| share(spans.iter().copied(), len) <= MAX_PART)
            .collect();
        if small.len() < 2 || partners.len() != small.len() {
            continue;
        }
        // Partners that share text with each other are one family; a compilation has two or more.
        let names: Vec<&str> = small.iter().map(|(p, _)| *p).collect();
        let mut family: Vec<usize> = (0..names.len()).collect();
        for i in 0..names.len() {
            for j in i + 1..names.len() {
                if related.contains(&(names[i], names[j])) {
                    let (fi, fj) = (family[i], family[j]);
                    family
                        .iter_mut()
                        .filter(|f| **f == fj)
                        .for_each(|f| *f = fi);
                }
            }
        }
        let families: BTreeSet<usize> = family.into_iter().collect();
        let made_of = share(
            small.iter().flat_map(|(_, spans)| spans.iter().copied()),
            len,
        );
        if families.len() >= 2 && made_of >= MIN_MADE_OF {
            compilations.insert(id.to_owned());
        }
    }
    if compilations.is_empty() {
        return;
    }
    for r in reuse
        .iter_mut()
        .filter(|r| compilations.contains(&r.source) && !compilations.contains(&r.copy))
    {
        if r.kind == ReuseKind::Quotes {
            continue;
        }
        let len = length.get(r.source.as_str()).copied().unwrap_or(0);
        let coverage = share(r.passages.iter().map(|p| p.source), len);
        std::mem::swap(&mut r.source, &mut r.copy);
        r.passages = r
            .passages
            .iter()
            .map(|p| Passage {
                source: p.copy,
                copy: p.source,
                quote: p.quote,
            })
            .collect();
        r.passages.sort_by_key(|p| (p.copy, p.source));
        r.kind = ReuseKind::Partial;
        r.coverage = (coverage * 1000.0).round() / 1000.0;
        r.direction = "compilation".to_owned();
    }
    reuse.sort_by(|a, b| (&a.source, &a.copy).cmp(&(&b.source, &b.copy)));
}
