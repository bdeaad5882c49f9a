//! Times `newsfold_text::clean` on hostile deep pages (issue 17, defect 1), one line each.
//!
//! Run with `cargo run --release --locked -p newsfold-text --example deep_pages`. Each page
//! must clean in well under 2 s; before the depth bound they overflowed the stack or ran for
//! minutes.

use std::time::Instant;

use newsfold_core::{Raw, RawBody, RawFields};

/// A line of text that every page carries, so the output can be checked.
const LINE: &str =
    "The harbour of Tessvik closed on Monday as a storm brought waves of six metres.";

fn main() {
    let sixteen_mb = 16 << 20;
    let nested = "<div><span><b><i><table><tr><td><ul><li><p>";
    let pages: Vec<(&str, String)> = vec![
        ("100,000 nested <div>", deep("<div>", "</div>", 100_000)),
        ("100,000 nested <span>", deep("<span>", "</span>", 100_000)),
        ("50,000 <b><i> pairs", deep("<b><i>", "", 50_000)),
        (
            "100,000 unclosed <p>",
            deep("<p>Ferries stayed in port.", "", 100_000),
        ),
        (
            "100,000 <table><tr><td>",
            deep("<table><tr><td>", "", 100_000),
        ),
        (
            "16 MB of nested tags",
            deep(nested, "", sixteen_mb / nested.len()),
        ),
    ];
    for (name, html) in pages {
        let bytes = html.len();
        let raw = Raw {
            path: "deep.html".into(),
            record: None,
            index: 0,
            body: RawBody::Html(html),
            fields: RawFields::default(),
        };
        let started = Instant::now();
        let article = newsfold_text::clean(&raw);
        println!(
            "{name:<28} {:>9} bytes  {:>7.3} s  text kept: {}",
            bytes,
            started.elapsed().as_secs_f64(),
            article.text.contains(LINE)
        );
    }
}

fn deep(open: &str, close: &str, repeat: usize) -> String {
    format!(
        "<html><body>{}<p>{LINE}</p>{}</body></html>",
        open.repeat(repeat),
        close.repeat(repeat)
    )
}
