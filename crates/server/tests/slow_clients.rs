//! Issue 17, defect 3: slow clients on loopback cannot hold the server. Clients that trickle a
//! post's body or never finish their headers are let go within their timeouts, and while
//! they hold their connections a plain GET is still answered at once; a request queued for a
//! slot is answered 503 when its time is up instead of waiting for the slot.

mod common;

use std::io::Write;
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::get;
use common::{fetch, read_answer, small_limits, start, start_store};
use newsfold_server::protect;

/// A post that sends its headers and the first byte of a 1,000-byte body, then stalls.
fn trickling_post(addr: SocketAddr) -> TcpStream {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .write_all(
            b"POST /api/articles HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
              Content-Length: 1000\r\n\r\n[",
        )
        .expect("send");
    stream
}

/// A connection that sends part of a request's headers, then stalls.
fn unfinished_headers(addr: SocketAddr) -> TcpStream {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .write_all(b"GET /api/stories HTTP/1.1\r\nHost: localhost\r\n")
        .expect("send");
    stream
}

#[test]
fn trickled_bodies_and_unfinished_headers_do_not_hold_reads() {
    let limits = small_limits();
    let (addr, _dir) = start_store(limits);
    // Before issue 17 these held every request slot (more of them than the 4 read slots) and
    // the time limit, inside the slots, never freed a queued GET.
    let mut held: Vec<TcpStream> = (0..8).map(|_| trickling_post(addr)).collect();
    held.extend((0..50).map(|_| unfinished_headers(addr)));
    std::thread::sleep(Duration::from_millis(200));
    for target in ["/api/stories", "/", "/api/openapi.json"] {
        let start = Instant::now();
        let answer = fetch(addr, target);
        assert_eq!(answer.status, 200, "{target}: {answer:?}");
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{target} took {:?} beside slow clients",
            start.elapsed()
        );
    }
    drop(held);
}

#[test]
fn a_trickled_body_is_answered_408_within_the_body_timeout() {
    let limits = small_limits();
    let (addr, _dir) = start_store(limits);
    let mut stream = trickling_post(addr);
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a read timeout");
    let start = Instant::now();
    // One more byte a little later: a body that keeps trickling still has one deadline.
    std::thread::sleep(Duration::from_millis(500));
    let _ = stream.write_all(b"{");
    let answer = read_answer(&mut stream);
    assert_eq!(answer.status, 408, "{answer:?}");
    assert_eq!(answer.json()["error"]["status"], 408);
    let waited = start.elapsed();
    assert!(
        waited < limits.body_timeout + Duration::from_secs(2),
        "answered after {waited:?}"
    );
}

#[test]
fn unfinished_headers_are_dropped_after_the_header_timeout() {
    let limits = small_limits();
    let (addr, _dir) = start_store(limits);
    let mut stream = unfinished_headers(addr);
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a read timeout");
    let start = Instant::now();
    let answer = read_answer(&mut stream);
    let waited = start.elapsed();
    // Before issue 17 the read ran into the 10 s read timeout: the server never let go.
    assert!(
        waited < limits.header_timeout + Duration::from_secs(3),
        "the connection stayed open {waited:?} ({answer:?})"
    );
}

#[test]
fn connections_past_the_bound_wait_and_get_in() {
    let limits = newsfold_server::Limits {
        connections: 3,
        ..small_limits()
    };
    let (addr, _dir) = start_store(limits);
    let held: Vec<TcpStream> = (0..3).map(|_| unfinished_headers(addr)).collect();
    // The three places are taken; this client waits until the header timeout frees one.
    let start = Instant::now();
    let answer = fetch(addr, "/api/stories");
    assert_eq!(answer.status, 200, "{answer:?}");
    assert!(start.elapsed() < limits.header_timeout + Duration::from_secs(3));
    drop(held);
}

#[test]
fn a_request_queued_for_a_slot_is_answered_503_when_its_time_is_up() {
    let limits = small_limits();
    // One slot, held 30 s by the first request: the second waits for it, past its time limit.
    let routes = Router::new()
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(30)).await;
                "late"
            }),
        )
        .route_layer(tower::limit::GlobalConcurrencyLimitLayer::new(1));
    let addr = start(protect(routes, limits), limits);
    let first = std::thread::spawn(move || fetch(addr, "/slow"));
    std::thread::sleep(Duration::from_millis(200));
    let start_time = Instant::now();
    let second = fetch(addr, "/slow");
    assert_eq!(second.status, 503, "{second:?}");
    assert_eq!(second.json()["error"]["status"], 503);
    assert!(start_time.elapsed() < limits.timeout + Duration::from_secs(2));
    let first = first.join().expect("the first request");
    assert_eq!(first.status, 503, "{first:?}");
}
