//! Which of two articles sharing text is the source.
//!
//! The rules, first decisive one wins (ARCHITECTURE.md repeats them):
//!
//! 1. **syndication notice**: an article that says it was republished from a syndicated feed
//!    is the copy;
//! 2. **containment**: when one side is covered by the shared passages clearly more than the
//!    other (by [`CONTAINMENT_MARGIN`]), it is the copy: a copy adds or drops text, the source is
//!    whole;
//! 3. **agency's own**: an article published by an agency it credits (the wire itself) is the
//!    source of one published by anybody else;
//! 4. **earlier date**: the article published first is the source;
//! 5. **agency credit**: when only one side credits a news agency, it stands closer to the wire
//!    and is the source;
//! 6. **id order**: otherwise the smaller id is the source, so the answer never depends on input
//!    order.

use newsfold_core::Article;

/// How much more one side must be covered for containment to decide.
pub const CONTAINMENT_MARGIN: f64 = 0.2;

/// `(true, rule)` when `a` is the source of `b`, `(false, rule)` when `b` is the source of `a`.
/// `coverage_a` and `coverage_b` are the shares of each article inside shared passages.
pub fn direct(a: &Article, b: &Article, coverage_a: f64, coverage_b: f64) -> (bool, &'static str) {
    if a.syndicated != b.syndicated {
        return (b.syndicated, "syndication notice");
    }
    if (coverage_a - coverage_b).abs() >= CONTAINMENT_MARGIN {
        return (coverage_b > coverage_a, "containment");
    }
    if is_agency_own(a) != is_agency_own(b) {
        return (is_agency_own(a), "agency's own");
    }
    if let (Some(pa), Some(pb)) = (&a.published, &b.published)
        && pa != pb
    {
        return (pa < pb, "earlier date");
    }
    if a.credits.is_empty() != b.credits.is_empty() {
        return (!a.credits.is_empty(), "agency credit");
    }
    (a.id <= b.id, "id order")
}

/// True when the article's outlet (or its URL host) is one of the agencies it credits: the
/// agency's own wire copy.
fn is_agency_own(article: &Article) -> bool {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let initials = |s: &str| -> String {
        s.split_whitespace()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let mut names: Vec<String> = Vec::new();
    if let Some(outlet) = &article.outlet {
        // `northlinepress.example` → `northlinepress`; `Northline Press Agency` stays whole.
        let name = outlet.split('.').next().unwrap_or(outlet);
        names.push(squash(name));
        names.push(initials(outlet));
    }
    article.credits.iter().any(|credit| {
        let full = squash(credit);
        let short = initials(credit);
        names.iter().filter(|n| n.len() >= 2).any(|n| {
            *n == full
                || (n.len() >= 5 && full.starts_with(n.as_str()))
                || (short.len() >= 2 && *n == short)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::is_agency_own;
    use newsfold_core::Article;

    fn article(outlet: &str, credits: &[&str]) -> Article {
        Article {
            outlet: Some(outlet.into()),
            credits: credits.iter().map(|c| (*c).to_owned()).collect(),
            ..Article::default()
        }
    }

    #[test]
    fn recognises_the_agency_itself() {
        assert!(is_agency_own(&article(
            "northlinepress.example",
            &["Northline Press Agency"]
        )));
        assert!(is_agency_own(&article("Reuters", &["Reuters"])));
        assert!(!is_agency_own(&article("The Keldport Courier", &["NPA"])));
        assert!(!is_agency_own(&article(
            "Straits Times",
            &["AFP", "Bloomberg"]
        )));
    }
}
