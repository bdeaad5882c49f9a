//! `extract --format csv|txt|md|parquet` and `reuse --format parquet`: each format read back
//! gives what the JSON lines say, under the same field names.

mod common;

use std::path::Path;
use std::process::Command;

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::{Field, List, Row};
use serde_json::Value;

/// Run newsfold from the repository root: (exit status, stdout bytes, stderr).
fn newsfold(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_newsfold"))
        .args(args)
        .current_dir(common::repo())
        .output()
        .expect("newsfold runs");
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The JSON lines a command prints with `--format jsonl`.
fn json_lines(args: &[&str]) -> Vec<Value> {
    let mut args = args.to_vec();
    args.extend(["--format", "jsonl", "--quiet"]);
    let (code, stdout, stderr) = newsfold(&args);
    assert_eq!(code, 0, "{stderr}");
    String::from_utf8_lossy(&stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// A Parquet value as JSON, the way the JSON lines write it.
fn field_json(field: &Field) -> Value {
    match field {
        Field::Null => Value::Null,
        Field::Bool(b) => Value::Bool(*b),
        Field::Long(n) => Value::from(*n),
        Field::Int(n) => Value::from(*n),
        Field::Double(x) => Value::from(*x),
        Field::Str(s) => Value::String(s.clone()),
        Field::ListInternal(list) => list_json(list),
        Field::Group(row) => row_json(row),
        other => panic!("a column type newsfold does not write: {other:?}"),
    }
}

fn list_json(list: &List) -> Value {
    Value::Array(list.elements().iter().map(field_json).collect())
}

fn row_json(row: &Row) -> Value {
    Value::Object(
        row.get_column_iter()
            .map(|(name, field)| (name.clone(), field_json(field)))
            .collect(),
    )
}

/// Every row of a Parquet file, as JSON objects, read with the parquet crate's reader.
fn read_parquet(path: &Path) -> Vec<Value> {
    let file = std::fs::File::open(path).expect("the Parquet file exists");
    let reader = SerializedFileReader::new(file).expect("a Parquet file");
    assert!(reader.metadata().file_metadata().num_rows() > 0);
    reader
        .into_iter()
        .map(|row| row_json(&row.expect("a row")))
        .collect()
}

/// Where pyarrow is installed, it reads the file too, with the same columns and rows.
fn check_with_pyarrow(path: &Path, columns: &[String], rows: usize) {
    let script = "import sys, pyarrow.parquet as pq\n\
                  t = pq.read_table(sys.argv[1])\n\
                  print(t.num_rows); print(','.join(t.column_names))";
    let Ok(out) = Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .output()
    else {
        return;
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() && stderr.contains("No module named") {
        eprintln!("pyarrow is not installed: the pyarrow check is skipped");
        return;
    }
    assert!(out.status.success(), "pyarrow could not read it: {stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some(rows.to_string().as_str()));
    assert_eq!(lines.next(), Some(columns.join(",").as_str()));
}

/// The keys of a JSON object, in order.
fn keys(value: &Value) -> Vec<String> {
    value
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn extract_csv_reads_back_as_the_json_lines_say() {
    let lines = json_lines(&["extract", "examples"]);
    let (code, stdout, stderr) = newsfold(&["extract", "examples", "--format", "csv", "-q"]);
    assert_eq!(code, 0, "{stderr}");
    let mut reader = csv::Reader::from_reader(stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        keys(&lines[0]),
        "one column per JSON field, same names, same order"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a CSV row")).collect();
    assert_eq!(rows.len(), lines.len());
    let mut multiline = 0;
    for (row, line) in rows.iter().zip(&lines) {
        for (cell, key) in row.iter().zip(&header) {
            let expected = match &line[key] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert_eq!(cell, expected, "{key} of {}", line["id"]);
            multiline += usize::from(key == "text" && cell.contains('\n'));
        }
    }
    assert!(multiline > 0, "texts with line breaks survive the quoting");
}

#[test]
fn extract_txt_and_md_hold_every_article() {
    let lines = json_lines(&["extract", "examples"]);
    let (code, txt, _) = newsfold(&["extract", "examples", "--format", "txt", "-q"]);
    assert_eq!(code, 0);
    let txt = String::from_utf8(txt).expect("UTF-8");
    let headers: Vec<&str> = txt.lines().filter(|l| l.starts_with("==> ")).collect();
    assert_eq!(headers.len(), lines.len(), "one header line per article");
    for line in &lines {
        let id = line["id"].as_str().expect("an id");
        assert!(
            headers.iter().any(|h| h.starts_with(&format!("==> {id} "))),
            "{id}"
        );
        let text = line["text"].as_str().expect("a text").trim_end();
        assert!(
            txt.contains(&format!("<==\n{text}\n\n")),
            "{id}: header, text, blank line"
        );
    }

    let (code, md, _) = newsfold(&["extract", "examples", "--format", "md", "-q"]);
    assert_eq!(code, 0);
    let md = String::from_utf8(md).expect("UTF-8");
    assert_eq!(
        md.lines().filter(|l| l.starts_with("## ")).count(),
        lines.len()
    );
    assert_eq!(
        md.lines().filter(|l| l.starts_with("- id: ")).count(),
        lines.len()
    );
    assert!(
        md.contains("- outlet: Ostvale Tribune"),
        "metadata as a list"
    );
}

#[test]
fn extract_parquet_reads_back_as_the_json_lines_say() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("articles.parquet");
    let lines = json_lines(&["extract", "examples"]);
    let (code, stdout, stderr) = newsfold(&[
        "extract",
        "examples",
        "--format",
        "parquet",
        "--out",
        path.to_str().expect("a UTF-8 path"),
        "-q",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty(), "nothing on standard output");
    let rows = read_parquet(&path);
    assert_eq!(
        rows, lines,
        "every field of every article, lists and objects included"
    );
    check_with_pyarrow(&path, &keys(&lines[0]), lines.len());
}

#[test]
fn reuse_parquet_reads_back_as_the_json_lines_say() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("reuse.parquet");
    let lines = json_lines(&["reuse", "examples"]);
    let out = path.to_str().expect("a UTF-8 path");
    let (code, _, stderr) =
        newsfold(&["reuse", "examples", "--format", "parquet", "-o", out, "-q"]);
    assert_eq!(code, 0, "{stderr}");
    let rows = read_parquet(&path);
    assert_eq!(rows.len(), lines.len());
    for (row, line) in rows.iter().zip(&lines) {
        // One schema holds both kinds of line: the other kind's columns are null.
        let present: serde_json::Map<String, Value> = row
            .as_object()
            .expect("an object")
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        assert_eq!(&Value::Object(present), line);
    }
    assert!(
        rows.iter()
            .any(|r| r["type"] == "reuse" && r["passages"][0]["source"].is_array())
    );
    let columns = keys(&rows[0]);
    check_with_pyarrow(&path, &columns, lines.len());
}

#[test]
fn formats_a_command_does_not_write_are_usage_errors() {
    let cases: [(&[&str], &str, &str); 4] = [
        (
            &["extract", "examples", "--format", "parquet"],
            "--out FILE",
            "parquet to a terminal",
        ),
        (
            &["reuse", "examples", "--format", "parquet", "-o", "-"],
            "--out FILE",
            "parquet to stdout",
        ),
        (
            &["reuse", "examples", "--format", "csv"],
            "formats of newsfold extract",
            "csv of reuse",
        ),
        (
            &["extract", "examples", "--format", "xml"],
            "possible values",
            "an unknown format",
        ),
    ];
    for (args, says, why) in cases {
        let (code, stdout, stderr) = newsfold(args);
        assert_eq!(code, 2, "{why}: {stderr}");
        assert!(stdout.is_empty(), "{why}");
        assert!(stderr.contains(says), "{why}: {stderr}");
    }
}

/// A value without its null fields (Parquet writes an absent key as null), with cited spans
/// `[article, [start, end]]` as the objects Parquet holds them as.
fn as_parquet_holds_it(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), as_parquet_holds_it(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| match item.as_array().map(Vec::as_slice) {
                    Some([Value::String(article), Value::Array(span)]) => serde_json::json!({
                        "article": article, "start": span[0], "end": span[1]
                    }),
                    _ => as_parquet_holds_it(item),
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

#[test]
fn fold_jsonl_and_parquet_hold_what_fold_json_holds() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = |format: &str| {
        let path = dir.path().join(format);
        let (code, _, stderr) = newsfold(&[
            "fold",
            "examples",
            "--format",
            format,
            "-o",
            path.to_str().expect("a UTF-8 path"),
            "-q",
        ]);
        assert_eq!(code, 0, "{stderr}");
        path
    };
    let (json, jsonl, parquet) = (out("json"), out("jsonl"), out("parquet"));
    let fold: Value = serde_json::from_slice(&std::fs::read(json.join("fold.json")).expect("read"))
        .expect("JSON");
    for part in ["articles", "stories", "reuse", "origins", "rejected"] {
        let text = std::fs::read_to_string(jsonl.join(format!("{part}.jsonl"))).expect("read");
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect();
        assert_eq!(Value::Array(lines), fold[part], "{part}.jsonl");
        assert!(!jsonl.join("fold.json").exists() && !parquet.join("fold.json").exists());
        if part == "rejected" {
            continue; // examples/ has none: an empty file
        }
        let path = parquet.join(format!("{part}.parquet"));
        let rows: Vec<Value> = read_parquet(&path)
            .iter()
            .map(as_parquet_holds_it)
            .collect();
        let expected: Vec<Value> = fold[part]
            .as_array()
            .expect("an array")
            .iter()
            .map(as_parquet_holds_it)
            .collect();
        assert_eq!(rows, expected, "{part}.parquet");
        check_with_pyarrow(&path, &keys(&read_parquet(&path)[0]), expected.len());
    }
    let run: Value = serde_json::from_slice(&std::fs::read(jsonl.join("run.json")).expect("read"))
        .expect("JSON");
    assert!(run["timings"].is_array());
    // Writing another format into the folder removes the files of the first.
    out("jsonl");
    let again = dir.path().join("jsonl");
    let (code, _, stderr) = newsfold(&[
        "fold",
        "examples",
        "-o",
        again.to_str().expect("UTF-8"),
        "-q",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(again.join("fold.json").exists() && !again.join("stories.jsonl").exists());
}
