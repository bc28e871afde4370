//! Full-text search and export over a real cache (the demo edition, fetched through its own
//! server on 127.0.0.1), from the library and from the command line.

use std::process::Command;

use gxnews::store::{Store, cache_path};

fn demo_cache() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gxnews"))
        .args(["--demo", "--data-dir"])
        .arg(dir.path())
        .arg("fetch")
        .env_remove("GXNEWS_DATA_DIR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

fn gx(dir: &tempfile::TempDir, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gxnews"))
        .args(["--demo", "--data-dir"])
        .arg(dir.path())
        .args(args)
        .env_remove("GXNEWS_DATA_DIR")
        .output()
        .unwrap()
}

#[test]
fn search_finds_titles_and_bodies_best_first() {
    let dir = demo_cache();
    let store = Store::open_dir(&dir.path().join("demo")).unwrap();
    let hits = store.search("regional innovation", 10).unwrap();
    assert_eq!(
        hits[0].summary.title,
        "Regional innovation of Guangxi, ASEAN yield outcomes"
    );
    assert!(hits[0].snippet.contains(gxnews::store::MATCH_START));
    // A word only in a body paragraph.
    let hits = store.search("Beidou", 10).unwrap();
    assert_eq!(hits.len(), 1);
    // Prefix of the last word, as typed.
    assert!(!store.search("innova", 10).unwrap().is_empty());
    // Hostile queries are plain words, never an error.
    for q in [
        "\"",
        "NEAR(",
        "a AND OR NOT",
        "title:Guangxi",
        "*",
        "-ASEAN",
        "(((",
        "Beibu\"Gulf",
        "'; DROP TABLE articles; --",
    ] {
        store.search(q, 10).unwrap_or_else(|e| panic!("{q:?}: {e}"));
    }
    assert!(store.search("zzzzunknownword", 10).unwrap().is_empty());
    // A snippet that spans paragraphs is one line: `OR` matches in many of them.
    for hit in store.search("OR", 50).unwrap() {
        assert!(!hit.snippet.contains(['\n', '\r']), "{:?}", hit.snippet);
    }
}

#[test]
fn search_index_follows_updates() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
    let html = std::fs::read_to_string("tests/fixtures/seed-article.html").unwrap();
    let url = url::Url::parse("https://en.gxzf.gov.cn/a.shtml").unwrap();
    let mut a = gxnews::scrape::Scraper::default()
        .scrape_article(&html, &url)
        .unwrap();
    store.put(&a).unwrap();
    assert_eq!(store.search("Beidou", 5).unwrap().len(), 1);
    a.body = vec!["Only the word mangrove remains.".into()];
    store.put(&a).unwrap();
    assert!(store.search("Beidou", 5).unwrap().is_empty());
    assert_eq!(store.search("mangrove", 5).unwrap().len(), 1);
}

#[test]
fn migration_builds_the_index_for_an_existing_cache() {
    let dir = tempfile::tempdir().unwrap();
    // A cache as the second schema left it, with one article.
    {
        let conn = rusqlite::Connection::open(cache_path(dir.path())).unwrap();
        conn.execute_batch(
            "CREATE TABLE articles (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
               section TEXT, published TEXT, published_ts INTEGER, source TEXT, editor TEXT, views INTEGER,
               breadcrumb TEXT NOT NULL DEFAULT '[]', images TEXT NOT NULL DEFAULT '[]',
               fetched_at TEXT NOT NULL DEFAULT '', read INTEGER NOT NULL DEFAULT 0);
             CREATE TABLE bodies (article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE, body TEXT NOT NULL);
             CREATE INDEX articles_by_date ON articles (published_ts DESC, id DESC);
             INSERT INTO articles (id, url, title) VALUES (1, 'https://en.gxzf.gov.cn/a.shtml', 'Mangrove forests grow');
             INSERT INTO bodies VALUES (1, '[\"Beihai plants 100 hectares of mangroves.\"]');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let store = Store::open_dir(dir.path()).unwrap();
    assert!(store.schema_version().unwrap() >= 3);
    assert_eq!(store.search("hectares", 5).unwrap().len(), 1);
    assert_eq!(store.search("mangrove", 5).unwrap()[0].summary.id, 1);
}

#[test]
fn search_and_export_commands() {
    let dir = demo_cache();
    let out = gx(&dir, &["search", "Beibu", "Gulf", "--json"]);
    assert!(out.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r["title"].is_string() && r["url"].is_string() && r["snippet"].is_string())
    );
    assert!(
        rows[0]["title"].as_str().unwrap().contains("Beibu Gulf"),
        "title matches rank first: {rows:?}"
    );

    let out = gx(&dir, &["search", "\"unbalanced", "(("]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Atom: well-formed XML with one entry per article.
    let out = gx(&dir, &["export", "--format", "atom"]);
    assert!(out.status.success());
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(
        xml.starts_with("<?xml") && xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">")
    );
    assert_eq!(xml.matches("<entry>").count(), 16);
    assert_eq!(xml.matches("</entry>").count(), 16);
    assert!(xml.contains("Culture &amp; Tourism"), "escaped");
    assert!(!xml.contains(" & "), "no raw ampersand");

    // A section's name in any case; an unknown one fails in one line naming those there are.
    let in_section = |name: &str| -> usize {
        let out = gx(&dir, &["export", "--format", "json", "--section", name]);
        let arts: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        arts.as_array().unwrap().len()
    };
    assert_eq!(in_section("Culture & Tourism"), 3);
    assert_eq!(in_section("culture & TOURISM"), 3);
    let out = gx(&dir, &["export", "--format", "json", "--section", "Sport"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no section named \"Sport\"") && err.contains("Culture & Tourism"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    let out = gx(&dir, &["export", "--format", "markdown", "--starred"]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty(), "nothing starred yet");
    let out = gx(&dir, &["export", "--format", "markdown"]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("# Regional innovation of Guangxi, ASEAN yield outcomes"));
}
