//! The full fingerprint of an article, built when a candidate pair is verified.
//!
//! It holds, for every word position, the word's span and hash, the hash of the 5-word
//! shingle starting there (digits kept) and whether the word is inside quotation marks; the
//! word range of each sentence and its distinct words. The article a pair is aligned against
//! is also indexed ([`crate::Index`]). Memory per article: per word 8 bytes of span, 8 of
//! word hash, 8 of shingle hash, at most 8 of distinct word and 1 of quote flag (33 bytes); 20
//! bytes per sentence: about 35 KiB for a 1,000-word article, and as much again for an index.
//! It is never kept for the whole corpus: candidates come
//! from the much smaller [`crate::Sketch`], and a fingerprint lives only while its article is
//! being compared.

use newsfold_core::Span;
use newsfold_text::{fold_char, words};

/// Words per shingle.
pub const SHINGLE: usize = 5;

/// What reuse verification reads of an article.
#[derive(Debug, Clone, Default)]
pub struct Fingerprint {
    /// Span of each word in the cleaned text.
    pub words: Vec<Span>,
    /// Hash of each word's normalised form.
    pub word_hashes: Vec<u64>,
    /// Hash of the shingle starting at each word (`SHINGLE - 1` fewer than the words).
    pub shingles: Vec<u64>,
    /// Whether each word stands inside quotation marks.
    pub quoted: Vec<bool>,
    /// Each sentence as a half-open range of word positions.
    pub sentences: Vec<(usize, usize)>,
    /// The distinct words of each sentence, sentence after sentence (sorted within each).
    pub distinct_words: Vec<u64>,
    /// Distinct words of each sentence: the lengths of its run in `distinct_words`.
    pub sentence_sizes: Vec<u32>,
}

impl Fingerprint {
    /// The distinct words of each sentence, in sentence order.
    pub fn sentence_words(&self) -> impl Iterator<Item = &[u64]> {
        let mut start = 0;
        self.sentence_sizes.iter().map(move |&n| {
            let words = &self.distinct_words[start..start + n as usize];
            start += n as usize;
            words
        })
    }

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

/// The hash of the shingle made of `SHINGLE` consecutive word hashes: a rotate-and-multiply mix
/// of the words' hashes, so no string is built per shingle.
#[inline]
pub(crate) fn shingle_hash(window: &[u64]) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    for &w in window {
        h = (h.rotate_left(23) ^ w).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    }
    h ^ (h >> 31)
}

/// Fingerprint one article from its cleaned text and its sentence spans into that text.
pub fn fingerprint(text: &str, sentence_spans: &[Span]) -> Fingerprint {
    let mut spans = Vec::with_capacity(text.len() / 6);
    let mut word_hashes = Vec::with_capacity(text.len() / 6);
    words(text, |span, hash| {
        spans.push(span);
        word_hashes.push(hash);
    });
    // Both lists are in text order, so one sweep marks the quoted words.
    let regions = quote_regions(text);
    let mut region = regions.iter().peekable();
    let quoted = spans
        .iter()
        .map(|w| {
            while region.next_if(|r| r.end <= w.start).is_some() {}
            region
                .peek()
                .is_some_and(|r| r.start <= w.start && w.end <= r.end)
        })
        .collect();
    let shingles: Vec<u64> = word_hashes.windows(SHINGLE).map(shingle_hash).collect();
    let mut sentences = Vec::with_capacity(sentence_spans.len());
    let mut w = 0;
    for span in sentence_spans {
        while w < spans.len() && spans[w].end <= span.start {
            w += 1;
        }
        let first = w;
        while w < spans.len() && spans[w].start < span.end {
            w += 1;
        }
        if w > first {
            sentences.push((first, w));
        }
    }
    let mut distinct_words: Vec<u64> = Vec::with_capacity(word_hashes.len());
    let mut sentence_sizes = Vec::with_capacity(sentences.len());
    for &(first, end) in &sentences {
        let start = distinct_words.len();
        distinct_words.extend_from_slice(&word_hashes[first..end]);
        let own = &mut distinct_words[start..];
        own.sort_unstable();
        let mut kept = 0;
        for k in 0..own.len() {
            if k == 0 || own[k] != own[kept - 1] {
                own[kept] = own[k];
                kept += 1;
            }
        }
        distinct_words.truncate(start + kept);
        sentence_sizes.push(kept as u32);
    }
    Fingerprint {
        words: spans,
        word_hashes,
        shingles,
        quoted,
        sentences,
        distinct_words,
        sentence_sizes,
    }
}

/// Byte ranges of `text` inside double quotation marks, paragraph by paragraph. A straight `"`
/// opens or closes, `“` only opens, and the other marks that fold to `"` (`”„‟″«»`) only
/// close. Scanned byte by byte: every such mark but `"` starts with byte 0xE2 or 0xC2.
fn quote_regions(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut regions = Vec::new();
    let mut open: Option<usize> = None;
    let mut line_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let width = match bytes[i] {
            b'"' => {
                match open.take() {
                    Some(start) => regions.push(Span::new(start, i + 1)),
                    None => open = Some(i),
                }
                1
            }
            b'\n' => {
                if let Some(start) = open.take() {
                    // A quote left open at the end of a paragraph runs to its end, as in news
                    // style.
                    regions.push(Span::new(
                        start,
                        line_start + text[line_start..i].trim_end().len(),
                    ));
                }
                line_start = i + 1;
                1
            }
            0xC2 | 0xE2 => {
                let c = text[i..].chars().next().unwrap_or(' ');
                if c == '“' {
                    open.get_or_insert(i);
                } else if fold_char(c) == '"'
                    && let Some(start) = open.take()
                {
                    regions.push(Span::new(start, i + c.len_utf8()));
                }
                c.len_utf8()
            }
            _ => 1,
        };
        i += width;
    }
    if let Some(start) = open {
        regions.push(Span::new(
            start,
            line_start + text[line_start..].trim_end().len(),
        ));
    }
    regions
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
