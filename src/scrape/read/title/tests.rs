//! The headline reader's tests.

use super::*;

#[test]
fn site_name_is_stripped_from_title_tag() {
    let rules = crate::scrape::rules::Rules::default();
    let strip_site_name = |title| strip_site_name(&rules.titles, title);
    assert_eq!(
        strip_site_name("Regional innovation yields outcomes - Guangxi English"),
        "Regional innovation yields outcomes"
    );
    assert_eq!(
        strip_site_name("Guangxi | Nanning opens a new metro line"),
        "Nanning opens a new metro line"
    );
}

/// The headline of a page given whole, its text block the element with `id="text"` (if
/// any), its breadcrumb `crumbs`.
fn headline_of(page: &str, crumbs: &[&str]) -> Option<String> {
    let url = url::Url::parse("https://en.gxzf.gov.cn/news/t20240305_1.shtml").unwrap();
    let profile = crate::scrape::Profile::default();
    let html = scraper::Html::parse_document(page);
    let rules = crate::scrape::rules::Rules::default();
    let doc = Doc::new(&html, &url, &profile, &rules);
    let text = doc
        .elements
        .iter()
        .copied()
        .find(|e| e.value().id() == Some("text"));
    let crumbs: Vec<String> = crumbs.iter().map(|c| c.to_string()).collect();
    headline(&doc, text, &crumbs)
}

/// A headline broken over lines keeps its words apart; one set in inline runs keeps its
/// words whole.
#[test]
fn a_headline_broken_over_lines_keeps_its_words_apart() {
    for h1 in [
        "<h1>Guangxi to invest big<br>in transport</h1>",
        "<h1>Guangxi to <b>invest</b> big in trans<i>port</i></h1>",
    ] {
        let page = format!(
            "<html><head><title>Guangxi English</title></head><body>{h1}<p>Text.</p></body></html>"
        );
        assert_eq!(
            headline_of(&page, &[]).as_deref(),
            Some("Guangxi to invest big in transport"),
            "{h1}"
        );
    }
}

/// A section's name heading the column above the article, which a `<title>` starting with
/// the section agrees with, yields to the heading that stands last above the text.
#[test]
fn a_section_heading_above_the_headline_is_not_it() {
    let page = "<html><head><title>Guangxi News - Guangxi Zhuang Autonomous Region</title></head>\
         <body><div class=\"col\"><h2>Guangxi News</h2>\
         <h1>Guangxi steps up ASEAN cooperation</h1>\
         <div id=\"text\"><p>Guangxi will deepen cooperation with ASEAN.</p></div></div></body></html>";
    assert_eq!(
        headline_of(page, &["Home", "News", "Guangxi News"]).as_deref(),
        Some("Guangxi steps up ASEAN cooperation")
    );
    // Without the breadcrumb naming the section, the `<title>` is trusted as before.
    assert_eq!(headline_of(page, &[]).as_deref(), Some("Guangxi News"));
    // A column heading the `<title>` starts with yields to the `<h1>` that holds it.
    let page = "<html><head><title>Government Work Report - Guangxi Zhuang Autonomous Region</title>\
         </head><body><div class=\"col\"><h2>Government Work Report</h2>\
         <h1>Full text: 2024 Government Work Report of Guangxi</h1>\
         <div id=\"text\"><p>Fellow deputies, I now report on the work.</p></div></div>\
         </body></html>";
    assert_eq!(
        headline_of(page, &[]).as_deref(),
        Some("Full text: 2024 Government Work Report of Guangxi")
    );
}

/// An `<h1>` above the text that retells the metadata's title at more length is the
/// headline; a section's name in an `<h1>` is not.
#[test]
fn a_visible_headline_beats_a_shorter_metadata_title() {
    for (h1, want) in [
        (
            "Nanning metro Line 6 starts trial runs",
            "Nanning metro Line 6 starts trial runs",
        ),
        ("Guangxi News", "Nanning metro line trial"),
    ] {
        let page = format!(
            "<html><head><title>Guangxi English</title>\
             <meta name=\"ArticleTitle\" content=\"Nanning metro line trial\"></head>\
             <body><h1>{h1}</h1><div id=\"text\"><p>The line runs 20 km.</p></div></body></html>"
        );
        assert_eq!(headline_of(&page, &[]).as_deref(), Some(want), "{h1}");
    }
    assert!(retells(
        "Nanning metro Line 6 starts trial runs",
        "Nanning metro line trial"
    ));
    assert!(!retells("Guangxi News", "Nanning metro line trial"));
}

#[test]
fn tag_confirms_candidates_next_to_a_separator() {
    let rules = crate::scrape::rules::Rules::default();
    let tag_match = |c, tag| tag_match(&rules.titles, c, tag);
    assert_eq!(
        tag_match("Nanning opens metro", "Nanning opens metro - Guangxi"),
        2
    );
    assert_eq!(tag_match("Nanning opens metro", "Nanning opens metro"), 3);
    assert_eq!(
        tag_match("Guangxi", "Nanning opens metro - Guangxi English"),
        0
    );
    assert_eq!(
        tag_match("Guangxi English", "Nanning opens metro - Guangxi English"),
        1
    );
}
