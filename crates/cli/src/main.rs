//! `newsfold`, the command: argv in, files and an exit status out.
//!
//! The binary is glue. It parses flags (`args.rs`), runs the engine with progress bars
//! (`progress.rs`), writes what the render crate makes, names rejected inputs on stderr, and
//! turns the outcome into an exit status scripts can rely on (documented in `--help`).

mod args;
mod progress;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use args::{Cli, Command, FoldArgs};
use newsfold_core::Fold;
use newsfold_engine::{Options, fold};

/// Outputs written, but some inputs rejected.
const EXIT_PARTIAL: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Fold(args) => run_fold(&args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("newsfold: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run_fold(args: &FoldArgs) -> anyhow::Result<ExitCode> {
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .context("could not start the worker threads")?;
    }
    let mut options = Options::default();
    options.read.max_bytes = args.max_file_size;
    options.brief.sentences = args.brief_sentences;
    let bars = progress::Bars::new(args.quiet);
    let fold = fold(&args.inputs, &options, &bars);

    for r in &fold.rejected {
        match &r.record {
            Some(record) => eprintln!("newsfold: rejected {} ({record}): {}", r.path, r.reason),
            None => eprintln!("newsfold: rejected {}: {}", r.path, r.reason),
        }
    }
    write_outputs(&fold, &args.out)?;
    if !args.quiet {
        eprintln!(
            "newsfold: {}, {}, {}, {}, {} rejected",
            count(fold.articles.len(), "article", "articles"),
            count(fold.stories.len(), "story", "stories"),
            count(
                fold.origins.len(),
                "independent origin",
                "independent origins"
            ),
            count(fold.reuse.len(), "reuse relation", "reuse relations"),
            fold.rejected.len()
        );
        let out = args.out.display();
        eprintln!("newsfold: wrote {out}/fold.json, {out}/brief.md and {out}/report.html");
    }
    Ok(if fold.rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_PARTIAL)
    })
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Write the three outputs, each through a temporary file renamed into place, so a reader never
/// sees half a file.
fn write_outputs(fold: &Fold, dir: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(dir)
        .with_context(|| format!("could not create the output folder {}", dir.display()))?;
    let outputs = [
        ("fold.json", newsfold_render::fold_json(fold)),
        ("brief.md", newsfold_render::brief_markdown(fold)),
        ("report.html", newsfold_render::report_html(fold)),
    ];
    for (name, content) in outputs {
        let path = dir.join(name);
        let tmp = dir.join(format!(".{name}.tmp"));
        let mut file =
            fs::File::create(&tmp).with_context(|| format!("could not write {}", tmp.display()))?;
        file.write_all(content.as_bytes())
            .with_context(|| format!("could not write {}", tmp.display()))?;
        file.sync_all()
            .with_context(|| format!("could not write {}", tmp.display()))?;
        fs::rename(&tmp, &path).with_context(|| format!("could not write {}", path.display()))?;
    }
    Ok(())
}
