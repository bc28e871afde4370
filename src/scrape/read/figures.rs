//! Images that belong to the article: decorative ones (logos, badges, icons, spacer pixels) are
//! left out wherever they stand, and a lead figure placed above the text block, outside it, is
//! taken in with its caption.

use ego_tree::NodeId;
use scraper::{ElementRef, Node};

use crate::scrape::dom::AttrExt;
use crate::scrape::dom::facts::Facts;
use crate::scrape::dom::text::{Line, Piece, has_small_size, image_src, inline_text, is_centered};
use crate::scrape::dom::words::listed;
use crate::scrape::rules::ImageRules;

/// A block of more images than this is a gallery or a box of thumbnails, not one figure.
const MAX_FIGURE_IMAGES: usize = 3;

/// A figure with more characters of text than this is a block of text with pictures in it.
const MAX_FIGURE_TEXT: usize = 300;

/// The most figures taken from one block beside the text.
const MAX_FIGURES: usize = 30;

/// A caption under a figure holds at most this many characters.
const MAX_CAPTION_UNDER: usize = 200;

/// How many levels above the text block its neighbours are looked among.
const LEVELS_UP: usize = 2;

/// True for an image URL that names decoration (`/images/gongan.png`, `logo_en.gif`).
pub fn is_decorative(rules: &ImageRules, url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let file = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let stem = file.rsplit_once('.').map_or(file.as_str(), |(s, _)| s);
    stem.split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| listed(&rules.decorative, w))
        || listed(&rules.button_stems, stem)
}

/// True for an `<img>` drawn too small to be a photo (`width="16"`), or one inside a link to
/// another site (the badges of a government site's footer).
pub fn is_small_or_foreign(el: &ElementRef, page_host: Option<&str>) -> bool {
    if has_small_size(el) {
        return true;
    }
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .take(4)
        .find(|a| a.value().name() == "a")
        .and_then(|a| a.value().attribute("href"))
        .and_then(|h| url::Url::parse(h).ok())
        .is_some_and(|u| u.host_str().is_some() && u.host_str() != page_host)
}

/// True for an image that is not the article's: an avatar or logo by its class, a thumbnail
/// linking to another page (a "more photos" box), a badge linking to another site.
fn foreign_image(rules: &ImageRules, img: &ElementRef, page_host: Option<&str>) -> bool {
    let named = |e: &ElementRef| {
        crate::scrape::dom::furniture::any_word(e, |w| listed(&rules.foreign_classes, w))
    };
    if named(img)
        || img
            .parent()
            .and_then(ElementRef::wrap)
            .is_some_and(|p| named(&p))
    {
        return true;
    }
    if is_small_or_foreign(img, page_host) {
        return true;
    }
    crate::scrape::dom::text::links_to_page(img)
}

/// The figures of one block standing next to the text block: each `<figure>` inside it on its
/// own, else the block itself when it is picture-sized (few images, little text).
fn figures_of(
    rules: &ImageRules,
    block: ElementRef,
    page_host: Option<&str>,
    max_imgs: usize,
) -> Vec<Piece> {
    let figures: Vec<ElementRef> = if block.value().name() == "figure" {
        vec![block]
    } else {
        let inner: Vec<ElementRef> = block
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().name() == "figure")
            .collect();
        if inner.is_empty() { vec![block] } else { inner }
    };
    let mut out = Vec::new();
    for unit in figures.into_iter().take(max_imgs) {
        let imgs: Vec<ElementRef> = std::iter::once(unit)
            .chain(unit.descendants().filter_map(ElementRef::wrap))
            .filter(|e| matches!(e.value().name(), "img" | "amp-img"))
            .collect();
        if imgs.is_empty()
            || imgs.len() > MAX_FIGURE_IMAGES
            || inline_text(unit).chars().count() > MAX_FIGURE_TEXT
        {
            continue;
        }
        let mut pieces = Vec::new();
        for img in imgs {
            let Some(src) = image_src(&img) else { continue };
            if is_decorative(rules, &src) || foreign_image(rules, &img, page_host) {
                continue;
            }
            pieces.push(Piece::Image { src });
        }
        if pieces.is_empty() {
            continue;
        }
        if let Some(c) = caption_of(rules, unit) {
            pieces.push(Piece::Line(Line {
                text: c,
                centered: true,
                caption: true,
                link_chars: 0,
                row: None,
                links: Vec::new(),
            }));
        }
        out.extend(pieces);
    }
    out
}

/// Images standing next to the text block, outside it, under the same parent or grandparent:
/// a lead `<figure>` or centred picture above it, and a gallery of figures below it, with their
/// captions. Returned as pieces to go before and after the text block's own. Furniture, the
/// breadcrumb and blocks of prose or links are passed over.
pub(crate) fn outside_images(
    rules: &ImageRules,
    facts: &Facts,
    container: ElementRef,
    crumb: Option<NodeId>,
    page_host: Option<&str>,
) -> (Vec<Piece>, Vec<Piece>) {
    let usable = |sib: &ElementRef| {
        Some(sib.id()) != crumb
            && !facts.hidden(sib)
            && !facts.in_furniture(sib)
            && (matches!(sib.value().name(), "img" | "amp-img")
                || sib.descendants().any(|d| {
                    d.value()
                        .as_element()
                        .is_some_and(|e| matches!(e.name(), "img" | "amp-img"))
                }))
    };
    let (mut before, mut after) = (Vec::new(), Vec::new());
    let mut child = container;
    for _ in 0..LEVELS_UP {
        let Some(parent) = child.parent().and_then(ElementRef::wrap) else {
            break;
        };
        if matches!(parent.value().name(), "body" | "html") {
            break;
        }
        let mut found: Vec<Vec<Piece>> = child
            .prev_siblings()
            .filter_map(ElementRef::wrap)
            .filter(usable)
            .map(|sib| figures_of(rules, sib, page_host, MAX_FIGURES))
            .collect();
        // prev_siblings runs backwards: restore page order.
        found.reverse();
        before.extend(found.into_iter().flatten());
        after.extend(
            child
                .next_siblings()
                .filter_map(ElementRef::wrap)
                .filter(usable)
                .flat_map(|sib| figures_of(rules, sib, page_host, MAX_FIGURES)),
        );
        if !before.is_empty() || !after.is_empty() {
            break;
        }
        child = parent;
    }
    (before, after)
}

/// The caption of a figure block: its `<figcaption>`, else its own short text, else the short
/// centred paragraph right after it.
fn caption_of(rules: &ImageRules, block: ElementRef) -> Option<String> {
    let own = inline_text(block);
    if let Some(fc) = block
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "figcaption")
    {
        return Some(inline_text(fc)).filter(|t| !t.is_empty());
    }
    if !own.is_empty() {
        return (own.chars().count() <= MAX_FIGURE_TEXT).then_some(own);
    }
    let next = block.next_siblings().find(|n| match n.value() {
        Node::Element(_) => true,
        Node::Text(t) => !t.trim().is_empty(),
        _ => false,
    })?;
    let next = ElementRef::wrap(next)?;
    let text = inline_text(next);
    let centred = is_centered(&next)
        || next
            .value()
            .attribute("class")
            .is_some_and(|c| rules.caption_classes.iter().any(|w| c.contains(w.as_str())));
    (centred && !text.is_empty() && text.chars().count() <= MAX_CAPTION_UNDER).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoration_is_told_by_its_file_name() {
        let rules = crate::scrape::rules::Rules::default();
        assert!(is_decorative(
            &rules.images,
            "http://en.gxzf.gov.cn/images/gongan.png"
        ));
        assert!(is_decorative(&rules.images, "/img/logo_en.gif"));
        assert!(is_decorative(&rules.images, "/res/icon-print.png?v=2"));
        assert!(!is_decorative(
            &rules.images,
            "/2023-06/12/photo_20230612_pearl.jpg"
        ));
        assert!(!is_decorative(&rules.images, "/uploads/W020230612391.jpg"));
    }
}
