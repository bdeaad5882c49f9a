//! Years for datelines that give only a month and a day (`June 16 (UPI) —`).
//!
//! A wire dateline rarely carries the year; the article's other dates, or the other articles of
//! the fold, do. This is the one cleaning step that looks across articles, so it runs after every
//! article has been cleaned on its own.

use newsfold_core::{Article, Provenance, parse_day_number};

use crate::dates::Day;
use crate::lines::dateline;

/// Most days between an inferred date and the nearest dated article for the year to be trusted.
const MAX_DAYS_APART: i64 = 45;

/// Give a publication date to articles that have none but whose dateline names a month and day,
/// taking the year that puts it nearest to a dated article of the fold.
pub fn infer_years(articles: &mut [Article]) {
    let mut known: Vec<i64> = articles
        .iter()
        .filter_map(|a| a.published.as_deref().and_then(parse_day_number))
        .collect();
    known.sort_unstable();
    if known.is_empty() {
        return;
    }
    for article in articles.iter_mut().filter(|a| a.published.is_none()) {
        let Some((month, day)) = article
            .dateline
            .as_deref()
            .and_then(|d| dateline(&format!("{d} — x")))
            .and_then(|d| d.month_day)
        else {
            continue;
        };
        let nearest = |n: i64| {
            known
                .iter()
                .map(|k| (k - n).abs())
                .min()
                .unwrap_or(i64::MAX)
        };
        let years: std::collections::BTreeSet<i32> = known
            .iter()
            .filter_map(|&k| year_of(k))
            .flat_map(|y| [y - 1, y, y + 1])
            .collect();
        let best = years
            .into_iter()
            .filter_map(|y| Day::new(y, month, day))
            .filter_map(|d| parse_day_number(&d.iso()).map(|n| (nearest(n), d)))
            .min();
        if let Some((apart, day)) = best.filter(|(apart, _)| *apart <= MAX_DAYS_APART) {
            article.published = Some(day.iso());
            article.provenance.push(Provenance {
                field: "published".into(),
                source: "dateline, year from the fold's other articles".into(),
            });
            article
                .warnings
                .retain(|w| !w.starts_with("dateline gives"));
            article.warnings.push(format!(
                "year of the dateline inferred: {} ({apart} days from the nearest dated article)",
                day.iso()
            ));
        }
    }
}

fn year_of(day_number: i64) -> Option<i32> {
    // Days since 1970-01-01 to a year: close enough through the average year, then checked.
    let guess = 1970 + (day_number as f64 / 365.2425).floor() as i32;
    [guess - 1, guess, guess + 1].into_iter().rev().find(|&y| {
        parse_day_number(&format!("{y:04}-01-01")).is_some_and(|start| start <= day_number)
    })
}

#[cfg(test)]
mod tests {
    use super::year_of;
    use newsfold_core::parse_day_number;

    #[test]
    fn years_of_day_numbers() {
        for date in ["2022-06-16", "2026-01-01", "2025-12-31", "2000-02-29"] {
            let n = parse_day_number(date).unwrap();
            assert_eq!(year_of(n), date[..4].parse().ok(), "{date}");
        }
    }
}
