//! Main text and metadata out of an HTML page.
//!
//! A base extractor finds the article's element and reads the page's metadata (`<meta>`,
//! OpenGraph, JSON-LD); newsfold then turns the article HTML into text blocks itself
//! ([`crate::blocks`]), because paragraph structure and link density are what news cleaning
//! needs. Two bases are wired in, so they can be measured side by side on the same pages
//! (`newsfold-eval extraction`): dom_smoothie (a Readability port, fast) and rs-trafilatura (a
//! trafilatura port). This module is the only place that knows them.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::blocks::{Block, blocks};
use crate::depth::{MAX_DEPTH, bound_depth};

/// Which extractor finds the article element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Base {
    /// dom_smoothie, a port of Mozilla's Readability.
    #[default]
    DomSmoothie,
    /// rs-trafilatura, a port of trafilatura.
    RsTrafilatura,
}

/// What a page gave.
#[derive(Debug, Default)]
pub struct Page {
    /// The article's text blocks.
    pub blocks: Vec<Block>,
    /// `<title>`, `og:title` or the JSON-LD headline.
    pub title: Option<String>,
    /// The site's name.
    pub site_name: Option<String>,
    /// The canonical URL.
    pub url: Option<String>,
    /// The author.
    pub author: Option<String>,
    /// The declared language.
    pub language: Option<String>,
    /// The publication date or timestamp, as written.
    pub published: Option<String>,
    /// The last modification date or timestamp, as written.
    pub modified: Option<String>,
    /// What went wrong, for the article's warnings.
    pub warnings: Vec<String>,
}

/// Extract the main text and metadata of `html` with `base`. Never fails: a page the extractor
/// cannot read gives no blocks and a warning.
pub fn extract(html: &str, base: Base) -> Page {
    // Every parser below reads the page with its nesting bounded: html5ever's time grows with
    // the square of the depth, and the extractors walk the tree recursively.
    let bounded = bound_depth(html);
    let mut page = match base {
        Base::DomSmoothie => dom_smoothie_page(&bounded),
        Base::RsTrafilatura => rs_trafilatura_page(&bounded),
    };
    if let Cow::Owned(_) = bounded {
        page.warnings.push(format!(
            "markup nested deeper than {MAX_DEPTH} elements: the deeper part was flattened"
        ));
    }
    page.warnings.extend(markup_warning(html));
    if page.blocks.is_empty() && page.warnings.is_empty() {
        page.warnings
            .push("no article body found in the HTML".to_owned());
    }
    page
}

/// A warning when the markup is broken in a way that may have cost text: a page cut off before
/// its end, or a fragment with no document around it.
fn markup_warning(html: &str) -> Option<String> {
    let tail_start = html.len().saturating_sub(2048);
    let tail = html.get(tail_start..).unwrap_or(html).to_ascii_lowercase();
    let head = html
        .get(..html.len().min(4096))
        .unwrap_or(html)
        .to_ascii_lowercase();
    let opens_document = head.contains("<html") || head.contains("<body");
    if opens_document && !tail.contains("</html>") && !tail.contains("</body>") {
        return Some(
            "broken markup: the page ends before </body> or </html>, so it may be truncated"
                .to_owned(),
        );
    }
    if !opens_document {
        return Some("broken markup: no <html> or <body> element, read as a fragment".to_owned());
    }
    None
}

fn dom_smoothie_page(html: &str) -> Page {
    // Classes are kept so that the block walker can skip elements hidden by class.
    let config = dom_smoothie::Config {
        keep_classes: true,
        ..dom_smoothie::Config::default()
    };
    let parsed =
        dom_smoothie::Readability::new(html, None, Some(config)).and_then(|mut r| r.parse());
    match parsed {
        Ok(article) => Page {
            blocks: blocks(&article.content),
            title: Some(article.title).filter(|t| !t.trim().is_empty()),
            site_name: article.site_name,
            url: article.url.or_else(|| canonical_url(html)),
            author: article.byline,
            language: article.lang,
            published: article.published_time,
            modified: article.modified_time,
            warnings: Vec::new(),
        },
        Err(e) => Page {
            warnings: vec![format!("no main text found in the HTML: {e}")],
            ..Page::default()
        },
    }
}

fn rs_trafilatura_page(html: &str) -> Page {
    let options = rs_trafilatura::Options {
        page_type: Some(rs_trafilatura::page_type::PageType::Article),
        ..rs_trafilatura::Options::default()
    };
    match rs_trafilatura::extract_with_options(html, &options) {
        Ok(result) => {
            let m = result.metadata;
            let content = result
                .content_html
                .unwrap_or_else(|| escape_text(&result.content_text));
            Page {
                blocks: blocks(&content),
                title: m.title,
                site_name: m.sitename,
                url: m.url,
                author: m.author,
                language: m.language,
                published: m.date.map(|d| d.format("%Y-%m-%d").to_string()),
                modified: None,
                warnings: Vec::new(),
            }
        }
        Err(e) => Page {
            warnings: vec![format!("no main text found in the HTML: {e}")],
            ..Page::default()
        },
    }
}

/// The page's canonical URL: `<link rel="canonical">`, else `og:url`. Only absolute http(s) URLs
/// count; the search stops at the end of `<head>`.
fn canonical_url(html: &str) -> Option<String> {
    static LINK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?is)<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*>"#)
            .expect("valid regex")
    });
    static OG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?is)<meta\b[^>]*\bproperty\s*=\s*["']og:url["'][^>]*>"#)
            .expect("valid regex")
    });
    static HREF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?is)\b(?:href|content)\s*=\s*["']([^"']+)["']"#).expect("valid regex")
    });
    let head_end = html
        .find("</head>")
        .or_else(|| html.find("<body"))
        .unwrap_or(html.len().min(65_536));
    let head = &html[..head_end];
    [&*LINK, &*OG]
        .iter()
        .filter_map(|re| re.find(head))
        .filter_map(|tag| HREF.captures(tag.as_str()).map(|c| c[1].trim().to_owned()))
        .find(|url| url.starts_with("http://") || url.starts_with("https://"))
}

/// Plain text as HTML paragraphs, for an extractor that gave text only.
fn escape_text(text: &str) -> String {
    text.lines()
        .map(|l| {
            format!(
                "<p>{}</p>",
                l.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            )
        })
        .collect()
}
