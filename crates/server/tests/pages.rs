//! Issue 17, defect 11, on the server's pages: an article whose title, outlet and text carry
//! bidi overrides is shown on every page with the overrides neutralised (U+FFFD), and every
//! page carries the Content-Security-Policy and `nosniff`. Issue 18: a post answers the ids it
//! stored and the stories they joined (201, `Location`; 200 when nothing was new); the article
//! page links its story, whom it copied and who copied it, and its URL when a web address;
//! no answer shows a local path; the story list's rows carry a lead, the outlets, a
//! source-mix bar and "updated N ago" (a fixed clock); stories and articles filter by
//! outlet; articles are listed newest first, paged. Issue 19: an article that shares text
//! with another when nothing tells which is the source is listed as sharing text with it, not
//! as copying it.

mod common;

use std::sync::Arc;

use common::{fetch, request, small_limits, start_store, start_with};
use newsfold_server::CONTENT_SECURITY_POLICY;
use serde_json::{Value, json};

/// The explicit bidi controls no page may pass on (U+2068/U+2069 are the renderer's own
/// isolates, balanced by it).
fn bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2067}')
}

#[test]
fn pages_never_pass_on_bidi_overrides() {
    let (addr, _dir) = start_store(small_limits());
    let article = serde_json::json!({
        "title": "Quay works \u{202E}gnitrats",
        "outlet": "Evil\u{202E} Gazette",
        "text": "Workers began repairs on the old quay in Saltmere on Monday, the harbour office \
                 said.\u{202E} The work will take six weeks and cost two million crowns, the \
                 office added.",
    });
    let posted = request(
        addr,
        "POST",
        "/api/articles",
        "application/json",
        article.to_string().as_bytes(),
    );
    assert_eq!(posted.status, 201, "{posted:?}");
    let list = fetch(addr, "/api/stories").json();
    let story = list["stories"][0]["id"]
        .as_str()
        .expect("a story")
        .to_owned();
    let part = fetch(addr, &format!("/api/stories/{story}")).json();
    let id = part["articles"][0]["id"]
        .as_str()
        .expect("an article")
        .to_owned();
    for target in [
        "/".to_owned(),
        format!("/stories/{story}"),
        format!("/articles/{id}"),
    ] {
        let page = fetch(addr, &target);
        assert_eq!(page.status, 200, "{target}: {page:?}");
        assert!(
            page.header("content-type")
                .is_some_and(|t| t.starts_with("text/html")),
            "{target}"
        );
        assert_eq!(
            page.header("content-security-policy"),
            Some(CONTENT_SECURITY_POLICY)
        );
        assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
        assert!(
            !page.body.chars().any(bidi_control),
            "{target} passes on a bidi control"
        );
        assert!(
            page.body.contains('\u{FFFD}'),
            "{target} shows no trace of it"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Issue 18: the answer of a post, the article page, file names, the story list's rows, the
// outlet filter and the article list.

/// A wire report in AP's dateline style (fictional town, river and agency).
fn wire() -> Value {
    json!({
        "id": "cw-flood",
        "title": "Vesna floods cut off Millbrook",
        "outlet": "Continental Wire",
        "url": "https://continentalwire.example/2024/03/18/millbrook-flood",
        "published": "2024-03-18",
        "text": "MILLBROOK, Verdana (CW) — Floodwater from the Vesna River cut off about 1,200 \
                 residents of Millbrook on Monday, and crews evacuated 300 people by boat, the \
                 regional emergency office said.\n\nThe river crested at 6.2 metres overnight, \
                 two metres above flood stage, the office said. Schools in the district will \
                 stay closed until Thursday, officials added.",
    })
}

/// A regional paper running the wire report whole, a day later; its URL is no web address.
fn copy() -> Value {
    let mut copy = wire();
    copy["id"] = json!("rg-flood");
    copy["outlet"] = json!("Riverbend Gazette");
    copy["url"] = json!("javascript:alert(1)");
    copy["published"] = json!("2024-03-19");
    copy
}

/// Another event, another outlet, in a BBC-like style without a dateline.
fn quay() -> Value {
    json!({
        "id": "ht-quay",
        "title": "Saltmere quay repairs begin",
        "outlet": "Harbour Times",
        "published": "2024-03-10",
        "text": "Workers began repairs on the old quay in Saltmere on Sunday, the harbour office \
                 said. The work will take six weeks and cost two million crowns, the office \
                 added, and ferries will berth at the north pier until it is done.",
    })
}

fn post(addr: std::net::SocketAddr, body: &Value) -> common::Answer {
    request(
        addr,
        "POST",
        "/api/articles",
        "application/json",
        body.to_string().as_bytes(),
    )
}

/// 2024-03-21 12:00 UTC, the fixed "now" of these tests.
fn fixed_clock() -> newsfold_server::Clock {
    let now = newsfold_render::unix_seconds("2024-03-21T12:00:00Z").expect("a time");
    Arc::new(move || now)
}

fn start_fixed() -> (std::net::SocketAddr, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = newsfold_store::Store::open(&dir.path().join("news.db")).expect("a store");
    (start_with(store, small_limits(), fixed_clock()), dir)
}

#[test]
fn a_post_answers_the_ids_it_stored_and_the_stories_they_joined() {
    let (addr, _dir) = start_fixed();
    let answer = post(addr, &json!([wire(), copy()]));
    assert_eq!(answer.status, 201, "{answer:?}");
    let body = answer.json();
    assert_eq!(body["added"], 2, "{body}");
    let ids: Vec<&str> = body["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| a["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(ids, ["cw-flood", "rg-flood"], "{body}");
    let story = body["articles"][0]["story"].as_str().expect("a story");
    assert_eq!(body["articles"][1]["story"], story, "{body}");
    assert_eq!(body["stories"], json!([story]), "{body}");
    assert_eq!(
        answer.header("location"),
        Some(format!("/api/stories/{story}").as_str())
    );
    assert_eq!(fetch(addr, &format!("/api/stories/{story}")).status, 200);

    // The same articles again: nothing new, 200, and which stored articles they are.
    let again = post(addr, &json!([wire(), copy()]));
    assert_eq!(again.status, 200, "{again:?}");
    let body = again.json();
    assert_eq!(
        (body["added"].clone(), body["duplicates"].clone()),
        (json!(0), json!(2))
    );
    assert_eq!(body["articles"], json!([]), "{body}");
    assert_eq!(body["duplicate_of"][0]["id"], "cw-flood", "{body}");
    assert_eq!(body["duplicate_of"][0]["story"], story, "{body}");
    assert_eq!(again.header("location"), None);

    // One new article in a story of its own: the story is the Location.
    let one = post(addr, &quay());
    assert_eq!(one.status, 201, "{one:?}");
    let body = one.json();
    let quay_story = body["stories"][0].as_str().expect("a story");
    assert_ne!(quay_story, story);
    assert_eq!(
        one.header("location"),
        Some(format!("/api/stories/{quay_story}").as_str())
    );
}

#[test]
fn the_article_page_shows_its_story_its_copies_and_its_url() {
    let (addr, _dir) = start_fixed();
    assert_eq!(post(addr, &json!([wire(), copy()])).status, 201);
    let story = fetch(addr, "/api/articles/cw-flood");
    assert_eq!(story.status, 200, "{story:?}");
    let part = fetch(addr, "/api/stories?q=vesna").json();
    let story = part["stories"][0]["id"]
        .as_str()
        .expect("a story")
        .to_owned();

    // The story page links each of its articles to its page.
    let page = fetch(addr, &format!("/stories/{story}")).body;
    for id in ["cw-flood", "rg-flood"] {
        assert!(
            page.contains(&format!("<a href=\"/articles/{id}\">{id}</a>")),
            "{id} not linked from the story page"
        );
    }

    let source = fetch(addr, "/articles/cw-flood").body;
    assert!(
        source.contains(&format!("<dt>story</dt><dd><a href=\"/stories/{story}\">")),
        "{source}"
    );
    assert!(
        source.contains(
            "<a href=\"https://continentalwire.example/2024/03/18/millbrook-flood\" \
             rel=\"noopener noreferrer\">"
        ),
        "{source}"
    );
    assert!(
        source.contains(
            "<dt>copied by</dt><dd><a href=\"/articles/rg-flood\">Riverbend Gazette</a> ("
        ),
        "{source}"
    );
    let copy = fetch(addr, "/articles/rg-flood").body;
    assert!(
        copy.contains("<dt>copies</dt><dd><a href=\"/articles/cw-flood\">Continental Wire</a> ("),
        "{copy}"
    );
    // A URL that is no web address is text, never a link.
    assert!(
        copy.contains("<dt>url</dt><dd>javascript:alert(1)</dd>"),
        "{copy}"
    );
    assert!(!copy.contains("href=\"javascript"), "{copy}");
}

#[test]
fn text_shared_with_no_known_direction_is_not_told_as_copying() {
    // Two papers with the same text on the same day, neither crediting anyone: nothing tells
    // which took it from the other.
    let paper = |id: &str, outlet: &str| {
        let mut paper = wire();
        paper["id"] = json!(id);
        paper["outlet"] = json!(outlet);
        paper["url"] = json!(null);
        paper["text"] = json!(
            "Floodwater from the Vesna River cut off about 1,200 residents of Millbrook on \
             Monday, and crews evacuated 300 people by boat, the regional emergency office \
             said.\n\nThe river crested at 6.2 metres overnight, two metres above flood stage, \
             the office said."
        );
        paper
    };
    let (addr, _dir) = start_fixed();
    let papers = json!([
        paper("mm-flood", "Millbrook Mercury"),
        paper("rg-flood", "Riverbend Gazette")
    ]);
    assert_eq!(post(addr, &papers).status, 201);
    let page = fetch(addr, "/articles/rg-flood").body;
    for row in [
        "<dt>copies</dt><dd>none</dd>",
        "<dt>copied by</dt><dd>none</dd>",
        "<dt>shares text with (direction undetermined)</dt><dd><a \
         href=\"/articles/mm-flood\">Millbrook Mercury</a> (duplicate)</dd>",
    ] {
        assert!(page.contains(row), "{row} missing from {page}");
    }
}

#[test]
fn no_answer_or_page_shows_a_local_path() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = newsfold_store::Store::open(&dir.path().join("news.db")).expect("a store");
    let article = newsfold_core::Article {
        id: "local".into(),
        path: "/home/ana/private/feeds/day1.jsonl".into(),
        record: Some("line 2".into()),
        outlet: Some("Harbour Times".into()),
        text: "Workers began repairs on the old quay in Saltmere on Sunday, the harbour office \
               said. The work will take six weeks, the office added."
            .into(),
        ..newsfold_core::Article::default()
    };
    store.add(&[article]).expect("stored");
    let fold = newsfold_engine::refold(
        store.fold().expect("a fold"),
        &[],
        &newsfold_engine::Options::default(),
        &newsfold_engine::Quiet,
    );
    store.save_fold(&fold).expect("saved");
    let addr = start_with(store, small_limits(), fixed_clock());
    let story = fetch(addr, "/api/stories").json()["stories"][0]["id"]
        .as_str()
        .expect("a story")
        .to_owned();
    for target in [
        "/api/articles/local".to_owned(),
        "/api/articles".to_owned(),
        format!("/api/stories/{story}"),
        "/articles/local".to_owned(),
        format!("/stories/{story}"),
        "/".to_owned(),
        "/articles".to_owned(),
    ] {
        let answer = fetch(addr, &target);
        assert_eq!(answer.status, 200, "{target}: {answer:?}");
        assert!(
            !answer.body.contains("/home/ana") && !answer.body.contains("private/feeds"),
            "{target} shows a local path"
        );
    }
    assert_eq!(
        fetch(addr, "/api/articles/local").json()["path"],
        "day1.jsonl"
    );
    assert!(
        fetch(addr, "/articles/local")
            .body
            .contains("<dt>file</dt><dd>day1.jsonl (line 2)</dd>")
    );
}

#[test]
fn story_list_rows_show_lead_outlets_source_mix_and_age() {
    let (addr, _dir) = start_fixed();
    assert_eq!(post(addr, &json!([wire(), copy(), quay()])).status, 201);
    let home = fetch(addr, "/").body;
    // The lead: the first brief sentence, escaped.
    let stories = fetch(addr, "/api/stories").json();
    for s in stories["stories"].as_array().expect("stories") {
        let lead = s["lead"].as_str().expect("a lead");
        assert!(!lead.is_empty() && lead.chars().count() <= 200, "{lead}");
        assert!(
            home.contains(&format!(
                "<p class=\"lead\">{}</p>",
                newsfold_render::escape(lead)
            )),
            "{lead} not on the list"
        );
    }
    // Outlets by name and the source mix: two outlets, one origin (the gazette copied).
    assert!(home.contains("Continental Wire") && home.contains("Riverbend Gazette"));
    assert!(
        home.contains("aria-label=\"2 outlets, 1 independent origin\""),
        "{home}"
    );
    assert!(home.contains("2 outlets, 1 independent origin</span>"));
    // "updated N ago" against the fixed clock (2024-03-21): last published 03-19 and 03-10.
    assert!(home.contains("updated 2 days ago"), "{home}");
    assert!(home.contains("updated 11 days ago"), "{home}");
    assert!(!home.contains("<script"));
}

#[test]
fn stories_and_articles_filter_by_outlet_in_any_case() {
    let (addr, _dir) = start_fixed();
    assert_eq!(post(addr, &json!([wire(), copy(), quay()])).status, 201);
    let list = fetch(addr, "/api/stories?outlet=riverbend%20GAZETTE").json();
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(
        list["stories"][0]["headline"]
            .as_str()
            .map(|h| h.contains("Millbrook")),
        Some(true),
        "{list}"
    );
    assert_eq!(
        fetch(addr, "/api/stories?outlet=Nowhere%20Post").json()["total"],
        0
    );
    assert_eq!(fetch(addr, "/api/stories?outlet=").json()["total"], 2);
    let page = fetch(addr, "/?outlet=harbour%20times").body;
    assert!(
        page.contains("Saltmere") && !page.contains("Millbrook"),
        "{page}"
    );
    assert!(
        page.contains("name=\"outlet\" value=\"harbour times\""),
        "{page}"
    );

    let articles = fetch(addr, "/api/articles?outlet=CONTINENTAL%20wire").json();
    assert_eq!(articles["total"], 1, "{articles}");
    assert_eq!(articles["articles"][0]["id"], "cw-flood");
}

#[test]
fn articles_are_listed_newest_first_and_paged() {
    let (addr, _dir) = start_fixed();
    assert_eq!(post(addr, &json!([wire(), copy(), quay()])).status, 201);
    let all = fetch(addr, "/api/articles").json();
    assert_eq!(
        (all["total"].clone(), all["per_page"].clone()),
        (json!(3), json!(50))
    );
    let ids: Vec<&str> = all["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| a["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(ids, ["rg-flood", "cw-flood", "ht-quay"], "{all}");
    assert!(all["articles"][0]["story"].is_string(), "{all}");
    let second = fetch(addr, "/api/articles?per_page=2&page=2").json();
    assert_eq!(second["articles"][0]["id"], "ht-quay", "{second}");
    assert_eq!(fetch(addr, "/api/articles?q=QUAY").json()["total"], 1);
    assert_eq!(
        fetch(addr, "/api/articles?from=2024-03-19").json()["total"],
        1
    );

    let page = fetch(addr, "/articles?per_page=2");
    assert_eq!(page.status, 200, "{page:?}");
    assert!(
        page.body.contains("<a href=\"/articles/rg-flood\">"),
        "{}",
        page.body
    );
    assert!(page.body.contains("page 1 of 2"), "{}", page.body);
    assert!(
        page.body
            .contains("href=\"/articles?page=2&amp;per_page=2\">older →</a>"),
        "{}",
        page.body
    );
    assert!(fetch(addr, "/").body.contains("<a href=\"/articles\">"));
}
