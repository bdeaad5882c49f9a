//! `newsfold-eval`: the evaluation commands behind the figures in the issues and notes.
//!
//! Each subcommand reads a benchmark from `../shared/corpora` (never from the repository),
//! runs newsfold and the peer it is compared with in the same process, and prints the figures.
//! It is a tool for the team and for anyone checking a claim, not part of the product.

mod extraction;
mod shingles;

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
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
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
    }
}
