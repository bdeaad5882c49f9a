//! Bad input never loses good input: broken and hostile files among good ones.
//!
//! The corpus is built in a temporary folder by the test itself, so the repository holds no
//! binary fixtures: a binary file, an empty file, a truncated gzip, malformed JSON, a malformed
//! JSON-lines record among good ones, a missing path, an oversized file, HTML carrying scripts
//! and event handlers, and a Latin-1 text file.

mod common;

use std::io::Write;

use common::Run;

const GOOD_TEXT: &str = "Harbour cranes stood idle in Tessvik on Friday after a storm damaged the power line.\n\
The port authority said repairs would take at least three days.\n\
Shipping lines diverted four container vessels to the neighbouring port of Ornhavn.";

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.path().join(name), bytes).expect("write fixture")
    };
    write("good.txt", GOOD_TEXT.as_bytes());
    // Latin-1: "café" and "Müller" as single bytes.
    write(
        "latin1.txt",
        b"Caf\xe9 owners in Norrvik protested on Monday against a new tax on terraces.\nMayor Ulla M\xfcller said the tax would fund street repairs.\nThe council will vote on the measure next week.",
    );
    write(
        "hostile.html",
        br#"<!doctype html><html><head><title>Council approves flood barrier</title>
<script>alert("title script")</script></head><body>
<article><h1>Council approves flood barrier</h1>
<p>The Vellmar city council approved a flood barrier on the Ansel river on Thursday, after two floods in three years.</p>
<p>Work on the barrier will begin in the spring and cost about 40 million crowns, the council said.</p>
<img src="x" onerror="alert(1)">
<p>Residents of the lower town, which flooded in both years, welcomed the decision at a public meeting.</p>
<script>document.write('<b>injected</b>')</script>
<p onclick="steal()">Opponents said the money would be better spent on drainage.</p>
</article></body></html>"#,
    );
    write(
        "markup-in-text.txt",
        b"Hackers posted <script>alert('x')</script> on the Tessvik council website on Sunday.\nThe council said no data was taken and the page was restored within an hour.\nPolice in Tessvik said they were investigating the attack.",
    );
    write("empty.txt", b"");
    write(
        "binary.txt",
        &[0u8, 159, 146, 150, 0, 1, 2, 3, 255, 254, 0, 0, 7, 8],
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(GOOD_TEXT.repeat(20).as_bytes()).expect("gzip");
    let gz = gz.finish().expect("gzip");
    write("truncated.txt.gz", &gz[..gz.len() / 2]);
    write(
        "broken.json",
        br#"{"title": "Unclosed", "text": "The object never ends."#,
    );
    write(
        "feed.jsonl",
        concat!(
            r#"{"id": "feed-1", "title": "Ferry service resumes", "outlet": "Tessvik Post", "published": "2026-02-02", "text": "Ferry service between Tessvik and Ornhavn resumed on Monday after a week of storms. The operator said all crossings would run to timetable."}"#,
            "\n",
            r#"{"id": "feed-2", "title": "broken", "text": "#,
            "\n",
            r#"{"id": "feed-3", "outlet": "Tessvik Post", "date": "2026-02-03", "content": "A new library opened in the old customs house in Tessvik on Tuesday. It holds forty thousand books and a reading room for children."}"#,
            "\n"
        )
        .as_bytes(),
    );
    write("huge.txt", GOOD_TEXT.repeat(400).as_bytes());
    // A JSON-lines dump larger than the limit as a whole: the limit applies to each record.
    let small = r#"{"id": "dump-1", "text": "A new bridge opened in Tessvik on Friday. Traffic moved freely across it."}"#;
    let big = format!(
        r#"{{"id": "dump-2", "text": "{}"}}"#,
        "Harbour news. ".repeat(2000)
    );
    write(
        "dump.jsonl",
        format!(
            "{small}\n{big}\n{small2}\n",
            small2 = small.replace("dump-1", "dump-3")
        )
        .as_bytes(),
    );
    // Unreadable even for root (tests run as root in CI, which ignores permission bits): a link
    // that points at itself cannot be opened.
    #[cfg(unix)]
    std::os::unix::fs::symlink("loop.txt", dir.path().join("loop.txt")).expect("symlink");
    dir
}

#[test]
fn good_articles_are_folded_and_bad_ones_rejected_by_name() {
    let dir = corpus();
    let out = Run::fold(&[".", "does-not-exist.txt", "loop.txt"])
        .arg("--max-file-size")
        .arg("20K")
        .current_dir(dir.path())
        .run();
    assert_eq!(
        out.code, 3,
        "some inputs were rejected, outputs written: {}",
        out.stderr
    );
    out.assert_schema_valid();
    out.assert_contract();

    let mut ids: Vec<&str> = out.fold["articles"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["id"].as_str())
        .collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "dump-1",
            "dump-3",
            "feed-1",
            "feed-3",
            "good",
            "hostile",
            "latin1",
            "markup-in-text"
        ]
    );

    let rejected: Vec<(String, String, String)> = out.fold["rejected"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or_default().to_owned();
            (s("path"), s("record"), s("reason"))
        })
        .collect();
    let reason = |path_end: &str| -> String {
        rejected
            .iter()
            .find(|(p, _, _)| p.ends_with(path_end))
            .map(|(_, record, reason)| format!("{record}|{reason}"))
            .unwrap_or_else(|| panic!("{path_end} not rejected; rejected: {rejected:?}"))
    };
    assert!(reason("empty.txt").contains("empty"));
    assert!(reason("binary.txt").contains("binary"));
    assert!(reason("truncated.txt.gz").contains("gzip"));
    assert!(reason("broken.json").contains("JSON"));
    assert!(
        reason("feed.jsonl").starts_with("line 2|"),
        "{}",
        reason("feed.jsonl")
    );
    assert!(reason("does-not-exist.txt").contains("no such file"));
    assert!(reason("huge.txt").contains("--max-file-size"));
    assert!(
        reason("loop.txt").contains("symbolic links"),
        "{}",
        reason("loop.txt")
    );
    assert!(
        reason("dump.jsonl").starts_with("line 2|record is"),
        "{}",
        reason("dump.jsonl")
    );
    assert_eq!(rejected.len(), 9, "{rejected:?}");
    for name in [
        "empty.txt",
        "binary.txt",
        "truncated.txt.gz",
        "broken.json",
        "feed.jsonl",
        "does-not-exist.txt",
        "huge.txt",
        "loop.txt",
        "dump.jsonl",
    ] {
        assert!(
            out.stderr.contains(name),
            "stderr does not name {name}: {}",
            out.stderr
        );
    }
}

#[test]
fn latin1_text_is_decoded() {
    let dir = corpus();
    let out = Run::fold(&["latin1.txt"]).current_dir(dir.path()).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = out.article("latin1")["text"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(text.starts_with("Café owners"), "{text}");
    assert!(text.contains("Ulla Müller"), "{text}");
}

#[test]
fn hostile_markup_never_reaches_the_report() {
    let dir = corpus();
    let out = Run::fold(&["hostile.html", "markup-in-text.txt", "good.txt"])
        .current_dir(dir.path())
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let hostile = out.article("hostile")["text"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(hostile.contains("flood barrier"), "{hostile}");
    assert!(
        !hostile.contains("alert"),
        "script text leaked into the article: {hostile}"
    );
    let report = out.report.to_lowercase();
    assert!(
        !report.contains("<script"),
        "report.html carries a script tag"
    );
    assert!(
        !report.contains("onerror"),
        "report.html carries an onerror attribute"
    );
    assert!(
        !report.contains("onclick"),
        "report.html carries an onclick attribute"
    );
    assert!(
        !report.contains("<b>injected"),
        "report.html carries injected markup"
    );
    // Markup written as text in an article is shown as text.
    assert!(
        out.report.contains("&lt;script&gt;alert("),
        "escaped article text is missing"
    );
}

/// Run newsfold in `dir` with `args`: exit code and stderr.
fn newsfold_in(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsfold"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("newsfold runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Issue 18: `fold nosuchfile.txt` wrote an empty fold (exit 3). When not one article can be
/// read, every command exits 1, names each rejection, and writes nothing: no output folder, no
/// file, no store.
#[test]
fn nothing_readable_writes_nothing_and_exits_1() {
    let dir = corpus();
    let inputs: &[&[&str]] = &[
        &["empty.txt", "binary.txt"],
        &["nosuchfile.txt"],
        &["empty.txt", "nosuchfile.txt", "broken.json", "loop.txt"],
    ];
    for inputs in inputs {
        let commands: [(&str, &[&str], &str); 7] = [
            ("fold", &["--out", "out"], "out"),
            ("fold", &["--db", "fold.db", "--out", "out"], "fold.db"),
            ("add", &["--db", "add.db"], "add.db"),
            ("extract", &["--out", "x.jsonl"], "x.jsonl"),
            (
                "extract",
                &["--format", "json", "--out", "x.json"],
                "x.json",
            ),
            ("reuse", &["--out", "r.jsonl"], "r.jsonl"),
            ("brief", &["--out", "b.md"], "b.md"),
        ];
        for (command, flags, written) in commands {
            let args: Vec<&str> = std::iter::once(command)
                .chain(inputs.iter().copied())
                .chain(flags.iter().copied())
                .collect();
            let (code, stderr) = newsfold_in(dir.path(), &args);
            assert_eq!(code, 1, "{args:?}: {stderr}");
            assert!(
                stderr.contains("no article could be read"),
                "{args:?}: {stderr}"
            );
            for input in *inputs {
                assert!(
                    stderr.contains(&format!("rejected {input}")),
                    "{args:?} does not name {input}: {stderr}"
                );
            }
            assert!(
                !dir.path().join(written).exists(),
                "{args:?} wrote {written}"
            );
        }
    }
}

/// Inputs partly bad are still folded, and the run says so with exit 3 (README, "Exit status").
#[test]
fn partly_readable_inputs_are_folded_with_exit_3() {
    let dir = corpus();
    let out = Run::fold(&["good.txt", "nosuchfile.txt", "empty.txt"])
        .current_dir(dir.path())
        .run();
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(out.fold["articles"].as_array().map(Vec::len), Some(1));
    assert_eq!(out.fold["rejected"].as_array().map(Vec::len), Some(2));
    for command in ["extract", "reuse", "brief"] {
        let (code, stderr) = newsfold_in(
            dir.path(),
            &[
                command,
                "good.txt",
                "nosuchfile.txt",
                "--out",
                "partial.out",
            ],
        );
        assert_eq!(code, 3, "{command}: {stderr}");
        assert!(dir.path().join("partial.out").exists(), "{command}");
        std::fs::remove_file(dir.path().join("partial.out")).expect("remove");
    }
}

#[test]
fn bad_pages_give_warnings_and_never_stop_the_run() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let write =
        |name: &str, text: &str| std::fs::write(dir.path().join(name), text).expect("write");
    // Cut off mid-page: no </body>, no </html>.
    write(
        "truncated.html",
        "<html><head><title>Ferry resumes</title></head><body><article>\
         <p>Ferry service between Tessvik and Ornhavn resumed on Monday after a week of storms.</p>\
         <p>The operator said all crossings would run to timetable from Tuesday morning on.</p>\
         <p>Passengers who missed crossings during the storms can use their tickets until the end",
    );
    // A page with navigation and nothing to read.
    write(
        "no-body.html",
        "<html><head><title>Index</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
    );
    // Declared English, written in French.
    write(
        "french.html",
        "<html lang=\"en\"><head><title>Le traversier reprend</title></head><body><article>\
         <p>Le service de traversier entre Tessvik et Ornhavn a repris lundi après une semaine de tempêtes violentes sur la côte.</p>\
         <p>L'opérateur a déclaré que toutes les traversées seraient assurées selon l'horaire habituel dès mardi matin.</p>\
         </article></body></html>",
    );
    write("good.txt", GOOD_TEXT);
    let out = Run::fold(&["."]).current_dir(dir.path()).run();
    assert_eq!(out.code, 3, "{}", out.stderr);
    let warnings = |id: &str| out.article(id)["warnings"].to_string();
    assert!(
        warnings("truncated").contains("truncated"),
        "{}",
        warnings("truncated")
    );
    assert!(
        out.article("truncated")["text"]
            .as_str()
            .is_some_and(|t| t.contains("resumed on Monday"))
    );
    assert!(
        warnings("french").contains("but its text reads as"),
        "{}",
        warnings("french")
    );
    assert_eq!(out.article("french")["language"], "fr");
    let rejected = out.fold["rejected"].to_string();
    assert!(
        rejected.contains("no-body.html") && rejected.contains("no article text"),
        "{rejected}"
    );
    assert_eq!(out.article("good")["warnings"], serde_json::json!([]));
}
