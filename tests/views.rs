//! The reader's views and state, without a terminal: `M` and its undo, the search's match
//! counter with the current match marked, the section overview, the message log, the star and
//! unread marks, and what empty views say, drawn at the sizes users run.

mod common;

use common::reader::*;
use crossterm::event::KeyCode;
use gxnews::tui::app::App;

/// `M` marks the whole view read and says which key takes it back; `z` does, in the list and
/// in the cache.
#[test]
fn mark_all_read_can_be_undone() {
    let s = store();
    let mut app = app(&s, 120, 40);
    let unread_before = app.list.unread();
    assert!(unread_before > 0);
    press(&mut app, &s, key(KeyCode::Char('M')));
    assert_eq!(app.list.unread(), 0);
    assert!(screen(&app).contains("articles marked read (z undoes)"));
    assert!(s.summaries(None).unwrap().iter().all(|r| r.read));
    press(&mut app, &s, key(KeyCode::Char('z')));
    assert_eq!(app.list.unread(), unread_before);
    assert!(screen(&app).contains("unread again"));
    let stored_unread = s
        .summaries(None)
        .unwrap()
        .iter()
        .filter(|r| !r.read)
        .count();
    assert_eq!(stored_unread, unread_before, "the cache too");
    press(&mut app, &s, key(KeyCode::Char('z')));
    assert!(screen(&app).contains("nothing to undo"));
}

/// `n` and `N` say which match of how many they went to, and that line is marked apart from
/// the other matches.
#[test]
fn search_matches_are_counted_and_the_current_one_marked() {
    let s = store();
    let mut app = app(&s, 120, 40);
    press(&mut app, &s, key(KeyCode::Char('/')));
    type_text(&mut app, &s, "ASEAN");
    press(&mut app, &s, key(KeyCode::Enter));
    press(&mut app, &s, key(KeyCode::Enter));
    press(&mut app, &s, key(KeyCode::Char('n')));
    let text = screen(&app);
    let total: usize = text
        .split("match 1/")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("match 1/N shown:\n{text}"));
    assert!(total >= 2, "{text}");
    let first = app.reader.current_match.unwrap();
    press(&mut app, &s, key(KeyCode::Char('n')));
    assert!(screen(&app).contains(&format!("match 2/{total}")));
    assert!(app.reader.current_match.unwrap() > first);
    press(&mut app, &s, key(KeyCode::Char('N')));
    assert!(screen(&app).contains(&format!("match 1/{total}")));
    assert_eq!(app.reader.current_match, Some(first));
    // The current match's line is drawn in its own style.
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    t.draw(|f| gxnews::tui::ui::draw(f, &app)).unwrap();
    let buf = t.backend().buffer();
    let current = app.theme.current.bg;
    let marked = (0..40).any(|y| (0..120).any(|x| buf[(x, y)].bg == current.unwrap()));
    assert!(marked, "a cell in the current match's colour");
}

/// `t` lists the sections with unread and total counts; Enter shows one, and Esc climbs back
/// to all articles.
#[test]
fn the_section_overview_picks_a_section() {
    let s = store();
    let mut app = app(&s, 120, 40);
    press(&mut app, &s, key(KeyCode::Char('t')));
    let text = screen(&app);
    assert!(text.contains("Sections"), "{text}");
    assert!(text.contains("All articles"), "{text}");
    for (name, total, unread) in &app.sections {
        let row = text
            .lines()
            .find(|l| l.contains(name.as_str()) && l.contains(" unread"))
            .unwrap_or_else(|| panic!("{name}:\n{text}"));
        assert!(row.contains(&format!("{unread} unread")), "{row}");
        assert!(row.contains(&total.to_string()), "{row}");
    }
    let (first, total, _) = app.sections[0].clone();
    press(&mut app, &s, key(KeyCode::Char('j')));
    press(&mut app, &s, key(KeyCode::Enter));
    assert_eq!(app.section_picker, None);
    assert_eq!(app.filter.section.as_deref(), Some(first.as_str()));
    assert_eq!(app.list.held_rows().len(), total);
    press(&mut app, &s, key(KeyCode::Esc));
    assert_eq!(app.filter.section, None);
    assert_eq!(app.list.held_rows().len(), 4);
}

/// Every message shown, errors in full, is in the log `L` opens.
#[test]
fn the_message_log_keeps_every_message_in_full() {
    let s = store();
    let mut app = app(&s, 80, 24);
    press(&mut app, &s, key(KeyCode::Char('M')));
    let long = format!("cannot reach the site: {}", "a long reason ".repeat(12));
    app.handle(gxnews::tui::action::Event::CrawlDone(
        Err(long.clone()),
        "21:14".into(),
    ));
    press(&mut app, &s, key(KeyCode::Char('L')));
    let text = screen(&app);
    assert!(text.contains("Messages"), "{text}");
    assert!(text.contains("articles marked read"), "{text}");
    let joined: String = text.split_whitespace().collect();
    let want: String = format!("{long} (21:14)").split_whitespace().collect();
    assert!(joined.replace('│', "").contains(&want), "in full:\n{text}");
    press(&mut app, &s, key(KeyCode::Esc));
    assert_eq!(app.log.open, None);
    assert!(!app.quit);
}

/// A starred unread article shows both marks.
#[test]
fn a_star_never_hides_that_an_article_is_unread() {
    let s = store();
    let mut app = app(&s, 120, 40);
    press(&mut app, &s, key(KeyCode::Char('s')));
    let title = app.list.held_rows()[0].title.clone();
    let text = screen(&app);
    let row = text.lines().find(|l| l.contains(&title[..20])).unwrap();
    assert!(row.contains("★●"), "{row}");
}

/// What an empty search and an empty view say, at both sizes users run.
#[test]
fn empty_views_drawn_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        let s = store();
        let mut app: App = app(&s, w, h);
        press(&mut app, &s, key(KeyCode::Char('/')));
        type_text(&mut app, &s, "zzzqqq");
        press(&mut app, &s, key(KeyCode::Enter));
        insta::assert_snapshot!(format!("empty_search_{w}x{h}"), screen(&app));
        press(&mut app, &s, key(KeyCode::Esc));
        press(&mut app, &s, key(KeyCode::Char('M')));
        press(&mut app, &s, key(KeyCode::Char('u')));
        insta::assert_snapshot!(format!("empty_unread_{w}x{h}"), screen(&app));
    }
}
