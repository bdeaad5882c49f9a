//! `newsfold-eval datelines`: how many of the articles that open with a dateline the cleaner
//! recognises.
//!
//! The inputs are read and cleaned as the fold reads and cleans them (files, folders, JSON
//! lines; every record, no cap). An article opens with a dateline when one of the first lines
//! of its raw text matches a plain pattern, written here apart from the cleaner's grammar so
//! that it is an honest check: a run of up to four words in capitals, optional comma parts
//! (a region of up to three capitalised words, or a month and day), an optional
//! parenthesised credit, then a dash, and prose after it. A dateline garbled by a word edit
//! (`WUHAN, August 4 reacquainted (Xinhua) --`) is no dateline to it. It is
//! recognised when the cleaned article has a dateline and its text no longer opens with the
//! matched prefix. The article opens with the first line of prose (a sentence with its stop), so
//! the dateline is looked for on the lines before it and on it. A line that opens with a credit alone (`(CNN) —`) or a URL is not counted:
//! the plain pattern wants a place in capitals.

use std::sync::LazyLock;

use anyhow::{Result, bail};
use newsfold_core::{Raw, RawBody};
use newsfold_read::{ReadOptions, expand, read_each};
use rayon::prelude::*;
use regex::Regex;

/// How many first non-empty lines of a raw text may hold the dateline: header lines (a URL, a
/// title, a date, a byline) come before it in text files, ECB+ documents have up to four, and
/// syndicated copies add share and disclaimer lines.
const HEAD_LINES: usize = 8;
/// Fewest words after the dash for the line to be prose, so that a headline in capitals with a
/// dash in it (`COLTS TOP CHIEFS, 20 - 13, REACH PLAYOFFS`) is not counted.
const MIN_WORDS_AFTER: usize = 6;
/// Misses listed after the figures.
const MISSES_SHOWN: usize = 20;

/// The plain pattern: capitals, comma parts, an optional credit, a dash.
static PLAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(\p{Lu}[\p{Lu}.'’-]*(?:\s+\p{Lu}[\p{Lu}.'’-]*){0,3}",
        r"(?:,\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?",
        r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{4})?",
        r"|\p{Lu}[\p{L}.'’]*(?:\s+\p{Lu}[\p{L}.'’]*){0,2})){0,3}",
        r"\s*(?:\([^()]{1,30}\))?)\s*\.?\s*(?:—|–|--|-|•)\s+(.*)$"
    ))
    .expect("valid regex")
});

/// What one article says.
struct Seen {
    name: String,
    /// The dateline the plain pattern found, if any.
    plain: Option<String>,
    /// Whether the cleaner recognised and cut it.
    recognised: bool,
}

/// The dateline prefix the plain pattern finds at the head of `text`, if any.
pub fn plain_dateline(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(HEAD_LINES)
        .map(|line| match PLAIN.captures(line) {
            Some(c) => {
                let letters = c[1].chars().filter(|ch| ch.is_alphabetic()).count();
                let after = c[2].split_whitespace().count();
                let found = letters >= 3 && after >= MIN_WORDS_AFTER;
                (found.then(|| c[1].trim().to_owned()), found || prose(line))
            }
            None => (None, prose(line)),
        })
        .find(|(_, stop)| *stop)
        .and_then(|(found, _)| found)
}

/// A line of prose: a sentence of some length with its stop. The article opens with the first
/// such line, so a dateline after one (a sentence moved up by a shuffle) does not open it.
fn prose(line: &str) -> bool {
    line.split_whitespace().count() >= MIN_WORDS_AFTER
        && line.ends_with(['.', '!', '?', '"', '”', '’', '\''])
}

fn look(raw: &Raw) -> Seen {
    let name = match &raw.record {
        Some(r) => format!("{} {r}", raw.path),
        None => raw.path.clone(),
    };
    let RawBody::Text(text) = &raw.body else {
        return Seen {
            name,
            plain: None,
            recognised: false,
        };
    };
    let plain = plain_dateline(text);
    let recognised = plain.as_ref().is_some_and(|prefix| {
        let article = newsfold_text::clean_with(raw, &newsfold_engine::Options::default().clean);
        article.dateline.is_some() && !article.text.starts_with(prefix.as_str())
    });
    Seen {
        name,
        plain,
        recognised,
    }
}

/// Count, print, and fail under `min_share` (a fraction).
pub fn run(inputs: &[String], min_share: Option<f64>) -> Result<()> {
    let (inputs, rejected) = expand(inputs);
    for r in &rejected {
        eprintln!("not read: {} ({})", r.path, r.reason);
    }
    let options = ReadOptions {
        max_records: None,
        ..ReadOptions::default()
    };
    let mut seen = Vec::new();
    for input in &inputs {
        let read = read_each(input, &options, &mut |batch| {
            seen.par_extend(batch.par_iter().map(look));
        });
        for r in &read.rejected {
            eprintln!("not read: {} ({})", r.path, r.reason);
        }
    }
    let opening: Vec<&Seen> = seen.iter().filter(|s| s.plain.is_some()).collect();
    let recognised = opening.iter().filter(|s| s.recognised).count();
    let share = if opening.is_empty() {
        1.0
    } else {
        recognised as f64 / opening.len() as f64
    };
    let (read, opening_count) = (seen.len(), opening.len());
    println!("articles read                 {read:>8}");
    println!("open with a dateline (plain)  {opening_count:>8}");
    println!("recognised and cut            {recognised:>8}");
    println!("share                         {share:>8.4}");
    let misses: Vec<&&Seen> = opening.iter().filter(|s| !s.recognised).collect();
    if !misses.is_empty() {
        println!("first misses:");
        for s in misses.iter().take(MISSES_SHOWN) {
            println!("  {}: {}", s.name, s.plain.as_deref().unwrap_or(""));
        }
    }
    if let Some(min) = min_share
        && share < min
    {
        bail!("share {share:.4} is below --min-share {min}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::plain_dateline;

    #[test]
    fn plain_pattern() {
        let prose = " The county fair opened under clear skies on Saturday.";
        assert_eq!(
            plain_dateline(&format!("KYIV, Ukraine (AP) —{prose}")).as_deref(),
            Some("KYIV, Ukraine (AP)")
        );
        assert_eq!(
            plain_dateline(&format!(
                "http://x.example/a\nTitle here\nWASHINGTON - {prose}"
            ))
            .as_deref(),
            Some("WASHINGTON")
        );
        assert_eq!(
            plain_dateline("COLTS TOP CHIEFS, 20 - 13, REACH PLAYOFFS"),
            None
        );
        assert_eq!(
            plain_dateline(&format!("NATO said on Monday -{prose}")),
            None
        );
        assert_eq!(plain_dateline(&format!("(CNN) —{prose}")), None);
        assert_eq!(
            plain_dateline(&format!("WUHAN, August 4 reacquainted (Xinhua) --{prose}")),
            None
        );
    }
}
