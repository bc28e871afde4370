//! `gxnews reindex`: every cached article extracted again from its saved pages, with no
//! network, after the extractor (or the profile) changes.

mod common;

use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use common::FixtureServer;
use gxnews::crawl::{CrawlOptions, Crawler};
use gxnews::fetch::{FetchConfig, Fetcher};
use gxnews::reindex::reindex;
use gxnews::scrape::Scraper;
use gxnews::store::Store;

async fn crawl_into(store: &mut Store, server: &FixtureServer) {
    let cfg = FetchConfig {
        delay: Duration::ZERO,
        backoff: Duration::from_millis(10),
        ..FetchConfig::default()
    };
    let crawler = Crawler::new(
        Fetcher::new(cfg).unwrap(),
        Arc::new(Scraper::default()),
        CrawlOptions::default(),
    );
    crawler.run(&server.home(), store, &|_| {}).await.unwrap();
}

#[tokio::test]
async fn reindex_rebuilds_every_article_from_saved_pages_offline() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
    let server = FixtureServer::site();
    crawl_into(&mut store, &server).await;
    let before: Vec<_> = store
        .article_ids()
        .unwrap()
        .into_iter()
        .map(|id| store.article(id).unwrap().unwrap())
        .collect();
    assert_eq!(before.len(), 7);
    for a in &before {
        assert!(
            !store.raw_pages(a.id).unwrap().is_empty(),
            "pages of {} are kept",
            a.url
        );
        assert_eq!(
            store.extractor_of(a.id).unwrap(),
            gxnews::scrape::EXTRACTOR_VERSION
        );
    }
    drop(server); // no network from here on

    // An older extractor had got every article wrong.
    for a in &before {
        let mut worse = a.clone();
        worse.title = "garbled".into();
        worse.body = vec!["nav nav nav".into()];
        store.put(&worse).unwrap();
    }
    store.set_read(before[0].id, true).unwrap();

    let report = reindex(&mut store, &Scraper::default()).unwrap();
    assert_eq!(report.articles, 7, "{report:?}");
    assert_eq!(report.changed, 7);
    assert!(report.failed.is_empty());
    for a in &before {
        let again = store.article(a.id).unwrap().unwrap();
        assert_eq!(again.title, a.title);
        assert_eq!(again.body, a.body);
        assert_eq!(again.url, a.url);
        assert_eq!(again.fetched_at, a.fetched_at);
    }
    assert!(
        store
            .summaries(None)
            .unwrap()
            .iter()
            .any(|s| s.id == before[0].id && s.read),
        "read state kept"
    );

    // Reindexing again changes nothing.
    let again = reindex(&mut store, &Scraper::default()).unwrap();
    assert_eq!((again.articles, again.changed), (7, 0));
}

#[test]
fn reindex_command_works_with_the_site_gone() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_gxnews");
    let server = FixtureServer::site();
    let out = Command::new(bin)
        .args(["--data-dir"])
        .arg(dir.path())
        .args(["--site", server.home().as_str(), "fetch", "--delay-ms", "0"])
        .env_remove("GXNEWS_DATA_DIR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    drop(server);
    let out = Command::new(bin)
        .args(["--data-dir"])
        .arg(dir.path())
        .arg("reindex")
        .env_remove("GXNEWS_DATA_DIR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("reindexed 7 articles: 0 changed"),
        "{stdout}"
    );
}
