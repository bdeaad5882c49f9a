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

use std::collections::{HashMap, HashSet};

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
/// End of a list of positions.
const NONE: u32 = u32::MAX;

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

/// Lookup tables over one article, built once and aligned against many others (the hub of a
/// candidate star against each of its spokes): where each shingle stands, and which sentences
/// hold each word. Both are open-addressed tables of a few kilobytes, built in one pass each.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// First position of each shingle; further positions follow through `next_shingle`.
    first_shingle: Table,
    /// The next position of the same shingle, or [`NONE`].
    next_shingle: Vec<u32>,
    /// For each word, its number in `word_ranges`.
    words: Table,
    /// For each word (by its number), a range of `sentence_lists`: the sentences holding it,
    /// in order.
    word_ranges: Vec<(u32, u32)>,
    sentence_lists: Vec<u32>,
}

impl Index {
    /// Index one fingerprint.
    pub fn new(f: &Fingerprint) -> Index {
        let mut first_shingle = Table::with_capacity(f.shingles.len());
        let mut next_shingle = vec![NONE; f.shingles.len()];
        for (i, &h) in f.shingles.iter().enumerate().rev() {
            let slot = first_shingle.slot(h);
            if let Some(previous) = first_shingle.set(slot, h, i as u32) {
                next_shingle[i] = previous;
            }
        }
        // A sentence with the same words as an earlier one is not listed: the earlier one
        // wins every match it could win (ties go to the first), so repeated text is listed
        // once.
        let mut seen: HashSet<&[u64]> = HashSet::new();
        let listed: Vec<bool> = f.sentence_words().map(|w| seen.insert(w)).collect();
        // Each word is numbered at its first sentence and its sentences counted; then the
        // lists are laid out word after word and filled in sentence order.
        let mut words = Table::with_capacity(f.distinct_words.len());
        let mut word_ranges: Vec<(u32, u32)> = Vec::new();
        let mut numbers = Vec::with_capacity(f.distinct_words.len());
        let listed_words = f
            .sentence_words()
            .zip(&listed)
            .filter(|(_, listed)| **listed)
            .flat_map(|(words, _)| words);
        for &w in listed_words {
            let slot = words.slot(w);
            let number = match words.get_at(slot) {
                Some(number) => number,
                None => {
                    let number = word_ranges.len() as u32;
                    words.set(slot, w, number);
                    word_ranges.push((0, 0));
                    number
                }
            };
            word_ranges[number as usize].1 += 1;
            numbers.push(number);
        }
        let mut start = 0;
        for range in &mut word_ranges {
            range.0 = start;
            start += range.1;
        }
        let mut sentence_lists = vec![0; numbers.len()];
        let mut filled = vec![0u32; word_ranges.len()];
        let mut numbers = numbers.iter();
        for (k, size) in f.sentence_sizes.iter().enumerate() {
            if !listed[k] {
                continue;
            }
            for &number in numbers.by_ref().take(*size as usize) {
                let at = word_ranges[number as usize].0 + filled[number as usize];
                sentence_lists[at as usize] = k as u32;
                filled[number as usize] += 1;
            }
        }
        Index {
            first_shingle,
            next_shingle,
            words,
            word_ranges,
            sentence_lists,
        }
    }

    /// The sentences holding word `w`, in order.
    fn sentences_of(&self, w: u64) -> &[u32] {
        self.words.get(w).map_or(&[], |number| {
            let (start, len) = self.word_ranges[number as usize];
            &self.sentence_lists[start as usize..(start + len) as usize]
        })
    }
}

/// A map from 64-bit hashes to `u32` values (never [`NONE`]): open addressing with linear
/// probing in a power-of-two array at least twice the size of what it holds. The keys are
/// hashes already, so their low bits pick the slot. Faster to build and to read than a general
/// hash map for the few hundred words or shingles of one article.
#[derive(Debug, Clone, Default)]
struct Table {
    /// `(key, value)` per slot; a value of [`NONE`] marks an empty slot.
    slots: Vec<(u64, u32)>,
}

impl Table {
    fn with_capacity(n: usize) -> Table {
        Table {
            slots: vec![(0, NONE); (2 * n).next_power_of_two().max(8)],
        }
    }

    /// The slot holding `key`, or the empty slot where it would go.
    #[inline]
    fn slot(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = (key ^ (key >> 32)) as usize & mask;
        loop {
            let (k, v) = self.slots[i];
            if v == NONE || k == key {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn get_at(&self, slot: usize) -> Option<u32> {
        let v = self.slots[slot].1;
        (v != NONE).then_some(v)
    }

    #[inline]
    fn get(&self, key: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.get_at(self.slot(key))
    }

    /// Put `key` and `value` in `slot` (from [`Table::slot`] of `key`); the value it held.
    #[inline]
    fn set(&mut self, slot: usize, key: u64, value: u32) -> Option<u32> {
        let previous = self.get_at(slot);
        self.slots[slot] = (key, value);
        previous
    }
}

/// Align two fingerprints, the first indexed.
pub fn align(fa: &Fingerprint, ia: &Index, fb: &Fingerprint) -> Alignment {
    // Shared shingles in the second article's order: (position in a, position in b).
    let mut open: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut done: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (j, h) in fb.shingles.iter().enumerate() {
        let Some(first) = ia.first_shingle.get(*h) else {
            continue;
        };
        // Chains that can no longer be extended are finished.
        open.retain(|c| {
            let alive = j <= c.3 + GAP;
            if !alive {
                done.push(*c);
            }
            alive
        });
        let mut i = first;
        let mut seen = 0;
        while i != NONE && seen < MAX_OCCURRENCES {
            let iu = i as usize;
            // Open chains as (first_i, first_j, last_i, last_j); extend the one whose step
            // is most nearly diagonal.
            let extend = open
                .iter_mut()
                .filter(|c| c.3 < j && c.2 < iu && iu <= c.2 + GAP)
                .min_by_key(|c| (j - c.3).abs_diff(iu - c.2));
            match extend {
                Some(c) => {
                    c.2 = iu;
                    c.3 = j;
                }
                None => open.push((iu, j, iu, j)),
            }
            i = ia.next_shingle[iu];
            seen += 1;
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
    let sentence_matches = match_sentences(fa, ia, fb);
    // A chain inside a matched sentence adds nothing: keep the sentence match. The matches
    // are in the order of their sentences of `fb`, which do not overlap, so only the last one
    // starting at or before the chain can hold it.
    let inside = |c: &Chain| {
        let after = sentence_matches.partition_point(|m| m.b.0 <= c.b.0);
        after.checked_sub(1).is_some_and(|k| {
            let m = &sentence_matches[k];
            m.a.0 <= c.a.0 && c.a.1 <= m.a.1 && m.b.0 <= c.b.0 && c.b.1 <= m.b.1
        })
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
/// one sentence, edited. Shared words are counted through the index of `fa`.
fn match_sentences(fa: &Fingerprint, ia: &Index, fb: &Fingerprint) -> Vec<Chain> {
    let na = fa.sentences.len();
    let mut shared = vec![0u32; na];
    let mut touched: Vec<u32> = Vec::new();
    let mut matches = Vec::new();
    // Sentences with the same words find the same match: repeated text is matched once.
    let mut found: HashMap<&[u64], Option<usize>> = HashMap::new();
    for (b, words) in fb.sentence_words().enumerate() {
        let size_b = words.len();
        if size_b < MIN_SENTENCE_WORDS {
            continue;
        }
        if let Some(&best) = found.get(words) {
            if let Some(a) = best {
                matches.push(Chain {
                    a: fa.sentences[a],
                    b: fb.sentences[b],
                });
            }
            continue;
        }
        for &w in words {
            for &a in ia.sentences_of(w) {
                if shared[a as usize] == 0 {
                    touched.push(a);
                }
                shared[a as usize] += 1;
            }
        }
        touched.sort_unstable();
        let best = touched
            .iter()
            .map(|&a| a as usize)
            .filter(|&a| fa.sentence_sizes[a] as usize >= MIN_SENTENCE_WORDS)
            .filter_map(|a| {
                let n = shared[a] as usize;
                let size_a = fa.sentence_sizes[a] as usize;
                let jaccard = n as f64 / (size_a + size_b - n) as f64;
                let contained = n as f64 / size_a.min(size_b) as f64;
                (jaccard >= SAME_SENTENCE || contained >= CONTAINED).then_some((jaccard, a))
            })
            .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
        for &a in &touched {
            shared[a as usize] = 0;
        }
        touched.clear();
        found.insert(words, best.map(|(_, a)| a));
        if let Some((_, a)) = best {
            matches.push(Chain {
                a: fa.sentences[a],
                b: fb.sentences[b],
            });
        }
    }
    matches
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
    use super::{Alignment, Index};
    use crate::fingerprint::{Fingerprint, fingerprint};

    fn align(a: &Fingerprint, b: &Fingerprint) -> Alignment {
        super::align(a, &Index::new(a), b)
    }
    fn print(text: &str) -> Fingerprint {
        fingerprint(text, &newsfold_text::sentences(text))
    }

    const ONE: &str = "The rail bridge over the Hessel river collapsed on Tuesday evening under a commuter train.";
    const TWO: &str = "Rescue teams worked through the night to free passengers trapped in the two rear carriages.";
    const THREE: &str =
        "The transport ministry ordered an inspection of every bridge built to the same design.";

    #[test]
    fn shuffled_sentences_still_align_fully() {
        let a = print(&[ONE, TWO, THREE].join(" "));
        let b = print(&[THREE, ONE, TWO].join("\n\n"));
        let al = align(&a, &b);
        assert!(al.coverage_a > 0.85 && al.coverage_b > 0.85, "{al:?}");
    }

    #[test]
    fn word_edits_bend_but_do_not_break_a_chain() {
        let edited = ONE
            .replace("Tuesday evening", "Tuesday night")
            .replace("commuter", "crowded commuter");
        let al = align(&print(ONE), &print(&edited));
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
        let al = align(&print(&b), &print(&a));
        assert!(al.coverage_a > 0.9 && al.coverage_b > 0.9, "{al:?}");
    }

    #[test]
    fn repeated_sentences_align_in_linear_time() {
        // Issue 17, defect 2: each of 6,000 repeated sentences was compared with each of the
        // other's 3,000 (and each chain with every sentence match): a minute in a debug build.
        let a = print(&format!("{ONE} ").repeat(3000));
        let b = print(&format!("{ONE} ").repeat(6000));
        let al = align(&a, &b);
        assert_eq!(al.coverage_b, 1.0);
        // Every sentence of b matches a's first, the first of the sentences alike.
        let matched = al.chains.iter().filter(|c| c.a == a.sentences[0]).count();
        assert_eq!(matched, 6000);
    }

    #[test]
    fn unrelated_texts_share_nothing() {
        let al = align(&print(ONE), &print(TWO));
        assert!(al.chains.is_empty());
    }
}
