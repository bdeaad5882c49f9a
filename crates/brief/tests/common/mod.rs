//! What the brief's tests share: articles made from text alone.

#![allow(dead_code)]

use newsfold_core::Article;

/// An article of `text` with its sentences, as cleaning leaves one, and nothing else.
pub fn article(id: impl Into<String>, text: impl Into<String>) -> Article {
    let text = text.into();
    Article {
        id: id.into(),
        sentences: newsfold_text::sentences(&text),
        text,
        ..Article::default()
    }
}

/// A story's articles, one per text, with the ids `a0`, `a1`, ...
pub fn articles<S: AsRef<str>>(texts: &[S]) -> Vec<Article> {
    texts
        .iter()
        .enumerate()
        .map(|(k, text)| article(format!("a{k}"), text.as_ref()))
        .collect()
}
