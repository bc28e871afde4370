//! The cache in a temp dir: read back after reopening, no duplicates on re-fetch, read state
//! kept, and clear errors for a damaged or newer cache that leave the file as it was.

use gxnews::scrape::Scraper;
use gxnews::store::{Store, StoreError, Stored, cache_path};
use url::Url;

fn seed() -> gxnews::model::Article {
    let html = std::fs::read_to_string("tests/fixtures/seed-article.html").unwrap();
    let url = Url::parse("https://en.gxzf.gov.cn/news/guangxinews/202101/t20210125_2345678.shtml")
        .unwrap();
    let mut a = Scraper::default().scrape_article(&html, &url).unwrap();
    a.fetched_at = Some(chrono::Utc::now().fixed_offset());
    a
}

#[test]
fn reopen_and_read_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let a = seed();
    let id = {
        let mut s = Store::open_dir(dir.path()).unwrap();
        let out = s.put(&a).unwrap();
        assert!(matches!(out, Stored::New(_)));
        out.id()
    };
    let s = Store::open_dir(dir.path()).unwrap();
    let back = s.article(id).unwrap().unwrap();
    assert_eq!(back.title, a.title);
    assert_eq!(back.body, a.body);
    assert_eq!(back.breadcrumb, a.breadcrumb);
    assert_eq!(back.published, a.published);
    assert_eq!(back.views, Some(0));
    assert_eq!(back.editor.as_deref(), Some("MXJ"));
    assert_eq!(s.article_by_url(&a.url).unwrap().unwrap().id, id);
    let list = s.summaries(None).unwrap();
    assert_eq!(list.len(), 1);
    assert!(!list[0].read);
}

#[test]
fn refetch_updates_in_place_without_duplicates_and_keeps_read_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    let mut a = seed();
    let id = s.put(&a).unwrap().id();
    s.set_read(id, true).unwrap();
    assert_eq!(s.put(&a).unwrap(), Stored::Unchanged(id));
    a.body.push("A correction was added.".into());
    assert_eq!(s.put(&a).unwrap(), Stored::Updated(id));
    assert_eq!(s.count().unwrap(), 1);
    assert!(
        s.summaries(None).unwrap()[0].read,
        "read state survives a re-fetch"
    );
    assert_eq!(s.article(id).unwrap().unwrap().body.len(), 8);
}

/// A batch is stored whole, in one transaction, and tells each article's outcome as one put
/// would: new the first time, unchanged when the same batch comes again.
#[test]
fn a_batch_is_stored_whole_and_reports_each_article() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    let batch: Vec<_> = (0..3)
        .map(|i| {
            let mut a = seed();
            a.url = format!("{}?n={i}", a.url);
            a.title = format!("{} {i}", a.title);
            (a, Vec::new())
        })
        .collect();
    let first = s.put_many(&batch).unwrap();
    assert!(
        first.iter().all(|o| matches!(o, Stored::New(_))),
        "{first:?}"
    );
    assert_eq!(s.count().unwrap(), 3);
    let again = s.put_many(&batch).unwrap();
    let ids: Vec<_> = first.iter().map(|o| Stored::Unchanged(o.id())).collect();
    assert_eq!(again, ids);
    assert_eq!(s.search("Guangxi", 10).unwrap().len(), 3);
}

#[test]
fn summaries_are_newest_first_and_limited() {
    let mut s = Store::in_memory().unwrap();
    let base = seed();
    for day in 1..=5 {
        let mut a = base.clone();
        a.url = format!("https://en.gxzf.gov.cn/a{day}.shtml");
        a.published = a.published.map(|p| p + chrono::Duration::days(day));
        s.put(&a).unwrap();
    }
    let mut undated = base.clone();
    undated.url = "https://en.gxzf.gov.cn/undated.shtml".into();
    undated.published = None;
    s.put(&undated).unwrap();
    let all = s.summaries(None).unwrap();
    assert_eq!(all.len(), 6);
    assert!(all[0].url.ends_with("a5.shtml"));
    assert!(all[5].url.ends_with("undated.shtml"), "undated last");
    assert_eq!(s.summaries(Some(2)).unwrap().len(), 2);
}

#[test]
fn corrupt_cache_is_a_clear_error_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = cache_path(dir.path());
    let garbage = b"this is not a database, it is a note the user must not lose\n".repeat(100);
    std::fs::write(&path, &garbage).unwrap();
    let err = Store::open_dir(dir.path())
        .err()
        .expect("a damaged cache does not open");
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains(&path.display().to_string()) && !msg.contains('\n'),
        "{msg}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
}

#[test]
fn cache_from_a_newer_release_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    {
        let _ = Store::open_dir(dir.path()).unwrap();
    }
    let conn = rusqlite::Connection::open(cache_path(dir.path())).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let err = Store::open_dir(dir.path()).err().unwrap();
    assert!(
        matches!(err, StoreError::TooNew { found: 999, .. }),
        "{err:?}"
    );
}

#[test]
fn schema_is_versioned() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open_dir(dir.path()).unwrap();
    assert!(s.schema_version().unwrap() >= 1);
}

#[test]
fn pruning_removes_old_articles_but_never_starred_ones_and_remembers_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    let cst = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    let mut ids = Vec::new();
    for (i, year) in [(1, 2019), (2, 2019), (3, 2025)] {
        let mut a = seed();
        a.url = format!("https://en.gxzf.gov.cn/news/t{i}.shtml");
        a.title = format!("Article {i} about greenways");
        a.published = Some(chrono::TimeZone::with_ymd_and_hms(&cst, year, 1, 1, 8, 0, 0).unwrap());
        let raw = gxnews::store::RawPage {
            url: format!("https://en.gxzf.gov.cn/news/t{i}_1.shtml"),
            content_type: Some("text/html".into()),
            bytes: b"<p>page two</p>".to_vec(),
        };
        ids.push(s.put_with_pages(&a, &[raw]).unwrap().id());
    }
    s.set_starred(ids[1], true).unwrap();
    let cutoff = chrono::TimeZone::with_ymd_and_hms(&cst, 2024, 1, 1, 0, 0, 0).unwrap();
    assert_eq!(
        s.prune(cutoff).unwrap(),
        1,
        "only the old, unstarred article goes"
    );
    assert!(s.article(ids[0]).unwrap().is_none());
    assert!(s.article(ids[1]).unwrap().is_some(), "starred: kept");
    assert!(s.article(ids[2]).unwrap().is_some(), "recent: kept");
    let found: Vec<i64> = s
        .search("greenways", 10)
        .unwrap()
        .iter()
        .map(|h| h.summary.id)
        .collect();
    assert!(!found.contains(&ids[0]), "gone from the search index too");
    assert_eq!(found.len(), 2);
    // The crawler treats its pages as known, so it never fetches them again.
    let known = s
        .known_urls([
            "https://en.gxzf.gov.cn/news/t1.shtml",
            "https://en.gxzf.gov.cn/news/t1_1.shtml",
            "https://en.gxzf.gov.cn/news/t9.shtml",
        ])
        .unwrap();
    assert_eq!(known.len(), 2, "{known:?}");
    // Pruning again finds nothing more.
    assert_eq!(s.prune(cutoff).unwrap(), 0);
}

/// A cache whose stored text has flipped bytes says it is damaged, in words, not with a byte
/// index of a UTF-8 error.
#[test]
fn flipped_bytes_in_a_stored_text_read_as_a_damaged_cache() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    s.put(&seed()).unwrap();
    let raw = rusqlite::Connection::open(cache_path(dir.path())).unwrap();
    raw.execute("UPDATE articles SET title = CAST(x'4e616ec3' AS TEXT)", [])
        .unwrap();
    let err = s.summaries(None).unwrap_err();
    assert!(matches!(err, StoreError::Damaged(_)), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("damaged") && !msg.to_lowercase().contains("utf-8"),
        "{msg}"
    );
    assert!(!msg.contains("index"), "{msg}");
}

/// Words of a batch that was rolled back are not taken as stored: a word typed in part is
/// still completed from the article that is stored later, after another batch committed.
#[test]
fn words_of_a_batch_rolled_back_are_completed_once_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    let with_word = |n: &str, word: &str| {
        let mut a = seed();
        a.url = format!("{}?n={n}", a.url);
        a.body.push(format!("A line that names the {word} once."));
        (a, Vec::new())
    };
    let rare = with_word("rare", "zyxwarbler");
    let refused = with_word("refused", "plain");
    let conn = rusqlite::Connection::open(cache_path(dir.path())).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN new.url LIKE '%n=refused'
         BEGIN SELECT RAISE(ABORT, 'refused'); END;",
    )
    .unwrap();
    assert!(s.put_many(&[rare.clone(), refused]).is_err());
    assert_eq!(
        s.count().unwrap(),
        0,
        "the batch was stored whole or not at all"
    );
    s.put_many(&[with_word("other", "ordinary")]).unwrap();
    s.put_many(&[rare]).unwrap();
    let hits = s.search("zyxwar", 10).unwrap();
    assert_eq!(hits.len(), 1, "the word typed in part completes: {hits:?}");
    assert!(hits[0].summary.url.ends_with("n=rare"));
}

/// Pages packed before they reach the store (as the crawl packs them, off the thread that
/// writes) read back byte for byte, as pages the store packs itself do: a real page, a tiny
/// one, and one that does not compress at all (its packed form outgrows the first buffer).
#[test]
fn pages_packed_before_storing_read_back_as_fetched() {
    let mut noise = 0x9e37_79b9_7f4a_7c15_u64;
    let random: Vec<u8> = (0..200_000)
        .map(|_| {
            noise ^= noise << 13;
            noise ^= noise >> 7;
            noise ^= noise << 17;
            noise as u8
        })
        .collect();
    let bodies = [
        std::fs::read("tests/fixtures/seed-article.html").unwrap(),
        b"<p>x</p>".to_vec(),
        random,
    ];
    let pages: Vec<gxnews::store::RawPage> = bodies
        .iter()
        .enumerate()
        .map(|(i, bytes)| gxnews::store::RawPage {
            url: format!("https://en.gxzf.gov.cn/news/t1_{i}.shtml"),
            content_type: Some("text/html".into()),
            bytes: bytes.clone(),
        })
        .collect();
    let packs: Vec<_> = pages.iter().map(|p| p.pack()).collect();
    // The same pages twice: packed by the caller, and packed by the store.
    for packed_first in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open_dir(dir.path()).unwrap();
        let stored = if packed_first {
            s.put_many_packed(&[(seed(), packs.clone())]).unwrap()
        } else {
            s.put_many(&[(seed(), pages.clone())]).unwrap()
        };
        let back = s.raw_pages(stored[0].id()).unwrap();
        assert_eq!(back, pages, "packed before storing: {packed_first}");
    }
}

/// While a checkpointer works aside, what the writing connection stores reaches the cache file
/// itself, copied there from the log by the other thread: once the checkpointer stops, the
/// file holds it. The same write with no checkpointer stays in the log, as it is too small
/// for the writer to checkpoint by itself.
#[test]
fn the_log_is_copied_into_the_cache_file_aside() {
    let batch: Vec<_> = (0..40)
        .map(|i| {
            let mut a = seed();
            a.url = format!("https://en.gxzf.gov.cn/news/t{i}.shtml");
            a.body
                .push(format!("Paragraph {i} of a text that fills pages. ").repeat(40));
            (a, Vec::<gxnews::store::RawPage>::new())
        })
        .collect();
    let grown = |aside: bool| {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open_dir(dir.path()).unwrap();
        let size = || std::fs::metadata(cache_path(dir.path())).unwrap().len();
        let before = size();
        let checkpointer = aside.then(|| s.checkpoint_aside().unwrap());
        s.put_many(&batch).unwrap();
        drop(checkpointer);
        let grown = size() - before;
        assert_eq!(s.count().unwrap(), batch.len());
        grown
    };
    assert_eq!(
        grown(false),
        0,
        "with no checkpointer the write stays in the log"
    );
    assert!(
        grown(true) > 40 * 1500,
        "the checkpointer copied the log into the file"
    );
}
