//! The one pass of `newsfold reuse --as-given`: read, take as given, sketch and spill.
//!
//! Plain-text records need nothing from each other to become articles, so they can be sketched
//! and their texts moved to the temporary file ([`crate::spill`]) a batch at a time, as the
//! reader hands them over: no more than a few batches of records and texts are held at once,
//! whatever the size of the corpus. The articles come out as [`crate::clean_all`] gives them
//! (unique ids, sorted by id), with their sketches and spilled texts in the same order, so
//! everything after is as in the other path.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use newsfold_core::{Article, Raw, Rejected};
use newsfold_read::{expand, read_each};
use newsfold_reuse::{Sketch, sketch};

use crate::spill::{Spill, Spiller};
use crate::{Options, Progress, Step, make_ids_unique, with_text};

/// Articles without their texts, their sketches and where their texts went.
pub(crate) struct Sketched {
    /// Articles with unique ids, sorted by id; texts empty unless they could not be spilled.
    pub articles: Vec<Article>,
    /// The sketch of each article, same order.
    pub sketches: Vec<Sketch>,
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
    sketches: Vec<Sketch>,
    spiller: Spiller,
    rejected: Vec<Rejected>,
}

/// Read `args` (inputs in parallel, each a batch at a time), take every record as given,
/// sketch it and spill its text.
pub(crate) fn read_sketched(
    args: &[String],
    options: &Options,
    progress: &dyn Progress,
) -> Sketched {
    let (inputs, rejected) = expand(args);
    progress.start(Step::Read, inputs.len() as u64);
    let gathered = Mutex::new(Gathered {
        articles: Vec::new(),
        sketches: Vec::new(),
        spiller: Spiller::new(options.spill_texts),
        rejected,
    });
    let process = |raws: Vec<Raw>| {
        let made: Vec<Result<(Article, Sketch), Rejected>> = raws
            .into_par_iter()
            .map(|raw| {
                with_text(newsfold_text::as_given(raw)).map(|a| {
                    let s = sketch(&a.text);
                    (a, s)
                })
            })
            .collect();
        let mut g = gathered.lock().unwrap_or_else(PoisonError::into_inner);
        let mut batch = Vec::with_capacity(made.len());
        for one in made {
            match one {
                Ok((article, sketch)) => {
                    batch.push(article);
                    g.sketches.push(sketch);
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
        spiller,
        rejected,
    } = gathered
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    let mut spill = spiller.finish();
    // Batches arrived in whatever order the threads finished them: give ids as clean_all does,
    // then put articles, sketches and spilled texts in id order together.
    make_ids_unique(&mut articles);
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&x, &y| articles[x].id.cmp(&articles[y].id));
    let articles = order
        .iter()
        .map(|&k| std::mem::take(&mut articles[k]))
        .collect();
    let sketches = order.iter().map(|&k| sketches[k].clone()).collect();
    if let Some(spill) = spill.as_mut() {
        spill.reorder(&order);
    }
    Sketched {
        articles,
        sketches,
        spill,
        rejected,
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
        let inputs = [
            examples("feeds.jsonl"),
            examples("bridge"),
            examples("port"),
        ];
        let streamed = Options {
            as_given: true,
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
}
