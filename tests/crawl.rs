//! Fetching and crawling against a real HTTP server on 127.0.0.1 serving the fixture site,
//! with faults injected per path: 404, 500s, slow pages, truncated and oversized bodies, 429s,
//! redirects, and a legacy GBK page.

mod common;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{Fault, FixtureServer, MISSING_ARTICLE, dead_port, expected_articles};
use gxnews::crawl::{CrawlError, CrawlOptions, CrawlReport, Crawler, Progress};
use gxnews::fetch::{FetchConfig, FetchError, Fetcher, USER_AGENT};
use gxnews::scrape::Scraper;
use gxnews::store::Store;
use tempfile::TempDir;

/// Fetch settings for loopback: no pause between requests, short backoff.
fn config() -> FetchConfig {
    FetchConfig {
        delay: Duration::ZERO,
        backoff: Duration::from_millis(10),
        ..FetchConfig::default()
    }
}

fn fetcher(cfg: FetchConfig) -> Fetcher {
    Fetcher::new(cfg).expect("fetcher")
}

fn store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_dir(dir.path()).expect("open store");
    (dir, store)
}

async fn crawl(server: &FixtureServer, cfg: FetchConfig, store: &mut Store) -> CrawlReport {
    try_crawl(server, cfg, store).await.expect("the crawl runs")
}

async fn try_crawl(
    server: &FixtureServer,
    cfg: FetchConfig,
    store: &mut Store,
) -> Result<CrawlReport, CrawlError> {
    let crawler = Crawler::new(
        fetcher(cfg),
        Arc::new(Scraper::default()),
        CrawlOptions::default(),
    );
    crawler.run(&server.home(), store, &|_| {}).await
}

/// The paths of the fixture articles.
fn article_paths() -> Vec<String> {
    expected_articles().into_iter().map(|(p, _)| p).collect()
}

fn assert_no_duplicate_requests(server: &FixtureServer) {
    let log = server.requests();
    let mut seen = HashSet::new();
    let twice: Vec<&String> = log.iter().filter(|p| !seen.insert(*p)).collect();
    assert!(twice.is_empty(), "requested more than once: {twice:?}");
}

// ---------------------------------------------------------------------------------------------
// Crawling the fixture site

#[tokio::test]
async fn crawl_stores_each_fixture_article_once_and_reports_the_missing_one() {
    let server = FixtureServer::site();
    let (_dir, mut store) = store();
    let seen: Mutex<Vec<Progress>> = Mutex::new(Vec::new());
    let crawler = Crawler::new(
        fetcher(config()),
        Arc::new(Scraper::default()),
        CrawlOptions::default(),
    );
    let report = crawler
        .run(&server.home(), &mut store, &|p| {
            seen.lock().unwrap().push(p)
        })
        .await
        .expect("the crawl runs");

    let expected = expected_articles();
    assert_eq!(report.new, expected.len(), "{report:?}");
    assert_eq!(report.updated, 0);
    assert_eq!(report.cached, 0);
    assert_eq!(store.count().unwrap(), expected.len());
    for (path, title) in &expected {
        let url = server.url(path);
        let a = store
            .article_by_url(url.as_str())
            .unwrap()
            .unwrap_or_else(|| panic!("{url} is not in the cache"));
        assert_eq!(&a.title, title, "{url}");
        assert!(!a.body.is_empty(), "{url} has no body");
        assert!(a.fetched_at.is_some(), "{url} has no fetch time");
    }
    let urls: HashSet<String> = store
        .summaries(None)
        .unwrap()
        .into_iter()
        .map(|s| s.url)
        .collect();
    let want: HashSet<String> = expected
        .iter()
        .map(|(p, _)| server.url(p).to_string())
        .collect();
    assert_eq!(urls, want, "the cache holds exactly the fixture articles");

    // The dead link is reported, and did not stop the crawl.
    assert_eq!(report.failed.len(), 1, "{:?}", report.failed);
    assert!(
        report.failed[0].contains(MISSING_ARTICLE) && report.failed[0].contains("404"),
        "{:?}",
        report.failed
    );
    assert!(
        store
            .article_by_url(server.url("/about/").as_str())
            .unwrap()
            .is_none(),
        "the about page is not an article"
    );

    // Each page once; the report counts what the server saw.
    assert_no_duplicate_requests(&server);
    let log = server.requests();
    assert_eq!(report.requests, log.len(), "{log:?}");
    for path in ["/", "/news/guangxinews/", "/news/guangxinews/index_1.html"] {
        assert!(
            log.iter().any(|p| p == path),
            "{path} not requested: {log:?}"
        );
    }
    for path in article_paths() {
        assert_eq!(server.count(&path), 1, "{path}");
    }

    // Progress ends with every article attempted (7 found plus the missing one).
    let seen = seen.into_inner().unwrap();
    assert_eq!(
        seen.last(),
        Some(&Progress::Articles { done: 8, total: 8 }),
        "{seen:?}"
    );
}

#[tokio::test]
async fn last_list_page_with_only_two_links_is_still_a_list() {
    // Page 2 of Guangxi News holds two articles, fewer than a guessed list needs; it is reached
    // through the section's pager, so its links must still be crawled.
    let server = FixtureServer::site();
    let (_dir, mut store) = store();
    crawl(&server, config(), &mut store).await;
    assert_eq!(server.count("/news/guangxinews/index_1.html"), 1);
    for (path, title) in [
        (
            "/news/guangxinews/202012/t20201215_5004.shtml",
            "Wuzhou tea growers expand Liubao tea exports",
        ),
        (
            "/news/guangxinews/202011/t20201120_5005.shtml",
            "Yulin hosts traditional Chinese medicine fair",
        ),
    ] {
        let a = store
            .article_by_url(server.url(path).as_str())
            .unwrap()
            .unwrap_or_else(|| panic!("{path}, linked only from page 2, is not cached"));
        assert_eq!(a.title, title);
    }
}

#[tokio::test]
async fn second_crawl_requests_no_cached_article() {
    let server = FixtureServer::site();
    let (_dir, mut store) = store();
    let first = crawl(&server, config(), &mut store).await;
    assert_eq!(first.new, 7);

    server.clear_requests();
    let second = crawl(&server, config(), &mut store).await;
    assert_eq!(second.new, 0, "{second:?}");
    assert_eq!(second.updated, 0, "{second:?}");
    assert_eq!(second.cached, 7, "{second:?}");
    assert_eq!(store.count().unwrap(), 7);

    let log = server.requests();
    for path in article_paths() {
        assert!(!log.contains(&path), "cached {path} fetched again: {log:?}");
    }
    // Only the home page, the lists and the still-missing article.
    assert!(log.iter().any(|p| p == "/"), "{log:?}");
    assert!(log.iter().any(|p| p == "/news/guangxinews/"), "{log:?}");
    assert!(
        log.iter()
            .all(|p| !p.ends_with(".shtml") || p == MISSING_ARTICLE),
        "{log:?}"
    );
    assert_no_duplicate_requests(&server);
}

#[tokio::test]
async fn article_failing_once_with_500_is_retried_and_stored() {
    let server = FixtureServer::site();
    let flaky = "/news/guangxinews/202102/t20210219_5002.shtml";
    server.fault(flaky, Fault::FailThenOk(1));
    let (_dir, mut store) = store();
    let report = crawl(&server, config(), &mut store).await;

    assert_eq!(server.count(flaky), 2, "one 500, one retry");
    assert_eq!(report.new, 7, "{report:?}");
    assert_eq!(
        report.failed.len(),
        1,
        "only the missing article: {report:?}"
    );
    let a = store
        .article_by_url(server.url(flaky).as_str())
        .unwrap()
        .expect("the retried article is cached");
    assert_eq!(a.title, "Guangxi farmers begin planting early rice");
}

#[tokio::test]
async fn article_that_keeps_failing_is_reported_and_the_rest_stored() {
    let server = FixtureServer::site();
    let broken = "/news/guangxinews/202101/t20210111_5003.shtml";
    server.fault(broken, Fault::Status(500));
    let (_dir, mut store) = store();
    let cfg = config();
    let retries = cfg.retries as usize;
    let report = crawl(&server, cfg, &mut store).await;

    assert_eq!(server.count(broken), 1 + retries, "first try plus retries");
    assert_eq!(report.new, 6, "{report:?}");
    assert_eq!(store.count().unwrap(), 6);
    assert!(
        store
            .article_by_url(server.url(broken).as_str())
            .unwrap()
            .is_none()
    );
    assert_eq!(report.failed.len(), 2, "{:?}", report.failed);
    assert!(
        report
            .failed
            .iter()
            .any(|f| f.contains(broken) && f.contains("HTTP 500")),
        "{:?}",
        report.failed
    );
    assert!(
        report.failed.iter().any(|f| f.contains(MISSING_ARTICLE)),
        "{:?}",
        report.failed
    );
}

#[tokio::test]
async fn slow_page_within_the_timeout_is_fetched() {
    let server = FixtureServer::site();
    let slow = "/news/guangxinews/202012/t20201215_5004.shtml";
    server.fault(slow, Fault::Slow(Duration::from_millis(300)));
    let (_dir, mut store) = store();
    let report = crawl(&server, config(), &mut store).await;

    assert_eq!(report.new, 7, "{report:?}");
    assert_eq!(server.count(slow), 1, "fetched on the first try");
    let a = store
        .article_by_url(server.url(slow).as_str())
        .unwrap()
        .expect("the slow article is cached");
    assert_eq!(a.title, "Wuzhou tea growers expand Liubao tea exports");
}

#[tokio::test]
async fn page_slower_than_the_timeout_fails_and_the_crawl_goes_on() {
    let server = FixtureServer::site();
    let stuck = "/news/guangxinews/202012/t20201215_5004.shtml";
    server.fault(stuck, Fault::Slow(Duration::from_secs(600)));
    let (_dir, mut store) = store();
    let cfg = FetchConfig {
        timeout: Duration::from_secs(2),
        retries: 0,
        ..config()
    };
    let report = crawl(&server, cfg, &mut store).await;

    assert_eq!(report.new, 6, "{report:?}");
    assert!(
        store
            .article_by_url(server.url(stuck).as_str())
            .unwrap()
            .is_none()
    );
    assert!(
        report
            .failed
            .iter()
            .any(|f| f.contains(stuck) && f.contains("(request timeout)")),
        "{:?}",
        report.failed
    );
}

#[tokio::test]
async fn truncated_article_is_not_stored_in_part() {
    let server = FixtureServer::site();
    let cut = "/news/aseannews/202103/t20210310_6001.shtml";
    server.fault(cut, Fault::Truncated);
    let (_dir, mut store) = store();
    let report = crawl(&server, config(), &mut store).await;

    assert_eq!(report.new, 6, "{report:?}");
    assert!(
        store
            .article_by_url(server.url(cut).as_str())
            .unwrap()
            .is_none(),
        "half an article was cached"
    );
    assert!(
        report.failed.iter().any(|f| f.contains(cut)),
        "{:?}",
        report.failed
    );
}

#[tokio::test]
async fn unreachable_site_is_a_crawl_error() {
    let port = dead_port();
    let site = url::Url::parse(&format!("http://127.0.0.1:{port}/")).unwrap();
    let (_dir, mut store) = store();
    let crawler = Crawler::new(
        fetcher(config()),
        Arc::new(Scraper::default()),
        CrawlOptions::default(),
    );
    let err = crawler
        .run(&site, &mut store, &|_| {})
        .await
        .expect_err("nothing listens there");
    match err {
        CrawlError::Unreachable(e) => assert!(e.is_unreachable(), "{e:?}"),
        other => panic!("expected Unreachable, got {other:?}"),
    }
    assert_eq!(store.count().unwrap(), 0);
}

#[tokio::test]
async fn home_page_error_is_unreachable_and_nothing_else_is_requested() {
    let server = FixtureServer::site();
    server.fault("/", Fault::Status(503));
    let (_dir, mut store) = store();
    let cfg = FetchConfig {
        retries: 1,
        ..config()
    };
    let err = try_crawl(&server, cfg, &mut store)
        .await
        .expect_err("the home page is down");
    assert!(
        matches!(
            err,
            CrawlError::Unreachable(FetchError::Status { code: 503, .. })
        ),
        "{err:?}"
    );
    assert_eq!(
        server.requests(),
        vec!["/", "/"],
        "the home page, retried once"
    );
}

// ---------------------------------------------------------------------------------------------
// The fetcher on its own

#[tokio::test]
async fn truncated_body_is_an_error() {
    let server = FixtureServer::site();
    let path = "/news/aseannews/202103/t20210310_6001.shtml";
    server.fault(path, Fault::Truncated);
    let cfg = config();
    let retries = cfg.retries as usize;
    let err = fetcher(cfg)
        .get(&server.url(path))
        .await
        .expect_err("half a body is not a page");
    assert!(matches!(err, FetchError::Body { .. }), "{err:?}");
    assert_eq!(
        server.count(path),
        1 + retries,
        "a broken transfer is retried"
    );
}

#[tokio::test]
async fn oversized_body_is_refused() {
    let server = FixtureServer::site();
    let limit = 64 * 1024;
    server.fault("/huge.html", Fault::Huge(limit + 1));
    let err = fetcher(FetchConfig {
        max_bytes: limit,
        ..config()
    })
    .get(&server.url("/huge.html"))
    .await
    .expect_err("over the cap");
    assert_eq!(
        err,
        FetchError::TooLarge {
            url: server.url("/huge.html").to_string(),
            limit
        }
    );
    assert_eq!(server.count("/huge.html"), 1, "not retried");
}

#[tokio::test]
async fn oversized_body_without_content_length_is_refused() {
    let server = FixtureServer::site();
    let limit = 64 * 1024;
    server.fault("/stream.html", Fault::HugeChunked(4 * limit));
    let err = fetcher(FetchConfig {
        max_bytes: limit,
        ..config()
    })
    .get(&server.url("/stream.html"))
    .await
    .expect_err("over the cap");
    assert!(
        matches!(err, FetchError::TooLarge { limit: l, .. } if l == limit),
        "{err:?}"
    );
}

#[tokio::test]
async fn body_exactly_at_the_cap_is_accepted() {
    let server = FixtureServer::site();
    let limit = 64 * 1024;
    server.fault("/full.html", Fault::HugeChunked(limit));
    let page = fetcher(FetchConfig {
        max_bytes: limit,
        ..config()
    })
    .get(&server.url("/full.html"))
    .await
    .expect("at the cap, not over it");
    assert_eq!(page.bytes.len(), limit);
}

#[tokio::test]
async fn too_many_requests_with_retry_after_zero_is_retried() {
    let server = FixtureServer::site();
    let path = "/news/guangxinews/202103/t20210305_5001.shtml";
    server.fault(path, Fault::RetryAfter429 { times: 1, secs: 0 });
    let page = fetcher(config())
        .get(&server.url(path))
        .await
        .expect("ok after one 429");
    assert!(String::from_utf8_lossy(&page.bytes).contains("Nanning opens new riverside greenway"));
    assert_eq!(server.count(path), 2);
}

#[tokio::test]
async fn retry_after_longer_than_allowed_is_not_waited_for() {
    let server = FixtureServer::site();
    let path = "/news/guangxinews/202103/t20210305_5001.shtml";
    server.fault(
        path,
        Fault::RetryAfter429 {
            times: 1,
            secs: 3600,
        },
    );
    let err = fetcher(FetchConfig {
        max_retry_after: Duration::from_secs(5),
        ..config()
    })
    .get(&server.url(path))
    .await
    .expect_err("an hour is too long to wait");
    assert!(
        matches!(err, FetchError::Status { code: 429, .. }),
        "{err:?}"
    );
    assert_eq!(server.count(path), 1, "gave up without retrying");
}

#[tokio::test]
async fn slow_page_past_the_timeout_is_a_timeout_error() {
    let server = FixtureServer::site();
    let path = "/news/guangxinews/202103/t20210305_5001.shtml";
    server.fault(path, Fault::Slow(Duration::from_secs(600)));
    let err = fetcher(FetchConfig {
        timeout: Duration::from_millis(500),
        retries: 0,
        ..config()
    })
    .get(&server.url(path))
    .await
    .expect_err("the page never comes");
    assert!(matches!(err, FetchError::Timeout { .. }), "{err:?}");
    assert!(err.is_unreachable());
    // The message names the limit it ran into, and how many attempts it cut off.
    assert!(
        err.to_string()
            .contains("connected, but no whole answer within 0.5 s (request timeout)"),
        "{err}"
    );
    let err = fetcher(FetchConfig {
        timeout: Duration::from_millis(300),
        retries: 2,
        ..config()
    })
    .get(&server.url(path))
    .await
    .expect_err("the page never comes");
    assert!(
        err.to_string().ends_with("(request timeout), 3 attempts"),
        "{err}"
    );
}

/// A `Retry-After` given as an HTTP date is waited for until that time.
#[tokio::test]
async fn retry_after_as_an_http_date_is_waited_for() {
    let server = FixtureServer::site();
    let path = "/news/guangxinews/202103/t20210305_5001.shtml";
    server.fault(path, Fault::RetryAfterDate429 { times: 1, secs: 3 });
    let started = std::time::Instant::now();
    fetcher(config())
        .get(&server.url(path))
        .await
        .expect("ok after one 429");
    // The date has whole seconds: the wait is at least two of the three.
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.count(path), 2);
}

/// Another port of the same host is another site: a redirect there is refused, as a list's
/// link there is not followed.
#[tokio::test]
async fn redirect_to_another_port_of_the_same_host_is_refused() {
    let server = FixtureServer::site();
    let other = FixtureServer::site();
    let target = "/news/guangxinews/202103/t20210305_5001.shtml";
    server.fault(
        "/away.shtml",
        Fault::Redirect(other.url(target).to_string()),
    );
    let err = fetcher(config())
        .get(&server.url("/away.shtml"))
        .await
        .expect_err("off-site redirect");
    assert!(matches!(err, FetchError::Redirect { .. }), "{err:?}");
    assert_eq!(other.count(target), 0, "the other port was not contacted");
}

#[tokio::test]
async fn not_found_is_a_status_error_and_not_retried() {
    let server = FixtureServer::site();
    let err = fetcher(config())
        .get(&server.url(MISSING_ARTICLE))
        .await
        .expect_err("404");
    assert!(
        matches!(err, FetchError::Status { code: 404, .. }),
        "{err:?}"
    );
    assert_eq!(server.count(MISSING_ARTICLE), 1);
}

#[tokio::test]
async fn redirect_within_the_site_is_followed() {
    let server = FixtureServer::site();
    let target = "/news/guangxinews/202103/t20210305_5001.shtml";
    server.fault("/moved.shtml", Fault::Redirect(target.to_string()));
    let page = fetcher(config())
        .get(&server.url("/moved.shtml"))
        .await
        .expect("same-site redirect");
    assert_eq!(page.url, server.url(target));
    assert_eq!(server.requests(), vec!["/moved.shtml", target]);
}

#[tokio::test]
async fn redirect_to_another_host_is_refused() {
    let server = FixtureServer::site();
    let target = "/news/guangxinews/202103/t20210305_5001.shtml";
    // Same server, but named differently: a different host as far as the URL goes.
    let elsewhere = format!("http://localhost:{}{target}", server.addr.port());
    server.fault("/away.shtml", Fault::Redirect(elsewhere));
    let err = fetcher(config())
        .get(&server.url("/away.shtml"))
        .await
        .expect_err("off-site redirect");
    assert!(matches!(err, FetchError::Redirect { .. }), "{err:?}");
    assert_eq!(
        server.requests(),
        vec!["/away.shtml"],
        "the other host was not contacted"
    );
}

/// Sets up `/hop1` → `/hop2` → … → `/hop{n}` → the article: `n` redirects.
fn redirect_chain(server: &FixtureServer, n: usize) -> &'static str {
    let target = "/news/guangxinews/202103/t20210305_5001.shtml";
    for i in 1..=n {
        let next = if i == n {
            target.to_string()
        } else {
            format!("/hop{}", i + 1)
        };
        server.fault(&format!("/hop{i}"), Fault::Redirect(next));
    }
    target
}

#[tokio::test]
async fn five_redirects_are_followed() {
    let server = FixtureServer::site();
    let target = redirect_chain(&server, 5);
    let page = fetcher(config())
        .get(&server.url("/hop1"))
        .await
        .expect("five redirects are within the limit");
    assert_eq!(page.url, server.url(target));
}

#[tokio::test]
async fn more_than_five_redirects_are_refused() {
    let server = FixtureServer::site();
    let target = redirect_chain(&server, 6);
    let err = fetcher(config())
        .get(&server.url("/hop1"))
        .await
        .expect_err("six redirects");
    assert!(matches!(err, FetchError::Redirect { .. }), "{err:?}");
    assert!(!server.requests().iter().any(|p| p == target));
}

#[tokio::test]
async fn redirect_loop_is_refused() {
    let server = FixtureServer::site();
    server.fault("/loop", Fault::Redirect("/loop".to_string()));
    let err = fetcher(config())
        .get(&server.url("/loop"))
        .await
        .expect_err("a loop never ends");
    assert!(matches!(err, FetchError::Redirect { .. }), "{err:?}");
    assert!(server.count("/loop") <= 6, "{:?}", server.requests());
}

#[tokio::test]
async fn gbk_page_declared_gb2312_in_a_meta_tag_decodes_cleanly() {
    let server = FixtureServer::site();
    // 镕 is in GBK but not in GB2312: a strict GB2312 decoder would turn it into U+FFFD.
    let text = "朱镕基总理视察广西南宁";
    let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><title>x</title></head><body><p>".to_vec();
    let (encoded, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    page.extend_from_slice(&encoded);
    page.extend_from_slice(b"</p></body></html>");
    assert!(
        std::str::from_utf8(&page).is_err(),
        "the fixture is not UTF-8"
    );
    server.fault(
        "/gbk.html",
        Fault::Bytes {
            content_type: "text/html".to_string(),
            body: page,
        },
    );

    let fetched = fetcher(config())
        .get(&server.url("/gbk.html"))
        .await
        .expect("fetched");
    let decoded = fetched.text();
    assert_eq!(decoded.from, "meta");
    assert_eq!(decoded.encoding, "GBK");
    assert!(!decoded.had_errors);
    assert!(!decoded.text.contains('\u{FFFD}'), "{}", decoded.text);
    assert!(decoded.text.contains(text), "{}", decoded.text);
}

#[tokio::test]
async fn requests_identify_gxnews_in_the_user_agent() {
    let server = FixtureServer::site();
    fetcher(config()).get(&server.home()).await.expect("home");
    let hits = server.hits();
    assert_eq!(hits.len(), 1);
    let ua = hits[0].user_agent.as_deref().unwrap_or("");
    assert!(ua.starts_with("gxnews/"), "{ua:?}");
    assert_eq!(ua, USER_AGENT);
}

/// Lists and articles run in one pipeline: while one section's list page hangs, the other
/// section's articles are fetched and stored, and the hung page fails on its own.
#[tokio::test]
async fn a_hung_list_page_delays_only_its_own_section() {
    let site = tempfile::tempdir().unwrap();
    common::gensite::write(site.path(), 2, 5);
    let server = FixtureServer::start(site.path());
    server.fault("/s0/", Fault::Slow(Duration::from_secs(600)));
    let (_dir, mut store) = store();
    let seen: Mutex<Vec<Progress>> = Mutex::new(Vec::new());
    let crawler = Crawler::new(
        fetcher(FetchConfig {
            timeout: Duration::from_secs(2),
            retries: 0,
            concurrency: 4,
            ..config()
        }),
        Arc::new(Scraper::default()),
        CrawlOptions::default(),
    );
    let report = crawler
        .run(&server.home(), &mut store, &|p| {
            seen.lock().unwrap().push(p)
        })
        .await
        .expect("the crawl runs");
    assert_eq!(report.new, 5, "{report:?}");
    assert_eq!(report.failed.len(), 1, "{:?}", report.failed);
    assert!(report.failed[0].contains("/s0/"), "{:?}", report.failed);
    // Articles were stored before the hung list page gave up.
    let seen = seen.into_inner().unwrap();
    let first_article = seen
        .iter()
        .position(|p| matches!(p, Progress::Articles { done, .. } if *done > 0))
        .expect("articles were fetched");
    let last_list = seen
        .iter()
        .rposition(|p| matches!(p, Progress::Lists { .. }))
        .unwrap();
    assert!(first_article < last_list, "{seen:?}");
}

/// A section list of 4,000 links, a quarter of them second pages of articles it also links:
/// the plan takes each article once and no second page for an article (the article limit caps
/// the fetches).
#[tokio::test]
async fn a_list_of_four_thousand_links_is_planned_once_each_without_second_pages() {
    let site = tempfile::tempdir().unwrap();
    let n = 4_000;
    let items: String = (0..n)
        .map(|i| {
            let page = if i % 4 == 3 {
                format!("t{}_2", i - 3)
            } else {
                format!("t{i}")
            };
            format!("<li><a href=\"/a/{page}.shtml\">Generated headline number {i}</a></li>")
        })
        .collect();
    std::fs::write(
        site.path().join("index.html"),
        "<html><head><title>Front</title></head><body><div class=\"nav\">\
         <a href=\"/s0/\">Section</a></div></body></html>",
    )
    .unwrap();
    std::fs::create_dir(site.path().join("s0")).unwrap();
    std::fs::write(
        site.path().join("s0/index.html"),
        format!(
            "<html><head><title>Section</title></head><body><div class=\"main\">\
             <div class=\"list\"><ul>{items}</ul></div></div></body></html>"
        ),
    )
    .unwrap();
    let server = FixtureServer::start(site.path());
    let (_dir, mut store) = store();
    let crawler = Crawler::new(
        fetcher(config()),
        Arc::new(Scraper::default()),
        CrawlOptions {
            max_articles: 10,
            ..CrawlOptions::default()
        },
    );
    let report = crawler
        .run(&server.home(), &mut store, &|_| {})
        .await
        .expect("the crawl runs");
    // Ten articles asked for (all missing on this server), none of them a second page.
    let asked: Vec<String> = server
        .requests()
        .into_iter()
        .filter(|p| p.starts_with("/a/"))
        .collect();
    assert_eq!(asked.len(), 10, "{asked:?}");
    assert!(asked.iter().all(|p| !p.contains("_2")), "{asked:?}");
    assert_eq!(report.failed.len(), 10);
}
