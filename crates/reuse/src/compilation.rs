//! Compilations: articles put together from several unrelated others.
//!
//! Seen one pair at a time, a roundup that reprints a short article whole looks exactly like a
//! copy of it: the short article is entirely inside the roundup. Only the rest of the corpus
//! tells them apart. An article whose text comes, in parts of at most half each, from two or
//! more sources that share nothing with each other is a *compilation*. In every relation where
//! it was taken for the source of a smaller article it holds whole, the direction is turned
//! round: the compilation is the copy, and its reuse of each source is `partial`, with the
//! coverage of the compilation's own text.

use std::collections::HashMap;

use rayon::prelude::*;

use newsfold_core::{Article, Passage, Reuse, ReuseKind, Span, UnionFind};

use crate::Texts;

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

/// Find compilations among `articles` (their texts in `texts`) and turn round the relations that took them for sources.
/// `reuse` stays sorted by (source, copy).
pub fn resolve_compilations(articles: &[Article], texts: &dyn Texts, reuse: &mut [Reuse]) {
    let index: HashMap<&str, u32> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i as u32))
        .collect();
    // Relations other than quotation, as (source, copy) article indexes; position in `reuse`.
    let mut ends: Vec<Option<(u32, u32)>> = vec![None; reuse.len()];
    for (e, r) in ends.iter_mut().zip(reuse.iter()) {
        if r.kind != ReuseKind::Quotes
            && let (Some(&s), Some(&c)) = (index.get(r.source.as_str()), index.get(r.copy.as_str()))
        {
            *e = Some((s, c));
        }
    }
    let mut related: Vec<(u32, u32)> = ends
        .iter()
        .flatten()
        .flat_map(|&(s, c)| [(s, c), (c, s)])
        .collect();
    related.par_sort_unstable();
    // For each article, its relations and which side of them it is on (true: the source).
    let mut sides: Vec<(u32, u32, bool)> = ends
        .iter()
        .enumerate()
        .filter_map(|(k, e)| e.map(|(s, c)| (k as u32, s, c)))
        .flat_map(|(k, s, c)| [(s, k, true), (c, k, false)])
        .collect();
    sides.par_sort_unstable();
    // Each article is judged on its own relations: in parallel.
    let runs: Vec<&[(u32, u32, bool)]> = sides.chunk_by(|a, b| a.0 == b.0).collect();
    let is_compilation = |run: &[(u32, u32, bool)]| -> bool {
        let id = run[0].0;
        let len = texts.text_len(id as usize);
        // Each partner and the spans of this article's text it covers.
        let partners: Vec<(u32, Vec<Span>)> = run
            .iter()
            .map(|&(_, k, is_source)| {
                let r = &reuse[k as usize];
                let (s, c) = ends[k as usize].unwrap_or_default();
                let partner = if is_source { c } else { s };
                let spans = r
                    .passages
                    .iter()
                    .map(|p| if is_source { p.source } else { p.copy })
                    .collect();
                (partner, spans)
            })
            .collect();
        let small: Vec<&(u32, Vec<Span>)> = partners
            .iter()
            .filter(|(_, spans)| share(spans.iter().copied(), len) <= MAX_PART)
            .collect();
        if small.len() < 2 || partners.len() != small.len() {
            return false;
        }
        // Partners that share text with each other are one family; a compilation has two or more.
        let mut family = UnionFind::new(small.len());
        for i in 0..small.len() {
            for j in i + 1..small.len() {
                if related.binary_search(&(small[i].0, small[j].0)).is_ok() {
                    family.join(i, j);
                }
            }
        }
        let families = (0..small.len()).filter(|&i| family.find(i) == i).count();
        let made_of = share(
            small.iter().flat_map(|(_, spans)| spans.iter().copied()),
            len,
        );
        families >= 2 && made_of >= MIN_MADE_OF
    };
    let found: Vec<u32> = runs
        .par_iter()
        .filter(|run| is_compilation(run))
        .map(|run| run[0].0)
        .collect();
    if found.is_empty() {
        return;
    }
    let mut compilations = vec![false; articles.len()];
    found
        .iter()
        .for_each(|&id| compilations[id as usize] = true);
    for (r, e) in reuse.iter_mut().zip(&ends) {
        let Some((s, c)) = *e else { continue };
        if !compilations[s as usize] || compilations[c as usize] {
            continue;
        }
        let len = texts.text_len(s as usize);
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
    reuse.par_sort_by(|a, b| (&a.source, &a.copy).cmp(&(&b.source, &b.copy)));
}
