//! How an element is shown: hidden or not, centred or not, drawn small or not, as its tag,
//! attributes, classes and inline style say.

use html5ever::local_name;
use scraper::ElementRef;

use crate::scrape::dom::{AttrExt, tags};

/// True when an element is never shown: skipped tags, `hidden`, `aria-hidden`, inline
/// `display:none` / `visibility:hidden`.
pub fn is_invisible(el: &ElementRef) -> bool {
    // Classes that hide by convention.
    const HIDING: &[&str] = &[
        "hide",
        "hidden",
        "invisible",
        "d-none",
        "display-none",
        "displaynone",
        "sr-only",
        "visually-hidden",
    ];
    let v = el.value();
    if tags::kind(&v.name.local) & tags::SKIPPED != 0 {
        return true;
    }
    // One pass over the attributes: this runs for every element of every walk.
    v.attrs.iter().any(|(name, value)| {
        let (n, value) = (&name.local, &**value);
        if *n == local_name!("hidden") {
            true
        } else if *n == local_name!("aria-hidden") {
            value == "true"
        } else if *n == local_name!("class") {
            value
                .split_ascii_whitespace()
                .any(|t| HIDING.iter().any(|h| t.eq_ignore_ascii_case(h)))
        } else if *n == local_name!("style")
            && (value.contains("none") || value.contains("hidden") || value.contains("NONE"))
        {
            let s: String = value.chars().filter(|c| !c.is_whitespace()).collect();
            let s = s.to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        } else {
            false
        }
    })
}

/// True when an element is centred (`<center>`, `align="center"`, `text-align:center`): a
/// caption under a picture often is.
pub fn is_centered(el: &ElementRef) -> bool {
    let v = el.value();
    if v.name() == "center" {
        return true;
    }
    if v.attr_named(&local_name!("align"))
        .is_some_and(|a| a.eq_ignore_ascii_case("center"))
    {
        return true;
    }
    v.attr_named(&local_name!("style")).is_some_and(|s| {
        // Most styles say nothing of centring: looked at closely only when they might.
        (s.contains("center") || s.contains("CENTER") || s.contains("Center")) && {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            s.to_ascii_lowercase().contains("text-align:center")
        }
    })
}

/// An image drawn narrower or lower than this (in pixels) is an icon or a spacer, never a photo.
const MIN_PHOTO_SIDE: u32 = 60;

/// True for an `<img>` drawn smaller than a photo ever is (`width="16"`): icons, spacer pixels.
pub fn has_small_size(el: &ElementRef) -> bool {
    ["width", "height"].iter().any(|a| {
        el.value()
            .attribute(a)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
            .is_some_and(|n| n < MIN_PHOTO_SIDE)
    })
}
