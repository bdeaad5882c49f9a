//! The accept loop: connections taken from the listener, each served by hyper's HTTP/1.1 on a
//! task of its own, with the bounds that keep slow clients from holding the server.
//!
//! `axum::serve` gives hyper no timer, so a client that never finishes its request headers keeps
//! its connection (and file descriptor) forever; 1,100 of them made the server stop answering
//! (issue 17, defect 3). Here hyper gets tokio's timer and [`Limits::header_timeout`], which
//! also closes a kept-alive connection left idle that long, and at most
//! [`Limits::connections`] connections are open at once: when all are taken the loop stops
//! accepting, new clients wait in the kernel's backlog, and each held connection frees its
//! place within the header timeout unless it is sending a request. Request bodies and time per
//! request are bounded inside the router (`post_articles`, [`crate::guard`]). What hyper
//! answers by itself (a request it cannot parse) is made JSON on the way out
//! ([`crate::automatic`]).

use std::io::Write as _;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::Limits;
use crate::automatic::JsonAutomatic;

/// How long the loop waits after a failed accept before it tries again. Accept fails mostly
/// when the process is out of file descriptors; retrying at once would spin, and open
/// connections close within [`Limits::header_timeout`] when idle. A tenth of a second: short
/// beside that timeout (seconds), long enough that the loop does not spin.
const ACCEPT_RETRY: Duration = Duration::from_millis(100);

/// Serves `app` on `listener` until the process ends.
pub(crate) async fn accept_loop(listener: TcpListener, app: Router, limits: Limits) {
    let places = Arc::new(Semaphore::new(limits.connections.max(1)));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    loop {
        // The semaphore is never closed, so this waits only for a place.
        let Ok(place) = Arc::clone(&places).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(error) => {
                // Never eprintln!: it panics when stderr is closed.
                let _ = writeln!(
                    std::io::stderr(),
                    "newsfold serve: could not accept a connection: {error}"
                );
                tokio::time::sleep(ACCEPT_RETRY).await;
                continue;
            }
        };
        // Small answers go out at once rather than waiting for Nagle's delayed ACK.
        let _ = stream.set_nodelay(true);
        let connection = http.serve_connection(
            TokioIo::new(JsonAutomatic::new(stream)),
            TowerToHyperService::new(app.clone()),
        );
        tokio::spawn(async move {
            // A connection ends in an error when the client goes away or is too slow; either
            // way there is nothing to answer.
            let _ = connection.await;
            drop(place);
        });
    }
}
