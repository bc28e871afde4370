//! The scraper on fixture pages: every field asserted against the expected JSON written by hand.

use gxnews::model::PageKind;
use gxnews::scrape::Scraper;
use serde_json::Value;
use url::Url;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/{name}")).unwrap()
}

fn expected(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).unwrap()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn assert_article(html: &str, url: &str, want: &Value) {
    let a = Scraper::default()
        .scrape_article(html, &Url::parse(url).unwrap())
        .unwrap();
    assert_eq!(a.url, url);
    assert_eq!(a.title, want["title"].as_str().unwrap());
    assert_eq!(
        a.published.map(|p| p.to_rfc3339()).as_deref(),
        want["published"].as_str()
    );
    assert_eq!(a.source.as_deref(), want["source"].as_str());
    assert_eq!(a.editor.as_deref(), want["editor"].as_str());
    assert_eq!(a.views, want["views"].as_u64());
    assert_eq!(a.breadcrumb, strings(&want["breadcrumb"]));
    assert_eq!(a.body, strings(&want["body"]));
    let images: Vec<(String, Option<String>)> = a
        .images
        .iter()
        .map(|i| (i.url.clone(), i.caption.clone()))
        .collect();
    let want_images: Vec<(String, Option<String>)> = want["images"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["url"].as_str().unwrap().to_string(),
                i["caption"].as_str().map(str::to_string),
            )
        })
        .collect();
    assert_eq!(images, want_images);
}

#[test]
fn seed_article_every_field() {
    let url = "https://en.gxzf.gov.cn/news/guangxinews/202101/t20210125_2345678.shtml";
    let want = expected("seed-article.expected.json");
    assert_article(&fixture("seed-article.html"), url, &want);
    // The seven paragraphs are the seed's, verbatim.
    let seed = std::fs::read_to_string("../shared/seed/article-page-as-text.txt")
        .or_else(|_| std::fs::read_to_string("tests/fixtures/seed-article.expected.json"))
        .unwrap();
    let body = strings(&want["body"]);
    assert_eq!(body.len(), 7);
    for p in &body {
        assert!(seed.contains(p.as_str()), "paragraph not in the seed: {p}");
    }
}

#[test]
fn article_with_a_figure_and_caption() {
    let url = "https://en.gxzf.gov.cn/news/guangxinews/202011/t20201103_111.shtml";
    assert_article(
        &fixture("article-figure.html"),
        url,
        &expected("article-figure.expected.json"),
    );
}

#[test]
fn list_pages_links_dates_and_next() {
    let url = Url::parse("https://en.gxzf.gov.cn/news/guangxinews/index.html").unwrap();
    for (page, want) in [
        ("list-page-1.html", "list-page-1.expected.json"),
        ("list-page-2.html", "list-page-2.expected.json"),
    ] {
        let scraped = Scraper::default().scrape(&fixture(page), &url);
        let Some(list) = scraped.as_list() else {
            panic!("{page} is a list page: {scraped:?}");
        };
        let want = expected(want);
        let links: Vec<Value> = list
            .links
            .iter()
            .map(|l| serde_json::to_value(l).unwrap())
            .collect();
        assert_eq!(Value::Array(links), want["links"], "{page}");
        assert_eq!(list.next.as_deref(), want["next"].as_str(), "{page}");
    }
}

#[test]
fn about_page_is_not_an_article() {
    let url = Url::parse("https://en.gxzf.gov.cn/about/").unwrap();
    let page = Scraper::default().scrape(&fixture("site/about/index.html"), &url);
    assert_eq!(page.kind(), PageKind::Other);
}

#[test]
fn hostile_text_is_cleaned_and_the_article_kept() {
    let html = fixture("seed-article.html")
        .replace(
            "Regional innovation of Guangxi, ASEAN yield outcomes</h1>",
            "Regional &#27;[31minnovation&#27;[0m of Guangxi&#x202e;, ASEAN yield outcomes&#7;</h1>",
        )
        .replace(
            "The fourth session",
            "&#27;]52;c;ZWNobyBwd25lZA==&#7;\u{9b}2JThe &#x200b;fourth\u{1b}]0;title\u{1b}\\ session",
        )
        .replace("Source:en.gxzf.gov.cn", "Source:en.gxzf.gov.cn&#27;[2J");
    let url = Url::parse("https://en.gxzf.gov.cn/a.shtml").unwrap();
    let a = Scraper::default().scrape_article(&html, &url).unwrap();
    assert_eq!(
        a.title,
        "Regional innovation of Guangxi, ASEAN yield outcomes"
    );
    assert!(a.body[1].starts_with("The fourth session"), "{}", a.body[1]);
    assert_eq!(a.source.as_deref(), Some("en.gxzf.gov.cn"));
    assert_eq!(a.body.len(), 7);
    let all = serde_json::to_string(&a).unwrap();
    let decoded: gxnews::model::Article = serde_json::from_str(&all).unwrap();
    for s in std::iter::once(&decoded.title)
        .chain(&decoded.body)
        .chain(&decoded.breadcrumb)
    {
        assert!(
            !s.chars().any(gxnews::sanitize::is_unwanted),
            "control left in {s:?}"
        );
    }
}

#[test]
fn gbk_page_declared_gb2312_decodes_cleanly() {
    let html = fixture("seed-article.html")
        .replace(
            "<meta charset=\"utf-8\">",
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
        )
        .replace("Web Editor:MXJ", "Web Editor:朱镕基");
    let (bytes, _, _) = encoding_rs::GBK.encode(&html);
    let text = gxnews::fetch::decode::decode(&bytes, None);
    assert!(!text.had_errors && !text.text.contains('\u{fffd}'));
    let a = Scraper::default()
        .scrape_article(
            &text.text,
            &Url::parse("https://en.gxzf.gov.cn/a.shtml").unwrap(),
        )
        .unwrap();
    assert_eq!(a.editor.as_deref(), Some("朱镕基"));
}

#[test]
fn malformed_and_truncated_pages_never_panic() {
    let page = fixture("seed-article.html");
    let url = Url::parse("https://en.gxzf.gov.cn/a.shtml").unwrap();
    let s = Scraper::default();
    // Cut anywhere, including mid-tag and mid-entity: a page or an error, never a panic.
    for cut in (0..page.len())
        .step_by(97)
        .filter(|c| page.is_char_boundary(*c))
    {
        let _ = s.scrape(&page[..cut], &url);
    }
    let broken = page
        .replace("</p>", "")
        .replace("</div>", "<div><table><td>");
    let a = s.scrape_article(&broken, &url).unwrap();
    assert_eq!(
        a.title,
        "Regional innovation of Guangxi, ASEAN yield outcomes"
    );
    assert!(
        a.body
            .iter()
            .any(|p| p.starts_with("Guangxi has been fully embracing"))
    );
}

/// Images keep the place they stand in the text: the terraces' picture after the first
/// paragraph, the village's after the second.
#[test]
fn images_keep_their_place_in_the_text() {
    let html = fixture("corpus/figures/longji-terraces.html");
    let url = "https://en.gxzf.gov.cn/travel/scenic/202105/t20210510_5650.shtml";
    let a = Scraper::default()
        .scrape_article(&html, &Url::parse(url).unwrap())
        .unwrap();
    let places: Vec<Option<usize>> = a.images.iter().map(|i| i.at).collect();
    assert_eq!(places, [Some(1), Some(2)]);
    assert!(a.body[0].starts_with("Farmers in Longsheng county"));
    assert!(a.body[1].starts_with("The terraces, built by Zhuang"));
}

/// The links of a real page's text are kept with the words they stand on, and `show` numbers
/// them where they stand and lists them at the end.
#[test]
fn links_in_the_text_are_numbered_where_they_stand() {
    let html = fixture("extraction/daringfireball.html");
    let url = Url::parse("https://daringfireball.net/colophon/").unwrap();
    // An undated colophon: not an article, but its text is read all the same.
    let a = Scraper::default().scrape(&html, &url).article;
    assert!(a.links.len() >= 10, "{:?}", a.links);
    for l in &a.links {
        assert!(a.body[l.paragraph].contains(&l.text), "{l:?}");
        assert!(l.url.starts_with("http"), "{l:?}");
    }
    let joyent = a.links.iter().find(|l| l.text == "Joyent").unwrap();
    assert_eq!(joyent.url, "http://joyent.com/");
    let doc = gxnews::document::Document::of(&a);
    let n = doc
        .references
        .iter()
        .find(|r| r.url == joyent.url)
        .unwrap()
        .number;
    let text = gxnews::cli::output::article_text(&a);
    assert!(text.contains(&format!("Joyent[{n}]")), "{text}");
    assert!(
        text.contains(&format!("\n[{n}] http://joyent.com/\n")),
        "{text}"
    );
}

/// The demo site's article page, and its address.
fn demo_article() -> (String, Url) {
    let path = "news/guangxinews/202101/t20210125_2345678.shtml";
    let html = std::fs::read_to_string(format!("assets/demo/{path}")).unwrap();
    (
        html,
        Url::parse(&format!("https://en.gxzf.gov.cn/{path}")).unwrap(),
    )
}

/// The trail reads `English > News > Guangxi News > report`: `report` is a sub-column the
/// menu does not link, `Guangxi News` the section the menu names. The trail stays whole.
#[test]
fn a_trail_ending_in_a_sub_column_gives_the_section_the_menu_names() {
    let (html, url) = demo_article();
    let a = Scraper::default().scrape_article(&html, &url).unwrap();
    assert_eq!(a.section.as_deref(), Some("Guangxi News"));
    assert_eq!(a.breadcrumb, ["English", "News", "Guangxi News", "report"]);
}

/// A page whose menu links none of its crumbs keeps its trail's last crumb as its section.
#[test]
fn a_trail_the_menu_does_not_link_keeps_its_last_crumb() {
    let (html, url) = demo_article();
    let html = html.replace(
        r#"<li><a href="/news/guangxinews/">Guangxi News</a></li>"#,
        r#"<li><a href="/news/cities/">Cities</a></li>"#,
    );
    let a = Scraper::default().scrape_article(&html, &url).unwrap();
    assert_eq!(a.section.as_deref(), Some("report"));
    assert_eq!(a.breadcrumb, ["English", "News", "Guangxi News", "report"]);
}
