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

/// The direction of a relation between a compilation (the copy) and one of its pieces.
pub const COMPILATION: &str = "compilation";

/// A piece is held whole when at least this share of its text is inside the other article:
/// the share at which a relation calls two texts duplicates (`Thresholds::duplicate`).
const WHOLE: f64 = 0.9;
/// Two pieces stand apart in a compilation when at most this share of the smaller one's
/// place in it is also the other's: pasted one after the other (or shuffled together), not
/// two copies of one text held in one place.
const OVERLAP: f64 = 0.2;

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

/// True when the article of `run` (its relations, and its side of each: true for the source)
/// holds two or more partners whole ([`WHOLE`] of their text), each only a part of it, in
/// places that stand apart ([`OVERLAP`]): a roundup of whole briefs, in blocks or shuffled,
/// with or without text of its own, however large one of them is. A copy of one article that
/// also holds a copy of it holds both in one place; a copy that shares a passage with another
/// article does not hold that article whole.
fn pasted_whole(
    run: &[(u32, u32, bool)],
    reuse: &[Reuse],
    ends: &[Option<(u32, u32)>],
    texts: &dyn Texts,
    len: usize,
) -> bool {
    let mut pieces: Vec<Vec<Span>> = Vec::new();
    for &(_, k, is_source) in run {
        let (r, Some((s, c))) = (&reuse[k as usize], ends[k as usize]) else {
            continue;
        };
        let partner = if is_source { c } else { s };
        let (mine, theirs): (Vec<Span>, Vec<Span>) = r
            .passages
            .iter()
            .filter(|p| !p.quote)
            .map(|p| {
                if is_source {
                    (p.source, p.copy)
                } else {
                    (p.copy, p.source)
                }
            })
            .unzip();
        // A piece: a partner held whole, or one this article copies (or that copies it) by
        // the relation's kind, however little of the partner it holds: a roundup whose larger
        // piece is part of a longer article reads as that article's copy.
        let held = share(theirs.into_iter(), texts.text_len(partner as usize)) >= WHOLE;
        if (held || r.kind.is_copying()) && share(mine.iter().copied(), len) < WHOLE {
            pieces.push(merged(mine));
        }
    }
    (0..pieces.len()).any(|i| {
        (i + 1..pieces.len()).any(|j| {
            let smaller = covered(&pieces[i]).min(covered(&pieces[j])).max(1);
            (overlap(&pieces[i], &pieces[j]) as f64) <= OVERLAP * smaller as f64
        })
    })
}

/// Spans sorted and merged where they touch or overlap.
fn merged(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// Bytes covered by merged spans.
fn covered(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.len()).sum()
}

/// Bytes two lists of merged spans share.
fn overlap(a: &[Span], b: &[Span]) -> usize {
    let (mut i, mut j, mut total) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        let (start, end) = (a[i].start.max(b[j].start), a[i].end.min(b[j].end));
        total += end.saturating_sub(start) as usize;
        if a[i].end < b[j].end {
            i += 1;
        } else {
            j += 1;
        }
    }
    total
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
        if pasted_whole(run, reuse, &ends, texts, len) {
            return true;
        }
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
        if compilations[c as usize] && !compilations[s as usize] && r.kind != ReuseKind::Duplicate {
            // Already the copy: one of its pieces, however large, is a part of it and never
            // its origin.
            r.kind = ReuseKind::Partial;
            r.direction = COMPILATION.to_owned();
            continue;
        }
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
        r.direction = COMPILATION.to_owned();
    }
    reuse.par_sort_by(|a, b| (&a.source, &a.copy).cmp(&(&b.source, &b.copy)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, text: &str) -> Article {
        Article {
            id: id.to_owned(),
            text: text.to_owned(),
            ..Article::default()
        }
    }

    /// `copy` reuses the whole of `source` at `at` in itself, as a `copy` relation.
    fn held(source: &Article, copy: &Article, at: usize) -> Reuse {
        let len = source.text.len();
        Reuse {
            source: source.id.clone(),
            copy: copy.id.clone(),
            kind: ReuseKind::Copy,
            coverage: 1.0,
            direction: "undetermined".to_owned(),
            passages: vec![Passage {
                source: Span::new(0, len),
                copy: Span::new(at, at + len),
                quote: false,
            }],
        }
    }

    /// The articles' own texts.
    struct Own<'a>(&'a [Article]);

    impl Texts for Own<'_> {
        fn text(&self, i: usize) -> std::borrow::Cow<'_, str> {
            self.0.text(i)
        }

        fn text_len(&self, i: usize) -> usize {
            self.0.text_len(i)
        }
    }

    const RATES: &str = "The central bank raised its main rate by a quarter point to 4.25 percent.";
    const PLANT: &str = "Torvik Motors will close its engine plant in Halden, cutting 1,800 jobs.";
    const PLANT_REST: &str = "The union called the decision a betrayal of the town and its workers, \
        and the mayor asked the government to find a buyer for the site before the end of the year.";

    #[test]
    fn whole_pieces_pasted_apart_make_a_compilation_however_large_one_is() {
        let rates = article("rates", RATES);
        let plant = article("plant", PLANT);
        // The plant closure is more than half of the roundup: the old rule (every part at most
        // half) missed it.
        let roundup = article("roundup", &format!("{RATES} {PLANT} {PLANT}"));
        // Taken the wrong way round, as a pair seen alone suggests: the short ones as copies.
        let mut reuse = vec![
            Reuse {
                coverage: 1.0,
                ..held(&roundup, &plant, 0)
            },
            held(&roundup, &rates, 0),
        ];
        // The roundup's side of each: the plant at its second sentence, the rates at its first.
        reuse[0].passages = vec![Passage {
            source: Span::new(RATES.len() + 1, RATES.len() + 1 + 2 * PLANT.len() + 1),
            copy: Span::new(0, PLANT.len()),
            quote: false,
        }];
        reuse[1].passages = vec![Passage {
            source: Span::new(0, RATES.len()),
            copy: Span::new(0, RATES.len()),
            quote: false,
        }];
        let articles = [rates, plant, roundup];
        resolve_compilations(&articles, &Own(&articles), &mut reuse);
        for r in &reuse {
            assert_eq!(r.copy, "roundup", "{r:?}");
            assert_eq!(r.kind, ReuseKind::Partial);
            assert_eq!(r.direction, COMPILATION);
        }
    }

    #[test]
    fn a_roundup_whose_larger_piece_is_part_of_a_longer_article_is_a_compilation() {
        // The wire story the plant brief was cut from runs on; the roundup holds the brief
        // (not the whole story) and the rates brief whole. Its relation with the story is a
        // `copy` by coverage, with the story as its source.
        let story = article("story", &format!("{PLANT} {PLANT_REST}"));
        let rates = article("rates", RATES);
        let roundup = article("roundup", &format!("{PLANT} {PLANT} {RATES}"));
        let at = 2 * PLANT.len() + 2;
        let mut reuse = vec![
            Reuse {
                coverage: 0.7,
                ..held(&story, &roundup, 0)
            },
            held(&roundup, &rates, at),
        ];
        reuse[0].passages = vec![Passage {
            source: Span::new(0, PLANT.len()),
            copy: Span::new(0, 2 * PLANT.len() + 1),
            quote: false,
        }];
        reuse[1].passages = vec![Passage {
            source: Span::new(at, at + RATES.len()),
            copy: Span::new(0, RATES.len()),
            quote: false,
        }];
        let articles = [story, rates, roundup];
        resolve_compilations(&articles, &Own(&articles), &mut reuse);
        for r in &reuse {
            assert_eq!(r.copy, "roundup", "{r:?}");
            assert_eq!(
                (r.kind, r.direction.as_str()),
                (ReuseKind::Partial, COMPILATION)
            );
        }
    }

    #[test]
    fn a_copy_holding_two_copies_of_one_text_in_one_place_is_no_compilation() {
        let wire = article("wire", RATES);
        let reprint = article("reprint", RATES);
        let longer = article("longer", &format!("{RATES} {PLANT}"));
        let mut reuse = vec![
            held(&reprint, &longer, 0),
            held(&wire, &longer, 0),
            Reuse {
                kind: ReuseKind::Duplicate,
                ..held(&wire, &reprint, 0)
            },
        ];
        let before = reuse.clone();
        let articles = [wire, reprint, longer];
        resolve_compilations(&articles, &Own(&articles), &mut reuse);
        assert_eq!(reuse, before);
    }
}
