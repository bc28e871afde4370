//! The staged extractor's behaviour, through the public scraper: classification keeps what
//! was found, standard metadata is read and weighed by written rules, the generic extractor
//! reads templates no profile knows, and every field says where it came from.

use gxnews::model::PageKind;
use gxnews::scrape::Scraper;
use url::Url;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn url(u: &str) -> Url {
    Url::parse(u).unwrap()
}

fn published(page: &gxnews::model::Page) -> Option<String> {
    page.article.published.map(|d| d.to_rfc3339())
}

/// An article whose text follows a box of teasers, with `article:published_time` and a JSON-LD
/// `NewsArticle` in a `@graph`: an article, dated with the page's own offset, its authors all
/// named, its breadcrumb from the `BreadcrumbList`, its text without the teasers.
#[test]
fn an_article_after_a_see_also_box_keeps_its_metadata_and_text() {
    let page = Scraper::default().scrape(
        &fixture("extraction/see_also_entry_content.html"),
        &url("https://coastcourier.example/local/2023/11/07/ferries-return/"),
    );
    assert_eq!(page.kind, PageKind::Article, "{}", page.reason);
    let a = &page.article;
    assert_eq!(a.title, "Harbour ferries return after the storm");
    assert_eq!(
        published(&page).as_deref(),
        Some("2023-11-07T06:45:00+01:00")
    );
    assert_eq!(a.editor.as_deref(), Some("Maren Holt and Ivo Berg"));
    assert_eq!(a.breadcrumb, ["Home", "Local"]);
    assert_eq!(a.body.len(), 5, "{:?}", a.body);
    assert!(a.body[0].starts_with("The first ferries in four days"));
    for teaser in [
        "Storm closes",
        "Schools on the islands",
        "Most read",
        "Lighthouse",
    ] {
        assert!(
            !a.body.iter().any(|p| p.contains(teaser)),
            "{teaser} in {:?}",
            a.body
        );
    }
}

/// A headline that quotes a labelled time (`…at the same time: September 1, 2024…`) never
/// dates the article: the site's `updatetime:` line and `PubDate` tag do.
#[test]
fn a_label_inside_the_headline_does_not_date_the_article() {
    let headline =
        "Guangxi and ASEAN open new routes, at the same time: September 1, 2024 set as launch";
    let html = fixture("seed-article.html")
        .replace(
            "<h1 class=\"title\">Regional innovation of Guangxi, ASEAN yield outcomes</h1>",
            &format!("<h1 class=\"title\">{headline}</h1>"),
        )
        .replace(
            "<title>Regional innovation of Guangxi, ASEAN yield outcomes",
            &format!("<title>{headline}"),
        )
        .replace("2021-01-25 16:56:51", "2014-02-12 09:30:05")
        .replace(
            "content=\"2021-01-25 16:56\"",
            "content=\"2014-02-12 09:30\"",
        );
    assert!(html.contains(headline) && html.contains("2014-02-12 09:30:05"));
    let page = Scraper::default().scrape(&html, &url("https://en.gxzf.gov.cn/2014-02/12/c_1.htm"));
    assert_eq!(page.kind, PageKind::Article, "{}", page.reason);
    assert_eq!(page.article.title, headline);
    assert_eq!(
        published(&page).as_deref(),
        Some("2014-02-12T09:30:05+08:00")
    );
}

/// A page with metadata and a body: `page` fills the head and the body of a minimal page.
fn page_with(head: &str, body: &str) -> String {
    format!(
        "<html lang=\"en\"><head><title>Bridge reopens to traffic</title>{head}</head><body>\
         <div class=\"page\"><h1>Bridge reopens to traffic</h1>{body}<div class=\"story\">\
         <p>The river bridge reopened to traffic on Friday after eight months of repairs to its \
         steel deck, the city's transport office said, ahead of the holiday weekend.</p>\
         <p>Engineers replaced more than four hundred bolts and repainted the whole span, which \
         carries about thirty thousand vehicles a day between the two halves of the city.</p>\
         <p>Buses return to their old routes on Monday, and the ferry service added during the \
         closure will stop at the end of the month, the office said in a statement.</p>\
         </div></div></body></html>"
    )
}

fn date_of(html: &str, at: &str) -> Option<String> {
    published(&Scraper::default().scrape(html, &url(at)))
}

const AT: &str = "https://news.example/city/bridge-reopens";

/// Written conflict rules between date sources, each on a page of its own.
#[test]
fn date_sources_follow_their_written_precedence() {
    let meta = |p: &str, v: &str| format!("<meta property=\"{p}\" content=\"{v}\">");
    // Published over modified, whichever comes first on the page.
    let both = page_with(
        &(meta("article:modified_time", "2022-03-09T10:00:00+00:00")
            + &meta("article:published_time", "2022-03-04T08:15:00+00:00")),
        "",
    );
    assert_eq!(
        date_of(&both, AT).as_deref(),
        Some("2022-03-04T08:15:00+00:00")
    );
    // The date of the last change only when nothing else gives one.
    let modified = page_with(
        &meta("article:modified_time", "2022-03-09T10:00:00+00:00"),
        "",
    );
    assert_eq!(
        date_of(&modified, AT).as_deref(),
        Some("2022-03-09T10:00:00+00:00")
    );
    // A stamp keeps its own offset; a date that gives none is in China Standard Time.
    let offset = page_with(
        &meta("article:published_time", "2022-03-04T08:15:00-05:00"),
        "",
    );
    assert_eq!(
        date_of(&offset, AT).as_deref(),
        Some("2022-03-04T08:15:00-05:00")
    );
    let bare = page_with(&meta("article:published_time", "2022-03-04"), "");
    assert_eq!(
        date_of(&bare, AT).as_deref(),
        Some("2022-03-04T00:00:00+08:00")
    );
    // A UTC stamp near midnight yields to the page's local day that the URL gives.
    let utc = page_with(&meta("article:published_time", "2022-03-04T23:30:00Z"), "");
    assert_eq!(
        date_of(&utc, "https://news.example/2022/03/05/bridge-reopens").as_deref(),
        Some("2022-03-05T00:00:00+08:00")
    );
    assert_eq!(
        date_of(&utc, AT).as_deref(),
        Some("2022-03-04T23:30:00+00:00")
    );
    // JSON-LD `datePublished` before the other standard tags.
    let ld = format!(
        "{}<script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \
         \"datePublished\": \"2022-03-03T07:00:00+01:00\"}}</script>",
        meta("article:published_time", "2022-03-04T08:15:00+00:00")
    );
    assert_eq!(
        date_of(&page_with(&ld, ""), AT).as_deref(),
        Some("2022-03-03T07:00:00+01:00")
    );
    // A publication label where the info line stands (around the text) comes before every
    // tag.
    let labelled = page_with(
        &meta("article:published_time", "2022-03-04T08:15:00+00:00"),
        "<div class=\"info\">Published: 2022-03-01 09:00</div>",
    );
    assert_eq!(
        date_of(&labelled, AT).as_deref(),
        Some("2022-03-01T09:00:00+08:00")
    );
}

/// Dates written in other languages and calendars are read where an article's date line stands.
#[test]
fn date_lines_in_other_languages() {
    for (line, lang, want) in [
        ("Publicado el 13 de enero de 2020", "es", "2020-01-13"),
        ("13. Januar 2020, 14:30 Uhr", "de", "2020-01-13"),
        ("Опубликовано 13 января 2020", "ru", "2020-01-13"),
        ("۲۹ بهمن ۱۳۹۸", "fa", "2020-02-18"),
        ("02.09.2020", "ro", "2020-09-02"),
    ] {
        let html = page_with("", &format!("<p class=\"post-date\">{line}</p>"))
            .replace("lang=\"en\"", &format!("lang=\"{lang}\""));
        let got = date_of(&html, AT);
        assert_eq!(got.as_deref().map(|d| &d[..10]), Some(want), "{line}");
    }
}

/// Classification never throws away what was found: a list page keeps its name and
/// breadcrumb, and a page that is no article keeps its text.
#[test]
fn pages_that_are_not_articles_keep_what_was_found() {
    let list = Scraper::default().scrape(
        &fixture("list-page-1.html"),
        &url("https://en.gxzf.gov.cn/news/guangxinews/index.html"),
    );
    assert_eq!(list.kind, PageKind::List, "{}", list.reason);
    assert!(!list.article.title.is_empty());
    assert!(!list.article.breadcrumb.is_empty());
    assert!(list.list.links.len() >= 3);
    // An undated page of prose (an about page) is no article, and keeps its text.
    let about = page_with("", "").replace("Bridge reopens to traffic", "About the city");
    let page = Scraper::default().scrape(&about, &url("https://news.example/about"));
    assert_eq!(page.kind, PageKind::Other, "{}", page.reason);
    assert_eq!(page.article.body.len(), 3, "{:?}", page.article.body);
    assert!(page.reason.contains("no date"), "{}", page.reason);
}

/// The explanation names the reason for the kind and, for every field found, its origin and
/// the rule that chose it; candidates that lost are listed with theirs.
#[test]
fn explain_names_the_reason_and_the_source_of_each_field() {
    let (page, trace) = Scraper::default().explain(
        &fixture("extraction/see_also_entry_content.html"),
        &url("https://coastcourier.example/local/2023/11/07/ferries-return/"),
    );
    assert_eq!(trace.kind, page.kind);
    assert_eq!(trace.reason, page.reason);
    let field = |name: &str| {
        trace
            .fields
            .iter()
            .find(|f| f.field == name)
            .unwrap_or_else(|| panic!("no trace of {name}"))
    };
    let published = field("published");
    let (value, origin) = published.chosen.clone().unwrap();
    assert_eq!(value, "2023-11-07T06:45:00+01:00");
    assert!(
        origin.contains("JSON-LD") && origin.contains("datePublished"),
        "{origin}"
    );
    assert!(!published.rule.is_empty());
    assert!(
        published
            .lost
            .iter()
            .any(|(_, o)| o.contains("article:published_time")),
        "{:?}",
        published.lost
    );
    let body = field("body");
    assert!(body.chosen.is_some() && !body.rule.is_empty());
    assert!(
        field("breadcrumb")
            .chosen
            .as_ref()
            .unwrap()
            .1
            .contains("BreadcrumbList")
    );
}

/// Where the text block and the generic extractor find the very same paragraphs, the text
/// block keeps the body, and the generic reading is listed as a candidate that lost, with the
/// same text; the kind is weighed on that same text.
#[test]
fn the_same_text_found_twice_is_the_text_blocks() {
    let html = page_with(
        "<meta property=\"article:published_time\" content=\"2022-03-04T08:15:00+00:00\">",
        "",
    );
    let (page, trace) = Scraper::default().explain(&html, &url(AT));
    assert_eq!(page.kind, PageKind::Article, "{}", page.reason);
    assert_eq!(page.article.body.len(), 3, "{:?}", page.article.body);
    let body = trace.fields.iter().find(|f| f.field == "body").unwrap();
    let (text, origin) = body.chosen.clone().unwrap();
    assert_eq!(
        body.rule,
        "the text block (the generic text is no longer, or another block)"
    );
    assert!(!origin.contains("generic"), "{origin}");
    assert!(
        body.lost
            .iter()
            .any(|(t, o)| o.contains("generic") && *t == text),
        "{:?}",
        body.lost
    );
}

/// The author comes from an element marked as the author's, then the metadata tags, then a
/// byline's class (pages also mark their teasers' bylines so); the name alone, not the date
/// beside it.
#[test]
fn the_author_follows_its_written_precedence() {
    let date = "<meta property=\"article:published_time\" content=\"2022-03-04T08:15:00+00:00\">";
    let meta = "<meta name=\"author\" content=\"Mary Major\">";
    let byline = "<p class=\"byline\">Joe Hildebrand</p>";
    let marked =
        "<div class=\"author\"><a href=\"/ann\">Ann Lee</a><span>4 March 2022</span></div>";
    for (head, body, want) in [
        (String::new(), byline.to_string(), "Joe Hildebrand"),
        (meta.to_string(), byline.to_string(), "Mary Major"),
        (meta.to_string(), format!("{marked}{byline}"), "Ann Lee"),
    ] {
        let page =
            Scraper::default().scrape(&page_with(&(date.to_string() + &head), &body), &url(AT));
        assert_eq!(page.kind, PageKind::Article, "{}", page.reason);
        assert_eq!(page.article.editor.as_deref(), Some(want), "{head} {body}");
    }
}

/// A page that prints its text twice (a first part and a "continued" part, each holding the
/// whole text for a script to cut) shows it once: every paragraph, subhead and picture once,
/// in order, and the date line above the text is metadata, not a paragraph.
#[test]
fn a_text_printed_twice_is_read_once() {
    let page = Scraper::default().scrape(
        &fixture("extraction/continued_copy.html"),
        &url("https://coastdaily.example/economy/grain-record-2020.html"),
    );
    assert_eq!(page.kind, PageKind::Article, "{}", page.reason);
    let a = &page.article;
    assert_eq!(
        published(&page).as_deref().map(|d| &d[..10]),
        Some("2020-03-17")
    );
    let body = &a.body;
    assert_eq!(body.len(), 6, "{body:?}");
    assert!(body[0].starts_with("Shipments of grain"), "{body:?}");
    assert_eq!(body[2], "A busier spring");
    assert!(body[5].starts_with("Union leaders"), "{body:?}");
    assert!(!body.iter().any(|p| p.contains("March 17")), "{body:?}");
    assert_eq!(a.images.len(), 1, "{:?}", a.images);
}

/// A breadcrumb is a short trail of the site's places. Widgets whose class merely sounds like a
/// trail's (`current-weather`, a login panel marked `current`), a menu of many places, and a
/// headline box with its date line are none; a trail with a search box after it, or ending in
/// a quoted or long headline, is read whole.
#[test]
fn only_a_trail_of_places_is_a_breadcrumb() {
    let trail = |body: &str| {
        let page = Scraper::default().scrape(&page_with("", body), &url(AT));
        page.article.breadcrumb
    };
    let none: [&str; 0] = [];
    let links = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("<a href=\"/{n}/\">{n}</a>"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let towns = links(&[
        "Ashby", "Brent", "Colne", "Dunmow", "Epping", "Frome", "Goole", "Hythe",
    ]);
    for (body, want) in [
        (
            "<div class=\"current-weather\"><p>-1<sup>°C</sup></p><p>Clear</p>\
             <p>Feels like -7<sup>°C</sup></p></div>"
                .to_string(),
            &none[..],
        ),
        (
            "<div class=\"login-panel current-login-panel\"><form><p>Welcome, log in.</p>\
             <input type=\"text\" name=\"user\"><a href=\"/reset\">Forgot password?</a>\
             <input type=\"checkbox\"><label>Remember me</label></form></div>"
                .to_string(),
            &none[..],
        ),
        (
            format!("<div class=\"location-list\">{towns}</div>"),
            &none[..],
        ),
        (
            "<div class=\"position\"><a href=\"/city/\">City</a> &gt; \
             <a href=\"/city/bridge\">Bridge reopens</a> &gt; <span>March 6, 2020</span></div>"
                .to_string(),
            &none[..],
        ),
        (
            "<div class=\"breadcrumb\"><a href=\"/\">Home</a> › <a href=\"/city/\">City</a> › \
             <span>Bridge reopens to traffic after eight months of repairs to the steel deck of \
             the river crossing</span><aside><input type=\"text\" name=\"q\">\
             <a class=\"search-icon\" href=\"/search\"></a></aside></div>"
                .to_string(),
            &[
                "Home",
                "City",
                "Bridge reopens to traffic after eight months of repairs to the steel deck of the river crossing",
            ][..],
        ),
        (
            "<p class=\"path\">Home » Culture » «Tatort» aus München</p>".to_string(),
            &["Home", "Culture", "«Tatort» aus München"][..],
        ),
    ] {
        assert_eq!(trail(&body), want, "{body}");
    }
}

/// An author tag that gives a web address names nobody: the byline's name is shown, without
/// its by-word or a dash after it; and a label that is a link's words in the page's footer
/// (`Authors`) takes no value from the link beside it.
#[test]
fn an_author_is_a_name_not_an_address_or_a_link() {
    let head = "<meta name=\"author\" content=\"https://www.facebook.com/citydesk\">\
                <meta property=\"article:published_time\" content=\"2022-03-04T08:15:00+00:00\">";
    let footer = "<table><tr><td><a href=\"/about\">About us</a></td>\
                  <td><a href=\"/authors\">Authors</a></td>\
                  <td><a href=\"/partners\">Partner with us</a></td></tr></table>";
    let page = |body: &str| {
        Scraper::default()
            .scrape(&page_with(head, body), &url(AT))
            .article
            .editor
    };
    assert_eq!(
        page(&format!("<p class=\"byline\">By Mary Major —</p>{footer}")).as_deref(),
        Some("Mary Major")
    );
    assert_eq!(page(footer), None);
}
