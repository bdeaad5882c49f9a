//! Quotes: who said what, through which channel, and which variants are one statement.
//!
//! A **direct** quote is text inside double quotation marks (`"…"`, `“…”`, `„…“`, `«…»`) of at
//! least [`MIN_WORDS`] words. It may run over several sentences (`said in a statement: “Our
//! thoughts are with the families. … next week.”`) and paragraphs (a paragraph that continues a
//! quote opens with a quotation mark and the one before it does not close it): its text starts
//! at the opening mark, so a lead-in is never part of it. An **indirect** quote is the clause
//! after a speaker and a verb of saying in a sentence without quotation marks and outside any
//! open quotation ("The Kremlin said the two leaders agreed to ...").
//!
//! The **speaker** is the name before or after the verb of saying outside the quotation marks
//! ("Xi said", "said Mr Putin", "the Kremlin said in a statement"). A pronoun or a role
//! (`she said`, `the mayor said`) is the most recent person of a compatible kind the article
//! has named before it, as a speaker or with a title ("Mayor Ilse Varga"): `he` and `she` a
//! person (not a ministry, and not one whose title says the other), `they` anyone, a role one
//! whose name carries it. One speaker named in several ways is one: a surname alone ("Delgado",
//! "Ms Ravnik") is the story's fuller name that ends in it with titles stripped ("Battalion
//! Chief Rosa Delgado"), when only one given name goes with it. The **channel** is how the words
//! reached the outlet: "according to CCTV", "state media reported", "in a statement", "told
//! reporters", "told AFP" (the one told is a channel, never the speaker).
//!
//! Outlets quote one statement in different cuts and translations. Quotes of different articles
//! whose words overlap (one holds [`SAME_QUOTE`] of the other's content stems, or they share
//! [`MIN_SHARED`] of them and the paraphrase model judges them the same) are **variants** of one
//! statement, kept side by side with the
//! articles that carry each; the statement's speaker and channel are those most variants give.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use regex::Regex;

use newsfold_core::{Article, Quote, QuoteVariant, SentenceOrigins, Span, UnionFind};

use crate::close::close_pairs;
use crate::similarity::{MIN_SHARED, Sentence, same};

/// Fewest words of a direct quote (shorter ones are scare quotes: the "no limits" partnership).
pub const MIN_WORDS: usize = 4;
/// Share of the smaller quote's content stems in the larger at which two quotes are variants.
pub const SAME_QUOTE: f64 = 0.6;

const SAYING: &str = "said|says|told|added|stated|noted|stressed|declared|announced|warned|wrote|insisted|urged|pledged";

/// A name: capitalised words, with `of`, `the`, `and` between them ("Ministry of Transport").
/// A capitalised adjective may be followed by a role ("the Chinese leader").
const NAME: &str = r"(?:[Tt]he\s+)?[A-Z][\w’'.\-]*(?:\s+(?:of|the|and|for|[A-Z][\w’'.\-]*))*(?:\s+(?:president|leader|side|government|ministry|minister|spokesman|spokeswoman|spokesperson|officials?|embassy|authorities))?";

/// Roles a speaker is referred back to by ("the mayor said", "a spokeswoman added").
const ROLES: &str = "mayor|spokesman|spokeswoman|spokesperson|minister|governor|chief|president|premier|official|senator|commissioner|director|secretary|sheriff|captain|officer|prosecutor|judge|ambassador|chancellor|leader|chairman|chairwoman|executive|inspector|superintendent|coach";

static BEFORE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?P<who>{NAME})\s+(?:{SAYING})\b"))
        .unwrap_or_else(|e| panic!("speaker pattern: {e}"))
});
static AFTER_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b(?:said|says|added|wrote)\s+(?P<who>{NAME})"))
        .unwrap_or_else(|e| panic!("speaker pattern: {e}"))
});
/// A pronoun or a role where the speaker stands: `she said`, `said the mayor`, `the fire
/// chief added`.
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:\b(?P<p>[Hh]e|[Ss]he|[Tt]hey)|\b[Tt]he\s+(?:[a-z]+\s+)?(?P<r>{ROLES}))\s+(?:{SAYING})\b|\b(?:said|says|added)\s+(?:(?P<p2>he|she|they)|the\s+(?:[a-z]+\s+)?(?P<r2>{ROLES}))\b"
    ))
    .unwrap_or_else(|e| panic!("reference pattern: {e}"))
});
static ACCORDING_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:according to|cited by|quoted by)\s+(?P<ch>{NAME}|(?i:state media|state television|state broadcaster|a readout|a statement))"
    ))
    .unwrap_or_else(|e| panic!("channel pattern: {e}"))
});
static REPORTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<ch>{NAME}|(?i:state media|state television|state broadcaster|state news agency))\s+(?:reported|quoted)"
    ))
    .unwrap_or_else(|e| panic!("channel pattern: {e}"))
});
/// `told AFP`, `told the BBC`: the one told is how the words reached the outlet.
static TOLD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\btold\s+(?P<ch>{NAME})"))
        .unwrap_or_else(|e| panic!("channel pattern: {e}"))
});
static INDIRECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<who>{NAME})\s+(?:said|says|told reporters|told [A-Z][\w]*)\s+(?:on \w+\s+)?(?:that\s+)?(?P<what>[a-z].{{20,}})$"
    ))
    .unwrap_or_else(|e| panic!("indirect pattern: {e}"))
});
/// A person named with a title: `Mayor Ilse Varga`, `Battalion Chief Rosa Delgado`, `Dr.
/// Anna Berg`.
static TITLED: LazyLock<Regex> = LazyLock::new(|| {
    let titles = TITLES.join("|");
    Regex::new(&format!(
        r"\b(?i:{titles})\.?(?:\s+(?i:{titles})\.?)*\s+[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){{0,2}}"
    ))
    .unwrap_or_else(|e| panic!("title pattern: {e}"))
});

/// Titles and ranks before a name, as AP and Reuters style print them, matched in any case.
const TITLES: &[&str] = &[
    "mayor",
    "gov",
    "governor",
    "sen",
    "senator",
    "rep",
    "representative",
    "president",
    "premier",
    "chancellor",
    "prime minister",
    "minister",
    "battalion chief",
    "fire chief",
    "police chief",
    "chief",
    "dr",
    "mr",
    "ms",
    "mrs",
    "miss",
    "col",
    "gen",
    "lt",
    "sgt",
    "capt",
    "maj",
    "officer",
    "detective",
    "det",
    "spokeswoman",
    "spokesman",
    "spokesperson",
    "inspector",
    "insp",
    "superintendent",
    "supt",
    "commissioner",
    "judge",
    "justice",
    "sheriff",
    "deputy",
    "prof",
    "professor",
    "rev",
    "sir",
    "dame",
    "lord",
    "lady",
    "ambassador",
    "secretary",
    "director",
    "captain",
    "sergeant",
    "lieutenant",
    "colonel",
    "general",
    "admiral",
    "constable",
    "councillor",
    "councilman",
    "councilwoman",
    "coach",
    "bishop",
    "chairman",
    "chairwoman",
    "trooper",
    "firefighter",
    "pastor",
];
/// Titles that say a person is a man, and those that say a woman.
const MALE: &[&str] = &[
    "mr",
    "sir",
    "lord",
    "spokesman",
    "chairman",
    "councilman",
    "king",
    "prince",
];
const FEMALE: &[&str] = &[
    "ms",
    "mrs",
    "miss",
    "dame",
    "lady",
    "spokeswoman",
    "chairwoman",
    "councilwoman",
    "queen",
    "princess",
];
/// Words of an organisation's name: a speaker that holds one is no `he` or `she`.
const ORGANISATIONS: &[&str] = &[
    "ministry",
    "police",
    "department",
    "agency",
    "kremlin",
    "council",
    "government",
    "railways",
    "authority",
    "company",
    "federation",
    "union",
    "service",
    "office",
    "committee",
    "commission",
    "court",
    "army",
    "group",
    "bank",
    "university",
    "hospital",
    "association",
    "news",
    "press",
    "television",
    "radio",
    "officials",
    "authorities",
    "embassy",
    "side",
];

/// Words that are no speaker when they stand where a name would.
const NOT_SPEAKERS: &[&str] = &[
    "He", "She", "They", "It", "We", "I", "This", "That", "But", "And", "The",
];

/// Which part of a quotation one sentence holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Opened and closed in the sentence.
    Whole,
    /// Opened and not closed: it goes on in the next sentence.
    Opens,
    /// Closed but opened before the sentence.
    Closes,
}

/// One quote as found in one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The quoted words (inside the marks), or the reported clause.
    pub text: String,
    /// Its span in the sentence.
    pub span: Span,
    /// Inside quotation marks.
    pub direct: bool,
    /// Which part of a quotation the sentence holds.
    pub part: Part,
    /// Who said it, when the sentence names them.
    pub speaker: Option<String>,
    /// The pronoun or role that stands for the speaker when no name does (`she`, `mayor`).
    pub reference: Option<String>,
    /// How it reached the outlet.
    pub channel: Option<String>,
}

/// True for a straight double quote that closes rather than opens: it follows a word or a
/// stop, and no word follows it at once.
fn straight_closes(sentence: &str, i: usize) -> bool {
    let before = sentence[..i].chars().next_back();
    let after = sentence[i + 1..].chars().next();
    before.is_some_and(|c| !c.is_whitespace() && !matches!(c, '(' | '[' | '—' | '–'))
        && !after.is_some_and(char::is_alphanumeric)
}

/// Inner spans of double-quoted passages in a sentence, with the part of a quotation each is:
/// a closing mark before any opening one closes a quotation opened earlier, and an opening one
/// left open runs to the sentence's end. `„…“` (German, dpa) closes with `“`.
pub(crate) fn quoted(sentence: &str) -> Vec<(Span, Part)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in sentence.char_indices() {
        let closes = match (c, open) {
            ('”' | '»', _) => true,
            ('“', Some((_, '„'))) => true,
            ('"', Some(_)) => true,
            ('"', None) => straight_closes(sentence, i),
            _ => false,
        };
        if closes {
            match open.take() {
                Some((start, _)) => out.push((Span::new(start, i), Part::Whole)),
                None if out.is_empty() => out.push((Span::new(0, i), Part::Closes)),
                None => {}
            }
        } else if matches!(c, '“' | '„' | '«' | '"') && open.is_none() {
            open = Some((i + c.len_utf8(), c));
        }
    }
    if let Some((start, _)) = open {
        out.push((Span::new(start, sentence.len()), Part::Opens));
    }
    out
}

/// True when a sentence holds a quotation mark of any kind.
fn has_marks(sentence: &str) -> bool {
    sentence.contains(['"', '“', '”', '„', '«', '»'])
}

/// A name found by a pattern, cleaned: no trailing `of`/`the`, no pronoun.
fn name(found: &str) -> Option<String> {
    let mut words: Vec<&str> = found.split_whitespace().collect();
    while words
        .last()
        .is_some_and(|w| matches!(*w, "of" | "the" | "and" | "for"))
    {
        words.pop();
    }
    let text = words.join(" ");
    let text = text.trim_end_matches([',', '.', ';', ':']).to_owned();
    if text.is_empty() || NOT_SPEAKERS.contains(&text.as_str()) || words.len() > 7 {
        return None;
    }
    Some(text)
}

/// Who the sentence outside its quotation marks names as the speaker, the pronoun or role that
/// stands for one, and the channel.
fn attribution(outside: &str) -> (Option<String>, Option<String>, Option<String>) {
    let speaker = BEFORE_VERB
        .captures_iter(outside)
        .filter_map(|c| name(c.name("who")?.as_str()))
        .next()
        .or_else(|| {
            AFTER_VERB
                .captures_iter(outside)
                .filter_map(|c| name(c.name("who")?.as_str()))
                .next()
        });
    let reference = REFERENCE.captures(outside).and_then(|c| {
        ["p", "r", "p2", "r2"]
            .iter()
            .find_map(|g| c.name(g))
            .map(|m| m.as_str().to_lowercase())
    });
    let lower = outside.to_lowercase();
    let channel = ACCORDING_TO
        .captures(outside)
        .or_else(|| REPORTED.captures(outside))
        .or_else(|| TOLD.captures(outside))
        .and_then(|c| name(c.name("ch")?.as_str()))
        .or_else(|| {
            [
                ("in a statement", "statement"),
                ("in a readout", "readout"),
                ("told reporters", "reporters"),
                ("in an interview", "interview"),
            ]
            .iter()
            .find(|(phrase, _)| lower.contains(phrase))
            .map(|(_, ch)| (*ch).to_owned())
        });
    (speaker, reference, channel)
}

/// The quotes of one sentence, and the parts of quotations that begin or end in it.
pub fn found_in(sentence: &str) -> Vec<Found> {
    let spans = quoted(sentence);
    // The sentence outside the quotation marks, where speaker and channel are named.
    let mut outside = String::with_capacity(sentence.len());
    let mut at = 0;
    for (s, _) in &spans {
        outside.push_str(&sentence[at..s.start as usize]);
        outside.push_str(" … ");
        at = s.end as usize;
    }
    outside.push_str(&sentence[at..]);
    let (speaker, reference, channel) = attribution(&outside);
    let mut out: Vec<Found> = spans
        .iter()
        .filter(|(s, part)| {
            *part != Part::Whole
                || sentence[s.start as usize..s.end as usize]
                    .split_whitespace()
                    .count()
                    >= MIN_WORDS
        })
        .map(|&(s, part)| Found {
            text: sentence[s.start as usize..s.end as usize]
                .trim_end_matches([',', '.', ';', ':', ' '])
                .to_owned(),
            span: s,
            direct: true,
            part,
            speaker: speaker.clone(),
            reference: reference.clone(),
            channel: channel.clone(),
        })
        .collect();
    if !has_marks(sentence)
        && let Some(c) = INDIRECT.captures(sentence.trim())
        && let (Some(who), Some(what)) = (c.name("who"), c.name("what"))
        && let Some(speaker) = name(who.as_str())
    {
        let offset = sentence.len() - sentence.trim_start().len();
        out.push(Found {
            text: what.as_str().trim_end_matches(['.', ' ']).to_owned(),
            span: Span::new(offset + what.start(), offset + what.end()),
            direct: false,
            part: Part::Whole,
            speaker: Some(speaker),
            reference: None,
            channel,
        });
    }
    out
}

/// People a sentence names: its speakers, and names with a title.
fn mentions(sentence: &str, found: &[Found]) -> Vec<String> {
    let mut out: Vec<String> = TITLED
        .find_iter(sentence)
        .map(|m| m.as_str().trim_end_matches(['’', '\'']).to_owned())
        .collect();
    out.extend(found.iter().filter_map(|f| f.speaker.clone()));
    out
}

/// Lower-case words of a name, without the periods of abbreviated titles.
fn name_words(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// True for a name of an organisation rather than a person.
fn is_organisation(name: &str) -> bool {
    name.starts_with("the ")
        || name.starts_with("The ")
        || name_words(name)
            .iter()
            .any(|w| ORGANISATIONS.contains(&w.as_str()))
}

/// True when `name` can be what `reference` (a pronoun or a role) stands for.
fn fits(name: &str, reference: &str) -> bool {
    let words = name_words(name);
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    match reference {
        "they" => true,
        "he" => !is_organisation(name) && !has(FEMALE),
        "she" => !is_organisation(name) && !has(MALE),
        role => words.iter().any(|w| w == role),
    }
}

/// A person's surname and given name (`None` when a title or nothing stands before the
/// surname); `None` for an organisation.
fn surname(name: &str) -> Option<(String, Option<String>)> {
    if is_organisation(name) {
        return None;
    }
    let words = name_words(name);
    let (last, before) = words.split_last()?;
    let last = last
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .to_owned();
    let is_title = |w: &str| TITLES.iter().any(|t| t.split(' ').any(|p| p == w));
    let given = before
        .last()
        .filter(|w| !is_title(w) && !matches!(w.as_str(), "of" | "the" | "and"))
        .cloned();
    Some((last, given))
}

/// One name per speaker across a story: a name is replaced by the story's fullest name with
/// the same surname, when only one given name goes with that surname ("Delgado" and "Ms
/// Delgado" are "Battalion Chief Rosa Delgado").
fn one_name_per_speaker<'n>(names: impl Iterator<Item = &'n str>) -> HashMap<String, String> {
    let mut by_surname: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for n in names {
        if let Some((last, _)) = surname(n) {
            by_surname.entry(last).or_default().push(n);
        }
    }
    let mut out = HashMap::new();
    for list in by_surname.values() {
        let mut given: Vec<String> = list.iter().filter_map(|n| surname(n)?.1).collect();
        given.sort();
        given.dedup();
        if given.len() > 1 {
            continue;
        }
        let Some(fullest) = list
            .iter()
            .max_by(|a, b| fullness(a).cmp(&fullness(b)).then(b.cmp(a)))
        else {
            continue;
        };
        for n in list {
            out.insert((*n).to_owned(), (*fullest).to_owned());
        }
    }
    out
}

/// Courtesy titles: they tell nothing a name does not (`Mr Xi` is `Xi`), unlike a rank or an
/// office (`Battalion Chief`, `Transport Minister`).
const COURTESY: &[&str] = &["mr", "mrs", "ms", "miss", "mx"];

/// How full a name is, for choosing the one a speaker is shown by: a given name first, then the
/// words that inform (courtesy titles aside), then the fewest words in all (`Xi` before `Mr Xi`).
fn fullness(name: &str) -> (bool, usize, std::cmp::Reverse<usize>) {
    let words = name_words(name);
    let informative = words
        .iter()
        .filter(|w| !COURTESY.contains(&w.as_str()))
        .count();
    (
        surname(name).is_some_and(|s| s.1.is_some()),
        informative,
        std::cmp::Reverse(words.len()),
    )
}

/// What one distinct sentence holds: its quotes and the people it names.
type Searched = (Vec<Found>, Vec<String>);

/// The quotes of one article, with their spans in its text: quotations that run over several
/// sentences joined, and speakers that a pronoun or role stands for resolved.
fn article_quotes<'a>(
    article: &'a Article,
    searched: &mut HashMap<&'a str, Searched>,
) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut named: Vec<String> = Vec::new();
    let mut resolved = 0;
    // The quotation still open: its first part, in article offsets.
    let mut open: Option<Found> = None;
    for (i, sentence_span) in article.sentences.iter().enumerate() {
        let sentence = article.sentence(i);
        let (found, people) = searched.entry(sentence).or_insert_with(|| {
            let found = found_in(sentence);
            let people = mentions(sentence, &found);
            (found, people)
        });
        named.extend(people.iter().cloned());
        let base = sentence_span.start as usize;
        let continues = sentence.trim_start().starts_with(['“', '"', '„', '«']);
        let new_paragraph = i > 0
            && article
                .text
                .get(article.sentences[i - 1].end as usize..base)
                .is_some_and(|gap| gap.contains('\n'));
        // A quotation left open ends with its paragraph, unless the next one opens with a mark.
        if new_paragraph && !continues {
            out.extend(open.take());
        }
        let mut found = found.iter().cloned().peekable();
        if let Some(first) = open.take() {
            // Inside an open quotation: this sentence goes on with it, up to a closing mark (or,
            // in a paragraph that opens with a mark, the mark that closes that one).
            let closes = |f: &&Found| {
                f.part == Part::Closes
                    || continues && f.direct && f.part == Part::Whole && f.span.start <= 4
            };
            match found.peek().filter(closes).cloned() {
                Some(close) => {
                    found.next();
                    out.push(joined(first, &close, base));
                }
                None => {
                    let start = first.span.start as usize;
                    open = Some(Found {
                        span: Span::new(start, base + sentence.len()),
                        ..first
                    });
                    resolve_from(&mut out, resolved, &named);
                    resolved = out.len();
                    continue;
                }
            }
        }
        for mut f in found {
            f.span = Span::new(base + f.span.start as usize, base + f.span.end as usize);
            match f.part {
                Part::Opens if open.is_none() => open = Some(f),
                Part::Whole => out.push(f),
                _ => {}
            }
        }
        resolve_from(&mut out, resolved, &named);
        resolved = out.len();
    }
    out.extend(open);
    resolve_from(&mut out, resolved, &named);
    for f in out.iter_mut().filter(|f| f.direct) {
        f.text = quote_text(f.span.slice(&article.text));
    }
    out.retain(|f| !f.direct || f.text.split_whitespace().count() >= MIN_WORDS);
    out
}

/// An open quotation `first` (in article offsets) run on to the end of `next` (in offsets of
/// a sentence starting at `base`), taking the speaker, reference and channel `first` lacks.
fn joined(first: Found, next: &Found, base: usize) -> Found {
    Found {
        span: Span::new(first.span.start as usize, base + next.span.end as usize),
        speaker: first.speaker.or_else(|| next.speaker.clone()),
        reference: first.reference.or_else(|| next.reference.clone()),
        channel: first.channel.or_else(|| next.channel.clone()),
        ..first
    }
}

/// Resolve the speakers of the quotes from `from` on against the people named so far.
fn resolve_from(out: &mut [Found], from: usize, named: &[String]) {
    for f in out.iter_mut().skip(from) {
        resolve(f, named);
    }
}

/// The speaker a quote's pronoun or role stands for: the last person named before it that fits.
fn resolve(found: &mut Found, named: &[String]) {
    if found.speaker.is_some() {
        return;
    }
    if let Some(reference) = &found.reference {
        found.speaker = named.iter().rev().find(|n| fits(n, reference)).cloned();
    }
}

/// The text of a quotation from its span: one line, without the marks that open its
/// continuation paragraphs or close it, and without trailing punctuation.
fn quote_text(span_text: &str) -> String {
    span_text
        .split_whitespace()
        .map(|w| w.trim_start_matches(['“', '"', '„', '«']))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['”', '"', '»', '“', ',', '.', ';', ':', ' '])
        .to_owned()
}

/// The quotes of a story, variants merged, most widely carried first; each counts the
/// origins of the sentences that carry it (`origins`).
pub fn quotes(articles: &[&Article], origins: &SentenceOrigins) -> Vec<Quote> {
    struct Occurrence {
        article: usize,
        found: Found,
        span: Span,
        /// Its statement: occurrences of one text (direct or not) are one.
        statement: usize,
    }
    // Each distinct sentence is searched once, and each distinct quote read once.
    let mut searched: HashMap<&str, Searched> = HashMap::new();
    let mut statement_of: HashMap<(bool, String), usize> = HashMap::new();
    let mut statements: Vec<(bool, Sentence)> = Vec::new();
    let mut all: Vec<Occurrence> = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        for found in article_quotes(article, &mut searched) {
            let statement = *statement_of
                .entry((found.direct, found.text.clone()))
                .or_insert_with(|| {
                    statements.push((found.direct, Sentence::new(&found.text)));
                    statements.len() - 1
                });
            all.push(Occurrence {
                article: a,
                span: found.span,
                found,
                statement,
            });
        }
    }
    // One speaker named in several ways is one.
    let names = one_name_per_speaker(all.iter().filter_map(|o| o.found.speaker.as_deref()));
    for o in &mut all {
        if let Some(full) = o.found.speaker.as_ref().and_then(|s| names.get(s)) {
            o.found.speaker = Some(full.clone());
        }
    }
    // Occurrences of one text are one statement; distinct statements that share enough words
    // are compared once, unless they are variants of one statement already.
    let mut groups = UnionFind::new(statements.len());
    let items: Vec<&[u64]> = statements.iter().map(|(_, s)| s.content_ids()).collect();
    close_pairs(
        &items,
        MIN_SHARED,
        |_| false,
        |x, y| x == y || statements[x].0 != statements[y].0,
        |x, y, shared| {
            if groups.find(x) == groups.find(y) {
                return;
            }
            let contained = shared.stems as f64 / shared.smaller.max(1) as f64;
            if contained >= SAME_QUOTE || same(&statements[x].1, &statements[y].1) {
                groups.join(x, y);
            }
        },
    );
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, o) in all.iter().enumerate() {
        members.entry(groups.find(o.statement)).or_default().push(k);
    }
    let most = |values: Vec<&String>| -> Option<String> {
        let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
        for v in values {
            *counts.entry(v).or_default() += 1;
        }
        counts
            .into_iter()
            .max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(x.0)))
            .map(|(v, _)| v.clone())
    };
    let mut out: Vec<Quote> = members
        .values()
        .map(|ks| {
            let mut variants: BTreeMap<String, BTreeMap<String, Span>> = BTreeMap::new();
            for &k in ks {
                let o = &all[k];
                let text = o
                    .found
                    .text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                variants
                    .entry(text)
                    .or_default()
                    .entry(articles[o.article].id.clone())
                    .or_insert(o.span);
            }
            let mut sources: Vec<String> = ks
                .iter()
                .map(|&k| articles[all[k].article].id.clone())
                .collect();
            sources.sort();
            sources.dedup();
            let mut variants: Vec<QuoteVariant> = variants
                .into_iter()
                .map(|(text, spans)| QuoteVariant {
                    text,
                    articles: spans.keys().cloned().collect(),
                    spans: spans.into_iter().collect(),
                })
                .collect();
            variants.sort_by(|a, b| {
                b.articles
                    .len()
                    .cmp(&a.articles.len())
                    .then(a.text.cmp(&b.text))
            });
            Quote {
                speaker: most(
                    ks.iter()
                        .filter_map(|&k| all[k].found.speaker.as_ref())
                        .collect(),
                ),
                channel: most(
                    ks.iter()
                        .filter_map(|&k| all[k].found.channel.as_ref())
                        .collect(),
                ),
                direct: all[ks[0]].found.direct,
                independent: origins.count(
                    ks.iter()
                        .map(|&k| (articles[all[k].article].id.as_str(), all[k].span)),
                ),
                sources,
                variants,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (b.independent, b.sources.len())
            .cmp(&(a.independent, a.sources.len()))
            .then(a.variants[0].text.cmp(&b.variants[0].text))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::found_in;

    fn one(sentence: &str) -> (String, Option<String>, Option<String>, bool) {
        let f = found_in(sentence).into_iter().next().expect("a quote");
        (f.text, f.speaker, f.channel, f.direct)
    }

    #[test]
    fn speakers_and_channels_of_direct_quotes() {
        assert_eq!(
            one(
                "“The ministry deeply regrets this accident,” the Ministry of Transport said in a statement."
            ),
            (
                "The ministry deeply regrets this accident".to_owned(),
                Some("the Ministry of Transport".to_owned()),
                Some("statement".to_owned()),
                true
            )
        );
        assert_eq!(
            one(
                "According to CCTV, Mr Xi said China was \"willing to keep offering support to its partner\"."
            ),
            (
                "willing to keep offering support to its partner".to_owned(),
                Some("Mr Xi".to_owned()),
                Some("CCTV".to_owned()),
                true
            )
        );
    }

    #[test]
    fn indirect_quotes_and_pronouns() {
        assert_eq!(
            one("The Kremlin said the two leaders agreed to expand trade in energy and finance."),
            (
                "the two leaders agreed to expand trade in energy and finance".to_owned(),
                Some("The Kremlin".to_owned()),
                None,
                false
            )
        );
        let pronoun = found_in("\"We will rebuild the bridge within a year,\" he said.");
        assert_eq!(pronoun[0].speaker, None);
        assert!(found_in("They call it a \"no limits\" partnership.").is_empty());
    }
}
