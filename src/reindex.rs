//! Re-reading the cache: every article extracted again from its saved pages with the current
//! extractor, offline. Run after the extractor improves or the site profile changes.
//!
//! Work goes in batches of ids: the cache's thread reads a batch (pages still compressed), a
//! pool of workers decompresses and extracts it, and while they do, the batch before it is
//! written in one transaction. Memory holds two batches, whatever the cache's size.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

use url::Url;

use crate::fetch::decode::decode;
use crate::model::{Article, PageKind};
use crate::scrape::{PAGE_BUDGET, Scraper};
use crate::store::{Saved, Store, StoreError, Stored};

/// Articles per batch: one transaction each. Large enough that a commit's cost is shared by
/// many articles and every worker has work; small enough that two batches in memory stay a
/// few megabytes.
const BATCH: usize = 256;

/// What a reindex did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReindexReport {
    /// Articles read again from their saved pages.
    pub articles: usize,
    /// Of those, the ones whose stored fields changed.
    pub changed: usize,
    /// Articles with no saved pages (cached before pages were kept), left as they were.
    pub without_pages: usize,
    /// One line per article that no longer reads as one; each is left as it was.
    pub failed: Vec<String>,
}

impl ReindexReport {
    pub fn summary(&self) -> String {
        format!(
            "reindexed {} articles: {} changed, {} without saved pages, {} failed",
            self.articles,
            self.changed,
            self.without_pages,
            self.failed.len()
        )
    }
}

/// How far a reindex has come: articles done of the cache's total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// What reading one cached article again came to.
#[derive(Debug)]
enum Outcome {
    Read(Box<Article>),
    WithoutPages,
    Failed(String),
}

fn scrape_saved(
    scraper: &Scraper,
    url: &str,
    content_type: Option<&str>,
    bytes: &[u8],
) -> Result<Article, String> {
    let u = Url::parse(url).map_err(|e| format!("{url}: {e}"))?;
    let page = scraper
        .scrape_site_page(&decode(bytes, content_type).text, &u, PAGE_BUDGET)
        .map_err(|e| format!("{url}: {e}; kept as it was"))?;
    match page.kind {
        PageKind::Article => Ok(page.article),
        kind => Err(format!("{url}: now reads as a {kind:?} page; kept as it was").to_lowercase()),
    }
}

/// Reads one cached article again from its saved pages (on a worker thread).
fn read_saved(scraper: &Scraper, saved: &Saved) -> Outcome {
    if saved.pages.is_empty() {
        return Outcome::WithoutPages;
    }
    let mut pages = saved.pages.iter().map(|p| {
        let bytes = p
            .unpack()
            .map_err(|e| format!("{}: {e}; kept as it was", p.url))?;
        scrape_saved(scraper, &p.url, p.content_type.as_deref(), &bytes)
    });
    let joined = match pages.next() {
        Some(Ok(first)) => pages
            .collect::<Result<Vec<_>, _>>()
            .map(|rest| Scraper::join_pages(first, rest)),
        Some(Err(e)) => Err(e),
        None => return Outcome::WithoutPages,
    };
    match joined {
        Ok(mut a) => {
            a.url = saved.url.clone();
            a.fetched_at = saved.fetched_at;
            Outcome::Read(Box::new(a))
        }
        Err(e) => Outcome::Failed(e),
    }
}

/// The outcome for an article the extractor broke down on (a panic): it is left as it was.
fn broken(saved: &Saved) -> Outcome {
    Outcome::Failed(format!(
        "{}: the extractor failed; kept as it was",
        saved.url
    ))
}

/// Reads a batch on `workers` threads, each taking the next article as it finishes one; the
/// outcomes come back in the batch's order. An extractor that panics on a page fails that
/// article, not the reindex.
fn read_batch(scraper: &Scraper, batch: &[Saved], workers: usize) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let read_one = |saved: &Saved| {
        catch_unwind(AssertUnwindSafe(|| read_saved(scraper, saved)))
            .unwrap_or_else(|_| broken(saved))
    };
    let mut done: Vec<(usize, Outcome)> = std::thread::scope(|s| {
        let pool: Vec<_> = (0..workers.clamp(1, batch.len().max(1)))
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(saved) = batch.get(i) else {
                            return done;
                        };
                        done.push((i, read_one(saved)));
                    }
                })
            })
            .collect();
        pool.into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    let mut done = done.into_iter().peekable();
    batch
        .iter()
        .enumerate()
        .map(|(i, saved)| match done.next_if(|(j, _)| *j == i) {
            Some((_, outcome)) => outcome,
            None => broken(saved),
        })
        .collect()
}

/// Writes a batch's outcomes (the articles read, in one transaction) into the report.
fn write_batch(
    store: &mut Store,
    outcomes: Vec<Outcome>,
    report: &mut ReindexReport,
) -> Result<(), StoreError> {
    let mut articles = Vec::with_capacity(outcomes.len());
    for o in outcomes {
        match o {
            Outcome::Read(a) => articles.push(*a),
            Outcome::WithoutPages => report.without_pages += 1,
            Outcome::Failed(e) => report.failed.push(e),
        }
    }
    if articles.is_empty() {
        return Ok(());
    }
    let stored = store.put_reread(&articles)?;
    report.articles += articles.len();
    report.changed += stored
        .iter()
        .filter(|s| matches!(s, Stored::Updated(_)))
        .count();
    Ok(())
}

/// The workers a reindex uses by default: one per core.
pub fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Re-extracts every cached article that has saved pages, on every core. Articles keep their
/// id, URL, fetch time and read state; each batch is written in one transaction.
pub fn reindex(store: &mut Store, scraper: &Scraper) -> Result<ReindexReport, StoreError> {
    reindex_with(store, scraper, default_workers(), &|_| {})
}

/// [`reindex`] on `workers` threads, telling `progress` after each batch.
pub fn reindex_with(
    store: &mut Store,
    scraper: &Scraper,
    workers: usize,
    progress: &dyn Fn(Progress),
) -> Result<ReindexReport, StoreError> {
    let total = store.count()?;
    let mut report = ReindexReport::default();
    let mut done = 0;
    let mut batch = store.saved_after(i64::MIN, BATCH)?;
    let mut pending: Vec<Outcome> = Vec::new();
    while !(batch.is_empty() && pending.is_empty()) {
        let last = batch.last().map(|s| s.id);
        let written = pending.len();
        // While the workers read this batch, the one before is written and the next is read.
        let (next, outcomes) = std::thread::scope(|s| {
            let reading = s.spawn(|| read_batch(scraper, &batch, workers));
            let next =
                write_batch(store, std::mem::take(&mut pending), &mut report).and_then(|()| {
                    match last {
                        Some(after) => store.saved_after(after, BATCH),
                        None => Ok(Vec::new()),
                    }
                });
            (next, reading.join())
        });
        let next = next?;
        pending = outcomes.unwrap_or_else(|_| batch.iter().map(broken).collect());
        batch = next;
        if written > 0 {
            done += written;
            progress(Progress { done, total });
        }
    }
    // Every article's search rows were replaced: fold the old ones out and give the file's
    // freed pages back, so a reindex leaves the cache no bigger.
    store.compact()?;
    Ok(report)
}
