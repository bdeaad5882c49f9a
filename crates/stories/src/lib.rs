//! The stories stage: articles grouped by the real-world event they report.
//!
//! Two earthquakes in one week are two stories, so topic similarity is not enough. Articles are
//! compared by TF-IDF over stems with names boosted ([`vector`]), candidate pairs come from an
//! inverted index over terms that are not too common (never all pairs), similarity is damped when
//! publication dates are far apart, and clusters grow by average linkage: two groups join only if
//! their members are similar on average, which stops one ambiguous article from chaining two
//! events together. That finds what articles are about; a second pass (`split.rs`) then cuts a
//! story that holds two events of one kind, by the terms only some of its articles share.
//! Articles that copy one another always share a story. The number of stories is never given.
//!
//! Years and numbers the text mentions count as terms (`@2013`, `%6.1`), so "the 2008 patch"
//! and "the 2013 patch" differ where the words do not.

pub mod roundups;
mod split;
pub mod vector;

use std::collections::{BTreeMap, HashMap};

use newsfold_core::{Article, IntMap, Reuse, UnionFind, parse_day_number};

pub use vector::{Vector, cosine, vectors};

/// Settings of the clustering.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Average similarity two groups need to join.
    pub threshold: f32,
    /// A term found in more articles than this (or than 2% of them) proposes no candidates.
    pub common_terms: usize,
    /// Fewest shared terms for two articles to be compared.
    pub min_shared: u32,
    /// Days apart beyond which similarity is halved, and halved again at twice the distance.
    pub day_scale: f32,
    /// Average similarity, by terms weighed inside a story, that parts of it need to stay
    /// together.
    pub split: f32,
    /// Fewest articles of a part split off a story.
    pub min_part: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            threshold: 0.05,
            common_terms: 100,
            min_shared: 3,
            day_scale: 4.0,
            split: 0.065,
            min_part: 4,
        }
    }
}

/// Group `articles` into stories. Returns groups of indexes into `articles`, each sorted, the
/// groups ordered by their first index. A copy (`duplicate` or `copy` relation) always shares
/// its source's story.
pub fn cluster(articles: &[&Article], reuse: &[Reuse], settings: &Settings) -> Vec<Vec<usize>> {
    Graph::new(articles, reuse, settings).cluster(settings)
}

/// What clustering needs from the articles, computed once: the units that copying joins, a
/// vector per unit, and the similarity of every candidate pair of units. Clustering at several
/// thresholds (an evaluation tuning them) reuses it.
///
/// Articles that copy one another are one *unit*: they always share a story, so they are
/// compared as one (by the member with the longest text), and count in averages with their
/// number of articles. Fifty outlets running one wire story cost one vector, not fifty, and do
/// not make the story's words look common.
pub struct Graph {
    /// The unit of each article.
    unit: Vec<usize>,
    /// Articles per unit.
    weight: Vec<usize>,
    /// One vector per unit.
    vecs: Vec<Vector>,
    /// Candidate pairs of units `(similarity, u, v)`, most similar first.
    edges: Vec<(f32, usize, usize)>,
}

impl Graph {
    /// Units, vectors and candidate pairs of `articles`; `settings.threshold`, `split` and
    /// `min_part` are not used here.
    pub fn new(articles: &[&Article], reuse: &[Reuse], settings: &Settings) -> Graph {
        let n = articles.len();
        let index: BTreeMap<&str, usize> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        // Copies share a story whatever their words; a partial reuse (a roundup quoting a
        // paragraph) or shared quotations do not make one story of two.
        let mut sets = UnionFind::new(n);
        for r in reuse.iter().filter(|r| r.kind.is_copying()) {
            if let (Some(&s), Some(&c)) = (index.get(r.source.as_str()), index.get(r.copy.as_str()))
            {
                sets.join(s, c);
            }
        }
        // Units numbered in order of their first article; each stands for its longest member.
        let mut unit = vec![0; n];
        let mut of_root: HashMap<usize, usize> = HashMap::new();
        let mut weight: Vec<usize> = Vec::new();
        let mut rep: Vec<usize> = Vec::new();
        for i in 0..n {
            let next = weight.len();
            let u = *of_root.entry(sets.find(i)).or_insert(next);
            if u == next {
                weight.push(0);
                rep.push(i);
            }
            unit[i] = u;
            weight[u] += 1;
            if articles[i].text.len() > articles[rep[u]].text.len() {
                rep[u] = i;
            }
        }
        let reps: Vec<&Article> = rep.iter().map(|&i| articles[i]).collect();
        let vecs = vectors(&reps);
        let days: Vec<Option<i64>> = reps
            .iter()
            .map(|a| a.published.as_deref().and_then(parse_day_number))
            .collect();
        let edges = candidate_pairs(&vecs, &days, settings);
        Graph {
            unit,
            weight,
            vecs,
            edges,
        }
    }

    /// Number of candidate pairs (of units) compared.
    pub fn pairs(&self) -> usize {
        self.edges.len()
    }

    /// The stories at `settings.threshold`, `split` and `min_part`.
    pub fn cluster(&self, settings: &Settings) -> Vec<Vec<usize>> {
        let mut groups = Groups::new(&self.weight, &self.edges);
        for &(sim, u, v) in &self.edges {
            if sim < settings.threshold {
                break;
            }
            let (gu, gv) = (groups.find(u), groups.find(v));
            if gu != gv && groups.average(gu, gv) >= settings.threshold {
                groups.join(u, v);
            }
        }
        let mut by_units = Vec::new();
        for members in groups.into_sorted() {
            split::split(&members, &self.vecs, &self.weight, settings, &mut by_units);
        }
        let mut articles_of: Vec<Vec<usize>> = vec![Vec::new(); self.weight.len()];
        for (i, &u) in self.unit.iter().enumerate() {
            articles_of[u].push(i);
        }
        let mut out: Vec<Vec<usize>> = by_units
            .into_iter()
            .map(|units| {
                let mut g: Vec<usize> = units
                    .iter()
                    .flat_map(|&u| articles_of[u].iter().copied())
                    .collect();
                g.sort_unstable();
                g
            })
            .collect();
        out.sort_by_key(|g| g[0]);
        out
    }
}

/// Candidate pairs: vectors sharing at least `min_shared` terms that are not too common (a term
/// in more than `cap` of them says little about which event an article reports), with their
/// cosine, damped when the publication dates are far apart; most similar first.
fn candidate_pairs(
    vecs: &[Vector],
    days: &[Option<i64>],
    settings: &Settings,
) -> Vec<(f32, usize, usize)> {
    let n = vecs.len();
    let cap = (n / 50).max(settings.common_terms);
    let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
    for (i, v) in vecs.iter().enumerate() {
        for &(term, _) in v {
            postings.entry(term).or_default().push(i as u32);
        }
    }
    let mut shared: IntMap<u32> = IntMap::default();
    for list in postings.values().filter(|l| l.len() <= cap) {
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                *shared
                    .entry((u64::from(i) << 32) | u64::from(j))
                    .or_default() += 1;
            }
        }
    }
    let mut edges: Vec<(f32, usize, usize)> = shared
        .into_iter()
        .filter(|&(_, k)| k >= settings.min_shared)
        .map(|(key, _)| {
            let (i, j) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
            let mut sim = cosine(&vecs[i], &vecs[j]);
            if let (Some(a), Some(b)) = (days[i], days[j]) {
                let apart = (a - b).abs() as f32;
                sim *= 0.5f32.powf((apart / settings.day_scale).floor().min(8.0));
            }
            (sim, i, j)
        })
        .collect();
    edges.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    edges
}

/// Union-find that also keeps each group's members, and the sum of similarities between each
/// group and its neighbours, so that the average similarity of two groups is one lookup.
struct Groups {
    sets: UnionFind,
    members: Vec<Vec<usize>>,
    /// Articles in each group, by root.
    size: Vec<usize>,
    /// The slot of each group's links, by root.
    slot: Vec<usize>,
    /// Per slot: neighbouring slot → sum of similarities between the two groups' members.
    links: Vec<IntMap<f32>>,
}

impl Groups {
    /// Groups of one unit each; `weight` is each unit's number of articles.
    fn new(weight: &[usize], edges: &[(f32, usize, usize)]) -> Groups {
        let n = weight.len();
        let mut links: Vec<IntMap<f32>> = vec![IntMap::default(); n];
        for &(sim, i, j) in edges {
            let total = sim * (weight[i] * weight[j]) as f32;
            links[i].insert(j as u64, total);
            links[j].insert(i as u64, total);
        }
        Groups {
            sets: UnionFind::new(n),
            members: (0..n).map(|i| vec![i]).collect(),
            size: weight.to_vec(),
            slot: (0..n).collect(),
            links,
        }
    }

    fn find(&mut self, x: usize) -> usize {
        self.sets.find(x)
    }

    /// Average similarity between the members of two groups (by root).
    fn average(&self, a: usize, b: usize) -> f32 {
        let total = self.links[self.slot[a]]
            .get(&(self.slot[b] as u64))
            .copied()
            .unwrap_or(0.0);
        total / (self.size[a] * self.size[b]) as f32
    }

    /// Join the groups of `a` and `b`. The smaller table of links is folded into the larger,
    /// and only the neighbours in the smaller one are told: the cost follows the smaller side.
    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if !self.sets.join(ra, rb) {
            return;
        }
        // The root is the smaller of the two: the other's members move to it.
        let (root, gone) = (ra.min(rb), ra.max(rb));
        let moved = std::mem::take(&mut self.members[gone]);
        self.members[root].extend(moved);
        self.size[root] += self.size[gone];
        let (mut keep, mut drop) = (self.slot[root], self.slot[gone]);
        if self.links[keep].len() < self.links[drop].len() {
            std::mem::swap(&mut keep, &mut drop);
        }
        self.slot[root] = keep;
        let folded = std::mem::take(&mut self.links[drop]);
        self.links[keep].remove(&(drop as u64));
        for (&c, &s) in &folded {
            if c as usize == keep {
                continue;
            }
            *self.links[keep].entry(c).or_default() += s;
            let theirs = &mut self.links[c as usize];
            theirs.remove(&(drop as u64));
            *theirs.entry(keep as u64).or_default() += s;
        }
    }

    fn into_sorted(mut self) -> Vec<Vec<usize>> {
        let roots: Vec<usize> = (0..self.members.len())
            .filter(|&i| self.find(i) == i)
            .collect();
        let mut out: Vec<Vec<usize>> = roots
            .into_iter()
            .map(|i| {
                let mut m = std::mem::take(&mut self.members[i]);
                m.sort_unstable();
                m
            })
            .collect();
        out.sort_by_key(|g| g[0]);
        out
    }
}
