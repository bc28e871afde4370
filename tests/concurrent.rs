//! A crawl and a reader writing to one cache at once: the reader's writes (read marks, its
//! state) and the crawl's queue for the write lock instead of failing, and no write that
//! still finds the cache busy ends the crawl; a cache that refuses writes does.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::{FixtureServer, gensite};
use gxnews::crawl::{CrawlOptions, Crawler};
use gxnews::fetch::{FetchConfig, Fetcher};
use gxnews::scrape::Scraper;
use gxnews::store::Store;

const SECTIONS: usize = 5;
const PER_SECTION: usize = 200;

/// A crawl of the whole generated site with no pause and eight requests in flight.
fn fast_crawler() -> Crawler {
    let config = FetchConfig {
        delay: Duration::ZERO,
        concurrency: 8,
        ..FetchConfig::default()
    };
    Crawler::new(
        Fetcher::new(config).unwrap(),
        Arc::new(Scraper::default()),
        CrawlOptions {
            max_articles: SECTIONS * PER_SECTION,
            ..CrawlOptions::default()
        },
    )
}

/// A crawl of 1,000 articles at eight requests in flight while another connection marks
/// articles read (and saves the reader's state) every 2 ms: every article is stored, the crawl
/// reports no failure, and the other writer never fails either.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crawl_and_a_reader_writing_at_once_both_finish() {
    let site = tempfile::tempdir().unwrap();
    gensite::write(site.path(), SECTIONS, PER_SECTION);
    let server = FixtureServer::start(site.path());
    let data = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(data.path()).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (path, stop) = (store.path().to_path_buf(), Arc::clone(&stop));
        std::thread::spawn(move || -> Result<usize, String> {
            let other = Store::open(&path).map_err(|e| e.to_string())?;
            let mut writes = 0;
            while !stop.load(Ordering::Relaxed) {
                let ids: Vec<i64> = other
                    .summaries(Some(20))
                    .map_err(|e| e.to_string())?
                    .iter()
                    .map(|s| s.id)
                    .collect();
                for id in ids.iter().take(3) {
                    other
                        .set_read(*id, writes % 2 == 0)
                        .map_err(|e| e.to_string())?;
                }
                other
                    .set_state("selected", &writes.to_string())
                    .map_err(|e| e.to_string())?;
                writes += 1;
                std::thread::sleep(Duration::from_millis(2));
            }
            Ok(writes)
        })
    };
    let crawler = fast_crawler();
    let report = crawler.run(&server.home(), &mut store, &|_| {}).await;
    stop.store(true, Ordering::Relaxed);
    let writes = reader
        .join()
        .unwrap()
        .expect("the reader's writes never fail");
    let report = report.expect("the crawl runs to its end");
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(report.new, SECTIONS * PER_SECTION, "{report:?}");
    assert_eq!(store.count().unwrap(), SECTIONS * PER_SECTION);
    assert!(writes > 10, "the reader wrote {writes} times");
}

/// A cache that refuses the crawl's writes (here a trigger; on a user's machine a full or
/// damaged disk) ends the crawl at once with the cache's error, rather than fetching on
/// with nowhere to put the articles. It also holds the crawl to its pages in hand: were
/// fetched pages let pile up ahead of scraping, the whole site would be fetched first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cache_refusing_writes_ends_the_crawl_with_its_error() {
    let site = tempfile::tempdir().unwrap();
    gensite::write(site.path(), SECTIONS, PER_SECTION);
    let server = FixtureServer::start(site.path());
    let data = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(data.path()).unwrap();
    rusqlite::Connection::open(store.path())
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON articles
             BEGIN SELECT RAISE(ABORT, 'no room for articles'); END;",
        )
        .unwrap();
    let crawler = fast_crawler();
    let requests_before = server.requests().len();
    let home = server.home();
    let run = crawler.run(&home, &mut store, &|_| {});
    let err = tokio::time::timeout(Duration::from_secs(30), run)
        .await
        .expect("the crawl ends")
        .expect_err("the crawl fails");
    assert!(err.to_string().contains("no room for articles"), "{err}");
    let fetched = server.requests().len() - requests_before;
    assert!(
        fetched < SECTIONS * PER_SECTION / 2,
        "stopped early, after {fetched} requests"
    );
    assert_eq!(store.count().unwrap(), 0);
}
