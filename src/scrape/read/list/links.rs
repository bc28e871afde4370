//! The links of a list and what they say: which are articles (titled like one, not a pager's
//! step), their titles, and the date shown beside each.

use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset};
use html5ever::local_name;
use scraper::ElementRef;
use url::Url;

use crate::model::ListLink;
use crate::sanitize::clean_text;
use crate::scrape::date::parse_date;
use crate::scrape::dom::text::inline_text;
use crate::scrape::profile::Profile;
use crate::scrape::rules::ListRules;
use crate::scrape::{doc::Doc, dom::AttrExt};

/// A link with fewer characters of title than this is a tag or a button, not an article.
const MIN_TITLE_CHARS: usize = 6;

/// An item part of at most this many characters that holds a date is the date alone.
const MAX_DATE_ONLY: usize = 30;

/// True for a link to the page's own site: the same host, whether it is written with `http`
/// or `https`, and the same port when one is given.
pub(super) fn same_site(u: &Url, page: &Url) -> bool {
    u.host_str() == page.host_str() && u.port() == page.port()
}

/// True for a link text that reads like a headline: three words or more, or six Chinese
/// characters.
pub fn title_like(title: &str) -> bool {
    title.split_whitespace().count() >= 3
        || title
            .chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count()
            >= 6
}

/// The brackets and arrows a pager puts around its steps (`[2]`, `Last »`, `‹ Prev`).
pub(super) const PAGER_MARKS: &str = "[]<>«»›‹";

/// True for link texts of pagers (`Next`, `2`, `Last`, `First page`, `Prev 10`, `Last »`),
/// never article titles: a headline that starts with such a word (`First China-ASEAN expo
/// opens`, `Last year's harvest`) goes on with words of its own.
pub(super) fn is_pager_text(rules: &ListRules, text: &str, profile: &Profile) -> bool {
    let t = text.to_lowercase();
    let pager_mark = |c: char| c.is_ascii_digit() || c.is_whitespace() || PAGER_MARKS.contains(c);
    // `« Previous`, `[First]`: the marks around the word are the pager's own.
    let word = t.trim_matches(|c: char| c.is_whitespace() || PAGER_MARKS.contains(c));
    t.chars().all(pager_mark)
        || profile.next_texts.contains(&t)
        || rules.pager_starts.iter().any(|s| t.starts_with(s.as_str()))
        || rules.pager_words.iter().any(|w| {
            word.strip_prefix(w.as_str()).is_some_and(|r| {
                r.is_empty()
                    || (r.starts_with(' ')
                        && (r.trim() == "page" || r.chars().all(|c| !c.is_alphabetic())))
            })
        })
}

/// The title of a link: its text, or its `title` attribute when the text is cut short.
fn link_title(a: &ElementRef) -> String {
    // A link that wraps a whole card (picture, heading, date) is titled by its heading.
    if let Some(h) = a
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| matches!(e.value().name(), "h1" | "h2" | "h3" | "h4" | "h5"))
    {
        let heading = inline_text(h);
        if !heading.is_empty() {
            return heading;
        }
    }
    let text = inline_text(*a);
    let attr = clean_text(a.value().attribute("title").unwrap_or(""));
    if attr.chars().count() > text.chars().count()
        && (text.ends_with("...") || text.ends_with('…') || text.is_empty())
    {
        attr
    } else {
        text
    }
}

/// The list item around a link: the nearest `li`/`tr`/`dd` ancestor inside the container.
fn item_of<'a>(a: ElementRef<'a>, container: &ElementRef<'a>) -> ElementRef<'a> {
    a.ancestors()
        .take_while(|n| n.id() != container.id())
        .filter_map(ElementRef::wrap)
        .find(|e| {
            matches!(
                e.value().name(),
                "li" | "tr" | "dd" | "p" | "div" | "article"
            )
        })
        .unwrap_or(a)
}

static URL_DATE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^((?:19|20)\d{2})[-/]?(\d{2})[-/]?t?(\d{2})").expect("valid regex")
});

static NUMBERS: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"\d+").expect("valid regex"));

/// The date in an article link's URL (`/202101/t20210125_615990.htm`), taken only when the item
/// shows part of it (`01-25`, or `12` and `2023.05` in separate elements) but not a whole date.
fn date_from_url(url: &Url, shown: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let path = url.path();
    let shown_numbers: Vec<u32> = NUMBERS
        .find_iter(shown)
        .filter_map(|n| n.as_str().parse().ok())
        .collect();
    // Dates may overlap other digits (`/202101/t20210125_…`): every place a year may start is
    // tried, and the first date the item agrees with wins.
    (0..path.len())
        .filter(|&i| {
            path.is_char_boundary(i) && (path[i..].starts_with("19") || path[i..].starts_with("20"))
        })
        .find_map(|i| {
            let c = URL_DATE.captures(&path[i..])?;
            let (y, m, d): (i32, u32, u32) =
                (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
            (shown_numbers.contains(&m) && shown_numbers.contains(&d))
                .then(|| parse_date(&format!("{y:04}-{m:02}-{d:02}")))
                .flatten()
        })
}

/// [`item_text`] without the text of one element inside it (the headline's link).
fn item_text_without(item: ElementRef, skip: ElementRef) -> String {
    let mut out = String::new();
    for node in item.descendants() {
        if let Some(t) = node.value().as_text()
            && !node.ancestors().any(|a| a.id() == skip.id())
        {
            out.push_str(t);
            out.push(' ');
        }
    }
    clean_text(&out)
}

/// An item's text with its text nodes kept apart (`…wonderland</a><em>Jan 21, 2021`): enough
/// to find its date.
fn item_text(item: ElementRef) -> String {
    let mut out = String::new();
    for t in item.text() {
        out.push_str(t);
        out.push(' ');
    }
    clean_text(&out)
}

/// The article links of one container, in order, without duplicates.
pub(super) fn links_in(
    doc: &Doc,
    container: ElementRef,
    profile: &Profile,
    page: &Url,
) -> Vec<ListLink> {
    let mut seen = HashSet::default();
    let mut out = Vec::new();
    for a in links_under(container) {
        let Some((resolved, url, title)) = article_link(doc, a, profile, page) else {
            continue;
        };
        if !seen.insert(url.clone()) {
            continue;
        }
        let published = link_date(container, a, &resolved).map(|d| d.to_rfc3339());
        out.push(ListLink {
            url,
            title,
            published,
        });
    }
    out
}

/// A link that may be an article's: shown, on the page's own site, titled like one (not a
/// category's `[Guangxi News]`, not a pager's step). Its URL, the URL as text, and its title.
fn article_link(
    doc: &Doc,
    a: ElementRef,
    profile: &Profile,
    page: &Url,
) -> Option<(Url, String, String)> {
    if doc.facts.in_hidden(&a) {
        return None;
    }
    let href = a.value().attribute("href").unwrap_or("");
    let (resolved, url) = doc.resolve_both(href)?;
    // A pager's own link (`<a rel="next">`) is not an item.
    if a.value()
        .attribute("rel")
        .is_some_and(|r| r.split_whitespace().any(|w| w == "next" || w == "prev"))
    {
        return None;
    }
    let title = link_title(&a);
    // `[Guangxi News]` before a headline is the item's category, not an article.
    let tag = (title.starts_with('[') && title.ends_with(']'))
        || (title.starts_with('【') && title.ends_with('】'));
    if title.chars().count() < MIN_TITLE_CHARS
        || tag
        || is_pager_text(&doc.rules.lists, &title, profile)
        || !same_site(&resolved, page)
    {
        return None;
    }
    Some((resolved, url, title))
}

/// The date shown beside an article link in its item (`<li><a>…</a> <span>2021-01-25</span>`),
/// or in the descriptions after its term (`<dt><a>…</a></dt><dd>2020/12/30</dd>`).
fn link_date(
    container: ElementRef,
    a: ElementRef,
    resolved: &Url,
) -> Option<DateTime<FixedOffset>> {
    let item = item_of(a, &container);
    let term = a
        .ancestors()
        .filter_map(ElementRef::wrap)
        .take(3)
        .find(|e| e.value().name() == "dt");
    if item.id() == a.id() && term.is_none() {
        return None;
    }
    // The item, or the block around it when that holds this article only (a date beside the
    // headline's own block).
    let around = item
        .parent()
        .and_then(ElementRef::wrap)
        .filter(|p| p.id() != container.id())
        .filter(|p| {
            let mut hrefs = links_under(*p).filter_map(|l| l.value().attribute("href"));
            let first = hrefs.next();
            hrefs.all(|h| Some(h) == first)
        });
    // The date shown beside the headline, not one the headline mentions (`…suspended on Aug
    // 6`).
    let beside = |el: ElementRef| {
        let text = item_text_without(el, a);
        parse_date(&text)
            .or_else(|| date_from_url(resolved, &text))
            .or_else(|| parse_date(&item_text(el)))
    };
    // `<dt><a>Title</a></dt><dd>summary</dd><dd>2020/12/30</dd>`: the item is the term and the
    // descriptions that follow it.
    if let Some(dt) = term {
        let parts: Vec<ElementRef> = std::iter::once(dt)
            .chain(
                dt.next_siblings()
                    .filter_map(ElementRef::wrap)
                    .take_while(|e| e.value().name() != "dt"),
            )
            .collect();
        // A description that is only a date says it; a summary may mention others.
        return parts
            .iter()
            .filter(|e| raw_chars(**e) <= MAX_DATE_ONLY)
            .find_map(|e| parse_date(&item_text(*e)))
            .or_else(|| parts.iter().copied().find_map(beside));
    }
    std::iter::once(item).chain(around).find_map(beside)
}

/// The links (with an `href`) inside an element, in page order: a walk matching tag names, far
/// cheaper than a selector.
pub(super) fn links_under<'a>(el: ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> {
    el.descendants().filter_map(ElementRef::wrap).filter(|e| {
        let v = e.value();
        v.name.local == local_name!("a") && v.attr_named(&local_name!("href")).is_some()
    })
}

/// The number of non-space characters in an element's text nodes: a size, cheaply.
pub(super) fn raw_chars(el: ElementRef) -> usize {
    el.text().map(crate::scrape::dom::text::visible_chars).sum()
}
