//! `newsfold dedup`: the corpus minus its copies, each record kept exactly as it was given.
//!
//! A copy is what `newsfold reuse` calls one: the records of one origin (joined by `duplicate`
//! and `copy` relations, and by `partial` ones that cover at least half of the copy) go back to
//! one piece of reporting, and only the origin's root is kept: the member that copies no one
//! in the family, the earliest published, then the smallest id (`reuse::origins`). Every other
//! member is dropped, and the map names the record kept in its place, with the relation that
//! tied it to the family. So the records kept are exactly the origins `newsfold reuse` lists.
//!
//! Records are written as given, never in newsfold's cleaned form: a text or HTML file is
//! copied byte for byte, a JSON-lines record is its line byte for byte, and a JSON array
//! element is its own text from the file, byte for byte, in an array of the kept elements.
//! Each input file that keeps a record is written under the output folder at the path it was
//! named by (leading `/`, `.` and `..` left out), gzip again when it was gzip; a file that
//! keeps none is not written. Inputs are read twice (once to find the copies, once to write),
//! so standard input is refused, and WARC archives are refused until their records can be
//! written as given.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, bail};
use flate2::Compression;
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use newsfold_core::{Article, Origin, Reuse, ReuseKind};
use serde::Serialize;

/// Where a record stands in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Position {
    /// The whole file is the record (text, HTML, one JSON object).
    Whole,
    /// A JSON-lines line, 1-based, counting every line.
    Line(usize),
    /// An element of a JSON array, 1-based.
    Element(usize),
}

impl Position {
    /// The position a record label of `newsfold_read` names: none, `line N`, `record N`.
    fn parse(path: &str, record: Option<&str>) -> anyhow::Result<Position> {
        let Some(record) = record else {
            return Ok(Position::Whole);
        };
        let number = |text: &str| text.trim().parse::<usize>().ok();
        if let Some(n) = record.strip_prefix("line ").and_then(number) {
            return Ok(Position::Line(n));
        }
        if let Some(n) = record.strip_prefix("record ").and_then(number) {
            return Ok(Position::Element(n));
        }
        bail!(
            "{path} ({record}): dedup writes records as given only from text, HTML, JSON and \
             JSON-lines files, not WARC archives; run `newsfold extract {path} -o pages.jsonl` \
             and dedup pages.jsonl"
        )
    }
}

/// One line of the map: a dropped record and the record kept in its place.
#[derive(Debug, Serialize)]
pub struct MapLine {
    /// The dropped record: its own id when it has one, else `path#line N` (`path#record N` in a
    /// JSON array, the path alone for a whole file).
    pub dropped: String,
    /// The record kept for its family, named the same way.
    pub kept: String,
    /// The relation that tied the dropped record to its family, as `newsfold reuse` names it:
    /// `duplicate` (the same text apart from boilerplate), `copy` (most of it comes from the
    /// other) or `partial` (at least half of it does).
    pub kind: &'static str,
    /// That relation's coverage: the share of the copy's words that come from the source, 0..1.
    pub coverage: f64,
    /// The record at the other end of that relation when it is not the kept one (the family
    /// is joined through it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

/// What to keep and what to drop.
#[derive(Debug, Default)]
pub struct Plan {
    /// The positions kept in each file, by path as named.
    kept: BTreeMap<String, BTreeSet<Position>>,
    /// The map, in input order of the dropped records.
    pub map: Vec<MapLine>,
}

impl Plan {
    /// How many records are kept.
    pub fn kept_count(&self) -> usize {
        self.kept.values().map(BTreeSet::len).sum()
    }
}

/// Refuse inputs dedup cannot read twice or write as given, before any work is done: the
/// message of a usage error.
pub fn check_inputs(inputs: &[String]) -> Result<(), String> {
    for input in inputs {
        if input == "-" {
            return Err(
                "dedup reads its inputs twice (to find the copies, then to write the \
                        records kept as given), so it cannot read standard input: save it to a \
                        file first"
                    .to_owned(),
            );
        }
        let lower = input.to_ascii_lowercase();
        if lower.ends_with(".warc") || lower.ends_with(".warc.gz") {
            return Position::parse(input, Some("warc record 1"))
                .map(|_| ())
                .map_err(|e| e.to_string());
        }
    }
    Ok(())
}

/// Decide which records are kept (each origin's root) and map every other one to it.
/// `rank` gives each path its place in the input order.
pub fn plan(
    articles: &[Article],
    reuse: &[Reuse],
    origins: &[Origin],
    rank: &HashMap<String, usize>,
) -> anyhow::Result<Plan> {
    let by_id: HashMap<&str, &Article> = articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut touching: HashMap<&str, Vec<&Reuse>> = HashMap::new();
    for r in reuse.iter().filter(|r| r.kind != ReuseKind::Quotes) {
        touching.entry(&r.source).or_default().push(r);
        touching.entry(&r.copy).or_default().push(r);
    }
    let mut plan = Plan::default();
    let mut dropped = Vec::new();
    for origin in origins {
        let Some(root) = by_id.get(origin.root.as_str()) else {
            continue;
        };
        plan.kept
            .entry(root.path.clone())
            .or_default()
            .insert(Position::parse(&root.path, root.record.as_deref())?);
        let family: BTreeSet<&str> = origin.articles.iter().map(String::as_str).collect();
        for member in origin.articles.iter().filter(|m| **m != origin.root) {
            let Some(article) = by_id.get(member.as_str()) else {
                continue;
            };
            let position = Position::parse(&article.path, article.record.as_deref())?;
            let tie = tie(member, &origin.root, &family, &touching);
            let line = MapLine {
                dropped: record_name(article),
                kept: record_name(root),
                kind: tie.map_or("copy", |(r, _)| r.kind.as_str()),
                coverage: tie.map_or(0.0, |(r, _)| r.coverage),
                via: tie
                    .filter(|(_, other)| *other != origin.root)
                    .and_then(|(_, other)| by_id.get(other))
                    .map(|a| record_name(a)),
            };
            let order = rank.get(&article.path).copied().unwrap_or(usize::MAX);
            dropped.push(((order, article.path.clone(), position), line));
        }
    }
    dropped.sort_by(|x, y| x.0.cmp(&y.0));
    plan.map = dropped.into_iter().map(|(_, line)| line).collect();
    Ok(plan)
}

/// The relation that ties `member` to its family, and the article at its other end: the one
/// with the kept record when there is one, else the strongest (duplicate, copy, partial), one
/// where `member` is the copy first, then the highest coverage, then the smallest id.
fn tie<'a>(
    member: &str,
    root: &str,
    family: &BTreeSet<&str>,
    touching: &HashMap<&str, Vec<&'a Reuse>>,
) -> Option<(&'a Reuse, &'a str)> {
    let rank = |kind: ReuseKind| match kind {
        ReuseKind::Duplicate => 0,
        ReuseKind::Copy => 1,
        ReuseKind::Partial | ReuseKind::Quotes => 2,
    };
    touching
        .get(member)?
        .iter()
        .map(|r| {
            let other = if r.copy == member { &r.source } else { &r.copy };
            (*r, other.as_str())
        })
        .filter(|(_, other)| family.contains(other))
        .min_by(|(x, xo), (y, yo)| {
            let key = |r: &Reuse, other: &str| {
                (
                    other != root,
                    rank(r.kind),
                    r.copy != member,
                    std::cmp::Reverse(ordered(r.coverage)),
                    other.to_owned(),
                )
            };
            key(x, xo).cmp(&key(y, yo))
        })
}

/// A coverage as an integer that sorts as it does (coverage is 0..1, never NaN).
fn ordered(coverage: f64) -> u64 {
    (coverage.clamp(0.0, 1.0) * 1e9) as u64
}

/// A record as the map names it: the id the record gave itself, else where it stands.
fn record_name(article: &Article) -> String {
    if has_own_id(article) {
        return article.id.clone();
    }
    match &article.record {
        Some(record) => format!("{}#{record}", article.path),
        None => article.path.clone(),
    }
}

/// True unless the id is the one newsfold makes for a record without one: the file's stem,
/// with the record's number for containers (`feed-4`), and `-2`, `-3`... when taken.
fn has_own_id(article: &Article) -> bool {
    let name = article
        .path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(&article.path);
    let name = name.strip_suffix(".gz").unwrap_or(name);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let number = article
        .record
        .as_deref()
        .and_then(|r| r.rsplit(' ').next())
        .map(str::to_owned);
    let made = match number {
        Some(n) => format!("{stem}-{n}"),
        None => stem.to_owned(),
    };
    let id = article.id.as_str();
    let suffix_is_number = |rest: &str| {
        rest.strip_prefix('-')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    !(id == made || id.strip_prefix(made.as_str()).is_some_and(suffix_is_number))
}

/// Write each file that keeps a record under `out`, in input order (`order` lists the input
/// paths as named). Returns the number of files written.
pub fn write_corpus(plan: &Plan, order: &[String], out: &Path) -> anyhow::Result<usize> {
    let mut targets: HashMap<PathBuf, &str> = HashMap::new();
    let mut files: Vec<&String> = plan.kept.keys().collect();
    let rank: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_str(), i))
        .collect();
    files.sort_by_key(|p| (rank.get(p.as_str()).copied().unwrap_or(usize::MAX), *p));
    for path in &files {
        let target = out.join(relative(path)?);
        if let Some(other) = targets.insert(target.clone(), path) {
            bail!(
                "{other} and {path} would both be written to {}: name the inputs by paths that \
                 differ after leading /, . and .. are left out",
                target.display()
            );
        }
        if same_file(Path::new(path.as_str()), &target) {
            bail!(
                "writing {} would overwrite the input {path}: choose another output folder",
                target.display()
            );
        }
    }
    for path in &files {
        let target = out.join(relative(path)?);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("could not create the folder {}", parent.display()))?;
        }
        write_file(path, &plan.kept[path.as_str()], &target)
            .with_context(|| format!("could not write {} from {path}", target.display()))?;
    }
    Ok(files.len())
}

/// The path an input is written at under the output folder: its normal components only.
fn relative(path: &str) -> anyhow::Result<PathBuf> {
    let relative: PathBuf = Path::new(path)
        .components()
        .filter(|c| matches!(c, Component::Normal(_)))
        .collect();
    if relative.as_os_str().is_empty() {
        bail!("{path}: no file name to write the kept records under");
    }
    Ok(relative)
}

/// True when both paths name one existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Write the kept records of one input file to `target`.
fn write_file(path: &str, kept: &BTreeSet<Position>, target: &Path) -> anyhow::Result<()> {
    if kept.contains(&Position::Whole) {
        fs::copy(path, target)?;
        return Ok(());
    }
    let (input, gzip) = open(Path::new(path))?;
    let file = BufWriter::new(File::create(target)?);
    let mut output: Box<dyn Write> = if gzip {
        Box::new(GzEncoder::new(file, Compression::default()))
    } else {
        Box::new(file)
    };
    let lines: BTreeSet<usize> = kept
        .iter()
        .filter_map(|p| match p {
            Position::Line(n) => Some(*n),
            _ => None,
        })
        .collect();
    let elements: BTreeSet<usize> = kept
        .iter()
        .filter_map(|p| match p {
            Position::Element(n) => Some(*n),
            _ => None,
        })
        .collect();
    if !lines.is_empty() {
        copy_lines(input, &lines, &mut output)?;
    } else {
        let mut bytes = Vec::new();
        BufReader::new(input).read_to_end(&mut bytes)?;
        copy_elements(&bytes, &elements, &mut output)?;
    }
    output.flush()?;
    drop(output);
    Ok(())
}

/// A file's decompressed bytes, and whether it was gzip (known by its magic bytes).
fn open(path: &Path) -> std::io::Result<(Box<dyn Read>, bool)> {
    let mut magic = [0u8; 2];
    let mut file = File::open(path)?;
    let gzip = file.read_exact(&mut magic).is_ok() && magic == [0x1f, 0x8b];
    let file = File::open(path)?;
    Ok(if gzip {
        (Box::new(MultiGzDecoder::new(file)), true)
    } else {
        (Box::new(file), false)
    })
}

/// Copy the lines numbered in `kept` (1-based), each byte for byte, ending with a line feed.
fn copy_lines(input: impl Read, kept: &BTreeSet<usize>, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut input = BufReader::new(input);
    let mut line = Vec::new();
    let last = kept.last().copied().unwrap_or(0);
    for number in 1..=last {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        if kept.contains(&number) {
            out.write_all(&line)?;
            if !line.ends_with(b"\n") {
                out.write_all(b"\n")?;
            }
        }
    }
    Ok(())
}

/// Write a JSON array of the elements numbered in `kept` (1-based), each as it stands in
/// `bytes`, one a line.
fn copy_elements(bytes: &[u8], kept: &BTreeSet<usize>, out: &mut dyn Write) -> anyhow::Result<()> {
    let elements = array_elements(bytes).context("not a JSON array any more")?;
    out.write_all(b"[\n")?;
    let mut first = true;
    for (i, range) in elements.into_iter().enumerate() {
        if kept.contains(&(i + 1)) {
            if !first {
                out.write_all(b",\n")?;
            }
            first = false;
            out.write_all(&bytes[range])?;
        }
    }
    out.write_all(b"\n]\n")?;
    Ok(())
}

/// The byte ranges of a JSON array's elements, trimmed of white space. The text was parsed
/// by the reader already, so this only follows strings and nesting to find the commas
/// between elements; `None` when the text does not open with `[`.
fn array_elements(bytes: &[u8]) -> Option<Vec<std::ops::Range<usize>>> {
    let bytes_start = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let open = bytes_start
        + bytes[bytes_start..]
            .iter()
            .position(|b| !b.is_ascii_whitespace())?;
    if bytes[open] != b'[' {
        return None;
    }
    let mut ranges = Vec::new();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut start = open + 1;
    for (i, &b) in bytes.iter().enumerate().skip(open + 1) {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => depth += 1,
            b']' if depth == 0 => {
                push_trimmed(bytes, start..i, &mut ranges);
                return Some(ranges);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => {
                push_trimmed(bytes, start..i, &mut ranges);
                start = i + 1;
            }
            _ => {}
        }
    }
    None
}

/// Push `range` without its leading and trailing white space, unless nothing is left.
fn push_trimmed(
    bytes: &[u8],
    range: std::ops::Range<usize>,
    ranges: &mut Vec<std::ops::Range<usize>>,
) {
    let slice = &bytes[range.clone()];
    let Some(first) = slice.iter().position(|b| !b.is_ascii_whitespace()) else {
        return;
    };
    let last = slice
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .unwrap_or(first);
    ranges.push(range.start + first..range.start + last + 1);
}

/// Write the map as JSON lines.
pub fn write_map(plan: &Plan, path: &Path) -> anyhow::Result<()> {
    let mut out = BufWriter::new(
        File::create(path).with_context(|| format!("could not write {}", path.display()))?,
    );
    for line in &plan.map {
        serde_json::to_writer(&mut out, line)?;
        out.write_all(b"\n")?;
    }
    out.flush()
        .with_context(|| format!("could not write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_elements_follow_strings_and_nesting() {
        let cases = [
            (r#"[]"#, vec![], "an empty array"),
            (r#"[1]"#, vec!["1"], "one number"),
            (
                r#" [ {"a": "x,]y"} , [1,2],"s\"]," ]"#,
                vec![r#"{"a": "x,]y"}"#, "[1,2]", r#""s\"],""#],
                "commas and brackets inside strings and nested values",
            ),
            (
                "\u{FEFF}[\n  {\"t\": \"\\\\\"},\n  2\n]\n",
                vec!["{\"t\": \"\\\\\"}", "2"],
                "a byte-order mark, an escaped backslash before a closing quote",
            ),
        ];
        for (text, expected, why) in cases {
            let ranges = array_elements(text.as_bytes()).expect(why);
            let got: Vec<&str> = ranges.into_iter().map(|r| &text[r]).collect();
            assert_eq!(got, expected, "{why}");
        }
        assert!(
            array_elements(b"{\"a\": 1}").is_none(),
            "an object is no array"
        );
    }

    #[test]
    fn record_names_keep_the_ids_records_gave() {
        let article = |id: &str, path: &str, record: Option<&str>| Article {
            id: id.to_owned(),
            path: path.to_owned(),
            record: record.map(str::to_owned),
            ..Article::default()
        };
        let cases = [
            (
                article("ap-0311", "d/feed.jsonl", Some("line 3")),
                "ap-0311",
                "an id of its own",
            ),
            (
                article("feed-3", "d/feed.jsonl", Some("line 3")),
                "d/feed.jsonl#line 3",
                "the id newsfold made",
            ),
            (
                article("feed-3-2", "e/feed.jsonl.gz", Some("line 3")),
                "e/feed.jsonl.gz#line 3",
                "made, then made unique",
            ),
            (
                article("story", "x/story.txt", None),
                "x/story.txt",
                "a whole file",
            ),
            (
                article("dump-2", "dump.json", Some("record 2")),
                "dump.json#record 2",
                "an array element",
            ),
        ];
        for (article, expected, why) in cases {
            assert_eq!(record_name(&article), expected, "{why}");
        }
    }
}
