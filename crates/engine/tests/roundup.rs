//! A roundup in a fold: a business page that pastes three wire briefs whole (a rate decision, a
//! plant closure, a port strike) beside two outlets that report two of the events themselves
//! (`testdata/roundup.jsonl`). The roundup must not bridge the three events, join the three
//! wires' origins, or count as a second confirmation of what it pasted.

use newsfold_core::{Cited, Fold, Story};
use newsfold_engine::{Options, Quiet, fold};

fn folded() -> Fold {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/roundup.jsonl");
    fold(&[path.to_owned()], &Options::default(), &Quiet)
}

fn story_of<'f>(fold: &'f Fold, wire: &str) -> &'f Story {
    fold.stories
        .iter()
        .find(|s| s.articles.iter().any(|a| a == wire))
        .unwrap_or_else(|| panic!("{wire} is in no story"))
}

#[test]
fn three_events_stay_three_stories_and_the_roundup_is_listed_with_each() {
    let fold = folded();
    assert_eq!(fold.stories.len(), 3, "{:#?}", fold.stories);
    let wires = ["npa-rates", "npa-torvik", "npa-caldmouth"];
    let stories: Vec<&Story> = wires.iter().map(|w| story_of(&fold, w)).collect();
    assert_ne!(stories[0].id, stories[1].id);
    assert_ne!(stories[1].id, stories[2].id);
    assert_ne!(stories[0].id, stories[2].id);
    // The roundup is a member of one story (its largest part: the strike, five sentences)
    // and listed as a roundup in the two others.
    let roundup = "courier-business-roundup";
    let home = story_of(&fold, roundup);
    assert!(home.articles.iter().any(|a| a == "npa-caldmouth"));
    for s in &stories {
        let member = s.articles.iter().any(|a| a == roundup);
        let listed = s.roundups.iter().any(|a| a == roundup);
        assert!(
            member != listed,
            "{}: member {member}, listed {listed}",
            s.id
        );
    }
    // Its headline is the strike's, not the roundup's title.
    assert_eq!(
        home.headline.as_deref(),
        Some("Caldmouth dockworkers strike over automation plans")
    );
}

#[test]
fn a_compilation_joins_no_origins() {
    let fold = folded();
    let origin_of = |id: &str| {
        fold.origins
            .iter()
            .find(|o| o.articles.iter().any(|a| a == id))
            .map(|o| o.id.clone())
    };
    let wires: Vec<_> = ["npa-rates", "npa-torvik", "npa-caldmouth"]
        .iter()
        .map(|w| origin_of(w))
        .collect();
    assert!(wires[0] != wires[1] && wires[1] != wires[2] && wires[0] != wires[2]);
    let roundup = origin_of("courier-business-roundup");
    assert!(
        !wires.contains(&roundup),
        "the roundup joined a wire's origin"
    );
    // Every sentence it pasted goes back to its wire.
    let article = fold
        .articles
        .iter()
        .find(|a| a.id == "courier-business-roundup")
        .expect("the roundup");
    assert_eq!(article.taken.len(), 13, "{:#?}", article.taken);
}

#[test]
fn pasted_sentences_count_once_and_twice_where_an_outlet_reports_them_itself() {
    let fold = folded();
    let all = |s: &Story| -> Vec<Cited> {
        s.brief
            .iter()
            .chain(&s.facts)
            .chain(&s.only_in)
            .cloned()
            .collect()
    };
    // The strike: the wire and the roundup that pasted it, nobody else: one origin each.
    let strike = story_of(&fold, "npa-caldmouth");
    assert_eq!(
        strike.independent, 1,
        "the roundup's headings report nothing"
    );
    assert!(!strike.brief.is_empty());
    for c in all(strike) {
        assert_eq!(c.independent, 1, "{c:?}");
    }
    // The rate decision: Meridian Review states the wire's lead in its own words.
    let rates = story_of(&fold, "npa-rates");
    assert_eq!(rates.independent, 2);
    let lead = rates
        .facts
        .iter()
        .find(|c| c.sources.iter().any(|s| s == "npa-rates"))
        .expect("the rate decision is a shared fact");
    assert_eq!(lead.independent, 2);
    assert!(lead.sources.iter().any(|s| s == "meridian-rates"));
    // Nothing the roundup pasted into other stories is cited where it is only listed.
    for s in [rates, story_of(&fold, "npa-torvik")] {
        for c in all(s) {
            assert!(!c.sources.iter().any(|a| a == "courier-business-roundup"));
        }
    }
}
