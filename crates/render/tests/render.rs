//! The three outputs of `newsfold-render`, checked on one small hand-made fold: two stories,
//! five articles, copying, origins, a rejected input, and hostile strings in titles, text, URLs,
//! outlets and paths.
//!
//! The Markdown brief is a snapshot (review `tests/snapshots/` when it changes); the HTML report
//! is checked for properties (no markup from article content, links only where safe, every
//! story and article reachable, deterministic bytes); `fold.json` is validated against
//! `docs/fold.schema.json`, and the schema is shown to reject broken documents.

use std::collections::BTreeMap;

use newsfold_core::{
    Article, Cited, Conflict, Dated, Figure, Fold, Framing, Origin, Quote, QuoteVariant, Rejected,
    Reuse, ReuseKind, RunInfo, Span, StageTiming, Story, Wording, count_origins,
};
use newsfold_render::{brief_markdown, fold_json, report_html, schema};
use serde_json::{Value, json};

/// Builds a fold by hand: articles, origins and reuse as given; stories with their derived
/// fields (outlets, dates, independent counts, spans) computed the way the pipeline defines them.
#[derive(Default)]
struct FoldBuilder {
    fold: Fold,
    /// Stories, turned into `Story` values once every article and origin is known.
    stories: Vec<StorySpec>,
}

/// A story as the test gives it; `build` derives the rest.
struct StorySpec {
    id: String,
    headline: Option<String>,
    articles: Vec<String>,
    brief: Vec<String>,
    facts: Vec<String>,
}

/// Optional metadata of a test article.
#[derive(Default, Clone, Copy)]
struct Meta<'a> {
    outlet: Option<&'a str>,
    title: Option<&'a str>,
    url: Option<&'a str>,
    published: Option<&'a str>,
}

impl FoldBuilder {
    fn article(mut self, id: &str, meta: Meta<'_>, text: &str) -> Self {
        self.fold.articles.push(Article {
            id: id.to_owned(),
            path: format!("inputs/{id}.txt"),
            record: None,
            title: meta.title.map(str::to_owned),
            outlet: meta.outlet.map(str::to_owned),
            url: meta.url.map(str::to_owned),
            published: meta.published.map(str::to_owned),
            updated: None,
            dateline: Some("BEIJING".to_owned()),
            byline: None,
            credits: vec!["AFP".to_owned()],
            language: Some("en".to_owned()),
            syndicated: false,
            text: text.to_owned(),
            sentences: sentence_spans(text),
            provenance: Vec::new(),
            removed: Vec::new(),
            warnings: Vec::new(),
            taken: Vec::new(),
        });
        self
    }

    fn origin(mut self, id: &str, articles: &[&str]) -> Self {
        self.fold.origins.push(Origin {
            id: id.to_owned(),
            root: articles[0].to_owned(),
            articles: articles.iter().map(|a| a.to_string()).collect(),
        });
        self
    }

    /// A reuse relation whose direction quotations leave undetermined, others decided by date.
    fn reuse(mut self, source: &str, copy: &str, kind: ReuseKind, coverage: f64) -> Self {
        let direction = if kind == ReuseKind::Quotes {
            "undetermined"
        } else {
            "earlier date"
        };
        self.fold.reuse.push(Reuse {
            source: source.to_owned(),
            copy: copy.to_owned(),
            kind,
            coverage,
            direction: direction.to_owned(),
            passages: Vec::new(),
        });
        self
    }

    /// A story; each brief sentence and fact is cited to every member article whose text holds it.
    fn story(
        mut self,
        id: &str,
        headline: Option<&str>,
        articles: &[&str],
        brief: &[&str],
        facts: &[&str],
    ) -> Self {
        let owned = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        self.stories.push(StorySpec {
            id: id.to_owned(),
            headline: headline.map(str::to_owned),
            articles: owned(articles),
            brief: owned(brief),
            facts: owned(facts),
        });
        self
    }

    fn rejected(mut self, path: &str, record: Option<&str>, reason: &str) -> Self {
        self.fold.rejected.push(Rejected {
            path: path.to_owned(),
            record: record.map(str::to_owned),
            reason: reason.to_owned(),
        });
        self
    }

    fn build(mut self) -> Fold {
        let origin_of: BTreeMap<String, String> = self
            .fold
            .origins
            .iter()
            .flat_map(|o| o.articles.iter().map(|a| (a.clone(), o.id.clone())))
            .collect();
        let articles: BTreeMap<String, Article> = self
            .fold
            .articles
            .iter()
            .map(|a| (a.id.clone(), a.clone()))
            .collect();
        let cite = |members: &[String], text: &str| {
            let mut sources = Vec::new();
            let mut spans = Vec::new();
            for id in members {
                if let Some(start) = articles[id].text.find(text) {
                    sources.push(id.clone());
                    spans.push((id.clone(), Span::new(start, start + text.len())));
                }
            }
            Cited {
                text: text.to_owned(),
                independent: count_origins(sources.iter().map(String::as_str), &origin_of),
                sources,
                spans,
            }
        };
        for spec in std::mem::take(&mut self.stories) {
            let StorySpec {
                id,
                headline,
                articles: members,
                brief,
                facts,
            } = spec;
            let mut outlets: Vec<String> = members
                .iter()
                .filter_map(|m| articles[m].outlet.clone())
                .collect();
            outlets.sort();
            outlets.dedup();
            let dates: Vec<&String> = members
                .iter()
                .filter_map(|m| articles[m].published.as_ref())
                .collect();
            self.fold.stories.push(Story {
                id,
                headline,
                outlets,
                roundups: Vec::new(),
                independent: count_origins(members.iter().map(String::as_str), &origin_of),
                first_published: dates.iter().min().map(|d| d.to_string()),
                last_published: dates.iter().max().map(|d| d.to_string()),
                brief: brief.iter().map(|s| cite(&members, s)).collect(),
                facts: facts.iter().map(|s| cite(&members, s)).collect(),
                only_in: brief.iter().take(1).map(|s| cite(&members, s)).collect(),
                framing: vec![Framing {
                    referent: "<script>alert(1)</script> the capital".to_owned(),
                    wordings: ["Kyiv", "<img src=x onerror=alert(1)>"]
                        .iter()
                        .map(|term| Wording {
                            term: (*term).to_owned(),
                            articles: members.clone(),
                            outlets: Vec::new(),
                        })
                        .collect(),
                }],
                figures: vec![Figure {
                    kind: "money".to_owned(),
                    unit: "USD".to_owned(),
                    value: 147e9,
                    text: "$147 <script>alert(1)</script> billion".to_owned(),
                    sources: members.clone(),
                    independent: 1,
                    spans: Vec::new(),
                }],
                conflicts: vec![Conflict {
                    kind: "count".to_owned(),
                    unit: "<b>people</b>".to_owned(),
                    values: [43.0, 47.0]
                        .iter()
                        .map(|&value| Figure {
                            kind: "count".to_owned(),
                            unit: "<b>people</b>".to_owned(),
                            value,
                            text: format!("{value} <script>alert(1)</script> people"),
                            sources: members.clone(),
                            independent: 1,
                            spans: Vec::new(),
                        })
                        .collect(),
                }],
                timeline: brief
                    .iter()
                    .take(1)
                    .map(|s| Dated {
                        date: "2022-06-15".to_owned(),
                        precision: "day".to_owned(),
                        fact: cite(&members, s),
                    })
                    .collect(),
                quotes: vec![Quote {
                    speaker: Some("<script>alert(1)</script> Minister".to_owned()),
                    channel: Some("<img src=x onerror=alert(1)>".to_owned()),
                    direct: true,
                    sources: members.clone(),
                    independent: 1,
                    variants: vec![QuoteVariant {
                        text: "We <b>will</b> rebuild".to_owned(),
                        articles: members.clone(),
                        spans: Vec::new(),
                    }],
                }],
                articles: members,
            });
        }
        self.fold.run = RunInfo {
            version: "0.1.0".to_owned(),
            threads: 2,
            timings: vec![StageTiming {
                stage: "read".to_owned(),
                millis: 3,
            }],
        };
        self.fold
    }
}

/// Naive sentence spans: up to each `. ` or the end of a paragraph.
fn sentence_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let next = text[i + c.len_utf8()..].chars().next();
        if c == '.' && matches!(next, None | Some(' ' | '\n')) {
            spans.push(Span::new(start, i + 1));
            start = i + 1 + text[i + 1..].len() - text[i + 1..].trim_start().len();
        }
    }
    spans
}

const WIRE: &str = "Xi Jinping and Vladimir Putin spoke by phone on Wednesday. \
    The Kremlin said the talks were warm and friendly.\n\n\
    Trade between the two countries grew by a third this year.";
const COPY: &str = "The Kremlin said the talks were warm and friendly. \
    Xi Jinping and Vladimir Putin spoke by phone on Wednesday.\n\n\
    Read our coverage of the region every morning.";
const HOSTILE_TEXT: &str = "Xi Jinping and Vladimir Putin spoke by phone on Wednesday.\n\n\
    *Putin* said [the West](javascript:alert(1)) <script>alert(1)</script> was to blame.\n\n\
    # Not a heading\n- not a list <img src=x onerror=alert(1)> & co &amp; `code` _under_";
const PORT: &str = "The old bridge closed after the storm. \
    \"We will rebuild it,\" the mayor said.";
const BARE: &str = "\"We will rebuild it,\" the mayor said. Engineers arrive on Monday.";

const SCRIPT_OUTLET: &str = "<script>alert(1)</script> Gazette";
const IMG_TITLE: &str = "<img src=x onerror=alert(1)>";
const ATTR_URL: &str = "https://example.com/\" onmouseover=\"x";

fn sample() -> Fold {
    let wire = Meta {
        outlet: Some("Daily Meridian"),
        title: Some("Xi and Putin talk"),
        url: Some("https://meridian.example/xi-putin?a=1&b=2"),
        published: Some("2022-06-15"),
    };
    let copy = Meta {
        outlet: Some("Harbour Times"),
        title: Some("Leaders talk"),
        url: Some("http://harbour.example/leaders"),
        published: Some("2022-06-16"),
    };
    let hostile = Meta {
        outlet: Some(SCRIPT_OUTLET),
        title: Some(IMG_TITLE),
        url: Some("javascript:alert(1)"),
        published: Some("2022-06-16"),
    };
    let port = Meta {
        outlet: Some("Port Courier"),
        title: Some("Bridge closed [updated] *live*"),
        url: Some(ATTR_URL),
        published: Some("2022-07-01"),
    };
    FoldBuilder::default()
        .article("a-meridian", wire, WIRE)
        .article("b-harbour", copy, COPY)
        .article("c-hostile", hostile, HOSTILE_TEXT)
        .article("d-port", port, PORT)
        .article("e-bare", Meta::default(), BARE)
        .origin("o-a-meridian", &["a-meridian", "b-harbour"])
        .origin("o-c-hostile", &["c-hostile"])
        .origin("o-d-port", &["d-port"])
        .origin("o-e-bare", &["e-bare"])
        .reuse("a-meridian", "b-harbour", ReuseKind::Copy, 0.874)
        .reuse("a-meridian", "c-hostile", ReuseKind::Partial, 0.31)
        .reuse("d-port", "e-bare", ReuseKind::Quotes, 0.12)
        .story(
            "s-a-meridian",
            Some("Xi and Putin talk by phone"),
            &["a-meridian", "b-harbour", "c-hostile"],
            &[
                "Xi Jinping and Vladimir Putin spoke by phone on Wednesday.",
                "The Kremlin said the talks were warm and friendly.",
                "*Putin* said [the West](javascript:alert(1)) <script>alert(1)</script> was to \
                 blame.",
            ],
            &["Xi Jinping and Vladimir Putin spoke by phone on Wednesday."],
        )
        .story(
            "s-d-port",
            None,
            &["d-port", "e-bare"],
            &[
                "The old bridge closed after the storm.",
                "Engineers arrive on Monday.",
            ],
            &["\"We will rebuild it,\" the mayor said."],
        )
        .rejected(
            "feeds/bad.jsonl",
            Some("line 4"),
            "not JSON: expected value at column 1",
        )
        .rejected(
            "<b>evil</b>.txt",
            None,
            "unreadable: <script>alert(1)</script>",
        )
        .build()
}

// ---------------------------------------------------------------------------------------------
// brief.md

#[test]
fn markdown_brief_matches_snapshot() {
    insta::assert_snapshot!("brief", brief_markdown(&sample()));
}

#[test]
fn markdown_escapes_article_text() {
    let md = brief_markdown(&sample());
    // Every `<` is escaped, or opens an autolink to a web URL.
    for (i, _) in md.match_indices('<') {
        assert!(
            md[..i].ends_with('\\') || md[i..].starts_with("<http"),
            "raw HTML in markdown at {:?}",
            &md[i..md.len().min(i + 30)]
        );
    }
    assert!(
        !md.contains("[the West](javascript"),
        "article text made a link"
    );
    assert!(md.contains(r"\[the West\](javascript:alert(1))"));
    assert!(
        md.lines().all(|l| !l.starts_with("# Not")),
        "article text made a heading"
    );
    // The citation of the first brief sentence: every carrier and one origin for two of them.
    assert!(md.contains(
        "1. Xi Jinping and Vladimir Putin spoke by phone on Wednesday. [Daily Meridian [1], \
         Harbour Times [2], \\<script\\>alert(1)\\</script\\> Gazette [3]; 2 independent origins]"
    ));
}

// ---------------------------------------------------------------------------------------------
// report.html

/// Every tag in the page, as `(name, attributes)`. Text never contains `<` (it is escaped), so
/// every `<` opens a tag the renderer wrote; attribute values are double-quoted and never
/// contain `"` (it is escaped).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').expect("every tag is closed") + open;
        let inner = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if inner.starts_with('!') {
            continue;
        }
        let inner = inner.trim_start_matches('/').trim_end_matches('/');
        let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
        let name = inner[..name_end].to_owned();
        let mut attributes = Vec::new();
        let mut attrs = inner[name_end..].trim();
        while !attrs.is_empty() {
            let eq = attrs.find('=').expect("attributes have values");
            let key = attrs[..eq].trim().to_owned();
            let after = &attrs[eq + 1..];
            assert!(
                after.starts_with('"'),
                "unquoted attribute {key} in <{inner}>"
            );
            let end = after[1..].find('"').expect("closing quote") + 1;
            attributes.push((key, after[1..end].to_owned()));
            attrs = after[end + 1..].trim();
        }
        tags.push((name, attributes));
    }
    tags
}

/// The elements and attributes the renderer writes; anything else came from an article.
const ELEMENTS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "nav",
    "ol",
    "ul",
    "li",
    "a",
    "span",
    "main",
    "section",
    "sup",
    "strong",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "svg",
    "defs",
    "marker",
    "path",
    "g",
    "circle",
    "text",
    "details",
    "summary",
    "dl",
    "dt",
    "dd",
    "div",
    "mark",
    "br",
    "footer",
];
const ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "http-equiv",
    "name",
    "content",
    "class",
    "id",
    "href",
    "title",
    "rel",
    "aria-label",
    "aria-labelledby",
    "role",
    "xmlns",
    "viewBox",
    "width",
    "height",
    "refX",
    "refY",
    "markerWidth",
    "markerHeight",
    "orient",
    "d",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "marker-end",
    "cx",
    "cy",
    "r",
    "x",
    "y",
    "text-anchor",
    "rowspan",
    "colspan",
    // The source-mix bar's segments (issue 18), only ever `width:N%`: checked below.
    "style",
];

#[test]
fn html_never_turns_article_content_into_markup() {
    let html = report_html(&sample());
    assert!(!html.contains("<script"), "a script element");
    assert!(!html.contains("<img"), "an img element");
    assert!(!html.to_lowercase().contains("href=\"javascript:"));
    for (name, attributes) in tags(&html) {
        assert!(
            ELEMENTS.contains(&name.as_str()),
            "unexpected element <{name}>"
        );
        for (key, value) in attributes {
            assert!(
                ATTRIBUTES.contains(&key.as_str()),
                "unexpected attribute {key} on <{name}>"
            );
            assert!(
                !key.starts_with("on") && !value.contains('"') && !value.contains('<'),
                "{key}={value:?} on <{name}>"
            );
            if key == "style" {
                let percent = value
                    .strip_prefix("width:")
                    .and_then(|v| v.strip_suffix('%'));
                assert!(
                    percent.is_some_and(|p| p.parse::<u8>().is_ok_and(|p| p <= 100)),
                    "style={value:?} on <{name}>"
                );
            }
            if key == "href" {
                assert!(
                    value.starts_with('#')
                        || value.starts_with("https://")
                        || value.starts_with("http://"),
                    "unsafe href {value:?}"
                );
            }
        }
    }
    // The hostile strings are shown, escaped, not dropped.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Gazette"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("https://example.com/&quot; onmouseover=&quot;x"));
    // A path is shown by its last component (issue 18): `b>.txt` of `<b>evil</b>.txt`, escaped.
    assert!(html.contains("<td>b&gt;.txt</td>"));
    // The javascript: URL is text, the attribute-breaking one an escaped href.
    assert!(html.contains("<dt>URL</dt><dd>javascript:alert(1)</dd>"));
    assert!(html.contains("href=\"https://example.com/&quot; onmouseover=&quot;x\""));
}

#[test]
fn html_is_a_self_contained_page() {
    let html = report_html(&sample());
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.ends_with("</html>\n"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("<meta name=\"viewport\""));
    assert!(html.contains(&format!(
        "<meta name=\"generator\" content=\"newsfold {}\">",
        env!("CARGO_PKG_VERSION")
    )));
    for external in ["<link", "<script", "<img", "<iframe", "<object", "@import"] {
        assert!(!html.contains(external), "external resource: {external}");
    }
    assert!(
        tags(&html)
            .iter()
            .all(|(_, attributes)| attributes.iter().all(|(key, _)| key != "src")),
        "no element loads anything"
    );
    assert_eq!(
        html.matches("url(").count(),
        html.matches("url(#").count(),
        "only in-page references"
    );
    // Elements that must be closed are balanced.
    let tags = tags(&html);
    for element in [
        "section", "details", "table", "ol", "ul", "svg", "figure", "p", "mark",
    ] {
        // `tags` names opening and closing tags alike.
        let both = tags.iter().filter(|(n, _)| n == element).count();
        let closed = html.matches(&format!("</{element}>")).count();
        assert_eq!(both, closed * 2, "<{element}> opened and closed");
    }
}

#[test]
fn html_links_every_citation_to_its_article() {
    let fold = sample();
    let html = report_html(&fold);
    for story in &fold.stories {
        assert!(html.contains(&format!(
            "<section class=\"story\" id=\"story-{}\">",
            story.id
        )));
        assert!(html.contains(&format!("<a href=\"#story-{}\">", story.id)));
    }
    for article in &fold.articles {
        let id = format!("id=\"article-{}\"", article.id);
        assert_eq!(html.matches(&id).count(), 1, "one entry for {}", article.id);
    }
    // The first brief sentence cites the three articles of the first story: each number
    // leads to the sentence in that article, and its tooltip quotes the article's wording.
    assert!(html.contains(
        "<sup class=\"cite\">[<a href=\"#article-a-meridian-at-0\" title=\"Daily Meridian: \
         “Xi Jinping and Vladimir Putin spoke by phone on Wednesday.”\">1</a>, <a \
         href=\"#article-b-harbour-at-51\" title=\"Harbour Times: “Xi Jinping and Vladimir \
         Putin spoke by phone on Wednesday.”\">2</a>, <a href=\"#article-c-hostile-at-0\" \
         title=\"&lt;script&gt;alert(1)&lt;/script&gt; Gazette: “Xi Jinping and Vladimir Putin \
         spoke by phone on Wednesday.”\">3</a>]</sup> <span class=\"sources\">Daily Meridian, \
         Harbour Times, &lt;script&gt;alert(1)&lt;/script&gt; Gazette · 2 independent \
         origins</span>"
    ));
    // Every link leads to an element of the page.
    for link in html.split("href=\"#").skip(1) {
        let target = &link[..link.find('"').unwrap_or(0)];
        assert_eq!(
            html.matches(&format!("id=\"{target}\"")).count(),
            1,
            "#{target} leads nowhere"
        );
    }
    // Brief sentences are highlighted where they stand, paragraphs kept; other cited
    // sentences are link targets only.
    assert!(html.contains(
        "<p><span class=\"cited brief\" id=\"article-a-meridian-at-0\">Xi Jinping and \
         Vladimir Putin spoke by phone on Wednesday.</span> <span class=\"cited brief\" \
         id=\"article-a-meridian-at-59\">The Kremlin said the talks were warm and \
         friendly.</span></p>\n<p>Trade between the two countries grew by a third this year.</p>"
    ));
    assert!(html.contains(
        "<p><span class=\"cited brief\" id=\"article-c-hostile-at-60\">*Putin* said [the \
         West](javascript:alert(1)) &lt;script&gt;alert(1)&lt;/script&gt; was to \
         blame.</span></p>"
    ));
    assert!(html.contains(
        "<span class=\"cited\" id=\"article-d-port-at-39\">&quot;We will rebuild it,&quot; \
         the mayor said.</span>"
    ));
    // The facts × articles matrix marks what each article carries.
    assert!(html.contains("<table class=\"matrix\">"));
    // Who copied whom: the table and the graph.
    assert!(html.contains(
        "<tr><td><a href=\"#article-b-harbour\">[2] Harbour Times</a></td><td>copied \
         from</td><td><a href=\"#article-a-meridian\">[1] Daily Meridian</a></td><td>copy</td><td \
         class=\"num\">87%</td><td>earlier date</td></tr>"
    ));
    assert_eq!(html.matches("<svg").count(), 2);
    assert!(html.contains("<title>Harbour Times ← Daily Meridian (copy, 87% of its text)</title>"));
    // A relation whose direction is undetermined is told as shared text and drawn without an
    // arrowhead.
    assert!(html.contains(
        "<tr><td><a href=\"#article-e-bare\">[2] e-bare</a></td><td>shares text with (direction \
         undetermined)</td><td><a href=\"#article-d-port\">[1] Port Courier</a></td>"
    ));
    let title = "<title>e-bare shares text with Port Courier (direction undetermined; quotes, 12% \
                 of its text)</title></path>";
    let at = html.find(title).expect("the undetermined edge is drawn");
    let path = &html[html[..at].rfind("<path").unwrap_or(0)..at];
    assert!(!path.contains("marker-end"), "{path}");
    // Rejected inputs.
    assert!(html.contains(
        "<tr><td>bad.jsonl</td><td>line 4</td><td>not JSON: expected value at column \
         1</td></tr>"
    ));
}

#[test]
fn html_and_markdown_are_deterministic() {
    let fold = sample();
    assert_eq!(report_html(&fold), report_html(&fold.clone()));
    assert_eq!(brief_markdown(&fold), brief_markdown(&fold.clone()));
    assert_eq!(fold_json(&fold), fold_json(&fold.clone()));
    // Run facts other than the version (timings, threads) leave the report unchanged.
    let mut other_run = fold.clone();
    other_run.run.threads = 64;
    other_run.run.timings[0].millis = 12_345;
    assert_eq!(report_html(&fold), report_html(&other_run));
    assert_eq!(brief_markdown(&fold), brief_markdown(&other_run));
}

#[test]
fn broken_folds_render_without_panicking() {
    let mut fold = sample();
    // Spans out of range, reversed, and inside a multi-byte character; ids that name nothing;
    // a coverage that is not a number; duplicate ids.
    fold.articles[0].text = "é".repeat(10);
    let brief = &mut fold.stories[0].brief[0];
    brief.spans = vec![
        ("a-meridian".into(), Span { start: 1, end: 3 }),
        ("a-meridian".into(), Span { start: 9, end: 2 }),
        (
            "a-meridian".into(),
            Span {
                start: 5000,
                end: 6000,
            },
        ),
    ];
    brief.sources.push("ghost".into());
    fold.stories[0].articles.push("phantom".into());
    fold.stories[1].headline = Some("   ".into());
    fold.reuse[0].coverage = f64::NAN;
    fold.reuse.push(fold.reuse[1].clone());
    fold.articles.push(fold.articles[1].clone());
    fold.stories.push(fold.stories[0].clone());
    let mut loner = fold.articles[3].clone();
    loner.id = "loner".into();
    fold.articles.push(loner);
    let html = report_html(&fold);
    // A story listed twice gets a second anchor and links to the articles shown the first time;
    // an article in no story still gets its entry.
    assert!(html.contains("id=\"story-s-a-meridian-2\""));
    assert!(html.contains("(shown with an earlier story)"));
    assert!(html.contains("<section id=\"unassigned\">"));
    assert_eq!(html.matches("id=\"article-loner\"").count(), 1);
    assert_eq!(html.matches("id=\"article-b-harbour\"").count(), 1);
    let md = brief_markdown(&fold);
    let entry = &html[html.find("id=\"article-a-meridian\"").unwrap()..];
    let entry = &entry[..entry.find("</details>").unwrap()];
    assert!(!entry.contains("<mark>"), "no bad span is highlighted");
    assert!(html.contains("?%"));
    assert!(md.contains("ghost (not in this fold)"));
    assert!(
        md.contains("## s-d-port"),
        "headline falls back to the story id"
    );
    let _ = fold_json(&fold);

    let empty = Fold::default();
    assert!(report_html(&empty).contains("No stories."));
    assert_eq!(
        brief_markdown(&empty),
        "# newsfold brief\n\n0 articles, 0 stories, 0 origins, 0 rejected inputs.\n"
    );
}

// ---------------------------------------------------------------------------------------------
// fold.json and its schema

fn schema_value() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/fold.schema.json");
    let text = std::fs::read_to_string(path).expect("docs/fold.schema.json is readable");
    serde_json::from_str(&text).expect("the schema is JSON")
}

/// The schema's complaints about `instance`, one line each.
fn schema_errors(instance: &Value) -> Vec<String> {
    let schema = schema_value();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let on_disk = schema_value();
    if let Err(error) = jsonschema::meta::validate(&on_disk) {
        panic!("fold.schema.json is not a valid schema: {error}");
    }
    assert_eq!(
        on_disk["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(on_disk["$id"], "https://newsfold.invalid/fold.schema.json");
    assert_eq!(
        serde_json::from_str::<Value>(schema()).unwrap(),
        on_disk,
        "schema() is the file in docs/"
    );
}

#[test]
fn fold_json_is_pretty_printed_with_run_last() {
    let json = fold_json(&sample());
    assert!(json.starts_with("{\n  \"articles\": [\n    {\n      \"id\": \"a-meridian\","));
    assert!(json.ends_with("}\n"));
    let value: Value = serde_json::from_str(&json).unwrap();
    let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["articles", "stories", "reuse", "origins", "rejected", "run"]
    );
    assert_eq!(
        value["stories"][0]["brief"][0]["spans"][0],
        json!(["a-meridian", [0, 58]])
    );
}

#[test]
fn fold_json_follows_the_schema() {
    let value: Value = serde_json::from_str(&fold_json(&sample())).unwrap();
    assert_eq!(schema_errors(&value), Vec::<String>::new());
    let empty: Value = serde_json::from_str(&fold_json(&Fold::default())).unwrap();
    assert_eq!(schema_errors(&empty), Vec::<String>::new());
}

#[test]
fn the_schema_lists_every_field_fold_json_has() {
    // Walk the sample's JSON beside the schema: every key present must be described.
    fn walk(schema: &Value, root: &Value, value: &Value, at: &str, missing: &mut Vec<String>) {
        let schema = match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.trim_start_matches("#/$defs/");
                &root["$defs"][name]
            }
            None => schema,
        };
        match value {
            Value::Object(map) => {
                for (key, item) in map {
                    match schema["properties"].get(key) {
                        Some(sub) => walk(sub, root, item, &format!("{at}.{key}"), missing),
                        None => missing.push(format!("{at}.{key}")),
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let sub = schema["prefixItems"].get(i).unwrap_or(&schema["items"]);
                    walk(sub, root, item, &format!("{at}[{i}]"), missing);
                }
            }
            _ => {}
        }
    }
    let mut fold = sample();
    fold.articles[0].record = Some("line 1".into());
    fold.articles[0].provenance.push(newsfold_core::Provenance {
        field: "title".into(),
        source: "header line".into(),
    });
    fold.articles[0].removed.push(newsfold_core::Removed {
        text: "Read more: …".into(),
        reason: "read-more".into(),
    });
    fold.reuse[0].passages.push(newsfold_core::Passage {
        source: Span::new(0, 5),
        copy: Span::new(3, 8),
        quote: false,
    });
    let value: Value = serde_json::from_str(&fold_json(&fold)).unwrap();
    let root = schema_value();
    let mut missing = Vec::new();
    walk(&root, &root, &value, "fold", &mut missing);
    assert_eq!(
        missing,
        Vec::<String>::new(),
        "fields the schema does not describe"
    );
    assert_eq!(schema_errors(&value), Vec::<String>::new());
}

#[test]
fn the_schema_rejects_broken_documents() {
    // (what is broken, a change to the sample's fold.json)
    type Breakage = (&'static str, fn(&mut Value));
    let cases: &[Breakage] = &[
        ("missing top-level list", |v| {
            v.as_object_mut().unwrap().remove("origins");
        }),
        ("missing article field", |v| {
            v["articles"][0].as_object_mut().unwrap().remove("text");
        }),
        ("missing nullable field", |v| {
            v["articles"][1]
                .as_object_mut()
                .unwrap()
                .remove("published");
        }),
        ("unknown reuse kind", |v| {
            v["reuse"][0]["kind"] = json!("stolen")
        }),
        ("coverage above 1", |v| {
            v["reuse"][0]["coverage"] = json!(1.5)
        }),
        ("date in another format", |v| {
            v["articles"][0]["published"] = json!("June 15, 2022")
        }),
        ("span of three numbers", |v| {
            v["articles"][0]["sentences"][0] = json!([0, 4, 9])
        }),
        ("negative span offset", |v| {
            v["articles"][0]["sentences"][0] = json!([-1, 4])
        }),
        ("independent not a count", |v| {
            v["stories"][0]["brief"][0]["independent"] = json!("two")
        }),
        ("citation span without id", |v| {
            v["stories"][0]["brief"][0]["spans"][0] = json!([0, 58])
        }),
        ("rejected input without reason", |v| {
            v["rejected"][0].as_object_mut().unwrap().remove("reason");
        }),
        ("run without version", |v| {
            v["run"].as_object_mut().unwrap().remove("version");
        }),
    ];
    let good: Value = serde_json::from_str(&fold_json(&sample())).unwrap();
    for (what, breakage) in cases {
        let mut broken = good.clone();
        breakage(&mut broken);
        assert!(
            !schema_errors(&broken).is_empty(),
            "the schema accepted: {what}"
        );
    }
    // Additions are allowed: the contract says new fields may appear beside the listed ones.
    let mut extended = good.clone();
    extended["stories"][0]["timeline"] = json!([]);
    assert_eq!(schema_errors(&extended), Vec::<String>::new());
}

#[test]
fn fold_json_passes_the_shared_contract_checker() {
    let checker = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/tools/check-fold-json"
    );
    if !std::path::Path::new(checker).exists() {
        eprintln!("skipped: {checker} not found");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fold.json");
    std::fs::write(&path, fold_json(&sample())).unwrap();
    let output = match std::process::Command::new("python3")
        .arg(checker)
        .arg(&path)
        .output()
    {
        Ok(output) => output,
        Err(error) => {
            eprintln!("skipped: python3 not available ({error})");
            return;
        }
    };
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

// ---------------------------------------------------------------------------------------------
// bidi controls (issue 17, defect 11)

/// U+202E RIGHT-TO-LEFT OVERRIDE: everything after it on a line is shown reversed.
const OVERRIDE: char = '\u{202E}';

/// A story whose outlet, title, headline, text and rejected path carry overrides and isolates,
/// and an Arabic outlet with a right-to-left mark.
fn bidi_fold() -> Fold {
    let spoofed = Meta {
        outlet: Some("Evil\u{202E}etazaG"),
        title: Some("Quay\u{2067} works\u{202B}"),
        url: Some("https://evil.example/\u{202E}lmth.exe"),
        published: Some("2022-06-16"),
    };
    let arabic = Meta {
        outlet: Some("\u{0627}\u{0644}\u{0645}\u{064A}\u{0646}\u{0627}\u{0621}\u{200F}"),
        title: Some("Port news"),
        url: None,
        published: Some("2022-06-15"),
    };
    let text = "Workers began repairs\u{202E} on the old quay on Monday. The work takes six weeks.";
    FoldBuilder::default()
        .article("a", spoofed, text)
        .article("b", arabic, text)
        .origin("o1", &["a"])
        .origin("o2", &["b"])
        .story(
            "s1",
            Some("Repairs \u{202D}begin\u{202C} on the quay"),
            &["a", "b"],
            &["Workers began repairs\u{202E} on the old quay on Monday."],
            &[],
        )
        .rejected("inputs/\u{202E}txt.exe", None, "empty\u{2066}")
        .build()
}

/// Every run of right-to-left letters or bidi marks in `out` lies inside an isolate
/// (U+2068 ... U+2069) that is closed on the same line.
fn assert_isolated(out: &str, what: &str) {
    for line in out.lines() {
        let mut depth = 0usize;
        for c in line.chars() {
            match c {
                '\u{2068}' => depth += 1,
                '\u{2069}' => {
                    assert!(
                        depth > 0,
                        "{what}: an isolate closed that was not open: {line:?}"
                    );
                    depth -= 1;
                }
                '\u{200F}' | '\u{0600}'..='\u{06FF}' => {
                    assert!(
                        depth > 0,
                        "{what}: right-to-left text outside an isolate: {line:?}"
                    )
                }
                _ => {}
            }
        }
        assert_eq!(depth, 0, "{what}: an isolate left open: {line:?}");
    }
}

#[test]
fn bidi_controls_from_articles_reach_no_output() {
    let fold = bidi_fold();
    for (what, out) in [
        ("report.html", report_html(&fold)),
        ("brief.md", brief_markdown(&fold)),
    ] {
        for c in out.chars() {
            assert!(
                !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2067}'),
                "{what} passes on U+{:04X}",
                u32::from(c)
            );
        }
        assert_isolated(&out, what);
        // The overrides are shown where they were, as U+FFFD.
        assert!(out.contains("Evil\u{FFFD}etazaG"), "{what}");
        assert!(out.contains("repairs\u{FFFD} on the old quay"), "{what}");
    }
    let html = report_html(&fold);
    // The link's target keeps nothing but escaped text (the override replaced, not isolated).
    assert!(html.contains("href=\"https://evil.example/\u{FFFD}lmth.exe\""));
    assert!(!html.contains(OVERRIDE));
}

#[test]
fn the_report_declares_a_policy_that_lets_nothing_run_or_load() {
    let html = report_html(&sample());
    let policy = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        newsfold_render::REPORT_POLICY
    );
    assert!(html.contains(&policy), "no policy in the head");
    assert!(newsfold_render::REPORT_POLICY.starts_with("default-src 'none';"));
    assert!(!newsfold_render::REPORT_POLICY.contains("script-src"));
}

// ---------------------------------------------------------------------------------------------
// Issue 18: file names only, the story index's rows, article pages linked

/// Where `text` sits inside `<nav aria-label="Contents">…</nav>` of a report.
fn contents_of(html: &str) -> &str {
    let start = html
        .find("<nav aria-label=\"Contents\">")
        .expect("a table of contents");
    let end = start + html[start..].find("</nav>").expect("closed");
    &html[start..end + "</nav>".len()]
}

#[test]
fn the_report_names_inputs_by_file_name_only() {
    let mut fold = sample();
    fold.articles[0].path = "/home/ana/feeds/2024/day1/meridian.jsonl".to_owned();
    fold.articles[0].record = Some("line 3".to_owned());
    fold.articles[1].path = "C:\\Users\\ana\\news\\harbour.html".to_owned();
    fold.rejected[0].path = "/srv/newsroom/private/bad.jsonl".to_owned();
    let html = report_html(&fold);
    for local in [
        "/home/ana",
        "feeds/2024",
        "C:\\Users",
        "\\news\\",
        "/srv/newsroom",
    ] {
        assert!(!html.contains(local), "the report shows {local}");
    }
    assert!(html.contains("<dt>File</dt><dd>meridian.jsonl (line 3)</dd>"));
    assert!(html.contains("<dt>File</dt><dd>harbour.html</dd>"));
    assert!(html.contains("<td>bad.jsonl</td>"));
}

#[test]
fn the_story_index_shows_lead_outlets_and_source_mix() {
    let html = report_html(&sample());
    let contents = contents_of(&html);
    // The first brief sentence as the lead, the outlets by name, the bar with its text.
    assert!(contents.contains(
        "<p class=\"lead\">Xi Jinping and Vladimir Putin spoke by phone on Wednesday.</p>"
    ));
    assert!(contents.contains("Daily Meridian, Harbour Times"));
    assert!(contents.contains("aria-label=\"3 outlets, 2 independent origins\""));
    // The hostile outlet stays text.
    assert!(!contents.contains("<script"));
    insta::assert_snapshot!("story_index", contents);
}

#[test]
fn a_long_lead_is_cut_at_a_word_and_many_outlets_are_counted() {
    let mut fold = sample();
    let long = "Rescue crews in the river town of Odrava worked through the night on Tuesday \
                to reach dozens of families cut off by floodwater after the Vesna burst its \
                banks, regional officials said, adding that the army had sent boats and two \
                helicopters.";
    fold.stories[0].brief[0].text = long.to_owned();
    fold.stories[0].outlets = ["AP", "Reuters", "AFP", "dpa", "Kyodo News", "PTI"]
        .map(str::to_owned)
        .to_vec();
    let html = report_html(&fold);
    let contents = contents_of(&html);
    let lead = contents
        .split("<p class=\"lead\">")
        .nth(1)
        .and_then(|s| s.split("</p>").next())
        .expect("a lead");
    assert!(lead.ends_with('…'), "{lead}");
    assert!(lead.chars().count() <= 200, "{lead}");
    let words = lead.trim_end_matches('…');
    assert!(long.starts_with(words), "{lead}");
    assert_eq!(
        long.as_bytes()[words.len()],
        b' ',
        "cut inside a word: {lead}"
    );
    assert!(contents.contains("AP, Reuters, AFP +3 more"));
    assert!(contents.contains("6 outlets, 2 independent origins"));
}

#[test]
fn a_story_page_links_each_article_to_its_page() {
    let fold = sample();
    let html = newsfold_render::story_html_linked(&fold, "<a href=\"/\">back</a>", "/articles/");
    for article in &fold.articles {
        assert!(
            html.contains(&format!(
                "<dt>Id</dt><dd><a href=\"/articles/{0}\">{0}</a></dd>",
                article.id
            )),
            "{}",
            article.id
        );
    }
    // The report itself has no server behind it: ids stay text.
    assert!(!report_html(&fold).contains("href=\"/articles/"));
}

// ---------------------------------------------------------------------------------------------
// a report split into an index and story pages

#[test]
fn a_split_report_is_an_index_and_a_page_per_story() {
    use newsfold_render::{StoryParts, report_index_html, story_html, story_page_name};
    let fold = sample();
    let link = |i: usize| format!("report-stories/{}", story_page_name(&fold, i));
    let index = report_index_html(&fold, &link);
    // Every story is a row linking to its page; no article text is on the index.
    assert!(
        index.contains("href=\"report-stories/s-a-meridian.html\""),
        "{index}"
    );
    assert!(
        index.contains("href=\"report-stories/s-d-port.html\""),
        "{index}"
    );
    assert!(!index.contains("warm and friendly"), "{index}");
    assert!(!index.contains("<section class=\"story\""), "{index}");
    // What is on the index is escaped and checked like the one-page report.
    for (name, attributes) in tags(&index) {
        assert!(
            ELEMENTS.contains(&name.as_str()),
            "<{name}> came from an article"
        );
        for (key, _) in attributes {
            assert!(
                ATTRIBUTES.contains(&key.as_str()),
                "{key}= came from an article"
            );
        }
    }
    assert!(index.contains("Rejected inputs"));

    // Each part holds its story's articles, the relations among them and their origins.
    let parts = StoryParts::new(&fold);
    let first = parts.part(0);
    let ids: Vec<&str> = first.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a-meridian", "b-harbour", "c-hostile"]);
    assert_eq!(first.reuse.len(), 2);
    assert_eq!(first.origins.len(), 2);
    assert!(first.rejected.is_empty());
    let second = parts.part(1);
    assert_eq!(second.reuse.len(), 1);
    assert_eq!(second.stories[0].id, "s-d-port");
    let page = story_html(&first, "<a href=\"../report.html\">← all stories</a>");
    assert!(page.contains("warm and friendly"));
    assert!(page.contains("href=\"../report.html\""));

    // A story id that is not a plain name is not a file name.
    let mut odd = fold.clone();
    odd.stories[1].id = "../../etc/passwd".to_owned();
    assert_eq!(story_page_name(&odd, 1), "story-2.html");
}

#[test]
fn fold_json_streamed_is_the_same_bytes() {
    let fold = sample();
    let mut out = Vec::new();
    newsfold_render::write_fold_json(&fold, &mut out).expect("a Vec takes every byte");
    assert_eq!(String::from_utf8(out).expect("UTF-8"), fold_json(&fold));
}
