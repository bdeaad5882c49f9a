//! Fuzz target `read`: the readers over arbitrary bytes, under every name a format is decided by.
//!
//! The first byte picks the file name (and so the format: text, HTML, JSON, JSON lines, WARC,
//! gzip of each, or a name that makes the reader sniff) and whether the rest is gzipped here
//! first, so the fuzzer reaches the parsers behind gzip too. Reading must never panic, every
//! rejection must name the input and give a reason, and every document must name its input.

#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use newsfold_read::{ReadOptions, read_bytes};

/// The names tried, one per format the reader decides by extension, and `-` for sniffing.
const NAMES: [&str; 11] = [
    "a.txt",
    "a.html",
    "a.json",
    "a.jsonl",
    "a.warc",
    "a.warc.gz",
    "a.txt.gz",
    "a.jsonl.gz",
    "a.json.gz",
    "a.html.gz",
    "-",
];

/// A small limit, so that the limits themselves are exercised (the default is 16 MiB, which no
/// fuzz input reaches).
const MAX_BYTES: u64 = 64 * 1024;
/// Records read from one input before the rest are counted and skipped.
const MAX_RECORDS: usize = 8;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(selector & 0x0f) % NAMES.len()];
    let bytes = if selector & 0x10 != 0 {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(rest).expect("writing to a Vec");
        encoder.finish().expect("writing to a Vec")
    } else {
        rest.to_vec()
    };
    // A small record cap, so the path that counts and skips records past it is fuzzed too.
    let options = ReadOptions {
        max_bytes: MAX_BYTES,
        max_records: Some(MAX_RECORDS),
        text_field: None,
    };
    let read = read_bytes(name, &bytes, &options);
    for rejected in &read.rejected {
        assert_eq!(rejected.path, name, "a rejection names another input");
        assert!(
            !rejected.reason.trim().is_empty(),
            "a rejection without a reason"
        );
    }
    for raw in &read.raws {
        assert_eq!(raw.path, name, "a document names another input");
    }
});
