//! `report.html`: one self-contained page that shows a fold to a person, offline, with no
//! JavaScript and no external resources.
//!
//! The page opens with the fold's totals and a table of contents; each story then shows its
//! cited brief (a superscript number leads to the sentence in that article's entry, and its
//! tooltip shows how that article words it), the facts several articles share and a facts ×
//! articles matrix with copies marked, what only one origin says, framing, quotes, figures and
//! their conflicts, the timeline, who copied whom as a table and as a small graph, and its
//! articles as collapsible entries with their metadata and cleaned text: the sentences used in
//! the brief highlighted, the passages shared through copying highlighted in another colour.
//! Rejected inputs close the page. Browsers open a closed entry when a link leads into it.
//!
//! Safety rule: every string that comes from the fold goes through [`escape`], in text and in
//! attributes alike; element ids are made from fold ids by [`Anchors`], which keeps only
//! characters that need no escaping; a URL becomes an `href` only when it starts with `http://`
//! or `https://`. So no article, however hostile, can add an element or an attribute to the page.
//!
//! Bidi rule: no article can reorder the page's own words. [`escape`] turns the explicit bidi
//! controls (embeddings, overrides and isolates, U+202A-U+202E and U+2066-U+2069) into U+FFFD,
//! shown where the text had them but obeyed by no browser, and lays out any run that holds
//! right-to-left letters or a bidi mark (U+200E, U+200F, U+061C) on its own, between U+2068
//! FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, as `<bdi>` would (the characters
//! work in attribute values and SVG too). Such text reads as written, in its own direction,
//! and the separators and numbers around it stay where the page put them. An article's own
//! paragraphs need no isolate (a paragraph is a block, where every bidi run ends), so they
//! only lose their explicit controls; nor do values that must round-trip (an `href`), which
//! [`escape_value`] escapes.
//!
//! The page declares its own Content-Security-Policy ([`REPORT_POLICY`]): no script, no
//! resource loaded from anywhere, its one `<style>` element allowed.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use newsfold_core::{Article, Cited, Fold, Reuse, ReuseKind, Story, short_hash};

use crate::svg::{self, Edge, Node};
use crate::view::{self, Numbering, View};

/// A labelled group of a table: its label (escaped markup) and its rows, each some words and
/// the articles that use them.
type Group<'a> = (String, Vec<(&'a str, &'a [String])>);
/// The style sheet: a light, readable page with a system font stack.
const CSS: &str = r#"
:root { color-scheme: light; --fg: #1d1f21; --muted: #555b61; --line: #d6d9dc;
  --panel: #f5f6f7; --accent: #0b55c4; --mark: #fff0a0; }
* { box-sizing: border-box; }
body { max-width: 70em; margin: 0 auto; padding: 1.5em 1.25em 3em; color: var(--fg);
  background: #fff; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto,
  "Helvetica Neue", Arial, "Noto Sans", sans-serif; }
h1, h2, h3 { line-height: 1.25; }
h1 { font-size: 1.8em; margin: 0 0 .2em; }
h2 { font-size: 1.4em; margin: 2.2em 0 .4em; padding-bottom: .2em;
  border-bottom: 1px solid var(--line); }
h3 { font-size: 1.08em; margin: 1.6em 0 .4em; }
a { color: var(--accent); }
.meta, .counts, .sources, figcaption, footer { color: var(--muted); }
.counts { font-size: 1.05em; margin: 0; }
nav ol { padding-left: 1.6em; }
nav li { margin: .25em 0; }
ol.brief li, ul.facts li { margin: .45em 0; }
sup.cite { font-size: .75em; white-space: nowrap; }
sup.cite a { text-decoration: none; }
.sources { font-size: .88em; }
table { width: 100%; border-collapse: collapse; margin: .4em 0 1em; font-size: .95em; }
th, td { padding: .35em .6em; border-bottom: 1px solid var(--line); text-align: left;
  vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: .5em 0 1.2em; }
svg.graph { max-width: 100%; height: auto; background: var(--panel);
  border: 1px solid var(--line); border-radius: 6px; }
svg.graph text { font-size: 12px; fill: #1d1f21; }
svg.graph text.num { font-size: 11px; font-weight: 600; }
figcaption, .legend { font-size: .88em; margin-top: .3em; }
.legend { color: var(--muted); }
div.matrix { overflow-x: auto; }
table.matrix { width: auto; }
table.matrix td.fact { min-width: 22em; }
table.matrix th.col { text-align: center; font-weight: 500; font-size: .8em; min-width: 3.2em; }
table.matrix th.col .copy { color: var(--muted); font-style: italic; }
td.carries { text-align: center; color: var(--accent); }
td.carries.copy { color: var(--muted); }
table.matrix td.num { text-align: center; }
table.matrix th.origin { text-align: center; font-weight: 500; font-size: .8em;
  border-left: 2px solid var(--line); }
table.matrix th.origin:nth-child(2) { border-left: none; }
table.matrix .edge { border-left: 2px solid var(--line); }
details { margin: .5em 0; padding: .45em .8em; border: 1px solid var(--line);
  border-radius: 6px; }
details:target { border-color: var(--accent); box-shadow: 0 0 0 2px #0b55c433; }
summary { cursor: pointer; }
summary .num { font-variant-numeric: tabular-nums; color: var(--muted); }
dl.metadata { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em;
  margin: .8em 0; font-size: .92em; }
dl.metadata dt { color: var(--muted); }
dl.metadata dd { margin: 0; overflow-wrap: anywhere; }
dl.metadata ul { margin: 0; padding-left: 1.2em; }
.text p { max-width: 48em; }
mark { background: var(--mark); color: inherit; padding: 0 .1em; }
mark.reused { background: #dde9fb; padding: 0; }
.cited.brief, .cited.brief mark.reused { background: var(--mark); }
.cited.brief mark.reused { border-bottom: 2px solid #8fb3ea; }
.cited { scroll-margin-top: 35vh; }
.cited:target { outline: 2px solid var(--accent); outline-offset: 1px; background: #ffe27a; }
.none { color: var(--muted); font-style: italic; }
footer { margin-top: 3em; padding-top: .5em; border-top: 1px solid var(--line);
  font-size: .85em; }
"#;

/// The Content-Security-Policy `report.html` and the story pages declare in a `<meta>`: nothing
/// may run or load (`default-src 'none'` covers scripts, images, fonts, frames, connections),
/// the page's one `<style>` element may style it, and nothing may change the base URL or
/// receive a form. A `<meta>` policy cannot set `frame-ancestors`; `newsfold serve` sends its
/// own policy as a header.
pub const REPORT_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// `report.html`: the whole fold as one self-contained, deterministic HTML5 page.
///
/// It shows the fold's totals, a table of contents of the stories, and for each story its time
/// span, outlets and independent origins, the cited brief, the shared facts, who copied whom (a
/// table and an SVG graph), and its articles with metadata and highlighted text; then any
/// articles that belong to no story and the rejected inputs. Nothing of the fold's `run` appears
/// but the version, in the footer.
pub fn report_html(fold: &Fold) -> String {
    Report::new(fold).render()
}

/// The index of a report split into pages ([`crate::report_fits_one_page`] false): the fold's
/// totals and every story as a row (headline, time span, lead, outlets, source mix) linking to
/// `pages(index)`, then the number of articles in no story and the rejected inputs. It holds no
/// article text, so it stays a page a browser opens at any corpus size.
pub fn report_index_html(fold: &Fold, pages: &dyn Fn(usize) -> String) -> String {
    let mut report = Report::new(fold);
    report.index = Some(pages);
    report.render()
}

/// One story's page (what `newsfold serve` shows at `/stories/{id}`): the story section of
/// [`report_html`] for a fold that holds the story and its articles, titled with its headline,
/// without the fold's totals and table of contents; `back` (markup, not escaped) opens the
/// page, a link back to where the reader came from.
pub fn story_html(fold: &Fold, back: &str) -> String {
    let mut report = Report::new(fold);
    report.story_page = Some(back);
    report.render()
}

/// [`story_html`] with each article's id a link to its own page: `article_pages` followed by
/// the id, percent-encoded (`/articles/` gives `/articles/a-1`).
pub fn story_html_linked(fold: &Fold, back: &str, article_pages: &str) -> String {
    let mut report = Report::new(fold);
    report.story_page = Some(back);
    report.article_pages = Some(article_pages);
    report.render()
}

/// The style of a story list's rows ([`story_row_html`]): the lead, the outlets and the
/// source-mix bar. `report.html` has it; `newsfold serve` adds it to its list page.
pub const STORY_LIST_CSS: &str = "
ol.stories { padding-left: 1.6em; }
ol.stories > li { margin: .2em 0 1.1em; }
.row .lead { margin: .2em 0; max-width: 48em; }
.row .outlets, .row .updated { color: #555b61; font-size: .92em; }
.row .line { margin: .15em 0; }
.mix { display: inline-flex; vertical-align: middle; width: 8em; height: .7em;
  border: 1px solid #8a929a; border-radius: 3px; overflow: hidden; background: #fff; }
.mix .origins { background: #0b55c4; }
.mix .copies { background: #b8c7dc; }
.mix-text { color: #555b61; font-size: .88em; margin-left: .4em; }
";

/// A source-mix bar: the story's outlets as a bar in which its independent origins are a
/// segment of their own (dark: origins; light: the outlets that add none), pure HTML and CSS,
/// with its text alternative (`5 outlets, 2 independent origins`) as its label and beside it.
pub fn source_mix_html(outlets: usize, independent: usize) -> String {
    let text = view::source_mix(outlets, independent);
    let whole = outlets.max(independent).max(1);
    let origins = independent.min(whole) * 100 / whole;
    format!(
        "<span class=\"mix\" role=\"img\" aria-label=\"{text}\" title=\"{text}\">\
         <span class=\"origins\" style=\"width:{origins}%\"></span><span class=\"copies\" \
         style=\"width:{}%\"></span></span><span class=\"mix-text\">{text}</span>",
        100 - origins
    )
}

/// One row of a story list, as the report's index and `newsfold serve`'s list show it: the
/// headline linked to `href`, the time span, the article count and `updated` (text such as
/// `updated 2 days ago`, when given), the lead snippet, the first outlets by name and the
/// source-mix bar. Everything from the story is escaped; `href` is escaped as an attribute.
pub fn story_row_html(story: &Story, href: &str, updated: Option<&str>) -> String {
    let mut meta = vec![
        escape(&view::time_span(story)),
        view::count(story.articles.len(), "article", "articles"),
    ];
    if let Some(updated) = updated {
        meta.push(format!(
            "<span class=\"updated\">{}</span>",
            escape(updated)
        ));
    }
    let mut html = format!(
        "<div class=\"row\"><a href=\"{}\">{}</a> <span class=\"meta\">{}</span>\n",
        escape_value(href),
        escape(view::headline(story)),
        meta.join(" · ")
    );
    if let Some(lead) = view::lead(story) {
        html.push_str(&format!("<p class=\"lead\">{}</p>\n", escape(&lead)));
    }
    let outlets = view::outlet_names(&story.outlets);
    if !outlets.is_empty() {
        html.push_str(&format!(
            "<p class=\"line outlets\">{}</p>\n",
            escape(&outlets)
        ));
    }
    html.push_str(&format!(
        "<p class=\"line\">{}</p></div>",
        source_mix_html(story.outlets.len(), story.independent)
    ));
    html
}

/// Escapes `&`, `<`, `>`, `"` and `'` so that `text` is inert in element content and in quoted
/// attribute values. Control characters (other than newline and tab) become U+FFFD, carriage
/// returns spaces, so the page stays valid HTML. Explicit bidi controls become U+FFFD too, and
/// text with right-to-left letters or bidi marks is isolated between U+2068 and U+2069, so it
/// cannot reorder what surrounds it (the module's bidi rule).
pub fn escape(text: &str) -> String {
    let escaped = escape_value(text);
    if text.chars().any(view::needs_isolation) {
        format!("{}{escaped}{}", view::ISOLATE, view::POP_ISOLATE)
    } else {
        escaped
    }
}

/// [`escape`] without the isolate: for attribute values that must stay what they are (an
/// `href`, a form field's value) and for text that fills a block of its own. Explicit bidi
/// controls still become U+FFFD.
pub fn escape_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => out.push(' '),
            '\n' | '\t' => out.push(c),
            c if c.is_control() || view::is_bidi_control(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Element ids for stories and articles: `story-ID` and `article-ID` when the id is made only
/// of ASCII letters, digits, `-`, `_` and `.`; otherwise the other characters become `-` and a
/// short hash of the id keeps it unique. Ids repeated in the fold get a `-2`, `-3` suffix.
struct Anchors {
    articles: BTreeMap<String, String>,
    stories: Vec<String>,
}

impl Anchors {
    fn new(fold: &Fold) -> Anchors {
        let mut used = BTreeSet::new();
        let mut articles = BTreeMap::new();
        for article in &fold.articles {
            if !articles.contains_key(&article.id) {
                let anchor = unique(&mut used, anchor("article", &article.id));
                articles.insert(article.id.clone(), anchor);
            }
        }
        let stories = fold
            .stories
            .iter()
            .map(|story| unique(&mut used, anchor("story", &story.id)))
            .collect();
        Anchors { articles, stories }
    }

    /// The element id of the article entry, when the fold has the article.
    fn article(&self, id: &str) -> Option<&str> {
        self.articles.get(id).map(String::as_str)
    }
}

/// `prefix-id`, made safe for an element id and a URL fragment.
fn anchor(prefix: &str, id: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if !id.is_empty() && id.len() <= 100 && id.chars().all(safe) {
        return format!("{prefix}-{id}");
    }
    let cleaned: String = id
        .chars()
        .take(60)
        .map(|c| if safe(c) { c } else { '-' })
        .collect();
    format!("{prefix}-{cleaned}-{}", short_hash(id))
}

/// `anchor`, or `anchor-2`, `anchor-3`… when already taken.
fn unique(used: &mut BTreeSet<String>, anchor: String) -> String {
    let mut candidate = anchor.clone();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{anchor}-{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

/// One rendering of one fold.
struct Report<'a> {
    view: View<'a>,
    anchors: Anchors,
    /// For each article shown in a story, the index of the first story that lists it.
    home: BTreeMap<&'a str, usize>,
    /// `Some(back link)`: a page of the fold's one story, not the whole report.
    story_page: Option<&'a str>,
    /// `Some(pages)`: the index of a report split into pages, each story a row linking to
    /// `pages(index)`, no story shown on it.
    index: Option<&'a dyn Fn(usize) -> String>,
    /// `Some(prefix)`: each article's id links to `prefix` + the id, its own page.
    article_pages: Option<&'a str>,
    out: String,
}

impl<'a> Report<'a> {
    fn new(fold: &'a Fold) -> Report<'a> {
        let view = View::new(fold);
        let mut home = BTreeMap::new();
        for (i, story) in fold.stories.iter().enumerate() {
            for id in &story.articles {
                if view.article(id).is_some() {
                    home.entry(id.as_str()).or_insert(i);
                }
            }
        }
        Report {
            anchors: Anchors::new(fold),
            view,
            home,
            story_page: None,
            index: None,
            article_pages: None,
            out: String::new(),
        }
    }

    fn push(&mut self, html: &str) {
        self.out.push_str(html);
    }

    fn render(mut self) -> String {
        let fold = self.view.fold;
        let version = escape(env!("CARGO_PKG_VERSION"));
        let title = match (self.story_page, fold.stories.first()) {
            (Some(_), Some(story)) => format!("{} — newsfold", view::headline(story)),
            _ => format!(
                "newsfold report: {} from {}",
                view::count(fold.stories.len(), "story", "stories"),
                view::count(fold.articles.len(), "article", "articles"),
            ),
        };
        self.push(&format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"newsfold {version}\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{REPORT_POLICY}\">\n\
             <title>{}</title>\n<style>{CSS}{STORY_LIST_CSS}</style>\n</head>\n<body>\n",
            escape(&title)
        ));
        let unplaced: Vec<&Article> = self.unplaced();
        if let Some(back) = self.story_page {
            self.push(&format!("<nav>{back}</nav>\n"));
        } else {
            self.push(&format!(
                "<header>\n<h1>newsfold report</h1>\n<p class=\"counts\">{}</p>\n</header>\n",
                escape(&view::totals(fold, " · "))
            ));
            self.contents(!unplaced.is_empty());
        }
        self.push("<main>\n");
        if self.index.is_none() {
            for i in 0..fold.stories.len() {
                self.story(i);
            }
        }
        if self.index.is_some() && !unplaced.is_empty() {
            self.push(&format!(
                "<section id=\"unassigned\">\n<h2>Articles in no story</h2>\n<p>{} in no \
                 story: fold.json lists them.</p>\n</section>\n",
                view::count(unplaced.len(), "article", "articles")
            ));
        } else if !unplaced.is_empty() {
            self.push(
                "<section id=\"unassigned\">\n<h2>Articles in no story</h2>\n<div \
                 class=\"articles\">\n",
            );
            for (i, article) in unplaced.iter().enumerate() {
                self.article(i + 1, article, &[]);
            }
            self.push("</div>\n</section>\n");
        }
        self.rejected();
        self.push("</main>\n");
        let run_version = if fold.run.version.trim().is_empty() {
            env!("CARGO_PKG_VERSION")
        } else {
            fold.run.version.as_str()
        };
        self.push(&format!(
            "<footer>\n<p>Folded by newsfold {}.</p>\n</footer>\n</body>\n</html>\n",
            escape(run_version)
        ));
        self.out
    }

    /// Articles of the fold that no story lists, in fold order, each once.
    fn unplaced(&self) -> Vec<&'a Article> {
        let mut seen = BTreeSet::new();
        self.view
            .fold
            .articles
            .iter()
            .filter(|a| !self.home.contains_key(a.id.as_str()) && seen.insert(a.id.as_str()))
            .collect()
    }

    /// The table of contents.
    fn contents(&mut self, has_unplaced: bool) {
        let fold = self.view.fold;
        self.push("<nav aria-label=\"Contents\">\n<h2>Stories</h2>\n");
        if fold.stories.is_empty() {
            self.push("<p class=\"none\">No stories.</p>\n");
        } else {
            self.push("<ol class=\"stories\">\n");
            for (i, story) in fold.stories.iter().enumerate() {
                let href = match self.index {
                    Some(pages) => pages(i),
                    None => format!("#{}", self.anchors.stories[i]),
                };
                let line = format!("<li>{}</li>\n", story_row_html(story, &href, None));
                self.push(&line);
            }
            self.push("</ol>\n");
        }
        let mut more = Vec::new();
        if has_unplaced {
            more.push("<a href=\"#unassigned\">Articles in no story</a>");
        }
        if !fold.rejected.is_empty() {
            more.push("<a href=\"#rejected\">Rejected inputs</a>");
        }
        if !more.is_empty() {
            self.push(&format!("<p>{}</p>\n", more.join(" · ")));
        }
        self.push("</nav>\n");
    }

    /// One story's section.
    fn story(&mut self, index: usize) {
        let view = &self.view;
        let Some(story) = view.fold.stories.get(index) else {
            return;
        };
        let numbering = Numbering::of(story);
        let reuse = view.story_reuse(story);
        let outlets = if story.outlets.is_empty() {
            "outlets unknown".to_owned()
        } else {
            escape(&story.outlets.join(", "))
        };
        let mut html = format!(
            "<section class=\"story\" id=\"{}\">\n<h2>{}</h2>\n<p class=\"meta\">{} · {} · {} · \
             <strong>{}</strong></p>\n",
            escape(&self.anchors.stories[index]),
            escape(view::headline(story)),
            escape(&view::time_span(story)),
            view::count(story.articles.len(), "article", "articles"),
            outlets,
            view::independent(story.independent),
        );

        html.push_str("<h3>Brief</h3>\n");
        if story.brief.is_empty() {
            html.push_str("<p class=\"none\">No brief.</p>\n");
        } else {
            html.push_str("<ol class=\"brief\">\n");
            for cited in &story.brief {
                html.push_str(&format!(
                    "<li>{}</li>\n",
                    self.cited(index, &numbering, cited)
                ));
            }
            html.push_str("</ol>\n");
        }

        html.push_str("<h3>Facts carried by several articles</h3>\n");
        if story.facts.is_empty() {
            html.push_str("<p class=\"none\">None.</p>\n");
        } else {
            html.push_str(&self.matrix(index, story, &numbering, &reuse));
        }

        if !story.only_in.is_empty() {
            html.push_str("<h3>Only one origin says</h3>\n<ul class=\"facts\">\n");
            for cited in &story.only_in {
                html.push_str(&format!(
                    "<li>{}</li>\n",
                    self.cited(index, &numbering, cited)
                ));
            }
            html.push_str("</ul>\n");
        }

        if !story.framing.is_empty() {
            let rows: Vec<Group<'_>> = story
                .framing
                .iter()
                .map(|f| {
                    let wordings = f
                        .wordings
                        .iter()
                        .map(|w| (w.term.as_str(), &w.articles[..]))
                        .collect();
                    (escape(&f.referent), wordings)
                })
                .collect();
            html.push_str("<h3>Framing: the same thing in different words</h3>\n");
            html.push_str(&self.grouped_table(&numbering, ["what", "wording", "used by"], &rows));
        }

        if !story.quotes.is_empty() {
            html.push_str("<h3>Who said what</h3>\n<ul class=\"facts\">\n");
            for quote in &story.quotes {
                let who = quote
                    .speaker
                    .as_deref()
                    .map_or("unnamed".to_owned(), escape);
                let channel = quote.channel.as_deref().map_or(String::new(), |c| {
                    format!(" <span class=\"meta\">via {}</span>", escape(c))
                });
                let kind = if quote.direct {
                    ""
                } else {
                    " <span class=\"meta\">(reported speech)</span>"
                };
                html.push_str(&format!(
                    "<li><strong>{who}</strong>{channel}{kind} · {}\n<ul>\n",
                    view::independent(quote.independent)
                ));
                for variant in &quote.variants {
                    let carriers = self.article_links(&numbering, &variant.articles);
                    html.push_str(&format!(
                        "<li>“{}” <span class=\"meta\">{}</span></li>\n",
                        escape(&variant.text),
                        carriers
                    ));
                }
                html.push_str("</ul></li>\n");
            }
            html.push_str("</ul>\n");
        }

        if !story.figures.is_empty() {
            html.push_str(
                "<h3>Figures</h3>\n<table>\n<tr><th>figure</th><th>what</th>\
                 <th class=\"num\">value</th><th>given by</th></tr>\n",
            );
            for figure in &story.figures {
                let who = self.article_links(&numbering, &figure.sources);
                html.push_str(&format!(
                    "<tr><td>{}</td><td>{} ({})</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                    escape(&figure.text),
                    escape(&figure.kind),
                    escape(&figure.unit),
                    figure.value,
                    who
                ));
            }
            html.push_str("</table>\n");
        }

        if !story.conflicts.is_empty() {
            let rows: Vec<Group<'_>> = story
                .conflicts
                .iter()
                .map(|c| {
                    let values = c
                        .values
                        .iter()
                        .map(|f| (f.text.as_str(), &f.sources[..]))
                        .collect();
                    (
                        format!("{} of {}", escape(&c.kind), escape(&c.unit)),
                        values,
                    )
                })
                .collect();
            html.push_str("<h3>Figures that disagree</h3>\n");
            html.push_str(&self.grouped_table(&numbering, ["what", "figure", "given by"], &rows));
        }

        if !story.timeline.is_empty() {
            html.push_str("<h3>Timeline</h3>\n<ul class=\"facts\">\n");
            for dated in &story.timeline {
                html.push_str(&format!(
                    "<li><strong>{}</strong> {}</li>\n",
                    escape(&dated.date),
                    self.cited(index, &numbering, &dated.fact)
                ));
            }
            html.push_str("</ul>\n");
        }

        html.push_str("<h3>Who copied whom</h3>\n");
        html.push_str(&self.reuse(index, story, &numbering));
        if !story.roundups.is_empty() {
            html.push_str(&format!(
                "<h3>Roundups</h3>\n<p class=\"roundups\">Also covered by {}, which                  took passages of this story's articles among others and {} shown with the                  story {} took most from; nothing here cites {}.</p>\n",
                self.article_links(&numbering, &story.roundups),
                if story.roundups.len() == 1 { "is" } else { "are" },
                if story.roundups.len() == 1 { "it" } else { "each" },
                if story.roundups.len() == 1 { "it" } else { "them" },
            ));
        }

        html.push_str(
            "<h3>Articles</h3>\n<p class=\"legend\">In the texts, <span class=\"cited \
             brief\">yellow</span> marks the sentences the brief cites and <mark \
             class=\"reused\">blue</mark> the passages an article shares with its source or \
             its copies in this story; a citation number leads to its sentence.</p>\n<div \
             class=\"articles\">\n",
        );
        self.push(&html);
        for (i, id) in numbering.ids().iter().enumerate() {
            let number = i + 1;
            match self.view.article(id) {
                Some(article) if self.home.get(*id) == Some(&index) => {
                    let anchor = self.anchors.article(id).unwrap_or("");
                    let marks = story_marks(story, &reuse, id, anchor);
                    self.article(number, article, &marks);
                }
                Some(_) => {
                    let link = self.article_link(&numbering, id);
                    self.push(&format!(
                        "<p class=\"elsewhere\">{link} <span class=\"meta\">(shown with an \
                         earlier story)</span></p>\n"
                    ));
                }
                None => {
                    self.push(&format!(
                        "<p class=\"elsewhere\">[{number}] {} <span class=\"meta\">(not in this \
                         fold)</span></p>\n",
                        escape(id)
                    ));
                }
            }
        }
        self.push("</div>\n</section>\n");
    }

    /// A cited sentence: its text, its [`Report::citation`], its sources' labels and the number
    /// of independent origins.
    fn cited(&self, index: usize, numbering: &Numbering<'_>, cited: &Cited) -> String {
        let mut html = format!("<span class=\"sentence\">{}</span>", escape(&cited.text));
        if cited.sources.is_empty() {
            html.push_str(" <span class=\"sources\">(no sources)</span>");
            return html;
        }
        let labels: Vec<&str> = cited.sources.iter().map(|id| self.view.label(id)).collect();
        html.push_str(&format!(
            "{} <span class=\"sources\">{} · {}</span>",
            self.citation(index, numbering, cited),
            escape(&labels.join(", ")),
            view::independent(cited.independent),
        ));
        html
    }

    /// The superscript citation of a sentence: `[1, 3]`, each number a link to the sentence
    /// in that article's entry (when the entry is in this story; else to the entry), with a
    /// tooltip that shows the sentence as that article words it.
    fn citation(&self, index: usize, numbering: &Numbering<'_>, cited: &Cited) -> String {
        let links: Vec<String> = view::sources(cited, numbering)
            .into_iter()
            .map(|(number, id)| {
                let label = self.view.label(id);
                let span = cited
                    .spans
                    .iter()
                    .find(|(article, _)| article == id)
                    .map(|(_, span)| span.range());
                let wording = span
                    .clone()
                    .zip(self.view.article(id))
                    .and_then(|(range, article)| article.text.get(range));
                let title = match wording {
                    Some(words) => escape(&format!("{label}: “{}”", view::shorten(words, 300))),
                    None => escape(label),
                };
                let here = self.home.get(id) == Some(&index);
                match (self.anchors.article(id), span) {
                    (Some(anchor), Some(range)) if here => format!(
                        "<a href=\"#{}\" title=\"{title}\">{number}</a>",
                        escape(&sentence_anchor(anchor, range.start))
                    ),
                    (Some(anchor), _) => format!(
                        "<a href=\"#{}\" title=\"{title}\">{number}</a>",
                        escape(anchor)
                    ),
                    (None, _) => format!("<span title=\"{title}\">{number}</span>"),
                }
            })
            .collect();
        format!("<sup class=\"cite\">[{}]</sup>", links.join(", "))
    }

    /// `[n] label`, linked to the article's entry when it has one.
    /// The facts × articles matrix: which article carries which fact, articles that copy
    /// another marked, so that "carried by five" can be read as "reported by two".
    fn matrix(
        &self,
        index: usize,
        story: &Story,
        numbering: &Numbering<'_>,
        reuse: &[&Reuse],
    ) -> String {
        // The sources each article copies (duplicates and copies: whole-text reuse).
        let mut copied_from: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for r in reuse
            .iter()
            .filter(|r| matches!(r.kind, ReuseKind::Duplicate | ReuseKind::Copy))
        {
            if let Some(n) = numbering.number(&r.source) {
                copied_from.entry(r.copy.as_str()).or_default().push(n);
            }
        }
        let sources = |id: &str| -> String {
            let numbers = copied_from.get(id).map(|n| {
                let mut n = n.clone();
                n.sort_unstable();
                n.dedup();
                n.iter()
                    .map(|n| format!("[{n}]"))
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            numbers.unwrap_or_default()
        };
        let mut columns: Vec<&str> = numbering
            .ids()
            .iter()
            .copied()
            .filter(|id| {
                story
                    .facts
                    .iter()
                    .any(|f| f.sources.iter().any(|s| s == id))
            })
            .collect();
        // Columns grouped by origin (in the order origins first appear), so that what one
        // piece of original reporting carries stands together.
        let mut origins: Vec<&str> = Vec::new();
        let origin_rank = |id: &str, origins: &mut Vec<&'a str>| {
            let origin = self.view.origin_of(id).unwrap_or("");
            origins
                .iter()
                .position(|o| *o == origin)
                .unwrap_or_else(|| {
                    origins.push(origin);
                    origins.len() - 1
                })
        };
        let ranks: BTreeMap<&str, usize> = columns
            .iter()
            .map(|id| (*id, origin_rank(id, &mut origins)))
            .collect();
        columns.sort_by_key(|id| ranks.get(id).copied().unwrap_or(usize::MAX));
        let mut html =
            String::from("<div class=\"matrix\">\n<table class=\"matrix\">\n<thead><tr><th></th>");
        for group in columns.chunk_by(|a, b| ranks.get(a) == ranks.get(b)) {
            html.push_str(&format!(
                "<th class=\"origin\" colspan=\"{}\">origin {}</th>",
                group.len(),
                ranks.get(group[0]).map_or(0, |r| r + 1)
            ));
        }
        html.push_str("<th></th></tr>\n<tr><th>fact</th>");
        // The first column of each origin after the first: a rule on its left.
        let edge = |k: usize| {
            if k > 0 && ranks.get(columns[k]) != ranks.get(columns[k - 1]) {
                " edge"
            } else {
                ""
            }
        };
        for (k, id) in columns.iter().enumerate() {
            let number = numbering.number(id).unwrap_or(0);
            let label = self.view.label(id);
            let copy = sources(id);
            let (title, marker) = if copy.is_empty() {
                (format!("[{number}] {label}"), String::new())
            } else {
                (
                    format!("[{number}] {label}, a copy of {copy}"),
                    "<br><span class=\"copy\">copy</span>".to_owned(),
                )
            };
            let link = match self.anchors.article(id) {
                Some(anchor) => format!("<a href=\"#{}\">[{number}]</a>", escape(anchor)),
                None => format!("[{number}]"),
            };
            html.push_str(&format!(
                "<th class=\"col{}\" title=\"{}\">{link}<br><span class=\"outlet\">{}</span>{marker}</th>",
                edge(k),
                escape(&title),
                escape(&view::shorten(label, 12)),
            ));
        }
        html.push_str("<th class=\"num\">origins</th></tr></thead>\n<tbody>\n");
        for fact in &story.facts {
            html.push_str(&format!(
                "<tr><td class=\"fact\"><span class=\"sentence\">{}</span>{}</td>",
                escape(&fact.text),
                self.citation(index, numbering, fact)
            ));
            for (k, id) in columns.iter().enumerate() {
                let label = self.view.label(id);
                let number = numbering.number(id).unwrap_or(0);
                let edge = edge(k);
                if !fact.sources.iter().any(|s| s == id) {
                    html.push_str(&format!("<td class=\"empty{edge}\"></td>"));
                } else if copied_from.contains_key(id) {
                    html.push_str(&format!(
                        "<td class=\"carries copy{edge}\" title=\"{}\">○</td>",
                        escape(&format!(
                            "[{number}] {label} carries it, copied from {}",
                            sources(id)
                        ))
                    ));
                } else {
                    html.push_str(&format!(
                        "<td class=\"carries{edge}\" title=\"{}\">●</td>",
                        escape(&format!("[{number}] {label} carries it"))
                    ));
                }
            }
            html.push_str(&format!(
                "<td class=\"num\">{}</td></tr>\n",
                fact.independent
            ));
        }
        html.push_str(
            "</tbody>\n</table>\n</div>\n<p class=\"legend\">A column per article, grouped by \
             origin (the articles of one origin go back to the same original reporting): ● it \
             carries the fact; ○ it carries it in a copy of another article, which adds no \
             origin. Origins: how many independent origins carry the fact.</p>\n",
        );
        html
    }

    /// A table of groups (framing, conflicts): each group's label (already escaped) spans its
    /// rows, one per wording with the articles that use it.
    fn grouped_table(
        &self,
        numbering: &Numbering<'_>,
        header: [&str; 3],
        groups: &[Group<'_>],
    ) -> String {
        let mut html = format!(
            "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th></tr>\n",
            header[0], header[1], header[2]
        );
        for (label, rows) in groups {
            for (k, (words, ids)) in rows.iter().enumerate() {
                let who = self.article_links(numbering, ids);
                let first = if k == 0 {
                    format!("<td rowspan=\"{}\">{label}</td>", rows.len())
                } else {
                    String::new()
                };
                html.push_str(&format!(
                    "<tr>{first}<td>“{}”</td><td>{}</td></tr>\n",
                    escape(words),
                    who
                ));
            }
        }
        html.push_str("</table>\n");
        html
    }

    /// Links to articles, comma-separated.
    fn article_links(&self, numbering: &Numbering<'_>, ids: &[String]) -> String {
        let links: Vec<String> = ids
            .iter()
            .map(|id| self.article_link(numbering, id))
            .collect();
        links.join(", ")
    }

    fn article_link(&self, numbering: &Numbering<'_>, id: &str) -> String {
        let text = match numbering.number(id) {
            Some(n) => format!("[{n}] {}", escape(self.view.label(id))),
            None => escape(self.view.label(id)),
        };
        match self.anchors.article(id) {
            Some(anchor) => format!("<a href=\"#{}\">{text}</a>", escape(anchor)),
            None => text,
        }
    }

    /// The story's reuse records as a table and a graph.
    fn reuse(&self, index: usize, story: &Story, numbering: &Numbering<'_>) -> String {
        let records = self.view.story_reuse(story);
        if records.is_empty() {
            return "<p class=\"none\">No article in this story reuses another.</p>\n".to_owned();
        }
        let mut html = String::from(
            "<table class=\"reuse\">\n<thead><tr><th>Article</th><th>Relation</th><th>Other \
             article</th><th>Kind</th><th class=\"num\">Coverage</th><th>Direction decided \
             by</th></tr></thead>\n<tbody>\n",
        );
        for r in &records {
            let relation = if view::is_directed(r) {
                "copied from"
            } else {
                "shares text with (direction undetermined)"
            };
            html.push_str(&format!(
                "<tr><td>{}</td><td>{relation}</td><td>{}</td><td>{}</td><td \
                 class=\"num\">{}</td><td>{}</td></tr>\n",
                self.article_link(numbering, &r.copy),
                self.article_link(numbering, &r.source),
                r.kind.as_str(),
                escape(&view::percent(r.coverage)),
                escape(&r.direction),
            ));
        }
        html.push_str("</tbody>\n</table>\n");

        // The graph: the story's own articles, each once, in the story's order.
        let mut members: Vec<&str> = Vec::new();
        for id in &story.articles {
            if !members.contains(&id.as_str()) {
                members.push(id);
            }
        }
        let mut origins: Vec<&str> = Vec::new();
        let anchors: Vec<String> = members
            .iter()
            .map(|id| self.anchors.article(id).unwrap_or("").to_owned())
            .collect();
        let mut nodes = Vec::with_capacity(members.len());
        for (i, id) in members.iter().enumerate() {
            let origin = self.view.origin_of(id).unwrap_or(id);
            let group = origins
                .iter()
                .position(|o| *o == origin)
                .unwrap_or_else(|| {
                    origins.push(origin);
                    origins.len() - 1
                });
            let label = self.view.label(id);
            nodes.push(Node {
                number: numbering.number(id).unwrap_or(i + 1),
                label,
                anchor: &anchors[i],
                group,
                title: format!(
                    "[{}] {label}, origin {origin}",
                    numbering.number(id).unwrap_or(0)
                ),
            });
        }
        let position = |id: &str| members.iter().position(|m| *m == id);
        let edges: Vec<Edge> = records
            .iter()
            .filter_map(|r| {
                let (copy, source) = (self.view.label(&r.copy), self.view.label(&r.source));
                let (kind, share) = (r.kind.as_str(), view::percent(r.coverage));
                let directed = view::is_directed(r);
                Some(Edge {
                    source: position(&r.source)?,
                    copy: position(&r.copy)?,
                    kind: r.kind,
                    directed,
                    title: if directed {
                        format!("{copy} ← {source} ({kind}, {share} of its text)")
                    } else {
                        format!(
                            "{copy} shares text with {source} (direction undetermined; {kind}, \
                             {share} of its text)"
                        )
                    },
                })
            })
            .collect();
        let description = format!(
            "Who copied whom in {}: {} drawn as arrows from source to copy, or as plain lines \
             where the direction is undetermined",
            view::headline(story),
            view::count(edges.len(), "reuse record", "reuse records"),
        );
        let graph = svg::reuse_graph(
            &format!("{}-graph", self.anchors.stories[index]),
            &description,
            &nodes,
            &edges,
        );
        html.push_str(&format!(
            "<figure>\n{graph}\n<figcaption>Arrows run from source to copy; a line without an \
             arrowhead joins two articles that share text when nothing tells which is the \
             source. Solid: duplicate or copy; dashed: partial; dotted: shared quotations only. \
             Nodes of one colour share an origin.</figcaption>\n</figure>\n"
        ));
        html
    }

    /// One article entry: a `<details>` with its metadata and its text, `marks` highlighted.
    fn article(&mut self, number: usize, article: &Article, marks: &[Mark]) {
        let anchor = self.anchors.article(&article.id).unwrap_or("");
        let label = view::label(article);
        let mut summary = format!(
            "<span class=\"num\">[{number}]</span> <strong>{}</strong>",
            escape(label)
        );
        if let Some(title) = article.title.as_deref().filter(|t| *t != label) {
            summary.push_str(&format!(" — {}", escape(title)));
        }
        if let Some(date) = &article.published {
            summary.push_str(&format!(" <span class=\"meta\">{}</span>", escape(date)));
        }
        let mut html = format!(
            "<details class=\"article\" id=\"{}\">\n<summary>{summary}</summary>\n<dl \
             class=\"metadata\">\n",
            escape(anchor)
        );
        let none = "<span class=\"none\">not found</span>".to_owned();
        let field = |value: &Option<String>| value.as_deref().map_or_else(|| none.clone(), escape);
        let url = match article.url.as_deref() {
            Some(url) if view::is_web_url(url) => format!(
                "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                escape_value(url),
                escape(url)
            ),
            Some(url) => escape(url),
            None => none.clone(),
        };
        let credits = if article.credits.is_empty() {
            none.clone()
        } else {
            escape(&article.credits.join(", "))
        };
        let file = view::file_name(&article.path);
        let path = match &article.record {
            Some(record) => format!("{} ({})", escape(file), escape(record)),
            None => escape(file),
        };
        let origin = match self.view.origin_of(&article.id) {
            Some(origin) => escape(origin),
            None => none.clone(),
        };
        let id = match self.article_pages {
            Some(prefix) => format!(
                "<a href=\"{}\">{}</a>",
                escape_value(&format!("{prefix}{}", view::url_encode(&article.id))),
                escape(&article.id)
            ),
            None => escape(&article.id),
        };
        let rows = [
            ("Id", id),
            ("Outlet", field(&article.outlet)),
            ("Title", field(&article.title)),
            ("Published", field(&article.published)),
            ("URL", url),
            ("Dateline", field(&article.dateline)),
            ("Byline", field(&article.byline)),
            ("Credits", credits),
            ("Language", field(&article.language)),
            ("File", path),
            ("Origin", origin),
        ];
        for (name, value) in rows {
            html.push_str(&format!("<dt>{name}</dt><dd>{value}</dd>\n"));
        }
        if article.syndicated {
            html.push_str("<dt>Syndicated</dt><dd>says it was republished from a feed</dd>\n");
        }
        if !article.warnings.is_empty() {
            html.push_str("<dt>Warnings</dt><dd><ul>");
            for warning in &article.warnings {
                html.push_str(&format!("<li>{}</li>", escape(warning)));
            }
            html.push_str("</ul></dd>\n");
        }
        html.push_str("</dl>\n<div class=\"text\">\n");
        html.push_str(&paragraphs(&article.text, marks));
        html.push_str("</div>\n</details>\n");
        self.push(&html);
    }

    /// The rejected inputs, as a table.
    fn rejected(&mut self) {
        let fold = self.view.fold;
        if fold.rejected.is_empty() {
            return;
        }
        let mut html = String::from(
            "<section id=\"rejected\">\n<h2>Rejected inputs</h2>\n<table>\n<thead><tr><th>Path</th>\
             <th>Record</th><th>Reason</th></tr></thead>\n<tbody>\n",
        );
        for rejected in &fold.rejected {
            html.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                escape(view::file_name(&rejected.path)),
                rejected.record.as_deref().map(escape).unwrap_or_default(),
                escape(&rejected.reason),
            ));
        }
        html.push_str("</tbody>\n</table>\n</section>\n");
        self.push(&html);
    }
}

/// A stretch of an article's text that the page shows: highlighted, or a place citations
/// link to, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mark {
    range: Range<usize>,
    kind: MarkKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum MarkKind {
    /// Highlighted as reused: a passage shared with a source or a copy in the story.
    Reused,
    /// A cited sentence: the element `id` that citations link to, highlighted when the brief
    /// uses it.
    Cited { id: String, brief: bool },
}

/// The element id of the sentence at `start` in the article whose entry is `anchor`.
fn sentence_anchor(anchor: &str, start: usize) -> String {
    format!("{anchor}-at-{start}")
}

/// What `id`'s entry in `story` marks: every sentence the story cites from it (brief, facts,
/// only-in, timeline), each a link target, and the passages it shares through copying.
fn story_marks(
    story: &Story,
    reuse: &[&newsfold_core::Reuse],
    id: &str,
    anchor: &str,
) -> Vec<Mark> {
    let mut cited: BTreeMap<usize, (usize, bool)> = BTreeMap::new();
    let brief = story.brief.iter().map(|c| (c, true));
    let others = story
        .facts
        .iter()
        .chain(&story.only_in)
        .chain(story.timeline.iter().map(|d| &d.fact))
        .map(|c| (c, false));
    for (c, in_brief) in brief.chain(others) {
        for (_, span) in c.spans.iter().filter(|(article, _)| article == id) {
            let range = span.range();
            let entry = cited.entry(range.start).or_insert((range.end, in_brief));
            entry.0 = entry.0.max(range.end);
            entry.1 |= in_brief;
        }
    }
    let mut marks: Vec<Mark> = Vec::new();
    let mut end_of_last = 0;
    for (start, (end, brief)) in cited {
        // Targets are sentences, so they do not overlap; one that does is left out.
        if start < end && start >= end_of_last {
            marks.push(Mark {
                range: start..end,
                kind: MarkKind::Cited {
                    id: sentence_anchor(anchor, start),
                    brief,
                },
            });
            end_of_last = end;
        }
    }
    for r in reuse.iter().filter(|r| r.kind != ReuseKind::Quotes) {
        for p in r.passages.iter().filter(|p| !p.quote) {
            let span = if r.copy == id {
                p.copy
            } else if r.source == id {
                p.source
            } else {
                continue;
            };
            marks.push(Mark {
                range: span.range(),
                kind: MarkKind::Reused,
            });
        }
    }
    marks
}

/// The text as `<p>` paragraphs (split on blank lines), with its marks: reused passages in
/// `<mark class="reused">`, cited sentences in `<span class="cited" id>` (also highlighted
/// when the brief uses them); where they overlap, the text is cut into pieces that carry both.
///
/// A mark that does not fit the text (out of range, or not on character boundaries) is skipped;
/// a mark that crosses paragraphs is cut at their edges (a target's id stays at its start).
fn paragraphs(text: &str, marks: &[Mark]) -> String {
    let marks: Vec<&Mark> = marks
        .iter()
        .filter(|m| m.range.start < m.range.end && text.get(m.range.clone()).is_some())
        .collect();
    let reused: Vec<&Range<usize>> = marks
        .iter()
        .filter(|m| m.kind == MarkKind::Reused)
        .map(|m| &m.range)
        .collect();
    let mut targets: Vec<(&Range<usize>, &str, bool)> = marks
        .iter()
        .filter_map(|m| match &m.kind {
            MarkKind::Cited { id, brief } => Some((&m.range, id.as_str(), *brief)),
            MarkKind::Reused => None,
        })
        .collect();
    targets.sort_by_key(|(range, _, _)| range.start);
    let mut next_target = 0;
    let mut html = String::new();
    let mut start = 0;
    while start <= text.len() {
        let end = text
            .get(start..)
            .and_then(|rest| rest.find("\n\n"))
            .map_or(text.len(), |i| start + i);
        let raw = text.get(start..end).unwrap_or("");
        let lead = raw.len() - raw.trim_start().len();
        let trail = raw.len() - raw.trim_end().len();
        let (a, b) = (start + lead, end - trail);
        if a < b {
            let mut cuts = vec![a, b];
            for m in &marks {
                cuts.extend(
                    [m.range.start, m.range.end]
                        .into_iter()
                        .filter(|&x| a < x && x < b),
                );
            }
            cuts.sort_unstable();
            cuts.dedup();
            html.push_str("<p>");
            // The target open in this paragraph: its end.
            let mut open: Option<usize> = None;
            for piece in cuts.windows(2) {
                let (s, e) = (piece[0], piece[1]);
                if open.is_none() {
                    // A target whose start is here, or was skipped (in a gap between paragraphs).
                    while let Some(&(range, id, brief)) = targets.get(next_target) {
                        if range.start > s {
                            break;
                        }
                        next_target += 1;
                        if range.end > s {
                            let class = if brief { "cited brief" } else { "cited" };
                            html.push_str(&format!(
                                "<span class=\"{class}\" id=\"{}\">",
                                escape(id)
                            ));
                            open = Some(range.end);
                            break;
                        }
                    }
                }
                let piece_text = lines(text.get(s..e).unwrap_or(""));
                if reused.iter().any(|r| r.start <= s && e <= r.end) {
                    html.push_str(&format!("<mark class=\"reused\">{piece_text}</mark>"));
                } else {
                    html.push_str(&piece_text);
                }
                if open.is_some_and(|end| end <= e) {
                    html.push_str("</span>");
                    open = None;
                }
            }
            if open.is_some() {
                html.push_str("</span>");
            }
            html.push_str("</p>\n");
        }
        start = end + 2;
    }
    if html.is_empty() {
        html.push_str("<p class=\"none\">No text.</p>\n");
    }
    html
}

/// Escaped text with its line breaks kept as `<br>`; a piece of a paragraph, which is its own
/// bidi block, so not isolated (the module's bidi rule).
fn lines(text: &str) -> String {
    escape_value(text).replace('\n', "<br>\n")
}

#[cfg(test)]
mod tests {
    use super::{Mark, MarkKind, anchor, escape, paragraphs};

    fn reused(range: std::ops::Range<usize>) -> Mark {
        Mark {
            range,
            kind: MarkKind::Reused,
        }
    }

    fn cited(range: std::ops::Range<usize>, id: &str, brief: bool) -> Mark {
        Mark {
            range,
            kind: MarkKind::Cited {
                id: id.to_owned(),
                brief,
            },
        }
    }

    #[test]
    fn escape_makes_markup_inert() {
        assert_eq!(
            escape(r#"<a href="x" onclick='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(escape("a\u{0}b\r\n"), "a\u{FFFD}b \n");
    }

    #[test]
    fn anchors_keep_plain_ids_and_hash_the_rest() {
        assert_eq!(
            anchor("article", "xi-putin_1.txt"),
            "article-xi-putin_1.txt"
        );
        let odd = anchor("article", "a b\"<c>");
        assert!(odd.starts_with("article-a-b--c--"), "{odd}");
        assert!(
            odd.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        );
        assert_ne!(anchor("story", "a b"), anchor("story", "a-b"));
        assert!(anchor("story", "").len() > "story-".len());
    }

    #[test]
    fn marks_are_clipped_to_paragraphs_and_bad_ones_skipped() {
        let text = "One. Two.\n\nThree é.";
        // 0..4 "One.", 5..16 crosses the paragraph break, 18..20 splits "é", 99.. out of range.
        let marks = [reused(0..4), reused(5..16), reused(18..20), reused(99..120)];
        assert_eq!(
            paragraphs(text, &marks),
            "<p><mark class=\"reused\">One.</mark> <mark class=\"reused\">Two.</mark></p>\n\
             <p><mark class=\"reused\">Three</mark> é.</p>\n"
        );
    }

    #[test]
    fn cited_sentences_are_targets_and_reused_passages_cut_across_them() {
        let text = "One two. Three four.\n\nFive.";
        // The second sentence is cited by the brief; a reused passage runs from "two" into it.
        let marks = [
            cited(9..20, "a-at-9", true),
            reused(4..14),
            cited(22..27, "a-at-22", false),
        ];
        assert_eq!(
            paragraphs(text, &marks),
            "<p>One <mark class=\"reused\">two. </mark><span class=\"cited brief\" \
             id=\"a-at-9\"><mark class=\"reused\">Three</mark> four.</span></p>\n<p><span \
             class=\"cited\" id=\"a-at-22\">Five.</span></p>\n"
        );
    }

    #[test]
    fn empty_text_says_so() {
        assert_eq!(paragraphs("", &[]), "<p class=\"none\">No text.</p>\n");
        assert_eq!(
            paragraphs("\n\n\n\n", &[reused(0..2), reused(1..3)]),
            "<p class=\"none\">No text.</p>\n"
        );
    }
}
