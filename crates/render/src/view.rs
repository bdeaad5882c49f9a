//! What the Markdown brief and the HTML report both need to know about a fold, worked out once:
//! articles by id, labels, the numbering of a story's articles, the reuse inside a story, and
//! the wording of counts, dates and shares.
//!
//! Nothing here escapes anything: these are plain strings, and each format escapes them where
//! they land. Nothing here trusts the fold either: an id that names no article is shown as the
//! id, a story may cite an article it does not list, a coverage may be NaN.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use newsfold_core::{Article, Cited, Fold, Reuse, Story};

/// A fold with its articles indexed by id.
pub(crate) struct View<'a> {
    /// The fold being rendered.
    pub fold: &'a Fold,
    articles: BTreeMap<&'a str, &'a Article>,
    origin_of: BTreeMap<&'a str, &'a str>,
    /// The positions in `fold.reuse` of the relations whose source is each article.
    by_source: HashMap<&'a str, Vec<usize>>,
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
        let mut by_source: HashMap<&str, Vec<usize>> = HashMap::new();
        for (r, relation) in fold.reuse.iter().enumerate() {
            by_source
                .entry(relation.source.as_str())
                .or_default()
                .push(r);
        }
        View {
            fold,
            articles,
            origin_of,
            by_source,
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
    /// Found through the members' relations, not by reading every relation of the fold for each
    /// story: at 100,000 articles that made brief.md take 100 s.
    pub fn story_reuse(&self, story: &Story) -> Vec<&'a Reuse> {
        let members: BTreeSet<&str> = story.articles.iter().map(String::as_str).collect();
        let mut found: Vec<usize> = members
            .iter()
            .filter_map(|id| self.by_source.get(id))
            .flatten()
            .copied()
            .filter(|&r| members.contains(self.fold.reuse[r].copy.as_str()))
            .collect();
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|r| &self.fold.reuse[r]).collect()
    }
}

/// The `direction` of a reuse relation whose source no evidence decided (as `newsfold-reuse`
/// writes it): such a relation is told as two articles sharing text, never as one copying the
/// other, and drawn without an arrowhead.
pub const UNDETERMINED: &str = "undetermined";

/// True when the relation says which article is the source.
pub fn is_directed(reuse: &Reuse) -> bool {
    reuse.direction != UNDETERMINED
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
pub fn is_web_url(url: &str) -> bool {
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

/// The last component of a path as given on the command line (`feeds/day1/a.jsonl` ->
/// `a.jsonl`, `C:\news\b.html` -> `b.html`): pages and answers name an input by its file name
/// only, never by where it lies on the machine that folded it.
pub fn file_name(path: &str) -> &str {
    let trimmed = path.trim_end_matches(['/', '\\']);
    match trimmed.rfind(['/', '\\']) {
        Some(at) => &trimmed[at + 1..],
        None if trimmed.is_empty() => path,
        None => trimmed,
    }
}

/// Most characters of a story's lead snippet in a list: 200, about the first sentence of a
/// wire lead (AP's style asks for leads of 25-30 words), as Google News shows under a headline.
pub const LEAD_CHARS: usize = 200;

/// `text` with its whitespace made single spaces and, when longer than `max` characters, cut
/// at the last word boundary before `max` (or at `max` when a word runs past half of it), with
/// an ellipsis.
pub fn snippet(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if cut[..space].chars().count() >= max / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    let mut short = at_word
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-'))
        .to_owned();
    short.push('…');
    short
}

/// The lead of a story: its first brief sentence as a [`snippet`] of at most [`LEAD_CHARS`].
pub fn lead(story: &Story) -> Option<String> {
    story
        .brief
        .iter()
        .map(|c| snippet(&c.text, LEAD_CHARS))
        .find(|s| !s.is_empty())
}

/// Outlets a list row names before "+N more": three, as Google News names the first few
/// sources of a story.
pub const OUTLETS_SHOWN: usize = 3;

/// The outlets of a story for a list row: the first [`OUTLETS_SHOWN`], then `+N more`.
pub fn outlet_names(outlets: &[String]) -> String {
    let named: Vec<&str> = outlets
        .iter()
        .map(|o| o.trim())
        .filter(|o| !o.is_empty())
        .collect();
    let mut text = named
        .iter()
        .take(OUTLETS_SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if named.len() > OUTLETS_SHOWN {
        text.push_str(&format!(" +{} more", named.len() - OUTLETS_SHOWN));
    }
    text
}

/// The text alternative of a source-mix bar: `5 outlets, 2 independent origins`.
pub fn source_mix(outlets: usize, independent: usize) -> String {
    format!(
        "{}, {}",
        count(outlets, "outlet", "outlets"),
        self::independent(independent)
    )
}

/// Seconds since 1970-01-01 (UTC) of a fold's date: `YYYY-MM-DD` (its start) or an ISO 8601
/// time `YYYY-MM-DDTHH:MM[:SS][.f][Z|±HH:MM]`; `None` for anything else.
pub fn unix_seconds(when: &str) -> Option<i64> {
    let when = when.trim();
    let day = newsfold_core::parse_day_number(when.get(..10)?)?;
    let rest = &when[10..];
    if rest.is_empty() {
        return Some(day * 86_400);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let number = |s: Option<&str>| s.and_then(|s| s.parse::<i64>().ok());
    let hours = number(rest.get(..2))?;
    let minutes = number(rest.get(3..5)).filter(|_| rest.get(2..3) == Some(":"))?;
    let mut tail = &rest[5..];
    let mut seconds = 0;
    if let Some(s) = tail.strip_prefix(':') {
        seconds = number(s.get(..2))?;
        tail = &s[2..];
        if let Some(f) = tail.strip_prefix('.') {
            tail = f.trim_start_matches(|c: char| c.is_ascii_digit());
        }
    }
    let offset = match tail {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = match tail.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let hh = number(tail.get(1..3))?;
            let mm = number(tail.get(tail.len().checked_sub(2)?..))?;
            sign * (hh * 3600 + mm * 60)
        }
    };
    if hours > 23 || minutes > 59 || seconds > 60 {
        return None;
    }
    Some(day * 86_400 + hours * 3600 + minutes * 60 + seconds - offset)
}

/// How long ago `then` was at `now` (both seconds since 1970), as a list row says it:
/// `just now`, `5 minutes ago`, `3 hours ago`, `2 days ago`, `4 months ago`, `2 years ago`.
/// A date without a time of day (`day_only`) is said in days: `today`, `yesterday`,
/// `3 days ago`. A time ahead of `now` (a clock off, a date from a later time zone) is `just
/// now` or `today`.
pub fn ago(now: i64, then: i64, day_only: bool) -> String {
    if day_only {
        let days = now.div_euclid(86_400) - then.div_euclid(86_400);
        return match days {
            ..=0 => "today".to_owned(),
            1 => "yesterday".to_owned(),
            2..=59 => format!("{days} days ago"),
            _ => longer_ago(days),
        };
    }
    let seconds = now - then;
    match seconds {
        ..=59 => "just now".to_owned(),
        60..=3599 => format!(
            "{} ago",
            count((seconds / 60) as usize, "minute", "minutes")
        ),
        3600..=86_399 => format!("{} ago", count((seconds / 3600) as usize, "hour", "hours")),
        _ if seconds < 60 * 86_400 => {
            format!("{} ago", count((seconds / 86_400) as usize, "day", "days"))
        }
        _ => longer_ago(seconds / 86_400),
    }
}

/// `days` ago, in months or years (30 and 365 days: a list row is no calendar).
fn longer_ago(days: i64) -> String {
    if days < 365 {
        format!("{} ago", count((days / 30) as usize, "month", "months"))
    } else {
        format!("{} ago", count((days / 365) as usize, "year", "years"))
    }
}

/// "updated N ago" of a story at `now`: from its last publication when it has one that reads
/// as a date, else from `folded` (when the fold that holds it was made), else `None`.
pub fn updated(story: &Story, now: i64, folded: Option<i64>) -> Option<String> {
    let last = story.last_published.as_deref().unwrap_or("");
    match unix_seconds(last) {
        Some(then) => Some(format!(
            "updated {}",
            ago(now, then, last.trim().len() == 10)
        )),
        None => folded.map(|then| format!("updated {}", ago(now, then, false))),
    }
}

/// `text` percent-encoded for a URL's query value or path segment: everything but ASCII
/// letters, digits and `-._~`.
pub fn url_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{ago, file_name, is_web_url, percent, snippet, unix_seconds};

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

    #[test]
    fn file_names_are_the_last_component() {
        assert_eq!(file_name("/home/ana/feeds/a.jsonl"), "a.jsonl");
        assert_eq!(file_name("feeds/day1/"), "day1");
        assert_eq!(file_name("C:\\news\\b.html"), "b.html");
        assert_eq!(file_name("a.txt"), "a.txt");
        assert_eq!(file_name("-"), "-");
        assert_eq!(file_name("/"), "/");
        assert_eq!(file_name(""), "");
    }

    #[test]
    fn snippets_cut_at_a_word() {
        assert_eq!(snippet("A  short\nlead.", 200), "A short lead.");
        assert_eq!(snippet("one two three four", 12), "one two…");
        // One long word is cut where it must be.
        assert_eq!(snippet("abcdefghijklmnop", 8), "abcdefg…");
        assert_eq!(snippet("alpha, beta gamma", 10), "alpha…");
    }

    #[test]
    fn dates_and_times_read_as_seconds() {
        assert_eq!(unix_seconds("1970-01-02"), Some(86_400));
        assert_eq!(unix_seconds("1970-01-01T01:02:03Z"), Some(3723));
        assert_eq!(unix_seconds("1970-01-01T03:00+02:00"), Some(3600));
        assert_eq!(unix_seconds("1970-01-01T00:00:00.250-01:00"), Some(3600));
        assert_eq!(unix_seconds("yesterday"), None);
        assert_eq!(unix_seconds("2024-03-18Tnoon"), None);
        assert_eq!(unix_seconds("2024-13-01"), None);
    }

    #[test]
    fn ago_says_how_long() {
        let day = 86_400;
        assert_eq!(ago(10 * day, 10 * day + 5, true), "today");
        assert_eq!(ago(10 * day + 100, 9 * day, true), "yesterday");
        assert_eq!(ago(10 * day, 7 * day, true), "3 days ago");
        assert_eq!(ago(400 * day, 100 * day, true), "10 months ago");
        assert_eq!(ago(1000, 990, false), "just now");
        assert_eq!(ago(1000, 880, false), "2 minutes ago");
        assert_eq!(ago(10_000, 6_400, false), "1 hour ago");
        assert_eq!(ago(5 * day, 2 * day, false), "3 days ago");
        assert_eq!(ago(800 * day, 0, false), "2 years ago");
    }
}
