//! Runs the table in `testdata/deep_html.toml`: hostile HTML that once crashed or stalled the
//! clean stage (issue 17, defect 1) must clean on a test thread's 2 MB stack, quickly, with its
//! text kept.
//!
//! Each case names why it exists; add a case there, not a test here.

use std::time::{Duration, Instant};

use newsfold_core::{Raw, RawBody, RawFields};
use serde::Deserialize;

/// A generous ceiling for one page in a debug build on a shared machine; before the fix the
/// deep cases aborted with a stack overflow or ran for minutes.
const MAX_SECONDS_PER_PAGE: u64 = 20;

#[derive(Deserialize)]
struct Table {
    test: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    why: String,
    #[serde(default)]
    prefix: String,
    open: String,
    #[serde(default)]
    close: String,
    repeat: usize,
    inner: String,
    text: String,
}

fn clean_html(html: String) -> newsfold_core::Article {
    let raw = Raw {
        path: "deep.html".into(),
        record: None,
        index: 0,
        body: RawBody::Html(html),
        fields: RawFields::default(),
    };
    newsfold_text::clean(&raw)
}

#[test]
fn deep_html_table() {
    let table: Table = toml::from_str(include_str!("../testdata/deep_html.toml"))
        .expect("testdata/deep_html.toml parses");
    assert!(!table.test.is_empty());
    for case in table.test {
        let html = format!(
            "<html><body>{}{}{}{}</body></html>",
            case.prefix,
            case.open.repeat(case.repeat),
            case.inner,
            case.close.repeat(case.repeat)
        );
        let started = Instant::now();
        // A thread of its own with the default 2 MB stack, as rayon's workers have.
        let article = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || clean_html(html))
            .expect("spawn")
            .join()
            .unwrap_or_else(|_| panic!("case {:?} ({}) panicked", case.name, case.why));
        let took = started.elapsed();
        let ctx = format!("case {:?} ({})", case.name, case.why);
        assert!(
            article.text.contains(&case.text),
            "{ctx}: text {:?}",
            &article.text[..article.text.len().min(200)]
        );
        assert!(
            took < Duration::from_secs(MAX_SECONDS_PER_PAGE),
            "{ctx}: took {took:?}"
        );
    }
}
