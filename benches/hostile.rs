//! Reading hostile pages: nesting a million deep, megabytes of unclosed elements, pages at the
//! fetch cap. Prints, for each shape, the page's size and the time to cap its nesting alone and
//! to read it whole (parse, readers, classify, assemble) on one core. The target is 2 s for any
//! page up to the 8 MiB fetch cap.
//!
//!     cargo bench --bench hostile

#[path = "../tests/common/shapes.rs"]
#[allow(dead_code)]
mod shapes;

use std::time::{Duration, Instant};

use gxnews::scrape::prescan::{MAX_NESTING, cap_nesting};
use gxnews::scrape::{PAGE_BUDGET, Scraper};
use url::Url;

/// The fetch cap on a page's size.
const PAGE_CAP: usize = 8 << 20;

fn main() {
    let scraper = Scraper::default();
    let url = Url::parse("https://en.gxzf.gov.cn/2024-03/01/c_1.htm").unwrap();
    let mut pages: Vec<(String, String)> = Vec::new();
    for s in shapes::NESTED {
        let n = s.repeats_for(PAGE_CAP).min(1_000_000);
        pages.push((format!("{} x {n}", s.name), s.page("Nested", n)));
    }
    for s in shapes::UNCLOSED {
        for bytes in [2 << 20, PAGE_CAP] {
            let n = s.repeats_for(bytes);
            pages.push((format!("{} x {n}", s.name), s.page("Unclosed", n)));
        }
    }
    for depth in [0, 250, 500] {
        let name = format!("{depth} deep, then paragraphs");
        pages.push((name, shapes::deep_then_flat(depth, PAGE_CAP)));
    }
    // GXNEWS_BENCH_ONLY=li keeps the shapes whose name holds `li` (for a profiler).
    if let Ok(only) = std::env::var("GXNEWS_BENCH_ONLY") {
        pages.retain(|(name, _)| name.contains(&only));
    }
    println!("cap on nesting: {MAX_NESTING} elements; budget per page: {PAGE_BUDGET:?}");
    println!(
        "{:<34} {:>9} {:>9} {:>10} {:>8}",
        "page", "MiB", "dropped", "prescan", "read"
    );
    let mut worst = Duration::ZERO;
    for (name, page) in &pages {
        let t = Instant::now();
        let dropped = cap_nesting(page, MAX_NESTING).dropped;
        let prescan = t.elapsed();
        let t = Instant::now();
        let read = scraper.explain_within(page, &url, PAGE_BUDGET);
        let took = t.elapsed();
        worst = worst.max(took);
        let kind = match &read {
            Ok((p, _)) => format!("{:?}", p.kind).to_lowercase(),
            Err(e) => e.to_string(),
        };
        println!(
            "{name:<34} {:>9.2} {dropped:>9} {:>8.0}ms {:>6.0}ms  {kind}",
            page.len() as f64 / f64::from(1 << 20),
            prescan.as_secs_f64() * 1e3,
            took.as_secs_f64() * 1e3,
        );
    }
    println!(
        "slowest page: {:.0} ms (target 2000 ms)",
        worst.as_secs_f64() * 1e3
    );
}
