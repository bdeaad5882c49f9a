//! Candidate pairs from sketches, without comparing all pairs and without all pairs of a family.
//!
//! Two indexes propose pairs, so that neither near-duplicates nor short shared passages are
//! missed: LSH bands over the MinHash signatures, and shared anchors (rare shingles, found in at
//! most `max(50, n/100)` articles; a pair needs at least 2). Both are built by sorting, not by
//! hash maps, and both give *lists* of articles that share something: a band key, an anchor.
//!
//! A list of many articles (a wire story run by 80 outlets) would give thousands of pairs, all
//! saying the same thing. Instead each list becomes a star: its *hub*, the longest member (most
//! likely the whole source), is paired with every other member, and the other members are
//! paired along a path (in index order), so that a hub which is a stranger to the rest (a
//! roundup quoting one paragraph of a wire story) does not keep the copies of that story from
//! meeting. Two pairs per member, not a pair per two members.
//!
//! Once copies have been grouped ([`Grouping`]), lists are read again at the level of groups:
//! when a list holds a group of copies, what its other members share is explained by that
//! group, so each of them is paired with the group (its source, else its longest member in the
//! list), and not
//! with each other. Ten roundups quoting one wire story are ten relations to the story, not 45
//! among themselves. Each pair carries a weight, the number of bands and anchors behind it,
//! which [`crate::detect`] uses to verify the most promising pair of each article first.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::sketch::{BANDS, Sketch};

/// Articles per shard of proposals: a corpus of `n` articles has its proposals counted in
/// `n / SHARD_ARTICLES` passes (at least 1, at most [`MAX_SHARDS`]), each holding only the
/// proposals of its share of group pairs.
const SHARD_ARTICLES: usize = 25_000;

/// Most passes over the lists.
const MAX_SHARDS: usize = 8;

/// Fewest shared anchors for a pair found by anchors alone.
const MIN_SHARED_ANCHORS: u32 = 2;

/// A candidate pair: `hub` is the longer article (the likelier source), `spoke` the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Candidate {
    /// Index of the longer article (more words; the smaller index on a tie).
    pub hub: u32,
    /// Index of the other article.
    pub spoke: u32,
    /// LSH bands plus anchors the two (or their groups) share.
    pub weight: u32,
}

/// Articles already known to be copies of each other.
#[derive(Debug, Clone)]
pub struct Grouping {
    /// The group of each article: the index of its smallest member.
    pub root: Vec<u32>,
    /// Whether each group (by root) has two or more members.
    pub shared: Vec<bool>,
    /// Whether each article is known to copy another: a group is best represented by a member
    /// that does not (its source).
    pub copies: Vec<bool>,
    /// Pairs `(hub, spoke)` already verified, sorted: a pair of groups is proposed through
    /// another pair of their members, if any.
    pub tried: Vec<(u32, u32)>,
}

/// A proposed pair before counting: the two groups it joins (its key) and the two articles
/// that stand for them, oriented `(longer, shorter)`.
type Proposal = ((u32, u32), (u32, u32));

/// A pair of groups, the two articles standing for it, and how often it was proposed.
type Counted = ((u32, u32), (u32, u32), u32);

/// All candidate pairs, one per pair of groups (per pair of articles when `grouping` is `None`),
/// sorted by `(hub, spoke)`. Pairs inside one group are not proposed.
pub fn candidates(sketches: &[Sketch], grouping: Option<&Grouping>) -> Vec<Candidate> {
    let n = sketches.len();
    // Word counts apart from the sketches, so that comparing list members reads 400 KB per
    // 100,000 articles rather than a 280-byte sketch each.
    let word_counts: Vec<u32> = sketches.iter().map(|s| s.words).collect();
    let words = |x: u32| word_counts[x as usize];
    // The longer of two articles: more words, then the smaller index.
    let longer =
        |x: u32, y: u32| (words(x), std::cmp::Reverse(x)) > (words(y), std::cmp::Reverse(y));
    let root = |x: u32| grouping.map_or(x, |g| g.root[x as usize]);
    let shared = |x: u32| grouping.is_some_and(|g| g.shared[g.root[x as usize] as usize]);
    // Proposals are counted one shard of group pairs at a time, so that at most one shard's
    // proposals are held at once (the memory peak of this stage).
    let shards = (n / SHARD_ARTICLES).clamp(1, MAX_SHARDS) as u64;
    let shard = AtomicU64::new(0);
    let shard_of = |rx: u32, ry: u32| {
        ((u64::from(rx) << 32 | u64::from(ry)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) % shards
    };
    let propose = |x: u32, y: u32| -> Option<Proposal> {
        let (rx, ry) = (root(x), root(y));
        if rx == ry || shard_of(rx.min(ry), rx.max(ry)) != shard.load(Ordering::Relaxed) {
            return None;
        }
        let pair = if longer(x, y) { (x, y) } else { (y, x) };
        Some(((rx.min(ry), rx.max(ry)), pair))
    };
    // A group's source (a member that copies no one) stands for it before its copies.
    let copies = |x: u32| grouping.is_some_and(|g| g.copies[x as usize]);
    let list_pairs = |members: &[u32], out: &mut Vec<Proposal>| {
        let better = |m: u32, best: u32| {
            (!copies(m), words(m), std::cmp::Reverse(m))
                > (!copies(best), words(best), std::cmp::Reverse(best))
        };
        let pick = |it: &mut dyn Iterator<Item = u32>| {
            it.reduce(|best, m| if better(m, best) { m } else { best })
        };
        // Members in groups of copies explain what the list shares: the longest of them is
        // the hub, and single articles meet only the groups. Each group present is stood for
        // by its best member; groups are met in the order of their first member in the list.
        let mut grouped: Vec<(u32, usize, u32)> = members
            .iter()
            .enumerate()
            .filter(|&(_, &m)| shared(m))
            .map(|(at, &m)| (root(m), at, m))
            .collect();
        if !grouped.is_empty() {
            grouped.sort_unstable();
            // (first position in the list, the group's best member), in list order.
            let mut reps: Vec<(usize, u32)> = grouped
                .chunk_by(|a, b| a.0 == b.0)
                .filter_map(|run| Some((run[0].1, pick(&mut run.iter().map(|e| e.2))?)))
                .collect();
            reps.sort_unstable();
            let Some(hub) = pick(&mut reps.iter().map(|r| r.1)) else {
                return;
            };
            // The best member of each other group meets the hub and, along a path, the other
            // groups: the hub may be a stranger to them.
            let mut next_rep = reps.iter().peekable();
            let mut previous: Option<u32> = None;
            for (at, &m) in members.iter().enumerate() {
                if !shared(m) {
                    out.extend(propose(hub, m));
                    continue;
                }
                let Some(&(_, rep)) = next_rep.next_if(|r| r.0 == at) else {
                    continue;
                };
                if root(rep) == root(hub) {
                    continue;
                }
                out.extend(propose(hub, rep));
                out.extend(previous.and_then(|p| propose(p, rep)));
                previous = Some(rep);
            }
            return;
        }
        let Some(hub) = pick(&mut members.iter().copied()) else {
            return;
        };
        out.extend(
            members
                .iter()
                .filter(|&&m| m != hub)
                .filter_map(|&m| propose(hub, m)),
        );
        let mut others = members.iter().copied().filter(|&m| m != hub);
        if let Some(mut previous) = others.next() {
            for m in others {
                out.extend(propose(previous, m));
                previous = m;
            }
        }
    };

    // Anchors: postings sorted by anchor; lists too common to be telling are skipped.
    let max_df = (n / 100).max(50);
    let mut postings: Vec<(u32, u32)> = sketches
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, s)| s.anchors.iter().map(move |&a| (a, i as u32)))
        .collect();
    postings.par_sort_unstable();
    // LSH: per band, (key, article) sorted; every run of two or more is a list.
    let band_keys: Vec<Vec<(u64, u32)>> = (0..BANDS)
        .into_par_iter()
        .map(|band| {
            let mut keys: Vec<(u64, u32)> = sketches
                .iter()
                .enumerate()
                .filter(|(_, s)| !s.is_empty())
                .map(|(i, s)| (s.bands[band], i as u32))
                .collect();
            keys.sort_unstable();
            // Only keys shared by two or more articles make lists.
            let mut shared = Vec::with_capacity(keys.len() / 4);
            for run in keys.chunk_by(|a, b| a.0 == b.0).filter(|r| r.len() > 1) {
                shared.extend_from_slice(run);
            }
            shared
        })
        .collect();
    let tried = |pair: (u32, u32)| grouping.is_some_and(|g| g.tried.binary_search(&pair).is_ok());
    let mut out = Vec::new();
    for s in 0..shards {
        shard.store(s, Ordering::Relaxed);
        let mut band_pairs: Vec<Proposal> = band_keys
            .par_iter()
            .flat_map_iter(|keys| {
                let mut pairs = Vec::new();
                let mut members = Vec::new();
                for run in keys.chunk_by(|a, b| a.0 == b.0).filter(|r| r.len() > 1) {
                    members.clear();
                    members.extend(run.iter().map(|e| e.1));
                    list_pairs(&members, &mut pairs);
                }
                pairs
            })
            .collect();

        let mut anchor_pairs: Vec<Proposal> = postings
            .par_chunk_by(|a, b| a.0 == b.0)
            .filter(|run| run.len() > 1 && run.len() <= max_df)
            .flat_map_iter(|run| {
                let members: Vec<u32> = run.iter().map(|e| e.1).collect();
                let mut pairs = Vec::with_capacity(members.len());
                list_pairs(&members, &mut pairs);
                pairs
            })
            .collect();

        band_pairs.par_sort_unstable();
        anchor_pairs.par_sort_unstable();
        // Count the proposals of each pair of groups; the articles standing for it are those
        // proposed most often (then the first in order).
        let count = |pairs: &[Proposal]| -> Vec<Counted> {
            pairs
                .chunk_by(|a, b| a.0 == b.0)
                .filter_map(|run| {
                    let best = run
                        .chunk_by(|a, b| a.1 == b.1)
                        .filter(|same| !tried(same[0].1))
                        .max_by_key(|same| (same.len(), std::cmp::Reverse(same[0].1)))?;
                    Some((run[0].0, best[0].1, run.len() as u32))
                })
                .collect()
        };
        let bands = count(&band_pairs);
        let anchors = count(&anchor_pairs);
        drop((band_pairs, anchor_pairs));

        // Merge the two lists (sorted by group pair): a pair from LSH counts with any number of
        // anchors; a pair from anchors alone needs MIN_SHARED_ANCHORS.
        let (mut x, mut y) = (0, 0);
        while x < bands.len() || y < anchors.len() {
            let take_band = y >= anchors.len() || (x < bands.len() && bands[x].0 <= anchors[y].0);
            let take_anchor = x >= bands.len() || (y < anchors.len() && anchors[y].0 <= bands[x].0);
            let (pair, band_weight, anchor_weight) = match (take_band, take_anchor) {
                (true, true) => (bands[x].1, bands[x].2, anchors[y].2),
                (true, false) => (bands[x].1, bands[x].2, 0),
                _ => (anchors[y].1, 0, anchors[y].2),
            };
            x += usize::from(take_band);
            y += usize::from(take_anchor);
            if band_weight > 0 || anchor_weight >= MIN_SHARED_ANCHORS {
                out.push(Candidate {
                    hub: pair.0,
                    spoke: pair.1,
                    weight: band_weight + anchor_weight,
                });
            }
        }
    }
    drop((postings, band_keys));
    out.sort_unstable_by_key(|c| (c.hub, c.spoke));
    out
}

#[cfg(test)]
mod tests {
    use super::{Grouping, candidates};
    use crate::sketch::sketch;

    const BASE: &str = "The rail bridge over the Hessel river collapsed on Tuesday evening under \
        a commuter train, and rescue teams worked through the night to free passengers trapped \
        in the two rear carriages while the ministry ordered an inspection of every bridge \
        built to the same design across the northern provinces of the country.";
    const OTHER: &str = "Parliament passed the budget after a debate that lasted into the early \
        hours, with the opposition voting against every amendment the finance committee had \
        proposed and the speaker calling three recesses to restore order in the chamber.";

    fn pairs(texts: &[String], grouping: Option<&Grouping>) -> Vec<(u32, u32)> {
        let sketches: Vec<_> = texts.iter().map(|t| sketch(t)).collect();
        candidates(&sketches, grouping)
            .iter()
            .map(|c| (c.hub, c.spoke))
            .collect()
    }

    #[test]
    fn copies_pair_with_their_hub_and_strangers_do_not() {
        let texts = [
            BASE.to_owned(),
            OTHER.to_owned(),
            BASE.replace("Tuesday", "Monday"),
            format!("{BASE} Officials said more would follow."),
        ];
        let got = pairs(&texts, None);
        // Article 3 is the longest of the family: the hub of every star.
        assert!(got.contains(&(3, 0)) && got.contains(&(3, 2)), "{got:?}");
        assert!(got.iter().all(|&(h, s)| h != 1 && s != 1), "{got:?}");
    }

    #[test]
    fn a_group_explains_what_its_quoters_share() {
        let texts = [
            BASE.to_owned(),
            format!("{BASE} Officials said more would follow."),
            format!("{OTHER} {BASE}"),
            format!("In other news: {BASE} And finally, the weather."),
        ];
        // 0 and 1 are known copies; 2 and 3 both quote them.
        let grouping = Grouping {
            root: vec![0, 0, 2, 3],
            shared: vec![true, false, false, false],
            copies: vec![false, true, false, false],
            tried: Vec::new(),
        };
        let got = pairs(&texts, Some(&grouping));
        assert!(!got.contains(&(2, 3)) && !got.contains(&(3, 2)), "{got:?}");
        assert!(got.iter().all(|&(h, s)| !(h < 2 && s < 2)), "{got:?}");
        assert!(pairs(&texts, None).contains(&(2, 3)));
    }
}
