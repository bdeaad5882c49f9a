//! WARC archives: the HTML pages among a crawl's records.
//!
//! The reader streams: it holds one record at a time, so a crawl file may be far larger than
//! memory and the size limit applies to each record, not to the file. It parses the record
//! framing itself (a version line, `Name: value` headers, `Content-Length` bytes of block),
//! because that is all it needs and it must keep going, or stop cleanly, on archives that are
//! cut short; the `warc` crate buffers whole records and hides where a stream broke. Records
//! are numbered from 1 among all records, so `warc record 7` can be found with any WARC tool.
//! Framing is never trusted: a block must be followed by `\r\n\r\n` and the next record, so a
//! wrong, negative or huge Content-Length rejects its own record (never keeps it cut short) and
//! reading resumes at the next `WARC/1.` line; in a `.warc.gz`, a damaged gzip member is passed
//! over to the next member (`gzip.rs`).
//! `response` records holding successful HTML become raws; `resource` records whose own
//! Content-Type is HTML too; every other record is skipped without a word.

use std::io::{self, BufRead, Read as _};

use newsfold_core::{Raw, RawBody, RawFields, Rejected};

use crate::decode::{Declared, decode, looks_binary};
use crate::http::{self, is_html_media_type};
use crate::problem::Problem;
use crate::rewind::Rewind;
use crate::{Read, ReadOptions};

/// The most bytes a record's header may take.
const MAX_HEADER: u64 = 64 * 1024;
/// How much of an oversized record is read to decide whether it is a page at all.
const HEAD_SAMPLE: u64 = 64 * 1024;
/// How far past a block the reader looks to check that the next record starts there: the
/// `\r\n\r\n` that ends a record, a few more blank lines, and `WARC/`.
const TRAILER_PEEK: usize = 4 + 64 + 5;
/// The line that opens every record, after the line feed that ends the one before.
const VERSION_LINE: &[u8] = b"\nWARC/1.";

/// The headers of one record that the reader uses.
#[derive(Debug, Default)]
struct Header {
    kind: String,
    length: u64,
    target: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
}

/// What one record gave.
enum Outcome {
    Page(Box<Raw>),
    /// Not a page (or past the record cap): nothing to say.
    Skipped,
    /// A page that cannot be read, or a damaged record the reader has resynchronised after.
    Rejected(Problem),
}

/// Reads the pages of a WARC stream. `io_problem` says what a failed read means (for a gzip
/// stream, a truncated or corrupt member). A damaged record (its Content-Length missing,
/// wrong, or past the end; a corrupt gzip member) is rejected by its number, and reading goes
/// on at the next record: the next `WARC/1.` line, or the next gzip member. Only a stream that
/// fails outright ends early; the pages before it are kept.
pub(crate) fn read_warc(
    path: &str,
    reader: impl BufRead,
    options: &ReadOptions,
    io_problem: fn(io::Error) -> Problem,
    sink: crate::reader::Sink<'_>,
) -> Read {
    let mut reader = Rewind::new(reader);
    let mut read = Read::default();
    let mut number = 0;
    let mut pages = 0;
    let mut over_cap: Option<(usize, u64)> = None;
    loop {
        let outcome = match skip_blank_lines(&mut reader) {
            Ok(false) => break,
            Ok(true) => {
                number += 1;
                let capped = options.max_records.is_some_and(|cap| pages >= cap);
                read_record(path, number, &mut reader, options, capped)
            }
            Err(error) => {
                if let Some(member) = crate::gzip::between_members(&error) {
                    read.rejected.push(between(path, member, io_problem(error)));
                    continue;
                }
                number += 1;
                Err(error)
            }
        };
        match outcome {
            Ok((outcome, pending)) => {
                match outcome {
                    Outcome::Page(raw) => {
                        read.raws.push(*raw);
                        if read.raws.len() == SINK_BATCH {
                            sink(std::mem::take(&mut read.raws));
                        }
                    }
                    Outcome::Skipped => {}
                    Outcome::Rejected(problem) => {
                        read.rejected.push(rejection(path, number, problem))
                    }
                }
                if let Some(wanted) = pending.page {
                    if wanted.capped {
                        over_cap.get_or_insert((number, 0)).1 += 1;
                    } else {
                        pages += 1;
                    }
                }
                if let Some(error) = pending.error {
                    if let Some(member) = crate::gzip::between_members(&error) {
                        read.rejected.push(between(path, member, io_problem(error)));
                        continue;
                    }
                    read.rejected
                        .push(rejection(path, number + 1, io_problem(error)));
                    break;
                }
            }
            Err(error) => {
                let resumable = crate::gzip::is_damaged(&error);
                read.rejected
                    .push(rejection(path, number, io_problem(error)));
                if !resumable {
                    break;
                }
                // What was read ahead belongs to the damaged member (a corrupt member can
                // inflate to more than its record, and fail only at its checksum).
                reader.forget_unread();
            }
        }
    }
    if let (Some((first, skipped)), Some(limit)) = (over_cap, options.max_records) {
        let problem = Problem::TooManyRecords { skipped, limit };
        read.rejected.push(rejection(path, first, problem));
    }
    sink(std::mem::take(&mut read.raws));
    read
}

/// WARC records handed on together.
const SINK_BATCH: usize = 256;

/// What a record leaves for the loop besides its outcome.
#[derive(Default)]
struct After {
    /// Set for a page record (response, or HTML resource): whether it was past the cap.
    page: Option<Wanted>,
    /// A read that failed just after a whole record (a gzip trailer cut short): it belongs to
    /// the record that would have come next, and ends the stream.
    error: Option<io::Error>,
}

struct Wanted {
    capped: bool,
}

/// One record. `Err` when a read failed inside it (the loop rejects it, and reads on only
/// after a damaged gzip member); framing damage is handled here, by resynchronising.
fn read_record<R: BufRead>(
    path: &str,
    number: usize,
    reader: &mut Rewind<R>,
    options: &ReadOptions,
    capped: bool,
) -> io::Result<(Outcome, After)> {
    let header = match read_header(reader)? {
        Ok(header) => header,
        Err(problem) => {
            skip_to_next_record(reader)?;
            return Ok((Outcome::Rejected(problem), After::default()));
        }
    };
    let html_resource = header.kind == "resource"
        && header
            .content_type
            .as_deref()
            .is_some_and(is_html_media_type);
    let wanted = header.kind == "response" || html_resource;
    let mut after = After {
        page: wanted.then_some(Wanted { capped }),
        error: None,
    };
    let held = header.length <= options.max_bytes;
    let block = if held {
        read_held(reader, header.length)?
    } else {
        pass_over(reader, header.length, options.max_bytes)?
    };
    if let Err(problem) = block.check(reader, &mut after)? {
        after.page = None;
        return Ok((Outcome::Rejected(problem), after));
    }
    if !wanted || capped {
        return Ok((Outcome::Skipped, after));
    }
    if !held {
        let is_page = html_resource || http::may_be_page(&block.bytes);
        let outcome = match is_page {
            true => Outcome::Rejected(Problem::RecordTooLarge {
                size: header.length,
                limit: options.max_bytes,
            }),
            false => Outcome::Skipped,
        };
        return Ok((outcome, after));
    }
    Ok((
        page(path, number, header, block.bytes, html_resource, options),
        after,
    ))
}

/// A held page block as a raw, or why it is none.
fn page(
    path: &str,
    number: usize,
    header: Header,
    block: Vec<u8>,
    html_resource: bool,
    options: &ReadOptions,
) -> Outcome {
    let (body, charset) = if html_resource {
        (block, None)
    } else {
        match http::page(&block, options.max_bytes) {
            Ok(Some(page)) => (page.body, page.charset),
            Ok(None) => return Outcome::Skipped,
            Err(problem) => return Outcome::Rejected(problem),
        }
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return Outcome::Skipped;
    }
    if looks_binary(&body) {
        return Outcome::Rejected(Problem::BinaryPage);
    }
    let html = decode(&body, Declared::Transport(charset.as_deref()));
    Outcome::Page(Box::new(Raw {
        path: path.to_string(),
        record: Some(record_label(number)),
        index: number - 1,
        body: RawBody::Html(html),
        fields: RawFields {
            url: header.target,
            published: header.date,
            ..RawFields::default()
        },
    }))
}

/// A block as read: whole (`bytes` is the block) or passed over (`bytes` is its first
/// [`HEAD_SAMPLE`] bytes), with what is needed to resynchronise if it proves damaged.
struct Block {
    bytes: Vec<u8>,
    /// Bytes of the block actually there (fewer than declared when the stream ended).
    got: u64,
    declared: u64,
    /// For a passed-over block: its bytes from the first `WARC/1.` line inside it (at most
    /// the record limit), where reading resumes if the block proves damaged.
    resume: Option<Vec<u8>>,
    held: bool,
    /// A passed-over block with more than the record limit after a `WARC/1.` line in it.
    overflowed: bool,
}

impl Block {
    /// Checks that the block ends where its Content-Length says: that the stream did not end
    /// inside it, and that `\r\n\r\n` and the next record (or the end) follow. When not, puts
    /// the reader at the next record and says what was wrong.
    fn check<R: BufRead>(
        &self,
        reader: &mut Rewind<R>,
        after: &mut After,
    ) -> io::Result<Result<(), Problem>> {
        let ends_here = !self.overflowed
            && self.got == self.declared
            && match block_ends_here(reader) {
                Ok(ends_here) => ends_here,
                // The record is whole; the stream broke after it (a gzip trailer cut short, or
                // bytes that are not gzip after its member).
                Err(error)
                    if error.kind() == io::ErrorKind::UnexpectedEof
                        || crate::gzip::between_members(&error).is_some() =>
                {
                    after.error = Some(error);
                    true
                }
                Err(error) => return Err(error),
            };
        if ends_here {
            return Ok(Ok(()));
        }
        let found = match (&self.resume, self.held) {
            (_, true) => {
                reader.replay(&self.bytes);
                skip_to_next_record(reader)?
            }
            (Some(resume), false) if reader.replay(resume) => true,
            _ => skip_to_next_record(reader)?,
        };
        let declared = self.declared;
        Ok(Err(
            match (found, self.got < declared && !self.overflowed) {
                (false, true) => Problem::TruncatedWarc {
                    got: self.got,
                    expected: declared,
                },
                (true, true) => Problem::CorruptWarc(format!(
                    "its Content-Length of {declared} bytes runs past the end of the file; \
                 reading went on at the next record"
                )),
                (_, false) => Problem::CorruptWarc(format!(
                    "its Content-Length of {declared} bytes does not match the record (the block \
                 is not followed by the next record); the record was skipped and reading went \
                 on at the next one"
                )),
            },
        ))
    }
}

/// Reads a block of at most the record limit whole (fewer bytes when the stream ends).
fn read_held<R: BufRead>(reader: &mut Rewind<R>, length: u64) -> io::Result<Block> {
    let mut bytes = Vec::new();
    reader.by_ref().take(length).read_to_end(&mut bytes)?;
    Ok(Block {
        got: bytes.len() as u64,
        bytes,
        declared: length,
        resume: None,
        held: true,
        overflowed: false,
    })
}

/// Reads past a block over the record limit, keeping its first [`HEAD_SAMPLE`] bytes, and,
/// from the first `WARC/1.` line inside it, up to `limit` bytes to resume from should the
/// block prove damaged (a huge Content-Length that swallowed the records after it). When more
/// than `limit` bytes follow such a line, the block is taken to be damaged at once.
fn pass_over<R: BufRead>(reader: &mut Rewind<R>, length: u64, limit: u64) -> io::Result<Block> {
    let mut head = Vec::new();
    let mut resume: Option<Vec<u8>> = None;
    let mut matched = 0;
    let mut got = 0u64;
    while got < length {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        let n = chunk
            .len()
            .min(usize::try_from(length - got).unwrap_or(usize::MAX));
        let chunk = &chunk[..n];
        if (head.len() as u64) < HEAD_SAMPLE {
            let room = (HEAD_SAMPLE as usize - head.len()).min(n);
            head.extend_from_slice(&chunk[..room]);
        }
        let mut overflow = false;
        for &byte in chunk {
            if let Some(resume) = &mut resume {
                if resume.len() as u64 >= limit {
                    overflow = true;
                    break;
                }
                resume.push(byte);
                continue;
            }
            matched = next_match(matched, byte, VERSION_LINE);
            if matched == VERSION_LINE.len() {
                resume = Some(VERSION_LINE[1..].to_vec());
            }
        }
        reader.consume(n);
        got += n as u64;
        if overflow {
            // Not the block its Content-Length says: stop here and resume at that line.
            return Ok(Block {
                bytes: head,
                got,
                declared: length,
                resume,
                held: false,
                overflowed: true,
            });
        }
    }
    Ok(Block {
        bytes: head,
        got,
        declared: length,
        resume,
        held: false,
        overflowed: false,
    })
}

/// One step of matching `pattern` (whose first byte occurs nowhere else in it).
fn next_match(matched: usize, byte: u8, pattern: &[u8]) -> usize {
    if byte == pattern[matched] {
        matched + 1
    } else {
        usize::from(byte == pattern[0])
    }
}

/// True when the block ends where its Content-Length says: it is followed by `\r\n\r\n`, or
/// by a run of line breaks and then another record's version line, or by the end of the
/// stream. What follows `\r\n\r\n` when it is not a record is the next record's damage, and
/// is rejected under that record's number. Reads nothing away.
fn block_ends_here<R: BufRead>(reader: &mut Rewind<R>) -> io::Result<bool> {
    let next = reader.peek(TRAILER_PEEK)?;
    if next.starts_with(b"\r\n\r\n") {
        return Ok(true);
    }
    let breaks = next
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    let rest = &next[breaks..];
    let at_end = next.len() < TRAILER_PEEK;
    Ok(match rest.is_empty() {
        true => at_end || breaks == next.len(),
        false => {
            breaks >= 2 && (rest.starts_with(b"WARC/") || (at_end && b"WARC/".starts_with(rest)))
        }
    })
}

/// Consumes bytes up to the next line that starts `WARC/1.` (left unread) or the end of the
/// stream; true when one was found. The reader is taken to be at the start of a line.
fn skip_to_next_record<R: BufRead>(reader: &mut Rewind<R>) -> io::Result<bool> {
    let mut matched = 1;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(false);
        }
        let mut used = chunk.len();
        for (i, &byte) in chunk.iter().enumerate() {
            matched = next_match(matched, byte, VERSION_LINE);
            if matched == VERSION_LINE.len() {
                used = i + 1;
                break;
            }
        }
        reader.consume(used);
        if matched == VERSION_LINE.len() {
            reader.unread(&VERSION_LINE[1..]);
            return Ok(true);
        }
    }
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

/// The version line and named fields of a record, up to the blank line that ends them; the
/// inner `Err` when they are not a usable record header.
fn read_header(reader: &mut impl BufRead) -> io::Result<Result<Header, Problem>> {
    let mut bytes = Vec::new();
    let mut lines = Vec::new();
    let mut remaining = MAX_HEADER;
    loop {
        bytes.clear();
        let n = reader
            .by_ref()
            .take(remaining)
            .read_until(b'\n', &mut bytes)?;
        remaining -= n as u64;
        if !bytes.ends_with(b"\n") {
            return Ok(Err(if remaining == 0 {
                Problem::CorruptWarc(format!("a record header is longer than {MAX_HEADER} bytes"))
            } else {
                Problem::TruncatedWarcHeader
            }));
        }
        let line = String::from_utf8_lossy(&bytes)
            .trim_end_matches(['\r', '\n'])
            .to_string();
        if line.is_empty() {
            break;
        }
        lines.push(line);
        if lines.len() == 1 && !lines[0].starts_with("WARC/") {
            break;
        }
    }
    let mut lines = lines.into_iter();
    let version = lines.next().unwrap_or_default();
    if !version.starts_with("WARC/") {
        return Ok(Err(Problem::CorruptWarc(format!(
            "expected a \"WARC/1.x\" version line, found {:?}; reading went on at the next \
             record",
            version.chars().take(40).collect::<String>()
        ))));
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
            "content-length" => length = Some(value.to_string()),
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
    match length.as_deref().map(|value| (value, value.parse::<u64>())) {
        Some((_, Ok(length))) => header.length = length,
        Some((value, Err(_))) => {
            return Ok(Err(Problem::CorruptWarc(format!(
                "the record header has no valid Content-Length ({:?} is not a number of \
                 bytes); reading went on at the next record",
                value.chars().take(40).collect::<String>()
            ))));
        }
        None => {
            return Ok(Err(Problem::CorruptWarc(
                "the record header has no valid Content-Length; reading went on at the next \
                 record"
                    .to_string(),
            )));
        }
    }
    Ok(Ok(header))
}

fn record_label(number: usize) -> String {
    format!("warc record {number}")
}

/// Damage between two gzip members, named by the member before it.
fn between(path: &str, member: usize, problem: Problem) -> Rejected {
    Rejected {
        path: path.to_string(),
        record: Some(format!("after gzip member {member}")),
        reason: problem.to_string(),
    }
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
        let read = crate::read_bytes(name, bytes, &ReadOptions::with_max_bytes(limit));
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
