//! What can be a headline, and a headline's wording for comparison.
//!
//! Titles come from record fields, HTML meta and the first line of a text file, and each of
//! those places also holds things that are not headlines: a URL (ECB+ documents open with a
//! link split into tokens, `http: / / www. timesca. com / …`), a record id (`11_10ecb`,
//! `a1b2c3d4`), a bare number. [`is_plausible_title`] is the one rule every place a title is
//! taken applies. [`title_wording`] strips what outlets add around a headline: wire prefixes
//! (`UPDATE 2-`, `EXCLUSIVE-`, `LIVE:`) and a trailing outlet name (`| Harbour Times`,
//! ` - BBC News`), so titles of one story can be compared by their words.

use std::sync::LazyLock;

use regex::Regex;

/// Longest title, in characters: a line longer than any headline is a paragraph.
pub const MAX_TITLE_CHARS: usize = 300;

/// Most words in a trailing ` - Outlet` or `| Outlet` part taken as the outlet's name: outlet
/// names run to four or five words ("Riverbend Broadcasting Network Evening News").
const MAX_SUFFIX_WORDS: usize = 5;

/// Small words inside an outlet's name ("The Times of Ostvale", "Arts & Letters").
const NAME_JOINERS: &[&str] = &["of", "the", "and", "&", "de", "la", "du", "on"];

/// A URL, written whole or split into tokens the way ECB+ and other tokenised corpora write
/// it (`http: / / en. trend. az / …`, `www. alaskapublic. org`).
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:https?\s*:\s*/\s*/|www\s*\.\s*\S|[a-z0-9-]+(?:\s*\.\s*[a-z0-9-]+)+\s*/)",
    )
    .expect("valid regex")
});

/// Prefixes wires put before a headline: Reuters' `UPDATE 2-`, `EXCLUSIVE-`, `WRAPUP 1-`,
/// `REFILE-`, `CORRECTED-`; live pages' `LIVE:`, `BREAKING:`, `WATCH:`.
static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:UPDATE|WRAPUP|REFILE|CORRECTED|EXCLUSIVE|ANALYSIS|INSIGHT|FACTBOX|EXPLAINER|RPT|BREAKING|LIVE|WATCH|VIDEO|OPINION)(?:\s+\d+)?\s*(?:-|:|\u{2013}|\u{2014})\s*)+",
    )
    .expect("valid regex")
});

/// True when `title` can be a headline: some words of letters, not a URL or a tokenised link
/// line, not an id or a bare number, not longer than [`MAX_TITLE_CHARS`].
pub fn is_plausible_title(title: &str) -> bool {
    let title = title.trim();
    if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS || URL.is_match(title) {
        return false;
    }
    if title.contains("://") {
        return false;
    }
    let words: Vec<&str> = title.split_whitespace().collect();
    let wordy = |w: &&str| w.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    if !words.iter().any(wordy) {
        return false;
    }
    // One token with digits, underscores or colons is an id (`11_10ecb`, `urn:uuid:1f2e`,
    // `story-48213`), not a one-word headline.
    !(words.len() == 1
        && words[0]
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '_' | ':' | '/' | '.')))
}

/// A tokenised URL line put back together: `http: / / www. timesca. com / a - b` →
/// `http://www.timesca.com/a-b`; `None` unless the line is one.
pub fn tokenised_url(line: &str) -> Option<String> {
    let line = line.trim();
    if !URL.is_match(line) || !line.contains(' ') {
        return None;
    }
    let joined: String = line.split_whitespace().collect();
    let with_scheme = if joined.contains("://") {
        joined
    } else {
        format!("http://{joined}")
    };
    Some(with_scheme)
}

/// The headline's own wording: wire prefixes and a trailing outlet name removed.
pub fn title_wording(title: &str) -> &str {
    let title = title.trim();
    let title = PREFIX
        .find(title)
        .map_or(title, |m| &title[m.end()..])
        .trim();
    strip_outlet_suffix(title)
}

/// `Floods close Route 9 | Harbour Times` → `Floods close Route 9`; the same for ` - `, ` – `
/// and ` — ` before a short name whose words start with capitals (`Thousands flee` is part of
/// the headline, `Harbour Times` is not). The last separator is taken, and only when words
/// remain before it.
fn strip_outlet_suffix(title: &str) -> &str {
    for separator in [" | ", " - ", " \u{2013} ", " \u{2014} "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let tail = tail.trim();
            let words = tail.split_whitespace().count();
            let capitalised = tail.split_whitespace().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    || NAME_JOINERS.contains(&w.to_lowercase().as_str())
            });
            if (1..=MAX_SUFFIX_WORDS).contains(&words)
                && capitalised
                && head.split_whitespace().count() >= 3
                && !tail.ends_with(['.', '?', '!'])
            {
                return head.trim();
            }
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_ids_are_not_titles() {
        for bad in [
            "http: / / www. timesca. com / index. php / m - news",
            "www. alaskapublic. org / 2012 / 08 / 08 / x /",
            "https://rbn.example/a",
            "11_10ecb",
            "48213",
            "urn:uuid:1f2e",
            "",
        ] {
            assert!(!is_plausible_title(bad), "{bad:?}");
        }
        for good in [
            "Palin's Church Damaged In Suspicious Fire",
            "Verdict",
            "UPDATE 2-Floods close Route 9",
        ] {
            assert!(is_plausible_title(good), "{good:?}");
        }
    }

    #[test]
    fn tokenised_urls_are_put_back_together() {
        assert_eq!(
            tokenised_url("http: / / en. trend. az / regions / 2194453. html").as_deref(),
            Some("http://en.trend.az/regions/2194453.html")
        );
        assert_eq!(tokenised_url("Floods close Route 9"), None);
    }

    #[test]
    fn wording_drops_prefixes_and_outlet_suffixes() {
        assert_eq!(
            title_wording("UPDATE 2-Floods close Route 9"),
            "Floods close Route 9"
        );
        assert_eq!(
            title_wording("Floods close Route 9 | Harbour Times"),
            "Floods close Route 9"
        );
        assert_eq!(
            title_wording("Floods close Route 9 - BBC News"),
            "Floods close Route 9"
        );
        assert_eq!(
            title_wording("Re-vote - what next?"),
            "Re-vote - what next?"
        );
    }
}
