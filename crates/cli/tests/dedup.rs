//! `newsfold dedup`: the corpus minus its copies, one record per origin kept byte for byte as
//! given, a map from every dropped record to the one kept, the same whatever -j and input order.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Run newsfold in `dir`: (exit status, stdout, stderr).
fn newsfold(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_newsfold"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("newsfold runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every file under `root`, by path relative to it, with its bytes.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(root).expect("under root");
                let bytes = std::fs::read(&path).expect("readable");
                files.insert(name.to_string_lossy().into_owned(), bytes);
            }
        }
    }
    files
}

/// The map's lines.
fn map_lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .expect("the map was written")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// `dedup ARGS --out DIR/out --map DIR/map.jsonl`, run from the repository root: the written
/// tree and the map.
fn dedup(args: &[&str]) -> (BTreeMap<String, Vec<u8>>, Vec<Value>) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("out");
    let map = dir.path().join("map.jsonl");
    let mut all = vec!["dedup"];
    all.extend(args);
    all.extend([
        "--out",
        out.to_str().expect("UTF-8"),
        "--map",
        map.to_str().expect("UTF-8"),
    ]);
    let (code, _, stderr) = newsfold(&common::repo(), &all);
    assert_eq!(code, 0, "{stderr}");
    (tree(&out), map_lines(&map))
}

/// The origins `newsfold reuse` finds: (root, members).
fn origins(args: &[&str]) -> Vec<(String, Vec<String>)> {
    let mut all = vec!["reuse"];
    all.extend(args);
    all.push("-q");
    let (code, stdout, stderr) = newsfold(&common::repo(), &all);
    assert_eq!(code, 0, "{stderr}");
    stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line"))
        .filter(|l| l["type"] == "origin")
        .map(|o| {
            let members = o["articles"].as_array().expect("members");
            let members = members.iter().map(|m| m.as_str().expect("id").to_owned());
            (
                o["root"].as_str().expect("root").to_owned(),
                members.collect(),
            )
        })
        .collect()
}

#[test]
fn dedup_keeps_one_record_per_origin_as_given_and_maps_the_copies() {
    let (written, map) = dedup(&["examples", "-q"]);
    let origins = origins(&["examples"]);
    let repo = common::repo();
    // Whole files are copied byte for byte; the JSON-lines file keeps its kept lines.
    let mut kept = 0;
    for (name, bytes) in &written {
        let original = std::fs::read(repo.join(name)).expect("written at the path it was named by");
        if name.ends_with(".jsonl") {
            let lines: BTreeSet<&[u8]> = original.split(|&b| b == b'\n').collect();
            for line in bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
                assert!(lines.contains(line), "{name}: a line as given");
                kept += 1;
            }
        } else {
            assert_eq!(bytes, &original, "{name} as given");
            kept += 1;
        }
    }
    assert_eq!(kept, origins.len(), "one record per origin");
    let dropped: usize = origins.iter().map(|(_, m)| m.len() - 1).sum();
    assert_eq!(map.len(), dropped, "every dropped record is mapped");
    assert!(dropped > 0, "the examples hold copies");
    let written_text: String = written
        .values()
        .map(|b| String::from_utf8_lossy(b))
        .collect();
    for line in &map {
        assert!(["duplicate", "copy", "partial"].contains(&line["kind"].as_str().unwrap_or("")));
        let coverage = line["coverage"].as_f64().expect("a coverage");
        assert!((0.0..=1.0).contains(&coverage));
        // The kept record is in the output, the dropped one is not; records with ids are
        // named by them.
        let (dropped, kept) = (
            line["dropped"].as_str().unwrap(),
            line["kept"].as_str().unwrap(),
        );
        for (name, present) in [(dropped, false), (kept, true)] {
            let found = if name.starts_with("examples/") {
                written.contains_key(name)
            } else {
                written_text.contains(&format!("\"id\": \"{name}\""))
            };
            assert_eq!(found, present, "{name} in {line}");
        }
    }
    // The wire copy in the feed is mapped to the agency's own file, the origin's root.
    assert!(
        map.iter().any(|l| l["dropped"] == "shd-0317-port"
            && l["kept"] == "examples/port/npa-wire-vessary-strike.txt"
            && l["kind"] == "duplicate"),
        "{map:?}"
    );
}

#[test]
fn dedup_is_the_same_whatever_threads_and_input_order() {
    let inputs = [
        "examples/bridge",
        "examples/feeds.jsonl",
        "examples/port",
        "examples/viaduct",
    ];
    let reversed: Vec<&str> = inputs.iter().rev().copied().collect();
    let sorted = |map: Vec<Value>| {
        let mut lines: Vec<String> = map.iter().map(Value::to_string).collect();
        lines.sort();
        lines
    };
    let mut one = inputs.to_vec();
    one.extend(["-j", "1", "-q"]);
    let (tree_one, map_one) = dedup(&one);
    let mut two = reversed.clone();
    two.extend(["-j", "2", "-q"]);
    let (tree_two, map_two) = dedup(&two);
    assert_eq!(tree_one, tree_two, "the same records, byte for byte");
    assert_eq!(
        sorted(map_one),
        sorted(map_two),
        "the same map, in input order"
    );
}

/// A text of the examples, long enough to be recognised as copied.
fn example_text(name: &str) -> String {
    std::fs::read_to_string(common::repo().join("examples").join(name)).expect("an example")
}

#[test]
fn dedup_writes_array_elements_and_gzip_lines_as_given() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let wire = example_text("port/npa-wire-vessary-strike.txt");
    let other = example_text("bridge/rbn-independent.txt");
    // A pretty-printed array: odd spacing, key order and an escape kept as written.
    let array = format!(
        "[\n  {{ \"text\":{}, \"id\" : \"w-1\", \"published\": \"2026-03-16\" }},\n\t{{\"id\": \"w-2\", \"published\": \"2026-03-17\", \"note\": \"caf\\u00e9\", \"text\": {}}} ,\n  {{\"id\": \"o-1\", \"published\": \"2026-03-15\", \"text\": {}}}\n]\n",
        serde_json::to_string(&wire).unwrap(),
        serde_json::to_string(&wire).unwrap(),
        serde_json::to_string(&other).unwrap(),
    );
    std::fs::write(dir.path().join("dump.json"), &array).unwrap();
    let lines = format!(
        "{}\n\n{}\n",
        serde_json::json!({"id": "g-1", "text": other, "published": "2026-03-18"}),
        serde_json::json!({"id": "g-2", "text": example_text("viaduct/aurenne-daily-post-corvel.txt")}),
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(lines.as_bytes()).unwrap();
    std::fs::write(dir.path().join("feed.jsonl.gz"), gz.finish().unwrap()).unwrap();
    let (code, _, stderr) = newsfold(
        dir.path(),
        &[
            "dedup",
            "dump.json",
            "feed.jsonl.gz",
            "-o",
            "out",
            "--map",
            "map.jsonl",
            "-q",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let kept = std::fs::read_to_string(dir.path().join("out/dump.json")).unwrap();
    let first = &array[array.find("{ \"text\"").unwrap()..array.find("},\n\t").unwrap() + 1];
    let third = &array[array.find("{\"id\": \"o-1\"").unwrap()..array.rfind('}').unwrap() + 1];
    assert_eq!(
        kept,
        format!("[\n{first},\n{third}\n]\n"),
        "elements byte for byte"
    );
    let parsed: Value = serde_json::from_str(&kept).expect("still a JSON array");
    assert_eq!(parsed.as_array().map(Vec::len), Some(2));
    let mut feed = String::new();
    flate2::read::MultiGzDecoder::new(
        std::fs::File::open(dir.path().join("out/feed.jsonl.gz")).unwrap(),
    )
    .read_to_string(&mut feed)
    .expect("gzip again");
    let g2 = lines.lines().nth(2).unwrap();
    assert_eq!(
        feed,
        format!("{g2}\n"),
        "g-1 repeats o-1, which comes first"
    );
    let map = map_lines(&dir.path().join("map.jsonl"));
    let pairs: BTreeSet<(String, String)> = map
        .iter()
        .map(|l| {
            (
                l["dropped"].as_str().unwrap().to_owned(),
                l["kept"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String)> = [("w-2", "w-1"), ("g-1", "o-1")]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .into();
    assert_eq!(pairs, expected, "{map:?}");
}

#[test]
fn dedup_refuses_what_it_cannot_write_as_given() {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(
        dir.path().join("a.txt"),
        example_text("port/rbn-strike-day-three.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("crawl.warc"), "WARC/1.0\r\n\r\n").unwrap();
    let cases: [(&[&str], i32, &str, &str); 4] = [
        (
            &["dedup", "-", "-o", "out"],
            2,
            "standard input",
            "stdin cannot be read twice",
        ),
        (
            &["dedup", "crawl.warc", "-o", "out"],
            2,
            "WARC",
            "WARC records are not written as given",
        ),
        (
            &["dedup", "a.txt", "-o", "."],
            1,
            "would overwrite the input",
            "the output is the input",
        ),
        (
            &["dedup", "missing.jsonl", "-o", "out"],
            1,
            "no record could be read",
            "nothing read",
        ),
    ];
    for (args, status, says, why) in cases {
        let (code, _, stderr) = newsfold(dir.path(), args);
        assert_eq!(code, status, "{why}: {stderr}");
        assert!(stderr.contains(says), "{why}: {stderr}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        example_text("port/rbn-strike-day-three.txt")
    );
    assert!(!dir.path().join("out").exists(), "nothing written");
}
