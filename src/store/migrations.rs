//! Schema migrations, from the first release on. `PRAGMA user_version` records how many have
//! run; each runs in its own transaction, so a cache is never left half-migrated.

use rusqlite::Connection;

/// The migrations, in order. Never edit one that has shipped: add another.
const MIGRATIONS: &[&str] = &[
    // 1: articles (what the list shows) and their bodies, kept apart.
    "CREATE TABLE articles (
        id           INTEGER PRIMARY KEY,
        url          TEXT NOT NULL UNIQUE,
        title        TEXT NOT NULL,
        section      TEXT,
        published    TEXT,
        published_ts INTEGER,
        source       TEXT,
        editor       TEXT,
        views        INTEGER,
        breadcrumb   TEXT NOT NULL DEFAULT '[]',
        images       TEXT NOT NULL DEFAULT '[]',
        fetched_at   TEXT NOT NULL DEFAULT '',
        read         INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE bodies (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        body       TEXT NOT NULL
    );
    CREATE INDEX articles_by_date ON articles (published_ts DESC, id DESC);",
    // 2: the fetched bytes of every page of an article (compressed), with the version of the
    // extractor that read them, so a better extractor can re-read the cache offline; and the
    // attachments (PDF and other non-HTML links) the crawler met.
    "CREATE TABLE raw_pages (
        url          TEXT PRIMARY KEY,
        article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        page_no      INTEGER NOT NULL DEFAULT 0,
        content_type TEXT,
        fetched_at   TEXT NOT NULL,
        body         BLOB NOT NULL
    );
    CREATE INDEX raw_pages_by_article ON raw_pages (article_id, page_no);
    ALTER TABLE articles ADD COLUMN extractor INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE attachments (
        url          TEXT PRIMARY KEY,
        title        TEXT,
        found_on     TEXT,
        content_type TEXT,
        seen_at      TEXT NOT NULL
    );",
    // 3: stars, reading positions, full-text search over titles and bodies (built here for
    // the articles already cached), and a small key-value table for the reader's state.
    "ALTER TABLE articles ADD COLUMN starred INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE articles ADD COLUMN scroll INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_by_section ON articles (section, published_ts DESC);
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO articles_fts (rowid, title, body)
        SELECT a.id, a.title, (SELECT group_concat(value, char(10)) FROM json_each(b.body))
        FROM articles a JOIN bodies b ON b.article_id = a.id;
    CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    // 4: the URLs of articles pruned for age, so that a later crawl does not fetch them again.
    "CREATE TABLE pruned (url TEXT PRIMARY KEY, pruned_at TEXT NOT NULL);",
    // 5: the links of an article's text, numbered where they stand.
    "ALTER TABLE articles ADD COLUMN links TEXT NOT NULL DEFAULT '[]';",
];

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

#[derive(Debug)]
pub enum MigrateError {
    TooNew { found: i64, known: i64 },
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for MigrateError {
    fn from(e: rusqlite::Error) -> Self {
        MigrateError::Sql(e)
    }
}

/// Brings a cache up to [`VERSION`].
pub fn migrate(conn: &mut Connection) -> Result<(), MigrateError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > VERSION {
        return Err(MigrateError::TooNew {
            found,
            known: VERSION,
        });
    }
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0))
    {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
