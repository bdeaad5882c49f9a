//! Line-level cues: header lines, datelines, agency credits and boilerplate.
//!
//! A news text file is a body with metadata glued around it: a title, date and URL on the first
//! lines, a dateline before the first sentence (`KELDPORT, March 11 (NPA) —`), a credit line at
//! the end (`AGENCE FRANCE-PRESSE, BLOOMBERG`), and web furniture in between (`Read more:`,
//! related headlines, share prompts, syndication notices). These functions recognise each by
//! local cues; they never look at other articles.

use regex::Regex;
use std::sync::LazyLock;

/// News agencies by the names they are credited with, and the short name newsfold reports: the
/// world's wire services as their own datelines and credit lines write them (AP, Reuters, AFP and
/// the national agencies of the EANA and OANA members).
const AGENCIES: &[(&str, &str)] = &[
    ("AGENCE FRANCE-PRESSE", "AFP"),
    ("AGENCE FRANCE PRESSE", "AFP"),
    ("AFP", "AFP"),
    ("ASSOCIATED PRESS", "AP"),
    ("THE ASSOCIATED PRESS", "AP"),
    ("AP", "AP"),
    ("REUTERS", "Reuters"),
    ("THOMSON REUTERS", "Reuters"),
    ("BLOOMBERG", "Bloomberg"),
    ("UPI", "UPI"),
    ("UNITED PRESS INTERNATIONAL", "UPI"),
    ("XINHUA", "Xinhua"),
    ("DPA", "dpa"),
    ("EFE", "EFE"),
    ("ANSA", "ANSA"),
    ("TASS", "TASS"),
    ("KYODO", "Kyodo"),
    ("YONHAP", "Yonhap"),
    ("PTI", "PTI"),
    ("IANS", "IANS"),
    ("ANI", "ANI"),
    ("PA", "PA"),
    ("ANADOLU", "Anadolu"),
    ("BERNAMA", "Bernama"),
    ("NYT", "NYT"),
    ("ANTARA", "Antara"),
    ("KUNA", "KUNA"),
    ("WAM", "WAM"),
    ("APA", "APA"),
    ("LUSA", "Lusa"),
    ("PAP", "PAP"),
    ("CTK", "CTK"),
    ("ČTK", "CTK"),
    ("CNA", "CNA"),
    ("AA", "Anadolu"),
    ("ANADOLU AGENCY", "Anadolu"),
    ("KYODO NEWS", "Kyodo"),
    ("JIJI", "Jiji"),
    ("AAP", "AAP"),
    ("CP", "CP"),
    ("THE CANADIAN PRESS", "CP"),
    ("INTERFAX", "Interfax"),
    ("RIA NOVOSTI", "RIA Novosti"),
    ("UKRINFORM", "Ukrinform"),
    ("MTI", "MTI"),
    ("BTA", "BTA"),
    ("IRNA", "IRNA"),
    ("MENA", "MENA"),
    ("SPA", "SPA"),
    ("QNA", "QNA"),
    ("ANP", "ANP"),
    ("BELGA", "Belga"),
    ("NTB", "NTB"),
    ("VNA", "VNA"),
    ("PNA", "PNA"),
    ("APP", "APP"),
    ("BSS", "BSS"),
    ("CNN", "CNN"),
    ("NEW YORK TIMES", "NYT"),
    ("WASHINGTON POST", "Washington Post"),
];

/// The short name of a known agency (`Agence France-Presse` → `AFP`), or the name as written,
/// title-cased when it was all capitals.
pub fn agency_name(credit: &str) -> String {
    let credit = credit
        .trim()
        .trim_matches(|c: char| c == '(' || c == ')' || c == '.');
    let upper = credit.to_uppercase();
    if let Some((_, short)) = AGENCIES.iter().find(|(name, _)| *name == upper) {
        return (*short).to_owned();
    }
    if credit.chars().any(char::is_lowercase) || credit.len() <= 4 {
        return credit.to_owned();
    }
    credit
        .split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map_or_else(String::new, |f| f.to_string() + &cs.as_str().to_lowercase())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// If `line` is only agency credits (`AGENCE FRANCE-PRESSE, BLOOMBERG`, `NORTHLINE PRESS
/// AGENCY`, `(Reporting by …; Editing by …)`), the agencies it names.
pub fn credit_line(line: &str) -> Option<Vec<String>> {
    static REPORTING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\(?(?:Reporting|Additional reporting|Writing|Editing) by [^)]*\)?$")
            .expect("valid regex")
    });
    let line = line.trim();
    if line.is_empty() || line.len() > 120 {
        return None;
    }
    if REPORTING.is_match(line) {
        return Some(Vec::new());
    }
    let parts: Vec<&str> = line
        .trim_start_matches(['-', '—', '–', '©', ' '])
        .split([',', '/', '&', ';'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let known = |p: &&str| AGENCIES.iter().any(|(name, _)| *name == p.to_uppercase());
    if !parts.is_empty() && parts.iter().all(known) {
        return Some(parts.iter().map(|p| agency_name(p)).collect());
    }
    // An unknown agency: a short all-capitals line with no sentence punctuation.
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    let words = line.split_whitespace().count();
    let all_caps = letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase());
    if all_caps && words <= 6 && !line.ends_with(['.', '!', '?', ':']) {
        return Some(parts.iter().map(|p| agency_name(p)).collect());
    }
    None
}

/// A dateline found at the start of a body: `KELDPORT, March 11 (NPA) —`, `June 16 (UPI) —`,
/// `WASHINGTON (Reuters) -`, `KYIV, Ukraine (AP) —`, `Berlin (dpa) -`, `(CNN) —`,
/// `date 2022-06-16 BEIJING •`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The dateline as it should be shown: place, region, date and agency, without the dash.
    pub text: String,
    /// Byte length of the prefix to cut from the line (dateline, dash and following spaces).
    pub len: usize,
    /// The agency in parentheses, if any.
    pub agency: Option<String>,
    /// A full date written in the dateline (`date 2022-06-16`, `Jan. 5, 2024`), if any.
    pub date: Option<String>,
    /// A month and day without year (`June 16`), if any.
    pub month_day: Option<(u32, u32)>,
}

/// Most bytes a dateline may take before its dash: the longest real ones (`SAN JOSÉ DEL
/// GUAVIARE, Colombia, Sept. 12 (Reuters) —`) are about 50.
const MAX_DATELINE: usize = 90;

/// The dateline that opens `line`, if any.
///
/// The grammar, read left to right up to the first dash (`—`, `–`, `--`, a spaced `-`, `•`,
/// `·`), with an optional `.` before it (EFE's `(EFE).-`):
///
/// ```text
/// dateline = head [credit] dash [date dash]     a place-only head may repeat its date: `WASHINGTON - April 27 -`
///          | credit dash [head dash]            credit first: `(CNN) —`, `(ANSA) - ROME, March 5 -`
/// head     = place {", " region} [", " date [", " year]] | date
/// place    = 1-4 words in capitals (`ST. PAUL`, `PORT-AU-PRINCE`, `SAN JOSÉ`), or 1-3 capitalised
///            words when a known agency is credited (`Berlin (dpa)`, `New Delhi, Mar 5 (PTI)`)
/// region   = 1-3 capitalised words or abbreviations (`Calif.`, `N.Y.`, `Ukraine`), at most two
/// date     = `Aug. 9`, `Sept. 12`, `9 August`, `05 Mar 2024`, or a weekday (`Tuesday`)
/// credit   = `(` 1-5 capitalised words, `/` between agencies `)`, or `(dpa)`
/// ```
///
/// A date alone needs a credit (`June 16 (UPI) —`), and a credit alone must be in capitals or a
/// known agency. Numeric dates (`11/03/2024`) are not read: no wire writes them in a dateline,
/// and day and month order would be a guess.
pub fn dateline(line: &str) -> Option<Dateline> {
    if let Some(d) = dated_dateline(line) {
        return Some(d);
    }
    let Some(mut d) = dash_after(line)
        .and_then(|(head_end, len)| Some((parse_head(&line[..head_end])?, len)))
        .map(|(d, len)| Dateline { len, ..d })
    else {
        return undashed(line);
    };
    let rest = &line[d.len..];
    if d.agency.is_some() && d.text == format!("({})", d.agency.as_deref().unwrap_or("")) {
        // Credit first: a place and date may follow after their own dash.
        if let Some((end, more)) = dash_after(rest)
            && let Some(h) = parse_head(&rest[..end]).filter(|h| h.agency.is_none())
        {
            // Shown in the usual order, so that it reads back the same (see `infer_years`).
            d.text = format!("{} {}", h.text, d.text);
            d.month_day = h.month_day;
            d.date = h.date;
            d.len += more;
        }
    } else if d.agency.is_none() && d.month_day.is_none() && d.date.is_none() {
        // A place alone may have its date after its own dash.
        if let Some((end, more)) = dash_after(rest)
            && let Some(date) = parse_date_part(rest[..end].trim())
        {
            d.text = format!("{}, {}", d.text, rest[..end].trim());
            d.month_day = date.month_day;
            d.len += more;
        }
    }
    Some(d)
}

/// A dateline that ends at its credit with no dash, as PTI and IANS write it (`New Delhi, Mar 5
/// (PTI) The cabinet…`): only with a known agency, and a capital or a quote after it.
fn undashed(line: &str) -> Option<Dateline> {
    let close = line[..floor_boundary(line, MAX_DATELINE)].find(')')?;
    let d = parse_head(&line[..=close])?;
    d.agency.as_deref().filter(|a| known_agency(a))?;
    let after = &line[close + 1..];
    let len = close + 1 + (after.len() - after.trim_start().len());
    let next = line[len..].chars().next()?;
    (after.starts_with(char::is_whitespace) && (next.is_uppercase() || "\"“‘'".contains(next)))
        .then_some(Dateline { len, ..d })
}

/// The `date 2022-06-16 BEIJING •` shape of some feeds.
fn dated_dateline(line: &str) -> Option<Dateline> {
    static DATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^date\s+(\d{4}-\d{2}-\d{2})\s+([A-Z][A-Za-z .'’-]{1,40}?)\s*[•·—–-]+\s*")
            .expect("valid regex")
    });
    let c = DATED.captures(line)?;
    Some(Dateline {
        text: c[2].trim().to_owned(),
        len: c[0].len(),
        agency: None,
        date: Some(c[1].to_owned()),
        month_day: None,
    })
}

/// Where the first dash of `line` starts (the end of the head before it) and where the text
/// after it and its spaces starts, if it comes early enough. A single hyphen counts only with a
/// space or a parenthesis beside it, so `PORT-AU-PRINCE` and `COVID-19` hold none.
fn dash_after(line: &str) -> Option<(usize, usize)> {
    static DASH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*(?:[—–•·]+|-{1,2})\s*").expect("valid regex"));
    let window = &line[..floor_boundary(line, MAX_DATELINE)];
    let m = DASH.find_iter(window).find(|m| {
        let glued =
            m.as_str() == "-" && !window[..m.start()].ends_with([')', '.']) && m.end() < line.len();
        !glued
    })?;
    let head_end = m.start();
    (head_end > 0).then_some((head_end, m.end()))
}

/// The largest char boundary at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A date in a dateline, read.
struct DatelineDate {
    month_day: Option<(u32, u32)>,
}

/// Read the part of a dateline before its dash.
fn parse_head(head: &str) -> Option<Dateline> {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\(\s*([\p{Lu}\p{Ll}][\p{L}&.'’-]*(?:(?:\s+|\s*/\s*)[\p{Lu}][\p{L}&.'’-]*){0,4})\s*\)$")
            .expect("valid regex")
    });
    let head = head.trim();
    // EFE ends its credit with a stop before the dash: `(EFE).-`.
    let head = head
        .strip_suffix(").")
        .map_or(head, |h| &head[..h.len() + 1]);
    let (body, agency) = match CREDIT.captures(head) {
        Some(c) => {
            let credit = c[1].to_owned();
            let body = head[..c.get(0).map_or(0, |m| m.start())].trim_end();
            (body, Some(credit))
        }
        None => (head, None),
    };
    if let Some(a) = &agency
        && !credit_shaped(a)
    {
        return None;
    }
    let known = agency.as_deref().is_some_and(known_agency);
    if body.is_empty() {
        // A credit alone: `(CNN) —`.
        let a = agency?;
        let caps = !a.chars().any(char::is_lowercase);
        return (caps || known).then(|| Dateline {
            text: format!("({a})"),
            len: 0,
            agency: Some(a),
            date: None,
            month_day: None,
        });
    }
    let parts: Vec<&str> = body.split(',').map(str::trim).collect();
    let (text, month_day, date) = parse_parts(&parts, agency.is_some(), known)?;
    let text = match &agency {
        Some(a) => format!("{text} ({a})"),
        None => text,
    };
    Some(Dateline {
        text,
        len: 0,
        agency,
        date,
        month_day,
    })
}

/// A credit reads as an agency: no sentence words inside (`(BMG)` is fine, `(see below)` not).
fn credit_shaped(credit: &str) -> bool {
    let words: Vec<&str> = credit.split([' ', '/']).filter(|w| !w.is_empty()).collect();
    !words.is_empty()
        && words.len() <= 5
        && credit.len() <= 40
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || known_agency(w))
}

/// True for an agency in [`AGENCIES`], or several joined by `/` (`AP/Reuters`).
fn known_agency(credit: &str) -> bool {
    credit.split('/').all(|a| {
        let a = a.trim().to_uppercase();
        AGENCIES.iter().any(|(name, _)| *name == a)
    })
}

/// Place, regions and date, split at commas: the dateline's text, month and day, full date.
type Parts = (String, Option<(u32, u32)>, Option<String>);

/// Read the comma-separated parts of a dateline head (see [`dateline`] for the grammar).
fn parse_parts(parts: &[&str], credited: bool, known: bool) -> Option<Parts> {
    let first = *parts.first()?;
    let mut month_day = None;
    let mut date = None;
    let mut regions = 0;
    let mut dated = false;
    let start = if let Some(d) = parse_date_part(first).filter(|_| parts.len() == 1) {
        // A date alone needs a credit: `June 16 (UPI) —`.
        if !credited {
            return None;
        }
        month_day = d.month_day;
        dated = true;
        1
    } else if caps_place(first) || (known && title_place(first)) {
        1
    } else {
        return None;
    };
    let mut i = start;
    while i < parts.len() {
        let part = parts[i];
        if let Some(d) = parse_date_part(part).filter(|_| !dated) {
            month_day = d.month_day;
            dated = true;
            if let Some((m, day)) = d.month_day
                && let Some(year) = parts.get(i + 1).and_then(|y| year_part(y))
            {
                date = crate::dates::Day::new(year, m, day).map(crate::dates::Day::iso);
                i += 1;
            }
        } else if !dated && regions < 2 && region(part) {
            regions += 1;
        } else {
            return None;
        }
        i += 1;
    }
    if month_day.is_some()
        && date.is_none()
        && let Some((m, day, year)) = parts.iter().find_map(|p| with_year(p))
    {
        date = crate::dates::Day::new(year, m, day).map(crate::dates::Day::iso);
    }
    Some((parts.join(", "), month_day, date))
}

/// A place in capitals: 1-4 words, at least three letters, no lower-case letter.
fn caps_place(part: &str) -> bool {
    static CAPS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\p{Lu}[\p{Lu}.'’-]*(?:\s+\p{Lu}[\p{Lu}.'’-]*){0,3}$").expect("valid regex")
    });
    CAPS.is_match(part) && part.chars().filter(|c| c.is_alphabetic()).count() >= 3
}

/// A place in title case: 1-3 capitalised words (`New Delhi`, `Berlin`).
fn title_place(part: &str) -> bool {
    static TITLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,2}$").expect("valid regex")
    });
    TITLE.is_match(part)
}

/// A region after a place: 1-3 capitalised words or abbreviations (`Calif.`, `N.Y.`, `D.C.`).
fn region(part: &str) -> bool {
    title_place(part) && parse_date_part(part).is_none()
}

/// A date as datelines write it: `Aug. 9`, `Sept. 12`, `9 August`, `05 Mar 2024`, `Tuesday`.
fn parse_date_part(part: &str) -> Option<DatelineDate> {
    let words: Vec<&str> = part.split_whitespace().collect();
    let day = |w: &str| w.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
    let month = |w: &str| {
        w.starts_with(char::is_uppercase)
            .then(|| crate::dates::month_number(w))
            .flatten()
    };
    match words.as_slice() {
        [m, d] | [m, d, _] if month(m).is_some() && day(d).is_some() => Some(DatelineDate {
            month_day: Some((month(m)?, day(d)?)),
        }),
        [d, m] | [d, m, _] if month(m).is_some() && day(d).is_some() => Some(DatelineDate {
            month_day: Some((month(m)?, day(d)?)),
        }),
        [w] if WEEKDAYS.contains(&w.trim_end_matches('.')) => {
            Some(DatelineDate { month_day: None })
        }
        _ => None,
    }
    .filter(|_| words.len() < 3 || words.get(2).is_some_and(|y| year_part(y).is_some()))
}

/// The weekdays a dateline may give instead of a date.
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A year written after a dateline's date (`2024`).
fn year_part(part: &str) -> Option<i32> {
    let part = part.trim();
    (part.len() == 4)
        .then(|| part.parse().ok())
        .flatten()
        .filter(|y| (1800..=2200).contains(y))
}

/// A date with its year in one part (`05 Mar 2024`): month, day, year.
fn with_year(part: &str) -> Option<(u32, u32, i32)> {
    let words: Vec<&str> = part.split_whitespace().collect();
    let [a, b, y] = words.as_slice() else {
        return None;
    };
    let year = year_part(y)?;
    let (m, d) = match crate::dates::month_number(a) {
        Some(m) => (m, b.parse().ok()?),
        None => (crate::dates::month_number(b)?, a.parse().ok()?),
    };
    Some((m, d, year))
}

/// Why a body line is not article text, if it is not.
pub fn boilerplate(line: &str) -> Option<&'static str> {
    static READ_MORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:read more|read also|also read|related(?: stories| articles| coverage)?|see also|more on this(?: story)?|recommended|you may also like|more from [^:]{1,30}|most read|trending)\s*:?$")
            .expect("valid regex")
    });
    static SHARE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:share(?: this(?: article| story)?| on \w+| via \w+)?|copy link|tweet|email|print|follow us(?: on \w+)?|click here.*|sign up.*newsletter.*|subscribe.*|advertisement|download (?:our|the) app.*|comments?|\d+ comments?|listen to (?:this|the) (?:article|story).*|image:.*|photo:.*|file photo.*)\s*[.:!]?$")
            .expect("valid regex")
    });
    static DISCLAIMER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:auto-generated from a syndicated feed|has not been edited by .{1,40} staff|published from a syndicated feed|this (?:story|article) (?:was|is) (?:originally )?(?:published|republished|syndicated) (?:by|from|on|with permission)|republished with permission)")
            .expect("valid regex")
    });
    let words = line.split_whitespace().count();
    if READ_MORE.is_match(line) {
        return Some("read-more");
    }
    if words <= 12 && SHARE.is_match(line) {
        return Some("share");
    }
    if words <= 60 && DISCLAIMER.is_match(line) {
        return Some("disclaimer");
    }
    None
}

/// Why a block of extracted HTML is not article text, if it is not: a block that is all links (a
/// list of related stories), a caption or photo credit, a timestamp line.
pub fn html_noise(block: &crate::blocks::Block) -> Option<&'static str> {
    use crate::blocks::BlockKind;
    let words = block.text.split_whitespace().count();
    if block.kind == BlockKind::Caption {
        return Some("caption");
    }
    // A block that is all link text and reads like a headline links to another story. Links
    // whose text is an address are shown as part of the article (a source, a shop), so stay.
    let address = block.text.contains("://") || block.text.starts_with("www.");
    if block.link_share >= 0.8
        && (3..=25).contains(&words)
        && block.kind != BlockKind::TableRow
        && !address
    {
        return Some("related-link");
    }
    furniture(&block.text)
}

/// Why a short line is page furniture rather than article text, if it is: captions and photo
/// credits, timestamps, bylines, copyright lines, author notes, newsletter and comment prompts.
/// These cues hold in text files as well as in HTML.
pub fn furniture(line: &str) -> Option<&'static str> {
    static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)^[(\[]?(?:photos?|images?|pictures?|video|graphic|illustration|credits?|source|file photo|caption|close)(?: credit)?\s*(?:[:/|]|$)",
            r"|\((?:image|photo|picture|credit|image credit|photo credit)s?:[^)]*\)\s*$",
            r"|(?:getty images|ap photo[^)]*|shutterstock|istock|reuters/[\w .]+|afp|epa)\)?\.?$",
            r"|^image \d+ of \d*",
        ))
        .expect("valid regex")
    });
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|gmt|utc|est|edt|cst|cdt|pst|pdt|bst|cet|cest|ist)\b",
            r"|\b\d{1,2}:\d{2}\b.*\b(?:19|20)\d{2}\b|\b(?:19|20)\d{2}\b.*\b\d{1,2}:\d{2}\b",
            r"|\b\d+ (?:minutes?|hours?|days?) ago\b"
        ))
            .expect("valid regex")
    });
    static PROMPT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)^(?:advert(?:isement)?|continue reading(?: below)?|breaking news emails|sharing is caring!?|post comment.*|related news|related articles?|don'?t miss|must read|recommended(?: for you)?|trending now",
            r"|want more stories like this\??|tell us what you think.*|this slideshow requires javascript\.?|more great \w+ stories|you might also like|watch:.*|listen:.*",
            r"|(?:get|sign up for|subscribe to|join) (?:our|the|breaking|\w+'s)\b.*(?:newsletter|inbox|alerts|emails|updates|forums?).*",
            r"|have a (?:news )?tip\?.*|follow (?:him|her|them|us) on .*|this (?:post|article) (?:may )?contains? affiliate.*|\[button[^\]]*\].*",
            r"|you may also like.*|filed under:.*|tags?:.*|iklan|(?:additional )?reporting by .*|writing by .*|editing by .*",
            r"|(?:get|sign up|subscribe|join|let|click|start your day|every day we|there'?s plenty more)\b.{0,200}\b(?:newsletters?|inbox|subscri\w+|sign up|delivered|email)\b.*)$",
        ))
        .expect("valid regex")
    });
    static BIO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[A-Z][\p{L}'-]+(?: [A-Z][\p{L}.'-]+){1,3} (?:is|was|has been) (?:a|an|the|\w+'s) .{0,80}\b(?:writer|reporter|editor|correspondent|journalist|contributor|columnist|curator|producer)\b")
            .expect("valid regex")
    });
    static STAFF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^[A-Z][\p{L}.'-]+(?: [A-Z][\p{L}.'-]+){1,3}, .{0,40}\b(?:writer|correspondent|reporter|editor|staff)$")
            .expect("valid regex")
    });
    let line = line.trim();
    let words = line.split_whitespace().count();
    let sentence_end = line.ends_with(['.', '!', '?', '"', '”']);
    // "— Name (@handle) November 18, 2019": the attribution of an embedded post, part of it.
    if line.starts_with(['—', '-']) && line.contains("(@") {
        return None;
    }
    if words <= 8 && STAFF.is_match(line) {
        return Some("byline");
    }
    if words <= 25 && CAPTION.is_match(line) {
        return Some("caption");
    }
    if words <= 14
        && !sentence_end
        && (TIME.is_match(line) || crate::dates::parse_date(line).is_some())
    {
        return Some("timestamp");
    }
    if words <= 14 && line.to_ascii_lowercase().starts_with("by ") && !sentence_end {
        return Some("byline");
    }
    if words <= 30 && line.contains('©') {
        return Some("copyright");
    }
    if words <= 40 && PROMPT.is_match(line) {
        return Some("prompt");
    }
    if words <= 40 && BIO.is_match(line) {
        return Some("author-note");
    }
    None
}

/// True for a line shaped like a headline rather than a paragraph of prose: a few words, no
/// sentence punctuation at the end. Inside a body such a line is a related-story link.
pub fn is_headline_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let last = line.trim_end().chars().last();
    (3..=30).contains(&words)
        && !matches!(
            last,
            Some('.' | '!' | '?' | '"' | '”' | '’' | '\'' | ':' | ';' | ',' | '…' | ')')
        )
}

/// A line that is only a URL.
pub fn is_url_line(line: &str) -> bool {
    let line = line.trim();
    (line.starts_with("http://") || line.starts_with("https://")) && !line.contains(' ')
}

/// A byline such as `By Jane Doe` or `By Jane Doe and John Roe, Reuters`: the names.
pub fn byline(line: &str) -> Option<String> {
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?i:by)\s+([A-Z][\p{L}.'’-]+(?:\s+[A-Z][\p{L}.'’-]+){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\p{L}.'’-]+(?:\s+[A-Z][\p{L}.'’-]+){0,3}){0,3})$")
            .expect("valid regex")
    });
    BY.captures(line.trim()).map(|c| c[1].to_owned())
}

#[cfg(test)]
mod tests {
    use super::{boilerplate, byline, credit_line, dateline, is_headline_like};

    #[test]
    fn credits() {
        assert_eq!(
            credit_line("AGENCE FRANCE-PRESSE, BLOOMBERG"),
            Some(vec!["AFP".into(), "Bloomberg".into()])
        );
        assert_eq!(
            credit_line("NORTHLINE PRESS AGENCY"),
            Some(vec!["Northline Press Agency".into()])
        );
        assert_eq!(
            credit_line("(Reporting by Ana Li; Editing by Tom Orr)"),
            Some(vec![])
        );
        assert_eq!(credit_line("The minister resigned."), None);
    }

    #[test]
    fn datelines() {
        let d = dateline("KELDPORT, March 11 (NPA) — The bridge fell.").unwrap();
        assert_eq!(
            (d.text.as_str(), d.agency.as_deref(), d.month_day),
            ("KELDPORT, March 11 (NPA)", Some("NPA"), Some((3, 11)))
        );
        let d = dateline("June 16 (UPI) — Chinese President").unwrap();
        assert_eq!(
            (d.text.as_str(), d.agency.as_deref()),
            ("June 16 (UPI)", Some("UPI"))
        );
        let d = dateline("date 2022-06-16 BEIJING • Chinese President").unwrap();
        assert_eq!(
            (d.text.as_str(), d.date.as_deref()),
            ("BEIJING", Some("2022-06-16"))
        );
        let d = dateline("WASHINGTON (Reuters) - The Senate").unwrap();
        assert_eq!(d.text, "WASHINGTON (Reuters)");
        assert_eq!(dateline("NATO said on Monday - again - that"), None);
        assert_eq!(dateline("The US and China"), None);
    }

    #[test]
    fn boilerplate_lines() {
        assert_eq!(boilerplate("Read more:"), Some("read-more"));
        assert_eq!(boilerplate("Share this article"), Some("share"));
        assert_eq!(
            boilerplate(
                "This story has not been edited by NDTV staff and is auto-generated from a syndicated feed."
            ),
            Some("disclaimer")
        );
        assert_eq!(
            boilerplate("Share prices fell sharply on Monday after the announcement."),
            None
        );
        assert!(is_headline_like(
            "COVID-19: Parts of a city placed under lockdown after spike"
        ));
        assert!(!is_headline_like(
            "The ministry said it regretted the accident."
        ));
    }

    #[test]
    fn bylines() {
        assert_eq!(byline("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(byline("By the way, this is prose."), None);
    }
}
