//! Facts: sentences from different articles of one story that state the same thing.
//!
//! Two sentences state the same fact when [`crate::similarity::same_fact`] says so: the
//! paraphrase model (MSRP-fitted, see `similarity.rs`) judges them the same, or one holds
//! [`crate::similarity::CONTAINED`] of the other's content stems (a copy that trimmed a
//! clause). Paraphrase is stricter than "the same fact": "the call fell on Xi's 69th birthday"
//! and "they spoke on Wednesday, which was Xi's birthday" are no paraphrase, but one fact. So
//! sentences that share two stems rare in the story (in at most [`RARE`] of its sentences) and
//! half their content stems are joined as long as the model gives them at least [`RARE_FLOOR`]
//! (values tuned on DUC 2003's briefs). Only sentences that share a content stem are compared.
//! Sentences join transitively.

use std::collections::HashMap;

use newsfold_core::{Article, UnionFind};

use crate::similarity::{MIN_SHARED, MIN_STEMS, SAME, Sentence, same_fact_probability};

/// A stem in at most this many sentences of a story is rare there.
pub const RARE: usize = 3;
/// Rare stems two sentences must share to be joined on them...
pub const RARE_SHARED: usize = 2;
/// ...with at least this share of the smaller one's content stems...
pub const RARE_CONTAINED: f64 = 0.5;
/// ...and at least this probability from the paraphrase model.
pub const RARE_FLOOR: f64 = 0.2;

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

/// Every sentence of every article, read for comparison.
pub fn read_sentences(articles: &[&Article]) -> Vec<Vec<Sentence>> {
    articles
        .iter()
        .map(|a| {
            (0..a.sentences.len())
                .map(|i| Sentence::new(a.sentence(i)))
                .collect()
        })
        .collect()
}

/// Group the sentences of a story's articles (given as read by [`read_sentences`]) into facts.
/// Every sentence with enough content belongs to exactly one group; groups are sorted by their
/// first member.
pub fn align(sentences: &[Vec<Sentence>]) -> Vec<FactGroup> {
    let refs: Vec<SentenceRef> = sentences
        .iter()
        .enumerate()
        .flat_map(|(a, ss)| {
            ss.iter()
                .enumerate()
                .filter(|(_, s)| s.content.len() >= MIN_STEMS)
                .map(move |(i, _)| (a, i))
        })
        .collect();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, &(a, i)) in refs.iter().enumerate() {
        for stem in &sentences[a][i].content {
            postings.entry(stem.as_str()).or_default().push(k);
        }
    }
    let mut same = UnionFind::new(refs.len());
    let mut sims: HashMap<(usize, usize), f64> = HashMap::new();
    for (k, &(a, i)) in refs.iter().enumerate() {
        // Shared content stems with each later sentence of another article, counted from the
        // postings: most pairs share too few to be compared at all.
        let mut shared: HashMap<usize, (usize, usize)> = HashMap::new();
        for stem in &sentences[a][i].content {
            let list = &postings[stem.as_str()];
            // A stem few sentences of the story use (a "birthday" in a story of a phone call).
            let rare = usize::from(list.len() <= RARE);
            for &other in list {
                if other > k && refs[other].0 != a {
                    let e = shared.entry(other).or_default();
                    e.0 += 1;
                    e.1 += rare;
                }
            }
        }
        let mut others: Vec<(usize, (usize, usize))> = shared.into_iter().collect();
        others.sort_unstable();
        for (other, (count, rare)) in others {
            let (b, j) = refs[other];
            let smaller = sentences[a][i]
                .content
                .len()
                .min(sentences[b][j].content.len());
            if (count as f64) < MIN_SHARED * smaller as f64 {
                continue;
            }
            let mut sim = same_fact_probability(&sentences[a][i], &sentences[b][j]);
            // Sentences that share two of the story's rare stems and half their content are
            // the same fact told differently, unless the model firmly says no.
            if rare >= RARE_SHARED
                && sim >= RARE_FLOOR
                && (count as f64) >= RARE_CONTAINED * smaller as f64
            {
                sim = sim.max(SAME);
            }
            if sim >= SAME {
                sims.insert((k, other), sim);
                same.join(k, other);
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
