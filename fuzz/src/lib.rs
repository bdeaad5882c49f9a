//! The invariants every fuzz target asserts, in one place so the targets stay a few lines each.
//!
//! A target that only checks "no panic" finds crashes; these checks also find wrong answers that
//! would crash a later stage: spans outside their text or off a character boundary (which panic
//! when sliced), sentences out of order, references to articles that do not exist. Each check
//! panics with a message that names the broken rule, so a crash report says what went wrong.

use newsfold_core::{Article, Fold, Span};

/// The span's text, after checking it lies inside `text` on character boundaries.
pub fn slice<'a>(text: &'a str, span: Span, what: &str) -> &'a str {
    let (start, end) = (span.start as usize, span.end as usize);
    assert!(
        start <= end,
        "{what}: span {start}..{end} ends before it starts"
    );
    assert!(
        end <= text.len(),
        "{what}: span {start}..{end} past the text's {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(start),
        "{what}: span start {start} inside a character"
    );
    assert!(
        text.is_char_boundary(end),
        "{what}: span end {end} inside a character"
    );
    &text[start..end]
}

/// Spans that must each be non-empty, in bounds, and in text order without overlapping.
pub fn check_ordered(text: &str, spans: &[Span], what: &str) {
    let mut previous_end = 0;
    for &span in spans {
        let piece = slice(text, span, what);
        assert!(!piece.is_empty(), "{what}: empty span at {}", span.start);
        assert!(
            span.start >= previous_end,
            "{what}: span at {} overlaps or precedes the one ending at {previous_end}",
            span.start
        );
        previous_end = span.end;
    }
}

/// Sentence spans: ordered, in bounds, and trimmed of surrounding whitespace, as
/// `newsfold_text::sentences` promises.
pub fn check_sentences(text: &str, spans: &[Span], what: &str) {
    check_ordered(text, spans, what);
    for &span in spans {
        let piece = slice(text, span, what);
        assert_eq!(
            piece,
            piece.trim(),
            "{what}: sentence at {} is not trimmed",
            span.start
        );
    }
}

/// What every cleaned article promises: sentences inside its text, and an id.
pub fn check_article(article: &Article) {
    assert!(
        !article.id.is_empty(),
        "article from {} has no id",
        article.path
    );
    check_sentences(&article.text, &article.sentences, "article sentences");
}

/// What a fold promises: every article checked, and every span and id a story, relation or
/// origin names points at an article that exists, inside its text.
pub fn check_fold(fold: &Fold) {
    let text_of = |id: &str| -> &str {
        match fold.articles.iter().find(|a| a.id == id) {
            Some(article) => &article.text,
            None => panic!("fold names article {id:?}, which it does not hold"),
        }
    };
    let mut ids: Vec<&str> = fold.articles.iter().map(|a| a.id.as_str()).collect();
    fold.articles.iter().for_each(check_article);
    ids.sort_unstable();
    let count = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), count, "article ids are not unique");
    for reuse in &fold.reuse {
        let (source, copy) = (text_of(&reuse.source), text_of(&reuse.copy));
        for passage in &reuse.passages {
            slice(source, passage.source, "reuse passage (source)");
            slice(copy, passage.copy, "reuse passage (copy)");
        }
    }
    for origin in &fold.origins {
        text_of(&origin.root);
        for id in &origin.articles {
            text_of(id);
        }
    }
    for story in &fold.stories {
        for id in &story.articles {
            text_of(id);
        }
        let cited = story.brief.iter().chain(&story.facts).chain(&story.only_in);
        let timeline = story.timeline.iter().map(|dated| &dated.fact);
        for (id, span) in cited.chain(timeline).flat_map(|c| &c.spans) {
            slice(text_of(id), *span, "cited sentence");
        }
        for variant in story.quotes.iter().flat_map(|q| &q.variants) {
            for (id, span) in &variant.spans {
                slice(text_of(id), *span, "quote");
            }
        }
        for (id, span) in story.figures.iter().flat_map(|f| &f.spans) {
            slice(text_of(id), *span, "figure");
        }
    }
}

/// The bytes as text, invalid UTF-8 replaced: most targets take `&str`.
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}
