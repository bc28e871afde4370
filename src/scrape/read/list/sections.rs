//! The site's section pages as a list page links them, and URLs named like a section's index.

use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

use scraper::{ElementRef, Selector};
use url::Url;

use crate::scrape::doc::Doc;
use crate::scrape::dom::AttrExt;
use crate::scrape::profile::Profile;

use super::links::same_site;

static NAV_GUESS: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("nav a[href], header a[href]").expect("valid"));

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
pub(super) fn sections(doc: &Doc, profile: &Profile, page: &Url) -> Vec<String> {
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
