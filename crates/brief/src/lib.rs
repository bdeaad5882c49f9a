//! The align and brief stages: what the articles of one story say together.
//!
//! [`facts::align`] groups sentences that state the same thing; [`summarize`] turns the groups
//! into the story's facts (statements carried by several articles, with the number of
//! independent origins behind each) and its brief: an extractive summary whose every sentence is
//! a real sentence of a real article, cited to every article that carries it.
//!
//! The brief covers the story's *concepts* under a length budget, as ICSISumm does (Gillick and
//! Favre): a concept is a pair of adjacent word stems (not two stop words), weighed by the number
//! of independent origins whose articles use it, so a wire story printed five times counts once;
//! concepts of a single origin are not worth covering. Candidates are the facts' representative
//! sentences that read well on their own. Sentences are picked greedily by the weight of the
//! concepts they add over their length (to the power 0.75), favoured when they come early in
//! their articles (news puts the point first) and when many origins carry them; covering a
//! concept twice gains nothing, which removes redundancy. The picks are ordered for reading.
//! The constants were tuned on DUC 2003 (tasks 2 and 4) only; `newsfold-eval briefs` measures
//! them, MultiLing 2011 English being held out. Functions here see one story's articles and
//! nothing else.

pub mod close;
pub mod facts;
pub mod figures;
pub mod framing;
pub mod quotes;
pub mod similarity;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use newsfold_core::{Article, Cited, Dated, SentenceOrigins};
use newsfold_text::{Precision, dates_in, parse_date};

use facts::{FactGroup, SentenceRef, read_sentences};

/// How long a brief may be.
#[derive(Debug, Clone, Copy)]
pub struct Length {
    /// At most this many sentences.
    pub sentences: usize,
    /// At most this many words (the sentence that crosses it is left out).
    pub words: usize,
}

impl Default for Length {
    fn default() -> Length {
        Length {
            sentences: 6,
            words: 160,
        }
    }
}

/// Concepts found in fewer independent origins are not worth covering (unless the story has
/// fewer origins than this).
const MIN_ORIGINS: usize = 2;
/// A sentence's value is its new concepts' weight over its length to this power.
const LENGTH_EXPONENT: f64 = 0.75;
/// ...times `1 + EARLY_BONUS` for a sentence that opens its article, falling to 1 at its end.
const EARLY_BONUS: f64 = 2.0;

/// What the brief stage says about one story.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// A representative title, else the first brief sentence.
    pub headline: Option<String>,
    /// The cited brief, in reading order.
    pub brief: Vec<Cited>,
    /// Facts carried by more than one article, most independent first.
    pub facts: Vec<Cited>,
    /// Statements only one origin makes (when the story has several): the [`ONLY_IN`] most
    /// on-topic, in reading order.
    pub only_in: Vec<Cited>,
    /// Things the articles name in different words.
    pub framing: Vec<newsfold_core::Framing>,
    /// Numbers the articles give, normalised, with their sources.
    pub figures: Vec<newsfold_core::Figure>,
    /// Different values articles of different origins give for one thing.
    pub conflicts: Vec<newsfold_core::Conflict>,
    /// Dated facts, earliest first.
    pub timeline: Vec<Dated>,
    /// Quoted statements, variants merged.
    pub quotes: Vec<newsfold_core::Quote>,
}

/// Most facts on a story's timeline (the most widely carried of those that mention a date).
pub const TIMELINE: usize = 12;

/// Most statements listed as made by one origin only (more when several are as novel as the
/// last: equals are never cut by the order they came in).
pub const ONLY_IN: usize = 8;
/// Share of a statement's concepts that must be its origin's alone for it to count as saying
/// something only that origin says.
const ONLY_IN_NOVEL: f64 = 0.6;

/// Summarise one story. `origins` gives the origin behind each sentence: every independent
/// count counts the distinct origins of the sentences that carry an item.
pub fn summarize(articles: &[&Article], origins: &SentenceOrigins, length: Length) -> Summary {
    let sentences = read_sentences(articles);
    // Figures, quotes and framing do not need the facts: on the caller's threads, they are
    // found while the facts are aligned (the largest story's brief waits on alignment alone).
    let (groups, ((figures, conflicts), (quotes, framing))) = rayon::join(
        || facts::align(&sentences),
        || {
            rayon::join(
                || figures::figures(articles, &sentences, origins),
                || {
                    (
                        quotes::quotes(articles, origins),
                        framing::framing(articles),
                    )
                },
            )
        },
    );
    let n = articles.len().max(1) as f64;

    // How many articles use each stem: the story's centre of gravity.
    let mut article_freq: BTreeMap<&str, f64> = BTreeMap::new();
    for a in 0..sentences.articles() {
        let own: BTreeSet<&str> = sentences
            .distinct_of_article(a)
            .into_iter()
            .flat_map(|r| sentences.get_reading(r).content.iter())
            .map(String::as_str)
            .collect();
        for s in own {
            *article_freq.entry(s).or_default() += 1.0 / n;
        }
    }
    let centrality = |stems: &BTreeSet<String>| -> f64 {
        if stems.is_empty() {
            return 0.0;
        }
        stems
            .iter()
            .map(|s| article_freq.get(s.as_str()).copied().unwrap_or(0.0))
            .sum::<f64>()
            / stems.len() as f64
    };
    let story_origins = origins.count_articles(articles);
    let total_origins = story_origins.max(1) as f64;
    // The origin behind a sentence.
    let origin = |(a, i): SentenceRef| origins.at(&articles[a].id, articles[a].sentences[i]);
    let relative_position =
        |&(a, i): &SentenceRef| i as f64 / articles[a].sentences.len().max(1) as f64;

    let cite = |group: &FactGroup| -> Cited {
        let mut spans: BTreeMap<String, newsfold_core::Span> = BTreeMap::new();
        for &(a, i) in &group.members {
            spans
                .entry(articles[a].id.clone())
                .or_insert(articles[a].sentences[i]);
        }
        let sources: Vec<String> = spans.keys().cloned().collect();
        let (a, i) = group.representative;
        Cited {
            text: articles[a].sentence(i).to_owned(),
            independent: group
                .members
                .iter()
                .map(|&m| origin(m))
                .collect::<BTreeSet<_>>()
                .len(),
            sources,
            spans: spans.into_iter().collect(),
        }
    };

    struct Candidate<'g> {
        group: &'g FactGroup,
        cited: Cited,
        score: f64,
        position: f64,
    }
    let mut candidates: Vec<Candidate> = groups
        .iter()
        .filter(|g| {
            let (a, i) = g.representative;
            readable(articles[a].sentence(i))
        })
        .map(|g| {
            let cited = cite(g);
            let (a, i) = g.representative;
            let position = g.members.iter().map(relative_position).fold(1.0, f64::min);
            let score = cited.independent as f64 / total_origins
                + 0.2 * cited.sources.len() as f64 / n
                + 0.6 * centrality(&sentences.get((a, i)).content)
                + 0.4 * (1.0 - position);
            Candidate {
                group: g,
                cited,
                score,
                position,
            }
        })
        .collect();
    candidates.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.group.members.cmp(&y.group.members))
    });

    // Concept weights: in how many origins' articles each concept appears (copies count once);
    // those in fewer than MIN_ORIGINS (or all, in a story of fewer origins) are not worth
    // covering. Salience, not a count shown to anyone: an article's own origin, so a passage a
    // rewrite chose to repeat still weighs. (By each sentence's origin instead, DUC 2003 scores
    // R-1 40.81 and 37.01 on tasks 2 and 4, against 40.67 and 37.30 this way; MultiLing 2011,
    // checked after the choice, 39.21 against 40.77.)
    let mut by_origin: BTreeMap<&str, HashSet<u64>> = BTreeMap::new();
    for (a, article) in articles.iter().enumerate() {
        let set = by_origin
            .entry(origins.of_article(&article.id))
            .or_default();
        for r in sentences.distinct_of_article(a) {
            set.extend(sentences.get_reading(r).concepts().iter().copied());
        }
    }
    let mut weight: HashMap<u64, f64> = HashMap::new();
    for set in by_origin.values() {
        for &c in set {
            *weight.entry(c).or_default() += 1.0;
        }
    }
    let in_origins = weight.clone();
    let floor = MIN_ORIGINS.min(story_origins.max(1)) as f64;
    weight.retain(|_, w| *w >= floor);
    let concepts: Vec<&[u64]> = candidates
        .iter()
        .map(|c| {
            let (a, i) = c.group.representative;
            sentences.get((a, i)).concepts()
        })
        .collect();
    let sizes: Vec<usize> = candidates
        .iter()
        .map(|c| c.cited.text.split_whitespace().count())
        .collect();
    // Greedy coverage: the sentence whose concepts not yet covered weigh most for its length,
    // favoured when it comes early in its articles and when the story's origins carry it.
    let mut chosen: Vec<&Candidate> = Vec::new();
    let mut covered: HashSet<u64> = HashSet::new();
    let mut taken = vec![false; candidates.len()];
    let mut words = 0;
    while chosen.len() < length.sentences {
        let mut best: Option<(f64, usize)> = None;
        for (k, c) in candidates.iter().enumerate() {
            if taken[k] || words + sizes[k] > length.words {
                continue;
            }
            let gain: f64 = concepts[k]
                .iter()
                .filter(|x| !covered.contains(x))
                .filter_map(|x| weight.get(x))
                .sum();
            if gain <= 0.0 {
                continue;
            }
            let value = gain / (sizes[k] as f64).powf(LENGTH_EXPONENT)
                * (1.0 + EARLY_BONUS * (1.0 - c.position))
                * (1.0 + c.score);
            if best.is_none_or(|(v, _)| value > v) {
                best = Some((value, k));
            }
        }
        let Some((_, k)) = best else { break };
        taken[k] = true;
        words += sizes[k];
        covered.extend(concepts[k].iter().copied());
        chosen.push(&candidates[k]);
    }
    chosen.sort_by(|x, y| {
        x.position
            .total_cmp(&y.position)
            .then(x.group.members.cmp(&y.group.members))
    });
    let brief: Vec<Cited> = chosen.iter().map(|c| c.cited.clone()).collect();

    // Groups of more than one article (members are sorted by article): only they are cited.
    let mut facts: Vec<Cited> = groups
        .iter()
        .filter(|g| g.members.first().map(|m| m.0) != g.members.last().map(|m| m.0))
        .map(cite)
        .collect();
    facts.sort_by(|x, y| {
        (y.independent, y.sources.len())
            .cmp(&(x.independent, x.sources.len()))
            .then(x.spans.cmp(&y.spans))
    });

    // What one origin alone says: facts whose articles all go back to one origin, when the
    // story has several. A sentence qualifies when it holds at least one of the story's shared
    // concepts (it is on topic) and most of its concepts are its origin's alone (it says
    // something new, rather than rewording what others say); those with the most such
    // concepts are listed, in reading order.
    let mut lone: Vec<(f64, f64, &FactGroup)> = if story_origins < 2 {
        Vec::new()
    } else {
        groups
            .iter()
            .filter(|g| {
                let first = origin(g.members[0]);
                g.members.iter().all(|&m| origin(m) == first)
            })
            .filter(|g| {
                let (a, i) = g.representative;
                readable(articles[a].sentence(i))
            })
            .filter_map(|g| {
                let (a, i) = g.representative;
                let concepts = sentences.get((a, i)).concepts();
                let on_topic = concepts.iter().any(|c| weight.contains_key(c));
                let own = concepts
                    .iter()
                    .filter(|c| in_origins.get(c).is_some_and(|&n| n <= 1.0))
                    .count();
                let novel = own as f64 / concepts.len().max(1) as f64;
                let position = g.members.iter().map(relative_position).fold(1.0, f64::min);
                (on_topic && novel >= ONLY_IN_NOVEL).then_some((own as f64, position, g))
            })
            .collect()
    };
    lone.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.2.members.cmp(&y.2.members)));
    // The ONLY_IN most novel, and those as novel as the last of them: equals are not cut by
    // the order they came in (at most twice ONLY_IN).
    let keep = lone
        .get(ONLY_IN.saturating_sub(1))
        .map_or(lone.len(), |last| {
            lone.iter().take_while(|x| x.0 >= last.0).count()
        })
        .min(2 * ONLY_IN);
    lone.truncate(keep);
    lone.sort_by(|x, y| x.1.total_cmp(&y.1).then(x.2.members.cmp(&y.2.members)));
    let only_in: Vec<Cited> = lone.iter().map(|(_, _, g)| cite(g)).collect();

    // The timeline: readable facts that mention a date, resolved against the publication day
    // of the representative's article; the most widely carried, earliest first.
    // A sentence repeated in one article (or under one publication day) is dated once.
    let mut date_of: HashMap<(&str, Option<&str>), Option<TimelineDate>> = HashMap::new();
    let mut dated: Vec<(Dated, usize, f64)> = groups
        .iter()
        .filter_map(|g| {
            let (a, i) = g.representative;
            let sentence = articles[a].sentence(i);
            let published = articles[a].published.as_deref();
            let (text, precision) = date_of
                .entry((sentence, published))
                .or_insert_with(|| date_of_sentence(sentence, published))
                .clone()?;
            let position = g.members.iter().map(relative_position).fold(1.0, f64::min);
            let fact = cite(g);
            let weight = fact.independent * 1000 + fact.sources.len();
            Some((
                Dated {
                    date: text,
                    precision: precision.to_owned(),
                    fact,
                },
                weight,
                position,
            ))
        })
        .collect();
    dated.sort_by(|x, y| {
        y.1.cmp(&x.1)
            .then(x.2.total_cmp(&y.2))
            .then(x.0.fact.spans.cmp(&y.0.fact.spans))
    });
    dated.truncate(TIMELINE);
    dated.sort_by(|x, y| (&x.0.date, &x.0.fact.spans).cmp(&(&y.0.date, &y.0.fact.spans)));
    let timeline = dated.into_iter().map(|(d, _, _)| d).collect();
    let headline = headline(articles).or_else(|| brief.first().map(|c| c.text.clone()));
    Summary {
        headline,
        brief,
        facts,
        only_in,
        framing,
        figures,
        conflicts,
        timeline,
        quotes,
    }
}

/// A date as the timeline writes it, and its precision (`day`, `week`, `month`, `year`).
type TimelineDate = (String, &'static str);

/// The first date a readable sentence mentions, resolved against its article's publication
/// day, as written on the timeline with its precision.
fn date_of_sentence(sentence: &str, published: Option<&str>) -> Option<TimelineDate> {
    if !readable(sentence) {
        return None;
    }
    let reference = published.and_then(parse_date);
    let (_, date) = dates_in(sentence, reference).into_iter().next()?;
    let d = date.day;
    Some(match date.precision {
        Precision::Day => (format!("{:04}-{:02}-{:02}", d.year, d.month, d.day), "day"),
        Precision::Week => (format!("{:04}-{:02}-{:02}", d.year, d.month, d.day), "week"),
        Precision::Month => (format!("{:04}-{:02}", d.year, d.month), "month"),
        Precision::Year => (format!("{:04}", d.year), "year"),
    })
}

/// Most sentences an article's substance counts: past a long feature, length says nothing more
/// about how much an outlet stands behind its headline.
const MAX_SUBSTANCE_SENTENCES: usize = 30;

/// Most distinct wordings compared as headline candidates: the most carried ones. Keeps the
/// choice linear in the number of titles whatever a story holds.
const MAX_HEADLINE_CANDIDATES: usize = 64;

/// The share of support a title written all in capitals keeps: it is a last resort, chosen only
/// when no other wording comes close.
const SHOUTING: f64 = 0.5;

/// One article's title, for the headline.
struct Title<'a> {
    /// Its outlet (or, without one, its id): support is counted once per outlet.
    outlet: &'a str,
    /// Its own wording: wire prefixes and the outlet's name removed.
    wording: &'a str,
    stems: BTreeSet<String>,
    /// The article's substance: the square root of its sentences, up to
    /// [`MAX_SUBSTANCE_SENTENCES`].
    weight: f64,
    shouting: bool,
}

/// The story's headline: the wording most outlets' titles share, weighed by the substance of
/// the articles behind them.
///
/// Each plausible title ([`newsfold_text::is_plausible_title`]) is compared by its own wording
/// ([`newsfold_text::title_wording`]: `UPDATE 2-` and `| Outlet` removed) and its content
/// stems. A wording's support is, over the outlets, the best similarity (Dice over stems) of
/// one of the outlet's titles to it, times that article's substance; the most supported
/// wording wins, so a three-sentence radio piece does not take the headline of a story that
/// longer articles carry, and neither the newest nor the shortest title is favoured. Among
/// titles of the same stems, and between wordings of equal support, the wording carried word
/// for word by most outlets is shown, then one not in capitals only, then that of the most
/// substantial article, then the first in byte order.
fn headline(articles: &[&Article]) -> Option<String> {
    let titles: Vec<Title> = articles
        .iter()
        .filter_map(|a| {
            let title = a
                .title
                .as_deref()
                .filter(|t| newsfold_text::is_plausible_title(t))?;
            let wording = newsfold_text::title_wording(title);
            let stems: BTreeSet<String> =
                newsfold_text::content_stems(wording).into_iter().collect();
            (!stems.is_empty()).then(|| Title {
                outlet: a.outlet.as_deref().unwrap_or(&a.id),
                wording,
                stems,
                weight: (a.sentences.len().min(MAX_SUBSTANCE_SENTENCES) as f64).sqrt(),
                shouting: !wording.chars().any(char::is_lowercase),
            })
        })
        .collect();
    // One candidate per distinct set of stems, the most carried first.
    let mut by_stems: BTreeMap<&BTreeSet<String>, Vec<usize>> = BTreeMap::new();
    for (i, t) in titles.iter().enumerate() {
        by_stems.entry(&t.stems).or_default().push(i);
    }
    let mut candidates: Vec<(&BTreeSet<String>, Vec<usize>)> = by_stems.into_iter().collect();
    candidates.sort_by(|(s, x), (t, y)| y.len().cmp(&x.len()).then(s.cmp(t)));
    candidates.truncate(MAX_HEADLINE_CANDIDATES);
    let mut by_outlet: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, t) in titles.iter().enumerate() {
        by_outlet.entry(t.outlet).or_default().push(i);
    }
    // The outlets that carry each exact wording (case aside).
    let mut carried: HashMap<String, BTreeSet<&str>> = HashMap::new();
    for t in &titles {
        carried
            .entry(t.wording.to_lowercase())
            .or_default()
            .insert(t.outlet);
    }
    let outlets = |i: usize| carried[&titles[i].wording.to_lowercase()].len();
    let best = |a: &&usize, b: &&usize| {
        let (x, y) = (&titles[**a], &titles[**b]);
        outlets(**a)
            .cmp(&outlets(**b))
            .then(y.shouting.cmp(&x.shouting))
            .then(x.weight.total_cmp(&y.weight))
            .then(y.wording.cmp(x.wording))
    };
    candidates
        .iter()
        .filter_map(|(_, members)| {
            let chosen = *members.iter().max_by(best)?;
            let stems = &titles[chosen].stems;
            let support: f64 = by_outlet
                .values()
                .map(|own| {
                    own.iter()
                        .map(|&i| dice(stems, &titles[i].stems) * titles[i].weight)
                        .fold(0.0, f64::max)
                })
                .sum();
            let t = &titles[chosen];
            Some((support * if t.shouting { SHOUTING } else { 1.0 }, chosen))
        })
        .max_by(|(x, a), (y, b)| x.total_cmp(y).then_with(|| best(&a, &b)))
        .map(|(_, i)| titles[i].wording.to_owned())
}

/// Dice's coefficient of two sets of stems.
fn dice(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let shared = a.intersection(b).count();
    2.0 * shared as f64 / (a.len() + b.len()).max(1) as f64
}

/// Opening words that point back at an earlier sentence: a brief sentence starting with one would
/// leave the reader asking who "he" is.
const DANGLING: &[&str] = &[
    "He", "She", "They", "His", "Her", "Their", "Its", "This", "These", "Those", "Such", "But",
    "And", "Also",
];

/// A sentence that reads well on its own: a full sentence of reasonable length, not a question,
/// a list lead-in, a fragment, or one that leans on the sentence before it.
fn readable(sentence: &str) -> bool {
    let words = sentence.split_whitespace().count();
    if sentence
        .split_whitespace()
        .next()
        .is_some_and(|w| DANGLING.contains(&w.trim_end_matches(',')))
    {
        return false;
    }
    let first = sentence.chars().next();
    let last = sentence
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .chars()
        .last();
    (6..=60).contains(&words)
        && first
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘'))
        && matches!(last, Some('.' | '!'))
}
