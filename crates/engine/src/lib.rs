//! The in-process runner: one call from the user's inputs to a finished [`Fold`].
//!
//! The engine calls each stage (read, clean, fingerprint, reuse, origins, stories, brief) as a
//! plain library function, in parallel with rayon where the work is per article or per pair,
//! and makes the result deterministic: articles are ordered by path and record before anything
//! depends on order, ids are made unique in that order, and every output list is sorted. The
//! same input therefore gives the same `fold.json` whatever the thread count or argument order.
//! A distributed runner would call the same stage functions; nothing here is needed by them.

mod guard;
mod previous;
mod spill;
mod step;
mod streamed;

use std::collections::BTreeMap;
use std::time::Instant;

use rayon::prelude::*;

use newsfold_brief::{Length, summarize};
use newsfold_core::{
    Article, Fold, Origin, Raw, Rejected, Reuse, RunInfo, SentenceOrigins, StageTiming, Story,
    short_hash,
};
use newsfold_read::{ReadOptions, expand, read};
use newsfold_reuse::{Texts, Thresholds, detect, origins};
use newsfold_stories::roundups::{self, Placed};

pub use newsfold_read::DEFAULT_MAX_BYTES;
pub use previous::{Held, InvalidFold, check_fold};
pub use step::{Progress, Quiet, Step};

/// Most documents a run reads into memory by default ([`Options::max_articles`]): ten times the
/// 100,000-article fold of the bench (`bench/`), which holds about 4 KB per article (413 MB at
/// its peak), so bulk users do not meet it while a pile of tiny records cannot make a run hold
/// more than a few gigabytes.
pub const DEFAULT_MAX_ARTICLES: usize = 1_000_000;

/// Everything a fold can be told.
#[derive(Debug, Clone)]
pub struct Options {
    /// How inputs are read (size limit).
    pub read: ReadOptions,
    /// How documents are cleaned (the HTML extractor).
    pub clean: newsfold_text::CleanOptions,
    /// Take plain-text bodies as given, without cleaning ([`newsfold_text::as_given`]): the
    /// fast path of `newsfold reuse --as-given`.
    pub as_given: bool,
    /// Reuse thresholds.
    pub reuse: Thresholds,
    /// Story clustering settings.
    pub stories: newsfold_stories::Settings,
    /// Brief length.
    pub brief: Length,
    /// Hold article texts in a temporary file while reuse is found, and return the articles
    /// of [`reuse`] without their texts and removed lines: for `newsfold reuse` on large corpora, which needs
    /// each text only when its article is compared. Ignored by [`fold`], whose later stages
    /// read every text.
    pub spill_texts: bool,
    /// Most documents read into memory ([`DEFAULT_MAX_ARTICLES`]; `usize::MAX`: no limit).
    /// Inputs are read in sorted order; the documents past the limit are left out, with one
    /// rejection that says how many. Not applied by [`reuse`] with [`Options::spill_texts`],
    /// which holds no texts.
    pub max_articles: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            read: ReadOptions::default(),
            clean: newsfold_text::CleanOptions::default(),
            as_given: false,
            reuse: Thresholds::default(),
            stories: newsfold_stories::Settings::default(),
            brief: Length::default(),
            spill_texts: false,
            max_articles: DEFAULT_MAX_ARTICLES,
        }
    }
}

/// Fold the inputs the user named (files, folders, `-` for stdin).
pub fn fold(args: &[String], options: &Options, progress: &dyn Progress) -> Fold {
    let mut timer = Timer::new();
    let (raws, rejected) = read_all(args, options, progress);
    timer.lap(Step::Read);
    fold_raws(raws, rejected, options, progress, timer)
}

/// Articles read and cleaned, and the inputs that could not be: what `newsfold extract` prints.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// Cleaned articles with unique ids, sorted by id.
    pub articles: Vec<Article>,
    /// Inputs (or records) that could not be read, sorted.
    pub rejected: Vec<Rejected>,
}

/// Read and clean the inputs the user named, without the later stages.
pub fn extract(args: &[String], options: &Options, progress: &dyn Progress) -> Extracted {
    let (raws, rejected) = read_all(args, options, progress);
    let (articles, mut rejected) = clean_all(raws, rejected, options, progress);
    rejected.sort();
    Extracted { articles, rejected }
}

/// Read the inputs, in parallel, in sorted order a few at a time, until
/// [`Options::max_articles`] documents are held: the documents past it, and every input after
/// the one that reached it, are left out with one rejection. Which documents are kept depends
/// on neither the thread count nor the order of the arguments.
fn read_all(
    args: &[String],
    options: &Options,
    progress: &dyn Progress,
) -> (Vec<Raw>, Vec<Rejected>) {
    let (mut inputs, mut rejected) = expand(args);
    inputs.sort_by(|a, b| a.name().cmp(&b.name()));
    progress.start(Step::Read, inputs.len() as u64);
    let limit = options.max_articles;
    let per_round = (INPUTS_PER_THREAD * rayon::current_num_threads()).max(1);
    let mut raws = Vec::new();
    let mut read_up_to = 0;
    while read_up_to < inputs.len() && raws.len() < limit {
        let round = &inputs[read_up_to..(read_up_to + per_round).min(inputs.len())];
        let reads: Vec<_> = round
            .par_iter()
            .map(|input| {
                let r = read(input, &options.read);
                progress.advance(1);
                r
            })
            .collect();
        // In input order, up to the input that reaches the limit; what the round read past it
        // is dropped, rejections too, so the outcome does not depend on the round's size.
        for r in reads {
            raws.extend(r.raws);
            rejected.extend(r.rejected);
            read_up_to += 1;
            if raws.len() >= limit {
                break;
            }
        }
    }
    progress.finish(Step::Read);
    let unread = &inputs[read_up_to..];
    if raws.len() > limit || !unread.is_empty() {
        rejected.push(over_the_limit(&mut raws, unread, limit));
    }
    (raws, rejected)
}

/// Inputs read at once per worker thread by [`read_all`]: enough that a thread rarely waits
/// for a slow file, few enough that little is read past [`Options::max_articles`].
const INPUTS_PER_THREAD: usize = 8;

/// Cut `raws` (in input order) to `limit` documents. The rejection names the first document
/// left out (else the first input not read) and says how many were left out.
fn over_the_limit(raws: &mut Vec<Raw>, unread: &[newsfold_read::Input], limit: usize) -> Rejected {
    let cut: Vec<Raw> = raws.split_off(limit.min(raws.len()));
    let how = "(inputs are taken in sorted order); raise the limit with --max-articles N \
               (0: no limit)";
    let others = match unread.len() {
        0 => String::new(),
        1 => ", and 1 input after it was not read".to_owned(),
        n => format!(", and {n} inputs after it were not read"),
    };
    let (path, record, reason) = match cut.first() {
        Some(first) => (
            first.path.clone(),
            first.record.clone(),
            format!(
                "left out: a run holds at most {limit} articles in memory, so {} documents from \
                 this one on were dropped{others} {how}",
                cut.len()
            ),
        ),
        None => (
            unread
                .first()
                .map_or_else(String::new, |i| i.name().into_owned()),
            None,
            format!(
                "left out: a run holds at most {limit} articles in memory, so this input and \
                 the {} after it were not read {how}",
                unread.len().saturating_sub(1)
            ),
        ),
    };
    Rejected {
        path,
        record,
        reason,
    }
}

/// Clean raw documents into articles: in parallel, then the steps that look across articles
/// (dateline years), then unique ids. Documents with no text left are rejected.
fn clean_all(
    raws: Vec<Raw>,
    rejected: Vec<Rejected>,
    options: &Options,
    progress: &dyn Progress,
) -> (Vec<Article>, Vec<Rejected>) {
    let (cleaned, rejected) = clean_keeping(raws, rejected, options, progress, false);
    (cleaned.into_iter().map(|(a, _)| a).collect(), rejected)
}

/// Clean one document (or take it as given), with the document itself when `keep_raw` is set;
/// a panic while cleaning rejects the document ([`guard::per_document`]).
fn clean_one(
    raw: Raw,
    options: &Options,
    keep_raw: bool,
) -> Result<(Article, Option<Raw>), Rejected> {
    let (path, record) = (raw.path.clone(), raw.record.clone());
    guard::per_document(&path, record.as_deref(), || {
        guard::inject_fault(&raw.path);
        if options.as_given {
            // `as_given` takes the document: keep a copy only when asked to.
            let kept = keep_raw.then(|| raw.clone());
            (newsfold_text::as_given(raw), kept)
        } else {
            let article = newsfold_text::clean_with(&raw, &options.clean);
            (article, keep_raw.then_some(raw))
        }
    })
}

/// [`clean_all`], each article with its raw document when `keep_raws` is set (else `None`).
fn clean_keeping(
    mut raws: Vec<Raw>,
    mut rejected: Vec<Rejected>,
    options: &Options,
    progress: &dyn Progress,
    keep_raws: bool,
) -> (Vec<(Article, Option<Raw>)>, Vec<Rejected>) {
    raws.sort_by(|a, b| (&a.path, a.index).cmp(&(&b.path, b.index)));
    progress.start(Step::Clean, raws.len() as u64);
    // Unless kept, each raw document is dropped as soon as it is cleaned: the corpus is never
    // held twice.
    let cleaned: Vec<Result<(Article, Option<Raw>), Rejected>> = raws
        .into_par_iter()
        .map(|raw| {
            let cleaned = clean_one(raw, options, keep_raws);
            progress.advance(1);
            cleaned
        })
        .collect();
    progress.finish(Step::Clean);
    let mut articles = Vec::with_capacity(cleaned.len());
    let mut kept_raws = Vec::with_capacity(cleaned.len());
    for one in cleaned {
        match one.and_then(|(article, raw)| Ok((with_text(article)?, raw))) {
            Ok((article, raw)) => {
                articles.push(article);
                kept_raws.push(raw);
            }
            Err(r) => rejected.push(r),
        }
    }
    // One outlet however it is named, before recurrence is counted per outlet.
    newsfold_text::name_outlets(&mut articles);
    if !options.as_given {
        newsfold_text::remove_recurring_lines(&mut articles);
        let mut kept = Vec::with_capacity(articles.len());
        for (article, raw) in articles.into_iter().zip(kept_raws) {
            if article.sentences.is_empty() {
                rejected.push(only_recurring(&article));
            } else {
                kept.push((article, raw));
            }
        }
        (articles, kept_raws) = kept.into_iter().unzip();
        newsfold_text::infer_years(&mut articles);
    }
    make_ids_unique(&mut articles);
    let mut pairs: Vec<(Article, Option<Raw>)> = articles.into_iter().zip(kept_raws).collect();
    pairs.sort_by(|(a, _), (b, _)| a.id.cmp(&b.id));
    (pairs, rejected)
}

/// The article, unless cleaning left it without a sentence: then its rejection.
fn with_text(article: Article) -> Result<Article, Rejected> {
    if article.sentences.is_empty() {
        Err(Rejected {
            path: article.path,
            record: article.record,
            reason: "no article text found (nothing left after removing markup and boilerplate)"
                .into(),
        })
    } else {
        Ok(article)
    }
}

/// The rejection of an article whose every sentence was a line its outlet repeats in other
/// articles (a page of boilerplate).
fn only_recurring(article: &Article) -> Rejected {
    Rejected {
        path: article.path.clone(),
        record: article.record.clone(),
        reason: "no article text left: every paragraph is a line the outlet repeats across its \
                 articles (boilerplate)"
            .into(),
    }
}

/// Clean raw documents already read (posted to a server, say) into articles with unique ids,
/// sorted by id, and the documents that had no text.
pub fn clean_raws(raws: Vec<Raw>, options: &Options) -> (Vec<Article>, Vec<Rejected>) {
    clean_all(raws, Vec::new(), options, &Quiet)
}

/// The scheme of [`Document::fingerprint`]: [`newsfold_reuse::Sketch::SCHEME`].
pub const FINGERPRINT_SCHEME: &str = newsfold_reuse::Sketch::SCHEME;

/// An article as a store keeps it: cleaned, with the document it was cleaned from and its
/// fingerprint ([`newsfold_reuse::Sketch::to_bytes`], scheme [`FINGERPRINT_SCHEME`]).
#[derive(Debug, Clone)]
pub struct Document {
    /// The cleaned article.
    pub article: Article,
    /// The document as read (body and container fields).
    pub raw: Raw,
    /// The article's sketch, as bytes.
    pub fingerprint: Vec<u8>,
}

/// [`clean_raws`], keeping each article's raw document and adding its fingerprint: what a
/// store holds of an article. The documents are sorted by article id.
pub fn clean_documents(
    raws: Vec<Raw>,
    rejected: Vec<Rejected>,
    options: &Options,
    progress: &dyn Progress,
) -> (Vec<Document>, Vec<Rejected>) {
    let (pairs, mut rejected) = clean_keeping(raws, rejected, options, progress, true);
    progress.start(Step::Fingerprint, pairs.len() as u64);
    let documents = pairs
        .into_par_iter()
        .filter_map(|(article, raw)| {
            let fingerprint = newsfold_reuse::sketch(&article.text).to_bytes();
            progress.advance(1);
            raw.map(|raw| Document {
                article,
                raw,
                fingerprint,
            })
        })
        .collect();
    progress.finish(Step::Fingerprint);
    rejected.sort();
    (documents, rejected)
}

/// Read and clean the inputs the user named into [`Document`]s, for a store.
pub fn extract_documents(
    args: &[String],
    options: &Options,
    progress: &dyn Progress,
) -> (Vec<Document>, Vec<Rejected>) {
    let (raws, rejected) = read_all(args, options, progress);
    clean_documents(raws, rejected, options, progress)
}

/// Who copied whom among the inputs the user named, without stories or briefs: what
/// `newsfold reuse` prints.
#[derive(Debug, Clone, Default)]
pub struct ReuseReport {
    /// Cleaned articles with unique ids, sorted by id; without their texts and removed lines
    /// when [`Options::spill_texts`] was set. Their language is the declared one, never
    /// detected (reuse does not read it).
    pub articles: Vec<Article>,
    /// Verified reuse relations, sorted by (source, copy).
    pub reuse: Vec<Reuse>,
    /// Origins, sorted by id.
    pub origins: Vec<Origin>,
    /// Inputs (or records) that could not be read, sorted.
    pub rejected: Vec<Rejected>,
    /// Time per stage.
    pub run: RunInfo,
}

/// Read, clean, fingerprint and compare the inputs, and group them into origins.
///
/// With [`Options::spill_texts`], records are read, cleaned (or taken as given) and their
/// texts spilled in one pass (see `streamed.rs`), so `run.timings` has one `read` stage for
/// the three; taken as given, they are also sketched in that pass.
pub fn reuse(args: &[String], options: &Options, progress: &dyn Progress) -> ReuseReport {
    let mut timer = Timer::new();
    // Reuse never reads the language: detecting it would be a sixth of the cleaning time.
    let options = &Options {
        clean: newsfold_text::CleanOptions {
            declared_language_only: true,
            ..options.clean
        },
        ..options.clone()
    };
    let (articles, reuse, origins, mut rejected) = if options.spill_texts {
        let streamed::Streamed {
            articles,
            sketches,
            spill,
            rejected,
        } = streamed::read_streamed(args, options, progress);
        timer.lap(Step::Read);
        let sketches = sketches.unwrap_or_else(|| {
            let sketches = sketch_all(&articles, spill.as_ref(), progress);
            timer.lap(Step::Fingerprint);
            sketches
        });
        let (reuse, origins) = find_reuse(
            &articles,
            sketches,
            spill.as_ref(),
            options,
            progress,
            &mut timer,
        );
        (articles, reuse, origins, rejected)
    } else {
        let (raws, rejected) = read_all(args, options, progress);
        timer.lap(Step::Read);
        let (articles, rejected) = clean_all(raws, rejected, options, progress);
        timer.lap(Step::Clean);
        let (reuse, origins) = detect_reuse(&articles, options, progress, &mut timer);
        (articles, reuse, origins, rejected)
    };
    rejected.sort();
    ReuseReport {
        articles,
        reuse,
        origins,
        rejected,
        run: timer.run_info(),
    }
}

/// The fingerprint, reuse and origins stages, on articles that hold their texts.
fn detect_reuse(
    articles: &[Article],
    options: &Options,
    progress: &dyn Progress,
    timer: &mut Timer,
) -> (Vec<Reuse>, Vec<Origin>) {
    let sketches = sketch_all(articles, None, progress);
    timer.lap(Step::Fingerprint);
    find_reuse(articles, sketches, None, options, progress, timer)
}

/// Sketch every article, in parallel; texts are read from the articles, or from `spill` for
/// those spilled.
fn sketch_all(
    articles: &[Article],
    spill: Option<&spill::Spill>,
    progress: &dyn Progress,
) -> Vec<newsfold_reuse::Sketch> {
    progress.start(Step::Fingerprint, articles.len() as u64);
    let held = spill::Held { articles, spill };
    let sketches = (0..articles.len())
        .into_par_iter()
        .map(|i| {
            let s = newsfold_reuse::sketch(&held.text(i));
            progress.advance(1);
            s
        })
        .collect();
    progress.finish(Step::Fingerprint);
    sketches
}

/// The reuse and origins stages, from sketches; texts are read from the articles, or from
/// `spill` for those spilled.
fn find_reuse(
    articles: &[Article],
    sketches: Vec<newsfold_reuse::Sketch>,
    spill: Option<&spill::Spill>,
    options: &Options,
    progress: &dyn Progress,
    timer: &mut Timer,
) -> (Vec<Reuse>, Vec<Origin>) {
    // The number of pairs to verify is known only as they are found: the bar counts them.
    progress.start(Step::Reuse, 0);
    let texts = spill::Held { articles, spill };
    let lists = newsfold_reuse::Lists::new(&sketches);
    drop(sketches);
    let mut reuse = detect(articles, &texts, &lists, &options.reuse, &|| {
        progress.advance(1);
    });
    drop(lists);
    newsfold_reuse::resolve_compilations(articles, &texts, &mut reuse);
    progress.finish(Step::Reuse);
    timer.lap(Step::Reuse);

    progress.start(Step::Origins, 1);
    let origins = origins(articles, &reuse);
    progress.finish(Step::Origins);
    timer.lap(Step::Origins);
    (reuse, origins)
}

/// Brief the inputs as one story, whatever they report: read and clean them, find reuse and
/// origins (for the independent counts), and summarise all articles together. What `newsfold
/// brief` prints, and what the summary evaluation scores. The fold has one story (none when no
/// article could be read).
pub fn brief(args: &[String], options: &Options, progress: &dyn Progress) -> Fold {
    let mut timer = Timer::new();
    let (articles, rejected) = read_and_clean(args, options, progress, &mut timer);
    fold_articles(
        articles,
        rejected,
        options,
        progress,
        timer,
        Together::OneStory,
    )
}

/// The read and clean stages, timed.
fn read_and_clean(
    args: &[String],
    options: &Options,
    progress: &dyn Progress,
    timer: &mut Timer,
) -> (Vec<Article>, Vec<Rejected>) {
    let (raws, rejected) = read_all(args, options, progress);
    timer.lap(Step::Read);
    let cleaned = clean_all(raws, rejected, options, progress);
    timer.lap(Step::Clean);
    cleaned
}

/// A fold read back from a store, which keeps each article as it was cleaned: its outlets named
/// as the fold saved with it names them (`text::name_outlets`, which depends on the set of
/// articles only), so an export or a server shows what a fold of the same articles shows.
pub fn stored(mut fold: Fold) -> Fold {
    newsfold_text::name_outlets(&mut fold.articles);
    fold
}

/// Fold again a fold's articles (a store's, cleaned earlier): reuse, origins, stories and
/// briefs over all of them, with the story ids of `previous` carried over
/// ([`carry_story_ids`]), and its rejected inputs kept with `rejected` added.
pub fn refold(
    previous: Fold,
    rejected: &[Rejected],
    options: &Options,
    progress: &dyn Progress,
) -> Fold {
    let Fold {
        mut articles,
        stories,
        rejected: mut all_rejected,
        ..
    } = previous;
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    newsfold_text::name_outlets(&mut articles);
    all_rejected.extend(rejected.iter().cloned());
    all_rejected.sort();
    all_rejected.dedup();
    let mut fold = fold_articles(
        articles,
        all_rejected,
        options,
        progress,
        Timer::new(),
        Together::Stories,
    );
    carry_story_ids(&stories, &mut fold.stories);
    fold
}

/// How a fold puts its articles together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Together {
    /// Into stories, by the stories stage.
    Stories,
    /// All into one story.
    OneStory,
}

/// Fold documents already read (by a server, a test, another runner).
pub fn fold_raws(
    raws: Vec<Raw>,
    rejected: Vec<Rejected>,
    options: &Options,
    progress: &dyn Progress,
    mut timer: Timer,
) -> Fold {
    let (articles, rejected) = clean_all(raws, rejected, options, progress);
    timer.lap(Step::Clean);
    fold_articles(
        articles,
        rejected,
        options,
        progress,
        timer,
        Together::Stories,
    )
}

/// Extend `previous`, a fold made earlier (as read back from its `fold.json`), with the inputs
/// the user names: [`extend_counting`]'s fold.
pub fn extend(previous: Fold, args: &[String], options: &Options, progress: &dyn Progress) -> Fold {
    extend_counting(previous, args, options, progress).fold
}

/// What [`extend_counting`] made, and how many articles it read.
#[derive(Debug, Clone)]
pub struct Extended {
    /// The extended fold.
    pub fold: Fold,
    /// Articles read and cleaned from the inputs (0: nothing at all could be read).
    pub read: usize,
    /// Of those, the articles the previous fold held already, which were left out.
    pub held: usize,
}

/// Extend `previous`, a fold made earlier (as read back from its `fold.json`), with the inputs
/// the user names.
///
/// An article the previous fold holds already (the same URL, or the same outlet and cleaned
/// text: [`Held`]) is left out and counted. When that leaves nothing new (no article, no
/// rejection the previous fold lacks), the previous fold is returned as it was, so extending
/// a fold with its own inputs gives the same `fold.json` byte for byte.
///
/// The previous articles are kept as they were cleaned, with their ids; a new article whose id
/// is taken gets the next free suffix (`report-2`). Reuse, origins and stories are then computed
/// again over all articles, so the stories are those of folding everything at once from these
/// cleaned texts, whatever the batches. Stories keep their previous ids by the rule of
/// [`carry_story_ids`]. The previous articles count toward [`Options::max_articles`].
///
/// A fold read from outside should pass [`check_fold`] first: a span that does not fit its
/// text costs no panic here, but it does cost the sentences it names.
pub fn extend_counting(
    previous: Fold,
    args: &[String],
    options: &Options,
    progress: &dyn Progress,
) -> Extended {
    let mut timer = Timer::new();
    let options = &Options {
        max_articles: options.max_articles.saturating_sub(previous.articles.len()),
        ..options.clone()
    };
    let (mut added, mut rejected) = read_and_clean(args, options, progress, &mut timer);
    let read = added.len();
    // Only the previous articles are matched: copies among the new inputs are kept, as a
    // fresh fold keeps them.
    let held = Held::of(&previous.articles);
    added.retain(|a| !held.holds(a));
    let skipped = read - added.len();
    if added.is_empty() && rejected.iter().all(|r| previous.rejected.contains(r)) {
        return Extended {
            fold: previous,
            read,
            held: skipped,
        };
    }
    let mut taken: std::collections::BTreeSet<String> =
        previous.articles.iter().map(|a| a.id.clone()).collect();
    for a in &mut added {
        if taken.contains(&a.id) {
            a.id = free_id(&a.id, &taken);
        }
        taken.insert(a.id.clone());
    }
    let mut articles = previous.articles;
    articles.extend(added);
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    // The outlets of the batches named as one fold: an outlet first seen by its host and
    // later by its name is one outlet.
    newsfold_text::name_outlets(&mut articles);
    rejected.extend(previous.rejected);
    rejected.sort();
    rejected.dedup();
    let mut fold = fold_articles(
        articles,
        rejected,
        options,
        progress,
        timer,
        Together::Stories,
    );
    carry_story_ids(&previous.stories, &mut fold.stories);
    Extended {
        fold,
        read,
        held: skipped,
    }
}

/// Give stories the ids they had in a previous fold, while they are the same story.
///
/// A story is the same as a previous one when they share articles: pairs (new story, previous
/// story) are taken in order of how many articles they share (most first; then by previous id,
/// then new id), and a pair is matched when neither side is matched yet. A matched story keeps
/// the previous id. So when a story grows, it keeps its id; when two merge, the merged story
/// keeps the id of the one it shares most articles with (the other id is retired); when one
/// splits, the part holding most of its articles keeps the id. Any other story has the id its
/// earliest article gives it (as in a fresh fold), with a suffix (`-2`) in the rare case that
/// id is already held.
pub fn carry_story_ids(previous: &[Story], stories: &mut [Story]) {
    let mut story_of: BTreeMap<&str, usize> = BTreeMap::new();
    for (p, s) in previous.iter().enumerate() {
        for a in &s.articles {
            story_of.insert(a.as_str(), p);
        }
    }
    let mut overlaps: Vec<(usize, &str, &str, usize, usize)> = Vec::new();
    for (k, s) in stories.iter().enumerate() {
        let mut shared: BTreeMap<usize, usize> = BTreeMap::new();
        for a in &s.articles {
            if let Some(&p) = story_of.get(a.as_str()) {
                *shared.entry(p).or_default() += 1;
            }
        }
        for (p, count) in shared {
            overlaps.push((count, previous[p].id.as_str(), s.id.as_str(), k, p));
        }
    }
    overlaps.sort_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let mut new_id: Vec<Option<String>> = vec![None; stories.len()];
    let mut matched_previous = vec![false; previous.len()];
    for &(_, id, _, k, p) in &overlaps {
        if new_id[k].is_none() && !matched_previous[p] {
            new_id[k] = Some(id.to_owned());
            matched_previous[p] = true;
        }
    }
    let mut held: std::collections::BTreeSet<String> = new_id.iter().flatten().cloned().collect();
    for (story, carried) in stories.iter_mut().zip(new_id) {
        match carried {
            Some(id) => story.id = id,
            None => {
                if held.contains(&story.id) {
                    story.id = free_id(&story.id, &held);
                }
                held.insert(story.id.clone());
            }
        }
    }
    sort_stories(stories);
}

/// Stories earliest first (undated last), then by id: the order of `fold.json`.
fn sort_stories(stories: &mut [Story]) {
    stories.sort_by(|a, b| {
        (a.first_published.is_none(), &a.first_published, &a.id).cmp(&(
            b.first_published.is_none(),
            &b.first_published,
            &b.id,
        ))
    });
}

/// Reuse, origins, stories and briefs of cleaned articles with unique ids, sorted by id.
fn fold_articles(
    articles: Vec<Article>,
    mut rejected: Vec<Rejected>,
    options: &Options,
    progress: &dyn Progress,
    mut timer: Timer,
    together: Together,
) -> Fold {
    let (reuse, origins) = detect_reuse(&articles, options, progress, &mut timer);
    // Sentence provenance: the sentences each article took from another origin.
    progress.start(Step::Provenance, 1);
    let mut articles = articles;
    let taken = newsfold_reuse::taken(&articles, &reuse, &origins);
    for (article, taken) in articles.iter_mut().zip(taken) {
        article.taken = taken;
    }
    let origin_of = SentenceOrigins::new(&articles, &origins);
    progress.finish(Step::Provenance);
    timer.lap(Step::Provenance);

    let groups: Vec<Placed> = match together {
        Together::OneStory if articles.is_empty() => Vec::new(),
        Together::OneStory => vec![Placed {
            members: (0..articles.len()).collect(),
            ..Placed::default()
        }],
        Together::Stories => {
            progress.start(Step::Stories, 1);
            let groups = stories_of(&articles, &reuse, &options.stories);
            progress.finish(Step::Stories);
            timer.lap(Step::Stories);
            groups
        }
    };

    progress.start(Step::Brief, groups.len() as u64);
    let mut stories: Vec<Story> = groups
        .par_iter()
        .map(|placed| {
            let story = story(&articles, placed, &origin_of, options.brief);
            progress.advance(1);
            story
        })
        .collect();
    sort_stories(&mut stories);
    progress.finish(Step::Brief);
    timer.lap(Step::Brief);

    rejected.sort();
    Fold {
        articles,
        stories,
        reuse,
        origins,
        rejected,
        run: timer.run_info(),
    }
}

/// The stories of `articles`: roundups (articles made of pieces of several others) are kept
/// out of clustering, so they never bridge two events, and placed afterwards
/// (`newsfold_stories::roundups`).
fn stories_of(
    articles: &[Article],
    reuse: &[Reuse],
    settings: &newsfold_stories::Settings,
) -> Vec<Placed> {
    let refs: Vec<&Article> = articles.iter().collect();
    let roundup = roundups::candidates(&refs);
    let rest: Vec<usize> = (0..articles.len()).filter(|&i| !roundup[i]).collect();
    let clustered: Vec<&Article> = rest.iter().map(|&i| &articles[i]).collect();
    let groups = newsfold_stories::cluster(&clustered, reuse, settings)
        .into_iter()
        .map(|g| g.into_iter().map(|k| rest[k]).collect())
        .collect();
    roundups::place(&refs, &roundup, groups)
}

/// Build one story from its articles; a member roundup is briefed without the sentences it
/// took from other stories.
fn story(
    articles: &[Article],
    placed: &Placed,
    origin_of: &SentenceOrigins,
    length: Length,
) -> Story {
    let trimmed: Vec<Article> = placed
        .foreign
        .iter()
        .map(|(r, sentences)| roundups::without(&articles[*r], sentences))
        .collect();
    let members: Vec<&Article> = placed
        .members
        .iter()
        .map(|&i| {
            placed
                .foreign
                .iter()
                .position(|(r, _)| *r == i)
                .map_or(&articles[i], |k| &trimmed[k])
        })
        .collect();
    let summary = summarize(&members, origin_of, length);
    let anchor = members
        .iter()
        .min_by(|a, b| {
            (a.published.is_none(), &a.published, &a.id).cmp(&(
                b.published.is_none(),
                &b.published,
                &b.id,
            ))
        })
        .map_or("", |a| a.id.as_str());
    let mut outlets: Vec<String> = members.iter().filter_map(|a| a.outlet.clone()).collect();
    outlets.sort();
    outlets.dedup();
    let dates: Vec<&String> = members
        .iter()
        .filter_map(|a| a.published.as_ref())
        .collect();
    let mut ids: Vec<String> = members.iter().map(|a| a.id.clone()).collect();
    ids.sort();
    Story {
        id: format!("s-{}", short_hash(anchor)),
        headline: summary.headline,
        independent: origin_of.count_articles(&members),
        articles: ids,
        roundups: placed
            .roundups
            .iter()
            .map(|&r| articles[r].id.clone())
            .collect(),
        outlets,
        first_published: dates.iter().min().map(|d| (*d).clone()),
        last_published: dates.iter().max().map(|d| (*d).clone()),
        brief: summary.brief,
        facts: summary.facts,
        only_in: summary.only_in,
        framing: summary.framing,
        figures: summary.figures,
        conflicts: summary.conflicts,
        timeline: summary.timeline,
        quotes: summary.quotes,
    }
}

/// Give every article a distinct id, leaving them where they are. Articles are visited in
/// (id, path, record) order, so the second `report` becomes `report-2` whatever order the
/// inputs came in.
fn make_ids_unique(articles: &mut [Article]) {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&articles[x], &articles[y]);
        (&a.id, &a.path, &a.record).cmp(&(&b.id, &b.path, &b.record))
    });
    let mut taken: std::collections::BTreeSet<String> =
        articles.iter().map(|a| a.id.clone()).collect();
    let mut previous: Option<String> = None;
    for k in order {
        let a = &mut articles[k];
        if previous.as_deref() == Some(a.id.as_str()) {
            a.id = free_id(&a.id, &taken);
            taken.insert(a.id.clone());
        } else {
            previous = Some(a.id.clone());
        }
    }
}

/// `base-2`, `base-3`, ...: the first that is not `taken`.
fn free_id(base: &str, taken: &std::collections::BTreeSet<String>) -> String {
    (2..)
        .map(|k| format!("{base}-{k}"))
        .find(|id| !taken.contains(id))
        .unwrap_or_else(|| base.to_owned())
}

/// Wall-clock time per step.
#[derive(Debug)]
pub struct Timer {
    last: Instant,
    timings: Vec<StageTiming>,
}

impl Timer {
    /// A timer starting now.
    pub fn new() -> Timer {
        Timer {
            last: Instant::now(),
            timings: Vec::new(),
        }
    }

    fn run_info(&self) -> RunInfo {
        RunInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            threads: rayon::current_num_threads(),
            timings: self.timings.clone(),
        }
    }

    fn lap(&mut self, step: Step) {
        let now = Instant::now();
        let millis = u64::try_from((now - self.last).as_millis()).unwrap_or(u64::MAX);
        self.timings.push(StageTiming {
            stage: step.name().to_owned(),
            millis,
        });
        self.last = now;
    }
}

impl Default for Timer {
    fn default() -> Timer {
        Timer::new()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use newsfold_core::Story;

    use super::{Options, Quiet, carry_story_ids, extract};

    /// A short article about `topic`, a few sentences long so cleaning keeps it.
    fn article_text(topic: &str) -> String {
        format!(
            "{topic} opened on Monday after two years of work. The city council said the \
             {topic} cost 12 million euros. Residents welcomed the {topic} at a ceremony."
        )
    }

    fn write(dir: &Path, name: &str, text: &str) -> String {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write input");
        path.to_string_lossy().into_owned()
    }

    /// `extract` on `threads` worker threads.
    fn extract_on(threads: usize, args: &[String], options: &Options) -> super::Extracted {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool")
            .install(|| extract(args, options, &Quiet))
    }

    /// Issue 18: "RBN", "Riverbend Broadcasting Network" and `rbn.example` were three outlets
    /// of one story, and a sign-off the broadcaster prints under every article was counted
    /// under three outlets, so it was never found to recur. One identity, on both paths.
    #[test]
    fn one_outlet_however_named_is_one_outlet_and_its_sign_off_recurs() {
        let dir = tempfile::tempdir().expect("temp dir");
        let sign_off = "Follow Riverbend Broadcasting Network on every platform for more news.";
        let records: Vec<String> = [
            ("\"outlet\": \"RBN\"", "bridge"),
            ("\"outlet\": \"Riverbend Broadcasting Network\"", "viaduct"),
            ("\"url\": \"https://www.rbn.example/news/tunnel\"", "tunnel"),
        ]
        .iter()
        .map(|(field, topic)| {
            let text = format!("{}\\n\\n{sign_off}", article_text(topic));
            format!("{{{field}, \"id\": \"{topic}\", \"text\": \"{text}\"}}")
        })
        .collect();
        let args = vec![write(dir.path(), "rbn.jsonl", &records.join("\n"))];
        let fold = super::fold(&args, &Options::default(), &Quiet);
        let outlets: Vec<&str> = fold
            .articles
            .iter()
            .map(|a| a.outlet.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(outlets, ["Riverbend Broadcasting Network"; 3]);
        for story in &fold.stories {
            assert_eq!(story.outlets, ["Riverbend Broadcasting Network"]);
        }
        assert!(fold.articles.iter().all(|a| !a.text.contains(sign_off)));
        // The streamed path (texts spilled) names outlets and strips the sign-off as the
        // other does: same outlets, same sentences left.
        let sentences = |spill_texts: bool| -> Vec<(String, usize)> {
            let options = Options {
                spill_texts,
                ..Options::default()
            };
            let report = super::reuse(&args, &options, &Quiet);
            report
                .articles
                .iter()
                .map(|a| (a.outlet.clone().unwrap_or_default(), a.sentences.len()))
                .collect()
        };
        let in_memory = sentences(false);
        assert_eq!(in_memory, sentences(true));
        assert_eq!(
            in_memory,
            fold.articles
                .iter()
                .map(|a| (a.outlet.clone().unwrap_or_default(), a.sentences.len()))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_document_whose_cleaning_panics_is_rejected_by_name_and_the_rest_are_folded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let args = [
            write(dir.path(), "a.txt", &article_text("library")),
            write(
                dir.path(),
                super::guard::PANICS_IN_TESTS,
                &article_text("bridge"),
            ),
            write(dir.path(), "c.txt", &article_text("stadium")),
        ];
        let fold = super::fold(&args, &Options::default(), &Quiet);
        assert_eq!(fold.articles.len(), 2, "{:?}", fold.rejected);
        assert_eq!(fold.rejected.len(), 1);
        assert_eq!(fold.rejected[0].path, args[1]);
        assert!(
            fold.rejected[0]
                .reason
                .starts_with("newsfold failed on this document: injected fault for "),
            "{}",
            fold.rejected[0].reason
        );
        // The streamed path of `newsfold reuse` has the same boundary.
        let options = Options {
            spill_texts: true,
            ..Options::default()
        };
        let report = super::reuse(&args, &options, &Quiet);
        assert_eq!(report.articles.len(), 2);
        assert_eq!(report.rejected.len(), 1);
        assert_eq!(report.rejected[0].path, args[1]);
    }

    #[test]
    fn articles_past_the_limit_are_left_out_whatever_the_threads_and_argument_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let lines: String = ["harbour", "museum", "tunnel"]
            .iter()
            .map(|t| format!("{{\"text\": \"{}\"}}\n", article_text(t)))
            .collect();
        let a = write(dir.path(), "a.txt", &article_text("library"));
        let b = write(dir.path(), "b.jsonl", &lines);
        let c = write(dir.path(), "c.txt", &article_text("stadium"));
        let d = write(dir.path(), "d.txt", &article_text("airport"));
        let options = Options {
            max_articles: 3,
            ..Options::default()
        };
        let kept = |e: &super::Extracted| -> Vec<(String, Option<String>)> {
            let mut v: Vec<_> = e
                .articles
                .iter()
                .map(|x| (x.path.clone(), x.record.clone()))
                .collect();
            v.sort();
            v
        };
        let first = extract_on(1, &[a.clone(), b.clone(), c.clone(), d.clone()], &options);
        // a.txt and the first two records of b.jsonl; b's third record and the two inputs
        // after it are left out, in one rejection.
        assert_eq!(first.articles.len(), 3);
        assert!(
            kept(&first)
                .iter()
                .all(|(path, _)| *path == a || *path == b)
        );
        assert_eq!(first.rejected.len(), 1, "{:?}", first.rejected);
        let rejected = &first.rejected[0];
        assert_eq!(rejected.path, b);
        assert!(
            rejected.reason.contains("at most 3 articles")
                && rejected.reason.contains("1 documents from this one on")
                && rejected.reason.contains("2 inputs after it were not read")
                && rejected.reason.contains("--max-articles"),
            "{}",
            rejected.reason
        );
        let other = extract_on(2, &[d, c, b, a], &options);
        assert_eq!(kept(&other), kept(&first));
        assert_eq!(other.rejected, first.rejected);
    }

    #[test]
    fn a_limit_reached_between_inputs_names_the_first_input_not_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let args = [
            write(dir.path(), "a.txt", &article_text("library")),
            write(dir.path(), "b.txt", &article_text("stadium")),
        ];
        let options = Options {
            max_articles: 1,
            ..Options::default()
        };
        let out = extract_on(1, &args, &options);
        assert_eq!(out.articles.len(), 1);
        assert_eq!(out.rejected.len(), 1);
        assert_eq!(out.rejected[0].path, args[1]);
        assert!(
            out.rejected[0]
                .reason
                .contains("this input and the 0 after it were not read"),
            "{}",
            out.rejected[0].reason
        );
        let unlimited = Options {
            max_articles: usize::MAX,
            ..Options::default()
        };
        assert_eq!(extract_on(1, &args, &unlimited).articles.len(), 2);
    }

    fn story(id: &str, articles: &[&str]) -> Story {
        Story {
            id: id.to_owned(),
            articles: articles.iter().map(|a| (*a).to_owned()).collect(),
            independent: articles.len(),
            ..Story::default()
        }
    }

    fn ids(stories: &[Story]) -> Vec<(String, Vec<String>)> {
        let mut v: Vec<_> = stories
            .iter()
            .map(|s| (s.id.clone(), s.articles.clone()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_growing_story_keeps_its_id_and_a_new_one_gets_its_own() {
        let previous = [story("s-a", &["a1", "a2"])];
        let mut now = [story("s-x", &["a1", "a2", "a3"]), story("s-n", &["n1"])];
        carry_story_ids(&previous, &mut now);
        assert_eq!(
            ids(&now),
            ids(&[story("s-a", &["a1", "a2", "a3"]), story("s-n", &["n1"])])
        );
    }

    #[test]
    fn merged_stories_keep_the_larger_id_and_split_ones_the_larger_part() {
        let previous = [story("s-a", &["a1", "a2", "a3"]), story("s-b", &["b1"])];
        let mut merged = [story("s-x", &["a1", "a2", "a3", "b1"])];
        carry_story_ids(&previous, &mut merged);
        assert_eq!(merged[0].id, "s-a");

        let mut split = [story("s-x", &["a1"]), story("s-y", &["a2", "a3"])];
        carry_story_ids(&previous, &mut split);
        assert_eq!(
            ids(&split),
            ids(&[story("s-x", &["a1"]), story("s-a", &["a2", "a3"])])
        );
    }

    #[test]
    fn a_fresh_id_that_is_already_held_gets_a_suffix() {
        let previous = [story("s-a", &["a1", "a2", "a3"])];
        // The part that keeps "s-a" is the larger; the smaller part's own id is also "s-a".
        let mut split = [story("s-a", &["a1"]), story("s-z", &["a2", "a3"])];
        carry_story_ids(&previous, &mut split);
        assert_eq!(
            ids(&split),
            ids(&[story("s-a-2", &["a1"]), story("s-a", &["a2", "a3"])])
        );
    }
}
