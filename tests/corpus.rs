//! The extraction corpus: hand-written pages in many template families, each with its expected
//! extraction written by hand. One test per page, named `family/page` and marked with the page's
//! kind, so that one page, one family or one kind runs alone:
//!
//! ```text
//! cargo test --test corpus -- seed/trs-report      # one page (and any whose name holds it)
//! cargo test --test corpus -- --exact seed/trs-report
//! cargo test --test corpus -- hanweb/               # one family
//! cargo test --test corpus -- '[list]'              # every list page
//! cargo test --test corpus -- --list
//! ```
//!
//! A page passes when kind, title and breadcrumb are exactly right, and on an article published,
//! source, editor, views and images too, on a list its links and next page, and its pages where
//! the expectation gives them; when an article's body scores a paragraph F1 of at least 0.98;
//! when no navigation or sidebar text is in its body and no control character in any field. The
//! `summary` test holds the corpus to its size and to a mean body F1 of at least 0.98, and with
//! `--nocapture` prints the scores of each family.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use gxnews::cli::output::Parsed;
use gxnews::scrape::Scraper;
use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;
use url::Url;

/// The lowest paragraph F1 an article's body may score.
const MIN_BODY_F1: f64 = 0.98;

/// The lowest mean body F1 over the whole corpus (list and other pages count as 1.0).
const MIN_MEAN_BODY_F1: f64 = 0.98;

/// Article pages whose body scores below [`MIN_BODY_F1`] today, each with the score it must
/// keep, so that a known shortfall stays known and gets no worse.
const BODY_SHORTFALLS: &[(&str, f64)] = &[
    // The teaser of the next article, after the body, is read as more of the body.
    ("modern-div/next-teaser", 0.8),
];

/// The corpus must stay big and varied enough for its mean to mean something.
const MIN_PAGES: usize = 40;
const MIN_FAMILIES: usize = 6;

struct Corpus {
    scraper: Scraper,
    pages: Vec<Page>,
}

struct Page {
    /// The template family: the page's folder.
    family: String,
    /// `family/page`, the test's name.
    name: String,
    json: PathBuf,
    /// The expected extraction.
    want: Value,
    scored: OnceLock<Scored>,
}

/// What a page's extraction scored: its body's paragraph F1 and everything found wrong.
struct Scored {
    f1: f64,
    problems: Vec<String>,
}

fn main() {
    let args = Arguments::from_args();
    let corpus = Arc::new(Corpus {
        scraper: Scraper::default(),
        pages: pages(),
    });
    let mut trials: Vec<Trial> = (0..corpus.pages.len())
        .map(|i| {
            let page = &corpus.pages[i];
            let kind = page.want["kind"].as_str().unwrap_or("").to_string();
            let corpus = Arc::clone(&corpus);
            Trial::test(page.name.clone(), move || check_page(&corpus, i)).with_kind(kind)
        })
        .collect();
    let show = args.nocapture;
    trials.push(Trial::test("summary", move || summary(&corpus, show)));
    libtest_mimic::run(&args, trials).exit();
}

fn check_page(corpus: &Corpus, i: usize) -> Result<(), Failed> {
    let scored = corpus.pages[i].scored(&corpus.scraper);
    if scored.problems.is_empty() {
        Ok(())
    } else {
        Err(scored.problems.join("\n").into())
    }
}

fn summary(corpus: &Corpus, show: bool) -> Result<(), Failed> {
    let pages = &corpus.pages;
    // family → (pages, pages without a problem, sum of body F1)
    let mut per_family: BTreeMap<&str, (usize, usize, f64)> = BTreeMap::new();
    for page in pages {
        let scored = page.scored(&corpus.scraper);
        let e = per_family.entry(&page.family).or_default();
        e.0 += 1;
        e.1 += usize::from(scored.problems.is_empty());
        e.2 += scored.f1;
    }
    let mean_f1 = per_family.values().map(|e| e.2).sum::<f64>() / pages.len().max(1) as f64;
    if show {
        println!(
            "{:<16} {:>5} {:>8} {:>8}",
            "family", "pages", "pass", "body F1"
        );
        for (family, (n, ok, f)) in &per_family {
            println!("{family:<16} {n:>5} {ok:>8} {:>8.3}", f / *n as f64);
        }
        println!("{} pages, mean body F1 {mean_f1:.4}", pages.len());
    }
    let names: BTreeSet<&str> = pages.iter().map(|p| p.name.as_str()).collect();
    if let Some((gone, _)) = BODY_SHORTFALLS.iter().find(|(n, _)| !names.contains(n)) {
        return Err(format!("{gone}, listed as a known body shortfall, is no corpus page").into());
    }
    let families: BTreeSet<&str> = pages.iter().map(|p| p.family.as_str()).collect();
    if pages.len() < MIN_PAGES || families.len() < MIN_FAMILIES {
        return Err(format!(
            "the corpus has {} pages in {} families; it needs at least {MIN_PAGES} in \
             {MIN_FAMILIES}",
            pages.len(),
            families.len()
        )
        .into());
    }
    if mean_f1 < MIN_MEAN_BODY_F1 {
        return Err(format!("mean body F1 {mean_f1:.4}, below {MIN_MEAN_BODY_F1}").into());
    }
    Ok(())
}

impl Page {
    fn scored(&self, scraper: &Scraper) -> &Scored {
        self.scored.get_or_init(|| score(self, scraper))
    }
}

/// Every corpus page, `tests/fixtures/corpus/<family>/<page>.json` beside its HTML.
fn pages() -> Vec<Page> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut out = Vec::new();
    for family in std::fs::read_dir(root).unwrap().flatten() {
        if !family.path().is_dir() {
            continue;
        }
        let family_name = family.file_name().to_string_lossy().into_owned();
        for f in std::fs::read_dir(family.path()).unwrap().flatten() {
            let json = f.path();
            if json.extension().is_some_and(|e| e == "json") {
                let stem = json.file_stem().unwrap().to_string_lossy().into_owned();
                out.push(Page {
                    name: format!("{family_name}/{stem}"),
                    family: family_name.clone(),
                    want: serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap(),
                    json,
                    scored: OnceLock::new(),
                });
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
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

/// The page read as a crawl of its own site reads it, as the CLI prints it.
fn extract(page: &Page, scraper: &Scraper) -> Value {
    let bytes = std::fs::read(html_of(&page.json)).unwrap();
    let url = Url::parse(page.want["url"].as_str().unwrap()).unwrap();
    let text = gxnews::fetch::decode::decode(&bytes, None);
    let scraper = scraper.clone().for_site(&url);
    let mut got =
        serde_json::to_value(Parsed::new(url.as_str(), scraper.scrape(&text.text, &url))).unwrap();
    // The corpus records each image and its caption; where images stand in the text is checked
    // in tests/scrape.rs.
    if let Some(images) = got["images"].as_array_mut() {
        for image in images {
            image.as_object_mut().map(|o| o.remove("at"));
        }
    }
    got
}

/// The fields that must match exactly: what every page has, and what its kind adds.
fn fields(want: &Value) -> Vec<&'static str> {
    let mut fields = vec!["kind", "title", "breadcrumb"];
    match want["kind"].as_str() {
        Some("article") => fields.extend(["published", "source", "editor", "views", "images"]),
        Some("list") => fields.extend(["links", "next"]),
        _ => {}
    }
    if want.get("pages").is_some() {
        fields.push("pages");
    }
    fields
}

fn score(page: &Page, scraper: &Scraper) -> Scored {
    let want = &page.want;
    let got = extract(page, scraper);
    let mut problems: Vec<String> = fields(want)
        .into_iter()
        .filter(|f| got[f] != want[f])
        .map(|f| format!("{f}: got {}, want {}", got[f], want[f]))
        .collect();
    // A list or other page carries what text was found on it; the corpus scores the text of
    // articles.
    let want_body = strings(&want["body"]);
    let body = if want["kind"] == "article" {
        strings(&got["body"])
    } else {
        want_body.clone()
    };
    let f1 = f1(&body, &want_body);
    let floor = BODY_SHORTFALLS
        .iter()
        .find(|(name, _)| *name == page.name)
        .map_or(MIN_BODY_F1, |(_, floor)| *floor);
    if f1 < floor {
        problems.push(format!(
            "body F1 {f1:.3}, below {floor}\n    got:  {body:?}\n    want: {want_body:?}"
        ));
    }
    for noise in strings(&want["noise"]) {
        if let Some(p) = body.iter().find(|p| p.contains(&noise)) {
            problems.push(format!("noise {noise:?} in body paragraph {p:?}"));
        }
    }
    let mut stack = vec![&got];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) if s.chars().any(gxnews::sanitize::is_unwanted) => {
                problems.push(format!("control character in {s:?}"));
            }
            Value::Array(a) => stack.extend(a),
            Value::Object(o) => stack.extend(o.values()),
            _ => {}
        }
    }
    Scored { f1, problems }
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
