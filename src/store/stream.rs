//! Walks over many rows: one prepared statement, one callback per row, and never a `Vec` of
//! the whole table, so that output of any length (`list --json`, `search --json`, `export`)
//! starts at once and holds one row at a time; and the batches `reindex` reads and writes.

use chrono::{DateTime, FixedOffset};
use rusqlite::types::Value;
use rusqlite::{Row, params, params_from_iter};

use super::put::put_in;
use super::raw::PackedPage;
use super::rows::{ARTICLE_COLUMNS, SUMMARY_COLUMNS, article_row, summary_at};
use super::window::condition;
use super::{Hit, ListFilter, Store, StoreError, Stored, parse_time};
use crate::model::{Article, Summary};

/// Search hits are read a page at a time ([`Store::search_page`]): its snippets are built
/// together, so a page is what a search holds at once.
const HIT_PAGE: usize = 200;

/// A cached article with what a reindex needs of it: what it keeps (URL, fetch time) and the
/// pages it is read again from (none for articles cached before pages were kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub id: i64,
    pub url: String,
    pub fetched_at: Option<DateTime<FixedOffset>>,
    pub pages: Vec<PackedPage>,
}

/// Runs `f` on each row of a query, in order, stopping at the first error (its own or the
/// cache's). Returns how many rows it saw.
fn walk<T, E: From<StoreError>>(
    mut rows: rusqlite::Rows<'_>,
    map: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
    mut f: impl FnMut(T) -> Result<(), E>,
) -> Result<usize, E> {
    let mut n = 0;
    while let Some(row) = rows.next().map_err(StoreError::from)? {
        f(map(row).map_err(StoreError::from)?)?;
        n += 1;
    }
    Ok(n)
}

impl Store {
    /// Calls `f` with each summary of a view in list order, newest first (the order of
    /// [`Store::summaries_where`]), at most `limit` of them (`None`: all).
    pub fn for_each_summary<E: From<StoreError>>(
        &self,
        filter: &ListFilter,
        limit: Option<usize>,
        f: impl FnMut(Summary) -> Result<(), E>,
    ) -> Result<usize, E> {
        let (cond, mut values) = condition(filter);
        values.push(Value::Integer(
            limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX)),
        ));
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles a WHERE {cond} ORDER BY a.ord DESC LIMIT ?"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(StoreError::from)?;
        let rows = stmt
            .query(params_from_iter(values))
            .map_err(StoreError::from)?;
        walk(rows, |r| summary_at(r, 0), f)
    }

    /// Calls `f` with each whole article of a view in list order (as
    /// [`Store::for_each_summary`]), as [`Store::article`] reads it.
    pub fn for_each_article<E: From<StoreError>>(
        &self,
        filter: &ListFilter,
        f: impl FnMut(Article) -> Result<(), E>,
    ) -> Result<usize, E> {
        let (cond, values) = condition(filter);
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles a JOIN bodies b ON b.article_id = a.id
             WHERE {cond} ORDER BY a.ord DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(StoreError::from)?;
        let rows = stmt
            .query(params_from_iter(values))
            .map_err(StoreError::from)?;
        walk(rows, article_row, f)
    }

    /// Calls `f` with each hit of a search, in [`Store::search`]'s order, at most `limit` of
    /// them, reading them a page at a time.
    pub fn for_each_hit<E: From<StoreError>>(
        &self,
        query: &str,
        limit: usize,
        mut f: impl FnMut(Hit) -> Result<(), E>,
    ) -> Result<usize, E> {
        let (mut n, mut below) = (0, None);
        while n < limit {
            let want = HIT_PAGE.min(limit - n);
            let page = self.search_page(query, below, want)?;
            let full = page.len() == want;
            below = page.last().map(|h| h.ord);
            for hit in page {
                f(hit)?;
                n += 1;
            }
            if !full {
                break;
            }
        }
        Ok(n)
    }

    /// The newest date of a view: of each article its publication time, or its fetch time
    /// when it has none; of equal times the last in list order (what an Atom feed of the view
    /// gives as its `updated`). Reads the view's rows, not their texts.
    pub fn newest_date(
        &self,
        filter: &ListFilter,
    ) -> Result<Option<DateTime<FixedOffset>>, StoreError> {
        let (cond, values) = condition(filter);
        let sql = format!(
            "SELECT a.published, a.fetched_at FROM articles a WHERE {cond} ORDER BY a.ord DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(values))?;
        let mut newest = None;
        while let Some(row) = rows.next()? {
            let date = parse_time(row.get(0)?).or(parse_time(row.get(1)?));
            if date.is_some() && date >= newest {
                newest = date;
            }
        }
        Ok(newest)
    }

    /// Up to `n` articles with ids above `after`, lowest first, each with its saved pages
    /// (still compressed): one batch of a reindex.
    pub fn saved_after(&self, after: i64, n: usize) -> Result<Vec<Saved>, StoreError> {
        let mut articles = self.conn.prepare_cached(
            "SELECT a.id, a.url, a.fetched_at FROM articles a
             WHERE a.id > ?1 AND EXISTS (SELECT 1 FROM bodies b WHERE b.article_id = a.id)
             ORDER BY a.id LIMIT ?2",
        )?;
        let mut pages = self.conn.prepare_cached(
            "SELECT url, content_type, body FROM raw_pages WHERE article_id = ?1 ORDER BY page_no",
        )?;
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        let mut out: Vec<Saved> = articles
            .query_map(params![after, n], |r| {
                Ok(Saved {
                    id: r.get(0)?,
                    url: r.get(1)?,
                    fetched_at: parse_time(r.get(2)?),
                    pages: Vec::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
        for saved in &mut out {
            saved.pages = pages
                .query_map([saved.id], |r| {
                    Ok(PackedPage {
                        url: r.get(0)?,
                        content_type: r.get(1)?,
                        packed: r.get(2)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
        }
        Ok(out)
    }

    /// Stores articles read again from their saved pages, in one transaction: each as
    /// [`Store::put`] does (its saved pages kept as they are, not compressed and written
    /// again), and each recorded as read by this extractor.
    pub fn put_reread(&mut self, articles: &[Article]) -> Result<Vec<Stored>, StoreError> {
        let tx = self.write()?;
        let mut out = Vec::with_capacity(articles.len());
        let read_by = Some(crate::scrape::EXTRACTOR_VERSION);
        for a in articles {
            out.push(put_in(&tx, a, &[] as &[PackedPage], read_by, &self.known)?);
        }
        tx.commit()?;
        self.known.borrow_mut().commit();
        Ok(out)
    }
}
