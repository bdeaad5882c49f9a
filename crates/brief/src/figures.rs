//! Figures: the numbers a story's articles give, normalised, and where they disagree.
//!
//! A figure is a number with what it measures: money (`$147 billion`, `1.2bn euros`), a share
//! (`30 percent`, `4.5%`), an age (`69th birthday`, `a 52-year-old`) or a count of something
//! (`43 people`, `22,000 passengers`). Values are normalised (`$147 billion` is 147e9 USD), and
//! the same figure in several articles is one [`Figure`] with all its sources. Years, dates,
//! clock times and numbers with nothing after them are not figures.
//!
//! Two articles of different origins **conflict** when they give different values of one kind
//! and unit (a count of people, an amount in dollars) in sentences about the same thing (the
//! sentences share at least [`SAME_CONTEXT`] of their content stems, numbers aside), and no
//! origin gives both values (one that does is measuring two things: an offer and a demand), and
//! the values are within [`MAX_RATIO`] of each other (further apart, they measure different
//! things: a profit and a wage bill). "43 people
//! were injured" and "at least 47 people were hurt when the bridge fell" conflict; "43 people"
//! and "22,000 passengers a day" do not (different units).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use newsfold_core::{Article, Conflict, Figure, Span, count_origins};
use newsfold_text::{is_stop_word, month_number, stem};

use crate::facts::Sentences;

/// Share of content stems (Jaccard, numbers aside) two sentences need to be about one thing.
pub const SAME_CONTEXT: f64 = 0.2;

/// A number, with what may come before and after it.
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?P<cur>US\$|\$|€|£)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<ord>st|nd|rd|th)?(?:\s?(?P<scale>trillion|billion|million|thousand|bn)\b)?(?:\s?(?P<pct>%|per ?cent\b))?(?:[ -](?P<word>[a-z][a-z'-]*))?",
    )
    .unwrap_or_else(|e| panic!("the figure pattern is valid: {e}"))
});

/// Currencies written as words after the number.
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("pounds", "GBP"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("yen", "JPY"),
    ("rubles", "RUB"),
    ("roubles", "RUB"),
];

/// Words after a number that make it no count: units of time and measure, and words that
/// belong to dates and clock times.
const NOT_COUNTED: &[&str] = &[
    "a",
    "am",
    "pm",
    "a.m",
    "p.m",
    "gmt",
    "utc",
    "percent",
    "per",
    "times",
    "time",
    "th",
    "st",
    "nd",
    "rd",
    "years",
    "year",
    "months",
    "month",
    "weeks",
    "week",
    "days",
    "day",
    "hours",
    "hour",
    "minutes",
    "minute",
    "seconds",
    "second",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "mile",
    "metres",
    "meters",
    "feet",
    "kg",
    "tonnes",
    "tons",
    "degrees",
];

/// One figure as found in one sentence.
#[derive(Clone)]
struct Found {
    kind: &'static str,
    unit: String,
    /// What groups occurrences of one unit (the stem of a counted noun).
    unit_key: String,
    value: f64,
    text: String,
    span: Span,
}

/// The figures of one sentence (`start` is its offset in the article's text).
fn found_in(sentence: &str, start: usize) -> Vec<Found> {
    let mut out = Vec::new();
    for m in FIGURE.captures_iter(sentence) {
        let Some(whole) = m.get(0) else { continue };
        let Some(num) = m.name("num") else { continue };
        // A number glued to letters or other digits (`G20`, `3D`, `1:0`) is no figure.
        let before = sentence[..whole.start()].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == ':' || c == '/') {
            continue;
        }
        let Ok(mut value) = num.as_str().replace(',', "").parse::<f64>() else {
            continue;
        };
        let scale = m.name("scale").map(|s| s.as_str().to_lowercase());
        value *= match scale.as_deref() {
            Some("trillion") => 1e12,
            Some("billion" | "bn") => 1e9,
            Some("million") => 1e6,
            Some("thousand") => 1e3,
            _ => 1.0,
        };
        let word = m.name("word").map(|w| w.as_str().to_lowercase());
        let previous_word = sentence[..whole.start()]
            .split(|c: char| !c.is_alphanumeric())
            .rfind(|w| !w.is_empty());
        let next_is_month = word.as_deref().is_some_and(|w| month_number(w).is_some());
        if next_is_month || previous_word.is_some_and(|w| month_number(w).is_some()) {
            continue;
        }
        let currency = m
            .name("cur")
            .map(|c| {
                if c.as_str() == "€" {
                    "EUR"
                } else if c.as_str() == "£" {
                    "GBP"
                } else {
                    "USD"
                }
            })
            .or_else(|| {
                word.as_deref().and_then(|w| {
                    CURRENCY_WORDS
                        .iter()
                        .find(|(name, _)| *name == w)
                        .map(|(_, code)| *code)
                })
            });
        // The matched text, without a trailing word that is not part of the figure.
        let mut end = whole.end();
        let (kind, unit, unit_key): (&'static str, String, String) = if let Some(code) = currency {
            if m.name("cur").is_some()
                && let Some(w) = m.name("word")
                && !CURRENCY_WORDS
                    .iter()
                    .any(|(name, _)| w.as_str().eq_ignore_ascii_case(name))
            {
                end = w.start() - 1;
            }
            ("money", code.to_owned(), code.to_owned())
        } else if m.name("pct").is_some() {
            if let Some(w) = m.name("word") {
                end = w.start() - 1;
            }
            ("percent", "%".to_owned(), "%".to_owned())
        } else if m.name("ord").is_some() {
            match word.as_deref() {
                Some("birthday") => ("age", "years".to_owned(), "age".to_owned()),
                _ => continue,
            }
        } else if word.as_deref() == Some("year-old") {
            ("age", "years".to_owned(), "age".to_owned())
        } else {
            let Some(w) = word.as_deref() else { continue };
            // `a 5,000-word statement`: a hyphen makes the number part of an adjective.
            let hyphened = m
                .name("word")
                .is_some_and(|m| sentence[..m.start()].ends_with('-'));
            let w = w.trim_end_matches(['\'', '-']);
            if hyphened {
                continue;
            }
            let year_like = scale.is_none()
                && (1800.0..=2100.0).contains(&value)
                && !num.as_str().contains('.');
            if year_like
                || w.len() < 3
                || is_stop_word(w)
                || NOT_COUNTED.contains(&w)
                || w.contains('-')
            {
                continue;
            }
            ("count", w.to_owned(), stem(w))
        };
        let text = sentence[whole.start()..end].trim_end().to_owned();
        out.push(Found {
            kind,
            unit,
            unit_key,
            value,
            span: Span::new(start + whole.start(), start + whole.start() + text.len()),
            text,
        });
    }
    out
}

/// Values at most this many times apart can be two reports of one figure (43 or 47 injured,
/// $147 or $140 billion); further apart, they are two different things.
pub const MAX_RATIO: f64 = 2.0;

/// True when two values are within [`MAX_RATIO`] of each other.
fn close(a: f64, b: f64) -> bool {
    let (small, large) = (a.abs().min(b.abs()), a.abs().max(b.abs()));
    small > 0.0 && large / small <= MAX_RATIO
}

/// One figure's occurrence: the article (index into the story's list), its sentence, and the
/// figure.
struct Occurrence {
    article: usize,
    sentence: usize,
    found: Found,
}

/// The figures of a story and its conflicts. `origin_of` maps article ids to origin ids.
pub fn figures(
    articles: &[&Article],
    sentences: &Sentences,
    origin_of: &BTreeMap<String, String>,
) -> (Vec<Figure>, Vec<Conflict>) {
    // Each distinct sentence is read once; its figures are moved to each occurrence.
    let mut read: HashMap<&str, Vec<Found>> = HashMap::new();
    let mut all: Vec<Occurrence> = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        for (i, span) in article.sentences.iter().enumerate() {
            let text = article.sentence(i);
            let found = read.entry(text).or_insert_with(|| found_in(text, 0));
            for f in found.iter() {
                let mut found = f.clone();
                found.span = Span::new(
                    span.start as usize + f.span.start as usize,
                    span.start as usize + f.span.end as usize,
                );
                all.push(Occurrence {
                    article: a,
                    sentence: i,
                    found,
                });
            }
        }
    }
    // One figure per (kind, unit, value): every article that gives it.
    let key = |o: &Occurrence| {
        (
            o.found.kind,
            o.found.unit_key.clone(),
            (o.found.value * 1000.0).round() as i64,
        )
    };
    let mut by_value: BTreeMap<(&'static str, String, i64), Vec<&Occurrence>> = BTreeMap::new();
    for o in &all {
        by_value.entry(key(o)).or_default().push(o);
    }
    let figure = |list: &[&Occurrence]| -> Figure {
        let mut spans: BTreeMap<String, Span> = BTreeMap::new();
        for o in list {
            spans
                .entry(articles[o.article].id.clone())
                .or_insert(o.found.span);
        }
        let sources: Vec<String> = spans.keys().cloned().collect();
        Figure {
            kind: list[0].found.kind.to_owned(),
            unit: list[0].found.unit.clone(),
            value: list[0].found.value,
            text: list[0].found.text.clone(),
            independent: count_origins(sources.iter().map(String::as_str), origin_of),
            sources,
            spans: spans.into_iter().collect(),
        }
    };
    let figures: Vec<Figure> = by_value.values().map(|l| figure(l)).collect();

    // Conflicts: per kind and unit, occurrences of different values from different origins in
    // sentences about the same thing.
    let origin = |a: usize| {
        let id = articles[a].id.as_str();
        origin_of.get(id).map_or(id, String::as_str)
    };
    let context =
        |o: &Occurrence| -> &BTreeSet<String> { &sentences.get((o.article, o.sentence)).content };
    let about_same = |x: &Occurrence, y: &Occurrence| {
        let (a, b) = (context(x), context(y));
        let numeric = |s: &&String| !s.chars().next().is_some_and(|c| c.is_ascii_digit());
        let a: BTreeSet<&String> = a.iter().filter(numeric).collect();
        let b: BTreeSet<&String> = b.iter().filter(numeric).collect();
        let shared = a.intersection(&b).count() as f64;
        let union = (a.len() + b.len()) as f64 - shared;
        union > 0.0 && shared / union >= SAME_CONTEXT
    };
    let mut by_unit: BTreeMap<(&'static str, String), Vec<&Occurrence>> = BTreeMap::new();
    for o in &all {
        by_unit
            .entry((o.found.kind, o.found.unit_key.clone()))
            .or_default()
            .push(o);
    }
    let mut conflicts = Vec::new();
    for list in by_unit.values() {
        // Whether two occurrences conflict depends on their origins, values and sentence
        // readings only: repeated ones are compared once.
        let mut seen: HashSet<(&str, i64, u64, usize)> = HashSet::new();
        let distinct: Vec<&Occurrence> = list
            .iter()
            .copied()
            .filter(|o| {
                seen.insert((
                    origin(o.article),
                    key(o).2,
                    o.found.value.to_bits(),
                    sentences.reading((o.article, o.sentence)),
                ))
            })
            .collect();
        // Values each origin gives: an origin that gives both values of a pair means they
        // measure different things (an offer and a demand), not that outlets disagree.
        let mut given: BTreeSet<(&str, i64)> = BTreeSet::new();
        for o in list {
            given.insert((origin(o.article), key(o).2));
        }
        let one_origin_gives_both = |v: i64, w: i64| {
            given
                .iter()
                .any(|&(o, x)| x == v && given.contains(&(o, w)))
        };
        let mut involved: BTreeSet<i64> = BTreeSet::new();
        for (k, x) in distinct.iter().enumerate() {
            for y in &distinct[k + 1..] {
                let (v, w) = (key(x).2, key(y).2);
                if v != w
                    && origin(x.article) != origin(y.article)
                    && !one_origin_gives_both(v, w)
                    && about_same(x, y)
                    && close(x.found.value, y.found.value)
                {
                    involved.insert(key(x).2);
                    involved.insert(key(y).2);
                }
            }
        }
        if involved.len() >= 2 {
            let values: Vec<Figure> = involved
                .iter()
                .filter_map(|v| {
                    let first = list.iter().find(|o| key(o).2 == *v)?;
                    by_value.get(&key(first)).map(|l| figure(l))
                })
                .collect();
            conflicts.push(Conflict {
                kind: list[0].found.kind.to_owned(),
                unit: list[0].found.unit.clone(),
                values,
            });
        }
    }
    (figures, conflicts)
}

#[cfg(test)]
mod tests {
    use super::found_in;

    fn figures(text: &str) -> Vec<(&'static str, String, f64, String)> {
        found_in(text, 0)
            .into_iter()
            .map(|f| (f.kind, f.unit, f.value, f.text))
            .collect()
    }

    #[test]
    fn money_shares_ages_and_counts_are_normalised() {
        let got = figures(
            "Trade hit $147 billion last year, up 30 percent, on Xi's 69th birthday; 43 people \
             were hurt and 1.2bn euros was lost.",
        );
        assert_eq!(
            got,
            [
                ("money", "USD".to_owned(), 147e9, "$147 billion".to_owned()),
                ("percent", "%".to_owned(), 30.0, "30 percent".to_owned()),
                ("age", "years".to_owned(), 69.0, "69th birthday".to_owned()),
                ("count", "people".to_owned(), 43.0, "43 people".to_owned()),
                ("money", "EUR".to_owned(), 1.2e9, "1.2bn euros".to_owned()),
            ]
        );
    }

    #[test]
    fn years_dates_and_times_are_not_figures() {
        assert!(figures("In 2019, on June 15 at 18:40, and on 16 June 2022.").is_empty());
    }
}
