//! Article texts moved to a temporary file while reuse is found, for `newsfold reuse`.
//!
//! Finding reuse reads each text when it is sketched, and again only for the few articles of
//! each verified pair; nothing needs all texts at once. On a large corpus the texts are most of
//! the memory (280 MB of the 390 MB that 100,000 cleaned articles take), so when only reuse is
//! wanted the engine sketches the articles a chunk at a time and writes each chunk's texts to an
//! unnamed temporary file (in `TMPDIR`, removed when closed), emptying `Article::text`.
//! Verification reads a text back with a positioned read: no seek, no lock, from the page cache
//! while there is memory for it. If the file cannot be created or written, the texts not yet
//! written stay in memory and nothing else changes. On platforms without positioned reads
//! (other than Unix) nothing is spilled.

use std::borrow::Cow;
use std::fs::File;
use std::io::Write;

use rayon::prelude::*;

use newsfold_core::Article;
use newsfold_reuse::{Sketch, Texts, sketch};

/// Articles sketched (and spilled) together: big enough to keep both cores busy, small enough
/// that a chunk's texts are a few megabytes.
const CHUNK: usize = 2048;

/// Texts written to a temporary file: where each article's text starts and how long it is
/// (`None`: still in the article).
pub(crate) struct Spill {
    file: File,
    at: Vec<Option<(u64, u32)>>,
}

impl Spill {
    /// Put the articles' spill positions in a new order: `order[k]` is the old position of the
    /// article now at `k`.
    pub(crate) fn reorder(&mut self, order: &[usize]) {
        self.at = order.iter().map(|&k| self.at[k]).collect();
    }
}

/// Writes texts to the temporary file, a batch at a time.
pub(crate) struct Spiller {
    /// The file and the length written so far; `None` when spilling is off or has failed.
    file: Option<(File, u64)>,
    at: Vec<Option<(u64, u32)>>,
}

impl Spiller {
    /// A spiller writing to a new temporary file, or one that keeps every text in memory when
    /// `spill` is false, on platforms without positioned reads, or when no temporary file can
    /// be made.
    pub(crate) fn new(spill: bool) -> Spiller {
        let file = (spill && cfg!(unix))
            .then(|| tempfile::tempfile().ok())
            .flatten();
        Spiller {
            file: file.map(|f| (f, 0)),
            at: Vec::new(),
        }
    }

    /// Write the texts of `batch` (the next articles, in the order of the final [`Spill`]) and
    /// empty them. A failed write leaves them, and every later text, in memory.
    pub(crate) fn spill(&mut self, batch: &mut [Article]) {
        let Some((file, offset)) = self.file.as_mut() else {
            self.at.extend(batch.iter().map(|_| None));
            return;
        };
        // Texts are far below 4 GiB (inputs are limited to 16 MB by default); one that is not
        // simply stays in memory.
        let fits = |a: &Article| u32::try_from(a.text.len()).is_ok();
        let mut bytes = Vec::with_capacity(batch.iter().map(|a| a.text.len()).sum());
        batch
            .iter()
            .filter(|a| fits(a))
            .for_each(|a| bytes.extend_from_slice(a.text.as_bytes()));
        if file.write_all(&bytes).is_err() {
            self.file = None;
            self.at.extend(batch.iter().map(|_| None));
            return;
        }
        for a in batch.iter_mut() {
            match u32::try_from(a.text.len()) {
                Ok(len) => {
                    self.at.push(Some((*offset, len)));
                    *offset += u64::from(len);
                    a.text = String::new();
                }
                Err(_) => self.at.push(None),
            }
        }
    }

    /// The texts written, if any were.
    pub(crate) fn finish(self) -> Option<Spill> {
        let (file, _) = self.file?;
        Some(Spill { file, at: self.at })
    }
}

/// Sketch every article; when `spill` is set, also move the texts to a temporary file. `tick` is
/// called once per article.
pub(crate) fn sketch_all(
    articles: &mut [Article],
    spill: bool,
    tick: &(dyn Fn() + Sync),
) -> (Vec<Sketch>, Option<Spill>) {
    let mut spiller = Spiller::new(spill);
    let mut sketches = Vec::with_capacity(articles.len());
    for chunk in articles.chunks_mut(CHUNK) {
        sketches.par_extend(chunk.par_iter().map(|a| {
            let s = sketch(&a.text);
            tick();
            s
        }));
        spiller.spill(chunk);
    }
    (sketches, spiller.finish())
}

/// The texts of `articles`, from the articles or from the spill.
pub(crate) struct Held<'a> {
    pub articles: &'a [Article],
    pub spill: Option<&'a Spill>,
}

impl Texts for Held<'_> {
    fn text(&self, i: usize) -> Cow<'_, str> {
        match self.spill.and_then(|s| s.at[i].map(|at| (s, at))) {
            Some((spill, (offset, len))) => Cow::Owned(read_back(&spill.file, offset, len, i)),
            None => Cow::Borrowed(&self.articles[i].text),
        }
    }

    fn text_len(&self, i: usize) -> usize {
        match self.spill.and_then(|s| s.at[i]) {
            Some((_, len)) => len as usize,
            None => self.articles[i].text.len(),
        }
    }
}

/// Read back a text this process wrote. It cannot fail short of the file system failing under
/// us; then the run stops with a message rather than reporting relations without their text.
#[cfg(unix)]
fn read_back(file: &File, offset: u64, len: u32, i: usize) -> String {
    use std::os::unix::fs::FileExt;
    let mut bytes = vec![0; len as usize];
    if let Err(e) = file.read_exact_at(&mut bytes, offset) {
        panic!("could not read back the text of article {i} from the temporary file: {e}");
    }
    // Written from a `String`: valid UTF-8 unless the disk changed it.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Nothing is spilled where positioned reads are missing ([`sketch_all`] checks `cfg!(unix)`).
#[cfg(not(unix))]
fn read_back(_: &File, _: u64, _: u32, i: usize) -> String {
    unreachable!("article {i}: texts are spilled only on Unix")
}

#[cfg(test)]
mod tests {
    use super::{Held, sketch_all};
    use newsfold_core::Article;
    use newsfold_reuse::Texts;

    #[test]
    fn spilled_texts_read_back_as_they_were() {
        let texts: Vec<String> = (0..5000)
            .map(|k| format!("Article number {k} says “é” {}", "word ".repeat(k % 7)))
            .collect();
        let mut articles: Vec<Article> = texts
            .iter()
            .map(|t| Article {
                text: t.clone(),
                ..Article::default()
            })
            .collect();
        let (sketches, spill) = sketch_all(&mut articles, true, &|| {});
        assert_eq!(sketches.len(), 5000);
        assert!(spill.is_some() && articles.iter().all(|a| a.text.is_empty()));
        let held = Held {
            articles: &articles,
            spill: spill.as_ref(),
        };
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(held.text(i), t.as_str());
            assert_eq!(held.text_len(i), t.len());
        }
    }
}
