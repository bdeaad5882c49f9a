//! Passage alignment between two fingerprinted articles, independent of sentence order.
//!
//! passim aligns in increasing order, so a copy whose sentences were shuffled is missed (its
//! issue #9). Two aligners work together here, and their passages are merged:
//!
//! - **shingle chains**: every shingle of one article is looked up in the other wherever it
//!   stands, and matches are chained along diagonals. A chain continues while both positions
//!   advance by at most [`GAP`] words, so a small edit bends a chain without breaking it, and a
//!   shuffled sentence simply starts a chain of its own. Chains shorter than [`MIN_CHAIN`] words
//!   are dropped as chance phrases. This finds verbatim passages of any length, even inside
//!   sentences.
//! - **sentence matches**: each sentence of one article is paired with the sentence of the other
//!   that shares the most words, when their word sets agree at Jaccard [`SAME_SENTENCE`] (or one
//!   holds [`CONTAINED`] of the other). A sentence with one word in five edited still shares
//!   about two thirds of its words, where most of its 5-word shingles are broken, so this is
//!   what carries heavily edited copies.

use crate::fingerprint::{Fingerprint, SHINGLE};

/// Largest step, in words, between two matches of one chain.
pub const GAP: usize = 6;
/// Fewest words in a chain worth reporting as a passage.
pub const MIN_CHAIN: usize = 8;
/// At most this many occurrences of one shingle in the other article are considered.
const MAX_OCCURRENCES: usize = 4;
/// Jaccard similarity of word sets at which two sentences are one sentence, edited.
pub const SAME_SENTENCE: f64 = 0.5;
/// Share of the shorter sentence's words found in the longer at which they are one sentence
/// (one outlet merged or split sentences).
pub const CONTAINED: f64 = 0.8;
/// Sentences with fewer distinct words are not matched on their own: too many are alike.
const MIN_SENTENCE_WORDS: usize = 6;

/// A run of shared text: word ranges `[start, end)` in each article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chain {
    /// Words of the first article.
    pub a: (usize, usize),
    /// Words of the second article.
    pub b: (usize, usize),
}

impl Chain {
    /// Words in the chain, counted on the shorter side.
    pub fn len(&self) -> usize {
        (self.a.1 - self.a.0).min(self.b.1 - self.b.0)
    }

    /// True for a chain of no words.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The shared passages of two articles and how much of each they cover.
#[derive(Debug, Clone)]
pub struct Alignment {
    /// Shared passages, in the first article's order.
    pub chains: Vec<Chain>,
    /// Words of the first article inside some passage.
    pub words_a: usize,
    /// Words of the second article inside some passage.
    pub words_b: usize,
    /// `words_a` over the first article's word count.
    pub coverage_a: f64,
    /// `words_b` over the second article's word count.
    pub coverage_b: f64,
}

/// Align two fingerprints.
pub fn align(fa: &Fingerprint, fb: &Fingerprint) -> Alignment {
    // Shared shingles, found by merging the two sorted indexes: (position in a, position in b).
    let mut matches: Vec<(u32, u32)> = Vec::new();
    merge_join(&fa.shingle_index, &fb.shingle_index, |in_a, in_b| {
        for &(_, i) in in_a {
            for &(_, j) in in_b.iter().take(MAX_OCCURRENCES) {
                matches.push((i, j));
            }
        }
    });
    matches.sort_unstable();
    // Open chains as (first_i, first_j, last_i, last_j).
    let mut open: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut done: Vec<(usize, usize, usize, usize)> = Vec::new();
    for &(i, j) in &matches {
        let (i, j) = (i as usize, j as usize);
        // Chains that can no longer be extended are finished.
        open.retain(|c| {
            let alive = i <= c.2 + GAP;
            if !alive {
                done.push(*c);
            }
            alive
        });
        let extend = open
            .iter_mut()
            .filter(|c| c.2 < i && c.3 < j && j <= c.3 + GAP)
            .min_by_key(|c| (i - c.2).abs_diff(j - c.3));
        match extend {
            Some(c) => {
                c.2 = i;
                c.3 = j;
            }
            None => open.push((i, j, i, j)),
        }
    }
    done.extend(open);
    let shingle_chains = done
        .into_iter()
        .map(|(fi, fj, li, lj)| Chain {
            a: (fi, li + SHINGLE),
            b: (fj, lj + SHINGLE),
        })
        .filter(|c| c.len() >= MIN_CHAIN);
    let sentence_matches = match_sentences(fa, fb);
    // A chain inside a matched sentence adds nothing: keep the sentence match.
    let inside = |c: &Chain| {
        sentence_matches
            .iter()
            .any(|m| m.a.0 <= c.a.0 && c.a.1 <= m.a.1 && m.b.0 <= c.b.0 && c.b.1 <= m.b.1)
    };
    let mut chains: Vec<Chain> = shingle_chains
        .filter(|c| !inside(c))
        .chain(sentence_matches.iter().copied())
        .collect();
    chains.sort_by_key(|c| (c.a, c.b));
    chains.dedup();
    let words_a = covered(chains.iter().map(|c| c.a));
    let words_b = covered(chains.iter().map(|c| c.b));
    let ratio = |n: usize, total: usize| {
        if total == 0 {
            0.0
        } else {
            n as f64 / total as f64
        }
    };
    Alignment {
        coverage_a: ratio(words_a, fa.words.len()),
        coverage_b: ratio(words_b, fb.words.len()),
        chains,
        words_a,
        words_b,
    }
}

/// Pair each sentence of `fb` with the sentence of `fa` sharing the most words, when they are
/// one sentence, edited. Shared words are counted by merging the two sorted
/// `(word, sentence)` indexes into a small sentence-by-sentence table.
fn match_sentences(fa: &Fingerprint, fb: &Fingerprint) -> Vec<Chain> {
    let (na, nb) = (fa.sentences.len(), fb.sentences.len());
    if na == 0 || nb == 0 {
        return Vec::new();
    }
    let mut shared = vec![0u32; na * nb];
    merge_join(&fa.sentence_words, &fb.sentence_words, |in_a, in_b| {
        for &(_, sa) in in_a {
            for &(_, sb) in in_b {
                shared[sb as usize * na + sa as usize] += 1;
            }
        }
    });
    let mut matches = Vec::new();
    for b in 0..nb {
        let size_b = fb.sentence_sizes[b] as usize;
        if size_b < MIN_SENTENCE_WORDS {
            continue;
        }
        let best = (0..na)
            .filter(|&a| fa.sentence_sizes[a] as usize >= MIN_SENTENCE_WORDS)
            .filter_map(|a| {
                let n = shared[b * na + a] as usize;
                if n == 0 {
                    return None;
                }
                let size_a = fa.sentence_sizes[a] as usize;
                let jaccard = n as f64 / (size_a + size_b - n) as f64;
                let contained = n as f64 / size_a.min(size_b) as f64;
                (jaccard >= SAME_SENTENCE || contained >= CONTAINED).then_some((jaccard, a))
            })
            .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
        if let Some((_, a)) = best {
            matches.push(Chain {
                a: fa.sentences[a],
                b: fb.sentences[b],
            });
        }
    }
    matches
}

/// Walk two `(key, value)` lists sorted by key, calling `on_match` with the two runs of entries
/// for every key found in both.
fn merge_join(
    a: &[(u64, u32)],
    b: &[(u64, u32)],
    mut on_match: impl FnMut(&[(u64, u32)], &[(u64, u32)]),
) {
    let (mut x, mut y) = (0, 0);
    while x < a.len() && y < b.len() {
        match a[x].0.cmp(&b[y].0) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                let key = a[x].0;
                let x_end = x + a[x..].iter().take_while(|e| e.0 == key).count();
                let y_end = y + b[y..].iter().take_while(|e| e.0 == key).count();
                on_match(&a[x..x_end], &b[y..y_end]);
                (x, y) = (x_end, y_end);
            }
        }
    }
}

/// Words inside the union of the ranges.
fn covered(ranges: impl Iterator<Item = (usize, usize)>) -> usize {
    let mut ranges: Vec<(usize, usize)> = ranges.collect();
    ranges.sort_unstable();
    let mut total = 0;
    let mut reach = 0;
    for (start, end) in ranges {
        let start = start.max(reach);
        if end > start {
            total += end - start;
            reach = end;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::align;
    use crate::fingerprint::fingerprint;
    use newsfold_core::Article;

    fn article(text: &str) -> Article {
        Article {
            text: text.into(),
            sentences: newsfold_text::sentences(text),
            ..Article::default()
        }
    }

    const ONE: &str = "The rail bridge over the Hessel river collapsed on Tuesday evening under a commuter train.";
    const TWO: &str = "Rescue teams worked through the night to free passengers trapped in the two rear carriages.";
    const THREE: &str =
        "The transport ministry ordered an inspection of every bridge built to the same design.";

    #[test]
    fn shuffled_sentences_still_align_fully() {
        let a = fingerprint(&article(&[ONE, TWO, THREE].join(" ")));
        let b = fingerprint(&article(&[THREE, ONE, TWO].join("\n\n")));
        let al = align(&a, &b);
        assert!(al.coverage_a > 0.85 && al.coverage_b > 0.85, "{al:?}");
    }

    #[test]
    fn word_edits_bend_but_do_not_break_a_chain() {
        let edited = ONE
            .replace("Tuesday evening", "Tuesday night")
            .replace("commuter", "crowded commuter");
        let al = align(&fingerprint(&article(ONE)), &fingerprint(&article(&edited)));
        assert_eq!(al.chains.len(), 1, "{al:?}");
    }

    #[test]
    fn a_fifth_of_words_edited_still_aligns_by_sentence() {
        let a = [ONE, TWO, THREE].join(" ");
        // About one word in five replaced, inserted or dropped, in every sentence.
        let b = [
            "The rail bridge across the Hessel river collapsed on Tuesday night under a commuter train.",
            "Rescue crews worked through the night to free the passengers trapped in two rear carriages.",
            "The ministry of transport ordered an inspection of each bridge built to that same design.",
        ]
        .join(" ");
        let al = align(&fingerprint(&article(&b)), &fingerprint(&article(&a)));
        assert!(al.coverage_a > 0.9 && al.coverage_b > 0.9, "{al:?}");
    }

    #[test]
    fn unrelated_texts_share_nothing() {
        let al = align(&fingerprint(&article(ONE)), &fingerprint(&article(TWO)));
        assert!(al.chains.is_empty());
    }
}
