//! Fuzz target `sentences`: sentence splitting and the tokenizers, checked, not just run.
//!
//! `sentences` (the cleaner's segmenter) and `rough_sentences` (the as-given one) must return
//! non-empty spans inside the text, on character boundaries, in order, without overlaps, and
//! trimmed. The tokenizers every later stage shares (`tokens`, `words`) must give word spans
//! with the same guarantees, and a token's normalised form must come from its own span.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsfold_core::Span;
use newsfold_fuzz::{check_ordered, check_sentences, text};
use newsfold_text::{rough_sentences, sentences, tokens, words};

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    check_sentences(&text, &sentences(&text), "sentences");
    check_sentences(&text, &rough_sentences(&text), "rough_sentences");
    let tokens = tokens(&text);
    let spans: Vec<Span> = tokens.iter().map(|t| t.span).collect();
    check_ordered(&text, &spans, "tokens");
    for token in &tokens {
        assert!(
            !token.norm.is_empty(),
            "token at {} has an empty form",
            token.span.start
        );
    }
    let mut word_spans = Vec::new();
    words(&text, |span, _| word_spans.push(span));
    check_ordered(&text, &word_spans, "words");
});
