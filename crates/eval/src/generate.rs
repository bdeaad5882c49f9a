//! `newsfold-eval generate`: a labelled reuse corpus built from real articles.
//!
//! The originals are the real articles of `seeds/`, `duc2003-task2/`, `duc2003-task4/` and
//! `ecbplus-dev/` under the shared corpora folder, read at run time and never copied into the
//! repository. From them a seeded generator derives copies with one known transformation
//! (shuffle, word edits, truncation, added boilerplate, and combinations), copies of copies,
//! and mixtures of sentences from 3–5 originals that are at most a partial reuse of any one of
//! them. The ground truth says which article descends from which, and the pairs of originals
//! that already share most of their text (the same wire story filed twice) are listed beside it,
//! so that their descendants count as true pairs too. The same seed always gives the same
//! corpus, byte for byte.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::LazyLock;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use regex::Regex;
use serde_json::json;

use crate::rng::Rng;

/// One sentence, shared between an article and the copies that leave it untouched.
pub type Sent = Rc<str>;

/// Originals with fewer sentences than this are left out.
pub const MIN_SENTENCES: usize = 5;
/// Share of the derived articles that are mixtures (of the whole corpus).
pub const MIXTURE_SHARE: f64 = 0.08;
/// Share of the copies that are copies of copies.
pub const COPY_OF_COPY_SHARE: f64 = 0.25;
/// Word shingle length for the containment of originals.
pub const SHINGLE: usize = 5;
/// Smallest containment that makes two originals a pair.
pub const PAIR_CONTAINMENT: f64 = 0.5;

/// An original article read from the corpora.
#[derive(Debug, Clone, PartialEq)]
pub struct Original {
    /// `o-<corpus>-<name>`, e.g. `o-duc2-NYT19981022.0507`.
    pub id: String,
    /// Publication day `YYYY-MM-DD`, when the corpus tells it.
    pub date: Option<String>,
    /// The article's sentences, in order.
    pub sentences: Vec<String>,
}

/// The transformation that made a copy from its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Transform {
    /// The text unchanged.
    Verbatim,
    /// Sentence order permuted.
    Shuffle,
    /// 5% of the words edited.
    Edit5,
    /// 10% of the words edited.
    Edit10,
    /// 20% of the words edited.
    Edit20,
    /// Only the first 60–90% of the sentences kept.
    Truncate,
    /// 2–4 boilerplate lines added at the start or the end.
    Boilerplate,
    /// Shuffle, then 10% edits.
    ShuffleEdit10,
    /// Truncation, then boilerplate.
    TruncateBoilerplate,
    /// Shuffle, then truncation.
    ShuffleTruncate,
    /// 5% edits, then boilerplate.
    Edit5Boilerplate,
}

/// One elementary change a transformation is made of.
#[derive(Debug, Clone, Copy)]
enum Step {
    Shuffle,
    Edit(f64),
    Truncate,
    Boilerplate,
}

impl Transform {
    /// Every transformation, in report order.
    pub const ALL: [Transform; 11] = [
        Transform::Verbatim,
        Transform::Shuffle,
        Transform::Edit5,
        Transform::Edit10,
        Transform::Edit20,
        Transform::Truncate,
        Transform::Boilerplate,
        Transform::ShuffleEdit10,
        Transform::TruncateBoilerplate,
        Transform::ShuffleTruncate,
        Transform::Edit5Boilerplate,
    ];

    /// The name written to `truth.jsonl`, e.g. `shuffle+edit10`.
    pub fn name(self) -> &'static str {
        match self {
            Transform::Verbatim => "verbatim",
            Transform::Shuffle => "shuffle",
            Transform::Edit5 => "edit5",
            Transform::Edit10 => "edit10",
            Transform::Edit20 => "edit20",
            Transform::Truncate => "truncate",
            Transform::Boilerplate => "boilerplate",
            Transform::ShuffleEdit10 => "shuffle+edit10",
            Transform::TruncateBoilerplate => "truncate+boilerplate",
            Transform::ShuffleTruncate => "shuffle+truncate",
            Transform::Edit5Boilerplate => "edit5+boilerplate",
        }
    }

    fn steps(self) -> &'static [Step] {
        match self {
            Transform::Verbatim => &[],
            Transform::Shuffle => &[Step::Shuffle],
            Transform::Edit5 => &[Step::Edit(0.05)],
            Transform::Edit10 => &[Step::Edit(0.10)],
            Transform::Edit20 => &[Step::Edit(0.20)],
            Transform::Truncate => &[Step::Truncate],
            Transform::Boilerplate => &[Step::Boilerplate],
            Transform::ShuffleEdit10 => &[Step::Shuffle, Step::Edit(0.10)],
            Transform::TruncateBoilerplate => &[Step::Truncate, Step::Boilerplate],
            Transform::ShuffleTruncate => &[Step::Shuffle, Step::Truncate],
            Transform::Edit5Boilerplate => &[Step::Edit(0.05), Step::Boilerplate],
        }
    }
}

/// What an article is in the truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A real article, as itself.
    Original,
    /// A transformed copy of an original or of another copy.
    Copy,
    /// Sentences from 3–5 originals.
    Mixture,
}

impl Kind {
    /// The name written to `truth.jsonl`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Original => "original",
            Kind::Copy => "copy",
            Kind::Mixture => "mixture",
        }
    }
}

/// One generated article with its ground truth. Indices point into [`Corpus::docs`].
#[derive(Debug, Clone)]
pub struct Doc {
    /// Record id.
    pub id: String,
    /// Original, copy or mixture.
    pub kind: Kind,
    /// The original a copy descends from (itself for an original, `None` for a mixture).
    pub root: Option<usize>,
    /// The article a copy was made from.
    pub parent: Option<usize>,
    /// The transformation from the parent.
    pub transform: Option<Transform>,
    /// For a mixture: the originals it takes sentences from, with the number taken.
    pub sources: Vec<(usize, usize)>,
    /// Outlet number (`Outlet N`).
    pub outlet: usize,
    /// Publication day, days since 1970-01-01.
    pub day: i64,
    /// Boilerplate lines before the body.
    pub head: Vec<Sent>,
    /// The article's sentences.
    pub body: Vec<Sent>,
    /// Boilerplate lines after the body.
    pub tail: Vec<Sent>,
}

impl Doc {
    /// The article text: every line a paragraph.
    pub fn text(&self) -> String {
        let lines: Vec<&str> = self
            .head
            .iter()
            .chain(&self.body)
            .chain(&self.tail)
            .map(|s| &**s)
            .collect();
        lines.join("\n\n")
    }

    /// The title: the first sentence of the body, cut to 12 words.
    pub fn title(&self) -> String {
        self.body
            .first()
            .map(|s| s.split_whitespace().take(12).collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    }
}

/// A generated corpus.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Every article: the originals first, then the derived ones in generation order.
    pub docs: Vec<Doc>,
    /// Pairs of originals `(a, b, containment)` with `a < b` that share most of their text.
    pub pairs: Vec<(usize, usize, f64)>,
}

/// Options of `newsfold-eval generate`.
#[derive(Debug, Clone)]
pub struct Options {
    /// The shared corpora folder.
    pub corpora: PathBuf,
    /// Number of articles in all, originals included.
    pub articles: usize,
    /// PRNG seed.
    pub seed: u64,
    /// Output folder.
    pub out: PathBuf,
}

/// Run `generate`: read the originals, build the corpus and write it to `options.out`.
pub fn run(options: &Options, command_line: &str) -> Result<()> {
    let started = Instant::now();
    let originals = load_originals(&options.corpora)?;
    eprintln!(
        "read {} originals with at least {MIN_SENTENCES} sentences from {}",
        originals.len(),
        options.corpora.display()
    );
    let corpus = build(&originals, options.articles, options.seed)?;
    fs::create_dir_all(&options.out)
        .with_context(|| format!("cannot create {}", options.out.display()))?;
    write(&corpus, &options.out, command_line)?;
    eprintln!(
        "wrote {} articles to {} in {:.1}s",
        corpus.docs.len(),
        options.out.display(),
        started.elapsed().as_secs_f64()
    );
    print!("{}", summary(&corpus, command_line));
    Ok(())
}

/// Jaccard of two sentences' word sets at which one is a rewording of the other.
pub const SAME_SENTENCE: f64 = 0.5;

/// The distinct lower-cased words of a sentence, hashed and sorted.
pub fn word_set(sentence: &str) -> Vec<u64> {
    let mut words: Vec<u64> = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| newsfold_core::stable_hash(w.to_lowercase().as_bytes()))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// True when one sentence is a rewording of the other: their word sets agree at Jaccard
/// [`SAME_SENTENCE`], or one holds four fifths of the other's words (a sentence split or merged).
fn reworded(a: &[u64], b: &[u64]) -> bool {
    let j = jaccard(a, b);
    if j >= SAME_SENTENCE {
        return true;
    }
    let smaller = a.len().min(b.len());
    // Shared words from the Jaccard: shared = j * (|a| + |b|) / (1 + j).
    let shared = j * (a.len() + b.len()) as f64 / (1.0 + j);
    smaller >= 6 && shared / smaller as f64 >= 0.8
}

/// Share of the shorter text's sentences that have a rewording (word-set Jaccard at least
/// [`SAME_SENTENCE`]) in the other text.
pub fn sentence_share(a: &[Vec<u64>], b: &[Vec<u64>]) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return 0.0;
    }
    let found = short
        .iter()
        .filter(|s| long.iter().any(|l| reworded(s, l)))
        .count();
    found as f64 / short.len() as f64
}

/// Pairs `(a, b, share)`, `a < b`, of texts that are rewordings of one another: most of the
/// shorter one's sentences reworded in the other, as when two outlets edit one wire story. Word
/// shingles miss these (one changed word breaks five shingles); sentence word sets do not.
/// Candidates share at least a third of the smaller text's distinct words.
pub fn rewrite_pairs(sentences: &[Vec<Vec<u64>>]) -> Vec<(usize, usize, f64)> {
    let words: Vec<Vec<u64>> = sentences
        .iter()
        .map(|doc| {
            let mut all: Vec<u64> = doc.iter().flatten().copied().collect();
            all.sort_unstable();
            all.dedup();
            all
        })
        .collect();
    let mut index: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, set) in words.iter().enumerate() {
        for &w in set {
            index.entry(w).or_default().push(i as u32);
        }
    }
    let mut out = Vec::new();
    let mut shared: HashMap<u32, u32> = HashMap::new();
    for (a, set) in words.iter().enumerate() {
        shared.clear();
        for w in set {
            let list = index.get(w).map(Vec::as_slice).unwrap_or(&[]);
            // Words in very many texts say nothing about rewording.
            if list.len() > 200 {
                continue;
            }
            for &b in list {
                if b as usize > a {
                    *shared.entry(b).or_default() += 1;
                }
            }
        }
        let mut candidates: Vec<u32> = shared
            .iter()
            .filter(|&(&b, &n)| f64::from(n) >= set.len().min(words[b as usize].len()) as f64 / 3.0)
            .map(|(&b, _)| b)
            .collect();
        candidates.sort_unstable();
        for b in candidates {
            let share = sentence_share(&sentences[a], &sentences[b as usize]);
            if share >= PAIR_CONTAINMENT {
                out.push((a, b as usize, share));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Reading the originals

fn sorted_files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let entries =
        fs::read_dir(dir).with_context(|| format!("cannot list folder {}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("cannot list folder {}", dir.display()))?
            .path();
        if path.is_file() && path.extension().is_some_and(|e| e == ext) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn sorted_dirs(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries =
        fs::read_dir(dir).with_context(|| format!("cannot list folder {}", dir.display()))?;
    let mut dirs = Vec::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("cannot list folder {}", dir.display()))?
            .path();
        if path.is_dir() {
            dirs.push(path);
        }
    }
    dirs.sort();
    Ok(dirs)
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The text inside `<TEXT>…</TEXT>` when there is such an element, with any remaining SGML-ish
/// tags removed.
pub fn strip_markup(text: &str) -> String {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"</?[A-Za-z][A-Za-z0-9_.:-]*(\s[^<>]*)?>").expect("valid regex")
    });
    let inner = match (text.find("<TEXT>"), text.rfind("</TEXT>")) {
        (Some(start), Some(end)) if start + 6 <= end => &text[start + 6..end],
        _ => text,
    };
    TAG.replace_all(inner, "").into_owned()
}

/// A line that is not prose: a web address or a line without letters.
fn is_noise_line(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    lower.starts_with("http:")
        || lower.starts_with("https:")
        || lower.starts_with("www.")
        || !line.chars().any(char::is_alphabetic)
}

/// Split a text into sentences: every line is a paragraph, and a paragraph is split with
/// newsfold's sentence segmenter unless `one_per_line`.
pub fn split_sentences(text: &str, one_per_line: bool) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || is_noise_line(line) {
            continue;
        }
        if one_per_line {
            out.push(line.split_whitespace().collect::<Vec<_>>().join(" "));
            continue;
        }
        for span in newsfold_text::sentences(line) {
            let s = line.get(span.range()).unwrap_or("").trim();
            if !s.is_empty() {
                out.push(s.split_whitespace().collect::<Vec<_>>().join(" "));
            }
        }
    }
    out
}

/// `YYYY-MM-DD` from a DUC document number such as `NYT19981022.0507`.
fn duc_date(docno: &str) -> Option<String> {
    let digits: String = docno
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take(8)
        .collect();
    if digits.len() != 8 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let date = format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..8]);
    newsfold_core::parse_day_number(&date).map(|_| date)
}

/// Read every original of the shared corpora folder, in a fixed order, dropping those with
/// fewer than [`MIN_SENTENCES`] sentences and repeated document ids.
pub fn load_originals(corpora: &Path) -> Result<Vec<Original>> {
    for sub in ["seeds", "duc2003-task2", "duc2003-task4", "ecbplus-dev"] {
        let path = corpora.join(sub);
        if !path.is_dir() {
            bail!(
                "{} not found: --corpora must be the shared corpora folder holding seeds/, \
                 duc2003-task2/, duc2003-task4/ and ecbplus-dev/",
                path.display()
            );
        }
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |id: String, date: Option<String>, sentences: Vec<String>| {
        if sentences.len() >= MIN_SENTENCES && seen.insert(id.clone()) {
            out.push(Original {
                id,
                date,
                sentences,
            });
        }
    };
    for path in sorted_files(&corpora.join("seeds"), "txt")? {
        let text = strip_markup(&read_text(&path)?);
        // The seeds report the Xi–Putin call of 15 June 2022.
        push(
            format!("o-seed-{}", stem(&path)),
            Some("2022-06-15".to_string()),
            split_sentences(&text, false),
        );
    }
    for (task, short) in [("duc2003-task2", "duc2"), ("duc2003-task4", "duc4")] {
        for cluster in sorted_dirs(&corpora.join(task).join("clusters"))? {
            let docs = cluster.join("docs");
            if !docs.is_dir() {
                continue;
            }
            for path in sorted_files(&docs, "txt")? {
                let text = strip_markup(&read_text(&path)?);
                let name = stem(&path);
                push(
                    format!("o-{short}-{name}"),
                    duc_date(&name),
                    split_sentences(&text, false),
                );
            }
        }
    }
    for path in sorted_files(&corpora.join("ecbplus-dev").join("docs"), "txt")? {
        let text = strip_markup(&read_text(&path)?);
        push(
            format!("o-ecb-{}", stem(&path)),
            None,
            split_sentences(&text, true),
        );
    }
    if out.is_empty() {
        bail!("no originals found under {}", corpora.display());
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Transformations

/// The distinct lower-case words of the originals, sorted: the words that edits insert and
/// substitute.
pub fn vocabulary(originals: &[Original]) -> Vec<String> {
    let mut words = BTreeSet::new();
    for o in originals {
        for s in &o.sentences {
            for w in s.split_whitespace() {
                let core = w.trim_matches(|c: char| !c.is_alphanumeric());
                if core.chars().count() >= 2 && core.chars().all(char::is_alphabetic) {
                    words.insert(core.to_lowercase());
                }
            }
        }
    }
    words.into_iter().collect()
}

/// Permute the sentences, never leaving them in their old order when two differ.
pub fn shuffle_sentences(body: &mut [Sent], rng: &mut Rng) {
    if body.len() < 2 {
        return;
    }
    let before: Vec<Sent> = body.to_vec();
    for _ in 0..8 {
        rng.shuffle(body);
        if body != before.as_slice() {
            return;
        }
    }
    body.swap(0, 1);
}

/// Keep the first 60–90% of the sentences (at least one, and one fewer than all).
pub fn truncate(body: &mut Vec<Sent>, rng: &mut Rng) {
    let n = body.len();
    if n < 2 {
        return;
    }
    let share = 0.6 + 0.3 * rng.unit();
    let keep = ((share * n as f64).round() as usize).clamp(1, n - 1);
    body.truncate(keep);
}

/// A vocabulary word other than `avoid`.
fn vocab_word<'a>(vocab: &'a [String], avoid: &str, rng: &mut Rng) -> &'a str {
    let mut word = "";
    for _ in 0..8 {
        word = rng.choose(vocab).map(String::as_str).unwrap_or("");
        if !word.eq_ignore_ascii_case(avoid) {
            break;
        }
    }
    word
}

/// `word` with its letters replaced by another vocabulary word, keeping the punctuation around
/// it and an initial capital.
fn substitute(word: &str, vocab: &[String], rng: &mut Rng) -> String {
    let start = word
        .find(|c: char| c.is_alphanumeric())
        .unwrap_or(word.len());
    let end = word
        .rfind(|c: char| c.is_alphanumeric())
        .map(|i| i + word[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(start)
        .max(start);
    let core = &word[start..end];
    if core.is_empty() {
        return vocab_word(vocab, "", rng).to_string();
    }
    let new = vocab_word(vocab, core, rng);
    let capital = core.chars().next().is_some_and(char::is_uppercase);
    let mut out = String::with_capacity(word.len() + new.len());
    out.push_str(&word[..start]);
    let mut chars = new.chars();
    if capital && let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
    }
    out.push_str(chars.as_str());
    out.push_str(&word[end..]);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Keep,
    Substitute,
    Delete,
}

/// Edit `share` of the body's words (rounded): substitutions by another vocabulary word,
/// insertions and deletions in equal parts. Returns the new sentences and the number of edits.
/// No sentence loses all its words.
pub fn edit_words(
    body: &[Sent],
    share: f64,
    vocab: &[String],
    rng: &mut Rng,
) -> (Vec<Sent>, usize) {
    let words: Vec<Vec<&str>> = body
        .iter()
        .map(|s| s.split_whitespace().collect())
        .collect();
    let total: usize = words.iter().map(Vec::len).sum();
    let edits = ((share.clamp(0.0, 1.0) * total as f64).round() as usize).min(total);
    if edits == 0 || vocab.is_empty() {
        return (body.to_vec(), 0);
    }
    let mut counts = [edits / 3; 3];
    let mut kinds = [0usize, 1, 2];
    rng.shuffle(&mut kinds);
    for &k in &kinds[..edits % 3] {
        counts[k] += 1;
    }
    let [n_sub, n_ins, n_del] = counts;
    // Distinct positions for substitutions and deletions (a partial Fisher–Yates).
    let chosen = n_sub + n_del;
    let mut positions: Vec<u32> = (0..total as u32).collect();
    for i in 0..chosen {
        let j = i + rng.below(total - i);
        positions.swap(i, j);
    }
    let mut ops = vec![Op::Keep; total];
    for &p in &positions[..n_del] {
        ops[p as usize] = Op::Delete;
    }
    for &p in &positions[n_del..chosen] {
        ops[p as usize] = Op::Substitute;
    }
    let mut inserts = vec![0u32; total];
    for _ in 0..n_ins {
        inserts[rng.below(total)] += 1;
    }
    let mut out = Vec::with_capacity(body.len());
    let mut offset = 0;
    for (sentence, ws) in body.iter().zip(&words) {
        let range = offset..offset + ws.len();
        offset += ws.len();
        let sentence_ops = &mut ops[range.clone()];
        if !sentence_ops.is_empty() && sentence_ops.iter().all(|&o| o == Op::Delete) {
            // Keep the sentence alive: its last deletion becomes a substitution.
            if let Some(last) = sentence_ops.last_mut() {
                *last = Op::Substitute;
            }
        }
        if sentence_ops.iter().all(|&o| o == Op::Keep)
            && inserts[range.clone()].iter().all(|&n| n == 0)
        {
            out.push(sentence.clone());
            continue;
        }
        let mut new = Vec::with_capacity(ws.len() + 4);
        for (j, w) in ws.iter().enumerate() {
            for _ in 0..inserts[range.start + j] {
                new.push(vocab_word(vocab, "", rng).to_string());
            }
            match ops[range.start + j] {
                Op::Keep => new.push((*w).to_string()),
                Op::Substitute => new.push(substitute(w, vocab, rng)),
                Op::Delete => {}
            }
        }
        out.push(Sent::from(new.join(" ")));
    }
    (out, edits)
}

const READ_MORE: [&str; 3] = ["Read more: {h}", "READ MORE: {h}", "Read more: {h} »"];
const RELATED: [&str; 3] = ["{h}", "Related: {h}", "See also: {h}"];
const SHARE: [&str; 4] = [
    "Share this article: Facebook | Twitter | WhatsApp | Email",
    "Share on Facebook Share on Twitter Share via Email",
    "Click to share on X (opens in new window)",
    "Share this story with your friends",
];
const SYNDICATION: [&str; 4] = [
    "This story was originally published by {o} and is republished here with permission.",
    "This article is distributed by {o} and has not been edited by our staff.",
    "(This story has not been edited by our staff and is published from a syndicated feed.)",
    "Copyright {o}. Distributed under licence. All rights reserved.",
];

/// A headline-shaped line made from the opening words of a sentence.
fn headline(sentence: &str, rng: &mut Rng) -> String {
    let n = rng.range(6, 10);
    sentence
        .split_whitespace()
        .take(n)
        .map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// 2–4 boilerplate lines: a "Read more:" line, related headlines, a share line, a syndication
/// notice naming `source_outlet`. `openings` are sentences to make headlines from.
pub fn boilerplate_lines(openings: &[Sent], source_outlet: &str, rng: &mut Rng) -> Vec<Sent> {
    let mut pool = [0u8, 1, 1, 2, 3];
    rng.shuffle(&mut pool);
    let n = rng.range(2, 4);
    let mut out = Vec::with_capacity(n);
    for &kind in &pool[..n] {
        let template = match kind {
            0 => *rng.choose(&READ_MORE).unwrap_or(&READ_MORE[0]),
            1 => *rng.choose(&RELATED).unwrap_or(&RELATED[0]),
            2 => *rng.choose(&SHARE).unwrap_or(&SHARE[0]),
            _ => *rng.choose(&SYNDICATION).unwrap_or(&SYNDICATION[0]),
        };
        let mut line = template.replace("{o}", source_outlet);
        if line.contains("{h}") {
            let h = match rng.choose(openings) {
                Some(s) => headline(s, rng),
                None => "More news from around the world".to_string(),
            };
            line = line.replace("{h}", &h);
        }
        out.push(Sent::from(line));
    }
    out
}

/// The outlet name of outlet number `n`.
pub fn outlet_name(n: usize) -> String {
    format!("Outlet {n}")
}

/// Everything a transformation needs besides the parent and the PRNG.
struct Material<'a> {
    vocab: &'a [String],
    openings: &'a [Sent],
}

/// Apply `transform` to `parent`'s text; boilerplate never moves into the body and edits touch
/// the body only.
fn apply(
    parent: &Doc,
    transform: Transform,
    material: &Material,
    rng: &mut Rng,
) -> (Vec<Sent>, Vec<Sent>, Vec<Sent>) {
    let (mut head, mut body, mut tail) = (
        parent.head.clone(),
        parent.body.clone(),
        parent.tail.clone(),
    );
    for step in transform.steps() {
        match *step {
            Step::Shuffle => shuffle_sentences(&mut body, rng),
            Step::Edit(share) => body = edit_words(&body, share, material.vocab, rng).0,
            Step::Truncate => truncate(&mut body, rng),
            Step::Boilerplate => {
                let lines = boilerplate_lines(material.openings, &outlet_name(parent.outlet), rng);
                if rng.chance(0.5) {
                    head.splice(0..0, lines);
                } else {
                    tail.extend(lines);
                }
            }
        }
    }
    (head, body, tail)
}

// ---------------------------------------------------------------------------------------------
// Containment of originals

fn mix(h: u64) -> u64 {
    let mut state = h;
    crate::rng::splitmix64(&mut state)
}

/// The distinct hashed word 5-gram shingles of a text (lower-cased alphanumeric words), sorted.
pub fn shingles<'a>(sentences: impl IntoIterator<Item = &'a str>) -> Vec<u64> {
    let mut words = Vec::new();
    for s in sentences {
        for w in s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            words.push(newsfold_core::stable_hash(w.to_lowercase().as_bytes()));
        }
    }
    let mut out: Vec<u64> = words
        .windows(SHINGLE)
        .map(|win| win.iter().fold(0u64, |h, &w| mix(h.rotate_left(17) ^ w)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Pairs `(a, b, containment)`, `a < b`, of texts whose shared shingles make up at least
/// [`PAIR_CONTAINMENT`] of the smaller one's, found through an inverted index.
pub fn containment_pairs(sets: &[Vec<u64>]) -> Vec<(usize, usize, f64)> {
    let mut index: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, set) in sets.iter().enumerate() {
        for &h in set {
            index.entry(h).or_default().push(i as u32);
        }
    }
    let mut out = Vec::new();
    let mut shared: HashMap<u32, u32> = HashMap::new();
    for (a, set) in sets.iter().enumerate() {
        shared.clear();
        for h in set {
            for &b in index.get(h).map(Vec::as_slice).unwrap_or(&[]) {
                if b as usize > a {
                    *shared.entry(b).or_default() += 1;
                }
            }
        }
        for (&b, &n) in &shared {
            let smaller = set.len().min(sets[b as usize].len());
            if smaller == 0 {
                continue;
            }
            let c = f64::from(n) / smaller as f64;
            if c >= PAIR_CONTAINMENT {
                out.push((a, b as usize, c));
            }
        }
    }
    out.sort_by_key(|x| (x.0, x.1));
    out
}

// ---------------------------------------------------------------------------------------------
// Building the corpus

/// Days since 1970-01-01 as `YYYY-MM-DD` (Howard Hinnant's civil_from_days).
pub fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A day for an undated original: fixed by its id, between 2008 and 2013.
fn undated_day(id: &str) -> i64 {
    let start = newsfold_core::parse_day_number("2008-01-01").unwrap_or(13_879);
    start + (newsfold_core::stable_hash(id.as_bytes()) % (6 * 365)) as i64
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Copy,
    CopyOfCopy,
    Mixture,
}

/// A mixture's sentences and its sources `(original, sentences taken)`.
type MixtureDraw = (Vec<Sent>, Vec<(usize, usize)>);

/// Draw a mixture: 8–20 sentences in blocks from 3–5 distinct originals, no two of them a pair,
/// none giving more than a third of the sentences, and not equal to an earlier mixture.
fn mixture(
    originals: &[Doc],
    paired: &HashSet<(usize, usize)>,
    seen: &mut HashSet<Vec<(usize, usize, usize)>>,
    rng: &mut Rng,
) -> Option<MixtureDraw> {
    if originals.len() < 3 {
        return None;
    }
    'attempt: for _ in 0..200 {
        let k = rng.range(3, 5.min(originals.len()));
        let mut m = rng.range(8, 20);
        while k * (m / 3) < m {
            m = rng.range(8, 20);
        }
        let cap = m / 3;
        let mut picked: Vec<usize> = Vec::with_capacity(k);
        while picked.len() < k {
            let o = rng.below(originals.len());
            if picked.contains(&o) {
                continue;
            }
            if picked
                .iter()
                .any(|&p| paired.contains(&(p.min(o), p.max(o))))
            {
                continue 'attempt;
            }
            picked.push(o);
        }
        let caps: Vec<usize> = picked
            .iter()
            .map(|&o| cap.min(originals[o].body.len()))
            .collect();
        if caps.iter().sum::<usize>() < m || caps.contains(&0) {
            continue;
        }
        let mut counts = vec![1usize; k];
        let mut remaining = m - k;
        while remaining > 0 {
            let i = rng.below(k);
            if counts[i] < caps[i] {
                counts[i] += 1;
                remaining -= 1;
            }
        }
        let mut blocks: Vec<(usize, usize, usize)> = picked
            .iter()
            .zip(&counts)
            .map(|(&o, &c)| {
                let start = rng.below(originals[o].body.len() - c + 1);
                (o, start, c)
            })
            .collect();
        let mut signature = blocks.clone();
        signature.sort_unstable();
        if !seen.insert(signature) {
            continue;
        }
        rng.shuffle(&mut blocks);
        let mut body = Vec::with_capacity(m);
        for &(o, start, c) in &blocks {
            body.extend(originals[o].body[start..start + c].iter().cloned());
        }
        let mut sources: Vec<(usize, usize)> = picked.into_iter().zip(counts).collect();
        sources.sort_unstable();
        return Some((body, sources));
    }
    None
}

/// Build a corpus of `n` articles from `originals` with the PRNG seeded by `seed`.
///
/// Up to half of the articles are originals as themselves (all of them when there are enough
/// slots), [`MIXTURE_SHARE`] of the corpus are mixtures, and the rest are copies, of which
/// [`COPY_OF_COPY_SHARE`] are copies of copies.
pub fn build(originals: &[Original], n: usize, seed: u64) -> Result<Corpus> {
    let mut rng = Rng::new(seed);
    if originals.is_empty() {
        bail!("no originals to build a corpus from");
    }
    let vocab = vocabulary(originals);
    let outlets = (n / 50).max(20);
    let n_orig = originals.len().min(n.div_ceil(2));
    let mut chosen: Vec<usize> = (0..originals.len()).collect();
    if n_orig < originals.len() {
        rng.shuffle(&mut chosen);
        chosen.truncate(n_orig);
        chosen.sort_unstable();
    }
    let mut docs: Vec<Doc> = Vec::with_capacity(n);
    for (i, &o) in chosen.iter().enumerate() {
        let original = &originals[o];
        let day = original
            .date
            .as_deref()
            .and_then(newsfold_core::parse_day_number)
            .unwrap_or_else(|| undated_day(&original.id));
        docs.push(Doc {
            id: original.id.clone(),
            kind: Kind::Original,
            root: Some(i),
            parent: None,
            transform: None,
            sources: Vec::new(),
            outlet: rng.range(1, outlets),
            day,
            head: Vec::new(),
            body: original
                .sentences
                .iter()
                .map(|s| Sent::from(s.as_str()))
                .collect(),
            tail: Vec::new(),
        });
    }
    let sets: Vec<Vec<u64>> = docs
        .iter()
        .map(|d| shingles(d.body.iter().map(|s| &**s)))
        .collect();
    let mut pairs = containment_pairs(&sets);
    let sentence_sets: Vec<Vec<Vec<u64>>> = docs
        .iter()
        .map(|d| d.body.iter().map(|s| word_set(s)).collect())
        .collect();
    let by_shingles: HashSet<(usize, usize)> = pairs.iter().map(|&(a, b, _)| (a, b)).collect();
    pairs.extend(
        rewrite_pairs(&sentence_sets)
            .into_iter()
            .filter(|&(a, b, _)| !by_shingles.contains(&(a, b))),
    );
    pairs.sort_by_key(|x| (x.0, x.1));
    let paired: HashSet<(usize, usize)> = pairs.iter().map(|&(a, b, _)| (a, b)).collect();
    let openings: Vec<Sent> = docs
        .iter()
        .filter_map(|d| d.body.first().cloned())
        .collect();
    let material = Material {
        vocab: &vocab,
        openings: &openings,
    };

    let derived = n - n_orig;
    let n_mix = ((n as f64 * MIXTURE_SHARE).round() as usize).min(derived);
    let n_copy = derived - n_mix;
    let n_coc = (n_copy as f64 * COPY_OF_COPY_SHARE).round() as usize;
    let mut slots = Vec::with_capacity(derived);
    slots.extend(std::iter::repeat_n(Slot::Mixture, n_mix));
    slots.extend(std::iter::repeat_n(Slot::CopyOfCopy, n_coc));
    slots.extend(std::iter::repeat_n(Slot::Copy, n_copy - n_coc));
    rng.shuffle(&mut slots);

    let width = derived.to_string().len().max(6);
    let mut copies: Vec<usize> = Vec::new();
    let mut seen_mixtures = HashSet::new();
    for (k, slot) in slots.into_iter().enumerate() {
        let id = format!("d-{:0width$}", k + 1);
        if slot == Slot::Mixture
            && let Some((body, sources)) =
                mixture(&docs[..n_orig], &paired, &mut seen_mixtures, &mut rng)
        {
            docs.push(Doc {
                id,
                kind: Kind::Mixture,
                root: None,
                parent: None,
                transform: None,
                sources,
                outlet: rng.range(1, outlets),
                day: undated_day(&format!("{seed}-{k}")),
                head: Vec::new(),
                body,
                tail: Vec::new(),
            });
            continue;
        }
        // A copy; a copy of a copy needs a parent long enough to copy.
        let mut parent = None;
        if slot == Slot::CopyOfCopy && !copies.is_empty() {
            for _ in 0..20 {
                let p = copies[rng.below(copies.len())];
                if docs[p].body.len() >= MIN_SENTENCES {
                    parent = Some(p);
                    break;
                }
            }
        }
        let parent = parent.unwrap_or_else(|| rng.below(n_orig));
        let transform = Transform::ALL[rng.below(Transform::ALL.len())];
        let (head, body, tail) = apply(&docs[parent], transform, &material, &mut rng);
        let mut outlet = rng.range(1, outlets);
        if outlet == docs[parent].outlet {
            outlet = outlet % outlets + 1;
        }
        let day = docs[parent].day + rng.range(0, 2) as i64;
        docs.push(Doc {
            id,
            kind: Kind::Copy,
            root: docs[parent].root,
            parent: Some(parent),
            transform: Some(transform),
            sources: Vec::new(),
            outlet,
            day,
            head,
            body,
            tail,
        });
        copies.push(docs.len() - 1);
    }
    Ok(Corpus { docs, pairs })
}

// ---------------------------------------------------------------------------------------------
// Writing

fn article_json(doc: &Doc) -> serde_json::Value {
    json!({
        "id": doc.id,
        "outlet": outlet_name(doc.outlet),
        "published": civil_date(doc.day),
        "title": doc.title(),
        "text": doc.text(),
    })
}

fn truth_json(corpus: &Corpus, doc: &Doc) -> serde_json::Value {
    let id = |i: Option<usize>| i.map(|i| corpus.docs[i].id.clone());
    let mut value = json!({
        "id": doc.id,
        "kind": doc.kind.name(),
        "root": id(doc.root),
        "parent": id(doc.parent),
        "transform": doc.transform.map(Transform::name),
    });
    if doc.kind == Kind::Mixture {
        value["sources"] = doc
            .sources
            .iter()
            .map(|&(o, c)| json!({"id": corpus.docs[o].id, "sentences": c}))
            .collect();
    }
    value
}

fn write_lines(path: &Path, values: impl Iterator<Item = serde_json::Value>) -> Result<()> {
    let file =
        fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    for v in values {
        serde_json::to_writer(&mut w, &v)
            .with_context(|| format!("cannot write {}", path.display()))?;
        w.write_all(b"\n")
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    w.flush()
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Write `articles.jsonl`, `truth.jsonl`, `original_pairs.jsonl` and `README.txt` into `out`.
pub fn write(corpus: &Corpus, out: &Path, command_line: &str) -> Result<()> {
    write_lines(
        &out.join("articles.jsonl"),
        corpus.docs.iter().map(article_json),
    )?;
    write_lines(
        &out.join("truth.jsonl"),
        corpus.docs.iter().map(|d| truth_json(corpus, d)),
    )?;
    write_lines(
        &out.join("original_pairs.jsonl"),
        corpus.pairs.iter().map(|&(a, b, c)| {
            json!({
                "a": corpus.docs[a].id,
                "b": corpus.docs[b].id,
                "containment": (c * 10_000.0).round() / 10_000.0,
            })
        }),
    )?;
    let readme = out.join("README.txt");
    fs::write(&readme, summary(corpus, command_line))
        .with_context(|| format!("cannot write {}", readme.display()))?;
    Ok(())
}

/// The counts by kind and transformation, as written to `README.txt`.
pub fn summary(corpus: &Corpus, command_line: &str) -> String {
    let mut kinds: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut first: BTreeMap<Transform, usize> = BTreeMap::new();
    let mut second: BTreeMap<Transform, usize> = BTreeMap::new();
    for d in &corpus.docs {
        *kinds.entry(d.kind).or_default() += 1;
        if let (Some(t), Some(p)) = (d.transform, d.parent) {
            let map = if corpus.docs[p].kind == Kind::Original {
                &mut first
            } else {
                &mut second
            };
            *map.entry(t).or_default() += 1;
        }
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        "A labelled reuse corpus made by newsfold-eval generate from real articles.\n"
    );
    let _ = writeln!(s, "command: {command_line}\n");
    let _ = writeln!(s, "articles: {}", corpus.docs.len());
    for (k, n) in &kinds {
        let _ = writeln!(s, "  {:<10} {n}", k.name());
    }
    let _ = writeln!(
        s,
        "original pairs (word {SHINGLE}-gram containment, or share of sentences reworded, >= {PAIR_CONTAINMENT}): {}\n",
        corpus.pairs.len()
    );
    let _ = writeln!(
        s,
        "{:<22} {:>8} {:>13}",
        "transform", "copies", "copy-of-copy"
    );
    for t in Transform::ALL {
        let _ = writeln!(
            s,
            "{:<22} {:>8} {:>13}",
            t.name(),
            first.get(&t).copied().unwrap_or(0),
            second.get(&t).copied().unwrap_or(0)
        );
    }
    let _ = writeln!(
        s,
        "{:<22} {:>8} {:>13}",
        "total",
        first.values().sum::<usize>(),
        second.values().sum::<usize>()
    );
    let _ = writeln!(
        s,
        "\nFiles: articles.jsonl {{id, outlet, published, title, text}}; truth.jsonl {{id, kind, \
         root, parent, transform[, sources]}}; original_pairs.jsonl {{a, b, containment}}.\n\
         The text is the corpora's (research use only); do not redistribute it."
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Made-up originals: `n` articles of `len` sentences with distinct words.
    fn originals(n: usize, len: usize) -> Vec<Original> {
        (0..n)
            .map(|i| Original {
                id: format!("o-test-{i:03}"),
                date: if i % 2 == 0 {
                    Some("2020-02-28".to_string())
                } else {
                    None
                },
                sentences: (0..len)
                    .map(|j| {
                        // Words of their own in every sentence, so that no two test originals
                        // read as rewordings of each other.
                        format!(
                            "Reporter{i} wrote line{j} about topic{} of the council, item{i}x{j} \
                             alpha{i}a{j} beta{i}b{j} gamma{i}c{j} delta{i}d{j} omega{i}o{j}.",
                            i * 7 + j
                        )
                    })
                    .collect(),
            })
            .collect()
    }

    fn sents(v: &[&str]) -> Vec<Sent> {
        v.iter().map(|s| Sent::from(*s)).collect()
    }

    fn words(body: &[Sent]) -> Vec<String> {
        body.iter()
            .flat_map(|s| s.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .collect()
    }

    fn levenshtein(a: &[String], b: &[String]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, x) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, y) in b.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(x != y))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    #[test]
    fn shuffle_keeps_the_sentence_multiset_and_changes_the_order() {
        let mut rng = Rng::new(3);
        for len in [2, 5, 30] {
            let body: Vec<Sent> = (0..len).map(|i| Sent::from(format!("S {i}."))).collect();
            let mut shuffled = body.clone();
            shuffle_sentences(&mut shuffled, &mut rng);
            assert_ne!(shuffled, body);
            let (mut a, mut b) = (body.clone(), shuffled.clone());
            a.sort();
            b.sort();
            assert_eq!(a, b);
        }
    }

    #[test]
    fn edit_rate_is_within_tolerance() {
        let o = originals(3, 40);
        let vocab = vocabulary(&o);
        let body: Vec<Sent> = o[0]
            .sentences
            .iter()
            .map(|s| Sent::from(s.as_str()))
            .collect();
        let before = words(&body);
        for (share, seed) in [(0.05, 1), (0.10, 2), (0.20, 3)] {
            let mut rng = Rng::new(seed);
            let (edited, n) = edit_words(&body, share, &vocab, &mut rng);
            assert_eq!(edited.len(), body.len());
            let expected = (share * before.len() as f64).round() as usize;
            assert_eq!(n, expected);
            let after = words(&edited);
            let distance = levenshtein(&before, &after);
            assert!(
                distance <= n && distance as f64 >= 0.85 * n as f64,
                "share {share}: {distance} word edits for {n} planned"
            );
            // Insertions and deletions in equal parts: the length moves by at most one word.
            assert!(after.len().abs_diff(before.len()) <= 1);
            assert!(edited.iter().all(|s| !s.trim().is_empty()));
        }
    }

    #[test]
    fn substitution_keeps_punctuation_and_capitals() {
        let vocab = vec!["harbour".to_string()];
        let mut rng = Rng::new(1);
        assert_eq!(substitute("(Council,", &vocab, &mut rng), "(Harbour,");
        assert_eq!(substitute("said.”", &vocab, &mut rng), "harbour.”");
        assert_eq!(substitute("--", &vocab, &mut rng), "harbour");
    }

    #[test]
    fn truncation_keeps_sixty_to_ninety_percent() {
        let mut rng = Rng::new(5);
        let body: Vec<Sent> = (0..40).map(|i| Sent::from(format!("S {i}."))).collect();
        for _ in 0..50 {
            let mut t = body.clone();
            truncate(&mut t, &mut rng);
            assert!((24..=36).contains(&t.len()), "{}", t.len());
            assert_eq!(t[..], body[..t.len()]);
        }
    }

    #[test]
    fn boilerplate_adds_two_to_four_lines() {
        let mut rng = Rng::new(9);
        let openings = sents(&["The harbour council met on Tuesday to vote on the budget."]);
        for _ in 0..50 {
            let lines = boilerplate_lines(&openings, "Outlet 3", &mut rng);
            assert!((2..=4).contains(&lines.len()));
        }
    }

    #[test]
    fn mixtures_respect_the_constraints() {
        let corpus = build(&originals(30, 12), 400, 11).expect("corpus");
        let mixtures: Vec<&Doc> = corpus
            .docs
            .iter()
            .filter(|d| d.kind == Kind::Mixture)
            .collect();
        assert!(mixtures.len() >= 25, "{}", mixtures.len());
        let mut seen = HashSet::new();
        for m in mixtures {
            let n = m.body.len();
            assert!((8..=20).contains(&n));
            assert!((3..=5).contains(&m.sources.len()));
            assert_eq!(m.sources.iter().map(|s| s.1).sum::<usize>(), n);
            for &(o, c) in &m.sources {
                assert!(3 * c <= n, "{c} of {n} sentences from one original");
                assert_eq!(corpus.docs[o].kind, Kind::Original);
                let from_o = m
                    .body
                    .iter()
                    .filter(|s| corpus.docs[o].body.contains(s))
                    .count();
                assert_eq!(from_o, c);
            }
            assert!(seen.insert(m.body.clone()), "mixtures are distinct");
            assert_eq!((m.root, m.parent, m.transform), (None, None, None));
        }
    }

    #[test]
    fn build_has_the_requested_shape() {
        let corpus = build(&originals(30, 8), 300, 2).expect("corpus");
        assert_eq!(corpus.docs.len(), 300);
        let count = |k: Kind| corpus.docs.iter().filter(|d| d.kind == k).count();
        assert_eq!(count(Kind::Original), 30);
        assert_eq!(count(Kind::Mixture), 24);
        let copies: Vec<&Doc> = corpus
            .docs
            .iter()
            .filter(|d| d.kind == Kind::Copy)
            .collect();
        let of_copies = copies
            .iter()
            .filter(|d| d.parent.is_some_and(|p| corpus.docs[p].kind == Kind::Copy))
            .count();
        assert!((50..=70).contains(&of_copies), "{of_copies}");
        for (i, d) in corpus.docs.iter().enumerate() {
            if let Some(p) = d.parent {
                assert!(p < i);
                assert_eq!(d.root, corpus.docs[p].root);
                assert!(d.day >= corpus.docs[p].day);
                assert_ne!(d.outlet, corpus.docs[p].outlet);
            }
        }
        let ids: HashSet<&str> = corpus.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids.len(), corpus.docs.len());
    }

    #[test]
    fn same_seed_same_corpus() {
        let o = originals(20, 9);
        let dump = |seed: u64| {
            let c = build(&o, 200, seed).expect("corpus");
            c.docs
                .iter()
                .map(|d| format!("{}\n{}\n", article_json(d), truth_json(&c, d)))
                .collect::<String>()
        };
        assert_eq!(dump(4), dump(4));
        assert_ne!(dump(4), dump(5));
    }

    #[test]
    fn near_duplicate_originals_are_paired() {
        let mut o = originals(4, 10);
        // The third original files the first one again with one sentence added.
        o[2].sentences = o[0].sentences.clone();
        o[2].sentences
            .push("An update was added later in the evening.".to_string());
        let corpus = build(&o, 8, 1).expect("corpus");
        assert_eq!(corpus.pairs.len(), 1);
        let (a, b, c) = corpus.pairs[0];
        assert_eq!((a, b), (0, 2));
        assert!(c > 0.99);
    }

    #[test]
    fn markup_and_noise_lines_are_dropped() {
        let text = "<DOC><TEXT>\n<P>\nFirst line here. Second one.\n</P>\nhttp: / / x. com /\n20220615\n</TEXT></DOC>";
        let plain = strip_markup(text);
        assert_eq!(
            split_sentences(&plain, false),
            vec!["First line here.", "Second one."]
        );
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(
            civil_date(newsfold_core::parse_day_number("2024-02-29").unwrap_or(0)),
            "2024-02-29"
        );
        assert_eq!(duc_date("NYT19981022.0507").as_deref(), Some("1998-10-22"));
    }
}
