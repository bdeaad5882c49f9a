//! The stories stage: articles grouped by the real-world event they report.
//!
//! Two earthquakes in one week are two stories, so topic similarity is not enough. Articles are
//! compared by TF-IDF over stems with names boosted ([`vector`]), candidate pairs come from an
//! inverted index over terms that are not too common (never all pairs), similarity is damped when
//! publication dates are far apart, and clusters grow by average linkage: two groups join only if
//! their members are similar on average, which stops one ambiguous article from chaining two
//! events together. Articles that copy one another always share a story. The number of stories
//! is never given.

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
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            threshold: 0.2,
            common_terms: 100,
            min_shared: 3,
            day_scale: 4.0,
        }
    }
}

/// Group `articles` into stories. Returns groups of indexes into `articles`, each sorted, the
/// groups ordered by their first index. `reuse` relations always put both articles in one story.
pub fn cluster(articles: &[&Article], reuse: &[Reuse], settings: &Settings) -> Vec<Vec<usize>> {
    let n = articles.len();
    let vecs = vectors(articles);
    let days: Vec<Option<i64>> = articles
        .iter()
        .map(|a| a.published.as_deref().and_then(parse_day_number))
        .collect();

    // Candidate pairs: articles sharing at least `min_shared` terms that are not too common
    // (a term in more than `cap` articles says little about which event an article reports).
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, v) in vecs.iter().enumerate() {
        for &(term, _) in v {
            postings.entry(term).or_default().push(i);
        }
    }
    let mut shared: HashMap<(usize, usize), u32> = HashMap::new();
    let cap = (n / 50).max(settings.common_terms);
    for list in postings.values().filter(|l| l.len() <= cap) {
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                *shared.entry((i.min(j), i.max(j))).or_default() += 1;
            }
        }
    }
    let mut edges: Vec<(f32, usize, usize)> = shared
        .into_iter()
        .filter(|&(_, k)| k >= settings.min_shared)
        .map(|((i, j), _)| {
            let mut sim = cosine(&vecs[i], &vecs[j]);
            if let (Some(a), Some(b)) = (days[i], days[j]) {
                let apart = (a - b).abs() as f32;
                sim *= 0.5f32.powf((apart / settings.day_scale).floor().min(8.0));
            }
            (sim, i, j)
        })
        .collect();
    let sims: IntMap<f32> = edges.iter().map(|&(s, i, j)| (pair_key(i, j), s)).collect();
    edges.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));

    let index: BTreeMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut groups = Groups::new(n);
    for r in reuse {
        if let (Some(&s), Some(&c)) = (index.get(r.source.as_str()), index.get(r.copy.as_str())) {
            groups.join(s, c);
        }
    }
    for &(sim, i, j) in &edges {
        if sim < settings.threshold {
            break;
        }
        let (gi, gj) = (groups.find(i), groups.find(j));
        if gi == gj {
            continue;
        }
        let (a, b) = (groups.members(gi), groups.members(gj));
        let total: f32 = a
            .iter()
            .flat_map(|&x| b.iter().map(move |&y| pair_key(x, y)))
            .map(|k| sims.get(&k).copied().unwrap_or(0.0))
            .sum();
        if total / (a.len() * b.len()) as f32 >= settings.threshold {
            groups.join(i, j);
        }
    }
    groups.into_sorted()
}

/// One key for an unordered pair of article indexes.
fn pair_key(x: usize, y: usize) -> u64 {
    ((x.min(y) as u64) << 32) | y.max(x) as u64
}

/// Union-find that also keeps each group's members.
struct Groups {
    sets: UnionFind,
    members: Vec<Vec<usize>>,
}

impl Groups {
    fn new(n: usize) -> Groups {
        Groups {
            sets: UnionFind::new(n),
            members: (0..n).map(|i| vec![i]).collect(),
        }
    }

    fn find(&mut self, x: usize) -> usize {
        self.sets.find(x)
    }

    fn members(&self, root: usize) -> Vec<usize> {
        self.members[root].clone()
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if self.sets.join(ra, rb) {
            // The root is the smaller of the two: the other's members move to it.
            let moved = std::mem::take(&mut self.members[ra.max(rb)]);
            self.members[ra.min(rb)].extend(moved);
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
