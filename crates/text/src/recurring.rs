//! Boilerplate found by recurrence: a line that one outlet prints in many different articles.
//!
//! Local cues catch `Read more:` and share prompts; they cannot know that "Follow the Harbour
//! Times on every platform" is a sign-off. Recurrence can: a paragraph repeated across at least
//! [`MIN_ARTICLES`] articles of one outlet, in at least [`MIN_SHARE`] of them, is boilerplate.
//! Articles that are mostly made of such lines are repeats of one another (an updated story
//! filed again), not evidence, and are left out of the count, so republishing a story never
//! erases it. This is the one cleaning step besides [`crate::infer_years`] that looks across
//! articles; it runs after every article has been cleaned on its own.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use newsfold_core::{Article, Removed};

/// Fewest articles of one outlet that must carry a line.
pub const MIN_ARTICLES: usize = 3;
/// Smallest share of the outlet's articles that must carry a line.
pub const MIN_SHARE: f64 = 0.3;
/// Longest line, in words, that can be boilerplate.
const MAX_WORDS: usize = 40;

/// Remove recurring lines from every article of each outlet, recording them in `removed` and
/// recomputing the text's sentence spans.
pub fn remove_recurring_lines(articles: &mut [Article]) {
    let mut by_outlet: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        if let Some(outlet) = &a.outlet {
            by_outlet.entry(outlet.to_lowercase()).or_default().push(i);
        }
    }
    for members in by_outlet.values().filter(|m| m.len() >= MIN_ARTICLES) {
        let recurring = recurring_lines(articles, members);
        if recurring.is_empty() {
            continue;
        }
        for &i in members {
            strip(&mut articles[i], &recurring);
        }
    }
}

fn paragraphs(article: &Article) -> BTreeSet<&str> {
    article
        .text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty() && p.split_whitespace().count() <= MAX_WORDS)
        .collect()
}

fn recurring_lines(articles: &[Article], members: &[usize]) -> BTreeSet<String> {
    let count = |members: &[usize]| -> HashMap<&str, usize> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for &i in members {
            for p in paragraphs(&articles[i]) {
                *counts.entry(p).or_default() += 1;
            }
        }
        counts
    };
    let needed = |n: usize| MIN_ARTICLES.max((MIN_SHARE * n as f64).ceil() as usize);
    let candidates: BTreeSet<&str> = count(members)
        .into_iter()
        .filter(|&(_, c)| c >= needed(members.len()))
        .map(|(p, _)| p)
        .collect();
    if candidates.is_empty() {
        return BTreeSet::new();
    }
    // Articles mostly made of candidate lines are repeats of each other; they do not count.
    let independent: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| {
            let total = articles[i]
                .text
                .split("\n\n")
                .filter(|p| !p.trim().is_empty())
                .count()
                .max(1);
            let shared = articles[i]
                .text
                .split("\n\n")
                .filter(|p| candidates.contains(p.trim()))
                .count();
            (shared as f64) / (total as f64) <= 0.5
        })
        .collect();
    count(&independent)
        .into_iter()
        .filter(|&(p, c)| {
            c >= needed(members.len()).min(independent.len().max(MIN_ARTICLES))
                && c >= MIN_ARTICLES
                && candidates.contains(p)
        })
        .map(|(p, _)| p.to_owned())
        .collect()
}

fn strip(article: &mut Article, recurring: &BTreeSet<String>) {
    let paragraphs: Vec<&str> = article.text.split("\n\n").collect();
    if !paragraphs.iter().any(|p| recurring.contains(p.trim())) {
        return;
    }
    let mut kept = Vec::with_capacity(paragraphs.len());
    let mut removed = Vec::new();
    for p in paragraphs {
        if recurring.contains(p.trim()) {
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
