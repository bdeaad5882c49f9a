//! Origins: the articles that go back to one piece of original reporting.
//!
//! Articles join through `duplicate` and `copy` relations only. A `partial` relation (a rewrite
//! that took a paragraph, a roundup that pasted a brief, a mixture of several sources) never
//! joins: what the copy took is given its source's origin sentence by sentence
//! ([`crate::taken`]), and the rest is the copy's own reporting. Quotation never joins: two
//! outlets quoting one Kremlin statement are two origins. The number of distinct origins among a set of
//! articles is what newsfold calls *independent*.

use std::collections::BTreeMap;

use newsfold_core::{Article, Origin, Reuse, UnionFind, short_hash};

/// Group `articles` into origins using `reuse`. Every article belongs to exactly one origin;
/// the result is sorted by origin id and each member list by article id.
pub fn origins(articles: &[Article], reuse: &[Reuse]) -> Vec<Origin> {
    let index: BTreeMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut groups = UnionFind::new(articles.len());
    let joins = |r: &Reuse| r.kind.is_copying();
    let mut is_copy = vec![false; articles.len()];
    for r in reuse.iter().filter(|r| joins(r)) {
        let (Some(&s), Some(&c)) = (index.get(r.source.as_str()), index.get(r.copy.as_str()))
        else {
            continue;
        };
        // A relation whose direction is undetermined names no copy.
        is_copy[c] |= r.direction != crate::UNDETERMINED;
        groups.join(s, c);
    }
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..articles.len() {
        members.entry(groups.find(i)).or_default().push(i);
    }
    let mut out: Vec<Origin> = members
        .into_values()
        .map(|members| {
            // The root is a member not known to copy anyone in the group: earliest, then
            // smallest id.
            let root = members
                .iter()
                .copied()
                .min_by(|&x, &y| {
                    let key = |i: usize| {
                        (
                            is_copy[i],
                            articles[i].published.is_none(),
                            articles[i].published.clone(),
                            articles[i].id.clone(),
                        )
                    };
                    key(x).cmp(&key(y))
                })
                .unwrap_or(members[0]);
            let mut ids: Vec<String> = members.iter().map(|&i| articles[i].id.clone()).collect();
            ids.sort();
            Origin {
                id: format!("o-{}", short_hash(&articles[root].id)),
                root: articles[root].id.clone(),
                articles: ids,
            }
        })
        .collect();
    out.sort_by(|x, y| x.id.cmp(&y.id));
    out
}

#[cfg(test)]
mod tests {
    use newsfold_core::{Article, Reuse, ReuseKind};

    use super::origins;

    fn article(id: &str, published: Option<&str>) -> Article {
        Article {
            id: id.into(),
            published: published.map(Into::into),
            ..Article::default()
        }
    }

    fn duplicate(source: &str, copy: &str, direction: &str) -> Reuse {
        Reuse {
            source: source.into(),
            copy: copy.into(),
            kind: ReuseKind::Duplicate,
            coverage: 1.0,
            direction: direction.into(),
            passages: Vec::new(),
        }
    }

    #[test]
    fn an_undetermined_relation_does_not_choose_the_root() {
        // `a` is written as the source only because its id is smaller; `b` is dated.
        let articles = [article("a", None), article("b", Some("2026-08-07"))];
        let found = origins(&articles, &[duplicate("a", "b", "undetermined")]);
        assert_eq!((found.len(), found[0].root.as_str()), (1, "b"));
        let found = origins(&articles, &[duplicate("a", "b", "containment")]);
        assert_eq!((found.len(), found[0].root.as_str()), (1, "a"));
    }

    #[test]
    fn a_partial_relation_never_joins_however_much_it_covers() {
        // A mixture that took 70% of its text from one wire story and the rest from others is
        // not that story's reporting: its sentences from the wire carry the wire's origin.
        let articles = [article("wire", None), article("mixture", None)];
        let partial = Reuse {
            kind: ReuseKind::Partial,
            coverage: 0.7,
            ..duplicate("wire", "mixture", "earlier date")
        };
        assert_eq!(origins(&articles, &[partial]).len(), 2);
        let copy = Reuse {
            kind: ReuseKind::Copy,
            coverage: 0.7,
            ..duplicate("wire", "mixture", "earlier date")
        };
        assert_eq!(origins(&articles, &[copy]).len(), 1);
    }
}
