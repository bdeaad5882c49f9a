//! Per-article fingerprints and candidate pairs.
//!
//! A fingerprint holds, for every word position, the hash of the 5-word shingle starting there
//! (digits kept) and whether the word is inside quotation marks; a 128-value MinHash signature
//! of the shingle set (one-permutation hashing with densification); a hash per word and the
//! word range of each sentence; and two sorted indexes, of shingles and of each sentence's
//! distinct words, so that two fingerprints are compared by merging, without hash maps. Memory
//! per article: per word 8 bytes of span, 8 of shingle hash, 16 of shingle index, 8 of word hash,
//! at most 16 of sentence index and 1 of quote flag (57 bytes); 20 bytes per sentence; 1 KiB of
//! signature: about 58 KiB for a 1,000-word article.
//!
//! Candidates come from two indexes, so that neither near-duplicates nor short shared passages
//! are missed: LSH bands over the signatures (32 bands of 4 rows: pairs with Jaccard ≳ 0.4 are
//! likely to collide) and shared rare shingles ("anchors": one shingle in four, chosen by its
//! hash, found in at most `max(50, n/100)` articles; a pair sharing at least 2 is a candidate).

use std::collections::HashMap;

use newsfold_core::{Article, Span};
use newsfold_text::{fold_char, tokens};
use xxhash_rust::xxh3::xxh3_64;

/// Words per shingle.
pub const SHINGLE: usize = 5;
/// MinHash signature length.
pub const MINHASH_SIZE: usize = 128;
const BANDS: usize = 32;
const ROWS: usize = MINHASH_SIZE / BANDS;
const MIN_SHARED_ANCHORS: u32 = 2;
/// One shingle in this many serves as an anchor.
const ANCHOR_SAMPLE: u64 = 4;

/// What reuse detection keeps of an article.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    /// Span of each word in the cleaned text.
    pub words: Vec<Span>,
    /// Hash of the shingle starting at each word (one fewer than `SHINGLE - 1` from the end).
    pub shingles: Vec<u64>,
    /// Whether each word stands inside quotation marks.
    pub quoted: Vec<bool>,
    /// MinHash signature of the shingle set.
    pub minhash: Vec<u64>,
    /// Hash of each word's normalised form.
    pub word_hashes: Vec<u64>,
    /// Each sentence as a half-open range of word positions.
    pub sentences: Vec<(usize, usize)>,
    /// `(shingle hash, position)`, sorted: the other article's shingles are found by a merge.
    pub shingle_index: Vec<(u64, u32)>,
    /// `(word hash, sentence)`, distinct and sorted, for sentence matching by a merge.
    pub sentence_words: Vec<(u64, u32)>,
    /// Distinct words of each sentence.
    pub sentence_sizes: Vec<u32>,
}

impl Fingerprint {
    /// The text span covered by a half-open range of word positions.
    pub fn span_of(&self, words: (usize, usize)) -> Span {
        crate::token_span(&self.words, words.0, words.1)
    }

    /// Share of the words in a range that stand inside quotation marks.
    pub fn quoted_share(&self, words: (usize, usize)) -> f64 {
        let n = words.1 - words.0;
        if n == 0 {
            return 0.0;
        }
        self.quoted[words.0..words.1].iter().filter(|q| **q).count() as f64 / n as f64
    }
}

/// Fingerprint one article.
pub fn fingerprint(article: &Article) -> Fingerprint {
    let toks = tokens(&article.text);
    let quoted_regions = quote_regions(&article.text);
    let quoted = toks
        .iter()
        .map(|t| {
            quoted_regions
                .iter()
                .any(|r| r.start <= t.span.start && t.span.end <= r.end)
        })
        .collect();
    let word_hashes: Vec<u64> = toks.iter().map(|t| xxh3_64(t.norm.as_bytes())).collect();
    // A shingle's hash is the hash of its words' hashes: no string is built per shingle.
    let shingles: Vec<u64> = word_hashes
        .windows(SHINGLE)
        .map(|w| {
            let mut bytes = [0u8; 8 * SHINGLE];
            for (k, h) in w.iter().enumerate() {
                bytes[8 * k..8 * k + 8].copy_from_slice(&h.to_le_bytes());
            }
            xxh3_64(&bytes)
        })
        .collect();
    let minhash = one_permutation_minhash(&shingles);
    let mut sentences = Vec::with_capacity(article.sentences.len());
    let mut w = 0;
    for span in &article.sentences {
        while w < toks.len() && toks[w].span.end <= span.start {
            w += 1;
        }
        let first = w;
        while w < toks.len() && toks[w].span.start < span.end {
            w += 1;
        }
        if w > first {
            sentences.push((first, w));
        }
    }
    let mut shingle_index: Vec<(u64, u32)> = shingles
        .iter()
        .enumerate()
        .map(|(i, &h)| (h, i as u32))
        .collect();
    shingle_index.sort_unstable();
    let mut sentence_words: Vec<(u64, u32)> = Vec::new();
    let mut sentence_sizes = Vec::with_capacity(sentences.len());
    for (k, &(first, end)) in sentences.iter().enumerate() {
        let mut own: Vec<u64> = word_hashes[first..end].to_vec();
        own.sort_unstable();
        own.dedup();
        sentence_sizes.push(own.len() as u32);
        sentence_words.extend(own.into_iter().map(|h| (h, k as u32)));
    }
    sentence_words.sort_unstable();
    Fingerprint {
        words: toks.iter().map(|t| t.span).collect(),
        shingles,
        quoted,
        minhash,
        word_hashes,
        sentences,
        shingle_index,
        sentence_words,
        sentence_sizes,
    }
}

/// A MinHash signature by one-permutation hashing: each shingle's hash picks one of
/// [`MINHASH_SIZE`] bins by its low bits and competes there with its high bits, so a signature
/// costs one pass over the shingles instead of one per slot. Empty bins (short texts) borrow the
/// value of the next filled bin to their right, circularly, mixed with the distance travelled
/// ("rotation" densification), which keeps signatures of similar texts comparable.
fn one_permutation_minhash(shingles: &[u64]) -> Vec<u64> {
    const BITS: u32 = MINHASH_SIZE.trailing_zeros();
    let mut bins = vec![u64::MAX; MINHASH_SIZE];
    for &s in shingles {
        // The shingle hashes are xxh3 values: their bits are already well mixed.
        let bin = (s as usize) & (MINHASH_SIZE - 1);
        bins[bin] = bins[bin].min(s >> BITS);
    }
    if bins.iter().all(|&b| b == u64::MAX) {
        return bins;
    }
    let filled = bins.clone();
    for (k, slot) in bins.iter_mut().enumerate() {
        if *slot != u64::MAX {
            continue;
        }
        let mut distance = 1;
        while filled[(k + distance) % MINHASH_SIZE] == u64::MAX {
            distance += 1;
        }
        let value = filled[(k + distance) % MINHASH_SIZE];
        *slot = value.wrapping_add((distance as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 1;
    }
    bins
}

/// Byte ranges of `text` inside double quotation marks, paragraph by paragraph.
fn quote_regions(text: &str) -> Vec<Span> {
    let mut regions = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let mut open: Option<usize> = None;
        let mut prev = ' ';
        for (i, c) in line.char_indices() {
            let folded = fold_char(c);
            if folded == '"' {
                let opening =
                    c == '“' || (c == '"' && (prev.is_whitespace() || "([—-".contains(prev)));
                match open {
                    None if opening || c == '"' => open = Some(offset + i),
                    Some(start) if !opening || c == '"' => {
                        regions.push(Span::new(start, offset + i + c.len_utf8()));
                        open = None;
                    }
                    _ => {}
                }
            }
            prev = c;
        }
        if let Some(start) = open {
            // A quote left open at the end of a paragraph runs to its end, as in news style.
            regions.push(Span::new(start, offset + line.trim_end().len()));
        }
        offset += line.len();
    }
    regions
}

/// Candidate pairs `(i, j)` with `i < j`, sorted, from LSH bands and shared anchors.
pub fn candidates(prints: &[Fingerprint]) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for (i, fp) in prints.iter().enumerate() {
        if fp.shingles.is_empty() {
            continue;
        }
        for band in 0..BANDS {
            let rows = &fp.minhash[band * ROWS..(band + 1) * ROWS];
            let key = xxh3_64(
                &rows
                    .iter()
                    .flat_map(|r| r.to_le_bytes())
                    .collect::<Vec<u8>>(),
            );
            buckets.entry((band, key)).or_default().push(i);
        }
    }
    for members in buckets.values() {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                if i != j {
                    pairs.push((i.min(j), i.max(j)));
                }
            }
        }
    }

    // Anchors: one shingle in ANCHOR_SAMPLE, chosen by its hash so every article picks the same.
    let max_df = (prints.len() / 100).max(50);
    let mut postings: Vec<(u64, u32)> = prints
        .iter()
        .enumerate()
        .flat_map(|(i, fp)| {
            let mut own: Vec<u64> = fp
                .shingles
                .iter()
                .copied()
                .filter(|h| h % ANCHOR_SAMPLE == 0)
                .collect();
            own.sort_unstable();
            own.dedup();
            own.into_iter().map(move |h| (h, i as u32))
        })
        .collect();
    postings.sort_unstable();
    let mut shared: HashMap<(u32, u32), u32> = HashMap::new();
    for list in postings
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|l| l.len() >= 2 && l.len() <= max_df)
    {
        for (x, &(_, i)) in list.iter().enumerate() {
            for &(_, j) in &list[x + 1..] {
                *shared.entry((i, j)).or_default() += 1;
            }
        }
    }
    pairs.extend(
        shared
            .into_iter()
            .filter(|&(_, n)| n >= MIN_SHARED_ANCHORS)
            .map(|((i, j), _)| (i as usize, j as usize)),
    );
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

#[cfg(test)]
mod tests {
    use super::quote_regions;

    #[test]
    fn finds_quotes_curly_and_straight() {
        let text = "He said “we agree” and \"so do we\" today.\n“An open quote runs on";
        let got: Vec<&str> = quote_regions(text).iter().map(|s| s.slice(text)).collect();
        assert_eq!(
            got,
            ["“we agree”", "\"so do we\"", "“An open quote runs on"]
        );
    }
}
