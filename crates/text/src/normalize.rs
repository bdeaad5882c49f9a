//! Unicode and whitespace normalisation of article text.
//!
//! Text arrives from many encoders and editors: NFD accents, non-breaking spaces, soft hyphens,
//! `\r\n`, zero-width characters. Everything downstream assumes NFC, `\n` line ends and plain
//! spaces, so this runs first. Quotes and dashes are kept as written for display; [`fold_char`]
//! folds them only where text is compared.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// NFC-normalise `text`, unify line ends, turn exotic spaces into plain spaces, drop invisible
/// and control characters, and trim each line (runs of spaces inside a line become one).
///
/// One pass over the characters, writing each line already trimmed: the text is not copied
/// for its line ends, nor split into lines and joined again.
pub fn normalize(text: &str) -> String {
    // A byte-order mark, leading or not, is one of the invisible characters dropped.
    let mut out = String::with_capacity(text.len());
    // Most news text is already NFC (ASCII always is): checking is much cheaper than composing.
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        write_normalized(text.chars(), &mut out);
    } else {
        write_normalized(text.nfc(), &mut out);
    }
    out
}

/// What a character becomes in normalised text.
enum Mapped {
    /// A line break.
    Break,
    /// Space between words.
    Space,
    /// Nothing: invisible or a control character.
    Dropped,
    /// Itself.
    Kept(char),
}

fn map(c: char) -> Mapped {
    match c {
        '\n' | '\u{2028}' | '\u{2029}' => Mapped::Break,
        '\t' => Mapped::Space,
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => Mapped::Dropped,
        // Before spaces: the control characters that are also spaces (`\u{b}`, `\u{85}`) go.
        c if c.is_control() => Mapped::Dropped,
        c if c.is_whitespace() => Mapped::Space,
        c => Mapped::Kept(c),
    }
}

/// Write `chars` to `out` normalised: `\r\n` and a lone `\r` are line breaks; each line is
/// written without its leading and trailing spaces and with one space between words; a final
/// line break is not written (as `str::lines` would not give an empty last line).
fn write_normalized(chars: impl Iterator<Item = char>, out: &mut String) {
    // A space seen since the last word of the line; the last character was `\r`; the last
    // character that was not dropped was a line break.
    let (mut space, mut after_cr, mut ended_by_break) = (false, false, false);
    let mut line_start = out.len();
    for c in chars {
        if std::mem::take(&mut after_cr) && c == '\n' {
            continue;
        }
        let mapped = if c == '\r' {
            after_cr = true;
            Mapped::Break
        } else {
            map(c)
        };
        match mapped {
            Mapped::Break => {
                out.push('\n');
                line_start = out.len();
                space = false;
                ended_by_break = true;
            }
            Mapped::Space => {
                space = out.len() > line_start;
                ended_by_break = false;
            }
            Mapped::Dropped => {}
            Mapped::Kept(c) => {
                if std::mem::take(&mut space) {
                    out.push(' ');
                }
                out.push(c);
                ended_by_break = false;
            }
        }
    }
    if ended_by_break {
        out.pop();
    }
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

    /// The first implementation: copies for the line ends, splits into lines, joins again.
    /// Slow, but plainly right; the one-pass version must agree with it.
    fn reference(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let mut out = String::new();
        for c in text.nfc() {
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

    /// Every string of up to four pieces drawn from line ends, spaces of every kind, invisible
    /// and control characters, accents to compose and plain letters.
    #[test]
    fn agrees_with_the_reference_on_every_mix_of_pieces() {
        const PIECES: &[&str] = &[
            "a", "Bc", " ", "  ", "\t", "\n", "\r", "\r\n", "\n\n", "\u{a0}", "\u{2009}",
            "\u{202f}", "\u{3000}", "\u{1680}", "\u{85}", "\u{b}", "\u{c}", "\u{ad}", "\u{200b}",
            "\u{feff}", "\u{2028}", "\u{2029}", "\u{7}", "e\u{301}", "\u{301}", "é", "“q”",
        ];
        let n = PIECES.len();
        for k in 0..n.pow(4) {
            let mut text = String::new();
            let mut rest = k;
            for _ in 0..4 {
                text.push_str(PIECES[rest % n]);
                rest /= n;
            }
            assert_eq!(normalize(&text), reference(&text), "{text:?}");
        }
    }

    #[test]
    fn folds_typography_for_matching() {
        let folded: String = "“It’s — done”".chars().map(fold_char).collect();
        assert_eq!(folded, "\"It's - done\"");
    }
}
