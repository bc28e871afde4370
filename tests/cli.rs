//! The real `gxnews` binary: `fetch`, `list`, `show` and `parse` against the fixture site on
//! 127.0.0.1, each run with its own temporary data directory, plus the one-line errors a user
//! sees when the site is down or the cache is damaged.

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output};

use chrono::DateTime;
use common::{FixtureServer, MISSING_ARTICLE, dead_port, expected_articles, fixtures_dir};
use serde_json::Value;
use tempfile::TempDir;

const SEED_URL: &str = "https://en.gxzf.gov.cn/news/guangxinews/202101/t20210125_2345678.shtml";

fn gxnews(data_dir: &Path) -> Command {
    common::gxnews(data_dir)
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run gxnews");
    assert_no_panic(&out);
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

fn assert_no_panic(out: &Output) {
    for text in [stdout(out), stderr(out)] {
        for bad in ["panicked", "RUST_BACKTRACE", "stack backtrace"] {
            assert!(!text.contains(bad), "{bad:?} in output:\n{text}");
        }
    }
}

/// Asserts success and returns stdout.
fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        stdout(out),
        stderr(out)
    );
    stdout(out)
}

/// Asserts failure with exactly one `gxnews: ...` line on stderr, and returns that line.
fn one_line_error(out: &Output) -> String {
    assert!(
        !out.status.success(),
        "expected a failure\nstdout:\n{}",
        stdout(out)
    );
    let err = stderr(out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "stderr is one line:\n{err}");
    assert!(lines[0].starts_with("gxnews: "), "{err}");
    lines[0].to_string()
}

fn fetch(server: &FixtureServer, data: &Path) -> Output {
    run(gxnews(data)
        .arg("--site")
        .arg(server.home().as_str())
        .args(["fetch", "--delay-ms", "0"]))
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn list_json(data: &Path) -> Vec<Value> {
    let out = run(gxnews(data).args(["list", "--json"]));
    json(&ok(&out)).as_array().expect("a JSON array").clone()
}

/// The path of the first fixture article and what its page says.
const GREENWAY: &str = "/news/guangxinews/202103/t20210305_5001.shtml";
const GREENWAY_BODY: [&str; 3] = [
    "A 12-kilometre greenway along the Yongjiang River opened to the public in Nanning on Friday. It links four parks and several residential areas on the south bank.",
    "The path has separate lanes for cyclists and walkers, as well as rest stops with drinking water and shade.",
    "City planners said more sections will be added next year to form a loop around the city centre.",
];

// ---------------------------------------------------------------------------------------------
// fetch, list, show

#[test]
fn fetch_caches_the_site_and_list_shows_it_newest_first() {
    let server = FixtureServer::site();
    let data = TempDir::new().unwrap();
    let out = fetch(&server, data.path());
    let text = ok(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "one summary line:\n{text}");
    assert!(
        lines[0].starts_with("7 new, 0 updated, 1 failed, 0 already cached, "),
        "{text}"
    );
    assert!(lines[0].ends_with(" s"), "{text}");
    let err = stderr(&out);
    assert!(
        err.lines()
            .any(|l| l.starts_with("failed: ") && l.contains(MISSING_ARTICLE)),
        "the dead link is named:\n{err}"
    );

    let rows = list_json(data.path());
    let expected = expected_articles();
    assert_eq!(rows.len(), expected.len());
    let titles: HashSet<&str> = rows.iter().map(|r| r["title"].as_str().unwrap()).collect();
    let want: HashSet<&str> = expected.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(titles, want);
    let urls: HashSet<&str> = rows.iter().map(|r| r["url"].as_str().unwrap()).collect();
    assert_eq!(urls.len(), rows.len(), "each article once");
    let ids: HashSet<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), rows.len(), "ids are distinct");
    for r in &rows {
        assert_eq!(r["read"], Value::Bool(false), "{r}");
        assert!(r.get("section").is_some(), "{r}");
    }
    let published: Vec<DateTime<_>> = rows
        .iter()
        .map(|r| DateTime::parse_from_rfc3339(r["published"].as_str().unwrap()).unwrap())
        .collect();
    assert!(
        published.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {published:?}"
    );
    assert_eq!(rows[0]["title"], "Nanning-Hanoi freight trains run daily");

    let limited = run(gxnews(data.path()).args(["list", "--json", "--limit", "2"]));
    let limited = json(&ok(&limited));
    assert_eq!(limited.as_array().unwrap().len(), 2);
    assert_eq!(limited[0], rows[0]);
}

#[test]
fn show_prints_the_whole_article_by_id_and_by_url() {
    let server = FixtureServer::site();
    let data = TempDir::new().unwrap();
    ok(&fetch(&server, data.path()));
    let url = server.url(GREENWAY).to_string();
    let id = list_json(data.path())
        .iter()
        .find(|r| r["url"] == url.as_str())
        .and_then(|r| r["id"].as_i64())
        .expect("the greenway article is listed");

    let by_id = json(&ok(&run(gxnews(data.path()).args([
        "show",
        &id.to_string(),
        "--json",
    ]))));
    assert_eq!(by_id["id"], id);
    assert_eq!(by_id["url"], url.as_str());
    assert_eq!(by_id["title"], "Nanning opens new riverside greenway");
    assert_eq!(by_id["published"], "2021-03-05T08:30:00+08:00");
    assert_eq!(by_id["source"], "en.gxzf.gov.cn");
    assert_eq!(by_id["editor"], "MXJ");
    assert_eq!(by_id["views"], 120);
    assert_eq!(
        by_id["breadcrumb"],
        serde_json::json!(["English", "News", "Guangxi News", "report"])
    );
    assert_eq!(by_id["body"], serde_json::json!(GREENWAY_BODY));
    assert!(by_id["fetched_at"].is_string(), "{by_id}");

    let by_url = json(&ok(
        &run(gxnews(data.path()).args(["show", &url, "--json"])),
    ));
    assert_eq!(by_url, by_id);

    // Without --json: the same article as text.
    let text = ok(&run(gxnews(data.path()).args(["show", &id.to_string()])));
    assert!(
        text.starts_with("Nanning opens new riverside greenway\n"),
        "{text}"
    );
    for p in GREENWAY_BODY {
        assert!(text.contains(p), "{text}");
    }
}

#[test]
fn second_fetch_requests_no_cached_article() {
    let server = FixtureServer::site();
    let data = TempDir::new().unwrap();
    ok(&fetch(&server, data.path()));
    server.clear_requests();

    let text = ok(&fetch(&server, data.path()));
    assert!(
        text.starts_with("0 new, 0 updated, 1 failed, 7 already cached, "),
        "{text}"
    );
    let log = server.requests();
    assert!(log.iter().any(|p| p == "/"), "{log:?}");
    for (path, _) in expected_articles() {
        assert!(!log.contains(&path), "cached {path} fetched again: {log:?}");
    }
    assert_eq!(list_json(data.path()).len(), 7);
}

#[test]
fn fetch_from_an_unreachable_site_fails_with_one_line() {
    let data = TempDir::new().unwrap();
    let site = format!("http://127.0.0.1:{}/", dead_port());
    let out = run(gxnews(data.path())
        .args(["--site", &site])
        .args(["fetch", "--delay-ms", "0"]));
    let line = one_line_error(&out);
    assert!(line.contains("cannot reach the site"), "{line}");
    assert!(line.contains(&site), "names the site: {line}");
    assert!(stdout(&out).is_empty(), "no summary: {}", stdout(&out));
}

#[test]
fn corrupt_cache_is_named_and_left_untouched() {
    let data = TempDir::new().unwrap();
    let cache = data.path().join("cache.sqlite3");
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    std::fs::write(&cache, &garbage).unwrap();

    let out = run(gxnews(data.path()).args(["list"]));
    let line = one_line_error(&out);
    assert!(line.contains(&cache.display().to_string()), "{line}");
    assert!(line.contains("damaged"), "{line}");
    assert_eq!(
        std::fs::read(&cache).unwrap(),
        garbage,
        "the damaged file is left as it was"
    );
}

#[test]
fn show_of_an_unknown_id_fails_with_one_line() {
    let data = TempDir::new().unwrap();
    let out = run(gxnews(data.path()).args(["show", "99999"]));
    let line = one_line_error(&out);
    assert!(line.contains("99999"), "{line}");
    assert!(line.contains("no cached article"), "{line}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn help_and_version() {
    let data = TempDir::new().unwrap();
    let help = ok(&run(gxnews(data.path()).arg("--help")));
    assert!(help.contains("Usage: gxnews"), "{help}");
    for cmd in [
        "fetch",
        "list",
        "show",
        "parse",
        "--data-dir",
        "--site",
        "--offline",
    ] {
        assert!(help.contains(cmd), "{cmd} missing from --help:\n{help}");
    }
    let version = ok(&run(gxnews(data.path()).arg("--version")));
    assert_eq!(version, format!("gxnews {}\n", env!("CARGO_PKG_VERSION")));
    assert_eq!(version, "gxnews 0.1.0\n");
}

// ---------------------------------------------------------------------------------------------
// parse

fn parse(data: &Path, args: &[&str]) -> Vec<Value> {
    let out = run(gxnews(data).arg("parse").args(args));
    ok(&out).lines().map(json).collect()
}

fn fixture_json(name: &str) -> Value {
    json(&std::fs::read_to_string(fixtures_dir().join(name)).unwrap())
}

#[test]
fn parse_seed_article_matches_the_page_field_by_field() {
    let data = TempDir::new().unwrap();
    let objs = parse(
        data.path(),
        &[
            "tests/fixtures/seed-article.html",
            "--url",
            SEED_URL,
            "--json",
        ],
    );
    assert_eq!(objs.len(), 1);
    let got = &objs[0];
    let want = fixture_json("seed-article.expected.json");

    assert_eq!(got["kind"], "article");
    assert_eq!(got["url"], SEED_URL);
    assert_eq!(
        got["title"],
        "Regional innovation of Guangxi, ASEAN yield outcomes"
    );
    assert_eq!(got["published"], "2021-01-25T16:56:51+08:00");
    assert_eq!(got["views"], 0);
    assert_eq!(got["source"], "en.gxzf.gov.cn");
    assert_eq!(got["editor"], "MXJ");
    assert_eq!(
        got["breadcrumb"],
        serde_json::json!(["English", "News", "Guangxi News", "report"])
    );
    assert_eq!(got["body"].as_array().unwrap().len(), 7);
    for field in [
        "title",
        "published",
        "source",
        "editor",
        "views",
        "breadcrumb",
        "body",
        "images",
    ] {
        assert_eq!(got[field], want[field], "{field}");
    }
    assert!(got.get("links").is_none(), "an article has no links: {got}");
}

/// `parse --explain` says why the page is of its kind and where each field came from: in text
/// (a line per field, with the candidates that lost) and in JSON (an `explain` array).
#[test]
fn parse_explain_names_the_reason_and_the_source_of_each_field() {
    let data = TempDir::new().unwrap();
    let out = run(gxnews(data.path()).args([
        "parse",
        "--explain",
        "tests/fixtures/seed-article.html",
        "--url",
        SEED_URL,
    ]));
    let text = ok(&out);
    assert!(text.contains("why article: "), "{text}");
    let line = |field: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(&format!("{field}: \"")))
            .unwrap_or_else(|| panic!("no {field} line in {text}"))
            .to_string()
    };
    assert!(
        line("published").contains("label in the profile's info element"),
        "{text}"
    );
    assert!(line("title").contains("\u{2190} heading"), "{text}");
    assert!(
        text.contains(
            "lost: \"2021-01-25T16:56:00+08:00\" \u{2190} government metadata tag <meta pubdate>"
        ),
        "{text}"
    );
    let objs = parse(
        data.path(),
        &[
            "tests/fixtures/seed-article.html",
            "--url",
            SEED_URL,
            "--json",
            "--explain",
        ],
    );
    let got = &objs[0];
    assert!(
        got["reason"].as_str().is_some_and(|r| !r.is_empty()),
        "{got}"
    );
    let fields: Vec<&str> = got["explain"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "title",
            "published",
            "source",
            "editor",
            "breadcrumb",
            "body"
        ]
    );
    // Without --explain, the JSON has the reason but no explanation.
    let plain = parse(data.path(), &["tests/fixtures/seed-article.html", "--json"]);
    assert!(plain[0].get("explain").is_none() && plain[0]["reason"].is_string());
}

/// Small things a user meets on the command line: a bad port in `--site` is named as such,
/// `--demo` refuses a `--site` it would ignore, `show` finds an article cached under the other
/// of http and https, `parse` of a binary file fails with one line, and `list --limit 0` lists
/// nothing without calling the cache empty.
#[test]
fn command_line_edges_say_what_is_wrong() {
    let data = TempDir::new().unwrap();
    let line = one_line_error(&run(gxnews(data.path()).args([
        "--site",
        "http://127.0.0.1:99999/",
        "list",
    ])));
    assert!(line.contains("invalid port number"), "{line}");
    let out = run(gxnews(data.path()).args(["--demo", "--site", "http://x.example/", "list"]));
    assert!(
        !out.status.success() && stderr(&out).contains("cannot be used with"),
        "{}",
        stderr(&out)
    );
    let bin = data.path().join("photo.jpg");
    std::fs::write(
        &bin,
        [
            0xffu8, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 1,
        ],
    )
    .unwrap();
    let line = one_line_error(&run(
        gxnews(data.path()).args(["parse", bin.to_str().unwrap()])
    ));
    assert!(line.contains("not an HTML page"), "{line}");

    let server = FixtureServer::site();
    ok(&fetch(&server, data.path()));
    let http = server.url("/news/guangxinews/202103/t20210305_5001.shtml");
    let https = http.as_str().replacen("http://", "https://", 1);
    let shown = ok(&run(gxnews(data.path()).args(["show", &https])));
    assert!(
        shown.contains("Nanning opens new riverside greenway"),
        "{shown}"
    );
    let out = run(gxnews(data.path()).args(["list", "--limit", "0"]));
    assert!(out.status.success() && stdout(&out).is_empty() && stderr(&out).is_empty());
}

/// A reader that closes the pipe early (`| head -c 100`) ends gxnews quietly, with success.
#[test]
fn a_closed_pipe_ends_quietly() {
    let data = TempDir::new().unwrap();
    let mut cmd = gxnews(data.path());
    cmd.args(["parse", "--json"]);
    for _ in 0..200 {
        cmd.arg("tests/fixtures/seed-article.html");
    }
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(stderr(&out), "", "nothing said about the pipe");
}

#[test]
fn parse_several_files_gives_one_line_each_with_its_kind() {
    let data = TempDir::new().unwrap();
    let files = [
        "tests/fixtures/seed-article.html",
        "tests/fixtures/list-page-1.html",
        "tests/fixtures/site/about/index.html",
    ];
    let mut args = files.to_vec();
    args.push("--json");
    let objs = parse(data.path(), &args);
    let kinds: Vec<&str> = objs.iter().map(|o| o["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["article", "list", "other"]);
    for (obj, file) in objs.iter().zip(files) {
        let url = obj["url"].as_str().unwrap();
        assert!(url.starts_with("file://"), "{url}");
        assert!(url.ends_with(file.trim_start_matches("tests/")), "{url}");
    }
}

#[test]
fn parse_list_page_gives_its_links_and_next_page() {
    let data = TempDir::new().unwrap();
    let objs = parse(
        data.path(),
        &[
            "tests/fixtures/list-page-1.html",
            "tests/fixtures/list-page-2.html",
            "--url",
            "https://en.gxzf.gov.cn/news/guangxinews/",
            "--json",
        ],
    );
    assert_eq!(objs.len(), 2);
    let first = fixture_json("list-page-1.expected.json");
    assert_eq!(objs[0]["kind"], "list");
    assert_eq!(objs[0]["links"], first["links"]);
    assert_eq!(
        objs[0]["next"],
        "https://en.gxzf.gov.cn/news/guangxinews/index_1.html"
    );
    assert_eq!(objs[0]["links"].as_array().unwrap().len(), 5);

    // The last page: its links, and no next page.
    let last = fixture_json("list-page-2.expected.json");
    assert_eq!(objs[1]["kind"], "list");
    assert_eq!(objs[1]["links"], last["links"]);
    assert_eq!(objs[1]["next"], Value::Null);
}

#[test]
fn parse_of_a_missing_file_fails_with_one_line_and_parses_the_rest() {
    let data = TempDir::new().unwrap();
    let out = run(gxnews(data.path()).args([
        "parse",
        "tests/fixtures/no-such-page.html",
        "tests/fixtures/seed-article.html",
        "--url",
        SEED_URL,
        "--json",
    ]));
    let line = one_line_error(&out);
    assert!(line.contains("no-such-page.html"), "{line}");
    let objs: Vec<Value> = stdout(&out).lines().map(json).collect();
    assert_eq!(objs.len(), 1);
    assert_eq!(objs[0]["kind"], "article");
}

// ---------------------------------------------------------------------------------------------
// the configuration file

/// Writes the user's config file where gxnews looks for it by default.
fn write_config(data: &Path, text: &str) -> std::path::PathBuf {
    let dir = data.join("config").join("gxnews");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn config_default_prints_the_documented_defaults() {
    let data = TempDir::new().unwrap();
    let out = ok(&run(gxnews(data.path()).args(["config", "--default"])));
    let shipped =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/config.toml"))
            .unwrap();
    assert_eq!(out, shipped);
    let table: toml::Table = out.parse().expect("the defaults are TOML");
    for key in ["site", "crawl", "reader", "colors"] {
        assert!(table.contains_key(key), "{key} is documented");
    }
    let keys = ok(&run(gxnews(data.path()).args(["config", "--default-keys"])));
    assert!(keys.contains("\"/\" = \"search\""), "{keys}");
}

#[test]
fn a_user_config_merges_over_the_defaults_key_by_key() {
    let data = TempDir::new().unwrap();
    // With no file, the defaults are in force.
    let out = ok(&run(gxnews(data.path()).arg("config")));
    assert!(
        out.starts_with("# in force: the defaults (no file at "),
        "{out}"
    );
    let path = write_config(
        data.path(),
        "[crawl]\nconcurrency = 1\n\n[colors]\naccent = \"blue\"\n",
    );
    let out = ok(&run(gxnews(data.path()).arg("config")));
    assert!(out.contains(&path.display().to_string()), "{out}");
    let table: toml::Table = out.parse().unwrap();
    let crawl = table["crawl"].as_table().unwrap();
    assert_eq!(crawl["concurrency"].as_integer(), Some(1));
    // Keys the file does not set keep their defaults, in the same table and in others.
    assert_eq!(crawl["max_articles"].as_integer(), Some(200));
    assert_eq!(crawl["delay_ms"].as_integer(), Some(500));
    assert_eq!(table["colors"]["accent"].as_str(), Some("blue"));
    assert_eq!(table["colors"]["theme"].as_str(), Some("dark"));
    assert_eq!(table["site"].as_str(), Some("https://en.gxzf.gov.cn/"));

    // --config and GXNEWS_CONFIG name another file.
    let other = data.path().join("other.toml");
    std::fs::write(&other, "[reader]\nmouse = false\n").unwrap();
    let out = ok(&run(gxnews(data.path())
        .arg("--config")
        .arg(&other)
        .arg("config")));
    assert!(out.contains("mouse = false"), "{out}");
    assert!(
        out.contains("concurrency = 2"),
        "the default file is not read: {out}"
    );
    let out = ok(&run(gxnews(data.path())
        .env("GXNEWS_CONFIG", &other)
        .arg("config")));
    assert!(out.contains("mouse = false"), "{out}");
}

#[test]
fn the_config_sets_the_site_and_the_crawl_limits_and_flags_win() {
    let server = FixtureServer::site();
    let data = TempDir::new().unwrap();
    write_config(
        data.path(),
        &format!(
            "site = \"{}\"\n[crawl]\nmax_articles = 2\ndelay_ms = 0\n",
            server.home()
        ),
    );
    // "N new, N updated, N failed, …": articles tried, new and failed.
    let counts = |text: &str| -> (usize, usize) {
        let n: Vec<usize> = text
            .split(", ")
            .take(3)
            .map(|p| p.split(' ').next().unwrap().parse().unwrap())
            .collect();
        (n[0] + n[1] + n[2], n[0])
    };
    // No --site: the config's site is crawled, with its limit.
    let text = ok(&run(gxnews(data.path()).arg("fetch")));
    let (tried, first) = counts(&text);
    assert_eq!(tried, 2, "{text}");
    assert!(
        server.requests().iter().any(|r| r.contains("/news/")),
        "the fixture site was read"
    );
    // A flag wins over the file.
    let text = ok(&run(gxnews(data.path()).args([
        "fetch",
        "--max-articles",
        "3",
    ])));
    let (tried, second) = counts(&text);
    assert_eq!(tried, 3, "{text}");
    assert_eq!(list_json(data.path()).len(), first + second);
}

#[test]
fn a_bad_config_stops_every_command_with_the_file_the_line_and_the_key() {
    let data = TempDir::new().unwrap();
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-article.html");
    let cases: &[(&str, &str, &str, &str)] = &[
        // (file, line, key, what is wrong)
        (
            "[crawl]\nconcurency = 3\n",
            "line 2",
            "key crawl.concurency",
            "unknown field",
        ),
        (
            "# mine\n[crawl]\nconcurrency = \"two\"\n",
            "line 3",
            "key crawl.concurrency",
            "expected a whole number",
        ),
        (
            "[crawl]\nconcurrency = 50\n",
            "line 2",
            "key crawl.concurrency",
            "out of range",
        ),
        (
            "site = \"ftp://x\"\n",
            "line 1",
            "key site",
            "not an http(s) URL",
        ),
        (
            "[reader]\nmouse = \"yes\"\n",
            "line 2",
            "key reader.mouse",
            "expected a boolean",
        ),
        (
            "[reader]\nmax_width = 5\n",
            "line 2",
            "key reader.max_width",
            "must be at least 20",
        ),
        (
            "[colors]\ntheme = \"neon\"\n",
            "line 2",
            "key colors.theme",
            "unknown theme",
        ),
        (
            "[colors]\naccent = \"blurple\"\n",
            "line 2",
            "key colors.accent",
            "not a colour",
        ),
        (
            "[keys.list]\n\"j\" = \"down\"\n\"x\" = \"fly\"\n",
            "line 3",
            "key keys.list.\"x\"",
            "unknown action \"fly\"",
        ),
        (
            "[keys.list]\n\"<Nope>\" = \"top\"\n",
            "line 2",
            "key keys.list.\"<Nope>\"",
            "unknown key",
        ),
        (
            "[keys.lists]\n\"j\" = \"down\"\n",
            "line 1",
            "key keys.lists",
            "unknown context",
        ),
        ("[crawl\nconcurrency = 1\n", "line 1", "", "expected `]`"),
        ("site = \n", "line 1", "", ""),
    ];
    let commands: &[&[&str]] = &[
        &["list"],
        &["--offline"],
        &["fetch"],
        &["search", "x"],
        &["show", "1"],
        &["export", "--format", "atom"],
        &["reindex"],
        &["config"],
    ];
    for (text, line, key, what) in cases {
        let path = write_config(data.path(), text);
        for args in commands {
            let err = one_line_error(&run(gxnews(data.path()).args(*args)));
            let want = format!("gxnews: config file {}, {line}", path.display());
            assert!(err.starts_with(&want), "{args:?} with {text:?}: {err}");
            assert!(err.contains(key), "{args:?} with {text:?}: {err}");
            assert!(err.contains(what), "{args:?} with {text:?}: {err}");
        }
        let err = one_line_error(&run(gxnews(data.path()).arg("parse").arg(&page)));
        assert!(err.contains(line), "{err}");
    }
    // Nothing started: no cache was made by any of those commands.
    assert!(!data.path().join("cache.sqlite3").exists());

    // A --config file that is not there is an error too, not silently the defaults.
    let missing = data.path().join("missing.toml");
    let err = one_line_error(&run(gxnews(data.path())
        .arg("--config")
        .arg(&missing)
        .arg("list")));
    assert_eq!(
        err,
        format!("gxnews: config file {}: no such file", missing.display())
    );
}

#[test]
fn keep_days_prunes_old_articles_after_a_fetch_and_they_are_not_fetched_again() {
    let server = FixtureServer::site();
    let data = TempDir::new().unwrap();
    // The fixture site's articles are from 2021: a year's keeping removes them all.
    write_config(
        data.path(),
        "[cache]\nkeep_days = 365\n[crawl]\ndelay_ms = 0\n",
    );
    let out = fetch(&server, data.path());
    let text = ok(&out);
    assert!(text.starts_with("7 new, "), "{text}");
    let err = stderr(&out);
    assert!(
        err.contains("pruned 7 articles published over 365 days ago"),
        "{err}"
    );
    assert_eq!(list_json(data.path()).len(), 0);
    server.clear_requests();
    let text = ok(&fetch(&server, data.path()));
    assert!(text.starts_with("0 new, "), "{text}");
    assert!(
        !server.requests().iter().any(|r| r.contains(GREENWAY)),
        "a pruned article is not fetched again: {:?}",
        server.requests()
    );
}

#[test]
fn a_second_gxnews_does_not_crawl_while_another_refreshes_the_same_cache() {
    let server = FixtureServer::site();
    let data = TempDir::new().unwrap();
    std::fs::create_dir_all(data.path()).unwrap();
    // Another gxnews holds the refresh lock (as a running reader or fetch does).
    let held = std::fs::File::create(data.path().join("refresh.lock")).unwrap();
    held.lock().unwrap();
    let err = one_line_error(&fetch(&server, data.path()));
    assert!(
        err.contains("another gxnews is refreshing this cache"),
        "{err}"
    );
    assert!(server.requests().is_empty(), "the site was not touched");
    // Reading the cache meanwhile works.
    ok(&run(gxnews(data.path()).args(["list", "--json"])));
    // Once the other one is done, fetching works.
    drop(held);
    let text = ok(&fetch(&server, data.path()));
    assert!(text.starts_with("7 new, "), "{text}");
}

/// Shell completions and the manual page come from the command line's own definition, and
/// need no configuration (a broken config file does not stop them).
#[test]
fn completions_and_man_page_are_generated() {
    let data = TempDir::new().unwrap();
    let config = data.path().join("config/gxnews");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "this is = not [valid").unwrap();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef gxnews"),
        ("fish", "complete -c gxnews"),
    ] {
        let out = run(gxnews(data.path()).args(["completions", shell]));
        let text = ok(&out);
        assert!(text.contains(marker), "{shell}: {text:.200}");
        for sub in ["fetch", "search", "export", "reindex"] {
            assert!(text.contains(sub), "{shell} completes {sub}");
        }
    }
    let out = run(gxnews(data.path()).arg("man"));
    let page = ok(&out);
    assert!(page.contains(".TH gxnews 1"), "{page:.200}");
    assert!(
        page.contains("export") && page.contains("\\-\\-offline"),
        "{page:.400}"
    );
}

/// On a dumb terminal the reader does not start: one line says why and what to use instead,
/// and nothing is drawn.
#[test]
fn a_dumb_terminal_gets_one_line_instead_of_a_garbled_screen() {
    let data = TempDir::new().unwrap();
    let out = run(gxnews(data.path()).env("TERM", "dumb").arg("--offline"));
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("TERM=dumb") && err.contains("gxnews list"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "nothing drawn");
}
