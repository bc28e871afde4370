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

/// A saved page of article `i` in the portal's template.
fn page_of(i: usize) -> String {
    let para = format!(
        "Paragraph of generated article {i}, long enough to read as the prose of a news story \
         about the region's roads, ports and schools."
    );
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Generated \
         headline {i}</title></head><body><div class=\"main\"><div class=\"article\">\
         <h1 class=\"title\">Generated headline {i}</h1>\
         <div class=\"info\">updatetime:2024-03-05 10:{m:02}:00 Source:Generated</div>\
         <div id=\"content\"><p>{para}</p><p>{para}</p><p>{para}</p></div></div></div>\
         </body></html>",
        m = i % 60
    )
}

/// A list page: saved once as an article's page, it no longer reads as one.
const LIST_PAGE: &str = "<!DOCTYPE html><html><head><title>News</title></head><body><ul>\
    <li><a href=\"/a/1.shtml\">First headline of the list</a> 2024-03-01</li>\
    <li><a href=\"/a/2.shtml\">Second headline of the list</a> 2024-03-02</li>\
    <li><a href=\"/a/3.shtml\">Third headline of the list</a> 2024-03-03</li>\
    <li><a href=\"/a/4.shtml\">Fourth headline of the list</a> 2024-03-04</li>\
    <li><a href=\"/a/5.shtml\">Fifth headline of the list</a> 2024-03-05</li>\
    </ul></body></html>";

/// A cache of `n` articles read from their saved pages, then spoiled as an older extractor
/// would have read them: every third garbled, every tenth with no saved page, every 25th
/// saved with a page that now reads as a list. Returns the articles as they should read.
fn spoiled_cache(store: &mut Store, n: usize) -> Vec<gxnews::model::Article> {
    use gxnews::store::RawPage;
    let scraper = Scraper::default();
    let mut expected = Vec::new();
    let mut items = Vec::new();
    for i in 0..n {
        let url = format!("https://en.gxzf.gov.cn/news/202403/t20240305_{i}.shtml");
        let html = if i % 25 == 24 {
            LIST_PAGE.to_string()
        } else {
            page_of(i)
        };
        let mut a = scraper
            .scrape_site_page(
                &page_of(i),
                &url::Url::parse(&url).unwrap(),
                gxnews::scrape::PAGE_BUDGET,
            )
            .unwrap()
            .article;
        a.url = url.clone();
        a.fetched_at = Some(chrono::Utc::now().fixed_offset());
        expected.push(a.clone());
        if i % 3 == 0 {
            a.title = "garbled".into();
            a.body = vec!["nav nav nav".into()];
        }
        let page = RawPage {
            url,
            content_type: Some("text/html; charset=utf-8".into()),
            bytes: html.into_bytes(),
        };
        items.push((a, if i % 10 == 9 { Vec::new() } else { vec![page] }));
    }
    for batch in items.chunks(100) {
        store.put_many(batch).unwrap();
    }
    expected
}

#[test]
fn a_parallel_reindex_brings_back_every_article_and_counts_right() {
    const N: usize = 300;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
    let expected = spoiled_cache(&mut store, N);
    let seen = std::sync::Mutex::new(Vec::new());
    let progress = |p: gxnews::reindex::Progress| seen.lock().unwrap().push(p);
    let report =
        gxnews::reindex::reindex_with(&mut store, &Scraper::default(), 4, &progress).unwrap();

    let no_page = |i: usize| i % 10 == 9;
    let as_list = |i: usize| i % 25 == 24 && !no_page(i);
    let read = (0..N).filter(|&i| !no_page(i) && !as_list(i));
    assert_eq!(report.articles, read.clone().count(), "{report:?}");
    assert_eq!(report.changed, read.filter(|i| i % 3 == 0).count());
    assert_eq!(report.without_pages, (0..N).filter(|&i| no_page(i)).count());
    assert_eq!(report.failed.len(), (0..N).filter(|&i| as_list(i)).count());
    assert!(
        report
            .failed
            .iter()
            .all(|f| f.contains("list page; kept as it was"))
    );

    assert_eq!(store.count().unwrap(), N, "every article is still there");
    for (i, want) in expected.iter().enumerate() {
        let got = store.article_by_url(&want.url).unwrap().unwrap();
        if i % 3 == 0 && (no_page(i) || as_list(i)) {
            assert_eq!(got.title, "garbled", "left as it was: {}", want.url);
        } else {
            assert_eq!(
                (&got.title, &got.body),
                (&want.title, &want.body),
                "{}",
                want.url
            );
        }
        assert_eq!(got.fetched_at, want.fetched_at);
    }
    let seen = seen.into_inner().unwrap();
    assert_eq!(
        seen.last().map(|p| (p.done, p.total)),
        Some((N, N)),
        "{seen:?}"
    );
    assert!(seen.windows(2).all(|w| w[0].done < w[1].done));

    // One worker reads the same as four, and a second pass changes nothing.
    let again = gxnews::reindex::reindex_with(&mut store, &Scraper::default(), 1, &|_| {}).unwrap();
    assert_eq!(
        (
            again.articles,
            again.changed,
            again.without_pages,
            again.failed.len()
        ),
        (
            report.articles,
            0,
            report.without_pages,
            report.failed.len()
        )
    );
}
