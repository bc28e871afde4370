//! Page furniture: navigation, side boxes, headers, footers, share bars and the like, told apart
//! from the article by tag and by the words in class and id names.

use scraper::ElementRef;

/// Class or id words of blocks that are not the article. Matched as whole words, or inside a
/// longer word when the pattern is long enough to be unambiguous (`sidebar`, `hotnews`).
const FURNITURE: &[&str] = &[
    "nav",
    "navbar",
    "menu",
    "footer",
    "foot",
    "header",
    "head",
    "side",
    "sidebar",
    "aside",
    "related",
    "relate",
    "share",
    "comment",
    "comments",
    "hot",
    "rank",
    "ranking",
    "most",
    "popular",
    "recommend",
    "crumb",
    "breadcrumb",
    "position",
    "location",
    "pager",
    "pagination",
    "banner",
    "ad",
    "ads",
    "advert",
    "friend",
    "friendlink",
    "links",
    "copyright",
    "toolbar",
    "tools",
    "login",
    "search",
    "topnav",
    "subnav",
    "bshare",
    "bdshare",
    "print",
    "prevnext",
    "prev",
    "next",
    "sitemap",
    "qrcode",
    "weixin",
    "wechat",
    "photonews",
    "tuijian",
];

/// Class and id words of an element, lower-cased, split on anything not alphanumeric.
pub fn words(el: &ElementRef) -> Vec<String> {
    let v = el.value();
    let mut s = v.attr("class").unwrap_or("").to_lowercase();
    s.push(' ');
    s.push_str(&v.attr("id").unwrap_or("").to_lowercase());
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Furniture words that also mark compounds they begin (`sidebox`, `hotnews`, `navList`).
const PREFIXES: &[&str] = &[
    "nav",
    "side",
    "hot",
    "most",
    "menu",
    "foot",
    "share",
    "related",
    "relate",
    "comment",
    "crumb",
    "rank",
    "recommend",
    "friend",
    "banner",
    "pager",
    "subnav",
    "topnav",
    "prevnext",
];

fn word_hits(word: &str, pattern: &str) -> bool {
    word == pattern || (PREFIXES.contains(&pattern) && word.starts_with(pattern))
}

/// True for an element that is page furniture by its tag or its class/id words.
pub fn is_furniture(el: &ElementRef) -> bool {
    if matches!(
        el.value().name(),
        "nav" | "header" | "footer" | "aside" | "form"
    ) {
        return true;
    }
    words(el)
        .iter()
        .any(|w| FURNITURE.iter().any(|p| word_hits(w, p)))
}

/// True when the element or any ancestor is furniture.
pub fn in_furniture(el: &ElementRef) -> bool {
    is_furniture(el)
        || el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| is_furniture(&a))
}
