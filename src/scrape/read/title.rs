//! The headline: the element that shows it, confirmed by the `<title>` tag or the metadata tags
//! where they agree, never the `<title>` tag with its site name when a better one exists.

use html5ever::local_name;
use scraper::ElementRef;

use crate::sanitize::clean_text;
use crate::scrape::{doc::Doc, dom::AttrExt};

/// Elements that may hold a headline: headings, and in older layouts title cells and bold or
/// font runs. Checked by hand, one walk, cheaper than a selector list over the whole page.
fn heading_like(el: &ElementRef) -> bool {
    let v = el.value();
    match v.name() {
        "h1" | "h2" | "h3" => true,
        // Bold or font runs as titles of older layouts, not emphasis inside a paragraph.
        "b" | "strong" | "font" => !el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take(4)
            .any(|a| matches!(a.value().name(), "p" | "li" | "a" | "h1" | "h2" | "h3")),
        "td" | "div" | "span" | "p" => [
            v.attr_named(&local_name!("class")),
            v.attr_named(&local_name!("id")),
        ]
        .into_iter()
        .flatten()
        .any(|a| {
            // Names are lower-case as a rule: only others are copied to be lowered.
            let lowered;
            let a = if a.bytes().any(|b| b.is_ascii_uppercase()) {
                lowered = a.to_ascii_lowercase();
                lowered.as_str()
            } else {
                a
            };
            a.contains("title")
                || a.contains("headline")
                || a.contains("biaoti")
                || a.split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|w| w == "bt")
        }),
        _ => false,
    }
}

/// True for a heading that links to the site's front page, as a logo does: through a link
/// inside it or around it.
fn links_home(doc: &Doc, el: ElementRef) -> bool {
    el.descendants()
        .filter_map(ElementRef::wrap)
        .chain(el.ancestors().filter_map(ElementRef::wrap).take(2))
        .filter(|a| a.value().name() == "a")
        .filter_map(|a| a.value().attribute("href"))
        .filter_map(|h| doc.resolve_url(h))
        .any(|u| crate::scrape::doc::is_front_url(&u))
}

/// True when `long` holds most of the words of `short` (three quarters or more, in any case),
/// and more words besides or as many: the same headline, told at more length.
fn retells(long: &str, short: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (l, s) = (words(long), words(short));
    let shared = s.iter().filter(|w| l.contains(w)).count();
    !s.is_empty() && l.len() >= s.len() && shared * 4 >= s.len() * 3
}

/// The text of a candidate, when its length can be a headline's.
fn candidate_text(el: ElementRef) -> Option<String> {
    let raw: usize = el.text().map(str::len).sum();
    if !(4..=1200).contains(&raw) {
        return None;
    }
    // Headings hold plain text: their text nodes, cleaned, without a full walk; one broken
    // over lines (`Guangxi to invest big<br>in transport`) is walked, so that its words stay
    // apart.
    let broken = el.descendants().any(|d| {
        d.value()
            .as_element()
            .is_some_and(|e| e.name.local == html5ever::local_name!("br"))
    });
    let text = if broken {
        crate::scrape::dom::text::inline_text(el)
    } else {
        clean_text(&el.text().collect::<String>())
    };
    Some(text).filter(|t| usable(t))
}

const SEPARATORS: &[&str] = &[" - ", " | ", " — ", " – ", "_", " :: ", "--", "——"];

fn norm(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for w in lower.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// How well a candidate matches the `<title>` tag: 3 when it is the whole tag, 2 when the tag
/// starts with it and a separator (the usual `Headline - Site`), 1 when it ends with it after a
/// separator (`Site | Headline`, but also a site name shown in a heading), 0 otherwise.
fn tag_match(candidate: &str, tag: &str) -> u8 {
    tag_match_normed(&norm(candidate), &norm(tag))
}

/// [`tag_match`] over texts already passed through [`norm`].
fn tag_match_normed(c: &str, t: &str) -> u8 {
    if c.is_empty() || c.chars().count() < 4 {
        return 0;
    }
    if c == t {
        return 3;
    }
    let after = t.strip_prefix(c).is_some_and(|rest| {
        SEPARATORS
            .iter()
            .any(|s| rest.starts_with(s.trim_end()) || rest.starts_with(s))
    });
    let before = t.strip_suffix(c).is_some_and(|rest| {
        SEPARATORS
            .iter()
            .any(|s| rest.ends_with(s.trim_start()) || rest.ends_with(s))
    });
    // `Headline-City-Site`: a bare hyphen or underscore, trusted for headline-length text only.
    let bare = |rest: &str| rest.starts_with(['-', '_', '|', '–', '—']);
    let words = c.split_whitespace().count() >= 3;
    let after = after || (words && t.strip_prefix(c).is_some_and(bare));
    // `Print: Headline`: a bare colon or bar before headline-length text.
    let bare_before = |rest: &str| rest.trim_end().ends_with([':', '：', '|', '-', '_', '»']);
    let before = before || (words && t.strip_suffix(c).is_some_and(bare_before));
    match (after, before) {
        (true, _) => 2,
        (_, true) => 1,
        _ => 0,
    }
}

/// Strips a site name from a `<title>`: `Headline - Site` or `Site | Headline` keep the
/// longest part.
pub fn strip_site_name(title: &str) -> String {
    title_parts_keeping_empty(title)
        .into_iter()
        .map(str::trim)
        .max_by_key(|p| p.chars().count())
        .unwrap_or_default()
        .to_string()
}

/// True for a `<title>` part that names a site rather than a page.
fn site_like(part: &str) -> bool {
    let p = part.to_lowercase();
    [
        "english",
        "government",
        "portal",
        "online",
        "window",
        "edition",
        "express",
        "autonomous region",
        "www.",
        ".gov",
        ".cn",
        ".com",
        "政府",
        "门户",
    ]
    .iter()
    .any(|w| p.contains(w))
}

/// True for text that reads as a site's name: site words in a short, name-cased phrase. A
/// headline may mention a government or a portal, but reads as a sentence.
fn site_name(text: &str) -> bool {
    // Names are short: longer text is ruled out before its words are looked at.
    if text.split_whitespace().nth(6).is_some() {
        return false;
    }
    // Names capitalise their words (`The People's Government of Guangxi`); headlines here are
    // written in sentence case (`Sanyuesan festival celebrated online across Guangxi`).
    let name_cased = text.split_whitespace().all(|w| {
        !w.starts_with(|c: char| c.is_lowercase())
            || matches!(w, "of" | "the" | "and" | "for" | "in" | "on")
    });
    name_cased && site_like(text)
}

/// True for a `<title>` part that numbers a page (`Page 2`, `第2页`).
fn page_number_part(part: &str) -> bool {
    let p = part.trim().to_lowercase();
    let digits = |s: &str| !s.is_empty() && s.trim().chars().all(|c| c.is_ascii_digit());
    p.strip_prefix("page").is_some_and(digits)
        || (p.starts_with('第') && p.ends_with('页'))
        || digits(&p)
}

/// The name of a page that is not an article (a section list, an about page): its heading when
/// the `<title>` tag confirms it, else the `<title>` tag's own part without the site name and
/// page number, else the last crumb of its breadcrumb, else its first heading.
pub fn page_name(doc: &Doc, breadcrumb: &[String]) -> Option<String> {
    let tag = doc.title_tag.clone();
    let headings =
        doc.elements.iter().copied().filter(|e| {
            matches!(e.value().name(), "h1" | "h2" | "h3") && !doc.facts.in_furniture(e)
        });
    let mut first_heading = None;
    let mut first_h1 = None;
    for h in headings {
        let Some(text) = candidate_text(h) else {
            continue;
        };
        if tag_match(&text, &tag) >= 2 && !site_like(&text) {
            return Some(text);
        }
        if first_h1.is_none() && h.value().name() == "h1" && !site_like(&text) {
            first_h1 = Some(text.clone());
        }
        if first_heading.is_none() && h.value().name() != "h3" {
            first_heading = Some(text);
        }
    }
    // The page's own `<h1>` names it better than a `<title>` written for search engines.
    if first_h1.is_some() {
        return first_h1;
    }
    let parts: Vec<String> = title_parts(&tag)
        .into_iter()
        .filter(|p| !page_number_part(p))
        .collect();
    if let Some(p) = parts.iter().find(|p| !site_like(p) && usable(p)) {
        return Some(p.clone());
    }
    // A site's front page is named by its `<title>`, the site's own name.
    if crate::scrape::doc::is_front_url(&doc.base)
        && let Some(p) = parts.first().filter(|p| usable(p))
    {
        return Some(p.clone());
    }
    let crumb = breadcrumb
        .last()
        .filter(|c| breadcrumb.len() >= 2 && usable(c));
    if let Some(c) = crumb {
        return Some(c.clone());
    }
    first_heading.or_else(|| parts.into_iter().next().filter(|p| usable(p)))
}

fn usable(t: &str) -> bool {
    let n = t.chars().count();
    (4..=300).contains(&n)
}

/// The headline of a page, from the profile's selectors, the page's headings, the metadata tags
/// and the `<title>` tag, in that order of preference, each checked against the others.
///
/// `text_block`, the element holding the article's text, breaks ties among unconfirmed
/// candidates: the headline is the last one standing above the text.
pub fn headline(doc: &Doc, text_block: Option<ElementRef>, crumbs: &[String]) -> Option<String> {
    let tag = doc.title_tag.clone();
    let metas: Vec<String> = [
        doc.meta(&["articletitle"]),
        doc.meta(&["og:title", "twitter:title"]),
        doc.ld("headline"),
    ]
    .into_iter()
    .flatten()
    .collect();
    // A metadata title may carry the site's name too (`Headline | Site`): its own part counts.
    let metas_norm: Vec<String> = metas
        .iter()
        .flat_map(|m| {
            let own = title_parts(m)
                .into_iter()
                .filter(|p| !site_name(p))
                .max_by_key(|p| p.chars().count());
            std::iter::once(norm(m)).chain(own.map(|o| norm(&o)))
        })
        .collect();
    let tag_norm = norm(&tag);
    let agreement = |c: &str| {
        let c = norm(c);
        if metas_norm.contains(&c) {
            3
        } else {
            tag_match_normed(&c, &tag_norm)
        }
    };

    // Candidates in order of trust: the profile's selectors, then headings and title-like
    // elements in page order. The best agreement wins; a perfect one ends the search.
    let profiled: Vec<ElementRef> = doc.hits.title.iter().flatten().copied().collect();
    let block_id = text_block.map(|b| b.id());
    let passed_block = std::cell::Cell::new(false);
    let headings = doc
        .elements
        .iter()
        .copied()
        .inspect(|e| {
            if Some(e.id()) == block_id {
                passed_block.set(true);
            }
        })
        .filter(heading_like);
    let mut best: Option<(u8, String)> = None;
    let mut last_above_text: Option<String> = None;
    // The last `<h1>` above the text that the `<title>` does not confirm.
    let mut last_h1_above_text: Option<String> = None;
    let mut first_profiled: Option<String> = None;
    let mut first_heading: Option<String> = None;
    for (is_profiled, el) in profiled
        .iter()
        .map(|e| (true, *e))
        .chain(headings.map(|e| (false, e)))
    {
        let Some(text) = candidate_text(el) else {
            continue;
        };
        let mut score = agreement(&text);
        // A site's name shown in a heading (a logo's `<h1>`) agrees with the `<title>` too, but
        // is never the headline. A heading that starts the `<title>` before a site's name
        // (`2024 Government Work Report - The People's Government of …`) is the headline
        // however it is worded, unless it stands in the page's furniture (a logo in a header).
        let starts_tag_before_site = || {
            score == 2
                && tag_norm
                    .strip_prefix(norm(&text).as_str())
                    .is_some_and(site_like)
                && !doc.facts.in_furniture(&el)
                && !links_home(doc, el)
        };
        let site = score < 3 && site_name(&text) && !starts_tag_before_site();
        if site {
            if score > 0 {
                continue;
            }
            score = 0;
        }
        if score == 0 {
            if is_profiled && first_profiled.is_none() && !doc.facts.in_furniture(&el) {
                first_profiled = Some(text);
            } else if !is_profiled
                && !matches!(el.value().name(), "b" | "strong" | "font")
                // Known already: the score is 0.
                && !site
                && !doc.facts.in_furniture(&el)
            {
                if !passed_block.get() && block_id.is_some() {
                    last_above_text = Some(text.clone());
                    if el.value().name.local == html5ever::local_name!("h1") {
                        last_h1_above_text = Some(text.clone());
                    }
                }
                if first_heading.is_none() {
                    first_heading = Some(text);
                }
            }
            continue;
        }
        if best.as_ref().is_some_and(|(b, _)| *b >= score) || doc.facts.in_furniture(&el) {
            continue;
        }
        if score == 3 {
            return Some(text);
        }
        best = Some((score, text));
    }
    if let Some((_, c)) = best {
        // A section's name (a crumb of the breadcrumb) heading the column above the article
        // agrees with a `<title>` that starts with the section (`Guangxi News - Site`), but
        // the headline is the heading standing last above the text.
        let crumb = |t: &str| crumbs.iter().any(|k| k.eq_ignore_ascii_case(t));
        if crumb(&c)
            && let Some(h) = last_above_text.filter(|h| *h != c && !crumb(h))
        {
            return Some(h);
        }
        // A column's heading that the `<title>` starts with (`Government Work Report - Site`)
        // yields to the article's own `<h1>` above the text that holds it (`Full text: 2024
        // Government Work Report of Guangxi`).
        if let Some(h) = last_h1_above_text.filter(|h| *h != c && norm(h).contains(&norm(&c))) {
            return Some(h);
        }
        return Some(c);
    }
    // The metadata's own title, when no element shows it; an `<h1>` above the text that says
    // the same at more length (`Nanning metro Line 6 starts trial runs` for `Nanning metro
    // line trial`) is the headline the reader sees.
    if let Some(m) = metas.iter().find(|m| usable(m)) {
        if let Some(h) = last_h1_above_text.filter(|h| retells(h, m)) {
            return Some(h);
        }
        return Some(m.clone());
    }
    // The profile's headline element, unconfirmed.
    if first_profiled.is_some() {
        return first_profiled;
    }
    // The `<title>` tag's own part, when it has one that names neither the site nor a kind of
    // page (`News Detail`); else the page's first heading; else the tag's longest part.
    let parts = title_parts(&tag);
    let own = parts
        .iter()
        .filter(|p| !site_name(p) && !generic(p) && usable(p))
        .max_by_key(|p| p.chars().count())
        .cloned();
    // A `<title>` of one part that no heading repeats is the site's name (`Guangxi, China`),
    // when a heading stands above the text.
    let lone = parts.len() == 1 && last_above_text.is_some();
    if own.is_some() && !lone {
        return own;
    }
    if last_above_text.is_some() {
        return last_above_text;
    }
    if first_heading.is_some() {
        return first_heading;
    }
    let stripped = strip_site_name(&tag);
    usable(&stripped).then_some(stripped)
}

/// True when the headline is a teaser: a heading that is itself a link to another page (a
/// list's featured item), not this page's own headline. The same words in a side box (`Latest
/// News`) link to this article from elsewhere and do not count.
pub(crate) fn is_teaser(doc: &Doc, title: &str, page_url: &str) -> bool {
    doc.anchors.iter().any(|a| {
        let in_heading = a
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take(2)
            .any(|h| matches!(h.value().name(), "h1" | "h2" | "h3" | "h4"));
        if !in_heading {
            return false;
        }
        let len: usize = a.text().map(str::len).sum();
        len + 16 >= title.len()
            && len <= title.len() * 2 + 64
            && crate::sanitize::clean_text(&a.text().collect::<String>()) == title
            && a.value()
                .attribute("href")
                .and_then(|h| doc.resolve_url(h))
                .is_some_and(|u| {
                    !matches!(u.scheme(), "javascript" | "mailto")
                        && crate::model::canonical_url(&u).as_str() != page_url
                })
    })
}

/// True for a "page not found" or error page, by its `<title>` or its first `<h1>`.
pub fn is_error_page(doc: &Doc) -> bool {
    let says_error = |t: &str| {
        let t = t.to_lowercase();
        t.contains("404")
            || t.contains("not found")
            || t.contains("page does not exist")
            || t.contains("找不到")
            || t.contains("页面不存在")
            || t.starts_with("error")
    };
    says_error(&doc.title_tag)
        || doc
            .elements
            .iter()
            .find(|e| e.value().name() == "h1")
            .is_some_and(|h| says_error(&crate::scrape::dom::text::inline_text(*h)))
}

/// The parts of a `<title>` between its separators.
fn title_parts(tag: &str) -> Vec<String> {
    title_parts_keeping_empty(tag)
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// The text between a `<title>`'s separators, untrimmed, empty parts included: slices of the
/// title, split only at the separators it holds.
fn title_parts_keeping_empty(tag: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = vec![tag];
    for sep in SEPARATORS {
        if parts.iter().any(|p| p.contains(sep)) {
            parts = parts.iter().flat_map(|p| p.split(sep)).collect();
        }
    }
    parts
}

/// True for a `<title>` part that names a kind of page rather than the page.
fn generic(part: &str) -> bool {
    let p = part.to_lowercase();
    [
        "news detail",
        "news details",
        "detail",
        "details",
        "content",
        "article",
        "news",
        "print",
        "news content",
        "article detail",
        "正文",
        "详情",
        "内容页",
    ]
    .contains(&p.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_name_is_stripped_from_title_tag() {
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
}
