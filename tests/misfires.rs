//! Ordinary pages that rules meant for page furniture once misread: a list in a box whose
//! class starts like a furniture word, a headline that starts like a pager step, a subheading
//! that starts like a button or a byline, a menu item marked as the current one. Each page is
//! under `tests/fixtures/misfires/`, read through the whole scraper.

use gxnews::model::{Article, ListPage, PageKind};
use gxnews::scrape::Scraper;
use url::Url;

fn page(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/misfires/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn list(html: &str, url: &str) -> ListPage {
    let page = Scraper::default().scrape(html, &Url::parse(url).unwrap());
    match page.kind {
        PageKind::List => page.list,
        _ => panic!("not read as a list: {page:?}"),
    }
}

fn article(html: &str, url: &str) -> Article {
    Scraper::default()
        .scrape_article(html, &Url::parse(url).unwrap())
        .unwrap()
}

const OPINION: [&str; 4] = [
    "Why the New Western Land-Sea Corridor matters to ASEAN",
    "Guangxi's border trade is entering a new stage",
    "What RCEP means for Beibu Gulf ports",
    "Nanning as a gateway city for regional cooperation",
];

fn titles(l: &ListPage) -> Vec<&str> {
    l.links.iter().map(|k| k.title.as_str()).collect()
}

/// A box named with an ordinary word that starts like a furniture word (`hotel` like `hot`,
/// `commentary` like `comment`) holds the page's list, not the side box of links.
#[test]
fn a_list_in_a_box_named_like_furniture_is_the_list() {
    let html = page("list_in_box.html");
    for class in [
        "commentary-list",
        "hotel-list",
        "friendship-cities",
        "footnote",
        "shareholders",
        "mostly",
        "navy-news",
    ] {
        let html = html.replace("commentary-list", class);
        let l = list(&html, "https://en.gxzf.gov.cn/opinion/index.html");
        assert_eq!(titles(&l), OPINION, "{class}");
    }
}

/// A list headed by words that only start like a side box's heading is the page's list; a
/// box headed by the side box's phrase is not.
#[test]
fn a_list_headed_like_a_side_box_is_the_list() {
    let html = page("list_headed.html");
    for heading in ["Latest Updates", "Popular Science", "Hotels", "Opinion"] {
        let html = html.replace("HEADING", heading);
        let l = list(&html, "https://en.gxzf.gov.cn/opinion/index.html");
        assert_eq!(titles(&l), OPINION, "{heading}");
    }
    // Headed as a side box, the same list is left out: no list of three or more remains.
    let html = html.replace("HEADING", "Latest News");
    let got = Scraper::default().scrape(
        &html,
        &Url::parse("https://en.gxzf.gov.cn/opinion/index.html").unwrap(),
    );
    assert!(
        !(got.kind == PageKind::List && titles(&got.list) == OPINION),
        "{got:?}"
    );
}

/// A headline that starts with `Next` or `Older` is an article, not the next page.
#[test]
fn a_headline_starting_with_next_is_not_the_next_page() {
    let l = list(
        &page("next_link.html"),
        "https://en.gxzf.gov.cn/news/index.html",
    );
    assert_eq!(
        l.next.as_deref(),
        Some("https://en.gxzf.gov.cn/news/index_1.html")
    );
    let t = titles(&l);
    assert!(
        t.contains(&"Next-generation 5G network covers Guilin"),
        "{t:?}"
    );
    assert!(
        t.contains(&"Older residents in Liuzhou get free checkups"),
        "{t:?}"
    );
}

/// Subheadings that start like a button (`Close`, `Print`, `Copyright`, `Recommended`) stay
/// in the body; the buttons themselves do not.
#[test]
fn subheadings_that_start_like_buttons_stay() {
    let a = article(
        &page("subheadings.html"),
        "https://en.gxzf.gov.cn/news/202403/t20240305_1.shtml",
    );
    for sub in [
        "Close cooperation on border trade",
        "Print media join the campaign",
        "Copyright protection for ASEAN films",
        "Recommended routes for visitors",
    ] {
        assert!(a.body.iter().any(|p| p == sub), "{sub}: {:?}", a.body);
    }
    assert!(
        !a.body.iter().any(|p| p.contains("[Print]")),
        "{:?}",
        a.body
    );
}

/// `By Air` or `By The Numbers` in a travel guide is a subheading, not a byline naming an
/// editor.
#[test]
fn a_way_of_travel_is_not_a_byline() {
    let a = article(
        &page("travel_guide.html"),
        "https://en.gxzf.gov.cn/travel/202403/t20240305_1.shtml",
    );
    assert_eq!(a.editor, None);
    for sub in ["By Air", "By The Numbers", "By High-Speed Rail"] {
        assert!(a.body.iter().any(|p| p == sub), "{sub}: {:?}", a.body);
    }
}

/// The menu item marked as the current one, with its submenu, is not the breadcrumb.
#[test]
fn the_current_menu_item_is_not_the_breadcrumb() {
    let a = article(
        &page("current_menu_item.html"),
        "https://en.gxzf.gov.cn/news/202403/t20240305_1.shtml",
    );
    assert_eq!(a.breadcrumb, ["Home", "News", "China-ASEAN"]);
}

const SEED_URL: &str = "https://en.gxzf.gov.cn/news/202403/t20240305_1.shtml";

/// On the site's own template, whose info line labels its date `updatetime:`, a date label in
/// the text (an event's `Date:`, a sentence's `time:`) never replaces the article's date, and
/// an event's `Date:` and `Time:` lines after the text's first paragraph stay in the text.
#[test]
fn a_date_in_the_text_never_replaces_the_info_line_date() {
    for name in ["event_notice.html", "date_in_prose.html"] {
        let a = article(&page(name), SEED_URL);
        assert_eq!(
            a.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2024-03-05T10:20:30+08:00"),
            "{name}"
        );
        assert_eq!(a.source.as_deref(), Some("Guangxi Daily"), "{name}");
    }
    // The event's own details stay in its text.
    let a = article(&page("event_notice.html"), SEED_URL);
    for line in ["Date: March 28, 2024", "Time: 9:00 am - 5:00 pm"] {
        assert!(a.body.iter().any(|p| p == line), "{line}: {:?}", a.body);
    }
}

/// A sentence that quotes a sign with a date (`A banner … read: "… Sept 24, 2024".`) is text,
/// not a metadata line, though `read` labels a view count elsewhere.
#[test]
fn a_sentence_with_a_label_word_and_a_date_is_text() {
    let a = article(&page("date_in_prose.html"), SEED_URL);
    for line in [
        "A banner at the gate read: \"Welcome to the expo, Sept 24, 2024\".",
        "The sign read: \"Opening day, Sept 24, 2024\".",
    ] {
        assert!(a.body.iter().any(|p| p == line), "{line}: {:?}", a.body);
    }
    assert_eq!(a.views, None);
}

/// An interviewer's question is text, and names nobody as the editor.
#[test]
fn an_interview_question_is_text_not_a_byline() {
    let a = article(&page("interview.html"), SEED_URL);
    assert_eq!(a.editor, None);
    assert!(
        a.body
            .iter()
            .any(|p| p.starts_with("Reporter: How will Guangxi")),
        "{:?}",
        a.body
    );
}

/// A news photo whose file name holds a button's word (`home`, `top`) is kept with its
/// caption.
#[test]
fn a_photo_named_with_a_buttons_word_is_kept() {
    let a = article(&page("photo_file_names.html"), SEED_URL);
    let urls: Vec<&str> = a.images.iter().map(|i| i.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://en.gxzf.gov.cn/news/202403/W020240305_home_stay.jpg",
            "https://en.gxzf.gov.cn/news/202403/guilin-top.jpg"
        ]
    );
    assert_eq!(
        a.images[0].caption.as_deref(),
        Some("Tourists visit a homestay in Longsheng county. (Photo/Xinhua)")
    );
    assert!(
        !a.body.iter().any(|p| p.starts_with("Tourists visit")),
        "{:?}",
        a.body
    );
}

/// A headline worded like a site's name (`2024 Government Work Report`) that starts the
/// `<title>` before the site's name is the headline; a logo that links home, on a page whose
/// `<title>` is the site's name alone, is not.
#[test]
fn a_headline_worded_like_a_site_name_is_the_headline() {
    let a = article(
        &page("site_word_headline.html"),
        "https://en.gxzf.gov.cn/gov/202401/t20240125_1.shtml",
    );
    assert_eq!(a.title, "2024 Government Work Report");
    let a = article(
        &page("site_title_tag.html"),
        "https://en.gxzf.gov.cn/news/202409/t20240924_1.shtml",
    );
    assert_eq!(a.title, "Nanning hosts the 21st China-ASEAN Expo");
}

/// The date line of `unlabelled_date.html`, between its headline and its text.
const META_LINE: &str = "<p class=\"meta\">2024-03-05 10:20 &nbsp;&nbsp; Guangxi Daily</p>";

/// `unlabelled_date.html` with `line` in place of its date line.
fn dated_by(line: &str) -> String {
    let html = page("unlabelled_date.html");
    assert!(html.contains(META_LINE));
    html.replace(META_LINE, line)
}

/// A date on a line of its own between the headline and the text, without a label (`2024-03-05
/// 10:20  Guangxi Daily`, `Posted on March 5, 2024 by admin`), dates an article; the dated
/// headlines of a side box do not.
#[test]
fn an_unlabelled_date_line_dates_the_article() {
    let url = "https://en.gxzf.gov.cn/news/202403/t20240305_1.shtml";
    for (name, want) in [
        (META_LINE, "2024-03-05T10:20:00+08:00"),
        (
            "<div class=\"byline\">Posted on March 5, 2024 by admin</div>",
            "2024-03-05T00:00:00+08:00",
        ),
    ] {
        let a = article(&dated_by(name), url);
        assert_eq!(a.title, "Pinglu Canal passes its halfway mark", "{name}");
        assert_eq!(
            a.published.map(|d| d.to_rfc3339()).as_deref(),
            Some(want),
            "{name}"
        );
        assert_eq!(a.body.len(), 2, "{name}: {:?}", a.body);
    }
    // Without the date line the page shows no date of its own: not an article.
    let undated = dated_by("");
    let page = Scraper::default().scrape(
        &undated,
        &Url::parse("https://en.gxzf.gov.cn/news/pinglu.html").unwrap(),
    );
    assert!(page.kind == PageKind::Other, "{page:?}");
}

/// A one-line news flash and a photo gallery with labelled metadata (`Update time: … |
/// Source: Xinhua`) are articles; a contact page with one short line and a date is not.
#[test]
fn short_articles_with_labelled_metadata_are_articles() {
    let url = "https://en.gxzf.gov.cn/news/202403/t20240305_1.shtml";
    let a = article(&page("short_news.html"), url);
    assert_eq!(a.title, "Nanning-Hanoi flights resume");
    assert_eq!(
        a.body,
        ["Direct flights between Nanning and Hanoi resumed on Monday."]
    );
    assert_eq!(a.source.as_deref(), Some("Xinhua"));
    let a = article(&page("gallery.html"), url);
    assert_eq!(a.images.len(), 2);
    assert_eq!(
        a.images[1].caption.as_deref(),
        Some("A bamboo raft on the Guichun River near the waterfall. (Xinhua/Lu Boan)")
    );
    assert!(a.body.is_empty(), "{:?}", a.body);
    let other = Scraper::default().scrape(
        &page("short_about.html"),
        &Url::parse("https://en.gxzf.gov.cn/about/contact.html").unwrap(),
    );
    assert!(other.kind == PageKind::Other, "{other:?}");
}

/// A hidden copy of the article's block (an old version kept with `display:none`) gives
/// neither the headline nor the date nor the source.
#[test]
fn a_hidden_info_line_says_nothing() {
    // `date_in_prose.html` with an old version of its article block hidden before it.
    let open = "<div class=\"main\"><div class=\"article\">";
    let html = page("date_in_prose.html");
    assert!(html.contains(open));
    let html = html.replacen(
        open,
        "<div class=\"main\"><div class=\"article\" style=\"display:none\">\
         <h1 class=\"title\">An old version kept hidden</h1>\
         <div class=\"info\">updatetime:2023-01-01 08:00:00 View: Source: Old Source</div></div>\
         <div class=\"article\">",
        1,
    );
    let a = article(&html, SEED_URL);
    assert_eq!(a.title, "Guangxi steps up ASEAN cooperation");
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-03-05T10:20:30+08:00")
    );
    assert_eq!(a.source.as_deref(), Some("Guangxi Daily"));
}

/// A line under a picture that credits a photo (`(Photo by …)`, `[Photo/Xinhua]`) or sits in an
/// element named as a caption (`img-title`) is the picture's caption, not body text; a
/// paragraph that only names its agency (`(Xinhua)`) stays text.
#[test]
fn credited_and_named_captions_go_with_their_pictures() {
    let a = article(&page("captions.html"), SEED_URL);
    let captions: Vec<Option<&str>> = a.images.iter().map(|i| i.caption.as_deref()).collect();
    assert_eq!(
        captions,
        [
            Some("A worker at the canal site, March 4, 2024. (Photo by Lu Boan)"),
            Some("Trucks carry soil from the main channel."),
            Some("A ship lock under construction in Qinzhou. [Photo/Xinhua]"),
        ]
    );
    assert_eq!(a.body.len(), 4, "{:?}", a.body);
    assert!(a.body[3].ends_with("(Xinhua)"), "{:?}", a.body);
}

/// A section front with one box per subsection, each an unnamed list in a box of the same
/// make, lists the links of every box in page order, not of the last one alone; a side box
/// of the same make headed `Most Read` stays out.
#[test]
fn a_channel_page_lists_every_subsection_box() {
    let l = list(
        &page("channel_blocks.html"),
        "https://en.gxzf.gov.cn/news/index.shtml",
    );
    assert_eq!(l.links.len(), 9, "{:?}", titles(&l));
    assert_eq!(
        l.links[0].title,
        "Guangxi's foreign trade hits a record high"
    );
    assert_eq!(l.links[8].title, "Hechi's longevity villages draw visitors");
    assert!(
        !titles(&l).iter().any(|t| t.contains("metro")),
        "{:?}",
        titles(&l)
    );
}

/// A featured story above the list (picture, headline, summary) is the list's first link,
/// whether the list was found by the profile or by the search.
#[test]
fn a_featured_story_above_the_list_is_its_first_link() {
    let html = page("featured_list.html");
    for html in [
        html.clone(),
        html.replace("<ul class=\"list\">", "<ul class=\"items\">"),
    ] {
        let l = list(&html, "https://en.gxzf.gov.cn/news/guangxinews/index.shtml");
        assert_eq!(
            titles(&l),
            [
                "Guangxi to invest big in transport this year",
                "Guangxi's foreign trade hits a record high",
                "Nanning hosts an ASEAN film week",
                "Liuzhou's carmakers go global"
            ]
        );
    }
}

/// An unlabelled date line of another day than the URL's (an interview's, an event's) yields
/// to the URL's date; without a date in the URL, a bare date line (an about page's last
/// update) makes no article, while one with a time of day does.
#[test]
fn an_unlabelled_date_line_is_weighed_against_the_url() {
    let a = article(
        &dated_by("<p class=\"meta\">Interviewed on February 27, 2024</p>"),
        "https://en.gxzf.gov.cn/news/202403/t20240305_1.shtml",
    );
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-03-05T00:00:00+08:00")
    );
    let undated_url = Url::parse("https://en.gxzf.gov.cn/news/pinglu-canal.html").unwrap();
    let bare = dated_by("<p class=\"meta\">2024-03-05</p>");
    let page_kind = Scraper::default().scrape(&bare, &undated_url);
    assert!(page_kind.kind == PageKind::Other, "{page_kind:?}");
    let timed = Scraper::default().scrape(&page("unlabelled_date.html"), &undated_url);
    assert!(
        timed.kind == PageKind::Article
            && timed.article.published.map(|d| d.to_rfc3339()).as_deref()
                == Some("2024-03-05T10:20:00+08:00"),
        "{timed:?}"
    );
}

/// Links written with `http://` on a page read over `https://` are the same site's: a list of
/// them is still the list.
#[test]
fn links_written_with_http_are_the_sites_own() {
    let html =
        page("channel_blocks.html").replace("href=\"/news/", "href=\"http://en.gxzf.gov.cn/news/");
    let l = list(&html, "https://en.gxzf.gov.cn/news/index.shtml");
    assert_eq!(l.links.len(), 9, "{:?}", titles(&l));
    assert!(
        l.links[0].url.starts_with("http://en.gxzf.gov.cn/news/"),
        "{}",
        l.links[0].url
    );
}

/// A list's next page from a `<link rel="next">`, or from the pager script that names its
/// element first (`createPageHTML('page_div', 10, 0, 'index', 'shtml', 195)`).
#[test]
fn a_lists_next_page_from_rel_next_or_the_named_pager_script() {
    let url = "https://en.gxzf.gov.cn/news/guangxinews/index.shtml";
    let want = Some("https://en.gxzf.gov.cn/news/guangxinews/index_1.shtml");
    let html = page("featured_list.html");
    let rel = html.replace(
        "</head>",
        "<link rel=\"next\" href=\"index_1.shtml\"></head>",
    );
    assert_eq!(list(&rel, url).next.as_deref(), want);
    let script = html.replace(
        "</ul>",
        "</ul><div id=\"page_div\"></div><script>createPageHTML('page_div', 10, 0, 'index', 'shtml', 195);</script>",
    );
    assert_eq!(list(&script, url).next.as_deref(), want);
    assert_eq!(list(&html, url).next, None);
}

/// An article that shows no date or label is still one when its URL is dated like a news
/// item's and its text runs to several paragraphs; the URL's date dates it.
#[test]
fn a_long_undated_text_at_a_dated_address_is_an_article() {
    let html = dated_by("").replace(
        "</p></div></div>",
        "</p><p>Engineers said the main channel would be dug by the end of next year, with the ship locks to follow soon after that.</p></div></div>",
    );
    let a = article(
        &html,
        "https://en.gxzf.gov.cn/news/202403/t20240305_1.shtml",
    );
    assert_eq!(a.body.len(), 3, "{:?}", a.body);
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-03-05T00:00:00+08:00")
    );
    let other = Scraper::default().scrape(
        &html,
        &Url::parse("https://en.gxzf.gov.cn/about/canal.html").unwrap(),
    );
    assert!(other.kind == PageKind::Other, "{other:?}");
}

/// A structured author "named" by a web address (a video page's URL, as some templates fill
/// it) names nobody: not the editor, by whichever reader finds it.
#[test]
fn an_author_that_is_an_address_is_no_editor() {
    let a = article(
        &page("address_author.html"),
        "https://courier.example/news/veteran-leaves-hospital",
    );
    assert_eq!(a.editor, None, "{:?}", a.editor);
    assert!(a.body.len() >= 5, "{:?}", a.body);
}

/// A photo story: a headline, a date line and a picture, with no text (a real news site's
/// template). Its tags declare an article and date it, so it is an article however short its
/// text, not the list of headlines beside it; without the declaration the same page is no
/// article.
#[test]
fn a_declared_and_dated_photo_story_is_an_article() {
    let html = page("photo_article.html");
    let url = "https://herald.example/society/2024/10/03/lanterns-over-the-old-town.html";
    let a = article(&html, url);
    assert_eq!(
        a.title,
        "Lanterns go up over the old town for the autumn fair"
    );
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-10-03T17:04:34+03:00")
    );
    assert_eq!(a.views, Some(173));
    let undeclared = html.replace(r#"<meta property="og:type" content="article">"#, "");
    let page = Scraper::default().scrape(&undeclared, &Url::parse(url).unwrap());
    assert_ne!(page.kind, PageKind::Article, "{page:?}");
}
