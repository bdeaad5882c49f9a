//! The types every newsfold stage speaks, and the two small pieces they all share: a
//! union-find ([`UnionFind`]) and a hasher for integer keys ([`IntMap`]).
//!
//! A fold is built in stages (read, clean, fingerprint, reuse, origins, stories, align, brief,
//! render); each stage is a plain function from these types to these types. Keeping them in one
//! small crate with no I/O and no algorithms means a stage can be tested, replaced or run on a
//! distributed engine without dragging the others along. The serialised form of [`Fold`] is the
//! `fold.json` contract described in `docs/fold.schema.json`.
//!
//! Spans are byte offsets into an article's *cleaned* text ([`Article::text`]). No stage after
//! cleaning changes that text, so every citation can be highlighted where it came from.

mod article;
mod date;
mod fold;
mod id;
mod int_hash;
mod provenance;
mod span;
mod union_find;

pub use article::{
    Article, OUTLET_AS_NAMED, Provenance, Raw, RawBody, RawFields, Rejected, Removed,
};
pub use date::parse_day_number;
pub use fold::{
    Cited, Conflict, Dated, Figure, Fold, Framing, Origin, Passage, Quote, QuoteVariant, Reuse,
    ReuseKind, RunInfo, StageTiming, Story, Wording, count_origins,
};
pub use id::{short_hash, stable_hash};
pub use int_hash::{IntHasher, IntMap};
pub use provenance::{REPORTING_WORDS, SentenceOrigins, Taken};
pub use span::Span;
pub use union_find::UnionFind;
