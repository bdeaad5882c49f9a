//! Who copied whom: sketches, verified reuse relations, and origins.
//!
//! Three stages, each a plain function over articles so any runner (in-process today, a
//! dataflow engine tomorrow) can call them:
//!
//! 1. [`sketch`]: per article, the LSH band keys of a MinHash signature over word 5-gram
//!    shingles, and passage anchors (rare shingles); about half a kilobyte per article;
//! 2. [`detect`]: candidate pairs from the bands and the anchors ([`candidates`]), each verified
//!    by an alignment that does not depend on sentence order ([`compare`] on two full
//!    [`Fingerprint`]s, built only while a pair is compared), classified (`duplicate`, `copy`,
//!    `partial`, `quotes`) and directed;
//! 3. [`origins`]: articles grouped by the original reporting they go back to.
//!
//! No unverified candidate reaches the output: LSH only proposes, alignment decides.

mod align;
mod candidates;
mod compilation;
mod detect;
mod direction;
mod fingerprint;
mod origins;
mod provenance;
mod sketch;

pub use align::{Alignment, Index, align};
pub use candidates::{Candidate, Grouping, Lists, candidates};
pub use compilation::{COMPILATION, resolve_compilations};
pub use detect::detect;
pub use direction::{CONTAINMENT, UNDETERMINED, direct};
pub use fingerprint::{Fingerprint, SHINGLE, fingerprint};
pub use origins::origins;
pub use provenance::{TAKEN_SHARE, sentence_origins, taken};
pub use sketch::{BANDS, MINHASH_SIZE, Sketch, sketch};

use std::borrow::Cow;

use newsfold_core::{Article, Passage, Reuse, ReuseKind, Span};

/// Where [`detect`] and [`resolve_compilations`] read the cleaned texts of the articles they
/// compare, by the articles' positions. Articles carry their own texts (`[Article]` is a
/// `Texts`); a runner short of memory may keep them elsewhere, such as a temporary file, and
/// leave `Article::text` empty. Everything else (sentences, metadata) is read from the articles.
pub trait Texts: Sync {
    /// The cleaned text of article `i`.
    fn text(&self, i: usize) -> Cow<'_, str>;
    /// Its length in bytes.
    fn text_len(&self, i: usize) -> usize;
}

impl Texts for [Article] {
    fn text(&self, i: usize) -> Cow<'_, str> {
        Cow::Borrowed(&self[i].text)
    }

    fn text_len(&self, i: usize) -> usize {
        self[i].text.len()
    }
}

/// Thresholds that turn an alignment into a relation kind. Documented in ARCHITECTURE.md.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    /// Fewest aligned words for any relation to be reported.
    pub min_words: usize,
    /// Both sides at least this covered: `duplicate`.
    pub duplicate: f64,
    /// The copy at least this covered: `copy`; below, `partial`.
    pub copy: f64,
    /// ...and the source at least this covered, unless the copy is almost whole
    /// ([`Thresholds::whole_copy`]). An article built from several others (a roundup, a
    /// mixture) covers each of them only in part; without this, a copy of one of its sources
    /// would look like a copy of the roundup.
    pub copy_source: f64,
    /// A copy at least this covered is a `copy` however little of the source it takes.
    pub whole_copy: f64,
    /// A passage with at least this share of its words inside quotation marks is quotation.
    pub quote_share: f64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            min_words: 12,
            duplicate: 0.9,
            copy: 0.6,
            copy_source: 0.4,
            whole_copy: 0.9,
            quote_share: 0.7,
        }
    }
}

/// Compare two articles, the first with its fingerprint indexed: align them, and if they share
/// enough text, say which is the source (or that nothing tells: [`UNDETERMINED`]), what kind of
/// reuse it is, and which passages are shared, and give the share of the source's words that
/// the passages cover. `None` when they share nothing worth reporting.
pub fn compare(
    a: &Article,
    (fa, ia): (&Fingerprint, &Index),
    b: &Article,
    fb: &Fingerprint,
    thresholds: &Thresholds,
) -> Option<(Reuse, f64)> {
    let alignment = align(fa, ia, fb);
    if alignment.words_a < thresholds.min_words || alignment.words_b < thresholds.min_words {
        return None;
    }
    let (a_is_source, rule) = direct(a, b, &alignment, (fa, fb));
    let (source, copy, fs, fc, cov_source, cov_copy) = if a_is_source {
        (a, b, fa, fb, alignment.coverage_a, alignment.coverage_b)
    } else {
        (b, a, fb, fa, alignment.coverage_b, alignment.coverage_a)
    };
    let mut prose_words = 0;
    let mut passages: Vec<Passage> = alignment
        .chains
        .iter()
        .map(|c| {
            let (src, cp) = if a_is_source { (c.a, c.b) } else { (c.b, c.a) };
            let quote = is_quotation(fs, src, fc, cp, thresholds);
            if !quote {
                prose_words += c.len();
            }
            Passage {
                source: fs.span_of(src),
                copy: fc.span_of(cp),
                quote,
            }
        })
        .collect();
    passages.sort_by_key(|p| (p.copy, p.source));
    let kind = if prose_words < thresholds.min_words {
        ReuseKind::Quotes
    } else if cov_copy >= thresholds.duplicate && cov_source >= thresholds.duplicate {
        ReuseKind::Duplicate
    } else if cov_copy >= thresholds.copy
        && (cov_source >= thresholds.copy_source || cov_copy >= thresholds.whole_copy)
    {
        ReuseKind::Copy
    } else if rule == CONTAINMENT
        && cov_source >= direction::WHOLE
        && cov_copy >= thresholds.copy_source
    {
        // Held whole: a copy whichever way it ran. Containment only guesses the way (the
        // longer one added an opening: a wire update's new top; or the shorter one dropped it),
        // and either way the two are one story's text, unless the longer one holds little else
        // of it (a roundup's item) or holds other pieces too (`resolve_compilations`).
        ReuseKind::Copy
    } else {
        ReuseKind::Partial
    };
    // Shared quotations are a third party's words: only a credit ties one article to the other.
    let rule = if kind == ReuseKind::Quotes && rule != "credited wire" {
        UNDETERMINED
    } else {
        rule
    };
    let reuse = Reuse {
        source: source.id.clone(),
        copy: copy.id.clone(),
        kind,
        coverage: (cov_copy * 1000.0).round() / 1000.0,
        direction: rule.to_owned(),
        passages,
    };
    Some((reuse, cov_source))
}

/// True when a shared passage is quotation of a third party rather than copied prose: most of
/// the copy's words in it stand inside quotation marks, or a good part does and the two articles
/// share few words outside the quotation marks (an attribution such as "the minister said" is
/// written alike by everyone; copied prose around a quote is not).
fn is_quotation(
    fs: &Fingerprint,
    src: (usize, usize),
    fc: &Fingerprint,
    cp: (usize, usize),
    thresholds: &Thresholds,
) -> bool {
    let share = fc.quoted_share(cp);
    if share >= thresholds.quote_share {
        return true;
    }
    if share < 0.4 {
        return false;
    }
    static STOP: std::sync::LazyLock<std::collections::HashSet<u64>> =
        std::sync::LazyLock::new(|| {
            newsfold_text::STOP_WORDS
                .iter()
                .map(|w| newsfold_text::word_hash(w))
                .collect()
        });
    // Content words outside quotation marks.
    let outside =
        |f: &Fingerprint, (start, end): (usize, usize)| -> std::collections::BTreeSet<u64> {
            (start..end)
                .filter(|&w| !f.quoted[w])
                .map(|w| f.word_hashes[w])
                .filter(|h| !STOP.contains(h))
                .collect()
        };
    let (a, b) = (outside(fs, src), outside(fc, cp));
    let shared = a.intersection(&b).count();
    let union = a.len() + b.len() - shared;
    shared < ATTRIBUTION_WORDS || (union > 0 && (shared as f64) / (union as f64) < 0.5)
}

/// Fewer shared words than this outside quotation marks are an attribution, not copied prose.
const ATTRIBUTION_WORDS: usize = 8;

/// A span of `text` from the first to the last of a run of tokens.
pub(crate) fn token_span(tokens: &[Span], first: usize, end: usize) -> Span {
    Span {
        start: tokens[first].start,
        end: tokens[end - 1].end,
    }
}
