//! The command line itself: help that teaches, stdin, exit statuses.

mod common;

use std::process::Command;

use common::{Run, succeed};

fn newsfold(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_newsfold"))
        .args(args)
        .output()
        .expect("newsfold runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn help_teaches_by_example_and_documents_exit_codes() {
    for args in [&["--help"][..], &["fold", "--help"][..]] {
        let (code, stdout, _) = newsfold(args);
        assert_eq!(code, 0);
        assert!(stdout.contains("Examples:"), "{args:?}: {stdout}");
        assert!(
            stdout.contains("newsfold fold examples/ --out out"),
            "{args:?}"
        );
        assert!(
            stdout.contains("Exit status:") && stdout.contains("3  outputs were written"),
            "{args:?}"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, stderr) = newsfold(&["fold"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("INPUT"), "{stderr}");
    assert_eq!(newsfold(&["fold", "x", "--max-file-size", "lots"]).0, 2);
}

#[test]
fn reads_json_lines_from_stdin() {
    let feed = concat!(
        r#"{"id": "a1", "outlet": "Tessvik Post", "published": "2026-02-02", "text": "Ferry service between Tessvik and Ornhavn resumed on Monday after a week of storms. The operator said all crossings would run to timetable."}"#,
        "\n",
        r#"{"id": "a2", "outlet": "Ornhavn Daily", "published": "2026-02-02", "text": "Ferry service between Tessvik and Ornhavn resumed on Monday after a week of storms. The operator said all crossings would run to timetable."}"#,
        "\n"
    );
    let out = Run::fold(&["-"]).stdin(feed.as_bytes()).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.article("a1")["path"], "-");
    assert_eq!(out.fold["reuse"][0]["kind"], "duplicate");
    assert_eq!(out.fold["stories"][0]["independent"], 1);
}

#[test]
fn an_unwritable_output_folder_exits_1() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, b"not a folder").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_newsfold"))
        .args(["fold", "examples", "--quiet", "--out"])
        .arg(blocker.join("out"))
        .current_dir(common::repo())
        .output()
        .expect("newsfold runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("could not create the output folder"));
}

#[test]
fn quiet_prints_nothing_on_success() {
    let out = Run::fold(&["examples/viaduct"]).arg("--quiet").run();
    assert_eq!(out.code, 0);
    assert_eq!(out.stderr, "");
}

#[test]
fn extract_prints_one_clean_record_per_article() {
    let out = succeed(&["extract", "examples", "--quiet"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let records: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(records.len(), 14);
    let wire = records
        .iter()
        .find(|r| r["id"] == "npa-wire-hessel-bridge")
        .expect("the wire story");
    for field in [
        "id",
        "path",
        "title",
        "outlet",
        "url",
        "published",
        "updated",
        "dateline",
        "byline",
        "credits",
        "language",
        "text",
        "provenance",
        "removed",
        "warnings",
    ] {
        assert!(wire.get(field).is_some(), "no {field}");
    }
    assert_eq!(wire["published"], "2026-03-11");
    assert!(wire["provenance"].to_string().contains("header line"));

    let json = Command::new(env!("CARGO_BIN_EXE_newsfold"))
        .args(["extract", "examples/viaduct", "--format", "json", "--quiet"])
        .current_dir(common::repo())
        .output()
        .expect("newsfold runs");
    let array: serde_json::Value = serde_json::from_slice(&json.stdout).expect("a JSON array");
    assert_eq!(array.as_array().map(Vec::len), Some(1));
}

#[test]
fn reuse_prints_relations_and_origins_with_record_ids() {
    let out = succeed(&["reuse", "examples", "--quiet"]);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let reuse: Vec<&serde_json::Value> = lines.iter().filter(|l| l["type"] == "reuse").collect();
    let origins: Vec<&serde_json::Value> = lines.iter().filter(|l| l["type"] == "origin").collect();
    // The JSON-lines records keep their own ids.
    assert!(
        reuse
            .iter()
            .any(|r| r["source"] == "npa-wire-vessary-strike"
                && r["copy"] == "shd-0317-port"
                && r["kind"] == "duplicate")
    );
    assert!(
        reuse
            .iter()
            .all(|r| r["passages"].as_array().is_some_and(|p| !p.is_empty()))
    );
    // Every article is in exactly one origin: 14 articles, 11 origins.
    assert_eq!(origins.len(), 11);
    let members: usize = origins
        .iter()
        .map(|o| o["articles"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(members, 14);
}

#[test]
fn brief_prints_real_sentences_within_its_budget_in_every_format() {
    // Text: one sentence a line, each a sentence of one of the articles, within 60 words.
    let out = succeed(&[
        "brief",
        "examples/bridge",
        "--words",
        "60",
        "--format",
        "text",
        "--quiet",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(!lines.is_empty());
    assert!(text.split_whitespace().count() <= 60, "{text}");
    let extracted = succeed(&["extract", "examples/bridge", "--quiet"]);
    let articles = String::from_utf8_lossy(&extracted.stdout).replace("\\n", " ");
    for line in &lines {
        assert!(
            articles.contains(&line.replace('"', "\\\"")),
            "not a sentence of the articles: {line}"
        );
    }

    // JSON: the story, every brief sentence cited; at most 2 sentences.
    let out = succeed(&[
        "brief",
        "examples/bridge",
        "--sentences",
        "2",
        "--format",
        "json",
        "--quiet",
    ]);
    let story: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let brief = story["brief"].as_array().expect("a brief");
    assert!((1..=2).contains(&brief.len()), "{story}");
    for c in brief {
        assert!(!c["sources"].as_array().expect("sources").is_empty());
        assert!(c["independent"].as_u64().expect("independent") >= 1);
    }

    // Markdown: citations with independent origins.
    let out = succeed(&["brief", "examples/bridge", "--quiet"]);
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("independent origin"), "{md}");
}

#[test]
fn brief_refuses_two_budgets_and_says_when_there_is_nothing_to_brief() {
    let (code, _, err) = newsfold(&["brief", "x.txt", "--words", "5", "--sentences", "2"]);
    assert_eq!(code, 2, "{err}");
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let (code, _, err) = newsfold(&["brief", empty.to_str().expect("utf-8 path")]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("nothing to brief") && err.contains("empty.txt"),
        "{err}"
    );
}

#[test]
fn threads_past_the_maximum_are_refused_with_the_range() {
    // Issue 17: `-j 100000` was still starting threads after 60 s on 14 articles.
    for j in ["100000", "257", "0"] {
        let (code, _, stderr) = newsfold(&["fold", "examples/bridge", "-j", j]);
        assert_eq!(code, 2, "-j {j}: {stderr}");
        assert!(stderr.contains("use 1 to 256"), "-j {j}: {stderr}");
    }
    let (code, _, stderr) = newsfold(&["extract", "examples/bridge", "-j", "100000"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn too_many_threads_from_the_environment_are_lowered_with_a_warning() {
    let out = Command::new(env!("CARGO_BIN_EXE_newsfold"))
        .args(["extract", "examples/bridge/rbn-independent.txt"])
        .current_dir(common::repo())
        .env("RAYON_NUM_THREADS", "100000")
        .output()
        .expect("newsfold runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("RAYON_NUM_THREADS=100000 is more than 256 threads; using 256"),
        "{stderr}"
    );
}

#[test]
fn articles_past_max_articles_are_left_out_and_named_once() {
    let out = Run::fold(&["examples"])
        .arg("--max-articles")
        .arg("3")
        .run();
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(out.fold["articles"].as_array().map(Vec::len), Some(3));
    let rejected = out.fold["rejected"].as_array().expect("rejected");
    let over: Vec<_> = rejected
        .iter()
        .filter(|r| {
            r["reason"]
                .as_str()
                .is_some_and(|t| t.contains("--max-articles"))
        })
        .collect();
    assert_eq!(over.len(), 1, "{rejected:?}");
    assert!(out.stderr.contains("at most 3 articles"), "{}", out.stderr);
    // 0 is no limit.
    let all = Run::fold(&["examples"])
        .arg("--max-articles")
        .arg("0")
        .run();
    assert_eq!(all.code, 0, "{}", all.stderr);
}
