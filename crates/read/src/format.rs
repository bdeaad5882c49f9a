//! Which reader a file needs: decided by its name when the name says, by its first bytes
//! otherwise.
//!
//! A name is trusted because the user chose it (a `.txt` holding JSON is read as text); only
//! names that say nothing (stdin, `data.gz`, `README`) are sniffed. Compression is not a
//! format: gzip is recognised by its magic bytes whatever the name, and the format is decided
//! again on what it decompresses to.

use std::path::Path;

/// The container a body is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// The whole file is one plain-text article.
    Text,
    /// The whole file is one HTML page.
    Html,
    /// One JSON object, an array of objects, or (when the first line is a complete value)
    /// one object per line.
    Json,
    /// One JSON object per line.
    JsonLines,
    /// A WARC archive of HTTP responses.
    Warc,
}

/// The magic bytes that open every gzip member.
pub(crate) const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

impl Format {
    /// The format a file name announces, after stripping one `.gz`; `None` when the name says
    /// nothing (no extension, an unknown one, or `-` for stdin).
    pub(crate) fn from_name(name: &str) -> Option<Format> {
        let path = Path::new(name);
        let mut extension = lowercase_extension(path)?;
        if extension == "gz" {
            extension = lowercase_extension(Path::new(path.file_stem()?))?;
        }
        match extension.as_str() {
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "warc" => Some(Format::Warc),
            _ => None,
        }
    }

    /// The format the first bytes of an (already decompressed) input suggest.
    pub(crate) fn sniff(head: &[u8]) -> Format {
        let head = strip_utf8_bom(head);
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        let head = &head[start..];
        if head.starts_with(b"WARC/1.") {
            Format::Warc
        } else if head.starts_with(b"{") || head.starts_with(b"[") {
            Format::Json
        } else if head.starts_with(b"<") && has_html_tag(head) {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// True when a file name ends with an extension [`Format::from_name`] knows, optionally
/// followed by `.gz`: the files a folder walk keeps.
pub(crate) fn has_known_extension(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .and_then(Format::from_name)
        .is_some()
}

/// True for bytes that start a gzip stream.
pub(crate) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&GZIP_MAGIC)
}

/// The bytes without a leading UTF-8 byte-order mark.
pub(crate) fn strip_utf8_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

fn lowercase_extension(path: &Path) -> Option<String> {
    Some(path.extension()?.to_str()?.to_ascii_lowercase())
}

/// True when the first kilobytes hold a tag only an HTML page would open with.
fn has_html_tag(head: &[u8]) -> bool {
    const TAGS: &[&[u8]] = &[
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<p>",
        b"<p ",
        b"<div",
        b"<article",
        b"<meta",
        b"<title",
    ];
    let head = head[..head.len().min(4096)].to_ascii_lowercase();
    TAGS.iter()
        .any(|tag| head.windows(tag.len()).any(|window| window == *tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let cases: &[(&str, Option<Format>, &str)] = &[
            ("a.txt", Some(Format::Text), "plain text"),
            (
                "dir.d/A.TXT",
                Some(Format::Text),
                "extensions are case-insensitive",
            ),
            ("a.text", Some(Format::Text), "the long spelling"),
            (
                "a.html.gz",
                Some(Format::Html),
                "gzip is stripped before deciding",
            ),
            ("a.xhtml", Some(Format::Html), "XHTML is read as HTML"),
            ("a.json", Some(Format::Json), "document or guessed lines"),
            ("a.ndjson", Some(Format::JsonLines), "NDJSON is JSON lines"),
            ("crawl.warc.gz", Some(Format::Warc), "the usual WARC name"),
            ("a.gz", None, "a bare .gz says nothing about what is inside"),
            ("-", None, "stdin is sniffed"),
            ("README", None, "no extension"),
            ("a.csv", None, "unknown extension"),
            (".txt", None, "a hidden name with no extension"),
        ];
        for (name, expected, why) in cases {
            assert_eq!(Format::from_name(name), *expected, "{name}: {why}");
        }
    }

    #[test]
    fn sniffing() {
        let cases: &[(&[u8], Format, &str)] = &[
            (
                b"WARC/1.1\r\nWARC-Type: warcinfo\r\n",
                Format::Warc,
                "WARC version line",
            ),
            (
                b"  \n{\"text\": \"a\"}",
                Format::Json,
                "an object after blank space",
            ),
            (b"[{\"text\": \"a\"}]", Format::Json, "an array"),
            (b"\xEF\xBB\xBF{}", Format::Json, "a BOM is not content"),
            (b"<!DOCTYPE html><html>", Format::Html, "doctype"),
            (b"<p>Hello</p>", Format::Html, "a bare paragraph"),
            (
                b"<unknown>x",
                Format::Text,
                "angle brackets alone do not make HTML",
            ),
            (
                b"Title\n2026-03-11\n\nBody",
                Format::Text,
                "anything else is text",
            ),
            (b"", Format::Text, "nothing at all"),
        ];
        for (head, expected, why) in cases {
            assert_eq!(Format::sniff(head), *expected, "{why}");
        }
    }
}
