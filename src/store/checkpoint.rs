//! Checkpoints aside: while one connection writes a long stream of transactions (a crawl's
//! cache writer), another copies the write-ahead log into the cache file on a thread of its
//! own. The writer then stops for a checkpoint's copying and disk flushes (which on a slow disk
//! held it up for a tenth of a second or more, many times a minute) only when the log outgrows
//! [`WRITER_CHECKPOINT_PAGES`].

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use super::{Store, StoreError};

/// How often the log is copied into the cache file: often enough to keep pace with a fast
/// crawl, rarely enough that an idle one costs nothing.
const EVERY: Duration = Duration::from_millis(200);

/// The log's size (in pages) at which the writer checkpoints for itself after all, for a log
/// the thread aside cannot bring to its end while the writer keeps adding to it: 16 K pages
/// (64 MiB) at most, so that the writer's own disk flushes are rare.
const WRITER_CHECKPOINT_PAGES: u32 = 16 * 1024;

/// The thread that checkpoints aside; it stops, after a last checkpoint, when dropped.
pub struct Checkpointer {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Store {
    /// Leaves this connection's checkpoints to a thread of their own, on a connection of its
    /// own, for as long as the returned [`Checkpointer`] lives.
    pub fn checkpoint_aside(&self) -> Result<Checkpointer, StoreError> {
        let other = self.reopen()?;
        self.conn
            .pragma_update(None, "wal_autocheckpoint", WRITER_CHECKPOINT_PAGES)?;
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("cache-checkpoint".into())
            .spawn(move || {
                loop {
                    let last =
                        !matches!(stopped.recv_timeout(EVERY), Err(RecvTimeoutError::Timeout));
                    if let Err(e) = other.checkpoint() {
                        tracing::debug!("checkpoint aside: {e}");
                    }
                    if last {
                        break;
                    }
                }
            })
            .map_err(|e| StoreError::Sql(format!("cannot start the checkpoint thread: {e}")))?;
        Ok(Checkpointer {
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Copies what it can of the log into the cache file without waiting for writers or
    /// readers (a busy cache is checkpointed next time).
    fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
