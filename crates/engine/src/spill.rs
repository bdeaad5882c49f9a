//! Article texts moved to a temporary file while reuse is found, for `newsfold reuse`.
//!
//! Finding reuse reads each text when it is sketched, and again only for the few articles of
//! each verified pair; nothing needs all texts at once. On a large corpus the texts are most of
//! the memory (280 MB of the 390 MB that 100,000 cleaned articles take), so when only reuse is
//! wanted the engine writes the texts a batch at a time to an unnamed temporary file (in
//! `TMPDIR`, removed when closed) as records become articles, emptying `Article::text`
//! (`streamed.rs`). A text that cleaning changes later (recurring lines) is written again at
//! the end. Texts are read back with positioned reads, and written with positioned writes: no
//! seek, no lock, from the page cache while there is memory for it. If the file cannot be
//! created or written, the texts not yet written stay in memory (those written stay readable)
//! and nothing else changes. On platforms without positioned I/O (other than Unix) nothing is
//! spilled.

use std::borrow::Cow;
use std::fs::File;

use newsfold_core::Article;
use newsfold_reuse::Texts;

/// Texts written to a temporary file: where each article's text starts and how long it is
/// (`None`: still in the article).
pub(crate) struct Spill {
    file: File,
    /// Bytes written so far: where the next text goes.
    end: u64,
    at: Vec<Option<(u64, u32)>>,
}

impl Spill {
    /// Whether the text of article `i` is in the file (else it is still in the article).
    pub(crate) fn is_spilled(&self, i: usize) -> bool {
        self.at[i].is_some()
    }

    /// The text of article `i`, read back; empty when it was not spilled.
    pub(crate) fn read(&self, i: usize) -> String {
        self.at[i].map_or_else(String::new, |(offset, len)| {
            read_back(&self.file, offset, len, i)
        })
    }

    /// Write the (changed) text of `article`, at position `i`, at the end of the file and
    /// empty it; the old bytes are left unused. A failed write leaves the text in the article.
    pub(crate) fn rewrite(&mut self, i: usize, article: &mut Article) {
        let Ok(len) = u32::try_from(article.text.len()) else {
            self.at[i] = None;
            return;
        };
        if write_at(&self.file, article.text.as_bytes(), self.end).is_ok() {
            self.at[i] = Some((self.end, len));
            self.end += u64::from(len);
            article.text = String::new();
            article.removed = Vec::new();
        } else {
            // The text stays in the article; whatever part was written is never read, and
            // later texts go after it.
            self.at[i] = None;
            self.end = self
                .file
                .metadata()
                .map_or(self.end, |m| m.len().max(self.end));
        }
    }

    /// Put the articles' spill positions in a new order: `order[k]` is the old position of the
    /// article now at `k`.
    pub(crate) fn reorder(&mut self, order: &[usize]) {
        self.at = order.iter().map(|&k| self.at[k]).collect();
    }
}

/// Writes texts to the temporary file, a batch at a time.
pub(crate) struct Spiller {
    /// The file and the length written so far; `None` when spilling is off.
    file: Option<(File, u64)>,
    /// A write failed: later texts stay in memory (those written before stay readable).
    failed: bool,
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
            failed: false,
            at: Vec::new(),
        }
    }

    /// Write the texts of `batch` (the next articles, in the order of the final [`Spill`]) and
    /// empty them, and their removed lines (which finding reuse never reads). A failed write
    /// leaves them, and every later text, in memory.
    pub(crate) fn spill(&mut self, batch: &mut [Article]) {
        let Some((file, offset)) = self.file.as_mut().filter(|_| !self.failed) else {
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
        if write_at(file, &bytes, *offset).is_err() {
            self.failed = true;
            self.at.extend(batch.iter().map(|_| None));
            return;
        }
        for a in batch.iter_mut() {
            match u32::try_from(a.text.len()) {
                Ok(len) => {
                    self.at.push(Some((*offset, len)));
                    *offset += u64::from(len);
                    a.text = String::new();
                    a.removed = Vec::new();
                }
                Err(_) => self.at.push(None),
            }
        }
    }

    /// The texts written, if any were.
    pub(crate) fn finish(self) -> Option<Spill> {
        let (file, written) = self.file?;
        // After a failed write, part of it may be in the file: new texts go after it.
        let end = if self.failed {
            file.metadata().map_or(written, |m| m.len().max(written))
        } else {
            written
        };
        Some(Spill {
            file,
            end,
            at: self.at,
        })
    }
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

/// Write `bytes` at `offset` (a positioned write: the file's cursor is not used).
#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.write_all_at(bytes, offset)
}

/// Nothing is spilled where positioned writes are missing ([`Spiller::new`] checks `cfg!(unix)`).
#[cfg(not(unix))]
fn write_at(_: &File, _: &[u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
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

/// Nothing is spilled where positioned reads are missing ([`Spiller::new`] checks `cfg!(unix)`).
#[cfg(not(unix))]
fn read_back(_: &File, _: u64, _: u32, i: usize) -> String {
    unreachable!("article {i}: texts are spilled only on Unix")
}

#[cfg(test)]
mod tests {
    use super::{Held, Spiller};
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
        let mut spiller = Spiller::new(true);
        for chunk in articles.chunks_mut(2048) {
            spiller.spill(chunk);
        }
        let mut spill = spiller.finish();
        assert!(spill.is_some() && articles.iter().all(|a| a.text.is_empty()));
        // A text written again is read back in its new form; the others are unchanged.
        let mut changed = Article {
            text: "Changed text of article 7.".into(),
            ..Article::default()
        };
        if let Some(spill) = spill.as_mut() {
            spill.rewrite(7, &mut changed);
            assert!(changed.text.is_empty() && spill.is_spilled(7));
            assert_eq!(spill.read(7), "Changed text of article 7.");
        }
        let mut texts = texts;
        texts[7] = "Changed text of article 7.".into();
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
