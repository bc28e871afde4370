//! Page furniture: navigation, side boxes, headers, footers, share bars and the like, told apart
//! from the article by tag and by the words in class and id names.

use html5ever::local_name;
use std::sync::LazyLock;

use scraper::ElementRef;

use crate::scrape::dom::AttrExt;

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
    "prevnext",
    "prev",
    "next",
    "sitemap",
    "qrcode",
    "weixin",
    "wechat",
    "photonews",
    "tuijian",
    "more",
    "topbar",
    "welcome",
];

/// True when `pred` holds for any class/id word of the element. Allocates nothing for the
/// usual lower-case names: this runs over every element of a page.
pub fn any_word(el: &ElementRef, pred: impl Fn(&str) -> bool) -> bool {
    for_each_token(el, |t| {
        t.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| !w.is_empty() && pred(w))
    })
}

/// Calls `f` with each class name and the id, lower-cased, until it returns true.
fn for_each_token(el: &ElementRef, mut f: impl FnMut(&str) -> bool) -> bool {
    let v = el.value();
    for t in v
        .attr_named(&local_name!("class"))
        .unwrap_or("")
        .split_ascii_whitespace()
        .chain(v.attr_named(&local_name!("id")))
    {
        let hit = if t.bytes().any(|b| b.is_ascii_uppercase()) {
            f(&t.to_ascii_lowercase())
        } else {
            f(t)
        };
        if hit {
            return true;
        }
    }
    false
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

/// Words that mark furniture only when they lead the name (`header`, `footer-links`), not
/// when they qualify an article part (`post-header`, `article-footer`).
const LEADING_ONLY: &[&str] = &["header", "head", "footer", "foot", "top", "bottom"];

fn word_hits(word: &str, pattern: &str) -> bool {
    word == pattern || (PREFIXES.contains(&pattern) && word.starts_with(pattern))
}

/// True for one word of a class or id that names furniture, by itself or as a compound's start.
fn part_is_furniture(part: &str) -> bool {
    // Every word and prefix starts with a lower-case letter: a part is compared only with
    // those that start with its own first letter.
    let Some(first) = part.bytes().next().filter(u8::is_ascii_lowercase) else {
        return false;
    };
    let (words, prefixes) = &BY_FIRST_LETTER[usize::from(first - b'a')];
    words.contains(&part)
        || (prefixes.iter().any(|p| part.starts_with(p))
            && !ORDINARY.iter().any(|o| part.starts_with(o)))
}

/// Ordinary words that start like a furniture compound (`hotel` like `hotnews`, `commentary`
/// like `commentbox`): a list of hotels or of commentaries is content.
const ORDINARY: &[&str] = &[
    "hotel",
    "hotspring",
    "commentar",
    "friendship",
    "footnote",
    "footage",
    "football",
    "footprint",
    "shareholder",
    "mostly",
    "navy",
    "sidewalk",
];

type Filed = (Vec<&'static str>, Vec<&'static str>);

/// [`FURNITURE`] and [`PREFIXES`] filed by their first letter.
static BY_FIRST_LETTER: LazyLock<[Filed; 26]> = LazyLock::new(|| {
    let mut filed: [Filed; 26] = Default::default();
    let letter = |w: &str| usize::from(w.as_bytes()[0] - b'a');
    for w in FURNITURE {
        filed[letter(w)].0.push(w);
    }
    for p in PREFIXES {
        filed[letter(p)].1.push(p);
    }
    filed
});

/// True for a word that marks furniture only when it leads the name.
fn leading_only(part: &str) -> bool {
    LEADING_ONLY.iter().any(|l| word_hits(part, l))
}

fn token_is_furniture(token: &str) -> bool {
    let parts = || {
        token
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|p| !p.is_empty())
    };
    // `print` names a print button or bar, not a printer-friendly page (`print-page`).
    let print_button = token.contains("print")
        && parts().any(|p| p == "print")
        && (parts().count() == 1
            || parts().any(|p| matches!(p, "btn" | "button" | "bar" | "link" | "icon" | "tool")));
    // `footer` leads `footer-links`, and follows a site's own prefix (`kp-footer`, `g-header`),
    // but after an article word (`post-footer`, `article-header`) it is the article's own.
    // Only a site's namespace may come before (`kp-footer`, `site-header`); `main-footer-wrap`
    // or `post-footer` name something else.
    let after_prefix = |i: usize| {
        parts().take(i).all(|p| {
            p.len() <= 3 || matches!(p, "site" | "page" | "global" | "common" | "public" | "web")
        })
    };
    print_button
        || parts().enumerate().any(|(i, part)| {
            part_is_furniture(part) && (i == 0 || !leading_only(part) || after_prefix(i))
        })
}

/// Class words that make a `<header>` or `<footer>` part of the article (`post-header`).
const ARTICLE_PARTS: &[&str] = &[
    "post", "article", "entry", "detail", "news", "story", "content", "title", "info", "meta",
];

/// True for an element that is page furniture by its tag or its class/id names. `<header>` and
/// `<footer>` inside an `<article>` are the article's own.
pub fn is_furniture(el: &ElementRef) -> bool {
    match el.value().name() {
        // The page itself is never furniture, whatever its class says (`_layout_inner_side`).
        "html" | "body" => return false,
        "nav" | "aside" => return true,
        // A search or login form; not the form an ASP.NET page wraps around everything.
        "form" => {
            let text: usize = el.text().map(str::len).sum();
            if text < 400 {
                return true;
            }
        }
        "header" | "footer" => {
            let in_article = el
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| matches!(a.value().name(), "article" | "main"));
            let named_as_part = any_word(el, |w| ARTICLE_PARTS.contains(&w));
            if !in_article && !named_as_part {
                return true;
            }
        }
        _ => {}
    }
    for_each_token(el, token_is_furniture)
}

#[cfg(test)]
mod tests {
    use super::{FURNITURE, ORDINARY, PREFIXES, part_is_furniture, token_is_furniture};

    /// Filed by first letter, the words and prefixes give the same answers as the lists.
    #[test]
    fn filed_words_answer_as_the_lists() {
        let mut samples: Vec<String> = Vec::new();
        for w in FURNITURE.iter().chain(PREFIXES) {
            assert!(w.as_bytes()[0].is_ascii_lowercase(), "{w}");
            samples.push(w.to_string());
            samples.push(format!("{w}list"));
            samples.push(w[..w.len() - 1].to_string());
            samples.push(format!("x{w}"));
        }
        samples.extend(["", "9nav", "content", "article", "zz", "Nav"].map(String::from));
        for s in &samples {
            let want = FURNITURE.contains(&s.as_str())
                || (PREFIXES.iter().any(|p| s.starts_with(p))
                    && !ORDINARY.iter().any(|o| s.starts_with(o)));
            assert_eq!(part_is_furniture(s), want, "{s}");
        }
    }

    #[test]
    fn leading_words_only_lead() {
        assert!(token_is_furniture("header"));
        assert!(token_is_furniture("footer-links"));
        assert!(!token_is_furniture("post-header"));
        assert!(!token_is_furniture("article-footer"));
        assert!(token_is_furniture("kp-footer"));
        assert!(token_is_furniture("site-header"));
        assert!(!token_is_furniture("main-footer-wrap"));
        assert!(token_is_furniture("video_more"));
        assert!(token_is_furniture("main-nav"));
        assert!(token_is_furniture("sidebox"));
        assert!(token_is_furniture("hot_news"));
        assert!(!token_is_furniture("article-content"));
        assert!(!token_is_furniture("headline"));
        assert!(token_is_furniture("print"));
        assert!(token_is_furniture("print-bar"));
        assert!(!token_is_furniture("print-page"));
    }
}
