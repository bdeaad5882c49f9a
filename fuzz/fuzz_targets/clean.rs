//! Fuzz target `clean`: one document cleaned, as plain text and as an HTML page.
//!
//! The first byte picks text or HTML, the base extractor, and whether the body is taken as
//! given (the fast path of `newsfold reuse --as-given`); the rest, split at NUL bytes, is the
//! body followed by the container fields (published, title, url, outlet, byline, language), so
//! the fuzzer also reaches the date and metadata parsing of record fields. Cleaning must never
//! panic, and the article's sentences must lie in its text, in order, on character boundaries.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsfold_core::{Raw, RawBody, RawFields};
use newsfold_fuzz::{check_article, text};
use newsfold_text::{Base, CleanOptions, as_given, clean_with};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = text(rest);
    let mut parts = text.split('\0');
    let body = parts.next().unwrap_or_default().to_owned();
    let mut field = || parts.next().map(str::to_owned);
    let fields = RawFields {
        published: field(),
        title: field(),
        url: field(),
        outlet: field(),
        byline: field(),
        language: field(),
        id: field(),
    };
    let html = selector & 1 != 0;
    let raw = Raw {
        path: if html { "fuzz.html" } else { "fuzz.txt" }.to_owned(),
        record: None,
        index: 0,
        body: if html {
            RawBody::Html(body)
        } else {
            RawBody::Text(body)
        },
        fields,
    };
    let options = CleanOptions {
        extractor: if selector & 2 != 0 {
            Base::RsTrafilatura
        } else {
            Base::default()
        },
        declared_language_only: selector & 4 != 0,
    };
    let article = if selector & 8 != 0 && !html {
        as_given(raw)
    } else {
        clean_with(&raw, &options)
    };
    check_article(&article);
});
