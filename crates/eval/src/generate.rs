//! `newsfold-eval generate`: a labelled reuse corpus built from real articles.
//!
//! The originals are the real articles of `seeds/`, `duc2003-task2/`, `duc2003-task4/` and
//! `ecbplus-dev/` under the shared corpora folder, read at run time and never copied into the
//! repository. From them a seeded generator derives copies with one known transformation
//! (shuffle, word edits, truncation, added boilerplate, and combinations), copies of copies,
//! mixtures of sentences from 3–5 originals that are at most a partial reuse of any one of
//! them, and the reuse that issue 19 is about: compilations of whole short articles, wire
//! updates, press releases reprinted with edits, and rewrites that keep a lead. The material
//! those need (short articles, and text that is nobody else's) comes from originals set aside,
//! which are not in the corpus as themselves.
//!
//! The ground truth says which article descends from which, which it was made from and when,
//! and where every line of its text comes from; the pairs of originals that already share
//! most of their text (the same wire story filed twice) are listed beside it, so that their
//! descendants count as true pairs too. The same seed always gives the same corpus, byte for
//! byte; 10,000 articles take about two seconds.

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

/// The transformation that made a derived article from its source.
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
    /// A wire update: the parent (v1) whole, plus 1–3 new paragraphs appended or one new lead
    /// on top; same outlet, same day or later. A copy: the update is the same origin.
    Update,
    /// A press release reprinted: 5–10% of the words edited and one boilerplate line, a day or
    /// more later. A copy.
    Reprint,
    /// A compilation of 2–4 whole short articles pasted one after another.
    Blocks,
    /// The same with a paragraph of the compilation's own text on top or between the pieces.
    BlocksOwn,
    /// A compilation whose pieces' sentences are shuffled among 3–6 sentences of its own.
    Shuffled,
    /// A rewrite keeping the source's lead (its first one or two sentences) verbatim.
    Lead,
    /// A rewrite keeping the source's lead with 5% of its words edited.
    LeadEdit5,
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
    /// The transformations of plain copies, drawn uniformly, in report order.
    pub const COPIES: [Transform; 11] = [
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

    /// Every transformation that makes an article of kind `copy`, in report order.
    pub const ALL_COPIES: [Transform; 13] = [
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
        Transform::Update,
        Transform::Reprint,
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
            Transform::Update => "update",
            Transform::Reprint => "reprint",
            Transform::Blocks => "blocks",
            Transform::BlocksOwn => "blocks+own",
            Transform::Shuffled => "shuffled",
            Transform::Lead => "lead",
            Transform::LeadEdit5 => "lead+edit5",
        }
    }

    fn steps(self) -> &'static [Step] {
        match self {
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
            // Verbatim, and the transformations made by their own functions.
            _ => &[],
        }
    }
}

/// What an article is in the truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A real article, as itself; or a brief (the first 3–6 sentences of an original that is
    /// not in the corpus), also its own origin.
    Original,
    /// A transformed copy of an original or of another copy (wire updates and press-release
    /// reprints included): the same origin as its root.
    Copy,
    /// Sentences from 3–5 originals.
    Mixture,
    /// 2–4 whole short articles pasted in blocks or shuffled among text of its own: its own
    /// origin, taking its pieces' sentences.
    Compilation,
    /// A source's lead kept, the rest its own text: its own origin, taking the lead.
    Rewrite,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Kind; 5] = [
        Kind::Original,
        Kind::Copy,
        Kind::Mixture,
        Kind::Compilation,
        Kind::Rewrite,
    ];

    /// The name written to `truth.jsonl`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Original => "original",
            Kind::Copy => "copy",
            Kind::Mixture => "mixture",
            Kind::Compilation => "compilation",
            Kind::Rewrite => "rewrite",
        }
    }

    /// The kind named `name` in `truth.jsonl`.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// One generated article with its ground truth. Indices point into [`Corpus::docs`].
#[derive(Debug, Clone)]
pub struct Doc {
    /// Record id.
    pub id: String,
    /// What the article is.
    pub kind: Kind,
    /// The origin the article belongs to, as the index of its first article: the root original
    /// for an original or a copy; the article itself for a compilation or a rewrite, whose own
    /// text is theirs; `None` for a mixture, which has no text of its own.
    pub root: Option<usize>,
    /// The article a copy or a rewrite was made from (a wire update's v1, a reprint's release).
    pub parent: Option<usize>,
    /// The transformation from the parent (or the pieces).
    pub transform: Option<Transform>,
    /// For a mixture: the originals it takes sentences from; for a compilation: its pieces;
    /// each with the number of sentences taken.
    pub sources: Vec<(usize, usize)>,
    /// Outlet number (`Outlet N`).
    pub outlet: usize,
    /// Publication day, days since 1970-01-01.
    pub day: i64,
    /// Boilerplate lines before the body.
    pub head: Vec<Sent>,
    /// The article's sentences.
    pub body: Vec<Sent>,
    /// For each body sentence, the original (an index) whose reporting it goes back to: the root
    /// of the article it was taken from, or the article itself for text of its own.
    pub origin: Vec<usize>,
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

    /// The title: the body's first line cut to 12 words when it is a headline (no closing
    /// full stop, as in the corpora's articles that open with theirs); when it is a sentence of
    /// prose, its opening words only (at most 12, never the whole sentence), so that a title
    /// never repeats a whole line of reporting, which cleaning would remove as the repeated
    /// headline.
    pub fn title(&self) -> String {
        let Some(first) = self.body.first() else {
            return String::new();
        };
        let words: Vec<&str> = first.split_whitespace().collect();
        let take = if ends_a_sentence(first) {
            12.min(words.len().saturating_sub(3)).max(1)
        } else {
            12
        };
        words
            .iter()
            .take(take)
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A generated corpus.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Every article: the originals (briefs last), then the derived ones in a shuffled order, so
    /// that neither the file order nor the ids tell a source from its copy.
    pub docs: Vec<Doc>,
    /// Pairs of originals `(a, b, containment)` with `a < b` that share most of their text.
    pub pairs: Vec<(usize, usize, f64)>,
    /// What was set aside to give briefs and text of the derived articles' own.
    pub set_aside: SetAside,
}

/// The originals set aside as material, and how far it went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SetAside {
    /// Originals not in the corpus as themselves: each gave a brief and text of others' own.
    pub originals: usize,
    /// Sentences fit to be somebody's own text (no word 5-gram of them elsewhere).
    pub own_text: usize,
    /// Of them, sentences used.
    pub used: usize,
    /// Compilations, updates and rewrites made as plain copies instead, for want of own text
    /// or of short pieces.
    pub fallbacks: usize,
}

/// Options of `newsfold-eval generate`.
#[derive(Debug, Clone)]
pub struct Options {
    /// Which kinds of derived article to make.
    pub kinds: Kinds,
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
    let corpus = build_kinds(&originals, options.articles, options.seed, options.kinds)?;
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
pub fn shuffle_sentences<T: Clone + PartialEq>(body: &mut [T], rng: &mut Rng) {
    if body.len() < 2 {
        return;
    }
    let before: Vec<T> = body.to_vec();
    for _ in 0..8 {
        rng.shuffle(body);
        if body != before.as_slice() {
            return;
        }
    }
    body.swap(0, 1);
}

/// Keep the first 60–90% of the sentences (at least one, and one fewer than all).
pub fn truncate<T>(body: &mut Vec<T>, rng: &mut Rng) {
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
    let n = rng.range(2, 4);
    boilerplate(openings, source_outlet, n, rng)
}

/// `n` (at most 5) boilerplate lines of the kinds [`boilerplate_lines`] draws from.
fn boilerplate(openings: &[Sent], source_outlet: &str, n: usize, rng: &mut Rng) -> Vec<Sent> {
    let mut pool = [0u8, 1, 1, 2, 3];
    rng.shuffle(&mut pool);
    let n = n.min(pool.len());
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

/// An article's lines: boilerplate head, body, the body sentences' origins, boilerplate tail.
type Parts = (Vec<Sent>, Vec<Sent>, Vec<usize>, Vec<Sent>);

/// Apply `transform` to `parent`'s text; boilerplate never moves into the body, edits touch
/// the body only, and every body sentence keeps its origin.
fn apply(parent: &Doc, transform: Transform, material: &Material, rng: &mut Rng) -> Parts {
    let (mut head, mut tail) = (parent.head.clone(), parent.tail.clone());
    let mut body: Vec<(Sent, usize)> = parent
        .body
        .iter()
        .cloned()
        .zip(parent.origin.iter().copied())
        .collect();
    for step in transform.steps() {
        match *step {
            Step::Shuffle => shuffle_sentences(&mut body, rng),
            Step::Edit(share) => {
                let (sentences, origin): (Vec<Sent>, Vec<usize>) = body.into_iter().unzip();
                let edited = edit_words(&sentences, share, material.vocab, rng).0;
                body = edited.into_iter().zip(origin).collect();
            }
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
    let (body, origin) = body.into_iter().unzip();
    (head, body, origin, tail)
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

/// Share of the corpus made of compilations.
pub const COMPILATION_SHARE: f64 = 0.03;
/// Share of the corpus made of wire updates.
pub const UPDATE_SHARE: f64 = 0.03;
/// Share of the corpus made of press releases reprinted with edits.
pub const REPRINT_SHARE: f64 = 0.03;
/// Share of the corpus made of rewrites that keep a lead.
pub const REWRITE_SHARE: f64 = 0.03;
/// Most sentences of a short article, one a compilation may hold whole.
pub const SHORT: usize = 6;
/// Most of the originals set aside as material for briefs and own text.
pub const MAX_SET_ASIDE: f64 = 0.4;
/// Fewest words of a brief.
pub const BRIEF_WORDS: usize = 50;
/// Fewest words of a rewrite's kept lead (one or two sentences).
pub const LEAD_WORDS: usize = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Copy,
    CopyOfCopy,
    Mixture,
    Compilation,
    Update,
    Reprint,
    Rewrite,
}

/// A mixture's sentences, their origins and its sources `(original, sentences taken)`.
type MixtureDraw = (Vec<Sent>, Vec<usize>, Vec<(usize, usize)>);

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
        let mut origin = Vec::with_capacity(m);
        for &(o, start, c) in &blocks {
            body.extend(originals[o].body[start..start + c].iter().cloned());
            origin.extend_from_slice(&originals[o].origin[start..start + c]);
        }
        let mut sources: Vec<(usize, usize)> = picked.into_iter().zip(counts).collect();
        sources.sort_unstable();
        return Some((body, origin, sources));
    }
    None
}

/// Text that is nobody else's, handed out in order, each sentence once.
#[derive(Debug, Default)]
struct OwnText {
    sentences: Vec<Sent>,
    next: usize,
}

impl OwnText {
    /// The next `k` sentences, or `None` when fewer are left.
    fn take(&mut self, k: usize) -> Option<Vec<Sent>> {
        let end = self.next + k;
        let out = self.sentences.get(self.next..end)?.to_vec();
        self.next = end;
        Some(out)
    }
}

/// The word 5-gram shingles of one sentence.
fn sentence_shingles(sentence: &str) -> Vec<u64> {
    shingles(std::iter::once(sentence))
}

/// Whether a line ends as a sentence of prose does (a full stop, question or exclamation mark,
/// maybe inside a closing quote): a headline or a "Posted on ... at 3:39 PM" line does not, and a
/// brief made of such lines would be all boilerplate once cleaned.
fn ends_a_sentence(line: &str) -> bool {
    let end = line
        .trim_end()
        .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')']);
    end.ends_with(['.', '!', '?'])
}

/// Whether a line is a sentence of prose: it ends as one and has eight words or more.
fn is_prose(line: &str) -> bool {
    ends_a_sentence(line) && line.split_whitespace().count() >= 8
}

/// Set originals aside as material: each gives a brief (its first 3–6 sentences, an article of
/// the corpus, its own origin) and, from the rest, sentences of own text for the derived
/// articles. An own-text sentence has six words or more and no word 5-gram that occurs in any
/// other original, in its own brief or in own text taken before: so no article can share a
/// passage with it, and the truth can call it its user's own. Originals paired with another
/// (see [`PAIR_CONTAINMENT`]) are never set aside, nor those whose brief would be short of
/// [`BRIEF_WORDS`] or hold a line of fewer than 8 words (a header, a date, a byline). Originals
/// are taken, in a seeded order, until there are `need` own sentences and `briefs` briefs, or
/// `max` originals.
///
/// Returns the originals set aside with their brief lengths, and the own text.
fn set_aside(
    originals: &[Original],
    paired: &HashSet<usize>,
    (need, briefs, max): (usize, usize, usize),
    rng: &mut Rng,
) -> (Vec<(usize, usize)>, Vec<Sent>) {
    if need == 0 && briefs == 0 {
        return (Vec::new(), Vec::new());
    }
    let mut in_originals: HashMap<u64, u32> = HashMap::new();
    for o in originals {
        let set: HashSet<u64> = o
            .sentences
            .iter()
            .flat_map(|s| sentence_shingles(s))
            .collect();
        for h in set {
            *in_originals.entry(h).or_default() += 1;
        }
    }
    let mut candidates: Vec<usize> = (0..originals.len())
        .filter(|i| !paired.contains(i) && originals[*i].sentences.len() >= MIN_SENTENCES + 3)
        .collect();
    rng.shuffle(&mut candidates);
    let (mut chosen, mut own) = (Vec::new(), Vec::new());
    let mut used: HashSet<u64> = HashSet::new();
    for o in candidates {
        if chosen.len() >= max || (own.len() >= need && chosen.len() >= briefs) {
            break;
        }
        let sentences = &originals[o].sentences;
        let brief = rng.range(3, SHORT);
        // A brief reads as an article: sentences of prose, no header, date or byline lines.
        let words: Vec<usize> = sentences[..brief]
            .iter()
            .map(|s| s.split_whitespace().count())
            .collect();
        let prose = sentences[..brief].iter().all(|s| ends_a_sentence(s));
        if !prose || words.iter().sum::<usize>() < BRIEF_WORDS || words.iter().any(|&w| w < 8) {
            continue;
        }
        let in_brief: HashSet<u64> = sentences[..brief]
            .iter()
            .flat_map(|s| sentence_shingles(s))
            .collect();
        for s in &sentences[brief..] {
            let hs = sentence_shingles(s);
            let fit = s.split_whitespace().count() >= 6
                && !hs.is_empty()
                && hs.iter().all(|h| {
                    in_originals.get(h).copied().unwrap_or(0) <= 1
                        && !in_brief.contains(h)
                        && !used.contains(h)
                });
            if fit {
                used.extend(hs);
                own.push(Sent::from(s.as_str()));
            }
        }
        chosen.push((o, brief));
    }
    chosen.sort_unstable();
    (chosen, own)
}

/// How many articles of each kind a corpus of `n` with `n_orig` originals gets.
#[derive(Debug, Clone, Copy)]
struct Plan {
    mixtures: usize,
    compilations: usize,
    updates: usize,
    reprints: usize,
    rewrites: usize,
    copies: usize,
    copies_of_copies: usize,
}

/// Which kinds of derived article a corpus holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kinds {
    /// Every kind: copies, mixtures, and issue 19's compilations, wire updates, reprinted
    /// releases and rewrites that keep a lead.
    #[default]
    All,
    /// Copies and mixtures only: the corpus the bars of issue 4 were set on (the other kinds'
    /// shares go to copies).
    Copies,
}

impl Plan {
    fn new(n: usize, n_orig: usize, kinds: Kinds) -> Plan {
        let derived = n - n_orig;
        let mut left = derived;
        let mut take = |share: f64| {
            let k = ((n as f64 * share).round() as usize).min(left);
            left -= k;
            k
        };
        let issue19 = |share: f64| if kinds == Kinds::All { share } else { 0.0 };
        let mixtures = take(MIXTURE_SHARE);
        let compilations = take(issue19(COMPILATION_SHARE));
        let updates = take(issue19(UPDATE_SHARE));
        let reprints = take(issue19(REPRINT_SHARE));
        let rewrites = take(issue19(REWRITE_SHARE));
        let copies = left;
        Plan {
            mixtures,
            compilations,
            updates,
            reprints,
            rewrites,
            copies,
            copies_of_copies: (copies as f64 * COPY_OF_COPY_SHARE).round() as usize,
        }
    }

    /// Own sentences the plan needs, with a margin: a compilation takes 0, 2–3 or 3–6, an
    /// update 1–3, a rewrite 4–8.
    fn own_text(&self) -> usize {
        let expected =
            3.0 * self.compilations as f64 + 2.0 * self.updates as f64 + 6.0 * self.rewrites as f64;
        (expected * 1.15).ceil() as usize
    }

    fn slots(&self, rng: &mut Rng) -> Vec<Slot> {
        let mut slots = Vec::new();
        for (slot, k) in [
            (Slot::Mixture, self.mixtures),
            (Slot::Compilation, self.compilations),
            (Slot::Update, self.updates),
            (Slot::Reprint, self.reprints),
            (Slot::Rewrite, self.rewrites),
            (Slot::CopyOfCopy, self.copies_of_copies),
            (Slot::Copy, self.copies - self.copies_of_copies),
        ] {
            slots.extend(std::iter::repeat_n(slot, k));
        }
        rng.shuffle(&mut slots);
        slots
    }
}

/// The day an original was published: its corpus's, or one fixed by its id.
fn original_day(date: Option<&str>, id: &str) -> i64 {
    date.and_then(newsfold_core::parse_day_number)
        .unwrap_or_else(|| undated_day(id))
}

/// The originals' pairs: word 5-gram containment, or most sentences reworded.
fn original_pairs(bodies: &[Vec<Sent>]) -> Vec<(usize, usize, f64)> {
    let sets: Vec<Vec<u64>> = bodies
        .iter()
        .map(|b| shingles(b.iter().map(|s| &**s)))
        .collect();
    let mut pairs = containment_pairs(&sets);
    let sentence_sets: Vec<Vec<Vec<u64>>> = bodies
        .iter()
        .map(|b| b.iter().map(|s| word_set(s)).collect())
        .collect();
    let by_shingles: HashSet<(usize, usize)> = pairs.iter().map(|&(a, b, _)| (a, b)).collect();
    pairs.extend(
        rewrite_pairs(&sentence_sets)
            .into_iter()
            .filter(|&(a, b, _)| !by_shingles.contains(&(a, b))),
    );
    pairs.sort_by_key(|x| (x.0, x.1));
    pairs
}

/// An original (or brief) as an article of the corpus, its own origin.
fn original_doc(index: usize, id: String, day: i64, body: Vec<Sent>, outlet: usize) -> Doc {
    Doc {
        id,
        kind: Kind::Original,
        root: Some(index),
        parent: None,
        transform: None,
        sources: Vec::new(),
        outlet,
        day,
        head: Vec::new(),
        origin: vec![index; body.len()],
        body,
        tail: Vec::new(),
    }
}

/// An outlet number other than `avoid`'s.
fn other_outlet(avoid: usize, outlets: usize, rng: &mut Rng) -> usize {
    let outlet = rng.range(1, outlets);
    if outlet == avoid {
        outlet % outlets + 1
    } else {
        outlet
    }
}

/// Everything the derived articles are drawn from while the corpus grows.
struct Builder<'a> {
    docs: Vec<Doc>,
    n_orig: usize,
    outlets: usize,
    material: Material<'a>,
    own: OwnText,
    /// Copies (kind copy), the parents of copies of copies.
    copies: Vec<usize>,
    /// Originals and copies of at most [`SHORT`] sentences (and at least 3): compilation pieces.
    short: Vec<usize>,
    /// The family of each original: the smallest original it is paired with, transitively.
    family: Vec<usize>,
}

impl Builder<'_> {
    /// An original, or with [`COPY_OF_COPY_SHARE`] a copy, of at least `min_len` sentences.
    fn parent(&self, of_copy: bool, min_len: usize, rng: &mut Rng) -> usize {
        if of_copy && !self.copies.is_empty() {
            for _ in 0..20 {
                let p = self.copies[rng.below(self.copies.len())];
                if self.docs[p].body.len() >= min_len {
                    return p;
                }
            }
        }
        rng.below(self.n_orig)
    }

    fn push(&mut self, doc: Doc) {
        let i = self.docs.len();
        if doc.kind == Kind::Copy {
            self.copies.push(i);
        }
        if matches!(doc.kind, Kind::Copy | Kind::Original) && (3..=SHORT).contains(&doc.body.len())
        {
            self.short.push(i);
        }
        self.docs.push(doc);
    }

    fn copy(&self, parent: usize, transform: Transform, rng: &mut Rng) -> Doc {
        let p = &self.docs[parent];
        // A copy carries some reporting: a truncation that kept only a headline and a date line
        // would be all boilerplate once cleaned, so it is drawn again (a few times at most).
        let mut parts = apply(p, transform, &self.material, rng);
        for _ in 0..8 {
            if parts.1.iter().any(|s| is_prose(s)) {
                break;
            }
            parts = apply(p, transform, &self.material, rng);
        }
        let (head, body, origin, tail) = parts;
        Doc {
            id: String::new(),
            kind: Kind::Copy,
            root: p.root,
            parent: Some(parent),
            transform: Some(transform),
            sources: Vec::new(),
            outlet: other_outlet(p.outlet, self.outlets, rng),
            day: p.day + rng.range(0, 2) as i64,
            head,
            body,
            origin,
            tail,
        }
    }

    /// A wire update: v1 whole with 1–3 new sentences, appended or (one of them) a new lead on
    /// top; same outlet, same day or the next. The new text belongs to v1's origin.
    fn update(&mut self, rng: &mut Rng) -> Option<Doc> {
        let v1 = self.parent(rng.chance(COPY_OF_COPY_SHARE), 1, rng);
        let new = self.own.take(rng.range(1, 3))?;
        let p = &self.docs[v1];
        let root = p.root?;
        let on_top = rng.chance(0.3);
        let (top, rest) = new.split_at(usize::from(on_top));
        let body: Vec<Sent> = top.iter().chain(&p.body).chain(rest).cloned().collect();
        let origin: Vec<usize> = top
            .iter()
            .map(|_| root)
            .chain(p.origin.iter().copied())
            .chain(rest.iter().map(|_| root))
            .collect();
        Some(Doc {
            id: String::new(),
            kind: Kind::Copy,
            root: Some(root),
            parent: Some(v1),
            transform: Some(Transform::Update),
            sources: Vec::new(),
            outlet: p.outlet,
            day: p.day + rng.range(0, 1) as i64,
            head: p.head.clone(),
            body,
            origin,
            tail: p.tail.clone(),
        })
    }

    /// A press release (an original) reprinted a day or more later with 5–10% of its words
    /// edited and one boilerplate line.
    fn reprint(&self, rng: &mut Rng) -> Doc {
        let release = rng.below(self.n_orig);
        let p = &self.docs[release];
        let share = 0.05 + 0.05 * rng.unit();
        let body = edit_words(&p.body, share, self.material.vocab, rng).0;
        let line = boilerplate(self.material.openings, &outlet_name(p.outlet), 1, rng);
        let (mut head, mut tail) = (p.head.clone(), p.tail.clone());
        if rng.chance(0.5) {
            head.splice(0..0, line);
        } else {
            tail.extend(line);
        }
        Doc {
            id: String::new(),
            kind: Kind::Copy,
            root: p.root,
            parent: Some(release),
            transform: Some(Transform::Reprint),
            sources: Vec::new(),
            outlet: other_outlet(p.outlet, self.outlets, rng),
            day: p.day + rng.range(1, 3) as i64,
            head,
            body,
            origin: p.origin.clone(),
            tail,
        }
    }

    /// A rewrite: the source's lead (its first sentence of prose, or two when the first is short
    /// or by chance), of at least [`LEAD_WORDS`] words, kept verbatim or with 5% edits; then 4–8
    /// sentences of its own. Dated as a copy.
    fn rewrite(&mut self, rng: &mut Rng) -> Option<Doc> {
        let of_copy = rng.chance(COPY_OF_COPY_SHARE);
        let mut found = None;
        for _ in 0..20 {
            let source = self.parent(of_copy, 2, rng);
            // The lead is the first lines of prose: a headline or a "Published: ..." line
            // above them is not reporting, and newsfold's cleaning drops it.
            let all = &self.docs[source].body;
            let Some(start) = all.iter().position(|s| ends_a_sentence(s)) else {
                continue;
            };
            let body = &all[start..];
            let words = |k: usize| -> usize {
                body[..k.min(body.len())]
                    .iter()
                    .map(|s| s.split_whitespace().count())
                    .sum()
            };
            let k = if words(1) >= LEAD_WORDS && !rng.chance(0.3) {
                1
            } else {
                2
            };
            let prose = body.iter().take(k).all(|s| ends_a_sentence(s));
            if body.len() > k && prose && words(k) >= LEAD_WORDS {
                found = Some((source, start, k));
                break;
            }
        }
        let (source, start, k) = found?;
        let lead_lines = start..start + k;
        let own = self.own.take(rng.range(4, 8))?;
        let index = self.docs.len();
        let p = &self.docs[source];
        let edited = rng.chance(0.4);
        let lead = if edited {
            edit_words(&p.body[lead_lines.clone()], 0.05, self.material.vocab, rng).0
        } else {
            p.body[lead_lines.clone()].to_vec()
        };
        let origin: Vec<usize> = p.origin[lead_lines]
            .iter()
            .copied()
            .chain(std::iter::repeat_n(index, own.len()))
            .collect();
        Some(Doc {
            id: String::new(),
            kind: Kind::Rewrite,
            root: Some(index),
            parent: Some(source),
            transform: Some(if edited {
                Transform::LeadEdit5
            } else {
                Transform::Lead
            }),
            sources: Vec::new(),
            outlet: other_outlet(p.outlet, self.outlets, rng),
            day: p.day + rng.range(0, 2) as i64,
            head: Vec::new(),
            body: lead.into_iter().chain(own).collect(),
            origin,
            tail: Vec::new(),
        })
    }

    /// A compilation of 2–4 short articles of distinct families (their bodies, whole): pasted
    /// one after another, with or without a paragraph of its own (2–3 sentences, on top or
    /// between two pieces), or shuffled sentence by sentence among 3–6 sentences of its own.
    /// Dated on the day of its latest piece or up to two days after.
    fn compilation(&mut self, rng: &mut Rng) -> Option<Doc> {
        let k = rng.range(2, 4);
        if self.short.len() < k {
            return None;
        }
        let mut pieces: Vec<usize> = Vec::with_capacity(k);
        let mut families: Vec<usize> = Vec::with_capacity(k);
        for _ in 0..50 {
            if pieces.len() == k {
                break;
            }
            let p = self.short[rng.below(self.short.len())];
            let family = self.family[self.docs[p].root?];
            if !families.contains(&family) {
                pieces.push(p);
                families.push(family);
            }
        }
        if pieces.len() < k {
            return None;
        }
        let variant = match rng.below(3) {
            0 => Transform::Blocks,
            1 => Transform::BlocksOwn,
            _ => Transform::Shuffled,
        };
        let own = match variant {
            Transform::Blocks => Vec::new(),
            Transform::BlocksOwn => self.own.take(rng.range(2, 3))?,
            _ => self.own.take(rng.range(3, 6))?,
        };
        let index = self.docs.len();
        let mut blocks: Vec<Vec<(Sent, usize)>> = pieces
            .iter()
            .map(|&p| {
                let d = &self.docs[p];
                d.body
                    .iter()
                    .cloned()
                    .zip(d.origin.iter().copied())
                    .collect()
            })
            .collect();
        let own: Vec<(Sent, usize)> = own.into_iter().map(|s| (s, index)).collect();
        let mut body: Vec<(Sent, usize)> = match variant {
            Transform::Blocks => blocks.concat(),
            Transform::BlocksOwn => {
                blocks.insert(rng.below(blocks.len()), own);
                blocks.concat()
            }
            _ => {
                blocks.push(own);
                let mut all = blocks.concat();
                shuffle_sentences(&mut all, rng);
                all
            }
        };
        let day = pieces.iter().map(|&p| self.docs[p].day).max().unwrap_or(0);
        let mut sources: Vec<(usize, usize)> = pieces
            .iter()
            .map(|&p| (p, self.docs[p].body.len()))
            .collect();
        sources.sort_unstable();
        let (body, origin) = std::mem::take(&mut body).into_iter().unzip();
        Some(Doc {
            id: String::new(),
            kind: Kind::Compilation,
            root: Some(index),
            parent: None,
            transform: Some(variant),
            sources,
            outlet: rng.range(1, self.outlets),
            day: day + rng.range(0, 2) as i64,
            head: Vec::new(),
            body,
            origin,
            tail: Vec::new(),
        })
    }
}

/// Put the derived articles (from `n_orig` on) in a seeded order and number them in it, so that
/// neither ids nor file order tell a source from its copy; every index is mapped along.
fn shuffle_derived(docs: Vec<Doc>, n_orig: usize, rng: &mut Rng) -> Vec<Doc> {
    let mut order: Vec<usize> = (n_orig..docs.len()).collect();
    rng.shuffle(&mut order);
    let mut new_index: Vec<usize> = (0..docs.len()).collect();
    for (k, &old) in order.iter().enumerate() {
        new_index[old] = n_orig + k;
    }
    let mut slots: Vec<Option<Doc>> = docs.into_iter().map(Some).collect();
    let mut out: Vec<Doc> = Vec::with_capacity(slots.len());
    for i in (0..n_orig).chain(order.iter().copied()) {
        if let Some(doc) = slots[i].take() {
            out.push(doc);
        }
    }
    let width = (out.len() - n_orig).to_string().len().max(6);
    for (i, d) in out.iter_mut().enumerate() {
        d.root = d.root.map(|r| new_index[r]);
        d.parent = d.parent.map(|p| new_index[p]);
        for s in &mut d.sources {
            s.0 = new_index[s.0];
        }
        d.sources.sort_unstable();
        for o in &mut d.origin {
            *o = new_index[*o];
        }
        if i >= n_orig {
            d.id = format!("d-{:0width$}", i - n_orig + 1);
        }
    }
    out
}

/// [`build_kinds`] with every kind.
#[cfg(test)]
pub fn build(originals: &[Original], n: usize, seed: u64) -> Result<Corpus> {
    build_kinds(originals, n, seed, Kinds::All)
}

/// Build a corpus of `n` articles from `originals` with the PRNG seeded by `seed`, holding the
/// given kinds of derived article (with [`Kinds::Copies`], the shares of the kinds of issue 19
/// go to copies).
///
/// Up to half of the articles are originals as themselves (all of them when there are enough
/// slots). Some originals are set aside to give briefs, which take their place, and text of the
/// derived articles' own (see [`set_aside`]). Of the corpus, [`MIXTURE_SHARE`] are mixtures,
/// [`COMPILATION_SHARE`] compilations, [`UPDATE_SHARE`] wire updates, [`REPRINT_SHARE`]
/// press-release reprints and [`REWRITE_SHARE`] rewrites keeping a lead; the rest are copies,
/// of which [`COPY_OF_COPY_SHARE`] are copies of copies. These shares give every new kind a few
/// hundred articles at 10,000, enough for a recall of 0.98 to mean something, while copies stay
/// the bulk as before. When own text or short pieces run out (at 100,000 articles the originals
/// cannot give every rewrite text nobody else has), the article is made a plain copy instead
/// and counted in [`SetAside::fallbacks`].
pub fn build_kinds(originals: &[Original], n: usize, seed: u64, kinds: Kinds) -> Result<Corpus> {
    let mut rng = Rng::new(seed);
    if originals.is_empty() {
        bail!("no originals to build a corpus from");
    }
    let vocab = vocabulary(originals);
    let outlets = (n / 50).max(20);
    let n_orig = originals.len().min(n.div_ceil(2));
    let plan = Plan::new(n, n_orig, kinds);

    // Originals set aside: none of them paired with another original.
    let need = plan.own_text();
    let (aside, own) = if need > 0 {
        let bodies: Vec<Vec<Sent>> = originals
            .iter()
            .map(|o| o.sentences.iter().map(|s| Sent::from(s.as_str())).collect())
            .collect();
        let paired: HashSet<usize> = original_pairs(&bodies)
            .into_iter()
            .flat_map(|(a, b, _)| [a, b])
            .collect();
        let max = ((originals.len() as f64 * MAX_SET_ASIDE) as usize).min(n_orig / 2);
        set_aside(
            originals,
            &paired,
            (need, plan.compilations.min(max), max),
            &mut rng,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let is_aside: HashSet<usize> = aside.iter().map(|&(o, _)| o).collect();
    let mut chosen: Vec<usize> = (0..originals.len())
        .filter(|o| !is_aside.contains(o))
        .collect();
    let n_chosen = n_orig - aside.len();
    if n_chosen < chosen.len() {
        rng.shuffle(&mut chosen);
        chosen.truncate(n_chosen);
        chosen.sort_unstable();
    }
    let mut docs: Vec<Doc> = Vec::with_capacity(n);
    for &o in &chosen {
        let original = &originals[o];
        let body = original
            .sentences
            .iter()
            .map(|s| Sent::from(s.as_str()))
            .collect();
        let day = original_day(original.date.as_deref(), &original.id);
        docs.push(original_doc(
            docs.len(),
            original.id.clone(),
            day,
            body,
            rng.range(1, outlets),
        ));
    }
    for &(o, len) in &aside {
        let original = &originals[o];
        let body = original.sentences[..len]
            .iter()
            .map(|s| Sent::from(s.as_str()))
            .collect();
        let id = format!("{}-brief", original.id);
        let day = original_day(original.date.as_deref(), &id);
        docs.push(original_doc(
            docs.len(),
            id,
            day,
            body,
            rng.range(1, outlets),
        ));
    }
    let bodies: Vec<Vec<Sent>> = docs.iter().map(|d| d.body.clone()).collect();
    let pairs = original_pairs(&bodies);
    let paired: HashSet<(usize, usize)> = pairs.iter().map(|&(a, b, _)| (a, b)).collect();
    let mut families = newsfold_core::UnionFind::new(n_orig);
    for &(a, b) in &paired {
        families.join(a, b);
    }
    let family: Vec<usize> = (0..n_orig).map(|i| families.find(i)).collect();
    let openings: Vec<Sent> = docs
        .iter()
        .filter_map(|d| d.body.first().cloned())
        .collect();
    let short: Vec<usize> = (0..n_orig)
        .filter(|&i| (3..=SHORT).contains(&docs[i].body.len()))
        .collect();
    let own_text = own.len();
    let mut b = Builder {
        docs,
        n_orig,
        outlets,
        material: Material {
            vocab: &vocab,
            openings: &openings,
        },
        own: OwnText {
            sentences: own,
            next: 0,
        },
        copies: Vec::new(),
        short,
        family,
    };

    let mut seen_mixtures = HashSet::new();
    let mut fallbacks = 0;
    for slot in plan.slots(&mut rng) {
        let made = match slot {
            // Not from briefs: a mixture holding one whole would be a compilation.
            Slot::Mixture => mixture(&b.docs[..n_chosen], &paired, &mut seen_mixtures, &mut rng)
                .map(|(body, origin, sources)| {
                    let day = sources.iter().map(|&(o, _)| b.docs[o].day).max();
                    Doc {
                        id: String::new(),
                        kind: Kind::Mixture,
                        root: None,
                        parent: None,
                        transform: None,
                        sources,
                        outlet: rng.range(1, outlets),
                        day: day.unwrap_or(0) + rng.range(0, 2) as i64,
                        head: Vec::new(),
                        body,
                        origin,
                        tail: Vec::new(),
                    }
                }),
            Slot::Compilation => b.compilation(&mut rng),
            Slot::Update => b.update(&mut rng),
            Slot::Rewrite => b.rewrite(&mut rng),
            Slot::Reprint => Some(b.reprint(&mut rng)),
            Slot::Copy | Slot::CopyOfCopy => None,
        };
        if made.is_none() && matches!(slot, Slot::Compilation | Slot::Update | Slot::Rewrite) {
            fallbacks += 1;
        }
        let doc = made.unwrap_or_else(|| {
            // A copy; a copy of a copy needs a parent long enough to copy.
            let parent = b.parent(slot == Slot::CopyOfCopy, MIN_SENTENCES, &mut rng);
            let transform = Transform::COPIES[rng.below(Transform::COPIES.len())];
            b.copy(parent, transform, &mut rng)
        });
        b.push(doc);
    }
    let set_aside = SetAside {
        originals: aside.len(),
        own_text,
        used: b.own.next,
        fallbacks,
    };
    let docs = shuffle_derived(b.docs, n_orig, &mut rng);
    Ok(Corpus {
        docs,
        pairs,
        set_aside,
    })
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
        "published": civil_date(doc.day),
    });
    if matches!(doc.kind, Kind::Mixture | Kind::Compilation) {
        value["sources"] = doc
            .sources
            .iter()
            .map(|&(o, c)| json!({"id": corpus.docs[o].id, "sentences": c}))
            .collect();
    }
    let boilerplate = || json!({"origin": null});
    value["sentences"] = doc
        .head
        .iter()
        .map(|_| boilerplate())
        .chain(
            doc.origin
                .iter()
                .map(|&o| json!({"origin": corpus.docs[o].id})),
        )
        .chain(doc.tail.iter().map(|_| boilerplate()))
        .collect();
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

/// The label a derived article's dates are counted under: its kind, or for a copy its
/// transformation when that is an update or a reprint.
fn label(doc: &Doc) -> &'static str {
    match doc.transform {
        Some(t @ (Transform::Update | Transform::Reprint)) => t.name(),
        _ => doc.kind.name(),
    }
}

/// The counts by kind and transformation, the material set aside, the dates and the file
/// formats, as written to `README.txt`.
pub fn summary(corpus: &Corpus, command_line: &str) -> String {
    let mut kinds: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut first: BTreeMap<Transform, usize> = BTreeMap::new();
    let mut second: BTreeMap<Transform, usize> = BTreeMap::new();
    let mut made: BTreeMap<Transform, (usize, usize, usize)> = BTreeMap::new();
    // Per label: links to a source on the same day, and later.
    let mut days: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut briefs = 0;
    for (i, d) in corpus.docs.iter().enumerate() {
        *kinds.entry(d.kind).or_default() += 1;
        briefs += usize::from(d.kind == Kind::Original && d.id.ends_with("-brief"));
        match (d.kind, d.transform, d.parent) {
            (Kind::Copy, Some(t), Some(p)) => {
                let map = if corpus.docs[p].kind == Kind::Original {
                    &mut first
                } else {
                    &mut second
                };
                *map.entry(t).or_default() += 1;
            }
            (Kind::Compilation | Kind::Rewrite, Some(t), _) => {
                let e = made.entry(t).or_default();
                e.0 += 1;
                e.1 += d.sources.len();
                e.2 += d.origin.iter().filter(|&&o| o == i).count();
            }
            _ => {}
        }
        let sources = d.parent.into_iter().chain(d.sources.iter().map(|s| s.0));
        for s in sources {
            let e = days.entry(label(d)).or_default();
            if corpus.docs[s].day == d.day {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
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
        let note = if *k == Kind::Original && briefs > 0 {
            format!(" (of them {briefs} briefs)")
        } else {
            String::new()
        };
        let _ = writeln!(s, "  {:<12} {n}{note}", k.name());
    }
    let _ = writeln!(
        s,
        "original pairs (word {SHINGLE}-gram containment, or share of sentences reworded, >= {PAIR_CONTAINMENT}): {}",
        corpus.pairs.len()
    );
    let a = &corpus.set_aside;
    let _ = writeln!(
        s,
        "set aside: {} originals (not in the corpus as themselves) gave the briefs and {} sentences \
         of own text, {} of them used; {} compilations, updates or rewrites were made plain copies \
         for want of material\n",
        a.originals, a.own_text, a.used, a.fallbacks
    );
    let _ = writeln!(
        s,
        "{:<22} {:>8} {:>13}",
        "transform", "copies", "copy-of-copy"
    );
    for t in Transform::ALL_COPIES {
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
        "{:<22} {:>8} {:>13}\n",
        "total",
        first.values().sum::<usize>(),
        second.values().sum::<usize>()
    );
    let _ = writeln!(
        s,
        "{:<22} {:>8} {:>8} {:>14}",
        "compilation / rewrite", "articles", "pieces", "own sentences"
    );
    for (t, (n, pieces, own)) in &made {
        let _ = writeln!(s, "{:<22} {n:>8} {pieces:>8} {own:>14}", t.name());
    }
    let _ = writeln!(
        s,
        "\n{:<22} {:>8} {:>8}",
        "source links", "same day", "later"
    );
    for (l, (same, later)) in &days {
        let _ = writeln!(s, "{l:<22} {same:>8} {later:>8}");
    }
    let _ = writeln!(
        s,
        "\nFiles:\n\
         - articles.jsonl {{id, outlet, published, title, text}}: the text is one line per paragraph, \
         blank lines between: boilerplate lines, the body's sentences, boilerplate lines.\n\
         - truth.jsonl {{id, kind, root, parent, transform, published[, sources], sentences}}:\n\
         \x20 kind original: a real article, or a brief (id ending in -brief: the first 3-6 \
         sentences of an original set aside), its own origin (root = itself);\n\
         \x20 kind copy: root = the original it descends from, parent = the article it was made \
         from, transform one of the copy transforms, or update (a wire update: parent v1 whole \
         plus 1-3 new sentences, same outlet) or reprint (a press release reprinted with 5-10% \
         edits and a boilerplate line): the same origin as its root;\n\
         \x20 kind mixture: root null, sources = [{{id, sentences}}] the originals it takes \
         sentences from;\n\
         \x20 kind compilation: its own origin (root = itself), sources = its pieces (whole short \
         articles of the corpus) with their sentence counts, transform blocks, blocks+own or \
         shuffled;\n\
         \x20 kind rewrite: its own origin (root = itself), parent = the article whose lead (first \
         one or two sentences) it keeps, transform lead or lead+edit5.\n\
         \x20 sentences: one entry per line of the text, in order: {{\"origin\": ID}}, the \
         original (or brief) whose reporting the line goes back to; the article itself for \
         text of its own (a wire update's new lines belong to its v1's origin); \
         {{\"origin\": null}} for boilerplate.\n\
         \x20 published: every derived article is dated on its sources' day (parent, pieces, \
         mixture sources) or later; a reprint a day or more later. On the same day nothing \
         decides the direction by date.\n\
         - original_pairs.jsonl {{a, b, containment}}: originals that already share most of their \
         text; their descendants count as one origin.\n\
         Own text is made of sentences of the originals set aside of which no word 5-gram occurs \
         in any other original, so no article can share a passage with it. Derived ids are \
         numbered in a shuffled order, so neither ids nor file order tell a source from its copy.\n\
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
                            "Reporter{i} wrote line{j} about topic{i}t{j} of the council, \
                             item{i}x{j} alpha{i}a{j} beta{i}b{j} gamma{i}c{j} delta{i}d{j} \
                             omega{i}o{j}."
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
        // 30 originals, some of them set aside and replaced by their briefs.
        assert_eq!(count(Kind::Original), 30);
        assert!(corpus.set_aside.originals > 0);
        assert_eq!(count(Kind::Mixture), 24);
        let made = |t: Transform| {
            corpus
                .docs
                .iter()
                .filter(|d| d.transform == Some(t))
                .count()
        };
        assert_eq!(made(Transform::Reprint), 9);
        assert_eq!(
            count(Kind::Compilation) + count(Kind::Rewrite) + made(Transform::Update),
            27 - corpus.set_aside.fallbacks
        );
        let of_copies = corpus
            .docs
            .iter()
            .filter(|d| {
                d.kind == Kind::Copy
                    && d.transform != Some(Transform::Update)
                    && d.parent.is_some_and(|p| corpus.docs[p].kind == Kind::Copy)
            })
            .count();
        assert!((40..=70).contains(&of_copies), "{of_copies}");
        let mut later_parent = false;
        for (i, d) in corpus.docs.iter().enumerate() {
            assert_eq!(d.origin.len(), d.body.len());
            if let Some(p) = d.parent {
                later_parent |= p > i;
                assert!(d.day >= corpus.docs[p].day);
                if d.kind == Kind::Copy {
                    assert_eq!(d.root, corpus.docs[p].root);
                }
                if d.transform == Some(Transform::Update) {
                    assert_eq!(d.outlet, corpus.docs[p].outlet);
                } else {
                    assert_ne!(d.outlet, corpus.docs[p].outlet);
                }
            }
        }
        assert!(later_parent, "ids and file order do not follow generation");
        let ids: HashSet<&str> = corpus.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids.len(), corpus.docs.len());
    }

    /// Share of the smaller word set found in the larger.
    fn overlap(a: &str, b: &str) -> f64 {
        let (a, b) = (word_set(a), word_set(b));
        let shared = a.iter().filter(|w| b.contains(w)).count();
        shared as f64 / a.len().min(b.len()).max(1) as f64
    }

    #[test]
    fn every_sentence_goes_back_to_its_origin() {
        let corpus = build(&originals(40, 24), 600, 3).expect("corpus");
        let docs = &corpus.docs;
        let mut holders: HashMap<u64, HashSet<usize>> = HashMap::new();
        for (j, e) in docs.iter().enumerate() {
            for h in e.body.iter().flat_map(|x| sentence_shingles(x)) {
                holders.entry(h).or_default().insert(j);
            }
        }
        let mut own = 0;
        for (i, d) in docs.iter().enumerate() {
            if d.kind == Kind::Original {
                assert!(d.origin.iter().all(|&o| o == i));
                continue;
            }
            for (s, &o) in d.body.iter().zip(&d.origin) {
                if o == i {
                    // Text of its own: a compilation's or a rewrite's; no word 5-gram of it elsewhere.
                    assert!(
                        matches!(d.kind, Kind::Compilation | Kind::Rewrite),
                        "{}",
                        d.id
                    );
                    let elsewhere = sentence_shingles(s)
                        .iter()
                        .filter(|h| holders[h].iter().any(|&j| j != i))
                        .count();
                    assert_eq!(elsewhere, 0, "{}: {s}", d.id);
                    own += 1;
                } else {
                    // Taken: an original's (or brief's) sentence, edited at most; or a wire
                    // update's new line, which belongs to its v1's origin.
                    assert_eq!(docs[o].kind, Kind::Original);
                    let in_origin = docs[o].body.iter().any(|x| overlap(x, s) >= 0.5);
                    let updated = {
                        let mut stack = vec![i];
                        let mut found = false;
                        while let Some(c) = stack.pop() {
                            found |= docs[c].transform == Some(Transform::Update);
                            stack.extend(docs[c].parent);
                            stack.extend(docs[c].sources.iter().map(|x| x.0));
                        }
                        found
                    };
                    assert!(in_origin || updated, "{}: {s}", d.id);
                }
            }
        }
        assert!(own > 50, "{own}");
    }

    #[test]
    fn compilations_hold_short_articles_whole() {
        let corpus = build(&originals(40, 12), 600, 4).expect("corpus");
        let docs = &corpus.docs;
        let compilations: Vec<(usize, &Doc)> = docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.kind == Kind::Compilation)
            .collect();
        assert!(compilations.len() >= 10, "{}", compilations.len());
        for (i, c) in compilations {
            assert!((2..=4).contains(&c.sources.len()));
            assert_eq!((c.root, c.parent), (Some(i), None));
            let mut families = HashSet::new();
            for &(p, n) in &c.sources {
                let piece = &docs[p];
                assert!((3..=SHORT).contains(&piece.body.len()));
                assert_eq!(n, piece.body.len());
                assert!(c.day >= piece.day);
                assert!(families.insert(piece.root));
                match c.transform {
                    Some(Transform::Shuffled) => {
                        assert!(piece.body.iter().all(|s| c.body.contains(s)));
                    }
                    _ => assert!(
                        c.body.windows(n).any(|w| w == piece.body.as_slice()),
                        "{}: a piece pasted whole",
                        c.id
                    ),
                }
            }
            let pieces: usize = c.sources.iter().map(|s| s.1).sum();
            let own = c.origin.iter().filter(|&&o| o == i).count();
            assert_eq!(pieces + own, c.body.len());
            match c.transform {
                Some(Transform::Blocks) => assert_eq!(own, 0),
                Some(Transform::BlocksOwn) => assert!((2..=3).contains(&own)),
                Some(Transform::Shuffled) => assert!((3..=6).contains(&own)),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn updates_reprints_and_rewrites_keep_their_sources_text() {
        let corpus = build(&originals(40, 24), 600, 5).expect("corpus");
        let docs = &corpus.docs;
        let (mut updates, mut reprints, mut rewrites) = (0, 0, 0);
        for (i, d) in docs.iter().enumerate() {
            let Some(p) = d.parent else { continue };
            let parent = &docs[p];
            match (d.kind, d.transform) {
                (Kind::Copy, Some(Transform::Update)) => {
                    updates += 1;
                    let n = parent.body.len();
                    assert!((n + 1..=n + 3).contains(&d.body.len()));
                    assert!(d.body.windows(n).any(|w| w == parent.body.as_slice()));
                    assert!(d.day <= parent.day + 1);
                    assert_eq!((&d.head, &d.tail), (&parent.head, &parent.tail));
                }
                (Kind::Copy, Some(Transform::Reprint)) => {
                    reprints += 1;
                    assert_eq!(parent.kind, Kind::Original);
                    assert!(d.day > parent.day);
                    assert_eq!(d.body.len(), parent.body.len());
                    assert_eq!(d.head.len() + d.tail.len(), 1);
                    assert_ne!(d.body, parent.body);
                }
                (Kind::Rewrite, Some(t)) => {
                    rewrites += 1;
                    assert_eq!(d.root, Some(i));
                    let k = d.origin.iter().take_while(|&&o| o != i).count();
                    assert!((1..=2).contains(&k));
                    assert!((4..=8).contains(&(d.body.len() - k)));
                    let words: usize = d.body[..k]
                        .iter()
                        .map(|s| s.split_whitespace().count())
                        .sum();
                    assert!(words >= LEAD_WORDS - 1, "{words}");
                    // The lead: the parent's first lines of prose, never a headline.
                    let start = parent.body.iter().position(|s| ends_a_sentence(s)).unwrap();
                    let lead = &parent.body[start..start + k];
                    assert!(lead.iter().all(|s| ends_a_sentence(s)));
                    if t == Transform::Lead {
                        assert_eq!(d.body[..k], *lead);
                    } else {
                        assert_eq!(t, Transform::LeadEdit5);
                        assert!(overlap(&d.body[0], &lead[0]) >= 0.8);
                    }
                }
                _ => {}
            }
        }
        assert_eq!(corpus.set_aside.fallbacks, 0);
        assert_eq!((updates, reprints, rewrites), (18, 18, 18));
    }

    #[test]
    fn truth_lists_an_origin_for_every_line() {
        let corpus = build(&originals(30, 12), 400, 6).expect("corpus");
        for d in &corpus.docs {
            let text = article_json(d)["text"].as_str().unwrap_or("").to_string();
            let truth = truth_json(&corpus, d);
            let lines = truth["sentences"].as_array().map_or(0, Vec::len);
            assert_eq!(text.split("\n\n").count(), lines, "{}", d.id);
            let nulls = truth["sentences"]
                .as_array()
                .map_or(0, |l| l.iter().filter(|x| x["origin"].is_null()).count());
            assert_eq!(nulls, d.head.len() + d.tail.len());
            assert!(truth["published"].is_string());
        }
        let readme = summary(&corpus, "generate");
        assert!(readme.contains("sentences: one entry per line"));
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
