//! The crawl's cache writer: what the crawl fetched is stored on a thread of its own, with a
//! connection of its own, so fetching and reading pages never wait for the cache's commits.
//! Whatever arrives while one batch is being written goes into the next, so the batches grow
//! with the pace of the crawl: one article a commit for a polite crawl, dozens for a fast one.
//! The cache file is brought up to date with the writer's log on a third thread
//! ([`Store::checkpoint_aside`]), so the writer seldom stops for it.

use std::time::{Duration, Instant};

use tokio::sync::{mpsc, oneshot};

use crate::model::Article;
use crate::store::{PackedPage, Store, StoreError, Stored};

/// Writes waiting for the writer at most: a full queue makes the crawl wait, so memory stays
/// bounded by a few dozen pages however slow the disk is.
const QUEUE: usize = 64;
/// Writes stored in one transaction at most: a commit's cost is shared by many, and a batch
/// stays a fraction of a second of work.
const STORE_BATCH: usize = 64;
/// Times a write the cache was too busy for is tried again, after [`BUSY_PAUSE`] times the
/// attempt: another gxnews (a reader marking articles read) holds the write lock only briefly.
const BUSY_RETRIES: u32 = 5;
const BUSY_PAUSE: Duration = Duration::from_millis(200);

/// One thing to store.
pub(super) enum Write {
    /// An article, whole, with its pages packed for the cache.
    Article(Box<(Article, Vec<PackedPage>)>),
    /// A link to a document that is not a web page.
    Attachment {
        url: String,
        title: Option<String>,
        content_type: Option<String>,
    },
}

impl Write {
    pub fn attachment(url: String, title: Option<String>, content_type: Option<String>) -> Write {
        Write::Attachment {
            url,
            title,
            content_type,
        }
    }
}

/// What the writer stored, and what it could not.
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub new: usize,
    pub updated: usize,
    /// One line per article the cache stayed too busy to take.
    pub failed: Vec<String>,
}

/// The writer thread, as the crawl sees it.
pub(super) struct Writer {
    queue: mpsc::Sender<Write>,
    done: oneshot::Receiver<Result<Tally, StoreError>>,
    /// How long the crawl waited for room in the queue.
    waited: Duration,
}

impl Writer {
    /// Starts a writer on a second connection to `store`'s cache file.
    pub fn start(store: &Store) -> Result<Writer, StoreError> {
        let mut own = store.reopen()?;
        let aside = own.checkpoint_aside()?;
        let (queue, mut rx) = mpsc::channel(QUEUE);
        let (report, done) = oneshot::channel();
        std::thread::Builder::new()
            .name("cache-writer".into())
            .spawn(move || {
                let _ = report.send(write_all(&mut own, &mut rx));
                drop(aside);
            })
            .map_err(|e| StoreError::Sql(format!("cannot start the cache writer: {e}")))?;
        Ok(Writer {
            queue,
            done,
            waited: Duration::ZERO,
        })
    }

    /// Queues a write, waiting while the queue is full; the cache error that stopped the
    /// writer, if it has stopped.
    pub async fn send(&mut self, w: Write) -> Result<(), StoreError> {
        let sent = match self.queue.try_send(w) {
            Ok(()) => true,
            Err(mpsc::error::TrySendError::Closed(_)) => false,
            Err(mpsc::error::TrySendError::Full(w)) => {
                let t = Instant::now();
                let sent = self.queue.send(w).await.is_ok();
                self.waited += t.elapsed();
                sent
            }
        };
        if sent {
            return Ok(());
        }
        // The writer ends early only on an error, and says which before it ends.
        match (&mut self.done).await {
            Ok(Err(e)) => Err(e),
            _ => Err(stopped()),
        }
    }

    /// Waits until everything queued is stored; what was stored, or the error that stopped
    /// the writer.
    pub async fn finish(self) -> Result<(Tally, Duration), StoreError> {
        drop(self.queue);
        let tally = self.done.await.map_err(|_| stopped())??;
        Ok((tally, self.waited))
    }
}

fn stopped() -> StoreError {
    StoreError::Sql("the cache writer stopped unexpectedly".into())
}

/// The writer thread's loop: takes what is queued, up to a batch, and stores it in one
/// transaction, until the crawl closes the queue.
fn write_all(store: &mut Store, rx: &mut mpsc::Receiver<Write>) -> Result<Tally, StoreError> {
    let mut tally = Tally::default();
    while let Some(first) = rx.blocking_recv() {
        let mut batch = vec![first];
        while batch.len() < STORE_BATCH {
            match rx.try_recv() {
                Ok(w) => batch.push(w),
                Err(_) => break,
            }
        }
        store_batch(store, batch, &mut tally)?;
    }
    Ok(tally)
}

/// Stores one batch. A cache still busy after the store's own wait is tried again a few
/// times; articles it cannot store even then are reported failed, and the crawl goes on. Any
/// other cache error stops the writer.
fn store_batch(store: &mut Store, batch: Vec<Write>, tally: &mut Tally) -> Result<(), StoreError> {
    let mut articles = Vec::with_capacity(batch.len());
    for w in batch {
        match w {
            Write::Article(a) => articles.push(*a),
            Write::Attachment {
                url,
                title,
                content_type,
            } => retry_busy(|| {
                store.put_attachment(&url, title.as_deref(), None, content_type.as_deref())
            })?
            .unwrap_or_else(
                || tracing::warn!(%url, "the cache stayed busy; attachment not recorded"),
            ),
        }
    }
    if articles.is_empty() {
        return Ok(());
    }
    match retry_busy(|| store.put_many_packed(&articles))? {
        Some(outs) => outs.into_iter().for_each(|out| match out {
            Stored::New(_) => tally.new += 1,
            Stored::Updated(_) => tally.updated += 1,
            Stored::Unchanged(_) => {}
        }),
        None => tally.failed.extend(
            articles
                .iter()
                .map(|(a, _)| format!("{}: the cache stayed busy; not stored this time", a.url)),
        ),
    }
    Ok(())
}

/// Runs a write, again while the cache is busy: its result, or `None` when it stayed busy.
fn retry_busy<T>(
    mut write: impl FnMut() -> Result<T, StoreError>,
) -> Result<Option<T>, StoreError> {
    for attempt in 1..=BUSY_RETRIES {
        match write() {
            Ok(v) => return Ok(Some(v)),
            Err(StoreError::Busy) => {
                tracing::warn!(attempt, "the cache is busy; trying again");
                std::thread::sleep(BUSY_PAUSE * attempt);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}
