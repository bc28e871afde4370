//! The reader over a cache far larger than what it holds: it reads windows of the view as the
//! screen moves, so `G`, paging, the next unread article, mark-all-read and its undo, search
//! results page by page and a remembered selection all work on rows it did not hold before.

mod common;

use chrono::{Duration, FixedOffset, TimeZone};
use common::reader::*;
use crossterm::event::KeyCode;
use gxnews::model::Article;
use gxnews::store::{ListFilter, Store};
use gxnews::tui::ui::list::WINDOW_ROWS;

const N: usize = 2_500;

fn big_store() -> Store {
    let cst = FixedOffset::east_opt(8 * 3600).unwrap();
    let base = cst.with_ymd_and_hms(2020, 1, 1, 9, 0, 0).unwrap();
    let mut s = Store::in_memory().unwrap();
    let batch: Vec<_> = (0..N)
        .map(|i| {
            let a = Article {
                id: 0,
                url: format!("https://en.gxzf.gov.cn/news/t{i}.shtml"),
                title: format!("Story {i:04}"),
                section: Some(if i % 2 == 0 { "Even" } else { "Odd" }.into()),
                published: Some(base + Duration::hours(i as i64)),
                source: None,
                editor: None,
                views: None,
                breadcrumb: Vec::new(),
                body: vec![format!("Nanning report {i}: Guangxi news of the day.")],
                images: Vec::new(),
                links: Vec::new(),
                pages: Vec::new(),
                fetched_at: None,
            };
            (a, Vec::new())
        })
        .collect();
    s.put_many(&batch).unwrap();
    s
}

/// Every row on screen is drawn from a row held, and no more than a window is held.
fn check_screen(app: &gxnews::tui::app::App) {
    let text = screen(app);
    let lh = app.size.height as usize - 4;
    let shown = (app.list.offset..(app.list.offset + lh).min(app.list.total))
        .filter(|&i| app.list.get(i).is_some())
        .count();
    assert_eq!(shown, lh.min(app.list.total - app.list.offset), "{text}");
    assert!(app.list.held_rows().len() <= WINDOW_ROWS);
    let sel = app.list.selected().expect("the selection is held");
    assert!(text.contains(&sel.title), "{text}");
}

#[test]
fn moving_far_reads_the_rows_it_needs() {
    let s = big_store();
    let mut app = app(&s, 100, 30);
    assert_eq!(app.list.total, N);
    assert!(app.list.held_rows().len() <= WINDOW_ROWS);
    assert_eq!(
        app.list.selected().unwrap().title,
        format!("Story {:04}", N - 1)
    );
    press(&mut app, &s, key(KeyCode::Char('G')));
    assert_eq!(app.list.selected, N - 1);
    assert_eq!(app.list.selected().unwrap().title, "Story 0000");
    check_screen(&app);
    press(&mut app, &s, key(KeyCode::Char('g')));
    press(&mut app, &s, key(KeyCode::Char('g')));
    assert_eq!(app.list.selected, 0);
    for _ in 0..40 {
        press(&mut app, &s, key(KeyCode::PageDown));
        check_screen(&app);
    }
    let at = app.list.selected;
    assert_eq!(
        app.list.selected().unwrap().title,
        format!("Story {:04}", N - 1 - at)
    );
    for _ in 0..400 {
        press(&mut app, &s, key(KeyCode::Char('k')));
    }
    check_screen(&app);
    assert_eq!(app.list.selected, at - 400);
}

#[test]
fn next_unread_mark_all_read_and_undo_reach_past_the_rows_held() {
    let s = big_store();
    // Everything is read but the oldest article.
    let oldest = s.summaries(None).unwrap().last().unwrap().id;
    let all = ListFilter::default();
    s.mark_view_read(&all).unwrap();
    s.set_read(oldest, false).unwrap();
    let mut app = app(&s, 100, 30);
    assert_eq!(app.list.unread(), 1);
    press(&mut app, &s, key(KeyCode::Enter));
    press(&mut app, &s, key(KeyCode::Char('U')));
    assert_eq!(app.list.selected, N - 1, "found below the rows held");
    assert_eq!(app.reader.article.as_ref().unwrap().id, oldest);
    // M marks the whole view, held or not; z takes it back.
    let unread: Vec<i64> = s.summaries(None).unwrap().iter().map(|r| r.id).collect();
    let mut s = s;
    s.set_read_many(&unread, false).unwrap();
    let s = s;
    let mut app = common::reader::app(&s, 100, 30);
    press(&mut app, &s, key(KeyCode::Char('M')));
    assert_eq!(s.counts(&all).unwrap().unread, 0);
    press(&mut app, &s, key(KeyCode::Char('z')));
    assert_eq!(s.counts(&all).unwrap().unread, N);
    assert_eq!(app.list.unread(), N);
}

#[test]
fn search_results_come_a_page_at_a_time() {
    let s = big_store();
    let mut app = app(&s, 100, 30);
    press(&mut app, &s, key(KeyCode::Char('/')));
    type_text(&mut app, &s, "Nanning");
    press(&mut app, &s, key(KeyCode::Enter));
    let first = app.list.total;
    assert!(first < N, "one page, not every hit: {first}");
    let text = screen(&app);
    assert!(
        text.contains(&format!("Search “Nanning” {first}+")),
        "the count says more are left: {text}"
    );
    for _ in 0..first {
        press(&mut app, &s, key(KeyCode::Char('j')));
    }
    assert!(app.list.total > first, "the next page came");
    press(&mut app, &s, key(KeyCode::Char('G')));
    let sel = app.list.selected().unwrap().title.clone();
    assert!(sel.starts_with("Story "), "{sel}");
}

#[test]
fn the_remembered_selection_is_found_far_down() {
    let s = big_store();
    let far = s.summaries(None).unwrap()[2_000].id;
    s.set_state("selected", &far.to_string()).unwrap();
    let app = app(&s, 100, 30);
    assert_eq!(app.list.selected, 2_000);
    assert_eq!(app.list.selected().unwrap().id, far);
    check_screen(&app);
}

/// The list's right border is a scrollbar: a click on it jumps to that part of the view (its
/// foot to the last row, its middle to the middle), reading the rows there; a click on a row
/// of the list still selects that row.
#[test]
fn a_click_on_the_scrollbar_jumps_there() {
    use crossterm::event::MouseEventKind::Down;
    use crossterm::event::{Event as TermEvent, KeyModifiers, MouseButton, MouseEvent};
    use gxnews::tui::action::Event;
    let click = |column, row| {
        Event::Term(TermEvent::Mouse(MouseEvent {
            kind: Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }))
    };
    let s = big_store();
    let mut app = app(&s, 100, 30);
    let list = app.areas(app.focus).list;
    let bar = list.x + list.width - 1;
    let (top, rows) = (list.y + 1, list.height - 2);
    assert!(screen(&app).contains('┃'), "{}", screen(&app));
    press(&mut app, &s, click(bar, top + rows - 1));
    assert_eq!(app.list.selected, N - 1);
    assert_eq!(app.list.selected().unwrap().title, "Story 0000");
    check_screen(&app);
    press(&mut app, &s, click(bar, top + rows / 2));
    let middle = app.list.selected as f64 / (N - 1) as f64;
    assert!((middle - 0.5).abs() < 0.05, "{}", app.list.selected);
    check_screen(&app);
    press(&mut app, &s, click(bar, top));
    assert_eq!(app.list.selected, 0);
    press(&mut app, &s, click(list.x + 3, top + 2));
    assert_eq!(app.list.selected, 2);
    check_screen(&app);
}
