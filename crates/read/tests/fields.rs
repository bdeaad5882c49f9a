//! Runs the table in `testdata/fields.toml`: one record of each tool's output, read as a JSON
//! line, and the fields and text it gives.
//!
//! Each case names why it exists; add a case there, not a test here.

use newsfold_core::RawBody;
use newsfold_read::{ReadOptions, read_bytes};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    why: String,
    input: String,
    text_field: Option<String>,
    text: Option<String>,
    rejected: Option<String>,
    id: Option<String>,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    byline: Option<String>,
    language: Option<String>,
}

#[test]
fn records_of_each_tool_map_to_the_right_fields() {
    let table: Table = toml::from_str(include_str!("../testdata/fields.toml"))
        .expect("testdata/fields.toml parses");
    assert!(table.case.len() >= 5);
    for case in table.case {
        let label = format!("{} ({})", case.name, case.why);
        let options = ReadOptions {
            text_field: case.text_field.clone(),
            ..ReadOptions::default()
        };
        let read = read_bytes("x.jsonl", case.input.as_bytes(), &options);
        if let Some(phrase) = &case.rejected {
            assert!(read.raws.is_empty(), "{label}: read {:?}", read.raws);
            assert!(
                read.rejected
                    .iter()
                    .any(|r| r.reason.contains(phrase.as_str())),
                "{label}: {:?}",
                read.rejected
            );
            continue;
        }
        assert!(read.rejected.is_empty(), "{label}: {:?}", read.rejected);
        let [raw] = read.raws.as_slice() else {
            panic!("{label}: {} records", read.raws.len())
        };
        let (RawBody::Text(text) | RawBody::Html(text)) = &raw.body;
        assert_eq!(Some(text), case.text.as_ref(), "{label}: text");
        let f = &raw.fields;
        for (field, got, want) in [
            ("id", &f.id, &case.id),
            ("title", &f.title, &case.title),
            ("url", &f.url, &case.url),
            ("published", &f.published, &case.published),
            ("outlet", &f.outlet, &case.outlet),
            ("byline", &f.byline, &case.byline),
            ("language", &f.language, &case.language),
        ] {
            assert_eq!(got, want, "{label}: {field}");
        }
    }
}
