//! WARC archives: the HTML pages among a crawl's records.
//!
//! The reader streams: it holds one record at a time, so a crawl file may be far larger than
//! memory and the size limit applies to each record, not to the file. It parses the record
//! framing itself (a version line, `Name: value` headers, `Content-Length` bytes of block),
//! because that is all it needs and it must keep going, or stop cleanly, on archives that are
//! cut short; the `warc` crate buffers whole records and hides where a stream broke. Records
//! are numbered from 1 among all records, so `warc record 7` can be found with any WARC tool.
//! `response` records holding successful HTML become raws; `resource` records whose own
//! Content-Type is HTML too; every other record is skipped without a word.

use std::io::{self, BufRead, Read as _};

use newsfold_core::{Raw, RawBody, RawFields, Rejected};

use crate::decode::{Declared, decode, looks_binary};
use crate::http::{self, is_html_media_type};
use crate::problem::Problem;
use crate::{Read, ReadOptions};

/// The most bytes a record's header may take.
const MAX_HEADER: u64 = 64 * 1024;
/// How much of an oversized record is read to decide whether it is a page at all.
const HEAD_SAMPLE: u64 = 64 * 1024;

/// The headers of one record that the reader uses.
#[derive(Debug, Default)]
struct Header {
    kind: String,
    length: u64,
    target: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
}

/// Reads the pages of a WARC stream. `io_problem` says what a failed read means (for a gzip
/// stream, a truncated or corrupt member). A record that cannot be read ends the stream with
/// one rejection naming it; the pages before it are kept.
pub(crate) fn read_warc(
    path: &str,
    mut reader: impl BufRead,
    options: &ReadOptions,
    io_problem: fn(io::Error) -> Problem,
    sink: crate::reader::Sink<'_>,
) -> Read {
    let mut read = Read::default();
    let mut number = 0;
    loop {
        match skip_blank_lines(&mut reader) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                read.rejected
                    .push(rejection(path, number + 1, io_problem(error)));
                break;
            }
        }
        number += 1;
        match read_record(path, number, &mut reader, options, io_problem) {
            Ok(Some(Ok(raw))) => {
                read.raws.push(raw);
                if read.raws.len() == SINK_BATCH {
                    sink(std::mem::take(&mut read.raws));
                }
            }
            Ok(Some(Err(problem))) => read.rejected.push(rejection(path, number, problem)),
            Ok(None) => {}
            Err(problem) => {
                read.rejected.push(rejection(path, number, problem));
                break;
            }
        }
    }
    sink(std::mem::take(&mut read.raws));
    read
}

/// WARC records handed on together.
const SINK_BATCH: usize = 256;

/// One record: `Err` when the stream itself broke (nothing after it can be trusted),
/// `Ok(Some(Err))` when only this record is unusable, `Ok(None)` when it is not a page.
fn read_record(
    path: &str,
    number: usize,
    reader: &mut impl BufRead,
    options: &ReadOptions,
    io_problem: fn(io::Error) -> Problem,
) -> Result<Option<Result<Raw, Problem>>, Problem> {
    let header = read_header(reader, io_problem)?;
    let html_resource = header.kind == "resource"
        && header
            .content_type
            .as_deref()
            .is_some_and(is_html_media_type);
    let wanted = header.kind == "response" || html_resource;
    if !wanted {
        skip(reader, header.length, header.length, io_problem)?;
        return Ok(None);
    }
    if header.length > options.max_bytes {
        let sample = read_block(
            reader,
            header.length.min(HEAD_SAMPLE),
            header.length,
            io_problem,
        )?;
        skip(
            reader,
            header.length - sample.len() as u64,
            header.length,
            io_problem,
        )?;
        let is_page = html_resource || http::may_be_page(&sample);
        return Ok(is_page.then_some(Err(Problem::RecordTooLarge {
            size: header.length,
            limit: options.max_bytes,
        })));
    }
    let block = read_block(reader, header.length, header.length, io_problem)?;
    let (body, charset) = if html_resource {
        (block, None)
    } else {
        match http::page(&block, options.max_bytes) {
            Ok(Some(page)) => (page.body, page.charset),
            Ok(None) => return Ok(None),
            Err(problem) => return Ok(Some(Err(problem))),
        }
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    if looks_binary(&body) {
        return Ok(Some(Err(Problem::BinaryPage)));
    }
    let html = decode(&body, Declared::Transport(charset.as_deref()));
    Ok(Some(Ok(Raw {
        path: path.to_string(),
        record: Some(record_label(number)),
        index: number - 1,
        body: RawBody::Html(html),
        fields: RawFields {
            url: header.target,
            published: header.date,
            ..RawFields::default()
        },
    })))
}

/// Consumes the line breaks between records; false at the end of the stream.
fn skip_blank_lines(reader: &mut impl BufRead) -> io::Result<bool> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(false);
        }
        let blank = buffer
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let more = blank < buffer.len();
        reader.consume(blank);
        if more {
            return Ok(true);
        }
    }
}

/// The version line and named fields of a record, up to the blank line that ends them.
fn read_header(
    reader: &mut impl BufRead,
    io_problem: fn(io::Error) -> Problem,
) -> Result<Header, Problem> {
    let mut bytes = Vec::new();
    let mut lines = Vec::new();
    let mut remaining = MAX_HEADER;
    loop {
        bytes.clear();
        let n = reader
            .by_ref()
            .take(remaining)
            .read_until(b'\n', &mut bytes)
            .map_err(io_problem)?;
        remaining -= n as u64;
        if !bytes.ends_with(b"\n") {
            return Err(if remaining == 0 {
                Problem::CorruptWarc(format!("a record header is longer than {MAX_HEADER} bytes"))
            } else {
                Problem::TruncatedWarcHeader
            });
        }
        let line = String::from_utf8_lossy(&bytes)
            .trim_end_matches(['\r', '\n'])
            .to_string();
        if line.is_empty() {
            break;
        }
        lines.push(line);
    }
    let mut lines = lines.into_iter();
    let version = lines.next().unwrap_or_default();
    if !version.starts_with("WARC/") {
        return Err(Problem::CorruptWarc(format!(
            "expected a \"WARC/1.x\" version line, found {:?}",
            version.chars().take(40).collect::<String>()
        )));
    }
    let mut header = Header::default();
    let mut length = None;
    for line in lines {
        // Continuation lines (starting with white space) only extend values this reader ignores.
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "warc-type" => header.kind = value.to_ascii_lowercase(),
            "content-length" => length = value.parse::<u64>().ok(),
            "warc-target-uri" => {
                header.target = Some(
                    value
                        .trim_start_matches('<')
                        .trim_end_matches('>')
                        .to_string(),
                )
            }
            "warc-date" => header.date = Some(value.to_string()),
            "content-type" => header.content_type = Some(value.to_string()),
            _ => {}
        }
    }
    header.length = length.ok_or_else(|| {
        Problem::CorruptWarc("the record header has no valid Content-Length".to_string())
    })?;
    Ok(header)
}

/// The next `length` bytes of a block whose full length is `expected`; an early end is a
/// truncated archive.
fn read_block(
    reader: &mut impl BufRead,
    length: u64,
    expected: u64,
    io_problem: fn(io::Error) -> Problem,
) -> Result<Vec<u8>, Problem> {
    let mut block = Vec::new();
    reader
        .by_ref()
        .take(length)
        .read_to_end(&mut block)
        .map_err(io_problem)?;
    if (block.len() as u64) < length {
        return Err(Problem::TruncatedWarc {
            got: block.len() as u64,
            expected,
        });
    }
    Ok(block)
}

/// Skips the last `length` bytes of a block whose full length is `expected`.
fn skip(
    reader: &mut impl BufRead,
    length: u64,
    expected: u64,
    io_problem: fn(io::Error) -> Problem,
) -> Result<(), Problem> {
    let skipped =
        io::copy(&mut reader.by_ref().take(length), &mut io::sink()).map_err(io_problem)?;
    if skipped < length {
        return Err(Problem::TruncatedWarc {
            got: expected - length + skipped,
            expected,
        });
    }
    Ok(())
}

fn record_label(number: usize) -> String {
    format!("warc record {number}")
}

fn rejection(path: &str, number: usize, problem: Problem) -> Rejected {
    Rejected {
        path: path.to_string(),
        record: Some(record_label(number)),
        reason: problem.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use flate2::Compression;
    use flate2::write::GzEncoder;

    use super::*;

    fn record(kind: &str, extra: &str, block: &[u8]) -> Vec<u8> {
        let mut bytes = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\n{extra}Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        bytes.extend_from_slice(block);
        bytes.extend_from_slice(b"\r\n\r\n");
        bytes
    }

    fn page(url: &str, html: &str) -> Vec<u8> {
        let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
        record(
            "response",
            &format!("WARC-Target-URI: <{url}>\r\n"),
            block.as_bytes(),
        )
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).expect("in memory");
        encoder.finish().expect("in memory")
    }

    /// Reads `bytes` (as `crawl.warc` or `crawl.warc.gz`, by their magic) with a limit, and
    /// compares the records that became raws and the rejections (record, phrase).
    fn check(bytes: &[u8], limit: u64, raws: &[&str], rejected: &[(&str, &str)]) {
        let name = if crate::format::is_gzip(bytes) {
            "crawl.warc.gz"
        } else {
            "crawl.warc"
        };
        let read = crate::read_bytes(name, bytes, &ReadOptions { max_bytes: limit });
        let got: Vec<&str> = read
            .raws
            .iter()
            .filter_map(|raw| raw.record.as_deref())
            .collect();
        assert_eq!(got, raws, "raws; rejected: {:?}", read.rejected);
        let got: Vec<(&str, &str)> = read
            .rejected
            .iter()
            .map(|r| (r.record.as_deref().unwrap_or("-"), r.reason.as_str()))
            .collect();
        assert_eq!(got.len(), rejected.len(), "rejections: {got:?}");
        for ((record, reason), (want_record, phrase)) in got.iter().zip(rejected) {
            assert_eq!(record, want_record, "{reason}");
            assert!(
                reason.contains(phrase),
                "{reason:?} should contain {phrase:?}"
            );
        }
    }

    #[test]
    fn pages_and_skipped_records() {
        let crawl = [
            record("warcinfo", "", b"software: test"),
            record("request", "", b"GET / HTTP/1.1\r\n\r\n"),
            page("https://a.example/", "<p>a</p>"),
            record("metadata", "", b"outlinks: none"),
            record(
                "response",
                "",
                b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\0",
            ),
            record(
                "resource",
                "Content-Type: text/html\r\n",
                b"<p>stored page</p>",
            ),
            record("resource", "Content-Type: text/plain\r\n", b"not a page"),
            record(
                "response",
                "",
                b"HTTP/1.1 500 Oops\r\nContent-Type: text/html\r\n\r\n<p>x</p>",
            ),
        ]
        .concat();
        check(&crawl, 1 << 20, &["warc record 3", "warc record 6"], &[]);
    }

    #[test]
    fn fields_come_from_warc_headers() {
        let read = crate::read_bytes(
            "x.warc",
            &page("https://a.example/x", "<p>a</p>"),
            &ReadOptions::default(),
        );
        let raw = &read.raws[0];
        assert_eq!(
            raw.fields.url.as_deref(),
            Some("https://a.example/x"),
            "angle brackets go"
        );
        assert_eq!(raw.index, 0);
        assert_eq!(raw.body, RawBody::Html("<p>a</p>".into()));
    }

    #[test]
    fn gzip_members_and_plain_gzip() {
        let records = [
            page("https://a.example/", "<p>a</p>"),
            page("https://b.example/", "<p>b</p>"),
        ];
        let per_record: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
        check(
            &per_record,
            1 << 20,
            &["warc record 1", "warc record 2"],
            &[],
        );
        check(
            &gzip(&records.concat()),
            1 << 20,
            &["warc record 1", "warc record 2"],
            &[],
        );
    }

    #[test]
    fn broken_archives_keep_what_came_before() {
        let good = page("https://a.example/", "<p>a</p>");
        let second = page("https://b.example/", "<p>b</p>");
        let cut = [&good[..], &second[..second.len() - 20]].concat();
        check(
            &cut,
            1 << 20,
            &["warc record 1"],
            &[("warc record 2", "truncated WARC: the record ends after")],
        );

        let cut_header = [&good[..], b"WARC/1.0\r\nWARC-Type: resp"].concat();
        check(
            &cut_header,
            1 << 20,
            &["warc record 1"],
            &[("warc record 2", "inside a record header")],
        );

        let garbage = [&good[..], b"not a record\r\n\r\n"].concat();
        check(
            &garbage,
            1 << 20,
            &["warc record 1"],
            &[("warc record 2", "corrupt WARC: expected a \"WARC/1.x\"")],
        );

        let no_length = [&good[..], b"WARC/1.0\r\nWARC-Type: response\r\n\r\n"].concat();
        check(
            &no_length,
            1 << 20,
            &["warc record 1"],
            &[("warc record 2", "no valid Content-Length")],
        );

        let (first, last) = (gzip(&good), gzip(&second));
        let cut_member = [&first[..], &last[..last.len() / 2]].concat();
        check(
            &cut_member,
            1 << 20,
            &["warc record 1"],
            &[("warc record 2", "truncated gzip stream")],
        );

        // Only the gzip trailer is missing: record 2 is whole, the stream breaks after it.
        let cut_trailer = [&first[..], &last[..last.len() - 4]].concat();
        check(
            &cut_trailer,
            1 << 20,
            &["warc record 1", "warc record 2"],
            &[("warc record 3", "truncated gzip stream")],
        );
    }

    #[test]
    fn the_limit_is_per_record() {
        let small = page("https://a.example/", "<p>a</p>");
        let big = page("https://b.example/", &format!("<p>{}</p>", "b".repeat(500)));
        let big_image = record(
            "response",
            "",
            &[
                b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n".as_slice(),
                &[7u8; 500],
            ]
            .concat(),
        );
        let crawl = [small.clone(), big, big_image, small].concat();
        assert!(crawl.len() > 400, "the file is over the limit");
        check(
            &crawl,
            400,
            &["warc record 1", "warc record 4"],
            &[(
                "warc record 2",
                "record is 551 bytes, over the limit of 400 bytes",
            )],
        );
    }

    #[test]
    fn unreadable_responses_are_rejected_alone() {
        let crawl = [
            record(
                "response",
                "",
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx",
            ),
            page("https://a.example/", "<p>a</p>"),
        ]
        .concat();
        check(
            &crawl,
            1 << 20,
            &["warc record 2"],
            &[("warc record 1", "Content-Encoding br")],
        );
    }

    #[test]
    fn charset_from_the_response() {
        let block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n<p>caf\xe9</p>";
        let read = crate::read_bytes(
            "x.warc",
            &record("response", "", block),
            &ReadOptions::default(),
        );
        assert_eq!(read.raws[0].body, RawBody::Html("<p>café</p>".into()));
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n\
            <meta charset=\"koi8-r\"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>";
        let read = crate::read_bytes(
            "x.warc",
            &record("response", "", block),
            &ReadOptions::default(),
        );
        assert_eq!(
            read.raws[0].body,
            RawBody::Html("<meta charset=\"koi8-r\"><p>Привет</p>".into())
        );
    }
}
