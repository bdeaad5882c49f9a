//! ROUGE-1 and ROUGE-2 recall, as DUC briefs are scored (see `../shared/corpora/README.md`).
//!
//! A summary and each human summary are cut to their first 100 words (split on white space, as
//! ROUGE-1.5.5's `-l 100`), then tokenized as Google's `rouge-score` does: lower case, every run
//! of characters other than `a-z0-9` a separator, and tokens longer than three characters
//! Porter-stemmed (NLTK's stemmer, as `rouge-score` uses). ROUGE-N recall against one human
//! summary is the number of its n-grams the summary also holds (each counted at most as often
//! as the summary has it) over its number of n-grams; a cluster's score is the mean over its
//! human summaries, and a corpus's the mean over its clusters. `bench/rouge_check.sh` compares
//! these numbers with `rouge-score` on the same texts.

use std::collections::HashMap;

use nltk_porter::{Mode, PorterStemmer};

/// ROUGE-1 and ROUGE-2 recall, as fractions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rouge {
    /// Unigram recall.
    pub r1: f64,
    /// Bigram recall.
    pub r2: f64,
}

impl Rouge {
    /// The mean of several scores (zero for none).
    pub fn mean(scores: &[Rouge]) -> Rouge {
        let n = scores.len().max(1) as f64;
        Rouge {
            r1: scores.iter().map(|s| s.r1).sum::<f64>() / n,
            r2: scores.iter().map(|s| s.r2).sum::<f64>() / n,
        }
    }
}

/// Tokenizes and scores; holds the stemmer.
pub struct Scorer {
    stemmer: PorterStemmer,
    /// Words each summary is cut to.
    pub words: usize,
}

impl Scorer {
    /// A scorer cutting summaries to `words` words.
    pub fn new(words: usize) -> Scorer {
        Scorer {
            stemmer: PorterStemmer::new(Mode::Nltk),
            words,
        }
    }

    /// The tokens of `text` after cutting it to the first [`Scorer::words`] words.
    pub fn tokens(&self, text: &str) -> Vec<String> {
        let cut: Vec<&str> = text.split_whitespace().take(self.words).collect();
        let lower = cut.join(" ").to_lowercase();
        lower
            .split(|c: char| !c.is_ascii_lowercase() && !c.is_ascii_digit())
            .filter(|t| !t.is_empty())
            .map(|t| {
                if t.len() > 3 {
                    self.stemmer.stem(t)
                } else {
                    t.to_owned()
                }
            })
            .collect()
    }

    /// ROUGE-1 and -2 recall of `summary` against `references`, averaged over the references.
    pub fn score(&self, summary: &str, references: &[String]) -> Rouge {
        let ours = self.tokens(summary);
        let scores: Vec<Rouge> = references
            .iter()
            .map(|r| {
                let theirs = self.tokens(r);
                Rouge {
                    r1: recall(&ours, &theirs, 1),
                    r2: recall(&ours, &theirs, 2),
                }
            })
            .collect();
        Rouge::mean(&scores)
    }
}

/// The n-grams of `tokens` with their counts.
fn ngrams(tokens: &[String], n: usize) -> HashMap<&[String], usize> {
    let mut counts = HashMap::new();
    for gram in tokens.windows(n) {
        *counts.entry(gram).or_insert(0) += 1;
    }
    counts
}

/// The share of the reference's n-grams that the summary holds (clipped counts).
fn recall(summary: &[String], reference: &[String], n: usize) -> f64 {
    let theirs = ngrams(reference, n);
    let total: usize = theirs.values().sum();
    if total == 0 {
        return 0.0;
    }
    let ours = ngrams(summary, n);
    let hit: usize = theirs
        .iter()
        .map(|(gram, &count)| count.min(ours.get(gram).copied().unwrap_or(0)))
        .sum();
    hit as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::Scorer;

    #[test]
    fn tokens_are_lowered_split_and_stemmed() {
        let s = Scorer::new(100);
        assert_eq!(
            s.tokens("The U.S. troops were running, 3,197 cases."),
            ["the", "u", "s", "troop", "were", "run", "3", "197", "case"]
        );
    }

    #[test]
    fn recall_counts_each_reference_gram_at_most_as_often_as_the_summary_has_it() {
        let s = Scorer::new(100);
        let refs = vec!["the cat sat on the mat".to_owned()];
        let r = s.score("the cat ate", &refs);
        // the x1 (summary has one "the"), cat: 2 of 6 unigrams; "the cat": 1 of 5 bigrams.
        assert!((r.r1 - 2.0 / 6.0).abs() < 1e-12, "{r:?}");
        assert!((r.r2 - 1.0 / 5.0).abs() < 1e-12, "{r:?}");
    }

    #[test]
    fn summaries_are_cut_to_the_word_limit() {
        let s = Scorer::new(2);
        assert_eq!(s.tokens("one two three"), ["one", "two"]);
    }
}
