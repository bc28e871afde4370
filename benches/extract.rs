//! Extraction speed over the corpus, on one core: (a) parsing alone (building the scraper
//! document) and (b) full extraction (parse, metadata, body, links), in pages/s and MB/s.
//! Run with `cargo bench --bench extract`; `benches/trafilatura.sh` compares with trafilatura.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gxnews::scrape::Scraper;
use url::Url;

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            html_files(&p, out);
        } else if p
            .extension()
            .is_some_and(|e| e == "html" || e == "htm" || e == "shtml")
        {
            out.push(p);
        }
    }
}

/// Runs `f` over every page until at least `min` has passed; returns seconds per pass.
fn time_passes(min: Duration, mut f: impl FnMut()) -> f64 {
    f(); // warm up
    let start = Instant::now();
    let mut passes = 0u32;
    while start.elapsed() < min || passes < 3 {
        f();
        passes += 1;
    }
    start.elapsed().as_secs_f64() / f64::from(passes)
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut files = Vec::new();
    html_files(&root, &mut files);
    assert!(
        !files.is_empty(),
        "no corpus pages under {}",
        root.display()
    );
    let url = Url::parse("https://en.gxzf.gov.cn/news/guangxinews/202101/t20210125_2345678.shtml")
        .unwrap();
    let pages: Vec<String> = files
        .iter()
        .map(|f| gxnews::fetch::decode::decode(&std::fs::read(f).unwrap(), None).text)
        .collect();
    let scraper = Scraper::default();
    // GXNEWS_BENCH_SECS shortens the run (e.g. 0 under a profiler).
    let secs = std::env::var("GXNEWS_BENCH_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let min = Duration::from_secs(secs);

    report("corpus", &pages, &scraper, &url, min);
    // One very large page (hundreds of KB of inline script) weighs on parsing far more than on
    // extraction: the same figures without pages over 100 KB show the ordinary page.
    let ordinary: Vec<String> = pages
        .iter()
        .filter(|p| p.len() <= 100_000)
        .cloned()
        .collect();
    if ordinary.len() < pages.len() {
        println!();
        report("pages under 100 KB", &ordinary, &scraper, &url, min);
    }
    // Pages the size of a real portal page (a full menu, footer and scripts around the text).
    let full_size: Vec<String> = ordinary
        .iter()
        .filter(|p| p.len() >= 20_000)
        .cloned()
        .collect();
    if !full_size.is_empty() {
        println!();
        report("pages of 20-100 KB", &full_size, &scraper, &url, min);
    }
}

fn report(name: &str, pages: &[String], scraper: &Scraper, url: &Url, min: Duration) {
    let bytes: usize = pages.iter().map(String::len).sum();
    let parse = time_passes(min, || {
        for p in pages {
            black_box(scraper::Html::parse_document(black_box(p)));
        }
    });
    let full = time_passes(min, || {
        for p in pages {
            black_box(scraper.scrape(black_box(p), url));
        }
    });
    let n = pages.len() as f64;
    let mb = bytes as f64 / 1e6;
    println!("{name}: {} pages, {:.2} MB", pages.len(), mb);
    println!(
        "parse only:      {:>8.0} pages/s  {:>6.1} MB/s  ({:.3} ms/page)",
        n / parse,
        mb / parse,
        parse * 1e3 / n
    );
    println!(
        "full extraction: {:>8.0} pages/s  {:>6.1} MB/s  ({:.3} ms/page)",
        n / full,
        mb / full,
        full * 1e3 / n
    );
    println!("full extraction costs {:.2}x parsing alone", full / parse);
    if name == "corpus" {
        println!("gxnews_full_pages_per_s={:.1}", n / full);
    }
}
