//! `newsfold-eval`: the evaluation commands behind the figures in the issues and notes.
//!
//! Each subcommand reads a benchmark from `../shared/corpora` (never from the repository),
//! runs newsfold and the peer it is compared with in the same process, and prints the figures.
//! It is a tool for the team and for anyone checking a claim, not part of the product.

mod briefs;
mod conventions;
mod datelines;
mod extraction;
mod generate;
mod msrp;
mod reuse_score;
mod rng;
mod rouge;
mod sentence_origin;
mod shingles;
mod stories;
mod stories_bench;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "newsfold-eval",
    about = "Measure newsfold on benchmark data, beside its peers."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Newsroom conventions (datelines, dates, figures, quotes, headlines, outlets) checked on
    /// a held-out set kept outside the repository: passed/total per class and each failure.
    #[command(
        after_help = "Example:\n  cargo run --release -p newsfold-eval -- conventions /work/heldout/newsroom\n  (DIR holds articles.jsonl and expected.toml; the format is in crates/eval/src/conventions.rs)"
    )]
    Conventions {
        /// Folder with `articles.jsonl` and `expected.toml`.
        dir: PathBuf,
        /// Exit with an error when the share of checks passed (0 to 1) is below this.
        #[arg(long)]
        min_share: Option<f64>,
    },
    /// Main-text extraction: precision, recall, F1 and pages/s on an extraction benchmark.
    #[command(
        after_help = "Example:\n  cargo run --release -p newsfold-eval -- extraction ../shared/corpora/extraction-dev"
    )]
    Extraction {
        /// Folder with `html/<id>.html.gz` and `ground-truth.json`.
        dir: PathBuf,
        /// Timing rounds; the best is reported.
        #[arg(long, default_value_t = 5)]
        rounds: usize,
        /// Also show the N worst pages of newsfold's extractor with the lines it got wrong.
        #[arg(long, default_value_t = 0)]
        errors: usize,
        /// Which extractor `--errors` shows (a part of its name).
        #[arg(long, default_value = "newsfold")]
        show: String,
        /// Instead of scoring, list newsfold's removals by reason, with those the truth keeps.
        #[arg(long)]
        audit: bool,
        /// Exit with an error when newsfold's F1 is below this.
        #[arg(long)]
        min_f1: Option<f64>,
    },
    /// Build a labelled reuse corpus (originals, copies, copies of copies, mixtures) from the
    /// real articles of the shared corpora, with its ground truth.
    #[command(
        after_help = "Example:\n  cargo run --release -p newsfold-eval -- generate --corpora ../shared/corpora --articles 10000 --seed 1 --out /tmp/gen10k"
    )]
    Generate {
        /// The shared corpora folder (with seeds/, duc2003-task2/, duc2003-task4/, ecbplus-dev/).
        #[arg(long)]
        corpora: PathBuf,
        /// Number of articles in all, originals included.
        #[arg(long)]
        articles: usize,
        /// Seed of the generator: the same seed gives the same corpus.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output folder for articles.jsonl, truth.jsonl, original_pairs.jsonl and README.txt.
        #[arg(long)]
        out: PathBuf,
        /// Copies and mixtures only, without issue 19's compilations, wire updates, reprinted
        /// releases and rewrites keeping a lead (the corpus issue 4's bars were set on).
        #[arg(long)]
        copies_only: bool,
    },
    /// Score a reuse result (JSON lines of reuse records, or a fold.json) against the truth of a
    /// generated corpus: recall by transformation and kind, precision, direction accuracy, and
    /// with --fold the sentence-origin accuracy; PASS or FAIL.
    #[command(
        after_help = "Example:\n  newsfold reuse /tmp/gen10k/articles.jsonl --format jsonl > /tmp/reuse.jsonl\n  newsfold fold /tmp/gen10k/articles.jsonl --out /tmp/fold10k\n  cargo run --release -p newsfold-eval -- reuse-score --corpus /tmp/gen10k --reuse /tmp/reuse.jsonl --fold /tmp/fold10k/fold.json"
    )]
    ReuseScore {
        /// Folder made by `generate` (truth.jsonl, original_pairs.jsonl).
        #[arg(long)]
        corpus: PathBuf,
        /// The reuse result to score.
        #[arg(long)]
        reuse: PathBuf,
        /// A fold.json (or its folder) of the same corpus: score its sentence origins too.
        #[arg(long)]
        fold: Option<PathBuf>,
        /// Seed for sampling sibling pairs when there are more than 20,000.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Exit with status 1 when the result fails the acceptance: recall and precision, the
        /// direction where dates differ, and with --fold the sentence origins.
        #[arg(long)]
        require: bool,
    },
    /// Story clustering against gold events: B-cubed precision, recall and F1 and the adjusted
    /// Rand index of newsfold's stories, beside a TF-IDF + average-linkage baseline, with
    /// thresholds tuned on all articles and on split halves of the topics.
    #[command(
        after_help = "Example:\n  cargo run --release -p newsfold-eval -- stories ../shared/corpora/ecbplus-dev"
    )]
    Stories {
        /// Folder with `docs/<doc>.txt` and `labels.tsv` (doc, topic, subtopic = gold event).
        dir: PathBuf,
        /// Exit with an error when newsfold's F1 (default settings) is below this.
        #[arg(long)]
        min_f1: Option<f64>,
        /// Also list newsfold's stories that hold more than one gold event.
        #[arg(long)]
        errors: bool,
    },
    /// Story clustering speed and memory on a (generated) corpus: the stories stage alone,
    /// timed after reading and reuse detection.
    #[command(
        after_help = "Example:\n  cargo run --release -p newsfold-eval -- stories-bench /tmp/gen10k/articles.jsonl\n  (bench/stories.sh runs it at 10k and 100k articles)"
    )]
    StoriesBench {
        /// Input files or folders, as `newsfold fold` takes them (plain text taken as given).
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// Datelines: of the articles whose raw text opens with a dateline (by a plain pattern,
    /// apart from the cleaner's), the share the cleaner recognises and cuts, with the first
    /// misses.
    #[command(
        after_help = "Example:\n  cargo run --release -p newsfold-eval -- datelines ../shared/corpora/ecbplus-dev/docs --min-share 0.99"
    )]
    Datelines {
        /// Input files or folders, as `newsfold fold` takes them (every record is read).
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Exit with an error when the share recognised (0 to 1) is below this.
        #[arg(long)]
        min_share: Option<f64>,
    },
    /// Sentence similarity of fact alignment on MSRP: accuracy and F1 on its test pairs.
    #[command(
        after_help = "Example:\n  cargo run --release -p newsfold-eval -- msrp ../shared/corpora/msrp"
    )]
    Msrp {
        /// Folder with `train.tsv` and `test.tsv`.
        dir: PathBuf,
        /// Fit the similarity's weights on train.tsv and print them as Rust.
        #[arg(long)]
        fit: bool,
        /// Exit with an error when the model's test accuracy is below this.
        #[arg(long)]
        min_accuracy: Option<f64>,
    },
    /// Multi-document summaries: ROUGE-1 and ROUGE-2 recall of newsfold's briefs beside
    /// LexRank, on corpora of clusters with human summaries.
    #[command(
        after_help = "Example:\n  cargo run --release -p newsfold-eval -- briefs ../shared/corpora/duc2003-task2 ../shared/corpora/duc2003-task4\n  (tuned on DUC 2003 only; ../shared/corpora/multiling2011/english is held out)"
    )]
    Briefs {
        /// Folders with `clusters/<id>/docs/*.txt` and `clusters/<id>/models/*.txt`.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Words each summary is cut to.
        #[arg(long, default_value_t = 100)]
        words: usize,
        /// Print newsfold's summary of these clusters.
        #[arg(long)]
        show: Vec<String>,
        /// Write every summary, its human summaries and its scores to this file, as JSON lines.
        #[arg(long)]
        dump: Option<PathBuf>,
        /// Brief only the first N clusters, across the folders in order (for timing 50).
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Exit with an error when newsfold's mean ROUGE-1 recall (x100) on any folder is below
        /// this.
        #[arg(long)]
        min_r1: Option<f64>,
        /// The same for ROUGE-2.
        #[arg(long)]
        min_r2: Option<f64>,
    },
}

/// The command line as typed, for the generated corpus's README.
fn command_line() -> String {
    std::env::args()
        .map(|a| {
            if a.is_empty() || a.contains(char::is_whitespace) {
                format!("'{a}'")
            } else {
                a
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Conventions { dir, min_share } => conventions::run(&dir, min_share),
        Command::Extraction {
            dir, audit: true, ..
        } => extraction::audit(&dir),
        Command::Extraction {
            dir,
            rounds,
            errors,
            show,
            min_f1,
            ..
        } => extraction::run(&dir, rounds, errors, &show, min_f1),
        Command::Generate {
            corpora,
            articles,
            seed,
            out,
            copies_only,
        } => generate::run(
            &generate::Options {
                kinds: if copies_only {
                    generate::Kinds::Copies
                } else {
                    generate::Kinds::All
                },
                corpora,
                articles,
                seed,
                out,
            },
            &command_line(),
        ),
        Command::Stories {
            dir,
            min_f1,
            errors,
        } => stories::run(&dir, min_f1, errors),
        Command::StoriesBench { inputs } => stories_bench::run(&inputs),
        Command::Datelines { inputs, min_share } => datelines::run(&inputs, min_share),
        Command::Msrp {
            dir,
            fit,
            min_accuracy,
        } => msrp::run(&dir, fit, min_accuracy),
        Command::Briefs {
            dirs,
            words,
            show,
            dump,
            limit,
            min_r1,
            min_r2,
        } => briefs::run(
            &dirs,
            words,
            &show,
            dump.as_deref(),
            limit,
            (min_r1, min_r2),
        ),
        Command::ReuseScore {
            corpus,
            reuse,
            fold,
            seed,
            require,
        } => {
            if !reuse_score::run(&corpus, &reuse, fold.as_deref(), seed)? && require {
                std::process::exit(1);
            }
            Ok(())
        }
    }
}
