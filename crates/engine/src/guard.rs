//! The per-document boundary: a panic while one document is worked on rejects that document,
//! never the run.
//!
//! Cleaning runs arbitrary input through many hand-written rules (and two HTML extractors we
//! do not own). A bug that one hostile page triggers must cost that page, named, with the
//! panic's message so it can be reported, while every other document is folded. The workspace
//! builds with `panic = "unwind"` (no profile sets `abort`), which `catch_unwind` needs.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use newsfold_core::Rejected;

/// Run `work` for the document at `path` (`record`), turning a panic into its rejection.
///
/// `AssertUnwindSafe` holds because `work` owns or only reads what it touches: a panic leaves
/// nothing half-changed that anyone reads afterwards.
pub(crate) fn per_document<T>(
    path: &str,
    record: Option<&str>,
    work: impl FnOnce() -> T,
) -> Result<T, Rejected> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|payload| Rejected {
        path: path.to_owned(),
        record: record.map(str::to_owned),
        reason: format!(
            "newsfold failed on this document: {}; please report it",
            message(payload.as_ref())
        ),
    })
}

/// The message a panic was raised with.
fn message(payload: &(dyn Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "a panic without a message"
    }
}

/// A path that makes cleaning panic in this crate's tests, to show the boundary holds.
#[cfg(test)]
pub(crate) const PANICS_IN_TESTS: &str = "panics-while-cleaning.txt";

/// Panic when `path` is [`PANICS_IN_TESTS`]: the fault a test injects. Nothing outside tests.
pub(crate) fn inject_fault(path: &str) {
    #[cfg(test)]
    if path.ends_with(PANICS_IN_TESTS) {
        panic!("injected fault for {path}");
    }
    #[cfg(not(test))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::per_document;

    #[test]
    fn a_panic_becomes_the_documents_rejection() {
        let rejected = per_document("feed.jsonl", Some("line 3"), || -> u8 {
            panic!("index 9 out of range")
        })
        .expect_err("the panic is caught");
        assert_eq!(rejected.path, "feed.jsonl");
        assert_eq!(rejected.record.as_deref(), Some("line 3"));
        assert_eq!(
            rejected.reason,
            "newsfold failed on this document: index 9 out of range; please report it"
        );
        assert_eq!(per_document("a.txt", None, || 7), Ok(7));
    }
}
