//! End to end: a folder holding one of every kind of input (good, odd and broken) is expanded
//! and read the way the engine does, and the exact articles and rejections are checked.
//!
//! The fixture is built in a temporary folder from Rust, so that encodings, gzip members and
//! truncations are exact bytes rather than whatever an editor saved.

use std::io::Write as _;
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;
use newsfold_core::{RawBody, RawFields, Rejected};
use newsfold_read::{Input, ReadOptions, expand, read, read_bytes};

/// Small enough that `big.txt` is over it, large enough for every other fixture.
const LIMIT: u64 = 2048;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("in memory");
    encoder.finish().expect("in memory")
}

/// One WARC record with the given type, extra headers and block.
fn warc_record(kind: &str, headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut record = format!("WARC/1.1\r\nWARC-Type: {kind}\r\n");
    for (name, value) in headers {
        record.push_str(&format!("{name}: {value}\r\n"));
    }
    record.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
    let mut record = record.into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

fn response(url: &str, status: &str, page: &str) -> Vec<u8> {
    let block =
        format!("HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
    warc_record(
        "response",
        &[
            ("WARC-Target-URI", url),
            ("WARC-Date", "2026-03-11T14:05:00Z"),
        ],
        block.as_bytes(),
    )
}

/// The records of a small crawl: an info record, a page, a request, and a page not found.
fn crawl_records() -> Vec<Vec<u8>> {
    vec![
        warc_record("warcinfo", &[], b"software: test\r\n"),
        response(
            "https://courier.example/bridge",
            "200 OK",
            "<html><body><p>Bridge collapses.</p></body></html>",
        ),
        warc_record(
            "request",
            &[("WARC-Target-URI", "https://courier.example/gone")],
            b"GET /gone HTTP/1.1\r\n\r\n",
        ),
        response(
            "https://courier.example/gone",
            "404 Not Found",
            "<html><body>gone</body></html>",
        ),
    ]
}

/// The crawl as crawlers write it: one gzip member per record.
fn crawl() -> Vec<u8> {
    crawl_records()
        .iter()
        .flat_map(|record| gzip(record))
        .collect()
}

/// Deterministic noise with NUL bytes in it.
fn noise() -> Vec<u8> {
    let mut state: u32 = 7;
    let mut bytes = vec![0u8];
    bytes.extend((0..600).map(|_| {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (state >> 16) as u8
    }));
    bytes
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    std::fs::write(path, bytes).expect("write fixture");
}

fn fixture(dir: &Path) {
    write(
        dir,
        "good.txt",
        b"Bridge collapses\n2026-03-11\n\nA bridge collapsed on Tuesday.\n",
    );
    write(
        dir,
        "latin1.txt",
        b"Le caf\xe9 de la gare est ferm\xe9 depuis l'\xe9t\xe9 dernier.\n",
    );
    write(
        dir,
        "page.html",
        b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head>\
          <body><p>Caf\xe9 \x93open\x94</p></body></html>",
    );
    write(
        dir,
        "feeds/feed.jsonl",
        concat!(
            r#"{"id": "a1", "title": "One", "published": "2026-03-11", "outlet": "Tribune","#,
            r#" "text": "First."}"#,
            "\n",
            r#"{"id": 2, "headline": "Two", "date": "2026-03-12", "source": {"name": "Daily"},"#,
            r#" "content": "<p>Second.</p>"}"#,
            "\n",
            "\n",
            r#"{"id": "a3", "text": "Third.""#,
            "\n",
            r#"{"id": "a4", "title": "No text"}"#,
            "\n",
        )
        .as_bytes(),
    );
    write(
        dir,
        "feeds/array.json",
        concat!(
            r#"[{"title": "A", "author": ["Ana", "Bo"], "body": "Alpha."},"#,
            r#" {"url": "https://x.example/b", "lang": "en", "article": "Beta."}]"#,
        )
        .as_bytes(),
    );
    write(
        dir,
        "feeds/broken.json",
        b"{\n  \"title\": \"Broken\",\n  \"text\": \n}\n",
    );
    write(dir, "story.txt.gz", &gzip(b"A compressed story.\n"));
    let whole = gzip(&b"A story that will be cut short. ".repeat(20));
    write(dir, "truncated.txt.gz", &whole[..whole.len() / 2]);
    write(dir, "empty.txt", b" \n\t\n");
    write(dir, "noise.txt", &noise());
    write(dir, "big.txt", &b"x".repeat(LIMIT as usize + 1));
    write(dir, "crawl.warc.gz", &crawl());
    write(dir, ".secret.txt", b"hidden files are not read");
    write(dir, ".hidden/inside.txt", b"hidden folders are not walked");
    write(dir, "notes.md", b"unknown extensions are not walked");
}

/// What one raw article should be: its file (relative to the fixture), record, body kind,
/// a phrase of its body, and its fields.
struct Expected {
    file: &'static str,
    record: Option<&'static str>,
    html: bool,
    contains: &'static str,
    fields: RawFields,
}

fn expected_raws() -> Vec<Expected> {
    let text = |file, contains| Expected {
        file,
        record: None,
        html: false,
        contains,
        fields: RawFields::default(),
    };
    vec![
        Expected {
            file: "crawl.warc.gz",
            record: Some("warc record 2"),
            html: true,
            contains: "<p>Bridge collapses.</p>",
            fields: RawFields {
                url: Some("https://courier.example/bridge".into()),
                published: Some("2026-03-11T14:05:00Z".into()),
                ..RawFields::default()
            },
        },
        Expected {
            file: "feeds/array.json",
            record: Some("record 1"),
            html: false,
            contains: "Alpha.",
            fields: RawFields {
                title: Some("A".into()),
                byline: Some("Ana, Bo".into()),
                ..RawFields::default()
            },
        },
        Expected {
            file: "feeds/array.json",
            record: Some("record 2"),
            html: false,
            contains: "Beta.",
            fields: RawFields {
                url: Some("https://x.example/b".into()),
                language: Some("en".into()),
                ..RawFields::default()
            },
        },
        Expected {
            file: "feeds/feed.jsonl",
            record: Some("line 1"),
            html: false,
            contains: "First.",
            fields: RawFields {
                id: Some("a1".into()),
                title: Some("One".into()),
                published: Some("2026-03-11".into()),
                outlet: Some("Tribune".into()),
                ..RawFields::default()
            },
        },
        Expected {
            file: "feeds/feed.jsonl",
            record: Some("line 2"),
            html: true,
            contains: "<p>Second.</p>",
            fields: RawFields {
                id: Some("2".into()),
                title: Some("Two".into()),
                published: Some("2026-03-12".into()),
                outlet: Some("Daily".into()),
                ..RawFields::default()
            },
        },
        text(
            "good.txt",
            "Bridge collapses\n2026-03-11\n\nA bridge collapsed on Tuesday.",
        ),
        text(
            "latin1.txt",
            "Le café de la gare est fermé depuis l'été dernier.",
        ),
        Expected {
            html: true,
            ..text("page.html", "<p>Café \u{201c}open\u{201d}</p>")
        },
        text("story.txt.gz", "A compressed story."),
    ]
}

/// What each rejection should be: file, record and a phrase of the reason.
fn expected_rejections() -> Vec<(&'static str, Option<&'static str>, &'static str)> {
    vec![
        (
            "big.txt",
            None,
            "file is 2049 bytes, over the limit of 2048 bytes; raise it with --max-file-size",
        ),
        ("empty.txt", None, "empty file"),
        (
            "feeds/broken.json",
            None,
            "malformed JSON at line 4, column 1",
        ),
        (
            "feeds/feed.jsonl",
            Some("line 4"),
            "malformed JSON at column",
        ),
        ("feeds/feed.jsonl", Some("line 5"), "no article text"),
        ("missing.txt", None, "no such file or folder"),
        (
            "noise.txt",
            None,
            "binary file (not text, HTML, JSON or WARC)",
        ),
        ("truncated.txt.gz", None, "truncated gzip stream"),
    ]
}

fn relative(dir: &Path, path: &str) -> String {
    Path::new(path)
        .strip_prefix(dir)
        .map_or_else(|_| path.to_string(), |p| p.to_string_lossy().into_owned())
}

#[test]
fn a_folder_of_every_kind_of_input() {
    let temp = tempfile::tempdir().expect("temp folder");
    let dir = temp.path();
    fixture(dir);
    let args = vec![
        dir.to_string_lossy().into_owned(),
        dir.join("missing.txt").to_string_lossy().into_owned(),
    ];

    let (inputs, mut rejected) = expand(&args);
    let names: Vec<String> = inputs
        .iter()
        .map(|input| relative(dir, &input.name()))
        .collect();
    assert_eq!(
        names,
        [
            "big.txt",
            "crawl.warc.gz",
            "empty.txt",
            "feeds/array.json",
            "feeds/broken.json",
            "feeds/feed.jsonl",
            "good.txt",
            "latin1.txt",
            "noise.txt",
            "page.html",
            "story.txt.gz",
            "truncated.txt.gz",
        ],
        "sorted, hidden entries and unknown extensions skipped"
    );

    let options = ReadOptions::with_max_bytes(LIMIT);
    let mut raws = Vec::new();
    for input in &inputs {
        let read = read(input, &options);
        raws.extend(read.raws);
        rejected.extend(read.rejected);
    }

    let expected = expected_raws();
    let got: Vec<(String, Option<String>)> = raws
        .iter()
        .map(|raw| (relative(dir, &raw.path), raw.record.clone()))
        .collect();
    let want: Vec<(String, Option<String>)> = expected
        .iter()
        .map(|e| (e.file.to_string(), e.record.map(str::to_string)))
        .collect();
    assert_eq!(got, want, "the raws, in order");
    for (raw, expected) in raws.iter().zip(&expected) {
        let label = format!("{} {:?}", expected.file, expected.record);
        let (html, body) = match &raw.body {
            RawBody::Text(body) => (false, body),
            RawBody::Html(body) => (true, body),
        };
        assert_eq!(html, expected.html, "{label}: body kind");
        assert!(body.contains(expected.contains), "{label}: body {body:?}");
        assert_eq!(raw.fields, expected.fields, "{label}: fields");
    }

    rejected.sort();
    let got: Vec<(String, Option<String>, String)> = rejected
        .iter()
        .map(|r: &Rejected| (relative(dir, &r.path), r.record.clone(), r.reason.clone()))
        .collect();
    let want = expected_rejections();
    assert_eq!(got.len(), want.len(), "rejections: {got:#?}");
    for ((path, record, reason), (want_path, want_record, phrase)) in got.iter().zip(&want) {
        assert_eq!(path, want_path, "{reason}");
        assert_eq!(record.as_deref(), *want_record, "{path}: {reason}");
        assert!(
            reason.contains(phrase),
            "{path}: {reason:?} should contain {phrase:?}"
        );
    }
}

/// Reads bytes as stdin would be read (no name to go by), and summarises the result.
fn check_sniffed(bytes: &[u8], kinds: &[&str], rejections: &[&str]) {
    let read = read_bytes("-", bytes, &ReadOptions::default());
    let got: Vec<&str> = read
        .raws
        .iter()
        .map(|raw| match raw.body {
            RawBody::Text(_) => "text",
            RawBody::Html(_) => "html",
        })
        .collect();
    assert_eq!(got, kinds, "{:?}", String::from_utf8_lossy(bytes));
    let reasons: Vec<&str> = read.rejected.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(reasons.len(), rejections.len(), "{reasons:?}");
    for (reason, phrase) in reasons.iter().zip(rejections) {
        assert!(
            reason.contains(phrase),
            "{reason:?} should contain {phrase:?}"
        );
    }
    assert!(read.raws.iter().all(|raw| raw.path == "-"));
    assert!(read.rejected.iter().all(|rejected| rejected.path == "-"));
}

#[test]
fn stdin_is_sniffed() {
    check_sniffed(b"Plain words.\n", &["text"], &[]);
    check_sniffed(
        b"<!DOCTYPE html><html><body><p>x</p></body></html>",
        &["html"],
        &[],
    );
    check_sniffed(br#"{"text": "one"}"#, &["text"], &[]);
    check_sniffed(
        b"{\"text\": \"one\"}\n{\"text\": \"two\"}\n",
        &["text", "text"],
        &[],
    );
    check_sniffed(
        br#"[{"text": "one"}, {"text": "<p>two</p>"}]"#,
        &["text", "html"],
        &[],
    );
    check_sniffed(&gzip(br#"{"text": "zipped"}"#), &["text"], &[]);
    check_sniffed(&crawl(), &["html"], &[]);
    check_sniffed(b"", &[], &["empty file"]);
}

#[test]
fn decompression_is_bounded() {
    let bomb = gzip(&vec![b'a'; 10_000]);
    let read = read_bytes("bomb.txt.gz", &bomb, &ReadOptions::with_max_bytes(1000));
    assert!(read.raws.is_empty());
    assert_eq!(read.rejected.len(), 1);
    assert_eq!(
        read.rejected[0].reason,
        "larger than the limit of 1000 bytes after decompression; raise it with --max-file-size"
    );
}

#[test]
fn a_named_file_is_read_whatever_its_extension() {
    let temp = tempfile::tempdir().expect("temp folder");
    let path = temp.path().join("notes.md");
    std::fs::write(&path, "Notes are text.").expect("write");
    let (inputs, rejected) = expand(&[path.to_string_lossy().into_owned(), "-".to_string()]);
    assert_eq!(inputs, [Input::File(path), Input::Stdin]);
    assert!(rejected.is_empty());
    let read = read(&inputs[0], &ReadOptions::default());
    assert_eq!(read.raws.len(), 1);
    assert_eq!(read.raws[0].body, RawBody::Text("Notes are text.".into()));
}

/// Every prefix and many corruptions of every kind of input: reading may reject, never panic.
#[test]
fn no_input_makes_it_panic() {
    let html =
        b"<html><head><meta charset=\"koi8-r\"></head><body><p>\xf0\xd2</p></body></html>".to_vec();
    let json =
        br#"[{"text": "a", "author": ["x", {"name": "y"}], "source": {"name": "z"}, "id": 1e400}]"#
            .to_vec();
    let samples: Vec<(&str, Vec<u8>)> = vec![
        ("crawl.warc.gz", crawl()),
        ("crawl.warc", crawl_records().concat()),
        ("page.html", html.clone()),
        ("page.html.gz", gzip(&html)),
        ("feed.json", json.clone()),
        ("feed.jsonl", json),
        ("-", crawl()),
    ];
    let mut state: u32 = 1;
    let mut next = move || {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (state >> 16) as usize
    };
    let options = ReadOptions::with_max_bytes(300);
    for (name, bytes) in &samples {
        for cut in 0..=bytes.len() {
            let _ = read_bytes(name, &bytes[..cut], &options);
        }
        for _ in 0..200 {
            let mut corrupt = bytes.clone();
            for _ in 0..1 + next() % 4 {
                let at = next() % corrupt.len();
                corrupt[at] = next() as u8;
            }
            let _ = read_bytes(name, &corrupt, &options);
        }
    }
}
