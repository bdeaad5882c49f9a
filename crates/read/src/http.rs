//! The HTTP response stored in a WARC `response` record: is it a page worth reading, and what
//! are its decoded bytes?
//!
//! Crawlers store responses as they came off the wire, so the body may still be chunked or
//! gzip-compressed, and the head may say `HTTP/2`. Only successful (2xx) HTML responses are
//! pages; everything else (redirects, errors, images, scripts) is skipped without a word, since
//! a crawl is mostly such records and none of them is a user's mistake.

use std::io::Read as _;

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

use crate::decode::content_type_charset;
use crate::format::{Format, is_gzip};
use crate::problem::Problem;

/// A successful HTML response: its body with transfer and content encodings undone, and the
/// charset its `Content-Type` declared.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Page {
    pub(crate) body: Vec<u8>,
    pub(crate) charset: Option<String>,
}

/// The most header lines a response may have.
const MAX_HEADERS: usize = 256;

/// True for the media types read as HTML.
pub(crate) fn is_html_media_type(content_type: &str) -> bool {
    let media = content_type.split(';').next().unwrap_or("").trim();
    media.eq_ignore_ascii_case("text/html") || media.eq_ignore_ascii_case("application/xhtml+xml")
}

/// The parts of an HTTP response head this reader needs.
struct Head {
    status: u16,
    content_type: Option<String>,
    transfer_encoding: String,
    content_encoding: String,
    /// Where the body starts in the (possibly rewritten) block.
    length: usize,
}

/// What an HTTP response block holds: `Ok(None)` for a response that is not a successful HTML
/// page, an error when the response cannot be understood. `limit` bounds the decompressed body.
pub(crate) fn page(block: &[u8], limit: u64) -> Result<Option<Page>, Problem> {
    let block = with_http1_version(block);
    let head = head(&block)?;
    if !is_success(&head) {
        return Ok(None);
    }
    let body = &block[head.length..];
    let body = if head
        .transfer_encoding
        .to_ascii_lowercase()
        .contains("chunked")
    {
        dechunk(body).unwrap_or_else(|| body.to_vec())
    } else {
        body.to_vec()
    };
    let body = decompress(body, &head.content_encoding, limit)?;
    if head.content_type.is_none() && Format::sniff(&body) != Format::Html {
        return Ok(None);
    }
    let charset = head
        .content_type
        .as_deref()
        .and_then(content_type_charset)
        .map(str::to_string);
    Ok(Some(Page { body, charset }))
}

/// True when the start of a response block (head and perhaps part of the body) is a
/// successful response that is HTML, or that does not say and may be.
pub(crate) fn may_be_page(sample: &[u8]) -> bool {
    let sample = with_http1_version(sample);
    head(&sample).is_ok_and(|head| is_success(&head))
}

/// A 2xx response whose Content-Type is HTML or missing.
fn is_success(head: &Head) -> bool {
    (200..300).contains(&head.status) && head.content_type.as_deref().is_none_or(is_html_media_type)
}

fn head(block: &[u8]) -> Result<Head, Problem> {
    let mut headers = vec![httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    let length = match httparse::ParserConfig::default()
        .allow_spaces_after_header_name_in_responses(true)
        .allow_obsolete_multiline_headers_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .ignore_invalid_headers_in_responses(true)
        .parse_response(&mut response, block)
    {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) => {
            return Err(Problem::BadHttp("the HTTP head has no end".to_string()));
        }
        Err(error) => return Err(Problem::BadHttp(error.to_string())),
    };
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|header| header.name.eq_ignore_ascii_case(name))
            .map(|header| String::from_utf8_lossy(header.value).trim().to_string())
    };
    Ok(Head {
        status: response.code.unwrap_or(0),
        content_type: header("content-type"),
        transfer_encoding: header("transfer-encoding").unwrap_or_default(),
        content_encoding: header("content-encoding").unwrap_or_default(),
        length,
    })
}

/// The block with an `HTTP/2` or `HTTP/3` status line rewritten as `HTTP/1.1`, which is all
/// httparse reads; the rest of the head has the same shape.
fn with_http1_version(block: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if block.starts_with(b"HTTP/") && !block.starts_with(b"HTTP/1.") {
        let version_end = block.iter().position(|b| *b == b' ').unwrap_or(block.len());
        let mut rewritten = b"HTTP/1.1".to_vec();
        rewritten.extend_from_slice(&block[version_end..]);
        std::borrow::Cow::Owned(rewritten)
    } else {
        std::borrow::Cow::Borrowed(block)
    }
}

/// A chunked body joined back together; `None` when it does not parse as chunks at all (some
/// crawlers store the body de-chunked but keep the header). A body cut short keeps the
/// chunks that arrived.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let Ok(httparse::Status::Complete((consumed, size))) = httparse::parse_chunk_size(data)
        else {
            return (!out.is_empty()).then_some(out);
        };
        data = &data[consumed..];
        if size == 0 {
            return Some(out);
        }
        let size = usize::try_from(size).unwrap_or(usize::MAX).min(data.len());
        out.extend_from_slice(&data[..size]);
        data = &data[size..];
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))
            .unwrap_or(data);
        if data.is_empty() {
            return Some(out);
        }
    }
}

/// The body with its `Content-Encoding` undone, at most `limit` bytes of it.
fn decompress(body: Vec<u8>, encoding: &str, limit: u64) -> Result<Vec<u8>, Problem> {
    let encoding = encoding.trim().to_ascii_lowercase();
    let decoded = match encoding.as_str() {
        "" | "identity" | "none" => return Ok(body),
        // Some crawlers store the body decompressed but keep the header: trust the bytes.
        "gzip" | "x-gzip" if !is_gzip(&body) => return Ok(body),
        "gzip" | "x-gzip" => bounded(MultiGzDecoder::new(&body[..]), limit),
        "deflate" => match bounded(ZlibDecoder::new(&body[..]), limit) {
            Ok(decoded) => Ok(decoded),
            Err(_) => bounded(DeflateDecoder::new(&body[..]), limit),
        },
        other => return Err(Problem::UnsupportedEncoding(other.to_string())),
    };
    match decoded {
        Ok(Some(decoded)) => Ok(decoded),
        Ok(None) => Err(Problem::TooLargeDecompressed { limit }),
        Err(error) => Err(Problem::CorruptEncodedBody { encoding, error }),
    }
}

/// Everything `reader` yields, or `None` when that is more than `limit` bytes.
fn bounded(reader: impl std::io::Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut out = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut out)?;
    Ok((out.len() as u64 <= limit).then_some(out))
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    fn check(block: &[u8], expected: Option<(&str, Option<&str>)>) {
        let got = page(block, 1 << 20).expect("a readable response");
        let got = got.as_ref().map(|page| {
            (
                String::from_utf8_lossy(&page.body).into_owned(),
                page.charset.as_deref(),
            )
        });
        let expected = expected.map(|(body, charset)| (body.to_string(), charset));
        assert_eq!(got, expected, "{}", String::from_utf8_lossy(block));
    }

    #[test]
    fn responses() {
        check(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>hi</p>",
            Some(("<p>hi</p>", Some("utf-8"))),
        );
        check(
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>",
            None,
        );
        check(b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n", None);
        check(
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
            None,
        );
        check(
            b"HTTP/2 200\r\ncontent-type: application/xhtml+xml\r\n\r\n<html/>",
            Some(("<html/>", None)),
        );
        check(
            b"HTTP/1.0 200 OK\r\n\r\n<!doctype html><p>x</p>",
            Some(("<!doctype html><p>x</p>", None)),
        );
        check(b"HTTP/1.0 200 OK\r\n\r\nplain words", None);
        check(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n\
              4\r\n<p>a\r\n5\r\nb</p>\r\n0\r\n\r\n",
            Some(("<p>ab</p>", None)),
        );
    }

    #[test]
    fn compressed_bodies() {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(b"<p>zipped</p>").expect("in memory");
        let gzipped = encoder.finish().expect("in memory");
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        block.extend_from_slice(&gzipped);
        check(&block, Some(("<p>zipped</p>", None)));

        let brotli =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n\x0b\x02";
        let problem = page(brotli, 1 << 20).expect_err("brotli is not supported");
        assert!(
            problem.to_string().contains("Content-Encoding br"),
            "{problem}"
        );

        let problem = page(&block, 4).expect_err("over the limit");
        assert!(
            problem.to_string().contains("after decompression"),
            "{problem}"
        );
    }

    #[test]
    fn unreadable_head() {
        let problem = page(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n", 1 << 20)
            .expect_err("a head with no end");
        assert!(problem.to_string().contains("no end"), "{problem}");
        assert!(page(b"garbage\r\n\r\n", 1 << 20).is_err());
    }
}
