//! The list reader's tests.

use super::links::is_pager_text;
use super::pager::may_start_with;
use super::sections::looks_like_index;
use super::*;

/// The table of elements holding a title-length link says what a search under each
/// element finds: for every element of every corpus page.
#[test]
fn titled_links_are_what_a_search_below_finds() {
    let profile = Profile::default();
    let url = Url::parse("https://en.gxzf.gov.cn/news/").unwrap();
    let (mut held, mut all) = (0, 0);
    for page in crate::scrape::corpus_texts(None) {
        let html = scraper::Html::parse_document(&page);
        let rules = crate::scrape::rules::Rules::default();
        let doc = Doc::new(&html, &url, &profile, &rules);
        let titled = TitledLinks::new(&doc);
        for &e in &doc.elements {
            let want = links_under(e).any(|a| raw_chars(a) >= 10);
            assert_eq!(titled.holds(&doc, e), want, "{:?}", e.value());
            held += usize::from(want);
            all += 1;
        }
    }
    assert!(held > 1000 && held < all, "{held} of {all}");
}

/// A link passed over for its first character would not have matched: on every link of
/// every corpus page, and on links written to trip the shortcut.
#[test]
fn links_passed_over_by_their_first_character_start_otherwise() {
    let mut pages = crate::scrape::corpus_texts(None);
    pages.push(
        "<a href=x>\u{200b}Next</a><a href=x>&#8203;next</a><a href=x> \u{a0}Next</a>\
         <a href=x><span hidden>z</span>Prev</a><a href=x>\x1b[1mFirst</a><a href=x>NEXT</a>"
            .to_string(),
    );
    let mut passed = 0;
    for page in pages {
        let html = scraper::Html::parse_document(&page);
        for a in html
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
        {
            if a.value().name() != "a" {
                continue;
            }
            let text = inline_text(a).to_lowercase();
            for b in (b'a'..=b'z').chain(b'0'..=b'9') {
                if !may_start_with(&a, &[b]) {
                    passed += 1;
                    assert!(!text.starts_with(char::from(b)), "{text:?}");
                }
            }
        }
    }
    assert!(passed > 10_000, "{passed}");
}

/// Pager steps are told from headlines that merely start with a pager's word.
#[test]
fn headlines_starting_with_pager_words_are_not_pager_steps() {
    let profile = Profile::default();
    let rules = crate::scrape::rules::Rules::default();
    for pager in [
        "First",
        "Last",
        "Prev",
        "Previous",
        "Home",
        "End",
        "first page",
        "Last »",
        "Prev 10",
        "« Previous",
        "Next",
        "next page",
        "2",
        "[3]",
        "首页",
        "末页",
        "上一页",
    ] {
        assert!(is_pager_text(&rules.lists, pager, &profile), "{pager}");
    }
    for headline in [
        "First China-ASEAN expo opens in Nanning",
        "Last year's sugarcane harvest sets a record",
        "Home appliance sales rise in Guangxi",
        "End of the rainy season in Beihai",
        "Previous records broken at the marathon",
        "First 10 Beidou stations built",
    ] {
        assert!(
            !is_pager_text(&rules.lists, headline, &profile),
            "{headline}"
        );
    }
}

/// Through the whole scraper: a list keeps such headlines and leaves out its pager.
#[test]
fn a_list_keeps_headlines_that_start_with_pager_words() {
    let items = [
        ("a1", "First China-ASEAN expo opens in Nanning"),
        ("a2", "Last year's sugarcane harvest sets a record"),
        ("a3", "Home appliance sales rise across Guangxi"),
        ("a4", "Guangxi opens new rail link to Vietnam"),
        ("a5", "Beibu Gulf port handles more containers"),
    ];
    let lis: String = items
        .iter()
        .map(|(f, t)| {
            format!(
                "<li><a href=\"{f}.html\">{t}</a> <span>2021-01-2{}</span></li>",
                f.len()
            )
        })
        .collect();
    let html = format!(
        "<html><head><title>Guangxi News</title></head><body><div class=\"box\"><ul>{lis}</ul>\
         <div class=\"pages\"><a href=\"index.html\">First</a> <a href=\"index_1.html\">Next »</a> \
         <a href=\"index_9.html\">Last</a></div></div></body></html>"
    );
    let url = Url::parse("https://en.gxzf.gov.cn/news/index.html").unwrap();
    let page = crate::scrape::Scraper::default().scrape(&html, &url);
    let Some(list) = page.as_list() else {
        panic!("not read as a list");
    };
    let titles: Vec<&str> = list.links.iter().map(|l| l.title.as_str()).collect();
    assert_eq!(titles, items.map(|(_, t)| t).to_vec());
    assert_eq!(
        list.next.as_deref(),
        Some("https://en.gxzf.gov.cn/news/index_1.html")
    );
}

/// A list headed by a word that starts like a side box's (`Hotels`, `Latest` inside
/// `Lately`) is still the page's list; the box headed `Hot News` is not.
#[test]
fn a_list_headed_like_a_side_box_word_is_still_the_list() {
    let li = |i: usize, t: &str| {
        format!("<li><a href=\"h{i}.html\">{t} number {i} opens</a> <span>2021-03-0{i}</span></li>")
    };
    let main: String = (1..=5).map(|i| li(i, "Guesthouse")).collect();
    let side: String = (6..=8).map(|i| li(i, "Popular story")).collect();
    let html = format!(
        "<html><head><title>Hotels - Guangxi</title></head><body>\
         <div class=\"box\"><h2>Hotels and Guesthouses</h2><ul>{main}</ul></div>\
         <div class=\"box2\"><h3>Hot News</h3><ul>{side}</ul></div></body></html>"
    );
    let url = Url::parse("https://en.gxzf.gov.cn/travel/hotels/index.html").unwrap();
    let page = crate::scrape::Scraper::default().scrape(&html, &url);
    let Some(list) = page.as_list() else {
        panic!("not read as a list");
    };
    let urls: Vec<&str> = list.links.iter().map(|l| l.url.as_str()).collect();
    let want: Vec<String> = (1..=5)
        .map(|i| format!("https://en.gxzf.gov.cn/travel/hotels/h{i}.html"))
        .collect();
    assert_eq!(urls, want);
}

/// Reading a written-out link's path from its text tells what parsing it tells: on tricky
/// links and on every link of every corpus list page.
#[test]
fn a_written_link_reads_as_its_parsed_url() {
    let mut links: Vec<String> = [
        "https://a.example/news/index_2.shtml?x=1#y",
        "https://a.example/",
        "https://a.example",
        "https://u:p@a.example:8080/list.php?cat=3",
        "file:///tmp/site/index.html",
        "https://a.example/a/b/c.htm#index",
        "https://a.example/a/b/c.htm?next=/index",
        "https://a.example/x/Default.aspx",
        "https://a.example/%2F/index",
        "https://a.example/economy/",
        "https://a.example/news/t20210125_1.shtml",
        "https://a.example/more_3.htm",
        "https://a.example/listing.htm",
        "https://a.example/node",
    ]
    .iter()
    .map(|u| Url::parse(u).unwrap().to_string())
    .collect();
    let scraper = crate::scrape::Scraper::default();
    let url = Url::parse("https://en.gxzf.gov.cn/news/guangxinews/index.shtml").unwrap();
    for page in crate::scrape::corpus_texts(None) {
        let page = scraper.scrape(&page, &url);
        if let Some(l) = page.as_list() {
            links.extend(l.links.iter().map(|k| k.url.clone()));
        }
    }
    assert!(links.len() > 200, "{}", links.len());
    let mut index_like = 0;
    for l in &links {
        let want = Url::parse(l).is_ok_and(|u| looks_like_index(&u));
        index_like += usize::from(want);
        assert_eq!(link_looks_like_index(l), want, "{l}");
    }
    assert!(index_like >= 8, "{index_like}");
}
