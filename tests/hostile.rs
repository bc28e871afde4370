//! Hostile pages: nesting a million deep and megabytes of unclosed elements are read without a
//! crash, on a worker thread's stack, in bounded time; a page over the budget is skipped with
//! one clear line and the rest of the site is stored.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::shapes::{NESTED, UNCLOSED};
use common::{FixtureServer, gensite};
use gxnews::crawl::{CrawlError, CrawlOptions, Crawler};
use gxnews::fetch::{FetchConfig, Fetcher};
use gxnews::model::PageKind;
use gxnews::scrape::{PAGE_BUDGET, Scraper};
use gxnews::store::Store;
use url::Url;

/// The stack of the threads a crawl reads pages on (tokio's blocking pool).
const WORKER_STACK: usize = 2 << 20;

const BOTTOM: &str = "The text that sits at the bottom of the nesting is kept.";
const LAST: &str = "It closes with a last paragraph after the nesting.";

/// Reads a page on a thread with a worker's stack, as a crawl does (with no time budget: how
/// long it takes is measured by `cargo bench --bench hostile`, not here).
fn read_on_worker(page: String) -> gxnews::model::Page {
    std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(move || {
            let url = Url::parse("https://en.gxzf.gov.cn/2024-03/01/c_1.htm").unwrap();
            Scraper::default().scrape(&page, &url)
        })
        .unwrap()
        .join()
        .expect("reading the page does not crash")
}

/// A million nested `<b>`, `<div>`, `<ul><li>`, `<table>`, `<blockquote>` and `<section>`: each
/// is read as the article it is, its text kept, the nesting beyond the cap flattened.
#[test]
fn a_million_levels_of_nesting_are_read() {
    for shape in NESTED {
        let t = std::time::Instant::now();
        let page = read_on_worker(shape.page("Nested a million deep", 1_000_000));
        eprintln!("{}: {:?}", shape.name, t.elapsed());
        assert_eq!(page.kind, PageKind::Article, "{}", shape.name);
        let a = &page.article;
        assert_eq!(a.title, "Nested a million deep");
        let text = a.body.join("\n");
        assert!(
            text.contains(BOTTOM) && text.contains(LAST),
            "{}: {text:.300}",
            shape.name
        );
    }
}

/// Two megabytes of unclosed elements are read as the article, its last paragraph too.
#[test]
fn megabytes_of_unclosed_elements_are_read() {
    for shape in UNCLOSED {
        let t = std::time::Instant::now();
        let page = read_on_worker(shape.page("Never closed", shape.repeats_for(2 << 20)));
        eprintln!("{}: {:?}", shape.name, t.elapsed());
        assert_eq!(page.kind, PageKind::Article, "{}", shape.name);
        assert!(
            page.article.body.join("\n").contains(BOTTOM),
            "{}",
            shape.name
        );
    }
}

/// A site whose articles include a page nested a million deep and two megabytes of unclosed
/// `<div>`: the crawl stores every article, the hostile ones with their text.
#[tokio::test]
async fn a_crawl_stores_hostile_pages_and_the_rest_of_the_site() {
    let dir = tempfile::tempdir().unwrap();
    gensite::write(dir.path(), 1, 6);
    let hostile = [
        (NESTED[0].page("Nested a million deep", 1_000_000), 0),
        (
            UNCLOSED[0].page("Never closed", UNCLOSED[0].repeats_for(2 << 20)),
            1,
        ),
        (
            NESTED[2].page("Nested lists", NESTED[2].repeats_for(8 << 20)),
            2,
        ),
    ];
    for (page, i) in &hostile {
        let path = gensite::article_path(0, *i);
        std::fs::write(dir.path().join(path.trim_start_matches('/')), page).unwrap();
    }
    let server = FixtureServer::start(dir.path());
    let store_dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(store_dir.path()).unwrap();
    let report = crawler(CrawlOptions::default())
        .run(&server.home(), &mut store, &|_| {})
        .await
        .expect("the crawl finishes");
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(store.count().unwrap(), 6);
    for (title, i) in [
        ("Nested a million deep", 0),
        ("Never closed", 1),
        ("Nested lists", 2),
    ] {
        let url = server.url(&gensite::article_path(0, i));
        let a = store.article_by_url(url.as_str()).unwrap().expect("stored");
        assert_eq!(a.title, title);
        assert!(a.body.join("\n").contains(BOTTOM), "{title}");
    }
}

/// A page not read within the crawl's budget is skipped with one line that says so; here the
/// budget is nil, so the home page itself cannot be read and the crawl says which page and why.
#[tokio::test]
async fn a_page_over_the_budget_is_skipped_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    gensite::write(dir.path(), 1, 2);
    let server = FixtureServer::start(dir.path());
    let store_dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(store_dir.path()).unwrap();
    let opts = CrawlOptions {
        page_budget: Duration::ZERO,
        ..CrawlOptions::default()
    };
    let err = crawler(opts)
        .run(&server.home(), &mut store, &|_| {})
        .await
        .expect_err("nothing can be read in no time");
    assert!(matches!(err, CrawlError::Unreadable(_)), "{err:?}");
    let line = err.to_string();
    assert_eq!(
        line,
        "cannot read the site's home page: page too complex, skipped (not read within 0 ms)"
    );
    assert_eq!(store.count().unwrap(), 0);
}

/// The scraper's budget: a page at the fetch cap is not read in a millisecond, and the same
/// page is read whole when time is left.
#[test]
fn the_budget_stops_a_long_read_and_spares_a_short_one() {
    let url = Url::parse("https://en.gxzf.gov.cn/2024-03/01/c_1.htm").unwrap();
    let huge = UNCLOSED[3].page("Big", UNCLOSED[3].repeats_for(8 << 20));
    let s = Scraper::default();
    let err = s
        .scrape_site_page(&huge, &url, Duration::from_millis(1))
        .expect_err("8 MiB is not read in 1 ms");
    assert_eq!(
        err.to_string(),
        "page too complex, skipped (not read within 1 ms)"
    );
    let small = common::shapes::article("Small", "A short article body of one sentence.");
    let page = s.scrape_site_page(&small, &url, PAGE_BUDGET).unwrap();
    assert_eq!(page.article.title, "Small");
}

fn crawler(opts: CrawlOptions) -> Crawler {
    let config = FetchConfig {
        delay: Duration::ZERO,
        ..FetchConfig::default()
    };
    Crawler::new(
        Fetcher::new(config).unwrap(),
        Arc::new(Scraper::default()),
        opts,
    )
}

/// `gxnews parse` of a page nested a million deep answers with the article, no crash.
#[test]
fn gxnews_parse_reads_a_page_nested_a_million_deep() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deep.html");
    std::fs::write(&file, NESTED[1].page("Nested a million deep", 1_000_000)).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gxnews"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .arg("--data-dir")
        .arg(dir.path())
        .args([
            "parse",
            "--json",
            "--url",
            "https://en.gxzf.gov.cn/2024-03/01/c_1.htm",
        ])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["kind"], "article", "{v}");
    assert_eq!(v["title"], "Nested a million deep");
}
