//! hyper's own answers, made JSON: when a request cannot be parsed at all (request headers past
//! hyper's bounds: 431; a malformed request line or header: 400; a request target past 64 KiB:
//! 414), hyper answers by itself, before any route or layer sees a request, with an empty body
//! and none of the headers every other response carries. [`JsonAutomatic`] wraps each
//! connection's stream and rewrites such a response, as it is written, into the API's JSON
//! error with the security headers (issue 18: "431 is not JSON").
//!
//! Every response the router makes carries `content-security-policy` (`guard`), so a response
//! head without it is hyper's own. hyper writes its automatic answer as one head with no
//! body and then closes the connection; the stream is not vectored, so the head arrives in one
//! write.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use axum::http::StatusCode;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use crate::guard::CONTENT_SECURITY_POLICY;

/// A stream whose automatic error responses from hyper are rewritten as JSON errors.
pub(crate) struct JsonAutomatic<S> {
    inner: S,
    /// The rewritten response still to be written.
    pending: Vec<u8>,
    /// How many bytes of that response are written.
    written: usize,
    /// How many bytes of hyper's buffer the rewritten response stands for.
    replaces: usize,
}

impl<S> JsonAutomatic<S> {
    pub(crate) fn new(inner: S) -> JsonAutomatic<S> {
        JsonAutomatic {
            inner,
            pending: Vec::new(),
            written: 0,
            replaces: 0,
        }
    }
}

/// The JSON response for hyper's automatic answer at the start of `buf`, and the length of
/// that answer's head; `None` when `buf` does not start with one.
fn rewrite(buf: &[u8]) -> Option<(Vec<u8>, usize)> {
    let head_end = buf.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = std::str::from_utf8(&buf[..head_end]).ok()?;
    let status: u16 = head.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()?;
    let lower = head.to_ascii_lowercase();
    if !(400..600).contains(&status) || lower.contains("content-security-policy:") {
        return None;
    }
    let status = StatusCode::from_u16(status).ok()?;
    let reason = status.canonical_reason().unwrap_or("error");
    let body = crate::error_json(status, &reason.to_lowercase());
    let response = format!(
        "HTTP/1.1 {} {reason}\r\ncontent-type: application/json\r\n\
         content-security-policy: {CONTENT_SECURITY_POLICY}\r\n\
         x-content-type-options: nosniff\r\nreferrer-policy: no-referrer\r\n\
         connection: close\r\ncontent-length: {}\r\n\r\n{body}",
        status.as_u16(),
        body.len()
    );
    Some((response.into_bytes(), head_end))
}

impl<S: AsyncWrite + Unpin> JsonAutomatic<S> {
    /// Writes what is pending; ready when all of it is written.
    fn drive(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.written < self.pending.len() {
            let n =
                ready!(Pin::new(&mut self.inner).poll_write(cx, &self.pending[self.written..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            self.written += n;
        }
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for JsonAutomatic<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for JsonAutomatic<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        if this.pending.is_empty() {
            match rewrite(buf) {
                Some((response, replaces)) => {
                    this.pending = response;
                    this.written = 0;
                    this.replaces = replaces;
                }
                None => return Pin::new(&mut this.inner).poll_write(cx, buf),
            }
        }
        // hyper calls again with the same buffer until this is ready.
        ready!(this.drive(cx))?;
        let replaced = this.replaces;
        this.pending.clear();
        this.written = 0;
        Poll::Ready(Ok(replaced))
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drive(cx))?;
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drive(cx))?;
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn only_heads_without_the_security_policy_are_rewritten() {
        let hyper = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n\r\n";
        let (response, replaces) = rewrite(hyper).expect("rewritten");
        assert_eq!(replaces, hyper.len());
        let text = String::from_utf8(response).expect("text");
        assert!(text.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        assert!(text.ends_with(
            "{\"error\":{\"status\":431,\"message\":\"request header fields too large\"}}"
        ));
        let ours = b"HTTP/1.1 404 Not Found\r\ncontent-security-policy: x\r\n\r\n{}";
        assert!(rewrite(ours).is_none());
        assert!(rewrite(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n").is_none());
        assert!(rewrite(b"HTTP/1.1 431 partial head").is_none());
    }
}
