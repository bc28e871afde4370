//! The fetched bytes of every article page, compressed, so that `gxnews reindex` can read the
//! cache again with a better extractor and no network; and the attachments the crawler met.

use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{Read, Write};

use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::{Compress, Compression, FlushCompress, Status};
use rusqlite::{Transaction, params};

use super::{Store, StoreError};

/// One fetched page of an article, as it came off the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPage {
    pub url: String,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

thread_local! {
    /// This thread's deflate state, reset for each page: a new one allocates and clears a few
    /// hundred KiB of tables, which for a small page costs about as much as compressing it.
    static DEFLATE: RefCell<Compress> = RefCell::new(raw_deflate());
}

/// A raw deflate stream (no zlib header) at the default level, as pages are kept.
fn raw_deflate() -> Compress {
    Compress::new(Compression::default(), false)
}

/// An article's fetched page as it is kept, compressed. Compressing is about a quarter of the
/// cost of storing an article: a page packed before it reaches the thread that writes is
/// compressed on whichever thread fetched it, beside the others; and a reindex decompresses
/// it on a worker thread rather than on the one that reads the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackedPage {
    pub url: String,
    pub content_type: Option<String>,
    pub(super) packed: Vec<u8>,
}

impl PackedPage {
    /// The page's bytes as they came off the wire.
    pub fn unpack(&self) -> Result<Vec<u8>, StoreError> {
        decompress(&self.packed)
    }
}

impl RawPage {
    /// The page packed for the cache.
    pub fn pack(&self) -> PackedPage {
        PackedPage {
            url: self.url.clone(),
            content_type: self.content_type.clone(),
            packed: compress(&self.bytes),
        }
    }
}

/// Pages as the store takes them: fetched bytes, packed on the way in, or packed already.
pub(super) trait Pack {
    fn packed(&self) -> Cow<'_, PackedPage>;
}

impl Pack for RawPage {
    fn packed(&self) -> Cow<'_, PackedPage> {
        Cow::Owned(self.pack())
    }
}

impl Pack for PackedPage {
    fn packed(&self) -> Cow<'_, PackedPage> {
        Cow::Borrowed(self)
    }
}

fn compress(bytes: &[u8]) -> Vec<u8> {
    DEFLATE.with_borrow_mut(|deflate| {
        deflate.reset();
        // Pages shrink to a fifth or so; the buffer grows whenever it fills.
        let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
        loop {
            if out.len() == out.capacity() {
                out.reserve(out.capacity());
            }
            let rest = &bytes[deflate.total_in() as usize..];
            match deflate.compress_vec(rest, &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => return out,
                Ok(Status::Ok) => {}
                // Stuck with room to write: a stream misused, which a reset one is not. The
                // page is not lost for it: a fresh stream of its own compresses it.
                Ok(Status::BufError) | Err(_) => {
                    *deflate = raw_deflate();
                    return compress_afresh(bytes);
                }
            }
        }
    })
}

/// Compresses a page with a stream of its own, not the thread's.
fn compress_afresh(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = DeflateEncoder::new(
        Vec::with_capacity(bytes.len() / 3 + 64),
        Compression::default(),
    );
    // Writing into memory fails only when memory runs out, which aborts anyway.
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .unwrap_or_default()
}

pub(super) fn decompress(bytes: &[u8]) -> Result<Vec<u8>, StoreError> {
    let mut out = Vec::new();
    DeflateDecoder::new(bytes)
        .read_to_end(&mut out)
        .map_err(|e| StoreError::Sql(format!("a saved page is damaged: {e}")))?;
    Ok(out)
}

/// Replaces an article's saved pages, inside the transaction that stores the article.
pub(super) fn replace_pages(
    tx: &Transaction,
    article_id: i64,
    pages: &[impl Pack],
) -> Result<(), StoreError> {
    if pages.is_empty() {
        return Ok(());
    }
    tx.prepare_cached("DELETE FROM raw_pages WHERE article_id = ?1")?
        .execute([article_id])?;
    let now = chrono::Utc::now().to_rfc3339();
    let mut stmt = tx.prepare_cached(
        "INSERT OR REPLACE INTO raw_pages (url, article_id, page_no, content_type, fetched_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, p) in pages.iter().enumerate() {
        let p = p.packed();
        stmt.execute(params![
            p.url,
            article_id,
            i as i64,
            p.content_type,
            now,
            p.packed
        ])?;
    }
    Ok(())
}

impl Store {
    /// The saved pages of an article, first page first.
    pub fn raw_pages(&self, article_id: i64) -> Result<Vec<RawPage>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT url, content_type, body FROM raw_pages WHERE article_id = ?1 ORDER BY page_no",
        )?;
        let rows = stmt.query_map([article_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (url, content_type, body) = row?;
            out.push(RawPage {
                url,
                content_type,
                bytes: decompress(&body)?,
            });
        }
        Ok(out)
    }

    /// Every article id, oldest first.
    pub fn article_ids(&self) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM articles ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<Result<_, _>>()?)
    }

    /// The extractor version that last read an article's pages (0: unknown).
    pub fn extractor_of(&self, article_id: i64) -> Result<u32, StoreError> {
        Ok(self.conn.query_row(
            "SELECT extractor FROM articles WHERE id = ?1",
            [article_id],
            |r| r.get(0),
        )?)
    }

    /// Records a link to a non-HTML document (a PDF, a spreadsheet) met while crawling.
    pub fn put_attachment(
        &self,
        url: &str,
        title: Option<&str>,
        found_on: Option<&str>,
        content_type: Option<&str>,
    ) -> Result<(), StoreError> {
        self.write_one(
            "INSERT INTO attachments (url, title, found_on, content_type, seen_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(url) DO UPDATE SET seen_at = excluded.seen_at,
                 title = coalesce(excluded.title, title),
                 content_type = coalesce(excluded.content_type, content_type)",
            params![
                url,
                title,
                found_on,
                content_type,
                chrono::Utc::now().to_rfc3339()
            ],
        )
    }

    /// The attachments recorded, as `(url, title)`.
    pub fn attachments(&self) -> Result<Vec<(String, Option<String>)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT url, title FROM attachments ORDER BY url")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The thread's stream and a stream of the page's own (the way out when the thread's
    /// fails) both keep a page whole, one after another.
    #[test]
    fn pages_come_back_whole_from_either_stream() {
        let page: Vec<u8> = (0..50_000u32)
            .flat_map(|i| format!("<p>paragraph {i} of the page</p>").into_bytes())
            .collect();
        for _ in 0..3 {
            let packed = compress(&page);
            assert!(packed.len() < page.len() / 3, "{}", packed.len());
            assert_eq!(decompress(&packed).unwrap(), page);
            assert_eq!(decompress(&compress_afresh(&page)).unwrap(), page);
        }
        assert_eq!(decompress(&compress(b"")).unwrap(), b"");
    }
}
