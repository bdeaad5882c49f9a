//! Sentence provenance: who stands behind each sentence.
//!
//! An article's sentences are its own reporting unless it took them from another article
//! ([`Article::taken`]). Every `independent` count counts the distinct origins of the
//! *sentences* that carry an item, so a paragraph a rewrite took from a wire story confirms
//! nothing a second time, while the rewrite's own sentences still count as its own.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::{Article, Origin, Span};

/// Fewest words of a sentence that reports something: shorter ones are headings, labels and
/// sign-offs ("MARKETS", "Advertisement", "Ends.", "Reporting by Ana Lind"); the shortest news
/// sentences ("Police closed the road.") have four.
pub const REPORTING_WORDS: usize = 4;

/// A sentence an article took from another, whose origin is not the article's own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Taken {
    /// The sentence, by its index in [`Article::sentences`].
    pub sentence: usize,
    /// The origin it goes back to (an [`Origin`] id), followed back to the first source.
    pub origin: String,
    /// The article it was taken from directly (which may itself have taken it).
    pub from: String,
}

/// The origin of every sentence of a set of articles, for counting independent origins.
#[derive(Debug, Clone, Default)]
pub struct SentenceOrigins {
    /// Article id → its origin id.
    article: BTreeMap<String, String>,
    /// Article id → the spans of the sentences it took and their origins, in text order.
    taken: BTreeMap<String, Vec<(Span, String)>>,
}

impl SentenceOrigins {
    /// The origins of `articles`' sentences: each article's origin from `origins` (an article
    /// in none is its own origin), and [`Article::taken`] for the sentences it took.
    pub fn new<'a>(articles: impl IntoIterator<Item = &'a Article>, origins: &[Origin]) -> Self {
        let article = origins
            .iter()
            .flat_map(|o| o.articles.iter().map(|a| (a.clone(), o.id.clone())))
            .collect();
        let taken = articles
            .into_iter()
            .filter(|a| !a.taken.is_empty())
            .map(|a| {
                let mut spans: Vec<(Span, String)> = a
                    .taken
                    .iter()
                    .filter_map(|t| Some((*a.sentences.get(t.sentence)?, t.origin.clone())))
                    .collect();
                spans.sort();
                (a.id.clone(), spans)
            })
            .collect();
        SentenceOrigins { article, taken }
    }

    /// The origin of article `id` (its id when it belongs to no known origin).
    pub fn of_article<'s>(&'s self, id: &'s str) -> &'s str {
        self.article.get(id).map_or(id, String::as_str)
    }

    /// The origin of the text at `span` of article `id`: that of the sentence holding the
    /// span's start.
    pub fn at<'s>(&'s self, id: &'s str, span: Span) -> &'s str {
        if let Some(taken) = self.taken.get(id) {
            let k = taken.partition_point(|(s, _)| s.end <= span.start);
            if let Some((s, origin)) = taken.get(k)
                && s.start <= span.start
            {
                return origin;
            }
        }
        self.of_article(id)
    }

    /// The number of distinct origins behind the pieces of text `(article id, span)`.
    pub fn count<'s>(&'s self, pieces: impl IntoIterator<Item = (&'s str, Span)>) -> usize {
        pieces
            .into_iter()
            .map(|(id, span)| self.at(id, span))
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// The number of distinct origins behind the reporting of `articles`: the origins of
    /// their sentences of at least [`REPORTING_WORDS`] words (a section heading such as
    /// "MARKETS" in a roundup reports nothing); an article with no such sentence counts by its
    /// own origin. What a story's `independent` says.
    pub fn count_articles<'s>(&'s self, articles: &[&'s Article]) -> usize {
        let mut seen = BTreeSet::new();
        for a in articles {
            let mut reports = false;
            for &s in &a.sentences {
                if a.text
                    .get(s.start as usize..s.end as usize)
                    .is_none_or(|t| t.split_whitespace().count() >= REPORTING_WORDS)
                {
                    reports = true;
                    seen.insert(self.at(&a.id, s));
                }
            }
            if !reports {
                seen.insert(self.of_article(&a.id));
            }
        }
        seen.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, sentences: &[(usize, usize)], taken: &[(usize, &str)]) -> Article {
        Article {
            id: id.to_owned(),
            sentences: sentences.iter().map(|&(s, e)| Span::new(s, e)).collect(),
            taken: taken
                .iter()
                .map(|&(sentence, origin)| Taken {
                    sentence,
                    origin: origin.to_owned(),
                    from: "wire".to_owned(),
                })
                .collect(),
            ..Article::default()
        }
    }

    #[test]
    fn a_taken_sentence_counts_for_its_source_and_the_rest_for_the_article() {
        let wire = article("wire", &[(0, 40), (41, 80)], &[]);
        let rewrite = article("rewrite", &[(0, 30), (31, 70), (71, 90)], &[(1, "o-wire")]);
        let origins = [
            Origin {
                id: "o-wire".into(),
                root: "wire".into(),
                articles: vec!["wire".into()],
            },
            Origin {
                id: "o-rewrite".into(),
                root: "rewrite".into(),
                articles: vec!["rewrite".into()],
            },
        ];
        let o = SentenceOrigins::new([&wire, &rewrite], &origins);
        assert_eq!(o.at("rewrite", Span::new(31, 70)), "o-wire");
        assert_eq!(
            o.at("rewrite", Span::new(40, 45)),
            "o-wire",
            "inside the sentence"
        );
        assert_eq!(o.at("rewrite", Span::new(0, 30)), "o-rewrite");
        assert_eq!(o.at("rewrite", Span::new(71, 90)), "o-rewrite");
        assert_eq!(o.at("unknown", Span::new(0, 1)), "unknown");
        let both = [("wire", Span::new(0, 40)), ("rewrite", Span::new(31, 70))];
        assert_eq!(o.count(both), 1);
        let own = [("wire", Span::new(0, 40)), ("rewrite", Span::new(0, 30))];
        assert_eq!(o.count(own), 2);
        assert_eq!(o.count_articles(&[&wire, &rewrite]), 2);
    }
}
