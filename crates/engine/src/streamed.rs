//! The one pass of `newsfold reuse`: read, clean (or take as given), spill; sketch.
//!
//! Records are turned into articles and their texts moved to the temporary file
//! ([`crate::spill`]) a batch at a time, as the reader hands them over: no more than a few
//! batches of records and texts are held at once, whatever the size of the corpus.
//!
//! Plain-text records taken as given (`--as-given`) need nothing from each other, so they are
//! sketched in the same pass. Cleaning looks across articles (lines an outlet repeats,
//! [`newsfold_text::recurring`]; dateline years, [`newsfold_text::infer_years`]): each cleaned
//! article leaves an 8-byte digest per short paragraph, the recurring lines are found from the
//! digests once everything is read, and only the articles that carry one are read back,
//! stripped and written again; then every article is sketched from the file. The articles come
//! out as [`crate::clean_all`] gives them (unique ids, sorted by id, the same rejections), with
//! their sketches and spilled texts in the same order, so everything after is as in the other
//! path.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use newsfold_core::{Article, Raw, Rejected};
use newsfold_read::{expand, read_each};
use newsfold_reuse::{Sketch, sketch};
use newsfold_text::{
    OutletNames, Paragraphs, outlet_identities, recurring, rename_outlet, strip_recurring,
};

use crate::spill::{Spill, Spiller};
use crate::{Options, Progress, Step, make_ids_unique, only_recurring, with_text};

/// Articles without their texts, their sketches and where their texts went.
pub(crate) struct Streamed {
    /// Articles with unique ids, sorted by id; texts empty unless they could not be spilled.
    pub articles: Vec<Article>,
    /// The sketch of each article, same order; `None` when the articles were cleaned (they
    /// are sketched from the spill once stripped).
    pub sketches: Option<Vec<Sketch>>,
    /// The spilled texts, same order (`None`: all texts are in the articles).
    pub spill: Option<Spill>,
    /// Inputs and records that could not be read, or had no text; not sorted.
    pub rejected: Vec<Rejected>,
}

/// Batches of records (about 4 MB each) being processed at once while reading goes on.
const MAX_IN_FLIGHT: usize = 4;

/// What the readers of all inputs have handed over so far.
struct Gathered {
    articles: Vec<Article>,
    /// Sketches (taken as given) or paragraph digests (cleaned), one per article.
    sketches: Vec<Sketch>,
    digests: Vec<Paragraphs>,
    spiller: Spiller,
    rejected: Vec<Rejected>,
}

/// One record made into an article, with what the rest of the pass needs of its text.
enum Made {
    /// Boxed: a sketch is ten times the size of a digest.
    Given(Article, Box<Sketch>),
    Cleaned(Article, Paragraphs),
}

/// Make one record an article; a panic while cleaning rejects the record
/// ([`crate::guard::per_document`]).
fn make(raw: Raw, options: &Options) -> Result<Made, Rejected> {
    let (path, record) = (raw.path.clone(), raw.record.clone());
    crate::guard::per_document(&path, record.as_deref(), || make_unguarded(raw, options))?
}

fn make_unguarded(raw: Raw, options: &Options) -> Result<Made, Rejected> {
    crate::guard::inject_fault(&raw.path);
    if options.as_given {
        with_text(newsfold_text::as_given(raw)).map(|a| {
            let s = Box::new(sketch(&a.text));
            Made::Given(a, s)
        })
    } else {
        with_text(newsfold_text::clean_with(&raw, &options.clean)).map(|a| {
            let d = Paragraphs::of(&a);
            Made::Cleaned(a, d)
        })
    }
}

/// Read `args` (inputs in parallel, each a batch at a time), make every record an article
/// (cleaned, or taken as given), spill its text, and finish the steps that look across
/// articles.
pub(crate) fn read_streamed(
    args: &[String],
    options: &Options,
    progress: &dyn Progress,
) -> Streamed {
    let (inputs, rejected) = expand(args);
    progress.start(Step::Read, inputs.len() as u64);
    let gathered = Mutex::new(Gathered {
        articles: Vec::new(),
        sketches: Vec::new(),
        digests: Vec::new(),
        spiller: Spiller::new(options.spill_texts),
        rejected,
    });
    let process = |raws: Vec<Raw>| {
        let made: Vec<Result<Made, Rejected>> =
            raws.into_par_iter().map(|raw| make(raw, options)).collect();
        let mut g = gathered.lock().unwrap_or_else(PoisonError::into_inner);
        let mut batch = Vec::with_capacity(made.len());
        for one in made {
            match one {
                Ok(Made::Given(article, sketch)) => {
                    batch.push(article);
                    g.sketches.push(*sketch);
                }
                Ok(Made::Cleaned(article, digest)) => {
                    batch.push(article);
                    g.digests.push(digest);
                }
                Err(r) => g.rejected.push(r),
            }
        }
        g.spiller.spill(&mut batch);
        g.articles.append(&mut batch);
    };
    // A batch is processed while the reader goes on to the next, up to MAX_IN_FLIGHT batches;
    // beyond, the reader processes its batch itself, which holds it back.
    let in_flight = AtomicUsize::new(0);
    rayon::scope(|scope| {
        inputs.par_iter().for_each(|input| {
            let mut each = |raws: Vec<Raw>| {
                if in_flight.fetch_add(1, Ordering::AcqRel) < MAX_IN_FLIGHT {
                    let (process, in_flight) = (&process, &in_flight);
                    scope.spawn(move |_| {
                        process(raws);
                        in_flight.fetch_sub(1, Ordering::AcqRel);
                    });
                } else {
                    process(raws);
                    in_flight.fetch_sub(1, Ordering::AcqRel);
                }
            };
            let read = read_each(input, &options.read, &mut each);
            gathered
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .rejected
                .extend(read.rejected);
            progress.advance(1);
        });
    });
    progress.finish(Step::Read);
    let Gathered {
        mut articles,
        sketches,
        digests,
        spiller,
        mut rejected,
    } = gathered
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    let mut spill = spiller.finish();
    let mut sketches = options.as_given.then_some(sketches);
    // As clean_all: one outlet however it is named, before recurrence is counted per outlet.
    let mut digests = digests;
    name_outlets(&mut articles, &mut digests);
    if !options.as_given {
        // As clean_all: recurring lines out, articles left without text rejected, then years.
        let kept = strip_recurring_lines(&mut articles, &digests, spill.as_mut(), &mut rejected);
        select(&mut articles, &mut sketches, spill.as_mut(), &kept);
        newsfold_text::infer_years(&mut articles);
    }
    // Batches arrived in whatever order the threads finished them: give ids as clean_all does,
    // then put articles, sketches and spilled texts in id order together.
    make_ids_unique(&mut articles);
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&x, &y| articles[x].id.cmp(&articles[y].id));
    select(&mut articles, &mut sketches, spill.as_mut(), &order);
    Streamed {
        articles,
        sketches,
        spill,
        rejected,
    }
}

/// Set each article's outlet to its identity's display name
/// ([`newsfold_text::outlet_identities`]), and count its paragraph digest (when cleaned) under
/// it.
fn name_outlets(articles: &mut [Article], digests: &mut [Paragraphs]) {
    let names: Vec<OutletNames> = articles.iter().map(OutletNames::of).collect();
    let identities = outlet_identities(&names);
    for (i, (article, name)) in articles.iter_mut().zip(identities).enumerate() {
        rename_outlet(article, name);
        if let Some(digest) = digests.get_mut(i) {
            digest.set_outlet(article.outlet.as_deref());
        }
    }
}

/// Strip the lines each article's outlet repeats (found from the digests), reading back and
/// writing again only the texts that carry one. The positions of the articles that still have
/// text; the others are added to `rejected`.
fn strip_recurring_lines(
    articles: &mut [Article],
    digests: &[Paragraphs],
    mut spill: Option<&mut Spill>,
    rejected: &mut Vec<Rejected>,
) -> Vec<usize> {
    let lines = recurring(digests);
    let mut kept = Vec::with_capacity(articles.len());
    for (i, (article, lines)) in articles.iter_mut().zip(&lines).enumerate() {
        if !lines.is_empty() {
            match spill.as_deref_mut() {
                Some(spill) if spill.is_spilled(i) => {
                    article.text = spill.read(i);
                    if strip_recurring(article, lines) {
                        spill.rewrite(i, article);
                    } else {
                        article.text = String::new();
                    }
                }
                _ => {
                    strip_recurring(article, lines);
                }
            }
        }
        if article.sentences.is_empty() {
            rejected.push(only_recurring(article));
        } else {
            kept.push(i);
        }
    }
    kept
}

/// Keep the articles (and their sketches and spilled texts) at `order`, in that order.
fn select(
    articles: &mut Vec<Article>,
    sketches: &mut Option<Vec<Sketch>>,
    spill: Option<&mut Spill>,
    order: &[usize],
) {
    *articles = order
        .iter()
        .map(|&k| std::mem::take(&mut articles[k]))
        .collect();
    if let Some(sketches) = sketches.as_mut() {
        *sketches = order
            .iter()
            .map(|&k| std::mem::take(&mut sketches[k]))
            .collect();
    }
    if let Some(spill) = spill {
        spill.reorder(order);
    }
}

#[cfg(test)]
mod tests {
    use crate::{Options, Quiet, reuse};

    /// The examples folder of the repository, as an argument.
    fn examples(sub: &str) -> String {
        format!("{}/../../examples/{sub}", env!("CARGO_MANIFEST_DIR"))
    }

    #[test]
    fn one_pass_finds_what_the_other_path_finds_whatever_the_input_order() {
        for as_given in [true, false] {
            one_pass_matches_the_other_path(as_given);
        }
    }

    fn one_pass_matches_the_other_path(as_given: bool) {
        let inputs = [
            examples("feeds.jsonl"),
            examples("bridge"),
            examples("port"),
        ];
        let streamed = Options {
            as_given,
            spill_texts: true,
            ..Options::default()
        };
        let held = Options {
            spill_texts: false,
            ..streamed.clone()
        };
        let one = reuse(&inputs, &streamed, &Quiet);
        let reversed: Vec<String> = inputs.iter().rev().cloned().collect();
        let two = reuse(&reversed, &streamed, &Quiet);
        let other = reuse(&inputs, &held, &Quiet);
        assert!(!one.reuse.is_empty());
        assert_eq!(one.reuse, two.reuse);
        assert_eq!(one.reuse, other.reuse);
        assert_eq!(one.origins, other.origins);
        assert_eq!(one.rejected, other.rejected);
        let ids =
            |r: &crate::ReuseReport| r.articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&one), ids(&other));
        // The texts went to the temporary file.
        assert!(one.articles.iter().all(|a| a.text.is_empty()));
    }

    #[test]
    fn recurring_lines_are_stripped_from_spilled_texts_as_from_held_ones() {
        const SIGN_OFF: &str = "Follow the Harbour Times on every platform for more news.";
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temporary folder: {e}"));
        let stories = [
            "The ferry Aurora sank off the north pier on Monday night after striking the old \
             breakwater in heavy fog, the harbour master said.",
            "The city council voted to raise the harbour dues by four percent from April, \
             after a debate that ran past midnight.",
            "A new library opened on Quay Street with a reading room for children and a \
             collection of maritime charts.",
        ];
        let mut lines = Vec::new();
        for (k, story) in stories.iter().enumerate() {
            let text = format!("{story}\n\n{SIGN_OFF}");
            lines.push(
                serde_json::json!({"id": format!("h{k}"), "outlet": "Harbour Times", "text": text}),
            );
        }
        // A page that is nothing but the sign-off: rejected by both paths, with a reason.
        lines.push(serde_json::json!({"id": "h9", "outlet": "Harbour Times", "text": SIGN_OFF}));
        // The same first story, copied by another outlet without the sign-off.
        lines.push(serde_json::json!({"id": "p0", "outlet": "Other Post", "text": stories[0]}));
        let path = dir.path().join("harbour.jsonl");
        let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
        std::fs::write(&path, body).unwrap_or_else(|e| panic!("write: {e}"));
        let inputs = [path.display().to_string()];
        let streamed = Options {
            spill_texts: true,
            ..Options::default()
        };
        let held = Options::default();
        let one = reuse(&inputs, &streamed, &Quiet);
        let other = reuse(&inputs, &held, &Quiet);
        assert_eq!(one.reuse, other.reuse);
        assert_eq!(one.rejected, other.rejected);
        assert_eq!(one.rejected.len(), 1, "{:?}", one.rejected);
        assert!(one.rejected[0].reason.contains("repeats"));
        // With the sign-off gone, the Harbour Times story and its copy are one text.
        assert!(
            one.reuse
                .iter()
                .any(|r| r.kind == newsfold_core::ReuseKind::Duplicate),
            "{:?}",
            one.reuse
        );
        let sentences = |r: &crate::ReuseReport| {
            r.articles
                .iter()
                .map(|a| (a.id.clone(), a.sentences.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(sentences(&one), sentences(&other));
        // The sign-off was stripped from the held texts too.
        assert!(
            other.articles[0]
                .removed
                .iter()
                .any(|r| r.reason == "recurring")
        );
    }
}
