//! Verified reuse relations for a whole corpus: candidates in, checked relations out.
//!
//! A wire story run by 80 outlets is one family; comparing every pair in it would cost 3,160
//! alignments and report 3,160 relations that say one thing. Verification therefore goes in two
//! rounds, both in parallel and both deterministic:
//!
//! 1. in steps, like Borůvka's spanning-tree algorithm: each group of copies (at first every
//!    article alone) verifies its strongest untried candidate leading out of it (most shared
//!    bands and anchors; then the first pair), and copying relations ([`joins`]) join groups.
//!    A group that joined tries again on the next step, one whose candidates were not copies
//!    [`MISSES`] times stops;
//! 2. candidates are found again, between groups rather than articles (see
//!    [`crate::candidates`]: an article meets a group through its source, and two articles
//!    that share only what a group holds do not meet), and verified. Between two groups one
//!    relation is kept.
//!
//! So each copy is reported against one member of its family (usually the family's longest
//! article, the likeliest source), relations are a forest rather than a clique, and the work
//! grows with the number of articles, not with the square of family sizes. Within a round, the
//! pairs of one hub share its fingerprint, built once.

use rayon::prelude::*;

use newsfold_core::{Article, Reuse, ReuseKind, UnionFind};

use std::cmp::Reverse;

use crate::{
    Candidate, Grouping, Index, Lists, Texts, Thresholds, candidates, compare, fingerprint,
};

/// All verified reuse relations among `articles` (their texts in `texts`, the lists of their
/// sketches in `lists`, same order), sorted by `(source, copy)`. `tick` is called once per
/// verified candidate, for progress.
pub fn detect(
    articles: &[Article],
    texts: &dyn Texts,
    lists: &Lists,
    thresholds: &Thresholds,
    tick: &(dyn Fn() + Sync),
) -> Vec<Reuse> {
    let n = articles.len();
    let all = candidates(lists, None);

    // Round 1, in steps: each group of copies (at first every article alone) verifies its
    // strongest untried candidate leading out of it, and copying relations join groups. A group
    // that joined another tries again on the next step; one whose candidates were not copies
    // MISSES times stops. So a family of copies joins up in a few steps of one verification per
    // group.
    let mut groups = UnionFind::new(n);
    let mut copies = vec![false; n];
    let mut tried = vec![false; all.len()];
    let mut active = vec![true; n];
    let mut misses = vec![0u8; n];
    let mut first: Vec<(Candidate, Option<Reuse>)> = Vec::new();
    loop {
        let root: Vec<usize> = (0..n).map(|i| groups.find(i)).collect();
        // The strongest untried candidate of each active group: most shared bands and anchors,
        // then the first in (hub, spoke) order.
        let mut best: Vec<Option<usize>> = vec![None; n];
        for (k, c) in all.iter().enumerate() {
            let (rh, rs) = (root[c.hub as usize], root[c.spoke as usize]);
            if tried[k] || rh == rs {
                continue;
            }
            for r in [rh, rs] {
                if active[r] && best[r].is_none_or(|b| all[b].weight < c.weight) {
                    best[r] = Some(k);
                }
            }
        }
        let mut step: Vec<usize> = best.into_iter().flatten().collect();
        if step.is_empty() {
            break;
        }
        step.sort_unstable();
        step.dedup();
        step.iter().for_each(|&k| tried[k] = true);
        let pairs: Vec<Candidate> = step.iter().map(|&k| all[k]).collect();
        let verified = verify(articles, texts, &pairs, thresholds, tick);
        let mut again = Vec::new();
        for (c, v) in pairs.into_iter().zip(verified) {
            if let Some((r, _)) = v.as_ref().filter(|v| joins(v, thresholds)) {
                let copy = if r.copy == articles[c.hub as usize].id {
                    c.hub
                } else {
                    c.spoke
                };
                copies[copy as usize] = true;
                groups.join(c.hub as usize, c.spoke as usize);
                again.push(c.hub as usize);
            } else {
                for r in [root[c.hub as usize], root[c.spoke as usize]] {
                    misses[r] = misses[r].saturating_add(1);
                    if active[r] && usize::from(misses[r]) < MISSES {
                        again.push(r);
                    }
                }
            }
            first.push((c, v.map(|(r, _)| r)));
        }
        active.iter_mut().for_each(|a| *a = false);
        for x in again {
            active[groups.find(x)] = true;
        }
    }
    drop(all);
    // In (hub, spoke) order, as the second round's lookups need.
    first.sort_unstable_by_key(|(c, _)| (c.hub, c.spoke));
    let (first_round, mut reuse): (Vec<Candidate>, Vec<Option<Reuse>>) = first.into_iter().unzip();

    // Round 2: candidates between groups, found again now that the groups are known.
    let root: Vec<u32> = (0..n).map(|i| groups.find(i) as u32).collect();
    let mut size = vec![0u32; n];
    root.iter().for_each(|&r| size[r as usize] += 1);
    let grouping = Grouping {
        root,
        shared: size.iter().map(|&s| s > 1).collect(),
        copies,
        tried: first_round.iter().map(|c| (c.hub, c.spoke)).collect(),
    };
    let second_round: Vec<Candidate> = candidates(lists, Some(&grouping));
    let second: Vec<Option<Reuse>> = verify(articles, texts, &second_round, thresholds, tick)
        .into_iter()
        .map(|v| v.map(|(r, _)| r))
        .collect();

    // Between two groups one relation says all there is to say: the second round's (through
    // the groups' sources) if there is one, else the one between members that copy no one (the
    // groups' sources), of the strongest kind, with the highest coverage, the first pair. Relations inside a group are its tree of copies and all stay.
    let group_pair = |c: &Candidate| {
        let (x, y) = (
            grouping.root[c.hub as usize],
            grouping.root[c.spoke as usize],
        );
        (x.min(y), x.max(y))
    };
    let strength = |kind: ReuseKind| match kind {
        ReuseKind::Duplicate => 0,
        ReuseKind::Copy => 1,
        ReuseKind::Partial => 2,
        ReuseKind::Quotes => 3,
    };
    // (pair of groups, preference: lower is better, position of the relation)
    let mut between: Vec<((u32, u32), Preference, usize)> = Vec::new();
    let rounds = first_round.iter().zip(&reuse).map(|p| (1, p));
    let rounds = rounds.chain(second_round.iter().zip(&second).map(|p| (0, p)));
    for (k, (round, (c, r))) in rounds.enumerate() {
        let Some(r) = r else { continue };
        let pair = group_pair(c);
        if pair.0 != pair.1 {
            let permille = (r.coverage * 1000.0).round() as u32;
            let copies = u8::from(grouping.copies[c.hub as usize])
                + u8::from(grouping.copies[c.spoke as usize]);
            between.push((
                pair,
                (round, copies, strength(r.kind), Reverse(permille)),
                k,
            ));
        }
    }
    between.sort_unstable();
    let mut dropped = vec![false; first_round.len() + second_round.len()];
    for run in between.chunk_by(|a, b| a.0 == b.0) {
        run[1..].iter().for_each(|e| dropped[e.2] = true);
    }
    reuse.extend(second);
    for (r, dropped) in reuse.iter_mut().zip(dropped) {
        if dropped {
            *r = None;
        }
    }

    let mut reuse: Vec<Reuse> = reuse.into_iter().flatten().collect();
    reuse.sort_by(|a, b| (&a.source, &a.copy).cmp(&(&b.source, &b.copy)));
    reuse
}

/// Candidates that verify as no copy a group may try in round 1 before it stops. The strongest
/// candidate of a short article is often a longer one that holds it whole without being its
/// copy (a roundup, a rewrite that kept it as its lead); with one try only, such an article
/// never met its own source there.
const MISSES: usize = 2;

/// How a relation between two groups ranks against the others between them: its round (the
/// second first), how many of its articles copy another, the strength of its kind, and its
/// coverage (higher first).
type Preference = (u8, u8, u8, Reverse<u32>);

/// Verify candidates (sorted by hub) in parallel, one hub's pairs per task, its fingerprint
/// built once. The result is in the order of `pairs`.
fn verify(
    articles: &[Article],
    texts: &dyn Texts,
    pairs: &[Candidate],
    thresholds: &Thresholds,
    tick: &(dyn Fn() + Sync),
) -> Vec<Option<(Reuse, f64)>> {
    let by_hub: Vec<&[Candidate]> = pairs.chunk_by(|a, b| a.hub == b.hub).collect();
    by_hub
        .par_iter()
        .flat_map_iter(|run| {
            let hub = &articles[run[0].hub as usize];
            let hub_print = fingerprint(&texts.text(run[0].hub as usize), &hub.sentences);
            let hub_index = Index::new(&hub_print);
            run.iter()
                .map(|c| {
                    let spoke = &articles[c.spoke as usize];
                    let r = compare(
                        hub,
                        (&hub_print, &hub_index),
                        spoke,
                        &fingerprint(&texts.text(c.spoke as usize), &spoke.sentences),
                        thresholds,
                    );
                    tick();
                    r
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// True when a verified relation joins its two articles' groups during detection: `duplicate`,
/// or a `copy` that also covers a good part of its source and is nearly all its source's text
/// (`whole_copy`): a copy with a third of other text may be a roundup, which must still meet
/// its other pieces as an article of its own. A short article found whole inside
/// a long one is reported as its copy, but does not join them here: the long one may be a
/// roundup of several stories (see [`crate::resolve_compilations`]), and joining it would
/// join those stories' families.
fn joins((reuse, source_coverage): &(Reuse, f64), thresholds: &Thresholds) -> bool {
    reuse.kind == ReuseKind::Duplicate
        || (reuse.kind == ReuseKind::Copy
            && *source_coverage >= thresholds.copy_source
            && reuse.coverage >= thresholds.whole_copy)
}
