//! Do two sentences state the same thing? The similarity that fact alignment uses.
//!
//! Word overlap alone (Jaccard of content stems) both joins sentences that merely share names
//! and misses a restatement that reorders clauses and adds a few words. The score here combines seventeen measures of two sentences, each between 0 and
//! 1: overlap of content stems (Jaccard, shared stems over the smaller and the larger set, and
//! the content words each side lacks), of all word stems, of word bigrams and trigrams, of
//! character trigrams, the longest common subsequence of their words, their length ratio,
//! agreement of their numbers, of their capitalised names and of negation. A logistic model
//! weighs them; its weights ([`WEIGHTS`], [`BIAS`]) were fitted on the MSRP training pairs
//! (`newsfold-eval msrp --fit`), and the probability it gives is compared with [`SAME`].
//! Measured on MSRP's test pairs with `newsfold-eval msrp`: accuracy 0.770 (README).

use std::collections::BTreeSet;

use newsfold_text::{is_stop_word, stem, tokens};

/// Probability at which two sentences state the same thing.
pub const SAME: f64 = 0.5;

/// Share of the smaller sentence's content stems found in the larger at which they state the
/// same fact whatever the model says: a copy that trimmed a clause.
pub const CONTAINED: f64 = 0.8;

/// Sentences with fewer content stems are not facts (fragments, bylines).
pub const MIN_STEMS: usize = 4;

/// Below this share of the smaller sentence's content stems in the larger, two sentences are
/// not compared further: they do not state the same fact. (On MSRP's training pairs, 1 of the
/// 2,753 paraphrases falls below it.)
pub const MIN_SHARED: f64 = 0.25;

/// Number of measures.
pub const FEATURES: usize = 17;

/// Weights of the measures (in the order of [`features`]), fitted on MSRP train.
pub const WEIGHTS: [f64; FEATURES] = [
    0.8528387890916835,
    -0.6208799030740172,
    0.05486090083769793,
    1.3220030138338839,
    -0.6481432455979871,
    -4.091710729361541,
    1.4649845310092882,
    1.5222654890099472,
    -0.15211712298102775,
    0.6386634636278394,
    -0.19251430530601527,
    -0.7769401766323433,
    -0.6008822709312664,
    4.37030591438062,
    0.021399781427355775,
    -1.0726002865159723,
    4.426242872877267,
];
/// The model's intercept.
pub const BIAS: f64 = -3.5842511670127806;

/// What the similarity reads of one sentence. Sets are sorted, distinct 64-bit hashes, so
/// that comparing two sentences is a few merges. Two sentences read alike (`==`) are alike to
/// every measure, so a story's repeated sentences are compared once (see `facts.rs`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Sentence {
    /// Stems of the content words (no stop words, no one-letter words).
    pub content: BTreeSet<String>,
    /// Stem hashes of all words, stop words included, in order.
    words: Vec<u64>,
    /// The distinct stem hashes of all words.
    unigrams: Vec<u64>,
    /// Hashes of the word bigrams and trigrams.
    bigrams: Vec<u64>,
    trigrams: Vec<u64>,
    /// Hashes of the content stems.
    content_ids: Vec<u64>,
    /// Numbers, as written (digits, separators and decimal points).
    numbers: Vec<u64>,
    /// Capitalised words after the first, lower-cased: names, mostly.
    names: Vec<u64>,
    /// Hashes of the character trigrams of its words (lower case, one space between words).
    chars: Vec<u64>,
    /// Whether it holds a negation (not, no, never, nor, n't).
    negated: bool,
    /// Its concepts (see [`Sentence::concepts`]).
    concepts: Vec<u64>,
    /// A fragment, not a statement on its own (see [`crate::facts::is_fragment`]).
    pub fragment: bool,
}

/// FNV-1a over bytes, continued from `h`.
fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Sorted and distinct.
fn set(mut v: Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v.dedup();
    v
}

impl Sentence {
    /// Read one sentence.
    pub fn new(text: &str) -> Sentence {
        let mut s = Sentence::default();
        let (mut numbers, mut names, mut content_ids) = (Vec::new(), Vec::new(), Vec::new());
        let mut stops = Vec::new();
        let mut lower = String::with_capacity(text.len());
        for (k, t) in tokens(text).into_iter().enumerate() {
            let surface = t.span.slice(text);
            let norm_hash = fnv(FNV_START, t.norm.as_bytes());
            if t.norm.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                numbers.push(norm_hash);
            } else if k > 0 && surface.chars().next().is_some_and(char::is_uppercase) {
                names.push(norm_hash);
            }
            s.negated |= matches!(t.norm.as_str(), "not" | "no" | "never" | "nor")
                || t.norm.ends_with("n't");
            let stemmed = stem(&t.norm);
            let stem_hash = fnv(FNV_START, stemmed.as_bytes());
            if t.norm.chars().count() > 1 && !is_stop_word(&t.norm) {
                content_ids.push(stem_hash);
                s.content.insert(stemmed);
            }
            s.words.push(stem_hash);
            stops.push(is_stop_word(&t.norm));
            if !lower.is_empty() {
                lower.push(' ');
            }
            lower.push_str(&t.norm);
        }
        let chars: Vec<char> = lower.chars().collect();
        s.chars = set(chars
            .windows(3)
            .map(|w| {
                w.iter().fold(FNV_START, |h, &c| {
                    (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3)
                })
            })
            .collect());
        let grams = |n: usize| -> Vec<u64> {
            set(s
                .words
                .windows(n)
                .map(|w| w.iter().fold(FNV_START, |h, x| fnv(h, &x.to_le_bytes())))
                .collect())
        };
        s.bigrams = grams(2);
        s.concepts = set(s
            .words
            .windows(2)
            .zip(stops.windows(2))
            .filter(|(_, stop)| !(stop[0] && stop[1]))
            .map(|(w, _)| w.iter().fold(FNV_START, |h, x| fnv(h, &x.to_le_bytes())))
            .collect());
        s.trigrams = grams(3);
        s.unigrams = set(s.words.clone());
        s.content_ids = set(content_ids);
        s.numbers = set(numbers);
        s.names = set(names);
        s.fragment = crate::facts::is_fragment(text);
        s
    }
}

impl Sentence {
    /// Its concepts, as a summary covers them: the hashes of its word-stem bigrams that are not
    /// two stop words (ICSISumm's concepts), distinct and sorted.
    pub fn concepts(&self) -> &[u64] {
        &self.concepts
    }

    /// The hashes of its content stems ([`Sentence::content`]), distinct and sorted.
    pub fn content_ids(&self) -> &[u64] {
        &self.content_ids
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when it has no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Jaccard of two sets; `empty` when both are empty.
fn jaccard(a: &[u64], b: &[u64], empty: f64) -> f64 {
    if a.is_empty() && b.is_empty() {
        return empty;
    }
    let s = newsfold_text::shared_count(a, b) as f64;
    s / (a.len() as f64 + b.len() as f64 - s)
}

/// Dice coefficient of two n-gram sets (0 when either is empty).
fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * newsfold_text::shared_count(a, b) as f64 / (a.len() + b.len()) as f64
}

/// Length of the longest common subsequence of two word sequences: bit-parallel (Hyyrö's
/// formulation of Allison and Dix) when the shorter has at most 64 words, one machine word per
/// step of the longer; else the dynamic programme row by row. Both give the same length.
fn lcs(a: &[u64], b: &[u64]) -> usize {
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if b.len() > 64 {
        return lcs_rows(a, b);
    }
    let all = if b.len() == 64 {
        u64::MAX
    } else {
        (1u64 << b.len()) - 1
    };
    let mut v = all;
    for x in a {
        // The positions of `b` that hold `x`.
        let matches = b
            .iter()
            .enumerate()
            .fold(0u64, |m, (j, y)| m | (u64::from(x == y) << j));
        let u = v & matches;
        v = (v.wrapping_add(u) | (v - u)) & all;
    }
    b.len() - v.count_ones() as usize
}

/// [`lcs`] by the dynamic programme, one row at a time.
fn lcs_rows(a: &[u64], b: &[u64]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Share of the smaller sentence's content stems found in the larger.
pub fn containment(a: &Sentence, b: &Sentence) -> f64 {
    let small = a.content_ids.len().min(b.content_ids.len());
    if small == 0 {
        return 0.0;
    }
    newsfold_text::shared_count(&a.content_ids, &b.content_ids) as f64 / small as f64
}

/// The measures of a pair, each between 0 and 1, in the order of [`WEIGHTS`].
pub fn features(a: &Sentence, b: &Sentence) -> [f64; FEATURES] {
    let (ca, cb) = (&a.content_ids, &b.content_ids);
    let common = newsfold_text::shared_count(ca, cb) as f64;
    let (small, large) = (ca.len().min(cb.len()) as f64, ca.len().max(cb.len()) as f64);
    let ratio = |x: f64, y: f64| if y > 0.0 { x / y } else { 0.0 };
    let (na, nb) = (a.words.len() as f64, b.words.len() as f64);
    // Content words one side has and the other lacks, counted (capped at ten): new information.
    let ua = ((ca.len() as f64 - common) / 10.0).min(1.0);
    let ub = ((cb.len() as f64 - common) / 10.0).min(1.0);
    let lcs_share = ratio(lcs(&a.words, &b.words) as f64, na.max(nb));
    let chars = newsfold_text::shared_count(&a.chars, &b.chars) as f64;
    [
        ratio(common, ca.len() as f64 + cb.len() as f64 - common),
        ratio(common, small),
        ratio(common, large),
        jaccard(&a.unigrams, &b.unigrams, 0.0),
        dice(&a.bigrams, &b.bigrams),
        dice(&a.trigrams, &b.trigrams),
        lcs_share,
        ratio(na.min(nb), na.max(nb)),
        jaccard(&a.numbers, &b.numbers, 1.0),
        f64::from(u8::from(a.numbers == b.numbers)),
        jaccard(&a.names, &b.names, 1.0),
        ua.max(ub),
        ua.min(ub),
        ratio(chars, a.chars.len() as f64 + b.chars.len() as f64 - chars),
        ratio(chars, a.chars.len().min(b.chars.len()) as f64),
        f64::from(u8::from(a.negated != b.negated)),
        lcs_share * lcs_share,
    ]
}

/// The probability that two sentences state the same thing.
pub fn same_probability(a: &Sentence, b: &Sentence) -> f64 {
    let z = BIAS
        + features(a, b)
            .iter()
            .zip(WEIGHTS)
            .map(|(f, w)| f * w)
            .sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

/// True when two sentences state the same thing.
pub fn same(a: &Sentence, b: &Sentence) -> bool {
    same_probability(a, b) >= SAME
}

/// The rule of fact alignment, as a probability: the model's, raised to [`SAME`] when one
/// sentence holds [`CONTAINED`] of the other's content stems; 0 when either has fewer than
/// [`MIN_STEMS`] of them.
pub fn same_fact_probability(a: &Sentence, b: &Sentence) -> f64 {
    if a.content.len() < MIN_STEMS || b.content.len() < MIN_STEMS {
        return 0.0;
    }
    let contained = containment(a, b);
    if contained < MIN_SHARED {
        return 0.0;
    }
    let p = same_probability(a, b);
    if contained >= CONTAINED {
        p.max(SAME)
    } else {
        p
    }
}

/// True when two sentences state the same fact ([`same_fact_probability`] reaches [`SAME`]).
pub fn same_fact(a: &Sentence, b: &Sentence) -> bool {
    same_fact_probability(a, b) >= SAME
}

#[cfg(test)]
mod tests {
    #[test]
    fn bit_parallel_lcs_agrees_with_the_dynamic_programme() {
        // Small alphabets make long common subsequences; lengths up to 64 and past it.
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = |k: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % k
        };
        for round in 0..2000 {
            let (n, m) = (next(80) as usize, next(70) as usize);
            let k = 2 + round % 6;
            let a: Vec<u64> = (0..n).map(|_| next(k)).collect();
            let b: Vec<u64> = (0..m).map(|_| next(k)).collect();
            assert_eq!(super::lcs(&a, &b), super::lcs_rows(&a, &b), "{a:?} {b:?}");
        }
    }

    use super::{Sentence, features, lcs, same};

    #[test]
    fn measures_stay_between_zero_and_one() {
        let a = Sentence::new(
            "Harbour Holdings owned the Saltmere shipyard before selling it to Norvik in 2019 for $3.1 billion.",
        );
        let b = Sentence::new(
            "Harbour Holdings bought the Saltmere shipyard in 2011 for $840 million and sold it to Norvik for $2.2 billion in 2019.",
        );
        for f in features(&a, &b) {
            assert!((0.0..=1.0).contains(&f), "{f}");
        }
        // With itself: every overlap 1; nothing unmatched (11, 12), no negation mismatch (15).
        let own = features(&a, &a);
        for (k, f) in own.iter().enumerate() {
            let want = if [11, 12, 15].contains(&k) { 0.0 } else { 1.0 };
            assert!((f - want).abs() < 1e-12, "{k}: {own:?}");
        }
    }

    #[test]
    fn restatements_are_the_same_and_other_news_of_the_same_names_is_not() {
        let s = Sentence::new;
        assert!(same(
            &s(
                "The mayor of Keldport, whom critics call \"the builder\", opened the new ferry terminal on Monday."
            ),
            &s(
                "Calling him \"the builder\", critics watched the mayor of Keldport open the new ferry terminal on Monday."
            )
        ));
        assert!(!same(
            &s("Harbour Holdings owned the Saltmere shipyard before selling it to Norvik in 2019."),
            &s(
                "Norvik plans to build four ferries at the Saltmere shipyard next year, its chief executive said."
            )
        ));
    }

    #[test]
    fn longest_common_subsequence() {
        assert_eq!(lcs(&[1, 2, 3, 4], &[2, 9, 4, 1]), 2);
    }
}
