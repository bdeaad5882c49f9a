//! Sentence segmentation into byte spans.
//!
//! News sentences end in `.`, `!`, `?` or `…`, often followed by closing quotes
//! (`…development.”`), and are full of periods that end nothing: titles (`Mr.`, `Gen.`),
//! months (`Feb. 24`), initials (`J. K.`), abbreviations with inner periods (`U.S.`, `a.m.`),
//! and decimals. Every line is its own paragraph, and a paragraph always ends a sentence, so
//! headlines and list items without final punctuation stay whole.
//!
//! Inside a line the segmenter works on whitespace-separated words and decides, for every gap
//! between two words, whether a sentence ends there. Four rules can say yes, in this order, each
//! free to overrule the ones before:
//!
//! - **Punctuation.** A word ending in a terminator (after any closing quotes or brackets, which
//!   may stand apart as in `said. ”`, or German closing quotes glued to it: `Woche.“`) ends a
//!   sentence when the next word can start one. A period after an abbreviation that can end a
//!   sentence (`Inc.`, `Calif.`, `U.S.`) ends one only before a word that typically starts
//!   sentences (`The`, `He`, `In`…); `a.m.` and `p.m.` end one before any capitalised word but a
//!   day, a month or a time zone; titles, initials, months before a day and decimals a
//!   tokeniser split (`5. 3`) never do.
//! - **Web addresses.** A URL, even one a tokeniser has broken at its punctuation
//!   (`http: / / host. com / path`), never holds a boundary and ends a sentence when a
//!   capitalised word follows it: it was a line of its own.
//! - **Datelines.** A date or time stamp (`Published: June 9, 2014 6: 20 PM EDT`) followed by a
//!   capitalised word was a line of its own, glued to the headline before it and the story after
//!   it, so it is split from both.
//! - **Glued headlines.** A headline has no final stop, so when lines were joined it runs into
//!   the sentence after it: `Ferry strike enters third day There are no sailings`. A
//!   capitalised article or pronoun right after a name or a plain word, followed by lower case,
//!   starts a sentence.
//!
//! Every rule looks at a few words around a gap, so the cost is linear in the text, and no input
//! makes it panic.

use newsfold_core::Span;

/// The sentence spans of `text`, in order, trimmed of surrounding whitespace.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut line_start = 0;
    let mut scratch = Scratch::default();
    for line in text.split_inclusive('\n') {
        split_line(line, line_start, &mut spans, &mut scratch);
        line_start += line.len();
    }
    spans
}

/// The vectors one line needs, kept from line to line so that they are allocated once per
/// text, not once per line.
#[derive(Default)]
struct Scratch {
    words: Vec<Word>,
    ends: Vec<bool>,
    in_url: Vec<bool>,
}

/// One whitespace-separated word of a line, as a byte range of the line.
#[derive(Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

/// The words of one line.
struct Line<'a> {
    text: &'a str,
    words: Vec<Word>,
}

impl<'a> Line<'a> {
    /// The words of `text`, in `words` (emptied first).
    fn new(text: &'a str, mut words: Vec<Word>) -> Line<'a> {
        words.clear();
        let mut start = None;
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // ASCII decided byte by byte (the ASCII spaces of `char::is_whitespace` are `\t` to
            // `\r` and the space); anything else as a character.
            let (space, width) = match bytes[at] {
                b if b.is_ascii() => (matches!(b, b' ' | b'\t'..=b'\r'), 1),
                _ => text[at..]
                    .chars()
                    .next()
                    .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
            };
            let here = at;
            at += width;
            match (space, start) {
                (true, Some(s)) => {
                    words.push(Word {
                        start: s,
                        end: here,
                    });
                    start = None;
                }
                (false, None) => start = Some(here),
                _ => {}
            }
        }
        if let Some(s) = start {
            words.push(Word {
                start: s,
                end: text.len(),
            });
        }
        Line { text, words }
    }

    fn len(&self) -> usize {
        self.words.len()
    }

    /// The text of word `i`, or the empty string past either end.
    fn word(&self, i: usize) -> &'a str {
        self.words.get(i).map_or("", |w| &self.text[w.start..w.end])
    }
}

fn split_line(text: &str, offset: usize, spans: &mut Vec<Span>, scratch: &mut Scratch) {
    let line = Line::new(text, std::mem::take(&mut scratch.words));
    if line.len() == 0 {
        scratch.words = line.words;
        return;
    }
    // `ends[i]` says whether a sentence ends after word `i`.
    let Scratch { ends, in_url, .. } = scratch;
    ends.clear();
    ends.extend((0..line.len()).map(|i| ends_by_punctuation(&line, i)));
    mark_urls(&line, ends, in_url);
    // Every stamp has a number in it (a year, a day, a time): most lines have none.
    if text.bytes().any(|b| b.is_ascii_digit()) {
        mark_datelines(&line, in_url, ends);
    }
    mark_glued_headlines(&line, in_url, ends);
    if let Some(last) = ends.last_mut() {
        *last = true;
    }
    let mut first = 0;
    for (i, &end) in ends.iter().enumerate() {
        if end {
            let start = offset + line.words[first].start;
            spans.push(Span::new(start, offset + line.words[i].end));
            first = i + 1;
        }
    }
    scratch.words = line.words;
}

// ---------------------------------------------------------------------------------------------
// Punctuation.

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '}')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '{')
}

/// True for a mark that closes a quotation when it trails a word: the closing marks, and `“`
/// and `‘`, which close German and dpa quotations (`„Wir bauen.“`); after a word no quotation
/// opens, so `Woche.“` ends a sentence as `week.”` does.
fn is_trailing_closer(c: char) -> bool {
    is_closing(c) || matches!(c, '“' | '‘')
}

/// True for a word made only of closing quotes and brackets, as a tokeniser leaves them
/// (`said. ”`): it belongs to the sentence before it.
fn is_closers_only(word: &str) -> bool {
    !word.is_empty() && word.chars().all(is_closing)
}

/// How the word after a gap begins.
#[derive(Clone, Copy)]
struct Next<'a> {
    /// The word, without opening quotes or brackets; when they stand alone (`“ Maria`), the
    /// word after them.
    word: &'a str,
    /// The word opens with a quote.
    quoted: bool,
    /// The word opens with a bracket.
    bracketed: bool,
}

impl<'a> Next<'a> {
    fn of(line: &Line<'a>, i: usize) -> Next<'a> {
        let raw = line.word(i);
        let mut word = raw.trim_start_matches(is_opening);
        let openers = &raw[..raw.len() - word.len()];
        if word.is_empty() && !openers.is_empty() {
            word = line.word(i + 1).trim_start_matches(is_opening);
        }
        Next {
            word,
            quoted: openers.chars().any(|c| !matches!(c, '(' | '[' | '{')),
            bracketed: openers.chars().any(|c| matches!(c, '(' | '[' | '{')),
        }
    }

    fn first(&self) -> char {
        self.word.chars().next().unwrap_or(' ')
    }

    fn upper(&self) -> bool {
        self.first().is_uppercase()
    }

    fn digit(&self) -> bool {
        self.first().is_numeric() || matches!(self.first(), '$' | '£' | '€')
    }

    /// True when the word, past any opening quote or bracket, can begin a sentence at all: it is
    /// capitalised or a number.
    fn can_start(&self) -> bool {
        self.upper() || self.digit()
    }

    /// True for a word that typically starts a sentence and rarely continues a name, or a
    /// quotation: `U.S. The` and `Calif. “Maria` end a sentence, `U.S. President` does not.
    fn clear_start(&self) -> bool {
        let initial = self.word.chars().count() == 2 && self.word.ends_with('.');
        self.quoted || !initial && STARTERS.contains(&bare_word(self.word))
    }
}

/// `word` in ASCII lower case, written into `buf`; `None` when it is not short ASCII.
fn ascii_lowercase<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if !word.is_ascii() || bytes.len() > buf.len() {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    out.copy_from_slice(bytes);
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

/// `word` without the punctuation around it and without a clitic: `There's` is `There`.
fn bare_word(word: &str) -> &str {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    word.split(['\'', '’']).next().unwrap_or(word)
}

/// True when a sentence ends after word `i` because of its punctuation.
fn ends_by_punctuation(line: &Line, i: usize) -> bool {
    if i + 1 >= line.len() {
        return true;
    }
    // Closing quotes that stand apart carry the decision (`Stop. ' " The…`): look at the word
    // before them.
    if is_closers_only(line.word(i + 1)) {
        return false;
    }
    let mut k = i;
    while k > 0 && i - k < 3 && is_closers_only(line.word(k)) {
        k -= 1;
    }
    let core = line.word(k).trim_end_matches(is_trailing_closer);
    let Some(last) = core.chars().next_back() else {
        return false;
    };
    if !is_terminator(last) {
        return false;
    }
    let next = Next::of(line, i + 1);
    if !next.can_start() {
        return false;
    }
    if last != '.' || core.ends_with("..") {
        return true;
    }
    period_ends(line, k, core, next)
}

/// True when the period closing `core`, word `k`, ends a sentence before `next`.
fn period_ends(line: &Line, k: usize, core: &str, next: Next) -> bool {
    let stem = core.trim_end_matches('.').trim_end_matches(is_closing);
    if stem.is_empty() {
        // A period standing alone ends what came before it.
        return true;
    }
    // The part that matters is after any opening quote, hyphen or slash: `then-No.`, `(Calif.`.
    let word = stem
        .rsplit(|c: char| is_opening(c) || matches!(c, '-' | '/' | '–' | '—'))
        .next()
        .unwrap_or(stem);
    let Some(last) = word.chars().next_back() else {
        // `(.612)` split after its bracket.
        return false;
    };
    let before = k.checked_sub(1).map_or("", |b| line.word(b));
    if last.is_numeric() {
        // `$4. 2 million`, `version 2. 5`: a decimal a tokeniser split. A bare number after a
        // stop or a colon is the mark of a list item: `questions: 1. Who pays…`.
        let list_item = word.len() <= 2
            && word.chars().all(|c| c.is_ascii_digit())
            && ends_sentence_or_clause(before);
        return !next.digit() && !list_item;
    }
    if next.digit() && word.chars().all(char::is_lowercase) {
        // `a. 22 caliber rifle`, `a level of. 05 percent`: a number whose leading period a
        // tokeniser moved onto the word before. News style does not start sentences with
        // numerals after a lower-case word.
        return false;
    }
    if closes_meridiem(word, before) {
        // `at 7 p.m. Police said…`, but `at 7 p.m. Friday` and `7 p.m. EDT`.
        return !next.bracketed && !is_date_word(next.word);
    }
    if word.contains('.') {
        // `U.S.`, `N.Y.`: they end a sentence only before a clear sentence start.
        return next.clear_start() && !matches!(word, "e.g" | "i.e");
    }
    if word.chars().count() == 1 {
        // A spaced acronym (`U. S.`) behaves like `U.S.`, and so does a letter that is not an
        // initial (`Plan B. It failed`): they end a sentence only before a clear start, which a
        // name after an initial (`J. K. Rowling`) never is, nor another letter (`D. C Circuit`).
        // The article `a` ends nothing.
        return last.is_uppercase() && next.clear_start() && next.word.chars().count() > 1;
    }
    if NEVER_FINAL.contains(&word) || matches!(word, "an" | "the" | "of") {
        return false;
    }
    if BEFORE_NUMBER.contains(&word) && next.digit() {
        return false;
    }
    if let Some(month) = month_of(word) {
        // `Feb. 24`, `May. 3`: a month before a day. Short forms end nothing else either.
        return !next.digit() && (month.full || next.clear_start());
    }
    if MAY_END.contains(&word) {
        return next.clear_start();
    }
    true
}

/// True when `word`, the word before a bare number, ends a sentence or announces a list, so
/// that the number is a list item: `questions: 1.`, `Who pays? 2.`, but not `Oct. 12.`
fn ends_sentence_or_clause(word: &str) -> bool {
    let core = word.trim_end_matches(is_closing);
    if core.ends_with([':', '?', '!']) {
        return true;
    }
    let Some(stem) = core.strip_suffix('.') else {
        return false;
    };
    stem.chars().count() > 3
        && stem.chars().all(char::is_alphabetic)
        && month_of(stem).is_none()
        && !MAY_END.contains(&stem)
}

/// True when `word`, with its final period removed, closes `a.m.` or `p.m.`, written whole or
/// spaced (`p. m.`, where `before` is `p.`).
fn closes_meridiem(word: &str, before: &str) -> bool {
    match word {
        "a.m" | "p.m" | "A.M" | "P.M" => true,
        "m" | "M" => matches!(before, "a." | "p." | "A." | "P."),
        _ => false,
    }
}

/// True for a day, a month or a time zone: the words that continue a time (`7 p.m. Friday`).
fn is_date_word(word: &str) -> bool {
    let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    matches!(
        stamp_kind(word),
        Some(Stamp::Weekday | Stamp::Month | Stamp::Zone)
    )
}

/// Words that start sentences far more often than they continue a name.
#[rustfmt::skip]
const STARTERS: &[&str] = &[
    "A", "After", "Also", "Although", "An", "And", "As", "At", "Because", "Before", "But", "By",
    "During", "Each", "For", "From", "He", "Her", "Here", "His", "How", "However", "I", "If",
    "In", "Instead", "It", "Its", "Meanwhile", "My", "No", "Now", "On", "One", "Our", "She", "So",
    "Some", "Still", "That", "The", "Their", "Then", "There", "These", "They", "This", "Those",
    "Though", "Thus", "To", "Under", "Until", "We", "What", "When", "Where", "Whether", "Which",
    "While", "Who", "Why", "With", "Yet", "You",
];

/// Abbreviations that never end a sentence: titles and ranks before a name, and a few words
/// that always need what follows.
#[rustfmt::skip]
const NEVER_FINAL: &[&str] = &[
    "Adm", "Atty", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Comdr", "Cpl", "Det", "Dr", "Drs",
    "Fr", "Ft", "Gen", "Gov", "Hon", "Insp", "Lt", "Maj", "Messrs", "Mme", "Mr", "Mrs", "Ms",
    "Msgr", "Mt", "Pres", "Prof", "Pvt", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "Supt",
    "approx", "cf", "vs",
];

/// Abbreviations that never end a sentence when a number follows (`No. 1`, `Ch. 4`), and may
/// otherwise (`No.` as an answer).
#[rustfmt::skip]
const BEFORE_NUMBER: &[&str] = &[
    "Art", "Ch", "Fig", "No", "Nos", "Nr", "Op", "Pt", "Vol", "art", "ch", "fig", "no", "p",
    "pp", "vol",
];

/// Abbreviations that end a sentence as often as they sit inside one: companies, suffixes of
/// names, streets, US states, weekdays. They end one only before a clear sentence start.
#[rustfmt::skip]
const MAY_END: &[&str] = &[
    // Organisations, names and streets.
    "Ave", "Blvd", "Bros", "Co", "Corp", "Cos", "Dept", "Esq", "Hwy", "Inc", "Jr", "Ln", "Ltd",
    "Pl", "Rd", "Sr", "St", "Sq", "etc",
    // US states and Canadian provinces, in news style.
    "Ala", "Alta", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind",
    "Kan", "Ky", "La", "Man", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev",
    "Okla", "Ont", "Ore", "Pa", "Penn", "Que", "Sask", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis",
    "Wyo",
    // Weekdays.
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
];

/// A month name as it appears in text, in full or short.
struct Month {
    full: bool,
}

/// The month `word` names, in any case (`Feb`, `FEB`, `February`), if any.
fn month_of(word: &str) -> Option<Month> {
    let mut buf = [0; 16];
    month_named(ascii_lowercase(word, &mut buf)?)
}

/// The month a lower-case word names, in full or short.
fn month_named(lower: &str) -> Option<Month> {
    match lower {
        "january" | "february" | "march" | "april" | "may" | "june" | "july" | "august"
        | "september" | "october" | "november" | "december" => Some(Month { full: true }),
        "jan" | "feb" | "mar" | "apr" | "jun" | "jul" | "aug" | "sep" | "sept" | "oct" | "nov"
        | "dec" => Some(Month { full: false }),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Web addresses.

/// Characters that join the pieces of a URL a tokeniser has split at them.
fn is_url_glue(c: char) -> bool {
    matches!(
        c,
        '/' | '-' | '_' | '.' | '?' | '=' | '&' | '#' | '%' | ':' | '~' | '+' | ','
    )
}

fn is_glue_only(word: &str) -> bool {
    !word.is_empty() && word.chars().all(is_url_glue)
}

fn starts_url(word: &str) -> bool {
    let head = |prefix: &str| {
        word.get(..prefix.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
    };
    head("http:") || head("https:") || head("www.")
}

/// Clear the boundaries inside URLs, and end a sentence after a URL that a capitalised word or
/// a number follows. Writes which words belong to a URL to `in_url`.
fn mark_urls(line: &Line, ends: &mut [bool], in_url: &mut Vec<bool>) {
    in_url.clear();
    in_url.resize(line.len(), false);
    let mut i = 0;
    while i < line.len() {
        if !starts_url(line.word(i)) {
            i += 1;
            continue;
        }
        let mut last = i;
        while last + 1 < line.len() && continues_url(line, last) {
            last += 1;
        }
        for end in &mut ends[i..last] {
            *end = false;
        }
        for word in &mut in_url[i..=last] {
            *word = true;
        }
        if last + 1 < line.len() {
            ends[last] = Next::of(line, last + 1).can_start();
        }
        i = last + 1;
    }
}

/// True when word `k + 1` is still part of the URL that word `k` belongs to.
fn continues_url(line: &Line, k: usize) -> bool {
    let here = line.word(k);
    let next = line.word(k + 1);
    if is_glue_only(next) || next.starts_with(is_url_glue) {
        return true;
    }
    if !here.ends_with(is_url_glue) {
        return false;
    }
    if here.trim_end_matches('.').ends_with('#') {
        // A fragment identifier, whatever its case.
        return true;
    }
    // After a separator a path goes on in lower case or digits, or with another separator; a
    // capitalised word with none inside or after it is the headline that followed the URL. A
    // trailing colon or comma is the headline's (`/ Police: Harbour closed`, `/ Friday, June 6`),
    // a trailing period the URL's (`/ Storm - Hits - Coast. htm`).
    let inner = next.trim_end_matches([':', ',']);
    !next.chars().next().is_some_and(char::is_uppercase)
        || inner.chars().skip(1).any(is_url_glue)
        || is_glue_only(line.word(k + 2))
}

// ---------------------------------------------------------------------------------------------
// Datelines.

/// What a word can be inside a date or time stamp.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stamp {
    Weekday,
    Month,
    Year,
    /// A one or two digit number: a day, a month, hours or minutes.
    Number,
    /// A time of day with its colon or its meridiem (`10:`, `10:00`, `5:03pm`, `03pm`).
    Clock,
    /// `AM`, `p.m.`, or the `a.` or `m.` of a spaced `a. m.`.
    Meridiem,
    Zone,
    /// `Published`, `Updated`, `Posted`: the word that makes a stamp a dateline.
    Label,
    /// Words a label or a stamp carries: `on`, `at`, `First`, `time:`.
    LabelWord,
    /// `|`, `-`, `/`, `@` between the parts.
    Joiner,
}

/// What `word` is in a date or time stamp, if anything.
fn stamp_kind(word: &str) -> Option<Stamp> {
    if word.len() > 16 {
        return None;
    }
    if matches!(word, "|" | "-" | "–" | "—" | "/" | "," | "@" | "·" | "•") {
        return Some(Stamp::Joiner);
    }
    let bare = word.trim_end_matches([',', ':', '.']);
    let mut buf = [0; 16];
    let lower = ascii_lowercase(bare, &mut buf).filter(|w| !w.is_empty())?;
    match lower {
        "published" | "updated" | "posted" | "created" | "edited" | "modified" => {
            return Some(Stamp::Label);
        }
        "on" | "at" | "first" | "last" | "originally" | "story" | "time" | "date" => {
            return Some(Stamp::LabelWord);
        }
        "am" | "pm" | "a.m" | "p.m" | "hrs" => return Some(Stamp::Meridiem),
        // The single letters only count as the pieces of a spaced `a. m.`.
        "a" | "p" | "m" => return word.ends_with('.').then_some(Stamp::Meridiem),
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
        | "mon" | "tue" | "tues" | "wed" | "thu" | "thur" | "thurs" | "fri" | "sat" | "sun" => {
            return Some(Stamp::Weekday);
        }
        // Time zones as news prints them.
        "et" | "est" | "edt" | "ct" | "cst" | "cdt" | "mt" | "mst" | "mdt" | "pt" | "pst"
        | "pdt" | "akst" | "akdt" | "hst" | "gmt" | "bst" | "utc" | "ist" | "cet" | "cest"
        | "eet" | "eest" | "wib" | "aest" | "aedt" | "nzst" | "nzdt" | "jst" | "kst" | "msk" => {
            return Some(Stamp::Zone);
        }
        _ => {}
    }
    if lower.starts_with("(gmt") || lower.starts_with("(utc") {
        return Some(Stamp::Zone);
    }
    if month_named(lower).is_some() {
        return Some(Stamp::Month);
    }
    let digits = bare.chars().take_while(char::is_ascii_digit).count();
    let rest = &lower[digits..];
    match (digits, rest) {
        (4, "") if bare.starts_with("19") || bare.starts_with("20") => Some(Stamp::Year),
        (1 | 2, "" | "st" | "nd" | "rd" | "th") if !word.ends_with(':') => Some(Stamp::Number),
        (1 | 2, "" | "am" | "pm" | "a.m" | "p.m") => Some(Stamp::Clock),
        // The minutes of a zone offset split by a tokeniser: `(GMT+01: 00)`.
        (2, ")") => Some(Stamp::Zone),
        (1 | 2, _) if rest.starts_with(':') => {
            let minutes = rest[1..].trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let minutes = minutes.split(':').all(|m| m.len() <= 2);
            (minutes && rest[1..].chars().any(|c| c.is_ascii_digit())).then_some(Stamp::Clock)
        }
        _ => None,
    }
}

/// What a run of stamp words holds, to tell a dateline from a date in a sentence.
#[derive(Default)]
struct Seen {
    year: bool,
    month: bool,
    weekday: bool,
    numbers: usize,
    clock: bool,
    zone: bool,
    label: bool,
    /// The kind of the last word that was not a joiner or a label word.
    last: Option<Stamp>,
}

impl Seen {
    fn add(&mut self, kind: Stamp) {
        match kind {
            Stamp::Year => self.year = true,
            Stamp::Month => self.month = true,
            Stamp::Weekday => self.weekday = true,
            Stamp::Number => self.numbers += 1,
            Stamp::Clock => self.clock = true,
            // `7 p.m.` is a time; a lone `a.m.` is not.
            Stamp::Meridiem => self.clock |= self.last == Some(Stamp::Number),
            Stamp::Zone => self.zone = true,
            Stamp::Label => self.label = true,
            Stamp::LabelWord | Stamp::Joiner => return,
        }
        self.last = Some(kind);
    }

    /// True when the run is a full date, or a time with a date, a zone or a label: a stamp.
    fn is_stamp(&self) -> bool {
        let date = self.year && (self.month || self.weekday || self.numbers >= 2);
        let time = self.clock && (self.zone || self.month || self.weekday || self.label);
        date || time
    }
}

/// Words after which a date belongs to the sentence: `on May 3, 2013`, `the March 2013 report`.
fn is_prose_lead(word: &str) -> bool {
    let mut buf = [0; 16];
    ascii_lowercase(word, &mut buf).is_some_and(|w| PROSE_LEADS.contains(&w))
}

#[rustfmt::skip]
const PROSE_LEADS: &[&str] = &[
    "a", "about", "after", "an", "and", "around", "as", "at", "before", "between", "by",
    "during", "for", "from", "her", "his", "in", "its", "of", "on", "or", "since", "than", "the",
    "their", "through", "till", "to", "until",
];

/// Find date and time stamps that stood on a line of their own and split them from the text
/// around them. Words inside URLs are never part of a stamp.
fn mark_datelines(line: &Line, in_url: &[bool], ends: &mut [bool]) {
    let mut i = 0;
    while i < line.len() {
        let Some(kind) = stamp_kind(line.word(i)).filter(|_| !in_url[i]) else {
            i += 1;
            continue;
        };
        // A run may open with a label (`Published on`) but not with a bare `on` or a joiner.
        if matches!(kind, Stamp::LabelWord | Stamp::Joiner) && !opens_label(line, i) {
            i += 1;
            continue;
        }
        let first = i;
        let mut seen = Seen::default();
        let mut last = i;
        let mut j = i;
        while j < line.len() && !in_url[j] {
            let Some(kind) = stamp_kind(line.word(j)) else {
                break;
            };
            if kind == Stamp::LabelWord && j > first && !label_word_continues(line, j, &seen) {
                break;
            }
            seen.add(kind);
            if !matches!(kind, Stamp::Joiner | Stamp::LabelWord) {
                last = j;
            }
            j += 1;
        }
        i = j.max(first + 1);
        if seen.is_stamp() {
            split_stamp(line, first, last, &seen, ends);
        }
    }
}

/// Given a run of stamp words from `first` to `last`, split it from the text around it when it
/// is a dateline rather than a date inside a sentence.
fn split_stamp(line: &Line, first: usize, last: usize, seen: &Seen, ends: &mut [bool]) {
    if last + 1 >= line.len() || !Next::of(line, last + 1).upper() {
        return;
    }
    let lead = first.checked_sub(1).map(|p| line.word(p));
    let in_prose = lead.is_some_and(is_prose_lead);
    if in_prose && !seen.clock && !seen.label {
        return;
    }
    let closed =
        line.word(last).ends_with('.') && stamp_kind(line.word(last)) != Some(Stamp::Meridiem);
    if closed {
        // `He died June 2, 2014. Police…`: a sentence, and its period already ends it.
        return;
    }
    for end in &mut ends[first..last] {
        *end = false;
    }
    ends[last] = true;
    if first > 0 && !in_prose && !lead.is_some_and(|w| w.ends_with([',', ':', '('])) {
        ends[first - 1] = true;
    }
    // Inside the run, a new label after a time starts a new line:
    // `PUBLISHED: … 8: 15 PM UPDATED: … 7: 05 AM`.
    for j in first + 1..=last {
        if stamp_kind(line.word(j)) != Some(Stamp::Label) {
            continue;
        }
        // The label takes its own words with it: `Originally published`, `Edited time:`.
        let mut start = j;
        while start > first + 1 && stamp_kind(line.word(start - 1)) == Some(Stamp::LabelWord) {
            start -= 1;
        }
        let before = stamp_kind(line.word(start - 1));
        if matches!(before, Some(Stamp::Meridiem | Stamp::Zone | Stamp::Clock)) {
            ends[start - 1] = true;
        }
    }
}

/// True when word `i`, a label word or joiner, opens a labelled stamp (`First Published:`,
/// `Published on`), rather than being an `on` or a dash in a sentence.
fn opens_label(line: &Line, i: usize) -> bool {
    let mut j = i;
    while j < line.len() && j < i + 3 {
        match stamp_kind(line.word(j)) {
            Some(Stamp::Label) => return true,
            Some(Stamp::LabelWord) => j += 1,
            _ => return false,
        }
    }
    false
}

/// True when label word `j` inside a run belongs to the stamp: `at` before a time, `on` before
/// a date, the words of a following label. A capitalised `On` after a complete stamp starts the
/// story instead: `… (GMT+01: 00) On Friday …`.
fn label_word_continues(line: &Line, j: usize, seen: &Seen) -> bool {
    let word = line.word(j);
    let title_case = word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).all(|c| !c.is_uppercase());
    let next = stamp_kind(line.word(j + 1));
    let mut buf = [0; 16];
    match ascii_lowercase(bare_word(word), &mut buf).unwrap_or("") {
        "at" => {
            matches!(next, Some(Stamp::Clock))
                || next == Some(Stamp::Number) && {
                    matches!(stamp_kind(line.word(j + 2)), Some(Stamp::Meridiem))
                }
        }
        "on" => {
            !(title_case && seen.is_stamp())
                && matches!(
                    next,
                    Some(Stamp::Weekday | Stamp::Month | Stamp::Number | Stamp::Year)
                )
        }
        _ => {
            opens_label(line, j)
                || seen.label
                    && matches!(
                        next,
                        Some(Stamp::Weekday | Stamp::Month | Stamp::Year | Stamp::Clock)
                    )
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Glued headlines.

/// End a sentence before a capitalised article or pronoun that starts a sentence glued to a
/// headline: `… enters third day There are no sailings`, `… harbour closed A storm closed …`.
fn mark_glued_headlines(line: &Line, in_url: &[bool], ends: &mut [bool]) {
    for j in 1..line.len().saturating_sub(1) {
        if !ends[j - 1] && !in_url[j - 1] && starts_after_headline(line, j) {
            ends[j - 1] = true;
        }
    }
}

/// True when word `j` starts a sentence although no punctuation ends the one before.
fn starts_after_headline(line: &Line, j: usize) -> bool {
    let word = line.word(j);
    // Every starter opens with an ASCII capital: most words are out at the first byte.
    if !word.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    // `It` needs its clitic (`It's been…`), as a bare `It` is often a name (`the Make It app`).
    let starter = match word {
        "It's" | "It’s" => true,
        _ => HEADLINE_STARTERS.contains(&word),
    };
    if !starter {
        return false;
    }
    let prev = line.word(j - 1);
    let plain_end = prev
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || is_closing(c));
    let possessive = prev.ends_with("'s") || prev.ends_with("’s") || prev.ends_with("s'");
    let mut buf = [0; 16];
    let link = ascii_lowercase(bare_word(prev), &mut buf).is_some_and(|w| LINKS.contains(&w));
    if !plain_end || possessive || link {
        // `the author's It's Late Again`, `Into The Wild`.
        return false;
    }
    // After a lower-case word, the starter must be followed at once by lower case (`closed A
    // storm closed…`), which a title never is (`told The Herald`). After a name or a title-case
    // headline, a name may follow an article (`Vessary The Harbour Board said`).
    let prev_upper = prev
        .trim_start_matches(is_opening)
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    let article = matches!(word, "The" | "A" | "An");
    let reach = if prev_upper && article { 4 } else { 1 };
    for k in j + 1..(j + 1 + reach).min(line.len()) {
        match line.word(k).chars().next() {
            Some(c) if c.is_lowercase() => return true,
            Some(c) if c.is_uppercase() => continue,
            _ => return false,
        }
    }
    false
}

/// Capitalised words that start a sentence and almost never continue one mid-sentence. They
/// must stand bare: `A.` is an initial, `"The` opens a quotation that may well continue one.
#[rustfmt::skip]
const HEADLINE_STARTERS: &[&str] = &[
    "A", "According", "An", "He", "Her", "His", "Our", "She", "The", "Their", "There",
    "There's", "There’s", "These", "They", "This", "Those", "We",
];

/// Lower-cased words that link to what follows, so a sentence cannot end after them, even in a
/// title-case headline (`Into The Wild`).
#[rustfmt::skip]
const LINKS: &[&str] = &[
    "a", "about", "after", "against", "an", "and", "are", "as", "at", "be", "been", "before",
    "but", "by", "called", "for", "from", "had", "has", "have", "in", "into", "is", "like",
    "named", "nor", "of", "on", "onto", "or", "over", "said", "says", "than", "that", "the",
    "titled", "to", "told", "under", "via", "vs", "was", "were", "with",
];

#[cfg(test)]
mod tests {
    use super::sentences;

    fn check(text: &str, want: &[&str]) {
        let got: Vec<&str> = sentences(text).iter().map(|s| s.slice(text)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn abbreviations_and_quotes() {
        check(
            "Mr. Xi met Gen. Li on Feb. 24 in the U.S. capital. “We agree,” he said. Then he left!",
            &[
                "Mr. Xi met Gen. Li on Feb. 24 in the U.S. capital.",
                "“We agree,” he said.",
                "Then he left!",
            ],
        );
    }

    #[test]
    fn lines_are_paragraphs() {
        check(
            "A headline without a stop\nThe body. It goes on.",
            &["A headline without a stop", "The body.", "It goes on."],
        );
    }

    /// Random words from the pieces every rule looks at, joined by assorted whitespace: spans
    /// must stay in order, trimmed and on char boundaries.
    #[test]
    fn random_input_gives_ordered_trimmed_spans() {
        const PIECES: &[&str] = &[
            "http:",
            "/",
            ".",
            "-",
            "Published:",
            "at",
            "On",
            "May",
            "2013",
            "10:",
            "00",
            "PM",
            "EDT",
            "The",
            "A",
            "a.",
            "m.",
            "\"",
            "”",
            "’",
            "“",
            "(",
            ")",
            "U.",
            "S.",
            "No.",
            "1.",
            "Mr.",
            "?",
            "!",
            "...",
            "…",
            "word",
            "Name",
            "é",
            "日本",
            "\u{200b}",
            "5.",
            "It's",
        ];
        const SPACES: &[&str] = &[" ", "  ", "\n", "\t", "\u{a0}", "\r\n"];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..next(40) {
                text.push_str(PIECES[next(PIECES.len())]);
                text.push_str(SPACES[next(SPACES.len())]);
            }
            let mut previous_end = 0;
            for span in sentences(&text) {
                let piece = text.get(span.range()).unwrap_or_else(|| panic!("{text:?}"));
                assert!(!piece.is_empty() && piece.trim() == piece, "{text:?}");
                assert!(span.range().start >= previous_end, "{text:?}");
                previous_end = span.range().end;
            }
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            " ",
            "\n\n",
            ".",
            "...",
            "?!",
            "“”",
            "\" . \"",
            "é. É. ñ",
            "a.\u{300}. B",
            "http:",
            "www. / / /",
            "10: 00 PM",
            "Published:",
            "日本語。テスト",
            "\u{feff}.\u{200b}.",
            "( . ) A",
            "1. 2. 3.",
            "at at at on on",
            "Published Published 2013 May The",
        ] {
            for span in sentences(text) {
                assert!(text.get(span.range()).is_some(), "{text:?}");
                assert!(!span.slice(text).trim().is_empty(), "{text:?}");
            }
        }
    }
}
