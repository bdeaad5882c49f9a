//! JSON and JSON-lines containers: one article per object, with its fields under the names
//! news dumps actually use.
//!
//! Feeds and dumps disagree on names (`text` or `content`, `date` or `publishedAt`, `source`
//! as a string or as `{ "name": … }`, schema.org's `articleBody`), so each field has a list
//! of aliases and the first usable value wins. Values are kept as written; cleaning
//! normalises them. A bad record is rejected on its own (`line 3`, `record 2`) and the good
//! records of the same file are kept.

use std::borrow::Cow;

use newsfold_core::{Raw, RawBody, RawFields, Rejected};
use serde_json::{Map, Value};

use crate::Read;
use crate::problem::Problem;

const BODY: &[&str] = &[
    "text",
    "content",
    "body",
    "article",
    "articleBody",
    "maintext",
];
const TITLE: &[&str] = &["title", "headline"];
/// Fields that hold the article's URL; `source` only when it holds one (trafilatura writes the
/// page's URL there, NewsAPI the outlet's name).
const URL: &[&str] = &["url", "link"];
const URL_IF_A_URL: &[&str] = &["source", "source_url"];
const PUBLISHED: &[&str] = &[
    "published",
    "date",
    "datePublished",
    "published_at",
    "publishedAt",
    "date_publish",
];
/// The outlet's name (trafilatura's `sitename` and `source-hostname`, passim's `series`), then
/// its host (news-please's `source_domain`, trafilatura's `hostname`) when no name is given. A
/// value that is a URL is never an outlet.
const OUTLET: &[&str] = &[
    "outlet",
    "sitename",
    "source-hostname",
    "site_name",
    "publisher",
    "site",
    "source",
    "series",
    "source_domain",
    "hostname",
    "domain",
];
const BYLINE: &[&str] = &["byline", "author", "authors"];
const LANGUAGE: &[&str] = &["language", "lang"];
/// Objects some tools keep the metadata in (datatrove's `metadata`, text-dedup's `meta`): a
/// field not found at the top is looked for there.
const NESTED: &[&str] = &["metadata", "meta"];

/// Reads a `.json` file or a sniffed JSON input: one object, an array of objects, or one
/// object per line when the whole text is not one value but its first line is. At most
/// `max_records` elements of an array (or lines) become records; the rest are parsed only to
/// be counted, never turned into values, and give the file one rejection.
pub(crate) fn read_document(
    path: &str,
    text: &str,
    max_records: Option<usize>,
    text_field: Option<&str>,
) -> Read {
    let parsed = if text.trim_start().starts_with('[') {
        repairing(text, |text| parse_array(text, max_records)).map(Document::Array)
    } else {
        repairing(text, |text| serde_json::from_str::<Value>(text)).map(Document::Value)
    };
    match parsed {
        Ok(Document::Array(array)) => read_array(path, array, max_records, text_field),
        Ok(Document::Value(Value::Object(object))) => match record(&object, text_field) {
            Ok((body, fields)) => Read::raw(Raw {
                path: path.to_string(),
                record: None,
                index: 0,
                body,
                fields,
            }),
            Err(problem) => Read::rejected(path, None, problem),
        },
        Ok(Document::Value(other)) => Read::rejected(
            path,
            None,
            Problem::NotAnArticleDocument {
                found: kind(&other),
            },
        ),
        Err(_) if first_line_is_a_value(text) => read_lines(path, text, max_records, text_field),
        Err(error) => Read::rejected(path, None, Problem::from_json(&error, false)),
    }
}

/// A whole JSON document: an array (read element by element, under a cap) or any other value.
enum Document {
    Array(Capped),
    Value(Value),
}

/// The elements of a JSON array up to a cap, and how many came after it.
#[derive(Debug, Default)]
struct Capped {
    values: Vec<Value>,
    skipped: u64,
}

/// Parses a JSON array, keeping at most `cap` elements as values: those after it are read
/// with `IgnoredAny`, which checks their syntax and counts them without allocating.
fn parse_array(text: &str, cap: Option<usize>) -> Result<Capped, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let capped = serde::Deserializer::deserialize_seq(&mut deserializer, CappedVisitor(cap))?;
    deserializer.end()?;
    Ok(capped)
}

struct CappedVisitor(Option<usize>);

impl<'de> serde::de::Visitor<'de> for CappedVisitor {
    type Value = Capped;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a JSON array")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Capped, A::Error> {
        let mut capped = Capped::default();
        while self.0.is_none_or(|cap| capped.values.len() < cap) {
            match seq.next_element::<Value>()? {
                Some(value) => capped.values.push(value),
                None => return Ok(capped),
            }
        }
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
            capped.skipped += 1;
        }
        Ok(capped)
    }
}

/// Runs `parse`, and when it fails over a `\u` escape, runs it again on the text with its lone
/// surrogates replaced (see [`replace_lone_surrogates`]): serde_json rejects a whole document
/// for one `"\ud800"`, where a reader should lose one character.
fn repairing<T>(
    text: &str,
    parse: impl Fn(&str) -> Result<T, serde_json::Error>,
) -> Result<T, serde_json::Error> {
    match parse(text) {
        Err(error) if error.to_string().contains("hex escape") => {
            match replace_lone_surrogates(text) {
                Cow::Owned(repaired) => parse(&repaired),
                Cow::Borrowed(_) => Err(error),
            }
        }
        other => other,
    }
}

/// The JSON text with every `\u` escape of a lone surrogate (a high one not followed by a low
/// one, or a low one alone) written as `\ufffd`, U+FFFD; borrowed when there is none. One
/// pass; backslashes appear only inside strings, so no string state is needed.
pub(crate) fn replace_lone_surrogates(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut repaired = String::new();
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'\\' {
            at += 1;
            continue;
        }
        match escaped_unit(bytes, at) {
            Some(0xD800..=0xDBFF)
                if escaped_unit(bytes, at + 6).is_some_and(|u| (0xDC00..=0xDFFF).contains(&u)) =>
            {
                at += 12;
            }
            Some(0xD800..=0xDFFF) => {
                repaired.push_str(&text[copied..at]);
                repaired.push_str("\\ufffd");
                at += 6;
                copied = at;
            }
            Some(_) => at += 6,
            None => at += 2,
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    repaired.push_str(&text[copied..]);
    Cow::Owned(repaired)
}

/// The UTF-16 unit of a `\uXXXX` escape starting at `at`, if there is one.
fn escaped_unit(bytes: &[u8], at: usize) -> Option<u32> {
    let escape = bytes.get(at..at + 6)?;
    if !escape.starts_with(b"\\u") {
        return None;
    }
    let hex = std::str::from_utf8(&escape[2..]).ok()?;
    u32::from_str_radix(hex, 16).ok()
}

/// Reads one line of a JSON-lines file (0-based `index`) as one article record.
pub(crate) fn read_line(path: &str, index: usize, line: &str, text_field: Option<&str>) -> Read {
    let mut read = Read::default();
    let label = Some(format!("line {}", index + 1));
    let parsed = repairing(line, |line| serde_json::from_str::<Value>(line))
        .map_err(|error| Problem::from_json(&error, true))
        .and_then(|value| value_record(value, text_field));
    push_record(&mut read, path, label, index, parsed);
    read
}

/// Reads a `.jsonl` or `.ndjson` file held whole: one object per line, blank lines skipped, at
/// most `max_records` of them read (the rest counted into one rejection).
pub(crate) fn read_lines(
    path: &str,
    text: &str,
    max_records: Option<usize>,
    text_field: Option<&str>,
) -> Read {
    let mut read = Read::default();
    let mut records = 0;
    let mut skipped = (None, 0);
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if max_records.is_some_and(|cap| records >= cap) {
            skipped.0.get_or_insert(index);
            skipped.1 += 1;
            continue;
        }
        records += 1;
        let one = read_line(path, index, line, text_field);
        read.raws.extend(one.raws);
        read.rejected.extend(one.rejected);
    }
    if let (Some(first), Some(limit)) = (skipped.0, max_records) {
        let label = Some(format!("line {}", first + 1));
        let problem = Problem::TooManyRecords {
            skipped: skipped.1,
            limit,
        };
        read.rejected.push(rejection(path, label, problem));
    }
    read
}

fn read_array(
    path: &str,
    array: Capped,
    max_records: Option<usize>,
    text_field: Option<&str>,
) -> Read {
    if array.values.is_empty() && array.skipped == 0 {
        return Read::rejected(path, None, Problem::EmptyArray);
    }
    let mut read = Read::default();
    let kept = array.values.len();
    for (index, value) in array.values.into_iter().enumerate() {
        let label = Some(format!("record {}", index + 1));
        push_record(
            &mut read,
            path,
            label,
            index,
            value_record(value, text_field),
        );
    }
    if let (true, Some(limit)) = (array.skipped > 0, max_records) {
        let label = Some(format!("record {}", kept + 1));
        let problem = Problem::TooManyRecords {
            skipped: array.skipped,
            limit,
        };
        read.rejected.push(rejection(path, label, problem));
    }
    read
}

/// One JSON value as an article record: only objects are articles.
fn value_record(value: Value, text_field: Option<&str>) -> Result<(RawBody, RawFields), Problem> {
    match value {
        Value::Object(object) => record(&object, text_field),
        other => Err(Problem::NotAnObject {
            found: kind(&other),
        }),
    }
}

/// Keep a parsed record, or reject it under its line or record label.
fn push_record(
    read: &mut Read,
    path: &str,
    label: Option<String>,
    index: usize,
    parsed: Result<(RawBody, RawFields), Problem>,
) {
    match parsed {
        Ok((body, fields)) => read.raws.push(Raw {
            path: path.to_string(),
            record: label,
            index,
            body,
            fields,
        }),
        Err(problem) => read.rejected.push(rejection(path, label, problem)),
    }
}

/// The body and fields of one article object; the body under `text_field` when it is given
/// (`--text-field`, a dotted path reaches into objects: `metadata.content`), else under the
/// first body alias that holds text.
pub(crate) fn record(
    object: &Map<String, Value>,
    text_field: Option<&str>,
) -> Result<(RawBody, RawFields), Problem> {
    let body = match text_field {
        Some(path) => text(dotted(object, path)),
        None => BODY.iter().find_map(|key| text(object.get(*key))),
    };
    let body = body.ok_or(Problem::NoBody)?;
    let body = if looks_like_html(body) {
        RawBody::Html(body.clone())
    } else {
        RawBody::Text(body.clone())
    };
    let fields = RawFields {
        id: first(object, &["id"], scalar),
        title: first(object, TITLE, string),
        url: first(object, URL, string).or_else(|| first(object, URL_IF_A_URL, url)),
        published: first(object, PUBLISHED, scalar),
        outlet: first(object, OUTLET, name),
        byline: first(object, BYLINE, names),
        language: first(object, LANGUAGE, string),
    };
    Ok((body, fields))
}

/// The text of a body field: a non-blank string.
fn text(value: Option<&Value>) -> Option<&String> {
    match value {
        Some(Value::String(text)) if !text.trim().is_empty() => Some(text),
        _ => None,
    }
}

/// The value at a dotted path (`metadata.content`); a key that itself holds a dot is found
/// whole first.
fn dotted<'a>(object: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    if let Some(value) = object.get(path) {
        return Some(value);
    }
    let (head, rest) = path.split_once('.')?;
    match object.get(head)? {
        Value::Object(inner) => dotted(inner, rest),
        _ => None,
    }
}

/// The first alias whose value `pick` can use, at the top of the object, else in its
/// metadata object ([`NESTED`]).
fn first(
    object: &Map<String, Value>,
    keys: &[&str],
    pick: fn(&Value) -> Option<String>,
) -> Option<String> {
    let at_top = keys.iter().find_map(|key| object.get(*key).and_then(pick));
    at_top.or_else(|| {
        NESTED.iter().find_map(|nested| match object.get(*nested) {
            Some(Value::Object(inner)) => {
                keys.iter().find_map(|key| inner.get(*key).and_then(pick))
            }
            _ => None,
        })
    })
}

/// True when a string is a URL or a path on a host (`https://…`, `www.x.example/a`): such a
/// value is never an outlet's name.
fn is_url(text: &str) -> bool {
    let text = text.trim();
    text.contains("://")
        || (!text.contains(char::is_whitespace) && text.contains('/') && text.contains('.'))
}

/// A string that is a URL.
fn url(value: &Value) -> Option<String> {
    string(value).filter(|text| is_url(text))
}

/// A non-blank string.
fn string(value: &Value) -> Option<String> {
    match value {
        Value::String(text) if !text.trim().is_empty() => Some(text.clone()),
        _ => None,
    }
}

/// A non-blank string, or a number written as it was.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Number(number) => Some(number.to_string()),
        other => string(other),
    }
}

/// A string, or an object's `name` (`"source": { "id": "x", "name": "Outlet" }`); never a URL.
fn name(value: &Value) -> Option<String> {
    match value {
        Value::Object(object) => object.get("name").and_then(string),
        other => string(other),
    }
    .filter(|name| !is_url(name))
}

/// A name, or several names (strings or objects with a `name`) joined with ", ".
fn names(value: &Value) -> Option<String> {
    match value {
        Value::Array(values) => {
            let names: Vec<String> = values.iter().filter_map(name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        other => name(other),
    }
}

/// True when a body starts with a tag (`<p>`, `<!--`, `</div>`) and closes one.
fn looks_like_html(body: &str) -> bool {
    let body = body.trim_start();
    let mut chars = body.chars();
    chars.next() == Some('<')
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '!' | '/' | '?'))
        && body.contains('>')
}

/// True when the first non-blank line parses as a JSON value on its own: the sign that a
/// file which is not one JSON document holds one value per line.
fn first_line_is_a_value(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .is_some_and(|line| serde_json::from_str::<Value>(line).is_ok())
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn rejection(path: &str, record: Option<String>, problem: Problem) -> Rejected {
    Rejected {
        path: path.to_string(),
        record,
        reason: problem.to_string(),
    }
}

#[cfg(test)]
mod tests {
    //! The field mapping runs as data: `testdata/json_records.json` holds one case per alias
    //! or shape, each with a `why`.

    use super::*;

    #[derive(serde::Deserialize)]
    struct Case {
        name: String,
        why: String,
        input: Value,
        #[serde(default)]
        body: Option<String>,
        #[serde(default)]
        fields: RawFields,
        #[serde(default)]
        rejected: Option<String>,
    }

    #[test]
    fn records() {
        let cases: Vec<Case> =
            serde_json::from_str(include_str!("../testdata/json_records.json")).expect("test data");
        assert!(!cases.is_empty());
        for case in cases {
            let label = format!("{} ({})", case.name, case.why);
            let Value::Object(object) = &case.input else {
                panic!("{label}: input is not an object")
            };
            match (record(object, None), case.rejected) {
                (Ok((body, fields)), None) => {
                    let kind = match body {
                        RawBody::Text(_) => "text",
                        RawBody::Html(_) => "html",
                    };
                    assert_eq!(Some(kind), case.body.as_deref(), "{label}: body kind");
                    assert_eq!(fields, case.fields, "{label}: fields");
                }
                (Err(problem), Some(phrase)) => {
                    assert!(problem.to_string().contains(&phrase), "{label}: {problem}");
                }
                (Ok(_), Some(phrase)) => panic!("{label}: expected a rejection with {phrase:?}"),
                (Err(problem), None) => panic!("{label}: unexpected rejection: {problem}"),
            }
        }
    }

    fn check_document(text: &str, records: &[Option<&str>], rejected: &[(Option<&str>, &str)]) {
        let read = read_document("x.json", text, Some(3), None);
        let got: Vec<Option<&str>> = read.raws.iter().map(|raw| raw.record.as_deref()).collect();
        assert_eq!(got, records, "records of {text:?}");
        assert_eq!(
            read.rejected.len(),
            rejected.len(),
            "rejections of {text:?}: {:?}",
            read.rejected
        );
        for (rejection, (record, phrase)) in read.rejected.iter().zip(rejected) {
            assert_eq!(rejection.record.as_deref(), *record, "{text:?}");
            assert!(
                rejection.reason.contains(phrase),
                "{text:?}: {}",
                rejection.reason
            );
        }
    }

    #[test]
    fn documents() {
        check_document(r#"{"text": "a"}"#, &[None], &[]);
        check_document(
            r#"[{"text": "a"}, 3, {"title": "t"}]"#,
            &[Some("record 1")],
            &[
                (Some("record 2"), "found a number"),
                (Some("record 3"), "no article text"),
            ],
        );
        check_document("[]", &[], &[(None, "array is empty")]);
        check_document(r#""text""#, &[], &[(None, "found a string")]);
        check_document(
            "{\n  \"text\": \"a\",\n  oops\n}",
            &[],
            &[(None, "line 3, column 3")],
        );
        check_document(
            "{\"text\": \"a\"}\n\n{\"text\": \"b\"}\n{bad\n",
            &[Some("line 1"), Some("line 3")],
            &[(Some("line 4"), "malformed JSON at column 2")],
        );
    }
}
