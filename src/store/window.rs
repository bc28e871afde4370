//! Windows of the list: the rows a reader shows, read by their place in a view without reading
//! the view whole. Every view walks an index in list order (`ord`, newest first), so a window
//! costs the rows it returns plus, for a jump, a walk of the index's keys alone; counts come
//! from the table the triggers keep.

use rusqlite::types::Value;

use super::rows::{SUMMARY_COLUMNS, summary_at};
use super::{ListFilter, Store, StoreError};
use crate::model::Summary;

/// How many articles a view holds, and how many of them are unread.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub unread: usize,
}

/// A row of a view whose place is known: a starting point for reading nearby rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// The row's place in the view, from 0 at the top.
    pub index: usize,
    /// Its list key.
    pub ord: i64,
}

/// One view's rows from `start` on, each with its list key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Window {
    pub start: usize,
    pub rows: Vec<(i64, Summary)>,
}

/// The condition of a view, written out so that SQLite picks the view's own index (a partial
/// index is used only when the query names its condition), and the values it binds.
pub(super) fn condition(filter: &ListFilter) -> (String, Vec<Value>) {
    let mut parts = vec!["ord IS NOT NULL".to_string()];
    let mut values = Vec::new();
    if filter.unread_only {
        parts.push("read = 0".into());
    }
    if filter.starred_only {
        parts.push("starred = 1".into());
    }
    if let Some(section) = &filter.section {
        parts.push("section = ?".into());
        values.push(Value::Text(section.clone()));
    }
    (parts.join(" AND "), values)
}

/// A row of a view: its list key, then its summary.
fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, Summary)> {
    Ok((r.get(0)?, summary_at(r, 1)?))
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Store {
    /// How many articles a view holds and how many are unread, from the kept counts.
    pub fn counts(&self, filter: &ListFilter) -> Result<Counts, StoreError> {
        let (total, unread) = match (filter.unread_only, filter.starred_only) {
            (false, false) => ("total", "unread"),
            (true, false) => ("unread", "unread"),
            (false, true) => ("starred", "unread_starred"),
            (true, true) => ("unread_starred", "unread_starred"),
        };
        let sql = format!(
            "SELECT ifnull(sum({total}), 0), ifnull(sum({unread}), 0) FROM counts
             WHERE ?1 IS NULL OR section = ?1"
        );
        let (t, u): (i64, i64) = self
            .conn
            .prepare_cached(&sql)?
            .query_row([&filter.section], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(Counts {
            total: usize::try_from(t).unwrap_or(0),
            unread: usize::try_from(u).unwrap_or(0),
        })
    }

    /// Up to `len` rows of a view from place `start` on. The key at `start` is found by walking
    /// keys from the nearest known place: the top, the bottom (`total` rows down), or `near`.
    pub fn window(
        &self,
        filter: &ListFilter,
        start: usize,
        len: usize,
        total: usize,
        near: Option<Anchor>,
    ) -> Result<Window, StoreError> {
        let found = if start < total {
            self.key_at(filter, start, total, near)?
        } else {
            None
        };
        let Some(first) = found else {
            return Ok(Window {
                start,
                rows: Vec::new(),
            });
        };
        let (cond, mut values) = condition(filter);
        let sql = format!(
            "SELECT a.ord, {SUMMARY_COLUMNS} FROM articles a WHERE {cond} AND ord <= ? ORDER BY ord DESC LIMIT ?"
        );
        values.push(Value::Integer(first));
        values.push(Value::Integer(to_i64(len)));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values), row)?
            .collect::<Result<_, _>>()?;
        Ok(Window { start, rows })
    }

    /// The key of the row at place `index` of a view, walking only keys (the view's index
    /// covers them) from the nearest known place.
    fn key_at(
        &self,
        filter: &ListFilter,
        index: usize,
        total: usize,
        near: Option<Anchor>,
    ) -> Result<Option<i64>, StoreError> {
        let (cond, mut values) = condition(filter);
        let from_bottom = total.saturating_sub(1).saturating_sub(index);
        let mut walk = (String::new(), "DESC", index);
        if from_bottom < index {
            walk = (String::new(), "ASC", from_bottom);
        }
        if let Some(a) = near {
            let gap = a.index.abs_diff(index);
            if gap < walk.2 && a.index != index {
                let (op, dir) = if a.index < index {
                    ("<", "DESC")
                } else {
                    (">", "ASC")
                };
                walk = (format!(" AND ord {op} {}", a.ord), dir, gap - 1);
            } else if a.index == index {
                return Ok(Some(a.ord));
            }
        }
        let (extra, dir, skip) = walk;
        let sql = format!(
            "SELECT ord FROM articles WHERE {cond}{extra} ORDER BY ord {dir} LIMIT 1 OFFSET ?"
        );
        values.push(Value::Integer(to_i64(skip)));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
        Ok(match rows.next()? {
            Some(r) => Some(r.get(0)?),
            None => None,
        })
    }

    /// The place of an article in a view (how many rows stand above it), or `None` when the
    /// view does not hold it. Walks the keys above it only.
    pub fn place(&self, filter: &ListFilter, id: i64) -> Result<Option<usize>, StoreError> {
        let (cond, mut values) = condition(filter);
        let sql = format!(
            "SELECT (SELECT count(*) FROM articles WHERE {cond} AND ord > a.ord)
             FROM articles a WHERE a.id = ? AND a.{}",
            cond.replace(" AND ", " AND a.")
        );
        let mut all = values.clone();
        all.push(Value::Integer(id));
        all.append(&mut values);
        let n: Option<i64> = self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(all), |r| r.get(0))
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        Ok(n.map(|n| usize::try_from(n).unwrap_or(0)))
    }

    /// Summaries of one view (unread only, starred only, one section), newest first, at most
    /// `limit` of them (`None`: all).
    pub fn summaries_where(
        &self,
        filter: &ListFilter,
        limit: Option<usize>,
    ) -> Result<Vec<Summary>, StoreError> {
        let (cond, mut values) = condition(filter);
        let sql = format!(
            "SELECT a.ord, {SUMMARY_COLUMNS} FROM articles a WHERE {cond} ORDER BY ord DESC LIMIT ?"
        );
        values.push(Value::Integer(limit.map_or(-1, to_i64)));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
            row(r).map(|(_, s)| s)
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Store {
    /// The first article of a view below the list key `below` that is unread.
    pub fn next_unread(&self, filter: &ListFilter, below: i64) -> Result<Option<i64>, StoreError> {
        let unread = ListFilter {
            unread_only: true,
            ..filter.clone()
        };
        let (cond, mut values) = condition(&unread);
        let sql =
            format!("SELECT id FROM articles WHERE {cond} AND ord < ? ORDER BY ord DESC LIMIT 1");
        values.push(Value::Integer(below));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
        Ok(match rows.next()? {
            Some(r) => Some(r.get(0)?),
            None => None,
        })
    }

    /// Marks every unread article of a view read, in one transaction; returns their ids (for
    /// an undo).
    pub fn mark_view_read(&self, filter: &ListFilter) -> Result<Vec<i64>, StoreError> {
        let unread = ListFilter {
            unread_only: true,
            ..filter.clone()
        };
        let (cond, values) = condition(&unread);
        let tx = self.write()?;
        let ids = {
            let sql = format!("UPDATE articles SET read = 1 WHERE {cond} RETURNING id");
            let mut stmt = tx.prepare(&sql)?;
            stmt.query_map(rusqlite::params_from_iter(values), |r| r.get(0))?
                .collect::<Result<Vec<i64>, _>>()?
        };
        tx.commit()?;
        Ok(ids)
    }
}
