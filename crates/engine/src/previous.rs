//! Checking a fold read back from outside before anything is built on it.
//!
//! `newsfold fold --extend FILE` keeps the articles of an earlier `fold.json` as they were
//! cleaned, and every later stage slices their texts by their spans. A file that was edited, cut
//! short or written for other texts could hold a span past the end of its text, or inside a
//! character, an id twice, or a story naming an article that is not there. [`check_fold`] finds
//! the first such record and names it, so the user hears which record is wrong instead of the
//! run stopping halfway. It reads every span and reference of the contract (articles, reuse,
//! origins, stories with their citations), although only the articles are kept: a file wrong
//! anywhere is not a fold newsfold wrote for these texts.
//!
//! [`Held`] then recognises, among the articles an extend reads, those the fold holds already
//! (the same URL, or the same outlet and cleaned text), so extending a fold with inputs it was
//! made from adds nothing instead of adding them again as `report-2`.

use std::collections::{BTreeMap, BTreeSet};

use newsfold_core::{Article, Cited, Fold, Span, Story, stable_hash};

/// The articles of a fold as an extend recognises them again: by URL, or by outlet and a
/// digest of the cleaned text. The same text from another outlet is a syndicated copy, which
/// is new (newsfold keeps it to tell who copied whom). An article without an outlet is matched
/// by the file and record it came from instead: two files of a corpus with one text and no
/// outlet are two documents (ECB+ dev holds two such pairs), as a fold of them all keeps them.
#[derive(Debug, Default)]
pub struct Held {
    urls: BTreeSet<String>,
    digests: BTreeSet<u64>,
}

impl Held {
    /// What `articles` hold.
    pub fn of(articles: &[Article]) -> Held {
        let mut held = Held::default();
        for article in articles {
            held.insert(article);
        }
        held
    }

    /// Count `article` as held from now on.
    pub fn insert(&mut self, article: &Article) {
        if let Some(url) = url_key(article) {
            self.urls.insert(url);
        }
        self.digests.insert(digest(article));
    }

    /// Whether `article` is one of the articles held: the same URL, or the same outlet
    /// (letter case aside; without one, the same file and record) and the same cleaned text.
    pub fn holds(&self, article: &Article) -> bool {
        url_key(article).is_some_and(|url| self.urls.contains(&url))
            || self.digests.contains(&digest(article))
    }
}

/// An article's URL as compared: trimmed, without its `#fragment` (a place in the page, not
/// another page); none when empty.
fn url_key(article: &Article) -> Option<String> {
    let url = article.url.as_deref()?.trim();
    let url = url.split_once('#').map_or(url, |(page, _)| page);
    (!url.is_empty()).then(|| url.to_owned())
}

/// Who published the article (its outlet as the article gave it, lowercased: the fold may
/// since have named the outlet otherwise; else the file and record it came from) and its
/// cleaned text, hashed together.
fn digest(article: &Article) -> u64 {
    let source = match article.outlet_as_given().map(str::trim) {
        Some(outlet) if !outlet.is_empty() => format!("outlet\0{}", outlet.to_lowercase()),
        _ => format!(
            "file\0{}\0{}",
            article.path,
            article.record.as_deref().unwrap_or("")
        ),
    };
    let mut bytes = Vec::with_capacity(source.len() + 1 + article.text.len());
    bytes.extend_from_slice(source.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(article.text.as_bytes());
    stable_hash(&bytes)
}

/// The first record of a fold that does not hold together, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{record}: {problem}")]
pub struct InvalidFold {
    /// The record, as a user finds it in the file: `articles[3] (id "x")`.
    pub record: String,
    /// What is wrong with it.
    pub problem: String,
}

/// Check that `fold` holds together: article ids are unique, every span fits (in bounds and on
/// char boundaries) the text of the article it points into, and every article id it names is
/// one of its articles. The first problem found, in file order, is the error.
pub fn check_fold(fold: &Fold) -> Result<(), InvalidFold> {
    let texts = check_articles(&fold.articles)?;
    for (k, reuse) in fold.reuse.iter().enumerate() {
        let record = || format!("reuse[{k}] ({} -> {})", reuse.source, reuse.copy);
        let source = text_of(&texts, &reuse.source, record)?;
        let copy = text_of(&texts, &reuse.copy, record)?;
        for (p, passage) in reuse.passages.iter().enumerate() {
            fits(passage.source, source, &reuse.source, || {
                format!("{}, passage {p}", record())
            })?;
            fits(passage.copy, copy, &reuse.copy, || {
                format!("{}, passage {p}", record())
            })?;
        }
    }
    for (k, origin) in fold.origins.iter().enumerate() {
        let record = || format!("origins[{k}] (id {:?})", origin.id);
        text_of(&texts, &origin.root, record)?;
        for id in &origin.articles {
            text_of(&texts, id, record)?;
        }
    }
    let mut story_ids = BTreeSet::new();
    for (k, story) in fold.stories.iter().enumerate() {
        let record = || format!("stories[{k}] (id {:?})", story.id);
        if !story_ids.insert(story.id.as_str()) {
            return Err(invalid(
                record(),
                "its id is already held by an earlier story",
            ));
        }
        for id in &story.articles {
            text_of(&texts, id, record)?;
        }
        check_citations(story, &texts, record)?;
    }
    Ok(())
}

/// Ids unique and sentence spans that fit: each article's text by id.
fn check_articles(articles: &[Article]) -> Result<BTreeMap<&str, &str>, InvalidFold> {
    let mut texts = BTreeMap::new();
    for (k, article) in articles.iter().enumerate() {
        let record = || format!("articles[{k}] (id {:?})", article.id);
        if texts
            .insert(article.id.as_str(), article.text.as_str())
            .is_some()
        {
            return Err(invalid(
                record(),
                "its id is already held by an earlier article",
            ));
        }
        for (s, span) in article.sentences.iter().enumerate() {
            fits(*span, &article.text, &article.id, || {
                format!("{}, sentence {s}", record())
            })?;
        }
    }
    Ok(texts)
}

/// Every `(article, span)` a story cites: brief, facts, only-in, timeline, figures, conflicts
/// and quotes.
fn check_citations(
    story: &Story,
    texts: &BTreeMap<&str, &str>,
    record: impl Fn() -> String,
) -> Result<(), InvalidFold> {
    fn cited(c: &Cited) -> std::slice::Iter<'_, (String, Span)> {
        c.spans.iter()
    }
    let spans = story
        .brief
        .iter()
        .chain(&story.facts)
        .chain(&story.only_in)
        .flat_map(cited)
        .chain(story.timeline.iter().flat_map(|d| cited(&d.fact)))
        .chain(story.figures.iter().flat_map(|f| f.spans.iter()))
        .chain(
            story
                .conflicts
                .iter()
                .flat_map(|c| c.values.iter().flat_map(|f| f.spans.iter())),
        )
        .chain(
            story
                .quotes
                .iter()
                .flat_map(|q| q.variants.iter().flat_map(|v| v.spans.iter())),
        );
    for (id, span) in spans {
        let text = text_of(texts, id, &record)?;
        fits(*span, text, id, || format!("{}, a citation", record()))?;
    }
    Ok(())
}

/// The text of article `id`, or the error of `record` naming a missing article.
fn text_of<'a>(
    texts: &BTreeMap<&str, &'a str>,
    id: &str,
    record: impl Fn() -> String,
) -> Result<&'a str, InvalidFold> {
    texts.get(id).copied().ok_or_else(|| {
        invalid(
            record(),
            &format!("names article {id:?}, which is not in the file"),
        )
    })
}

/// Ok when `span` fits `text` (of article `id`), else the error of `record`.
fn fits(span: Span, text: &str, id: &str, record: impl Fn() -> String) -> Result<(), InvalidFold> {
    if span.fits(text) {
        return Ok(());
    }
    let problem = format!(
        "span [{}, {}] does not fit the text of article {id:?} ({} bytes; a span must lie inside \
         it and start and end between characters)",
        span.start,
        span.end,
        text.len()
    );
    Err(invalid(record(), &problem))
}

fn invalid(record: String, problem: &str) -> InvalidFold {
    InvalidFold {
        record,
        problem: problem.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use newsfold_core::{Article, Cited, Fold, Passage, Reuse, ReuseKind, Span, Story};
    use proptest::prelude::*;

    use super::check_fold;

    fn article(id: &str, text: &str) -> Article {
        let end = text.find(". ").map_or(text.len(), |k| k + 1);
        Article {
            id: id.into(),
            text: text.into(),
            sentences: vec![Span::new(0, end)],
            ..Article::default()
        }
    }

    /// A small fold that holds together: two articles, a copy relation, a story citing both.
    fn valid() -> Fold {
        let a = article("a", "Kyiv said “yes”. The talks go on.");
        let b = article("b", "Kyiv said “yes”. Nothing more.");
        let first = a.sentences[0];
        Fold {
            reuse: vec![Reuse {
                source: "a".into(),
                copy: "b".into(),
                kind: ReuseKind::Partial,
                coverage: 0.5,
                direction: "containment".into(),
                passages: vec![Passage {
                    source: first,
                    copy: first,
                    quote: false,
                }],
            }],
            stories: vec![Story {
                id: "s-1".into(),
                articles: vec!["a".into(), "b".into()],
                brief: vec![Cited {
                    text: first.slice(&a.text).into(),
                    sources: vec!["a".into(), "b".into()],
                    independent: 1,
                    spans: vec![("a".into(), first), ("b".into(), first)],
                }],
                ..Story::default()
            }],
            articles: vec![a, b],
            ..Fold::default()
        }
    }

    #[test]
    fn articles_held_are_recognised_by_url_or_by_outlet_and_text() {
        let with = |path: &str, outlet: Option<&str>, url: Option<&str>, text: &str| Article {
            id: "x".into(),
            path: path.into(),
            outlet: outlet.map(str::to_owned),
            url: url.map(str::to_owned),
            text: text.into(),
            ..Article::default()
        };
        let held = super::Held::of(&[
            with(
                "a",
                Some("Tessvik Post"),
                Some("https://tp.example/a"),
                "Ferry resumes.",
            ),
            with("b", None, None, "Storm closes port."),
        ]);
        let cases = [
            (
                with("x", Some("Other"), Some("https://tp.example/a"), "Changed."),
                true,
                "same URL",
            ),
            (
                with(
                    "x",
                    Some("Other"),
                    Some("https://tp.example/a#top"),
                    "Changed.",
                ),
                true,
                "same page",
            ),
            (
                with("x", Some("TESSVIK POST"), None, "Ferry resumes."),
                true,
                "same outlet and text",
            ),
            (
                with("b", None, None, "Storm closes port."),
                true,
                "no outlet, the same file and text",
            ),
            (
                with("c", None, None, "Storm closes port."),
                false,
                "no outlet, another file with the same text (ECB+ dev has two)",
            ),
            (
                with("x", Some("Ornhavn Daily"), None, "Ferry resumes."),
                false,
                "syndicated copy",
            ),
            (
                with("x", Some("Tessvik Post"), None, "Ferry resumes again."),
                false,
                "new text",
            ),
            (
                with("x", None, Some(""), "New."),
                false,
                "an empty URL matches nothing",
            ),
        ];
        for (article, expected, why) in cases {
            assert_eq!(held.holds(&article), expected, "{why}");
        }
    }

    #[test]
    fn a_fold_that_holds_together_passes() {
        assert_eq!(check_fold(&valid()), Ok(()));
    }

    #[test]
    fn the_first_bad_record_is_named() {
        let mut past_the_end = valid();
        past_the_end.articles[1].sentences[0] = Span { start: 0, end: 999 };
        let error = check_fold(&past_the_end).expect_err("span past the end");
        assert_eq!(error.record, "articles[1] (id \"b\"), sentence 0");

        let mut inside_a_char = valid();
        // Byte 11 is inside the three bytes of “.
        inside_a_char.stories[0].brief[0].spans[1].1 = Span { start: 0, end: 11 };
        let error = check_fold(&inside_a_char).expect_err("span inside a character");
        assert_eq!(error.record, "stories[0] (id \"s-1\"), a citation");

        let mut twice = valid();
        twice.articles[1].id = "a".into();
        let error = check_fold(&twice).expect_err("duplicate id");
        assert!(error.problem.contains("already held"), "{error}");

        let mut missing = valid();
        missing.reuse[0].copy = "gone".into();
        let error = check_fold(&missing).expect_err("unknown article");
        assert!(error.to_string().contains("\"gone\""), "{error}");
    }

    proptest! {
        /// Random corruption of a valid fold.json, byte by byte, never panics the check; and
        /// what passes it has only sentence spans that fit.
        #[test]
        fn corrupted_bytes_never_panic_the_check(
            edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        ) {
            let mut bytes = serde_json::to_vec(&valid()).expect("json");
            for (at, byte) in edits {
                let k = at.index(bytes.len());
                bytes[k] = byte;
            }
            if let Ok(fold) = serde_json::from_slice::<Fold>(&bytes)
                && check_fold(&fold).is_ok()
            {
                for a in &fold.articles {
                    prop_assert!(a.sentences.iter().all(|s| s.fits(&a.text)));
                }
            }
        }

        /// Any span numbers, any reference, text cut anywhere: the check answers, never panics,
        /// and passes only spans that fit.
        #[test]
        fn corrupted_records_never_panic_the_check(
            start: u32,
            end: u32,
            cut in 0usize..40,
            which in 0usize..5,
            id in "[a-c]{0,2}",
        ) {
            let mut fold = valid();
            let span = Span { start, end };
            match which {
                0 => fold.articles[0].sentences[0] = span,
                1 => fold.reuse[0].passages[0].copy = span,
                2 => fold.stories[0].brief[0].spans[0] = (id, span),
                3 => fold.articles[1].text = fold.articles[1].text.chars().take(cut).collect(),
                _ => fold.articles[0].id = id,
            }
            if check_fold(&fold).is_ok() {
                for a in &fold.articles {
                    prop_assert!(a.sentences.iter().all(|s| s.fits(&a.text)));
                }
                let ids: std::collections::BTreeSet<&str> =
                    fold.articles.iter().map(|a| a.id.as_str()).collect();
                prop_assert_eq!(ids.len(), fold.articles.len());
            }
        }
    }
}
