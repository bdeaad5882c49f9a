//! What a person or a program reads at the end of a run: `fold.json`, `brief.md` and
//! `report.html`, each made from a [`Fold`] and nothing else.
//!
//! Rendering is the last stage and the only one that turns article text into markup, so it is
//! where hostile input would do harm. Every string that comes from an article (titles, outlets,
//! text, URLs, paths, reasons) is escaped for the format it lands in; URLs become links only when
//! they are `http://` or `https://`; spans that do not fit the text are skipped rather than
//! trusted. Renderers never fail and never panic: a fold is data, whatever it holds. No article
//! can reorder the page's own words either: explicit bidi controls (U+202A-U+202E,
//! U+2066-U+2069) become U+FFFD, and a run with right-to-left letters or bidi marks is isolated
//! (U+2068 ... U+2069) where it shares a line with other text; the HTML report also declares a
//! Content-Security-Policy that lets nothing run or load.
//!
//! Pages name an input by its file name only ([`file_name`]), never by the folder it lay in;
//! `fold.json` keeps the path as given, for `--extend`. The story list's rows (the report's
//! index, `newsfold serve`'s list) come from one function, [`story_row_html`]: headline, lead
//! snippet, the first outlets by name and a source-mix bar (outlets against independent
//! origins, pure HTML and CSS with its text alternative).
//!
//! All three outputs are deterministic: the same fold gives the same bytes. Only the `run`
//! object of `fold.json` may differ between two runs on the same input, and the HTML report
//! shows nothing of it but the version in its footer.
//!
//! [`schema`] is the JSON Schema of `fold.json` (`docs/fold.schema.json`), so any crate's tests
//! can check real output against the published contract.

mod html;
mod markdown;
mod pages;
mod svg;
mod view;

pub use view::{
    LEAD_CHARS, OUTLETS_SHOWN, UNDETERMINED, ago, file_name, is_directed, is_web_url, lead,
    outlet_names, snippet, source_mix, unix_seconds, updated, url_encode,
};

use newsfold_core::Fold;

pub use html::{
    REPORT_POLICY, STORY_LIST_CSS, escape, escape_value, report_html, report_index_html,
    source_mix_html, story_html, story_html_linked, story_row_html,
};
pub use markdown::brief_markdown;
pub use pages::{
    ONE_PAGE_ARTICLES, ONE_PAGE_STORIES, STORY_PAGES, StoryParts, report_fits_one_page,
    story_page_name,
};

/// `fold.json`: the fold as pretty-printed JSON (2-space indent) with a trailing newline.
///
/// Fields appear in the order the core types declare them, so the `run` object (the only part
/// that may differ between two runs on the same input) comes last.
pub fn fold_json(fold: &Fold) -> String {
    match serde_json::to_string_pretty(fold) {
        Ok(mut json) => {
            json.push('\n');
            json
        }
        // A fold holds only strings, numbers, booleans, lists and structs, which serde_json
        // always serialises; this arm exists so that rendering can never panic.
        Err(error) => {
            let message = serde_json::Value::String(error.to_string());
            format!("{{\n  \"error\": {message}\n}}\n")
        }
    }
}

/// [`fold_json`] written to `out` as it is made, never held whole: the same bytes. At 100,000
/// articles fold.json is 1.5 GB, which a `String` would hold a second time beside the fold.
pub fn write_fold_json(fold: &Fold, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, fold).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// The parts of a fold that `newsfold fold --format jsonl` writes one file each of: the arrays
/// of fold.json, one element per line, in fold.json's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoldPart {
    /// `articles`: the cleaned articles.
    Articles,
    /// `stories`: the stories with their briefs.
    Stories,
    /// `reuse`: who copied whom.
    Reuse,
    /// `origins`: the articles of each piece of original reporting.
    Origins,
    /// `rejected`: the inputs that could not be read.
    Rejected,
}

impl FoldPart {
    /// Every part, in fold.json's order.
    pub const ALL: [FoldPart; 5] = [
        FoldPart::Articles,
        FoldPart::Stories,
        FoldPart::Reuse,
        FoldPart::Origins,
        FoldPart::Rejected,
    ];

    /// Its key in fold.json, and the name of its file (with `.jsonl` or `.parquet`).
    pub fn name(self) -> &'static str {
        match self {
            FoldPart::Articles => "articles",
            FoldPart::Stories => "stories",
            FoldPart::Reuse => "reuse",
            FoldPart::Origins => "origins",
            FoldPart::Rejected => "rejected",
        }
    }

    /// Its elements, each as fold.json holds it.
    pub fn values(
        self,
        fold: &Fold,
    ) -> Box<dyn Iterator<Item = serde_json::Result<serde_json::Value>> + '_> {
        fn each<T: serde::Serialize>(
            items: &[T],
        ) -> Box<dyn Iterator<Item = serde_json::Result<serde_json::Value>> + '_> {
            Box::new(items.iter().map(serde_json::to_value))
        }
        match self {
            FoldPart::Articles => each(&fold.articles),
            FoldPart::Stories => each(&fold.stories),
            FoldPart::Reuse => each(&fold.reuse),
            FoldPart::Origins => each(&fold.origins),
            FoldPart::Rejected => each(&fold.rejected),
        }
    }
}

/// One part of the fold as JSON lines: each element of that array of fold.json on a line of
/// its own, compact, in the same order, written as it is made.
pub fn write_fold_jsonl(
    fold: &Fold,
    part: FoldPart,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    fn lines<T: serde::Serialize>(
        items: &[T],
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        for item in items {
            serde_json::to_writer(&mut *out, item).map_err(std::io::Error::other)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
    match part {
        FoldPart::Articles => lines(&fold.articles, out),
        FoldPart::Stories => lines(&fold.stories, out),
        FoldPart::Reuse => lines(&fold.reuse, out),
        FoldPart::Origins => lines(&fold.origins, out),
        FoldPart::Rejected => lines(&fold.rejected, out),
    }
}

/// The JSON Schema (draft 2020-12) of `fold.json`: the text of `docs/fold.schema.json`.
///
/// Tests in other crates validate real output against it, so the published contract and the
/// serialised types cannot drift apart unnoticed.
pub fn schema() -> &'static str {
    include_str!("../../../docs/fold.schema.json")
}
