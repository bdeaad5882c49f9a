//! Per-article sketches: the little that candidate search keeps of every article.
//!
//! A sketch holds the LSH band keys of a 128-value MinHash signature over the article's word
//! 5-gram shingles, and its passage anchors: the shingles chosen by winnowing (the least hash of
//! every [`WINNOW`] consecutive shingles), so that two articles pick the same ones from the
//! inside of a shared passage, and a passage as short as the shortest relation reported
//! (12 words) always gives two. The signature
//! is made by one-permutation hashing with densification (one pass over the shingles instead of
//! 128), and only its band keys are kept. Memory per article: 256 bytes of band keys, 4 bytes
//! per anchor (about two words in five: some 720 bytes for a 450-word article) and 32 bytes of
//! bookkeeping: about 1 KiB for an article of 450 words, 100 MB for 100,000 such articles.

use newsfold_text::words;

use crate::fingerprint::{SHINGLE, shingle_hash};

/// MinHash signature length.
pub const MINHASH_SIZE: usize = 128;
/// LSH bands; each band is `MINHASH_SIZE / BANDS` values. 32 bands of 4 make pairs with shingle
/// Jaccard 0.4 collide in some band with probability 0.56, at 0.6 with 0.98.
pub const BANDS: usize = 32;
const ROWS: usize = MINHASH_SIZE / BANDS;
/// Shingles per winnowing window: the least hash of every window of `WINNOW` consecutive
/// shingles is an anchor. A run of `L` shingles shared by two articles holds `L - WINNOW + 1`
/// whole windows, which both articles resolve alike, and each anchor is the least of at most
/// `WINNOW` of them: so the two share at least `(L - WINNOW + 1) / WINNOW` anchors (rounded up).
/// With 4, a shared passage of 12 words (8 shingles, the least reported: `Thresholds::min_words`)
/// shares at least 2 anchors, which is what a pair found by anchors alone needs; about 2 shingles
/// in 5 are anchors (`2 / (WINNOW + 1)` on random text). Choosing shingles by a fixed quarter of
/// the hash space instead (one in four, no guarantee) missed one shared lead sentence of 15 to
/// 20 words in five on the issue-19 corpus (`newsfold-eval generate --articles 10000`).
const WINNOW: usize = 4;

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
    pub const SCHEME: &'static str = "minhash128-oph-b32x4-w5-anchors-winnow4-v2";

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
    let mut shingles: Vec<u64> = Vec::with_capacity(hashes.len());
    for window in hashes.windows(SHINGLE) {
        let s = shingle_hash(window);
        // The low bits pick the bin, the high half competes in it.
        let bin = (s as usize) & (MINHASH_SIZE - 1);
        bins[bin] = bins[bin].min((s >> 32) as u32);
        shingles.push(s);
    }
    let mut anchors = winnow(&shingles);
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

/// The anchors of a text's shingle hashes, in text order (repeats possible): the least of each
/// window of [`WINNOW`] consecutive ones (the least of all when there are fewer), compared by
/// the high half of the hash and kept as the low half, which stays spread evenly over its range.
fn winnow(shingles: &[u64]) -> Vec<u32> {
    let key = |s: &u64| (s >> 32, *s);
    let width = WINNOW.min(shingles.len());
    let mut anchors: Vec<u32> = Vec::with_capacity(shingles.len() / 2 + 1);
    if width == 0 {
        return anchors;
    }
    for window in shingles.windows(width) {
        let least = window
            .iter()
            .min_by_key(|s| key(s))
            .copied()
            .unwrap_or_default();
        if anchors.last() != Some(&(least as u32)) {
            anchors.push(least as u32);
        }
    }
    anchors
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
    fn a_shared_passage_of_twelve_words_always_shares_two_anchors() {
        // Twelve words of TEXT in many surroundings: the anchors picked inside them agree.
        let passage = "and rescue teams worked through the night to free passengers trapped in";
        let openings = [
            "Parliament passed the budget after a long debate",
            "Officials said",
            "The storm moved east on Friday while forecasters warned of floods",
            "",
        ];
        let endings = [
            "the two rear carriages.",
            "the cold.",
            "mines for days, officials said.",
        ];
        for opening in openings {
            for ending in endings {
                let a = sketch(&format!("{opening} {passage} {ending}"));
                let b = sketch(&format!("A wire report: {passage} the wreck."));
                let shared = a.anchors.iter().filter(|x| b.anchors.contains(x)).count();
                assert!(
                    shared >= 2,
                    "{shared} anchors shared with {opening:?} / {ending:?}"
                );
            }
        }
    }

    #[test]
    fn short_texts_have_no_bands() {
        assert!(sketch("Too short").is_empty());
        assert_eq!(sketch("Too short").bands, [0; 32]);
    }
}
