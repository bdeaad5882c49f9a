//! `newsfold serve`: the store's stories over HTTP, as a JSON API and as web pages.
//!
//! One process owns the store. Reads are served from the fold held in memory (an `Arc` swapped
//! whole after every write), so readers never wait on SQLite; a post of articles takes the one
//! writer lock, stores the new articles, folds every stored article again and swaps the fold
//! in. A fold is never changed once served, so it is indexed by id when swapped in and each
//! story's JSON and page are made once, when first asked for (`Served`). The API (`/api/...`)
//! speaks JSON, errors included (`{"error": {"status", "message"}}`, the status from one
//! table, [`ApiError`]; even what hyper answers by itself, `automatic`); the pages (`/`,
//! `/stories/{id}`, `/articles`, `/articles/{id}`) are rendered on the server, need no
//! JavaScript, and escape every string that comes from an article. A post answers the ids it
//! stored and the stories they joined; lists filter by text, outlet and day (a day that is
//! not `YYYY-MM-DD` is a 400); inputs are named by their file name only, never by where they
//! lay on this machine (the served fold holds file names alone).
//! Slow clients cannot hold the server ([`Limits`]): open connections are bounded and each has
//! [`Limits::header_timeout`] to send its request headers (`listen`); a posted body has
//! [`Limits::body_timeout`] to arrive, whole; reads and writes have separate slots, so trickled
//! posts never keep a page from being served; and the time per request runs outside the
//! slots, so a request still queued when its time is up gets its 503 (`guard`). Every response
//! carries a Content-Security-Policy and `nosniff`; a handler that panics is answered 500 and
//! the server keeps serving.

mod automatic;
mod guard;
mod listen;

pub use guard::CONTENT_SECURITY_POLICY;

use std::collections::HashMap;
use std::io::Write as _;
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock};
use std::time::Duration;

use axum::body::Bytes;
use axum::body::{Body, HttpBody};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use newsfold_core::{Article, Fold, Raw, RawBody, RawFields, Story};
use newsfold_engine::{Options, Quiet};
use newsfold_render::{
    STORY_LIST_CSS, escape, escape_value, file_name, is_directed, story_html_linked,
    story_row_html, url_encode,
};
use newsfold_store::Store;

/// Bounds on what clients may hold: connections, time and slots.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest request body, in bytes.
    pub body_bytes: usize,
    /// Longest a request may take, waiting for a slot included; then 503.
    pub timeout: Duration,
    /// Most reads (GET) handled at once.
    pub concurrency: usize,
    /// Most posts handled at once, their bodies' upload included.
    pub writes: usize,
    /// Most connections open at once; more wait to be accepted.
    pub connections: usize,
    /// Longest a connection may take to send a request's headers (or sit idle between two).
    pub header_timeout: Duration,
    /// Longest a posted body may take to arrive, whole; then 408.
    pub body_timeout: Duration,
    /// Longest request target (path and query), in bytes; then 414.
    pub uri_bytes: usize,
}

/// Largest posted body: 16 MiB, a few thousand articles in one JSON array (the examples'
/// articles are 2-6 KB each) or any one HTML page.
const BODY_BYTES: usize = 16 << 20;

/// Time per request: a post folds every stored article again, which takes seconds on a store
/// of 100,000 articles (README's figures); a minute leaves room for that on a busy machine.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// Reads at once: 64, from before issue 17; reads are answered from memory in microseconds, so
/// the bound only keeps a flood from queueing unbounded work.
const READS: usize = 64;

/// Posts at once: storing and folding take the one writer lock in turn, so more would only
/// wait; 8 lets a few bodies upload while one is folded, and at most 8 × [`BODY_BYTES`]
/// (128 MiB) of bodies are held at once.
const WRITES: usize = 8;

/// Open connections: 10,000, half of this machine's default descriptor limit (`ulimit -n`
/// 20,000), so the store and the process keep theirs; issue 17 held the server with 1,100.
const CONNECTIONS: usize = 10_000;

/// Time to send request headers: 10 s, far beyond a real client on a slow link (headers are
/// under a kilobyte) and short enough that connections held by stalled clients come back soon.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Time for a posted body to arrive: 30 s, [`BODY_BYTES`] at about 4.5 Mbit/s.
const BODY_TIMEOUT: Duration = Duration::from_secs(30);

/// Longest request target: 8 KiB, the common limit of HTTP servers and proxies (nginx's
/// `large_client_header_buffers`, Apache's `LimitRequestLine`); hyper's own, 64 KiB, answers
/// 414 without a body.
const URI_BYTES: usize = 8 << 10;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            body_bytes: BODY_BYTES,
            timeout: REQUEST_TIMEOUT,
            concurrency: READS,
            writes: WRITES,
            connections: CONNECTIONS,
            header_timeout: HEADER_TIMEOUT,
            body_timeout: BODY_TIMEOUT,
            uri_bytes: URI_BYTES,
        }
    }
}

/// The server's clock: seconds since 1970-01-01 UTC. The story list says "updated N ago"
/// against it; tests give a fixed one ([`router_with_clock`]).
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// The system clock as a [`Clock`].
pub fn system_clock() -> Clock {
    Arc::new(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    })
}

/// What the handlers share.
struct App {
    /// The one writer.
    store: Mutex<Store>,
    /// The fold readers see, replaced whole after every write.
    fold: RwLock<Arc<Served>>,
    options: Options,
    limits: Limits,
    clock: Clock,
}

impl App {
    fn fold(&self) -> Arc<Served> {
        Arc::clone(&self.fold.read().unwrap_or_else(PoisonError::into_inner))
    }
}

/// A store error as the client sees it: the store's own message names its file, a local path,
/// so the detail goes to the server's log and the client learns only that the store failed.
fn store_failed(error: newsfold_store::StoreError) -> ApiError {
    // Never eprintln!: it panics when stderr is closed, and a server outlives its stderr.
    let _ = writeln!(std::io::stderr(), "newsfold serve: {error}");
    ApiError::Internal("the store failed; the server's log says why".into())
}

/// A fold as the handlers read it: stories and articles found by id, each story's JSON and
/// page rendered the first time they are asked for and kept until the fold is replaced.
struct Served {
    fold: Fold,
    stories: HashMap<String, usize>,
    articles: HashMap<String, usize>,
    /// The first story that lists each article.
    story_of: HashMap<String, usize>,
    /// When this fold was swapped in, by the server's clock: the "updated" time of a story
    /// without a publication date.
    folded_at: i64,
    story_json: Vec<OnceLock<Bytes>>,
    story_page: Vec<OnceLock<Bytes>>,
}

impl Served {
    /// Indexes `fold`, swapped in at `folded_at`. Paths of articles and rejected inputs are cut
    /// to their file names here, so that no answer or page can show where on this machine
    /// an input lay.
    fn new(mut fold: Fold, folded_at: i64) -> Served {
        for article in &mut fold.articles {
            article.path = file_name(&article.path).to_owned();
        }
        for rejected in &mut fold.rejected {
            rejected.path = file_name(&rejected.path).to_owned();
        }
        let mut story_of = HashMap::with_capacity(fold.articles.len());
        for (i, s) in fold.stories.iter().enumerate() {
            for id in &s.articles {
                story_of.entry(id.clone()).or_insert(i);
            }
        }
        let mut stories = HashMap::with_capacity(fold.stories.len());
        for (i, s) in fold.stories.iter().enumerate() {
            stories.entry(s.id.clone()).or_insert(i);
        }
        let mut articles = HashMap::with_capacity(fold.articles.len());
        for (i, a) in fold.articles.iter().enumerate() {
            articles.entry(a.id.clone()).or_insert(i);
        }
        let n = fold.stories.len();
        Served {
            fold,
            stories,
            articles,
            story_of,
            folded_at,
            story_json: (0..n).map(|_| OnceLock::new()).collect(),
            story_page: (0..n).map(|_| OnceLock::new()).collect(),
        }
    }

    fn story_index(&self, id: &str) -> Result<usize, ApiError> {
        self.stories
            .get(id)
            .copied()
            .ok_or_else(|| ApiError::NotFound(format!("no story {id}")))
    }

    /// The story that lists the article `id`, if any.
    fn story_of(&self, id: &str) -> Option<&Story> {
        self.story_of.get(id).map(|&i| &self.fold.stories[i])
    }

    fn article(&self, id: &str) -> Result<&Article, ApiError> {
        self.articles
            .get(id)
            .map(|&i| &self.fold.articles[i])
            .ok_or_else(|| ApiError::NotFound(format!("no article {id}")))
    }

    /// One story with its articles, reuse and origins: the part of the fold it stands on.
    fn story_fold(&self, index: usize) -> Fold {
        let fold = &self.fold;
        let story = &fold.stories[index];
        let members: std::collections::BTreeSet<&str> =
            story.articles.iter().map(String::as_str).collect();
        Fold {
            articles: story
                .articles
                .iter()
                .filter_map(|id| self.articles.get(id).map(|&i| fold.articles[i].clone()))
                .collect(),
            stories: vec![story.clone()],
            reuse: fold
                .reuse
                .iter()
                .filter(|r| {
                    members.contains(r.source.as_str()) && members.contains(r.copy.as_str())
                })
                .cloned()
                .collect(),
            origins: fold
                .origins
                .iter()
                .filter(|o| o.articles.iter().any(|a| members.contains(a.as_str())))
                .cloned()
                .collect(),
            rejected: Vec::new(),
            run: fold.run.clone(),
        }
    }

    /// The body of `GET /api/stories/{id}`.
    fn story_json(&self, index: usize) -> Bytes {
        let json = self.story_json[index].get_or_init(|| {
            let part = self.story_fold(index);
            json!({
                "story": part.stories[0],
                "articles": part.articles,
                "reuse": part.reuse,
                "origins": part.origins,
            })
            .to_string()
            .into()
        });
        json.clone()
    }

    /// The page `/stories/{id}`: the story's part of the fold as a page, with a way back to
    /// the list, each article linked to its own page.
    fn story_page(&self, index: usize) -> Bytes {
        let page = self.story_page[index].get_or_init(|| {
            story_html_linked(
                &self.story_fold(index),
                "<a href=\"/\">← all stories</a> · <a href=\"/articles\">all articles</a>",
                "/articles/",
            )
            .into()
        });
        page.clone()
    }
}

/// Every error the API answers with, and its status.
#[derive(Debug)]
pub enum ApiError {
    /// 400: the request is malformed.
    BadRequest(String),
    /// 404: no such story or article.
    NotFound(String),
    /// 408: the body did not arrive within [`Limits::body_timeout`].
    RequestTimeout(String),
    /// 413: the body is larger than [`Limits::body_bytes`].
    PayloadTooLarge(String),
    /// 414: the request target is longer than [`Limits::uri_bytes`].
    UriTooLong(String),
    /// 415: a body of a type the endpoint does not take.
    UnsupportedMediaType(String),
    /// 500: the store failed, or a handler panicked.
    Internal(String),
    /// 503: no answer within [`Limits::timeout`], a wait for a slot included.
    Busy(String),
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::RequestTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UriTooLong(_) => StatusCode::URI_TOO_LONG,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn message(&self) -> &str {
        match self {
            ApiError::BadRequest(m)
            | ApiError::NotFound(m)
            | ApiError::RequestTimeout(m)
            | ApiError::PayloadTooLarge(m)
            | ApiError::UriTooLong(m)
            | ApiError::UnsupportedMediaType(m)
            | ApiError::Internal(m)
            | ApiError::Busy(m) => m,
        }
    }
}

/// The body of every error: `{"error": {"status": 404, "message": "no story x"}}`.
pub(crate) fn error_json(status: StatusCode, message: &str) -> String {
    json!({ "error": { "status": status.as_u16(), "message": message } }).to_string()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        (
            status,
            [(header::CONTENT_TYPE, "application/json")],
            error_json(status, self.message()),
        )
            .into_response()
    }
}

/// The router over an open store: the API and the pages, [`protect`]ed by the limits.
///
/// Reads and posts take slots from separate pools ([`Limits::concurrency`],
/// [`Limits::writes`]), so posts whose bodies trickle in never keep a read waiting.
pub fn router(store: Store, options: Options, limits: Limits) -> Result<Router, String> {
    router_with_clock(store, options, limits, system_clock())
}

/// [`router`] with the clock given: the story list's "updated N ago" is said against it.
pub fn router_with_clock(
    store: Store,
    options: Options,
    limits: Limits,
    clock: Clock,
) -> Result<Router, String> {
    let fold = newsfold_engine::stored(store.fold().map_err(|e| e.to_string())?);
    let now = clock();
    let app = Arc::new(App {
        store: Mutex::new(store),
        fold: RwLock::new(Arc::new(Served::new(fold, now))),
        options,
        limits,
        clock,
    });
    let reads = tower::limit::GlobalConcurrencyLimitLayer::new(limits.concurrency.max(1));
    let writes = tower::limit::GlobalConcurrencyLimitLayer::new(limits.writes.max(1));
    let routes = Router::new()
        .route("/api/stories", get(list_stories))
        .route("/api/stories/{id}", get(get_story))
        .route("/api/articles/{id}", get(get_article))
        .route("/api/openapi.json", get(openapi))
        .route("/", get(home_page))
        .route("/stories/{id}", get(story_page))
        .route("/articles", get(articles_page))
        .route("/articles/{id}", get(article_page))
        .route_layer(reads.clone())
        .route(
            "/api/articles",
            get(list_articles)
                .route_layer(reads)
                .merge(post(post_articles).route_layer(writes)),
        )
        .fallback(|| async { ApiError::NotFound("no such page".into()) })
        .with_state(app);
    Ok(protect(routes, limits))
}

/// `routes` behind the layer every response goes through (`guard`): the bound on the request
/// target, the time limit outside every slot, a panic answered 500, every error as JSON, and
/// the security headers. [`router`] uses it; it is public so tests can protect routes of
/// their own (one that panics, one that is slow).
pub fn protect(routes: Router, limits: Limits) -> Router {
    routes.layer(axum::middleware::from_fn_with_state(limits, guard::harden))
}

/// The filters of the story and article lists, as the query gives them.
#[derive(Debug, Deserialize)]
struct ListQuery {
    page: Option<usize>,
    per_page: Option<usize>,
    q: Option<String>,
    from: Option<String>,
    to: Option<String>,
    outlet: Option<String>,
}

/// The filters of a list, checked: lowercased text to look for, an outlet (lowercased) and a
/// range of days (`YYYY-MM-DD`). An empty value (as a form sends for a field left blank) is no
/// filter.
#[derive(Debug, Default)]
struct Filters {
    q: Option<String>,
    outlet: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

/// `value` when it holds something besides spaces, trimmed.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// True when `value` is a day of the calendar written `YYYY-MM-DD` (2024-02-29 is one,
/// 2023-02-29 and 2024-04-31 are not), as OpenAPI's `format: date` says.
fn is_day(value: &str) -> bool {
    let shaped = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return false;
    }
    let number = |range: std::ops::Range<usize>| value[range].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    (1..=days).contains(&day)
}

/// The date filter `name` (`from`, `to`): a day written `YYYY-MM-DD`, none when empty (as a
/// form sends a field left blank), or a 400 that names the parameter and the form it takes. A
/// value that is no date filtered everything out before (issue 18: `from=yesterday` answered
/// an empty 200).
fn day_filter(name: &str, value: &Option<String>) -> Result<Option<String>, ApiError> {
    let Some(value) = value.as_deref().filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if is_day(value) {
        return Ok(Some(value.to_owned()));
    }
    Err(ApiError::BadRequest(format!(
        "{name} must be a day written YYYY-MM-DD (such as 2024-03-18), or left out; {:?} is not \
         one",
        value.chars().take(40).collect::<String>()
    )))
}

impl Filters {
    fn of(query: &ListQuery) -> Result<Filters, ApiError> {
        // `from` after `to` is a range no day is in: an empty list, not an error.
        Ok(Filters {
            q: given(&query.q).map(str::to_lowercase),
            outlet: given(&query.outlet).map(str::to_lowercase),
            from: day_filter("from", &query.from)?,
            to: day_filter("to", &query.to)?,
        })
    }

    /// True when one of `outlets` is the outlet asked for, in any letter case.
    fn outlet_matches<'o>(&self, mut outlets: impl Iterator<Item = &'o str>) -> bool {
        self.outlet
            .as_deref()
            .is_none_or(|wanted| outlets.any(|o| o.trim().to_lowercase() == wanted))
    }

    /// True when the day that begins `date` (a `YYYY-MM-DD...` string) is inside the range;
    /// `first` and `last` are the ends of what is dated.
    fn days_match(&self, first: Option<&str>, last: Option<&str>) -> bool {
        let day = |d: Option<&str>| d.unwrap_or("").get(..10).unwrap_or("").to_owned();
        let (first, last) = (day(first.or(last)), day(last.or(first)));
        self.from
            .as_deref()
            .is_none_or(|from| last.as_str() >= from)
            && self.to.as_deref().is_none_or(|to| first.as_str() <= to)
    }
}

/// A story as the list shows it.
fn summary(story: &Story) -> Value {
    json!({
        "id": story.id,
        "headline": story.headline,
        "lead": newsfold_render::lead(story),
        "first_published": story.first_published,
        "last_published": story.last_published,
        "articles": story.articles.len(),
        "outlets": story.outlets,
        "independent": story.independent,
    })
}

/// Stories newest first (latest publication, then id), filtered by a text query (in the
/// headline or brief, any case), an outlet (any of the story's, any case) and a date range.
fn matching<'f>(fold: &'f Fold, filters: &Filters) -> Vec<&'f Story> {
    let mut stories: Vec<&Story> = fold
        .stories
        .iter()
        .filter(|s| {
            filters.q.as_deref().is_none_or(|n| {
                s.headline
                    .as_deref()
                    .unwrap_or("")
                    .to_lowercase()
                    .contains(n)
                    || s.brief.iter().any(|c| c.text.to_lowercase().contains(n))
            })
        })
        .filter(|s| filters.outlet_matches(s.outlets.iter().map(String::as_str)))
        .filter(|s| {
            (filters.from.is_none() && filters.to.is_none())
                || filters.days_match(s.first_published.as_deref(), s.last_published.as_deref())
        })
        .collect();
    stories.sort_by(|a, b| {
        b.last_published
            .cmp(&a.last_published)
            .then(a.id.cmp(&b.id))
    });
    stories
}

/// Articles newest first (publication, undated last, then id), filtered by a text query (in
/// the title or text, any case), an outlet (any case) and a date range.
fn matching_articles<'f>(fold: &'f Fold, filters: &Filters) -> Vec<&'f Article> {
    let mut articles: Vec<&Article> = fold
        .articles
        .iter()
        .filter(|a| filters.outlet_matches(a.outlet.as_deref().into_iter()))
        .filter(|a| {
            (filters.from.is_none() && filters.to.is_none())
                || filters.days_match(a.published.as_deref(), a.published.as_deref())
        })
        .filter(|a| {
            filters.q.as_deref().is_none_or(|n| {
                a.title.as_deref().unwrap_or("").to_lowercase().contains(n)
                    || a.text.to_lowercase().contains(n)
            })
        })
        .collect();
    articles.sort_by(|a, b| {
        b.published
            .is_some()
            .cmp(&a.published.is_some())
            .then(b.published.cmp(&a.published))
            .then(a.id.cmp(&b.id))
    });
    articles
}

/// An article as the list shows it.
fn article_summary(served: &Served, article: &Article) -> Value {
    json!({
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "url": article.url,
        "story": served.story_of(&article.id).map(|s| &s.id),
    })
}

/// Most stories or articles per page, as the OpenAPI document says.
const MAX_PER_PAGE: usize = 200;

/// Highest page number: 1,000,000, as the OpenAPI document says. With [`MAX_PER_PAGE`] that
/// reaches the 200-millionth story, far past any store (a 100,000-article store has fewer
/// stories than articles), and `(page - 1) * per_page` cannot overflow.
const MAX_PAGE: usize = 1_000_000;

/// Items per page: the query's, else `default`; a 400 outside 1..=[`MAX_PER_PAGE`].
fn per_page(query: &ListQuery, default: usize) -> Result<usize, ApiError> {
    let per_page = query.per_page.unwrap_or(default);
    if (1..=MAX_PER_PAGE).contains(&per_page) {
        Ok(per_page)
    } else {
        Err(ApiError::BadRequest(format!(
            "per_page must be between 1 and {MAX_PER_PAGE}"
        )))
    }
}

/// The page number: the query's, else 1; a 400 outside 1..=[`MAX_PAGE`].
fn page_number(query: &ListQuery) -> Result<usize, ApiError> {
    let page = query.page.unwrap_or(1);
    if (1..=MAX_PAGE).contains(&page) {
        Ok(page)
    } else {
        Err(ApiError::BadRequest(format!(
            "page must be between 1 and {MAX_PAGE}"
        )))
    }
}

/// The id of a path, or a JSON 400 when the path does not decode (not UTF-8, say).
fn path_id(path: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    path.map(|Path(id)| id)
        .map_err(|e| ApiError::BadRequest(e.body_text()))
}

/// The query string, or a JSON 400 naming what is wrong with it.
fn query<T>(query: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    query
        .map(|Query(q)| q)
        .map_err(|e| ApiError::BadRequest(e.body_text()))
}

/// Stories the API's list gives per page unless `per_page` says otherwise: 20, as before
/// issue 18.
const API_STORIES: usize = 20;

async fn list_stories(
    State(app): State<Arc<App>>,
    list: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let query = query(list)?;
    let filters = Filters::of(&query)?;
    let served = app.fold();
    let stories = matching(&served.fold, &filters);
    paged("stories", &stories, &query, API_STORIES, |s| summary(s))
}

/// One page of a list as the API answers it: `{KEY: [...], page, per_page, total}`, the page
/// and its size taken from the query (`per_page` defaulting to `default`).
fn paged<T>(
    key: &str,
    items: &[T],
    query: &ListQuery,
    default: usize,
    show: impl Fn(&T) -> Value,
) -> Result<Json<Value>, ApiError> {
    let per_page = per_page(query, default)?;
    let page = page_number(query)?;
    let shown: Vec<Value> = items
        .iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .map(show)
        .collect();
    Ok(Json(json!({
        key: shown,
        "page": page,
        "per_page": per_page,
        "total": items.len(),
    })))
}

async fn list_articles(
    State(app): State<Arc<App>>,
    list: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let query = query(list)?;
    let filters = Filters::of(&query)?;
    let served = app.fold();
    let articles = matching_articles(&served.fold, &filters);
    paged("articles", &articles, &query, LIST_PAGE, |a| {
        article_summary(&served, a)
    })
}

async fn get_story(
    State(app): State<Arc<App>>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = path_id(id)?;
    let served = app.fold();
    let index = served.story_index(&id)?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        served.story_json(index),
    )
        .into_response())
}

async fn get_article(
    State(app): State<Arc<App>>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Article>, ApiError> {
    app.fold().article(&path_id(id)?).cloned().map(Json)
}

/// An article as posted.
#[derive(Debug, Deserialize)]
struct Posted {
    text: Option<String>,
    title: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
    id: Option<String>,
}

/// The `?url=` of an HTML post.
#[derive(Debug, Deserialize)]
struct PageQuery {
    url: Option<String>,
}

/// The whole body, read within [`Limits::body_timeout`] (408 after it, however steadily the
/// bytes trickle in) and at most [`Limits::body_bytes`] long (413), as UTF-8 text (400).
async fn read_body(mut body: Body, limits: &Limits) -> Result<String, ApiError> {
    let too_large = || {
        ApiError::PayloadTooLarge(format!(
            "the body is larger than {} bytes",
            limits.body_bytes
        ))
    };
    if body.size_hint().lower() > limits.body_bytes as u64 {
        return Err(too_large());
    }
    let read = async {
        let mut bytes = Vec::new();
        while let Some(frame) =
            std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await
        {
            let frame = frame.map_err(|e| ApiError::BadRequest(format!("the body: {e}")))?;
            if let Ok(data) = frame.into_data() {
                if bytes.len() + data.len() > limits.body_bytes {
                    return Err(too_large());
                }
                bytes.extend_from_slice(&data);
            }
        }
        Ok(bytes)
    };
    let bytes = tokio::time::timeout(limits.body_timeout, read)
        .await
        .map_err(|_| {
            ApiError::RequestTimeout(format!(
                "the body did not arrive within {} s",
                limits.body_timeout.as_secs_f64()
            ))
        })??;
    String::from_utf8(bytes).map_err(|_| ApiError::BadRequest("the body is not UTF-8".into()))
}

async fn post_articles(
    State(app): State<Arc<App>>,
    page: Result<Query<PageQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let page = query(page)?;
    if page.url.as_deref().is_some_and(|u| u.trim().is_empty()) {
        return Err(ApiError::BadRequest(
            "?url= is empty; give the page's address".into(),
        ));
    }
    let body = read_body(body, &app.limits).await?;
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let raws: Vec<Raw> = if kind.starts_with("text/html") {
        let Some(url) = page.url.filter(|u| !u.trim().is_empty()) else {
            return Err(ApiError::BadRequest(
                "an HTML page needs its address: POST /api/articles?url=...".into(),
            ));
        };
        vec![Raw {
            path: url.clone(),
            record: None,
            index: 0,
            body: RawBody::Html(body),
            fields: RawFields {
                url: Some(url),
                ..RawFields::default()
            },
        }]
    } else if kind.starts_with("application/json") || kind.is_empty() {
        let value: Value = serde_json::from_str(&body)
            .map_err(|e| ApiError::BadRequest(format!("the body is not JSON: {e}")))?;
        let items = match value {
            Value::Array(items) => items,
            one => vec![one],
        };
        let mut raws = Vec::with_capacity(items.len());
        for (k, item) in items.into_iter().enumerate() {
            let posted: Posted = serde_json::from_value(item)
                .map_err(|e| ApiError::BadRequest(format!("article {k}: {e}")))?;
            // Blank text is the cleaner's to reject, in the answer's `rejected`.
            let Some(text) = posted.text else {
                return Err(ApiError::BadRequest(format!(
                    "article {k}: \"text\" is required"
                )));
            };
            raws.push(Raw {
                path: "api".into(),
                record: Some(format!("article {k}")),
                index: k,
                body: RawBody::Text(text),
                fields: RawFields {
                    id: posted.id,
                    title: posted.title,
                    url: posted.url,
                    published: posted.published,
                    outlet: posted.outlet,
                    ..RawFields::default()
                },
            });
        }
        raws
    } else {
        return Err(ApiError::UnsupportedMediaType(format!(
            "articles are posted as application/json or text/html, not {kind}"
        )));
    };
    let app = Arc::clone(&app);
    // Cleaning, storing and folding are CPU and disk work: off the async threads.
    tokio::task::spawn_blocking(move || add(&app, raws))
        .await
        .map_err(|e| ApiError::Internal(format!("the add failed: {e}")))?
}

/// What the store keeps of each cleaned document: the article, the document and its
/// fingerprint. `POST /api/articles` and `newsfold add` both store documents this way.
pub fn entries(documents: &[newsfold_engine::Document]) -> Vec<newsfold_store::Entry<'_>> {
    documents
        .iter()
        .map(|d| newsfold_store::Entry {
            article: &d.article,
            raw: Some(&d.raw),
            fingerprint: Some((newsfold_engine::FINGERPRINT_SCHEME, &d.fingerprint)),
        })
        .collect()
}

/// Store posted articles and fold again; the answer of `POST /api/articles`: 201 with the ids
/// stored and the stories they joined when something was stored (`Location`: the one story
/// they joined, else the one article stored), 200 when every article was stored already.
fn add(app: &App, raws: Vec<Raw>) -> Result<Response, ApiError> {
    let (documents, rejected) =
        newsfold_engine::clean_documents(raws, Vec::new(), &app.options, &Quiet);
    let entries = entries(&documents);
    let mut store = app.store.lock().unwrap_or_else(PoisonError::into_inner);
    let stored = store.add_entries_listed(&entries).map_err(store_failed)?;
    let served = if stored.ids.is_empty() {
        // Nothing new: the fold served is the fold of the store.
        app.fold()
    } else {
        // Posted records without text are answered, not kept among the store's rejected inputs.
        let previous = store.fold().map_err(store_failed)?;
        let fold = newsfold_engine::refold(previous, &[], &app.options, &Quiet);
        store.save_fold(&fold).map_err(store_failed)?;
        let served = Arc::new(Served::new(fold, (app.clock)()));
        *app.fold.write().unwrap_or_else(PoisonError::into_inner) = Arc::clone(&served);
        served
    };
    drop(store);
    let placed = |ids: &[String]| -> Vec<Value> {
        ids.iter()
            .map(|id| json!({ "id": id, "story": served.story_of(id).map(|s| &s.id) }))
            .collect()
    };
    let mut stories: Vec<&str> = Vec::new();
    for id in &stored.ids {
        if let Some(story) = served.story_of(id)
            && !stories.contains(&story.id.as_str())
        {
            stories.push(&story.id);
        }
    }
    let rejected: Vec<Value> = rejected
        .iter()
        .map(|r| json!({ "record": r.record, "reason": r.reason }))
        .collect();
    let body = json!({
        "added": stored.added.added,
        "duplicates": stored.added.duplicates,
        "articles": placed(&stored.ids),
        "stories": stories,
        "duplicate_of": placed(&stored.duplicate_of),
        "rejected": rejected,
    });
    let location = match (&stories[..], &stored.ids[..]) {
        ([story], _) => Some(format!("/api/stories/{}", url_encode(story))),
        (_, [article]) => Some(format!("/api/articles/{}", url_encode(article))),
        _ => None,
    };
    let status = if stored.ids.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let mut response = (status, Json(body)).into_response();
    if let Some(location) = location.filter(|_| status == StatusCode::CREATED)
        && let Ok(value) = header::HeaderValue::from_str(&location)
    {
        response.headers_mut().insert(header::LOCATION, value);
    }
    Ok(response)
}

async fn openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("../openapi.json"),
    )
}

/// A page in the report's plain style, with the story list's rows styled as in the report.
fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>body{{font:16px/1.5 system-ui,sans-serif;max-width:60em;\
         margin:2em auto;padding:0 1em;color:#1d2329}}a{{color:#1f5fa8}}table{{width:100%;\
         border-collapse:collapse}}th,td{{padding:.35em .6em;border-bottom:1px solid #d8dde3;\
         text-align:left}}.meta{{color:#5b6570}}td.when{{white-space:nowrap}}\
         dd{{overflow-wrap:anywhere}}{STORY_LIST_CSS}</style></head><body>\n{body}\n</body></html>\n",
        escape(title)
    ))
}

/// Stories or articles a page of a list shows, unless `per_page` says otherwise; the API's
/// article list gives as many.
const LIST_PAGE: usize = 50;

/// One page of a list that holds `total` items: which page it is (the query's, kept inside
/// the pages there are), how many pages there are, and the index of its first item.
struct Pager {
    number: usize,
    pages: usize,
    first: usize,
    per_page: usize,
}

impl Pager {
    fn new(query: &ListQuery, total: usize) -> Result<Pager, ApiError> {
        let per_page = per_page(query, LIST_PAGE)?;
        let pages = total.div_ceil(per_page).max(1);
        let number = query.page.unwrap_or(1).clamp(1, pages);
        Ok(Pager {
            number,
            pages,
            first: (number - 1) * per_page,
            per_page,
        })
    }

    /// The part of `items` this page shows.
    fn slice<'i, T>(&self, items: &'i [T]) -> &'i [T] {
        &items[self.first.min(items.len())..(self.first + self.per_page).min(items.len())]
    }

    /// Links to the newer and older pages of `base` with the same filters, or nothing when one
    /// page holds them all.
    fn nav(&self, base: &str, query: &ListQuery, shown: usize, total: usize, noun: &str) -> String {
        if self.pages <= 1 {
            return String::new();
        }
        let link = |number: usize, text: &str| {
            let mut href = format!("{base}?page={number}");
            for (key, value) in [
                ("q", &query.q),
                ("outlet", &query.outlet),
                ("from", &query.from),
                ("to", &query.to),
            ] {
                if let Some(v) = given(value) {
                    href.push_str(&format!("&{key}={}", url_encode(v)));
                }
            }
            if query.per_page.is_some() {
                href.push_str(&format!("&per_page={}", self.per_page));
            }
            format!("<a href=\"{}\">{text}</a>", escape(&href))
        };
        let mut nav = Vec::new();
        if self.number > 1 {
            nav.push(link(self.number - 1, "← newer"));
        }
        nav.push(format!(
            "{noun} {}–{} of {total}, page {} of {}",
            self.first + 1,
            self.first + shown,
            self.number,
            self.pages
        ));
        if self.number < self.pages {
            nav.push(link(self.number + 1, "older →"));
        }
        format!("<p class=\"pages\">{}</p>\n", nav.join(" · "))
    }
}

/// The search form of a list page: text, outlet and (for stories) dates, holding the query as
/// given.
fn search_form(action: &str, query: &ListQuery, placeholder: &str, dates: bool) -> String {
    // The form's fields hold the query as given, so they are escaped without an isolate.
    let field = |value: &Option<String>| escape_value(value.as_deref().unwrap_or(""));
    let mut form = format!(
        "<form method=\"get\" action=\"{action}\"><input name=\"q\" value=\"{}\" \
         placeholder=\"{placeholder}\"> <label>outlet <input name=\"outlet\" value=\"{}\"></label>",
        field(&query.q),
        field(&query.outlet),
    );
    if dates {
        form.push_str(&format!(
            " <label>from <input type=\"date\" name=\"from\" value=\"{}\"></label> <label>to \
             <input type=\"date\" name=\"to\" value=\"{}\"></label>",
            field(&query.from),
            field(&query.to),
        ));
    }
    form.push_str(" <button>Search</button></form>\n");
    form
}

async fn home_page(
    State(app): State<Arc<App>>,
    list: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Html<String>, ApiError> {
    let query = query(list)?;
    let filters = Filters::of(&query)?;
    let served = app.fold();
    let fold = &served.fold;
    let stories = matching(fold, &filters);
    let pager = Pager::new(&query, stories.len())?;
    let shown = pager.slice(&stories);
    let now = (app.clock)();
    let mut body = format!(
        "<h1>newsfold</h1>\n<p>Each story folds the articles that report one event. <em>Independent \
         origins</em> counts the original reports behind them: an article that copies another \
         (a syndicated wire story, say) adds to the outlets, not to the origins; in each bar the \
         dark part is the independent origins, the light part the outlets that add none.</p>\n\
         <p><a href=\"/articles\">all articles</a></p>\n{}\
         <p class=\"meta\">{} of {} stories ({} articles); newest first</p>\n<ol class=\"stories\">\n",
        search_form("/", &query, "search headlines and briefs", true),
        stories.len(),
        fold.stories.len(),
        fold.articles.len()
    );
    for s in shown {
        let href = format!("/stories/{}", url_encode(&s.id));
        let updated = newsfold_render::updated(s, now, Some(served.folded_at));
        body.push_str(&format!(
            "<li>{}</li>\n",
            story_row_html(s, &href, updated.as_deref())
        ));
    }
    body.push_str("</ol>\n");
    body.push_str(&pager.nav("/", &query, shown.len(), stories.len(), "stories"));
    Ok(page("newsfold stories", &body))
}

async fn articles_page(
    State(app): State<Arc<App>>,
    list: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Html<String>, ApiError> {
    let query = query(list)?;
    let filters = Filters::of(&query)?;
    let served = app.fold();
    let articles = matching_articles(&served.fold, &filters);
    let pager = Pager::new(&query, articles.len())?;
    let shown = pager.slice(&articles);
    let mut body = format!(
        "<p><a href=\"/\">← all stories</a></p>\n<h1>Articles</h1>\n{}<p class=\"meta\">{} of {} \
         articles; newest first</p>\n<table>\n<tr><th>article</th><th>outlet</th><th>published\
         </th><th>story</th></tr>\n",
        search_form("/articles", &query, "search titles and texts", false),
        articles.len(),
        served.fold.articles.len()
    );
    for a in shown {
        let story = match served.story_of(&a.id) {
            Some(s) => format!(
                "<a href=\"/stories/{}\">{}</a>",
                escape(&url_encode(&s.id)),
                escape(s.headline.as_deref().unwrap_or(&s.id))
            ),
            None => String::new(),
        };
        body.push_str(&format!(
            "<tr><td><a href=\"/articles/{}\">{}</a></td><td>{}</td><td class=\"when\">{}</td>\
             <td>{story}</td></tr>\n",
            escape(&url_encode(&a.id)),
            escape(a.title.as_deref().unwrap_or(&a.id)),
            escape(a.outlet.as_deref().unwrap_or("")),
            escape(a.published.as_deref().unwrap_or("undated")),
        ));
    }
    body.push_str("</table>\n");
    body.push_str(&pager.nav("/articles", &query, shown.len(), articles.len(), "articles"));
    Ok(page("newsfold articles", &body))
}

async fn story_page(
    State(app): State<Arc<App>>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Html<Bytes>, ApiError> {
    let id = path_id(id)?;
    let served = app.fold();
    let index = served.story_index(&id)?;
    Ok(Html(served.story_page(index)))
}

/// A link to the article `id`'s page, labelled with its outlet or title.
fn article_link(served: &Served, id: &str) -> String {
    let label = served
        .articles
        .get(id)
        .map(|&i| &served.fold.articles[i])
        .map_or(id, |a| {
            [a.outlet.as_deref(), a.title.as_deref()]
                .into_iter()
                .flatten()
                .find(|s| !s.trim().is_empty())
                .unwrap_or(&a.id)
        });
    format!(
        "<a href=\"/articles/{}\">{}</a>",
        escape(&url_encode(id)),
        escape(label)
    )
}

async fn article_page(
    State(app): State<Arc<App>>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Html<String>, ApiError> {
    let id = path_id(id)?;
    let served = app.fold();
    let article = served.article(&id)?;
    let text = |value: &Option<String>| escape(value.as_deref().unwrap_or(""));
    let url = match article.url.as_deref() {
        Some(url) if newsfold_render::is_web_url(url) => format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            escape_value(url),
            escape(url)
        ),
        Some(url) => escape(url),
        None => String::new(),
    };
    let file = match &article.record {
        Some(record) => format!("{} ({})", escape(file_name(&article.path)), escape(record)),
        None => escape(file_name(&article.path)),
    };
    let story = match served.story_of(&article.id) {
        Some(s) => format!(
            "<a href=\"/stories/{}\">{}</a>",
            escape(&url_encode(&s.id)),
            escape(s.headline.as_deref().unwrap_or(&s.id))
        ),
        None => "in no story".to_owned(),
    };
    let mut body = format!(
        "<p><a href=\"/\">all stories</a> · <a href=\"/articles\">all articles</a></p>\n\
         <h1>{}</h1>\n<dl>\n<dt>story</dt><dd>{story}</dd>\n<dt>outlet</dt><dd>{}</dd>\n\
         <dt>published</dt><dd>{}</dd>\n<dt>url</dt><dd>{url}</dd>\n<dt>file</dt><dd>{file}</dd>\n",
        escape(article.title.as_deref().unwrap_or(&article.id)),
        text(&article.outlet),
        text(&article.published),
    );
    let link = |id: &str, r: &newsfold_core::Reuse| {
        format!("{} ({})", article_link(&served, id), r.kind.as_str())
    };
    let (mut copied_from, mut copied_by, mut shares_with) = (Vec::new(), Vec::new(), Vec::new());
    for r in &served.fold.reuse {
        let directed = is_directed(r);
        if r.copy == article.id {
            let list = if directed {
                &mut copied_from
            } else {
                &mut shares_with
            };
            list.push(link(&r.source, r));
        } else if r.source == article.id {
            let list = if directed {
                &mut copied_by
            } else {
                &mut shares_with
            };
            list.push(link(&r.copy, r));
        }
    }
    for (name, links) in [
        ("copies", copied_from),
        ("copied by", copied_by),
        ("shares text with (direction undetermined)", shares_with),
    ] {
        let value = if links.is_empty() {
            "none".to_owned()
        } else {
            links.join(", ")
        };
        body.push_str(&format!("<dt>{name}</dt><dd>{value}</dd>\n"));
    }
    body.push_str("</dl>\n");
    for paragraph in article.text.split("\n\n") {
        body.push_str(&format!("<p>{}</p>\n", escape(paragraph)));
    }
    Ok(page(article.title.as_deref().unwrap_or(&article.id), &body))
}

/// Serve the store on `addr` until the process ends (Ctrl-C stops it): a multi-threaded
/// runtime, the [`router`], and `ready` called with the bound address (port 0 picks one).
pub fn serve(
    store: Store,
    options: Options,
    limits: Limits,
    addr: std::net::SocketAddr,
    ready: impl FnOnce(std::net::SocketAddr),
) -> Result<(), String> {
    serve_router(router(store, options, limits)?, limits, addr, ready)
}

/// Serve `app` on `addr` until the process ends, with the connection bounds of `limits`
/// (`listen`); `ready` is called with the bound address. [`serve`] serves the [`router`]
/// this way; tests serve routes of their own.
pub fn serve_router(
    app: Router,
    limits: Limits,
    addr: std::net::SocketAddr,
    ready: impl FnOnce(std::net::SocketAddr),
) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("could not start the server's threads: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| format!("could not listen on {addr}: {e}"))?;
        let bound = listener
            .local_addr()
            .map_err(|e| format!("could not read the bound address: {e}"))?;
        ready(bound);
        listen::accept_loop(listener, app, limits).await;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::{is_day, url_encode};

    #[test]
    fn days_are_days_of_the_calendar() {
        for day in ["2024-03-18", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert!(is_day(day), "{day}");
        }
        for not in [
            "2023-02-29",
            "1900-02-29",
            "2024-04-31",
            "2024-13-01",
            "2024-00-10",
            "2024-1-01",
            " 2024-01-01",
            "2024-01-01T10:00",
            "yesterday",
            "",
        ] {
            assert!(!is_day(not), "{not}");
        }
    }

    #[test]
    fn url_values_are_percent_encoded() {
        assert_eq!(url_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
        assert_eq!(url_encode("s-1_x.y~z"), "s-1_x.y~z");
    }
}
