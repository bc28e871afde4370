//! The cache: SQLite in WAL mode, the only module that speaks SQL.
//!
//! Summaries (what the list shows) and bodies live in separate tables, so listing reads no body
//! bytes and startup cost does not grow with article length. An article is written in one
//! transaction, body included: it is stored whole or not at all.

mod checkpoint;
mod migrations;
mod put;
mod query;
mod raw;
mod rows;
mod search;
mod snippet;
mod stream;
mod vocab;
mod window;

pub use checkpoint::Checkpointer;
pub use query::fts_query;
pub use raw::{PackedPage, RawPage};
pub use search::{Hit, MATCH_END, MATCH_START};
pub use stream::Saved;
pub use window::{Anchor, Counts, Window};

use std::cell::RefCell;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension, params};

use crate::model::{Article, Summary};
use put::{put_in, read_by};
use raw::Pack;
use rows::ARTICLE_COLUMNS;

/// Errors of the cache, worded for a one-line message.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the cache at {path}: {reason}")]
    Open { path: String, reason: String },
    #[error(
        "the cache at {path} is damaged or not a gxnews cache ({reason}); move it aside to start afresh"
    )]
    Corrupt { path: String, reason: String },
    #[error(
        "the cache at {path} was written by a newer gxnews (schema {found}, this one knows {known}); use that gxnews, or give this one another --data-dir"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error(
        "the cache at {path} is read-only ({reason}); give gxnews write permission to it and its folder, or another --data-dir"
    )]
    ReadOnly { path: String, reason: String },
    #[error("no space left for the cache at {path}; free some disk space and try again")]
    DiskFull { path: String },
    #[error(
        "the cache at {path} is locked by another program; close it (or wait for it) and try again"
    )]
    Locked { path: String },
    #[error("the cache is busy: another gxnews is writing to it; try again in a moment")]
    Busy,
    #[error("the cache is damaged: {0}; move it aside to start afresh")]
    Damaged(String),
    #[error("cache error: {0}")]
    Sql(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match &e {
            rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::Utf8Error(..)
            | rusqlite::Error::InvalidColumnType(..) => {
                return StoreError::Damaged("a stored value is not what it should be".into());
            }
            _ => {}
        }
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => StoreError::Busy,
            Some(C::DatabaseCorrupt | C::NotADatabase) => {
                StoreError::Damaged("its file is not a whole database".into())
            }
            _ => StoreError::Sql(e.to_string()),
        }
    }
}

impl StoreError {
    /// The error opening the cache at `path` met, named for what the user can do about it:
    /// only a damaged cache is told to move aside.
    fn opening(path: &str, e: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode as C;
        let reason = match &e {
            rusqlite::Error::SqliteFailure(f, Some(msg)) => format!("{msg} ({:?})", f.code),
            other => other.to_string(),
        };
        let path = path.to_string();
        match e.sqlite_error_code() {
            Some(C::ReadOnly) => StoreError::ReadOnly { path, reason },
            Some(C::DiskFull) => StoreError::DiskFull { path },
            Some(C::DatabaseLocked) => StoreError::Locked { path },
            Some(C::DatabaseBusy) => StoreError::Busy,
            Some(C::CannotOpen | C::PermissionDenied | C::SystemIoFailure) => {
                StoreError::Open { path, reason }
            }
            _ => StoreError::Corrupt { path, reason },
        }
    }
}

/// What storing an article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    New(i64),
    Updated(i64),
    Unchanged(i64),
}

impl Stored {
    pub fn id(self) -> i64 {
        match self {
            Stored::New(id) | Stored::Updated(id) | Stored::Unchanged(id) => id,
        }
    }
}

/// Which articles a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub unread_only: bool,
    pub starred_only: bool,
    pub section: Option<String>,
}

/// The article cache.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Words known to be in the vocabulary table already.
    known: RefCell<vocab::KnownWords>,
}

/// The path an in-memory cache reports.
const IN_MEMORY: &str = ":memory:";

/// The cache file inside a data directory.
pub fn cache_path(data_dir: &Path) -> PathBuf {
    data_dir.join("cache.sqlite3")
}

impl Store {
    /// Opens (creating if needed) the cache in `data_dir` and brings its schema up to date.
    pub fn open_dir(data_dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|e| StoreError::Open {
            path: data_dir.display().to_string(),
            reason: e.to_string(),
        })?;
        Store::open(&cache_path(data_dir))
    }

    /// Opens (creating if needed) the cache file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let shown = path.display().to_string();
        let conn = Connection::open(path).map_err(|e| StoreError::opening(&shown, e))?;
        let corrupt = |e: rusqlite::Error| StoreError::opening(&shown, e);
        conn.busy_timeout(Duration::from_secs(5)).map_err(corrupt)?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(corrupt)?;
        if version == 0 {
            // Before the first write (switching to WAL writes the header): only a file with
            // no tables takes incremental vacuum without a full VACUUM.
            conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")
                .map_err(corrupt)?;
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(corrupt)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(corrupt)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(corrupt)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            known: RefCell::default(),
        };
        migrations::migrate(&mut store.conn).map_err(|e| match e {
            migrations::MigrateError::TooNew { found, known } => StoreError::TooNew {
                path: shown.clone(),
                found,
                known,
            },
            migrations::MigrateError::Sql(e) => corrupt(e),
        })?;
        Ok(store)
    }

    /// An in-memory cache, for tests and `parse`.
    pub fn in_memory() -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        migrations::migrate(&mut conn).map_err(|e| StoreError::Sql(format!("{e:?}")))?;
        Ok(Store {
            conn,
            path: PathBuf::from(IN_MEMORY),
            known: RefCell::default(),
        })
    }

    /// A second connection to this cache's file, for a writer on a thread of its own. An
    /// in-memory cache has no file to share.
    pub fn reopen(&self) -> Result<Store, StoreError> {
        if self.path == Path::new(IN_MEMORY) {
            return Err(StoreError::Open {
                path: IN_MEMORY.into(),
                reason: "an in-memory cache takes no second connection".into(),
            });
        }
        Store::open(&self.path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open cache.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Stores an article whole (summary and body in one transaction). An existing article with
    /// the same URL is updated in place and keeps its id and read state.
    pub fn put(&mut self, a: &Article) -> Result<Stored, StoreError> {
        self.put_with_pages(a, &[])
    }

    /// Stores an article and the fetched bytes of its pages, all in one transaction. Pages given
    /// replace the article's saved pages; none given keeps them. An article already cached
    /// under the URL keeps its id, read state, star and reading position.
    pub fn put_with_pages(&mut self, a: &Article, pages: &[RawPage]) -> Result<Stored, StoreError> {
        let tx = self.write()?;
        let outcome = put_in(&tx, a, pages, read_by(pages), &self.known)?;
        tx.commit()?;
        self.known.borrow_mut().commit();
        Ok(outcome)
    }

    /// Stores many articles (each with its pages, as [`Store::put_with_pages`]) in one
    /// transaction: all of them or none. A batch is far cheaper than as many commits, for
    /// re-reading the cache and for building large caches.
    pub fn put_many(
        &mut self,
        items: &[(Article, Vec<RawPage>)],
    ) -> Result<Vec<Stored>, StoreError> {
        self.put_batch(items)
    }

    /// [`Store::put_many`] with pages packed already ([`RawPage::pack`]), so that the thread
    /// that writes does not compress them.
    pub fn put_many_packed(
        &mut self,
        items: &[(Article, Vec<PackedPage>)],
    ) -> Result<Vec<Stored>, StoreError> {
        self.put_batch(items)
    }

    fn put_batch(
        &mut self,
        items: &[(Article, Vec<impl Pack>)],
    ) -> Result<Vec<Stored>, StoreError> {
        let tx = self.write()?;
        let out = items
            .iter()
            .map(|(a, pages)| put_in(&tx, a, pages, read_by(pages), &self.known))
            .collect::<Result<Vec<_>, _>>()?;
        tx.commit()?;
        self.known.borrow_mut().commit();
        Ok(out)
    }

    /// Summaries, newest first (undated articles last). `limit` of `None` means all.
    pub fn summaries(&self, limit: Option<usize>) -> Result<Vec<Summary>, StoreError> {
        self.summaries_where(&ListFilter::default(), limit)
    }

    /// One whole article by id.
    pub fn article(&self, id: i64) -> Result<Option<Article>, StoreError> {
        self.article_where("a.id = ?1", rusqlite::types::Value::Integer(id))
    }

    /// One whole article by its canonical URL.
    pub fn article_by_url(&self, url: &str) -> Result<Option<Article>, StoreError> {
        self.article_where("a.url = ?1", rusqlite::types::Value::Text(url.to_string()))
    }

    fn article_where(
        &self,
        cond: &str,
        arg: rusqlite::types::Value,
    ) -> Result<Option<Article>, StoreError> {
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles a JOIN bodies b ON b.article_id = a.id
             WHERE {cond}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let row = stmt.query_row([arg], rows::article_row).optional()?;
        Ok(row)
    }

    /// Which of these URLs the cache already holds, as articles or as pages of one.
    pub fn known_urls<'a>(
        &self,
        urls: impl IntoIterator<Item = &'a str>,
    ) -> Result<HashSet<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT 1 FROM articles WHERE url = ?1 UNION ALL SELECT 1 FROM raw_pages WHERE url = ?1
             UNION ALL SELECT 1 FROM pruned WHERE url = ?1",
        )?;
        let mut out = HashSet::new();
        for u in urls {
            if stmt.exists([u])? {
                out.insert(u.to_string());
            }
        }
        Ok(out)
    }

    /// Marks an article read or unread.
    pub fn set_read(&self, id: i64, read: bool) -> Result<(), StoreError> {
        self.write_one(
            "UPDATE articles SET read = ?2 WHERE id = ?1",
            params![id, read as i64],
        )
    }

    /// A write transaction that takes the write lock when it begins (`BEGIN IMMEDIATE`): while
    /// another gxnews writes, it waits out the busy timeout for its turn instead of failing
    /// when it first writes after reading (which a deferred transaction cannot wait out).
    pub(crate) fn write(&self) -> Result<rusqlite::Transaction<'_>, StoreError> {
        self.known.borrow_mut().begin();
        Ok(rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?)
    }

    /// One statement written in a transaction of its own (see [`Store::write`]).
    pub(crate) fn write_one(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        tx.execute(sql, params)?;
        tx.commit()?;
        Ok(())
    }

    /// Removes articles published before `cutoff`, except starred ones, in one transaction;
    /// their URLs are remembered so a crawl does not fetch them again. Returns how many went.
    pub fn prune(&mut self, cutoff: DateTime<FixedOffset>) -> Result<usize, StoreError> {
        let tx = self.write()?;
        let ids: Vec<i64> = {
            let mut stmt = tx.prepare(
                "SELECT id FROM articles
                 WHERE starred = 0 AND published_ts IS NOT NULL AND published_ts < ?1",
            )?;
            stmt.query_map([cutoff.timestamp()], |r| r.get(0))?
                .collect::<Result<_, _>>()?
        };
        let now = chrono::Utc::now().to_rfc3339();
        for id in &ids {
            tx.execute(
                "INSERT OR IGNORE INTO pruned (url, pruned_at)
                 SELECT url, ?2 FROM articles WHERE id = ?1
                 UNION SELECT url, ?2 FROM raw_pages WHERE article_id = ?1",
                params![id, now],
            )?;
            tx.execute(
                "DELETE FROM articles_fts WHERE rowid = (SELECT ord FROM articles WHERE id = ?1)",
                [id],
            )?;
            // Bodies and saved pages go with the article (foreign keys cascade).
            tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
        }
        tx.commit()?;
        if !ids.is_empty() {
            // The file shrinks back; a busy cache keeps its free pages for the next writes.
            if let Err(e) = give_back(&self.conn) {
                tracing::warn!("could not give freed pages back after pruning: {e}");
            }
        }
        Ok(ids.len())
    }

    /// Gives the pages freed by rewrites and removals back to the file system, and folds the
    /// search index's pending deletions into it, so the file does not grow with every
    /// re-reading of the cache.
    pub fn compact(&self) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO articles_fts (articles_fts) VALUES ('optimize')",
            [],
        )?;
        give_back(&self.conn)?;
        Ok(())
    }

    /// How many articles the cache holds.
    pub fn count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}

/// Gives every free page of the file back to the file system. The pragma frees one page per
/// step, so it is stepped to its end.
fn give_back(conn: &Connection) -> Result<(), StoreError> {
    let mut stmt = conn.prepare("PRAGMA incremental_vacuum")?;
    let mut rows = stmt.query([])?;
    while rows.next()?.is_some() {}
    Ok(())
}

pub(crate) fn parse_time(s: Option<String>) -> Option<DateTime<FixedOffset>> {
    s.and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
}

#[cfg(test)]
mod tests;
