//! Figures: the numbers a story's articles give, normalised, and where they disagree.
//!
//! A figure is a number with what it measures: money (`$147 billion`, `1.2bn euros`, `£4.5m`,
//! `Rs 1,200 crore`), a share (`30 percent`, `4.5%`), an age (`69th birthday`, `a 52-year-old`)
//! or a count of something (`43 people`, `46 container ships`). Values are normalised (`$147
//! billion` is 147e9 USD), and the same figure in several articles is one [`Figure`] with all its
//! sources. Years, dates, clock times and numbers with nothing after them are not figures.
//!
//! - **Counted nouns** are the noun phrase after the number up to its first plural noun, as
//!   written (`46 container ships`, `3,100 crane operators`), or the first word when none is
//!   plural (`12 injured`); occurrences group by the stem of that head noun.
//! - **Labels** are no figures: a number right after a label word (`Route 9`, `Flight 370`,
//!   `No. 4`, `Channel 4`) or after a proper-name token (a capitalised word that does not open the
//!   sentence, or a call sign in capitals: `KVTN 7`, `the Route 14 motorway`), unless a plural
//!   noun follows that it counts (`on Friday 13 people died`).
//! - **Money in a named currency**: a currency sign or code before the number, a currency word
//!   after it, or, for a currency no table knows, a word that is no plural noun after an amount
//!   that follows a money cue ("a profit of 212 million marendi", "a fine of 40,000 korun"); once
//!   a story uses a word so, its other amounts in that word are money too.
//!
//! Two articles of different origins **conflict** when they give different values of one kind
//! and unit (a count of people, an amount in dollars) in sentences about the same thing (the
//! sentences share at least [`SAME_CONTEXT`] of their content stems, numbers aside), and no
//! origin gives both values (one that does is measuring two things: an offer and a demand), and
//! the values are within [`MAX_RATIO`] of each other (further apart, they measure different
//! things: a profit and a wage bill). "43 people
//! were injured" and "at least 47 people were hurt when the bridge fell" conflict; "43 people"
//! and "22,000 passengers a day" do not (different units). Counts of people named by different
//! nouns (residents, people, inhabitants, villagers: `PEOPLE`) are one unit, `people`, when
//! their sentences tell of one event (`EVENTS`: evacuated, killed, injured, displaced...):
//! "1,200 residents were evacuated" and "1,500 people evacuated" conflict, residents evacuated
//! and people at a vigil do not.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use newsfold_core::{Article, Conflict, Figure, SentenceOrigins, Span};
use newsfold_text::{is_stop_word, month_number, stem};

use crate::facts::Sentences;

/// Share of content stems (Jaccard, numbers aside) two sentences need to be about one thing.
pub const SAME_CONTEXT: f64 = 0.2;

/// A number, with a currency sign or code before it and a scale or a percent sign after it. The
/// words after it are read by [`phrase_after`].
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<cur>US\$|HK\$|NZ\$|A\$|C\$|S\$|\$|€|£|¥|₹|₩|\bRs\.? ?|\b(?:USD|EUR|GBP|JPY|CNY|INR|CHF) ?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<ord>st|nd|rd|th)?(?:(?i:\s?(?P<scale>trillion|billion|million|thousand|crores?|lakhs?)\b)|(?P<short>bn|mn|m|k)\b)?(?:\s?(?P<pct>%|(?i:per ?cent)\b))?",
    )
    .unwrap_or_else(|e| panic!("the figure pattern is valid: {e}"))
});

/// Currencies written as words or codes after the number (ISO 4217 codes and the names wire
/// copy prints: Reuters "500 million euros", Kyodo "1.5 trillion yen", PTI "Rs 1,200 crore").
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("usd", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("eur", "EUR"),
    ("pounds", "GBP"),
    ("sterling", "GBP"),
    ("gbp", "GBP"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("cny", "CNY"),
    ("yen", "JPY"),
    ("jpy", "JPY"),
    ("rupees", "INR"),
    ("inr", "INR"),
    ("rubles", "RUB"),
    ("roubles", "RUB"),
    ("francs", "CHF"),
    ("chf", "CHF"),
    ("won", "KRW"),
    ("pesos", "MXN"),
    ("rand", "ZAR"),
    ("naira", "NGN"),
    ("shillings", "KES"),
    ("ringgit", "MYR"),
    ("baht", "THB"),
    ("lira", "TRY"),
    ("dinars", "DZD"),
    ("zlotys", "PLN"),
    ("kronor", "SEK"),
    ("kroner", "NOK"),
];

/// Words before an amount that make it money whatever its currency is called ("a profit of 212
/// million marendi", "fined 40,000 korun"): the money phrases of business and court reporting.
const MONEY_CUES: &[&str] = &[
    "worth",
    "cost",
    "costs",
    "costing",
    "fine",
    "fined",
    "budget",
    "paid",
    "pay",
    "pays",
    "profit",
    "profits",
    "revenue",
    "revenues",
    "loss",
    "losses",
    "price",
    "priced",
    "valued",
    "salary",
    "wage",
    "wages",
    "spent",
    "spend",
    "raised",
    "invested",
    "investment",
    "earned",
    "turnover",
    "bill",
    "compensation",
    "damages",
    "bail",
    "ransom",
    "debt",
    "loan",
    "grant",
    "tax",
    "sales",
    "deficit",
    "surplus",
    "bonus",
    "fee",
    "fees",
    "funding",
    "subsidy",
];

/// Words before a number that make the number part of a name or a label (`Route 9`, `Flight
/// 370`, `No. 4`, `Chapter 11`): road, transport, broadcast and document numbering as news
/// prints it. Matched in any case.
const LABEL_WORDS: &[&str] = &[
    "route",
    "road",
    "highway",
    "interstate",
    "motorway",
    "freeway",
    "flight",
    "channel",
    "platform",
    "gate",
    "line",
    "chapter",
    "article",
    "section",
    "room",
    "no",
    "nos",
    "number",
    "model",
    "version",
    "bus",
    "pier",
    "terminal",
    "exit",
    "junction",
    "ward",
    "district",
    "zone",
    "phase",
    "stage",
    "round",
    "act",
    "page",
    "paragraph",
    "item",
    "clause",
    "lot",
    "unit",
    "block",
    "building",
    "floor",
    "apartment",
    "suite",
    "seat",
    "row",
    "track",
    "lane",
    "berth",
    "dock",
    "quay",
    "bay",
    "runway",
    "hangar",
    "sector",
    "precinct",
    "level",
    "grade",
    "category",
    "division",
    "episode",
    "season",
    "series",
    "volume",
    "vol",
    "game",
    "lap",
    "hole",
    "squadron",
    "regiment",
    "battalion",
    "brigade",
    "tier",
    "code",
    "size",
    "type",
    "cell",
    "wing",
    "bed",
    "reactor",
    "runway",
    "station",
    "studio",
    "hall",
    "sub",
];

/// Plural nouns that do not end in `s`, so that a count's noun phrase ends at them.
const IRREGULAR_PLURALS: &[&str] = &[
    "people",
    "children",
    "men",
    "women",
    "police",
    "staff",
    "personnel",
    "crew",
    "cattle",
    "sheep",
    "livestock",
    "fish",
    "deer",
    "aircraft",
    "teeth",
    "mice",
    "geese",
    "militia",
    "townspeople",
    "clergy",
    "youth",
];

/// Nouns of people: counts of them are one class ("1,200 residents" and "1,500 people") when
/// their sentences tell of the same event (see [`EVENTS`]).
const PEOPLE: &[&str] = &[
    "people",
    "persons",
    "residents",
    "inhabitants",
    "villagers",
    "civilians",
    "individuals",
    "citizens",
    "locals",
    "townspeople",
    "person",
    "resident",
];

/// What happens to people in a disaster or a conflict, as wire copy words it, by kind: two
/// counts of people conflict across nouns only when their sentences share one of these.
const EVENTS: &[&[&str]] = &[
    &["evacuated", "evacuation", "evacuate", "evacuating"],
    &[
        "killed",
        "dead",
        "died",
        "deaths",
        "death",
        "fatalities",
        "lives",
    ],
    &["injured", "hurt", "wounded", "injuries"],
    &["displaced", "homeless", "fled", "flee", "uprooted"],
    &["rescued", "rescue", "saved"],
    &["missing", "unaccounted"],
    &["arrested", "detained", "held", "arrests"],
    &["hospitalised", "hospitalized", "treated", "hospital"],
    &["stranded", "trapped"],
];

/// The unit of a conflict between counts of people named by different nouns.
const PEOPLE_CLASS: &str = "people";

/// The stems of [`PEOPLE`].
static PEOPLE_STEMS: LazyLock<HashSet<String>> =
    LazyLock::new(|| PEOPLE.iter().map(|w| stem(w)).collect());

/// The stems of [`EVENTS`], by kind.
static EVENT_STEMS: LazyLock<Vec<HashSet<String>>> = LazyLock::new(|| {
    EVENTS
        .iter()
        .map(|kind| kind.iter().map(|w| stem(w)).collect())
        .collect()
});

/// Longest noun phrase kept after a number: a head noun and two words before it (`3,100 crane
/// operators`, `600 refrigerated shipping containers`).
const PHRASE_WORDS: usize = 3;

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
    "percentage",
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
    "o'clock",
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
    /// For a count: the first word after the number, lower case, and the length of the
    /// figure's text up to its end; a story that uses the word as money elsewhere turns the
    /// count into money (see [`money_words`]).
    first_word: Option<(String, usize)>,
    /// For money named by a word no table holds, found after a money cue: that word.
    named_currency: Option<String>,
}

/// A word after a number, with its byte range in the sentence.
struct After<'s> {
    word: &'s str,
    end: usize,
}

/// The words right after `at` (one space or one hyphen before the first, single spaces between
/// them), up to [`PHRASE_WORDS`], stopping at punctuation. The flag says the first was joined
/// by a hyphen (`a 5,000-word statement`).
fn phrase_after(sentence: &str, at: usize) -> (Vec<After<'_>>, bool) {
    let rest = &sentence[at..];
    let hyphened = rest.starts_with('-');
    let Some(mut rest_at) = rest
        .strip_prefix([' ', '-', '\u{a0}'])
        .map(|r| at + (rest.len() - r.len()))
    else {
        return (Vec::new(), false);
    };
    let mut words = Vec::new();
    while words.len() < PHRASE_WORDS {
        let tail = &sentence[rest_at..];
        let len = tail
            .char_indices()
            .find(|&(i, c)| !(c.is_alphabetic() || (i > 0 && matches!(c, '-' | '\'' | '’'))))
            .map_or(tail.len(), |(i, _)| i);
        let word = tail[..len].trim_end_matches(['-', '\'', '’']);
        if word.is_empty() {
            break;
        }
        words.push(After {
            word,
            end: rest_at + word.len(),
        });
        let after = &tail[word.len()..];
        if !after.starts_with(' ') || word.len() < len {
            break;
        }
        rest_at += word.len() + 1;
    }
    (words, hyphened)
}

/// True for a word that reads as a plural noun: `ships`, `people`, but not `glass` or `bus`.
fn plural(word: &str) -> bool {
    let w = word.to_lowercase();
    IRREGULAR_PLURALS.contains(&w.as_str())
        || w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is")
}

/// The counted noun phrase after a number: its words up to the first plural noun (the head:
/// `46 container ships`), or the first word alone when none is plural (`12 injured`). `None`
/// when the first word is no counted noun.
fn counted<'s>(words: &[After<'s>]) -> Option<(usize, &'s str)> {
    let first = words.first()?.word;
    let lower = first.to_lowercase();
    if lower.len() < 3 || is_stop_word(&lower) || NOT_COUNTED.contains(&lower.as_str()) {
        return None;
    }
    for (k, w) in words.iter().enumerate() {
        let lower = w.word.to_lowercase();
        if k > 0 && (is_stop_word(&lower) || NOT_COUNTED.contains(&lower.as_str())) {
            break;
        }
        if plural(w.word) {
            return Some((w.end, w.word));
        }
    }
    Some((words[0].end, first))
}

/// True when the number at `at` is part of a name or a label: right after a label word (`Route
/// 9`, `flight 370`, `No. 4`), or after a proper-name token (a capitalised word that does not
/// open the sentence, or a call sign in capitals: `KVTN 7`, `Apollo 11`). A plural noun after
/// the number makes it a count again (`on Friday 13 people died`).
fn is_label(sentence: &str, at: usize, words: &[After]) -> bool {
    let before = &sentence[..at];
    let Some(gap) = before.strip_suffix([' ', '\u{a0}']) else {
        return false;
    };
    let previous = gap
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    let word = previous.trim_end_matches('.');
    if word.is_empty() || !word.chars().all(char::is_alphabetic) {
        return false;
    }
    if words.first().is_some_and(|w| plural(w.word)) {
        return false;
    }
    let lower = word.to_lowercase();
    if LABEL_WORDS.contains(&lower.as_str()) {
        return true;
    }
    let opens_sentence = !gap[..gap.len() - previous.len()]
        .chars()
        .any(char::is_alphanumeric);
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    let call_sign = word.chars().count() >= 2 && word.chars().all(char::is_uppercase);
    let name =
        capitalised && !opens_sentence && !is_stop_word(&lower) && month_number(&lower).is_none();
    name || call_sign && CURRENCY_WORDS.iter().all(|(w, _)| *w != lower)
}

/// The currency a sign or code before a number names.
fn currency_sign(sign: &str) -> &'static str {
    match sign.trim_end_matches(['.', ' ']) {
        "€" | "EUR" => "EUR",
        "£" | "GBP" => "GBP",
        "¥" | "JPY" => "JPY",
        "₹" | "Rs" | "INR" => "INR",
        "₩" => "KRW",
        "HK$" => "HKD",
        "NZ$" => "NZD",
        "A$" => "AUD",
        "C$" => "CAD",
        "S$" => "SGD",
        "CNY" => "CNY",
        "CHF" => "CHF",
        _ => "USD",
    }
}

/// True when one of the three words before `at` is a money cue ("a profit of", "worth").
fn after_money_cue(sentence: &str, at: usize) -> bool {
    sentence[..at]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .any(|w| MONEY_CUES.contains(&w.to_lowercase().as_str()))
}

/// The figures of one sentence (`start` is its offset in the article's text).
fn found_in(sentence: &str, start: usize) -> Vec<Found> {
    let mut out = Vec::new();
    for m in FIGURE.captures_iter(sentence) {
        let (Some(whole), Some(num)) = (m.get(0), m.name("num")) else {
            continue;
        };
        // A number glued to letters or other digits (`G20`, `3D`, `1:0`) is no figure.
        let before = sentence[..whole.start()].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == ':' || c == '/') {
            continue;
        }
        let Ok(value) = num.as_str().replace(',', "").parse::<f64>() else {
            continue;
        };
        let sign = m.name("cur").map(|c| c.as_str());
        // Short scales (`£4.5m`, `$300k`) only count after a currency sign: `5m` is a length.
        let short = m
            .name("short")
            .map(|s| s.as_str())
            .filter(|s| sign.is_some() || matches!(*s, "bn" | "mn"));
        if m.name("short").is_some() && short.is_none() {
            continue;
        }
        let scale = m.name("scale").map(|s| s.as_str().to_lowercase());
        let factor = match scale.as_deref().or(short) {
            Some("trillion") => 1e12,
            Some("billion" | "bn") => 1e9,
            Some("million" | "mn" | "m") => 1e6,
            Some("crore" | "crores") => 1e7,
            Some("lakh" | "lakhs") => 1e5,
            Some("thousand" | "k") => 1e3,
            _ => 1.0,
        };
        let (words, hyphened) = phrase_after(sentence, whole.end());
        let previous_word = sentence[..whole.start()]
            .split(|c: char| !c.is_alphanumeric())
            .rfind(|w| !w.is_empty());
        let next_is_month = words
            .first()
            .is_some_and(|w| month_number(&w.word.to_lowercase()).is_some());
        if next_is_month || previous_word.is_some_and(|w| month_number(w).is_some()) {
            continue;
        }
        let reading = Reading {
            sentence,
            whole_start: whole.start(),
            end: whole.end(),
            value: value * factor,
            plain_number: scale.is_none() && short.is_none() && !num.as_str().contains(['.', ',']),
        };
        let Some(mut found) = reading.classify(&m, sign, &words, hyphened) else {
            continue;
        };
        found.span = Span::new(
            start + whole.start(),
            start + whole.start() + found.text.len(),
        );
        out.push(found);
    }
    out
}

/// One number being read: where it stands and its value.
struct Reading<'s> {
    sentence: &'s str,
    whole_start: usize,
    /// End of the number with its scale and percent sign.
    end: usize,
    value: f64,
    /// No scale, no decimals: it could be a year.
    plain_number: bool,
}

impl Reading<'_> {
    /// What the number measures (money, a share, an age or a count), or `None` when it is no
    /// figure.
    fn classify(
        &self,
        m: &regex::Captures,
        sign: Option<&str>,
        words: &[After],
        hyphened: bool,
    ) -> Option<Found> {
        let first = words.first().map(|w| w.word.to_lowercase());
        let named = first
            .as_deref()
            .and_then(|w| CURRENCY_WORDS.iter().find(|(name, _)| *name == w));
        let found = |kind, unit: String, unit_key: String, end: usize| Found {
            kind,
            unit,
            unit_key,
            value: self.value,
            text: self.sentence[self.whole_start..end].trim_end().to_owned(),
            span: Span::new(0, 0),
            first_word: None,
            named_currency: None,
        };
        if let Some(sign) = sign {
            let code = named.map_or_else(|| currency_sign(sign), |(_, code)| code);
            let end = named.map_or(self.end, |_| words[0].end);
            return Some(found("money", code.to_owned(), code.to_owned(), end));
        }
        if let Some((_, code)) = named {
            return Some(found(
                "money",
                (*code).to_owned(),
                (*code).to_owned(),
                words[0].end,
            ));
        }
        if m.name("pct").is_some() {
            return Some(found("percent", "%".to_owned(), "%".to_owned(), self.end));
        }
        if m.name("ord").is_some() {
            return (first.as_deref() == Some("birthday"))
                .then(|| found("age", "years".to_owned(), "age".to_owned(), words[0].end));
        }
        if hyphened {
            // `a 52-year-old`; otherwise a hyphen makes the number part of an adjective
            // (`a 5,000-word statement`).
            return (first.as_deref() == Some("year-old"))
                .then(|| found("age", "years".to_owned(), "age".to_owned(), words[0].end));
        }
        let year_like = self.plain_number && (1800.0..=2100.0).contains(&self.value);
        if year_like || is_label(self.sentence, self.whole_start, words) {
            return None;
        }
        let (end, head) = counted(words)?;
        if !plural(head) && after_money_cue(self.sentence, self.whole_start) {
            // "a profit of 212 million marendi", "a fine of 40,000 korun": an amount after a
            // money cue, in a word that is no plural noun, is money in that currency.
            let unit = words[0].word.to_lowercase();
            let mut f = found("money", unit.clone(), unit.clone(), words[0].end);
            f.named_currency = Some(unit);
            return Some(f);
        }
        let unit = self.sentence[words[0].end - words[0].word.len()..end].to_owned();
        let mut f = found("count", unit, stem(&head.to_lowercase()), end);
        f.first_word = first.map(|w| (w, words[0].end - self.whole_start));
        Some(f)
    }
}

/// The words a story uses as money in a currency no table holds (found after a money cue, see
/// [`Reading::classify`]): a count in one of them elsewhere in the story is money too ("31
/// million marendi" once "a profit of 212 million marendi" is money).
fn money_words<'f>(found: impl Iterator<Item = &'f Found>) -> HashSet<String> {
    found.filter_map(|f| f.named_currency.clone()).collect()
}

/// A count whose first word the story uses as money becomes money in that currency.
fn as_money(found: &mut Found, currencies: &HashSet<String>) {
    let Some((word, len)) = found
        .first_word
        .take()
        .filter(|(w, _)| currencies.contains(w))
    else {
        return;
    };
    found.kind = "money";
    found.unit.clone_from(&word);
    found.unit_key = word;
    found.text.truncate(len);
    found.span = Span::new(
        found.span.start as usize,
        found.span.start as usize + found.text.len(),
    );
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

/// The figures of a story and its conflicts. `origins` gives the origin behind each
/// sentence, for the independent counts and for telling disagreement from one origin's two
/// measures.
pub fn figures(
    articles: &[&Article],
    sentences: &Sentences,
    origins: &SentenceOrigins,
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
    // A word the story uses as money makes its other counts in that word money too.
    let currencies = money_words(all.iter().map(|o| &o.found));
    if !currencies.is_empty() {
        for o in &mut all {
            as_money(&mut o.found, &currencies);
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
            independent: origins.count(
                list.iter()
                    .map(|o| (articles[o.article].id.as_str(), o.found.span)),
            ),
            sources,
            spans: spans.into_iter().collect(),
        }
    };
    let figures: Vec<Figure> = by_value.values().map(|l| figure(l)).collect();

    // Conflicts: per kind and unit, occurrences of different values from different origins in
    // sentences about the same thing.
    let origin = |o: &Occurrence| origins.at(&articles[o.article].id, o.found.span);
    let context =
        |o: &Occurrence| -> &BTreeSet<String> { &sentences.get((o.article, o.sentence)).content };
    let about_same = |x: &Occurrence, y: &Occurrence| {
        let (a, b) = (context(x), context(y));
        let numeric = |s: &&String| !s.chars().next().is_some_and(|c| c.is_ascii_digit());
        // Nouns of people read as one word, so "residents" and "people" are no difference.
        fn people(s: &String) -> &str {
            if PEOPLE_STEMS.contains(s) {
                PEOPLE_CLASS
            } else {
                s.as_str()
            }
        }
        let a: BTreeSet<&str> = a.iter().filter(numeric).map(people).collect();
        let b: BTreeSet<&str> = b.iter().filter(numeric).map(people).collect();
        let shared = a.intersection(&b).count() as f64;
        let union = (a.len() + b.len()) as f64 - shared;
        union > 0.0 && shared / union >= SAME_CONTEXT
    };
    // Counts of people are compared as one class; across nouns they conflict only when their
    // sentences tell of one event (see `EVENTS`).
    let class = |o: &Occurrence| {
        if o.found.kind == "count" && PEOPLE_STEMS.contains(&o.found.unit_key) {
            PEOPLE_CLASS.to_owned()
        } else {
            o.found.unit_key.clone()
        }
    };
    let one_event = |x: &Occurrence, y: &Occurrence| {
        x.found.unit_key == y.found.unit_key || {
            let (a, b) = (context(x), context(y));
            EVENT_STEMS.iter().any(|kind| {
                kind.iter().any(|s| a.contains(s)) && kind.iter().any(|s| b.contains(s))
            })
        }
    };
    let mut by_unit: BTreeMap<(&'static str, String), Vec<&Occurrence>> = BTreeMap::new();
    for o in &all {
        by_unit.entry((o.found.kind, class(o))).or_default().push(o);
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
                    origin(o),
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
            given.insert((origin(o), key(o).2));
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
                    && origin(x) != origin(y)
                    && !one_origin_gives_both(v, w)
                    && about_same(x, y)
                    && one_event(x, y)
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
            let unit = if class(list[0]) == PEOPLE_CLASS {
                PEOPLE_CLASS.to_owned()
            } else {
                list[0].found.unit.clone()
            };
            conflicts.push(Conflict {
                kind: list[0].found.kind.to_owned(),
                unit,
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
