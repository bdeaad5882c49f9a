//! What the server's tests share: a server started in-process on a free loopback port (its
//! thread runs until the test binary ends) and one raw HTTP/1.1 exchange over a `TcpStream`,
//! so the tests see exactly what a client sees, headers and all.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc;
use std::time::Duration;

use axum::Router;
use newsfold_server::{Clock, Limits, router, router_with_clock, serve_router};

/// Limits small enough that a test of them takes seconds: 4 reads and 2 posts at once, 1 s for
/// headers, 2 s for a body, 3 s per request, 64 KiB bodies.
pub fn small_limits() -> Limits {
    Limits {
        body_bytes: 64 << 10,
        timeout: Duration::from_secs(3),
        concurrency: 4,
        writes: 2,
        connections: 1000,
        header_timeout: Duration::from_secs(1),
        body_timeout: Duration::from_secs(2),
        uri_bytes: 8 << 10,
    }
}

/// The newsfold router over a fresh, empty store, served with `limits`. The folder holding the
/// store is returned so it lives as long as the test.
pub fn start_store(limits: Limits) -> (SocketAddr, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = newsfold_store::Store::open(&dir.path().join("news.db")).expect("a store");
    let app = router(store, newsfold_engine::Options::default(), limits).expect("a router");
    (start(app, limits), dir)
}

/// The newsfold router over `store` (opened by the caller, who keeps its folder), with the
/// clock given, served with `limits`.
pub fn start_with(store: newsfold_store::Store, limits: Limits, clock: Clock) -> SocketAddr {
    let app = router_with_clock(store, newsfold_engine::Options::default(), limits, clock)
        .expect("a router");
    start(app, limits)
}

/// `app` served on a free loopback port; its address.
pub fn start(app: Router, limits: Limits) -> SocketAddr {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let loopback = SocketAddr::from(([127, 0, 0, 1], 0));
        serve_router(app, limits, loopback, move |bound| {
            let _ = sender.send(bound);
        })
    });
    receiver
        .recv_timeout(Duration::from_secs(10))
        .expect("the server starts")
}

/// One response as the client reads it.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    /// Header lines, names lowercased.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    /// The value of the header `name` (lowercase), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON; panics, naming the answer, when it is not.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {self:?}"))
    }
}

/// One request on a new connection (`Connection: close`), its answer read within 10 s.
pub fn request(addr: SocketAddr, method: &str, target: &str, kind: &str, body: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a read timeout");
    let head = format!(
        "{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
         Content-Type: {kind}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("send the head");
    stream.write_all(body).expect("send the body");
    read_answer(&mut stream)
}

/// `GET target`, the answer.
pub fn fetch(addr: SocketAddr, target: &str) -> Answer {
    request(addr, "GET", target, "text/plain", b"")
}

/// The answer on `stream`, read to its end.
pub fn read_answer(stream: &mut TcpStream) -> Answer {
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Answer {
        status,
        headers,
        body: body.to_owned(),
    }
}
