//! `brief.md`: every story's cited brief as Markdown, for reading in a terminal, a pull request
//! or a notes app.
//!
//! Each story gets a heading, a line of facts about its coverage, the brief as a numbered list
//! whose every sentence names the articles that carry it and how many independent origins they
//! come from, the facts several articles share, who copied whom, and a numbered list of its
//! articles that the citations point to. Article-derived strings are escaped inline text: they
//! cannot open a heading, a list, a link, emphasis or raw HTML, and newlines inside them are
//! folded into spaces so they cannot break the layout. Nor can they reorder the line: explicit
//! bidi controls (U+202A-U+202E, U+2066-U+2069) become U+FFFD, and a string with right-to-left
//! letters or bidi marks (U+200E, U+200F, U+061C) is isolated between U+2068 FIRST STRONG
//! ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, so the citations and separators after it stay
//! in place wherever the brief is shown.

use newsfold_core::{Article, Cited, Fold, Story};

use crate::view::{self, Numbering, View};

/// `brief.md`: a title, the fold's totals, then each story's cited brief, its shared facts, who
/// copied whom and its numbered article list, and finally the rejected inputs, if any.
///
/// Every brief sentence ends with its citations, for example
/// `[Daily Meridian [1], Harbour Times [2]; 1 independent origin]`: the labels (outlet, else
/// title, else id) with their numbers in the story's article list, and the number of independent
/// origins among them.
pub fn brief_markdown(fold: &Fold) -> String {
    let view = View::new(fold);
    let mut out = String::new();
    out.push_str("# newsfold brief\n\n");
    out.push_str(&view::totals(fold, ", "));
    out.push_str(".\n");
    for story in &fold.stories {
        story_section(&mut out, &view, story);
    }
    if !fold.rejected.is_empty() {
        out.push_str("\n## Rejected inputs\n\n");
        for rejected in &fold.rejected {
            out.push_str("- ");
            out.push_str(&inline(&rejected.path));
            if let Some(record) = &rejected.record {
                out.push_str(&format!(" ({})", inline(record)));
            }
            out.push_str(&format!(": {}\n", inline(&rejected.reason)));
        }
    }
    out
}

/// One story: heading, coverage line, brief, facts, what only one origin says, framing, reuse
/// and article list.
fn story_section(out: &mut String, view: &View<'_>, story: &Story) {
    let numbering = Numbering::of(story);
    out.push_str(&format!("\n## {}\n\n", inline(view::headline(story))));
    let outlets = if story.outlets.is_empty() {
        "outlets unknown".to_owned()
    } else {
        inline(&story.outlets.join(", "))
    };
    out.push_str(&format!(
        "{} · {} · {} · {}\n\n",
        inline(&view::time_span(story)),
        view::count(story.articles.len(), "article", "articles"),
        outlets,
        view::independent(story.independent),
    ));

    if story.brief.is_empty() {
        out.push_str("No brief.\n");
    }
    for (i, cited) in story.brief.iter().enumerate() {
        out.push_str(&format!(
            "{}. {}\n",
            i + 1,
            cited_line(view, &numbering, cited)
        ));
    }

    out.push_str("\n### Facts carried by several articles\n\n");
    if story.facts.is_empty() {
        out.push_str("None.\n");
    }
    for cited in &story.facts {
        out.push_str(&format!("- {}\n", cited_line(view, &numbering, cited)));
    }

    if !story.only_in.is_empty() {
        out.push_str("\n### Only one origin says\n\n");
        for cited in &story.only_in {
            out.push_str(&format!("- {}\n", cited_line(view, &numbering, cited)));
        }
    }

    if !story.framing.is_empty() {
        out.push_str("\n### Framing: the same thing in different words\n\n");
        for framing in &story.framing {
            let wordings: Vec<String> = framing
                .wordings
                .iter()
                .map(|w| said_by(view, &numbering, &w.term, &w.articles))
                .collect();
            out.push_str(&format!(
                "- {}: {}\n",
                inline(&framing.referent),
                wordings.join(" · ")
            ));
        }
    }

    if !story.quotes.is_empty() {
        out.push_str("\n### Who said what\n\n");
        for quote in &story.quotes {
            let who = quote
                .speaker
                .as_deref()
                .map_or("unnamed".to_owned(), inline);
            let channel = quote
                .channel
                .as_deref()
                .map_or(String::new(), |c| format!(" (via {})", inline(c)));
            let kind = if quote.direct {
                ""
            } else {
                ", reported speech"
            };
            out.push_str(&format!(
                "- {who}{channel}{kind}; {}:\n",
                view::independent(quote.independent)
            ));
            for variant in &quote.variants {
                out.push_str(&format!(
                    "  - {}\n",
                    said_by(view, &numbering, &variant.text, &variant.articles)
                ));
            }
        }
    }

    if !story.figures.is_empty() {
        out.push_str("\n### Figures\n\n");
        for figure in &story.figures {
            out.push_str(&format!(
                "- {} ({} {}; {})\n",
                said_by(view, &numbering, &figure.text, &figure.sources),
                inline(&figure.kind),
                inline(&figure.unit),
                view::independent(figure.independent)
            ));
        }
    }

    if !story.conflicts.is_empty() {
        out.push_str("\n### Figures that disagree\n\n");
        for conflict in &story.conflicts {
            let values: Vec<String> = conflict
                .values
                .iter()
                .map(|f| said_by(view, &numbering, &f.text, &f.sources))
                .collect();
            out.push_str(&format!(
                "- {} of {}: {}\n",
                inline(&conflict.kind),
                inline(&conflict.unit),
                values.join(" vs ")
            ));
        }
    }

    if !story.timeline.is_empty() {
        out.push_str("\n### Timeline\n\n");
        for dated in &story.timeline {
            out.push_str(&format!(
                "- **{}** {}\n",
                inline(&dated.date),
                cited_line(view, &numbering, &dated.fact)
            ));
        }
    }

    out.push_str("\n### Who copied whom\n\n");
    let reuse = view.story_reuse(story);
    if reuse.is_empty() {
        out.push_str("No article in this story reuses another.\n");
    }
    for r in reuse {
        let (copy, source) = (
            cite(view, &numbering, &r.copy),
            cite(view, &numbering, &r.source),
        );
        let (kind, share) = (r.kind.as_str(), view::percent(r.coverage));
        out.push_str(&if view::is_directed(r) {
            format!("- {copy} ← {source} ({kind}, {share} of its text)\n")
        } else {
            format!(
                "- {copy} shares text with {source} (direction undetermined; {kind}, {share} of \
                 its text)\n"
            )
        });
    }

    if !story.roundups.is_empty() {
        out.push_str("\n### Roundups\n\n");
        out.push_str(
            "Also covered by these roundups, shown with the story they took most from; \
             nothing here cites them:\n\n",
        );
        for id in &story.roundups {
            out.push_str(&format!("- {}\n", footnote(view, id)));
        }
    }

    out.push_str("\n### Articles\n\n");
    for (i, id) in numbering.ids().iter().enumerate() {
        out.push_str(&format!("- [{}] {}\n", i + 1, footnote(view, id)));
    }
}

/// Words in quotation marks, then the articles that use them: `"Kyiv" (Daily Meridian [1])`.
fn said_by(view: &View<'_>, numbering: &Numbering<'_>, words: &str, ids: &[String]) -> String {
    let who: Vec<String> = ids.iter().map(|id| cite(view, numbering, id)).collect();
    format!("\"{}\" ({})", inline(words), who.join(", "))
}

/// A cited sentence: its text, then `[label [n], …; k independent origins]`.
fn cited_line(view: &View<'_>, numbering: &Numbering<'_>, cited: &Cited) -> String {
    let sources: Vec<String> = cited
        .sources
        .iter()
        .map(|id| cite(view, numbering, id))
        .collect();
    let citation = if sources.is_empty() {
        "no sources".to_owned()
    } else {
        format!(
            "{}; {}",
            sources.join(", "),
            view::independent(cited.independent)
        )
    };
    format!("{} [{citation}]", inline(&cited.text))
}

/// `Daily Meridian [1]`: an article's label and its number in the story's list.
fn cite(view: &View<'_>, numbering: &Numbering<'_>, id: &str) -> String {
    let label = inline(view.label(id));
    match numbering.number(id) {
        Some(n) => format!("{label} [{n}]"),
        None => label,
    }
}

/// The article list entry: `label — title — url (published)`.
fn footnote(view: &View<'_>, id: &str) -> String {
    let Some(article) = view.article(id) else {
        return format!("{} (not in this fold)", inline(id));
    };
    let label = view::label(article);
    let mut parts = vec![inline(label)];
    if let Some(title) = article.title.as_deref().filter(|t| *t != label) {
        parts.push(inline(title));
    }
    if let Some(url) = &article.url {
        parts.push(url_text(url));
    }
    format!("{} ({})", parts.join(" — "), published(article))
}

/// The publication date, or `date unknown`.
fn published(article: &Article) -> String {
    match article.published.as_deref() {
        Some(date) if !date.trim().is_empty() => inline(date),
        _ => "date unknown".to_owned(),
    }
}

/// A URL as an autolink `<https://…>` when it is a web URL that an autolink can hold (and that
/// holds no bidi control or right-to-left letter, which an autolink could not isolate), else as
/// escaped text that no Markdown reader turns into a link.
fn url_text(url: &str) -> String {
    let autolinkable = !url.chars().any(|c| {
        c.is_whitespace()
            || c.is_control()
            || view::is_bidi_control(c)
            || view::needs_isolation(c)
            || c == '<'
            || c == '>'
    });
    if view::is_web_url(url) && autolinkable {
        format!("<{url}>")
    } else {
        inline(url)
    }
}

/// Article-derived text as Markdown inline text that renders as itself.
///
/// Whitespace runs (newlines included) become one space. Characters that open links, emphasis,
/// code or raw HTML are backslash-escaped everywhere; characters that only open blocks (`#`,
/// `>`, `-`, `+`, `=`, an ordered-list number) are escaped where they would, at the start; a `#`
/// after a space is escaped too, so a heading cannot lose a closing `#` run; `&` is escaped when
/// it would start an entity reference. Explicit bidi controls become U+FFFD; text with
/// right-to-left letters or bidi marks is isolated (U+2068 ... U+2069).
pub(crate) fn inline(text: &str) -> String {
    let text: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| {
            if view::is_bidi_control(c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    let isolate = text.chars().any(view::needs_isolation);
    let mut out = String::with_capacity(text.len() + 8);
    if isolate {
        out.push(view::ISOLATE);
    }
    let mut previous: Option<char> = None;
    for (i, c) in text.char_indices() {
        let escape = match c {
            '\\' | '[' | ']' | '*' | '_' | '<' | '>' | '`' | '~' | '|' => true,
            '#' => previous.is_none_or(|p| p == ' '),
            '-' | '+' | '=' => previous.is_none(),
            '.' | ')' => {
                i > 0
                    && text[..i].bytes().all(|b| b.is_ascii_digit())
                    && matches!(text[i + 1..].chars().next(), None | Some(' '))
            }
            '&' => starts_entity(&text[i..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        previous = Some(c);
    }
    if isolate {
        out.push(view::POP_ISOLATE);
    }
    out
}

/// True when `text` (which starts with `&`) starts an HTML entity or character reference.
fn starts_entity(text: &str) -> bool {
    let rest = text.get(1..).unwrap_or("");
    let name_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    name_len > 0 && rest.as_bytes().get(name_len) == Some(&b';')
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn inline_text_cannot_open_markup() {
        assert_eq!(inline("[x](http://e)"), r"\[x\](http://e)");
        assert_eq!(inline("*a* _b_ `c`"), r"\*a\* \_b\_ \`c\`");
        assert_eq!(inline("<script>"), r"\<script\>");
        assert_eq!(inline("# Title #"), r"\# Title \#");
        assert_eq!(inline("C# rocks"), "C# rocks");
        assert_eq!(inline("- item"), r"\- item");
        assert_eq!(inline("12. Twelve"), r"12\. Twelve");
        assert_eq!(inline("3.5 per cent"), "3.5 per cent");
        assert_eq!(inline("&amp; & co"), r"\&amp; & co");
        assert_eq!(inline("a\n\n# b"), r"a \# b");
        assert_eq!(inline(r"back\slash"), r"back\\slash");
    }
}
