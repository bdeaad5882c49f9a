//! Splitting a story that holds two events of one kind.
//!
//! Average linkage over the whole corpus finds what articles are *about*: two rehab admissions,
//! two emergency patches from one company. What tells the two events apart is what only some of
//! the story's articles share: the people, the places, the years. So inside a story every term
//! is weighed again by how rare it is *there* (a term all members carry weighs nothing), the
//! story is cut in two ([`bisect`]: average linkage for small stories, two seeds far apart for
//! large ones, then units moved to the side they are closer to on average), and the cut is kept
//! only if the two sides are, on average, less similar than [`Settings::split`]. Each side is
//! then tried again. Articles that copy one another form one *unit* and are never cut apart;
//! neither side may be smaller than [`Settings::min_part`] articles.
//!
//! Averages of cosines over two sets are computed from the sums of their vectors (the mean
//! cosine between sets A and B is ΣA·ΣB / |A||B|), so a story of any size costs linear time per
//! pass, except the linkage, which is used only up to [`EXACT`] articles.

use std::collections::{BTreeMap, HashMap};

use crate::Settings;
use crate::vector::Vector;

/// Largest story cut by average linkage; larger ones are cut from two seeds.
const EXACT: usize = 300;

/// Most rounds of moving units between the two sides.
const MAX_ROUNDS: usize = 10;

/// A vector over a story's own terms, numbered densely from 0.
type Local = Vec<(usize, f32)>;

/// Split the story `members` (indexes into `vecs`) into stories, appending them to `out`.
/// `unit` gives, for every article index, the unit (reuse group) it belongs to.
pub(crate) fn split(
    members: &[usize],
    vecs: &[Vector],
    unit: &[usize],
    settings: &Settings,
    out: &mut Vec<Vec<usize>>,
) {
    let m = members.len();
    if settings.min_part == 0 || m < 2 * settings.min_part {
        out.push(members.to_vec());
        return;
    }
    let (local, terms) = local_vectors(members, vecs);
    // Units as lists of positions in `members`, in order of first position.
    let mut by_unit: BTreeMap<usize, usize> = BTreeMap::new();
    let mut units: Vec<Vec<usize>> = Vec::new();
    for (p, &i) in members.iter().enumerate() {
        let k = *by_unit.entry(unit[i]).or_insert_with(|| {
            units.push(Vec::new());
            units.len() - 1
        });
        units[k].push(p);
    }
    let side = if m <= EXACT {
        linkage_bisection(&local, &units, settings.min_part)
    } else {
        seeded_bisection(&local, terms, &units)
    };
    let Some(mut side) = side else {
        out.push(members.to_vec());
        return;
    };
    settle(&local, terms, &units, &mut side, settings.min_part);
    let parts: [Vec<usize>; 2] = [0, 1].map(|s| (0..m).filter(|&p| side[p] == s).collect());
    if parts.iter().any(|p| p.len() < settings.min_part) {
        out.push(members.to_vec());
        return;
    }
    let sums = parts.clone().map(|p| sum(&local, &p, terms));
    let between = dot(&sums[0], &sums[1]) / (parts[0].len() * parts[1].len()) as f32;
    if between >= settings.split {
        out.push(members.to_vec());
        return;
    }
    for part in parts {
        let part: Vec<usize> = part.into_iter().map(|p| members[p]).collect();
        split(&part, vecs, unit, settings, out);
    }
}

/// The members' vectors with each weight multiplied by the square root of the term's inverse
/// document frequency inside the story (so terms every member has drop out), renormalised; and
/// the number of distinct terms.
fn local_vectors(members: &[usize], vecs: &[Vector]) -> (Vec<Local>, usize) {
    let mut df: HashMap<u32, u32> = HashMap::new();
    for &i in members {
        for &(t, _) in &vecs[i] {
            *df.entry(t).or_default() += 1;
        }
    }
    let m = members.len() as f32;
    let mut dense: HashMap<u32, usize> = HashMap::new();
    let local = members
        .iter()
        .map(|&i| {
            let mut v: Local = vecs[i]
                .iter()
                .filter(|&&(t, _)| (df[&t] as usize) < members.len())
                .map(|&(t, w)| {
                    let next = dense.len();
                    let d = *dense.entry(t).or_insert(next);
                    (d, w * (m / df[&t] as f32).ln().sqrt())
                })
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v.sort_unstable_by_key(|&(d, _)| d);
            v
        })
        .collect();
    (local, dense.len())
}

/// Average linkage over units, stopped when two parts of at least `min_part` articles are left
/// (smaller clusters keep joining the part they are closest to). `None` when no two such parts
/// form.
fn linkage_bisection(local: &[Local], units: &[Vec<usize>], min_part: usize) -> Option<Vec<usize>> {
    let k = units.len();
    let sums: Vec<Vec<(usize, f32)>> = units.iter().map(|u| sparse_sum(local, u)).collect();
    // total[a][b]: the sum of cosines between the members of clusters a and b.
    let mut total: Vec<Vec<f32>> = (0..k)
        .map(|a| (0..k).map(|b| sparse_dot(&sums[a], &sums[b])).collect())
        .collect();
    let mut size: Vec<usize> = units.iter().map(Vec::len).collect();
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
    let m = units.iter().map(Vec::len).sum();
    let mut side = vec![0; m];
    for &u in &members[live[1]] {
        units[u].iter().for_each(|&p| side[p] = 1);
    }
    Some(side)
}

/// Two seeds far apart: the unit least like the story as a whole, and the unit least like that
/// one; every unit goes to the seed it is closer to.
fn seeded_bisection(local: &[Local], terms: usize, units: &[Vec<usize>]) -> Option<Vec<usize>> {
    let all: Vec<usize> = (0..local.len()).collect();
    let whole = sum(local, &all, terms);
    let sums: Vec<Vec<(usize, f32)>> = units.iter().map(|u| sparse_sum(local, u)).collect();
    let least_like = |reference: &[f32]| {
        (0..units.len()).min_by(|&a, &b| {
            let sa = dot_sparse(&sums[a], reference) / units[a].len() as f32;
            let sb = dot_sparse(&sums[b], reference) / units[b].len() as f32;
            sa.total_cmp(&sb).then(a.cmp(&b))
        })
    };
    let first = least_like(&whole)?;
    let first_dense = densify(&sums[first], terms);
    let second = least_like(&first_dense)?;
    if first == second {
        return None;
    }
    let second_dense = densify(&sums[second], terms);
    let mut side = vec![0; local.len()];
    for (u, s) in units.iter().zip(&sums) {
        if dot_sparse(s, &second_dense) > dot_sparse(s, &first_dense) {
            u.iter().for_each(|&p| side[p] = 1);
        }
    }
    Some(side)
}

/// Move units to the side whose other members they are more similar to on average, in unit
/// order, until none moves (at most [`MAX_ROUNDS`] rounds). A side never shrinks below
/// `min_part`.
fn settle(
    local: &[Local],
    terms: usize,
    units: &[Vec<usize>],
    side: &mut [usize],
    min_part: usize,
) {
    let unit_sums: Vec<Vec<(usize, f32)>> = units.iter().map(|u| sparse_sum(local, u)).collect();
    let mut sums = [0, 1].map(|s| {
        let part: Vec<usize> = (0..side.len()).filter(|&p| side[p] == s).collect();
        sum(local, &part, terms)
    });
    let mut sizes = [0, 1].map(|s| side.iter().filter(|&&x| x == s).count());
    for _ in 0..MAX_ROUNDS {
        let mut moved = false;
        for (u, us) in units.iter().zip(&unit_sums) {
            let own = side[u[0]];
            let other = 1 - own;
            let n = u.len();
            if sizes[own] < min_part + n || sizes[other] == 0 {
                continue;
            }
            let own_avg = if sizes[own] == n {
                f32::MIN
            } else {
                (dot_sparse(us, &sums[own]) - sparse_dot(us, us)) / (n * (sizes[own] - n)) as f32
            };
            let other_avg = dot_sparse(us, &sums[other]) / (n * sizes[other]) as f32;
            if other_avg > own_avg {
                for &(d, w) in us {
                    sums[own][d] -= w;
                    sums[other][d] += w;
                }
                sizes[own] -= n;
                sizes[other] += n;
                u.iter().for_each(|&p| side[p] = other);
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

/// The sparse sum of the vectors at `positions`, term order.
fn sparse_sum(local: &[Local], positions: &[usize]) -> Vec<(usize, f32)> {
    let mut all: Vec<(usize, f32)> = positions
        .iter()
        .flat_map(|&p| local[p].iter().copied())
        .collect();
    all.sort_unstable_by_key(|&(d, _)| d);
    let mut out: Vec<(usize, f32)> = Vec::with_capacity(all.len());
    for (d, w) in all {
        match out.last_mut() {
            Some(last) if last.0 == d => last.1 += w,
            _ => out.push((d, w)),
        }
    }
    out
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

/// Dot product of two sparse vectors in term order.
fn sparse_dot(a: &[(usize, f32)], b: &[(usize, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}
