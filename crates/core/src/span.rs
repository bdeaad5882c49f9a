//! Byte ranges into an article's cleaned text.
//!
//! A [`Span`] is how every later stage points back at the words it used: a sentence, an aligned
//! passage, a cited brief line. Offsets are `u32` because articles are capped far below 4 GiB
//! and spans are stored by the million.
//!
//! A span read from outside (a `fold.json` given to `--extend`, a store) may not fit the text
//! it is read with, so nothing here panics on one: [`Span::get`] is the checked slice, and
//! [`Span::slice`] and [`Span::len`] give an empty answer where a range does not fit.

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

    /// Length in bytes (0 for a span whose start is after its end, which only a span read
    /// from outside can be).
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start) as usize
    }

    /// True for an empty range.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The range as a `usize` range, for slicing (prefer [`Span::get`], which cannot panic).
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The text this span covers in `text`, or `None` when the span does not fit it (out of
    /// bounds, start after end, or an offset inside a character): the span was made for
    /// another text. Use this wherever spans come from outside.
    pub fn get(self, text: &str) -> Option<&str> {
        text.get(self.range())
    }

    /// True when the span fits `text`: [`Span::get`] gives `Some`.
    pub fn fits(self, text: &str) -> bool {
        self.get(text).is_some()
    }

    /// The text this span covers in `text`, or `""` when it does not fit ([`Span::get`]).
    /// Never panics, so a span made for another text costs a missing highlight, not the run.
    pub fn slice(self, text: &str) -> &str {
        self.get(text).unwrap_or_default()
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

    #[test]
    fn a_span_made_for_another_text_gives_none_not_a_panic() {
        let text = "Kyiv “now”";
        // Past the end, start after end, and inside the three bytes of the opening quote.
        for (start, end) in [(0, 99), (7, 3), (6, 7)] {
            let span = Span { start, end };
            assert_eq!(span.get(text), None, "{span:?}");
            assert_eq!(span.slice(text), "", "{span:?}");
        }
        assert_eq!(Span { start: 7, end: 3 }.len(), 0);
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::Span;

    /// What `get` must answer, worked out from the text's own char boundaries.
    fn fits(text: &str, start: u32, end: u32) -> bool {
        let (start, end) = (start as usize, end as usize);
        start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
    }

    proptest! {
        /// Whatever the text and the span numbers, `get` is `Some` exactly for a span in bounds
        /// and on char boundaries, and then holds the bytes it names; nothing panics.
        #[test]
        fn get_is_some_only_for_spans_that_fit(
            text in "\\PC{0,40}",
            start in 0u32..200,
            end in 0u32..200,
        ) {
            let span = Span { start, end };
            let got = span.get(&text);
            prop_assert_eq!(got.is_some(), fits(&text, start, end));
            if let Some(piece) = got {
                prop_assert_eq!(piece.as_bytes(), &text.as_bytes()[start as usize..end as usize]);
                prop_assert_eq!(span.len(), piece.len());
            }
            prop_assert_eq!(span.slice(&text), got.unwrap_or(""));
        }

        /// Offsets anywhere in the `u32` range, on multi-byte text, never panic either.
        #[test]
        fn any_offsets_never_panic(text in "[a-zé“”€😀 ]{0,20}", start: u32, end: u32) {
            let span = Span { start, end };
            prop_assert_eq!(span.get(&text).is_some(), fits(&text, start, end));
            let _ = (span.slice(&text), span.len(), span.is_empty());
        }
    }
}
