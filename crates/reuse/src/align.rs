//! Passage alignment between two fingerprinted articles, independent of sentence order.
//!
//! passim aligns in increasing order, so a copy whose sentences were shuffled is missed (its
//! issue #9). Here every shingle of one article is looked up in the other wherever it stands,
//! and matches are chained along diagonals: a chain continues while both positions advance by
//! at most [`GAP`] words, so word edits and insertions bend a chain without breaking it, and a
//! shuffled sentence simply starts a chain of its own. Chains shorter than [`MIN_CHAIN`] words
//! are dropped as chance phrases.

use std::collections::HashMap;

use crate::fingerprint::{Fingerprint, SHINGLE};

/// Largest step, in words, between two matches of one chain.
pub const GAP: usize = 6;
/// Fewest words in a chain worth reporting as a passage.
pub const MIN_CHAIN: usize = 8;
/// At most this many occurrences of one shingle in the other article are considered.
const MAX_OCCURRENCES: usize = 4;

/// A run of shared text: word ranges `[start, end)` in each article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chain {
    /// Words of the first article.
    pub a: (usize, usize),
    /// Words of the second article.
    pub b: (usize, usize),
}

impl Chain {
    /// Words in the chain, counted on the shorter side.
    pub fn len(&self) -> usize {
        (self.a.1 - self.a.0).min(self.b.1 - self.b.0)
    }

    /// True for a chain of no words.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The shared passages of two articles and how much of each they cover.
#[derive(Debug, Clone)]
pub struct Alignment {
    /// Shared passages, in the first article's order.
    pub chains: Vec<Chain>,
    /// Words of the first article inside some passage.
    pub words_a: usize,
    /// Words of the second article inside some passage.
    pub words_b: usize,
    /// `words_a` over the first article's word count.
    pub coverage_a: f64,
    /// `words_b` over the second article's word count.
    pub coverage_b: f64,
}

/// Align two fingerprints.
pub fn align(fa: &Fingerprint, fb: &Fingerprint) -> Alignment {
    let mut where_b: HashMap<u64, Vec<usize>> = HashMap::with_capacity(fb.shingles.len());
    for (j, &s) in fb.shingles.iter().enumerate() {
        let positions = where_b.entry(s).or_default();
        if positions.len() < MAX_OCCURRENCES {
            positions.push(j);
        }
    }
    // Open chains as (first_i, first_j, last_i, last_j).
    let mut open: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut done: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (i, s) in fa.shingles.iter().enumerate() {
        let Some(js) = where_b.get(s) else { continue };
        // Chains that can no longer be extended are finished.
        let (still, finished): (Vec<_>, Vec<_>) = open.into_iter().partition(|c| i <= c.2 + GAP);
        open = still;
        done.extend(finished);
        for &j in js {
            let extend = open
                .iter_mut()
                .filter(|c| c.2 < i && c.3 < j && j <= c.3 + GAP)
                .min_by_key(|c| (i - c.2).abs_diff(j - c.3));
            match extend {
                Some(c) => {
                    c.2 = i;
                    c.3 = j;
                }
                None => open.push((i, j, i, j)),
            }
        }
    }
    done.extend(open);
    let mut chains: Vec<Chain> = done
        .into_iter()
        .map(|(fi, fj, li, lj)| Chain {
            a: (fi, li + SHINGLE),
            b: (fj, lj + SHINGLE),
        })
        .filter(|c| c.len() >= MIN_CHAIN)
        .collect();
    chains.sort_by_key(|c| (c.a, c.b));
    let words_a = covered(chains.iter().map(|c| c.a));
    let words_b = covered(chains.iter().map(|c| c.b));
    let ratio = |n: usize, total: usize| {
        if total == 0 {
            0.0
        } else {
            n as f64 / total as f64
        }
    };
    Alignment {
        coverage_a: ratio(words_a, fa.words.len()),
        coverage_b: ratio(words_b, fb.words.len()),
        chains,
        words_a,
        words_b,
    }
}

/// Words inside the union of the ranges.
fn covered(ranges: impl Iterator<Item = (usize, usize)>) -> usize {
    let mut ranges: Vec<(usize, usize)> = ranges.collect();
    ranges.sort_unstable();
    let mut total = 0;
    let mut reach = 0;
    for (start, end) in ranges {
        let start = start.max(reach);
        if end > start {
            total += end - start;
            reach = end;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::align;
    use crate::fingerprint::fingerprint;
    use newsfold_core::Article;

    fn article(text: &str) -> Article {
        Article {
            text: text.into(),
            ..Article::default()
        }
    }

    const ONE: &str = "The rail bridge over the Hessel river collapsed on Tuesday evening under a commuter train.";
    const TWO: &str = "Rescue teams worked through the night to free passengers trapped in the two rear carriages.";
    const THREE: &str =
        "The transport ministry ordered an inspection of every bridge built to the same design.";

    #[test]
    fn shuffled_sentences_still_align_fully() {
        let a = fingerprint(&article(&[ONE, TWO, THREE].join(" ")));
        let b = fingerprint(&article(&[THREE, ONE, TWO].join("\n\n")));
        let al = align(&a, &b);
        assert!(al.coverage_a > 0.85 && al.coverage_b > 0.85, "{al:?}");
    }

    #[test]
    fn word_edits_bend_but_do_not_break_a_chain() {
        let edited = ONE
            .replace("Tuesday evening", "Tuesday night")
            .replace("commuter", "crowded commuter");
        let al = align(&fingerprint(&article(ONE)), &fingerprint(&article(&edited)));
        assert_eq!(al.chains.len(), 1, "{al:?}");
    }

    #[test]
    fn unrelated_texts_share_nothing() {
        let al = align(&fingerprint(&article(ONE)), &fingerprint(&article(TWO)));
        assert!(al.chains.is_empty());
    }
}
