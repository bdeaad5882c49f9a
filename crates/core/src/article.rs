//! Articles before and after cleaning, and inputs that could not become articles.
//!
//! A reader turns a file (or one record of it) into a [`Raw`]: a body that is still text or
//! HTML, plus whatever fields the container itself offered (a JSONL record's `title`, a WARC
//! record's URL). Cleaning turns a `Raw` into an [`Article`], whose `text` is final: every span
//! of every later stage points into it.

use serde::{Deserialize, Serialize};

use crate::Span;

/// The body of an input document, as the reader found it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "content", rename_all = "lowercase")]
pub enum RawBody {
    /// Plain text, already decoded to UTF-8 (header lines, datelines and boilerplate included).
    Text(String),
    /// An HTML page, already decoded to UTF-8.
    Html(String),
}

/// Fields a container offered beside the body (JSON keys, WARC headers). All optional; cleaning
/// prefers them to what it infers from the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawFields {
    /// The record's own id, kept as the article id.
    pub id: Option<String>,
    /// Title or headline.
    pub title: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Publication date or timestamp as written (normalised by cleaning).
    pub published: Option<String>,
    /// Outlet or source name.
    pub outlet: Option<String>,
    /// Byline or author.
    pub byline: Option<String>,
    /// Language code, when declared.
    pub language: Option<String>,
}

/// One input document, read but not yet cleaned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Raw {
    /// The file it came from, as the user named it (or `-` for stdin).
    pub path: String,
    /// Where in the file, for containers with many records: `line 4`, `record 2`.
    pub record: Option<String>,
    /// 0-based position of the record in its file, used to order records deterministically.
    pub index: usize,
    /// The body.
    pub body: RawBody,
    /// Fields offered by the container.
    pub fields: RawFields,
}

/// An input that could not be read as an article, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Rejected {
    /// The file, as the user named it.
    pub path: String,
    /// The line or record within the file, when only part of it was bad.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub record: Option<String>,
    /// A sentence a person can act on.
    pub reason: String,
}

/// A line that cleaning took out of the text, and why: kept so a reader can check the cleaner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// The line as it was.
    pub text: String,
    /// The rule that removed it: `header`, `credit`, `related-headline`, `read-more`,
    /// `share`, `disclaimer`, `dateline`.
    pub reason: String,
}

/// Where a metadata value came from, so a user can trust or override it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The article field: `title`, `published`, `url`, `outlet`, `dateline`, `credits`...
    pub field: String,
    /// Where it was found: `record field`, `header line`, `html meta`, `dateline`, `url host`...
    pub source: String,
}

/// A cleaned article: metadata plus the final text that every span points into.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: the record's own id, else the file name (made unique within the fold).
    pub id: String,
    /// The file it came from.
    pub path: String,
    /// The record within the file, for containers with many records.
    pub record: Option<String>,
    /// Title or headline.
    pub title: Option<String>,
    /// The outlet that published it.
    pub outlet: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Date of the last update, `YYYY-MM-DD`, when the article says it was updated. Never used
    /// as the publication date.
    pub updated: Option<String>,
    /// The dateline that opened the text (`BEIJING`, `June 16 (UPI)`), removed from `text`.
    pub dateline: Option<String>,
    /// Author line.
    pub byline: Option<String>,
    /// Agencies credited (`AFP`, `Bloomberg`), in order of appearance.
    pub credits: Vec<String>,
    /// ISO 639-1 language code, detected or declared.
    pub language: Option<String>,
    /// True when the article says it was republished from a syndicated feed.
    pub syndicated: bool,
    /// Cleaned text: NFC, paragraphs separated by a blank line, boilerplate removed.
    pub text: String,
    /// Sentence spans into `text`, in order.
    pub sentences: Vec<Span>,
    /// Where each metadata value came from.
    pub provenance: Vec<Provenance>,
    /// Lines cleaning removed.
    pub removed: Vec<Removed>,
    /// Things a user may want to know about how this article was read.
    pub warnings: Vec<String>,
    /// The sentences it took from other articles whose origin is not its own (set by a fold;
    /// every sentence not listed is the article's own origin's), by sentence index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taken: Vec<crate::Taken>,
}

/// The provenance field that keeps the outlet name an article gave when a fold renamed its
/// outlet to the name of its identity (one outlet however it is named); its `source` is that
/// name.
pub const OUTLET_AS_NAMED: &str = "outlet as named";

impl Article {
    /// The outlet as the article gave it, before a fold named it: the [`OUTLET_AS_NAMED`]
    /// provenance when the outlet was renamed, else the outlet. What recognises an article
    /// again (a fold's `--extend`, the store) compares this, since the name a fold gives an
    /// outlet can change as the fold grows.
    pub fn outlet_as_given(&self) -> Option<&str> {
        self.provenance
            .iter()
            .find(|p| p.field == OUTLET_AS_NAMED)
            .map(|p| p.source.as_str())
            .or(self.outlet.as_deref())
    }

    /// The text of sentence `i`.
    pub fn sentence(&self, i: usize) -> &str {
        self.sentences[i].slice(&self.text)
    }

    /// A short label for citations: the outlet, else the title, else the id.
    pub fn label(&self) -> &str {
        self.outlet
            .as_deref()
            .or(self.title.as_deref())
            .unwrap_or(&self.id)
    }
}
