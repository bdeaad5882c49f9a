//! The embedded store: one SQLite file (bundled SQLite, WAL) that holds a growing fold.
//!
//! An analyst adds today's articles to yesterday's; the store keeps every cleaned article once
//! (an article whose URL is stored, or whose cleaned text is stored for the same outlet, is a
//! duplicate and is skipped; the same text from another outlet is a syndicated copy, kept),
//! with the document it was cleaned from and its fingerprint (stored as given, with the name of
//! the scheme that made it), and the fold computed over all of them: reuse, origins, stories (with their briefs, facts,
//! quotes, figures ...) and the inputs that were rejected. Articles are written in batches,
//! each batch one transaction, so an add killed at any point (kill -9) leaves every committed
//! batch whole and nothing half-written; running the add again skips what is stored and
//! completes it. The fold is replaced in one transaction after the articles are in, so readers
//! see the previous fold or the new one, never a mixture. The schema is versioned
//! (`PRAGMA user_version`) and migrated forward on open.
//!
//! An add killed after its articles are in but before its fold is saved leaves articles the
//! stored fold does not cover. The fold therefore records, in its own transaction, how many
//! articles it was made from, and [`Store::unfolded`] says how many it lacks, so `export` and
//! `serve` fold again before they show a fold that is missing articles.
//!
//! The store knows nothing of how folds are computed: the engine reads the articles, folds them
//! and hands the fold back ([`Store::save_fold`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use newsfold_core::{
    Article, Fold, Origin, Raw, Rejected, Reuse, RunInfo, Story, Taken, stable_hash,
};

/// What went wrong with the store, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused.
    #[error("store {path}: {source}")]
    Sqlite {
        /// The store file.
        path: PathBuf,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// A stored value could not be read back.
    #[error("store {path}: a stored {what} is not valid JSON: {source}")]
    Json {
        /// The store file.
        path: PathBuf,
        /// What was being read.
        what: &'static str,
        /// The decoding error.
        source: serde_json::Error,
    },
    /// The file was written by a newer newsfold.
    #[error("store {path} has schema version {found}; this newsfold knows up to {known}")]
    TooNew {
        /// The store file.
        path: PathBuf,
        /// The file's version.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// A command that only reads a store was pointed at a file that is not there.
    #[error(
        "there is no store at {path} (check the path; `newsfold add INPUT... --db {path}` \
         makes one)"
    )]
    Missing {
        /// The path given.
        path: PathBuf,
    },
}

/// The migrations, in order: migration `k` takes the schema from version `k` to `k + 1`.
const MIGRATIONS: &[&str] = &[
    "
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT,
        text_hash TEXT NOT NULL UNIQUE,
        article TEXT NOT NULL
    );
    CREATE UNIQUE INDEX articles_by_url ON articles(url) WHERE url IS NOT NULL;
    CREATE TABLE fold (
        part TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
",
    "
    CREATE TABLE raw (
        seq INTEGER PRIMARY KEY REFERENCES articles(seq),
        document TEXT NOT NULL
    );
    CREATE TABLE fingerprints (
        seq INTEGER PRIMARY KEY REFERENCES articles(seq),
        scheme TEXT NOT NULL,
        value BLOB NOT NULL
    );
",
];

/// What a store keeps of one article: the cleaned article, and when known the document it was
/// cleaned from and its fingerprint as `(scheme, bytes)`.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// The cleaned article.
    pub article: &'a Article,
    /// The document as read (body and container fields), kept as JSON.
    pub raw: Option<&'a Raw>,
    /// The fingerprint's scheme (its name and version) and bytes, kept as given.
    pub fingerprint: Option<(&'a str, &'a [u8])>,
}

impl<'a> Entry<'a> {
    /// An article alone, without its document or fingerprint.
    pub fn article(article: &'a Article) -> Entry<'a> {
        Entry {
            article,
            raw: None,
            fingerprint: None,
        }
    }
}

/// The part of the `fold` table that holds how many articles the saved fold was made from.
const FOLDED_ARTICLES: &str = "folded_articles";

/// How many articles an add writes per transaction.
pub const BATCH: usize = 500;

/// What an add did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Added {
    /// Articles stored.
    pub added: usize,
    /// Articles skipped because their URL or their text was stored already.
    pub duplicates: usize,
}

/// What an add did, article by article: [`Store::add_listed`] and
/// [`Store::add_entries_listed`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stored {
    /// The counts.
    pub added: Added,
    /// The ids the stored articles were stored under (an id already taken gets a suffix), in
    /// the order given.
    pub ids: Vec<String>,
    /// For each article skipped as a duplicate, the id of the stored article it duplicates, in
    /// the order given.
    pub duplicate_of: Vec<String>,
}

/// An open store.
pub struct Store {
    connection: Connection,
    path: PathBuf,
}

impl Store {
    /// Open (creating if needed) the store at `path`, in WAL mode, migrated to the current
    /// schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, OpenFlags::default())
    }

    /// Open the store at `path`, which must exist already: [`StoreError::Missing`] otherwise,
    /// and no file is made. For the commands that only read a store (`export`, `serve`), where
    /// a mistyped path must not become a new, empty store.
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        let missing = || StoreError::Missing {
            path: path.to_owned(),
        };
        if !path.is_file() {
            return Err(missing());
        }
        // Without SQLITE_OPEN_CREATE, a file removed since the check is not made again.
        Store::open_with(path, OpenFlags::default() - OpenFlags::SQLITE_OPEN_CREATE).map_err(
            |error| match error {
                StoreError::Sqlite { .. } if !path.is_file() => missing(),
                other => other,
            },
        )
    }

    /// Open with these SQLite flags, in WAL mode, migrated to the current schema.
    fn open_with(path: &Path, flags: OpenFlags) -> Result<Store, StoreError> {
        let sqlite = |source| StoreError::Sqlite {
            path: path.to_owned(),
            source,
        };
        let connection = Connection::open_with_flags(path, flags).map_err(sqlite)?;
        connection
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(sqlite)?;
        connection
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(sqlite)?;
        connection
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(sqlite)?;
        let mut store = Store {
            connection,
            path: path.to_owned(),
        };
        store.migrate()?;
        Ok(store)
    }

    fn sqlite(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// Bring the schema to the current version, one migration per transaction.
    fn migrate(&mut self) -> Result<(), StoreError> {
        let version: i64 = self
            .connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(|e| self.sqlite(e))?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
                known,
            });
        }
        for (k, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = self
                .connection
                .transaction()
                .map_err(|e| StoreError::Sqlite {
                    path: self.path.clone(),
                    source: e,
                })?;
            tx.execute_batch(sql)
                .and_then(|()| tx.pragma_update(None, "user_version", k as i64 + 1))
                .and_then(|()| tx.commit())
                .map_err(|e| StoreError::Sqlite {
                    path: self.path.clone(),
                    source: e,
                })?;
        }
        Ok(())
    }

    /// Store the articles that are not stored yet, [`BATCH`] per transaction. An article is
    /// stored already when its URL is, or its cleaned text for the same outlet; an article whose id is taken by a
    /// different article gets the next free suffix (`report-2`).
    pub fn add(&mut self, articles: &[Article]) -> Result<Added, StoreError> {
        let entries: Vec<Entry<'_>> = articles.iter().map(Entry::article).collect();
        self.add_entries(&entries)
    }

    /// [`Store::add`], keeping each article's document and fingerprint with it, in the same
    /// transaction.
    pub fn add_entries(&mut self, entries: &[Entry<'_>]) -> Result<Added, StoreError> {
        self.add_entries_listed(entries).map(|stored| stored.added)
    }

    /// [`Store::add`], saying which ids the new articles were stored under and which stored
    /// articles the duplicates match.
    pub fn add_listed(&mut self, articles: &[Article]) -> Result<Stored, StoreError> {
        let entries: Vec<Entry<'_>> = articles.iter().map(Entry::article).collect();
        self.add_entries_listed(&entries)
    }

    /// [`Store::add_entries`], saying which ids the new articles were stored under and which
    /// stored articles the duplicates match (what `POST /api/articles` answers).
    pub fn add_entries_listed(&mut self, entries: &[Entry<'_>]) -> Result<Stored, StoreError> {
        let mut outcome = Stored::default();
        for batch in entries.chunks(BATCH) {
            let path = self.path.clone();
            let sqlite = |source| StoreError::Sqlite {
                path: path.clone(),
                source,
            };
            let tx = self.connection.transaction().map_err(sqlite)?;
            for entry in batch {
                let article = entry.article;
                let hash = format!("{:016x}", identity_hash(article));
                let stored: Option<String> = tx
                    .query_row(
                        "SELECT id FROM articles WHERE text_hash = ?1 OR (url IS NOT NULL AND url = ?2) \
                         ORDER BY seq LIMIT 1",
                        params![hash, article.url],
                        |row| row.get(0),
                    )
                    .optional()
                    .map_err(sqlite)?;
                if let Some(stored) = stored {
                    outcome.added.duplicates += 1;
                    outcome.duplicate_of.push(stored);
                    continue;
                }
                let mut id = article.id.clone();
                let mut k = 2;
                while tx
                    .query_row("SELECT 1 FROM articles WHERE id = ?1", [&id], |_| Ok(()))
                    .optional()
                    .map_err(sqlite)?
                    .is_some()
                {
                    id = format!("{}-{k}", article.id);
                    k += 1;
                }
                let mut article = article.clone();
                article.id = id;
                let json = serde_json::to_string(&article).map_err(|source| StoreError::Json {
                    path: path.clone(),
                    what: "article",
                    source,
                })?;
                tx.execute(
                    "INSERT INTO articles (id, url, text_hash, article) VALUES (?1, ?2, ?3, ?4)",
                    params![article.id, article.url, hash, json],
                )
                .map_err(sqlite)?;
                let seq = tx.last_insert_rowid();
                if let Some(raw) = entry.raw {
                    let document =
                        serde_json::to_string(raw).map_err(|source| StoreError::Json {
                            path: path.clone(),
                            what: "raw document",
                            source,
                        })?;
                    tx.execute(
                        "INSERT INTO raw (seq, document) VALUES (?1, ?2)",
                        params![seq, document],
                    )
                    .map_err(sqlite)?;
                }
                if let Some((scheme, bytes)) = entry.fingerprint {
                    tx.execute(
                        "INSERT INTO fingerprints (seq, scheme, value) VALUES (?1, ?2, ?3)",
                        params![seq, scheme, bytes],
                    )
                    .map_err(sqlite)?;
                }
                outcome.added.added += 1;
                outcome.ids.push(article.id);
            }
            tx.commit().map_err(sqlite)?;
        }
        Ok(outcome)
    }

    /// Every stored article, sorted by id.
    pub fn articles(&self) -> Result<Vec<Article>, StoreError> {
        let mut statement = self
            .connection
            .prepare("SELECT article FROM articles ORDER BY id")
            .map_err(|e| self.sqlite(e))?;
        let rows = statement
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(|e| self.sqlite(e))?;
        let mut out = Vec::new();
        for row in rows {
            let json = row.map_err(|e| self.sqlite(e))?;
            out.push(self.decode("article", &json)?);
        }
        Ok(out)
    }

    /// The document the article `id` was cleaned from, if the store has it.
    pub fn raw(&self, id: &str) -> Result<Option<Raw>, StoreError> {
        let json: Option<String> = self
            .connection
            .query_row(
                "SELECT raw.document FROM raw JOIN articles USING (seq) WHERE articles.id = ?1",
                [id],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.sqlite(e))?;
        json.map(|j| self.decode("raw document", &j)).transpose()
    }

    /// The fingerprint of the article `id` as `(scheme, bytes)`, if the store has one.
    pub fn fingerprint(&self, id: &str) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        self.connection
            .query_row(
                "SELECT fingerprints.scheme, fingerprints.value FROM fingerprints \
                 JOIN articles USING (seq) WHERE articles.id = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(|e| self.sqlite(e))
    }

    /// Number of stored articles.
    pub fn count(&self) -> Result<usize, StoreError> {
        self.connection
            .query_row("SELECT COUNT(*) FROM articles", [], |row| {
                row.get::<_, i64>(0)
            })
            .map(|n| n as usize)
            .map_err(|e| self.sqlite(e))
    }

    fn decode<T: serde::de::DeserializeOwned>(
        &self,
        what: &'static str,
        json: &str,
    ) -> Result<T, StoreError> {
        serde_json::from_str(json).map_err(|source| StoreError::Json {
            path: self.path.clone(),
            what,
            source,
        })
    }

    /// Replace the stored fold (reuse, origins, stories, rejected inputs, run) in one
    /// transaction. Its articles are those of the store, which this does not touch; how many
    /// there are (`fold.articles`, every stored article when it was folded) is recorded with
    /// it, for [`Store::unfolded`].
    pub fn save_fold(&mut self, fold: &Fold) -> Result<(), StoreError> {
        let json = |what: &'static str, value: serde_json::Result<String>| {
            value.map_err(|source| StoreError::Json {
                path: self.path.clone(),
                what,
                source,
            })
        };
        let parts = [
            ("reuse", json("reuse", serde_json::to_string(&fold.reuse))?),
            (
                "origins",
                json("origins", serde_json::to_string(&fold.origins))?,
            ),
            (
                "stories",
                json("stories", serde_json::to_string(&fold.stories))?,
            ),
            (
                "rejected",
                json("rejected", serde_json::to_string(&fold.rejected))?,
            ),
            ("run", json("run", serde_json::to_string(&fold.run))?),
            (
                "taken",
                json("taken", serde_json::to_string(&taken_of(&fold.articles)))?,
            ),
            (FOLDED_ARTICLES, fold.articles.len().to_string()),
        ];
        let path = self.path.clone();
        let sqlite = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.connection.transaction().map_err(sqlite)?;
        for (part, value) in parts {
            tx.execute(
                "INSERT INTO fold (part, value) VALUES (?1, ?2)
                 ON CONFLICT(part) DO UPDATE SET value = excluded.value",
                params![part, value],
            )
            .map_err(sqlite)?;
        }
        tx.commit().map_err(sqlite)
    }

    /// How many stored articles the stored fold does not cover: those stored after its fold was
    /// saved, by an add that was killed before it saved its own (or every article, when no
    /// fold was saved since they were stored). Articles are never removed, so this is the
    /// number stored minus the number the fold was made from.
    pub fn unfolded(&self) -> Result<usize, StoreError> {
        let folded: Option<String> = self
            .connection
            .query_row(
                "SELECT value FROM fold WHERE part = ?1",
                [FOLDED_ARTICLES],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.sqlite(e))?;
        let folded = folded.and_then(|n| n.parse::<usize>().ok()).unwrap_or(0);
        Ok(self.count()?.saturating_sub(folded))
    }

    /// The stored fold with every stored article (empty lists when nothing was folded yet).
    pub fn fold(&self) -> Result<Fold, StoreError> {
        let part = |name: &str| -> Result<Option<String>, StoreError> {
            self.connection
                .query_row("SELECT value FROM fold WHERE part = ?1", [name], |row| {
                    row.get(0)
                })
                .optional()
                .map_err(|e| self.sqlite(e))
        };
        let reuse: Vec<Reuse> = match part("reuse")? {
            Some(json) => self.decode("reuse", &json)?,
            None => Vec::new(),
        };
        let origins: Vec<Origin> = match part("origins")? {
            Some(json) => self.decode("origins", &json)?,
            None => Vec::new(),
        };
        let stories: Vec<Story> = match part("stories")? {
            Some(json) => self.decode("stories", &json)?,
            None => Vec::new(),
        };
        let rejected: Vec<Rejected> = match part("rejected")? {
            Some(json) => self.decode("rejected", &json)?,
            None => Vec::new(),
        };
        let run: RunInfo = match part("run")? {
            Some(json) => self.decode("run", &json)?,
            None => RunInfo::default(),
        };
        let taken: BTreeMap<String, Vec<Taken>> = match part("taken")? {
            Some(json) => self.decode("taken", &json)?,
            None => BTreeMap::new(),
        };
        let mut articles = self.articles()?;
        for a in &mut articles {
            a.taken = taken.get(&a.id).cloned().unwrap_or_default();
        }
        Ok(Fold {
            articles,
            stories,
            reuse,
            origins,
            rejected,
            run,
        })
    }
}

/// The fold's sentence provenance ([`Article::taken`]) by article id, for the articles that
/// took a sentence: a result of the fold, stored with it rather than with the articles (which
/// are stored as cleaned, before any fold).
fn taken_of(articles: &[Article]) -> BTreeMap<&str, &[Taken]> {
    articles
        .iter()
        .filter(|a| !a.taken.is_empty())
        .map(|a| (a.id.as_str(), a.taken.as_slice()))
        .collect()
}

/// What makes two articles the same article when they have no URL in common: the same cleaned
/// text from the same outlet (or both without an outlet). The same text from two outlets is a
/// syndicated copy, which newsfold must keep to tell who copied whom. The outlet is compared as
/// the article gave it ([`Article::outlet_as_given`]): the name a fold gives it depends on the
/// other articles of the batch it was cleaned with.
fn identity_hash(article: &Article) -> u64 {
    let outlet = article.outlet_as_given().unwrap_or("").to_lowercase();
    let mut bytes = Vec::with_capacity(outlet.len() + 1 + article.text.len());
    bytes.extend_from_slice(outlet.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(article.text.as_bytes());
    stable_hash(&bytes)
}

/// Where the store is when `--db` is not given: `$NEWSFOLD_DB`, else
/// `$XDG_DATA_HOME/newsfold/newsfold.db`, else `~/.local/share/newsfold/newsfold.db`, else
/// `newsfold.db` in the current folder.
pub fn default_path() -> PathBuf {
    if let Some(path) = std::env::var_os("NEWSFOLD_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")));
    match data {
        Some(dir) => dir.join("newsfold").join("newsfold.db"),
        None => PathBuf::from("newsfold.db"),
    }
}

#[cfg(test)]
mod tests {
    use super::{Entry, Store};
    use newsfold_core::{Article, Fold, Raw, RawBody, RawFields, Story};

    fn article(id: &str, url: Option<&str>, text: &str) -> Article {
        Article {
            id: id.into(),
            url: url.map(str::to_owned),
            text: text.into(),
            ..Article::default()
        }
    }

    #[test]
    fn open_existing_refuses_a_missing_store_and_makes_no_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let typo = dir.path().join("typo.db");
        let error = Store::open_existing(&typo).err().expect("no store there");
        assert!(
            matches!(error, super::StoreError::Missing { .. }),
            "{error}"
        );
        assert!(error.to_string().contains("typo.db"), "{error}");
        assert!(!typo.exists(), "a file was made");
        let real = dir.path().join("news.db");
        drop(Store::open(&real).expect("create"));
        assert!(Store::open_existing(&real).is_ok());
    }

    #[test]
    fn articles_are_stored_once_and_survive_reopening() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("news.db");
        let mut store = Store::open(&path).expect("open");
        let first = [
            article("a", Some("https://x.example/a"), "One text."),
            article("b", None, "Another text."),
        ];
        let added = store.add(&first).expect("add");
        assert_eq!((added.added, added.duplicates), (2, 0));
        // Same URL, same text, and a new article whose id is taken.
        let again = [
            article("a2", Some("https://x.example/a"), "Changed text."),
            article("c", None, "Another text."),
            article("a", None, "A third text."),
        ];
        let added = store.add(&again).expect("add");
        assert_eq!((added.added, added.duplicates), (1, 2));
        drop(store);
        let store = Store::open(&path).expect("reopen");
        let ids: Vec<String> = store
            .articles()
            .expect("read")
            .into_iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(ids, ["a", "a-2", "b"]);
    }

    #[test]
    fn an_add_says_which_ids_it_stored_and_which_articles_it_skipped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("news.db")).expect("open");
        let first = [
            article("a", Some("https://x.example/a"), "One text."),
            article("b", None, "Another text."),
        ];
        let stored = store.add_listed(&first).expect("add");
        assert_eq!(stored.ids, ["a", "b"]);
        assert!(stored.duplicate_of.is_empty());
        let again = [
            article("a", None, "A third text."),
            article("z", Some("https://x.example/a"), "Changed text."),
            article("y", None, "Another text."),
        ];
        let stored = store.add_listed(&again).expect("add");
        assert_eq!((stored.added.added, stored.added.duplicates), (1, 2));
        assert_eq!(stored.ids, ["a-2"]);
        assert_eq!(stored.duplicate_of, ["a", "b"]);
    }

    #[test]
    fn documents_and_fingerprints_are_kept_with_their_articles() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("news.db");
        let mut store = Store::open(&path).expect("open");
        let raw = Raw {
            path: "feed.jsonl".into(),
            record: Some("line 1".into()),
            index: 0,
            body: RawBody::Html("<p>One <b>text</b>.</p>".into()),
            fields: RawFields::default(),
        };
        let stored = article("a", None, "One text.");
        let entry = Entry {
            article: &stored,
            raw: Some(&raw),
            fingerprint: Some(("scheme-v1", &[1, 2, 3][..])),
        };
        store.add_entries(&[entry]).expect("add");
        // Stored once: a second add of the same article keeps the first document.
        assert_eq!(store.add_entries(&[entry]).expect("add").duplicates, 1);
        drop(store);
        let store = Store::open(&path).expect("reopen");
        assert_eq!(store.raw("a").expect("read"), Some(raw));
        assert_eq!(
            store.fingerprint("a").expect("read"),
            Some(("scheme-v1".to_owned(), vec![1, 2, 3]))
        );
        assert_eq!(store.raw("none").expect("read"), None);
    }

    #[test]
    fn a_store_of_the_first_schema_is_migrated_and_keeps_its_articles() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("old.db");
        {
            let connection = rusqlite::Connection::open(&path).expect("sqlite");
            connection
                .execute_batch(super::MIGRATIONS[0])
                .expect("schema 1");
            connection
                .pragma_update(None, "user_version", 1)
                .expect("version");
            let json = serde_json::to_string(&article("a", None, "Old text.")).expect("json");
            connection
                .execute(
                    "INSERT INTO articles (id, url, text_hash, article) VALUES ('a', NULL, 'h', ?1)",
                    [json],
                )
                .expect("insert");
        }
        let store = Store::open(&path).expect("open migrates");
        assert_eq!(store.count().expect("count"), 1);
        assert_eq!(store.raw("a").expect("read"), None);
        let version: i64 = store
            .connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .expect("version");
        assert_eq!(version, super::MIGRATIONS.len() as i64);
    }

    #[test]
    fn articles_stored_after_the_last_fold_are_counted_as_unfolded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("news.db")).expect("open");
        store.add(&[article("a", None, "Text.")]).expect("add");
        // Stored but never folded: an add killed before its first fold.
        assert_eq!(store.unfolded().expect("count"), 1);
        let fold = store.fold().expect("fold");
        store.save_fold(&fold).expect("save");
        assert_eq!(store.unfolded().expect("count"), 0);
        // An add killed between its articles and its fold.
        store
            .add(&[article("b", None, "More."), article("c", None, "Again.")])
            .expect("add");
        assert_eq!(store.unfolded().expect("count"), 2);
    }

    #[test]
    fn the_fold_is_replaced_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("news.db")).expect("open");
        store.add(&[article("a", None, "Text.")]).expect("add");
        assert!(store.fold().expect("fold").stories.is_empty());
        let story = Story {
            id: "s-1".into(),
            headline: Some("Headline".into()),
            articles: vec!["a".into()],
            independent: 1,
            ..Story::default()
        };
        let fold = Fold {
            stories: vec![story],
            ..Fold::default()
        };
        store.save_fold(&fold).expect("save");
        let back = store.fold().expect("fold");
        assert_eq!(back.stories, fold.stories);
        assert_eq!(back.articles.len(), 1);
    }
}
