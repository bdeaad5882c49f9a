//! Sparse TF-IDF vectors over stems and names, the representation stories are compared in.
//!
//! Each article becomes a sorted list of `(term id, weight)`, L2-normalised, so that the cosine
//! of two articles is a merge of two sorted lists. Capitalised words that do not open a sentence
//! (names of people, places, organisations) are added a second time as *name* terms, because
//! names are what tell two events of the same kind apart: two bridge collapses share "bridge",
//! "collapse" and "injured", not "Keldport" and "Hessel". Years (`@2013`) and other numbers
//! (`%6.1`) are terms of their own: "the 2008 patch" is not "the 2013 patch".

use std::collections::HashMap;

use newsfold_core::Article;
use newsfold_text::{is_stop_word, stem, tokens};

/// A sparse, L2-normalised vector: term ids ascending.
pub type Vector = Vec<(u32, f32)>;

/// Weight of a name term relative to a word term.
const NAME_BOOST: f32 = 2.0;

/// Terms of one article with their counts, before weighting.
fn terms(article: &Article) -> HashMap<String, f32> {
    let mut counts: HashMap<String, f32> = HashMap::new();
    // Each distinct word is stemmed once: stemming is most of the work, and a long article
    // (or one sentence repeated 230,000 times) repeats its words.
    let mut stems: HashMap<String, String> = HashMap::new();
    let mut add = |text: &str, weight: f32| {
        let mut sentence_start = true;
        for t in tokens(text) {
            let word = t.span.slice(text);
            let starts = sentence_start;
            let before = text[..t.span.start as usize].trim_end();
            sentence_start = false;
            // A year the text mentions is a term of its own.
            if t.norm.len() == 4
                && (t.norm.starts_with("19") || t.norm.starts_with("20"))
                && t.norm.chars().all(|c| c.is_ascii_digit())
            {
                *counts.entry(format!("@{}", t.norm)).or_default() += weight;
                continue;
            }
            // Other numbers of two characters or more ("43" injured, magnitude "6.1") too.
            if t.norm.len() >= 2
                && t.norm
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
            {
                *counts.entry(format!("%{}", t.norm)).or_default() += weight;
                continue;
            }
            if t.norm.chars().count() < 2
                || is_stop_word(&t.norm)
                || t.norm.chars().all(|c| c.is_ascii_digit())
            {
                continue;
            }
            if !stems.contains_key(&t.norm) {
                stems.insert(t.norm.clone(), stem(&t.norm));
            }
            let stemmed = &stems[&t.norm];
            match counts.get_mut(stemmed.as_str()) {
                Some(count) => *count += weight,
                None => {
                    counts.insert(stemmed.clone(), weight);
                }
            }
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            let opens =
                starts || before.is_empty() || before.ends_with(['.', '!', '?', '"', '“', '\n']);
            if capitalised && !opens {
                *counts.entry(format!("#{}", t.norm)).or_default() += weight * NAME_BOOST;
            }
            if text[t.span.end as usize..].starts_with(['.', '!', '?']) {
                sentence_start = true;
            }
        }
    };
    if let Some(title) = &article.title {
        add(title, 2.0);
    }
    add(&article.text, 1.0);
    counts
}

/// TF-IDF vectors of `articles` (log-scaled term frequency, smoothed IDF), and the vocabulary
/// size.
pub fn vectors(articles: &[&Article]) -> Vec<Vector> {
    let per_article: Vec<HashMap<String, f32>> = articles.iter().map(|a| terms(a)).collect();
    let mut vocabulary: Vec<&String> = per_article.iter().flat_map(|t| t.keys()).collect();
    vocabulary.sort_unstable();
    vocabulary.dedup();
    let ids: HashMap<&String, u32> = vocabulary
        .iter()
        .enumerate()
        .map(|(i, t)| (*t, u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    let mut df = vec![0u32; vocabulary.len()];
    for t in &per_article {
        for term in t.keys() {
            df[ids[term] as usize] += 1;
        }
    }
    let n = articles.len() as f32;
    per_article
        .iter()
        .map(|t| {
            let mut v: Vector = t
                .iter()
                .map(|(term, &count)| {
                    let id = ids[term];
                    let idf = ((1.0 + n) / (1.0 + df[id as usize] as f32)).ln() + 1.0;
                    (id, (1.0 + count.ln()) * idf)
                })
                .collect();
            v.sort_unstable_by_key(|&(id, _)| id);
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v
        })
        .collect()
}

/// Cosine of two normalised vectors.
pub fn cosine(a: &Vector, b: &Vector) -> f32 {
    sparse_dot(a, b)
}

/// Dot product of two sparse vectors, each sorted by term.
pub(crate) fn sparse_dot<T: Ord>(a: &[(T, f32)], b: &[(T, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}
