//! Splitting a story that holds two events of one kind.
//!
//! Average linkage over the whole corpus finds what articles are *about*: two rehab admissions,
//! two emergency patches from one company. What tells the two events apart is what only some of
//! the story's articles share: the people, the places, the years. So inside a story every term
//! is weighed again by how rare it is *there* (a term all members carry weighs nothing), the
//! story is cut in two ([`bisect`]: average linkage for small stories, two seeds far apart for
//! large ones, then units moved to the side they are closer to on average), and the cut is kept
//! only if the two sides are, on average, less similar than [`Settings::split`]. Each side is
//! then tried again. Articles that copy one another form one *unit*, which is never cut apart
//! and counts with its number of articles; neither side may be smaller than
//! [`Settings::min_part`] articles.
//!
//! Averages of cosines over two sets are computed from the sums of their vectors (the mean
//! cosine between sets A and B is ΣA·ΣB / |A||B|), so a story of any size costs linear time per
//! pass, except the linkage, which is used only up to [`EXACT`] articles.

use std::collections::HashMap;

use crate::Settings;
use crate::vector::{Vector, sparse_dot};

/// Largest story cut by average linkage; larger ones are cut from two seeds.
const EXACT: usize = 300;

/// Most rounds of moving units between the two sides.
const MAX_ROUNDS: usize = 10;

/// A vector over a story's own terms, numbered densely from 0.
type Local = Vec<(usize, f32)>;

/// Split the story made of the units `members` (indexes into `vecs`, one vector per unit, and
/// into `weight`, its number of articles) into stories, appending them to `out`.
pub(crate) fn split(
    members: &[usize],
    vecs: &[Vector],
    weight: &[usize],
    settings: &Settings,
    out: &mut Vec<Vec<usize>>,
) {
    let articles: usize = members.iter().map(|&u| weight[u]).sum();
    if settings.min_part == 0 || articles < 2 * settings.min_part || members.len() < 2 {
        out.push(members.to_vec());
        return;
    }
    let (local, terms) = local_vectors(members, vecs, weight);
    let w: Vec<usize> = members.iter().map(|&u| weight[u]).collect();
    let side = if members.len() <= EXACT {
        linkage_bisection(&local, &w, settings.min_part)
    } else {
        seeded_bisection(&local, terms, &w)
    };
    let Some(mut side) = side else {
        out.push(members.to_vec());
        return;
    };
    settle(&local, terms, &w, &mut side, settings.min_part);
    let parts: [Vec<usize>; 2] =
        [0, 1].map(|s| (0..members.len()).filter(|&p| side[p] == s).collect());
    let sizes = parts
        .clone()
        .map(|p| p.iter().map(|&x| w[x]).sum::<usize>());
    if sizes.iter().any(|&n| n < settings.min_part) {
        out.push(members.to_vec());
        return;
    }
    let sums = parts.clone().map(|p| sum(&local, &p, terms));
    let between = dot(&sums[0], &sums[1]) / (sizes[0] * sizes[1]) as f32;
    if between >= settings.split {
        out.push(members.to_vec());
        return;
    }
    for part in parts {
        let part: Vec<usize> = part.into_iter().map(|p| members[p]).collect();
        split(&part, vecs, weight, settings, out);
    }
}

/// The members' vectors with each weight multiplied by the square root of the term's inverse
/// document frequency inside the story, counted in units (so terms every unit has drop out),
/// renormalised and scaled by the unit's number of articles; and the number of distinct terms.
fn local_vectors(members: &[usize], vecs: &[Vector], weight: &[usize]) -> (Vec<Local>, usize) {
    let mut df: HashMap<u32, u32> = HashMap::new();
    for &u in members {
        for &(t, _) in &vecs[u] {
            *df.entry(t).or_default() += weight[u] as u32;
        }
    }
    let total: usize = members.iter().map(|&u| weight[u]).sum();
    let m = total as f32;
    let mut dense: HashMap<u32, usize> = HashMap::new();
    let local = members
        .iter()
        .map(|&u| {
            let mut v: Local = vecs[u]
                .iter()
                .filter(|&&(t, _)| (df[&t] as usize) < total)
                .map(|&(t, w)| {
                    let next = dense.len();
                    let d = *dense.entry(t).or_insert(next);
                    (d, w * (m / df[&t] as f32).ln().sqrt())
                })
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                let scale = weight[u] as f32 / norm;
                v.iter_mut().for_each(|(_, w)| *w *= scale);
            }
            v.sort_unstable_by_key(|&(d, _)| d);
            v
        })
        .collect();
    (local, dense.len())
}

/// Average linkage over units, stopped when two parts of at least `min_part` articles are left
/// (smaller clusters keep joining the part they are closest to). `None` when no two such parts
/// form. `w`: each unit's articles.
fn linkage_bisection(local: &[Local], w: &[usize], min_part: usize) -> Option<Vec<usize>> {
    let k = local.len();
    // total[a][b]: the sum of cosines between the articles of clusters a and b.
    let mut total: Vec<Vec<f32>> = (0..k)
        .map(|a| (0..k).map(|b| sparse_dot(&local[a], &local[b])).collect())
        .collect();
    let mut size: Vec<usize> = w.to_vec();
    let mut alive: Vec<bool> = vec![true; k];
    let mut members: Vec<Vec<usize>> = (0..k).map(|a| vec![a]).collect();
    loop {
        let live: Vec<usize> = (0..k).filter(|&a| alive[a]).collect();
        let bigs = live.iter().filter(|&&a| size[a] >= min_part).count();
        let mut best: Option<(f32, usize, usize)> = None;
        for (x, &a) in live.iter().enumerate() {
            for &b in &live[x + 1..] {
                if bigs <= 2 && size[a] >= min_part && size[b] >= min_part {
                    continue;
                }
                let avg = total[a][b] / (size[a] * size[b]) as f32;
                if best.is_none_or(|(s, _, _)| avg > s) {
                    best = Some((avg, a, b));
                }
            }
        }
        let Some((_, a, b)) = best else { break };
        // b joins a.
        alive[b] = false;
        size[a] += size[b];
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
        let gone = std::mem::take(&mut total[b]);
        total[a].iter_mut().zip(&gone).for_each(|(x, y)| *x += y);
        let joined = total[a].clone();
        for (row, &t) in total.iter_mut().zip(&joined) {
            if let Some(x) = row.get_mut(a) {
                *x = t;
            }
        }
    }
    let live: Vec<usize> = (0..k).filter(|&a| alive[a]).collect();
    if live.len() != 2 {
        return None;
    }
    let mut side = vec![0; k];
    members[live[1]].iter().for_each(|&u| side[u] = 1);
    Some(side)
}

/// Two seeds far apart: the unit least like the story as a whole, and the unit least like that
/// one; every unit goes to the seed it is closer to.
fn seeded_bisection(local: &[Local], terms: usize, w: &[usize]) -> Option<Vec<usize>> {
    let all: Vec<usize> = (0..local.len()).collect();
    let whole = sum(local, &all, terms);
    let least_like = |reference: &[f32]| {
        (0..local.len()).min_by(|&a, &b| {
            let sa = dot_sparse(&local[a], reference) / w[a] as f32;
            let sb = dot_sparse(&local[b], reference) / w[b] as f32;
            sa.total_cmp(&sb).then(a.cmp(&b))
        })
    };
    let first = least_like(&whole)?;
    let first_dense = densify(&local[first], terms);
    let second = least_like(&first_dense)?;
    if first == second {
        return None;
    }
    let second_dense = densify(&local[second], terms);
    Some(
        local
            .iter()
            .map(|v| usize::from(dot_sparse(v, &second_dense) > dot_sparse(v, &first_dense)))
            .collect(),
    )
}

/// Move units to the side whose other articles they are more similar to on average, in unit
/// order, until none moves (at most [`MAX_ROUNDS`] rounds). A side never shrinks below
/// `min_part` articles.
fn settle(local: &[Local], terms: usize, w: &[usize], side: &mut [usize], min_part: usize) {
    let mut sums = [0, 1].map(|s| {
        let part: Vec<usize> = (0..side.len()).filter(|&p| side[p] == s).collect();
        sum(local, &part, terms)
    });
    let mut sizes = [0, 1].map(|s| {
        (0..side.len())
            .filter(|&p| side[p] == s)
            .map(|p| w[p])
            .sum::<usize>()
    });
    for _ in 0..MAX_ROUNDS {
        let mut moved = false;
        for (u, us) in local.iter().enumerate() {
            let own = side[u];
            let other = 1 - own;
            let n = w[u];
            if sizes[own] < min_part + n || sizes[other] == 0 {
                continue;
            }
            let own_avg =
                (dot_sparse(us, &sums[own]) - sparse_dot(us, us)) / (n * (sizes[own] - n)) as f32;
            let other_avg = dot_sparse(us, &sums[other]) / (n * sizes[other]) as f32;
            if other_avg > own_avg {
                for &(d, x) in us {
                    sums[own][d] -= x;
                    sums[other][d] += x;
                }
                sizes[own] -= n;
                sizes[other] += n;
                side[u] = other;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}

/// The dense sum of the vectors at `positions`.
fn sum(local: &[Local], positions: &[usize], terms: usize) -> Vec<f32> {
    let mut s = vec![0.0; terms];
    for &p in positions {
        for &(d, w) in &local[p] {
            s[d] += w;
        }
    }
    s
}

fn densify(sparse: &[(usize, f32)], terms: usize) -> Vec<f32> {
    let mut v = vec![0.0; terms];
    sparse.iter().for_each(|&(d, w)| v[d] = w);
    v
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn dot_sparse(a: &[(usize, f32)], dense: &[f32]) -> f32 {
    a.iter().map(|&(d, w)| w * dense[d]).sum()
}
