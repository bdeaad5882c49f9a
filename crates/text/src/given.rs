//! Text taken as given: the fast path for corpora that are already plain text.
//!
//! Corpus deduplication (the text-dedup and datatrove use case) starts from records whose text
//! has been extracted already, and wants spans into *that* text, to cut duplicated passages out
//! of its own data. [`as_given`] makes an article of such a record without touching its text:
//! no boilerplate rules, no header lines, datelines or credits, no language detection, no
//! normalisation. Metadata come from the record's fields only, and sentences from
//! [`rough_sentences`], which is enough for aligning passages and about thirty times cheaper than
//! [`crate::sentences`]. An HTML body still needs extraction, so it is cleaned as usual.

use newsfold_core::{Article, Raw, RawBody, Span};

use crate::{CleanOptions, clean_with, parse_date};

/// An article from `raw` with its text exactly as given (HTML bodies are cleaned as usual).
pub fn as_given(raw: Raw) -> Article {
    let id = crate::provisional_id(&raw);
    let Raw {
        path,
        record,
        index,
        body,
        fields,
    } = raw;
    let text = match body {
        RawBody::Text(text) => text,
        body => {
            let raw = Raw {
                path,
                record,
                index,
                body,
                fields,
            };
            return clean_with(&raw, &CleanOptions::default());
        }
    };
    let field = |v: Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let mut warnings = Vec::new();
    let published = fields.published.as_deref().and_then(|p| {
        let day = parse_date(p);
        if day.is_none() {
            warnings.push(format!(
                "published date {p:?} is not a date newsfold can read"
            ));
        }
        day.map(|d| d.iso())
    });
    Article {
        id,
        path,
        record,
        title: field(fields.title),
        outlet: field(fields.outlet),
        url: field(fields.url),
        published,
        byline: field(fields.byline),
        language: field(fields.language),
        sentences: rough_sentences(&text),
        text,
        warnings,
        ..Article::default()
    }
}

/// Sentence spans by a simple rule: a line break ends a sentence, and so does `.`, `!` or `?`
/// (with any closing quotes or brackets after it) followed by white space. Abbreviations split
/// sentences that [`crate::sentences`] keeps whole; for aligning passages that does no harm.
/// Spans are trimmed of white space; empty ones are skipped.
pub fn rough_sentences(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 120 + 1);
    let mut push = |start: usize, end: usize| {
        let piece = &text[start..end];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            out.push(Span::new(start + lead, start + lead + trimmed.len()));
        }
    };
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                push(start, i);
                start = i + 1;
            }
            b'.' | b'!' | b'?' => {
                // Step over closing quotes and brackets (ASCII, or the curly ’ and ”).
                let mut end = i + 1;
                loop {
                    match bytes.get(end) {
                        Some(b'"' | b'\'' | b')' | b']') => end += 1,
                        Some(0xE2)
                            if matches!(bytes.get(end + 1..end + 3), Some([0x80, 0x99 | 0x9D])) =>
                        {
                            end += 3;
                        }
                        _ => break,
                    }
                }
                if bytes.get(end).is_some_and(u8::is_ascii_whitespace) {
                    push(start, end);
                    start = end;
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    push(start, bytes.len());
    out
}

#[cfg(test)]
mod tests {
    use super::{as_given, rough_sentences};
    use newsfold_core::{Raw, RawBody, RawFields};

    #[test]
    fn splits_at_stops_and_line_breaks() {
        let text = "  He said “we agree.” Then he left!\nNew line here? Yes. 3.5 stays\n\n";
        let got: Vec<&str> = rough_sentences(text)
            .iter()
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(
            got,
            [
                "He said “we agree.”",
                "Then he left!",
                "New line here?",
                "Yes.",
                "3.5 stays"
            ]
        );
    }

    #[test]
    fn keeps_the_text_and_the_record_fields() {
        let text = "WASHINGTON (AP) — A line.\nRead more: elsewhere\n";
        let raw = Raw {
            path: "a.jsonl".into(),
            record: Some("line 1".into()),
            index: 0,
            body: RawBody::Text(text.into()),
            fields: RawFields {
                id: Some("x1".into()),
                published: Some("2024-03-05".into()),
                outlet: Some(" Daily ".into()),
                ..RawFields::default()
            },
        };
        let a = as_given(raw);
        assert_eq!(a.text, text);
        assert_eq!(a.id, "x1");
        assert_eq!(a.published.as_deref(), Some("2024-03-05"));
        assert_eq!(a.outlet.as_deref(), Some("Daily"));
        assert_eq!(a.sentences.len(), 2);
    }
}
