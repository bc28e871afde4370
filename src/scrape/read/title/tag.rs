//! The `<title>` tag's side of the headline: its parts between separators, which of them
//! name the site, a kind of page or a page number, and how well a candidate matches the tag.

use crate::scrape::dom::words::listed;
use crate::scrape::rules::TitleRules;

pub(super) fn norm(s: &str) -> String {
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
pub(super) fn tag_match(t: &TitleRules, candidate: &str, tag: &str) -> u8 {
    tag_match_normed(t, &norm(candidate), &norm(tag))
}

/// [`tag_match`] over texts already passed through [`norm`].
pub(super) fn tag_match_normed(rules: &TitleRules, c: &str, t: &str) -> u8 {
    if c.is_empty() || c.chars().count() < 4 {
        return 0;
    }
    if c == t {
        return 3;
    }
    let after = t.strip_prefix(c).is_some_and(|rest| {
        rules
            .separators
            .iter()
            .any(|s| rest.starts_with(s.trim_end()) || rest.starts_with(s))
    });
    let before = t.strip_suffix(c).is_some_and(|rest| {
        rules
            .separators
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
pub fn strip_site_name(t: &TitleRules, title: &str) -> String {
    title_parts_keeping_empty(t, title)
        .into_iter()
        .map(str::trim)
        .max_by_key(|p| p.chars().count())
        .unwrap_or_default()
        .to_string()
}

/// True for a `<title>` part that names a site rather than a page.
pub(super) fn site_like(t: &TitleRules, part: &str) -> bool {
    let p = part.to_lowercase();
    t.site_words.iter().any(|w| p.contains(w.as_str()))
}

/// A site's name runs to six words at most: text of more is ruled out before its words are
/// looked at.
const MAX_NAME_WORDS: usize = 6;

/// True for text that reads as a site's name: site words in a short, name-cased phrase. A
/// headline may mention a government or a portal, but reads as a sentence.
pub(super) fn site_name(t: &TitleRules, text: &str) -> bool {
    if text.split_whitespace().nth(MAX_NAME_WORDS).is_some() {
        return false;
    }
    // Names capitalise their words (`The People's Government of Guangxi`); headlines here are
    // written in sentence case (`Sanyuesan festival celebrated online across Guangxi`).
    let name_cased = text
        .split_whitespace()
        .all(|w| !w.starts_with(|c: char| c.is_lowercase()) || listed(&t.name_small_words, w));
    name_cased && site_like(t, text)
}

/// True for a `<title>` part that numbers a page (`Page 2`, `第2页`).
pub(super) fn page_number_part(part: &str) -> bool {
    let p = part.trim().to_lowercase();
    let digits = |s: &str| !s.is_empty() && s.trim().chars().all(|c| c.is_ascii_digit());
    p.strip_prefix("page").is_some_and(digits)
        || (p.starts_with('第') && p.ends_with('页'))
        || digits(&p)
}

/// The parts of a `<title>` between its separators.
pub(super) fn title_parts(t: &TitleRules, tag: &str) -> Vec<String> {
    title_parts_keeping_empty(t, tag)
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// The text between a `<title>`'s separators, untrimmed, empty parts included: slices of the
/// title, split only at the separators it holds.
fn title_parts_keeping_empty<'t>(t: &TitleRules, tag: &'t str) -> Vec<&'t str> {
    let mut parts: Vec<&str> = vec![tag];
    for sep in &t.separators {
        if parts.iter().any(|p| p.contains(sep.as_str())) {
            parts = parts.iter().flat_map(|p| p.split(sep.as_str())).collect();
        }
    }
    parts
}

/// True for a `<title>` part that names a kind of page rather than the page.
pub(super) fn generic(t: &TitleRules, part: &str) -> bool {
    listed(&t.kind_names, &part.to_lowercase())
}
