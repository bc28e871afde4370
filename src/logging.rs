//! Logging to a file, never to the screen: the reader owns the terminal.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Log lines queued for the writer thread. The library's default (128,000) allocates and zeroes
/// about 4 MB at start, a quarter of a `search`'s time; gxnews logs a few lines a second, and a
/// burst beyond the queue loses lines rather than waits.
const LOG_QUEUE_LINES: usize = 4096;

/// Starts logging to `dir/gxnews.log`. `GXNEWS_LOG` sets a filter; `-v` raises the level.
/// Returns the guard that flushes the log when dropped, or `None` if the file cannot be made
/// (logging is then off; gxnews still runs).
pub fn init(dir: &Path, verbose: u8) -> Option<WorkerGuard> {
    std::fs::create_dir_all(dir).ok()?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("gxnews.log"))
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .buffered_lines_limit(LOG_QUEUE_LINES)
        .finish(file);
    let level = match verbose {
        0 => "gxnews=info",
        1 => "gxnews=debug",
        _ => "debug",
    };
    let filter = EnvFilter::try_from_env("GXNEWS_LOG").unwrap_or_else(|_| EnvFilter::new(level));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    Some(guard)
}
