//! Why an input, or one record of it, could not be read.
//!
//! Readers never return `Err` to their caller: every problem becomes a
//! [`Rejected`](newsfold_core::Rejected) whose reason is this type's `Display`. Keeping the
//! sentences in one enum keeps them consistent (the same limit is always explained the same
//! way, always naming the flag that raises it) and lets tests match on a key phrase.

use std::io;

/// One reason to reject an input or a record. The `Display` text is the reason shown to the
/// user, so each variant says what is wrong and, where there is one, what to do about it.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Problem {
    #[error("no such file or folder")]
    NotFound,
    #[error("permission denied: newsfold may not read this {what}")]
    PermissionDenied { what: &'static str },
    #[error("cannot list this folder: {0}")]
    CannotList(io::Error),
    #[error("cannot read: {0}")]
    Io(io::Error),
    #[error("is a folder, not a file")]
    IsFolder,
    #[error(
        "no files to read in this folder (looked for .txt, .text, .html, .htm, .xhtml, .json, \
         .jsonl, .ndjson and .warc, optionally with .gz)"
    )]
    EmptyFolder,
    #[error("empty file")]
    Empty,
    #[error("binary file (not text, HTML, JSON or WARC)")]
    Binary,
    #[error("file is {size} bytes, over the limit of {limit} bytes; raise it with --max-file-size")]
    TooLarge { size: u64, limit: u64 },
    #[error("input is larger than the limit of {limit} bytes; raise it with --max-file-size")]
    TooLargeStream { limit: u64 },
    #[error(
        "larger than the limit of {limit} bytes after decompression; raise it with \
         --max-file-size"
    )]
    TooLargeDecompressed { limit: u64 },
    #[error("truncated gzip stream: {0} (the file was cut short; copy or download it again)")]
    TruncatedGzip(io::Error),
    #[error("corrupt gzip stream: {0}")]
    CorruptGzip(io::Error),
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    MalformedJson {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("malformed JSON at column {column}: {message}")]
    MalformedJsonLine { column: usize, message: String },
    #[error("not an article: expected a JSON object or an array of objects, found {found}")]
    NotAnArticleDocument { found: &'static str },
    #[error("not an article: expected a JSON object, found {found}")]
    NotAnObject { found: &'static str },
    #[error(
        "no article text: none of \"text\", \"content\", \"body\", \"article\" or \
         \"articleBody\" is a non-empty string"
    )]
    NoBody,
    #[error("no articles: the JSON array is empty")]
    EmptyArray,
    #[error("truncated WARC: the record ends after {got} of its {expected} bytes")]
    TruncatedWarc { got: u64, expected: u64 },
    #[error("truncated WARC: the stream ends inside a record header")]
    TruncatedWarcHeader,
    #[error("corrupt WARC: {0}")]
    CorruptWarc(String),
    #[error(
        "record is {size} bytes, over the limit of {limit} bytes; raise it with --max-file-size"
    )]
    RecordTooLarge { size: u64, limit: u64 },
    #[error(
        "{skipped} more records skipped (this one and {after} after it): the file holds more \
         than {limit} records; raise the limit with --max-records",
        after = skipped - 1
    )]
    TooManyRecords { skipped: u64, limit: usize },
    #[error("not a regular file (a pipe, socket or device is never read; pipe it into - instead)")]
    NotRegularFile,
    #[error(
        "symbolic link to a folder already read (as {0}): not walked again, so a link cycle \
         cannot make the walk loop"
    )]
    LinkLoop(String),
    #[error("binary page: its Content-Type says HTML but its body is not text")]
    BinaryPage,
    #[error("unreadable HTTP response in the record: {0}")]
    BadHttp(String),
    #[error("the page is compressed with Content-Encoding {0}, which newsfold cannot decode")]
    UnsupportedEncoding(String),
    #[error("the page's {encoding} body is corrupt: {error}")]
    CorruptEncodedBody { encoding: String, error: io::Error },
}

impl Problem {
    /// A problem opening or reading a file, told apart by what the user can do about it.
    pub(crate) fn from_io(error: io::Error, what: &'static str) -> Problem {
        match error.kind() {
            io::ErrorKind::NotFound => Problem::NotFound,
            io::ErrorKind::PermissionDenied => Problem::PermissionDenied { what },
            io::ErrorKind::IsADirectory => Problem::IsFolder,
            _ => Problem::Io(error),
        }
    }

    /// A problem met while decompressing gzip: an early end is a truncated stream, anything
    /// else a corrupt one.
    pub(crate) fn from_gzip(error: io::Error) -> Problem {
        match error.kind() {
            io::ErrorKind::UnexpectedEof => Problem::TruncatedGzip(error),
            _ => Problem::CorruptGzip(error),
        }
    }

    /// A serde_json error, with its position taken out of the message and put where the
    /// reason can say it plainly.
    pub(crate) fn from_json(error: &serde_json::Error, one_line: bool) -> Problem {
        let text = error.to_string();
        let position = format!(" at line {} column {}", error.line(), error.column());
        let message = text.strip_suffix(&position).unwrap_or(&text).to_string();
        if one_line {
            Problem::MalformedJsonLine {
                column: error.column(),
                message,
            }
        } else {
            Problem::MalformedJson {
                line: error.line(),
                column: error.column(),
                message,
            }
        }
    }
}
