//! Hostile input never takes the readers down (issue 17): each defect filed against `read`
//! has its cases here, as tables of input, expected records and rejections, and a `why`.
//!
//! Inputs are built from Rust so that lengths, gzip members and encodings are exact bytes.

use std::io::Write as _;
use std::path::Path;
use std::time::Duration;

use flate2::Compression;
use flate2::write::GzEncoder;
use newsfold_core::RawBody;
use newsfold_read::{DEFAULT_MAX_RECORDS, Input, Read, ReadOptions, expand, read, read_bytes};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("in memory");
    encoder.finish().expect("in memory")
}

/// One WARC response holding an HTML page, with `length` as its Content-Length (`None`: the
/// true length).
fn response(n: usize, length: Option<&str>) -> Vec<u8> {
    let block = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Page {n} says \
         something worth reading.</p></body></html>"
    );
    let length = length.map_or_else(|| block.len().to_string(), str::to_string);
    format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{n}>\r\n\
         WARC-Target-URI: https://courier.example/{n}\r\nContent-Length: {length}\r\n\r\n\
         {block}\r\n\r\n"
    )
    .into_bytes()
}

/// The true length of record `n`'s block, shifted by `by`.
fn length(n: usize, by: i64) -> String {
    let record = response(n, None);
    let text = String::from_utf8(record).expect("ascii");
    let start = text.find("\r\n\r\n").expect("header end") + 4;
    let block = text.len() - start - 4;
    (block as i64 + by).to_string()
}

/// What a read gave: `label` for each raw, `label: reason` for each rejection.
fn summary(read: &Read) -> (Vec<String>, Vec<String>) {
    let raws = read
        .raws
        .iter()
        .map(|raw| raw.record.clone().unwrap_or_else(|| "-".into()))
        .collect();
    let rejected = read
        .rejected
        .iter()
        .map(|r| format!("{}: {}", r.record.as_deref().unwrap_or("-"), r.reason))
        .collect();
    (raws, rejected)
}

/// A case: why, the bytes, the records read and the rejections (phrases, see [`check`]).
type Case = (
    &'static str,
    Vec<u8>,
    &'static [&'static str],
    &'static [&'static str],
);
/// A case with the name the bytes are read under, after the why.
type NamedCase = (
    &'static str,
    &'static str,
    Vec<u8>,
    &'static [&'static str],
    &'static [&'static str],
);

/// Checks a read against the records expected and phrases of each rejection, in order (one
/// string per rejection; several phrases in it are separated by ` … `).
fn check(why: &str, read: &Read, raws: &[&str], rejected: &[&str]) {
    let (got_raws, got_rejected) = summary(read);
    assert_eq!(got_raws, raws, "{why}: raws; rejected: {got_rejected:#?}");
    assert_eq!(
        got_rejected.len(),
        rejected.len(),
        "{why}: rejected {got_rejected:#?}"
    );
    for (got, phrases) in got_rejected.iter().zip(rejected) {
        for phrase in phrases.split(" … ") {
            assert!(
                got.contains(phrase),
                "{why}: {got:?} should contain {phrase:?}"
            );
        }
    }
}

/// Defect 4: a line over the limit is named, with its length and the flag, even alone.
#[test]
fn an_oversized_json_line_is_named_never_empty() {
    let options = ReadOptions::with_max_bytes(20);
    let alone = vec![b'a'; 100];
    check(
        "a lone oversized line",
        &read_bytes("dump.jsonl", &alone, &options),
        &[],
        &["line 1: record is 100 bytes, over the limit of 20 bytes … --max-file-size"],
    );
    let zipped = gzip(&[&alone[..], b"\n{\"text\":\"ok\"}\n"].concat());
    check(
        "an oversized line in a gzip stream, then a good one",
        &read_bytes("dump.jsonl.gz", &zipped, &options),
        &["line 2"],
        &["line 1: record is 101 bytes"],
    );
}

fn lines(n: usize) -> Vec<u8> {
    (0..n)
        .flat_map(|i| format!("{{\"text\": \"record {i}\"}}\n\n").into_bytes())
        .collect()
}

fn array(n: usize) -> Vec<u8> {
    let records: Vec<String> = (0..n).map(|i| format!("{{\"text\":\"a {i}\"}}")).collect();
    format!("[{}]", records.join(",")).into_bytes()
}

/// Defect 6: records past the cap are neither parsed nor held, and give one rejection.
#[test]
fn records_past_the_cap_give_one_rejection() {
    let capped = ReadOptions {
        max_records: Some(2),
        ..ReadOptions::default()
    };
    let cases: &[NamedCase] = &[
        (
            "JSON lines: blank lines are not records",
            "a.jsonl",
            lines(5),
            &["line 1", "line 3"],
            &["line 5: 3 more records skipped (this one and 2 after it) … --max-records"],
        ),
        (
            "JSON lines in a .json file",
            "a.json",
            lines(3),
            &["line 1", "line 3"],
            &["line 5: 1 more records skipped"],
        ),
        (
            "a JSON array is cut before its elements become values",
            "a.json",
            array(4),
            &["record 1", "record 2"],
            &["record 3: 2 more records skipped"],
        ),
        (
            "WARC responses",
            "a.warc",
            (1..=4).flat_map(|n| response(n, None)).collect(),
            &["warc record 1", "warc record 2"],
            &["warc record 3: 2 more records skipped"],
        ),
        (
            "at the cap exactly, nothing is said",
            "a.json",
            array(2),
            &["record 1", "record 2"],
            &[],
        ),
    ];
    for (why, name, bytes, raws, rejected) in cases {
        check(why, &read_bytes(name, bytes, &capped), raws, rejected);
    }
    let uncapped = ReadOptions {
        max_records: None,
        ..ReadOptions::default()
    };
    assert_eq!(read_bytes("a.jsonl", &lines(5), &uncapped).raws.len(), 5);
}

/// Defect 6: the amplifying file of the issue, scaled down to stay quick: tiny records in an
/// array well past the default cap.
#[test]
fn a_small_file_of_tiny_records_is_capped_by_default() {
    let n = DEFAULT_MAX_RECORDS + 50_000;
    let bytes: Vec<u8> = format!("[{}]", vec![r#"{"text":"a b"}"#; n].join(",")).into_bytes();
    assert!(bytes.len() < 3 << 20, "under the byte limit");
    let read = read_bytes("tiny.json", &bytes, &ReadOptions::default());
    assert_eq!(read.raws.len(), DEFAULT_MAX_RECORDS);
    assert_eq!(read.rejected.len(), 1, "one rejection, not one per record");
    assert_eq!(
        read.rejected[0].record.as_deref(),
        Some(format!("record {}", DEFAULT_MAX_RECORDS + 1).as_str())
    );
    assert!(
        read.rejected[0]
            .reason
            .starts_with("50000 more records skipped")
    );
}

/// Defect 5: one damaged WARC record is rejected by its number and the rest are read.
#[test]
fn warc_resynchronises_after_a_damaged_record() {
    let crawl = |lengths: [Option<String>; 3]| -> Vec<u8> {
        lengths
            .iter()
            .enumerate()
            .flat_map(|(i, length)| response(i + 1, length.as_deref()))
            .collect()
    };
    let options = ReadOptions::with_max_bytes(1 << 20);
    let cases: Vec<Case> = vec![
        (
            "a negative Content-Length",
            crawl([None, Some("-5".into()), None]),
            &["warc record 1", "warc record 3"],
            &["warc record 2: corrupt WARC: the record header has no valid Content-Length (\"-5\""],
        ),
        (
            "a Content-Length that is not a number",
            crawl([None, Some("lots".into()), None]),
            &["warc record 1", "warc record 3"],
            &["warc record 2: corrupt WARC: the record header has no valid Content-Length"],
        ),
        (
            "a short Content-Length: the record is rejected, never kept truncated",
            crawl([Some(length(1, -10)), None, None]),
            &["warc record 2", "warc record 3"],
            &["warc record 1: corrupt WARC: its Content-Length of"],
        ),
        (
            "a long Content-Length that swallows the start of the next record",
            crawl([Some(length(1, 40)), None, None]),
            &["warc record 2", "warc record 3"],
            &["warc record 1: corrupt WARC: its Content-Length of"],
        ),
        (
            "a Content-Length past the end of the file, under the limit",
            crawl([None, Some(length(2, 5000)), None]),
            &["warc record 1", "warc record 3"],
            &["warc record 2: corrupt WARC: its Content-Length of … runs past the end"],
        ),
        (
            "a huge Content-Length, over the limit and past the end",
            crawl([None, Some("99999999999999".into()), None]),
            &["warc record 1", "warc record 3"],
            &["warc record 2: corrupt WARC: its Content-Length of 99999999999999 bytes"],
        ),
    ];
    for (why, bytes, raws, rejected) in &cases {
        check(
            why,
            &read_bytes("crawl.warc", bytes, &options),
            raws,
            rejected,
        );
    }
}

/// Defect 5: a corrupt gzip member loses its own record only.
#[test]
fn warc_gz_resynchronises_after_a_corrupt_member() {
    let members: Vec<Vec<u8>> = (1..=3).map(|n| gzip(&response(n, None))).collect();
    let mut corrupt = members[1].clone();
    let middle = corrupt.len() / 2;
    corrupt[middle..middle + 8]
        .iter_mut()
        .for_each(|b| *b = !*b);
    // A member whose checksum alone is wrong inflates whole and fails only at its trailer,
    // after the reader has looked past the record for the next one.
    let mut bad_checksum = members[1].clone();
    let crc = bad_checksum.len() - 8;
    bad_checksum[crc] ^= 0xff;
    let options = ReadOptions::with_max_bytes(1 << 20);
    let cases: Vec<Case> = vec![
        (
            "a member whose checksum is wrong",
            [&members[0][..], &bad_checksum, &members[2]].concat(),
            &["warc record 1", "warc record 3"],
            &["warc record 2: corrupt gzip stream: gzip member 2"],
        ),
        (
            "a member corrupt in its middle",
            [&members[0][..], &corrupt, &members[2]].concat(),
            &["warc record 1", "warc record 3"],
            &["warc record 2: corrupt gzip stream: gzip member 2"],
        ),
        (
            "a member cut in half",
            [&members[0][..], &members[1][..middle], &members[2]].concat(),
            &["warc record 1", "warc record 3"],
            &["warc record 2: … gzip member 2"],
        ),
        (
            "garbage between members",
            [&members[0][..], b"garbage!", &members[1], &members[2]].concat(),
            &["warc record 1", "warc record 2", "warc record 3"],
            &[
                "after gzip member 1: corrupt gzip stream: gzip member 1: 8 bytes after it are not gzip",
            ],
        ),
    ];
    for (why, bytes, raws, rejected) in &cases {
        check(
            why,
            &read_bytes("crawl.warc.gz", bytes, &options),
            raws,
            rejected,
        );
    }
}

/// A member that inflates to more than its record and fails only at its checksum (made by
/// tests/adversarial/make.sh): what the reader looked at past the record was the damaged
/// member's, and record 3 must still be read from the next member.
#[test]
fn warc_gz_read_ahead_of_a_damaged_member_is_dropped() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/corrupt-member.warc.gz"
    );
    let bytes = std::fs::read(path).unwrap();
    check(
        "a member scrambled in its middle",
        &read_bytes(
            "crawl.warc.gz",
            &bytes,
            &ReadOptions::with_max_bytes(1 << 20),
        ),
        &["warc record 1", "warc record 3"],
        &["warc record 2: corrupt gzip stream: gzip member 2"],
    );
}

/// Defect 11: UTF-16 without a byte-order mark is text, not binary.
#[test]
fn utf16_without_a_bom_is_decoded() {
    let text = "Bridge collapses on Tuesday — café closed.";
    let little: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let big: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (why, bytes) in [("little-endian", little), ("big-endian", big)] {
        let read = read_bytes("a.txt", &bytes, &ReadOptions::default());
        assert_eq!(read.raws.len(), 1, "{why}: {:?}", read.rejected);
        assert_eq!(read.raws[0].body, RawBody::Text(text.into()), "{why}");
    }
}

/// Defect 11: a lone surrogate escape costs one character, not the file.
#[test]
fn a_lone_surrogate_becomes_a_replacement_character() {
    let cases: &[(&str, &str, &str, &[&str])] = &[
        (
            "a lone high surrogate in an array",
            "a.json",
            r#"[{"text": "bad \ud800 here"}, {"text": "fine"}]"#,
            &["bad \u{fffd} here", "fine"],
        ),
        (
            "a lone low surrogate in a line",
            "a.jsonl",
            "{\"text\": \"x\\udc00y\"}\n{\"text\": \"z\"}\n",
            &["x\u{fffd}y", "z"],
        ),
        (
            "a lone surrogate at the end of a string, in one object",
            "a.json",
            r#"{"text": "end\ud83d", "title": "pair \ud83d\ude00 kept"}"#,
            &["end\u{fffd}"],
        ),
        (
            "a pair is kept, an escaped backslash is no escape",
            "a.json",
            r#"[{"text": "\ud83d\ude00 \\ud800 \ud800"}]"#,
            &["\u{1f600} \\ud800 \u{fffd}"],
        ),
    ];
    for (why, name, json, bodies) in cases {
        let read = read_bytes(name, json.as_bytes(), &ReadOptions::default());
        assert!(read.rejected.is_empty(), "{why}: {:?}", read.rejected);
        let got: Vec<&str> = read
            .raws
            .iter()
            .map(|raw| match &raw.body {
                RawBody::Text(text) | RawBody::Html(text) => text.as_str(),
            })
            .collect();
        assert_eq!(got, *bodies, "{why}");
    }
}

fn relative(root: &Path, path: &str) -> String {
    Path::new(path)
        .strip_prefix(root)
        .map_or_else(|_| path.to_string(), |p| p.to_string_lossy().into_owned())
}

/// Defect 8: a linked folder is walked (once), a link cycle is rejected by its name.
#[test]
fn linked_folders_are_walked_once() {
    let temp = tempfile::tempdir().expect("temp folder");
    let root = temp.path().join("in");
    let outside = temp.path().join("outside");
    std::fs::create_dir_all(root.join("real")).expect("folder");
    std::fs::create_dir_all(&outside).expect("folder");
    std::fs::write(root.join("real/a.txt"), "A").expect("write");
    std::fs::write(outside.join("b.txt"), "B").expect("write");
    std::os::unix::fs::symlink(&outside, root.join("linked")).expect("link");
    std::os::unix::fs::symlink(&root, root.join("real/loop")).expect("link");
    std::os::unix::fs::symlink(root.join("real"), root.join("again")).expect("link");
    let (inputs, rejected) = expand(&[root.to_string_lossy().into_owned()]);
    let names: Vec<String> = inputs
        .iter()
        .map(|input| relative(&root, &input.name()))
        .collect();
    assert_eq!(names, ["linked/b.txt", "real/a.txt"]);
    let rejected: Vec<(String, &str)> = rejected
        .iter()
        .map(|r| (relative(&root, &r.path), r.reason.as_str()))
        .collect();
    assert_eq!(rejected.len(), 2, "{rejected:#?}");
    assert_eq!(rejected[0].0, "again");
    assert_eq!(rejected[1].0, "real/loop");
    for (_, reason) in &rejected {
        assert!(
            reason.starts_with("symbolic link to a folder already read"),
            "{reason}"
        );
    }
}

/// Defect 8: a FIFO is rejected at once, named or found in a folder; it is never opened.
#[test]
fn a_fifo_is_rejected_not_waited_on() {
    let temp = tempfile::tempdir().expect("temp folder");
    let fifo = temp.path().join("pipe.jsonl");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("mkfifo is not available; skipped");
        return;
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    let folder = temp.path().to_string_lossy().into_owned();
    let named = fifo.to_string_lossy().into_owned();
    std::thread::spawn(move || {
        let from_folder = expand(&[folder]).1;
        let (inputs, mut rejected) = expand(std::slice::from_ref(&named));
        let direct = read(&Input::File(named.into()), &ReadOptions::default());
        let read_inputs: Vec<Read> = inputs
            .iter()
            .map(|input| read(input, &ReadOptions::default()))
            .collect();
        rejected.extend(read_inputs.into_iter().flat_map(|r| r.rejected));
        let _ = sender.send((from_folder, rejected, direct.rejected));
    });
    let (from_folder, named, direct) = receiver
        .recv_timeout(Duration::from_secs(10))
        .expect("a FIFO must never be opened for a blocking read");
    for (why, rejected) in [
        ("in a folder", from_folder),
        ("named", named),
        ("read", direct),
    ] {
        assert_eq!(rejected.len(), 1, "{why}: {rejected:?}");
        assert!(rejected[0].path.ends_with("pipe.jsonl"), "{why}");
        assert!(
            rejected[0].reason.starts_with("not a regular file"),
            "{why}"
        );
    }
}

/// Defect 5, hostile form: records that each claim to run to the end of the file would make
/// resynchronising read the file again once per record. Reading back is budgeted (the stream's
/// length plus 64 MiB), so this stays linear and quick: the first records are each named, and
/// once the budget is spent the rest are lost into one damaged record, still named.
#[test]
fn resynchronising_is_linear_in_the_file() {
    let record = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 900000\r\n\r\nx\r\n\r\n";
    let crawl = record.repeat(5_000);
    let started = std::time::Instant::now();
    let read = read_bytes("crawl.warc", &crawl, &ReadOptions::with_max_bytes(1 << 20));
    assert!(read.raws.is_empty());
    let named: Vec<&str> = read
        .rejected
        .iter()
        .map(|r| r.record.as_deref().unwrap_or("-"))
        .collect();
    assert!(named.len() > 100, "{} named", named.len());
    assert_eq!(
        named[..3],
        ["warc record 1", "warc record 2", "warc record 3"]
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
}
