//! The headline: the element that shows it, confirmed by the `<title>` tag or the metadata tags
//! where they agree, never the `<title>` tag with its site name when a better one exists.

mod tag;
#[cfg(test)]
mod tests;

use html5ever::local_name;
use scraper::ElementRef;

use crate::sanitize::clean_text;
use crate::scrape::dom::words::listed;
use crate::scrape::rules::TitleRules;
use crate::scrape::{doc::Doc, dom::AttrExt};
pub use tag::strip_site_name;
use tag::{
    generic, norm, page_number_part, site_like, site_name, tag_match, tag_match_normed, title_parts,
};

/// Elements that may hold a headline: headings, and in older layouts title cells and bold or
/// font runs. Checked by hand, one walk, cheaper than a selector list over the whole page.
fn heading_like(t: &TitleRules, el: &ElementRef) -> bool {
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
            t.heading_classes.iter().any(|w| a.contains(w.as_str()))
                || a.split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|w| listed(&t.heading_class_words, w))
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

/// A candidate with more bytes of text than this (markup aside) is a block of text, not a
/// heading.
const MAX_CANDIDATE_BYTES: usize = 1200;

/// A headline holds this many characters at least, and this many at most.
const MIN_HEADLINE_CHARS: usize = 4;
const MAX_HEADLINE_CHARS: usize = 300;

/// The text of a candidate, when its length can be a headline's.
fn candidate_text(el: ElementRef) -> Option<String> {
    let raw: usize = el.text().map(str::len).sum();
    if !(4..=MAX_CANDIDATE_BYTES).contains(&raw) {
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

/// The name of a page that is not an article (a section list, an about page): its heading when
/// the `<title>` tag confirms it, else the `<title>` tag's own part without the site name and
/// page number, else the last crumb of its breadcrumb, else its first heading.
pub fn page_name(doc: &Doc, breadcrumb: &[String]) -> Option<String> {
    let t = &doc.rules.titles;
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
        if tag_match(t, &text, &tag) >= 2 && !site_like(t, &text) {
            return Some(text);
        }
        if first_h1.is_none() && h.value().name() == "h1" && !site_like(t, &text) {
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
    let parts: Vec<String> = title_parts(t, &tag)
        .into_iter()
        .filter(|p| !page_number_part(p))
        .collect();
    if let Some(p) = parts.iter().find(|p| !site_like(t, p) && usable(p)) {
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
    (MIN_HEADLINE_CHARS..=MAX_HEADLINE_CHARS).contains(&n)
}

/// What the metadata tags and the `<title>` tag say the headline is: candidates are scored by
/// how well they agree.
struct Agreement {
    /// The metadata's titles (`og:title`, JSON-LD's `headline` …), as given.
    metas: Vec<String>,
    /// The same, and each one's own part without the site's name, passed through [`norm`].
    metas_norm: Vec<String>,
    /// The `<title>` tag, passed through [`norm`].
    tag_norm: String,
}

impl Agreement {
    fn new(doc: &Doc) -> Agreement {
        let t = &doc.rules.titles;
        let metas: Vec<String> = [
            doc.meta(&["articletitle"]),
            doc.meta(&["og:title", "twitter:title"]),
            doc.ld("headline"),
        ]
        .into_iter()
        .flatten()
        .collect();
        // A metadata title may carry the site's name too (`Headline | Site`): its own part
        // counts.
        let metas_norm: Vec<String> = metas
            .iter()
            .flat_map(|m| {
                let own = title_parts(t, m)
                    .into_iter()
                    .filter(|p| !site_name(t, p))
                    .max_by_key(|p| p.chars().count());
                std::iter::once(norm(m)).chain(own.map(|o| norm(&o)))
            })
            .collect();
        Agreement {
            metas,
            metas_norm,
            tag_norm: norm(&doc.title_tag),
        }
    }

    /// 3 for a candidate the metadata gives, else how well it matches the `<title>` tag (see
    /// [`tag_match`]).
    fn score(&self, t: &TitleRules, candidate: &str) -> u8 {
        let c = norm(candidate);
        if self.metas_norm.contains(&c) {
            3
        } else {
            tag_match_normed(t, &c, &self.tag_norm)
        }
    }
}

/// What the search over the candidates saw: the best confirmed one, and the unconfirmed ones
/// the fallbacks choose from.
#[derive(Default)]
struct Seen {
    /// A candidate in perfect agreement: the headline, and the search stopped there.
    perfect: Option<String>,
    /// The best confirmed candidate and its score.
    best: Option<(u8, String)>,
    /// The last unconfirmed heading above the text block.
    last_above_text: Option<String>,
    /// The last unconfirmed `<h1>` above the text block.
    last_h1_above_text: Option<String>,
    first_profiled: Option<String>,
    first_heading: Option<String>,
}

/// The headline of a page, from the profile's selectors, the page's headings, the metadata tags
/// and the `<title>` tag, in that order of preference, each checked against the others.
///
/// `text_block`, the element holding the article's text, breaks ties among unconfirmed
/// candidates: the headline is the last one standing above the text.
pub fn headline(doc: &Doc, text_block: Option<ElementRef>, crumbs: &[String]) -> Option<String> {
    let agree = Agreement::new(doc);
    let seen = search(doc, &agree, text_block);
    if seen.perfect.is_some() {
        return seen.perfect;
    }
    if let Some((_, c)) = &seen.best {
        return Some(confirmed(c, crumbs, &seen));
    }
    unconfirmed(doc, &agree, seen)
}

/// Scores the candidates in order of trust: the profile's selectors, then headings and
/// title-like elements in page order. The best agreement wins; a perfect one ends the search.
fn search(doc: &Doc, agree: &Agreement, text_block: Option<ElementRef>) -> Seen {
    let t = &doc.rules.titles;
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
        .filter(|e| heading_like(t, e));
    let mut seen = Seen::default();
    for (is_profiled, el) in profiled
        .iter()
        .map(|e| (true, *e))
        .chain(headings.map(|e| (false, e)))
    {
        let Some(text) = candidate_text(el) else {
            continue;
        };
        let mut score = agree.score(t, &text);
        // A site's name shown in a heading (a logo's `<h1>`) agrees with the `<title>` too, but
        // is never the headline. A heading that starts the `<title>` before a site's name
        // (`2024 Government Work Report - The People's Government of …`) is the headline
        // however it is worded, unless it stands in the page's furniture (a logo in a header).
        let starts_tag_before_site = || {
            score == 2
                && agree
                    .tag_norm
                    .strip_prefix(norm(&text).as_str())
                    .is_some_and(|rest| site_like(t, rest))
                && !doc.facts.in_furniture(&el)
                && !links_home(doc, el)
        };
        let site = score < 3 && site_name(t, &text) && !starts_tag_before_site();
        if site {
            if score > 0 {
                continue;
            }
            score = 0;
        }
        if score == 0 {
            let above_text = !passed_block.get() && block_id.is_some();
            note_unconfirmed(doc, &mut seen, el, text, is_profiled, site, above_text);
            continue;
        }
        if seen.best.as_ref().is_some_and(|(b, _)| *b >= score) || doc.facts.in_furniture(&el) {
            continue;
        }
        if score == 3 {
            seen.perfect = Some(text);
            return seen;
        }
        seen.best = Some((score, text));
    }
    seen
}

/// Keeps an unconfirmed candidate where the fallbacks look: the profile's first, and headings
/// outside the furniture (the last above the text, the first of all).
fn note_unconfirmed(
    doc: &Doc,
    seen: &mut Seen,
    el: ElementRef,
    text: String,
    is_profiled: bool,
    site: bool,
    above_text: bool,
) {
    if is_profiled && seen.first_profiled.is_none() && !doc.facts.in_furniture(&el) {
        seen.first_profiled = Some(text);
    } else if !is_profiled
        && !matches!(el.value().name(), "b" | "strong" | "font")
        // Known already: the score is 0.
        && !site
        && !doc.facts.in_furniture(&el)
    {
        if above_text {
            seen.last_above_text = Some(text.clone());
            if el.value().name.local == html5ever::local_name!("h1") {
                seen.last_h1_above_text = Some(text.clone());
            }
        }
        if seen.first_heading.is_none() {
            seen.first_heading = Some(text);
        }
    }
}

/// The headline when the best candidate `c` is confirmed, unless a heading above the text
/// tells it better.
fn confirmed(c: &str, crumbs: &[String], seen: &Seen) -> String {
    // A section's name (a crumb of the breadcrumb) heading the column above the article agrees
    // with a `<title>` that starts with the section (`Guangxi News - Site`), but the headline
    // is the heading standing last above the text.
    let crumb = |t: &str| crumbs.iter().any(|k| k.eq_ignore_ascii_case(t));
    if crumb(c)
        && let Some(h) = seen
            .last_above_text
            .as_ref()
            .filter(|h| *h != c && !crumb(h))
    {
        return h.clone();
    }
    // A column's heading that the `<title>` starts with (`Government Work Report - Site`)
    // yields to the article's own `<h1>` above the text that holds it (`Full text: 2024
    // Government Work Report of Guangxi`).
    if let Some(h) = seen
        .last_h1_above_text
        .as_ref()
        .filter(|h| *h != c && norm(h).contains(&norm(c)))
    {
        return h.clone();
    }
    c.to_string()
}

/// The headline when no candidate is confirmed: the metadata's, the profile's, the `<title>`
/// tag's own part, or a heading.
fn unconfirmed(doc: &Doc, agree: &Agreement, seen: Seen) -> Option<String> {
    let t = &doc.rules.titles;
    // The metadata's own title, when no element shows it; an `<h1>` above the text that says
    // the same at more length (`Nanning metro Line 6 starts trial runs` for `Nanning metro
    // line trial`) is the headline the reader sees.
    if let Some(m) = agree.metas.iter().find(|m| usable(m)) {
        if let Some(h) = seen.last_h1_above_text.filter(|h| retells(h, m)) {
            return Some(h);
        }
        return Some(m.clone());
    }
    // The profile's headline element, unconfirmed.
    if seen.first_profiled.is_some() {
        return seen.first_profiled;
    }
    // The `<title>` tag's own part, when it has one that names neither the site nor a kind of
    // page (`News Detail`); else the page's first heading; else the tag's longest part.
    let tag = &doc.title_tag;
    let parts = title_parts(t, tag);
    let own = parts
        .iter()
        .filter(|p| !site_name(t, p) && !generic(t, p) && usable(p))
        .max_by_key(|p| p.chars().count())
        .cloned();
    // A `<title>` of one part that no heading repeats is the site's name (`Guangxi, China`),
    // when a heading stands above the text.
    let lone = parts.len() == 1 && seen.last_above_text.is_some();
    if own.is_some() && !lone {
        return own;
    }
    if seen.last_above_text.is_some() {
        return seen.last_above_text;
    }
    if seen.first_heading.is_some() {
        return seen.first_heading;
    }
    let stripped = strip_site_name(t, tag);
    usable(&stripped).then_some(stripped)
}

/// True when the headline is a teaser: a heading that is itself a link to another page (a
/// list's featured item), not this page's own headline. The same words in a side box (`Latest
/// News`) link to this article from elsewhere and do not count.
pub(crate) fn is_teaser(doc: &Doc, title: &str, page_url: &str) -> bool {
    let own = own_addresses(doc, page_url);
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
                        && !own.iter().any(|o| *o == page_key(&u))
                })
    })
}

/// The page's own addresses as [`page_key`]s: the one it was read from, and the ones it declares
/// (`<link rel="canonical">`, `og:url`).
fn own_addresses(doc: &Doc, page_url: &str) -> Vec<String> {
    let canonical = doc.elements.iter().find_map(|e| {
        let v = e.value();
        let is_canonical = v.name() == "link"
            && v.attribute("rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("canonical"))
            });
        is_canonical.then(|| v.attribute("href")).flatten()
    });
    [
        Some(page_url.to_string()),
        canonical.map(str::to_string),
        doc.meta(&["og:url"]),
    ]
    .into_iter()
    .flatten()
    .filter_map(|a| doc.resolve_url(&a))
    .map(|u| page_key(&u))
    .collect()
}

/// What tells one page's address from another's: host (without `www.`), path (repeated and
/// trailing slashes aside) and query; not the scheme, which a site serves both ways.
fn page_key(u: &url::Url) -> String {
    let host = u.host_str().unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(host);
    let mut path = String::with_capacity(u.path().len());
    for part in u.path().split('/').filter(|p| !p.is_empty()) {
        path.push('/');
        path.push_str(part);
    }
    match u.query() {
        Some(q) => format!("{host}{path}?{q}"),
        None => format!("{host}{path}"),
    }
}

/// True for a "page not found" or error page, by its `<title>` or its first `<h1>`.
pub fn is_error_page(doc: &Doc) -> bool {
    let rules = &doc.rules.titles;
    let says_error = |t: &str| {
        let t = t.to_lowercase();
        rules.error_phrases.iter().any(|p| t.contains(p.as_str()))
            || rules.error_starts.iter().any(|p| t.starts_with(p.as_str()))
    };
    says_error(&doc.title_tag)
        || doc
            .elements
            .iter()
            .find(|e| e.value().name() == "h1")
            .is_some_and(|h| says_error(&crate::scrape::dom::text::inline_text(*h)))
}
