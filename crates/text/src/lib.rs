//! The clean stage: from a raw document to an article whose text every later stage trusts.
//!
//! [`clean`] takes a [`Raw`] (text or HTML, plus container fields) and returns an [`Article`]:
//! main text out of HTML, metadata from every place news puts it (container fields, HTML meta,
//! header lines, datelines, credit lines, bylines, the URL), boilerplate lines removed, Unicode
//! normalised, and sentence spans. Cleaning never fails: bad input is input, and the result is
//! the best article that can be made of it, with warnings. It does no I/O.

mod blocks;
mod dates;
mod depth;
mod given;
mod html;
mod lines;
mod normalize;
mod outlets;
mod recurring;
mod sentences;
mod titles;
mod tokens;
mod words;
mod years;

use newsfold_core::{Article, Provenance, Raw, RawBody, Removed};

pub use dates::{
    DateKind, DateRef, Day, MAX_DAYS_AHEAD, Precision, Weekday, dates_in, month_number, parse_date,
    resolve, sentence_date, weekday,
};
pub use given::{as_given, rough_sentences};
pub use html::Base;
pub use lines::{
    Dateline, agency_name, boilerplate, credit_line, dateline, furniture, is_headline_like,
};
pub use normalize::{fold_char, normalize};
pub use outlets::{
    AS_NAMED, OutletNames, display_name, name_outlets, outlet_identities, rename as rename_outlet,
};
pub use recurring::{Paragraphs, recurring, remove_recurring_lines, strip_recurring};
pub use sentences::sentences;
pub use titles::{MAX_TITLE_CHARS, is_plausible_title, title_wording, tokenised_url};
pub use tokens::{STOP_WORDS, Token, content_stems, is_stop_word, shared_count, stem, tokens};
pub use words::{word_hash, words};
pub use years::infer_years;

/// Metadata gathered while cleaning, each value with where it came from.
#[derive(Default)]
struct Meta {
    title: Option<(String, &'static str)>,
    url: Option<(String, &'static str)>,
    published: Option<(String, &'static str)>,
    updated: Option<(String, &'static str)>,
    outlet: Option<(String, &'static str)>,
    byline: Option<(String, &'static str)>,
    language: Option<(String, &'static str)>,
    dateline: Option<String>,
    credits: Vec<String>,
}

fn offer(slot: &mut Option<(String, &'static str)>, value: Option<&str>, source: &'static str) {
    if slot.is_none()
        && let Some(v) = value.map(str::trim).filter(|v| !v.is_empty())
    {
        *slot = Some((normalize(v).replace('\n', " "), source));
    }
}

/// [`offer`] a title, unless it cannot be one (a URL, an id: [`is_plausible_title`]).
fn offer_title(
    slot: &mut Option<(String, &'static str)>,
    value: Option<&str>,
    source: &'static str,
) {
    offer(
        slot,
        value.filter(|v| titles::is_plausible_title(v)),
        source,
    );
}

/// How the clean stage works.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CleanOptions {
    /// The base extractor that finds the article element of an HTML page.
    pub extractor: Base,
    /// Leave the language as the record or page declares it (shortened to its primary subtag)
    /// instead of detecting it from the text: for runs that never read it, such as reuse
    /// detection, where detection would be a sixth of the cleaning time.
    pub declared_language_only: bool,
}

/// Clean one raw document into an article, with default options. The id is provisional: the
/// record's own id, else the file name; the engine makes ids unique across a fold.
pub fn clean(raw: &Raw) -> Article {
    clean_with(raw, &CleanOptions::default())
}

/// Clean one raw document into an article.
pub fn clean_with(raw: &Raw, options: &CleanOptions) -> Article {
    let mut meta = Meta::default();
    let mut warnings = Vec::new();
    let fields = &raw.fields;
    offer_title(&mut meta.title, fields.title.as_deref(), "record field");
    offer(&mut meta.url, fields.url.as_deref(), "record field");
    offer(&mut meta.outlet, fields.outlet.as_deref(), "record field");
    offer(&mut meta.byline, fields.byline.as_deref(), "record field");
    offer(
        &mut meta.language,
        fields.language.as_deref(),
        "record field",
    );
    if let Some(p) = fields.published.as_deref() {
        match parse_date(p) {
            Some(day) => meta.published = Some((day.iso(), "record field")),
            None => warnings.push(format!(
                "published date {p:?} is not a date newsfold can read"
            )),
        }
    }

    let mut removed_html = Vec::new();
    let (body, is_text) = match &raw.body {
        RawBody::Text(text) => (normalize(text), true),
        RawBody::Html(html) => {
            let page = html::extract(html, options.extractor);
            offer_title(&mut meta.title, page.title.as_deref(), "html meta");
            offer(&mut meta.url, page.url.as_deref(), "html meta");
            offer(&mut meta.outlet, page.site_name.as_deref(), "html meta");
            offer(&mut meta.byline, page.author.as_deref(), "html meta");
            offer(&mut meta.language, page.language.as_deref(), "html meta");
            if meta.published.is_none() {
                meta.published = page
                    .published
                    .as_deref()
                    .and_then(parse_date)
                    .map(|d| (d.iso(), "html meta"));
            }
            meta.updated = page
                .modified
                .as_deref()
                .and_then(parse_date)
                .map(|d| (d.iso(), "html meta"));
            warnings.extend(page.warnings);
            let mut kept = Vec::with_capacity(page.blocks.len());
            for block in &page.blocks {
                match lines::html_noise(block) {
                    Some(reason) => removed_html.push(Removed {
                        text: block.text.clone(),
                        reason: reason.to_owned(),
                    }),
                    None => kept.push(block.text.as_str()),
                }
            }
            (normalize(&kept.join("\n")), false)
        }
    };
    let mut lines: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut removed = removed_html;
    let remove = |removed: &mut Vec<Removed>, line: &str, reason: &str| {
        removed.push(Removed {
            text: line.to_owned(),
            reason: reason.to_owned(),
        });
    };

    if is_text {
        take_header_lines(&mut lines, &mut meta, &mut removed);
    }
    // A first line that repeats the title is header; a dateline opening it is still the
    // article's (feeds that title a story with its lead).
    let title_copy = lines
        .first()
        .is_some_and(|first| meta.title.as_ref().is_some_and(|(t, _)| t == first));
    let mut dateline_agency: Option<String> = None;
    let found = if title_copy {
        lines
            .first()
            .and_then(|l| lines::dateline(l))
            .map(|d| (0, d))
    } else {
        find_dateline(&lines, is_text)
    };
    if let Some((at, _)) = found {
        for line in lines.drain(..at) {
            remove(&mut removed, line, "header");
        }
    }
    let mut first_line = lines.first().map(|l| (*l).to_owned());
    if let Some(first) = first_line.as_mut()
        && let Some((_, d)) = found
    {
        remove(&mut removed, &first[..d.len], "dateline");
        if let Some(agency) = &d.agency {
            // `(Kyodo/AP)` credits both agencies; the first is the one that filed.
            let names: Vec<String> = agency.split('/').map(agency_name).collect();
            dateline_agency = names.first().cloned();
            meta.credits.extend(names);
        }
        if meta.published.is_none() {
            meta.published = d.date.clone().map(|date| (date, "dateline"));
        }
        if meta.published.is_none()
            && let Some((month, day)) = d.month_day
        {
            warnings.push(format!("dateline gives {month:02}-{day:02} without a year"));
        }
        meta.dateline = Some(d.text);
        *first = first[d.len..].to_owned();
    }
    if let Some(first) = &first_line {
        // A dateline on a line of its own leaves nothing of that line.
        if first.trim().is_empty() {
            lines.remove(0);
        } else if title_copy {
            remove(&mut removed, first, "header");
            lines.remove(0);
        } else {
            lines[0] = first.as_str();
        }
    }
    while let Some(last) = lines.last() {
        let Some(credits) = lines::credit_line(last) else {
            break;
        };
        meta.credits.extend(credits);
        remove(&mut removed, last, "credit");
        lines.pop();
    }
    let mut kept = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if let Some(reason) = lines::boilerplate(line).or_else(|| lines::furniture(line)) {
            if reason == "timestamp"
                && line
                    .trim_start_matches(['|', ' '])
                    .to_ascii_lowercase()
                    .starts_with("updated")
            {
                offer(
                    &mut meta.updated,
                    resolve(line, None).map(|r| r.day.iso()).as_deref(),
                    "updated line",
                );
            }
            remove(&mut removed, line, reason);
        } else if is_text && i > 0 && lines::is_headline_like(line) {
            remove(&mut removed, line, "related-headline");
        } else if let Some(by) = lines::byline(line).filter(|_| i < 3) {
            offer(&mut meta.byline, Some(&by), "byline line");
            remove(&mut removed, line, "byline");
        } else {
            kept.push(*line);
        }
    }
    if meta.published.is_none()
        && let Some(day) = meta.url.as_ref().and_then(|(u, _)| url_date(u))
    {
        meta.published = Some((day.iso(), "url pattern"));
    }
    let syndicated = removed.iter().any(|r| r.reason == "disclaimer");
    dedup_credits(&mut meta.credits);
    if meta.outlet.is_none()
        && let Some(host) = meta.url.as_ref().and_then(|(u, _)| url_host(u))
    {
        meta.outlet = Some((host, "url host"));
    }
    // A wire dateline (`June 16 (UPI) —`) with nothing else to go on names the publisher; so does
    // a single credited agency.
    if meta.outlet.is_none() {
        if let Some(agency) = &dateline_agency {
            meta.outlet = Some((agency.clone(), "dateline agency"));
        } else if let [only] = meta.credits.as_slice() {
            meta.outlet = Some((only.clone(), "credit"));
        }
    }

    let text = kept.join("\n\n");
    let sentences = sentences::sentences(&text);
    if let Some((lang, source)) = meta.language.take() {
        let short = lang
            .split(['-', '_'])
            .next()
            .unwrap_or(&lang)
            .to_ascii_lowercase();
        meta.language = Some((short, source));
    }
    // Detection reads the opening of the text (about 200 words): enough to be reliable, and
    // cheap on long articles.
    let sample = &text[..floor_char_boundary(&text, 1200)];
    let detected = (!options.declared_language_only)
        .then(|| whatlang::detect(sample))
        .flatten();
    if let Some(info) = detected.filter(|i| i.is_reliable()) {
        let detected = iso639_1(info.lang()).to_owned();
        match &meta.language {
            None => meta.language = Some((detected, "detected")),
            Some((declared, _)) if *declared != detected => {
                warnings.push(format!(
                    "the page declares language {declared:?}, but its text reads as {detected:?}"
                ));
                meta.language = Some((detected, "detected (declared language disagreed)"));
            }
            Some(_) => {}
        }
    }

    let mut provenance = Vec::new();
    for (field, slot) in [
        ("title", &meta.title),
        ("url", &meta.url),
        ("published", &meta.published),
        ("updated", &meta.updated),
        ("outlet", &meta.outlet),
        ("byline", &meta.byline),
        ("language", &meta.language),
    ] {
        if let Some((_, source)) = slot {
            provenance.push(Provenance {
                field: field.to_owned(),
                source: (*source).to_owned(),
            });
        }
    }
    if meta.dateline.is_some() {
        provenance.push(Provenance {
            field: "dateline".into(),
            source: "dateline".into(),
        });
    }
    if !meta.credits.is_empty() {
        provenance.push(Provenance {
            field: "credits".into(),
            source: "credit line or dateline".into(),
        });
    }
    let value = |slot: Option<(String, &'static str)>| slot.map(|(v, _)| v);
    Article {
        id: provisional_id(raw),
        path: raw.path.clone(),
        record: raw.record.clone(),
        title: value(meta.title),
        outlet: value(meta.outlet),
        url: value(meta.url),
        published: value(meta.published),
        updated: value(meta.updated),
        dateline: meta.dateline,
        byline: value(meta.byline),
        credits: meta.credits,
        language: value(meta.language),
        syndicated,
        text,
        sentences,
        provenance,
        removed,
        warnings,
        taken: Vec::new(),
    }
}

/// Most lines before the body's first line that are searched for its dateline: a subtitle, a
/// timestamp, a byline and share or syndication lines may sit between the header and the
/// dateline (ECB+ pages have three; syndicated copies add up to four more).
const DATELINE_SEARCH_LINES: usize = 8;

/// The line that holds the body's dateline, and the dateline: the first line, or a later one
/// when only header-like lines (lines without a sentence's stop, furniture, boilerplate,
/// bylines) come before it and prose, or nothing, follows it on its line. In text extracted from HTML
/// only the first line is searched: the page's own markup has already set its header apart.
fn find_dateline(lines: &[&str], is_text: bool) -> Option<(usize, lines::Dateline)> {
    let search = if is_text { DATELINE_SEARCH_LINES } else { 1 };
    for (i, line) in lines.iter().enumerate().take(search) {
        if let Some(d) = lines::dateline(line) {
            let rest = &line[d.len..];
            if i == 0 || !lines::is_headline_like(rest) {
                return Some((i, d));
            }
        }
        let stop = line
            .trim_end()
            .ends_with(['.', '!', '?', '"', '”', '’', '\'', '…']);
        let header_like = !stop
            || lines::is_headline_like(line)
            || lines::boilerplate(line).is_some()
            || lines::furniture(line).is_some()
            || lines::byline(line).is_some();
        if !header_like {
            return None;
        }
    }
    None
}

/// Drop repeated credits, including an acronym credited beside its full name (`NPA` and
/// `Northline Press Agency`): the full name is kept.
fn dedup_credits(credits: &mut Vec<String>) {
    let initials = |name: &str| -> String {
        name.split_whitespace()
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .collect()
    };
    let all = credits.clone();
    credits.retain(|c| {
        !all.iter()
            .any(|other| other != c && other.contains(' ') && initials(other) == *c)
    });
    let mut seen = std::collections::BTreeSet::new();
    credits.retain(|c| seen.insert(c.clone()));
}

/// Take title, date, URL and byline lines off the top of a text file.
fn take_header_lines(lines: &mut Vec<&str>, meta: &mut Meta, removed: &mut Vec<Removed>) {
    let mut header = 0;
    let mut title = None;
    while header < lines.len().min(5) {
        let line = lines[header];
        if lines::is_url_line(line) && meta.url.as_ref().is_none_or(|(_, s)| *s != "header line") {
            offer(&mut meta.url, Some(line), "header line");
        } else if dates::is_date_line(line) {
            if let Some(day) = parse_date(line)
                && meta
                    .published
                    .as_ref()
                    .is_none_or(|(_, s)| *s != "record field")
            {
                meta.published = Some((day.iso(), "header line"));
            }
        } else if let Some(by) = lines::byline(line) {
            offer(&mut meta.byline, Some(&by), "byline line");
        } else if header == 0
            && lines::is_headline_like(line)
            && lines.len() > 1
            && lines::dateline(line).is_none()
        {
            title = Some(line);
        } else {
            break;
        }
        header += 1;
    }
    // A first line that is a URL split into tokens (ECB+) stays the title here, whose words the
    // stories stage weighs; the headline never takes it (`brief`, `is_plausible_title`).
    if let Some(t) = title {
        offer(&mut meta.title, Some(t), "header line");
    }
    for line in lines.drain(..header) {
        removed.push(Removed {
            text: line.to_owned(),
            reason: "header".to_owned(),
        });
    }
}

pub(crate) fn provisional_id(raw: &Raw) -> String {
    if let Some(id) = raw
        .fields
        .id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty())
    {
        return id.to_owned();
    }
    let name = raw.path.rsplit(['/', '\\']).next().unwrap_or(&raw.path);
    let name = name.strip_suffix(".gz").unwrap_or(name);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let stem = if stem.is_empty() || stem == "-" {
        "stdin"
    } else {
        stem
    };
    match &raw.record {
        Some(_) => format!("{stem}-{}", raw.index + 1),
        None => stem.to_owned(),
    }
}

/// A date written in a URL's path: `/2026/03/11/`, `/2026-03-11-`, `/20260311/`.
fn url_date(url: &str) -> Option<Day> {
    static DATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)",
        )
        .expect("valid regex")
    });
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let c = DATE.captures(path)?;
    Day::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
}

/// The largest char boundary at or below `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_owned())
}

fn iso639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Eng => "en",
        Fra => "fr",
        Deu => "de",
        Spa => "es",
        Ita => "it",
        Por => "pt",
        Rus => "ru",
        Ukr => "uk",
        Pol => "pl",
        Ces => "cs",
        Nld => "nl",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Ell => "el",
        Tur => "tr",
        Ara => "ar",
        Heb => "he",
        Hin => "hi",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Ron => "ro",
        Hun => "hu",
        Bul => "bg",
        Srp => "sr",
        Hrv => "hr",
        Slk => "sk",
        Slv => "sl",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Ind => "id",
        Vie => "vi",
        Tha => "th",
        Pes => "fa",
        Urd => "ur",
        Ben => "bn",
        Tam => "ta",
        Cat => "ca",
        Afr => "af",
        other => other.code(),
    }
}
