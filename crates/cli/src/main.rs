//! `newsfold`, the command: argv in, files and an exit status out.
//!
//! The binary is glue. It parses flags (`args.rs`), runs the engine with progress bars
//! (`progress.rs`), writes what the render crate makes, names rejected inputs on stderr, and
//! turns the outcome into an exit status scripts can rely on (documented in `--help`).

mod args;
mod dedup;
mod formats;
mod progress;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use rayon::prelude::*;

use args::{
    AddArgs, BriefArgs, BriefFormat, Cli, Command, DedupArgs, ExportArgs, FoldArgs, FoldFormat,
    Format, RecordArgs, ServeArgs,
};
use newsfold_core::{Article, Fold, Origin, Provenance, Rejected, Removed, Reuse, RunInfo};
use newsfold_engine::{Options, fold};
use serde::Serialize;

/// Outputs written, but some inputs rejected.
const EXIT_PARTIAL: u8 = 3;

fn main() -> ExitCode {
    quiet_panics();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Fold(args) => run_fold(&args),
        Command::Extract(args) => run_extract(&args),
        Command::Reuse(args) => run_reuse(&args),
        Command::Brief(args) => run_brief(&args),
        Command::Add(args) => run_add(&args),
        Command::Export(args) => run_export(&args),
        Command::Serve(args) => run_serve(&args),
        Command::Dedup(args) => run_dedup(&args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("newsfold: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// A panic prints one line, not the default hook's three: the engine turns a panic while
/// cleaning a document into that document's rejection, which says the rest. With
/// RUST_BACKTRACE set, the default hook stays, for whoever debugs it.
fn quiet_panics() {
    if std::env::var_os("RUST_BACKTRACE").is_some() {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| info.payload().downcast_ref::<String>().map(String::as_str))
            .unwrap_or("a panic without a message");
        let at = info
            .location()
            .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
        eprintln!("newsfold: internal error{at}: {message}");
    }));
}

/// Start `threads` worker threads (`-j`, bounded by its parser), else as many as
/// RAYON_NUM_THREADS says, at most [`args::MAX_THREADS`] (a larger value is lowered, with a
/// warning), else one per core.
fn start_threads(threads: Option<usize>) -> anyhow::Result<()> {
    let from_env = || {
        let value = std::env::var("RAYON_NUM_THREADS").ok()?;
        let n = value.trim().parse::<usize>().ok()?;
        (n > args::MAX_THREADS).then(|| {
            eprintln!(
                "newsfold: warning: RAYON_NUM_THREADS={n} is more than {} threads; using {}",
                args::MAX_THREADS,
                args::MAX_THREADS
            );
            args::MAX_THREADS
        })
    };
    if let Some(threads) = threads.or_else(from_env) {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .context("could not start the worker threads")?;
    }
    Ok(())
}

fn report_rejected(rejected: &[Rejected]) {
    for r in rejected {
        match &r.record {
            Some(record) => eprintln!("newsfold: rejected {} ({record}): {}", r.path, r.reason),
            None => eprintln!("newsfold: rejected {}: {}", r.path, r.reason),
        }
    }
}

/// One line of `newsfold extract`: an article's fields as in fold.json, without sentence spans.
#[derive(Serialize)]
struct ExtractRecord<'a> {
    id: &'a str,
    path: &'a str,
    record: Option<&'a str>,
    title: Option<&'a str>,
    outlet: Option<&'a str>,
    url: Option<&'a str>,
    published: Option<&'a str>,
    updated: Option<&'a str>,
    dateline: Option<&'a str>,
    byline: Option<&'a str>,
    credits: &'a [String],
    language: Option<&'a str>,
    syndicated: bool,
    text: &'a str,
    provenance: &'a [Provenance],
    removed: &'a [Removed],
    warnings: &'a [String],
}

impl<'a> From<&'a Article> for ExtractRecord<'a> {
    fn from(a: &'a Article) -> ExtractRecord<'a> {
        ExtractRecord {
            id: &a.id,
            path: &a.path,
            record: a.record.as_deref(),
            title: a.title.as_deref(),
            outlet: a.outlet.as_deref(),
            url: a.url.as_deref(),
            published: a.published.as_deref(),
            updated: a.updated.as_deref(),
            dateline: a.dateline.as_deref(),
            byline: a.byline.as_deref(),
            credits: &a.credits,
            language: a.language.as_deref(),
            syndicated: a.syndicated,
            text: &a.text,
            provenance: &a.provenance,
            removed: &a.removed,
            warnings: &a.warnings,
        }
    }
}

fn run_extract(args: &RecordArgs) -> anyhow::Result<ExitCode> {
    if let Err(message) =
        formats::check(args.format, args.out.as_deref(), formats::Command::Extract)
    {
        return Ok(usage_error(&message));
    }
    start_threads(args.run.threads)?;
    let mut options = Options::default();
    options.read.max_bytes = args.run.max_file_size;
    options.read.max_records = args::record_cap(args.run.max_records, None);
    options.read.text_field.clone_from(&args.run.text_field);
    options.max_articles = args.run.max_articles;
    options.as_given = args.as_given;
    let extracted =
        newsfold_engine::extract(&args.inputs, &options, &progress::Bars::new(args.run.quiet));
    report_rejected(&extracted.rejected);
    if extracted.articles.is_empty() {
        return Err(nothing_read(&extracted.rejected));
    }
    let records: Vec<ExtractRecord> = extracted.articles.iter().map(ExtractRecord::from).collect();
    let mut text = String::new();
    match args.format {
        Format::Jsonl => {
            for r in &records {
                text.push_str(&serde_json::to_string(r).context("could not write JSON")?);
                text.push('\n');
            }
        }
        Format::Json => {
            text = serde_json::to_string_pretty(&records).context("could not write JSON")?;
            text.push('\n');
        }
        Format::Csv | Format::Txt | Format::Md | Format::Parquet => {
            let columns = serde_json::to_value(ExtractRecord::from(&Article::default()))?;
            let rows = formats::rows(&records)?;
            match (args.format, args.out.as_deref()) {
                (Format::Parquet, Some(path)) => formats::write_extract_parquet(rows, path)?,
                (format, out) => {
                    let bytes = formats::extract_text(format, &columns, &rows)?;
                    stream(out, |out| out.write_all(&bytes))?;
                }
            }
        }
    }
    if matches!(args.format, Format::Jsonl | Format::Json) {
        stream(args.out.as_deref(), |out| out.write_all(text.as_bytes()))?;
    }
    if !args.run.quiet {
        eprintln!(
            "newsfold: {}, {} rejected",
            count(records.len(), "article", "articles"),
            extracted.rejected.len()
        );
    }
    Ok(exit_status(&extracted.rejected))
}

/// One line of `newsfold reuse --format jsonl`.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum ReuseLine<'a> {
    Reuse(&'a Reuse),
    Origin(&'a Origin),
}

/// The document of `newsfold reuse --format json`.
#[derive(Serialize)]
struct ReuseDocument<'a> {
    reuse: &'a [Reuse],
    origins: &'a [Origin],
    rejected: &'a [Rejected],
    run: &'a RunInfo,
}

fn run_reuse(args: &RecordArgs) -> anyhow::Result<ExitCode> {
    if let Err(message) = formats::check(args.format, args.out.as_deref(), formats::Command::Reuse)
    {
        return Ok(usage_error(&message));
    }
    start_threads(args.run.threads)?;
    let mut options = Options::default();
    options.read.max_bytes = args.run.max_file_size;
    options.read.max_records = args::record_cap(args.run.max_records, None);
    options.read.text_field.clone_from(&args.run.text_field);
    options.as_given = args.as_given;
    options.spill_texts = true;
    let report =
        newsfold_engine::reuse(&args.inputs, &options, &progress::Bars::new(args.run.quiet));
    report_rejected(&report.rejected);
    if report.articles.is_empty() {
        return Err(nothing_read(&report.rejected));
    }
    match args.format {
        Format::Jsonl => {
            // Streamed: the relations of a large corpus are never held as one string.
            stream(args.out.as_deref(), |out| {
                write_lines(out, &report.reuse, ReuseLine::Reuse)?;
                write_lines(out, &report.origins, ReuseLine::Origin)
            })?;
        }
        Format::Json => {
            let document = ReuseDocument {
                reuse: &report.reuse,
                origins: &report.origins,
                rejected: &report.rejected,
                run: &report.run,
            };
            stream(args.out.as_deref(), |out| {
                serde_json::to_writer_pretty(&mut *out, &document)?;
                out.write_all(b"\n")?;
                Ok(())
            })?;
        }
        Format::Parquet => {
            let reuse = report.reuse.iter().map(ReuseLine::Reuse);
            let origins = report.origins.iter().map(ReuseLine::Origin);
            let path = args
                .out
                .as_deref()
                .context("--format parquet needs --out FILE")?;
            formats::write_reuse_parquet(reuse.chain(origins), path)?;
        }
        Format::Csv | Format::Txt | Format::Md => {
            unreachable!("formats::check refuses them for reuse")
        }
    }
    if !args.run.quiet {
        eprintln!(
            "newsfold: {}, {}, {}, {} rejected",
            count(report.articles.len(), "article", "articles"),
            count(report.reuse.len(), "reuse relation", "reuse relations"),
            count(report.origins.len(), "origin", "origins"),
            report.rejected.len()
        );
    }
    Ok(exit_status(&report.rejected))
}

/// `newsfold dedup`: find the copies as `newsfold reuse` does, then write the records kept, as
/// given, and the map of the dropped ones (`dedup.rs`).
fn run_dedup(args: &DedupArgs) -> anyhow::Result<ExitCode> {
    if let Err(message) = dedup::check_inputs(&args.inputs) {
        return Ok(usage_error(&message));
    }
    start_threads(args.run.threads)?;
    let mut options = Options::default();
    options.read.max_bytes = args.run.max_file_size;
    options.read.max_records = args::record_cap(args.run.max_records, None);
    options.as_given = args.as_given;
    options.spill_texts = true;
    let report =
        newsfold_engine::reuse(&args.inputs, &options, &progress::Bars::new(args.run.quiet));
    report_rejected(&report.rejected);
    if report.articles.is_empty() {
        anyhow::bail!("no record could be read from the inputs, so nothing was written");
    }
    let order: Vec<String> = newsfold_read::expand(&args.inputs)
        .0
        .iter()
        .map(|input| input.name().into_owned())
        .collect();
    let rank = order
        .iter()
        .enumerate()
        .map(|(i, p)| (p.clone(), i))
        .collect();
    let plan = dedup::plan(&report.articles, &report.reuse, &report.origins, &rank)?;
    let files = dedup::write_corpus(&plan, &order, &args.out)?;
    if let Some(map) = &args.map {
        dedup::write_map(&plan, map)?;
    }
    if !args.run.quiet {
        eprintln!(
            "newsfold: {} read, {} kept, {} dropped as copies; wrote {} into {}{}",
            count(report.articles.len(), "record", "records"),
            plan.kept_count(),
            plan.map.len(),
            count(files, "file", "files"),
            args.out.display(),
            args.map
                .as_ref()
                .map_or_else(String::new, |m| format!(" and the map to {}", m.display()))
        );
    }
    Ok(exit_status(&report.rejected))
}

fn run_brief(args: &BriefArgs) -> anyhow::Result<ExitCode> {
    start_threads(args.run.threads)?;
    let mut options = Options::default();
    options.read.max_bytes = args.run.max_file_size;
    options.read.max_records = args::record_cap(args.run.max_records, options.read.max_records);
    options.read.text_field.clone_from(&args.run.text_field);
    options.max_articles = args.run.max_articles;
    let budget =
        |n: Option<u64>| n.map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
    match (args.words, args.sentences) {
        (None, None) => {}
        (words, sentences) => {
            options.brief.words = budget(words);
            options.brief.sentences = budget(sentences);
        }
    }
    let bars = progress::Bars::new(args.run.quiet);
    let fold = if args.one_story {
        newsfold_engine::brief(&args.inputs, &options, &bars)
    } else {
        // The stories of the inputs, as `fold` makes them: several events are not one brief.
        newsfold_engine::fold(&args.inputs, &options, &bars)
    };
    report_rejected(&fold.rejected);
    if fold.articles.is_empty() {
        return Err(nothing_read(&fold.rejected).context("there is nothing to brief"));
    }
    let briefed = briefed_stories(fold, args.story)?;
    if briefed.all.len() > 1 && !args.run.quiet {
        eprint!("{}", briefed.listing());
    }
    stream(args.out.as_deref(), |out| match args.format {
        BriefFormat::Text => write_brief_text(out, &briefed),
        BriefFormat::Md => out.write_all(briefed.markdown().as_bytes()),
        BriefFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &briefed.json())?;
            out.write_all(b"\n")
        }
    })?;
    Ok(exit_status(&briefed.fold.rejected))
}

/// The stories `newsfold brief` prints: the inputs' stories largest first (`all`), and the fold
/// cut down to the ones briefed (every story, or the one `--story N` picks).
struct Briefed {
    /// Every story of the inputs, largest first (then earliest): (headline, articles).
    all: Vec<(String, usize)>,
    /// The number (1 = largest) of each story briefed, in the order of `fold.stories`.
    numbers: Vec<usize>,
    /// The fold holding only the stories briefed, largest first, with their articles.
    fold: Fold,
}

/// Order the fold's stories largest first and keep the `--story N`-th when asked.
fn briefed_stories(mut fold: Fold, story: Option<u64>) -> anyhow::Result<Briefed> {
    // A stable sort keeps the fold's order (earliest first) among stories of one size.
    fold.stories
        .sort_by_key(|s| std::cmp::Reverse(s.articles.len()));
    let all: Vec<(String, usize)> = fold
        .stories
        .iter()
        .map(|s| (headline(s).to_owned(), s.articles.len()))
        .collect();
    let Some(n) = story else {
        let numbers = (1..=all.len()).collect();
        return Ok(Briefed { all, numbers, fold });
    };
    let k = usize::try_from(n).unwrap_or(usize::MAX);
    if k > all.len() {
        anyhow::bail!(
            "--story {n}: the inputs hold {}",
            count(all.len(), "story", "stories")
        );
    }
    let picked = fold.stories.swap_remove(k - 1);
    let members: std::collections::BTreeSet<&str> =
        picked.articles.iter().map(String::as_str).collect();
    let inside = |id: &String| members.contains(id.as_str());
    let fold = Fold {
        articles: fold
            .articles
            .into_iter()
            .filter(|a| inside(&a.id))
            .collect(),
        reuse: fold
            .reuse
            .into_iter()
            .filter(|r| inside(&r.source) && inside(&r.copy))
            .collect(),
        origins: fold
            .origins
            .into_iter()
            .filter(|o| o.articles.iter().any(inside))
            .collect(),
        stories: vec![picked],
        rejected: fold.rejected,
        run: fold.run,
    };
    Ok(Briefed {
        all,
        numbers: vec![k],
        fold,
    })
}

impl Briefed {
    /// The stderr lines that say the inputs hold several stories, and which.
    fn listing(&self) -> String {
        let mut text = format!(
            "newsfold: the inputs hold {}, not one; {} (--story N picks one, --one-story \
             briefs all as one):\n",
            count(self.all.len(), "story", "stories"),
            if self.numbers.len() == 1 {
                format!("briefing story {}", self.numbers[0])
            } else {
                "briefing each in turn, largest first".to_owned()
            }
        );
        for (k, (headline, size)) in self.all.iter().enumerate() {
            text.push_str(&format!(
                "  {}. {} ({})\n",
                k + 1,
                one_line(headline),
                count(*size, "article", "articles")
            ));
        }
        text
    }

    /// brief.md of the stories briefed, under a note when the inputs hold several.
    fn markdown(&self) -> String {
        let md = newsfold_render::brief_markdown(&self.fold);
        if self.all.len() < 2 {
            return md;
        }
        let note = if self.numbers.len() == 1 {
            format!(
                "The inputs hold {}; this is story {} of them, largest first.",
                count(self.all.len(), "story", "stories"),
                self.numbers[0]
            )
        } else {
            format!(
                "The inputs hold {}, not one: each is briefed below, largest first \
                 (`--story N` picks one).",
                count(self.all.len(), "story", "stories")
            )
        };
        md.replacen("\n\n", &format!("\n\n{note}\n\n"), 1)
    }

    /// The JSON of `--format json`: the first story briefed, with a note when there are others.
    fn json(&self) -> BriefJson<'_> {
        let number = self.numbers[0];
        let note = (self.all.len() > 1).then(|| BriefNote {
            stories: self.all.len(),
            story: number,
            others: self
                .all
                .iter()
                .enumerate()
                .filter(|(k, _)| k + 1 != number)
                .map(|(k, (headline, articles))| OtherStory {
                    story: k + 1,
                    headline,
                    articles: *articles,
                })
                .collect(),
        });
        BriefJson {
            story: &self.fold.stories[0],
            note,
            run: &self.fold.run,
        }
    }
}

/// `newsfold brief --format json`: one story as in fold.json, a note when the inputs hold
/// several, and the run (each stage's time: `bench/largest_story.sh` reads the brief's).
#[derive(Serialize)]
struct BriefJson<'a> {
    #[serde(flatten)]
    story: &'a newsfold_core::Story,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<BriefNote<'a>>,
    run: &'a newsfold_core::RunInfo,
}

/// How many stories the inputs hold, which one is printed, and the others.
#[derive(Serialize)]
struct BriefNote<'a> {
    stories: usize,
    story: usize,
    others: Vec<OtherStory<'a>>,
}

/// A story of the inputs not printed: its number for `--story`, headline and size.
#[derive(Serialize)]
struct OtherStory<'a> {
    story: usize,
    headline: &'a str,
    articles: usize,
}

/// `--format text`: the sentences one a line; when several stories are briefed, each after a
/// line naming it and a blank line between them.
fn write_brief_text(out: &mut dyn Write, briefed: &Briefed) -> std::io::Result<()> {
    let several = briefed.fold.stories.len() > 1;
    for (k, (story, number)) in briefed
        .fold
        .stories
        .iter()
        .zip(&briefed.numbers)
        .enumerate()
    {
        if several {
            if k > 0 {
                writeln!(out)?;
            }
            writeln!(
                out,
                "Story {number} of {}: {} ({})",
                briefed.all.len(),
                one_line(headline(story)),
                count(story.articles.len(), "article", "articles")
            )?;
        }
        for c in &story.brief {
            writeln!(out, "{}", one_line(&c.text))?;
        }
    }
    Ok(())
}

/// A story's headline, else its id (as the report shows it).
fn headline(story: &newsfold_core::Story) -> &str {
    story
        .headline
        .as_deref()
        .filter(|h| !h.trim().is_empty())
        .unwrap_or(&story.id)
}

/// Text on one line, its runs of white space one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Write one JSON line per item, made by `line`. The lines are serialized in parallel a batch
/// at a time (a few megabytes) and written in order: 100,000 articles give 190 MB of relations,
/// whose serialization was 6% of a run's CPU samples, all on one thread.
fn write_lines<'a, T: Sync, L: Serialize>(
    out: &mut dyn Write,
    items: &'a [T],
    line: impl Fn(&'a T) -> L + Sync,
) -> std::io::Result<()> {
    const PER_TASK: usize = 512;
    let batch = PER_TASK * 4 * rayon::current_num_threads();
    for batch in items.chunks(batch) {
        let buffers: Vec<std::io::Result<Vec<u8>>> = batch
            .par_chunks(PER_TASK)
            .map(|chunk| {
                let mut buffer = Vec::with_capacity(chunk.len() * 256);
                for item in chunk {
                    serde_json::to_writer(&mut buffer, &line(item))?;
                    buffer.push(b'\n');
                }
                Ok(buffer)
            })
            .collect();
        for buffer in buffers {
            out.write_all(&buffer?)?;
        }
    }
    Ok(())
}

/// Write through `write` to a file, or to standard output (no file, or `-`), buffered; a
/// closed pipe (`| head`) is no error.
fn stream(
    out: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    match out.filter(|path| *path != Path::new("-")) {
        Some(path) => {
            let file = fs::File::create(path)
                .with_context(|| format!("could not write {}", path.display()))?;
            let mut buffered = std::io::BufWriter::new(file);
            write(&mut buffered)
                .and_then(|()| buffered.flush())
                .with_context(|| format!("could not write {}", path.display()))
        }
        None => {
            let mut buffered = std::io::BufWriter::new(std::io::stdout().lock());
            match write(&mut buffered).and_then(|()| buffered.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(e).context("could not write to standard output")
                }
                _ => Ok(()),
            }
        }
    }
}

fn run_fold(args: &FoldArgs) -> anyhow::Result<ExitCode> {
    start_threads(args.threads)?;
    let mut options = Options::default();
    options.read.max_bytes = args.max_file_size;
    options.read.max_records = args::record_cap(args.max_records, options.read.max_records);
    options.read.text_field.clone_from(&args.text_field);
    options.max_articles = args.max_articles;
    options.brief.sentences = args.brief_sentences;
    // The previous fold is read before anything is written, so --out may be its own folder.
    let previous = args.extend.as_deref().map(read_fold).transpose()?;
    let bars = progress::Bars::new(args.quiet);
    let fold = match (previous, &args.db) {
        (Some(previous), _) => return extend_fold(previous, args, &options, &bars),
        (None, Some(db)) => {
            let (fold, _, rejected) = add_to_store(Some(db), &args.inputs, &options, &bars)?;
            write_fold(&fold, args)?;
            return Ok(exit_status(&rejected));
        }
        (None, None) => fold(&args.inputs, &options, &bars),
    };
    report_rejected(&fold.rejected);
    if fold.articles.is_empty() {
        return Err(nothing_read(&fold.rejected));
    }
    write_fold(&fold, args)?;
    Ok(exit_status(&fold.rejected))
}

/// `fold --extend`: the previous fold with the articles of the inputs it does not hold yet,
/// saying how many it held already. Nothing is written when nothing could be read.
fn extend_fold(
    previous: Fold,
    args: &FoldArgs,
    options: &Options,
    bars: &progress::Bars,
) -> anyhow::Result<ExitCode> {
    let before: std::collections::BTreeSet<Rejected> = previous.rejected.iter().cloned().collect();
    let extended = newsfold_engine::extend_counting(previous, &args.inputs, options, bars);
    // The inputs' own rejections: those the previous fold carried were named when it was made.
    let new_rejected: Vec<Rejected> = extended
        .fold
        .rejected
        .iter()
        .filter(|r| !before.contains(r))
        .cloned()
        .collect();
    report_rejected(&new_rejected);
    if extended.read == 0 {
        return Err(nothing_read(&new_rejected));
    }
    if extended.held > 0 && !args.quiet {
        eprintln!(
            "newsfold: {} of {} read {} in the fold already (same URL, or same outlet and \
             text), skipped",
            extended.held,
            count(extended.read, "article", "articles"),
            if extended.held == 1 { "was" } else { "were" },
        );
    }
    write_fold(&extended.fold, args)?;
    Ok(exit_status(&new_rejected))
}

/// The error of a command that could read no article from its inputs: it writes nothing.
fn nothing_read(rejected: &[Rejected]) -> anyhow::Error {
    let why = match rejected.len() {
        0 => "the inputs hold no article".to_owned(),
        n => format!(
            "{} named above",
            count(n, "rejected input", "rejected inputs")
        ),
    };
    anyhow::anyhow!("no article could be read from the inputs ({why}), so nothing was written")
}

/// A command line that asks for what cannot be done: said on stderr, exit status 2 (as clap's
/// own usage errors).
fn usage_error(message: &str) -> ExitCode {
    eprintln!("newsfold: error: {message}");
    ExitCode::from(2)
}

/// Success, or [`EXIT_PARTIAL`] when inputs were rejected.
fn exit_status(rejected: &[Rejected]) -> ExitCode {
    if rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_PARTIAL)
    }
}

/// Write a fold's three files to `--out` and say what they hold.
fn write_fold(fold: &Fold, args: &FoldArgs) -> anyhow::Result<()> {
    write_outputs(fold, &args.out, args.format)?;
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
    Ok(())
}

/// The store named by `--db`, else the default; its folder is made if missing.
fn open_store(db: Option<&Path>) -> anyhow::Result<newsfold_store::Store> {
    let path = db.map_or_else(newsfold_store::default_path, Path::to_path_buf);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)
            .with_context(|| format!("could not create the store's folder {}", parent.display()))?;
    }
    Ok(newsfold_store::Store::open(&path)?)
}

/// The store named by `--db`, else the default, for `export`, which only reads a store: a path
/// where there is none is an error naming it, and no store is made there.
fn open_existing_store(db: Option<&Path>) -> anyhow::Result<newsfold_store::Store> {
    let path = db.map_or_else(newsfold_store::default_path, Path::to_path_buf);
    Ok(newsfold_store::Store::open_existing(&path)?)
}

fn run_add(args: &AddArgs) -> anyhow::Result<ExitCode> {
    start_threads(args.run.threads)?;
    let mut options = Options::default();
    options.read.max_bytes = args.run.max_file_size;
    options.read.max_records = args::record_cap(args.run.max_records, options.read.max_records);
    options.read.text_field.clone_from(&args.run.text_field);
    options.max_articles = args.run.max_articles;
    let bars = progress::Bars::new(args.run.quiet);
    let (fold, added, new_rejected) =
        add_to_store(args.db.as_deref(), &args.inputs, &options, &bars)?;
    if !args.run.quiet {
        eprintln!(
            "newsfold: {} added, {} already stored; the store holds {} in {}",
            count(added.added, "article", "articles"),
            added.duplicates,
            count(fold.articles.len(), "article", "articles"),
            count(fold.stories.len(), "story", "stories"),
        );
    }
    Ok(exit_status(&new_rejected))
}

/// Read and clean the inputs into the store `db` (made if missing), fold every stored article
/// again and save that fold: the store's fold, what the add did, and the inputs it rejected
/// (named on stderr). When no article could be read, that is the error, and a store this add
/// made is removed again, so nothing is left behind. The store is opened first, so an add
/// killed while reading leaves a store, as it did before.
fn add_to_store(
    db: Option<&Path>,
    inputs: &[String],
    options: &Options,
    bars: &progress::Bars,
) -> anyhow::Result<(Fold, newsfold_store::Added, Vec<Rejected>)> {
    let path = db.map_or_else(newsfold_store::default_path, Path::to_path_buf);
    let made = !path.exists();
    let mut store = open_store(Some(&path))?;
    let (documents, rejected) = newsfold_engine::extract_documents(inputs, options, bars);
    report_rejected(&rejected);
    if documents.is_empty() {
        drop(store);
        if made {
            remove_store(&path);
        }
        return Err(nothing_read(&rejected));
    }
    let added = store.add_entries(&newsfold_server::entries(&documents))?;
    drop(documents);
    let fold = newsfold_engine::refold(store.fold()?, &rejected, options, bars);
    store.save_fold(&fold)?;
    Ok((fold, added, rejected))
}

/// Remove an empty store this run made: the SQLite file and its WAL companions. Best effort:
/// what cannot be removed is an empty store, which later commands read as one.
fn remove_store(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = fs::remove_file(name);
    }
}

fn run_serve(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    start_threads(None)?;
    // Serve writes (POST /api/articles), so it may start a store; it says so, after the line
    // with its address (scripts read the port from the first line), so a mistyped path shows.
    let path = args.db.clone().unwrap_or_else(newsfold_store::default_path);
    let new = !path.exists();
    let mut store = open_store(Some(&path))?;
    complete_fold(&mut store, false)?;
    newsfold_server::serve(
        store,
        Options::default(),
        newsfold_server::Limits::default(),
        args.addr,
        |bound| {
            // A server outlives its stderr (a supervisor may close it): these lines are
            // written when they can be, never with eprintln!, which panics when it cannot.
            use std::io::Write as _;
            let mut stderr = std::io::stderr();
            let _ = writeln!(
                stderr,
                "newsfold: serving on http://{bound}/ (Ctrl-C stops)"
            );
            if new {
                let _ = writeln!(
                    stderr,
                    "newsfold: there was no store at {}; serving a new, empty one there \
                     (POST /api/articles adds to it)",
                    path.display()
                );
            }
        },
    )
    .map_err(anyhow::Error::msg)?;
    Ok(ExitCode::SUCCESS)
}

fn run_export(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    start_threads(None)?;
    let mut store = open_existing_store(args.db.as_deref())?;
    let fold = complete_fold(&mut store, args.quiet)?;
    write_outputs(&fold, &args.out, args.format)?;
    if !args.quiet {
        let out = args.out.display();
        eprintln!(
            "newsfold: {}, {}; wrote {out}/fold.json, {out}/brief.md and {out}/report.html",
            count(fold.articles.len(), "article", "articles"),
            count(fold.stories.len(), "story", "stories"),
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The store's fold, folded again first when an add was killed between storing its articles
/// and saving its fold (the stored fold then lacks them), with a line saying so.
fn complete_fold(store: &mut newsfold_store::Store, quiet: bool) -> anyhow::Result<Fold> {
    let unfolded = store.unfolded()?;
    let fold = store.fold()?;
    if unfolded == 0 {
        return Ok(newsfold_engine::stored(fold));
    }
    // Said even under --quiet: what is written differs from the fold the store held.
    eprintln!(
        "newsfold: the store's last fold did not finish ({} not folded yet, an add was \
         stopped); folding every stored article now",
        count(unfolded, "article", "articles")
    );
    let options = Options::default();
    let fold = newsfold_engine::refold(fold, &[], &options, &progress::Bars::new(quiet));
    store.save_fold(&fold)?;
    Ok(fold)
}

/// A fold.json written earlier, for `--extend`, checked to hold together
/// ([`newsfold_engine::check_fold`]) before anything is built on it.
fn read_fold(path: &Path) -> anyhow::Result<Fold> {
    let file = fs::File::open(path)
        .with_context(|| format!("could not open the fold to extend, {}", path.display()))?;
    let fold: Fold = serde_json::from_reader(std::io::BufReader::new(file)).with_context(|| {
        format!(
            "{} is not a fold.json written by newsfold fold (the fold to extend)",
            path.display()
        )
    })?;
    newsfold_engine::check_fold(&fold).map_err(|error| {
        anyhow::anyhow!(
            "{} is not a fold that holds together, so it cannot be extended: {error}. Was it \
             edited, cut short, or written for other texts? Fold its inputs again",
            path.display()
        )
    })?;
    Ok(fold)
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Write the outputs, each through a temporary file renamed into place, so a reader never sees
/// half a file: the fold in `format`, brief.md and report.html. A fold too large for one page
/// (see [`newsfold_render::report_fits_one_page`]) gets `report.html` as an index and a page per
/// story in `report-stories/`, written first, so that every link of the index leads somewhere
/// once it is in place. Files of the other formats an earlier run left are removed.
fn write_outputs(fold: &Fold, dir: &Path, format: FoldFormat) -> anyhow::Result<()> {
    fs::create_dir_all(dir)
        .with_context(|| format!("could not create the output folder {}", dir.display()))?;
    // The fold's files are streams of one thread each: the pages are written beside them.
    let (data, pages) = rayon::join(
        || write_fold_data(fold, dir, format),
        || write_brief_and_report(fold, dir),
    );
    data.and(pages)
}

/// The files of the fold itself in `format` (and no stale file of another format).
fn write_fold_data(fold: &Fold, dir: &Path, format: FoldFormat) -> anyhow::Result<()> {
    let parts = newsfold_render::FoldPart::ALL;
    let names = |extension: &str| -> Vec<String> {
        parts
            .iter()
            .map(|p| format!("{}.{extension}", p.name()))
            .collect()
    };
    let (jsonl, parquet) = (names("jsonl"), names("parquet"));
    let stale: Vec<&str> = match format {
        FoldFormat::Json => jsonl
            .iter()
            .chain(&parquet)
            .map(String::as_str)
            .chain(["run.json"])
            .collect(),
        FoldFormat::Jsonl => parquet
            .iter()
            .map(String::as_str)
            .chain(["fold.json"])
            .collect(),
        FoldFormat::Parquet => jsonl
            .iter()
            .map(String::as_str)
            .chain(["fold.json"])
            .collect(),
    };
    for name in stale {
        let path = dir.join(name);
        if path.is_file() {
            fs::remove_file(&path)
                .with_context(|| format!("could not remove the old {}", path.display()))?;
        }
    }
    if format == FoldFormat::Json {
        return write_atomically(dir, "fold.json", |out| {
            newsfold_render::write_fold_json(fold, out)
        });
    }
    let run = serde_json::to_string_pretty(&fold.run).context("could not serialise the run")?;
    write_file(dir, "run.json", &(run + "\n"))?;
    parts.into_par_iter().try_for_each(|part| match format {
        FoldFormat::Parquet => {
            let name = format!("{}.parquet", part.name());
            write_atomically_with(dir, &name, |path| {
                formats::write_fold_parquet(fold, part, path)
            })
        }
        _ => write_atomically(dir, &format!("{}.jsonl", part.name()), |out| {
            newsfold_render::write_fold_jsonl(fold, part, out)
        }),
    })
}

/// Write brief.md and report.html (with the story pages when the fold needs them).
fn write_brief_and_report(fold: &Fold, dir: &Path) -> anyhow::Result<()> {
    write_file(dir, "brief.md", &newsfold_render::brief_markdown(fold))?;
    let pages = dir.join(newsfold_render::STORY_PAGES);
    if newsfold_render::report_fits_one_page(fold) {
        write_file(dir, "report.html", &newsfold_render::report_html(fold))?;
        // Pages of an earlier, larger fold into this folder would be stale.
        if pages.is_dir() {
            fs::remove_dir_all(&pages)
                .with_context(|| format!("could not remove the old {}", pages.display()))?;
        }
        return Ok(());
    }
    let fresh = dir.join(format!(".{}.tmp", newsfold_render::STORY_PAGES));
    if fresh.exists() {
        fs::remove_dir_all(&fresh)
            .with_context(|| format!("could not remove {}", fresh.display()))?;
    }
    fs::create_dir_all(&fresh).with_context(|| format!("could not create {}", fresh.display()))?;
    let parts = newsfold_render::StoryParts::new(fold);
    let back = "<a href=\"../report.html\">← all stories</a>";
    (0..fold.stories.len())
        .into_par_iter()
        .try_for_each(|i| -> anyhow::Result<()> {
            let page = newsfold_render::story_html(&parts.part(i), back);
            let path = fresh.join(newsfold_render::story_page_name(fold, i));
            fs::write(&path, page).with_context(|| format!("could not write {}", path.display()))
        })?;
    if pages.exists() {
        fs::remove_dir_all(&pages)
            .with_context(|| format!("could not remove the old {}", pages.display()))?;
    }
    fs::rename(&fresh, &pages).with_context(|| format!("could not write {}", pages.display()))?;
    let link = |i: usize| {
        format!(
            "{}/{}",
            newsfold_render::STORY_PAGES,
            newsfold_render::story_page_name(fold, i)
        )
    };
    write_file(
        dir,
        "report.html",
        &newsfold_render::report_index_html(fold, &link),
    )
}

/// Write `content` to `dir/name`.
fn write_file(dir: &Path, name: &str, content: &str) -> anyhow::Result<()> {
    write_atomically(dir, name, |out| out.write_all(content.as_bytes()))
}

/// Write `dir/name` by `write`, which makes the file at the path it is given (a temporary one),
/// renamed into place once complete and synced.
fn write_atomically_with(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&Path) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let path = dir.join(name);
    let tmp = dir.join(format!(".{name}.tmp"));
    write(&tmp)?;
    fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .with_context(|| format!("could not write {}", tmp.display()))?;
    fs::rename(&tmp, &path).with_context(|| format!("could not write {}", path.display()))
}

/// Write `dir/name` with `write`, buffered, through a temporary file synced and renamed into
/// place, so a reader never sees half a file.
fn write_atomically(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let path = dir.join(name);
    let tmp = dir.join(format!(".{name}.tmp"));
    let could_not = || format!("could not write {}", tmp.display());
    let file = fs::File::create(&tmp).with_context(could_not)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    write(&mut out)
        .and_then(|()| out.flush())
        .with_context(could_not)?;
    let file = out
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(could_not)?;
    file.sync_all().with_context(could_not)?;
    fs::rename(&tmp, &path).with_context(|| format!("could not write {}", path.display()))?;
    Ok(())
}
