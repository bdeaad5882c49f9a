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
    pub stems: u32,
    /// Of those, the ones the index's `rare` says are rare.
    pub rare: u32,
    /// Stems of the smaller of the two.
    pub smaller: u32,
}

impl Shared {
    /// The share of the smaller one's stems the two hold in common.
    pub fn share(&self) -> f64 {
        f64::from(self.stems) / f64::from(self.smaller.max(1))
    }
}

/// The inverted index of a story's items, for finding each one's close later items.
pub struct Index<'i> {
    items: &'i [&'i [u64]],
    postings: HashMap<u64, Vec<u32>>,
    /// The stems of each item too common to propose pairs: counted apart, by merge.
    common: Vec<Vec<u64>>,
    /// Whether each proposing stem is rare (by the caller's measure).
    rare: HashMap<u64, bool>,
}

/// What one query counts with, reused from one item to the next (one per thread).
#[derive(Default)]
pub struct Scratch {
    shared_by: Vec<u32>,
    rare_by: Vec<u32>,
    touched: Vec<u32>,
}

impl<'i> Index<'i> {
    /// Index `items` (sorted sets of stem ids); `rare` marks the stems counted apart in
    /// [`Shared::rare`].
    pub fn new(items: &'i [&'i [u64]], rare: impl Fn(u64) -> bool) -> Index<'i> {
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
        for (p, stems) in items.iter().enumerate() {
            for &stem in *stems {
                postings.entry(stem).or_default().push(p as u32);
            }
        }
        let common = items
            .iter()
            .map(|stems| {
                stems
                    .iter()
                    .copied()
                    .filter(|s| postings[s].len() > MAX_POSTING)
                    .collect()
            })
            .collect();
        let rare = postings.keys().map(|&s| (s, rare(s))).collect();
        Index {
            items,
            postings,
            common,
            rare,
        }
    }

    /// The items `q >= p` (`p` itself too) that share at least `min_share` of the smaller
    /// one's stems with item `p`, by increasing `q`, except those `apart(p, q)` rules out.
    pub fn close_to(
        &self,
        p: usize,
        min_share: f64,
        apart: impl Fn(usize, usize) -> bool,
        scratch: &mut Scratch,
    ) -> Vec<(u32, Shared)> {
        let Scratch {
            shared_by,
            rare_by,
            touched,
        } = scratch;
        shared_by.resize(self.items.len(), 0);
        rare_by.resize(self.items.len(), 0);
        touched.clear();
        touched.push(p as u32);
        // Later items that share a stem few items hold, with the number of such stems they
        // share: counted along the postings, never by comparing sets.
        for stem in self.items[p] {
            let list = &self.postings[stem];
            if list.len() > MAX_POSTING {
                continue;
            }
            let is_rare = u32::from(self.rare[stem]);
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
        let mut out = Vec::new();
        for &q in touched.iter() {
            let q = q as usize;
            let (proposing, rare) = (shared_by[q], rare_by[q]);
            shared_by[q] = 0;
            rare_by[q] = 0;
            if apart(p, q) {
                continue;
            }
            let stems =
                proposing + newsfold_text::shared_count(&self.common[p], &self.common[q]) as u32;
            let smaller = self.items[p].len().min(self.items[q].len()) as u32;
            if f64::from(stems) >= min_share * f64::from(smaller) {
                out.push((
                    q as u32,
                    Shared {
                        stems,
                        rare,
                        smaller,
                    },
                ));
            }
        }
        out
    }
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
    let index = Index::new(items, rare);
    let mut scratch = Scratch::default();
    for p in 0..items.len() {
        for (q, shared) in index.close_to(p, min_share, &apart, &mut scratch) {
            visit(p, q as usize, shared);
        }
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
                out.push((p, q, s.stems as usize));
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
