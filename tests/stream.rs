//! Output that grows with the cache (`list --json`, `search --json`, `export`) is written as it
//! is read: still one valid document for no, one and many articles, in the store's order, ended
//! quietly by a closed pipe, and with memory that does not grow with what is printed.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Output, Stdio};

use chrono::{Duration, FixedOffset, TimeZone};
use gxnews::model::{Article, Image, Link};
use gxnews::store::{ListFilter, Store};
use serde_json::Value;
use tempfile::TempDir;

/// Article `i` of a synthetic cache: every field filled, in three sections, every tenth one
/// undated; `url_len` pads the URL to make rows as large as a test needs.
fn article(i: usize, url_len: usize) -> Article {
    let cst = FixedOffset::east_opt(8 * 3600).unwrap();
    let start = cst.with_ymd_and_hms(2020, 1, 1, 9, 0, 0).unwrap();
    let section = ["Guangxi News", "China-ASEAN", "Culture & Tourism"][i % 3];
    let mut url = format!("https://en.gxzf.gov.cn/news/{i}/t{i}.shtml?");
    url.extend(std::iter::repeat_n('p', url_len.saturating_sub(url.len())));
    Article {
        url,
        title: format!("Guangxi report \"{i}\" <ports & roads>"),
        breadcrumb: vec!["English".into(), section.into()],
        section: Some(section.into()),
        published: (i % 10 != 3).then(|| start + Duration::hours(i as i64 * 7 % 1000)),
        source: Some("en.gxzf.gov.cn".into()),
        editor: Some("MXJ".into()),
        views: Some(i as u64),
        body: vec![
            format!("Paragraph one of report {i} about Guangxi and its ports."),
            "A second paragraph, with a link.".into(),
        ],
        images: vec![Image {
            url: format!("https://en.gxzf.gov.cn/img/{i}.jpg"),
            caption: Some("A port".into()),
            at: Some(1),
        }],
        links: vec![Link {
            paragraph: 1,
            text: "a link".into(),
            url: "https://en.gxzf.gov.cn/".into(),
        }],
        fetched_at: Some(start),
        ..Article::default()
    }
}

/// A cache of `n` synthetic articles, written in batches.
fn cache_of(n: usize, url_len: usize) -> TempDir {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
    let all: Vec<_> = (0..n).map(|i| (article(i, url_len), Vec::new())).collect();
    for batch in all.chunks(500) {
        store.put_many(batch).unwrap();
    }
    dir
}

fn run(data: &Path, args: &[&str]) -> Output {
    let out = common::gxnews(data).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn json(data: &Path, args: &[&str]) -> Vec<Value> {
    let out = run(data, args);
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?} is not one JSON document: {e}"));
    v.as_array().cloned().expect("a JSON array")
}

fn ids(rows: &[Value]) -> Vec<i64> {
    rows.iter().map(|r| r["id"].as_i64().unwrap()).collect()
}

#[test]
fn json_output_is_one_valid_document_for_none_one_and_many_articles() {
    for n in [0, 1, 250] {
        let dir = cache_of(n, 0);
        let data = dir.path();
        let store = Store::open_dir(data).unwrap();
        let order: Vec<i64> = store
            .summaries(None)
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(order.len(), n);

        let listed = json(data, &["list", "--json"]);
        assert_eq!(ids(&listed), order, "list --json of {n}: the store's order");
        let limited = json(data, &["list", "--json", "--limit", "7"]);
        assert_eq!(ids(&limited), order[..n.min(7)]);

        let exported = json(data, &["export", "--format", "json"]);
        assert_eq!(ids(&exported), order, "export of {n}");
        for row in &exported {
            let a: Article = serde_json::from_value(row.clone()).unwrap();
            assert_eq!(Some(&a), store.article(a.id).unwrap().as_ref());
        }

        let hits = json(data, &["search", "ports", "--json", "--limit", "1000"]);
        assert_eq!(hits.len(), n, "search of {n}");
        assert!(hits.iter().all(|h| h["snippet"].is_string()));

        let atom = String::from_utf8(run(data, &["export", "--format", "atom"]).stdout).unwrap();
        assert!(
            atom.starts_with("<?xml") && atom.ends_with("</feed>\n"),
            "{atom}"
        );
        assert_eq!(atom.matches("<entry>").count(), n);
        assert_eq!(atom.matches("</entry>").count(), n);
        let md = String::from_utf8(run(data, &["export", "--format", "markdown"]).stdout).unwrap();
        assert_eq!(md.matches("\n---\n").count(), n);
    }
}

/// The feed's own `updated` is its newest article's date, as when the feed was built whole.
#[test]
fn the_feed_is_dated_by_its_newest_article() {
    let dir = cache_of(40, 0);
    let store = Store::open_dir(dir.path()).unwrap();
    let articles: Vec<Article> = store
        .summaries(None)
        .unwrap()
        .iter()
        .map(|s| store.article(s.id).unwrap().unwrap())
        .collect();
    let whole = gxnews::cli::export::atom(&articles, "https://en.gxzf.gov.cn/", "now");
    let newest = store.newest_date(&ListFilter::default()).unwrap().unwrap();
    let head = gxnews::cli::export::atom_head("https://en.gxzf.gov.cn/", &newest.to_rfc3339());
    assert!(whole.starts_with(&head), "{whole}");
}

/// A reader that closes the pipe early (`gxnews list --json | head -c 100`) ends gxnews
/// quietly, with success, whatever the command.
#[test]
fn a_closed_pipe_ends_every_streaming_command_quietly() {
    let dir = cache_of(600, 0);
    for args in [
        &["list", "--json"][..],
        &["list"],
        &["export", "--format", "json"],
        &["export", "--format", "atom"],
        &["export", "--format", "markdown"],
        &["search", "Guangxi", "--json", "--limit", "600"],
    ] {
        let mut child = common::gxnews(dir.path())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 100];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut first)
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

/// The highest resident memory (kB) of a running process, or `None` once it has ended.
fn peak_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs a command, reading its output as it comes and the process's peak memory while it
/// runs; returns (bytes printed, peak kB). Once the output passes the pipe's buffer, the
/// process cannot end before most of it is read, so the samples cover its whole run.
fn printed_and_peak(data: &Path, args: &[&str]) -> (usize, u64) {
    let mut child = common::gxnews(data)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut out = child.stdout.take().unwrap();
    let (mut printed, mut peak) = (0, 0);
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = out.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        printed += n;
        peak = peak.max(peak_kb(pid).unwrap_or(0));
    }
    assert!(child.wait().unwrap().success(), "{args:?}");
    (printed, peak)
}

/// Memory does not grow with the output: printing four times as many large rows takes no
/// more memory than printing a quarter of them, where holding the rows would take tens of
/// megabytes more.
#[cfg(target_os = "linux")]
#[test]
fn list_and_export_hold_one_row_at_a_time() {
    // Rows of 10 KB (their URLs), so that holding them would show in the process's memory.
    let dir = cache_of(1200, 10 * 1024);
    let data = dir.path();
    let pairs = [
        (
            &["list", "--json", "--limit", "300"][..],
            &["list", "--json"][..],
        ),
        (
            &["export", "--format", "json", "--section", "Guangxi News"],
            &["export", "--format", "json"],
        ),
        (
            &["export", "--format", "atom", "--section", "Guangxi News"],
            &["export", "--format", "atom"],
        ),
    ];
    for (small, large) in pairs {
        let (small_out, small_peak) = printed_and_peak(data, small);
        let (large_out, large_peak) = printed_and_peak(data, large);
        let more_out_kb = (large_out - small_out) as u64 / 1024;
        assert!(
            more_out_kb > 6 * 1024,
            "{large:?} prints {more_out_kb} kB more"
        );
        let grown = large_peak.saturating_sub(small_peak);
        assert!(
            grown < more_out_kb / 4,
            "{large:?}: memory grew by {grown} kB for {more_out_kb} kB more output \
             (peaks {small_peak} and {large_peak} kB)"
        );
    }
}
