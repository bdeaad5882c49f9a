//! Byte ranges into an article's cleaned text.
//!
//! A [`Span`] is how every later stage points back at the words it used: a sentence, an aligned
//! passage, a cited brief line. Offsets are `u32` because articles are capped far below 4 GiB
//! and spans are stored by the million.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into an article's cleaned text.
///
/// Serialised as a two-element array `[start, end]`, which keeps `fold.json` compact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "(u32, u32)", into = "(u32, u32)")]
pub struct Span {
    /// First byte of the range.
    pub start: u32,
    /// One past the last byte of the range.
    pub end: u32,
}

impl Span {
    /// The span `[start, end)`.
    ///
    /// # Panics
    /// Panics when `start > end` or an offset does not fit in `u32`: both are bugs in the caller.
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} after end {end}");
        Span {
            start: u32::try_from(start).expect("span offset fits in u32"),
            end: u32::try_from(end).expect("span offset fits in u32"),
        }
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True for an empty range.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The range as a `usize` range, for slicing.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The text this span covers in `text`.
    ///
    /// # Panics
    /// Panics when the span is out of bounds or not on char boundaries, which means the span was
    /// made for another text.
    pub fn slice(self, text: &str) -> &str {
        &text[self.range()]
    }
}

impl From<(u32, u32)> for Span {
    fn from((start, end): (u32, u32)) -> Span {
        Span { start, end }
    }
}

impl From<Span> for (u32, u32) {
    fn from(span: Span) -> (u32, u32) {
        (span.start, span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::Span;

    #[test]
    fn serialises_as_a_pair() {
        let json = serde_json::to_string(&Span::new(3, 9)).unwrap();
        assert_eq!(json, "[3,9]");
        assert_eq!(
            serde_json::from_str::<Span>(&json).unwrap(),
            Span::new(3, 9)
        );
    }

    #[test]
    fn slices_the_text_it_was_made_for() {
        let text = "Xi said “yes”. Putin agreed.";
        let first = Span::new(0, text.find(". ").unwrap() + 1);
        assert_eq!(first.slice(text), "Xi said “yes”.");
        assert_eq!(first.len(), first.slice(text).len());
    }
}
