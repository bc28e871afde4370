//! Page furniture: navigation, side boxes, headers, footers, share bars and the like, told apart
//! from the article by tag and by the words in class and id names.

use html5ever::local_name;
use scraper::ElementRef;

use crate::scrape::dom::AttrExt;
use crate::scrape::dom::words::{Words, listed};

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

fn word_hits(words: &Words, word: &str, pattern: &str) -> bool {
    word == pattern || (listed(&words.furniture_prefixes, pattern) && word.starts_with(pattern))
}

/// True for one word of a class or id that names furniture, by itself or as a compound's start
/// (`sidebox`, `hotnews`), unless an ordinary word starts it (`hotel` like `hotnews`,
/// `commentary` like `commentbox`: a list of hotels or of commentaries is content).
fn part_is_furniture(words: &Words, part: &str) -> bool {
    let Some((whole, prefixes)) = words.furniture_filed(part) else {
        return false;
    };
    listed(whole, part)
        || (prefixes.iter().any(|p| part.starts_with(p.as_str()))
            && !words.ordinary.iter().any(|o| part.starts_with(o.as_str())))
}

/// True for a word that marks furniture only when it leads the name (`footer-links`), not when
/// it qualifies an article part (`post-header`, `article-footer`).
fn leading_only(words: &Words, part: &str) -> bool {
    words.leading_only.iter().any(|l| word_hits(words, part, l))
}

/// Words of three letters or fewer before a leading-only word are a site's namespace
/// (`kp-footer`, `g-header`), whatever they are.
const SHORT_NAMESPACE: usize = 3;

fn token_is_furniture(words: &Words, token: &str) -> bool {
    // A script's hook (`js-nav` on a tweet's time link) names what a script does with the
    // element, not what the element is.
    if words.hooks.iter().any(|h| token.starts_with(h.as_str())) {
        return false;
    }
    let parts = || {
        token
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|p| !p.is_empty())
    };
    // `print` names a print button or bar, not a printer-friendly page (`print-page`).
    let button = words.buttons.iter().any(|b| token.contains(b.as_str()))
        && parts().any(|p| listed(&words.buttons, p))
        && (parts().count() == 1 || parts().any(|p| listed(&words.button_parts, p)));
    // `footer` leads `footer-links`, and follows a site's own prefix (`kp-footer`, `g-header`),
    // but after an article word (`post-footer`, `article-header`) it is the article's own.
    // Only a site's namespace may come before (`kp-footer`, `site-header`); `main-footer-wrap`
    // or `post-footer` name something else.
    let after_prefix = |i: usize| {
        parts()
            .take(i)
            .all(|p| p.len() <= SHORT_NAMESPACE || listed(&words.namespaces, p))
    };
    button
        || parts().enumerate().any(|(i, part)| {
            part_is_furniture(words, part)
                && (i == 0 || !leading_only(words, part) || after_prefix(i))
        })
}

/// A `<form>` with less text than this is a search or login form; the form an ASP.NET page
/// wraps around everything holds more.
const SMALL_FORM_TEXT: usize = 400;

/// True for an element that is page furniture by its tag or its class/id names. `<header>` and
/// `<footer>` inside an `<article>` are the article's own.
pub fn is_furniture(words: &Words, el: &ElementRef) -> bool {
    match el.value().name() {
        // The page itself is never furniture, whatever its class says (`_layout_inner_side`).
        "html" | "body" => return false,
        "nav" | "aside" => return true,
        "form" => {
            let text: usize = el.text().map(str::len).sum();
            if text < SMALL_FORM_TEXT {
                return true;
            }
        }
        "header" | "footer" => {
            let in_article = el
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| matches!(a.value().name(), "article" | "main"));
            let named_as_part = any_word(el, |w| listed(&words.article_parts, w));
            if !in_article && !named_as_part {
                return true;
            }
        }
        _ => {}
    }
    for_each_token(el, |t| token_is_furniture(words, t))
}

#[cfg(test)]
mod tests {
    use super::{part_is_furniture, token_is_furniture};
    use crate::scrape::rules::Rules;

    /// Filed by first letter, the built-in words and prefixes give the same answers as the
    /// lists.
    #[test]
    fn filed_words_answer_as_the_lists() {
        let rules = Rules::default();
        let f = &rules.furniture;
        let mut samples: Vec<String> = Vec::new();
        for w in f.words.iter().chain(&f.prefixes) {
            assert!(w.as_bytes()[0].is_ascii_lowercase(), "{w}");
            samples.push(w.to_string());
            samples.push(format!("{w}list"));
            samples.push(w[..w.len() - 1].to_string());
            samples.push(format!("x{w}"));
        }
        samples.extend(["", "9nav", "content", "article", "zz", "Nav"].map(String::from));
        for s in &samples {
            let want = f.words.contains(s)
                || (f.prefixes.iter().any(|p| s.starts_with(p.as_str()))
                    && !f.ordinary.iter().any(|o| s.starts_with(o.as_str())));
            assert_eq!(part_is_furniture(&rules.words, s), want, "{s}");
        }
    }

    #[test]
    fn leading_words_only_lead() {
        let rules = Rules::default();
        let furniture = |t: &str| token_is_furniture(&rules.words, t);
        assert!(furniture("header"));
        assert!(furniture("footer-links"));
        assert!(!furniture("post-header"));
        assert!(!furniture("article-footer"));
        assert!(furniture("kp-footer"));
        assert!(furniture("site-header"));
        assert!(!furniture("main-footer-wrap"));
        assert!(furniture("video_more"));
        assert!(furniture("main-nav"));
        assert!(furniture("sidebox"));
        assert!(furniture("hot_news"));
        assert!(!furniture("article-content"));
        assert!(!furniture("headline"));
        assert!(furniture("print"));
        assert!(furniture("print-bar"));
        assert!(!furniture("print-page"));
    }
}
