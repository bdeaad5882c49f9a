//! Origins: the articles that go back to one piece of original reporting.
//!
//! Articles join through `duplicate` and `copy` relations, and through a `partial` one when at
//! least [`PARTIAL_JOINS`] of the copy comes from that source. Quotation never joins: two outlets
//! quoting one Kremlin statement are two origins. The number of distinct origins among a set of
//! articles is what newsfold calls *independent*.

use std::collections::BTreeMap;

use newsfold_core::{Article, Origin, Reuse, ReuseKind, UnionFind, short_hash};

/// Coverage from which a `partial` relation still joins the copy to its source's origin.
pub const PARTIAL_JOINS: f64 = 0.5;

/// Group `articles` into origins using `reuse`. Every article belongs to exactly one origin;
/// the result is sorted by origin id and each member list by article id.
pub fn origins(articles: &[Article], reuse: &[Reuse]) -> Vec<Origin> {
    let index: BTreeMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut groups = UnionFind::new(articles.len());
    let joins = |r: &Reuse| {
        r.kind.is_copying() || (r.kind == ReuseKind::Partial && r.coverage >= PARTIAL_JOINS)
    };
    let mut is_copy = vec![false; articles.len()];
    for r in reuse.iter().filter(|r| joins(r)) {
        let (Some(&s), Some(&c)) = (index.get(r.source.as_str()), index.get(r.copy.as_str()))
        else {
            continue;
        };
        is_copy[c] = true;
        groups.join(s, c);
    }
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..articles.len() {
        members.entry(groups.find(i)).or_default().push(i);
    }
    let mut out: Vec<Origin> = members
        .into_values()
        .map(|members| {
            // The root is a member that copies no one in the group: earliest, then smallest id.
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
