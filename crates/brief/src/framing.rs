//! Framing: the words outlets choose for the same thing.
//!
//! One outlet writes "invasion", another "special military operation"; one "Kyiv", another
//! "Kiev". Which word an outlet picks for a contested thing says how it frames the story, and
//! readers comparing coverage want it side by side. Which words name the same thing cannot be
//! learnt from one story, so a lexicon ([`LEXICON`]) lists contested things and their wordings,
//! each wording as phrases matched on word boundaries, without regard to case. A thing is
//! reported for a story when its articles use at least two of its wordings.

use std::collections::BTreeSet;

use newsfold_core::{Article, Framing, Wording};

/// A wording: its name and the phrases that use it. A phrase ending in `~` must be followed,
/// within three words, by a word starting with what comes after the `~` (`unlawful~sanction`
/// matches "unlawful Western sanctions").
type Term = (&'static str, &'static [&'static str]);

/// Contested things and their wordings.
pub const LEXICON: &[(&str, &[Term])] = &[
    (
        "Russia's military action in Ukraine",
        &[
            ("invasion", &["invasion", "invaded", "invade", "invading"]),
            (
                "military operation",
                &["special military operation", "military operation"],
            ),
            (
                "war",
                &[
                    "war in ukraine",
                    "war on ukraine",
                    "war against ukraine",
                    "ukraine war",
                ],
            ),
        ],
    ),
    (
        "the capital of Ukraine",
        &[("Kyiv", &["kyiv"]), ("Kiev", &["kiev"])],
    ),
    (
        "Western sanctions",
        &[
            ("unlawful", &["unlawful~sanction"]),
            ("illegitimate", &["illegitimate~sanction"]),
            ("illegal", &["illegal~sanction"]),
            ("unilateral", &["unilateral~sanction"]),
        ],
    ),
    (
        "Myanmar",
        &[("Myanmar", &["myanmar"]), ("Burma", &["burma"])],
    ),
    (
        "the Islamic State group",
        &[
            ("Islamic State", &["islamic state"]),
            ("ISIS", &["isis"]),
            ("ISIL", &["isil"]),
            ("Daesh", &["daesh"]),
        ],
    ),
    (
        "armed groups",
        &[
            ("terrorists", &["terrorists", "terrorist group"]),
            ("militants", &["militants", "militant group"]),
            ("rebels", &["rebels", "rebel group"]),
            ("insurgents", &["insurgents"]),
        ],
    ),
    (
        "the gulf off Iran",
        &[
            ("Persian Gulf", &["persian gulf"]),
            ("Arabian Gulf", &["arabian gulf"]),
        ],
    ),
    (
        "the gulf off Mexico",
        &[
            ("Gulf of Mexico", &["gulf of mexico"]),
            ("Gulf of America", &["gulf of america"]),
        ],
    ),
    (
        "migrants without papers",
        &[
            (
                "illegal immigrants",
                &["illegal immigrants", "illegal aliens", "illegal migrants"],
            ),
            (
                "undocumented",
                &["undocumented immigrants", "undocumented migrants"],
            ),
        ],
    ),
    (
        "the tax on estates",
        &[
            ("estate tax", &["estate tax"]),
            ("death tax", &["death tax"]),
        ],
    ),
    (
        "the territories",
        &[
            ("occupied territories", &["occupied territories"]),
            ("disputed territories", &["disputed territories"]),
        ],
    ),
];

/// True when `phrase` (lower case, `~` as in [`Term`]) occurs in `lower` (the lower-cased text).
fn uses(lower: &str, phrase: &str) -> bool {
    let (head, near) = match phrase.split_once('~') {
        Some((head, near)) => (head, Some(near)),
        None => (phrase, None),
    };
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let mut from = 0;
    while let Some(at) = lower[from..].find(head) {
        let start = from + at;
        let end = start + head.len();
        from = start + head.len().max(1);
        if !boundary(lower[..start].chars().next_back()) || !boundary(lower[end..].chars().next()) {
            continue;
        }
        match near {
            None => return true,
            Some(near) => {
                let follows = lower[end..]
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .take(3)
                    .any(|w| w.starts_with(near));
                if follows {
                    return true;
                }
            }
        }
    }
    false
}

/// The contested things of a story that its articles name in more than one way.
pub fn framing(articles: &[&Article]) -> Vec<Framing> {
    let lower: Vec<String> = articles
        .iter()
        .map(|a| {
            let mut text = a.title.clone().unwrap_or_default();
            text.push('\n');
            text.push_str(&a.text);
            text.to_lowercase()
        })
        .collect();
    let mut out = Vec::new();
    for &(referent, terms) in LEXICON {
        let mut wordings: Vec<Wording> = terms
            .iter()
            .filter_map(|&(term, phrases)| {
                let users: Vec<&Article> = articles
                    .iter()
                    .zip(&lower)
                    .filter(|(_, text)| phrases.iter().any(|p| uses(text, p)))
                    .map(|(a, _)| *a)
                    .collect();
                if users.is_empty() {
                    return None;
                }
                let mut ids: Vec<String> = users.iter().map(|a| a.id.clone()).collect();
                ids.sort();
                let outlets: BTreeSet<String> =
                    users.iter().filter_map(|a| a.outlet.clone()).collect();
                Some(Wording {
                    term: term.to_owned(),
                    articles: ids,
                    outlets: outlets.into_iter().collect(),
                })
            })
            .collect();
        if wordings.len() >= 2 {
            wordings.sort_by(|a, b| {
                b.articles
                    .len()
                    .cmp(&a.articles.len())
                    .then(a.term.cmp(&b.term))
            });
            out.push(Framing {
                referent: referent.to_owned(),
                wordings,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{framing, uses};
    use newsfold_core::Article;

    #[test]
    fn phrases_match_on_word_boundaries_and_near_words() {
        assert!(uses(
            "a special military operation began",
            "military operation"
        ));
        assert!(!uses("kievan rus", "kiev"));
        assert!(uses("\"unlawful\" western sanctions", "unlawful~sanction"));
        assert!(!uses(
            "unlawful arrest of a sanctioned man",
            "unlawful~sanction"
        ));
    }

    #[test]
    fn two_wordings_of_one_thing_are_shown_with_their_articles() {
        let article = |id: &str, outlet: &str, text: &str| Article {
            id: id.into(),
            outlet: Some(outlet.into()),
            text: text.into(),
            ..Article::default()
        };
        let a = article(
            "a",
            "Daily Meridian",
            "Troops crossed the border in the invasion of Ukraine.",
        );
        let b = article(
            "b",
            "Harbour Times",
            "The special military operation continued, Moscow said.",
        );
        let c = article("c", "Harbour Times", "Kyiv said the invasion had stalled.");
        let got = framing(&[&a, &b, &c]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].wordings[0].term, "invasion");
        assert_eq!(got[0].wordings[0].articles, ["a", "c"]);
        assert_eq!(got[0].wordings[1].term, "military operation");
        assert_eq!(got[0].wordings[1].outlets, ["Harbour Times"]);
    }
}
