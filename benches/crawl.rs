//! A crawl as the number of links grows: generates a site of N articles (default 2000; set
//! `GXNEWS_BENCH_ARTICLES`) in the portal's TRS template (a front page naming the sections,
//! each section's list paginated `index.shtml`, `index_1.shtml`, ... by the TRS pager script at
//! 25 links a page, articles with headline, `updatetime` line and paragraphs), serves it on
//! 127.0.0.1 with the tests' fixture server, and runs the crawler `gxnews fetch` runs (delay 0,
//! 8 requests in flight, no article limit short of N) into a fresh cache. Then it crawls the
//! same cache again, where every article is cached: only the lists are fetched, so that crawl
//! is the planning and de-duplication alone. Last, with no crawl around them, it times the
//! cache's own share: asking which of the N URLs it holds, and storing the N articles one
//! transaction each as the crawl does.
//!
//! For each crawl it prints wall time and CPU time by thread: the crawl's own loop (planning
//! and de-duplication; it runs on the main thread, as in `gxnews fetch`), its cache writer
//! (storing), the runtime's workers (the HTTP client's connections), its blocking pool
//! (decoding and scraping pages) and the fixture server (which `gxnews fetch` would not pay
//! for). And the time the crawl spent outside fetching (the aim: 5 s of it for 100 000
//! articles): waiting for the writer to take articles (its queue full), and storing what was
//! still queued after the last fetch.
//!
//!     GXNEWS_BENCH_ARTICLES=5000 cargo bench --bench crawl

#[path = "../tests/common/mod.rs"]
mod common;

#[path = "support/rng.rs"]
mod rng;

#[path = "support/size.rs"]
mod size;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::FixtureServer;
use gxnews::crawl::{CrawlOptions, CrawlReport, Crawler, Progress};
use gxnews::fetch::{FetchConfig, Fetcher};
use gxnews::model::{Article, PageKind};
use gxnews::scrape::{PAGE_BUDGET, Scraper};
use gxnews::store::{RawPage, Store};
use rng::Rng;
use url::Url;

/// Links on one list page, as on the portal's lists.
const PER_PAGE: usize = 25;
/// The sections the front page names: `(path, name)`.
const SECTIONS: &[(&str, &str)] = &[
    ("/news/guangxinews/", "Guangxi News"),
    ("/news/aseannews/", "China-ASEAN"),
    ("/government/news/", "Government News"),
    ("/business/investment/", "Investment"),
    ("/business/trade/", "Trade"),
    ("/travel/scenery/", "Scenery"),
    ("/culture/festivals/", "Festivals"),
    ("/aboutguangxi/cities/", "Cities"),
];
/// Runtime workers, as `#[tokio::main]` starts on this machine's cores.
const WORKERS: usize = 2;

// ---------------------------------------------------------------------------------------------
// The site

const PLACES: &[&str] = &[
    "Nanning",
    "Guilin",
    "Liuzhou",
    "Beihai",
    "Wuzhou",
    "Qinzhou",
    "Baise",
    "Hezhou",
    "Yulin",
    "Fangchenggang",
    "Hechi",
    "Laibin",
    "Chongzuo",
    "Guigang",
];
const DOINGS: &[&str] = &[
    "opens a new",
    "expands its",
    "hosts the regional",
    "invests in a",
    "completes the",
    "launches a",
    "upgrades the",
    "celebrates its",
];
const THINGS: &[&str] = &[
    "riverside greenway",
    "sea-rail freight route",
    "tea export centre",
    "border trade zone",
    "rice noodle industrial park",
    "science and technology exchange",
    "rural revitalization programme",
    "port logistics hub",
    "cultural heritage festival",
    "new energy vehicle plant",
];
const CLAUSES: &[&str] = &[
    "according to the regional statistics bureau",
    "officials said at a press conference on Tuesday",
    "as part of the 14th Five-Year Plan",
    "with support from partners across the ASEAN countries",
    "drawing visitors from across the region",
    "in a move expected to create thousands of jobs",
    "while local farmers reported a record harvest",
    "following months of preparation by the city government",
];

/// One article: its URL path, headline and date.
struct Item {
    path: String,
    title: String,
    date: (i32, u32, u32),
}

/// The `i`th article of section `s` (newest first), `id` unique across the site.
fn item(rng: &mut Rng, s: usize, i: usize, id: usize) -> Item {
    // Four articles a day, going back from the end of 2024.
    let day = i / 4;
    let (y, m, d) = (
        2024 - (day / 360) as i32,
        12 - (day / 30 % 12) as u32,
        28 - (day % 28) as u32,
    );
    let title = format!(
        "{} {} {}",
        rng.pick(PLACES),
        rng.pick(DOINGS),
        rng.pick(THINGS)
    );
    Item {
        path: format!(
            "{}{y}{m:02}/t{y}{m:02}{d:02}_{}.shtml",
            SECTIONS[s].0,
            2_000_000 + id
        ),
        title,
        date: (y, m, d),
    }
}

fn nav() -> String {
    let items: String = SECTIONS
        .iter()
        .map(|(path, name)| format!("<li class=\"nav-item\"><a href=\"{path}\">{name}</a></li>"))
        .collect();
    format!(
        "<div class=\"header\"><div class=\"w1200\"><a href=\"/\" class=\"logo\"><img \
         src=\"/images/2021/logo.png\" alt=\"Guangxi\"></a><div class=\"search\"><input \
         type=\"text\" placeholder=\"Search\"><button>GO</button></div></div><ul class=\"nav \
         w1200\"><li class=\"nav-item\"><a href=\"/\">Home</a></li>{items}</ul></div>"
    )
}

const FOOTER: &str = "<div class=\"footer\"><div class=\"w1200\"><div class=\"links\">Links: \
    <a href=\"http://english.www.gov.cn/\">english.gov.cn</a> <a href=\"http://eng.caexpo.org/\">\
    CAEXPO</a></div><p>Copyright &copy; 2024 The People's Government of Guangxi Zhuang \
    Autonomous Region. All Rights Reserved.</p></div></div>\
    <script>var _hmt = _hmt || [];</script>";

fn front() -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Guangxi Zhuang \
         Autonomous Region English</title></head><body>{}{FOOTER}</body></html>",
        nav()
    )
}

/// Page `p` (from 0) of `pages` of section `s`'s list.
fn list_page(s: usize, p: usize, pages: usize, items: &[Item], most_read: &[Item]) -> String {
    let rel = |it: &Item| format!(".{}", &it.path[SECTIONS[s].0.len() - 1..]);
    let lis: String = items
        .iter()
        .map(|it| {
            let (y, m, d) = it.date;
            let shown: String = if it.title.len() > 38 {
                format!("{}...", &it.title[..38])
            } else {
                it.title.clone()
            };
            format!(
                "<li><a href=\"{}\" title=\"{}\" target=\"_blank\">{shown}</a>\
                 <span>{y}-{m:02}-{d:02}</span></li>\n",
                rel(it),
                it.title
            )
        })
        .collect();
    let side: String = most_read
        .iter()
        .map(|it| format!("<li><a href=\"{}\">{}</a></li>", it.path, it.title))
        .collect();
    let (path, name) = SECTIONS[s];
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{name} - Guangxi \
         Zhuang Autonomous Region English</title><meta name=\"ColumnName\" content=\"{name}\">\
         <meta name=\"ColumnType\" content=\"list\"><script type=\"text/javascript\" \
         src=\"/images/createPageHTML.js\"></script></head><body>{}\
         <div class=\"w1200 position\">&gt; <a href=\"/\">English</a> &gt; <a href=\"{path}\">\
         {name}</a></div><div class=\"list-main\"><div class=\"list-left\"><ul class=\"list-ul\">\
         \n{lis}</ul><div class=\"fy\"><script type=\"text/javascript\">\
         createPageHTML({pages}, {p}, \"index\", \"shtml\");</script></div></div>\
         <div class=\"list-right\"><div class=\"hot-box\"><h3>Most Read</h3><ul>{side}</ul></div>\
         </div></div>{FOOTER}</body></html>",
        nav()
    )
}

fn article(rng: &mut Rng, s: usize, it: &Item, related: &[Item]) -> String {
    let (path, name) = SECTIONS[s];
    let (y, m, d) = it.date;
    let paras: String = (0..5 + rng.next() % 4)
        .map(|_| {
            let sentences: Vec<String> = (0..2 + rng.next() % 3)
                .map(|_| {
                    format!(
                        "{} {} {}, {}.",
                        rng.pick(PLACES),
                        rng.pick(DOINGS),
                        rng.pick(THINGS),
                        rng.pick(CLAUSES)
                    )
                })
                .collect();
            format!("<p>{}</p>\n", sentences.join(" "))
        })
        .collect();
    let rel: String = related
        .iter()
        .map(|r| format!("<li><a href=\"{}\">{}</a></li>", r.path, r.title))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title>\
         <meta name=\"ArticleTitle\" content=\"{t}\"><meta name=\"ColumnName\" content=\"{name}\">\
         </head><body>{nav}<div class=\"w1200 position\">&gt; <a href=\"/\">English</a> &gt; \
         <a href=\"{path}\">{name}</a> &gt; <span>report</span></div><div class=\"w1200 \
         container\"><div class=\"detail\"><h1>{t}</h1><div class=\"info\"> \
         updatetime:{y}-{m:02}-{d:02} {h:02}:{mi:02}:{se:02}   View:0 Source:en.gxzf.gov.cn\
         </div><div class=\"con\" id=\"zoom\"><div class=\"TRS_Editor\">\n{paras}</div></div>\
         <div class=\"editor\">Web Editor:MXJ</div></div><div class=\"related\"><h3>Related \
         News</h3><ul>{rel}</ul></div></div>{FOOTER}</body></html>",
        t = it.title,
        nav = nav(),
        h = 8 + rng.next() % 10,
        mi = rng.next() % 60,
        se = rng.next() % 60,
    )
}

/// Writes a site of `n` articles under `root`; returns the article URL paths and the number
/// of list pages.
fn write_site(root: &Path, n: usize) -> (Vec<String>, usize) {
    let write = |rel: &str, text: String| {
        let path = root.join(rel.trim_start_matches('/'));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("/index.html", front());
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut paths = Vec::with_capacity(n);
    let mut lists = 0;
    for (s, (dir, _)) in SECTIONS.iter().enumerate() {
        // Articles go round the sections: section `s` has every `SECTIONS.len()`th.
        let ids: Vec<usize> = (s..n).step_by(SECTIONS.len()).collect();
        let items: Vec<Item> = ids
            .iter()
            .enumerate()
            .map(|(i, &id)| item(&mut rng, s, i, id))
            .collect();
        let pages = items.len().div_ceil(PER_PAGE).max(1);
        let most_read = &items[..items.len().min(4)];
        for p in 0..pages {
            let chunk =
                &items[(p * PER_PAGE).min(items.len())..((p + 1) * PER_PAGE).min(items.len())];
            let file = if p == 0 {
                "index.html".to_string()
            } else {
                format!("index_{p}.shtml")
            };
            write(
                &format!("{dir}{file}"),
                list_page(s, p, pages, chunk, most_read),
            );
            // The first page is the folder's index, under both its names.
            if p == 0 {
                write(
                    &format!("{dir}index.shtml"),
                    list_page(s, p, pages, chunk, most_read),
                );
            }
        }
        lists += pages;
        for (i, it) in items.iter().enumerate() {
            let related = &items[i.saturating_sub(2)..i];
            write(&it.path, article(&mut rng, s, it, related));
            paths.push(it.path.clone());
        }
    }
    (paths, lists)
}

// ---------------------------------------------------------------------------------------------
// CPU time by thread, from /proc (clock ticks of 10 ms)

/// Which part of the process a thread does the work of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Part {
    /// The crawl's loop: planning, de-duplication (and polling its fetches).
    Loop,
    /// The crawl's cache writer: storing.
    Writer,
    /// The runtime's workers: the HTTP client's connections.
    Workers,
    /// The runtime's blocking pool: decoding and scraping pages.
    Blocking,
    /// The fixture server.
    Server,
    Other,
}

const TICK: f64 = 0.01;

/// utime + stime of a `/proc/.../stat` line, in ticks, and the thread's name.
fn stat(path: &Path) -> Option<(String, u64)> {
    let text = std::fs::read_to_string(path).ok()?;
    let (head, tail) = text.rsplit_once(')')?;
    let name = head.split_once('(')?.1.to_string();
    let fields: Vec<&str> = tail.split_whitespace().collect();
    // Fields 14 and 15 of the line; `tail` starts at field 3.
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some((name, ticks))
}

/// CPU time so far: the whole process's (threads gone included), and each live thread's.
struct Cpu {
    process: u64,
    threads: HashMap<u32, (Part, u64)>,
}

fn cpu() -> Cpu {
    let pid = std::process::id();
    let process = stat(Path::new("/proc/self/stat")).map_or(0, |(_, t)| t);
    let mut threads = HashMap::new();
    for e in std::fs::read_dir("/proc/self/task").unwrap().flatten() {
        let Ok(tid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Some((name, ticks)) = stat(&e.path().join("stat")) else {
            continue;
        };
        let part = match name.as_str() {
            _ if tid == pid => Part::Loop,
            "crawl-worker" => Part::Workers,
            "crawl-blocking" => Part::Blocking,
            "fixture-server" => Part::Server,
            "cache-writer" => Part::Writer,
            _ => Part::Other,
        };
        threads.insert(tid, (part, ticks));
    }
    Cpu { process, threads }
}

/// How often a crawl's threads are read, so that a thread which ends during the crawl (the
/// cache writer) is counted up to its last reading.
const SAMPLE: Duration = Duration::from_millis(20);

/// Reads the CPU of every thread until `stop`, keeping each thread's last reading.
fn sample_until(stop: &std::sync::atomic::AtomicBool) -> Cpu {
    let mut seen = cpu();
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(SAMPLE);
        let now = cpu();
        seen.process = now.process;
        seen.threads.extend(now.threads);
    }
    let now = cpu();
    seen.process = now.process;
    seen.threads.extend(now.threads);
    seen
}

/// Seconds of CPU by part between two readings; threads that ended unread count as Other.
fn cpu_since(before: &Cpu, after: Cpu) -> (f64, HashMap<Part, f64>) {
    let mut by: HashMap<Part, f64> = HashMap::new();
    let mut live = 0;
    for (tid, (part, ticks)) in &after.threads {
        let was = before.threads.get(tid).map_or(0, |t| t.1);
        let d = ticks.saturating_sub(was);
        live += d;
        *by.entry(*part).or_default() += d as f64 * TICK;
    }
    let total = after.process.saturating_sub(before.process);
    *by.entry(Part::Other).or_default() += total.saturating_sub(live) as f64 * TICK;
    (total as f64 * TICK, by)
}

// ---------------------------------------------------------------------------------------------
// The crawls

fn crawl(
    rt: &tokio::runtime::Runtime,
    server: &FixtureServer,
    store: &mut Store,
    n: usize,
    lists: usize,
) -> Measured {
    let fetch = FetchConfig {
        delay: Duration::ZERO,
        concurrency: 8,
        ..FetchConfig::default()
    };
    let opts = CrawlOptions {
        max_articles: n,
        max_list_pages: lists + 1,
        ..CrawlOptions::default()
    };
    let scraper = Scraper::default().for_site(&server.home());
    let crawler = Crawler::new(Fetcher::new(fetch).unwrap(), Arc::new(scraper), opts);
    let before = cpu();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let last_article = std::sync::Mutex::new(None);
    let progress = |p| {
        if let Progress::Articles { .. } = p {
            *last_article.lock().unwrap() = Some(Instant::now());
        }
    };
    let (report, wall, after, drain) = std::thread::scope(|s| {
        let sampler = s.spawn(|| sample_until(&stop));
        let t = Instant::now();
        let report = rt
            .block_on(crawler.run(&server.home(), store, &progress))
            .expect("the crawl runs");
        let end = Instant::now();
        stop.store(true, Ordering::Relaxed);
        let last = last_article.lock().unwrap().unwrap_or(end);
        (report, end - t, sampler.join().unwrap(), end - last)
    });
    let (cpu, by) = cpu_since(&before, after);
    Measured {
        report,
        wall,
        drain,
        cpu,
        by,
    }
}

/// One crawl measured.
struct Measured {
    report: CrawlReport,
    wall: Duration,
    /// From the last article fetched to the crawl's end: storing what was still queued.
    drain: Duration,
    /// CPU seconds in all, and by part.
    cpu: f64,
    by: HashMap<Part, f64>,
}

fn print_crawl(name: &str, m: &Measured, n: usize) {
    let Measured {
        report,
        wall,
        drain,
        cpu: total,
        by,
    } = m;
    let part = |p| by.get(&p).copied().unwrap_or(0.0);
    println!(
        "{name}: {:.2} s wall, {:.0} articles/s; {}",
        wall.as_secs_f64(),
        n as f64 / wall.as_secs_f64(),
        report.summary()
    );
    println!(
        "  outside fetching: {:.2} s waiting for the cache to take articles, {:.2} s storing \
         after the last fetch",
        report.waited,
        drain.as_secs_f64()
    );
    println!(
        "  CPU {total:.2} s: crawl loop {:.2} s ({:.0} us/article), cache writer {:.2} s \
         ({:.0} us/article), client workers {:.2} s, scraping {:.2} s, fixture server {:.2} s, \
         other (ended threads, rounding) {:.2} s",
        part(Part::Loop),
        part(Part::Loop) * 1e6 / n as f64,
        part(Part::Writer),
        part(Part::Writer) * 1e6 / n as f64,
        part(Part::Workers),
        part(Part::Blocking),
        part(Part::Server),
        part(Part::Other),
    );
    if !report.failed.is_empty() {
        println!(
            "  {} failed, first: {}",
            report.failed.len(),
            report.failed[0]
        );
    }
}

fn main() {
    let n = size::articles(2_000);
    let site = tempfile::tempdir().unwrap();
    let t = Instant::now();
    let (paths, lists) = write_site(site.path(), n);
    println!(
        "site: {n} articles, {} sections, {lists} list pages of {PER_PAGE} links, written in {:.2} s",
        SECTIONS.len(),
        t.elapsed().as_secs_f64()
    );
    let server = FixtureServer::start(site.path());
    let spawned = AtomicUsize::new(0);
    // The first threads the runtime starts are its workers; the blocking pool's come later.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .thread_name_fn(move || {
            if spawned.fetch_add(1, Ordering::Relaxed) < WORKERS {
                "crawl-worker".into()
            } else {
                "crawl-blocking".into()
            }
        })
        .enable_all()
        .build()
        .unwrap();

    let data = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(data.path()).unwrap();
    let first = crawl(&rt, &server, &mut store, n, lists);
    let stored = store.count().unwrap();
    print_crawl("first crawl (empty cache)", &first, n);
    println!("  stored: {stored} of {n}");
    if stored != n {
        println!("  WARNING: not every article was stored");
    }

    let second = crawl(&rt, &server, &mut store, n, lists);
    print_crawl("second crawl (all cached)", &second, n);

    // The cache's share alone, on this (the main) thread: which URLs it holds, and storing
    // the articles, first one transaction each as the crawl does, then all in one.
    let urls: Vec<String> = paths.iter().map(|p| server.url(p).to_string()).collect();
    let lookups: Vec<(usize, Duration, f64)> = (0..3)
        .map(|_| {
            timed(|| {
                store
                    .known_urls(urls.iter().map(String::as_str))
                    .unwrap()
                    .len()
            })
        })
        .collect();
    drop(store);
    println!(
        "alone: known_urls of {} URLs, 3 runs: {} ({} known)",
        urls.len(),
        lookups
            .iter()
            .map(|(_, wall, cpu)| format!(
                "{:.0} ms wall {:.2} s CPU ({:.1} us/URL)",
                wall.as_secs_f64() * 1e3,
                cpu,
                wall.as_secs_f64() * 1e6 / urls.len() as f64
            ))
            .collect::<Vec<_>>()
            .join(", "),
        lookups[0].0,
    );
    let scraper = Scraper::default().for_site(&server.home());
    let (articles, wall, cpu) = timed(|| {
        paths
            .iter()
            .zip(&urls)
            .filter_map(|(p, u)| {
                let bytes = std::fs::read(site.path().join(p.trim_start_matches('/'))).unwrap();
                let text = gxnews::fetch::decode::decode(&bytes, Some(HTML)).text;
                let url = Url::parse(u).unwrap();
                let page = scraper.scrape_site_page(&text, &url, PAGE_BUDGET).ok()?;
                (page.kind == PageKind::Article).then(|| {
                    let mut a = page.article;
                    a.url = u.clone();
                    a.fetched_at = Some(chrono::Utc::now().fixed_offset());
                    let raw = RawPage {
                        url: u.clone(),
                        content_type: Some(HTML.into()),
                        bytes,
                    };
                    (a, vec![raw])
                })
            })
            .collect::<Vec<(Article, Vec<RawPage>)>>()
    });
    let per = |d: f64| d * 1e6 / articles.len().max(1) as f64;
    println!(
        "  scraping {} pages: {:.2} s wall, {cpu:.2} s CPU ({:.0} us/page)",
        articles.len(),
        wall.as_secs_f64(),
        per(cpu)
    );
    let fresh = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(fresh.path()).unwrap();
    let ((), wall, cpu) = timed(|| {
        for (a, raws) in &articles {
            store.put_with_pages(a, raws).unwrap();
        }
    });
    println!(
        "  storing them one transaction each: {:.2} s wall, {cpu:.2} s CPU ({:.0} us/article)",
        wall.as_secs_f64(),
        per(cpu)
    );
    drop(store);
    let fresh = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(fresh.path()).unwrap();
    let ((), wall, cpu) = timed(|| {
        store.put_many(&articles).unwrap();
    });
    println!(
        "  storing them in one transaction: {:.2} s wall, {cpu:.2} s CPU ({:.0} us/article)",
        wall.as_secs_f64(),
        per(cpu)
    );
}

const HTML: &str = "text/html; charset=utf-8";

/// Runs `f` on this thread: its result, wall time and this thread's CPU seconds.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration, f64) {
    let this = || {
        let tid = std::fs::read_link("/proc/thread-self").unwrap();
        let tid = tid.file_name().unwrap().to_string_lossy().into_owned();
        let path = format!("/proc/self/task/{tid}/stat");
        stat(Path::new(&path)).map_or(0, |(_, t)| t)
    };
    let (cpu, t) = (this(), Instant::now());
    let out = f();
    let wall = t.elapsed();
    (out, wall, this().saturating_sub(cpu) as f64 * TICK)
}
