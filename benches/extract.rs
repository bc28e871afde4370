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

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
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
    // GXNEWS_BENCH_KIND=list keeps only the pages whose expected kind is `list` (for a
    // profiler);
    if let Ok(kind) = std::env::var("GXNEWS_BENCH_KIND") {
        let wanted = format!("\"kind\": \"{kind}\"");
        files.retain(|f| {
            std::fs::read_to_string(f.with_extension("json")).is_ok_and(|j| j.contains(&wanted))
        });
    }
    // GXNEWS_BENCH_ONLY=text keeps only the pages whose path contains `text`;
    if let Ok(only) = std::env::var("GXNEWS_BENCH_ONLY") {
        files.retain(|f| f.to_string_lossy().contains(&only));
    }
    // GXNEWS_BENCH_SKIP=text leaves them out.
    if let Ok(skip) = std::env::var("GXNEWS_BENCH_SKIP") {
        files.retain(|f| !f.to_string_lossy().contains(&skip));
    }
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

    // GXNEWS_BENCH_MODE=parse or full runs one pass of that alone, for an instruction-counting
    // profiler (`valgrind --tool=callgrind`), whose counts do not vary with the machine's load.
    // GXNEWS_BENCH_PASSES sets how many (default 1): the difference between two and one pass
    // leaves out what happens once (compiling patterns).
    let passes: usize = std::env::var("GXNEWS_BENCH_PASSES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    match std::env::var("GXNEWS_BENCH_MODE").as_deref() {
        Ok("parse") => {
            for p in pages.iter().cycle().take(pages.len() * passes) {
                black_box(scraper::Html::parse_document(black_box(p)));
            }
            return;
        }
        Ok("full") => {
            for p in pages.iter().cycle().take(pages.len() * passes) {
                black_box(scraper.scrape(black_box(p), &url));
            }
            return;
        }
        // One pass to warm up (compiling patterns), then the passes inside `steady_passes`,
        // which a profiler can be told to count alone
        // (`valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*steady_passes*'`).
        Ok("steady") => {
            for p in &pages {
                black_box(scraper.scrape(black_box(p), &url));
            }
            steady_passes(&pages, &scraper, &url, passes);
            return;
        }
        // Loading the pages alone: what the other two counts both include.
        Ok("load") => return,
        _ => {}
    }
    report("corpus", &pages, &scraper, &url, min);
    // GXNEWS_BENCH_WORST=n names the n pages whose extraction costs most beyond parsing.
    if let Some(n) = std::env::var("GXNEWS_BENCH_WORST")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
    {
        worst(&files, &pages, &scraper, &url, n);
    }
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
    real_pages(&scraper, min);
}

/// The same figures on real pages nobody here wrote: `../shared/realpages/readability/pages`
/// (or `$GXNEWS_REALPAGES/readability/pages`), each decoded once before timing. Their
/// accuracy is `benches/realpages.py`'s.
fn real_pages(scraper: &Scraper, min: Duration) {
    let root = std::env::var_os("GXNEWS_REALPAGES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realpages"));
    let Ok(dirs) = std::fs::read_dir(root.join("readability/pages")) else {
        println!(
            "\nno real pages at {} (set GXNEWS_REALPAGES)",
            root.display()
        );
        return;
    };
    let mut files: Vec<PathBuf> = dirs
        .flatten()
        .map(|d| d.path().join("source.html"))
        .collect();
    files.sort();
    let pages: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .map(|b| gxnews::fetch::decode::decode(&b, None).text)
        .collect();
    let url = Url::parse("http://fakehost/test/page.html").unwrap();
    println!();
    report("real pages (readability/)", &pages, scraper, &url, min);
}

#[inline(never)]
fn steady_passes(pages: &[String], scraper: &Scraper, url: &Url, passes: usize) {
    for p in pages.iter().cycle().take(pages.len() * passes) {
        black_box(scraper.scrape(black_box(p), url));
    }
}

fn report(name: &str, pages: &[String], scraper: &Scraper, url: &Url, min: Duration) {
    let bytes: usize = pages.iter().map(String::len).sum();
    // Parsing and extraction passes alternate, so that a change in the machine's load weighs
    // on both alike; each figure is the median pass.
    let (mut parses, mut fulls) = (Vec::new(), Vec::new());
    let start = Instant::now();
    while start.elapsed() < min * 2 || parses.len() < 5 {
        parses.push(time_passes(Duration::ZERO, || {
            for p in pages {
                black_box(scraper::Html::parse_document(black_box(p)));
            }
        }));
        fulls.push(time_passes(Duration::ZERO, || {
            for p in pages {
                black_box(scraper.scrape(black_box(p), url));
            }
        }));
    }
    let (parse, full) = (median(&mut parses), median(&mut fulls));
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

/// The pages whose extraction costs most beyond parsing, with both times.
fn worst(files: &[PathBuf], pages: &[String], scraper: &Scraper, url: &Url, n: usize) {
    let per = Duration::from_millis(40);
    let mut rows: Vec<(f64, f64, &Path)> = files
        .iter()
        .zip(pages)
        .map(|(f, p)| {
            let parse = time_passes(per, || {
                black_box(scraper::Html::parse_document(black_box(p)));
            });
            let full = time_passes(per, || {
                black_box(scraper.scrape(black_box(p), url));
            });
            (parse, full, f.as_path())
        })
        .collect();
    let extra: f64 = rows.iter().map(|r| r.1 - r.0).sum();
    rows.sort_by(|a, b| (b.1 - b.0).total_cmp(&(a.1 - a.0)));
    println!();
    println!(
        "pages costing most beyond parsing (of {:.3} ms in all):",
        extra * 1e3
    );
    for (parse, full, f) in rows.iter().take(n) {
        println!(
            "{:>7.3} ms extra  {:>5.2}x  {}",
            (full - parse) * 1e3,
            full / parse,
            f.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap_or(f)
                .display()
        );
    }
}
