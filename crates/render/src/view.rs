//! What the Markdown brief and the HTML report both need to know about a fold, worked out once:
//! articles by id, labels, the numbering of a story's articles, the reuse inside a story, and
//! the wording of counts, dates and shares.
//!
//! Nothing here escapes anything: these are plain strings, and each format escapes them where
//! they land. Nothing here trusts the fold either: an id that names no article is shown as the
//! id, a story may cite an article it does not list, a coverage may be NaN.

use std::collections::{BTreeMap, BTreeSet};

use newsfold_core::{Article, Cited, Fold, Reuse, Story};

/// A fold with its articles indexed by id.
pub(crate) struct View<'a> {
    /// The fold being rendered.
    pub fold: &'a Fold,
    articles: BTreeMap<&'a str, &'a Article>,
    origin_of: BTreeMap<&'a str, &'a str>,
}

impl<'a> View<'a> {
    /// Indexes `fold`. When two articles share an id, the first one wins.
    pub fn new(fold: &'a Fold) -> View<'a> {
        let mut articles = BTreeMap::new();
        for article in &fold.articles {
            articles.entry(article.id.as_str()).or_insert(article);
        }
        let mut origin_of = BTreeMap::new();
        for origin in &fold.origins {
            for id in &origin.articles {
                origin_of.entry(id.as_str()).or_insert(origin.id.as_str());
            }
        }
        View {
            fold,
            articles,
            origin_of,
        }
    }

    /// The article with this id, if the fold has one.
    pub fn article(&self, id: &str) -> Option<&'a Article> {
        self.articles.get(id).copied()
    }

    /// The id of the origin `id` belongs to, if any.
    pub fn origin_of(&self, id: &str) -> Option<&'a str> {
        self.origin_of.get(id).copied()
    }

    /// The citation label of an article id: outlet, else title, else the id itself.
    pub fn label<'s>(&self, id: &'s str) -> &'s str
    where
        'a: 's,
    {
        match self.article(id) {
            Some(article) => label(article),
            None => id,
        }
    }

    /// The reuse records whose source and copy both belong to `story`, in fold order.
    pub fn story_reuse(&self, story: &Story) -> Vec<&'a Reuse> {
        let members: BTreeSet<&str> = story.articles.iter().map(String::as_str).collect();
        self.fold
            .reuse
            .iter()
            .filter(|r| members.contains(r.source.as_str()) && members.contains(r.copy.as_str()))
            .collect()
    }
}

/// An article's citation label, like [`Article::label`] but skipping blank values.
pub(crate) fn label(article: &Article) -> &str {
    [article.outlet.as_deref(), article.title.as_deref()]
        .into_iter()
        .flatten()
        .find(|s| !s.trim().is_empty())
        .unwrap_or(&article.id)
}

/// The footnote numbers of one story: its articles in order, then any article its brief or facts
/// cite without listing it. Numbers start at 1.
pub(crate) struct Numbering<'a> {
    order: Vec<&'a str>,
    number: BTreeMap<&'a str, usize>,
}

impl<'a> Numbering<'a> {
    /// Numbers the articles of `story`.
    pub fn of(story: &'a Story) -> Numbering<'a> {
        let mut numbering = Numbering {
            order: Vec::new(),
            number: BTreeMap::new(),
        };
        let cited = story
            .brief
            .iter()
            .chain(&story.facts)
            .flat_map(|c| &c.sources);
        for id in story.articles.iter().chain(cited) {
            if !numbering.number.contains_key(id.as_str()) {
                numbering.order.push(id);
                numbering.number.insert(id, numbering.order.len());
            }
        }
        numbering
    }

    /// The ids in footnote order.
    pub fn ids(&self) -> &[&'a str] {
        &self.order
    }

    /// The footnote number of `id`, if the story numbers it.
    pub fn number(&self, id: &str) -> Option<usize> {
        self.number.get(id).copied()
    }
}

/// The story's headline, else its id.
pub(crate) fn headline(story: &Story) -> &str {
    story
        .headline
        .as_deref()
        .filter(|h| !h.trim().is_empty())
        .unwrap_or(&story.id)
}

/// `1 article`, `3 articles`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `1 independent origin`, `2 independent origins`.
pub(crate) fn independent(n: usize) -> String {
    count(n, "independent origin", "independent origins")
}

/// The fold's totals: `5 articles, 2 stories, 3 origins, 1 rejected input`.
pub(crate) fn totals(fold: &Fold, separator: &str) -> String {
    [
        count(fold.articles.len(), "article", "articles"),
        count(fold.stories.len(), "story", "stories"),
        count(fold.origins.len(), "origin", "origins"),
        count(fold.rejected.len(), "rejected input", "rejected inputs"),
    ]
    .join(separator)
}

/// The story's time span: `2022-06-15–2022-06-16`, one date when both ends agree, or
/// `date unknown`.
pub(crate) fn time_span(story: &Story) -> String {
    let first = story.first_published.as_deref().filter(|d| !d.is_empty());
    let last = story.last_published.as_deref().filter(|d| !d.is_empty());
    match (first, last) {
        (Some(first), Some(last)) if first != last => format!("{first}–{last}"),
        (Some(date), _) | (None, Some(date)) => date.to_owned(),
        (None, None) => "date unknown".to_owned(),
    }
}

/// The share of a copy's text that comes from its source, as a whole percentage: `87%`.
pub(crate) fn percent(coverage: f64) -> String {
    if coverage.is_finite() {
        format!("{:.0}%", (coverage.clamp(0.0, 1.0) * 100.0).round())
    } else {
        "?%".to_owned()
    }
}

/// The sources of a cited sentence as `(footnote number, id)`, in the order the fold gives them.
pub(crate) fn sources<'c>(cited: &'c Cited, numbering: &Numbering<'_>) -> Vec<(usize, &'c str)> {
    cited
        .sources
        .iter()
        .map(|id| (numbering.number(id).unwrap_or(0), id.as_str()))
        .collect()
}

/// True for URLs that may become links: `http://…` or `https://…`, in any letter case.
pub(crate) fn is_web_url(url: &str) -> bool {
    let bytes = url.as_bytes();
    [&b"http://"[..], &b"https://"[..]].iter().any(|scheme| {
        bytes
            .get(..scheme.len())
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(scheme))
    })
}

/// Explicit bidirectional formatting characters: the embeddings and overrides U+202A-U+202E
/// and the isolates U+2066-U+2069. An unclosed U+202E reverses everything after it on the
/// line, the page's own words included, so the renderers never pass these on from a fold:
/// they become U+FFFD, shown where the text had them.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// True when text holding `c` needs isolating from what surrounds it: the implicit marks
/// (U+200E LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK, U+061C ARABIC LETTER MARK) and the
/// letters of the right-to-left scripts (Hebrew to NKo and Samaritan, U+0590-U+08FF; their
/// presentation forms, U+FB1D-U+FDFF and U+FE70-U+FEFF; the historic scripts of
/// U+10800-U+10FFF and U+1E800-U+1EFFF). Both can move the neutral characters beside them
/// (punctuation, digits, the separators the renderers put between fields).
pub(crate) fn needs_isolation(c: char) -> bool {
    matches!(
        c,
        '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{0590}'..='\u{08FF}'
            | '\u{FB1D}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}'
            | '\u{10800}'..='\u{10FFF}'
            | '\u{1E800}'..='\u{1EFFF}'
    )
}

/// U+2068 FIRST STRONG ISOLATE: opens a run laid out on its own, in the direction of its
/// first strong letter, as `<bdi>` does in HTML.
pub(crate) const ISOLATE: char = '\u{2068}';

/// U+2069 POP DIRECTIONAL ISOLATE: closes the run [`ISOLATE`] opened.
pub(crate) const POP_ISOLATE: char = '\u{2069}';

/// `text` with its whitespace runs made single spaces, cut to at most `max` characters, with
/// an ellipsis when cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::{is_web_url, percent};

    #[test]
    fn only_http_and_https_are_web_urls() {
        assert!(is_web_url("https://example.com/a"));
        assert!(is_web_url("HTTP://example.com"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url(" https://example.com"));
        assert!(!is_web_url("data:text/html,<script>"));
        assert!(!is_web_url("htt"));
        assert!(!is_web_url("ht€ps://"));
    }

    #[test]
    fn percent_rounds_and_clamps() {
        assert_eq!(percent(0.874), "87%");
        assert_eq!(percent(1.5), "100%");
        assert_eq!(percent(-0.2), "0%");
        assert_eq!(percent(f64::NAN), "?%");
    }
}
