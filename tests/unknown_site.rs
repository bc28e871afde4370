//! A crawl of a local copy of a site in a template family the profile does not know (table
//! layout, other class names, `index.htm`, a pager script instead of "Next" links): every
//! article found exactly once, the multi-page article joined, and no list, about or PDF page
//! stored as an article.

mod common;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use common::{FixtureServer, fixtures_dir};
use gxnews::crawl::{CrawlOptions, Crawler};
use gxnews::fetch::{FetchConfig, Fetcher};
use gxnews::scrape::Scraper;
use gxnews::store::Store;

/// `site2/EXPECTED.md`: `(path, title, paragraphs)` per article, and the PDF's path.
fn expected() -> (Vec<(String, String, usize)>, String) {
    let text = std::fs::read_to_string(fixtures_dir().join("site2/EXPECTED.md")).unwrap();
    let mut articles = Vec::new();
    let mut pdf = String::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        match cols.as_slice() {
            ["PDF", path] => pdf = path.trim().to_string(),
            [path, title, n] => articles.push((
                path.to_string(),
                title.to_string(),
                n.trim().parse().unwrap(),
            )),
            _ => panic!("bad EXPECTED.md line {line:?}"),
        }
    }
    assert_eq!(articles.len(), 12);
    (articles, pdf)
}

#[tokio::test]
async fn crawl_of_an_unknown_template_finds_every_article_once() {
    let server = FixtureServer::start(fixtures_dir().join("site2"));
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
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
    let report = crawler
        .run(&server.home(), &mut store, &|_| {})
        .await
        .unwrap();
    let (articles, pdf) = expected();

    assert!(report.failed.is_empty(), "{report:?}");
    assert_eq!(report.new, articles.len(), "{report:?}");
    assert_eq!(store.count().unwrap(), articles.len());
    let stored: HashMap<String, i64> = store
        .summaries(None)
        .unwrap()
        .into_iter()
        .map(|s| (s.url, s.id))
        .collect();
    for (path, title, paragraphs) in &articles {
        let url = server.url(path).to_string();
        let id = *stored
            .get(&url)
            .unwrap_or_else(|| panic!("{url} not stored; have {stored:?}"));
        let a = store.article(id).unwrap().unwrap();
        assert_eq!(&a.title, title, "{url}");
        assert_eq!(a.body.len(), *paragraphs, "{url}: {:?}", a.body);
        assert!(a.published.is_some(), "{url} has a date");
        assert!(a.source.is_some(), "{url} has a source");
        assert!(!a.breadcrumb.is_empty(), "{url} has a breadcrumb");
    }
    // The three pages of the multi-page article are one article, stored with all its pages.
    let multi = stored[&server.url("/culture/202102/t20210211_9001.htm").to_string()];
    assert_eq!(store.raw_pages(multi).unwrap().len(), 3);
    assert!(
        !stored.keys().any(|u| u.contains("_9001_")),
        "continuation pages are not articles"
    );
    // No list, about or PDF page is an article; the PDF is an attachment, never fetched.
    assert!(
        !stored
            .keys()
            .any(|u| u.ends_with('/') || u.contains("index") || u.ends_with(".pdf"))
    );
    let attachments: Vec<String> = store
        .attachments()
        .unwrap()
        .into_iter()
        .map(|(u, _)| u)
        .collect();
    assert_eq!(attachments, vec![server.url(&pdf).to_string()]);
    assert_eq!(server.count(&pdf), 0);
    // All three pages of the economy list were found through the pager script.
    for p in ["/economy/index_1.htm", "/economy/index_2.htm"] {
        assert_eq!(server.count(p), 1, "{p}");
    }
    // Never a URL twice, and never off the site.
    let log = server.requests();
    let mut seen = HashSet::new();
    let twice: Vec<&String> = log.iter().filter(|p| !seen.insert(*p)).collect();
    assert!(twice.is_empty(), "requested twice: {twice:?}");
    assert!(
        !log.iter()
            .any(|p| p.contains("mailto") || p.contains("javascript"))
    );
}
