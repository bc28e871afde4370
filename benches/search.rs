//! Search and startup on a large cache: builds a cache of N articles (default 20 000; set
//! `GXNEWS_BENCH_ARTICLES`) from the corpus's real paragraphs recombined, each with a saved page
//! in the site's template, then prints the cache's size per article, how long the reader's
//! first window and counts take, and how long full-text searches take (median and slowest of
//! repeated runs). Run with `cargo bench --bench search`. With `GXNEWS_BENCH_DIR` set, the cache
//! is built there (or reused when it already holds N articles) and kept, for
//! `benches/scale.py` to drive the real binary over it.

#[path = "support/rng.rs"]
mod rng;

#[path = "support/size.rs"]
mod size;

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{Duration as Days, FixedOffset, TimeZone};
use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use gxnews::model::Article;
use gxnews::scrape::Scraper;
use gxnews::store::{RawPage, Store};
use gxnews::tui::action::{Effect, Event};
use gxnews::tui::app::App;
use gxnews::tui::effects::{SEARCH_PAGE, cache_effect};
use gxnews::tui::keymap::Keymap;
use gxnews::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use rng::Rng;
use url::Url;

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

/// Articles written per transaction while building.
const BATCH: usize = 2_000;

/// The saved page of an article: the site's template around its title and paragraphs, as big
/// as a real page of the site (the template's scripts and menus are most of one).
fn page_html(a: &Article) -> String {
    let paras: String = a.body.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    let menu: String = (0..60)
        .map(|i| format!("<li><a href=\"/news/s{i}/\">Section {i}</a></li>"))
        .collect();
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{t}</title>\
         <meta name=\"PubDate\" content=\"{d}\"></head><body><ul class=\"nav\">{menu}</ul>\
         <h1>{t}</h1><div class=\"info\">updatetime:{d}</div><div id=\"content\">{paras}</div>\
         <div class=\"editor\">Web Editor:MXJ</div><ul class=\"foot\">{menu}</ul></body></html>",
        t = a.title,
        d = a
            .published
            .map(|p| p.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default(),
    )
}

fn build(store: &mut Store, n: usize) {
    let (paras, titles) = material();
    assert!(!paras.is_empty() && !titles.is_empty(), "no corpus text");
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
    let mut batch = Vec::with_capacity(BATCH);
    for i in 0..n {
        // 3 to 8 KB of text, as the site's articles.
        let body: Vec<String> = (0..10 + rng.below(16))
            .map(|_| paras[rng.below(paras.len())].clone())
            .collect();
        let section = sections[rng.below(sections.len())].to_string();
        let a = Article {
            id: 0,
            url: format!("https://en.gxzf.gov.cn/news/{i}/t{i}.shtml"),
            title: format!("{} ({i})", titles[rng.below(titles.len())]),
            breadcrumb: vec!["English".into(), "News".into(), section.clone()],
            section: Some(section),
            published: Some(start_date + Days::minutes(i as i64 * 7)),
            source: Some("en.gxzf.gov.cn".into()),
            editor: Some("MXJ".into()),
            views: None,
            body,
            images: Vec::new(),
            links: Vec::new(),
            pages: Vec::new(),
            fetched_at: Some(start_date),
        };
        let page = RawPage {
            url: a.url.clone(),
            content_type: Some("text/html; charset=utf-8".into()),
            bytes: page_html(&a).into_bytes(),
        };
        batch.push((a, vec![page]));
        if batch.len() == BATCH || i + 1 == n {
            store.put_many(&batch).unwrap();
            batch.clear();
        }
    }
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

fn main() {
    let n = size::articles(20_000);
    let temp = tempfile::tempdir().unwrap();
    let dir = std::env::var_os("GXNEWS_BENCH_DIR")
        .map_or_else(|| temp.path().to_path_buf(), PathBuf::from);
    let mut store = Store::open_dir(&dir).unwrap();
    let built = Instant::now();
    if store.count().unwrap() != n {
        assert_eq!(
            store.count().unwrap(),
            0,
            "{} holds another cache",
            dir.display()
        );
        build(&mut store, n);
        println!(
            "built {n} articles in {:.1} s ({:.0} articles/s, {BATCH} a transaction)",
            built.elapsed().as_secs_f64(),
            n as f64 / built.elapsed().as_secs_f64()
        );
    }
    drop(store);
    let size = dir_size(&dir);
    println!(
        "cache: {n} articles, {:.1} MB on disk, {:.1} KB an article (saved pages included)",
        size as f64 / 1e6,
        size as f64 / 1e3 / n as f64
    );
    startup(&dir);
    searches(&Store::open_dir(&dir).unwrap());
}

/// Time from opening the cache to the reader's first frame drawn (headless, on ratatui's
/// TestBackend at 120x40): the cache opened, the first view's counts, window and sections
/// read, the app fed them and the screen drawn; then the same for `G` (the last row).
fn startup(dir: &Path) {
    let mut first = Vec::new();
    let mut last = Vec::new();
    let mut rows = 0;
    for _ in 0..9 {
        let opened = Instant::now();
        let store = Store::open_dir(dir).unwrap();
        let mut app = App::new(Keymap::default_keys(), false, Rect::new(0, 0, 120, 40));
        let effects = app.start();
        run(&mut app, &store, effects);
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        term.draw(|f| ui::draw(f, &app)).unwrap();
        first.push(ms(opened.elapsed()));
        rows = app.list.held_rows().len();
        let g = Instant::now();
        let key = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        let effects = app.handle(Event::Term(TermEvent::Key(key)));
        run(&mut app, &store, effects);
        term.draw(|f| ui::draw(f, &app)).unwrap();
        last.push(ms(g.elapsed()));
    }
    first.sort_by(f64::total_cmp);
    last.sort_by(f64::total_cmp);
    println!(
        "first frame, headless 120x40 (open, counts, first window of {rows} rows, sections, draw): median {:.1} ms, max {:.1} ms",
        first[first.len() / 2],
        first[first.len() - 1]
    );
    println!(
        "G to the last row, drawn: median {:.1} ms, max {:.1} ms",
        last[last.len() / 2],
        last[last.len() - 1]
    );
}

/// Carries out the reader's effects as its runtime does, synchronously.
fn run(app: &mut App, store: &Store, effects: Vec<Effect>) {
    for e in effects {
        if let Ok(Some(event)) = cache_effect(store, e) {
            let more = app.handle(event);
            run(app, store, more);
        }
    }
}

/// Searches as typed, letter by letter (each keystroke's first page of hits, as the reader
/// asks for it), and whole queries.
fn searches(store: &Store) {
    let typed: Vec<String> = (1..=7).map(|i| "Guangxi"[..i].to_string()).collect();
    let queries = typed.iter().map(String::as_str).chain([
        "ASEAN cooperation",
        "Nann",
        "\"border trade\"",
        "innovation -outcomes \"unbalanced",
        "zzzz-not-there",
    ]);
    println!(
        "{:<36} {:>6} {:>10} {:>10}",
        "query (first page, 100 hits)", "hits", "median ms", "p95 ms"
    );
    for q in queries {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..21 {
            let t = Instant::now();
            hits = store.search_page(q, None, SEARCH_PAGE).unwrap().len();
            times.push(ms(t.elapsed()));
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{:<36} {:>6} {:>10.2} {:>10.2}",
            q,
            hits,
            times[times.len() / 2],
            times[times.len() * 95 / 100]
        );
    }
}
