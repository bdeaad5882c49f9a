//! Words as spans and 64-bit hashes, without a string per word: the tokenizer of the hot paths.
//!
//! [`words`] finds exactly the words [`crate::tokens`] finds (same boundaries, same inner
//! apostrophes, hyphens and digit separators) and hashes the same normalised form, lower case
//! with typographic apostrophes folded; ASCII words are hashed straight from the bytes. Reuse
//! detection reads every word of every article, often twice, so this is where a corpus of
//! 100,000 articles spends its time; ASCII text never leaves the byte loop. [`word_hash`]
//! hashes a normalised word the same way, for word lists (stop words) that must match.

use newsfold_core::Span;

use crate::normalize::fold_char;

/// ASCII letters and digits.
static ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The hash of a normalised word's bytes: 8 bytes at a time, each byte with its 0x20 bit set,
/// which lower-cases ASCII letters and leaves digits, apostrophes, hyphens, periods and commas
/// as they are, so ASCII words are hashed straight from the text. Finished by MurmurHash3's
/// 64-bit avalanche, so that every bit of the result depends on every byte (MinHash bins and
/// LSH bands take bits from it).
fn hash_bytes(bytes: &[u8]) -> u64 {
    hash_range(bytes, 0, bytes.len())
}

/// [`hash_bytes`] of `bytes[start..end]`, reading whole 8-byte words where the buffer allows
/// (the bytes past `end` are masked off), so that short words cost no copy.
#[inline]
fn hash_range(bytes: &[u8], start: usize, end: usize) -> u64 {
    const LOWER: u64 = 0x2020_2020_2020_2020;
    const MUL: u64 = 0xbf58_476d_1ce4_e5b9;
    let load = |at: usize, len: usize| -> u64 {
        let word = match bytes.get(at..at + 8) {
            Some(eight) => u64::from_le_bytes(eight.try_into().unwrap_or([0; 8])),
            None => bytes[at..at + len]
                .iter()
                .rev()
                .fold(0u64, |acc, &b| (acc << 8) | u64::from(b)),
        };
        let mask = if len >= 8 {
            u64::MAX
        } else {
            (1u64 << (8 * len)) - 1
        };
        (word | LOWER) & mask
    };
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15 ^ (end - start) as u64;
    let mut at = start;
    while at + 8 <= end {
        h = (h ^ load(at, 8)).wrapping_mul(MUL).rotate_left(29);
        at += 8;
    }
    if at < end {
        h = (h ^ load(at, end - at)).wrapping_mul(MUL);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The hash [`words`] gives a word whose normalised form is `norm`.
pub fn word_hash(norm: &str) -> u64 {
    hash_bytes(norm.as_bytes())
}

/// The hash of a word with non-ASCII characters: normalised first (apostrophes folded, lower
/// case), then hashed like any other.
fn hash_wide(word: &str) -> u64 {
    let mut norm = String::with_capacity(word.len() + 4);
    for c in word.chars() {
        norm.extend(fold_char(c).to_lowercase());
    }
    hash_bytes(norm.as_bytes())
}

/// True when the character ending just before byte `i` of `text` is a letter or digit.
fn alnum_before(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// The character starting at byte `i` of `text`, if `i` is inside it.
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|rest| rest.chars().next())
}

/// Call `each` with the span and hash of every word of `text`, in order.
pub fn words(text: &str, mut each: impl FnMut(Span, u64)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let alnum_at = |i: usize| match bytes.get(i) {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => char_at(text, i).is_some_and(char::is_alphanumeric),
    };
    let mut i = 0;
    while i < n {
        // Find the start of a word: a letter or digit.
        while i < n && bytes[i] < 0x80 && !ALNUM[bytes[i] as usize] {
            i += 1;
        }
        if i >= n {
            break;
        }
        let mut ascii = true;
        if bytes[i] >= 0x80 {
            let c = char_at(text, i).unwrap_or(' ');
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
            ascii = false;
        }
        let start = i;
        // Inside the word: runs of ASCII letters and digits, and what may join them.
        loop {
            while i < n && ALNUM[bytes[i] as usize] {
                i += 1;
            }
            if i >= n {
                break;
            }
            let b = bytes[i];
            if b < 0x80 {
                let joins = match b {
                    b'\'' | b'-' | b'`' => i > start && alnum_before(text, i) && alnum_at(i + 1),
                    b'.' | b',' => {
                        bytes[i - 1].is_ascii_digit()
                            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                // A backtick is an apostrophe once folded: not hashed from the bytes.
                ascii &= b != b'`';
                i += 1;
            } else {
                let c = char_at(text, i).unwrap_or(' ');
                let len = c.len_utf8();
                let joins = matches!(fold_char(c), '\'' | '-')
                    && alnum_before(text, i)
                    && alnum_at(i + len);
                if !c.is_alphanumeric() && !joins {
                    break;
                }
                ascii = false;
                i += len;
            }
        }
        let hash = if ascii {
            hash_range(bytes, start, i)
        } else {
            hash_wide(&text[start..i])
        };
        each(Span::new(start, i), hash);
    }
}

#[cfg(test)]
mod tests {
    use super::{word_hash, words};
    use crate::tokens;

    fn agree(text: &str) {
        let want: Vec<_> = tokens(text)
            .into_iter()
            .map(|t| (t.span, word_hash(&t.norm)))
            .collect();
        let mut got = Vec::new();
        words(text, |span, hash| got.push((span, hash)));
        assert_eq!(got, want, "{text:?}");
    }

    #[test]
    fn agrees_with_tokens() {
        for text in [
            "Trade rose 3.5% to $5,000 in China’s north-east.",
            "rock-'n'-roll, 'quoted', -dash- and end-",
            "ÉCOLE Straße İstanbul ΣΟΦΊΑ naïve café’s x’ ’y 1,2,3 4., .5",
            "Xi’s 69th birthday — “sovereignty and security” — 2022-06-15",
            "",
            "'",
            "a",
            "日本語のテキスト and 中文",
        ] {
            agree(text);
        }
    }

    #[test]
    fn agrees_with_tokens_on_every_length_and_mix() {
        // Words and gaps of many lengths and kinds, ending anywhere.
        const PIECES: &[&str] = &[
            "a",
            "Ab",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "ABCDEFGHIJKLMNOPQ",
            "7",
            "2024",
            "3.5",
            "5,000",
            " ",
            "  ",
            ", ",
            ". ",
            "'",
            "’",
            "-",
            "—",
            "é",
            "Ünïcode",
            "x’s",
            "@",
            "[",
            "`",
            "{",
            "/",
            ":",
            "\n\n",
            "\"",
            "9z",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut text = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for k in 0..(state % 12) {
                let pick = (state >> (4 * k)) as usize % PIECES.len();
                text.push_str(PIECES[pick]);
            }
            agree(&text);
        }
    }

    #[test]
    fn case_and_apostrophes_fold() {
        let hashes = |t: &str| {
            let mut v = Vec::new();
            words(t, |_, h| v.push(h));
            v
        };
        assert_eq!(hashes("China’s CHINA'S"), hashes("china's china's"));
    }
}
