//! Full-text search (SQLite FTS5, kept in step with the articles by the store), stars, reading
//! positions and the reader's small state.

use rusqlite::{Transaction, params};

use super::{Store, StoreError, parse_time};
use crate::model::Summary;

/// One search result: the article's row and a snippet of the text around the match, with the
/// matched words between `\u{1}` and `\u{2}` (markers no scraped text contains).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub summary: Summary,
    pub snippet: String,
}

/// Marks the start and end of a matched word in [`Hit::snippet`].
pub const MATCH_START: char = '\u{1}';
pub const MATCH_END: char = '\u{2}';

/// (Re)indexes one article, inside the transaction that stores it.
pub(super) fn index(
    tx: &Transaction,
    id: i64,
    title: &str,
    body: &[String],
) -> Result<(), StoreError> {
    tx.execute("DELETE FROM articles_fts WHERE rowid = ?1", [id])?;
    tx.execute(
        "INSERT INTO articles_fts (rowid, title, body) VALUES (?1, ?2, ?3)",
        params![id, title, body.join("\n")],
    )?;
    Ok(())
}

/// Turns what a user typed into an FTS5 query that cannot be a syntax error: every word is
/// quoted (so `-`, `*`, `:`, `(`, `NEAR` and quotes mean nothing), words must all match, and
/// the last word matches as a prefix so results come as you type. A quoted phrase stays a
/// phrase. `None` when nothing searchable is left.
pub fn fts_query(input: &str) -> Option<String> {
    let mut parts = Vec::new();
    for (i, chunk) in input.split('"').enumerate() {
        let words: Vec<&str> = chunk
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .map(|w| w.trim_matches('\''))
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            continue;
        }
        if i % 2 == 1 {
            // Inside quotes: a phrase.
            parts.push(format!("\"{}\"", words.join(" ")));
        } else {
            parts.extend(words.iter().map(|w| format!("\"{w}\"")));
        }
    }
    if parts.is_empty() {
        return None;
    }
    let ends_in_word = input.chars().last().is_some_and(|c| c.is_alphanumeric());
    if let Some(last) = parts.last_mut().filter(|_| ends_in_word) {
        last.push('*');
    }
    Some(parts.join(" "))
}

impl Store {
    /// Articles matching a query, best match first (title matches weigh more).
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, StoreError> {
        let Some(q) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.url, a.title, a.section, a.published, a.read, a.starred,
                    snippet(articles_fts, 1, char(1), char(2), '…', 16)
             FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
             WHERE articles_fts MATCH ?1
             ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![q, limit as i64], |r| {
            Ok(Hit {
                summary: Summary {
                    id: r.get(0)?,
                    url: r.get(1)?,
                    title: r.get(2)?,
                    section: r.get(3)?,
                    published: parse_time(r.get(4)?),
                    read: r.get::<_, i64>(5)? != 0,
                    starred: r.get::<_, i64>(6)? != 0,
                },
                // Paragraphs are indexed one per line: a snippet spanning two reads as one line.
                snippet: r
                    .get::<_, String>(7)?
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            })
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
            "SELECT section, count(*), sum(read = 0) FROM articles
             WHERE section IS NOT NULL GROUP BY section ORDER BY count(*) DESC, section",
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

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn hostile_queries_become_plain_words() {
        assert_eq!(fts_query("ASEAN").as_deref(), Some("\"ASEAN\"*"));
        assert_eq!(
            fts_query("China-ASEAN expo").as_deref(),
            Some("\"China\" \"ASEAN\" \"expo\"*")
        );
        assert_eq!(
            fts_query("\"Beibu Gulf\" port").as_deref(),
            Some("\"Beibu Gulf\" \"port\"*")
        );
        assert_eq!(
            fts_query("NEAR(a b) OR title:x *").as_deref(),
            Some("\"NEAR\" \"a\" \"b\" \"OR\" \"title\" \"x\"")
        );
        assert_eq!(
            fts_query("\"unbalanced"),
            Some("\"unbalanced\"*".to_string())
        );
        assert_eq!(fts_query("*()-:^"), None);
        assert_eq!(fts_query(""), None);
    }
}
