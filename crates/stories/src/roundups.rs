//! Roundups: articles made of pieces of several others (a business page pasting three wire
//! briefs, a morning digest). Clustered like any article, a roundup would bridge the events it
//! covers into one story. So it is kept out of clustering and placed afterwards:
//!
//! - it is a member (`articles`) of the story of its largest part: the story holding the
//!   articles it took most sentences from (ties: the earlier story in clustering order);
//! - it is listed in `roundups` of every other story it took sentences from, and cited there by
//!   nothing: its pieces of that story are copies of articles that story holds already;
//! - in its own story, the sentences it took from other stories' articles are left out of the
//!   brief, the facts and every count ([`Placed::foreign`]).
//!
//! A roundup is recognised by sentence provenance ([`Article::taken`]): an article that took
//! pieces (two sentences or more each) from two or more articles, going back to two or more
//! origins. One that took them all from articles of one story is simply a member of it.

use std::collections::{BTreeMap, BTreeSet};

use newsfold_core::Article;

/// One story's place for each article: its members, the roundups that also cover it, and the
/// sentences of members that belong to other stories.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placed {
    /// Member articles (indexes), sorted.
    pub members: Vec<usize>,
    /// Roundups placed in other stories that also took sentences from this one's articles,
    /// sorted.
    pub roundups: Vec<usize>,
    /// For a member roundup: its sentences (indexes into `sentences`) taken from other stories'
    /// articles. Sorted by article.
    pub foreign: Vec<(usize, Vec<usize>)>,
}

/// Fewest sentences an article must take from another for them to be a piece of it: one
/// shared sentence is a background line or a quotation, a pasted brief has two or more.
pub const PIECE_SENTENCES: usize = 2;

/// True for each article made of pieces ([`PIECE_SENTENCES`] taken sentences or more) of two or
/// more other articles, going back to two or more origins: a candidate roundup, clustered only
/// after the others. A rewrite of one article is not one, however many origins the sentences
/// it took go back to.
pub fn candidates(articles: &[&Article]) -> Vec<bool> {
    articles
        .iter()
        .map(|a| {
            let mut pieces: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for t in &a.taken {
                pieces.entry(t.from.as_str()).or_default().push(&t.origin);
            }
            let pieces: Vec<&Vec<&str>> = pieces
                .values()
                .filter(|p| p.len() >= PIECE_SENTENCES)
                .collect();
            let origins: BTreeSet<&str> = pieces.iter().flat_map(|p| p.iter().copied()).collect();
            pieces.len() >= 2 && origins.len() >= 2
        })
        .collect()
}

/// Place the candidate roundups (`roundup[i]`) among `groups`, the stories of the other
/// articles (indexes into `articles`). A candidate whose pieces all come from one story is a
/// plain member of it; one that took nothing from a clustered article is a story of its own.
pub fn place(articles: &[&Article], roundup: &[bool], groups: Vec<Vec<usize>>) -> Vec<Placed> {
    let index: BTreeMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut story_of: Vec<Option<usize>> = vec![None; articles.len()];
    for (g, members) in groups.iter().enumerate() {
        for &i in members {
            story_of[i] = Some(g);
        }
    }
    let mut placed: Vec<Placed> = groups
        .into_iter()
        .map(|members| Placed {
            members,
            ..Placed::default()
        })
        .collect();
    for r in (0..articles.len()).filter(|&i| roundup[i]) {
        // The story of each sentence it took, when the article it came from is clustered.
        let of_sentence: BTreeMap<usize, usize> = articles[r]
            .taken
            .iter()
            .filter_map(|t| Some((t.sentence, story_of[*index.get(t.from.as_str())?]?)))
            .collect();
        let mut parts: BTreeMap<usize, usize> = BTreeMap::new();
        for &g in of_sentence.values() {
            *parts.entry(g).or_default() += 1;
        }
        let Some((&home, _)) = parts.iter().max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0))) else {
            placed.push(Placed {
                members: vec![r],
                ..Placed::default()
            });
            continue;
        };
        placed[home].members.push(r);
        let foreign: Vec<usize> = of_sentence
            .iter()
            .filter(|&(_, &g)| g != home)
            .map(|(&k, _)| k)
            .collect();
        if !foreign.is_empty() {
            placed[home].foreign.push((r, foreign));
        }
        for &g in parts.keys().filter(|&&g| g != home) {
            placed[g].roundups.push(r);
        }
    }
    for p in &mut placed {
        p.members.sort_unstable();
        p.roundups.sort_unstable();
        p.foreign.sort_unstable();
    }
    placed
}

/// `article` with the given sentences left out: they are dropped from `sentences` and their
/// text blanked (spaces of the same length, so every other span still holds), so no stage of
/// the brief reads them. Its title, which names several stories, is left out too.
pub fn without(article: &Article, sentences: &[usize]) -> Article {
    let mut out = article.clone();
    out.title = None;
    let mut text = std::mem::take(&mut out.text).into_bytes();
    for &k in sentences {
        if let Some(span) = article.sentences.get(k) {
            let (start, end) = (span.start as usize, (span.end as usize).min(text.len()));
            if let Some(bytes) = text.get_mut(start..end) {
                bytes.fill(b' ');
            }
        }
    }
    // Whole sentences (char boundaries) became ASCII spaces: still UTF-8.
    out.text = String::from_utf8(text).unwrap_or_default();
    out.sentences = article
        .sentences
        .iter()
        .enumerate()
        .filter(|(k, _)| !sentences.contains(k))
        .map(|(_, s)| *s)
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsfold_core::{Span, Taken};

    fn article(id: &str, sentences: usize, taken: &[(usize, &str, &str)]) -> Article {
        let text = vec!["Sentence."; sentences].join(" ");
        Article {
            id: id.to_owned(),
            sentences: (0..sentences)
                .map(|k| Span::new(k * 10, k * 10 + 9))
                .collect(),
            text,
            taken: taken
                .iter()
                .map(|&(sentence, origin, from)| Taken {
                    sentence,
                    origin: origin.to_owned(),
                    from: from.to_owned(),
                })
                .collect(),
            ..Article::default()
        }
    }

    #[test]
    fn a_roundup_joins_its_largest_part_and_is_listed_with_the_others() {
        let rates = article("rates", 3, &[]);
        let plant = article("plant", 3, &[]);
        let roundup = article(
            "roundup",
            6,
            &[
                (0, "o-rates", "rates"),
                (1, "o-rates", "rates"),
                (2, "o-rates", "rates"),
                (3, "o-plant", "plant"),
                (4, "o-plant", "plant"),
            ],
        );
        let articles = [&rates, &plant, &roundup];
        let flags = candidates(&articles);
        assert_eq!(flags, [false, false, true]);
        let placed = place(&articles, &flags, vec![vec![0], vec![1]]);
        assert_eq!(placed[0].members, [0, 2]);
        assert_eq!(placed[0].foreign, [(2, vec![3, 4])]);
        assert_eq!(placed[1].members, [1]);
        assert_eq!(placed[1].roundups, [2]);
        let trimmed = without(&roundup, &[3, 4]);
        assert_eq!(trimmed.sentences.len(), 4);
        assert_eq!(trimmed.text.len(), roundup.text.len());
        assert!(!trimmed.text[30..49].contains('S'));
    }
}
