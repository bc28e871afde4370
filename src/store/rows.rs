//! Rows read back into the model: one reader per shape, shared by every query that selects it.

use rusqlite::Row;

use super::parse_time;
use crate::model::{Article, Image, Summary};

/// The columns a summary is read from, in [`summary_at`]'s order.
pub(super) const SUMMARY_COLUMNS: &str =
    "a.id, a.url, a.title, a.section, a.published, a.read, a.starred";

/// The columns a whole article is read from (`articles a` joined to `bodies b`), in
/// [`article_row`]'s order.
pub(super) const ARTICLE_COLUMNS: &str =
    "a.id, a.url, a.title, a.section, a.published, a.source, a.editor, a.views,
     a.breadcrumb, a.images, a.fetched_at, b.body, a.links";

/// A summary from the [`SUMMARY_COLUMNS`] starting at column `at`.
pub(super) fn summary_at(r: &Row<'_>, at: usize) -> rusqlite::Result<Summary> {
    Ok(Summary {
        id: r.get(at)?,
        url: r.get(at + 1)?,
        title: r.get(at + 2)?,
        section: r.get(at + 3)?,
        published: parse_time(r.get(at + 4)?),
        read: r.get::<_, i64>(at + 5)? != 0,
        starred: r.get::<_, i64>(at + 6)? != 0,
    })
}

/// A whole article from the [`ARTICLE_COLUMNS`].
pub(super) fn article_row(r: &Row<'_>) -> rusqlite::Result<Article> {
    let json = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    Ok(Article {
        id: r.get(0)?,
        url: r.get(1)?,
        title: r.get(2)?,
        section: r.get(3)?,
        published: parse_time(r.get(4)?),
        source: r.get(5)?,
        editor: r.get(6)?,
        views: r
            .get::<_, Option<i64>>(7)?
            .and_then(|v| u64::try_from(v).ok()),
        breadcrumb: serde_json::from_str(&json(8)?).unwrap_or_default(),
        images: serde_json::from_str::<Vec<Image>>(&json(9)?).unwrap_or_default(),
        fetched_at: parse_time(r.get(10)?),
        body: serde_json::from_str(&json(11)?).unwrap_or_default(),
        links: serde_json::from_str(&json(12)?).unwrap_or_default(),
        pages: Vec::new(),
    })
}
