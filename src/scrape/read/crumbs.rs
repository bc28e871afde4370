//! Breadcrumbs: `English > News > Guangxi News`, with `>`, `»`, `/` separators, `Location:` and
//! `You are here:` prefixes and home icons, returned as clean crumbs; and the crumb that names
//! the page's section as the site's menu does.

use std::sync::LazyLock;

use ego_tree::NodeId;
use html5ever::local_name;
use rustc_hash::FxHashSet as HashSet;
use scraper::{ElementRef, Selector};
use url::Url;

use crate::sanitize::clean_text;
use crate::scrape::date::world::{Months, date_alone};
use crate::scrape::doc::Doc;
use crate::scrape::dom::text;
use crate::scrape::profile::Sel;
use crate::scrape::rules::CrumbRules;

/// The arrows that separate a trail's crumbs (`Home > News`, `Home » News`).
const ARROWS: [char; 5] = ['>', '»', '›', '＞', '→'];

/// The current page's name ending a trail as plain text holds at most this many characters.
const MAX_TRAIL_END: usize = 40;

/// An element whose children are two or more links joined by `>`-like separators and nothing
/// else: a breadcrumb trail whatever it is called.
fn trail_shaped(el: &ElementRef) -> bool {
    let mut links = 0;
    let mut arrows = 0;
    // The current page may end the trail as plain text (`<a>Home</a> &gt; Sitemap`).
    let mut tail = false;
    for child in el.children() {
        if tail
            && (child.value().is_element()
                || child
                    .value()
                    .as_text()
                    .is_some_and(|t| !t.trim().is_empty()))
        {
            return false;
        }
        if let Some(t) = child.value().as_text() {
            let t = t.trim();
            if t.is_empty() {
                continue;
            }
            let arrow = |c: char| ARROWS.contains(&c);
            if !t.chars().all(|c| c.is_whitespace() || arrow(c)) {
                let rest = t.trim_start_matches(|c: char| c.is_whitespace() || arrow(c));
                if links == 0 || !t.starts_with(arrow) || rest.chars().count() > MAX_TRAIL_END {
                    return false;
                }
                tail = true;
                links += 1;
            }
            arrows += 1;
        } else if let Some(c) = ElementRef::wrap(child) {
            match c.value().name() {
                "a" => links += 1,
                "img" | "span" | "i" => {}
                _ => return false,
            }
        }
    }
    links >= 2 && arrows >= 1
}

/// The most characters a crumb holds: a longer "crumb" is text, and its element no trail.
const MAX_CRUMB_CHARS: usize = 80;

/// The most characters the last crumb holds: a trail may end in the article's own headline.
const MAX_LAST_CRUMB_CHARS: usize = 120;

/// The most crumbs a trail holds: real trails run five or six deep, the page's own title
/// included; a longer row of links is a menu.
const MAX_CRUMBS: usize = 7;

/// A text node longer than this (in bytes) is never a plain-text trail.
const MAX_PLAIN_TRAIL: usize = 150;

/// A text node longer than this (in bytes) never starts a `Location:` line.
const MAX_LABELLED_NODE: usize = 600;

/// A `Location:` line longer than this (in characters) is text that mentions a location.
const MAX_LABELLED_LINE: usize = 200;

/// The breadcrumb: from the profile's selectors, then any element named like one, then a
/// `Location: …` line. Returns the element it came from, to keep it out of the body.
pub(crate) fn breadcrumb(doc: &Doc, body: ElementRef) -> (Option<NodeId>, Vec<String>) {
    let rules = &doc.rules.crumbs;
    trail_element(doc)
        .or_else(|| plain_trail(rules, body))
        .or_else(|| labelled_line(rules, body))
        .unwrap_or((None, Vec::new()))
}

/// A trail in an element: the profile's, one named like a breadcrumb, or one shaped like it.
fn trail_element(doc: &Doc) -> Option<(Option<NodeId>, Vec<String>)> {
    let mut candidates = doc
        .hits
        .breadcrumb
        .iter()
        .flatten()
        .copied()
        .chain(
            doc.elements
                .iter()
                .copied()
                // A menu's item marked as the current one (`<li class="current">`) is not a
                // trail, however many links its submenu holds.
                .filter(|e| {
                    let name = &e.value().name.local;
                    *name != local_name!("li")
                        && *name != local_name!("a")
                        && doc.facts.crumb_named(e)
                }),
        )
        .chain(doc.elements.iter().copied().filter(trail_shaped));
    candidates.find_map(|el| {
        let crumbs = crumbs_of(&doc.rules.crumbs, el);
        (reads_as_trail(&crumbs) && shaped_like_a_trail(el)).then(|| (Some(el.id()), crumbs))
    })
}

/// A trail in plain text, with no links and no label: `Home > News > Sports`.
fn plain_trail(rules: &CrumbRules, body: ElementRef) -> Option<(Option<NodeId>, Vec<String>)> {
    for node in body.descendants() {
        let Some(t) = node.value().as_text() else {
            continue;
        };
        let t = t.trim();
        if t.len() > MAX_PLAIN_TRAIL {
            continue;
        }
        let homes = &rules.homes;
        let first = t.chars().next().map(|c| c.to_ascii_lowercase());
        if !first.is_some_and(|f| homes.iter().any(|h| h.starts_with(f))) {
            continue;
        }
        let starts_home = homes.iter().any(|h| {
            strip_prefix_any_case(t, h).is_some_and(|r| r.trim_start().starts_with(ARROWS))
        });
        if starts_home {
            let crumbs = split_crumbs(t);
            if reads_as_trail(&crumbs) {
                return Some((node.parent().map(|p| p.id()), crumbs));
            }
        }
    }
    None
}

/// A line such as `Location: Home > News > Guangxi`: found by its prefix in a text node, then
/// read whole from the element holding it.
fn labelled_line(rules: &CrumbRules, body: ElementRef) -> Option<(Option<NodeId>, Vec<String>)> {
    for node in body.descendants() {
        let Some(t) = node.value().as_text() else {
            continue;
        };
        if t.len() > MAX_LABELLED_NODE || strip_crumb_prefix(rules, t.trim_start()).is_none() {
            continue;
        }
        let Some(mut parent) = node.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        // `<div><strong>Current location:</strong> <a>Home</a> &gt; …</div>`: the label sits in
        // an inline element of its own; the trail is its block.
        while matches!(
            parent.value().name(),
            "strong" | "b" | "span" | "em" | "label" | "font" | "small" | "i"
        ) && strip_crumb_prefix(rules, &text::inline_text(parent))
            .is_some_and(|r| r.trim().is_empty())
        {
            match parent.parent().and_then(ElementRef::wrap) {
                Some(p) => parent = p,
                None => break,
            }
        }
        let line = text::inline_text(parent);
        if line.chars().count() > MAX_LABELLED_LINE {
            continue;
        }
        if let Some(rest) = strip_crumb_prefix(rules, &line) {
            let crumbs = split_crumbs(rest);
            if reads_as_trail(&crumbs) {
                return Some((Some(parent.id()), crumbs));
            }
        }
    }
    None
}

/// The rest of a line after a breadcrumb's label and its colon (`Location: Home > News`).
fn strip_crumb_prefix<'l>(rules: &CrumbRules, line: &'l str) -> Option<&'l str> {
    // Every prefix starts with one of a few letters: other lines are not lowered to be sure.
    let first = line.chars().next()?.to_ascii_lowercase();
    if !rules.prefixes.iter().any(|p| p.starts_with(first)) {
        return None;
    }
    rules.prefixes.iter().find_map(|p| {
        let trimmed = strip_prefix_any_case(line, p)?.trim_start();
        let colon = trimmed.chars().next().filter(|c| *c == ':' || *c == '：')?;
        Some(&trimmed[colon.len_utf8()..])
    })
}

/// `s` without `prefix`, matched without regard to ASCII case (the prefixes are lower-case
/// words, or Chinese): what lowering `s` and stripping the prefix would give, without lowering
/// it.
fn strip_prefix_any_case<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.as_bytes().get(..prefix.len())?;
    // A prefix of ASCII letters and spaces matches only ASCII bytes, so the cut falls between
    // characters.
    head.eq_ignore_ascii_case(prefix.as_bytes())
        .then(|| &s[prefix.len()..])
}

/// A crumb names something: a piece with no letter or digit (a separator, a comma, a
/// heading's `#` anchor) is none.
fn is_crumb(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

fn split_crumbs(s: &str) -> Vec<String> {
    // A `»` that closes a `«` is a quotation mark (`«Tatort» aus München`), not a separator.
    let mut quoted = false;
    s.split(|c: char| match c {
        '«' => {
            quoted = true;
            false
        }
        '»' => !std::mem::take(&mut quoted),
        _ => ARROWS.contains(&c),
    })
    .flat_map(|p| {
        if p.contains(" / ") {
            p.split(" / ").collect()
        } else if p.contains(" - ") {
            p.split(" - ").collect()
        } else {
            vec![p]
        }
    })
    .map(|c| {
        // `Home | Disclaimer`: a bar between a link and plain text separates them too.
        clean_text(
            c.trim()
                .trim_matches(|ch: char| matches!(ch, '|' | '｜' | '丨')),
        )
    })
    .filter(|c| is_crumb(c))
    .collect()
}

/// The crumbs of a breadcrumb element: each link is a crumb, and the text between links is split
/// on the usual separators. A leading `Location:` and home icons are dropped.
fn crumbs_of(rules: &CrumbRules, el: ElementRef) -> Vec<String> {
    let mut crumbs = Vec::new();
    collect_crumbs(el, &mut crumbs);
    if let Some(first) = crumbs.first() {
        if let Some(rest) = strip_crumb_prefix(rules, first) {
            let rest = clean_text(rest);
            if rest.is_empty() {
                crumbs.remove(0);
            } else {
                crumbs[0] = rest;
            }
        } else if rules
            .prefixes
            .iter()
            .any(|p| strip_prefix_any_case(first, p).is_some_and(str::is_empty))
        {
            crumbs.remove(0);
        }
    }
    crumbs
}

/// What a trail element holds, in page order: text between links, and visible links.
enum Piece<'a> {
    Text(&'a str),
    Link(ElementRef<'a>),
    /// A form's field (`<input>`, `<select>`, `<textarea>`).
    Field,
}

/// Calls `f` with each piece of a trail element, hidden elements left out. The walk keeps its
/// own stack: no depth of nesting can exhaust the thread's.
fn each_piece<'a>(el: ElementRef<'a>, mut f: impl FnMut(Piece<'a>)) {
    let mut next = vec![el.first_child()];
    while let Some(top) = next.last_mut() {
        let Some(child) = *top else {
            next.pop();
            continue;
        };
        *top = child.next_sibling();
        if let Some(t) = child.value().as_text() {
            f(Piece::Text(t));
        } else if let Some(c) = ElementRef::wrap(child) {
            // A field is told before visibility: the walk skips form controls as unseen.
            if matches!(c.value().name(), "input" | "select" | "textarea") {
                f(Piece::Field);
            } else if text::is_invisible(&c) {
                continue;
            } else if c.value().name() == "a" {
                f(Piece::Link(c));
            } else {
                next.push(c.first_child());
            }
        }
    }
}

/// True for crumbs that make a trail: two or more, none of them text or a date, and not so
/// many that they are a menu.
fn reads_as_trail(crumbs: &[String]) -> bool {
    let Some((last, above)) = crumbs.split_last() else {
        return false;
    };
    (2..=MAX_CRUMBS).contains(&crumbs.len())
        && above.iter().all(|c| c.chars().count() <= MAX_CRUMB_CHARS)
        && last.chars().count() <= MAX_LAST_CRUMB_CHARS
        // A headline box's date line (`April 24, 2020 at 6:10 a.m.`) is no place of the site.
        && !crumbs
            .iter()
            .any(|c| date_alone(c, Months::shared(), false))
}

/// True when an element is shaped like a trail: it holds a link or a separator between its
/// crumbs (a widget whose class merely sounds like a trail's, `current-weather`, holds
/// neither), and no words follow a form's field in it (a login or search panel, whatever its
/// class says, is no trail; a search box after a trail's last crumb is common).
fn shaped_like_a_trail(el: ElementRef) -> bool {
    let (mut marked, mut field, mut after_field) = (false, false, false);
    each_piece(el, |piece| match piece {
        Piece::Field => field = true,
        Piece::Link(a) => {
            marked = true;
            after_field = after_field || (field && is_crumb(&text::inline_text(a)));
        }
        Piece::Text(t) => {
            marked = marked || t.contains(ARROWS) || t.contains(['/', '|']);
            after_field = after_field || (field && is_crumb(t));
        }
    });
    marked && !after_field
}

/// The crumbs of a trail element: its text split at separators, a link's text whole.
fn collect_crumbs(el: ElementRef, out: &mut Vec<String>) {
    each_piece(el, |piece| match piece {
        Piece::Text(t) => out.extend(split_crumbs(t)),
        Piece::Link(a) => {
            let t = text::inline_text(a);
            if is_crumb(&t) {
                out.push(t);
            }
        }
        Piece::Field => {}
    });
}

/// Links a site's menu stands in whatever the page calls it: `<nav>`, the page's header, an
/// element in the navigation role. The profile's menu selectors come first.
static MENU_LINKS: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse("nav a[href], header a[href], [role=navigation] a[href]").expect("valid")
});

/// The section as the site's menu names it: the deepest crumb whose link the page's menu
/// (`menu`, the profile's selectors, else the usual navigation elements) links too, the links
/// compared as [`link_key`]s. A trail often ends in a sub-column (`… > Guangxi News > report`)
/// that the menu does not name; the crumb above it that the menu does is the section a reader
/// knows. `None` when no crumb links into the menu, or the page has no menu.
pub(crate) fn menu_section(
    doc: &Doc,
    menu: &[Sel],
    trail: Option<NodeId>,
    crumbs: &[String],
) -> Option<String> {
    let trail = doc.html.tree.get(trail?).and_then(ElementRef::wrap)?;
    let page = link_key(&doc.url);
    // The crumbs' links, each under the text it is a crumb of; the front page and the page
    // itself are in every menu and name no section.
    let mut linked: Vec<(String, String)> = Vec::new();
    each_piece(trail, |piece| {
        if let Piece::Link(a) = piece
            && let Some(url) = a.value().attr("href").and_then(|h| doc.resolve_url(h))
        {
            let key = link_key(&url);
            if !is_front(&url) && key != page {
                linked.push((text::inline_text(a), key));
            }
        }
    });
    if linked.is_empty() {
        return None;
    }
    // A trail marked up as navigation (`<nav aria-label="breadcrumb">`) is no menu.
    let menu_key = |a: ElementRef| {
        let url = doc.resolve_url(a.value().attr("href")?)?;
        (!a.ancestors().any(|e| e.id() == trail.id())).then(|| link_key(&url))
    };
    let root = doc.html.root_element();
    let mut menu_links: HashSet<String> = menu
        .iter()
        .flat_map(|sel| sel.select(root))
        .filter_map(menu_key)
        .collect();
    if menu_links.is_empty() {
        menu_links = root.select(&MENU_LINKS).filter_map(menu_key).collect();
    }
    crumbs
        .iter()
        .rev()
        .find(|c| {
            linked
                .iter()
                .any(|(text, key)| text == *c && menu_links.contains(key))
        })
        .cloned()
}

/// The site's front page: no section.
fn is_front(url: &Url) -> bool {
    url.path()
        .rsplit_once('/')
        .is_none_or(|(dir, file)| dir.is_empty() && (file.is_empty() || is_index_name(file)))
}

/// A file name a server gives a folder's own page (`index.html`, `default.aspx`).
fn is_index_name(file: &str) -> bool {
    let stem = file.split('.').next().unwrap_or_default();
    stem.eq_ignore_ascii_case("index") || stem.eq_ignore_ascii_case("default")
}

/// A link as the trail and the menu are compared: the host without `www.`, the path without
/// an index page's name or a trailing slash, and the query. A menu may link `/news/` where the
/// trail links `/news/index.html`, or `http:` where the trail links `https:`.
fn link_key(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(host);
    let mut path = url.path();
    if let Some((dir, file)) = path.rsplit_once('/')
        && is_index_name(file)
    {
        path = dir;
    }
    let path = path.trim_end_matches('/');
    match url.query() {
        Some(q) => format!("{host}{path}?{q}"),
        None => format!("{host}{path}"),
    }
}

/// Lines that are page furniture, not article text.
#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn crumbs_split_on_separators() {
        assert_eq!(
            split_crumbs("Home » News / Guangxi > report"),
            vec!["Home", "News", "Guangxi", "report"]
        );
        assert_eq!(
            split_crumbs("English > News > Guangxi News"),
            vec!["English", "News", "Guangxi News"]
        );
    }

    /// The trail of a page and the section its menu gives, read as the scraper reads them.
    fn menu_section_of(page: &str, url: &str) -> (Vec<String>, Option<String>) {
        let url = Url::parse(url).unwrap();
        let profile = crate::scrape::Profile::default();
        let html = scraper::Html::parse_document(page);
        let rules = crate::scrape::rules::Rules::default();
        let doc = Doc::new(&html, &url, &profile, &rules);
        let (el, crumbs) = breadcrumb(&doc, doc.body.unwrap());
        let section = menu_section(&doc, &profile.nav_links, el, &crumbs);
        (crumbs, section)
    }

    /// The demo site's article: its trail ends in the sub-column `report`, which its menu does
    /// not link; the menu links `Guangxi News`, the crumb above it.
    #[test]
    fn a_trail_ending_in_a_sub_column_names_the_section_its_menu_links() {
        let page = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/demo/news/guangxinews/202101/t20210125_2345678.shtml"
        ))
        .unwrap();
        let url = "https://en.gxzf.gov.cn/news/guangxinews/202101/t20210125_2345678.shtml";
        let (crumbs, section) = menu_section_of(&page, url);
        assert_eq!(crumbs, ["English", "News", "Guangxi News", "report"]);
        assert_eq!(section.as_deref(), Some("Guangxi News"));
        // Without `Guangxi News` in the menu, no crumb is the menu's.
        let unlisted = page.replace(
            r#"<li><a href="/news/guangxinews/">Guangxi News</a></li>"#,
            "",
        );
        assert_ne!(unlisted, page);
        assert_eq!(menu_section_of(&unlisted, url).1, None);
    }

    /// A `<nav>` menu and a trail marked up as navigation too: the trail's own links are no
    /// menu, and links are compared without an index page's name, a trailing slash, `www.` or
    /// the scheme.
    #[test]
    fn a_trail_in_a_nav_element_is_not_its_own_menu() {
        let page = r#"<html><body>
            <header><nav class="primary"><a href="/">Home</a> <a href="http://www.example.org/news">News</a>
              <a href="/sport/">Sport</a></nav></header>
            <nav aria-label="breadcrumb"><ol class="breadcrumb"><li><a href="/">Home</a></li>
              <li><a href="/news/index.html">News</a></li><li><a href="/news/asia/">Asia</a></li></ol></nav>
            <h1>A headline</h1><p>Text.</p></body></html>"#;
        let (crumbs, section) = menu_section_of(page, "https://example.org/news/asia/a-story.html");
        assert_eq!(crumbs, ["Home", "News", "Asia"]);
        assert_eq!(section.as_deref(), Some("News"));
        // Only the trail links `Asia`: with `News` gone from the menu, no section.
        let page = page.replace(r#"<a href="http://www.example.org/news">News</a>"#, "");
        assert_eq!(
            menu_section_of(&page, "https://example.org/news/asia/a-story.html").1,
            None
        );
    }

    /// The front page is in every menu and every trail: it is no section, nor is the page itself.
    #[test]
    fn the_front_page_and_the_page_itself_are_no_section() {
        let page = r#"<html><body><div class="nav"><a href="/index.html">Home</a>
            <a href="/about/">About</a></div>
            <div class="crumbs"><a href="/">Home</a> &gt; <a href="/about/">About</a></div>
            <h1>About</h1><p>Text.</p></body></html>"#;
        assert_eq!(menu_section_of(page, "https://example.org/about/").1, None);
        assert_eq!(
            menu_section_of(page, "https://example.org/about/history.html")
                .1
                .as_deref(),
            Some("About")
        );
    }

    #[test]
    fn crumb_prefix() {
        let rules = crate::scrape::rules::Rules::default();
        let strip_crumb_prefix = |line: &'static str| strip_crumb_prefix(&rules.crumbs, line);
        assert_eq!(
            strip_crumb_prefix("Location: Home > News"),
            Some(" Home > News")
        );
        assert_eq!(strip_crumb_prefix("You are here：Home"), Some("Home"));
        assert_eq!(strip_crumb_prefix("Locations are"), None);
        // Any case; Chinese prefixes; a multi-byte character where a prefix's letter stands.
        assert_eq!(strip_crumb_prefix("CURRENT Location: Home"), Some(" Home"));
        assert_eq!(strip_crumb_prefix("当前位置：首页"), Some("首页"));
        assert_eq!(strip_crumb_prefix("Locatié: x"), None);
        assert_eq!(strip_crumb_prefix("L"), None);
    }
}
