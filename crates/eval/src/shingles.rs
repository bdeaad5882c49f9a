//! The extraction benchmark's metric: word 4-gram shingles of predicted and true bodies.
//!
//! This follows the public article-extraction benchmark's definition so that our figures compare
//! with published ones: tokens are `\w+` runs (case kept); a text of fewer than four tokens is
//! one shingle; per page, shingles matched as multisets give TP (min of counts), FP and FN
//! (excess counts), normalised to sum to 1; precision and recall are averaged over the pages
//! where they are defined, and F1 comes from the two averages.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Normalised true positives, false positives and false negatives of one page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Counts {
    /// Shingles in both.
    pub tp: f64,
    /// Shingles only predicted.
    pub fp: f64,
    /// Shingles only in the truth.
    pub fn_: f64,
}

fn shingles(text: &str) -> HashMap<Vec<&str>, u32> {
    static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("valid regex"));
    let tokens: Vec<&str> = WORD.find_iter(text).map(|m| m.as_str()).collect();
    let mut out = HashMap::new();
    let n = 4;
    for i in 0..tokens.len().saturating_sub(n - 1).max(1) {
        let shingle: Vec<&str> = tokens[i..(i + n).min(tokens.len())].to_vec();
        if !shingle.is_empty() {
            *out.entry(shingle).or_insert(0) += 1;
        }
    }
    out
}

/// Compare one predicted body with the true one.
pub fn compare(truth: &str, predicted: &str) -> Counts {
    let (t, p) = (shingles(truth), shingles(predicted));
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for key in t.keys().chain(p.keys().filter(|k| !t.contains_key(*k))) {
        let (tc, pc) = (
            f64::from(t.get(key).copied().unwrap_or(0)),
            f64::from(p.get(key).copied().unwrap_or(0)),
        );
        tp += tc.min(pc);
        fp += (pc - tc).max(0.0);
        fn_ += (tc - pc).max(0.0);
    }
    let sum = tp + fp + fn_;
    if sum > 0.0 {
        Counts {
            tp: tp / sum,
            fp: fp / sum,
            fn_: fn_ / sum,
        }
    } else {
        Counts { tp, fp, fn_ }
    }
}

/// Precision, recall and F1 over pages.
pub fn score(pages: &[Counts]) -> (f64, f64, f64) {
    let precision: Vec<f64> = pages
        .iter()
        .filter(|c| c.tp + c.fp > 0.0)
        .map(|c| {
            if c.fp == 0.0 && c.fn_ == 0.0 {
                1.0
            } else {
                c.tp / (c.tp + c.fp)
            }
        })
        .collect();
    let recall: Vec<f64> = pages
        .iter()
        .filter(|c| c.tp + c.fn_ > 0.0)
        .map(|c| {
            if c.fp == 0.0 && c.fn_ == 0.0 {
                1.0
            } else {
                c.tp / (c.tp + c.fn_)
            }
        })
        .collect();
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let (p, r) = (mean(&precision), mean(&recall));
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f1)
}

#[cfg(test)]
mod tests {
    use super::{compare, score};

    #[test]
    fn identical_texts_score_one() {
        let c = compare("one two three four five", "one two three four five");
        assert_eq!((c.tp, c.fp, c.fn_), (1.0, 0.0, 0.0));
        assert_eq!(score(&[c]), (1.0, 1.0, 1.0));
    }

    #[test]
    fn extra_text_costs_precision() {
        let c = compare("a b c d e", "a b c d e f g");
        // Truth has 2 shingles, prediction 4: 2 shared, 2 extra.
        assert_eq!((c.tp, c.fp, c.fn_), (0.5, 0.5, 0.0));
        let (p, r, _) = score(&[c]);
        assert_eq!((p, r), (0.5, 1.0));
    }
}
