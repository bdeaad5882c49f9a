//! Line-level cues: header lines, datelines, agency credits and boilerplate.
//!
//! A news text file is a body with metadata glued around it: a title, date and URL on the first
//! lines, a dateline before the first sentence (`KELDPORT, March 11 (NPA) —`), a credit line at
//! the end (`AGENCE FRANCE-PRESSE, BLOOMBERG`), and web furniture in between (`Read more:`,
//! related headlines, share prompts, syndication notices). These functions recognise each by
//! local cues; they never look at other articles.

use regex::Regex;
use std::sync::LazyLock;

/// News agencies by the names they are credited with, and the short name newsfold reports.
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
/// `WASHINGTON (Reuters) -`, `date 2022-06-16 BEIJING •`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The dateline as it should be shown: place, date and agency, without the dash.
    pub text: String,
    /// Byte length of the prefix to cut from the line (dateline, dash and following spaces).
    pub len: usize,
    /// The agency in parentheses, if any.
    pub agency: Option<String>,
    /// A full date written in the dateline (`date 2022-06-16`), if any.
    pub date: Option<String>,
    /// A month and day without year (`June 16`), if any.
    pub month_day: Option<(u32, u32)>,
}

/// The dateline that opens `line`, if any.
pub fn dateline(line: &str) -> Option<Dateline> {
    static DATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^date\s+(\d{4}-\d{2}-\d{2})\s+([A-Z][A-Za-z .'’-]{1,40}?)\s*[•·—–-]+\s*")
            .expect("valid regex")
    });
    static PLACE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^([A-Z][A-Z.'’ -]{1,40}[A-Z.])",
            r"(?:,\s*([A-Z][a-z]{2,8}\.?\s+\d{1,2}))?",
            r"(?:\s*\(([^()]{1,40})\))?",
            r"\s*(?:[•·—–]|--?)\s*"
        ))
        .expect("valid regex")
    });
    static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([A-Z][a-z]{2,8}\.?\s+\d{1,2})\s*\(([^()]{1,40})\)\s*(?:[•·—–]|--?)\s*")
            .expect("valid regex")
    });
    if let Some(c) = DATED.captures(line) {
        return Some(Dateline {
            text: c[2].trim().to_owned(),
            len: c[0].len(),
            agency: None,
            date: Some(c[1].to_owned()),
            month_day: None,
        });
    }
    if let Some(c) = MONTH_DAY.captures(line) {
        let month_day = parse_month_day(&c[1])?;
        return Some(Dateline {
            text: format!("{} ({})", &c[1], &c[2]),
            len: c[0].len(),
            agency: Some(c[2].trim().to_owned()),
            date: None,
            month_day: Some(month_day),
        });
    }
    let c = PLACE.captures(line)?;
    let place = c[1].trim();
    if place.chars().filter(|ch| ch.is_alphabetic()).count() < 3 {
        return None;
    }
    let mut text = place.to_owned();
    let month_day = c.get(2).and_then(|m| parse_month_day(m.as_str()));
    if let Some(m) = c.get(2) {
        text = format!("{text}, {}", m.as_str());
    }
    let agency = c.get(3).map(|m| m.as_str().trim().to_owned());
    if let Some(a) = &agency {
        text = format!("{text} ({a})");
    }
    Some(Dateline {
        text,
        len: c[0].len(),
        agency,
        date: None,
        month_day,
    })
}

fn parse_month_day(text: &str) -> Option<(u32, u32)> {
    let mut words = text.split_whitespace();
    let month = crate::dates::month_number(words.next()?)?;
    let day = words.next()?.parse().ok()?;
    Some((month, day))
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
