//! Unicode and whitespace normalisation of article text.
//!
//! Text arrives from many encoders and editors: NFD accents, non-breaking spaces, soft hyphens,
//! `\r\n`, zero-width characters. Everything downstream assumes NFC, `\n` line ends and plain
//! spaces, so this runs first. Quotes and dashes are kept as written for display; [`fold_char`]
//! folds them only where text is compared.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// NFC-normalise `text`, unify line ends, turn exotic spaces into plain spaces, drop invisible
/// and control characters, and trim each line.
pub fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    // Most news text is already NFC: checking is much cheaper than composing.
    let composed: Box<dyn Iterator<Item = char>> =
        if is_nfc_quick(text.chars()) == IsNormalized::Yes {
            Box::new(text.chars())
        } else {
            Box::new(text.nfc())
        };
    for c in composed {
        match c {
            '\n' | '\t' => out.push(if c == '\t' { ' ' } else { '\n' }),
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
                out.push(' ')
            }
            '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fold typographic quotes, apostrophes and dashes to ASCII, for matching only.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::{fold_char, normalize};

    #[test]
    fn composes_and_cleans_whitespace() {
        assert_eq!(
            normalize("\u{feff}Cafe\u{301}\u{a0} au\tlait \r\n next"),
            "Café au lait\nnext"
        );
        assert_eq!(
            normalize("soft\u{ad}hyphen zero\u{200b}width"),
            "softhyphen zerowidth"
        );
    }

    #[test]
    fn folds_typography_for_matching() {
        let folded: String = "“It’s — done”".chars().map(fold_char).collect();
        assert_eq!(folded, "\"It's - done\"");
    }
}
