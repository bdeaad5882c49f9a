//! Bytes to text: telling text from binary, and finding the character encoding.
//!
//! Nothing read is trusted, so decoding never fails: bytes that do not fit the chosen
//! encoding become U+FFFD. The encoding is chosen in the order that is most often right for
//! news pages: a byte-order mark; valid UTF-8 (a page that is valid UTF-8 but declares
//! Latin-1 is UTF-8 in practice, while real Latin-1 prose with accents is almost never valid
//! UTF-8); a charset declared by the transport (HTTP `Content-Type`) or by the document
//! (`<meta charset>`, `<meta http-equiv>`, XML prolog); and last what chardetng guesses from
//! the first 64 KB.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

/// How far into a document to look for NUL and control bytes.
const BINARY_SAMPLE: usize = 8 * 1024;
/// How far into an HTML page to look for a declared charset.
const META_SAMPLE: usize = 2 * 1024;
/// The fewest two-byte units that UTF-16 without a byte-order mark is recognised in.
const MIN_UTF16_UNITS: usize = 4;
/// How much chardetng sees.
const DETECT_SAMPLE: usize = 64 * 1024;

/// Where a declared charset may be looked for, besides a byte-order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Declared<'a> {
    /// Plain text and JSON declare nothing.
    Nothing,
    /// An HTML page may declare its charset in `<meta>` or an XML prolog.
    InDocument,
    /// An HTTP response may declare it in `Content-Type` (this label), else in the document.
    Transport(Option<&'a str>),
}

/// True when the bytes are not text: a NUL in the first 8 KB, or more than 30% control bytes
/// there. UTF-16 with a byte-order mark is judged on its decoded characters, since its
/// ASCII letters carry NUL bytes.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    if utf16_without_bom(bytes).is_some() {
        return false;
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes)
        && encoding != UTF_8
    {
        let sample = &bytes[bom..bytes.len().min(bom + BINARY_SAMPLE)];
        let (text, _) = encoding.decode_without_bom_handling(sample);
        let total = text.chars().count();
        let control = text
            .chars()
            .filter(|c| c.is_ascii() && is_control(*c as u8))
            .count();
        return text.contains('\0') || control * 10 > total * 3;
    }
    let sample = &bytes[..bytes.len().min(BINARY_SAMPLE)];
    let control = sample.iter().filter(|b| is_control(**b)).count();
    sample.contains(&0) || control * 10 > sample.len() * 3
}

/// True when there is nothing but white space (after a UTF-8 byte-order mark).
pub(crate) fn is_blank(bytes: &[u8]) -> bool {
    crate::format::strip_utf8_bom(bytes)
        .iter()
        .all(u8::is_ascii_whitespace)
}

/// The bytes decoded to UTF-8, by the first encoding that applies (see the module notes).
/// A byte-order mark is removed.
pub(crate) fn decode(bytes: &[u8], declared: Declared<'_>) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return encoding.decode_without_bom_handling(bytes).0.into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let encoding = match declared {
        Declared::Nothing => None,
        Declared::InDocument => document_charset(bytes),
        Declared::Transport(label) => label
            .and_then(|label| usable(Encoding::for_label(label.trim().as_bytes())))
            .or_else(|| document_charset(bytes)),
    };
    let encoding = encoding.unwrap_or_else(|| detect(bytes));
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// UTF-16 written without a byte-order mark, told by where its NUL bytes fall in the first
/// 8 KB: the high bytes of ASCII characters are NUL, so in little-endian text at least a fifth
/// of the odd bytes are NUL and (almost) none of the even ones, and the other way round in
/// big-endian text. Binary files have NUL bytes at both. The sample must then decode to text:
/// no control characters, and at least a fifth of it printable ASCII.
pub(crate) fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if Encoding::for_bom(bytes).is_some() {
        return None;
    }
    let sample = &bytes[..bytes.len().min(BINARY_SAMPLE) & !1];
    let units = sample.len() / 2;
    if units < MIN_UTF16_UNITS {
        return None;
    }
    let nul_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    let encoding = if odd * 5 >= units && even * 100 <= units {
        UTF_16LE
    } else if even * 5 >= units && odd * 100 <= units {
        UTF_16BE
    } else {
        return None;
    };
    let (text, _) = encoding.decode_without_bom_handling(sample);
    let total = text.chars().count();
    let ascii_text = text
        .chars()
        .filter(|c| c.is_ascii() && !is_control(*c as u8))
        .count();
    let control = text
        .chars()
        .any(|c| c == '\0' || c.is_ascii() && is_control(c as u8));
    (!control && ascii_text * 5 >= total).then_some(encoding)
}

/// The charset a page declares in its first 2 KB: `<meta charset=…>`,
/// `<meta http-equiv="Content-Type" content="…; charset=…">`, or `<?xml … encoding="…"?>`.
pub(crate) fn document_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(META_SAMPLE)].to_ascii_lowercase();
    if head.starts_with(b"<?xml")
        && let Some(end) = find(&head, b"?>")
        && let Some(label) = attribute_value(&head[..end], b"encoding")
        && let Some(encoding) = usable(Encoding::for_label(label))
    {
        return Some(encoding);
    }
    let mut rest = &head[..];
    while let Some(start) = find(rest, b"<meta") {
        let tag = &rest[start..];
        let tag = &tag[..find(tag, b">").unwrap_or(tag.len())];
        if let Some(label) = attribute_value(tag, b"charset")
            && let Some(encoding) = usable(Encoding::for_label(label))
        {
            return Some(encoding);
        }
        rest = &rest[start + b"<meta".len()..];
    }
    None
}

/// The charset parameter of a `Content-Type` header value, as written.
pub(crate) fn content_type_charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']))
    })
}

/// What chardetng makes of the first 64 KB.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(DETECT_SAMPLE)];
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(None, Utf8Detection::Allow)
}

/// A declared encoding as a browser would take it: a document that could be scanned as ASCII
/// is not UTF-16, `x-user-defined` is Windows-1252, and the `replacement` encoding (which
/// would turn the whole page into one U+FFFD) is ignored.
fn usable(encoding: Option<&'static Encoding>) -> Option<&'static Encoding> {
    match encoding? {
        e if e == REPLACEMENT => None,
        e if e == UTF_16BE || e == UTF_16LE => Some(UTF_8),
        e if e == X_USER_DEFINED => Some(WINDOWS_1252),
        e => Some(e),
    }
}

/// The value after `name` (then optional space, `=`, optional space and quote) in a
/// lowercased tag, up to the next quote, space, `;`, `/` or `>`.
fn attribute_value<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut rest = tag;
    while let Some(start) = find(rest, name) {
        rest = &rest[start + name.len()..];
        let after = trim_start(rest);
        let Some(after) = after.strip_prefix(b"=") else {
            continue;
        };
        let after = trim_start(after);
        let after = after
            .strip_prefix(b"\"")
            .or_else(|| after.strip_prefix(b"'"))
            .unwrap_or(after);
        let end = after
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
            .unwrap_or(after.len());
        if end > 0 {
            return Some(&after[..end]);
        }
    }
    None
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Control bytes that plain text does not use; tab, line feed, form feed, carriage return
/// and escape (which ISO-2022 encodings need) are text.
fn is_control(byte: u8) -> bool {
    (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | 0x0c | b'\r' | 0x1b)) || byte == 0x7f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        let cases: &[(&[u8], Declared<'_>, &str, &str)] = &[
            (b"caf\xc3\xa9", Declared::Nothing, "café", "UTF-8 as is"),
            (
                b"\xEF\xBB\xBFcaf\xc3\xa9",
                Declared::Nothing,
                "café",
                "UTF-8 BOM stripped",
            ),
            (
                b"\xFF\xFEc\0a\0f\0\xe9\0",
                Declared::Nothing,
                "café",
                "UTF-16LE by its BOM",
            ),
            (
                b"c\0a\0f\0\xe9\0 \0o\0k\0",
                Declared::Nothing,
                "café ok",
                "UTF-16LE without a BOM, by its NUL high bytes",
            ),
            (
                b"\0c\0a\0f\0\xe9\0 \0o\0k",
                Declared::Nothing,
                "café ok",
                "UTF-16BE without a BOM",
            ),
            (
                b"Le caf\xe9 de la gare est ferm\xe9 depuis l'\xe9t\xe9 dernier.",
                Declared::Nothing,
                "Le café de la gare est fermé depuis l'été dernier.",
                "Latin-1 text detected",
            ),
            (
                b"<meta charset=\"windows-1252\"><p>caf\xe9 \x93quoted\x94</p>",
                Declared::InDocument,
                "<meta charset=\"windows-1252\"><p>café \u{201c}quoted\u{201d}</p>",
                "meta charset",
            ),
            (
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\xe9",
                Declared::InDocument,
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">é",
                "meta http-equiv",
            ),
            (
                b"<?xml version=\"1.0\" encoding=\"iso-8859-15\"?><html>\xa4</html>",
                Declared::InDocument,
                "<?xml version=\"1.0\" encoding=\"iso-8859-15\"?><html>€</html>",
                "XML prolog",
            ),
            (
                b"<p>\xe9</p>",
                Declared::Transport(Some("iso-8859-1")),
                "<p>é</p>",
                "HTTP charset",
            ),
            (
                b"<p>caf\xc3\xa9</p>",
                Declared::Transport(Some("iso-8859-1")),
                "<p>café</p>",
                "valid UTF-8 wins over a wrong declaration",
            ),
            (
                b"<meta charset=\"bogus\"><p>caf\xe9</p>",
                Declared::InDocument,
                "<meta charset=\"bogus\"><p>café</p>",
                "an unknown label falls back to detection",
            ),
        ];
        for (bytes, declared, expected, why) in cases {
            assert_eq!(decode(bytes, *declared), *expected, "{why}");
        }
    }

    #[test]
    fn binary() {
        let cases: &[(&[u8], bool, &str)] = &[
            (b"plain text\n", false, "text"),
            (b"abc\0def", true, "a NUL byte"),
            (b"\x01\x02\x03\x04abc", true, "mostly control bytes"),
            (b"\x01abcdefghij", false, "one control byte among text"),
            (b"\xFF\xFEa\0b\0", false, "UTF-16 is judged decoded"),
            (b"a\0b\0c\0d\0e\0", false, "UTF-16 without a BOM too"),
            (
                b"\0\0\x01\0a\0\0\x02\0\0",
                true,
                "NUL bytes on both sides are binary",
            ),
            (
                b"caf\xe9\n\tx\x0c",
                false,
                "Latin-1, tab and form feed are text",
            ),
        ];
        for (bytes, expected, why) in cases {
            assert_eq!(looks_binary(bytes), *expected, "{why}");
        }
    }

    #[test]
    fn content_type() {
        let cases: &[(&str, Option<&str>)] = &[
            ("text/html; charset=UTF-8", Some("UTF-8")),
            ("text/html;charset=\"iso-8859-1\"", Some("iso-8859-1")),
            ("text/html; Charset = koi8-r ", Some("koi8-r")),
            ("text/html", None),
        ];
        for (value, expected) in cases {
            assert_eq!(content_type_charset(value), *expected, "{value}");
        }
    }
}
