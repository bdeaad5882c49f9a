//! What every response of the server goes through, whatever route made it: the time limit,
//! panics caught, errors as JSON and the security headers.
//!
//! [`harden`] is the outermost layer of the router, so it also sees what axum answers by
//! itself (405 from a method router, 400 from a path that is not UTF-8, 404 from the fallback)
//! and what the concurrency limits do: the time limit runs outside them, so a request still
//! queued for a slot when its time is up is answered 503 and leaves the queue. A handler that
//! panics is answered 500 and the server keeps serving: the panic is caught where its future
//! is polled, its slot is freed when the future is dropped. Any error response whose body is
//! not JSON is rewritten as `{"error": {"status", "message"}}`, the shape the OpenAPI document
//! declares; its other headers (`Allow` of a 405) are kept. Every response, pages and errors
//! alike, carries [`CONTENT_SECURITY_POLICY`], `X-Content-Type-Options: nosniff` and
//! `Referrer-Policy: no-referrer`.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::{ApiError, Limits};

/// The Content-Security-Policy of every response. Pages are made on the server and need no
/// script, so none may run (`default-src 'none'` covers scripts, images, frames, fonts,
/// connections); their only resource is their own `<style>` element, so styles are allowed
/// inline and from nowhere else; the list page's search form submits to the server itself;
/// no other site may frame them. Article links are navigations, which no directive restricts.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; \
     form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Longest error body read back to become the message of a JSON error (axum's own rejections
/// are one sentence); a longer one gives way to the status's reason phrase.
const ERROR_TEXT_BYTES: usize = 4096;

/// The outermost layer: URI bound, time limit, panics, JSON errors, security headers.
pub(crate) async fn harden(State(limits): State<Limits>, request: Request, next: Next) -> Response {
    let target = request
        .uri()
        .path_and_query()
        .map_or(0, |t| t.as_str().len());
    let response = if target > limits.uri_bytes {
        ApiError::UriTooLong(format!(
            "the request target is longer than {} bytes",
            limits.uri_bytes
        ))
        .into_response()
    } else {
        let run = CatchPanic(Box::pin(next.run(request)));
        match tokio::time::timeout(limits.timeout, run).await {
            Ok(Ok(response)) => as_json_error(response).await,
            // The panic's message went to stderr with the default hook; the client is told only
            // that it happened.
            Ok(Err(_)) => {
                ApiError::Internal("an internal error stopped this request".into()).into_response()
            }
            Err(_) => ApiError::Busy(format!(
                "the request was not answered within {} s; try again",
                limits.timeout.as_secs_f64()
            ))
            .into_response(),
        }
    };
    with_security_headers(response)
}

/// `response` with the security headers every response carries.
fn with_security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// An error response (4xx or 5xx) whose body is not JSON, rewritten as the API's JSON error
/// with the same status and headers; its text, if short, becomes the message.
async fn as_json_error(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = if body
        .size_hint()
        .upper()
        .is_some_and(|n| n <= ERROR_TEXT_BYTES as u64)
    {
        axum::body::to_bytes(body, ERROR_TEXT_BYTES)
            .await
            .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
            .unwrap_or_default()
    } else {
        String::new()
    };
    let message = if text.is_empty() {
        status.canonical_reason().unwrap_or("error").to_lowercase()
    } else {
        text
    };
    let json = crate::error_json(status, &message);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(json))
}

/// A future whose panic becomes an `Err`, so that one failing request is answered 500 instead
/// of closing its connection.
struct CatchPanic<F>(Pin<Box<F>>);

/// A panic caught by [`CatchPanic`].
struct Panicked;

impl<F: Future> Future for CatchPanic<F> {
    type Output = Result<F::Output, Panicked>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.0.as_mut();
        match catch_unwind(AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Err(_) => Poll::Ready(Err(Panicked)),
        }
    }
}
