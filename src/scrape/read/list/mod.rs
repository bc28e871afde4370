//! Section list pages: the article links of the list itself (not the side boxes), their dates,
//! the next page, and the site's navigation.

mod links;
mod pager;
mod sections;
#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use html5ever::local_name;
use scraper::ElementRef;
use url::Url;

use crate::model::{ListLink, ListPage};
use crate::scrape::classify::MIN_LINKS;
use crate::scrape::dom::tags;
use crate::scrape::dom::text::inline_text;
use crate::scrape::dom::words::listed;
use crate::scrape::profile::Profile;
use crate::scrape::rules::ListRules;
use crate::scrape::{doc::Doc, dom::AttrExt};
pub use links::title_like;
use links::{links_in, links_under, raw_chars};
use pager::{has_pager, next_link};
pub use sections::link_looks_like_index;
use sections::sections;

/// A link with this many characters of text or more is long enough to be a headline.
const MIN_TITLED_LINK: usize = 10;

/// A heading of more characters than this is text, not a side box's name.
const MAX_BOX_HEADING: usize = 30;

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
                && raw_chars(*e) >= MIN_TITLED_LINK
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
            None => links_under(el).any(|a| raw_chars(a) >= MIN_TITLED_LINK),
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
            raw_chars(h) <= MAX_BOX_HEADING && {
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
