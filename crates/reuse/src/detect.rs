//! Verified reuse relations for a whole corpus: candidates in, checked relations out.
//!
//! A wire story run by 80 outlets is one family; comparing every pair in it would cost 3,160
//! alignments and report 3,160 relations that say one thing. Verification therefore goes in two
//! rounds, both in parallel and both deterministic:
//!
//! 1. every article's strongest candidate (most shared bands and anchors; then the smaller
//!    index) is verified, and `duplicate` and `copy` relations join articles into groups;
//! 2. candidates are found again, between groups rather than articles (see
//!    [`crate::candidates`]: an article meets a group through its longest member, and two
//!    articles that share only what a group holds do not meet), and each is verified unless it
//!    was in the first round.
//!
//! So each copy is reported against one member of its family (usually the family's longest
//! article, the likeliest source), relations are a forest rather than a clique, and the work
//! grows with the number of articles, not with the square of family sizes. Within a round, the
//! pairs of one hub share its fingerprint, built once.

use rayon::prelude::*;

use newsfold_core::{Article, Reuse};

use std::cmp::Reverse;

use crate::{Candidate, Grouping, Index, Sketch, Thresholds, candidates, compare, fingerprint};

/// All verified reuse relations among `articles` (sketched in `sketches`, same order), sorted
/// by `(source, copy)`. `tick` is called once per verified candidate, for progress.
pub fn detect(
    articles: &[Article],
    sketches: &[Sketch],
    thresholds: &Thresholds,
    tick: &(dyn Fn() + Sync),
) -> Vec<Reuse> {
    let n = articles.len();
    let all = candidates(sketches, None);

    // Round 1: the strongest candidate of every article.
    let mut best: Vec<Option<usize>> = vec![None; n];
    for (k, c) in all.iter().enumerate() {
        for (me, other) in [(c.hub, c.spoke), (c.spoke, c.hub)] {
            let slot = &mut best[me as usize];
            let better = match *slot {
                None => true,
                Some(b) => {
                    let held = &all[b];
                    let held_other = if held.hub == me { held.spoke } else { held.hub };
                    (c.weight, Reverse(other)) > (held.weight, Reverse(held_other))
                }
            };
            if better {
                *slot = Some(k);
            }
        }
    }
    let mut first: Vec<usize> = best.into_iter().flatten().collect();
    first.sort_unstable();
    first.dedup();
    let first_round: Vec<Candidate> = first.iter().map(|&k| all[k]).collect();
    drop(all);
    let mut reuse = verify(articles, &first_round, thresholds, tick);

    let mut groups = Groups::new(n);
    let mut copies = vec![false; n];
    for (c, r) in first_round.iter().zip(&reuse) {
        if let Some(r) = r.as_ref().filter(|r| r.kind.is_copying()) {
            groups.join(c.hub as usize, c.spoke as usize);
            let copy = if r.copy == articles[c.hub as usize].id {
                c.hub
            } else {
                c.spoke
            };
            copies[copy as usize] = true;
        }
    }

    // Round 2: candidates between groups, found again now that the groups are known.
    let root: Vec<u32> = (0..n).map(|i| groups.find(i) as u32).collect();
    let mut size = vec![0u32; n];
    root.iter().for_each(|&r| size[r as usize] += 1);
    let grouping = Grouping {
        root,
        shared: size.iter().map(|&s| s > 1).collect(),
        copies,
    };
    let done: Vec<(u32, u32)> = first_round.iter().map(|c| (c.hub, c.spoke)).collect();
    let second_round: Vec<Candidate> = candidates(sketches, Some(&grouping))
        .into_iter()
        .filter(|c| done.binary_search(&(c.hub, c.spoke)).is_err())
        .collect();
    let second = verify(articles, &second_round, thresholds, tick);

    // A first-round relation that is not copying, between two groups that the second round
    // related through their sources, says the same thing less well: it is dropped.
    let group_pair = |c: &Candidate| {
        let (x, y) = (
            grouping.root[c.hub as usize],
            grouping.root[c.spoke as usize],
        );
        (x.min(y), x.max(y))
    };
    let mut related: Vec<(u32, u32)> = second_round
        .iter()
        .zip(&second)
        .filter(|(_, r)| r.is_some())
        .map(|(c, _)| group_pair(c))
        .collect();
    related.sort_unstable();
    for (c, r) in first_round.iter().zip(reuse.iter_mut()) {
        if r.as_ref().is_some_and(|r| !r.kind.is_copying())
            && related.binary_search(&group_pair(c)).is_ok()
        {
            *r = None;
        }
    }
    reuse.extend(second);

    let mut reuse: Vec<Reuse> = reuse.into_iter().flatten().collect();
    reuse.sort_by(|a, b| (&a.source, &a.copy).cmp(&(&b.source, &b.copy)));
    reuse
}

/// Verify candidates (sorted by hub) in parallel, one hub's pairs per task, its fingerprint
/// built once. The result is in the order of `pairs`.
fn verify(
    articles: &[Article],
    pairs: &[Candidate],
    thresholds: &Thresholds,
    tick: &(dyn Fn() + Sync),
) -> Vec<Option<Reuse>> {
    let by_hub: Vec<&[Candidate]> = pairs.chunk_by(|a, b| a.hub == b.hub).collect();
    by_hub
        .par_iter()
        .flat_map_iter(|run| {
            let hub = &articles[run[0].hub as usize];
            let hub_print = fingerprint(hub);
            let hub_index = Index::new(&hub_print);
            run.iter()
                .map(|c| {
                    let spoke = &articles[c.spoke as usize];
                    let r = compare(
                        hub,
                        (&hub_print, &hub_index),
                        spoke,
                        &fingerprint(spoke),
                        thresholds,
                    );
                    tick();
                    r
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Union-find over article indexes; a group's root is its smallest member, so the result does
/// not depend on the order of joins.
struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    fn new(n: usize) -> Groups {
        Groups {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}
