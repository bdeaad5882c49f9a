//! `newsfold fold examples/`: the team's example corpus, folded end to end.
//!
//! The expected fold is a snapshot (`snapshots/examples__examples_fold.snap`): any change to what
//! newsfold says about the examples shows up as a diff to review. The other tests pin the
//! behaviours the examples were written to exercise, so a snapshot update cannot quietly lose
//! them.

mod common;

use common::Run;

#[test]
fn examples_fold() {
    let out = Run::fold(&["examples"]).run();
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    out.assert_schema_valid();
    out.assert_contract();
    insta::assert_json_snapshot!(out.stable());
}

#[test]
fn examples_form_one_story_per_event() {
    let out = Run::fold(&["examples"]).run();
    let mut stories = out.story_members();
    stories.sort();
    // The ground truth of examples/README.md: two bridge collapses in different countries are
    // two stories, and the port strike a third.
    let bridge = [
        "cbd-0312-bridge-freight",
        "keldport-courier-verbatim",
        "meridian-review-rewrite",
        "npa-wire-hessel-bridge",
        "ost-0311-bridge",
        "rbn-independent",
        "saltmere-herald-syndicated",
    ];
    let port = [
        "coastline-business-daily",
        "npa-wire-vessary-strike",
        "ost-0317-port",
        "rbn-strike-day-three",
        "shd-0317-port",
    ];
    let viaduct = ["aurenne-daily-post-corvel", "rbn-0324-viaduct"];
    let mut want: Vec<Vec<String>> = [&bridge[..], &port[..], &viaduct[..]]
        .iter()
        .map(|g| g.iter().map(|s| (*s).to_owned()).collect())
        .collect();
    want.sort();
    assert_eq!(stories, want);
}

#[test]
fn copies_are_recognised_with_their_source() {
    let out = Run::fold(&["examples"]).run();
    let reuse = out.fold["reuse"].as_array().expect("reuse list");
    let relation = |source: &str, copy: &str| {
        reuse
            .iter()
            .find(|r| r["source"] == source && r["copy"] == copy)
            .map(|r| r["kind"].as_str().unwrap_or_default().to_owned())
    };
    assert_eq!(
        relation("npa-wire-hessel-bridge", "keldport-courier-verbatim").as_deref(),
        Some("duplicate")
    );
    assert_eq!(
        relation("npa-wire-hessel-bridge", "saltmere-herald-syndicated").as_deref(),
        Some("copy")
    );
    assert_eq!(
        relation("npa-wire-vessary-strike", "shd-0317-port").as_deref(),
        Some("duplicate")
    );
    // The light rewrite with its own framing takes some of the wire's sentences, reworded.
    assert_eq!(
        relation("npa-wire-hessel-bridge", "meridian-review-rewrite").as_deref(),
        Some("partial")
    );
    // Quoting the same union leader is not copying.
    assert_eq!(
        relation("npa-wire-vessary-strike", "coastline-business-daily").as_deref(),
        Some("quotes")
    );
    let bridge_story = out.fold["stories"]
        .as_array()
        .and_then(|s| {
            s.iter().find(|s| {
                s["articles"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|x| x == "npa-wire-hessel-bridge"))
            })
        })
        .expect("the bridge story");
    // Seven articles, but the wire, its verbatim copy and its syndicated copy are one origin.
    assert_eq!(bridge_story["articles"].as_array().map(Vec::len), Some(7));
    assert_eq!(bridge_story["independent"], 5);
}

#[test]
fn metadata_and_boilerplate_are_taken_out_of_the_text() {
    let out = Run::fold(&["examples"]).run();
    let wire = out.article("npa-wire-hessel-bridge");
    assert_eq!(wire["published"], "2026-03-11");
    assert_eq!(wire["dateline"], "KELDPORT, March 11 (NPA)");
    assert_eq!(
        wire["credits"],
        serde_json::json!(["Northline Press Agency"])
    );
    let syndicated = out.article("saltmere-herald-syndicated");
    assert_eq!(syndicated["syndicated"], true);
    let rbn = out.article("rbn-independent");
    assert_eq!(
        rbn["published"], "2026-03-12",
        "the dateline's year comes from the other articles"
    );
    for article in out.fold["articles"].as_array().into_iter().flatten() {
        let text = article["text"].as_str().unwrap_or_default();
        for needle in [
            "Read more",
            "syndicated feed",
            "NORTHLINE PRESS AGENCY",
            "https://",
            "Share this",
            "(NPA) —",
        ] {
            assert!(
                !text.contains(needle),
                "{} still holds {needle:?}",
                article["id"]
            );
        }
    }
}

#[test]
fn every_brief_sentence_is_a_real_cited_sentence() {
    let out = Run::fold(&["examples"]).run();
    for story in out.fold["stories"].as_array().into_iter().flatten() {
        let brief = story["brief"].as_array().expect("brief");
        assert!(
            brief.len() >= 2,
            "story {} has a brief of {}",
            story["id"],
            brief.len()
        );
        for line in brief {
            let text = line["text"].as_str().unwrap_or_default();
            let spans = line["spans"].as_array().expect("spans");
            assert!(!spans.is_empty());
            assert_eq!(line["sources"].as_array().map(Vec::len), Some(spans.len()));
            // The sentence stands, as written, in at least one of its sources.
            let found = line["sources"].as_array().into_iter().flatten().any(|id| {
                out.article(id.as_str().unwrap_or_default())["text"]
                    .as_str()
                    .is_some_and(|t| t.contains(text))
            });
            assert!(found, "brief sentence not found in its sources: {text}");
        }
    }
    assert!(out.brief.contains("independent origin"));
}

#[test]
fn output_does_not_depend_on_input_order_or_threads() {
    let mut files: Vec<String> = walk(&common::repo().join("examples"))
        .into_iter()
        .filter(|p| !p.ends_with(".md"))
        .collect();
    files.sort();
    let forward = Run::fold(&files.iter().map(String::as_str).collect::<Vec<_>>()).run();
    files.reverse();
    let backward = Run::fold(&files.iter().map(String::as_str).collect::<Vec<_>>())
        .env("RAYON_NUM_THREADS", "1")
        .run();
    let many = Run::fold(&["examples"]).env("RAYON_NUM_THREADS", "4").run();
    assert_eq!(forward.code, 0);
    assert_eq!(
        serde_json::to_string_pretty(&forward.stable()).ok(),
        serde_json::to_string_pretty(&backward.stable()).ok()
    );
    let strip_run = |text: &str| text[..text.find("\n  \"run\"").unwrap_or(text.len())].to_owned();
    assert_eq!(
        strip_run(&forward.fold_text),
        strip_run(&backward.fold_text),
        "byte for byte, apart from run"
    );
    assert_eq!(
        strip_run(&many.fold_text),
        strip_run(
            &Run::fold(&["examples"])
                .env("RAYON_NUM_THREADS", "1")
                .run()
                .fold_text
        )
    );
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("examples folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path.to_string_lossy().into_owned());
        }
    }
    out
}

#[test]
fn extending_a_fold_gives_the_stories_of_one_fold_and_keeps_story_ids() {
    let first = Run::fold(&["examples/bridge", "examples/feeds.jsonl"]).run();
    assert_eq!(first.code, 0, "stderr: {}", first.stderr);
    let dir = tempfile::tempdir().expect("temporary folder");
    let previous = dir.path().join("fold.json");
    std::fs::write(&previous, &first.fold_text).expect("write the first fold");
    let extended = Run::fold(&["examples/port", "examples/viaduct"])
        .arg("--extend")
        .arg(previous.to_str().expect("utf-8 path"))
        .run();
    assert_eq!(extended.code, 0, "stderr: {}", extended.stderr);
    extended.assert_schema_valid();
    let at_once = Run::fold(&["examples"]).run();

    let mut batched = extended.story_members();
    let mut once = at_once.story_members();
    batched.sort();
    once.sort();
    assert_eq!(batched, once, "batches and all at once give other stories");

    // Every story of the first fold is still there under its id, with all its articles.
    for story in first.fold["stories"].as_array().expect("stories") {
        let id = &story["id"];
        let now = extended.fold["stories"]
            .as_array()
            .and_then(|s| s.iter().find(|x| &x["id"] == id))
            .unwrap_or_else(|| panic!("story {id} lost its id"));
        for article in story["articles"].as_array().expect("articles") {
            assert!(
                now["articles"]
                    .as_array()
                    .expect("articles")
                    .contains(article),
                "{article} left story {id}"
            );
        }
    }
}

#[test]
fn extending_with_a_file_that_is_not_a_fold_is_a_clear_error() {
    let out = Run::fold(&["examples/port"])
        .arg("--extend")
        .arg("examples/README.md")
        .run();
    assert_eq!(out.code, 1, "stderr: {}", out.stderr);
    assert!(
        out.stderr.contains("examples/README.md is not a fold.json"),
        "{}",
        out.stderr
    );
}

/// Run `fold examples/port --extend` on the fold of examples/bridge after `corrupt` edits it.
fn extend_corrupted(corrupt: impl FnOnce(&mut serde_json::Value)) -> (String, common::Outcome) {
    let first = Run::fold(&["examples/bridge"]).run();
    assert_eq!(first.code, 0, "stderr: {}", first.stderr);
    let mut fold = first.fold.clone();
    corrupt(&mut fold);
    let dir = tempfile::tempdir().expect("temporary folder");
    let previous = dir.path().join("fold.json");
    std::fs::write(&previous, fold.to_string()).expect("write the corrupted fold");
    let path = previous.to_str().expect("utf-8 path").to_owned();
    let out = Run::fold(&["examples/port"])
        .arg("--extend")
        .arg(&path)
        .run();
    (path, out)
}

#[test]
fn extending_a_fold_whose_spans_do_not_fit_its_text_names_the_record_and_does_not_panic() {
    // Issue 17: this exited 101 with nothing written.
    let (path, out) = extend_corrupted(|fold| {
        fold["articles"][2]["sentences"][1] = serde_json::json!([0, 1_000_000]);
    });
    assert_eq!(out.code, 1, "stderr: {}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert!(
        out.stderr.contains(&path)
            && out.stderr.contains("articles[2]")
            && out.stderr.contains("sentence 1")
            && out.stderr.contains("does not fit"),
        "{}",
        out.stderr
    );
    // A span that ends inside a character is as bad as one past the end.
    let mut which = usize::MAX;
    let (_, out) = extend_corrupted(|fold| {
        let articles = fold["articles"].as_array_mut().expect("articles");
        let (k, inside) = articles
            .iter()
            .enumerate()
            .find_map(|(k, a)| {
                let text = a["text"].as_str()?;
                (1..text.len())
                    .find(|&at| !text.is_char_boundary(at))
                    .map(|at| (k, at))
            })
            .expect("an example text has a character of several bytes");
        articles[k]["sentences"][0] = serde_json::json!([0, inside]);
        which = k;
    });
    assert_eq!(out.code, 1, "stderr: {}", out.stderr);
    assert!(
        out.stderr.contains(&format!("articles[{which}]")),
        "{}",
        out.stderr
    );
}

#[test]
fn extending_a_fold_with_an_article_id_twice_is_refused() {
    let (_, out) = extend_corrupted(|fold| {
        let id = fold["articles"][0]["id"].clone();
        fold["articles"][1]["id"] = id;
    });
    assert_eq!(out.code, 1, "stderr: {}", out.stderr);
    assert!(
        out.stderr.contains("articles[1]") && out.stderr.contains("already held"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_injury_counts_conflict_and_dated_facts_form_a_timeline() {
    let out = Run::fold(&["examples"]).run();
    let stories = out.fold["stories"].as_array().expect("stories");
    let bridge = stories
        .iter()
        .find(|s| {
            s["articles"]
                .as_array()
                .is_some_and(|a| a.iter().any(|id| id == "rbn-independent"))
        })
        .expect("the bridge story");
    // RBN counts 47 injured, every other origin 43: one conflict, those two values.
    let conflicts = bridge["conflicts"].as_array().expect("conflicts");
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let values: Vec<(f64, Vec<&str>)> = conflicts[0]["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|v| {
            (
                v["value"].as_f64().unwrap_or(0.0),
                v["sources"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|s| s.as_str())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(values.len(), 2);
    assert_eq!(values[0].0, 43.0);
    assert_eq!(
        (values[1].0, values[1].1.clone()),
        (47.0, vec!["rbn-independent"])
    );
    // The timeline is in date order, and "on Tuesday" in articles of Wednesday 11 March 2026
    // resolves to 10 March.
    let timeline = bridge["timeline"].as_array().expect("timeline");
    let dates: Vec<&str> = timeline.iter().filter_map(|d| d["date"].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(
        timeline.iter().any(|d| d["date"] == "2026-03-10"
            && d["text"].as_str().is_some_and(|t| t.contains("on Tuesday"))),
        "{timeline:?}"
    );
}

/// One line of `testdata/independent.toml`.
#[derive(serde::Deserialize)]
struct Independent {
    kind: String,
    text: String,
    independent: u64,
    why: String,
}

#[test]
fn every_statement_counts_the_origins_a_careful_reader_counts() {
    #[derive(serde::Deserialize)]
    struct Table {
        case: Vec<Independent>,
    }
    let path = common::repo().join("crates/cli/testdata/independent.toml");
    let table: Table = toml::from_str(&std::fs::read_to_string(&path).expect("table"))
        .expect("independent.toml parses");
    let out = Run::fold(&["examples"]).run();
    let mut failures = Vec::new();
    for story in out.fold["stories"].as_array().expect("stories") {
        let cited = ["brief", "facts"]
            .iter()
            .flat_map(|part| story[*part].as_array().expect("cited list"))
            .map(|c| ("statement", c["text"].as_str().unwrap_or_default(), c));
        let quotes = story["quotes"].as_array().expect("quotes").iter().map(|q| {
            (
                "quote",
                q["variants"][0]["text"].as_str().unwrap_or_default(),
                q,
            )
        });
        for (kind, text, item) in cited.chain(quotes) {
            let sources = item["sources"].as_array().map_or(0, Vec::len);
            let got = item["independent"].as_u64().unwrap_or_default();
            let want = table
                .case
                .iter()
                .find(|c| c.kind == kind && text.starts_with(&c.text));
            match want {
                Some(c) if c.independent != got => failures.push(format!(
                    "{kind} {text:?}: {got} independent, want {} ({})",
                    c.independent, c.why
                )),
                None if sources > 1 => failures.push(format!(
                    "{kind} {text:?} ({sources} sources, {got} independent) is not in the table"
                )),
                None if got != 1 => {
                    failures.push(format!("{kind} {text:?}: one source, {got} independent"))
                }
                _ => {}
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
