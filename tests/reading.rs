//! Reading in the article pane, without a terminal: the article's header, its links numbered
//! and followed by number, its images in place, and reading on from one article to the next.
//! Real fixture articles go through the scraper and the store into an `App`; screens are drawn
//! on ratatui's TestBackend.

mod common;

use common::reader::*;
use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use gxnews::scrape::Scraper;
use gxnews::store::Store;
use gxnews::tui::action::{Effect, Event};
use gxnews::tui::app::{App, Focus};
use url::Url;

/// Reading several articles in a row without leaving the article pane: J and K open the next
/// and previous article, U the next unread one; each is marked read as it opens.
#[test]
fn reading_flow_from_inside_an_article() {
    let s = store();
    let mut app = app(&s, 120, 40);
    press(&mut app, &s, key(KeyCode::Enter));
    let shown = |app: &App| app.reader.article.as_ref().map(|a| a.id);
    let ids: Vec<i64> = app.list.held_rows().iter().map(|i| i.id).collect();
    assert_eq!(shown(&app), Some(ids[0]));
    press(&mut app, &s, key(KeyCode::Char('J')));
    assert_eq!((shown(&app), app.focus), (Some(ids[1]), Focus::Article));
    press(&mut app, &s, key(KeyCode::Char('J')));
    assert_eq!(shown(&app), Some(ids[2]));
    press(&mut app, &s, key(KeyCode::Char('K')));
    assert_eq!(shown(&app), Some(ids[1]));
    assert!(
        app.list.held_rows()[..3].iter().all(|i| i.read),
        "each opened article is read"
    );
    press(&mut app, &s, key(KeyCode::Char('U')));
    assert_eq!(shown(&app), Some(ids[3]), "the next unread one");
    press(&mut app, &s, key(KeyCode::Char('U')));
    assert_eq!(shown(&app), Some(ids[3]));
    assert!(screen(&app).contains("no more unread articles"));
    press(&mut app, &s, key(KeyCode::Char('J')));
    assert!(screen(&app).contains("no next article"));
    assert!(
        s.summaries(None).unwrap().iter().all(|r| r.read),
        "stored read"
    );
}

/// Esc then a key typed quickly reaches the reader as one Alt+key: it still means the two keys.
#[test]
fn esc_and_a_key_typed_together_are_two_keys() {
    let s = store();
    let mut app = app(&s, 120, 40);
    press(&mut app, &s, key(KeyCode::Enter));
    assert_eq!(app.focus, Focus::Article);
    let alt = |c| {
        Event::Term(TermEvent::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::ALT,
        )))
    };
    press(&mut app, &s, alt('j'));
    assert_eq!(app.focus, Focus::List, "Esc went back to the list");
    assert_eq!(app.list.selected, 1, "and j moved down");
    press(&mut app, &s, key(KeyCode::Enter));
    press(&mut app, &s, alt('q'));
    assert!(app.quit, "Esc, then q in the list quits");
}

/// The store of fixture articles plus a real page whose text holds links and a picture
/// (an undated colophon, stored as the crawler would store an article).
fn store_with_links() -> (Store, i64) {
    let mut s = store();
    let html = std::fs::read_to_string("tests/fixtures/extraction/daringfireball.html").unwrap();
    let url = Url::parse("https://daringfireball.net/colophon/").unwrap();
    let mut a = Scraper::default().scrape(&html, &url).article;
    a.published = chrono::DateTime::parse_from_rfc3339("2021-05-01T09:00:00+08:00").ok();
    let id = s.put(&a).unwrap().id();
    (s, id)
}

/// The article pane's text with every space and line break taken out (where the list stands
/// beside it, the part after the list's border), so that a wrapped URL reads whole.
fn pane_joined(screen: &str) -> String {
    screen
        .lines()
        .map(|l| l.split_once("││").map_or(l, |(_, pane)| pane))
        .flat_map(|l| l.chars())
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}

/// Opens the article with `id` from the list.
fn open_article(app: &mut App, s: &Store, id: i64) {
    let row = app
        .list
        .held_rows()
        .iter()
        .position(|i| i.id == id)
        .unwrap();
    app.list.selected = row;
    press(app, s, key(KeyCode::Enter));
    assert_eq!(app.reader.article.as_ref().map(|a| a.id), Some(id));
}

/// The article's header: title, section, date with its offset, source, editor and the full
/// URL, at both sizes users run; a view count of 0 (the site's counter before its script runs)
/// is left out.
#[test]
fn the_header_shows_the_facts_and_the_full_url() {
    for (w, h) in [(120, 40), (80, 24)] {
        let s = store();
        let mut app = app(&s, w, h);
        let seed = app
            .list
            .held_rows()
            .iter()
            .find(|i| i.title.starts_with("Regional innovation"))
            .unwrap()
            .id;
        open_article(&mut app, &s, seed);
        let text = screen(&app);
        for want in [
            "Regional innovation of Guangxi, ASEAN yield outcomes",
            "2021-01-25 16:56 +08:00",
            "Source: en.gxzf.gov.cn",
            "Editor: MXJ",
        ] {
            let want: String = want.split_whitespace().collect();
            assert!(
                pane_joined(&text).contains(&want),
                "{want} at {w}x{h}:\n{text}"
            );
        }
        assert!(
            pane_joined(&text)
                .contains("https://en.gxzf.gov.cn/news/guangxinews/202101/t20210125_2345678.shtml"),
            "the whole URL at {w}x{h}:\n{text}"
        );
        let pane: Vec<&str> = text.lines().take(h as usize - 2).collect();
        assert!(
            !pane.join("\n").contains("Views: 0"),
            "no zero count at {w}x{h}:\n{text}"
        );
        insta::assert_snapshot!(format!("header_{w}x{h}"), text);
    }
}

/// The links of the text carry their numbers where they stand and are listed at the end; a
/// number typed in the article opens link N (Enter) or copies it (`y`); a number the article
/// does not have says how many it has.
#[test]
fn links_are_numbered_and_a_typed_number_opens_or_copies_one() {
    let (s, id) = store_with_links();
    let mut app = app(&s, 120, 40);
    open_article(&mut app, &s, id);
    let article = app.reader.article.clone().unwrap();
    let doc = gxnews::document::Document::of(&article);
    let joyent = doc
        .references
        .iter()
        .find(|r| r.url == "http://joyent.com/")
        .unwrap()
        .number;
    press(&mut app, &s, key(KeyCode::Char('G')));
    let text = screen(&app);
    assert!(
        text.contains(&format!("[{joyent}] http://joyent.com/")),
        "{text}"
    );

    let typed = |app: &mut App, digits: &str, last: KeyCode| {
        let mut effects = Vec::new();
        for d in digits.chars() {
            effects.extend(app.handle(key(KeyCode::Char(d))));
        }
        effects.extend(app.handle(key(last)));
        effects
    };
    app.handle(key(KeyCode::Char('1')));
    assert!(screen(&app).contains("link 1▏"), "the prompt shows");
    app.handle(key(KeyCode::Esc));
    assert_eq!(app.link_prompt, None);
    assert_eq!(
        app.focus,
        Focus::Article,
        "Esc left the prompt, not the article"
    );

    let n = joyent.to_string();
    assert_eq!(
        typed(&mut app, &n, KeyCode::Enter),
        vec![Effect::OpenUrl("http://joyent.com/".into())]
    );
    assert_eq!(
        typed(&mut app, &n, KeyCode::Char('y')),
        vec![Effect::CopyUrl("http://joyent.com/".into())]
    );
    assert!(screen(&app).contains("copied ["), "{}", screen(&app));
    assert!(typed(&mut app, "999", KeyCode::Enter).is_empty());
    let text = screen(&app);
    assert!(
        text.contains(&format!(
            "no link [999]: the article has [1] to [{}]",
            doc.references.len()
        )),
        "{text}"
    );
}

/// From the demo's own articles: three read in a row without leaving the article pane, each
/// with its source, editor and URL at the top; then back to the list, the selection on the
/// last one read.
#[test]
fn three_articles_in_a_row_each_with_its_header() {
    let s = store();
    let mut app = app(&s, 120, 40);
    press(&mut app, &s, key(KeyCode::Enter));
    for step in 0..3 {
        let a = app.reader.article.clone().unwrap();
        let text = screen(&app);
        assert!(pane_joined(&text).contains(&a.url), "step {step}: {text}");
        if let Some(src) = &a.source {
            assert!(
                text.contains(&format!("Source: {src}")),
                "step {step}: {text}"
            );
        }
        assert_eq!(app.focus, Focus::Article);
        if step < 2 {
            press(&mut app, &s, key(KeyCode::Char('J')));
        }
    }
    let last = app.reader.article.as_ref().unwrap().id;
    press(&mut app, &s, key(KeyCode::Char('q')));
    assert_eq!(app.focus, Focus::List);
    assert_eq!(app.list.held_rows()[app.list.selected].id, last);
    assert!(!app.quit);
}

/// On a wide terminal the list is as wide as its titles need and the text is wrapped at
/// `reader.max_width`; on a 120-column one the article keeps room to read.
#[test]
fn wide_terminals_fit_the_list_to_its_titles_and_cap_the_text() {
    let s = store();
    let mut app = app(&s, 200, 40);
    let text = screen(&app);
    for item in app.list.held_rows() {
        assert!(text.contains(&item.title), "{} cut:\n{text}", item.title);
    }
    press(&mut app, &s, key(KeyCode::Enter));
    assert_eq!(app.reader.wrapped_width, 100, "the default cap");
    let widest = app.reader.lines.iter().map(|l| l.width()).max().unwrap();
    assert!(widest <= 100, "{widest}");

    app.max_width = 70;
    app.resize(ratatui::layout::Rect::new(0, 0, 200, 40));
    assert_eq!(app.reader.wrapped_width, 70, "the config's cap");

    let mut app = self::app(&s, 120, 40);
    press(&mut app, &s, key(KeyCode::Enter));
    assert!(
        app.reader.wrapped_width >= 60,
        "{}",
        app.reader.wrapped_width
    );
    let list = app.areas(Focus::List).list.width;
    assert!(list > 48, "wider than two fifths: {list}");
}

/// The links at the end of an article, drawn at both sizes users run.
#[test]
fn the_links_list_drawn_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (s, id) = store_with_links();
        let mut app = app(&s, w, h);
        open_article(&mut app, &s, id);
        press(&mut app, &s, key(KeyCode::Char('G')));
        let text = screen(&app);
        assert!(text.contains("] http://joyent.com/"), "{text}");
        insta::assert_snapshot!(format!("links_{w}x{h}"), text);
    }
}
