//! `reuse-score --fold`: sentence-origin accuracy of a fold, against the truth of a corpus
//! made by `newsfold-eval generate`.
//!
//! The truth gives every line of a generated article's text the original its reporting goes
//! back to (`null` for boilerplate). A fold gives every article's sentences (byte spans of its
//! cleaned text) the origin of the article (the entry of `origins` that holds it), except the
//! sentences listed in the article's `taken` (`{"sentence": K, "origin": ID, "from": ARTICLE}`),
//! which have the origin named there. A fold without `taken` is read as every sentence having
//! its article's origin.
//!
//! Each fold sentence is matched to the line of the same article that holds most of its words
//! (the cleaner may cut a dateline or split a line; edits are in both), ties going to the line
//! with the higher Jaccard; a sentence with less than half its words in any line, or matched
//! to boilerplate, is left out and counted. The fold's origin of the sentence is followed to
//! its root article, and that article's truth origin to its family (originals listed in
//! `original_pairs.jsonl` are one family, as for copy groups); the sentence is right when that
//! family is the family of the truth's origin of the line.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::generate::word_set;
use crate::reuse_score::Truth;

/// Sentence-origin accuracy the fold needs.
pub const MIN_SENTENCE_ORIGIN: f64 = 0.98;
/// Least share of a fold sentence's words that its matched line must hold.
pub const MIN_MATCH: f64 = 0.5;

/// The parts of a `fold.json` this score reads.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Fold {
    /// Every article of the fold.
    pub articles: Vec<FoldArticle>,
    /// The origins: `{id, root, articles}`.
    #[serde(default)]
    pub origins: Vec<FoldOrigin>,
}

/// An article of a fold, as far as this score reads it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FoldArticle {
    /// Article id (the input record's id).
    pub id: String,
    /// The cleaned text the spans point into.
    #[serde(default)]
    pub text: String,
    /// Sentence spans `[start, end)`, byte offsets into `text`.
    #[serde(default)]
    pub sentences: Vec<(u32, u32)>,
    /// The sentences whose origin is not the article's own; `None` when the fold has no such
    /// field.
    #[serde(default)]
    pub taken: Option<Vec<Taken>>,
}

/// A sentence taken from another origin.
#[derive(Debug, Clone, Deserialize)]
pub struct Taken {
    /// Index into the article's `sentences`.
    pub sentence: usize,
    /// The origin it goes back to.
    pub origin: String,
}

/// An origin of a fold.
#[derive(Debug, Clone, Deserialize)]
pub struct FoldOrigin {
    /// Origin id.
    pub id: String,
    /// The article the others descend from.
    pub root: String,
    /// Member article ids.
    pub articles: Vec<String>,
}

/// Sentences counted and of them right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    /// Sentences matched to a body line of the truth.
    pub sentences: usize,
    /// Of them, given the right origin.
    pub right: usize,
}

impl Count {
    /// right / sentences, or `None` when there are none.
    pub fn accuracy(&self) -> Option<f64> {
        (self.sentences > 0).then(|| self.right as f64 / self.sentences as f64)
    }

    fn add(&mut self, right: bool) {
        self.sentences += 1;
        self.right += usize::from(right);
    }
}

/// The sentence-origin score of a fold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OriginScore {
    /// Articles of the fold scored.
    pub articles: usize,
    /// Fold articles left out: not in the truth, or the truth has no line origins for them, or
    /// its lines do not match `articles.jsonl`.
    pub skipped_articles: usize,
    /// By the label of the article (kind, or `update` / `reprint`).
    pub by_label: BTreeMap<String, Count>,
    /// Sentences whose truth origin is the article's own origin.
    pub own: Count,
    /// Sentences whose truth origin is another's (taken from a source).
    pub taken: Count,
    /// Fold sentences matched to no line (less than [`MIN_MATCH`] of their words in any).
    pub unmatched: usize,
    /// Fold sentences matched to a boilerplate line.
    pub boilerplate: usize,
    /// True when some article of the fold has a `taken` field.
    pub has_taken: bool,
    /// Sentences the fold lists as taken.
    pub marked: usize,
    /// Of them, sentences truly taken and given the right origin.
    pub marked_right: usize,
}

impl OriginScore {
    /// All sentences scored.
    pub fn all(&self) -> Count {
        Count {
            sentences: self.own.sentences + self.taken.sentences,
            right: self.own.right + self.taken.right,
        }
    }

    /// True when the accuracy over all sentences meets [`MIN_SENTENCE_ORIGIN`] (or nothing was
    /// scored).
    pub fn passes(&self) -> bool {
        self.all()
            .accuracy()
            .is_none_or(|a| a >= MIN_SENTENCE_ORIGIN)
    }
}

/// The line holding most of `words` (ties: the higher Jaccard, then the first), when it holds
/// at least [`MIN_MATCH`] of them.
fn best_line(words: &[u64], lines: &[Vec<u64>]) -> Option<usize> {
    if words.is_empty() {
        return None;
    }
    let mut best: Option<(usize, f64, f64)> = None;
    for (j, line) in lines.iter().enumerate() {
        let n = newsfold_text::shared_count(words, line);
        let contained = n as f64 / words.len() as f64;
        let jaccard = n as f64 / (words.len() + line.len() - n) as f64;
        if best.is_none_or(|(_, c, jac)| contained > c || (contained == c && jaccard > jac)) {
            best = Some((j, contained, jaccard));
        }
    }
    best.filter(|&(_, c, _)| c >= MIN_MATCH).map(|(j, _, _)| j)
}

/// Score `fold` against `truth`; `texts` are the generated articles' texts by id (from
/// `articles.jsonl`), whose lines the truth's `sentences` follow.
pub fn score(truth: &Truth, texts: &HashMap<String, String>, fold: &Fold) -> OriginScore {
    let mut out = OriginScore::default();
    let origin_of: HashMap<&str, &str> = fold
        .origins
        .iter()
        .flat_map(|o| o.articles.iter().map(move |a| (a.as_str(), o.id.as_str())))
        .collect();
    let root_of: HashMap<&str, &str> = fold
        .origins
        .iter()
        .map(|o| (o.id.as_str(), o.root.as_str()))
        .collect();
    // The truth family of the root article of a fold origin (an origin id, or an article id
    // for an article in no origin).
    let family_of = |origin: &str| -> Option<usize> {
        let root = root_of.get(origin).copied().unwrap_or(origin);
        truth.index.get(root).and_then(|&r| truth.family[r])
    };
    for article in &fold.articles {
        let (Some(&i), Some(text)) = (truth.index.get(&article.id), texts.get(&article.id)) else {
            out.skipped_articles += 1;
            continue;
        };
        let lines: Vec<&str> = text.split("\n\n").collect();
        let Some(origins) = truth.lines[i].as_ref().filter(|o| o.len() == lines.len()) else {
            out.skipped_articles += 1;
            continue;
        };
        out.articles += 1;
        let line_words: Vec<Vec<u64>> = lines.iter().map(|l| word_set(l)).collect();
        let own_origin = origin_of
            .get(article.id.as_str())
            .copied()
            .unwrap_or(article.id.as_str());
        let mut taken: HashMap<usize, &str> = HashMap::new();
        if let Some(list) = &article.taken {
            out.has_taken = true;
            for t in list {
                taken.insert(t.sentence, t.origin.as_str());
            }
        }
        let article_family = truth.family[i];
        for (k, &(start, end)) in article.sentences.iter().enumerate() {
            let sentence = article.text.get(start as usize..end as usize).unwrap_or("");
            let Some(j) = best_line(&word_set(sentence), &line_words) else {
                out.unmatched += 1;
                continue;
            };
            let Some(true_origin) = origins[j] else {
                out.boilerplate += 1;
                continue;
            };
            let true_family = truth.family[true_origin];
            let given = taken.get(&k).copied().unwrap_or(own_origin);
            let right = true_family.is_some() && family_of(given) == true_family;
            let is_taken = true_family != article_family;
            if taken.contains_key(&k) {
                out.marked += 1;
                out.marked_right += usize::from(right && is_taken);
            }
            out.by_label
                .entry(truth.label(i).to_string())
                .or_default()
                .add(right);
            if is_taken {
                out.taken.add(right);
            } else {
                out.own.add(right);
            }
        }
    }
    out
}

/// The sentence-origin part of the report.
pub fn report(score: &OriginScore) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\nsentence origins ({} articles of the fold; {} left out; {} sentences matched to no \
         line, {} to boilerplate):",
        score.articles, score.skipped_articles, score.unmatched, score.boilerplate
    );
    if !score.has_taken {
        let _ = writeln!(
            s,
            "  the fold lists no `taken` sentences: every sentence counts as its article's origin"
        );
    }
    let acc = |c: &Count| {
        c.accuracy()
            .map_or_else(|| "-".to_string(), |a| format!("{a:.4}"))
    };
    let _ = writeln!(
        s,
        "{:<28} {:>10} {:>10} {:>8}",
        "made", "sentences", "right", "accuracy"
    );
    for (label, c) in &score.by_label {
        let _ = writeln!(
            s,
            "{label:<28} {:>10} {:>10} {:>8}",
            c.sentences,
            c.right,
            acc(c)
        );
    }
    for (name, c) in [
        ("of the article's own origin", &score.own),
        ("taken from another origin", &score.taken),
    ] {
        let _ = writeln!(
            s,
            "{name:<28} {:>10} {:>10} {:>8}",
            c.sentences,
            c.right,
            acc(c)
        );
    }
    let all = score.all();
    let _ = writeln!(
        s,
        "{:<28} {:>10} {:>10} {:>8}  needs >={MIN_SENTENCE_ORIGIN:.2} {}",
        "all",
        all.sentences,
        all.right,
        acc(&all),
        if score.passes() { "ok" } else { "MISS" }
    );
    let _ = writeln!(
        s,
        "the fold lists {} sentences as taken; {} of them are taken and given their origin",
        score.marked, score.marked_right
    );
    s
}

/// The generated articles' texts by id, from `articles.jsonl` in the corpus folder.
pub fn load_texts(corpus: &Path) -> Result<HashMap<String, String>> {
    #[derive(Deserialize)]
    struct Line {
        id: String,
        #[serde(default)]
        text: String,
    }
    let path = corpus.join("articles.jsonl");
    let text =
        fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let l: Line = serde_json::from_str(line)
            .with_context(|| format!("{} line {}: not an article", path.display(), n + 1))?;
        out.insert(l.id, l.text);
    }
    Ok(out)
}

/// Read a `fold.json` (or the folder `newsfold fold --out` wrote it into).
pub fn load_fold(path: &Path) -> Result<Fold> {
    let file = if path.is_dir() {
        path.join("fold.json")
    } else {
        path.to_path_buf()
    };
    let bytes = fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
    serde_json::from_slice(&bytes).with_context(|| {
        format!(
            "{} is not a fold.json (expected \"articles\" with id, text and sentences)",
            file.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// o1 an original; w1 a rewrite keeping o1's lead, with a boilerplate line; m1 a mixture of
    /// o1 and o2.
    const TRUTH: &str = r#"{"id":"o1","kind":"original","root":"o1","sentences":[{"origin":"o1"},{"origin":"o1"}]}
{"id":"o2","kind":"original","root":"o2","sentences":[{"origin":"o2"},{"origin":"o2"}]}
{"id":"w1","kind":"rewrite","root":"w1","parent":"o1","transform":"lead","sentences":[{"origin":"o1"},{"origin":"w1"},{"origin":null}]}
{"id":"m1","kind":"mixture","root":null,"sources":[{"id":"o1","sentences":1},{"id":"o2","sentences":1}],"sentences":[{"origin":"o2"},{"origin":"o1"}]}
"#;

    const O1: [&str; 2] = [
        "The harbour council voted on Tuesday to close the old ferry pier for good.",
        "Repairs would have cost more than the pier earns in ten years, officials said.",
    ];
    const O2: [&str; 2] = [
        "Floods cut the coastal railway north of the city for the third time this winter.",
        "Engineers expect the line to reopen by the weekend if the rain stops.",
    ];
    const OWN: &str = "Fishermen who moor there said they had not been asked before the vote.";
    const SHARE: &str = "Share this story with your friends";

    fn texts() -> HashMap<String, String> {
        [
            ("o1", O1.join("\n\n")),
            ("o2", O2.join("\n\n")),
            ("w1", [O1[0], OWN, SHARE].join("\n\n")),
            ("m1", [O2[0], O1[1]].join("\n\n")),
        ]
        .into_iter()
        .map(|(id, t)| (id.to_string(), t))
        .collect()
    }

    /// A fold article whose cleaned text is `sentences` joined by blank lines.
    fn article(id: &str, sentences: &[&str], taken: Option<&str>) -> String {
        let text = sentences.join("\n\n");
        let mut spans = Vec::new();
        let mut at = 0;
        for s in sentences {
            spans.push(format!("[{at},{}]", at + s.len()));
            at += s.len() + 2;
        }
        let taken = taken.map_or(String::new(), |t| format!(",\"taken\":{t}"));
        format!(
            "{{\"id\":\"{id}\",\"outlet\":null,\"text\":{},\"sentences\":[{}]{taken}}}",
            serde_json::Value::from(text),
            spans.join(",")
        )
    }

    fn fold(taken: bool) -> Fold {
        let w1_taken = taken.then_some(r#"[{"sentence":0,"origin":"or-o1","from":"o1"}]"#);
        let m1_taken = taken.then_some(
            r#"[{"sentence":0,"origin":"or-o2","from":"o2"},{"sentence":1,"origin":"or-o1","from":"o1"}]"#,
        );
        let text = format!(
            r#"{{"articles":[{},{},{},{}],"stories":[],"reuse":[],
            "origins":[{{"id":"or-o1","root":"o1","articles":["o1"]}},
                       {{"id":"or-o2","root":"o2","articles":["o2"]}},
                       {{"id":"or-w1","root":"w1","articles":["w1"]}},
                       {{"id":"or-m1","root":"m1","articles":["m1"]}}]}}"#,
            article("o1", &O1, taken.then_some("[]")),
            article("o2", &O2, None),
            article("w1", &[O1[0], OWN, SHARE], w1_taken),
            article("m1", &[O2[0], O1[1]], m1_taken),
        );
        serde_json::from_str(&text).expect("fold")
    }

    fn truth() -> Truth {
        Truth::parse(TRUTH, "", ("truth", "pairs")).expect("truth")
    }

    #[test]
    fn taken_sentences_get_their_sources_origin() {
        let s = score(&truth(), &texts(), &fold(true));
        assert_eq!((s.articles, s.skipped_articles, s.boilerplate), (4, 0, 1));
        // o1 2, o2 2, w1 2 (the share line is boilerplate), m1 2: all right.
        assert_eq!(
            s.all(),
            Count {
                sentences: 8,
                right: 8
            }
        );
        assert_eq!(
            s.taken,
            Count {
                sentences: 3,
                right: 3
            }
        );
        assert_eq!((s.marked, s.marked_right), (3, 3));
        assert!(s.has_taken && s.passes());
        assert!(report(&s).contains("needs >=0.98 ok"));
    }

    #[test]
    fn without_taken_every_sentence_is_its_articles_origin() {
        let s = score(&truth(), &texts(), &fold(false));
        // The rewrite's lead and both of the mixture's sentences are wrong.
        assert_eq!(
            s.all(),
            Count {
                sentences: 8,
                right: 5
            }
        );
        assert_eq!(
            s.taken,
            Count {
                sentences: 3,
                right: 0
            }
        );
        assert_eq!(
            s.own,
            Count {
                sentences: 5,
                right: 5
            }
        );
        assert_eq!(
            s.by_label["mixture"],
            Count {
                sentences: 2,
                right: 0
            }
        );
        assert!(!s.has_taken && !s.passes());
        assert!(report(&s).contains("lists no `taken` sentences"));
    }

    #[test]
    fn edited_and_split_sentences_match_their_line() {
        let lines: Vec<Vec<u64>> = [O1[0], O1[1], SHARE].iter().map(|l| word_set(l)).collect();
        // A cleaner that cut the first words, or split the line, still finds it.
        assert_eq!(
            best_line(
                &word_set("voted on Tuesday to close the old ferry pier"),
                &lines
            ),
            Some(0)
        );
        assert_eq!(
            best_line(&word_set("Repairs would have cost more."), &lines),
            Some(1)
        );
        assert_eq!(
            best_line(&word_set("Nothing alike here at all."), &lines),
            None
        );
        assert_eq!(best_line(&[], &lines), None);
    }

    #[test]
    fn unknown_articles_and_lines_that_do_not_match_are_left_out() {
        let mut t = texts();
        t.insert("w1".into(), "One line only.".into());
        let mut f = fold(true);
        f.articles.push(FoldArticle {
            id: "elsewhere".into(),
            ..FoldArticle::default()
        });
        let s = score(&truth(), &t, &f);
        assert_eq!((s.articles, s.skipped_articles), (3, 2));
    }
}
