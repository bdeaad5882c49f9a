//! Facts: sentences from different articles of one story that state the same thing.
//!
//! Two sentences state the same fact when their content stems overlap enough: Jaccard at least
//! [`SAME_FACT`], or one contained in the other at [`CONTAINED`] (a copy that trimmed a clause).
//! Sentences join transitively. This first form is lexical; the brief issue deepens it with
//! paraphrase (translations of one statement) measured on MSRP.

use std::collections::{BTreeSet, HashMap};

use newsfold_core::{Article, UnionFind};
use newsfold_text::content_stems;

/// Jaccard similarity of stem sets at which two sentences state the same fact.
pub const SAME_FACT: f64 = 0.5;
/// Share of the smaller sentence's stems found in the larger one at which they state the same
/// fact.
pub const CONTAINED: f64 = 0.8;
/// Sentences with fewer content stems are not facts (fragments, bylines).
pub const MIN_STEMS: usize = 4;

/// A sentence of a story: article index (into the story's article list) and sentence index.
pub type SentenceRef = (usize, usize);

/// A group of sentences stating one fact.
#[derive(Debug, Clone)]
pub struct FactGroup {
    /// The sentences, sorted.
    pub members: Vec<SentenceRef>,
    /// The member whose wording best represents the group (most similar to the others).
    pub representative: SentenceRef,
}

/// Content stems of every sentence of every article.
pub fn sentence_stems(articles: &[&Article]) -> Vec<Vec<BTreeSet<String>>> {
    articles
        .iter()
        .map(|a| {
            (0..a.sentences.len())
                .map(|i| content_stems(a.sentence(i)).into_iter().collect())
                .collect()
        })
        .collect()
}

/// Similarity of two stem sets: the larger of Jaccard and a containment score scaled so that
/// [`CONTAINED`] maps to [`SAME_FACT`].
pub fn similarity(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    if a.len() < MIN_STEMS || b.len() < MIN_STEMS {
        return 0.0;
    }
    let shared = a.intersection(b).count() as f64;
    let jaccard = shared / (a.len() as f64 + b.len() as f64 - shared);
    let contained = shared / a.len().min(b.len()) as f64;
    jaccard.max(contained * SAME_FACT / CONTAINED)
}

/// Group the sentences of a story's articles (given as their [`sentence_stems`]) into facts. Every sentence with enough content
/// belongs to exactly one group; groups are sorted by their first member.
pub fn align(stems: &[Vec<BTreeSet<String>>]) -> Vec<FactGroup> {
    let refs: Vec<SentenceRef> = stems
        .iter()
        .enumerate()
        .flat_map(|(a, ss)| {
            ss.iter()
                .enumerate()
                .filter(|(_, s)| s.len() >= MIN_STEMS)
                .map(move |(i, _)| (a, i))
        })
        .collect();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, &(a, i)) in refs.iter().enumerate() {
        for stem in &stems[a][i] {
            postings.entry(stem.as_str()).or_default().push(k);
        }
    }
    let mut same = UnionFind::new(refs.len());
    let mut sims: HashMap<(usize, usize), f64> = HashMap::new();
    for (k, &(a, i)) in refs.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for stem in &stems[a][i] {
            for &other in &postings[stem.as_str()] {
                let (b, j) = refs[other];
                if other <= k || b == a || !seen.insert(other) {
                    continue;
                }
                let sim = similarity(&stems[a][i], &stems[b][j]);
                if sim >= SAME_FACT {
                    sims.insert((k, other), sim);
                    same.join(k, other);
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> =
        std::collections::BTreeMap::new();
    for k in 0..refs.len() {
        let root = same.find(k);
        groups.entry(root).or_default().push(k);
    }
    groups
        .into_values()
        .map(|ks| {
            let score = |k: usize| -> f64 {
                ks.iter()
                    .map(|&o| sims.get(&(k.min(o), k.max(o))).copied().unwrap_or(0.0))
                    .sum()
            };
            let best = ks
                .iter()
                .copied()
                .max_by(|&x, &y| score(x).total_cmp(&score(y)).then(y.cmp(&x)))
                .unwrap_or(ks[0]);
            let mut members: Vec<SentenceRef> = ks.iter().map(|&k| refs[k]).collect();
            members.sort_unstable();
            FactGroup {
                members,
                representative: refs[best],
            }
        })
        .collect()
}
