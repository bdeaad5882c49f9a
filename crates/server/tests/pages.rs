//! Issue 17, defect 11, on the server's pages: an article whose title, outlet and text carry
//! bidi overrides is shown on every page with the overrides neutralised (U+FFFD), and every
//! page carries the Content-Security-Policy and `nosniff`.

mod common;

use common::{fetch, request, small_limits, start_store};
use newsfold_server::CONTENT_SECURITY_POLICY;

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
