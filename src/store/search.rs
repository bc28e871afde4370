//! Full-text search (SQLite FTS5, kept in step with the articles by the store), stars, reading
//! positions and the reader's small state.

use rusqlite::{Transaction, params};

use super::query::{self, fts_query};
use super::rows::{SUMMARY_COLUMNS, summary_at};
use super::vocab::KnownWords;
use super::{Store, StoreError, snippet};
use crate::model::Summary;

/// One search result: the article's row and a snippet of the text around the match, with the
/// matched words between `\u{1}` and `\u{2}` (markers no scraped text contains).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub summary: Summary,
    pub snippet: String,
    /// The article's list key: where the next page of hits starts.
    pub ord: i64,
}

/// Marks the start and end of a matched word in [`Hit::snippet`].
pub const MATCH_START: char = '\u{1}';
pub const MATCH_END: char = '\u{2}';

/// (Re)indexes one article under its list key, inside the transaction that stores it,
/// dropping the rows it had under its old key.
pub(super) fn index(
    tx: &Transaction,
    old: Option<i64>,
    ord: i64,
    title: &str,
    body: &[String],
    known: &mut KnownWords,
) -> Result<(), StoreError> {
    if let Some(old) = old {
        tx.prepare_cached("DELETE FROM articles_fts WHERE rowid = ?1")?
            .execute([old])?;
    }
    tx.prepare_cached("INSERT INTO articles_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![ord, title, body.join("\n")])?;
    let mut add = tx.prepare_cached("INSERT OR IGNORE INTO words (word) VALUES (?1)")?;
    for word in query::vocabulary(title, body) {
        if !known.knows(&word) {
            add.execute([&word])?;
            known.stage(word);
        }
    }
    Ok(())
}

/// SQLite steps between two checks of whether a statement is still wanted: about a tenth of
/// a millisecond of work, so a dropped search stops at once and the checks cost nothing.
const STEPS_BETWEEN_CHECKS: std::ffi::c_int = 1000;

impl Store {
    /// Runs `work` on this cache; once `dropped` says its answer is no longer wanted (the user
    /// typed on), the statement running stops and fails as interrupted.
    pub fn interruptible<T>(
        &mut self,
        dropped: impl Fn() -> bool + Send + std::panic::RefUnwindSafe + 'static,
        work: impl FnOnce(&Store) -> T,
    ) -> Result<T, StoreError> {
        self.conn
            .progress_handler(STEPS_BETWEEN_CHECKS, Some(dropped))?;
        let out = work(self);
        self.conn.progress_handler(0, None::<fn() -> bool>)?;
        Ok(out)
    }

    /// Articles matching a query, newest first (the list's order), at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, StoreError> {
        self.search_page(query, None, limit)
    }

    /// One page of the articles matching a query, newest first: those below the list key
    /// `below` (the last hit of the page before), or from the top. The index is read in key
    /// order and stops at `limit` hits, so a page costs the same whether a word is in ten
    /// articles or in a million; snippets are built for the page's hits only.
    pub fn search_page(
        &self,
        query: &str,
        below: Option<i64>,
        limit: usize,
    ) -> Result<Vec<Hit>, StoreError> {
        let Some(q) = self.index_query(query)? else {
            return Ok(Vec::new());
        };
        let phrases = query::phrases(query);
        let words = snippet::Terms::of(query);
        let mut hits = Vec::new();
        let mut below = below.unwrap_or(i64::MAX);
        // Without a phrase every article the index finds is a hit: one read. With one, the
        // index's finds are read a page at a time until `limit` of them hold the phrase.
        while hits.len() < limit {
            let found = self.found_below(&q, below, limit)?;
            let whole = found.len() == limit;
            below = found.last().map_or(below, |f| f.1);
            hits.extend(
                found
                    .into_iter()
                    .filter(|(s, _, body)| query::holds_phrases(&phrases, &s.title, body))
                    .map(|(summary, ord, body)| Hit {
                        snippet: words.snippet(&body),
                        summary,
                        ord,
                    }),
            );
            if !whole {
                break;
            }
        }
        hits.truncate(limit);
        Ok(hits)
    }

    /// The FTS5 query for what was typed, its last word completed from the vocabulary
    /// (see [`query::MAX_EXPANSION`]); `None` when nothing can match.
    fn index_query(&self, input: &str) -> Result<Option<String>, StoreError> {
        let Some(start) = query::last_start(input) else {
            return Ok(fts_query(input));
        };
        let mut stmt = self
            .conn
            .prepare_cached("SELECT word FROM words WHERE word >= ?1 AND word < ?2 LIMIT ?3")?;
        let words = stmt
            .query_map(
                params![
                    start,
                    query::past_start(&start),
                    query::MAX_EXPANSION as i64 + 1
                ],
                |r| r.get::<_, String>(0),
            )?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(match words.len() {
            0 => None,
            n if n > query::MAX_EXPANSION => fts_query(input),
            _ => query::with_completions(input, &words),
        })
    }

    /// Up to `limit` articles the index finds for an FTS5 query below the list key `below`,
    /// newest first, with their list keys and texts.
    fn found_below(
        &self,
        q: &str,
        below: i64,
        limit: usize,
    ) -> Result<Vec<(Summary, i64, Vec<String>)>, StoreError> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, m.k, b.body
             FROM (SELECT rowid AS k FROM articles_fts WHERE articles_fts MATCH ?1 AND rowid < ?2
                   ORDER BY rowid DESC LIMIT ?3) m
             JOIN articles a ON a.ord = m.k JOIN bodies b ON b.article_id = a.id
             ORDER BY m.k DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![q, below, limit as i64], |r| {
            let body: Vec<String> =
                serde_json::from_str(&r.get::<_, String>(8)?).unwrap_or_default();
            Ok((summary_at(r, 0)?, r.get(7)?, body))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Stars or unstars an article.
    pub fn set_starred(&self, id: i64, starred: bool) -> Result<(), StoreError> {
        self.write_one(
            "UPDATE articles SET starred = ?2 WHERE id = ?1",
            params![id, starred as i64],
        )
    }

    /// Marks every listed article read (or unread) in one transaction.
    pub fn set_read_many(&mut self, ids: &[i64], read: bool) -> Result<(), StoreError> {
        let tx = self.write()?;
        {
            let mut stmt = tx.prepare_cached("UPDATE articles SET read = ?2 WHERE id = ?1")?;
            for id in ids {
                stmt.execute(params![id, read as i64])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Saves the scroll position of an article.
    pub fn set_scroll(&self, id: i64, row: usize) -> Result<(), StoreError> {
        self.write_one(
            "UPDATE articles SET scroll = ?2 WHERE id = ?1",
            params![id, row as i64],
        )
    }

    /// The saved scroll position of an article.
    pub fn scroll(&self, id: i64) -> Result<usize, StoreError> {
        let row: i64 = self
            .conn
            .query_row("SELECT scroll FROM articles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap_or(0);
        Ok(usize::try_from(row).unwrap_or(0))
    }

    /// A value of the reader's saved state.
    pub fn state(&self, key: &str) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row("SELECT value FROM state WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Saves a value of the reader's state.
    pub fn set_state(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.write_one(
            "INSERT INTO state (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )
    }

    /// The sections of the cache with their article and unread counts, largest first.
    pub fn sections(&self) -> Result<Vec<(String, usize, usize)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT section, total, unread FROM counts
             WHERE section <> '' AND total > 0 ORDER BY total DESC, section",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)? as usize,
                r.get::<_, i64>(2)? as usize,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
