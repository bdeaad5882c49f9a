//! The output formats beside JSON: CSV, plain text and Markdown for `extract`, Parquet for
//! `extract`, `reuse` and `fold` (a file per part of the fold).
//!
//! Every format is made from the same JSON records the `jsonl` format prints (serialised
//! once, then laid out), so a field has one name in every format: CSV columns and Parquet
//! columns carry the JSON keys, in the same order. In CSV a list or object is its JSON text in
//! one cell. Parquet keeps the structure: lists are Parquet LIST columns, objects groups, and
//! a span `[start, end]` a list of two integers; every column may be null. The Parquet writer
//! is the parquet crate's low-level one, without arrow: a column is shredded into definition
//! and repetition levels here (`shred`), which spares the build the arrow crates (README,
//! "Output formats", gives the figures). Pages are compressed with Snappy, which is pure Rust.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use serde::Serialize;
use serde_json::Value;

use newsfold_core::Fold;
use newsfold_render::FoldPart;

use crate::args::Format;

/// The command a format is asked of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// `newsfold extract`.
    Extract,
    /// `newsfold reuse`.
    Reuse,
}

/// Refuse, before any work, a format the command does not write, and Parquet without a file:
/// the message of a usage error.
pub fn check(format: Format, out: Option<&Path>, command: Command) -> Result<(), String> {
    if command == Command::Reuse && matches!(format, Format::Csv | Format::Txt | Format::Md) {
        return Err(
            "reuse writes --format jsonl, json or parquet; csv, txt and md are formats \
                    of newsfold extract"
                .to_owned(),
        );
    }
    if format == Format::Parquet && out.is_none_or(|p| p.as_os_str() == "-") {
        return Err(
            "--format parquet writes a binary file, never to a terminal or a pipe: \
                    name it with --out FILE"
                .to_owned(),
        );
    }
    Ok(())
}

/// The records as JSON values, as the `jsonl` format prints them.
pub fn rows<T: Serialize>(records: &[T]) -> anyhow::Result<Vec<Value>> {
    records
        .iter()
        .map(|r| serde_json::to_value(r).context("could not serialise a record"))
        .collect()
}

/// The text of `extract --format csv|txt|md`; `columns` is a record whose keys are the
/// columns, in order (CSV has its header even when there is no article).
pub fn extract_text(format: Format, columns: &Value, rows: &[Value]) -> anyhow::Result<Vec<u8>> {
    match format {
        Format::Csv => csv(columns, rows),
        Format::Txt => Ok(txt(rows).into_bytes()),
        Format::Md => Ok(markdown(rows).into_bytes()),
        Format::Jsonl | Format::Json | Format::Parquet => {
            bail!("{format:?} is not a text format of extract")
        }
    }
}

/// A cell of CSV: a string as it is, null empty, a list or object as its JSON text.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// CSV with a header row (RFC 4180 quoting, by the csv crate).
fn csv(columns: &Value, rows: &[Value]) -> anyhow::Result<Vec<u8>> {
    let names: Vec<&str> = columns
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&names)?;
    for row in rows {
        writer.write_record(names.iter().map(|n| cell(&row[*n])))?;
    }
    writer.into_inner().context("could not write CSV")
}

/// The string value of `key`, when there is one.
fn text<'a>(row: &'a Value, key: &str) -> Option<&'a str> {
    row.get(key).and_then(Value::as_str)
}

/// Plain text: for each article, a header line `==> id · title · outlet · published <==` (as
/// `head` heads files), its text, and a blank line.
fn txt(rows: &[Value]) -> String {
    let mut out = String::new();
    for row in rows {
        let head: Vec<&str> = ["id", "title", "outlet", "published"]
            .iter()
            .filter_map(|k| text(row, k))
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .collect();
        out.push_str(&format!("==> {} <==\n", one_line(&head.join(" · "))));
        out.push_str(text(row, "text").unwrap_or("").trim_end());
        out.push_str("\n\n");
    }
    out
}

/// White space, line breaks included, as single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markdown: a heading per article (its title, else its id), its metadata as a list, its text.
fn markdown(rows: &[Value]) -> String {
    let mut out = String::new();
    for row in rows {
        let heading = text(row, "title")
            .filter(|t| !t.trim().is_empty())
            .or_else(|| text(row, "id"))
            .unwrap_or("untitled");
        out.push_str(&format!("## {}\n\n", escape_inline(&one_line(heading))));
        for key in [
            "id",
            "outlet",
            "published",
            "updated",
            "url",
            "byline",
            "dateline",
            "language",
            "path",
            "record",
        ] {
            if let Some(value) = text(row, key).filter(|v| !v.trim().is_empty()) {
                let value = match key {
                    "url" => format!("<{}>", one_line(value).replace('>', "%3E")),
                    _ => escape_inline(&one_line(value)),
                };
                out.push_str(&format!("- {key}: {value}\n"));
            }
        }
        let credits: Vec<&str> = row
            .get("credits")
            .and_then(Value::as_array)
            .map(|c| c.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if !credits.is_empty() {
            out.push_str(&format!(
                "- credits: {}\n",
                escape_inline(&credits.join(", "))
            ));
        }
        out.push('\n');
        for paragraph in text(row, "text").unwrap_or("").split("\n\n") {
            let paragraph = paragraph.trim();
            if !paragraph.is_empty() {
                out.push_str(&escape_block(paragraph));
                out.push_str("\n\n");
            }
        }
    }
    out
}

/// Text that Markdown shows as written inside a line: its markup characters escaped.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A paragraph whose lines Markdown does not take for headings, lists, quotes or code.
fn escape_block(paragraph: &str) -> String {
    paragraph
        .lines()
        .map(|line| {
            let line = line.trim_start();
            let digits = line.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
            if digits > 0 && line[digits..].starts_with(['.', ')']) {
                // `1. first` is a list item; `1\. first` is the text.
                format!("{}\\{}", &line[..digits], &line[digits..])
            } else if line.starts_with(['#', '>', '-', '+', '*', '=', '`', '|', '~']) {
                format!("\\{line}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Rows per Parquet row group. Readers (pyarrow, DuckDB, Spark) split work by row group;
/// 10,000 news articles of about 5 KB each make a group near 50 MB, under the 128 MB to 1 GB
/// row groups the Parquet documentation ("Configurations") recommends, and bound what the
/// writer holds beside the records.
const ROWS_PER_GROUP: usize = 10_000;

/// A column's type, as the JSON records hold it.
#[derive(Debug)]
enum Kind {
    Str,
    Bool,
    Int,
    Float,
    List(Box<Node>),
    Group(Vec<Node>),
}

/// A column: its JSON key and type. Every column is optional (a JSON null is a Parquet null).
#[derive(Debug)]
struct Node {
    name: &'static str,
    kind: Kind,
}

const fn leaf(name: &'static str, kind: Kind) -> Node {
    Node { name, kind }
}

fn list(name: &'static str, element: Kind) -> Node {
    Node {
        name,
        kind: Kind::List(Box::new(leaf("element", element))),
    }
}

/// The columns of `extract`, as `ExtractRecord` in `main.rs` serialises (a test checks the
/// names against the JSON lines).
fn extract_schema() -> Vec<Node> {
    let pair = |a, b| Kind::Group(vec![leaf(a, Kind::Str), leaf(b, Kind::Str)]);
    let mut columns: Vec<Node> = [
        "id",
        "path",
        "record",
        "title",
        "outlet",
        "url",
        "published",
        "updated",
        "dateline",
        "byline",
    ]
    .into_iter()
    .map(|name| leaf(name, Kind::Str))
    .collect();
    columns.extend([
        list("credits", Kind::Str),
        leaf("language", Kind::Str),
        leaf("syndicated", Kind::Bool),
        leaf("text", Kind::Str),
        list("provenance", pair("field", "source")),
        list("removed", pair("text", "reason")),
        list("warnings", Kind::Str),
    ]);
    columns
}

/// The columns of `reuse`: a relation's and an origin's fields side by side, `type` saying
/// which a row is (as in the JSON lines), the other's columns null.
fn reuse_schema() -> Vec<Node> {
    let span = |name| list(name, Kind::Int);
    vec![
        leaf("type", Kind::Str),
        leaf("source", Kind::Str),
        leaf("copy", Kind::Str),
        leaf("kind", Kind::Str),
        leaf("coverage", Kind::Float),
        leaf("direction", Kind::Str),
        list(
            "passages",
            Kind::Group(vec![
                span("source"),
                span("copy"),
                leaf("quote", Kind::Bool),
            ]),
        ),
        leaf("id", Kind::Str),
        leaf("root", Kind::Str),
        list("articles", Kind::Str),
    ]
}

impl Node {
    /// The node in Parquet's schema language: LIST in its three-level form.
    fn message(&self, out: &mut String) {
        match &self.kind {
            Kind::Str => out.push_str(&format!("optional binary {} (STRING);", self.name)),
            Kind::Bool => out.push_str(&format!("optional boolean {};", self.name)),
            Kind::Int => out.push_str(&format!("optional int64 {};", self.name)),
            Kind::Float => out.push_str(&format!("optional double {};", self.name)),
            Kind::List(element) => {
                out.push_str(&format!(
                    "optional group {} (LIST) {{ repeated group list {{",
                    self.name
                ));
                element.message(out);
                out.push_str("} }");
            }
            Kind::Group(children) => {
                out.push_str(&format!("optional group {} {{", self.name));
                children.iter().for_each(|c| c.message(out));
                out.push('}');
            }
        }
    }

    /// How many leaf columns the node has.
    fn leaves(&self) -> usize {
        match &self.kind {
            Kind::List(element) => element.leaves(),
            Kind::Group(children) => children.iter().map(Node::leaves).sum(),
            _ => 1,
        }
    }

    /// Empty buffers for the node's leaves, in schema order.
    fn buffers(&self, out: &mut Vec<Leaf>) {
        let values = match &self.kind {
            Kind::List(element) => return element.buffers(out),
            Kind::Group(children) => return children.iter().for_each(|c| c.buffers(out)),
            Kind::Str => Values::Str(Vec::new()),
            Kind::Bool => Values::Bool(Vec::new()),
            Kind::Int => Values::Int(Vec::new()),
            Kind::Float => Values::Float(Vec::new()),
        };
        out.push(Leaf {
            values,
            def: Vec::new(),
            rep: Vec::new(),
            nested: false,
        });
    }
}

/// One leaf column being filled: its values and levels.
struct Leaf {
    values: Values,
    def: Vec<i16>,
    rep: Vec<i16>,
    /// True when the leaf is inside a list (it has repetition levels).
    nested: bool,
}

enum Values {
    Str(Vec<ByteArray>),
    Bool(Vec<bool>),
    Int(Vec<i64>),
    Float(Vec<f64>),
}

impl Leaf {
    fn null(&mut self, rep: i16, def: i16) {
        self.rep.push(rep);
        self.def.push(def);
    }

    /// Add a present value (null when it does not have the leaf's type).
    fn value(&mut self, rep: i16, def: i16, value: &Value) {
        let pushed = match (&mut self.values, value) {
            (Values::Str(v), Value::String(s)) => {
                v.push(ByteArray::from(s.as_bytes().to_vec()));
                true
            }
            (Values::Str(v), other) => {
                v.push(ByteArray::from(other.to_string().into_bytes()));
                true
            }
            (Values::Bool(v), Value::Bool(b)) => {
                v.push(*b);
                true
            }
            (Values::Int(v), Value::Number(n)) if n.as_i64().is_some() => {
                v.push(n.as_i64().unwrap_or_default());
                true
            }
            (Values::Float(v), Value::Number(n)) if n.as_f64().is_some() => {
                v.push(n.as_f64().unwrap_or_default());
                true
            }
            _ => false,
        };
        self.rep.push(rep);
        self.def.push(if pushed { def } else { def - 1 });
    }
}

/// Shred one value of `node` into its leaves (Dremel's record shredding): `rep` is the
/// repetition level this value starts at, `def` the definition level of its parent, `depth`
/// how many lists it is inside.
fn shred(node: &Node, value: Option<&Value>, rep: i16, def: i16, depth: i16, leaves: &mut [Leaf]) {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        leaves.iter_mut().for_each(|l| l.null(rep, def));
        return;
    };
    match &node.kind {
        Kind::Str | Kind::Bool | Kind::Int | Kind::Float => leaves[0].value(rep, def + 1, value),
        Kind::List(element) => match value.as_array().filter(|items| !items.is_empty()) {
            None => leaves.iter_mut().for_each(|l| l.null(rep, def + 1)),
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    let rep = if i == 0 { rep } else { depth + 1 };
                    shred(element, Some(item), rep, def + 2, depth + 1, leaves);
                }
            }
        },
        Kind::Group(children) => {
            let mut start = 0;
            for child in children {
                let n = child.leaves();
                let part = &mut leaves[start..start + n];
                shred(child, value.get(child.name), rep, def + 1, depth, part);
                start += n;
            }
        }
    }
}

/// Mark the leaves that are inside a list.
fn mark_nested(node: &Node, inside: bool, leaves: &mut [Leaf]) {
    match &node.kind {
        Kind::List(element) => mark_nested(element, true, leaves),
        Kind::Group(children) => {
            let mut start = 0;
            for child in children {
                let n = child.leaves();
                mark_nested(child, inside, &mut leaves[start..start + n]);
                start += n;
            }
        }
        _ => leaves[0].nested = inside,
    }
}

/// Write `rows` (JSON objects) as a Parquet file with these columns.
fn write_parquet(
    name: &str,
    schema: &[Node],
    rows: impl Iterator<Item = anyhow::Result<Value>>,
    path: &Path,
) -> anyhow::Result<()> {
    let mut message = format!("message {name} {{");
    schema.iter().for_each(|n| n.message(&mut message));
    message.push('}');
    let parsed = Arc::new(parse_message_type(&message).context("the Parquet schema")?);
    let properties = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("newsfold {}", env!("CARGO_PKG_VERSION")))
            .build(),
    );
    let file = File::create(path).with_context(|| format!("could not write {}", path.display()))?;
    let mut writer = SerializedFileWriter::new(file, parsed, properties)?;
    let mut rows = rows.peekable();
    while rows.peek().is_some() {
        let batch = rows
            .by_ref()
            .take(ROWS_PER_GROUP)
            .collect::<anyhow::Result<Vec<Value>>>()?;
        write_group(&mut writer, schema, &batch)?;
    }
    writer
        .close()
        .with_context(|| format!("could not write {}", path.display()))?;
    Ok(())
}

/// Write one row group of `rows`.
fn write_group(
    writer: &mut SerializedFileWriter<File>,
    schema: &[Node],
    rows: &[Value],
) -> anyhow::Result<()> {
    let mut leaves = Vec::new();
    schema.iter().for_each(|n| n.buffers(&mut leaves));
    let mut start = 0;
    for node in schema {
        let n = node.leaves();
        let part = &mut leaves[start..start + n];
        mark_nested(node, false, part);
        for row in rows {
            shred(node, row.get(node.name), 0, 0, 0, part);
        }
        start += n;
    }
    let mut group = writer.next_row_group()?;
    for leaf in &leaves {
        let mut column = group
            .next_column()?
            .context("the Parquet schema has fewer columns than its leaves")?;
        let rep = leaf.nested.then_some(leaf.rep.as_slice());
        let def = Some(leaf.def.as_slice());
        match &leaf.values {
            Values::Str(v) => column.typed::<ByteArrayType>().write_batch(v, def, rep)?,
            Values::Bool(v) => column.typed::<BoolType>().write_batch(v, def, rep)?,
            Values::Int(v) => column.typed::<Int64Type>().write_batch(v, def, rep)?,
            Values::Float(v) => column.typed::<DoubleType>().write_batch(v, def, rep)?,
        };
        column.close()?;
    }
    group.close()?;
    Ok(())
}

/// `extract --format parquet`.
pub fn write_extract_parquet(rows: Vec<Value>, path: &Path) -> anyhow::Result<()> {
    write_parquet("extract", &extract_schema(), rows.into_iter().map(Ok), path)
}

/// `reuse --format parquet`: the JSON lines' records, relations then origins.
pub fn write_reuse_parquet<T: Serialize>(
    lines: impl Iterator<Item = T>,
    path: &Path,
) -> anyhow::Result<()> {
    let rows = lines.map(|line| serde_json::to_value(line).context("could not serialise"));
    write_parquet("reuse", &reuse_schema(), rows, path)
}

/// A cited item's `spans` as Parquet holds them: `[article, [start, end]]` pairs become
/// objects `{article, start, end}` (a list of mixed items has no Parquet type). Applied to
/// every `spans` key of a story, however deep.
fn cited_spans(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if key == "spans"
                    && let Value::Array(pairs) = item
                {
                    for pair in pairs.iter_mut() {
                        if let Some([Value::String(article), Value::Array(span)]) =
                            pair.as_array().map(Vec::as_slice)
                            && let [start, end] = span.as_slice()
                        {
                            *pair =
                                serde_json::json!({"article": article, "start": start, "end": end});
                        }
                    }
                } else {
                    cited_spans(item);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(cited_spans),
        _ => {}
    }
}

/// The columns of one part of a fold, as fold.json's elements serialise (a test checks the
/// names against the JSON of `examples/`).
fn fold_schema(part: FoldPart) -> Vec<Node> {
    let strings = |names: &[&'static str]| -> Vec<Node> {
        names.iter().map(|&n| leaf(n, Kind::Str)).collect()
    };
    let group = |children: Vec<Node>| Kind::Group(children);
    let spans = || {
        list(
            "spans",
            group(vec![
                leaf("article", Kind::Str),
                leaf("start", Kind::Int),
                leaf("end", Kind::Int),
            ]),
        )
    };
    let cited = |extra: Vec<Node>| {
        let mut columns = extra;
        columns.extend([
            leaf("text", Kind::Str),
            list("sources", Kind::Str),
            leaf("independent", Kind::Int),
            spans(),
        ]);
        group(columns)
    };
    let figure = || {
        cited(vec![
            leaf("kind", Kind::Str),
            leaf("unit", Kind::Str),
            leaf("value", Kind::Float),
        ])
    };
    match part {
        FoldPart::Articles => {
            // The article fields of `extract`, with the sentences after the text and what the
            // article took from other origins.
            let mut columns = extract_schema();
            let text = columns
                .iter()
                .position(|c| c.name == "text")
                .map_or(columns.len(), |i| i + 1);
            columns.insert(
                text,
                list(
                    "sentences",
                    Kind::List(Box::new(leaf("element", Kind::Int))),
                ),
            );
            columns.push(list(
                "taken",
                group(vec![
                    leaf("sentence", Kind::Int),
                    leaf("origin", Kind::Str),
                    leaf("from", Kind::Str),
                ]),
            ));
            columns
        }
        FoldPart::Stories => vec![
            leaf("id", Kind::Str),
            leaf("headline", Kind::Str),
            list("articles", Kind::Str),
            list("roundups", Kind::Str),
            list("outlets", Kind::Str),
            leaf("independent", Kind::Int),
            leaf("first_published", Kind::Str),
            leaf("last_published", Kind::Str),
            list("brief", cited(Vec::new())),
            list("facts", cited(Vec::new())),
            list("only_in", cited(Vec::new())),
            list("figures", figure()),
            list(
                "conflicts",
                group(vec![
                    leaf("kind", Kind::Str),
                    leaf("unit", Kind::Str),
                    list("values", figure()),
                ]),
            ),
            list(
                "timeline",
                cited(vec![leaf("date", Kind::Str), leaf("precision", Kind::Str)]),
            ),
            list(
                "quotes",
                group(vec![
                    leaf("speaker", Kind::Str),
                    leaf("channel", Kind::Str),
                    leaf("direct", Kind::Bool),
                    list("sources", Kind::Str),
                    leaf("independent", Kind::Int),
                    list(
                        "variants",
                        group(vec![
                            leaf("text", Kind::Str),
                            list("articles", Kind::Str),
                            spans(),
                        ]),
                    ),
                ]),
            ),
            list(
                "framing",
                group(vec![
                    leaf("referent", Kind::Str),
                    list(
                        "wordings",
                        group(vec![
                            leaf("term", Kind::Str),
                            list("articles", Kind::Str),
                            list("outlets", Kind::Str),
                        ]),
                    ),
                ]),
            ),
        ],
        FoldPart::Reuse => {
            let mut columns = reuse_schema();
            columns.retain(|c| !matches!(c.name, "type" | "id" | "root" | "articles"));
            columns
        }
        FoldPart::Origins => vec![
            leaf("id", Kind::Str),
            leaf("root", Kind::Str),
            list("articles", Kind::Str),
        ],
        FoldPart::Rejected => strings(&["path", "record", "reason"]),
    }
}

/// `fold --format parquet`: one part of the fold as a Parquet file at `path`.
pub fn write_fold_parquet(fold: &Fold, part: FoldPart, path: &Path) -> anyhow::Result<()> {
    let rows = part.values(fold).map(|row| {
        let mut row = row.context("could not serialise the fold")?;
        cited_spans(&mut row);
        Ok(row)
    });
    write_parquet(part.name(), &fold_schema(part), rows, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_commas_quotes_and_line_breaks() {
        let columns = serde_json::json!({"id": null, "text": null, "credits": null});
        let rows = vec![serde_json::json!({
            "id": "a,1",
            "text": "He said \"no\".\n\nThen left.",
            "credits": ["AP", "Reuters"],
        })];
        let bytes = csv(&columns, &rows).expect("csv");
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(header, ["id", "text", "credits"]);
        let record = reader.records().next().expect("a row").expect("parses");
        assert_eq!(&record[0], "a,1");
        assert_eq!(&record[1], "He said \"no\".\n\nThen left.");
        assert_eq!(&record[2], r#"["AP","Reuters"]"#);
    }

    #[test]
    fn markdown_escapes_what_would_be_markup() {
        let cases = [
            ("# 5 things", "\\# 5 things", "a heading"),
            ("- dash", "\\- dash", "a list item"),
            ("1. first", "1\\. first", "a numbered item"),
            ("2026 was", "2026 was", "a year is not a list"),
            ("> quote", "\\> quote", "a block quote"),
        ];
        for (text, expected, why) in cases {
            assert_eq!(escape_block(text), expected, "{why}");
        }
        assert_eq!(escape_inline("a_b *c*"), "a\\_b \\*c\\*");
    }

    #[test]
    fn schemas_parse() {
        let folds = FoldPart::ALL.map(|p| (p.name(), fold_schema(p)));
        for (name, schema) in [("extract", extract_schema()), ("reuse", reuse_schema())]
            .into_iter()
            .chain(folds)
        {
            let mut message = format!("message {name} {{");
            schema.iter().for_each(|n| n.message(&mut message));
            message.push('}');
            let parsed = parse_message_type(&message).expect(name);
            let leaves: usize = schema.iter().map(Node::leaves).sum();
            let descr = parquet::schema::types::SchemaDescriptor::new(Arc::new(parsed));
            assert_eq!(descr.num_columns(), leaves, "{name}");
        }
    }
}
