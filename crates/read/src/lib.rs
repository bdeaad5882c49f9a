//! newsfold's readers: the user's arguments in, raw articles and rejections out.
//!
//! [`expand`] turns arguments into [`Input`]s (stdin, files, folders walked into files);
//! [`read`] turns one input into [`Raw`] articles, one per file for text and HTML, one per
//! record for JSON, JSON lines and WARC. Nothing read is trusted, and reading never fails:
//! an input that cannot be read, or one bad record inside it, becomes a [`Rejected`] naming
//! the path, the record and a reason a person can act on, while the rest is still read.
//!
//! Architecture invariants: `read` touches nothing but its own input, so the engine may call
//! it on many inputs in parallel; nothing here cleans text or interprets metadata (fields are
//! kept as the container wrote them); every input is bounded by [`ReadOptions::max_bytes`]
//! (per record for WARC and JSON lines), after decompression too, and by
//! [`ReadOptions::max_records`] in records: what is over either limit is counted or measured
//! and discarded, never held.

mod decode;
mod format;
mod gzip;
mod http;
mod input;
mod json;
mod problem;
mod reader;
mod rewind;
mod warc;

use std::fs::{self, File};

use newsfold_core::{Raw, Rejected};

pub use input::{Input, expand};

use crate::format::Format;
use crate::problem::Problem;

/// The default largest input, or WARC record, read: 16 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// The default most records read from one file: 100,000.
///
/// Where it came from: a bulk dump of 100,000 articles in one JSON-lines file must still fold
/// by default, while a 14.6 MB JSON array of 700,000 tiny records (`{"text":"a b"}`), which
/// passes the byte limit, cost 3.4 GB in `newsfold fold` before there was a cap. Capped at this
/// value the same file folds beside `examples/` in well under 1 GB (README, "Limits").
pub const DEFAULT_MAX_RECORDS: usize = 100_000;

/// How inputs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The largest file read, in bytes, both as stored and after decompression. For WARC
    /// archives and JSON-lines files (named `.jsonl` or `.ndjson`) it bounds each record
    /// instead of the whole file, which is then read as a stream. Set by `--max-file-size`.
    pub max_bytes: u64,
    /// The most records (JSON-lines lines, JSON array elements, WARC pages) read from one
    /// file; `None` reads them all. Records past the cap are neither parsed nor held: they are
    /// counted, and the file gets one rejection naming the first one skipped and how many
    /// were. The rule: commands that hold every article at once (`fold`, `brief`, `add`,
    /// `serve`) keep the default, [`DEFAULT_MAX_RECORDS`], since a small file of tiny records
    /// would otherwise amplify into gigabytes; commands that stream their output (`extract`,
    /// `reuse`) read every record unless told otherwise. Set by `--max-records`.
    pub max_records: Option<usize>,
    /// The field of a JSON record that holds its text, for dumps that keep it under a name of
    /// their own (`--text-field`; a dotted path reaches into an object: `metadata.content`).
    /// `None` looks for the usual names (`text`, `content`, `body`, `maintext`, ...).
    pub text_field: Option<String>,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            max_records: Some(DEFAULT_MAX_RECORDS),
            text_field: None,
        }
    }
}

impl ReadOptions {
    /// Options with this byte limit and the default record cap.
    pub fn with_max_bytes(max_bytes: u64) -> ReadOptions {
        ReadOptions {
            max_bytes,
            ..ReadOptions::default()
        }
    }
}

/// What reading one input gave: the articles it holds and the parts that could not be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Read {
    /// The raw articles, in the order of the input.
    pub raws: Vec<Raw>,
    /// The input itself, or records of it, that could not be read.
    pub rejected: Vec<Rejected>,
}

impl Read {
    fn raw(raw: Raw) -> Read {
        Read {
            raws: vec![raw],
            rejected: Vec::new(),
        }
    }

    fn rejected(path: &str, record: Option<String>, problem: Problem) -> Read {
        let rejected = Rejected {
            path: path.to_string(),
            record,
            reason: problem.to_string(),
        };
        Read {
            raws: Vec::new(),
            rejected: vec![rejected],
        }
    }
}

/// Reads one input into raw articles. Never panics and never fails: every problem becomes a
/// [`Rejected`] naming the path (and the line or record). The format is decided by the
/// file's extension (after stripping `.gz`), or by sniffing its first bytes when the
/// extension says nothing; gzip is recognised by its magic bytes whatever the name.
pub fn read(input: &Input, options: &ReadOptions) -> Read {
    let mut raws = Vec::new();
    let mut read = read_each(input, options, &mut |batch| raws.extend(batch));
    read.raws = raws;
    read
}

/// Reads one input as [`read`] does, handing its raw articles to `each` a batch at a time, in
/// order, as they are read: a JSON-lines or WARC dump of any size is then never held whole. The
/// returned [`Read`] holds only the rejections.
pub fn read_each(input: &Input, options: &ReadOptions, each: &mut dyn FnMut(Vec<Raw>)) -> Read {
    let mut read = read_input(input, options, each);
    if !read.raws.is_empty() {
        each(std::mem::take(&mut read.raws));
    }
    read
}

/// [`read`] with a sink for streamed raws.
fn read_input(input: &Input, options: &ReadOptions, sink: reader::Sink<'_>) -> Read {
    let name = input.name();
    match input {
        Input::Stdin => reader::read_stream(&name, std::io::stdin().lock(), None, options, sink),
        Input::File(path) => {
            let metadata = match fs::metadata(path) {
                Ok(metadata) => metadata,
                Err(error) => return Read::rejected(&name, None, Problem::from_io(error, "file")),
            };
            if metadata.is_dir() {
                return Read::rejected(&name, None, Problem::IsFolder);
            }
            // A pipe, socket or device may block a read forever: only stdin is read as a stream.
            if !metadata.is_file() {
                return Read::rejected(&name, None, Problem::NotRegularFile);
            }
            let size = Some(metadata.len());
            if let Some(size) = size
                && size > options.max_bytes
                && Format::from_name(&name)
                    .is_some_and(|format| !matches!(format, Format::Warc | Format::JsonLines))
            {
                let limit = options.max_bytes;
                return Read::rejected(&name, None, Problem::TooLarge { size, limit });
            }
            match File::open(path) {
                Ok(file) => reader::read_stream(&name, file, size, options, sink),
                Err(error) => Read::rejected(&name, None, Problem::from_io(error, "file")),
            }
        }
    }
}

/// Reads a stream whose size is not known (a socket, a decompressor, a test's generator) as
/// [`read`] reads a file: `name` is the path reported and the name the format is decided from.
/// Memory stays bounded as for a file: whole documents by [`ReadOptions::max_bytes`], JSON
/// lines and WARC records each by it.
pub fn read_from(name: &str, reader: impl std::io::Read, options: &ReadOptions) -> Read {
    reader::collect(name, reader, None, options)
}

/// Reads bytes already in memory, as [`read`] reads a file: used for stdin and uploads.
/// `name` is both the path reported and the file name the format is decided from; `-` (or
/// any name without a known extension) makes the reader sniff the bytes.
pub fn read_bytes(name: &str, bytes: &[u8], options: &ReadOptions) -> Read {
    reader::collect(name, bytes, Some(bytes.len() as u64), options)
}
