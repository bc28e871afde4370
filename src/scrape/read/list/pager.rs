//! A list's pager: the next page's link (by its text, a pager script, or `rel="next"`), and
//! whether the page has a pager at all.

use html5ever::local_name;
use scraper::ElementRef;
use url::Url;

use crate::scrape::doc::Doc;
use crate::scrape::dom::AttrExt;
use crate::scrape::dom::text::inline_text;
use crate::scrape::dom::words::listed;
use crate::scrape::profile::Profile;
use crate::scrape::rules::ListRules;

use super::links::{PAGER_MARKS, raw_chars, same_site};

/// A next link holds at most this many characters (`Next page »`, `下一页`).
const MAX_NEXT_LINK: usize = 40;

pub(super) fn next_link(doc: &Doc, profile: &Profile, page: &Url) -> Option<String> {
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
        if raw_chars(a) > MAX_NEXT_LINK
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

/// False when a link's text surely starts with none of `firsts` (lower-case ASCII bytes): a
/// link holding one text node whose first visible character is an ASCII letter or digit not
/// among them. Any other link may, and is read in full.
pub(super) fn may_start_with(a: &ElementRef, firsts: &[u8]) -> bool {
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
pub(super) fn has_pager(doc: &Doc) -> bool {
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
