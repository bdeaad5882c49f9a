//! Close pairs of a story's sentences (or quotes) without comparing every pair: the blocking
//! that fact alignment and quote variants share.
//!
//! Each item is a sorted set of stem ids. A pair is *close* when it shares at least a given
//! share of the smaller set's stems; only close pairs go on to the paraphrase model. Shared
//! stems are counted along an inverted index (one posting list per stem), so a pair that shares
//! nothing costs nothing. A stem held by more than [`MAX_POSTING`] items proposes no pair: pairs
//! that share enough meet through their rarer stems, and such stems are then counted by merging
//! the two items' lists of them. The work is the sum, over items, of the postings of their
//! stems: linear in the story for a fixed cap, however often one sentence is repeated.

use std::collections::HashMap;

/// A stem held by more items of a story than this proposes no pair of them, so each item is
/// counted against at most this many others per stem. A round number far above the stories of
/// the evaluation corpora: the folds of `examples/` and of the seeds, and the MultiLing 2011
/// English briefs, are the same with it as without it.
pub const MAX_POSTING: usize = 1000;

/// What a close pair shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shared {
    /// Stems both hold.
    pub stems: usize,
    /// Of those, the ones `rare` says are rare.
    pub rare: usize,
    /// Stems of the smaller of the two.
    pub smaller: usize,
}

/// Call `visit(p, q, shared)` for every pair of items `p <= q` (each item with itself too) that
/// share at least `min_share` of the smaller one's stems, in order of `p`, then `q`; pairs
/// `apart(p, q)` rules out are skipped before they are counted in full.
pub fn close_pairs(
    items: &[&[u64]],
    min_share: f64,
    rare: impl Fn(u64) -> bool,
    apart: impl Fn(usize, usize) -> bool,
    mut visit: impl FnMut(usize, usize, Shared),
) {
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    for (p, stems) in items.iter().enumerate() {
        for &stem in *stems {
            postings.entry(stem).or_default().push(p as u32);
        }
    }
    // The stems of each item too common to propose pairs: counted apart, by merge.
    let common: Vec<Vec<u64>> = items
        .iter()
        .map(|stems| {
            stems
                .iter()
                .copied()
                .filter(|s| postings[s].len() > MAX_POSTING)
                .collect()
        })
        .collect();
    // Per later item: the stems it shares with the current one through the proposing stems,
    // and how many of those are rare. Reset after each item through `touched`.
    let mut shared_by = vec![0u32; items.len()];
    let mut rare_by = vec![0u32; items.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (p, stems) in items.iter().enumerate() {
        touched.push(p as u32);
        for stem in *stems {
            let list = &postings[stem];
            if list.len() > MAX_POSTING {
                continue;
            }
            let is_rare = u32::from(rare(*stem));
            for &q in &list[list.partition_point(|&q| (q as usize) < p)..] {
                if shared_by[q as usize] == 0 {
                    touched.push(q);
                }
                shared_by[q as usize] += 1;
                rare_by[q as usize] += is_rare;
            }
        }
        touched.sort_unstable();
        touched.dedup();
        for &q in &touched {
            let q = q as usize;
            let (proposing, rare) = (shared_by[q] as usize, rare_by[q] as usize);
            shared_by[q] = 0;
            rare_by[q] = 0;
            if apart(p, q) {
                continue;
            }
            let stems = proposing + newsfold_text::shared_count(&common[p], &common[q]);
            let smaller = items[p].len().min(items[q].len());
            if (stems as f64) >= min_share * smaller as f64 {
                visit(
                    p,
                    q,
                    Shared {
                        stems,
                        rare,
                        smaller,
                    },
                );
            }
        }
        touched.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_POSTING, Shared, close_pairs};

    /// Every pair by merging, for comparison: those that share enough and share a stem other
    /// than `capped` (one in more than `MAX_POSTING` items, which proposes no pair).
    fn every_pair(items: &[Vec<u64>], min_share: f64, capped: u64) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for p in 0..items.len() {
            for q in p + 1..items.len() {
                let stems = newsfold_text::shared_count(&items[p], &items[q]);
                let smaller = items[p].len().min(items[q].len());
                let proposed = items[p]
                    .iter()
                    .any(|s| *s != capped && items[q].contains(s));
                if proposed && stems as f64 >= min_share * smaller as f64 {
                    out.push((p, q, stems));
                }
            }
        }
        out
    }

    fn found(items: &[Vec<u64>], min_share: f64) -> Vec<(usize, usize, usize)> {
        let refs: Vec<&[u64]> = items.iter().map(Vec::as_slice).collect();
        let mut out = Vec::new();
        close_pairs(
            &refs,
            min_share,
            |_| false,
            |p, q| p == q,
            |p, q, s| {
                out.push((p, q, s.stems));
            },
        );
        out
    }

    #[test]
    fn the_pairs_of_comparing_every_pair() {
        // A stem in every item (past the posting cap) and a few rarer ones.
        let items: Vec<Vec<u64>> = (0..MAX_POSTING as u64 + 20)
            .map(|i| {
                let mut v = vec![0, 1 + i % 7, 10 + i % 3, 100 + i % 50];
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        for share in [0.25, 0.5, 0.75] {
            assert_eq!(
                found(&items, share),
                every_pair(&items, share, 0),
                "share {share}"
            );
        }
    }

    #[test]
    fn counts_rare_stems_and_skips_pairs_held_apart() {
        let items: Vec<Vec<u64>> = vec![vec![1, 2, 3, 4], vec![1, 2, 3, 9], vec![1, 2, 3, 4]];
        let refs: Vec<&[u64]> = items.iter().map(Vec::as_slice).collect();
        let mut out = Vec::new();
        close_pairs(
            &refs,
            0.5,
            |s| s >= 3,
            |p, q| p == q || (p, q) == (0, 2),
            |p, q, s| {
                out.push((p, q, s));
            },
        );
        let shared = |stems, rare| Shared {
            stems,
            rare,
            smaller: 4,
        };
        assert_eq!(out, vec![(0, 1, shared(3, 1)), (1, 2, shared(3, 1))]);
    }
}
