//! Windows of the list and pages of search hits at scale: what the reader reads instead of a
//! whole view. Every window, count and place is checked against the whole view read the old
//! way, for every kind of view, after writes that move rows between views.

use chrono::{Duration, FixedOffset, TimeZone};
use gxnews::model::Article;
use gxnews::store::{Anchor, ListFilter, Store};

const N: usize = 400;

fn article(i: usize) -> Article {
    let cst = FixedOffset::east_opt(8 * 3600).unwrap();
    let base = cst.with_ymd_and_hms(2021, 1, 1, 9, 0, 0).unwrap();
    let sections = ["Guangxi News", "Business", "Culture"];
    Article {
        id: 0,
        url: format!("https://en.gxzf.gov.cn/news/t{i}.shtml"),
        title: format!("Mangrove report number {i}"),
        section: Some(sections[i % 3].to_string()),
        // Some share a minute, some are undated, and dates do not follow the order of storing.
        published: (!i.is_multiple_of(17))
            .then(|| base + Duration::minutes(((i * 7919) % 501) as i64)),
        source: None,
        editor: None,
        views: None,
        breadcrumb: Vec::new(),
        body: vec![
            format!("Beihai planted mangroves, part {i}."),
            "Second paragraph.".into(),
        ],
        images: Vec::new(),
        links: Vec::new(),
        pages: Vec::new(),
        fetched_at: None,
    }
}

fn filled() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    let batch: Vec<_> = (0..N).map(|i| (article(i), Vec::new())).collect();
    s.put_many(&batch).unwrap();
    let all = s.summaries(None).unwrap();
    for (k, row) in all.iter().enumerate() {
        if k % 3 == 0 {
            s.set_read(row.id, true).unwrap();
        }
        if k % 11 == 0 {
            s.set_starred(row.id, true).unwrap();
        }
    }
    (dir, s)
}

fn filters() -> Vec<ListFilter> {
    let mut out = Vec::new();
    for section in [None, Some("Business".to_string()), Some("Nowhere".into())] {
        for (unread_only, starred_only) in
            [(false, false), (true, false), (false, true), (true, true)]
        {
            out.push(ListFilter {
                unread_only,
                starred_only,
                section: section.clone(),
            });
        }
    }
    out
}

/// Every window of every view, read from the top, the bottom or a row nearby, is the same
/// slice of the view as the whole view read at once; counts and places agree with it.
fn check_views(s: &Store) {
    for f in filters() {
        let whole = s.summaries_where(&f, None).unwrap();
        let counts = s.counts(&f).unwrap();
        assert_eq!(counts.total, whole.len(), "{f:?}");
        assert_eq!(
            counts.unread,
            whole.iter().filter(|r| !r.read).count(),
            "{f:?}"
        );
        let total = whole.len();
        for start in [
            0,
            1,
            total / 3,
            total / 2,
            total.saturating_sub(5),
            total,
            total + 3,
        ] {
            let expect: Vec<_> = whole.iter().skip(start).take(20).cloned().collect();
            let plain = s.window(&f, start, 20, total, None).unwrap();
            let rows: Vec<_> = plain.rows.iter().map(|(_, r)| r.clone()).collect();
            assert_eq!(rows, expect, "{f:?} from {start}");
            // From a row nearby, above or below.
            for near in [start.saturating_sub(7), start + 9] {
                let Some(anchor) = s
                    .window(&f, near, 1, total, None)
                    .unwrap()
                    .rows
                    .first()
                    .map(|(ord, _)| Anchor {
                        index: near,
                        ord: *ord,
                    })
                else {
                    continue;
                };
                let w = s.window(&f, start, 20, total, Some(anchor)).unwrap();
                let rows: Vec<_> = w.rows.into_iter().map(|(_, r)| r).collect();
                assert_eq!(rows, expect, "{f:?} from {start} near {near}");
            }
        }
        for (k, row) in whole.iter().enumerate().step_by(13) {
            assert_eq!(s.place(&f, row.id).unwrap(), Some(k), "{f:?}");
        }
    }
}

#[test]
fn windows_counts_and_places_agree_with_whole_views() {
    let (_dir, mut s) = filled();
    check_views(&s);
    // Writes move rows between views: the kept counts follow.
    let all = s.summaries(None).unwrap();
    s.set_read_many(
        &all.iter().take(50).map(|r| r.id).collect::<Vec<_>>(),
        false,
    )
    .unwrap();
    s.set_starred(all[5].id, false).unwrap();
    let mut moved = article(3);
    moved.section = Some("Culture".into());
    moved.published = None;
    s.put(&moved).unwrap();
    let cutoff = FixedOffset::east_opt(0)
        .unwrap()
        .with_ymd_and_hms(2021, 1, 1, 4, 0, 0)
        .unwrap();
    assert!(s.prune(cutoff).unwrap() > 0);
    check_views(&s);
    // An article outside a view has no place in it.
    let read = s
        .summaries(None)
        .unwrap()
        .into_iter()
        .find(|r| r.read)
        .unwrap();
    let unread = ListFilter {
        unread_only: true,
        ..ListFilter::default()
    };
    assert_eq!(s.place(&unread, read.id).unwrap(), None);
}

#[test]
fn sections_count_from_kept_counts() {
    let (_dir, s) = filled();
    let sections = s.sections().unwrap();
    assert_eq!(sections.len(), 3);
    for (name, total, unread) in sections {
        let f = ListFilter {
            section: Some(name.clone()),
            ..ListFilter::default()
        };
        let whole = s.summaries_where(&f, None).unwrap();
        assert_eq!(total, whole.len(), "{name}");
        assert_eq!(unread, whole.iter().filter(|r| !r.read).count(), "{name}");
    }
}

/// Hits come newest first, in the list's order, a page at a time: the pages together are every
/// matching article once.
#[test]
fn search_pages_cover_every_hit_once_newest_first() {
    let (_dir, s) = filled();
    let list: Vec<i64> = s.summaries(None).unwrap().iter().map(|r| r.id).collect();
    let mut seen = Vec::new();
    let mut below = None;
    loop {
        let page = s.search_page("mangrov", below, 37).unwrap();
        let Some(last) = page.last() else { break };
        below = Some(last.ord);
        assert!(
            page.iter()
                .all(|h| h.snippet.contains(gxnews::store::MATCH_START))
        );
        seen.extend(page.iter().map(|h| h.summary.id));
    }
    assert_eq!(seen, list, "every article once, in list order");
    assert_eq!(s.search("part 17 ", 5).unwrap().len(), 1);
}

/// Storing the same articles again, changed, replaces their index rows: each is found once,
/// and the file does not grow once freed pages are given back.
#[test]
fn rewriting_articles_replaces_index_rows_and_the_file_stays_small() {
    let (dir, mut s) = filled();
    let size = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.metadata().unwrap().len())
            .sum::<u64>()
    };
    let mut sizes = Vec::new();
    for round in 0..4 {
        let batch: Vec<_> = (0..N)
            .map(|i| {
                let mut a = article(i);
                a.body[1] = format!("Round {round} of rewriting {}.", "text ".repeat(50));
                (a, Vec::new())
            })
            .collect();
        s.put_many(&batch).unwrap();
        s.compact().unwrap();
        sizes.push(size());
        assert_eq!(s.search(&format!("Round {round}"), 1000).unwrap().len(), N);
        assert_eq!(s.search("mangroves part 5 ", 1000).unwrap().len(), 1);
    }
    assert!(
        sizes[3] <= sizes[1] + sizes[1] / 10,
        "the file grew: {sizes:?}"
    );
}

/// A search whose answer is no longer wanted (the reader's query overtaken by typing) stops
/// where it runs; one still wanted runs whole, and the cache answers as before after both.
#[test]
fn a_dropped_search_stops_where_it_runs() {
    let (_dir, mut s) = filled();
    let stopped = s.interruptible(|| true, |s| s.search_page("mangrov", None, N));
    assert!(stopped.unwrap().is_err(), "a dropped search ran to its end");
    let wanted = s.interruptible(|| false, |s| s.search_page("mangrov", None, N));
    assert_eq!(wanted.unwrap().unwrap().len(), N);
    assert_eq!(s.search("mangrov", 10).unwrap().len(), 10);
}

/// Pruning gives the freed pages back: a cache pruned of nearly all its articles shrinks to a
/// fraction of its file (every free page, not one per pass).
#[test]
fn pruning_shrinks_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    let batch: Vec<_> = (0..N)
        .map(|i| {
            let mut a = article(i);
            a.body
                .push(format!("Paragraph {i} of a longer text. ").repeat(60));
            (a, Vec::new())
        })
        .collect();
    s.put_many(&batch).unwrap();
    let file = dir.path().join("cache.sqlite3");
    // Closing the cache folds its write-ahead log into the file, which then tells its size.
    drop(s);
    let before = std::fs::metadata(&file).unwrap().len();
    let mut s = Store::open_dir(dir.path()).unwrap();
    let cst = FixedOffset::east_opt(8 * 3600).unwrap();
    let pruned = s
        .prune(cst.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap())
        .unwrap();
    assert!(pruned > N / 2, "{pruned}");
    drop(s);
    let after = std::fs::metadata(&file).unwrap().len();
    assert!(after < before / 4, "{before} -> {after}");
}
