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

/// Run newsfold in `dir`: exit code, stdout, stderr.
fn newsfold_in(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
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

/// Issue 18: `--out -` made a folder named "-". `fold` and `export` write three files, which
/// standard output cannot hold apart, so they refuse it (exit 2, no folder); for the commands
/// that print one thing, `-` is standard output, as no `--out`.
#[test]
fn out_dash_is_standard_output_or_refused_clearly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let examples = common::repo().join("examples/viaduct");
    let examples = examples.to_str().expect("utf-8 path");
    let db = dir.path().join("news.db");
    let db = db.to_str().expect("utf-8 path");
    succeed(&["add", examples, "--db", db, "--quiet"]);
    for args in [
        &["fold", examples, "--out", "-"][..],
        &["fold", examples, "-o", "-"][..],
        &["export", "--db", db, "--out", "-"][..],
    ] {
        let (code, stdout, stderr) = newsfold_in(dir.path(), args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("standard output"), "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}");
        assert!(
            !dir.path().join("-").exists(),
            "{args:?} made a folder named -"
        );
    }
    for (args, expect) in [
        (&["extract", examples, "--out", "-", "-q"][..], "\"text\""),
        (&["reuse", examples, "--out", "-", "-q"][..], "\"origin\""),
        (
            &["brief", examples, "--out", "-", "-q"][..],
            "# newsfold brief",
        ),
    ] {
        let (code, stdout, stderr) = newsfold_in(dir.path(), args);
        let (_, without, _) = newsfold_in(dir.path(), &args[..2]);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(stdout.contains(expect), "{args:?}: {stdout}");
        assert_eq!(stdout, without, "{args:?}: - is not the same as no --out");
        assert!(
            !dir.path().join("-").exists(),
            "{args:?} wrote a file named -"
        );
    }
}

/// Issue 18: `--extend` with inputs already in the fold added them again as `id-2`. They are
/// recognised (same URL, or same outlet and text), skipped and counted, and a re-extend with
/// the same inputs gives the same fold.json byte for byte.
#[test]
fn extending_with_inputs_already_in_the_fold_adds_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = |name: &str| dir.path().join(name);
    let path = |name: &str| out(name).to_str().expect("utf-8 path").to_owned();
    let fold_json = |name: &str| std::fs::read(out(name).join("fold.json")).expect("fold.json");
    succeed(&["fold", "examples/bridge", "--out", &path("bridge"), "-q"]);
    let extend = |from: &str, to: &str| {
        let from = format!("{}/fold.json", path(from));
        let out = Command::new(env!("CARGO_BIN_EXE_newsfold"))
            .args(["fold", "examples", "--extend", &from, "--out", &path(to)])
            .current_dir(common::repo())
            .output()
            .expect("newsfold runs");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        stderr
    };
    let stderr = extend("bridge", "all");
    assert!(
        stderr.contains("5 of 14 articles read were in the fold already"),
        "{stderr}"
    );
    let fold: serde_json::Value = serde_json::from_slice(&fold_json("all")).expect("JSON");
    let ids: Vec<&str> = fold["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert_eq!(ids.len(), 14, "{ids:?}");
    assert!(!ids.iter().any(|id| id.ends_with("-2")), "{ids:?}");

    let stderr = extend("all", "again");
    assert!(
        stderr.contains("14 of 14 articles read were in the fold already"),
        "{stderr}"
    );
    assert!(
        fold_json("all") == fold_json("again"),
        "a re-extend changed fold.json"
    );

    // Two files of one text and no outlet are two documents, as a fold of both keeps them;
    // the file already folded is still recognised.
    let text = "Harbour cranes stood idle in Tessvik on Friday after a storm damaged the power \
                line. The port authority said repairs would take at least three days.";
    std::fs::write(out("first.txt"), text).expect("write");
    std::fs::write(out("second.txt"), text).expect("write");
    succeed(&["fold", &path("first.txt"), "--out", &path("one"), "-q"]);
    let both = succeed(&[
        "fold",
        &path("first.txt"),
        &path("second.txt"),
        "--extend",
        &format!("{}/fold.json", path("one")),
        "--out",
        &path("two"),
    ]);
    let stderr = String::from_utf8_lossy(&both.stderr);
    assert!(
        stderr.contains("1 of 2 articles read was in the fold already"),
        "{stderr}"
    );
    let fold: serde_json::Value = serde_json::from_slice(&fold_json("two")).expect("JSON");
    assert_eq!(fold["articles"].as_array().map(Vec::len), Some(2), "{fold}");

    // Nothing readable: exit 1, nothing written.
    let (code, _, stderr) = newsfold_in(
        dir.path(),
        &[
            "fold",
            "nosuchfile.txt",
            "--extend",
            "two/fold.json",
            "--out",
            "three",
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("no article could be read"), "{stderr}");
    assert!(!out("three").exists());

    // The same as folding everything at once, but for the run's timings.
    succeed(&["fold", "examples", "--out", &path("once"), "-q"]);
    let stable = |name: &str| {
        let mut fold: serde_json::Value = serde_json::from_slice(&fold_json(name)).expect("JSON");
        fold.as_object_mut().expect("object").remove("run");
        fold
    };
    assert_eq!(stable("once"), stable("all"));
}

/// Issue 18: `brief` over inputs that are plainly several events briefed them as one. It now
/// makes the stories as `fold` does, says so on stderr and in the output, and briefs each in
/// turn, largest first; `--story N` picks one and `--one-story` briefs all as one.
#[test]
fn brief_over_several_events_says_so_and_briefs_each_story() {
    // examples/ holds three events: the bridge (7 articles), the port strike (5), the viaduct (2).
    let (code, text, stderr) = newsfold(&[
        "brief",
        &common::repo().join("examples").display().to_string(),
        "--format",
        "text",
        "--sentences",
        "2",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("the inputs hold 3 stories"), "{stderr}");
    assert!(
        stderr.contains("  1. ") && stderr.contains("(7 articles)"),
        "{stderr}"
    );
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("Story ")).collect();
    assert_eq!(headings.len(), 3, "{text}");
    assert!(headings[0].starts_with("Story 1 of 3: ") && headings[0].ends_with("(7 articles)"));
    assert!(headings[2].ends_with("(2 articles)"), "{text}");

    let run = |extra: &[&str]| {
        let mut args = vec!["brief", "examples", "-q"];
        args.extend_from_slice(extra);
        let out = succeed(&args);
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let md = run(&[]);
    assert!(md.contains("The inputs hold 3 stories, not one"), "{md}");
    assert_eq!(
        md.matches("\n## ").count() - md.matches("\n## Rejected").count(),
        3
    );

    let json: serde_json::Value =
        serde_json::from_str(&run(&["--format", "json", "--story", "2"])).expect("JSON");
    assert_eq!(json["articles"].as_array().map(Vec::len), Some(5), "{json}");
    assert_eq!(json["note"]["stories"], 3);
    assert_eq!(json["note"]["story"], 2);
    assert_eq!(json["note"]["others"].as_array().map(Vec::len), Some(2));

    let picked = run(&["--story", "3", "--format", "text"]);
    assert!(!picked.contains("Story "), "{picked}");
    let md = run(&["--story", "3"]);
    assert!(md.contains("this is story 3"), "{md}");
    assert!(md.contains("2 articles, 1 story"), "{md}");

    let one: serde_json::Value =
        serde_json::from_str(&run(&["--one-story", "--format", "json"])).expect("JSON");
    assert_eq!(one["articles"].as_array().map(Vec::len), Some(14));
    assert!(one.get("note").is_none(), "{one}");

    let (code, _, stderr) = newsfold(&[
        "brief",
        &common::repo().join("examples").display().to_string(),
        "--story",
        "4",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("--story 4: the inputs hold 3 stories"),
        "{stderr}"
    );

    // One event: no note, no heading, as before.
    let (code, text, stderr) = newsfold(&[
        "brief",
        &common::repo().join("examples/bridge").display().to_string(),
        "--format",
        "text",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !stderr.contains("stories") && !text.contains("Story 1"),
        "{stderr}{text}"
    );
}

/// The keys of a JSON object.
fn keys(value: &serde_json::Value) -> Vec<String> {
    value
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

/// Issue 18: `extract --help` spoke of folding into fold.json, and `reuse --help` promised "one
/// JSON array" and printed an object. Each command's help names every field it writes, and
/// nothing that belongs to another command.
#[test]
fn each_help_says_what_its_command_writes() {
    let help = |command: &str| {
        let (code, stdout, _) = newsfold(&[command, "--help"]);
        assert_eq!(code, 0);
        stdout
    };
    // What only fold writes or reads, and the words of its exit codes.
    // The exit codes of every command, in `newsfold --help`.
    let top = newsfold(&["--help"]).1.replace('\n', " ");
    for code in [
        "0  done",
        "1  newsfold could not finish: no article could be read from the inputs",
        "2  the command line was wrong (fold and export refuse --out -",
        "3  outputs were written, but some inputs were rejected",
    ] {
        assert!(top.contains(code), "newsfold --help lacks {code:?}: {top}");
    }
    for command in ["extract", "reuse", "brief", "add", "export", "serve"] {
        let text = help(command);
        for foreign in ["--extend", "read and folded", "in fold.json)"] {
            assert!(!text.contains(foreign), "{command} --help says {foreign:?}");
        }
        assert!(text.contains("Exit status:"), "{command} --help");
    }
    let examples = common::repo().join("examples/bridge");
    let examples = examples.to_str().expect("utf-8 path");

    // extract: every field of its records, in both formats; json is an array.
    let text = help("extract").replace('\n', " ");
    let record = succeed(&["extract", examples, "-q"]);
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&record.stdout)
            .lines()
            .next()
            .expect("a line"),
    )
    .expect("JSON");
    for key in keys(&first) {
        assert!(text.contains(&key), "extract --help does not name {key}");
    }
    let array = succeed(&["extract", examples, "--format", "json", "-q"]);
    let array: serde_json::Value = serde_json::from_slice(&array.stdout).expect("JSON");
    assert!(array.is_array() && text.contains("one JSON array of the records"));
    assert!(
        !text.contains("fold.json") && !text.contains("folding"),
        "extract --help: {text}"
    );

    // reuse: json is one object with the keys the help names; jsonl lines have the types named.
    let text = help("reuse").replace('\n', " ");
    let document = succeed(&["reuse", examples, "--format", "json", "-q"]);
    let document: serde_json::Value = serde_json::from_slice(&document.stdout).expect("JSON");
    assert!(document.is_object(), "{document}");
    for key in keys(&document) {
        assert!(
            text.contains(&format!("\"{key}\"")),
            "reuse --help lacks {key}"
        );
    }
    assert!(text.contains("one JSON object"), "{text}");
    assert!(
        !text.contains("one JSON array") && !text.contains("reuse: an array"),
        "reuse --help promises an array"
    );
    assert!(
        !text.contains("--max-articles <N>"),
        "reuse does not apply --max-articles"
    );
    let lines = succeed(&["reuse", examples, "-q"]);
    for line in String::from_utf8_lossy(&lines.stdout).lines() {
        let line: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let kind = line["type"].as_str().expect("type");
        assert!(
            text.contains(&format!("\"{kind}\"")),
            "reuse --help lacks {kind}"
        );
    }

    // brief: the story's fields named in the help are in its JSON.
    let text = help("brief").replace('\n', " ");
    let story = succeed(&["brief", examples, "--format", "json", "-q"]);
    let story: serde_json::Value = serde_json::from_slice(&story.stdout).expect("JSON");
    for key in [
        "id",
        "headline",
        "articles",
        "outlets",
        "independent",
        "brief",
        "facts",
        "run",
    ] {
        assert!(story.get(key).is_some(), "brief --format json lacks {key}");
        assert!(text.contains(key), "brief --help lacks {key}");
    }
    for flag in ["--story", "--one-story", "largest first"] {
        assert!(text.contains(flag), "brief --help lacks {flag}");
    }

    // export refuses a missing store, serve starts one; fold: --out - refused.
    assert!(help("export").contains("no store at the path"));
    assert!(help("serve").contains("starts a new, empty one"));
    assert!(help("fold").contains("--out - included"));
}
