//! Images in the page: where an `<img>` really points, and whether it belongs to another page.

use scraper::ElementRef;

use crate::scrape::dom::AttrExt;

/// True for an image inside a link to a page (not to the full-size image, nor to nowhere): a
/// thumbnail that belongs to that page.
pub fn links_to_page(img: &ElementRef) -> bool {
    img.ancestors()
        .filter_map(ElementRef::wrap)
        .take(3)
        .find(|a| a.value().name() == "a")
        .and_then(|a| a.value().attribute("href"))
        .is_some_and(|h| {
            let h = h.trim();
            let path = h.split(['?', '#']).next().unwrap_or(h).to_ascii_lowercase();
            !(path.is_empty()
                || h.starts_with('#')
                || h.starts_with("javascript:")
                || [".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp"]
                    .iter()
                    .any(|e| path.ends_with(e)))
        })
}

/// The image source of an `<img>`, preferring lazy-load attributes over a placeholder `src`.
pub fn image_src(el: &ElementRef) -> Option<String> {
    let v = el.value();
    [
        "data-src",
        "data-original",
        "data-lazy-src",
        "data-url",
        "src",
    ]
    .iter()
    .filter_map(|a| v.attribute(a))
    .map(str::trim)
    .find(|s| !s.is_empty() && !s.starts_with("data:") && !s.starts_with("javascript:"))
    .map(str::to_string)
}
