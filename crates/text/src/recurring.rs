//! Boilerplate found by recurrence: a line that one outlet prints in many different articles.
//!
//! Local cues catch `Read more:` and share prompts; they cannot know that "Follow the Harbour
//! Times on every platform" is a sign-off. Recurrence can: a paragraph repeated across at least
//! [`MIN_ARTICLES`] articles of one outlet, in at least [`MIN_SHARE`] of them, is boilerplate.
//! Articles that are mostly made of such lines are repeats of one another (an updated story
//! filed again), not evidence, and are left out of the count, so republishing a story never
//! erases it. This is the one cleaning step besides [`crate::infer_years`] that looks across
//! articles; it runs after every article has been cleaned on its own.
//!
//! It works in two steps so that a large corpus need not be held in memory: each article is
//! reduced to a [`Paragraphs`] digest (its outlet and the hashes of its short paragraphs) as it
//! is cleaned, the recurring hashes are found from the digests alone ([`recurring`]), and only
//! the articles that carry one are read again and stripped ([`strip_recurring`]).
//! [`remove_recurring_lines`] does the three for articles held in memory.

use std::collections::{BTreeMap, HashMap, HashSet};

use newsfold_core::{Article, Removed, stable_hash};

/// Fewest articles of one outlet that must carry a line.
pub const MIN_ARTICLES: usize = 3;
/// Smallest share of the outlet's articles that must carry a line.
pub const MIN_SHARE: f64 = 0.3;
/// Longest line, in words, that can be boilerplate.
const MAX_WORDS: usize = 40;

/// What recurrence needs of one article: 8 bytes per short paragraph, whatever its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraphs {
    /// The outlet, lowercased (`None`: recurrence cannot be counted).
    outlet: Option<String>,
    /// Non-empty paragraphs.
    total: usize,
    /// The hash of each short paragraph (trimmed, at most `MAX_WORDS` words), in text order.
    short: Vec<u64>,
}

impl Paragraphs {
    /// The digest of `article`.
    pub fn of(article: &Article) -> Paragraphs {
        let mut total = 0;
        let mut short = Vec::new();
        for p in article.text.split("\n\n").map(str::trim) {
            if p.is_empty() {
                continue;
            }
            total += 1;
            if p.split_whitespace().nth(MAX_WORDS).is_none() {
                short.push(paragraph_hash(p));
            }
        }
        Paragraphs {
            outlet: article.outlet.as_ref().map(|o| o.to_lowercase()),
            total,
            short,
        }
    }

    /// Count this digest under another outlet: the article's outlet identity
    /// ([`crate::name_outlets`]), set after the digest was taken.
    pub fn set_outlet(&mut self, outlet: Option<&str>) {
        self.outlet = outlet.map(str::to_lowercase);
    }

    /// The distinct short paragraphs.
    fn distinct(&self) -> HashSet<u64> {
        self.short.iter().copied().collect()
    }
}

fn paragraph_hash(paragraph: &str) -> u64 {
    stable_hash(paragraph.as_bytes())
}

/// The hashes of the recurring paragraphs of each article's outlet, one set per digest (empty
/// when the article carries none of them, or has no outlet).
pub fn recurring(digests: &[Paragraphs]) -> Vec<HashSet<u64>> {
    let mut by_outlet: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, d) in digests.iter().enumerate() {
        if let Some(outlet) = &d.outlet {
            by_outlet.entry(outlet).or_default().push(i);
        }
    }
    let mut sets = vec![HashSet::new(); digests.len()];
    for members in by_outlet.values().filter(|m| m.len() >= MIN_ARTICLES) {
        let lines = recurring_lines(digests, members);
        if lines.is_empty() {
            continue;
        }
        for &i in members {
            if digests[i].short.iter().any(|h| lines.contains(h)) {
                sets[i] = lines.clone();
            }
        }
    }
    sets
}

fn recurring_lines(digests: &[Paragraphs], members: &[usize]) -> HashSet<u64> {
    let count = |members: &[usize]| -> HashMap<u64, usize> {
        let mut counts: HashMap<u64, usize> = HashMap::new();
        for &i in members {
            for p in digests[i].distinct() {
                *counts.entry(p).or_default() += 1;
            }
        }
        counts
    };
    let needed = |n: usize| MIN_ARTICLES.max((MIN_SHARE * n as f64).ceil() as usize);
    let candidates: HashSet<u64> = count(members)
        .into_iter()
        .filter(|&(_, c)| c >= needed(members.len()))
        .map(|(p, _)| p)
        .collect();
    if candidates.is_empty() {
        return HashSet::new();
    }
    // Articles mostly made of candidate lines are repeats of each other; they do not count.
    let independent: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| {
            let d = &digests[i];
            let shared = d.short.iter().filter(|h| candidates.contains(h)).count();
            (shared as f64) / (d.total.max(1) as f64) <= 0.5
        })
        .collect();
    count(&independent)
        .into_iter()
        .filter(|&(p, c)| {
            c >= needed(members.len()).min(independent.len().max(MIN_ARTICLES))
                && c >= MIN_ARTICLES
                && candidates.contains(&p)
        })
        .map(|(p, _)| p)
        .collect()
}

/// Remove the paragraphs of `article` whose hashes are in `recurring`, recording them in
/// `removed` and recomputing the sentence spans. False when there was none.
pub fn strip_recurring(article: &mut Article, recurring: &HashSet<u64>) -> bool {
    let is_recurring = |p: &str| {
        let p = p.trim();
        !p.is_empty()
            && p.split_whitespace().count() <= MAX_WORDS
            && recurring.contains(&paragraph_hash(p))
    };
    let paragraphs: Vec<&str> = article.text.split("\n\n").collect();
    if !paragraphs.iter().any(|p| is_recurring(p)) {
        return false;
    }
    let mut kept = Vec::with_capacity(paragraphs.len());
    let mut removed = Vec::new();
    for p in paragraphs {
        if is_recurring(p) {
            removed.push(Removed {
                text: p.to_owned(),
                reason: "recurring".to_owned(),
            });
        } else {
            kept.push(p);
        }
    }
    article.text = kept.join("\n\n");
    article.sentences = crate::sentences::sentences(&article.text);
    article.removed.extend(removed);
    true
}

/// Remove recurring lines from every article of each outlet, recording them in `removed` and
/// recomputing the text's sentence spans.
pub fn remove_recurring_lines(articles: &mut [Article]) {
    let digests: Vec<Paragraphs> = articles.iter().map(Paragraphs::of).collect();
    for (article, lines) in articles.iter_mut().zip(recurring(&digests)) {
        if !lines.is_empty() {
            strip_recurring(article, &lines);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::remove_recurring_lines;
    use newsfold_core::Article;

    fn article(outlet: &str, body: &[&str]) -> Article {
        let text = body.join("\n\n");
        Article {
            outlet: Some(outlet.to_owned()),
            sentences: crate::sentences::sentences(&text),
            text,
            ..Article::default()
        }
    }

    const SIGN_OFF: &str = "Follow the Harbour Times on every platform for more news.";

    #[test]
    fn a_sign_off_in_every_article_is_removed() {
        let mut articles = vec![
            article("Harbour Times", &["The ferry sank on Monday.", SIGN_OFF]),
            article("Harbour Times", &["Council votes on budget.", SIGN_OFF]),
            article("Harbour Times", &["A new library opened.", SIGN_OFF]),
            article("Other Post", &["The ferry sank on Monday.", SIGN_OFF]),
        ];
        remove_recurring_lines(&mut articles);
        assert_eq!(articles[0].text, "The ferry sank on Monday.");
        assert_eq!(articles[0].removed[0].reason, "recurring");
        assert_eq!(articles[0].sentences.len(), 1);
        // Another outlet's article is not touched: recurrence is counted per outlet.
        assert!(articles[3].text.contains(SIGN_OFF));
    }

    #[test]
    fn a_story_filed_three_times_is_not_erased() {
        let body = [
            "The ferry sank on Monday.",
            "All passengers were rescued.",
            "An inquiry begins.",
        ];
        let mut articles = vec![
            article("Harbour Times", &body),
            article("Harbour Times", &body),
            article("Harbour Times", &body),
        ];
        remove_recurring_lines(&mut articles);
        assert!(
            articles
                .iter()
                .all(|a| a.text.contains("All passengers were rescued."))
        );
    }
}
