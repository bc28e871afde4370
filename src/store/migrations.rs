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
    // 6: a cache that stays fast and small at a million articles.
    // - `ord`, one unique key in list order (publication second, then id; undated last): the
    //   list reads windows of it by keyset, and it is the search index's rowid, so hits come
    //   newest first and a page of them is read without scoring every match.
    // - counts per section kept by triggers, so no view counts rows. (A trigger's INSERT
    //   takes the conflict rule of the statement that fired it, so it checks rather than
    //   relying on OR IGNORE.)
    // - the search index holds no copy of the text (contentless, rows deletable) and no word
    //   positions (a phrase is checked in the text of the articles found), with prefix
    //   indexes for the first two letters being typed; longer starts of words are completed
    //   from a vocabulary of the words stored.
    "ALTER TABLE articles ADD COLUMN ord INTEGER;
    UPDATE articles SET ord = (min(max(ifnull(published_ts, 0), 0), 8589934591) << 30)
                              | (id & 1073741823);
    CREATE UNIQUE INDEX articles_by_ord ON articles (ord);
    CREATE INDEX articles_unread ON articles (ord) WHERE read = 0;
    CREATE INDEX articles_starred ON articles (ord) WHERE starred = 1;
    DROP INDEX articles_by_date;
    DROP INDEX articles_by_section;
    CREATE INDEX articles_by_section ON articles (section, ord);
    CREATE INDEX articles_unread_by_section ON articles (section, ord) WHERE read = 0;
    CREATE TABLE counts (
        section        TEXT PRIMARY KEY,
        total          INTEGER NOT NULL DEFAULT 0,
        unread         INTEGER NOT NULL DEFAULT 0,
        starred        INTEGER NOT NULL DEFAULT 0,
        unread_starred INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO counts
        SELECT ifnull(section, ''), count(*), sum(read = 0), sum(starred = 1),
               sum(read = 0 AND starred = 1)
        FROM articles GROUP BY ifnull(section, '');
    CREATE TRIGGER counts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO counts (section) SELECT ifnull(new.section, '')
            WHERE NOT EXISTS (SELECT 1 FROM counts WHERE section = ifnull(new.section, ''));
        UPDATE counts SET total = total + 1, unread = unread + (new.read = 0),
            starred = starred + (new.starred = 1),
            unread_starred = unread_starred + (new.read = 0 AND new.starred = 1)
        WHERE section = ifnull(new.section, '');
    END;
    CREATE TRIGGER counts_delete AFTER DELETE ON articles BEGIN
        UPDATE counts SET total = total - 1, unread = unread - (old.read = 0),
            starred = starred - (old.starred = 1),
            unread_starred = unread_starred - (old.read = 0 AND old.starred = 1)
        WHERE section = ifnull(old.section, '');
        DELETE FROM counts WHERE section = ifnull(old.section, '') AND total <= 0;
    END;
    CREATE TRIGGER counts_update AFTER UPDATE OF read, starred, section ON articles BEGIN
        UPDATE counts SET total = total - 1, unread = unread - (old.read = 0),
            starred = starred - (old.starred = 1),
            unread_starred = unread_starred - (old.read = 0 AND old.starred = 1)
        WHERE section = ifnull(old.section, '');
        INSERT INTO counts (section) SELECT ifnull(new.section, '')
            WHERE NOT EXISTS (SELECT 1 FROM counts WHERE section = ifnull(new.section, ''));
        UPDATE counts SET total = total + 1, unread = unread + (new.read = 0),
            starred = starred + (new.starred = 1),
            unread_starred = unread_starred + (new.read = 0 AND new.starred = 1)
        WHERE section = ifnull(new.section, '');
        DELETE FROM counts WHERE section = ifnull(old.section, '') AND total <= 0;
    END;
    DROP TABLE articles_fts;
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content = '',
        contentless_delete = 1, prefix = '1 2', detail = column,
        tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO articles_fts (rowid, title, body)
        SELECT a.ord, a.title, (SELECT group_concat(value, char(10)) FROM json_each(b.body))
        FROM articles a JOIN bodies b ON b.article_id = a.id;
    CREATE TABLE words (word TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE VIRTUAL TABLE temp.index_words USING fts5vocab(main, articles_fts, row);
    INSERT INTO words SELECT term FROM temp.index_words WHERE length(term) <= 40;
    DROP TABLE temp.index_words;",
];

/// The first schema whose file is kept compact by incremental vacuum; a cache older than it is
/// vacuumed once, after migrating, to take it up.
const COMPACT_FROM: i64 = 6;

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
    if found == 0 {
        // Only a file with no tables yet can take this without a full VACUUM.
        conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")?;
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
    let vacuum: i64 = conn.query_row("PRAGMA auto_vacuum", [], |r| r.get(0))?;
    if found > 0 && found < COMPACT_FROM && vacuum != 2 {
        // Once: the old search index's copy of every text is gone, give its pages back and
        // keep the file compact from now on.
        conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")?;
        conn.execute_batch("VACUUM")?;
    }
    Ok(())
}
