//! The command line as typed: every flag, its help, and the examples `--help` teaches with.
//!
//! This is the only file that knows argv. It turns flags into [`newsfold_engine::Options`] and
//! nothing else; what the commands do lives in `main.rs` and the library crates.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Exit statuses of every command, documented in `newsfold --help` so scripts can rely on
/// them (see `main.rs`); each command's `--help` says what they mean for it.
macro_rules! exit_codes {
    () => {
        "Exit status:\n  \
0  done: every input was read and every output written\n  \
1  newsfold could not finish: no article could be read from the inputs (each rejection is \
named on stderr; nothing is written), there is no store at the path given to export, an output \
could not be written, the --extend file is not a fold that holds together, or --story is past \
the stories of the inputs\n  \
2  the command line was wrong (fold and export refuse --out -: they write three files)\n  \
3  outputs were written, but some inputs were rejected (named on stderr)"
    };
}

/// Exit statuses of `newsfold fold`.
macro_rules! fold_exit_codes {
    () => {
        "Exit status:\n  \
0  every input was read and folded\n  \
1  nothing was written: no article could be read from the inputs (each rejection is named on \
stderr), the output folder could not be written, or the --extend file is not a fold that holds \
together\n  \
2  the command line was wrong (--out - included: fold writes three files, so not to stdout)\n  \
3  outputs were written, but some inputs were rejected (named on stderr and in fold.json)"
    };
}

/// Exit statuses of `newsfold extract` and `newsfold reuse`.
macro_rules! record_exit_codes {
    () => {
        "Exit status:\n  \
0  every input was read and its records written\n  \
1  nothing was written: no article could be read from the inputs (each rejection is named on \
stderr), or the output could not be written\n  \
2  the command line was wrong\n  \
3  records were written, but some inputs were rejected (named on stderr)"
    };
}

/// Exit statuses of `newsfold brief`.
macro_rules! brief_exit_codes {
    () => {
        "Exit status:\n  \
0  every input was read and briefed\n  \
1  nothing was written: no article could be read from the inputs (each rejection is named on \
stderr), --story is past the stories of the inputs, or the output could not be written\n  \
2  the command line was wrong\n  \
3  the brief was written, but some inputs were rejected (named on stderr)"
    };
}

/// Exit statuses of `newsfold add`.
macro_rules! add_exit_codes {
    () => {
        "Exit status:\n  \
0  every input was read; its new articles are stored and folded\n  \
1  nothing was stored: no article could be read from the inputs (each rejection is named on \
stderr; no store is made), or the store could not be opened or written\n  \
2  the command line was wrong\n  \
3  the articles read were stored, but some inputs were rejected (named on stderr)"
    };
}

/// Exit statuses of `newsfold export`, which reads a store.
macro_rules! export_exit_codes {
    () => {
        "Exit status:\n  \
0  the store's fold was written\n  \
1  there is no store at the path given (none is made: `newsfold add` makes one), the store \
could not be read, or the output folder could not be written\n  \
2  the command line was wrong (--out - included: export writes three files, so not to stdout)"
    };
}

/// Exit statuses of `newsfold serve`.
macro_rules! serve_exit_codes {
    () => {
        "Exit status:\n  \
0  the server stopped\n  \
1  the store could not be opened, or the address could not be bound\n  \
2  the command line was wrong"
    };
}

/// Examples of `newsfold extract`, shown by `--help`.
macro_rules! extract_examples {
    () => {
        "Examples:\n  \
newsfold extract page.html                     clean one page, print a JSON line\n  \
newsfold extract crawl.warc.gz -o clean.jsonl  clean every HTML page of a WARC file\n  \
newsfold extract examples/ --format json       all example articles as one JSON array\n  \
newsfold extract feed.jsonl | jq -r .text      just the clean text\n  \
newsfold extract page.html --out -             - is standard output, as no --out"
    };
}

/// Examples of `newsfold reuse`, shown by `--help`.
macro_rules! reuse_examples {
    () => {
        "Examples:\n  \
newsfold reuse crawl.jsonl -o reuse.jsonl                  relations and origins, one per line\n  \
newsfold reuse examples/ --format json                     one JSON object\n  \
newsfold reuse dump.jsonl | jq 'select(.type==\"reuse\" and .kind==\"duplicate\")'"
    };
}

/// Examples of `newsfold fold`, shown by `--help`.
macro_rules! fold_examples {
    () => {
        "Examples:\n  \
newsfold fold examples/ --out out              fold the example corpus into out/\n  \
newsfold fold a.html b.txt feed.jsonl.gz       fold a few files into ./newsfold-out/\n  \
newsfold fold today/ --extend out/fold.json --out out   add today's articles to a fold\n  \
cat crawl.jsonl | newsfold fold - --quiet      read JSON lines from stdin, print nothing\n  \
newsfold fold big/ --max-file-size 200M        accept inputs up to 200 MiB each\n  \
newsfold fold today/ --extend out/fold.json --out out   again: what it holds is skipped"
    };
}

/// Examples of `newsfold dedup`, shown by `--help`.
macro_rules! dedup_examples {
    () => {
        "Examples:\n  \
newsfold dedup crawl.jsonl --out deduped --map copies.jsonl   deduped/crawl.jsonl and the map\n  \
newsfold dedup corpus/ --out clean/ -j 2                       clean/corpus/..., origins only"
    };
}

macro_rules! store_examples {
    () => {
        "Examples:\n  \
newsfold add today/ --db news.db              add today's articles to the store\n  \
newsfold export --db news.db --out out         write out/fold.json, brief.md, report.html\n  \
NEWSFOLD_DB=news.db newsfold add feed.jsonl   the store named by the environment"
    };
}

macro_rules! brief_examples {
    () => {
        "Examples:\n  \
newsfold brief examples/bridge                  the cited brief of one event, as Markdown\n  \
newsfold brief examples/                        several events: each story in turn, largest first\n  \
newsfold brief examples/ --story 2              the second-largest story only\n  \
newsfold brief reports/ --one-story --words 100 --format text   all as one, 100 words (for ROUGE)\n  \
newsfold brief a.html b.html --sentences 3 --format json | jq '.brief[].sources'"
    };
}

#[derive(Debug, Parser)]
#[command(
    name = "newsfold",
    version,
    about = "Fold many news articles into stories, with copies recognised and a cited brief.",
    long_about = "Fold many news articles into stories.\n\n\
newsfold reads a pile of news articles (text, HTML, JSON, JSON lines, WARC; gzip or not), \
cleans them, finds who copied whom, groups the articles into stories about one real-world \
event, and writes for each story a brief whose every sentence is a real sentence, cited to the \
articles that carry it, with the number of independent origins behind it.",
    after_help = concat!(fold_examples!(), "\n  newsfold extract page.html\n\n", exit_codes!()),
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fold articles into stories and write fold.json, brief.md and report.html.
    #[command(
        long_about = "Fold articles into stories and write three files into the output folder:\n\n  \
fold.json    everything, for other tools (schema: docs/fold.schema.json)\n  \
brief.md     every story's cited brief, for reading\n  \
report.html  one self-contained page: stories, briefs, articles, who copied whom (past \
200 stories or 1,000 articles, an index of the stories, each with its page in report-stories/)\n\n\
With --format jsonl, fold.json's arrays are written one element per line instead, a file each \
(articles.jsonl, stories.jsonl, reuse.jsonl, origins.jsonl, rejected.jsonl) with its run object \
in run.json; --format parquet writes the same parts as Parquet files (articles.parquet, ...; \
nested fields as Parquet lists and groups, a span as a list of two integers, and a cited span \
as an object of article, start and end).\n\n\
INPUT may be files, folders (read recursively; files ending in .txt, .html, .htm, .json, \
.jsonl, .ndjson or .warc, each optionally .gz) or - for standard input. An input that cannot \
be read is named on stderr and listed under \"rejected\" in fold.json; everything else is \
still folded. When no input at all can be read, nothing is written (exit 1).",
        after_help = concat!(fold_examples!(), "\n\n", fold_exit_codes!()),
    )]
    Fold(FoldArgs),

    /// Clean articles and print them, one JSON record each: text and metadata, no stories.
    #[command(
        long_about = "Read and clean articles, and print one JSON record per article: id, path, \
record (the record's id within a JSON, JSON-lines or WARC file), title, outlet, url, published, \
updated, dateline, byline, credits, language, syndicated (true when the article credits another \
outlet's wire copy), text (the cleaned text), provenance (where each metadata value came from), \
removed (the lines cleaning removed and why) and warnings. No stories, reuse or briefs are made. \
For users who want only clean text, and for evaluation.\n\n\
--format jsonl (the default) prints one record per line; --format json prints one JSON array of \
the records. Output goes to standard output, or to --out FILE.\n\n\
INPUT is read exactly as by `newsfold fold`. Rejected inputs are named on stderr.",
        after_help = concat!(extract_examples!(), "\n\n", record_exit_codes!()),
    )]
    Extract(RecordArgs),

    /// Brief the inputs' story (or each of their stories): a cited summary, as Markdown, text
    /// or JSON.
    #[command(
        long_about = "Group the inputs into stories as `newsfold fold` does, and print each \
story's brief: real sentences of the articles, redundancy removed, in reading order, each cited \
to every article that carries it with the number of independent origins behind it (copies of \
one wire story count once). Length is a budget in words (--words; a sentence that would pass it \
is left out) or in sentences (--sentences), for each story; by default 6 sentences and at most \
160 words.\n\n\
When the inputs report several events, they make several stories: stderr says so and lists \
them (number, headline, articles), and they are briefed in turn, largest first, each under a \
heading; --story N briefs only the N-th of that list. --one-story briefs all inputs as one \
story, whatever they report (what the summary evaluation scores).\n\n\
--format md (the default) prints each brief with its citations, the facts several articles \
share, who copied whom and the article list, under a note saying how many stories there are; \
--format text prints only the sentences, one per line, with no citations (the form ROUGE \
scores), and, when several stories are briefed, a line \"Story N of M: HEADLINE (K articles)\" \
before each and a blank line between them; --format json prints one story (the largest, or \
--story N) as in fold.json's \"stories\" (id, headline, articles, outlets, independent, brief, \
facts ...), with a \"note\" object (stories, story, others) when the inputs hold several and \
the \"run\" object of fold.json (version, threads, each stage's time).\n\n\
Output goes to standard output, or to --out FILE. INPUT is read exactly as by `newsfold fold`. \
Rejected inputs are named on stderr.",
        after_help = concat!(brief_examples!(), "\n\n", brief_exit_codes!()),
    )]
    Brief(BriefArgs),

    /// Add articles to the store and fold them into its stories.
    #[command(
        long_about = "Read and clean the inputs, store the articles that are not stored yet (an \
article whose URL, or whose cleaned text for the same outlet, is stored already is skipped), and fold every stored article \
again: reuse, origins, stories and briefs, stories keeping their ids while they are the same \
story. Articles are written in batches, each its own transaction: an add that is killed leaves \
the store consistent, and running it again completes it.\n\n\
The store is one SQLite file: --db, else $NEWSFOLD_DB, else \
$XDG_DATA_HOME/newsfold/newsfold.db (~/.local/share/newsfold/newsfold.db). Write the fold out \
with `newsfold export`.",
        after_help = concat!(store_examples!(), "\n\n", add_exit_codes!()),
    )]
    Add(AddArgs),

    /// Serve the store: a JSON API and web pages of its stories.
    #[command(
        long_about = "Serve the store on a local address: the stories newest first at /, each \
story's page (brief, facts, quotes, framing, who copied whom, its articles) at /stories/{id}, \
and a JSON API under /api (GET /api/stories, GET /api/stories/{id}, GET /api/articles/{id}, \
POST /api/articles; the OpenAPI document at /api/openapi.json). Posted articles are stored and \
folded in at once. Bodies are limited to 16 MiB, requests to 60 s, and 64 run at once.",
        after_help = concat!("Examples:\n  newsfold serve --db news.db                   http://127.0.0.1:8080/\n  \
newsfold serve --addr 127.0.0.1:9000\n  \
curl -X POST localhost:8080/api/articles -H 'content-type: application/json' -d '{\"text\": \"...\"}'\n\n\
Where there is no store at the path, serve starts a new, empty one there and says so on \
stderr, after the line with its address.\n\n", serve_exit_codes!()),
    )]
    Serve(ServeArgs),

    /// Write fold.json, brief.md and report.html from the store.
    #[command(
        long_about = "Write the store's fold (every stored article, its reuse, origins and stories) \
as fold.json, brief.md and report.html into the output folder, as `newsfold fold` does. The \
store must exist (`newsfold add` makes it); a path where there is none is an error, and no \
store is made there.",
        after_help = concat!(store_examples!(), "\n\n", export_exit_codes!()),
    )]
    Export(ExportArgs),

    /// Find who copied whom: reuse relations and origins, without stories or briefs.
    #[command(
        long_about = "Read and clean articles, find every verified reuse relation between them \
(duplicate, copy, partial, quotes; with coverage, the rule that decided the direction, and the \
aligned passages as byte spans of the cleaned texts), and group the articles into origins: the \
sets that go back to one piece of original reporting. Record ids of JSON and JSON-lines input \
are kept, so the output joins back to your data. For corpus deduplication and syndication \
analysis at scale.\n\n\
Memory stays bounded on large corpora: texts wait in a temporary file (in $TMPDIR, removed on \
exit) between being sketched and being compared, and with --as-given a JSON-lines dump is read \
a batch of records at a time.\n\n\
With --format jsonl (the default) every line is an object with \"type\": \"reuse\" or \
\"origin\"; with --format json one JSON object holds \"reuse\", \"origins\", \"rejected\" and \
\"run\". Output goes to standard output, or to --out FILE.\n\n\
--max-articles is accepted but not applied: texts wait on disk, not in memory.",
        after_help = concat!(reuse_examples!(), "\n\n", record_exit_codes!()),
        mut_arg("max_articles", |a| a.hide(true)),
    )]
    Reuse(RecordArgs),

    /// Write the inputs minus their copies, each record kept as given, and a map of the copies.
    #[command(
        long_about = "Write the input records minus their copies: one record per origin (the \
articles that go back to one piece of reporting, as `newsfold reuse` finds them) is kept, and \
written exactly as given (a text or HTML file byte for byte, a JSON-lines line byte for byte, a \
JSON array element as it stands in the file), in input order, into the output folder at the \
path it was named by. The record kept is the origin's root: the member that copies no one in \
its family, the earliest published, then the smallest id. A copy is a duplicate or copy \
relation, or a partial one covering at least half of the copy (quotation never is).\n\n\
--map FILE writes one JSON line per dropped record: {\"dropped\": ID, \"kept\": ID, \"kind\": \
\"duplicate\"|\"copy\"|\"partial\", \"coverage\": 0..1, \"via\": ID}, where an ID is the \
record's own id, else path#line N (path#record N in a JSON array, the path for a whole \
file), kind and coverage are those of the relation that tied it to its family, and via (only \
when it is not the kept record) is the record at that relation's other end.\n\n\
The result does not depend on -j or on the order of the inputs. Inputs are read twice, so \
standard input is refused; so are WARC archives (extract them to JSON lines first).",
        after_help = concat!(dedup_examples!(), "\n\n", exit_codes!()),
    )]
    Dedup(DedupArgs),
}

/// Output formats of `newsfold extract` and `newsfold reuse` (each command's long help says
/// what its records are).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// One JSON document, pretty-printed (extract: an array of records; reuse: an object).
    Json,
    /// extract only: a header row, then one row per article; lists and objects as JSON text.
    Csv,
    /// extract only: each article's text under a header line, a blank line between articles.
    Txt,
    /// extract only: a Markdown heading per article, its metadata as a list, then its text.
    Md,
    /// A Parquet file with the JSON lines' fields as columns (needs --out FILE).
    Parquet,
}

/// How `newsfold fold` and `newsfold export` write the fold (brief.md and report.html are
/// written in every format).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FoldFormat {
    /// fold.json: one JSON document (schema: docs/fold.schema.json).
    Json,
    /// articles.jsonl, stories.jsonl, reuse.jsonl, origins.jsonl and rejected.jsonl (fold.json's
    /// arrays, one element per line) and run.json: for tools that stream.
    Jsonl,
    /// The same five as Parquet files (articles.parquet, ...) and run.json: for bulk analysis.
    Parquet,
}

/// Flags of `newsfold dedup`.
#[derive(Debug, Args)]
pub struct DedupArgs {
    /// Files or folders to read (not -: dedup reads its inputs twice).
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,

    /// Folder to write the kept records into, each input file at the path it was named by
    /// (created if missing).
    #[arg(short, long, value_name = "DIR")]
    pub out: std::path::PathBuf,

    /// Write the map of every dropped record to the record kept, as JSON lines, to this file.
    #[arg(long, value_name = "FILE")]
    pub map: Option<std::path::PathBuf>,

    #[command(flatten)]
    pub run: RunArgs,

    /// Take plain-text records as given when finding copies (as `newsfold reuse --as-given`).
    #[arg(long)]
    pub as_given: bool,
}

/// Flags every printing command has: quiet, input size limit, threads.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Print nothing on stderr but errors and rejected inputs.
    #[arg(short, long)]
    pub quiet: bool,

    /// Largest input file (or WARC or JSON-lines record) to read, in bytes; suffixes K, M, G.
    #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Most records (JSON lines, JSON array elements, WARC responses) read from one file; the
    /// rest give the file one rejection. 0 reads them all. Default: 100000 for `brief` and
    /// `add`; every record for `extract` and `reuse`, which stream.
    #[arg(long, value_name = "N")]
    pub max_records: Option<usize>,

    /// The field of a JSON or JSON-lines record that holds the article text, for dumps that keep
    /// it under a name of their own (a dotted path reaches into an object: `doc.content`).
    /// Default: the usual names (`text`, `content`, `body`, `maintext`, ...).
    #[arg(long, value_name = "NAME")]
    pub text_field: Option<String>,

    /// Worker threads, 1 to 256 (default: one per core; RAYON_NUM_THREADS also works).
    #[arg(short = 'j', long, value_name = "N", value_parser = parse_threads)]
    pub threads: Option<usize>,

    /// Most articles held in memory (0: no limit). Inputs are taken in sorted order; the
    /// documents past the limit are left out and named once among the rejected inputs.
    #[arg(long, value_name = "N", default_value_t = newsfold_engine::DEFAULT_MAX_ARTICLES, value_parser = parse_max_articles)]
    pub max_articles: usize,
}

/// Flags of `newsfold extract` and `newsfold reuse`: both print JSON records.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// Files, folders or - (stdin) to read.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,

    /// Write to this file instead of standard output (- is standard output).
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    #[command(flatten)]
    pub run: RunArgs,

    /// Take plain-text records as given: no boilerplate removal and no metadata from the text
    /// (only from the record's fields), and spans are byte offsets into the text exactly as it
    /// stands in the input. The fast path for corpora that are plain text already
    /// (deduplication at scale). HTML is still extracted.
    #[arg(long)]
    pub as_given: bool,
}

/// Flags of `newsfold add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Files, folders or - (stdin) to read.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,

    /// The store (default: $NEWSFOLD_DB, else $XDG_DATA_HOME/newsfold/newsfold.db).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(flatten)]
    pub run: RunArgs,
}

/// Flags of `newsfold serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The store (default: $NEWSFOLD_DB, else $XDG_DATA_HOME/newsfold/newsfold.db).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Address to listen on (port 0: any free port, printed on stderr).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
}

/// Flags of `newsfold export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The store (default: $NEWSFOLD_DB, else $XDG_DATA_HOME/newsfold/newsfold.db).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Folder to write fold.json, brief.md and report.html into (created if missing; not -).
    #[arg(short, long, value_name = "DIR", default_value = "newsfold-out", value_parser = parse_out_dir)]
    pub out: PathBuf,

    /// Print nothing on stderr but errors.
    #[arg(short, long)]
    pub quiet: bool,

    /// How the fold is written, as for `newsfold fold`: json, jsonl or parquet.
    #[arg(short, long, value_enum, default_value_t = FoldFormat::Json)]
    pub format: FoldFormat,
}

/// How `newsfold brief` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BriefFormat {
    /// The sentences only, one per line, no citations.
    Text,
    /// Markdown with citations, shared facts, copies and the article list.
    Md,
    /// One story as in fold.json's "stories", with a "note" when the inputs hold several.
    Json,
}

/// Flags of `newsfold brief`.
#[derive(Debug, Args)]
pub struct BriefArgs {
    /// Files, folders or - (stdin) to read.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,

    /// At most this many words (a sentence that would pass it is left out).
    #[arg(long, value_name = "N", conflicts_with = "sentences", value_parser = clap::value_parser!(u64).range(1..))]
    pub words: Option<u64>,

    /// At most this many sentences.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub sentences: Option<u64>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = BriefFormat::Md)]
    pub format: BriefFormat,

    /// Brief only the N-th story of the inputs, largest first (1 is the largest).
    #[arg(long, value_name = "N", conflicts_with = "one_story", value_parser = clap::value_parser!(u64).range(1..))]
    pub story: Option<u64>,

    /// Brief all inputs as one story, whatever they report.
    #[arg(long)]
    pub one_story: bool,

    /// Write to this file instead of standard output (- is standard output).
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    #[command(flatten)]
    pub run: RunArgs,
}

/// Flags of `newsfold fold`.
#[derive(Debug, Args)]
pub struct FoldArgs {
    /// Files, folders or - (stdin) to read.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,

    /// Folder to write fold.json, brief.md and report.html into (created if missing; not -:
    /// three files cannot share standard output).
    #[arg(short, long, value_name = "DIR", default_value = "newsfold-out", value_parser = parse_out_dir)]
    pub out: PathBuf,

    /// Print nothing on stderr but errors and rejected inputs.
    #[arg(short, long)]
    pub quiet: bool,

    /// How the fold is written: json (fold.json), jsonl (a JSON-lines file per part: articles,
    /// stories, reuse, origins, rejected; and run.json) or parquet (the same parts as Parquet
    /// files). The files of the other formats, left in --out by an earlier run, are removed.
    #[arg(short, long, value_enum, default_value_t = FoldFormat::Json)]
    pub format: FoldFormat,

    /// Add the inputs to the fold in this fold.json (written by an earlier run): its articles
    /// are kept as they were cleaned, reuse and stories are computed again over all articles,
    /// and stories keep their ids while they are the same story (ARCHITECTURE.md, "Story ids").
    /// The result is written to --out, which may be the folder FILE is in. An input article the
    /// fold holds already (the same URL, or the same outlet and cleaned text; without an
    /// outlet, the same file) is skipped, and stderr says how many; when nothing is new, the
    /// fold is written as it was.
    #[arg(long, value_name = "FILE")]
    pub extend: Option<PathBuf>,

    /// Fold into this store (as `newsfold add` does) and write its whole fold to --out: every
    /// article stored so far, the new ones included.
    #[arg(long, value_name = "PATH", conflicts_with = "extend")]
    pub db: Option<PathBuf>,

    /// Largest input file (or WARC or JSON-lines record) to read, in bytes; suffixes K, M, G
    /// (powers of 1024) and KB, MB, GB are accepted.
    #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Most records (JSON lines, JSON array elements, WARC responses) read from one file; the
    /// rest give the file one rejection, so a small file of tiny records cannot amplify into
    /// gigabytes. 0 reads them all. [default: 100000]
    #[arg(long, value_name = "N")]
    pub max_records: Option<usize>,

    /// The field of a JSON or JSON-lines record that holds the article text, for dumps that keep
    /// it under a name of their own (a dotted path reaches into an object: `doc.content`).
    /// Default: the usual names (`text`, `content`, `body`, `maintext`, ...).
    #[arg(long, value_name = "NAME")]
    pub text_field: Option<String>,

    /// Most sentences in each story's brief.
    #[arg(long, value_name = "N", default_value_t = 6)]
    pub brief_sentences: usize,

    /// Worker threads, 1 to 256 (default: one per core; RAYON_NUM_THREADS also works).
    #[arg(short = 'j', long, value_name = "N", value_parser = parse_threads)]
    pub threads: Option<usize>,

    /// Most articles held in memory (0: no limit). Inputs are taken in sorted order; the
    /// documents past the limit are left out and named once among the rejected inputs.
    /// `newsfold reuse` keeps texts on disk and does not apply it.
    #[arg(long, value_name = "N", default_value_t = newsfold_engine::DEFAULT_MAX_ARTICLES, value_parser = parse_max_articles)]
    pub max_articles: usize,
}

/// Parse the output folder of `fold` and `export`, refusing `-`: they write three files
/// (fold.json, brief.md, report.html), which standard output cannot hold apart.
pub fn parse_out_dir(text: &str) -> Result<PathBuf, String> {
    if text == "-" {
        return Err(
            "these are three files (fold.json, brief.md and report.html), so they cannot \
                    go to standard output; give a folder, or print one thing with `newsfold \
                    brief` (the briefs), `newsfold extract` (the articles) or `newsfold reuse` \
                    (who copied whom)"
                .to_owned(),
        );
    }
    Ok(PathBuf::from(text))
}

/// Most worker threads `-j` accepts. Each is an OS thread with its own stack; past the cores
/// they only cost memory and start-up time (`-j 100000` was still starting threads after 60 s
/// on 14 articles, issue 17), and 256 is above the core count of any machine newsfold targets.
pub const MAX_THREADS: usize = 256;

/// Parse `-j N`: a whole number from 1 to [`MAX_THREADS`].
pub fn parse_threads(text: &str) -> Result<usize, String> {
    let n: usize = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of threads such as 4"))?;
    if (1..=MAX_THREADS).contains(&n) {
        Ok(n)
    } else {
        Err(format!(
            "{n} threads: use 1 to {MAX_THREADS} (one per core is the default and the fastest)"
        ))
    }
}

/// Parse `--max-articles N`: 0 is no limit (`usize::MAX`).
pub fn parse_max_articles(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Ok(usize::MAX),
        Ok(n) => Ok(n),
        Err(_) => Err(format!(
            "{text:?} is not a number of articles such as 1000000 (0: no limit)"
        )),
    }
}

/// The record cap a command reads with: `--max-records` when given (0: no cap), else the
/// command's own default.
pub fn record_cap(flag: Option<usize>, default: Option<usize>) -> Option<usize> {
    match flag {
        Some(0) => None,
        Some(cap) => Some(cap),
        None => default,
    }
}

/// Parse `16M`, `200MB`, `1G`, `5000` into bytes.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim().to_ascii_uppercase();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let unit = t[digits.len()..]
        .trim()
        .trim_end_matches("IB")
        .trim_end_matches('B');
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{text:?} is not a size such as 5000, 16M or 1G"))?;
    let scale: u64 = match unit {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return Err(format!("{text:?}: unknown unit {unit:?} (use K, M or G)")),
    };
    n.checked_mul(scale)
        .ok_or_else(|| format!("{text:?} is too large"))
}

#[cfg(test)]
mod tests {
    use super::{MAX_THREADS, parse_max_articles, parse_size, parse_threads};

    #[test]
    fn threads_are_bounded() {
        assert_eq!(parse_threads("4"), Ok(4));
        assert_eq!(parse_threads("256"), Ok(MAX_THREADS));
        assert!(parse_threads("0").is_err());
        assert!(parse_threads("100000").is_err());
        assert!(parse_threads("many").is_err());
        assert_eq!(parse_max_articles("0"), Ok(usize::MAX));
        assert_eq!(parse_max_articles("5"), Ok(5));
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("5000"), Ok(5000));
        assert_eq!(parse_size("16M"), Ok(16 << 20));
        assert_eq!(parse_size("200MB"), Ok(200 << 20));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert!(parse_size("lots").is_err());
    }

    #[test]
    fn record_caps() {
        let cases = [
            (
                None,
                Some(100_000),
                Some(100_000),
                "no flag: the command's default",
            ),
            (None, None, None, "no flag, a streaming command: no cap"),
            (Some(5), None, Some(5), "the flag wins"),
            (Some(0), Some(100_000), None, "0 reads every record"),
        ];
        for (flag, default, expected, why) in cases {
            assert_eq!(super::record_cap(flag, default), expected, "{why}");
        }
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
