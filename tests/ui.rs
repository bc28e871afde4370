//! The reader without a terminal: `App` state transitions fed real articles (scraped from the
//! fixtures and read back through the store), and screens drawn on ratatui's TestBackend.

mod common;

use common::reader::*;
use crossterm::event::{Event as TermEvent, KeyCode, KeyModifiers};
use gxnews::model::Summary;
use gxnews::scrape::Scraper;
use gxnews::store::ListFilter;
use gxnews::store::Store;
use gxnews::tui::action::{Effect, Event};
use gxnews::tui::app::{App, Focus};
use gxnews::tui::keymap::Keymap;
use gxnews::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use url::Url;

#[test]
fn list_is_newest_first_with_unread_markers() {
    let s = store();
    let app = app(&s, 80, 24);
    let titles: Vec<&str> = app
        .list
        .held_rows()
        .iter()
        .map(|i: &Summary| i.title.as_str())
        .collect();
    assert_eq!(titles.len(), 4);
    let dates: Vec<_> = app
        .list
        .held_rows()
        .iter()
        .map(|i| i.published.unwrap())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    let text = screen(&app);
    assert!(text.contains("● 2021-03-05"), "{text}");
    insta::assert_snapshot!("list_80x24", text);
}

#[test]
fn opening_scrolling_and_closing_an_article() {
    let s = store();
    let mut app = app(&s, 80, 24);
    let seed = app
        .list
        .held_rows()
        .iter()
        .position(|i| i.title.starts_with("Regional innovation"))
        .unwrap();
    for _ in 0..seed {
        press(&mut app, &s, key(KeyCode::Char('j')));
    }
    // The article pane previews the selected article; opening it marks it read.
    let id = app.list.selected().unwrap().id;
    assert_eq!(app.reader.article.as_ref().map(|a| a.id), Some(id));
    assert!(
        !app.list.selected().unwrap().read,
        "a preview is not a read"
    );
    let effects = app.handle(key(KeyCode::Enter));
    assert!(
        effects.contains(&Effect::SetRead(vec![id], true)),
        "{effects:?}"
    );
    assert_eq!(app.focus, Focus::Article);
    run(&mut app, &s, effects);
    assert!(app.list.selected().unwrap().read, "opening marks read");
    assert_eq!(
        app.reader.article.as_ref().unwrap().editor.as_deref(),
        Some("MXJ")
    );
    let text = screen(&app);
    assert!(text.contains("Source: en.gxzf.gov.cn"), "{text}");
    assert!(text.contains("Editor: MXJ"), "{text}");
    assert!(
        text.contains(&format!("{}/4", seed + 1)),
        "position in the bar: {text}"
    );
    insta::assert_snapshot!("article_80x24", text);

    // Scrolling: down, a page, the end, and never past it.
    press(&mut app, &s, key(KeyCode::Char('j')));
    assert_eq!(app.reader.scroll, 1);
    press(&mut app, &s, ctrl('d'));
    assert!(app.reader.scroll > 1);
    press(&mut app, &s, key(KeyCode::Char('G')));
    let end = app.reader.scroll;
    assert!(
        end > 0 && end + 20 >= app.reader.lines.len(),
        "at the end: {end}"
    );
    // Space at the end goes on to the next unread article, opened and marked read.
    press(&mut app, &s, key(KeyCode::Char(' ')));
    let next = app.reader.article.as_ref().map(|a| a.id);
    assert_ne!(
        next,
        Some(id),
        "space at the end opens the next unread article"
    );
    assert_eq!(next, app.list.selected().map(|s| s.id));
    assert!(app.list.selected().unwrap().read);
    assert_eq!(app.focus, Focus::Article);
    press(&mut app, &s, key(KeyCode::Char('g')));
    assert_eq!(app.reader.scroll, 0);

    // q in an article goes back to the list; in the list it quits.
    press(&mut app, &s, key(KeyCode::Char('q')));
    assert_eq!(app.focus, Focus::List);
    assert!(!app.quit);
    press(&mut app, &s, key(KeyCode::Char('q')));
    assert!(app.quit);
}

#[test]
fn list_motions_clamp() {
    let s = store();
    let mut app = app(&s, 80, 24);
    press(&mut app, &s, key(KeyCode::Char('k')));
    assert_eq!(app.list.selected, 0);
    press(&mut app, &s, key(KeyCode::End));
    assert_eq!(app.list.selected, 3);
    press(&mut app, &s, key(KeyCode::Down));
    assert_eq!(app.list.selected, 3);
    press(&mut app, &s, ctrl('u'));
    assert!(app.list.selected < 3);
    press(&mut app, &s, key(KeyCode::Home));
    assert_eq!(app.list.selected, 0);
    press(&mut app, &s, key(KeyCode::PageDown));
    assert_eq!(app.list.selected, 3);
}

#[test]
fn refresh_keeps_the_selection_on_the_same_article() {
    let s = store();
    let mut app = app(&s, 80, 24);
    press(&mut app, &s, key(KeyCode::Char('j')));
    press(&mut app, &s, key(KeyCode::Char('j')));
    let before = app.list.selected().unwrap().id;
    // A refresh brings a newer article, which sorts above the selection.
    let mut items = listing(&s, &ListFilter::default());
    let (ord, mut newer) = items.window.rows[0].clone();
    newer.id = 999;
    newer.title = "A newer article".into();
    newer.published = newer.published.map(|p| p + chrono::Duration::days(30));
    items.window.rows.insert(0, (ord + 1, newer));
    items.counts.total += 1;
    app.handle(Event::ListLoaded(Ok(items)));
    assert_eq!(app.list.selected().unwrap().id, before);
    assert_eq!(app.list.selected, 3);
}

#[test]
fn refresh_online_runs_once_and_offline_says_why() {
    let s = store();
    let mut offline = app(&s, 80, 24);
    assert!(offline.handle(key(KeyCode::Char('r'))).is_empty());
    assert!(offline.flash.as_deref().unwrap().contains("offline"));
    assert!(screen(&offline).contains("offline"));

    let mut online = App::new(Keymap::default_keys(), true, Rect::new(0, 0, 80, 24));
    assert_eq!(
        online.start(),
        vec![Effect::LoadList(ListFilter::default()), Effect::Refresh]
    );
    assert!(
        online.handle(key(KeyCode::Char('r'))).is_empty(),
        "already refreshing"
    );
    online.handle(Event::Progress(gxnews::crawl::Progress::Articles {
        done: 23,
        total: 40,
    }));
    assert!(screen(&online).contains("fetching 23 of 40"));
    let effects = online.handle(Event::CrawlDone(
        Ok(gxnews::crawl::CrawlReport::default()),
        "21:14".into(),
    ));
    assert_eq!(effects, vec![Effect::LoadList(ListFilter::default())]);
    assert!(screen(&online).contains("up to date, checked 21:14"));
    online.handle(key(KeyCode::Char('r')));
    let report = gxnews::crawl::CrawlReport {
        new: 3,
        ..Default::default()
    };
    online.handle(Event::CrawlDone(Ok(report), "21:20".into()));
    assert!(screen(&online).contains("refreshed 21:20, 3 new"));
    assert_eq!(
        online.handle(key(KeyCode::Char('r'))),
        vec![Effect::Refresh]
    );
    online.handle(Event::CrawlDone(
        Err("offline: cannot reach the site".into()),
        "21:30".into(),
    ));
    assert!(screen(&online).contains("offline: cannot reach the site"));
}

#[test]
fn empty_cache_says_what_to_do() {
    let s = Store::in_memory().unwrap();
    let app = app(&s, 80, 24);
    let text = screen(&app);
    assert!(text.contains("No articles cached yet"), "{text}");
    assert!(text.contains("--demo"), "{text}");
}

#[test]
fn narrow_terminal_shows_one_pane_at_a_time() {
    let s = store();
    let mut app = app(&s, 40, 12);
    let list = screen(&app);
    assert!(
        list.contains("Articles 4") && !list.contains(" Article "),
        "{list}"
    );
    insta::assert_snapshot!("list_40x12", list);
    press(&mut app, &s, key(KeyCode::Enter));
    let article = screen(&app);
    assert!(!article.contains("Articles 4"), "{article}");
    insta::assert_snapshot!("article_40x12", article);
    // Every line fits: nothing drawn past the edge.
    assert!(
        article
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 40)
    );
}

#[test]
fn resize_rewraps_the_open_article() {
    let s = store();
    let mut app = app(&s, 120, 30);
    press(&mut app, &s, key(KeyCode::Enter));
    let wide = app.reader.lines.len();
    app.handle(Event::Term(TermEvent::Resize(40, 20)));
    assert!(
        app.reader.lines.len() > wide,
        "narrower pane, more lines: {wide} then {} at {}",
        app.reader.lines.len(),
        app.reader.wrapped_width
    );
    assert!(
        screen(&app)
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 40)
    );
}

#[test]
fn help_overlay_comes_from_the_keymap() {
    let s = store();
    let mut app = app(&s, 80, 24);
    press(&mut app, &s, key(KeyCode::Char('?')));
    assert!(app.help_open);
    let text = screen(&app);
    assert!(text.contains("show or hide this help"), "{text}");
    insta::assert_snapshot!("help_80x24", text);
    // A remapped key shows in help at once.
    let km = Keymap::from_toml(&format!("{}\n[list]\n\"o\" = \"open\"\n", "")).unwrap();
    let lines: String = ui::help::help_lines(&km, &gxnews::tui::theme::Theme::default())
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(
        lines.contains("o ") && lines.contains("open the selected article"),
        "{lines}"
    );
    press(&mut app, &s, key(KeyCode::Esc));
    assert!(!app.help_open);
}

#[test]
fn wide_characters_never_overflow_a_row() {
    let mut s = Store::in_memory().unwrap();
    let scraper = Scraper::default();
    let html = std::fs::read_to_string("tests/fixtures/seed-article.html")
        .unwrap()
        .replace(
            "Regional innovation of Guangxi, ASEAN yield outcomes",
            "广西壮族自治区三月三歌圩节 Zhuang song festival 三月三 draws crowds to Nanning",
        );
    let a = scraper
        .scrape_article(
            &html,
            &Url::parse("https://en.gxzf.gov.cn/a.shtml").unwrap(),
        )
        .unwrap();
    s.put(&a).unwrap();
    for (w, h) in [(80, 24), (41, 12)] {
        let mut app = app(&s, w, h);
        press(&mut app, &s, key(KeyCode::Enter));
        let text = screen(&app);
        assert!(text.contains("广西壮族"), "{text}");
        assert!(
            text.lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= w as usize),
            "{text}"
        );
    }
}

#[test]
fn read_state_and_stars_persist_in_the_cache() {
    let s = store();
    let mut app = app(&s, 80, 24);
    let id = app.list.selected().unwrap().id;
    press(&mut app, &s, key(KeyCode::Char('m')));
    assert!(app.list.selected().unwrap().read);
    assert!(
        s.summaries(None)
            .unwrap()
            .iter()
            .any(|r| r.id == id && r.read)
    );
    press(&mut app, &s, key(KeyCode::Char('m')));
    assert!(
        !s.summaries(None)
            .unwrap()
            .iter()
            .any(|r| r.id == id && r.read),
        "m toggles back"
    );
    press(&mut app, &s, key(KeyCode::Char('s')));
    assert!(
        s.summaries(None)
            .unwrap()
            .iter()
            .any(|r| r.id == id && r.starred)
    );
    assert!(screen(&app).contains("★"), "starred rows show a star");
    press(&mut app, &s, key(KeyCode::Char('M')));
    assert!(
        s.summaries(None).unwrap().iter().all(|r| r.read),
        "M marks the whole view read"
    );
    assert!(screen(&app).contains("0 unread"));
}

#[test]
fn views_unread_starred_and_sections() {
    let s = store();
    let mut app = app(&s, 100, 30);
    press(&mut app, &s, key(KeyCode::Enter)); // reads the first article
    press(&mut app, &s, key(KeyCode::Esc));
    press(&mut app, &s, key(KeyCode::Char('u')));
    assert_eq!(app.list.held_rows().len(), 3, "unread only");
    assert!(screen(&app).contains("Unread 3"));
    press(&mut app, &s, key(KeyCode::Char('u')));
    assert_eq!(app.list.held_rows().len(), 4, "one key back to all");
    press(&mut app, &s, key(KeyCode::Char('s')));
    press(&mut app, &s, key(KeyCode::Char('S')));
    assert_eq!(app.list.held_rows().len(), 1, "starred only");
    press(&mut app, &s, key(KeyCode::Char('S')));
    // Sections cycle with ] and [, then back to all.
    assert!(!app.sections.is_empty());
    press(&mut app, &s, key(KeyCode::Char(']')));
    let section = app.filter.section.clone().expect("a section is chosen");
    assert!(
        app.list
            .held_rows()
            .iter()
            .all(|i| i.section.as_deref() == Some(section.as_str()))
    );
    assert!(screen(&app).contains(&section));
    for _ in 0..app.sections.len() {
        press(&mut app, &s, key(KeyCode::Char(']')));
    }
    assert_eq!(app.filter.section, None, "cycled back to all sections");
    press(&mut app, &s, key(KeyCode::Char('[')));
    assert!(app.filter.section.is_some());
}

#[test]
fn search_as_you_type_highlights_and_returns() {
    let s = store();
    let mut app = app(&s, 100, 30);
    press(&mut app, &s, key(KeyCode::Char('j')));
    let before = app.list.selected().unwrap().id;
    press(&mut app, &s, key(KeyCode::Char('/')));
    type_text(&mut app, &s, "Beid");
    assert_eq!(
        app.list.held_rows().len(),
        1,
        "results as you type: {:?}",
        app.list.held_rows()
    );
    assert!(
        app.list.held_rows()[0]
            .title
            .starts_with("Regional innovation")
    );
    press(&mut app, &s, key(KeyCode::Backspace));
    press(&mut app, &s, key(KeyCode::Char('d')));
    press(&mut app, &s, key(KeyCode::Enter));
    let text = screen(&app);
    assert!(text.contains("Search “Beid”"), "{text}");
    // Open the result: the match is highlighted and n jumps to it.
    press(&mut app, &s, key(KeyCode::Enter));
    assert_eq!(app.reader.scroll, 0);
    let text_of = |i: usize| -> String {
        app.reader.lines[i]
            .spans
            .iter()
            .map(|s| s.content.to_string())
            .collect::<String>()
            .to_lowercase()
    };
    let at = (0..app.reader.lines.len())
        .find(|i| text_of(*i).contains("beid"))
        .expect("the match is in the text");
    press(&mut app, &s, key(KeyCode::Char('n')));
    let (top, height) = (app.reader.scroll, 30 - 2 - 2);
    assert!(
        top > 0 && (top..top + height).contains(&at),
        "n brought line {at} into view (top {top})"
    );
    assert!(screen(&app).to_lowercase().contains("beid"));
    press(&mut app, &s, key(KeyCode::Char('N')));
    // Back to the list, then Esc leaves the search with the earlier selection.
    press(&mut app, &s, key(KeyCode::Esc));
    press(&mut app, &s, key(KeyCode::Esc));
    assert!(app.search.is_none());
    assert_eq!(app.list.held_rows().len(), 4);
    assert_eq!(app.list.selected().unwrap().id, before);
    // Hostile queries never fail.
    press(&mut app, &s, key(KeyCode::Char('/')));
    type_text(&mut app, &s, "\"NEAR(*:-");
    assert!(app.search.is_some());
}

#[test]
fn reading_position_survives_a_restart() {
    let s = store();
    let mut app = app(&s, 80, 12);
    press(&mut app, &s, key(KeyCode::Char('j')));
    press(&mut app, &s, key(KeyCode::Char('j')));
    let chosen = app.list.selected().unwrap().id;
    press(&mut app, &s, key(KeyCode::Enter));
    press(&mut app, &s, key(KeyCode::Char('j')));
    press(&mut app, &s, key(KeyCode::Char('j')));
    let row = app.reader.scroll;
    assert_eq!(row, 2);
    press(&mut app, &s, key(KeyCode::Char('q')));
    press(&mut app, &s, key(KeyCode::Char('q')));
    assert!(app.quit);

    // A new reader over the same cache: same article selected, same place in it.
    let mut again = app_restarted(&s);
    assert_eq!(again.list.selected().unwrap().id, chosen);
    press(&mut again, &s, key(KeyCode::Enter));
    assert_eq!(again.reader.scroll, row);
}

fn app_restarted(store: &Store) -> App {
    app(store, 80, 12)
}

fn mouse(kind: crossterm::event::MouseEventKind, column: u16, row: u16) -> Event {
    Event::Term(TermEvent::Mouse(crossterm::event::MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }))
}

#[test]
fn mouse_click_selects_then_opens_and_the_wheel_scrolls_the_pane_under_it() {
    use crossterm::event::{MouseButton, MouseEventKind};
    let s = store();
    let mut a = app(&s, 80, 24);
    // The list's first row is under its top border, at y = 1. The seed article is long.
    let seed = a
        .list
        .held_rows()
        .iter()
        .position(|x| x.title.starts_with("Regional innovation"))
        .unwrap();
    assert_ne!(seed, 0);
    let row = 1 + seed as u16;
    press(
        &mut a,
        &s,
        mouse(MouseEventKind::Down(MouseButton::Left), 5, row),
    );
    assert_eq!(a.list.selected, seed);
    assert_eq!(a.focus, Focus::List);
    let id = a.list.held_rows()[seed].id;
    assert_eq!(
        a.reader.article.as_ref().map(|x| x.id),
        Some(id),
        "a click previews"
    );
    assert!(!a.list.held_rows()[seed].read, "one click only selects");
    // A click on the border or below the last row does nothing.
    press(
        &mut a,
        &s,
        mouse(MouseEventKind::Down(MouseButton::Left), 5, 0),
    );
    press(
        &mut a,
        &s,
        mouse(MouseEventKind::Down(MouseButton::Left), 5, 15),
    );
    assert_eq!(a.list.selected, seed);
    // A click on the selected row opens it.
    let effects = a.handle(mouse(MouseEventKind::Down(MouseButton::Left), 5, row));
    assert!(
        effects.contains(&Effect::SetRead(vec![id], true)),
        "{effects:?}"
    );
    run(&mut a, &s, effects);
    assert_eq!(a.focus, Focus::Article);
    assert_eq!(a.reader.article.as_ref().map(|x| x.id), Some(id));

    // Back in the list, the wheel over the article scrolls the article, not the list.
    press(&mut a, &s, key(KeyCode::Esc));
    assert_eq!(a.focus, Focus::List);
    press(&mut a, &s, mouse(MouseEventKind::ScrollDown, 60, 10));
    assert_eq!(a.reader.scroll, 3);
    assert_eq!(a.list.selected, seed);
    press(&mut a, &s, mouse(MouseEventKind::ScrollUp, 60, 10));
    assert_eq!(a.reader.scroll, 0);
    // Over the list (four rows, all visible) the wheel has nothing to scroll.
    press(&mut a, &s, mouse(MouseEventKind::ScrollDown, 5, 5));
    assert_eq!((a.list.offset, a.list.selected), (0, seed));
    // A click in the article focuses it.
    press(
        &mut a,
        &s,
        mouse(MouseEventKind::Down(MouseButton::Left), 60, 10),
    );
    assert_eq!(a.focus, Focus::Article);

    // With the mouse off in the config, mouse events do nothing.
    let mut off = app(&s, 80, 24);
    off.mouse = false;
    off.list.select(0, 20);
    press(
        &mut off,
        &s,
        mouse(MouseEventKind::Down(MouseButton::Left), 5, row),
    );
    assert_eq!(off.list.selected, 0);
}

#[test]
fn the_wheel_scrolls_a_long_list_and_keeps_the_selection_visible() {
    let s = store();
    let mut a = app(&s, 80, 8); // list rows: 8 - 2 (bar) - 2 (borders) = 4
    let mut items: Vec<_> = a.list.held_rows().iter().map(|r| (0, r.clone())).collect();
    for i in 0..20 {
        let mut extra = items[0].1.clone();
        extra.id = 1000 + i;
        items.push((0, extra));
    }
    let counts = gxnews::store::Counts {
        total: items.len(),
        unread: 0,
    };
    let window = gxnews::store::Window {
        start: 0,
        rows: items,
    };
    a.list.show(counts, window, None, 4);
    a.list.select(0, 4);
    a.handle(mouse(crossterm::event::MouseEventKind::ScrollDown, 5, 2));
    assert_eq!(a.list.offset, 3);
    assert_eq!(a.list.selected, 3, "the selection stays on screen");
    for _ in 0..20 {
        a.handle(mouse(crossterm::event::MouseEventKind::ScrollDown, 5, 2));
    }
    assert_eq!(a.list.offset, 24 - 4, "clamped at the end");
    a.handle(mouse(crossterm::event::MouseEventKind::ScrollUp, 5, 2));
    assert_eq!(a.list.offset, 17);
    assert!(a.list.selected >= 17 && a.list.selected < 21);
}

#[test]
fn key_sequences_from_the_config_wait_for_their_next_key() {
    let s = store();
    let mut a = app(&s, 80, 24);
    let mut over = std::collections::BTreeMap::new();
    over.insert(
        "list".to_string(),
        std::collections::BTreeMap::from([
            ("g".to_string(), "none".to_string()),
            ("g g".to_string(), "top".to_string()),
            ("z".to_string(), "bottom".to_string()),
        ]),
    );
    a.keymap.apply(&over).unwrap();
    press(&mut a, &s, key(KeyCode::Char('j')));
    press(&mut a, &s, key(KeyCode::Char('j')));
    press(&mut a, &s, key(KeyCode::Char('g')));
    assert_eq!(a.list.selected, 2, "g alone waits");
    assert_eq!(a.flash.as_deref(), Some("g…"));
    press(&mut a, &s, key(KeyCode::Char('g')));
    assert_eq!(a.list.selected, 0);
    assert!(a.pending_keys.is_empty());
    // A sequence that goes nowhere: the second key counts on its own.
    press(&mut a, &s, key(KeyCode::Char('g')));
    press(&mut a, &s, key(KeyCode::Char('z')));
    assert_eq!(a.list.selected, 3);
    assert!(a.pending_keys.is_empty());
    // The help is generated from the merged keymap.
    a.handle(key(KeyCode::Char('?')));
    let text = screen(&a);
    assert!(text.contains("gg"), "{text}");
}

#[test]
fn auto_refresh_ticks_refresh_only_when_online_and_idle() {
    let s = store();
    let mut online = App::new(Keymap::default_keys(), true, Rect::new(0, 0, 80, 24));
    online.handle(Event::ListLoaded(Ok(listing(&s, &ListFilter::default()))));
    assert_eq!(online.handle(Event::Tick), vec![Effect::Refresh]);
    assert!(online.sync.is_busy());
    assert_eq!(online.handle(Event::Tick), vec![], "one refresh at a time");
    let mut offline = app(&s, 80, 24);
    assert_eq!(offline.handle(Event::Tick), vec![]);
}

#[test]
fn no_color_draws_without_any_colour() {
    use gxnews::config::Config;
    use ratatui::style::Color;
    let s = store();
    let mut a = app(&s, 80, 24);
    a.set_theme(Config::default().theme(true));
    let effects = a.handle(key(KeyCode::Enter));
    run(&mut a, &s, effects);
    press(&mut a, &s, key(KeyCode::Char('?')));
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| ui::draw(f, &a)).unwrap();
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    // The default theme does use colour, and a config slot overrides it.
    let mut c = Config::default();
    c.colors.insert("accent".into(), "blue".into());
    assert_eq!(c.theme(false).accent.fg, Some(Color::Blue));
    assert_eq!(c.theme(true).accent.fg, None, "NO_COLOR wins over the file");
}

#[test]
fn tiny_terminals_never_panic_in_any_state() {
    let s = store();
    let mut a = app(&s, 80, 24);
    let effects = a.handle(key(KeyCode::Enter));
    run(&mut a, &s, effects);
    for (w, h) in [
        (1, 1),
        (2, 1),
        (5, 2),
        (10, 3),
        (20, 4),
        (30, 5),
        (79, 6),
        (80, 3),
    ] {
        for state in 0..4 {
            a.help_open = state == 1;
            a.focus = if state == 2 {
                Focus::List
            } else {
                Focus::Article
            };
            a.handle(Event::Term(TermEvent::Resize(w, h)));
            if state == 3 {
                // A search prompt, scrolling and a click at the edge of the screen.
                a.handle(key(KeyCode::Char('/')));
                a.handle(key(KeyCode::Char('x')));
            }
            a.handle(key(KeyCode::Char('j')));
            a.handle(mouse(
                crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
                w - 1,
                h - 1,
            ));
            let text = screen(&a);
            assert_eq!(text.lines().count(), h as usize);
            if state == 3 {
                a.handle(key(KeyCode::Esc));
            }
        }
    }
}

/// Esc from a search, while typing or after Enter, returns to the view it left with the same
/// article selected, and the bar no longer counts the matches.
#[test]
fn esc_from_a_search_keeps_the_selection() {
    let s = store();
    let mut app = app(&s, 100, 30);
    press(&mut app, &s, key(KeyCode::Char('j')));
    press(&mut app, &s, key(KeyCode::Char('j')));
    let (before, at) = (app.list.selected().unwrap().id, app.list.selected);
    for submit in [false, true] {
        press(&mut app, &s, key(KeyCode::Char('/')));
        type_text(&mut app, &s, "Beid");
        assert!(
            app.list.held_rows().len() < 4,
            "the search narrowed the list"
        );
        if submit {
            press(&mut app, &s, key(KeyCode::Enter));
        }
        press(&mut app, &s, key(KeyCode::Esc));
        assert!(app.search.is_none());
        assert_eq!(app.list.held_rows().len(), 4);
        assert_eq!(app.list.selected().unwrap().id, before, "submit: {submit}");
        assert_eq!(app.list.selected, at);
        let text = screen(&app);
        assert!(!text.contains("match"), "{text}");
    }
}

/// An empty search or view says why it is empty and how to go back, never that the cache is.
#[test]
fn empty_views_say_why_and_how_back() {
    let s = store();
    let mut app = app(&s, 100, 30);
    press(&mut app, &s, key(KeyCode::Char('/')));
    type_text(&mut app, &s, "zzzqqq");
    press(&mut app, &s, key(KeyCode::Enter));
    let text = screen(&app);
    assert!(text.contains("No article matches \"zzzqqq\""), "{text}");
    assert!(!text.contains("cached yet"), "{text}");
    press(&mut app, &s, key(KeyCode::Esc));
    press(&mut app, &s, key(KeyCode::Char('M')));
    press(&mut app, &s, key(KeyCode::Char('u')));
    let text = screen(&app);
    assert!(text.contains("No unread articles"), "{text}");
    assert!(text.contains("Press Esc to go back"), "{text}");
    press(&mut app, &s, key(KeyCode::Esc));
    assert_eq!(app.list.held_rows().len(), 4);
    press(&mut app, &s, key(KeyCode::Char('S')));
    assert!(screen(&app).contains("No starred articles"));
}

/// Esc, `h` and Left leave the unread, starred and section views, each back to the view left
/// for it with the article that was selected there; views stack.
#[test]
fn back_keys_leave_views_with_their_selection() {
    let s = store();
    let mut app = app(&s, 100, 30);
    press(&mut app, &s, key(KeyCode::Char('j')));
    press(&mut app, &s, key(KeyCode::Char('j')));
    let chosen = app.list.selected().unwrap().id;
    for back in [KeyCode::Esc, KeyCode::Char('h'), KeyCode::Left] {
        for view in ['u', 'S', ']'] {
            press(&mut app, &s, key(KeyCode::Char(view)));
            assert_ne!(app.filter, ListFilter::default(), "{view}");
            press(&mut app, &s, key(back));
            assert_eq!(app.filter, ListFilter::default(), "{view} {back:?}");
            assert_eq!(app.list.selected().unwrap().id, chosen, "{view} {back:?}");
        }
    }
    // A section, then its unread articles: back once to the section, again to all.
    press(&mut app, &s, key(KeyCode::Char(']')));
    let section = app.filter.section.clone();
    press(&mut app, &s, key(KeyCode::Char('u')));
    assert!(app.filter.unread_only && app.filter.section == section);
    press(&mut app, &s, key(KeyCode::Esc));
    assert!(!app.filter.unread_only && app.filter.section == section);
    press(&mut app, &s, key(KeyCode::Esc));
    assert_eq!(app.filter, ListFilter::default());
    assert_eq!(app.list.selected().unwrap().id, chosen);
}

/// The article pane and the bar show the same article: moving in the list previews the newly
/// selected article (without marking it read), after reading one or switching panes.
#[test]
fn the_article_pane_follows_the_selection() {
    let s = store();
    let mut app = app(&s, 120, 40);
    let shown = |app: &App| app.reader.article.as_ref().map(|a| a.id);
    press(&mut app, &s, key(KeyCode::Enter));
    press(&mut app, &s, key(KeyCode::Esc));
    press(&mut app, &s, key(KeyCode::Char('j')));
    let selected = app.list.selected().unwrap();
    assert_eq!(shown(&app), Some(selected.id));
    assert!(!selected.read, "a preview is not a read");
    press(&mut app, &s, key(KeyCode::Enter));
    press(&mut app, &s, key(KeyCode::Tab));
    press(&mut app, &s, key(KeyCode::Char('j')));
    press(&mut app, &s, key(KeyCode::Tab));
    assert_eq!(app.focus, Focus::Article);
    assert_eq!(shown(&app), Some(app.list.selected().unwrap().id));
    let title = app.list.selected().unwrap().title.clone();
    let text = screen(&app);
    assert!(
        text.contains(&format!("{}/4", app.list.selected + 1)),
        "{text}"
    );
    assert!(text.contains(&title[..20]), "{text}");
}

/// A signal to stop (SIGTERM, SIGHUP, SIGINT) ends the reader as `q` does, saving its place.
#[test]
fn a_stop_signal_quits_and_saves_the_place() {
    let s = store();
    let mut app = app(&s, 80, 24);
    press(&mut app, &s, key(KeyCode::Char('j')));
    let effects = app.handle(Event::Stop);
    assert!(app.quit);
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::SavePosition {
                selected: Some(_),
                ..
            }
        )),
        "{effects:?}"
    );
}

/// Every help line shows whole at the sizes users run, the widest description included.
#[test]
fn help_lines_are_never_cut() {
    for (w, h) in [(120, 40), (100, 30), (80, 24)] {
        let s = store();
        let mut app = app(&s, w, h);
        press(&mut app, &s, key(KeyCode::Char('?')));
        let mut seen = String::new();
        // Scroll through the whole help, gathering what shows.
        for _ in 0..60 {
            seen.push_str(&screen(&app));
            press(&mut app, &s, key(KeyCode::Char('j')));
        }
        let flat: String = seen.split_whitespace().collect::<Vec<_>>().join(" ");
        for line in ui::help::help_lines(&app.keymap, &gxnews::tui::theme::Theme::default()) {
            let text: String = line.to_string();
            let desc = text
                .trim()
                .split_once("  ")
                .map_or("", |(_, d)| d)
                .trim()
                .to_string();
            if desc.is_empty() {
                continue;
            }
            assert!(
                flat.contains(&desc),
                "{w}x{h}: {desc:?} cut:\n{}",
                screen(&app)
            );
        }
    }
}

/// The README's key table names every key of the default keymap (outside help and the prompt),
/// so that it stays true as keys change.
#[test]
fn readme_key_table_matches_the_keymap() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = readme
        .split("## Keys")
        .nth(1)
        .and_then(|t| t.split("\n\n").nth(1))
        .expect("the README has a key table");
    // The keys of each row: the backticked names of its first column.
    let mut listed = std::collections::HashSet::new();
    for row in table.lines().skip(2) {
        let first = row.split(" | ").next().unwrap_or_default();
        for (i, part) in first.split('`').enumerate() {
            if i % 2 == 1 {
                listed.insert(part.replace("Ctrl-", "C-"));
            }
        }
    }
    let km = Keymap::default_keys();
    for (ctx, bindings) in km.bindings() {
        if matches!(ctx.name(), "help" | "prompt") {
            continue;
        }
        for (action, keys) in bindings {
            for k in keys {
                assert!(
                    listed.contains(&k),
                    "{k} ({} in {}) is missing from the README's key table",
                    action.name(),
                    ctx.name()
                );
            }
        }
    }
}
