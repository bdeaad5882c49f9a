//! What the user named: stdin, files, and folders walked into files.
//!
//! Expansion is the only place that looks at folders. A file the user names is read whatever
//! its extension (they asked for it); a folder contributes only files with a known extension,
//! skipping hidden files and folders (`.git`, `.DS_Store`), so pointing newsfold at a project
//! folder does not read its images and lock files. Files come out sorted by path, so the same
//! arguments always give the same order. Symbolic links are followed, to files and to
//! folders alike, but every folder is walked once (by its canonical path): the real folders
//! first, then the linked ones in path order, so a link back to a folder already read (a
//! cycle, or a second name for a folder) is rejected by its name, never walked twice and
//! never skipped silently. Only regular files are read: a pipe, socket or device named as an
//! input, or found in a folder, is rejected at once rather than opened (a read from it could
//! wait forever); standard input is named `-`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use newsfold_core::Rejected;

use crate::format::has_known_extension;
use crate::problem::Problem;

/// One input to read: standard input or a file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Input {
    /// Standard input, named `-`.
    Stdin,
    /// A file, with its path as the user gave it (or as a folder walk joined it).
    File(PathBuf),
}

impl Input {
    /// The name reported in [`Raw::path`](newsfold_core::Raw) and
    /// [`Rejected::path`](newsfold_core::Rejected): `-` for stdin, else the path as given.
    pub fn name(&self) -> Cow<'_, str> {
        match self {
            Input::Stdin => Cow::Borrowed("-"),
            Input::File(path) => path.to_string_lossy(),
        }
    }
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// Expands the user's arguments into inputs: `-` is stdin; a folder is walked recursively
/// (files sorted by path, hidden entries skipped, only known extensions kept: `txt`, `text`,
/// `html`, `htm`, `xhtml`, `json`, `jsonl`, `ndjson`, `warc`, each optionally followed by
/// `.gz`); a named file is taken whatever its extension. A path that does not exist, a folder
/// that cannot be listed and a folder with nothing to read become rejections. An input named
/// twice is read once.
pub fn expand(args: &[String]) -> (Vec<Input>, Vec<Rejected>) {
    let mut inputs = Vec::new();
    let mut rejected = Vec::new();
    for arg in args {
        if arg == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = PathBuf::from(arg);
        match fs::metadata(&path) {
            Ok(metadata) if metadata.is_dir() => {
                let before = rejected.len();
                let files = walk_all(&path, &mut rejected);
                if files.is_empty() && rejected.len() == before {
                    rejected.push(rejection(&path, Problem::EmptyFolder));
                }
                inputs.extend(files.into_iter().map(Input::File));
            }
            Ok(metadata) if metadata.is_file() => inputs.push(Input::File(path)),
            Ok(_) => rejected.push(rejection(&path, Problem::NotRegularFile)),
            Err(error) => {
                rejected.push(rejection(&path, Problem::from_io(error, "file or folder")))
            }
        }
    }
    let mut seen = HashSet::new();
    inputs.retain(|input| seen.insert(input.clone()));
    // A file rejected both in a folder walk and by name (`.` and `loop.txt`) is named once.
    let mut seen = HashSet::new();
    rejected.retain(|r| seen.insert((same_file(&r.path), r.reason.clone())));
    (inputs, rejected)
}

/// The readable files under `root`, sorted: the real folders are walked first, then the
/// folders that symbolic links lead to, each once.
fn walk_all(root: &Path, rejected: &mut Vec<Rejected>) -> Vec<PathBuf> {
    let mut walk = Walk {
        files: Vec::new(),
        walked: HashMap::new(),
        links: Vec::new(),
    };
    walk.folder(root, rejected);
    while !walk.links.is_empty() {
        let mut links = std::mem::take(&mut walk.links);
        links.sort();
        for link in links {
            walk.folder(&link, rejected);
        }
    }
    walk.files.sort();
    walk.files
}

/// A folder walk in progress.
struct Walk {
    files: Vec<PathBuf>,
    /// Every folder walked, by canonical path, with the path it was walked under.
    walked: HashMap<PathBuf, PathBuf>,
    /// Links to folders met and not yet walked.
    links: Vec<PathBuf>,
}

impl Walk {
    /// Collects the readable files in `folder` and walks its real subfolders, keeping links to
    /// folders for later; a folder already walked under another name is rejected by this one.
    fn folder(&mut self, folder: &Path, rejected: &mut Vec<Rejected>) {
        let canonical = fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
        if let Some(first) = self.walked.get(&canonical) {
            let first = first.to_string_lossy().into_owned();
            rejected.push(rejection(folder, Problem::LinkLoop(first)));
            return;
        }
        self.walked.insert(canonical, folder.to_path_buf());
        let entries = match fs::read_dir(folder) {
            Ok(entries) => entries,
            Err(error) => {
                rejected.push(rejection(folder, cannot_list(error)));
                return;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    rejected.push(rejection(folder, cannot_list(error)));
                    continue;
                }
            };
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                self.folder(&path, rejected);
            } else if kind.is_symlink() {
                self.link(path, rejected);
            } else {
                self.file(path, kind.is_file(), rejected);
            }
        }
    }

    /// A symbolic link: to a folder (walked later), a file, or nothing (rejected).
    fn link(&mut self, path: PathBuf, rejected: &mut Vec<Rejected>) {
        match fs::metadata(&path) {
            Ok(target) if target.is_dir() => self.links.push(path),
            Ok(target) => self.file(path, target.is_file(), rejected),
            Err(_) if !has_known_extension(&path) => {}
            Err(error) => rejected.push(rejection(&path, Problem::from_io(error, "file"))),
        }
    }

    /// A file with a known extension is kept when it is a regular file, rejected otherwise.
    fn file(&mut self, path: PathBuf, regular: bool, rejected: &mut Vec<Rejected>) {
        if !has_known_extension(&path) {
            return;
        }
        if regular {
            self.files.push(path);
        } else {
            rejected.push(rejection(&path, Problem::NotRegularFile));
        }
    }
}

/// A path without its `.` components: `./a.txt` and `a.txt` name the same file.
fn same_file(path: &str) -> PathBuf {
    Path::new(path)
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

fn cannot_list(error: std::io::Error) -> Problem {
    match error.kind() {
        std::io::ErrorKind::PermissionDenied => Problem::PermissionDenied { what: "folder" },
        _ => Problem::CannotList(error),
    }
}

fn rejection(path: &Path, problem: Problem) -> Rejected {
    Rejected {
        path: path.to_string_lossy().into_owned(),
        record: None,
        reason: problem.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders() {
        let temp = tempfile::tempdir().expect("temp folder");
        let root = temp.path();
        for name in [
            "b.txt",
            "a/z.json",
            "a/.git/x.txt",
            "a.txt.gz",
            "c.WARC.GZ",
            "d.png",
            "e/f.md",
        ] {
            let path = root.join(name);
            fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
            fs::write(path, "x").expect("write");
        }
        let arg = |name: &str| root.join(name).to_string_lossy().into_owned();
        let (inputs, rejected) = expand(&[arg(""), arg("b.txt"), arg("e"), arg("nope")]);
        let names: Vec<String> = inputs
            .iter()
            .map(|input| {
                input
                    .name()
                    .trim_start_matches(&*root.to_string_lossy())
                    .to_string()
            })
            .collect();
        assert_eq!(
            names,
            ["/a/z.json", "/a.txt.gz", "/b.txt", "/c.WARC.GZ"],
            "sorted; b.txt once"
        );
        let reasons: Vec<(String, &str)> = rejected
            .iter()
            .map(|r| {
                (
                    r.path
                        .trim_start_matches(&*root.to_string_lossy())
                        .to_string(),
                    r.reason.as_str(),
                )
            })
            .collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert_eq!(reasons[0].0, "/e");
        assert!(
            reasons[0].1.starts_with("no files to read in this folder"),
            "{}",
            reasons[0].1
        );
        assert_eq!(reasons[1], ("/nope".to_string(), "no such file or folder"));
    }

    #[test]
    fn names() {
        assert_eq!(Input::Stdin.name(), "-");
        assert_eq!(
            Input::File(PathBuf::from("corpus/a.txt")).to_string(),
            "corpus/a.txt"
        );
    }
}
