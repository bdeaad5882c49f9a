//! The harness the CLI tests share: run the real `newsfold` binary and read what it wrote.
//!
//! Tests read like the behaviour: `Run::fold(&["examples"]).env("RAYON_NUM_THREADS", "1")
//! .run()` gives the exit status, stderr and the parsed `fold.json`.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository root, where `examples/` and `docs/` live.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

/// A `newsfold fold` invocation being set up.
pub struct Run {
    args: Vec<String>,
    env: Vec<(String, String)>,
    dir: PathBuf,
    stdin: Option<Vec<u8>>,
    out: tempfile::TempDir,
}

/// What a run left behind.
pub struct Outcome {
    /// Exit status code.
    pub code: i32,
    /// Everything printed on stderr.
    pub stderr: String,
    /// fold.json as written.
    pub fold_text: String,
    /// fold.json, parsed.
    pub fold: serde_json::Value,
    /// report.html as written.
    pub report: String,
    /// brief.md as written.
    pub brief: String,
}

impl Run {
    /// `newsfold fold ARGS... --out TMP`, run from the repository root.
    pub fn fold(args: &[&str]) -> Run {
        Run {
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            env: Vec::new(),
            dir: repo(),
            stdin: None,
            out: tempfile::tempdir().expect("temporary folder"),
        }
    }

    /// Set an environment variable for the run.
    pub fn env(mut self, key: &str, value: &str) -> Run {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    /// Add more arguments.
    pub fn arg(mut self, arg: &str) -> Run {
        self.args.push(arg.to_owned());
        self
    }

    /// Feed these bytes on standard input.
    pub fn stdin(mut self, bytes: &[u8]) -> Run {
        self.stdin = Some(bytes.to_vec());
        self
    }

    /// Run in another folder.
    pub fn current_dir(mut self, dir: &Path) -> Run {
        self.dir = dir.to_owned();
        self
    }

    /// Run it and read the outputs.
    pub fn run(self) -> Outcome {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsfold"))
            .arg("fold")
            .args(&self.args)
            .arg("--out")
            .arg(self.out.path())
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .current_dir(&self.dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("newsfold runs");
        if let Some(mut pipe) = child.stdin.take() {
            pipe.write_all(self.stdin.as_deref().unwrap_or_default())
                .expect("write stdin");
        }
        let output = child.wait_with_output().expect("newsfold finishes");
        let read =
            |name: &str| std::fs::read_to_string(self.out.path().join(name)).unwrap_or_default();
        let fold_text = read("fold.json");
        let fold = serde_json::from_str(&fold_text).unwrap_or(serde_json::Value::Null);
        Outcome {
            code: output.status.code().unwrap_or(-1),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            fold,
            fold_text,
            report: read("report.html"),
            brief: read("brief.md"),
        }
    }
}

impl Outcome {
    /// fold.json without its `run` object, the part that must not differ between runs.
    pub fn stable(&self) -> serde_json::Value {
        let mut fold = self.fold.clone();
        if let Some(map) = fold.as_object_mut() {
            map.remove("run");
        }
        fold
    }

    /// The article with this id.
    pub fn article(&self, id: &str) -> &serde_json::Value {
        self.fold["articles"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["id"] == id))
            .unwrap_or_else(|| panic!("no article {id}"))
    }

    /// Ids of the articles of each story.
    pub fn story_members(&self) -> Vec<Vec<String>> {
        self.fold["stories"]
            .as_array()
            .map(|stories| {
                stories
                    .iter()
                    .map(|s| {
                        s["articles"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(|a| a.as_str().map(str::to_owned))
                            .collect()
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Validate fold.json against docs/fold.schema.json; panics listing the errors.
    pub fn assert_schema_valid(&self) {
        let schema: serde_json::Value =
            serde_json::from_str(newsfold_render::schema()).expect("schema is JSON");
        let validator = jsonschema::validator_for(&schema).expect("schema compiles");
        let errors: Vec<String> = validator
            .iter_errors(&self.fold)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "fold.json does not follow docs/fold.schema.json:\n{}",
            errors.join("\n")
        );
    }

    /// Run ../shared/tools/check-fold-json on the output when it is there.
    pub fn assert_contract(&self) {
        let checker = repo().join("../shared/tools/check-fold-json");
        if !checker.exists() {
            eprintln!(
                "note: {} not found; contract check skipped",
                checker.display()
            );
            return;
        }
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("fold.json");
        std::fs::write(&path, &self.fold_text).expect("write fold.json");
        let out = Command::new("python3")
            .arg(&checker)
            .arg(&path)
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "check-fold-json: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// Run newsfold from the repository root and require exit status 0.
pub fn succeed(args: &[&str]) -> std::process::Output {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsfold"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("newsfold runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
