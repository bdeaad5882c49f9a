//! Runs the table in `testdata/direction.toml` through the real path: each case's two raw
//! articles are cleaned (`newsfold_text::clean`, which finds datelines, credits and syndication
//! notices as it does in a fold), fingerprinted and compared (`newsfold_reuse::compare`), both
//! ways round. The source, the rule that decided it and, where the table gives one, the kind
//! must match, and must not depend on which article is compared first. Every failing case is
//! listed. Add a case there, not a test here.

use newsfold_core::{Article, Raw, RawBody, RawFields, Reuse};
use newsfold_reuse::{Index, Thresholds, compare, fingerprint};
use serde::Deserialize;

#[derive(Deserialize)]
struct Table {
    test: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    why: String,
    a: Given,
    b: Given,
    /// `a` or `b`; for an undetermined relation, the article written as its source.
    source: String,
    direction: String,
    kind: Option<String>,
}

/// One article as an outlet publishes it. `credits` and `syndicated` are what cleaning must find
/// in the text (none and false when absent), so a case's evidence is all in view.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Given {
    outlet: String,
    published: Option<String>,
    #[serde(default)]
    credits: Vec<String>,
    #[serde(default)]
    syndicated: bool,
    text: String,
}

/// The article cleaning makes of `given`, with the id `id`; an error when its credits,
/// syndication notice or date are not the ones the table states.
fn article(id: &str, given: &Given) -> Result<Article, String> {
    let raw = Raw {
        path: format!("{id}.txt"),
        record: None,
        index: 0,
        body: RawBody::Text(given.text.clone()),
        fields: RawFields {
            id: Some(id.to_owned()),
            outlet: Some(given.outlet.clone()),
            published: given.published.clone(),
            ..RawFields::default()
        },
    };
    let mut article = newsfold_text::clean(&raw);
    article.id = id.to_owned();
    let found = (&article.credits, article.syndicated, &article.published);
    if found != (&given.credits, given.syndicated, &given.published) {
        return Err(format!(
            "article {id}: cleaning found credits {:?}, syndicated {}, published {:?}",
            found.0, found.1, found.2
        ));
    }
    Ok(article)
}

/// `compare` with `first` indexed, as `detect` calls it: the relation, and the share of the
/// source covered.
fn relation(first: &Article, second: &Article) -> Option<(Reuse, f64)> {
    let f1 = fingerprint(&first.text, &first.sentences);
    let f2 = fingerprint(&second.text, &second.sentences);
    compare(
        first,
        (&f1, &Index::new(&f1)),
        second,
        &f2,
        &Thresholds::default(),
    )
}

/// What a case checks of a relation: source, direction, kind.
fn verdict(r: &Reuse) -> (String, String, String) {
    (
        r.source.clone(),
        r.direction.clone(),
        r.kind.as_str().to_owned(),
    )
}

fn check(case: &Case) -> Result<(), String> {
    let a = article("a", &case.a)?;
    let b = article("b", &case.b)?;
    let (ab, source_coverage) = relation(&a, &b).ok_or("a and b share nothing worth reporting")?;
    let (ba, _) = relation(&b, &a).ok_or("b and a share nothing worth reporting")?;
    if verdict(&ab) != verdict(&ba) {
        return Err(format!(
            "the answer depends on the order: a first {:?}, b first {:?}",
            verdict(&ab),
            verdict(&ba)
        ));
    }
    let (source, direction, kind) = verdict(&ab);
    let want_kind = case.kind.clone().unwrap_or_else(|| kind.clone());
    if (&source, &direction, &kind) != (&case.source, &case.direction, &want_kind) {
        return Err(format!(
            "got source {source}, {direction:?}, {kind}; want source {}, {:?}, {want_kind} \
             (coverage of the source {source_coverage:.3}, of the copy {})",
            case.source, case.direction, ab.coverage
        ));
    }
    Ok(())
}

#[test]
fn direction_table() {
    let table: Table = toml::from_str(include_str!("../testdata/direction.toml"))
        .expect("testdata/direction.toml parses");
    assert!(table.test.len() >= 20, "the table keeps at least 20 cases");
    let mut names = std::collections::BTreeSet::new();
    let mut failed = Vec::new();
    for case in &table.test {
        assert!(
            names.insert(&case.name),
            "duplicate case name {:?}",
            case.name
        );
        assert!(!case.why.trim().is_empty(), "case {:?} says why", case.name);
        if let Err(e) = check(case) {
            failed.push(format!("case {:?}: {e}", case.name));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} cases failed:\n{}",
        failed.len(),
        table.test.len(),
        failed.join("\n")
    );
}
