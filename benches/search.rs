//! Search and startup on a large cache: builds a cache of N articles (default 20 000; set
//! `GXNEWS_BENCH_ARTICLES`) from the corpus's real paragraphs recombined, then prints how long
//! full-text searches take (median and slowest of repeated runs), how long the reader's list
//! takes to load, and the cache's size. Run with `cargo bench --bench search`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{Duration as Days, FixedOffset, TimeZone};
use gxnews::model::Article;
use gxnews::scrape::Scraper;
use gxnews::store::{ListFilter, Store};
use url::Url;

/// A small deterministic generator (xorshift), so every run builds the same cache.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for p in entries.flatten().map(|e| e.path()) {
        if p.is_dir() {
            html_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "html") {
            out.push(p);
        }
    }
}

/// Real paragraphs and titles from the corpus, the raw material of the synthetic cache.
fn material() -> (Vec<String>, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    html_files(&root, &mut files);
    files.sort();
    let scraper = Scraper::default();
    let url = Url::parse("https://en.gxzf.gov.cn/news/a.shtml").unwrap();
    let (mut paras, mut titles) = (Vec::new(), Vec::new());
    for f in files {
        let text = gxnews::fetch::decode::decode(&std::fs::read(&f).unwrap(), None).text;
        if let Ok(a) = scraper.scrape_article(&text, &url) {
            titles.push(a.title);
            paras.extend(a.body.into_iter().filter(|p| p.len() > 60));
        }
    }
    (paras, titles)
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let n: usize = std::env::var("GXNEWS_BENCH_ARTICLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let (paras, titles) = material();
    assert!(!paras.is_empty() && !titles.is_empty(), "no corpus text");
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let cst = FixedOffset::east_opt(8 * 3600).unwrap();
    let start_date = cst.with_ymd_and_hms(2015, 1, 1, 9, 0, 0).unwrap();
    let sections = [
        "Guangxi News",
        "ASEAN News",
        "Business",
        "Culture",
        "Travel",
    ];

    let built = Instant::now();
    for i in 0..n {
        let body: Vec<String> = (0..4 + rng.below(6))
            .map(|_| paras[rng.below(paras.len())].clone())
            .collect();
        let section = sections[rng.below(sections.len())].to_string();
        let a = Article {
            id: 0,
            url: format!("https://en.gxzf.gov.cn/news/{i}/t{i}.shtml"),
            title: format!("{} ({i})", titles[rng.below(titles.len())]),
            breadcrumb: vec!["English".into(), "News".into(), section.clone()],
            section: Some(section),
            published: Some(start_date + Days::hours(i as i64 * 3)),
            source: Some("en.gxzf.gov.cn".into()),
            editor: Some("MXJ".into()),
            views: None,
            body,
            images: Vec::new(),
            links: Vec::new(),
            pages: Vec::new(),
            fetched_at: None,
        };
        store.put(&a).unwrap();
    }
    let build = built.elapsed();
    drop(store);
    let size: u64 = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!(
        "cache: {n} articles, {:.1} MB on disk, built in {:.1} s ({:.0} articles/s, one transaction each)",
        size as f64 / 1e6,
        build.as_secs_f64(),
        n as f64 / build.as_secs_f64()
    );

    // Startup: open the cache and load the list the reader shows first.
    let opened = Instant::now();
    let store = Store::open_dir(dir.path()).unwrap();
    let rows = store.summaries_where(&ListFilter::default(), None).unwrap();
    println!(
        "open + load the list of {} summaries: {:.1} ms",
        rows.len(),
        ms(opened.elapsed())
    );

    let queries = [
        "Guangxi",
        "ASEAN cooperation",
        "Nann",
        "\"border trade\"",
        "innovation -outcomes \"unbalanced",
        "zzzz-not-there",
    ];
    println!(
        "{:<36} {:>6} {:>10} {:>10}",
        "query (top 200)", "hits", "median ms", "max ms"
    );
    for q in queries {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..15 {
            let t = Instant::now();
            hits = store.search(q, 200).unwrap().len();
            times.push(ms(t.elapsed()));
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{:<36} {:>6} {:>10.2} {:>10.2}",
            q,
            hits,
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
}
