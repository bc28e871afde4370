//! Writing one article: its row (with its list key), body, saved pages and search rows, in
//! the transaction of the caller, and whether a reader sees it new, changed or unchanged.

use std::cell::RefCell;

use rusqlite::{OptionalExtension, params};

use super::raw::{self, Pack};
use super::{StoreError, Stored, search, vocab};
use crate::model::Article;

/// The extractor to record for an article stored with these pages: this one, when it read
/// them; none given leaves the record as it was.
pub(super) fn read_by(pages: &[impl Pack]) -> Option<u32> {
    (!pages.is_empty()).then_some(crate::scrape::EXTRACTOR_VERSION)
}

/// Writes one article and its pages inside a write transaction, recording `read_by` as the
/// extractor that read it (when given); tells new, changed or unchanged. The article's row is
/// written once, with its place in the list and its extractor, so that the list's indexes are
/// updated once per article.
pub(super) fn put_in(
    tx: &rusqlite::Transaction<'_>,
    a: &Article,
    pages: &[impl Pack],
    read_by: Option<u32>,
    known: &RefCell<vocab::KnownWords>,
) -> Result<Stored, StoreError> {
    let c = Columns::of(a);
    let before = seen_before(tx, &a.url)?;
    // A new article takes the id SQLite would give it (one past the largest; the write lock
    // is held), so that its place in the list is known before its row is written.
    let (id, old_ord) = match &before {
        Some(b) => (b.id, b.ord),
        None => (
            tx.prepare_cached("SELECT ifnull(max(id), 0) + 1 FROM articles")?
                .query_row([], |r| r.get(0))?,
            None,
        ),
    };
    let ord = free_ord(tx, order_key(c.published_ts, id), id)?;
    tx.prepare_cached(
        "INSERT INTO articles (id, url, title, section, published, published_ts, source, editor,
               views, breadcrumb, images, fetched_at, links, ord, extractor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ifnull(?15, 0))
         ON CONFLICT (url) DO UPDATE SET title = excluded.title, section = excluded.section,
         published = excluded.published, published_ts = excluded.published_ts,
         source = excluded.source, editor = excluded.editor, views = excluded.views,
         breadcrumb = excluded.breadcrumb, images = excluded.images,
         fetched_at = excluded.fetched_at, links = excluded.links, ord = excluded.ord,
         extractor = ifnull(?15, extractor)",
    )?
    .execute(params![
        before.is_none().then_some(id),
        a.url,
        a.title,
        a.section,
        c.published,
        c.published_ts,
        a.source,
        a.editor,
        c.views,
        c.breadcrumb,
        c.images,
        c.fetched,
        c.links,
        ord,
        read_by
    ])?;
    tx.prepare_cached(
        "INSERT INTO bodies (article_id, body) VALUES (?1, ?2)
         ON CONFLICT (article_id) DO UPDATE SET body = excluded.body",
    )?
    .execute(params![id, c.body])?;
    raw::replace_pages(tx, id, pages)?;
    let outcome = match before {
        None => Stored::New(id),
        Some(b) if b.seen.as_ref() == Some(&c.seen(&a.title)) => Stored::Unchanged(id),
        Some(_) => Stored::Updated(id),
    };
    // An unchanged article keeps its index rows: re-reading the cache rewrites nothing.
    if !matches!(outcome, Stored::Unchanged(_)) || old_ord != Some(ord) {
        search::index(tx, old_ord, ord, &a.title, &a.body, &mut known.borrow_mut())?;
    }
    Ok(outcome)
}

/// An article as the cache held it before a write.
struct Before {
    id: i64,
    ord: Option<i64>,
    /// What a reader saw of it (none for a row that lost its body).
    seen: Option<Seen>,
}

/// The article stored at `url`, if any, as it was.
fn seen_before(tx: &rusqlite::Transaction<'_>, url: &str) -> Result<Option<Before>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT a.id, a.ord, a.title, a.published, a.images, a.links, b.body FROM articles a
         LEFT JOIN bodies b ON b.article_id = a.id WHERE a.url = ?1",
    )?;
    let row = stmt
        .query_row([url], |r| {
            let body: Option<String> = r.get(6)?;
            Ok(Before {
                id: r.get(0)?,
                ord: r.get(1)?,
                seen: match body {
                    Some(body) => Some((r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, body)),
                    None => None,
                },
            })
        })
        .optional()?;
    Ok(row)
}

/// Bits of the list key that hold the article's id, below its publication second.
const ORD_ID_BITS: u32 = 30;
/// The latest publication second the key holds (the year 2242): later dates sort as it.
const ORD_MAX_SECOND: i64 = (1 << 33) - 1;

/// An article's place in the list as one number: its publication second (undated and pre-1970
/// articles as 0, so last), then its id, newest first when sorted descending. The same formula
/// as the schema's migration 6.
fn order_key(published_ts: Option<i64>, id: i64) -> i64 {
    let second = published_ts.unwrap_or(0).clamp(0, ORD_MAX_SECOND);
    (second << ORD_ID_BITS) | (id & ((1 << ORD_ID_BITS) - 1))
}

/// The key itself, or when (past a billion ids) another article holds it, the nearest free one
/// below it: keys stay unique, as the search index needs.
fn free_ord(tx: &rusqlite::Transaction<'_>, mut ord: i64, id: i64) -> Result<i64, StoreError> {
    let mut stmt = tx.prepare_cached("SELECT id FROM articles WHERE ord = ?1")?;
    while let Some(other) = stmt.query_row([ord], |r| r.get::<_, i64>(0)).optional()? {
        if other == id {
            break;
        }
        ord -= 1;
    }
    Ok(ord)
}

/// Title, publication time, images, links and body as stored: what a reader sees change.
type Seen = (String, Option<String>, String, String, String);

/// A list as the JSON text it is stored as.
fn json<T: serde::Serialize>(v: &[T]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

/// An article's columns in their stored form.
struct Columns {
    published: Option<String>,
    published_ts: Option<i64>,
    fetched: String,
    views: Option<i64>,
    breadcrumb: String,
    images: String,
    links: String,
    body: String,
}

impl Columns {
    fn of(a: &Article) -> Columns {
        Columns {
            published: a.published.map(|p| p.to_rfc3339()),
            published_ts: a.published.map(|p| p.timestamp()),
            fetched: a.fetched_at.map(|p| p.to_rfc3339()).unwrap_or_default(),
            views: a.views.and_then(|v| i64::try_from(v).ok()),
            breadcrumb: json(&a.breadcrumb),
            images: json(&a.images),
            links: json(&a.links),
            body: json(&a.body),
        }
    }

    fn seen(&self, title: &str) -> Seen {
        (
            title.to_string(),
            self.published.clone(),
            self.images.clone(),
            self.links.clone(),
            self.body.clone(),
        )
    }
}
