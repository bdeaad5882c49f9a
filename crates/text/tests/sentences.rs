//! Runs the table in `testdata/sentences.toml` through `newsfold_text::sentences`.
//!
//! Each case names why it exists; add a case there, not a test here. Besides the expected
//! sentences, every case checks what holds for any input: spans are in order, do not overlap,
//! lie on char boundaries and are trimmed.

use serde::Deserialize;

#[derive(Deserialize)]
struct Table {
    test: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    why: String,
    input: String,
    sentences: Vec<String>,
}

#[test]
fn sentences_table() {
    let table: Table = toml::from_str(include_str!("../testdata/sentences.toml"))
        .expect("testdata/sentences.toml parses");
    assert!(!table.test.is_empty());
    let mut names = std::collections::BTreeSet::new();
    for case in table.test {
        let ctx = format!("case {:?} ({})", case.name, case.why);
        assert!(names.insert(case.name.clone()), "{ctx}: duplicate name");
        let spans = newsfold_text::sentences(&case.input);
        let mut previous_end = 0;
        for span in &spans {
            let text = case.input.get(span.range());
            assert!(text.is_some(), "{ctx}: span {span:?} off a char boundary");
            let text = text.unwrap_or_default();
            assert!(
                !text.is_empty() && text.trim() == text,
                "{ctx}: span {span:?} is empty or untrimmed: {text:?}"
            );
            assert!(
                span.range().start >= previous_end,
                "{ctx}: spans out of order or overlapping"
            );
            previous_end = span.range().end;
        }
        let got: Vec<&str> = spans.iter().map(|s| s.slice(&case.input)).collect();
        assert_eq!(got, case.sentences, "{ctx}");
    }
}
