//! Per-article sketches: the little that candidate search keeps of every article.
//!
//! A sketch holds the LSH band keys of a 128-value MinHash signature over the article's word
//! 5-gram shingles, and its passage anchors: the shingles whose hash falls in one quarter of the
//! hash space, so that every article picks the same ones from a shared passage. The signature
//! is made by one-permutation hashing with densification (one pass over the shingles instead of
//! 128), and only its band keys are kept. Memory per article: 256 bytes of band keys, 4 bytes
//! per anchor (about one word in four: some 450 bytes for a 450-word article) and 32 bytes of
//! bookkeeping: about 0.75 KiB for an article of 450 words, 75 MB for 100,000 such articles.

use newsfold_text::words;

use crate::fingerprint::{SHINGLE, shingle_hash};

/// MinHash signature length.
pub const MINHASH_SIZE: usize = 128;
/// LSH bands; each band is `MINHASH_SIZE / BANDS` values. 32 bands of 4 make pairs with shingle
/// Jaccard 0.4 collide in some band with probability 0.56, at 0.6 with 0.98.
pub const BANDS: usize = 32;
const ROWS: usize = MINHASH_SIZE / BANDS;
/// One shingle in `2^ANCHOR_BITS` is an anchor: those whose top bits are zero.
const ANCHOR_BITS: u32 = 2;

/// What candidate search keeps of one article.
#[derive(Debug, Clone, Default)]
pub struct Sketch {
    /// A key per LSH band: the hash of the band's rows of the MinHash signature. All zero for an
    /// article too short to have a shingle.
    pub bands: [u64; BANDS],
    /// Anchor shingles (their low 32 bits), sorted and distinct.
    pub anchors: Box<[u32]>,
    /// Words in the article.
    pub words: u32,
}

impl Sketch {
    /// The name of this sketch's scheme and its byte layout ([`Sketch::to_bytes`]), stored with
    /// each fingerprint so that a store can tell a sketch made by another scheme.
    pub const SCHEME: &'static str = "minhash128-oph-b32x4-w5-anchors-q2-v1";

    /// True when the article has no shingle (fewer than [`SHINGLE`] words): nothing to match.
    pub fn is_empty(&self) -> bool {
        (self.words as usize) < SHINGLE
    }

    /// The sketch as bytes, little-endian: the word count (4 bytes), the band keys (8 bytes
    /// each), then the anchors (4 bytes each).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(4 + 8 * BANDS + 4 * self.anchors.len());
        bytes.extend_from_slice(&self.words.to_le_bytes());
        for band in self.bands {
            bytes.extend_from_slice(&band.to_le_bytes());
        }
        for anchor in &self.anchors {
            bytes.extend_from_slice(&anchor.to_le_bytes());
        }
        bytes
    }

    /// The sketch [`Sketch::to_bytes`] wrote, or `None` when `bytes` is not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Sketch> {
        let head = 4 + 8 * BANDS;
        if bytes.len() < head || !(bytes.len() - head).is_multiple_of(4) {
            return None;
        }
        let words = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
        let mut bands = [0u64; BANDS];
        for (k, chunk) in bytes[4..head].chunks_exact(8).enumerate() {
            bands[k] = u64::from_le_bytes(chunk.try_into().ok()?);
        }
        let anchors = bytes[head..]
            .chunks_exact(4)
            .map(|c| c.try_into().map(u32::from_le_bytes))
            .collect::<Result<Box<[u32]>, _>>()
            .ok()?;
        Some(Sketch {
            bands,
            anchors,
            words,
        })
    }
}

/// Sketch one (cleaned) text.
pub fn sketch(text: &str) -> Sketch {
    let mut hashes: Vec<u64> = Vec::with_capacity(text.len() / 5);
    words(text, |_, h| hashes.push(h));
    let mut bins = [u32::MAX; MINHASH_SIZE];
    let mut anchors: Vec<u32> = Vec::new();
    for window in hashes.windows(SHINGLE) {
        let s = shingle_hash(window);
        // The low bits pick the bin, the high half competes in it.
        let bin = (s as usize) & (MINHASH_SIZE - 1);
        bins[bin] = bins[bin].min((s >> 32) as u32);
        if s >> (64 - ANCHOR_BITS) == 0 {
            anchors.push(s as u32);
        }
    }
    anchors.sort_unstable();
    anchors.dedup();
    let mut bands = [0u64; BANDS];
    if hashes.len() >= SHINGLE {
        densify(&mut bins);
        for (band, key) in bands.iter_mut().enumerate() {
            let mut h: u64 = band as u64 + 1;
            for &v in &bins[band * ROWS..(band + 1) * ROWS] {
                h = (h.rotate_left(29) ^ u64::from(v)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            }
            *key = h ^ (h >> 32);
        }
    }
    Sketch {
        bands,
        anchors: anchors.into_boxed_slice(),
        words: u32::try_from(hashes.len()).unwrap_or(u32::MAX),
    }
}

/// Fill empty bins (short texts) with the value of the next filled bin to the right,
/// circularly, mixed with the distance travelled ("rotation" densification), which keeps the
/// signatures of similar texts comparable. At least one bin must be filled.
fn densify(bins: &mut [u32; MINHASH_SIZE]) {
    let filled = *bins;
    for (k, slot) in bins.iter_mut().enumerate() {
        if *slot != u32::MAX {
            continue;
        }
        let mut distance = 1;
        while filled[(k + distance) % MINHASH_SIZE] == u32::MAX {
            distance += 1;
        }
        let value = filled[(k + distance) % MINHASH_SIZE];
        *slot = value.wrapping_add((distance as u32).wrapping_mul(0x9e37_79b9)) >> 1;
    }
}

#[cfg(test)]
mod tests {
    use super::sketch;

    const TEXT: &str = "The rail bridge over the Hessel river collapsed on Tuesday evening under \
        a commuter train, and rescue teams worked through the night to free passengers trapped \
        in the two rear carriages while the ministry ordered an inspection of every bridge.";

    #[test]
    fn a_sketch_survives_its_bytes() {
        let a = sketch(TEXT);
        let bytes = a.to_bytes();
        let b = super::Sketch::from_bytes(&bytes).expect("a sketch");
        assert_eq!(
            (a.bands, &a.anchors, a.words),
            (b.bands, &b.anchors, b.words)
        );
        assert!(super::Sketch::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        assert!(super::Sketch::from_bytes(&[]).is_none());
    }

    #[test]
    fn the_same_text_gives_the_same_sketch() {
        let (a, b) = (sketch(TEXT), sketch(&TEXT.replace(' ', "  ")));
        assert_eq!(a.bands, b.bands);
        assert_eq!(a.anchors, b.anchors);
    }

    #[test]
    fn a_small_edit_keeps_most_bands() {
        let (a, b) = (sketch(TEXT), sketch(&TEXT.replace("Tuesday", "Monday")));
        let same = a.bands.iter().zip(&b.bands).filter(|(x, y)| x == y).count();
        assert!(same >= 6, "{same} of 32 bands agree");
    }

    #[test]
    fn short_texts_have_no_bands() {
        assert!(sketch("Too short").is_empty());
        assert_eq!(sketch("Too short").bands, [0; 32]);
    }
}
