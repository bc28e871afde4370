//! The content-density fallback: when the profile's selectors find no body, find the block
//! that holds the most prose and the fewest links, in the spirit of Readability.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};

use super::furniture::{is_furniture, words};
use super::text::is_invisible;

/// Class or id words of blocks that hold the article.
const POSITIVE: &[&str] = &[
    "content", "article", "text", "detail", "body", "main", "zoom", "news", "story", "editor",
    "post", "entry", "zw", "txt", "con",
];

/// Weight from the element's class and id: furniture is penalised, article words rewarded.
fn class_weight(el: &ElementRef) -> f64 {
    let mut weight = 1.0;
    if is_furniture(el) {
        weight *= 0.1;
    }
    let words = words(el);
    if words.iter().any(|w| {
        POSITIVE
            .iter()
            .any(|p| w == p || (p.len() > 3 && w.contains(p)))
    }) {
        weight *= 1.5;
    }
    weight
}

/// Text and link-text character counts of an element's visible subtree.
fn counts(el: ElementRef, in_link: bool, text: &mut usize, link: &mut usize) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => {
                let n = t.chars().filter(|c| !c.is_whitespace()).count();
                *text += n;
                if in_link {
                    *link += n;
                }
            }
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child).filter(|c| !is_invisible(c)) {
                    counts(c, in_link || c.value().name() == "a", text, link);
                }
            }
            _ => {}
        }
    }
}

/// Characters of text held directly by an element (its own text nodes and inline children),
/// the unit that Readability calls a paragraph.
fn own_text(el: ElementRef) -> usize {
    let mut n = 0;
    for child in el.children() {
        match child.value() {
            Node::Text(t) => n += t.chars().filter(|c| !c.is_whitespace()).count(),
            Node::Element(e)
                if matches!(
                    e.name(),
                    "span" | "font" | "strong" | "b" | "em" | "i" | "u"
                ) =>
            {
                if let Some(c) = ElementRef::wrap(child) {
                    n += own_text(c);
                }
            }
            _ => {}
        }
    }
    n
}

/// The element most likely to hold the article text, or `None` on a page with no prose.
pub fn main_block(html: &Html) -> Option<ElementRef<'_>> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for node in html.tree.nodes() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        if !matches!(
            el.value().name(),
            "p" | "div" | "td" | "pre" | "font" | "span" | "section"
        ) {
            continue;
        }
        let n = own_text(el);
        if n < 25
            || el
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| is_invisible(&a))
        {
            continue;
        }
        let score = 1.0 + (n as f64 / 100.0).min(3.0);
        let mut factor = 1.0;
        for (depth, anc) in node
            .ancestors()
            .filter_map(ElementRef::wrap)
            .enumerate()
            .take(3)
        {
            *scores.entry(anc.id()).or_default() += score * factor;
            factor = 1.0 / (depth as f64 + 2.0);
        }
    }
    scores
        .into_iter()
        .filter_map(|(id, s)| {
            let el = ElementRef::wrap(html.tree.get(id)?)?;
            if matches!(el.value().name(), "body" | "html") {
                return None;
            }
            let (mut text, mut link) = (0usize, 0usize);
            counts(el, false, &mut text, &mut link);
            if text == 0 {
                return None;
            }
            let density = link as f64 / text as f64;
            Some((s * (1.0 - density) * class_weight(&el), el))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, el)| el)
}
