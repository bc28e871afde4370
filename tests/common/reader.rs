//! The reader without a terminal: a store of real fixture articles, an `App` fed its events,
//! effects carried out the way the runtime does, and screens drawn on ratatui's TestBackend.

use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use gxnews::scrape::Scraper;
use gxnews::store::ListFilter;
use gxnews::store::Store;
use gxnews::tui::action::{Effect, Event, Listing};
use gxnews::tui::app::App;
use gxnews::tui::effects::cache_effect;
use gxnews::tui::keymap::Keymap;
use gxnews::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use url::Url;

pub const PAGES: &[(&str, &str)] = &[
    (
        "seed-article.html",
        "https://en.gxzf.gov.cn/news/guangxinews/202101/t20210125_2345678.shtml",
    ),
    (
        "article-figure.html",
        "https://en.gxzf.gov.cn/news/guangxinews/202011/t20201103_111.shtml",
    ),
    (
        "site/news/guangxinews/202103/t20210305_5001.shtml",
        "https://en.gxzf.gov.cn/news/guangxinews/202103/t20210305_5001.shtml",
    ),
    (
        "site/news/aseannews/202101/t20210120_6002.shtml",
        "https://en.gxzf.gov.cn/news/aseannews/202101/t20210120_6002.shtml",
    ),
];

/// A store holding the fixture articles, scraped for real.
pub fn store() -> Store {
    let scraper = Scraper::default();
    let mut store = Store::in_memory().unwrap();
    for (file, url) in PAGES {
        let html = std::fs::read_to_string(format!("tests/fixtures/{file}")).unwrap();
        let a = scraper
            .scrape_article(&html, &Url::parse(url).unwrap())
            .unwrap();
        store.put(&a).unwrap();
    }
    store
}

pub fn key(code: KeyCode) -> Event {
    Event::Term(TermEvent::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

pub fn ctrl(c: char) -> Event {
    Event::Term(TermEvent::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )))
}

/// An app of the given size with the cache's list loaded.
pub fn app(store: &Store, w: u16, h: u16) -> App {
    let mut app = App::new(Keymap::default_keys(), false, Rect::new(0, 0, w, h));
    assert_eq!(
        app.start(),
        vec![Effect::LoadList(ListFilter::default())],
        "offline: no refresh at start"
    );
    let effects = app.handle(Event::ListLoaded(Ok(listing(
        store,
        &ListFilter::default(),
    ))));
    run(&mut app, store, effects);
    app
}

pub fn listing(store: &Store, filter: &ListFilter) -> Listing {
    match cache_effect(store, Effect::LoadList(filter.clone())).unwrap() {
        Some(Event::ListLoaded(Ok(listing))) => listing,
        other => panic!("{other:?}"),
    }
}

/// Carries out the effects the way the runtime does, synchronously.
pub fn run(app: &mut App, store: &Store, effects: Vec<Effect>) {
    for e in effects {
        match e {
            Effect::SetRead(ids, read) => {
                for id in ids {
                    store.set_read(id, read).unwrap();
                }
            }
            other => {
                if let Some(event) = cache_effect(store, other).unwrap() {
                    let more = app.handle(event);
                    run(app, store, more);
                }
            }
        }
    }
}

pub fn press(app: &mut App, store: &Store, ev: Event) {
    let effects = app.handle(ev);
    run(app, store, effects);
}

pub fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| ui::draw(f, app)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buf.area.width {
            // A wide character fills its cell and the next: read it once, as a terminal shows it.
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Types text, one key per character.
pub fn type_text(app: &mut App, s: &Store, text: &str) {
    for c in text.chars() {
        press(app, s, key(KeyCode::Char(c)));
    }
}
