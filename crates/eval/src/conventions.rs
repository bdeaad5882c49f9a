//! `newsfold-eval conventions DIR`: the newsroom conventions a journalist checks first
//! (datelines, relative dates, figures, quotes, headlines, outlet identity), checked on a set of
//! articles the team has never seen.
//!
//! The set is kept outside the repository (the team's is `/work/heldout/newsroom`), so the
//! conventions cannot be tuned to it; `testdata/conventions/` holds a tiny sample in the same
//! format, written by the team, that the unit tests use. `DIR/articles.jsonl` is folded in
//! process with the engine's default options, exactly as `newsfold fold DIR/articles.jsonl`
//! folds it, and the fold is compared with `DIR/expected.toml`. Each check prints under its
//! class with its `why`, what was expected and what the fold gave; `--min-share` turns the
//! overall share of checks passed into the exit status.
//!
//! # `expected.toml`
//!
//! Every table is an array of tables, each entry with a `why` (one sentence: the convention it
//! checks). An entry with several fields makes one check per field. Articles are named by their
//! record's `id`, stories by the `name` of a `[[story]]` entry. Text is matched as written,
//! after folding quotes and dashes (`text::fold_char`).
//!
//! - `[[article]]` (class `datelines`): `id`; `dateline`, the place the dateline names
//!   (`"KYIV"`; the article's dateline must hold it, and the text must not open with the
//!   dateline: `KYIV,`, `KYIV (`, `(AGENCY) - KYIV`) or `"none"`;
//!   `credits`, the agencies credited, in any order (compared by `text::agency_name`);
//!   `published`, the `YYYY-MM-DD` the article must carry.
//! - `[[date]]` (class `dates`): `article`; `sentence`, a substring of one of its sentences;
//!   `date`, the sentence's date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or `"none"`) or `not_date`,
//!   a date (or its prefix) it must not have. A sentence's date is the story timeline's date
//!   when the timeline holds it, else the first date `text::dates_in` finds in it against the
//!   article's publication day, which is how the timeline dates a sentence.
//! - `[[figure]]` (class `figures`): `article`; `text`, the figure's words in the article;
//!   `kind`, `value` and optionally `unit`: a figure of the article's story must stand on those
//!   words with that kind, value and unit. With `absent = true` (and no kind or value), no
//!   figure may stand on them (`"Route 9"` is a label, not a count).
//! - `[[conflict]]` (class `figures`): `story`; `values`: one conflict of the story must hold
//!   all of them.
//! - `[[quote]]` (class `quotes`): `article`; `text`, a substring of the quoted words; `speaker`,
//!   a name the story's quote must give as its speaker (`"Varga"` matches `"Mayor Ilse Varga"`).
//! - `[[speaker]]` (class `quotes`): `story`; `name`: every quote of the story whose speaker
//!   holds the name gives one and the same speaker.
//! - `[[quote_clean]]` (class `quotes`): `story`; `not_in_quote`, words no quote variant of the
//!   story may hold (a lead-in such as `"in a statement:"`); `whole_brief = true`: every brief
//!   sentence opens with a capital, a digit or a quotation mark and has at least four words.
//! - `[[headline]]` (class `headlines`): `story`; every entry checks that the headline is no URL,
//!   article id or link line; `has`, words it must hold, and be no link (case-insensitive);
//!   `not`, a title it must not be.
//! - `[[outlets]]` (class `outlets`): `story` and `count`, the story's distinct outlets; or
//!   `articles`, ids that must carry one and the same outlet.
//! - `[[story]]` (class `stories`): `name` and `articles`: the fold must have a story with
//!   exactly these articles. Story checks look at the fold's story sharing most articles with
//!   it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, bail};
use newsfold_core::{Article, Fold, Span, Story};
use newsfold_engine::{Options, Quiet};
use newsfold_text::{Precision, agency_name, dates_in, fold_char, parse_date};
use serde::Deserialize;

/// The classes, in the order they are printed.
pub const CLASSES: [&str; 7] = [
    "datelines",
    "dates",
    "figures",
    "quotes",
    "headlines",
    "outlets",
    "stories",
];

/// Figures within this relative difference are the same value.
const VALUE_TOLERANCE: f64 = 1e-6;
/// A brief sentence shorter than this, in words, is a fragment (a sentence cut after a quote's
/// close, `next week.”`, has one or two).
const MIN_BRIEF_WORDS: usize = 4;

/// The expectations of `expected.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    #[serde(default)]
    article: Vec<ArticleCheck>,
    #[serde(default)]
    date: Vec<DateCheck>,
    #[serde(default)]
    figure: Vec<FigureCheck>,
    #[serde(default)]
    conflict: Vec<ConflictCheck>,
    #[serde(default)]
    quote: Vec<QuoteCheck>,
    #[serde(default)]
    speaker: Vec<SpeakerCheck>,
    #[serde(default)]
    quote_clean: Vec<QuoteCleanCheck>,
    #[serde(default)]
    headline: Vec<HeadlineCheck>,
    #[serde(default)]
    outlets: Vec<OutletsCheck>,
    #[serde(default)]
    story: Vec<StoryCheck>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleCheck {
    id: String,
    dateline: Option<String>,
    credits: Option<Vec<String>>,
    published: Option<String>,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DateCheck {
    article: String,
    sentence: String,
    date: Option<String>,
    not_date: Option<String>,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FigureCheck {
    article: String,
    text: String,
    kind: Option<String>,
    value: Option<f64>,
    unit: Option<String>,
    #[serde(default)]
    absent: bool,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConflictCheck {
    story: String,
    values: Vec<f64>,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteCheck {
    article: String,
    text: String,
    speaker: String,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeakerCheck {
    story: String,
    name: String,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteCleanCheck {
    story: String,
    not_in_quote: Option<String>,
    #[serde(default)]
    whole_brief: bool,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HeadlineCheck {
    story: String,
    has: Option<Vec<String>>,
    not: Option<String>,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletsCheck {
    story: Option<String>,
    count: Option<usize>,
    articles: Option<Vec<String>>,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoryCheck {
    name: String,
    articles: Vec<String>,
    why: String,
}

/// The outcome of one check.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// One of [`CLASSES`].
    pub class: &'static str,
    /// What was checked: `h-07 dateline`, `story flood headline`.
    pub what: String,
    /// The entry's `why`.
    pub why: String,
    /// What was expected.
    pub expected: String,
    /// What the fold gave.
    pub got: String,
    /// Whether they agree.
    pub passed: bool,
}

/// Every check of one set, in the order of `expected.toml`'s tables.
#[derive(Debug, Default)]
pub struct Report {
    /// Articles folded.
    pub articles: usize,
    /// Stories the fold made.
    pub stories: usize,
    /// The checks.
    pub outcomes: Vec<Outcome>,
}

impl Report {
    /// Checks passed and checks in all, for one class (or all, with `None`).
    pub fn tally(&self, class: Option<&str>) -> (usize, usize) {
        let of = |o: &&Outcome| class.is_none_or(|c| o.class == c);
        let total = self.outcomes.iter().filter(of).count();
        let passed = self.outcomes.iter().filter(of).filter(|o| o.passed).count();
        (passed, total)
    }

    /// The share of all checks passed (1 when there are none).
    pub fn share(&self) -> f64 {
        let (passed, total) = self.tally(None);
        if total == 0 {
            1.0
        } else {
            passed as f64 / total as f64
        }
    }
}

/// Fold `dir/articles.jsonl`, check it against `dir/expected.toml`, print per class and every
/// failure, and fail when the share passed is under `min_share`.
pub fn run(dir: &Path, min_share: Option<f64>) -> anyhow::Result<()> {
    let report = check_dir(dir)?;
    print!("{}", render(dir, &report));
    if let Some(min) = min_share
        && report.share() < min
    {
        bail!(
            "{:.1}% of the checks passed, under --min-share {min}",
            100.0 * report.share()
        );
    }
    Ok(())
}

/// Fold the set in `dir` and check it.
pub fn check_dir(dir: &Path) -> anyhow::Result<Report> {
    if !dir.is_dir() {
        bail!(
            "{} does not exist or is not a folder: the held-out set is kept outside the \
             repository (the team's is /work/heldout/newsroom) and holds articles.jsonl and \
             expected.toml",
            dir.display()
        );
    }
    let articles = dir.join("articles.jsonl");
    if !articles.is_file() {
        bail!("{} does not exist", articles.display());
    }
    let expected_path = dir.join("expected.toml");
    let expected_text = std::fs::read_to_string(&expected_path)
        .with_context(|| format!("could not read {}", expected_path.display()))?;
    let expected: Expected = toml::from_str(&expected_text)
        .with_context(|| format!("{} is not a valid expected.toml", expected_path.display()))?;
    let fold = newsfold_engine::fold(
        &[articles.to_string_lossy().into_owned()],
        &Options::default(),
        &Quiet,
    );
    Ok(check(&fold, &expected))
}

/// Check a fold against the expectations.
pub fn check(fold: &Fold, expected: &Expected) -> Report {
    let ctx = Index::new(fold, expected);
    let mut outcomes = Vec::new();
    expected
        .article
        .iter()
        .for_each(|c| article_checks(&ctx, c, &mut outcomes));
    outcomes.extend(expected.date.iter().map(|c| date_check(&ctx, c)));
    outcomes.extend(expected.figure.iter().map(|c| figure_check(&ctx, c)));
    outcomes.extend(expected.conflict.iter().map(|c| conflict_check(&ctx, c)));
    outcomes.extend(expected.quote.iter().map(|c| quote_check(&ctx, c)));
    outcomes.extend(expected.speaker.iter().map(|c| speaker_check(&ctx, c)));
    expected
        .quote_clean
        .iter()
        .for_each(|c| quote_clean_checks(&ctx, c, &mut outcomes));
    expected
        .headline
        .iter()
        .for_each(|c| headline_checks(&ctx, c, &mut outcomes));
    outcomes.extend(expected.outlets.iter().map(|c| outlets_check(&ctx, c)));
    outcomes.extend(expected.story.iter().map(|c| story_check(&ctx, c)));
    Report {
        articles: fold.articles.len(),
        stories: fold.stories.len(),
        outcomes,
    }
}

/// The report as printed: per class, then every failure.
pub fn render(dir: &Path, report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "conventions on {}: {} articles folded into {} stories\n",
        dir.display(),
        report.articles,
        report.stories
    );
    let line = |out: &mut String, name: &str, (passed, total): (usize, usize)| {
        let share = if total == 0 {
            100.0
        } else {
            100.0 * passed as f64 / total as f64
        };
        let _ = writeln!(out, "  {name:<10} {passed:>4}/{total:<4} {share:5.1}%");
    };
    for class in CLASSES {
        line(&mut out, class, report.tally(Some(class)));
    }
    line(&mut out, "all", report.tally(None));
    let failures: Vec<&Outcome> = report.outcomes.iter().filter(|o| !o.passed).collect();
    if !failures.is_empty() {
        let _ = writeln!(out, "\nfailures ({}):", failures.len());
    }
    for o in failures {
        let _ = writeln!(
            out,
            "  [{}] {}: {}\n      expected {}\n      got      {}",
            o.class, o.what, o.why, o.expected, o.got
        );
    }
    out
}

/// The fold, indexed for the checks.
struct Index<'a> {
    articles: BTreeMap<&'a str, &'a Article>,
    story_of: BTreeMap<&'a str, &'a Story>,
    named: BTreeMap<&'a str, Option<&'a Story>>,
}

impl<'a> Index<'a> {
    fn new(fold: &'a Fold, expected: &'a Expected) -> Index<'a> {
        let articles = fold.articles.iter().map(|a| (a.id.as_str(), a)).collect();
        let mut story_of = BTreeMap::new();
        for s in &fold.stories {
            for id in &s.articles {
                story_of.insert(id.as_str(), s);
            }
        }
        let named = expected
            .story
            .iter()
            .map(|e| (e.name.as_str(), best_story(fold, &e.articles)))
            .collect();
        Index {
            articles,
            story_of,
            named,
        }
    }

    fn article(&self, id: &str) -> Result<&'a Article, String> {
        self.articles
            .get(id)
            .copied()
            .ok_or_else(|| format!("no article {id} in the fold"))
    }

    fn story(&self, name: &str) -> Result<&'a Story, String> {
        match self.named.get(name) {
            None => Err(format!("no [[story]] named {name} in expected.toml")),
            Some(None) => Err(format!("no story holds the articles of {name}")),
            Some(Some(s)) => Ok(s),
        }
    }
}

/// The story that shares most articles with `ids` (the earliest on a tie).
fn best_story<'a>(fold: &'a Fold, ids: &[String]) -> Option<&'a Story> {
    let shared = |s: &Story| ids.iter().filter(|id| s.articles.contains(id)).count();
    fold.stories
        .iter()
        .map(|s| (shared(s), s))
        .filter(|(n, _)| *n > 0)
        .fold(None, |best: Option<(usize, &Story)>, (n, s)| match best {
            Some((m, _)) if m >= n => best,
            _ => Some((n, s)),
        })
        .map(|(_, s)| s)
}

fn outcome(class: &'static str, what: String, why: &str, expected: String) -> Outcome {
    Outcome {
        class,
        what,
        why: why.to_owned(),
        expected,
        got: String::new(),
        passed: false,
    }
}

/// Settle an outcome from what was got, or from the reason nothing could be.
fn settle(mut o: Outcome, got: Result<(String, bool), String>) -> Outcome {
    match got {
        Ok((got, passed)) => {
            o.got = got;
            o.passed = passed;
        }
        Err(reason) => o.got = reason,
    }
    o
}

/// Quotes and dashes folded, for matching text as written.
fn folded(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// Byte ranges of every occurrence of `needle` in `text`, matched after folding (folding keeps
/// byte offsets only for one-to-one characters, so the search runs over character positions).
fn occurrences(text: &str, needle: &str) -> Vec<Span> {
    let hay: Vec<(usize, char)> = text
        .char_indices()
        .map(|(i, c)| (i, fold_char(c)))
        .collect();
    let needle: Vec<char> = needle.chars().map(fold_char).collect();
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| {
            hay[i..i + needle.len()]
                .iter()
                .map(|p| p.1)
                .eq(needle.iter().copied())
        })
        .map(|i| {
            let last = hay[i + needle.len() - 1];
            Span {
                start: hay[i].0 as u32,
                end: (last.0 + last.1.len_utf8()) as u32,
            }
        })
        .collect()
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

fn show(value: Option<&str>) -> String {
    value.map_or_else(|| "none".to_owned(), |v| format!("{v:?}"))
}

fn article_checks(ctx: &Index, c: &ArticleCheck, out: &mut Vec<Outcome>) {
    let article = ctx.article(&c.id);
    if let Some(place) = &c.dateline {
        let o = outcome(
            "datelines",
            format!("{} dateline", c.id),
            &c.why,
            show(Some(place)),
        );
        out.push(settle(o, article.clone().map(|a| dateline_got(a, place))));
    }
    if let Some(credits) = &c.credits {
        let o = outcome(
            "datelines",
            format!("{} credits", c.id),
            &c.why,
            format!("{credits:?}"),
        );
        out.push(settle(o, article.clone().map(|a| credits_got(a, credits))));
    }
    if let Some(published) = &c.published {
        let o = outcome(
            "datelines",
            format!("{} published", c.id),
            &c.why,
            show(Some(published)),
        );
        out.push(settle(
            o,
            article.map(|a| {
                let got = a.published.as_deref();
                (show(got), got == Some(published.as_str()))
            }),
        ));
    }
}

fn dateline_got(article: &Article, place: &str) -> (String, bool) {
    let got = article.dateline.as_deref();
    let head: String = article.text.chars().take(60).collect();
    let passed = if place == "none" {
        got.is_none()
    } else {
        let names = |s: &str| {
            folded(s)
                .to_lowercase()
                .contains(&folded(place).to_lowercase())
        };
        // Left at the head of the text: `PLACE, ...`, `PLACE (AGENCY)`, `(AGENCY) - PLACE`.
        let left_in_text = head.starts_with(&format!("{place},"))
            || head.starts_with(&format!("{place} ("))
            || (head.starts_with('(') && head.contains(place));
        got.is_some_and(names) && !left_in_text
    };
    (format!("{} (text opens {head:?})", show(got)), passed)
}

fn credits_got(article: &Article, expected: &[String]) -> (String, bool) {
    let norm = |c: &String| agency_name(c).to_lowercase();
    let mut want: Vec<String> = expected.iter().map(norm).collect();
    let mut got: Vec<String> = article.credits.iter().map(norm).collect();
    want.sort();
    want.dedup();
    got.sort();
    got.dedup();
    (format!("{:?}", article.credits), want == got)
}

fn date_check(ctx: &Index, c: &DateCheck) -> Outcome {
    let expected = match (&c.date, &c.not_date) {
        (Some(d), _) => show(Some(d)),
        (None, Some(n)) => format!("not {n:?}"),
        (None, None) => "a date or not_date".to_owned(),
    };
    let o = outcome(
        "dates",
        format!("{} {:?}", c.article, c.sentence),
        &c.why,
        expected,
    );
    let got = ctx.article(&c.article).and_then(|a| {
        let date = sentence_date(a, ctx.story_of.get(a.id.as_str()).copied(), &c.sentence)?;
        let passed = match (&c.date, &c.not_date) {
            (Some(d), _) if d == "none" => date.is_none(),
            (Some(d), _) => date.as_deref() == Some(d.as_str()),
            (None, Some(n)) => !date.as_deref().is_some_and(|g| g.starts_with(n.as_str())),
            (None, None) => false,
        };
        Ok((show(date.as_deref()), passed))
    });
    settle(o, got)
}

/// The date of the article's first sentence holding `needle`: the timeline's, else the first
/// date the sentence mentions, resolved against the publication day.
fn sentence_date(
    article: &Article,
    story: Option<&Story>,
    needle: &str,
) -> Result<Option<String>, String> {
    let needle = folded(needle);
    let (i, sentence) = (0..article.sentences.len())
        .map(|i| (i, article.sentence(i)))
        .find(|(_, s)| folded(s).contains(&needle))
        .ok_or_else(|| "no sentence holds it".to_owned())?;
    let span = article.sentences[i];
    let on_timeline = story.and_then(|s| {
        s.timeline.iter().find(|d| {
            d.fact
                .spans
                .iter()
                .any(|(id, sp)| *id == article.id && overlaps(*sp, span))
        })
    });
    if let Some(dated) = on_timeline {
        return Ok(Some(dated.date.clone()));
    }
    let reference = article.published.as_deref().and_then(parse_date);
    Ok(dates_in(sentence, reference).first().map(|(_, d)| {
        let day = d.day;
        match d.precision {
            Precision::Day | Precision::Week => day.iso(),
            Precision::Month => format!("{:04}-{:02}", day.year, day.month),
            Precision::Year => format!("{:04}", day.year),
        }
    }))
}

fn figure_check(ctx: &Index, c: &FigureCheck) -> Outcome {
    let expected = if c.absent {
        "no figure".to_owned()
    } else {
        format!(
            "{} {} {}",
            c.kind.as_deref().unwrap_or("?"),
            c.value.map_or_else(|| "?".to_owned(), |v| v.to_string()),
            c.unit.as_deref().unwrap_or("(any unit)")
        )
    };
    let o = outcome(
        "figures",
        format!("{} {:?}", c.article, c.text),
        &c.why,
        expected,
    );
    let got = ctx.article(&c.article).and_then(|a| {
        let at = occurrences(&a.text, &c.text);
        if at.is_empty() {
            return Err("the article's text does not hold it".to_owned());
        }
        let story = ctx.story_of.get(a.id.as_str());
        let found: Vec<&newsfold_core::Figure> = story
            .map(|s| s.figures.iter())
            .into_iter()
            .flatten()
            .filter(|f| {
                f.spans
                    .iter()
                    .any(|(id, sp)| *id == a.id && at.iter().any(|x| overlaps(*x, *sp)))
            })
            .collect();
        let fits = |f: &&newsfold_core::Figure| {
            c.kind.as_deref().is_none_or(|k| k == f.kind)
                && c.value.is_none_or(|v| same_value(v, f.value))
                && c.unit
                    .as_deref()
                    .is_none_or(|u| u.eq_ignore_ascii_case(&f.unit))
        };
        let passed = if c.absent {
            found.is_empty()
        } else {
            found.iter().any(fits)
        };
        let shown: Vec<String> = found
            .iter()
            .map(|f| format!("{} {} {} ({:?})", f.kind, f.value, f.unit, f.text))
            .collect();
        let got = if shown.is_empty() {
            "no figure".to_owned()
        } else {
            shown.join("; ")
        };
        Ok((got, passed))
    });
    settle(o, got)
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= VALUE_TOLERANCE * a.abs().max(b.abs()).max(1.0)
}

fn conflict_check(ctx: &Index, c: &ConflictCheck) -> Outcome {
    let o = outcome(
        "figures",
        format!("story {} conflict", c.story),
        &c.why,
        format!("{:?}", c.values),
    );
    let got = ctx.story(&c.story).map(|s| {
        let holds = |k: &newsfold_core::Conflict| {
            c.values
                .iter()
                .all(|v| k.values.iter().any(|f| same_value(*v, f.value)))
        };
        let shown: Vec<String> = s
            .conflicts
            .iter()
            .map(|k| {
                let values: Vec<String> = k.values.iter().map(|f| f.value.to_string()).collect();
                format!("{} {} [{}]", k.kind, k.unit, values.join(", "))
            })
            .collect();
        let got = if shown.is_empty() {
            "no conflict".to_owned()
        } else {
            shown.join("; ")
        };
        (got, s.conflicts.iter().any(holds))
    });
    settle(o, got)
}

/// `name`'s words stand in `speaker`, in order, as whole words (case-insensitive).
fn names(speaker: &str, name: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (have, want) = (words(speaker), words(name));
    !want.is_empty() && have.windows(want.len()).any(|w| w == want.as_slice())
}

fn quote_check(ctx: &Index, c: &QuoteCheck) -> Outcome {
    let o = outcome(
        "quotes",
        format!("{} {:?}", c.article, c.text),
        &c.why,
        show(Some(&c.speaker)),
    );
    let got = ctx.article(&c.article).and_then(|a| {
        let story = ctx
            .story_of
            .get(a.id.as_str())
            .ok_or("the article is in no story")?;
        let needle = folded(&c.text);
        let quote = story
            .quotes
            .iter()
            .find(|q| {
                q.variants
                    .iter()
                    .any(|v| v.articles.contains(&a.id) && folded(&v.text).contains(&needle))
            })
            .ok_or_else(|| "no quote of the story holds these words".to_owned())?;
        let speaker = quote.speaker.as_deref();
        let got = speaker.map_or_else(|| "no speaker".to_owned(), |s| format!("{s:?}"));
        Ok((got, speaker.is_some_and(|s| names(s, &c.speaker))))
    });
    settle(o, got)
}

fn speaker_check(ctx: &Index, c: &SpeakerCheck) -> Outcome {
    let o = outcome(
        "quotes",
        format!("story {} speaker", c.story),
        &c.why,
        format!("one speaker naming {:?}", c.name),
    );
    let got = ctx.story(&c.story).map(|s| {
        let mut speakers: Vec<&str> = s
            .quotes
            .iter()
            .filter_map(|q| q.speaker.as_deref())
            .filter(|sp| names(sp, &c.name))
            .collect();
        speakers.sort_unstable();
        speakers.dedup();
        (format!("{speakers:?}"), speakers.len() == 1)
    });
    settle(o, got)
}

fn quote_clean_checks(ctx: &Index, c: &QuoteCleanCheck, out: &mut Vec<Outcome>) {
    if let Some(words) = &c.not_in_quote {
        let o = outcome(
            "quotes",
            format!("story {} quotes", c.story),
            &c.why,
            format!("no quote holding {words:?}"),
        );
        let needle = folded(words).to_lowercase();
        let got = ctx.story(&c.story).map(|s| {
            let bad: Vec<&str> = s
                .quotes
                .iter()
                .flat_map(|q| &q.variants)
                .map(|v| v.text.as_str())
                .filter(|t| folded(t).to_lowercase().contains(&needle))
                .collect();
            (format!("{bad:?}"), bad.is_empty())
        });
        out.push(settle(o, got));
    }
    if c.whole_brief {
        let o = outcome(
            "quotes",
            format!("story {} brief", c.story),
            &c.why,
            "whole sentences".to_owned(),
        );
        let got = ctx.story(&c.story).map(|s| {
            let bad: Vec<&str> = s
                .brief
                .iter()
                .map(|b| b.text.as_str())
                .filter(|t| is_fragment(t))
                .collect();
            (format!("fragments {bad:?}"), bad.is_empty())
        });
        out.push(settle(o, got));
    }
}

/// A sentence that cannot stand alone: it opens in lower case or punctuation, or is too short.
fn is_fragment(sentence: &str) -> bool {
    let opens_well = sentence
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'".contains(c));
    !opens_well || sentence.split_whitespace().count() < MIN_BRIEF_WORDS
}

fn headline_checks(ctx: &Index, c: &HeadlineCheck, out: &mut Vec<Outcome>) {
    let story = ctx.story(&c.story);
    let headline = story.map(|s| s.headline.as_deref());
    let what = |part: &str| format!("story {} headline{part}", c.story);
    let o = outcome(
        "headlines",
        what(""),
        &c.why,
        "no URL, id or link line".to_owned(),
    );
    out.push(settle(
        o,
        headline
            .clone()
            .map(|h| (show(h), h.is_some_and(|h| !link_or_id(h, ctx)))),
    ));
    if let Some(words) = &c.has {
        let o = outcome(
            "headlines",
            what(" wording"),
            &c.why,
            format!("holding {words:?}"),
        );
        out.push(settle(
            o,
            headline.clone().map(|h| {
                let lower = h.map(|h| folded(h).to_lowercase());
                let holds = |l: &str| words.iter().all(|w| l.contains(&folded(w).to_lowercase()));
                // A link that happens to hold the words is no headline.
                let passed =
                    h.is_some_and(|h| !link_or_id(h, ctx)) && lower.as_deref().is_some_and(holds);
                (show(h), passed)
            }),
        ));
    }
    if let Some(not) = &c.not {
        let o = outcome("headlines", what(" choice"), &c.why, format!("not {not:?}"));
        out.push(settle(
            o,
            headline.map(|h| (show(h), h.is_some_and(|h| folded(h) != folded(not)))),
        ));
    }
}

/// A URL, a link line tokenised into words (`http: / / www. …`), or an article id.
fn link_or_id(headline: &str, ctx: &Index) -> bool {
    let squeezed: String = headline.chars().filter(|c| !c.is_whitespace()).collect();
    let lower = squeezed.to_lowercase();
    let url = lower.contains("://") || lower.starts_with("www.") || lower.contains(".example/");
    let id_like = !headline.contains(' ') && headline.chars().any(|c| c.is_ascii_digit());
    url || id_like || ctx.articles.contains_key(headline.trim())
}

fn outlets_check(ctx: &Index, c: &OutletsCheck) -> Outcome {
    if let Some(ids) = &c.articles {
        let o = outcome(
            "outlets",
            format!("same outlet {ids:?}"),
            &c.why,
            "one outlet".to_owned(),
        );
        let got: Result<Vec<Option<&str>>, String> = ids
            .iter()
            .map(|id| ctx.article(id).map(|a| a.outlet.as_deref()))
            .collect();
        return settle(
            o,
            got.map(|outlets| {
                let mut distinct = outlets.clone();
                distinct.sort_unstable();
                distinct.dedup();
                let passed = distinct.len() == 1 && distinct[0].is_some();
                (format!("{outlets:?}"), passed)
            }),
        );
    }
    let story = c.story.as_deref().unwrap_or("?");
    let o = outcome(
        "outlets",
        format!("story {story} outlets"),
        &c.why,
        c.count
            .map_or_else(|| "a count".to_owned(), |n| n.to_string()),
    );
    let got = ctx.story(story).map(|s| {
        (
            format!("{} {:?}", s.outlets.len(), s.outlets),
            Some(s.outlets.len()) == c.count,
        )
    });
    settle(o, got)
}

fn story_check(ctx: &Index, c: &StoryCheck) -> Outcome {
    let mut want = c.articles.clone();
    want.sort();
    let o = outcome(
        "stories",
        format!("story {}", c.name),
        &c.why,
        format!("{want:?}"),
    );
    let got = ctx
        .story(&c.name)
        .map(|s| (format!("{:?}", s.articles), s.articles == want));
    settle(o, got)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn sample() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/conventions")
    }

    #[test]
    fn the_sample_set_passes_every_check_and_counts_each_class() {
        let report = check_dir(&sample()).expect("the sample set folds");
        let failures: Vec<&Outcome> = report.outcomes.iter().filter(|o| !o.passed).collect();
        assert!(failures.is_empty(), "{failures:#?}");
        assert_eq!(report.articles, 3);
        let totals: Vec<usize> = CLASSES.iter().map(|c| report.tally(Some(c)).1).collect();
        // datelines, dates, figures, quotes, headlines, outlets, stories
        assert_eq!(totals, [4, 2, 2, 1, 2, 1, 1]);
    }

    #[test]
    fn a_wrong_expectation_is_reported_with_its_why_expected_and_got() {
        let dir = sample();
        let text = std::fs::read_to_string(dir.join("expected.toml")).unwrap();
        let mut expected: Expected = toml::from_str(&text).unwrap();
        expected.date[0].date = Some("1999-01-01".to_owned());
        expected.figure[0].value = Some(7.0);
        let fold = newsfold_engine::fold(
            &[dir.join("articles.jsonl").to_string_lossy().into_owned()],
            &Options::default(),
            &Quiet,
        );
        let report = check(&fold, &expected);
        assert_eq!(report.tally(Some("dates")), (1, 2));
        assert_eq!(report.tally(Some("figures")), (1, 2));
        let printed = render(&dir, &report);
        assert!(printed.contains("failures (2)"), "{printed}");
        assert!(printed.contains(&expected.date[0].why), "{printed}");
        assert!(printed.contains("expected \"1999-01-01\""), "{printed}");
        assert!(report.share() < 1.0);
    }

    #[test]
    fn an_absent_folder_says_where_the_held_out_set_lives() {
        let error = check_dir(Path::new("/nonexistent/heldout")).unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("/nonexistent/heldout does not exist"),
            "{message}"
        );
        assert!(message.contains("outside the repository"), "{message}");
    }

    #[test]
    fn a_misspelt_field_is_an_error_not_a_silent_skip() {
        let parsed =
            toml::from_str::<Expected>("[[article]]\nid = \"a\"\ndatline = \"X\"\nwhy = \"w\"\n");
        assert!(parsed.is_err());
    }

    #[test]
    fn links_and_ids_are_no_headline() {
        let fold = Fold::default();
        let expected = Expected::default();
        let ctx = Index::new(&fold, &expected);
        assert!(link_or_id(
            "http: / / www. ostbay. example / news / 2041",
            &ctx
        ));
        assert!(link_or_id("https://ostbay.example/news/2041", &ctx));
        assert!(link_or_id("wire-2026-0412-quake-3b9f", &ctx));
        assert!(!link_or_id("Quake shakes the Ostbay coast, 12 hurt", &ctx));
    }

    #[test]
    fn names_match_whole_words_in_order() {
        assert!(names("Battalion Chief Rosa Delgado", "Delgado"));
        assert!(names("Mayor Ilse Varga", "ilse varga"));
        assert!(!names("Delgadoz", "Delgado"));
        assert!(!names("Varga Ilse", "Ilse Varga"));
    }
}
