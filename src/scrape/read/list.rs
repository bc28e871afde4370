//! Section list pages: the article links of the list itself (not the side boxes), their dates,
//! the next page, and the site's navigation.

use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

use html5ever::local_name;
use scraper::{ElementRef, Selector};
use url::Url;

use crate::model::{ListLink, ListPage};
use crate::sanitize::clean_text;
use crate::scrape::classify::MIN_LINKS;
use crate::scrape::date::parse_date;
use crate::scrape::dom::tags;
use crate::scrape::dom::text::inline_text;
use crate::scrape::dom::words::listed;
use crate::scrape::profile::Profile;
use crate::scrape::rules::ListRules;
use crate::scrape::{doc::Doc, dom::AttrExt};

static NAV_GUESS: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("nav a[href], header a[href]").expect("valid"));

/// True for a link to the page's own site: the same host, whether it is written with `http`
/// or `https`, and the same port when one is given.
fn same_site(u: &Url, page: &Url) -> bool {
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
const PAGER_MARKS: &str = "[]<>«»›‹";

/// True for link texts of pagers (`Next`, `2`, `Last`, `First page`, `Prev 10`, `Last »`),
/// never article titles: a headline that starts with such a word (`First China-ASEAN expo
/// opens`, `Last year's harvest`) goes on with words of its own.
fn is_pager_text(rules: &ListRules, text: &str, profile: &Profile) -> bool {
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
fn links_in(doc: &Doc, container: ElementRef, profile: &Profile, page: &Url) -> Vec<ListLink> {
    let mut seen = HashSet::default();
    let mut out = Vec::new();
    for a in links_under(container) {
        if doc.facts.in_hidden(&a) {
            continue;
        }
        let href = a.value().attribute("href").unwrap_or("");
        let Some((resolved, url)) = doc.resolve_both(href) else {
            continue;
        };
        // A pager's own link (`<a rel="next">`) is not an item.
        if a.value()
            .attribute("rel")
            .is_some_and(|r| r.split_whitespace().any(|w| w == "next" || w == "prev"))
        {
            continue;
        }
        let title = link_title(&a);
        // `[Guangxi News]` before a headline is the item's category, not an article.
        let tag = (title.starts_with('[') && title.ends_with(']'))
            || (title.starts_with('【') && title.ends_with('】'));
        if title.chars().count() < 6
            || tag
            || is_pager_text(&doc.rules.lists, &title, profile)
            || !same_site(&resolved, page)
        {
            continue;
        }
        if !seen.insert(url.clone()) {
            continue;
        }
        let item = item_of(a, &container);
        let in_term = a
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take(3)
            .any(|e| e.value().name() == "dt");
        let published = (item.id() != a.id() || in_term)
            .then(|| {
                // The item, or the block around it when that holds this article only (a date
                // beside the headline's own block).
                let around = item
                    .parent()
                    .and_then(ElementRef::wrap)
                    .filter(|p| p.id() != container.id())
                    .filter(|p| {
                        let mut hrefs = links_under(*p).filter_map(|l| l.value().attribute("href"));
                        let first = hrefs.next();
                        hrefs.all(|h| Some(h) == first)
                    });
                // The date shown beside the headline, not one the headline mentions
                // (`…suspended on Aug 6`).
                let beside = |el: ElementRef| {
                    let text = item_text_without(el, a);
                    parse_date(&text)
                        .or_else(|| date_from_url(&resolved, &text))
                        .or_else(|| parse_date(&item_text(el)))
                };
                // `<dt><a>Title</a></dt><dd>summary</dd><dd>2020/12/30</dd>`: the item is
                // the term and the descriptions that follow it.
                let term = a
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .take(3)
                    .find(|e| e.value().name() == "dt");
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
                        .filter(|e| raw_chars(**e) <= 30)
                        .find_map(|e| parse_date(&item_text(*e)))
                        .or_else(|| parts.iter().copied().find_map(beside));
                }
                std::iter::once(item).chain(around).find_map(beside)
            })
            .flatten()
            .map(|d| d.to_rfc3339());
        out.push(ListLink {
            url,
            title,
            published,
        });
    }
    out
}

/// The links (with an `href`) inside an element, in page order: a walk matching tag names, far
/// cheaper than a selector.
fn links_under<'a>(el: ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> {
    el.descendants().filter_map(ElementRef::wrap).filter(|e| {
        let v = e.value();
        v.name.local == local_name!("a") && v.attr_named(&local_name!("href")).is_some()
    })
}

/// The number of non-space characters in an element's text nodes: a size, cheaply.
fn raw_chars(el: ElementRef) -> usize {
    el.text().map(crate::scrape::dom::text::visible_chars).sum()
}

/// Which elements of a page hold a title-length link (a link with ten characters of text or
/// more), themselves or below: worked out once for the page, from the last element back, so
/// that each element's children are known before it.
pub(crate) struct TitledLinks(Vec<bool>);

impl TitledLinks {
    pub fn new(doc: &Doc) -> TitledLinks {
        let mut held = vec![false; doc.facts.len()];
        for e in doc.elements.iter().rev() {
            let Some(i) = doc.facts.index_of(e) else {
                continue;
            };
            let v = e.value();
            if v.name.local == local_name!("a")
                && v.attr_named(&local_name!("href")).is_some()
                && raw_chars(*e) >= 10
            {
                held[i] = true;
            }
            if held[i]
                && let Some(j) = e
                    .parent()
                    .and_then(ElementRef::wrap)
                    .and_then(|p| doc.facts.index_of(&p))
            {
                held[j] = true;
            }
        }
        TitledLinks(held)
    }

    /// True when the element, or an element under it, is a title-length link.
    fn holds(&self, doc: &Doc, el: ElementRef) -> bool {
        match doc.facts.index_of(&el) {
            Some(i) => self.0[i],
            None => links_under(el).any(|a| raw_chars(a) >= 10),
        }
    }
}

/// How many direct children of a group hold a title-length link: the shape of a list.
fn item_count(doc: &Doc, titled: &TitledLinks, group: ElementRef) -> usize {
    group
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|c| tags::kind(&c.value().name.local) & tags::LIST_ITEM != 0)
        .filter(|c| titled.holds(doc, *c))
        .count()
}

/// The link list of a page: the profile's container, else the largest list-shaped group of
/// links outside navigation and side boxes.
fn best_container<'a>(
    doc: &Doc<'a>,
    titled: &TitledLinks,
    min_items: usize,
) -> Option<(ElementRef<'a>, bool)> {
    for matches in &doc.hits.list {
        if let Some(&el) = matches.iter().find(|e| !doc.facts.hidden(e)) {
            return Some((el, true));
        }
    }
    doc.elements
        .iter()
        .copied()
        .filter(|e| tags::kind(&e.value().name.local) & tags::LIST_GROUP != 0)
        .filter(|g| !doc.facts.hidden(g))
        .map(|g| (item_count(doc, titled, g), g))
        .filter(|(n, _)| *n >= min_items)
        .filter(|(_, g)| {
            !doc.facts.in_furniture(g) && !under_side_heading(&doc.rules.lists, g, &doc.title_tag)
        })
        .max_by_key(|(n, _)| *n)
        .map(|(_, g)| (g, false))
}

/// True for a group headed as a side box (`Most Read`, `Hot News`, `Related`): its heading is
/// the element just before it, or just before the block it opens.
fn under_side_heading<'a>(rules: &ListRules, g: &ElementRef<'a>, page_title: &str) -> bool {
    let page_title = page_title.to_lowercase();
    let heading = |e: Option<ElementRef>| {
        e.is_some_and(|h| {
            raw_chars(h) <= 30 && {
                let t = inline_text(h).to_lowercase();
                // A section named like a side box (`Latest News`) shows its own list under
                // its own name.
                let own_name =
                    !t.is_empty() && page_title.starts_with(t.trim_end_matches(" more").trim());
                // The box's own `More »` link is not part of its name.
                let box_name = t
                    .trim_end_matches(|c: char| c.is_whitespace() || "»>›+…".contains(c))
                    .trim_end_matches("more");
                !own_name
                    && rules
                        .side_box_headings
                        .iter()
                        // An English heading is the box's phrase, perhaps with what it lists
                        // (`Hot News`, `Related Links`), not a phrase that goes on (`Hotels`,
                        // `Latest Updates`, `Popular Science`); Chinese ones head as before.
                        .any(|w| {
                            box_name.strip_prefix(w.as_str()).is_some_and(|rest| {
                                !w.is_ascii() || listed(&rules.box_subjects, rest.trim())
                            })
                        })
            }
        })
    };
    fn before<'a>(e: &ElementRef<'a>) -> Option<ElementRef<'a>> {
        e.prev_siblings().find_map(ElementRef::wrap)
    }
    heading(before(g))
        || (before(g).is_none()
            && g.parent()
                .and_then(ElementRef::wrap)
                .is_some_and(|p| heading(before(&p))))
}

/// The lists made like `best` (same tag, same class, three or more items) outside furniture,
/// `best` included, in page order.
fn sibling_lists<'a>(
    doc: &Doc<'a>,
    titled: &TitledLinks,
    best: ElementRef<'a>,
) -> Vec<ElementRef<'a>> {
    let (name, class) = (best.value().name(), best.value().attribute("class"));
    // A list without a class of its own is told by the box around it (`<div class="block">
    // <h2>Guangxi News</h2><ul>…`), when that box has one.
    let parent_of = |g: &ElementRef<'a>| g.parent().and_then(ElementRef::wrap);
    let boxed = |g: &ElementRef<'a>| {
        parent_of(g).and_then(|p| {
            let v = p.value();
            v.attribute("class").map(|c| (v.name.local.clone(), c))
        })
    };
    let best_box = boxed(&best);
    if class.is_none() && best_box.is_none() {
        return vec![best];
    }
    let mut out: Vec<ElementRef> = Vec::new();
    for &g in &doc.elements {
        let v = g.value();
        if g.id() != best.id()
            && (v.name() != name
                || v.attr_named(&local_name!("class")) != class
                || (class.is_none() && boxed(&g) != best_box)
                || doc.facts.hidden(&g)
                || doc.facts.in_furniture(&g)
                || item_count(doc, titled, g) < MIN_LINKS
                || (class.is_none() && under_side_heading(&doc.rules.lists, &g, &doc.title_tag)))
        {
            continue;
        }
        if !out.iter().any(|o| g.ancestors().any(|a| a.id() == o.id())) {
            out.push(g);
        }
        // A section front shows a few subsection boxes; a page of many boxes of unnamed lists
        // is a site map, whose largest list is all it lists.
        if class.is_none() && out.len() > MAX_BOXES {
            return vec![best];
        }
    }
    out
}

/// The most subsection boxes of unnamed lists a section front shows.
const MAX_BOXES: usize = 6;

static RECORD: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?s)<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>").expect("valid regex")
});

/// The list items a Hanweb-style page keeps in a `<script type="text/xml">` data store (one
/// `<record><![CDATA[<li>…</li>]]></record>` per item) for its script to draw: a reader sees
/// them as the list.
fn script_records(doc: &Doc, profile: &Profile, page: &Url) -> Vec<ListLink> {
    let mut items = String::new();
    for script in &doc.scripts {
        let xml = script
            .value()
            .attribute("type")
            .is_some_and(|t| t.eq_ignore_ascii_case("text/xml"));
        if !xml {
            continue;
        }
        let text: String = script.text().collect();
        for c in RECORD.captures_iter(&text) {
            items.push_str("<div class=\"record\">");
            items.push_str(&c[1]);
            items.push_str("</div>");
        }
    }
    if items.is_empty() {
        return Vec::new();
    }
    let fragment = scraper::Html::parse_fragment(&format!("<div>{items}</div>"));
    // The records read as a page of their own, resolved against this page's address.
    let sub = Doc::new(&fragment, &doc.base, profile, doc.rules);
    let root = fragment.root_element();
    let mut links: Vec<ListLink> = Vec::new();
    for record in root
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().attribute("class") == Some("record"))
    {
        for link in links_in(&sub, record, profile, page) {
            if !links.iter().any(|l| l.url == link.url) {
                links.push(link);
            }
        }
    }
    links
}

fn next_link(doc: &Doc, profile: &Profile, page: &Url) -> Option<String> {
    next_by_text(doc, profile, page)
        .or_else(|| next_by_script(doc))
        .or_else(|| next_by_rel(doc, page))
}

/// The next page a `<link rel="next">` (or a link marked so) names.
fn next_by_rel(doc: &Doc, page: &Url) -> Option<String> {
    doc.elements.iter().find_map(|e| {
        let v = e.value();
        let named = v.name.local == local_name!("link") || v.name.local == local_name!("a");
        if !named
            || !v
                .attribute("rel")
                .is_some_and(|r| r.split_whitespace().any(|w| w.eq_ignore_ascii_case("next")))
        {
            return None;
        }
        let (url, link) = doc.resolve_both(v.attribute("href")?)?;
        (link != page.as_str() && same_site(&url, page)).then_some(link)
    })
}

/// The next list page from a TRS pager script: page `n` (from 0) of `index.shtml` is
/// `index_n.shtml`.
fn next_by_script(doc: &Doc) -> Option<String> {
    let p = crate::scrape::read::pages::pager_script(doc)?;
    (p.current + 1 < p.total)
        .then(|| doc.resolve(&format!("{}_{}.{}", p.stem, p.current + 1, p.ext)))?
}

fn next_by_text(doc: &Doc, profile: &Profile, page: &Url) -> Option<String> {
    // What a next link's text may start with: a next word, or a profile's next text.
    let rules = &doc.rules.lists;
    let mut firsts: Vec<u8> = rules
        .next_words
        .iter()
        .filter_map(|w| w.bytes().next())
        .collect();
    firsts.extend(profile.next_texts.iter().filter_map(|t| t.bytes().next()));
    doc.anchors.iter().copied().find_map(|a| {
        // Pager links are short: longer ones are not read at all, and neither are those whose
        // text starts otherwise (unless a title may name them).
        if raw_chars(a) > 40
            || (a
                .value()
                .attribute("title")
                .is_none_or(|t| t.trim().is_empty())
                && !may_start_with(&a, &firsts))
        {
            return None;
        }
        let text = inline_text(a).to_lowercase();
        let title = a
            .value()
            .attribute("title")
            .unwrap_or("")
            .trim()
            .to_lowercase();
        let is_next = profile
            .next_texts
            .iter()
            .any(|n| *n == text || (!title.is_empty() && *n == title))
            || rules.next_words.iter().any(|w| steps_to(rules, &text, w));
        if !is_next {
            return None;
        }
        let (url, link) = doc.resolve_both(a.value().attribute("href")?)?;
        (link != page.as_str() && same_site(&url, page)).then_some(link)
    })
}

/// True for a pager's step named by `word` (`Next`, `Next »`, `next page`, `Older posts`,
/// `Next 10`), not a headline that starts with it (`Next-generation 5G network…`).
fn steps_to(rules: &ListRules, text: &str, word: &str) -> bool {
    text.strip_prefix(word).is_some_and(|rest| {
        let rest = rest.trim_matches(|c: char| {
            c.is_whitespace() || PAGER_MARKS.contains(c) || "→|".contains(c)
        });
        rest.is_empty()
            || listed(&rules.step_nouns, rest)
            || rest.bytes().all(|b| b.is_ascii_digit() || b == b' ')
    })
}

/// True for a URL that names a folder or an index page (`/economy/`, `/news/index.shtml`,
/// `list.php?cat=3`), the way section pages are named, rather than an article.
pub fn looks_like_index(url: &Url) -> bool {
    path_looks_like_index(url.path())
}

/// [`looks_like_index`] for a link as a list page gives it: an http(s) or file URL already
/// written out, whose path is read from the text without parsing it again.
pub fn link_looks_like_index(url: &str) -> bool {
    // In a written-out URL the path starts at the first `/` after `://` (a host or user name
    // never holds one) and ends at the query or the fragment.
    let Some(rest) = memchr::memmem::find(url.as_bytes(), b"://").map(|i| &url[i + 3..]) else {
        return false;
    };
    let Some(path) = rest.find('/').map(|i| &rest[i..]) else {
        return false;
    };
    path_looks_like_index(&path[..path.find(['?', '#']).unwrap_or(path.len())])
}

fn path_looks_like_index(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    if file.is_empty() {
        return true;
    }
    let stem = file.split('.').next().unwrap_or("").as_bytes();
    ["index", "list", "default", "more", "column", "node"]
        .iter()
        .any(|s| {
            let s = s.as_bytes();
            stem.get(..s.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(s))
                && matches!(stem.get(s.len()), None | Some(b'_'))
        })
}

/// The site's section pages as this page links them: the profile's navigation, else the
/// page's `<nav>` and header links, else every link to a folder or index page outside the
/// footer and side boxes.
fn sections(doc: &Doc, profile: &Profile, page: &Url) -> Vec<String> {
    let root = doc.html.root_element();
    let mut seen = HashSet::default();
    let mut out: Vec<String> = Vec::new();
    let mut take = |a: ElementRef, only_index: bool, out: &mut Vec<String>| {
        if let Some(url) = a.value().attribute("href").and_then(|h| doc.resolve_url(h)) {
            let is_home = url.path() == "/" || url.path().is_empty();
            let s = url.to_string();
            if same_site(&url, page)
                && s != page.as_str()
                && !is_home
                && (!only_index || looks_like_index(&url))
                && seen.insert(s.clone())
            {
                out.push(s);
            }
        }
    };
    for sel in &profile.nav_links {
        sel.select(root).for_each(|a| take(a, false, &mut out));
    }
    if out.is_empty() {
        root.select(&NAV_GUESS)
            .for_each(|a| take(a, false, &mut out));
    }
    if out.is_empty() {
        doc.anchors
            .iter()
            .copied()
            .filter(|a| {
                !a.ancestors().filter_map(ElementRef::wrap).any(|e| {
                    matches!(e.value().name(), "footer")
                        || crate::scrape::dom::furniture::any_word(&e, |w| {
                            doc.rules
                                .lists
                                .not_sections
                                .iter()
                                .any(|f| w.starts_with(f.as_str()))
                        })
                })
            })
            .for_each(|a| take(a, true, &mut out));
    }
    out
}

/// Reads a page as a section list, and says whether its links came from the profile's list
/// container rather than a guess. A page that is not a list yields an empty link list.
pub(crate) fn list_page(doc: &Doc, profile: &Profile, with_sections: bool) -> (ListPage, bool) {
    let page = doc.base.clone();
    let next = next_link(doc, profile, &page);
    // A page with a pager is a list even when its last page holds one or two links.
    let pager = next.is_some() || has_pager(doc);
    let titled = TitledLinks::new(doc);
    let found = best_container(doc, &titled, MIN_LINKS)
        .or_else(|| pager.then(|| best_container(doc, &titled, 1)).flatten());
    // A featured item standing just above the list (big picture, headline, summary) is the
    // list's first item.
    let featured = |container: ElementRef| -> Vec<ListLink> {
        let blocks: Vec<ElementRef> = container
            .prev_siblings()
            .filter_map(ElementRef::wrap)
            .take(2)
            .filter(|b| {
                !doc.facts.in_furniture(b) && !doc.facts.hidden(b) && {
                    let mut hrefs: Vec<&str> = links_under(*b)
                        .filter_map(|a| a.value().attribute("href"))
                        .collect();
                    hrefs.dedup();
                    (1..=3).contains(&hrefs.len())
                        // A headline among them (not a breadcrumb's `Home`, `News`).
                        && links_under(*b).any(|a| title_like(&a.text().collect::<String>()))
                }
            })
            .collect();
        blocks
            .into_iter()
            .rev()
            .flat_map(|block| links_in(doc, block, profile, &page))
            .filter(|l| title_like(&l.title))
            .collect()
    };
    let (links, trusted) = match found {
        Some((container, true)) => {
            let mut links = featured(container);
            for link in links_in(doc, container, profile, &page) {
                if !links.iter().any(|l| l.url == link.url) {
                    links.push(link);
                }
            }
            (links, true)
        }
        Some((container, false)) => {
            // A section front shows one box per subsection, each a list of the same make:
            // their links together, in page order, are the page's list.
            let mut links = featured(container);
            for group in sibling_lists(doc, &titled, container) {
                for link in links_in(doc, group, profile, &page) {
                    if !links.iter().any(|l| l.url == link.url) {
                        links.push(link);
                    }
                }
            }
            (links, false)
        }
        None => (script_records(doc, profile, &page), false),
    };
    let list = ListPage {
        title: doc.meta(&["columnname"]),
        breadcrumb: Vec::new(),
        links,
        next,
        sections: if with_sections {
            sections(doc, profile, &page)
        } else {
            Vec::new()
        },
    };
    (list, trusted || pager)
}

/// What a page's list tells the classifier: its dated links, its links that read as
/// headlines, and whether it came from the profile's container or a pager.
pub(crate) fn weigh(list: &ListPage, confident: bool, e: &mut crate::scrape::classify::Evidence) {
    e.dated_links = list.links.iter().filter(|k| k.published.is_some()).count();
    // Links found by the generic search must read like headlines (or carry dates): a page of
    // people's names or short labels linking to folders is not a news list.
    e.headline_links = list
        .links
        .iter()
        .filter(|l| {
            (l.published.is_some() || title_like(&l.title)) && !link_looks_like_index(&l.url)
        })
        .count();
    e.list_confident = confident;
    e.list_links = list.links.len();
}

/// False when a link's text surely starts with none of `firsts` (lower-case ASCII bytes): a
/// link holding one text node whose first visible character is an ASCII letter or digit not
/// among them. Any other link may, and is read in full.
fn may_start_with(a: &ElementRef, firsts: &[u8]) -> bool {
    let mut children = a.children();
    let (Some(only), None) = (children.next(), children.next()) else {
        return true;
    };
    let Some(t) = only.value().as_text() else {
        return true;
    };
    // The cleaner keeps every ASCII letter and digit, and folds the whitespace before it away:
    // the cleaned text starts with it too.
    match t.trim_start().bytes().next() {
        Some(b) if b.is_ascii_alphanumeric() => firsts.contains(&b.to_ascii_lowercase()),
        _ => true,
    }
}

/// A pager's step link holds at most this many characters (`Previous page`, `尾页`).
const MAX_PAGER_LINK: usize = 20;

/// True when the page has a pager: a pager script, or links named like pager steps.
fn has_pager(doc: &Doc) -> bool {
    doc.scripts
        .iter()
        .any(|s| s.text().any(|t| t.contains("createPageHTML")))
        || doc.anchors.iter().any(|&a| {
            let rules = &doc.rules.lists;
            if raw_chars(a) > MAX_PAGER_LINK || !may_start_with(&a, &rules.pager_link_firsts) {
                return false;
            }
            let t = inline_text(a).to_lowercase();
            listed(&rules.pager_links, &t)
        })
}

#[cfg(test)]
mod tests {
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
            format!(
                "<li><a href=\"h{i}.html\">{t} number {i} opens</a> <span>2021-03-0{i}</span></li>"
            )
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
}
