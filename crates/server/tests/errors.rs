//! Issue 17, defects 10 and 11, and issue 18: every error is the JSON the OpenAPI document
//! declares, with its status and, where the table says, a message naming what is wrong
//! (testdata/errors.toml); a handler that panics is answered 500 as JSON and the
//! server keeps serving; every response carries the Content-Security-Policy and `nosniff`.

mod common;

use axum::Router;
use axum::routing::get;
use common::{Answer, fetch, request, small_limits, start, start_store};
use newsfold_server::{CONTENT_SECURITY_POLICY, protect};
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    #[allow(dead_code)]
    why: String,
    method: String,
    target: String,
    content_type: Option<String>,
    body: Option<String>,
    status: u16,
    /// A part the message must hold, any case.
    message: Option<String>,
}

/// The answer is a JSON error with `status`, as the OpenAPI document's Error says.
fn assert_json_error(answer: &Answer, status: u16, name: &str) {
    assert_eq!(answer.status, status, "{name}: {answer:?}");
    assert_eq!(
        answer.header("content-type"),
        Some("application/json"),
        "{name}: {answer:?}"
    );
    let json = answer.json();
    assert_eq!(json["error"]["status"], status, "{name}: {json}");
    assert!(json["error"]["message"].is_string(), "{name}: {json}");
    assert_security_headers(answer, name);
}

fn assert_security_headers(answer: &Answer, name: &str) {
    assert_eq!(
        answer.header("content-security-policy"),
        Some(CONTENT_SECURITY_POLICY),
        "{name}"
    );
    assert_eq!(
        answer.header("x-content-type-options"),
        Some("nosniff"),
        "{name}"
    );
}

#[test]
fn every_error_is_json_with_its_status() {
    let cases: Cases = toml::from_str(include_str!("../testdata/errors.toml"))
        .expect("testdata/errors.toml parses");
    let (addr, _dir) = start_store(small_limits());
    for case in cases.case {
        let target = case.target.replace("LONG", &"q".repeat(9000));
        let body: Vec<u8> = match case.body.as_deref() {
            Some("LARGE") => vec![b' '; 100 << 10],
            Some("BINARY") => vec![0xff, 0xfe, 0x00, 0x80],
            Some(text) => text.as_bytes().to_vec(),
            None => Vec::new(),
        };
        let kind = case.content_type.as_deref().unwrap_or("text/plain");
        let answer = request(addr, &case.method, &target, kind, &body);
        assert_json_error(&answer, case.status, &case.name);
        if let Some(part) = &case.message {
            let message = answer.json()["error"]["message"]
                .as_str()
                .unwrap_or("")
                .to_lowercase();
            assert!(
                message.contains(&part.to_lowercase()),
                "{}: {message:?} lacks {part:?}",
                case.name
            );
        }
        if case.status == 405 {
            assert!(
                answer.header("allow").is_some(),
                "{}: {answer:?}",
                case.name
            );
        }
    }
}

/// A handler that fails as a bug would.
async fn boom() -> &'static str {
    panic!("a handler failed")
}

#[test]
fn a_panicking_handler_is_answered_500_and_the_server_keeps_serving() {
    let limits = small_limits();
    let routes = Router::new()
        .route("/boom", get(boom))
        .route("/ok", get(|| async { "fine" }));
    let addr = start(protect(routes, limits), limits);
    for _ in 0..3 {
        assert_json_error(&fetch(addr, "/boom"), 500, "panic");
        let ok = fetch(addr, "/ok");
        assert_eq!(ok.status, 200, "{ok:?}");
        assert_eq!(ok.body, "fine");
    }
}

#[test]
fn pages_and_answers_carry_the_security_headers() {
    let (addr, _dir) = start_store(small_limits());
    for target in ["/", "/api/stories", "/api/openapi.json"] {
        let answer = fetch(addr, target);
        assert_eq!(answer.status, 200, "{target}: {answer:?}");
        assert_security_headers(&answer, target);
        assert_eq!(answer.header("referrer-policy"), Some("no-referrer"));
    }
}

/// `head` sent raw on a new connection, the answer read to its end.
fn raw(addr: std::net::SocketAddr, head: &[u8]) -> Answer {
    use std::io::Write;
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .expect("a read timeout");
    // The server may answer and close before the whole head is sent.
    let _ = stream.write_all(head);
    common::read_answer(&mut stream)
}

#[test]
fn what_hyper_answers_by_itself_is_json_too() {
    let (addr, _dir) = start_store(small_limits());
    // More header fields than hyper takes (100): hyper's own 431, which had an empty body.
    let mut many = String::from("GET /api/stories HTTP/1.1\r\nHost: localhost\r\n");
    for k in 0..150 {
        many.push_str(&format!("X-Wire-{k}: AP, Reuters, AFP\r\n"));
    }
    many.push_str("Connection: close\r\n\r\n");
    assert_json_error(&raw(addr, many.as_bytes()), 431, "too many header fields");
    // One header past hyper's buffer (about 400 KiB).
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: localhost\r\nCookie: {}\r\n\r\n",
        "c".repeat(500 << 10)
    );
    assert_json_error(&raw(addr, huge.as_bytes()), 431, "a header past the buffer");
    // A request line hyper cannot parse: its own 400.
    assert_json_error(
        &raw(
            addr,
            b"GET /api stories HTTP/1.1\r\nHost: localhost\r\n\r\n",
        ),
        400,
        "a malformed request line",
    );
    // The server keeps serving.
    assert_eq!(fetch(addr, "/api/stories").status, 200);
}
