//! Images that belong to the article: decorative ones (logos, badges, icons, spacer pixels) are
//! left out wherever they stand, and a lead figure placed above the text block, outside it, is
//! taken in with its caption.

use scraper::{ElementRef, Node};

use super::furniture::in_furniture;
use super::text::{Line, Piece, has_small_size, image_src, inline_text, is_invisible};

/// Words in an image's file name that mark page decoration, not a news photo.
const DECORATIVE: &[&str] = &[
    "logo", "icon", "gongan", "beian", "icp", "jiucuo", "zhaocuo", "dzjg", "conac", "qrcode",
    "erweima", "ewm", "weixin", "wechat", "weibo", "share", "print", "close", "spacer", "blank",
    "pixel", "arrow", "bullet", "btn", "button", "badge",
];

/// True for an image URL that names decoration (`/images/gongan.png`, `logo_en.gif`).
pub fn is_decorative(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let file = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let stem = file.rsplit_once('.').map_or(file.as_str(), |(s, _)| s);
    stem.split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| DECORATIVE.contains(&w))
        || matches!(stem, "dot" | "line" | "bg" | "top")
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
        .and_then(|a| a.value().attr("href"))
        .and_then(|h| url::Url::parse(h).ok())
        .is_some_and(|u| u.host_str().is_some() && u.host_str() != page_host)
}

/// Images standing above the text block, outside it, under the same parent or grandparent: a
/// lead `<figure>` or a centred paragraph holding an image, with its caption. Returned as pieces
/// to go before the text block's own.
pub fn lead_images(container: ElementRef, page_host: Option<&str>) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut child = container;
    for _ in 0..2 {
        let Some(parent) = child.parent().and_then(ElementRef::wrap) else {
            break;
        };
        if matches!(parent.value().name(), "body" | "html") {
            break;
        }
        let mut found = Vec::new();
        for sib in child.prev_siblings().filter_map(ElementRef::wrap) {
            if is_invisible(&sib) || in_furniture(&sib) {
                continue;
            }
            // Images at the top of a sibling block; a block of prose or links is not a figure.
            let imgs: Vec<ElementRef> = sib
                .descendants()
                .filter_map(ElementRef::wrap)
                .filter(|e| e.value().name() == "img")
                .collect();
            if imgs.is_empty() || imgs.len() > 3 || inline_text(sib).chars().count() > 300 {
                continue;
            }
            let mut pieces = Vec::new();
            for img in imgs {
                let Some(src) = image_src(&img) else { continue };
                if is_decorative(&src) || is_small_or_foreign(&img, page_host) {
                    continue;
                }
                let alt = crate::sanitize::clean_text(img.value().attr("alt").unwrap_or(""));
                pieces.push(Piece::Image { src, alt });
            }
            if pieces.is_empty() {
                continue;
            }
            let caption = caption_of(sib);
            if let Some(c) = caption {
                pieces.push(Piece::Line(Line {
                    text: c,
                    centered: true,
                    caption: true,
                    link_chars: 0,
                }));
            }
            found.push(pieces);
        }
        // prev_siblings runs backwards: restore page order.
        for pieces in found.into_iter().rev() {
            out.extend(pieces);
        }
        if !out.is_empty() {
            break;
        }
        child = parent;
    }
    out
}

/// The caption of a figure block: its `<figcaption>`, else its own short text, else the short
/// centred paragraph right after it.
fn caption_of(block: ElementRef) -> Option<String> {
    let own = inline_text(block);
    if let Some(fc) = block
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "figcaption")
    {
        return Some(inline_text(fc)).filter(|t| !t.is_empty());
    }
    if !own.is_empty() {
        return (own.chars().count() <= 300).then_some(own);
    }
    let next = block.next_siblings().find(|n| match n.value() {
        Node::Element(_) => true,
        Node::Text(t) => !t.trim().is_empty(),
        _ => false,
    })?;
    let next = ElementRef::wrap(next)?;
    let text = inline_text(next);
    let centred =
        next.value()
            .attr("align")
            .is_some_and(|a| a.eq_ignore_ascii_case("center"))
            || next.value().attr("style").is_some_and(|s| {
                s.replace(' ', "")
                    .to_ascii_lowercase()
                    .contains("text-align:center")
            })
            || next.value().attr("class").is_some_and(|c| {
                c.contains("caption") || c.contains("pic") || c.contains("center")
            });
    (centred && !text.is_empty() && text.chars().count() <= 200).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoration_is_told_by_its_file_name() {
        assert!(is_decorative("http://en.gxzf.gov.cn/images/gongan.png"));
        assert!(is_decorative("/img/logo_en.gif"));
        assert!(is_decorative("/res/icon-print.png?v=2"));
        assert!(!is_decorative("/2023-06/12/photo_20230612_pearl.jpg"));
        assert!(!is_decorative("/uploads/W020230612391.jpg"));
    }
}
