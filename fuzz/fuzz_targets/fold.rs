//! Fuzz target `fold`: the whole in-memory fold of a few small documents.
//!
//! The input, split at NUL bytes, gives up to four documents (an HTML page when one starts with
//! `<`, plain text otherwise), each also copied once with its first line dropped, so that reuse
//! detection, origins and briefs have copies to work on. `engine::fold_raws` runs every stage
//! (clean, reuse, origins, stories, briefs); it must never panic, and everything the fold names
//! (articles of stories, relations and origins, cited spans, quotes, figures) must exist and lie
//! inside its article's text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsfold_core::{Raw, RawBody, RawFields};
use newsfold_engine::{Options, Quiet, Timer, fold_raws};
use newsfold_fuzz::{check_fold, text};

/// The most documents made of one input: enough for a story, a copy and an outsider.
const MAX_DOCUMENTS: usize = 4;

fn raw(index: usize, body: &str) -> Raw {
    let html = body.trim_start().starts_with('<');
    Raw {
        path: format!("doc{index}.{}", if html { "html" } else { "txt" }),
        record: None,
        index: 0,
        body: if html {
            RawBody::Html(body.to_owned())
        } else {
            RawBody::Text(body.to_owned())
        },
        fields: RawFields::default(),
    }
}

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let mut raws = Vec::new();
    for body in text.split('\0').take(MAX_DOCUMENTS) {
        raws.push(raw(raws.len(), body));
        if let Some((_, rest)) = body.split_once('\n') {
            raws.push(raw(raws.len(), rest));
        }
    }
    let fold = fold_raws(raws, Vec::new(), &Options::default(), &Quiet, Timer::new());
    check_fold(&fold);
});
