//! From a byte stream to raws: peek, decompress, choose a format, bound the size, and hand
//! the bytes to the format's reader.
//!
//! Files, stdin and bytes already in memory all go through [`read_stream`], so they behave
//! the same. Only the first 64 KB are read before the format is known; a WARC archive is then
//! streamed record by record (its size limit is per record), while every other format is read
//! whole, up to the limit, because it is one article or one JSON document.

use std::io::{self, BufRead, BufReader, Cursor, Read as _};

use newsfold_core::{Raw, RawBody, Rejected};
use rayon::prelude::*;

use crate::decode::{Declared, decode, is_blank, looks_binary};
use crate::format::{Format, is_gzip};
use crate::gzip::Members;
use crate::problem::Problem;
use crate::warc::read_warc;
use crate::{Read, ReadOptions, json};

/// How much is read before deciding the format.
const PEEK: u64 = 64 * 1024;

/// Where the raws of a stream go as they are read: JSON-lines and WARC streams hand them over
/// a batch at a time, so that a large dump is never held whole.
pub(crate) type Sink<'a> = &'a mut dyn FnMut(Vec<Raw>);

/// Reads one input from `reader`. `name` is the path reported and the name the format is
/// decided from; `size` is the input's size when known (files), checked against the limit
/// before anything past the first bytes is read. Raws of JSON-lines and WARC streams go to
/// `sink` as they are read; those of other formats are in the returned [`Read`].
pub(crate) fn read_stream(
    name: &str,
    mut reader: impl io::Read,
    size: Option<u64>,
    options: &ReadOptions,
    sink: Sink<'_>,
) -> Read {
    let named = Format::from_name(name);
    let prefix = match read_prefix(&mut reader) {
        Ok(prefix) => prefix,
        Err(error) => return Read::rejected(name, None, Problem::from_io(error, "file")),
    };
    if is_gzip(&prefix) {
        let mut decoder = Members::new(BufReader::new(Cursor::new(prefix).chain(reader)));
        // A stream that breaks early still has a prefix worth sniffing, and WARC records
        // before the break worth reading: the error is kept for whoever reads on.
        let mut inner = Vec::new();
        let rest: Box<dyn io::Read> = match decoder.by_ref().take(PEEK).read_to_end(&mut inner) {
            Ok(_) => Box::new(decoder),
            Err(error) => Box::new(Failed(Some(error)).chain(decoder)),
        };
        let format = named.unwrap_or_else(|| Format::sniff(&inner));
        if format == Format::Warc {
            return warc(name, inner, rest, options, Problem::from_gzip, sink);
        }
        if named == Some(Format::JsonLines) {
            return json_lines(name, inner, rest, options, Problem::from_gzip, sink);
        }
        match read_rest(inner, rest, options.max_bytes) {
            Ok(Some(bytes)) => document(name, format, &bytes, options),
            Ok(None) => Read::rejected(
                name,
                None,
                Problem::TooLargeDecompressed {
                    limit: options.max_bytes,
                },
            ),
            Err(error) => Read::rejected(name, None, Problem::from_gzip(error)),
        }
    } else {
        let format = named.unwrap_or_else(|| Format::sniff(&prefix));
        if format == Format::Warc {
            return warc(name, prefix, reader, options, Problem::Io, sink);
        }
        if named == Some(Format::JsonLines) {
            return json_lines(
                name,
                prefix,
                reader,
                options,
                |e| Problem::from_io(e, "file"),
                sink,
            );
        }
        let limit = options.max_bytes;
        if let Some(size) = size
            && size > limit
        {
            return Read::rejected(name, None, Problem::TooLarge { size, limit });
        }
        match read_rest(prefix, reader, limit) {
            Ok(Some(bytes)) => document(name, format, &bytes, options),
            Ok(None) => Read::rejected(
                name,
                None,
                match size {
                    Some(size) => Problem::TooLarge { size, limit },
                    None => Problem::TooLargeStream { limit },
                },
            ),
            Err(error) => Read::rejected(name, None, Problem::from_io(error, "file")),
        }
    }
}

/// [`read_stream`] with every raw in the returned [`Read`].
pub(crate) fn collect(
    name: &str,
    reader: impl io::Read,
    size: Option<u64>,
    options: &ReadOptions,
) -> Read {
    let mut raws = Vec::new();
    let mut read = read_stream(name, reader, size, options, &mut |r| raws.extend(r));
    raws.append(&mut read.raws);
    read.raws = raws;
    read
}

/// Reads a JSON-lines stream whose first bytes were already peeked, one line at a time, so that
/// a dump of any size is read in bounded memory: the size limit applies to each line, as it
/// does to each WARC record, and a longer line is skipped without ever being held (see
/// [`next_line`]). Past [`ReadOptions::max_records`] lines are only counted.
fn json_lines(
    name: &str,
    prefix: Vec<u8>,
    rest: impl io::Read,
    options: &ReadOptions,
    io_problem: impl Fn(io::Error) -> Problem,
    sink: Sink<'_>,
) -> Read {
    let mut input = BufReader::new(Cursor::new(prefix).chain(rest));
    let mut read = Read::default();
    let mut line = Vec::new();
    let mut records = 0;
    let mut batch: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut batch_bytes = 0;
    let label = |index: usize| Some(format!("line {}", index + 1));
    for index in 0.. {
        if options.max_records.is_some_and(|cap| records >= cap) {
            if let Err(error) = skip_records(name, index, &mut input, options, &mut read) {
                read.rejected.push(rejection(name, None, io_problem(error)));
            }
            break;
        }
        match next_line(&mut input, options.max_bytes, &mut line) {
            Ok(Line::End) => break,
            Ok(Line::Kept) if line.iter().all(u8::is_ascii_whitespace) => continue,
            Ok(Line::Kept) => {}
            Ok(Line::TooLarge { size }) => {
                records += 1;
                let limit = options.max_bytes;
                let problem = Problem::RecordTooLarge { size, limit };
                read.rejected.push(rejection(name, label(index), problem));
                continue;
            }
            Err(error) => {
                read.rejected
                    .push(rejection(name, label(index), io_problem(error)));
                break;
            }
        }
        records += 1;
        batch_bytes += line.len();
        batch.push((index, std::mem::take(&mut line)));
        if batch_bytes >= BATCH_BYTES {
            parse_batch(name, &mut batch, &mut read, options);
            sink(std::mem::take(&mut read.raws));
            batch_bytes = 0;
        }
    }
    parse_batch(name, &mut batch, &mut read, options);
    sink(std::mem::take(&mut read.raws));
    if records == 0 && read.rejected.is_empty() {
        return Read::rejected(name, None, Problem::Empty);
    }
    read
}

/// What [`next_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// The stream has ended.
    End,
    /// The line, with its line feed if it had one, is in the buffer.
    Kept,
    /// The line was longer than the limit: it was read to its end but not kept.
    TooLarge {
        /// Its length in bytes, line feed included.
        size: u64,
    },
}

/// Reads the next line into `line` (cleared first), holding at most `limit` bytes of it. A
/// longer line is consumed to its end through the reader's own buffer (`skip_until`) and only
/// measured, so a 2 GB line costs no more memory than a short one.
pub(crate) fn next_line(
    input: &mut impl BufRead,
    limit: u64,
    line: &mut Vec<u8>,
) -> io::Result<Line> {
    line.clear();
    let read = input
        .by_ref()
        .take(limit.saturating_add(1))
        .read_until(b'\n', line)?;
    if read == 0 {
        return Ok(Line::End);
    }
    let within = line.len() as u64 <= limit || line.ends_with(b"\n");
    if within {
        return Ok(Line::Kept);
    }
    let held = line.len() as u64;
    line.clear();
    line.shrink_to(DEFAULT_LINE_CAPACITY);
    let rest = input.skip_until(b'\n')? as u64;
    Ok(Line::TooLarge { size: held + rest })
}

/// What a line buffer keeps after an oversized line was dropped from it.
const DEFAULT_LINE_CAPACITY: usize = 64 * 1024;

/// Counts the records (lines that are not empty) left in a JSON-lines stream after the cap,
/// without holding any of them, and adds one rejection naming the first skipped line.
fn skip_records(
    name: &str,
    first_index: usize,
    input: &mut impl BufRead,
    options: &ReadOptions,
    read: &mut Read,
) -> io::Result<()> {
    let mut first = None;
    let mut skipped = 0u64;
    let mut index = first_index;
    let mut text = false;
    let mut count = |index: usize, text: bool| {
        if text {
            first.get_or_insert(index);
            skipped += 1;
        }
    };
    let result = loop {
        let chunk = match input.fill_buf() {
            Ok([]) => break Ok(()),
            Ok(chunk) => chunk,
            Err(error) => break Err(error),
        };
        for &byte in chunk {
            if byte == b'\n' {
                count(index, text);
                index += 1;
                text = false;
            } else if !byte.is_ascii_whitespace() {
                text = true;
            }
        }
        let n = chunk.len();
        input.consume(n);
    };
    count(index, text);
    if let (Some(first), Some(limit)) = (first, options.max_records) {
        let label = Some(format!("line {}", first + 1));
        let problem = Problem::TooManyRecords { skipped, limit };
        read.rejected.push(rejection(name, label, problem));
    }
    result
}

fn rejection(path: &str, record: Option<String>, problem: Problem) -> Rejected {
    Rejected {
        path: path.to_owned(),
        record,
        reason: problem.to_string(),
    }
}

/// Lines of JSON parsed together, in parallel: about this many bytes of them.
const BATCH_BYTES: usize = 4 << 20;

/// Parse a batch of JSON lines (with their line indexes) in parallel, in order, into `read`.
fn parse_batch(
    name: &str,
    batch: &mut Vec<(usize, Vec<u8>)>,
    read: &mut Read,
    options: &ReadOptions,
) {
    let parsed: Vec<Read> = batch
        .par_drain(..)
        .map(|(index, line)| {
            let text = String::from_utf8_lossy(&line);
            crate::json::read_line(name, index, text.trim(), options.text_field.as_deref())
        })
        .collect();
    for one in parsed {
        read.raws.extend(one.raws);
        read.rejected.extend(one.rejected);
    }
}

/// Reads a WARC stream whose first bytes were already peeked.
fn warc(
    name: &str,
    prefix: Vec<u8>,
    rest: impl io::Read,
    options: &ReadOptions,
    io_problem: fn(io::Error) -> Problem,
    sink: Sink<'_>,
) -> Read {
    if is_blank(&prefix) {
        return Read::rejected(name, None, Problem::Empty);
    }
    read_warc(
        name,
        BufReader::new(Cursor::new(prefix).chain(rest)),
        options,
        io_problem,
        sink,
    )
}

/// One whole document, already decompressed: checked for emptiness and binary content, then
/// decoded and read by its format.
fn document(name: &str, format: Format, bytes: &[u8], options: &ReadOptions) -> Read {
    if is_blank(bytes) {
        return Read::rejected(name, None, Problem::Empty);
    }
    if looks_binary(bytes) {
        return Read::rejected(name, None, Problem::Binary);
    }
    let declared = match format {
        Format::Html => Declared::InDocument,
        _ => Declared::Nothing,
    };
    let text = decode(bytes, declared);
    if text.trim().is_empty() {
        return Read::rejected(name, None, Problem::Empty);
    }
    let whole = |body| {
        Read::raw(Raw {
            path: name.to_string(),
            record: None,
            index: 0,
            body,
            fields: Default::default(),
        })
    };
    match format {
        Format::Text => whole(RawBody::Text(text)),
        Format::Html => whole(RawBody::Html(text)),
        Format::Json => json::read_document(
            name,
            &text,
            options.max_records,
            options.text_field.as_deref(),
        ),
        Format::JsonLines => json::read_lines(
            name,
            &text,
            options.max_records,
            options.text_field.as_deref(),
        ),
        // Not reached (WARC is streamed before a document is read whole), but correct if it were.
        Format::Warc => {
            let mut raws = Vec::new();
            let mut read = read_warc(name, Cursor::new(bytes), options, Problem::Io, &mut |r| {
                raws.extend(r);
            });
            read.raws = raws;
            read
        }
    }
}

/// A reader that has already failed: it gives its error once, then ends.
struct Failed(Option<io::Error>);

impl io::Read for Failed {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        self.0.take().map_or(Ok(0), Err)
    }
}

/// Up to the first [`PEEK`] bytes.
fn read_prefix(reader: &mut impl io::Read) -> io::Result<Vec<u8>> {
    let mut prefix = Vec::new();
    reader.take(PEEK).read_to_end(&mut prefix)?;
    Ok(prefix)
}

/// The prefix and the rest of the stream, or `None` when together they exceed `limit` bytes.
fn read_rest(mut bytes: Vec<u8>, rest: impl io::Read, limit: u64) -> io::Result<Option<Vec<u8>>> {
    if bytes.len() as u64 > limit {
        return Ok(None);
    }
    rest.take(limit.saturating_add(1) - bytes.len() as u64)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use flate2::Compression;
    use flate2::write::GzEncoder;

    use super::*;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).expect("in memory");
        encoder.finish().expect("in memory")
    }

    /// Reads `bytes` as a stream named `name` (size known only when `sized`) under `limit`,
    /// and checks each result line (`text: body`, `html: body`, `rejected: reason`, with
    /// ` [record]` after the kind when there is one) contains the expected phrase.
    fn check(name: &str, bytes: &[u8], sized: bool, limit: u64, expected: &[&str]) {
        let size = sized.then_some(bytes.len() as u64);
        let read = collect(name, bytes, size, &ReadOptions::with_max_bytes(limit));
        let record = |record: &Option<String>| {
            record
                .as_ref()
                .map(|r| format!(" [{r}]"))
                .unwrap_or_default()
        };
        let mut got: Vec<String> = read
            .raws
            .iter()
            .map(|raw| match &raw.body {
                RawBody::Text(body) => format!("text{}: {body}", record(&raw.record)),
                RawBody::Html(body) => format!("html{}: {body}", record(&raw.record)),
            })
            .collect();
        got.extend(
            read.rejected
                .iter()
                .map(|r| format!("rejected{}: {}", record(&r.record), r.reason)),
        );
        assert_eq!(got.len(), expected.len(), "{name}: {got:#?}");
        for (line, phrase) in got.iter().zip(expected) {
            assert!(
                line.contains(phrase),
                "{name}: {line:?} should contain {phrase:?}"
            );
        }
    }

    #[test]
    fn gzip_streams() {
        check("a.txt.gz", &gzip(b"zipped"), true, 100, &["text: zipped"]);
        check(
            "a.gz",
            &gzip(b"<html><p>x</p></html>"),
            true,
            100,
            &["html: <html>"],
        );
        check(
            "a.txt.gz",
            &gzip(b" \n "),
            true,
            100,
            &["rejected: empty file"],
        );
        check(
            "a.txt.gz",
            &gzip(b"\0\x01\x02binary"),
            true,
            100,
            &["rejected: binary file"],
        );
        check(
            "a.txt.gz",
            b"\x1f\x8bnot gzip at all",
            true,
            100,
            &["rejected: corrupt gzip stream"],
        );
        let mut garbled = gzip(&b"some words ".repeat(50));
        let middle = garbled.len() / 2;
        garbled[middle..].iter_mut().for_each(|b| *b = !*b);
        check(
            "a.txt.gz",
            &garbled,
            true,
            10_000,
            &["rejected: corrupt gzip stream"],
        );
        check(
            "a.txt",
            &gzip(b"named .txt, but gzip"),
            true,
            100,
            &["text: named .txt, but gzip"],
        );
    }

    #[test]
    fn limits() {
        check("a.txt", b"12345", true, 5, &["text: 12345"]);
        check(
            "a.txt",
            b"123456",
            true,
            5,
            &["rejected: file is 6 bytes, over the limit of 5 bytes"],
        );
        check(
            "-",
            b"123456",
            false,
            5,
            &["rejected: input is larger than the limit of 5 bytes"],
        );
        let warc = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 45\r\n\r\n\
            HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\nx\r\n\r\n";
        check("crawl.dat", warc, true, 100, &["html [warc record 1]: x"]);
        check(
            "crawl.dat",
            &warc.repeat(3),
            true,
            100,
            &["html [warc", "html [warc", "html [warc"],
        );
    }

    #[test]
    fn encodings_and_formats() {
        check(
            "a.txt",
            b"\xFF\xFEc\0a\0f\0\xe9\0",
            true,
            100,
            &["text: café"],
        );
        check("a.txt", b"\xEF\xBB\xBFbom", true, 100, &["text: bom"]);
        check(
            "a.txt",
            b"{\"text\": \"a\"}",
            true,
            100,
            &["text: {\"text\""],
        );
        check(
            "a.json",
            b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n",
            true,
            100,
            &["text [line 1]: a", "text [line 2]: b"],
        );
        check(
            "a.jsonl",
            b"{\"text\": \"a\"}\n[1]\n",
            true,
            100,
            &[
                "text [line 1]: a",
                "rejected [line 2]: not an article: expected a JSON object, found an array",
            ],
        );
        check("-", b"{\"text\": \"caf\xe9\"}", false, 100, &["text: café"]);
    }
}
