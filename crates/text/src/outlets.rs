//! Outlet identity: one outlet however it is named, by host, by name or by the abbreviation
//! of its own datelines and credits.
//!
//! A fold sees "RBN", "Riverbend Broadcasting Network" and `rbn.example` as three strings;
//! they are one newsroom, and outlet lists and counts must say so. This stage works in the
//! shape of [`crate::recurring`]: each article is reduced to an [`OutletNames`] digest (the
//! names it gives for its *own* outlet: the outlet it was cleaned with and its URL's host), and
//! [`outlet_identities`] joins the names of all digests by general rules, with one
//! union-find over the distinct names:
//!
//! - the names one article gives are one outlet (its record field and its URL host, and a
//!   credit its own host spells: a wire crediting itself on its own site);
//! - a host's registrable label equal to a name's letters (`continentalwire.example` and
//!   "Continental Wire", `rbn.example` and "RBN"), ignoring case, spaces and a leading "The",
//!   or some of its words run together (`saltmereherald` and "Saltmere Daily Herald") when
//!   only one name of the fold is spelled so;
//!   `www.`, `m.` and `amp.` hosts are the bare host;
//! - an abbreviation (one word of two to six letters written all in capitals or all in small
//!   letters, or a short host label) equal to the initials of a name of several words ("RBN"
//!   and "Riverbend Broadcasting Network", "dpa" and "Deutsche Presse-Agentur"), but only when
//!   exactly one outlet of the fold has those initials: two outlets with the same initials
//!   are never joined by them, and neither is the abbreviation.
//!
//! The credits and dateline agency of a syndicated article name its *source*, not its outlet,
//! and never enter a digest: the clean stage makes a dateline or credited agency the outlet
//! only when nothing else names one, and then it is the outlet. Each identity gets one display
//! name ([`display_name`]); [`name_outlets`] sets every article's outlet to it, keeping the
//! name the article gave in its provenance ([`AS_NAMED`]), so naming again later (a fold
//! extended with more articles) starts from the names as given. The result depends neither on
//! the order of the digests nor on threads: names are numbered in sorted order and the
//! union-find's roots are its smallest members.

use std::collections::{BTreeMap, HashMap};

use newsfold_core::{Article, Provenance, UnionFind};

/// The provenance field that keeps the outlet name an article gave when its outlet was renamed
/// to its identity's display name; its `source` is that name.
pub const AS_NAMED: &str = newsfold_core::OUTLET_AS_NAMED;

/// Longest abbreviation, in letters: the agencies of the world abbreviate in two to five
/// letters (AP, AFP, dpa, ANSA, PTI, Xinhua's XNA); six leaves room for a broadcaster's call
/// letters.
const MAX_ABBREVIATION: usize = 6;

/// Second-level labels under a country code that are not the outlet's own (`bbc.co.uk`,
/// `smh.com.au`, `asahi.co.jp`): the label before them is the registrable one.
const SECOND_LEVEL: &[&str] = &["co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"];

/// Host prefixes that name the same site (`www.`, mobile and AMP editions).
const SAME_SITE_PREFIXES: &[&str] = &["www.", "m.", "mobile.", "amp."];

/// Words left out of a name's initials: "Agence France-Presse" is AFP, "The Times of Ostvale"
/// is TO.
const NOT_INITIALLED: &[&str] = &[
    "the", "of", "and", "for", "de", "la", "le", "du", "der", "&",
];

/// The names one article gives for its own outlet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutletNames {
    /// The outlet the article names first (as it gave it), `None` when it names none.
    primary: Option<String>,
    /// Every name, the primary first: the outlet as given, as renamed, the URL's host.
    names: Vec<String>,
}

impl OutletNames {
    /// The digest of `article`: its outlet as it gave it (the [`AS_NAMED`] provenance, else
    /// the outlet), its outlet as it is now, and its URL's host.
    pub fn of(article: &Article) -> OutletNames {
        let primary = article.outlet_as_given().map(str::to_owned);
        let mut names: Vec<String> = [primary.clone(), article.outlet.clone()]
            .into_iter()
            .flatten()
            .collect();
        if primary.is_some()
            && let Some(host) = article.url.as_deref().and_then(url_host)
        {
            // A credit its own host spells is the outlet's own name, never another's.
            for credit in &article.credits {
                if host_spells(&host, credit) {
                    names.push(credit.clone());
                }
            }
            names.push(host);
        }
        names.retain(|n| has_letters(n));
        names.dedup();
        let primary = primary.filter(|p| has_letters(p));
        OutletNames { primary, names }
    }

    /// A digest from names given directly, the first being the article's outlet (for tests and
    /// runners that hold no articles).
    pub fn from_names<S: AsRef<str>>(names: &[S]) -> OutletNames {
        let names: Vec<String> = names
            .iter()
            .map(|n| n.as_ref().trim().to_owned())
            .filter(|n| has_letters(n))
            .collect();
        OutletNames {
            primary: names.first().cloned(),
            names,
        }
    }
}

/// A name with at least one letter or digit: anything else names nothing.
fn has_letters(name: &str) -> bool {
    name.chars().any(char::is_alphanumeric)
}

/// How a name is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Shape {
    /// A host: `rbn.example`.
    Host,
    /// An abbreviation: `RBN`, `dpa`.
    Abbreviation,
    /// A proper name: `Riverbend Broadcasting Network`, `Reuters`.
    Proper,
}

fn shape(name: &str) -> Shape {
    if is_host(name) {
        Shape::Host
    } else if is_abbreviation(name) {
        Shape::Abbreviation
    } else {
        Shape::Proper
    }
}

/// A host name: one word with a dot, of letters, digits, dots and hyphens.
fn is_host(name: &str) -> bool {
    let name = name.trim();
    name.contains('.')
        && !name.starts_with('.')
        && !name.ends_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && name.chars().any(|c| c.is_ascii_alphabetic())
}

/// One word of two to [`MAX_ABBREVIATION`] letters, all capitals (`RBN`, `AFP`) or all small
/// letters (`dpa`).
fn is_abbreviation(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| !matches!(c, '.' | '-')).collect();
    (2..=MAX_ABBREVIATION).contains(&letters.len())
        && letters.iter().all(|c| c.is_alphabetic())
        && (letters.iter().all(|c| c.is_uppercase()) || letters.iter().all(|c| c.is_lowercase()))
}

/// The host of a URL (or a bare host), lowercased, without `www.`, `m.` or `amp.`.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    let host = bare_host(&host);
    is_host(host).then(|| host.to_owned())
}

fn bare_host(host: &str) -> &str {
    let mut host = host.trim().trim_end_matches('.');
    while let Some(rest) = SAME_SITE_PREFIXES
        .iter()
        .find_map(|p| host.strip_prefix(p))
        .filter(|rest| rest.contains('.'))
    {
        host = rest;
    }
    host
}

/// The registrable label of a host: `news.bbc.co.uk` → `bbc`, `rbn.example` → `rbn`.
fn host_label(host: &str) -> &str {
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    let second_level = n >= 3 && labels[n - 1].len() == 2 && SECOND_LEVEL.contains(&labels[n - 2]);
    match (n, second_level) {
        (_, true) => labels[n - 3],
        (0 | 1, _) => host,
        _ => labels[n - 2],
    }
}

/// A name's letters and digits, lowercased, without a leading "The": the key under which
/// "The Guardian", "guardian" and "GUARDIAN " are one name.
fn letters(name: &str) -> String {
    let squashed: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    match squashed.strip_prefix("the") {
        Some(rest) if rest.len() >= 3 => rest.to_owned(),
        _ => squashed,
    }
}

/// The initials of a name of two words or more (hyphenated words count apart), lowercased;
/// `None` for one word.
fn initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && !NOT_INITIALLED.contains(&w.to_lowercase().as_str()))
        .collect();
    (words.len() >= 2).then(|| {
        words
            .iter()
            .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
            .flat_map(char::to_lowercase)
            .collect()
    })
}

/// A name as a node of the join: hosts by their bare host, other names by their letters.
fn key(name: &str) -> String {
    if is_host(name) {
        format!("host:{}", bare_host(&name.to_ascii_lowercase()))
    } else {
        format!("name:{}", letters(name))
    }
}

/// A name's words, lowercased letters and digits only, without a leading "The".
fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words
}

/// True when `label` is some of `name`'s words run together, in order, its first word among
/// them and at least two in all: `saltmereherald` spells "Saltmere Daily Herald".
fn spells_in_part(label: &str, name: &str) -> bool {
    fn rest(label: &str, words: &[String], used: usize) -> bool {
        if label.is_empty() {
            return used >= 2;
        }
        words.iter().enumerate().any(|(k, w)| {
            label
                .strip_prefix(w.as_str())
                .is_some_and(|after| rest(after, &words[k + 1..], used + 1))
        })
    }
    let words = name_words(name);
    match words.split_first() {
        Some((first, others)) if others.len() <= 8 => label
            .strip_prefix(first.as_str())
            .is_some_and(|after| rest(after, others, 1)),
        _ => false,
    }
}

/// True when the host's label spells `name`: its letters, its initials, or some of its words
/// run together ([`spells_in_part`]). A credit the article's own host spells is the outlet's
/// own name (a wire crediting itself on its own site).
fn host_spells(host: &str, name: &str) -> bool {
    let label = letters(host_label(host));
    label == letters(name)
        || initials(name).is_some_and(|i| i.len() >= 2 && i == label)
        || spells_in_part(&label, name)
}

/// Everything the fold says about one name key.
#[derive(Default)]
struct Node {
    /// Each written form and how many articles give it.
    written: BTreeMap<String, usize>,
}

/// The display name of each digest's outlet identity (`None` when the article names no
/// outlet), in the digests' order.
pub fn outlet_identities(digests: &[OutletNames]) -> Vec<Option<String>> {
    // Number the distinct keys in sorted order, so the joins do not depend on digest order.
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    for d in digests {
        for name in &d.names {
            let written = collapse(name);
            *nodes
                .entry(key(&written))
                .or_default()
                .written
                .entry(written)
                .or_default() += 1;
        }
    }
    let keys: Vec<&String> = nodes.keys().collect();
    let index: HashMap<&str, usize> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let at = |name: &str| index[key(&collapse(name)).as_str()];
    let mut sets = UnionFind::new(keys.len());

    // The names one article gives are one outlet.
    for d in digests {
        let mut names = d.names.iter();
        if let Some(first) = names.next() {
            for other in names {
                sets.join(at(first), at(other));
            }
        }
    }
    // A host's label spelled as a name: whole, else from some of its words when only one
    // name of the fold can be spelled so.
    let mut by_first_word: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        for written in nodes[k.as_str()].written.keys() {
            if let Some(first) = name_words(written).first() {
                by_first_word.entry(first.clone()).or_default().push(i);
            }
        }
    }
    for (i, k) in keys.iter().enumerate() {
        let Some(host) = k.strip_prefix("host:") else {
            continue;
        };
        let label = letters(host_label(host));
        if let Some(&j) = index.get(format!("name:{label}").as_str()) {
            sets.join(i, j);
            continue;
        }
        let mut spelled: Vec<usize> = (1..label.len())
            .filter(|&end| label.is_char_boundary(end))
            .filter_map(|end| by_first_word.get(&label[..end]))
            .flatten()
            .copied()
            .filter(|&j| {
                nodes[keys[j].as_str()]
                    .written
                    .keys()
                    .any(|w| spells_in_part(&label, w))
            })
            .collect();
        spelled.sort_unstable();
        spelled.dedup();
        if let [only] = spelled.as_slice() {
            sets.join(i, *only);
        }
    }
    join_abbreviations(&keys, &nodes, &mut sets);

    let mut display: HashMap<usize, String> = HashMap::new();
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..keys.len() {
        members.entry(sets.find(i)).or_default().push(i);
    }
    for (root, group) in members {
        let written = group.iter().flat_map(|&i| &nodes[keys[i]].written);
        display.insert(root, display_name(written));
    }
    digests
        .iter()
        .map(|d| {
            d.primary
                .as_deref()
                .map(|p| display[&sets.find(at(p))].clone())
        })
        .collect()
}

/// Join each abbreviation (or short host label) to the one outlet whose name has it as
/// initials, when exactly one outlet of the fold does.
fn join_abbreviations(keys: &[&String], nodes: &BTreeMap<String, Node>, sets: &mut UnionFind) {
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        for written in nodes[k.as_str()].written.keys() {
            if shape(written) == Shape::Proper
                && let Some(initials) = initials(written).filter(|s| s.len() >= 2)
            {
                by_initials.entry(initials).or_default().push(i);
            }
        }
    }
    let mut short: Vec<(usize, String)> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(host) = k.strip_prefix("host:") {
            let label = host_label(host);
            if is_abbreviation(label) {
                short.push((i, label.to_owned()));
            }
        } else if nodes[k.as_str()]
            .written
            .keys()
            .any(|w| shape(w) == Shape::Abbreviation)
        {
            short.push((i, k["name:".len()..].to_owned()));
        }
    }
    for (i, abbreviation) in short {
        let Some(full) = by_initials.get(&abbreviation) else {
            continue;
        };
        let mut roots: Vec<usize> = full.iter().map(|&f| sets.find(f)).collect();
        roots.sort_unstable();
        roots.dedup();
        if let [only] = roots.as_slice() {
            sets.join(i, *only);
        }
    }
}

/// A name as it is shown: spaces collapsed and ends trimmed; a host bare and lowercased.
fn collapse(name: &str) -> String {
    if is_host(name) {
        return bare_host(&name.to_ascii_lowercase()).to_owned();
    }
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The display name of an identity from its written forms and how many articles give each:
/// a proper name before an abbreviation before a host; a name with small letters before one in
/// capitals only (`Reuters`, not `REUTERS`); then the most used, then
/// the one of most words ("Riverbend Broadcasting Network" over "Riverbend"), then the
/// longest, then the first in byte order; a host only when nothing else is known.
pub fn display_name<'a>(written: impl IntoIterator<Item = (&'a String, &'a usize)>) -> String {
    written
        .into_iter()
        .max_by(|(a, x), (b, y)| {
            let rank = |name: &str, uses: usize| {
                (
                    shape(name),
                    name.chars().any(char::is_lowercase),
                    uses,
                    name.split_whitespace().count(),
                    name.len(),
                )
            };
            rank(a, **x).cmp(&rank(b, **y)).then_with(|| b.cmp(a))
        })
        .map(|(name, _)| name.clone())
        .unwrap_or_default()
}

/// Set each article's outlet to the display name of its identity, keeping the name it gave
/// under [`AS_NAMED`] when they differ. Runs over a whole fold.
pub fn name_outlets(articles: &mut [Article]) {
    let digests: Vec<OutletNames> = articles.iter().map(OutletNames::of).collect();
    let names = outlet_identities(&digests);
    for (article, name) in articles.iter_mut().zip(names) {
        rename(article, name);
    }
}

/// Give `article` the outlet `name` (its identity's display name), keeping the name it gave.
pub fn rename(article: &mut Article, name: Option<String>) {
    let Some(name) = name else { return };
    if article.outlet.as_deref() == Some(name.as_str()) {
        return;
    }
    if let Some(given) = article.outlet.take()
        && !article.provenance.iter().any(|p| p.field == AS_NAMED)
    {
        // Right after the outlet's own entry, so the provenance reads the same whichever step
        // (a fold, or a store's refold) named the outlet.
        let at = article
            .provenance
            .iter()
            .position(|p| p.field == "outlet")
            .map_or(article.provenance.len(), |i| i + 1);
        article.provenance.insert(
            at,
            Provenance {
                field: AS_NAMED.to_owned(),
                source: given,
            },
        );
    }
    article.outlet = Some(name);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_labels() {
        assert_eq!(shape("rbn.example"), Shape::Host);
        assert_eq!(shape("RBN"), Shape::Abbreviation);
        assert_eq!(shape("dpa"), Shape::Abbreviation);
        assert_eq!(shape("Reuters"), Shape::Proper);
        assert_eq!(host_label("news.bbc.co.uk"), "bbc");
        assert_eq!(host_label("continentalwire.example"), "continentalwire");
        assert_eq!(
            url_host("https://www.m.rbn.example/x").as_deref(),
            Some("rbn.example")
        );
        assert_eq!(initials("Agence France-Presse").as_deref(), Some("afp"));
        assert_eq!(letters("The Guardian"), "guardian");
    }
}
