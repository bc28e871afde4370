//! The generic reader: a maintained readability implementation (dom_smoothie) finds the main
//! text of templates no profile describes.
//!
//! It reads a copy of the page gxnews already parsed (no second parse) in which every element
//! carries its place in the original. What it keeps is mapped back to the original elements,
//! and gxnews's own walker reads those, leaving out what the extractor removed: captions,
//! centred lines, tables and figures come out exactly as in the text block.

use dom_query::{Document, NodeData, NodeId};
use dom_smoothie::{Config, Readability};
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};
use url::Url;

use crate::sanitize::clean_text;
use crate::scrape::doc::Doc;
use crate::scrape::dom::text::{self, NodeSet, Piece};

/// The attribute that carries an element's place in the original page through the extractor.
const PLACE: &str = "data-gxnews-place";

/// The share of the extractor's text that the pieces mapped back to the page must hold; below
/// it, the extractor's own copy is read instead (its text sat loose in the page).
const MAPPED_SHARE: f64 = 0.8;

/// Pages with more elements than this are left to the text block: the extractor's time grows
/// faster than the page, and the largest real article pages hold about 10,000.
const MAX_ELEMENTS: usize = 40_000;

/// Pages with more text than this (in bytes) are left to the text block: the extractor's time
/// grows with the text times the depth, and the longest real articles hold about 140 KB.
const MAX_TEXT: usize = 1 << 20;

/// Elements nested deeper than this are read as part of their ancestor at this depth: real
/// pages nest under 50, and the extractor's time grows with the depth times the text.
const MAX_DEPTH: usize = 64;

fn piece_chars(p: &Piece) -> usize {
    match p {
        Piece::Line(l) => l.text.chars().count(),
        Piece::Image { .. } => 0,
    }
}

/// What the generic reader found.
pub(crate) struct Generic {
    /// The main text's pieces, walked like the text block's.
    pub pieces: Vec<Piece>,
    /// Its title (JSON-LD, OpenGraph, or the `<title>` cleaned of the site's name).
    pub title: Option<String>,
    /// Its byline.
    pub byline: Option<String>,
}

/// Runs the readability extractor over a copy of the parsed page. `None` when it finds no
/// main text.
pub(crate) fn read(doc: &Doc, url: &Url) -> Option<Generic> {
    let Some((copy, places)) = copy_of(doc.html) else {
        tracing::info!(
            "{url}: more than {MAX_ELEMENTS} elements or {MAX_TEXT} bytes of text; read by the text block alone"
        );
        return None;
    };
    // dom_smoothie wants an absolute http(s) address to resolve links against.
    let address = matches!(url.scheme(), "http" | "https").then_some(url.as_str());
    let mut reader = Readability::with_document(copy, address, Some(Config::default())).ok()?;
    let article = reader.parse().ok()?;
    let (mut pieces, furniture) = kept_pieces(doc, &article.content, &places);
    // Text the extractor gathered from loose text nodes sits in elements of its own making,
    // which carry no place: when the mapped pieces miss much of its text, its own copy is read.
    let mapped: usize = pieces.iter().map(piece_chars).sum::<usize>() + furniture;
    if (mapped as f64) < article.text_content.chars().count() as f64 * MAPPED_SHARE {
        let out = Html::parse_fragment(&article.content);
        let facts = crate::scrape::dom::facts::Facts::new(&out.tree, &doc.rules.words);
        pieces = text::pieces(&facts, out.root_element(), &NodeSet::default());
    }
    let clean = |s: &str| Some(clean_text(s)).filter(|t| !t.is_empty());
    Some(Generic {
        pieces,
        title: clean(&article.title),
        // A byline that is a web address (a JSON-LD author "named" by a URL) names nobody.
        byline: article
            .byline
            .as_deref()
            .and_then(clean)
            .filter(|b| !crate::scrape::jsonld::is_address(b)),
    })
}

/// The original elements the extractor kept, walked: each kept element whose parent it did not
/// keep is a root, read with the elements it removed from under it left out.
/// Also the characters of the kept blocks left out as page furniture.
fn kept_pieces(doc: &Doc, content: &str, places: &[ego_tree::NodeId]) -> (Vec<Piece>, usize) {
    let kept: Vec<ego_tree::NodeId> = places_in(content)
        .into_iter()
        .filter_map(|i| places.get(i).copied())
        .collect();
    let kept_set: NodeSet = kept.iter().copied().collect();
    let (mut pieces, mut left_out) = (Vec::new(), 0);
    for &id in &kept {
        let Some(el) = doc.html.tree.get(id).and_then(ElementRef::wrap) else {
            continue;
        };
        if el.parent().is_some_and(|p| kept_set.contains(&p.id())) {
            continue;
        }
        // A kept block inside the page's footer (its "About us" column) is the site's, not
        // the article's. (Other furniture by name is not trusted so far: real articles sit in
        // blocks whose class merely sounds like a side box.)
        if doc.facts.in_page_footer(&el) {
            left_out += el.text().map(|t| t.chars().count()).sum::<usize>();
            continue;
        }
        // What the extractor removed, and the page's furniture (share bars, pagers), which the
        // text block leaves out too.
        let removed: NodeSet = el
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|d| !kept_set.contains(&d.id()) || doc.facts.furniture(d))
            .map(|d| d.id())
            .collect();
        pieces.extend(text::pieces(&doc.facts, el, &removed));
    }
    (pieces, left_out)
}

/// The places of the elements the extractor's serialised result holds, in order: each
/// `data-gxnews-place="N"` that stands inside a tag (text cannot hold a raw `<`, so one that
/// does not is the page's own words and is passed over).
fn places_in(content: &str) -> Vec<usize> {
    let needle = format!("{PLACE}=\"");
    let bytes = content.as_bytes();
    memchr::memmem::find_iter(bytes, needle.as_bytes())
        .filter(|&at| memchr::memrchr2(b'<', b'>', &bytes[..at]).is_some_and(|i| bytes[i] == b'<'))
        .filter_map(|at| {
            let digits = &content[at + needle.len()..];
            let end = digits.find('"')?;
            digits[..end].parse().ok()
        })
        .collect()
}

/// Elements the extractor removes before reading or never reads as text: scripts (but JSON-LD,
/// which it reads for the title), styles, drawings, templates, and `<noscript>` (whose content
/// the page's parse keeps as raw text).
fn unread(el: &scraper::node::Element) -> bool {
    match &*el.name.local {
        "script" => !el
            .attr("type")
            .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")),
        "style" | "svg" | "template" | "noscript" | "link" => true,
        _ => false,
    }
}

/// A dom_query copy of a page scraper parsed: elements with their attributes (and each its
/// place in `places`, under [`PLACE`]) and text, in order. Comments, doctypes and processing
/// instructions are left out; nothing reads them. Elements deeper than [`MAX_DEPTH`] are left
/// out with their content kept in their ancestor; `None` for a page of more than
/// [`MAX_ELEMENTS`] elements or [`MAX_TEXT`] of text.
fn copy_of(html: &Html) -> Option<(Document, Vec<ego_tree::NodeId>)> {
    let doc = Document::default();
    let (mut places, mut text) = (Vec::new(), 0);
    let tree = &doc.tree;
    let root = tree.root().id;
    // The page's nodes in order, each with the copy of its parent: an explicit stack, as deep
    // as the page is, never the call stack.
    let mut stack: Vec<(NodeRef<Node>, NodeId, usize)> = html
        .tree
        .root()
        .children()
        .rev()
        .map(|c| (c, root, 1))
        .collect();
    while let Some((node, parent, depth)) = stack.pop() {
        let copy = match node.value() {
            Node::Element(el) if !unread(el) && depth > MAX_DEPTH => {
                stack.extend(node.children().rev().map(|c| (c, parent, depth)));
                continue;
            }
            Node::Element(el) if !unread(el) => {
                if places.len() == MAX_ELEMENTS {
                    return None;
                }
                let mut attrs: Vec<html5ever::Attribute> = el
                    .attrs
                    .iter()
                    .map(|(name, value)| html5ever::Attribute {
                        name: name.clone(),
                        value: value.clone(),
                    })
                    .collect();
                attrs.push(html5ever::Attribute {
                    name: html5ever::QualName::new(None, html5ever::ns!(), PLACE.into()),
                    value: places.len().to_string().into(),
                });
                places.push(node.id());
                let data = dom_query::Element::new(el.name.clone(), attrs, None, false);
                tree.create_node(NodeData::Element(data))
            }
            Node::Text(t) => {
                text += t.text.len();
                if text > MAX_TEXT {
                    return None;
                }
                tree.new_text(t.text.clone()).id
            }
            // What the extractor never reads stays out of the copy, subtree and all.
            _ => continue,
        };
        tree.append_child_of(&parent, &copy);
        stack.extend(node.children().rev().map(|c| (c, copy, depth + 1)));
    }
    Some((doc, places))
}
