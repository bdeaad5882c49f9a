//! Main text and metadata out of an HTML page, through rs-trafilatura.
//!
//! rs-trafilatura (a Rust port of trafilatura, the strongest published extractor on news) finds
//! the article body and reads title, site name, date, author and language from `<meta>`,
//! OpenGraph and JSON-LD. This module is the only place that knows about it, so the extractor
//! can be measured against others and swapped without touching the rest of cleaning.

/// What a page gave.
#[derive(Debug, Default)]
pub struct Page {
    pub text: String,
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
    pub published: Option<String>,
    pub warnings: Vec<String>,
}

/// Extract the main text and metadata of `html`. Never fails: a page the extractor cannot read
/// gives an empty text and a warning.
pub fn extract(html: &str) -> Page {
    match rs_trafilatura::extract(html) {
        Ok(result) => {
            let m = result.metadata;
            Page {
                text: result.content_text,
                title: m.title,
                site_name: m.sitename,
                url: m.url,
                author: m.author,
                language: m.language,
                published: m.date.map(|d| d.format("%Y-%m-%d").to_string()),
                warnings: Vec::new(),
            }
        }
        Err(e) => Page {
            warnings: vec![format!("no main text found in the HTML: {e}")],
            ..Page::default()
        },
    }
}
