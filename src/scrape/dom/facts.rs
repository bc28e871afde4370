//! What each element of a page is: hidden, furniture, centred, and what its class and id names
//! say. Each fact is worked out the first time a step asks for it and kept: the extraction steps
//! walk the page several times, and read the kept answer instead of the element's attributes.

use std::cell::Cell;

use ego_tree::{NodeRef, Tree};
use scraper::{ElementRef, Node};

use crate::scrape::dom::furniture::{any_word, is_furniture};
use crate::scrape::dom::style::{is_centered, is_invisible};
use crate::scrape::dom::words::{Words, listed};

/// The element itself is never shown (a script, `hidden`, `display:none`).
const HIDDEN: u8 = 1;
/// The element is page furniture by its tag or its class and id names.
const FURNITURE: u8 = 1 << 1;
/// The element centres its text.
const CENTERED: u8 = 1 << 2;
/// The element or one of its ancestors is hidden.
const IN_HIDDEN: u8 = 1 << 3;
/// The element or one of its ancestors is furniture.
const IN_FURNITURE: u8 = 1 << 4;
/// A class or id word names a breadcrumb (`crumbs`, `location`).
const CRUMB_NAMED: u8 = 1 << 5;
/// A class or id word names a date (`date`, `pubtime`).
const DATE_NAMED: u8 = 1 << 6;
/// A class or id word names article text (`content`, `detail`).
const TEXT_NAMED: u8 = 1 << 7;

/// True for an element named like a breadcrumb.
pub fn named_like_crumbs(words: &Words, el: &ElementRef) -> bool {
    any_word(el, |w| {
        listed(&words.crumb_words, w)
            || words.crumb_starts.iter().any(|p| w.starts_with(p.as_str()))
    })
}

/// True for an element named like the place a date is shown.
pub fn named_like_date(words: &Words, el: &ElementRef) -> bool {
    any_word(el, |w| {
        words.date_starts.iter().any(|p| w.starts_with(p.as_str()))
    })
}

/// Text words longer than this are unambiguous enough to count inside a longer class word
/// (`newscontent`); shorter ones (`zw`, `con`) only alone.
const TEXT_WORD_INSIDE: usize = 3;

/// True for an element named like the block holding the article.
pub fn named_like_text(words: &Words, el: &ElementRef) -> bool {
    any_word(el, |w| {
        words
            .text_words
            .iter()
            .any(|p| w == p || (p.len() > TEXT_WORD_INSIDE && w.contains(p.as_str())))
    })
}

/// A fact about one element, with how to work it out the first time it is asked for.
#[derive(Clone, Copy)]
enum Fact {
    Hidden,
    Furniture,
    Centered,
    CrumbNamed,
    DateNamed,
    TextNamed,
}

impl Fact {
    fn bit(self) -> u8 {
        match self {
            Fact::Hidden => HIDDEN,
            Fact::Furniture => FURNITURE,
            Fact::Centered => CENTERED,
            Fact::CrumbNamed => CRUMB_NAMED,
            Fact::DateNamed => DATE_NAMED,
            Fact::TextNamed => TEXT_NAMED,
        }
    }

    fn holds(self, words: &Words, el: &ElementRef) -> bool {
        let v = el.value();
        // Most elements carry no attribute at all: only their tag can say anything.
        let plain = v.attrs.is_empty();
        match self {
            Fact::Hidden => is_invisible(el),
            Fact::Furniture => {
                (!plain || matches!(v.name(), "nav" | "aside" | "form" | "header" | "footer"))
                    && is_furniture(words, el)
            }
            Fact::Centered => (!plain || v.name() == "center") && is_centered(el),
            Fact::CrumbNamed => !plain && named_like_crumbs(words, el),
            Fact::DateNamed => !plain && named_like_date(words, el),
            Fact::TextNamed => !plain && named_like_text(words, el),
        }
    }
}

/// The facts of every element of one page, each worked out the first time a step asks for it
/// and kept for the next, found by the element's place in the tree's storage.
///
/// ego_tree keeps a page's nodes in one vector: a node's slot is its distance from the first
/// node, over the size of one. A node of another tree (another page) is not in this table: its
/// facts are simply read from its attributes.
pub(crate) struct Facts<'a> {
    tree: &'a Tree<Node>,
    /// The class and id words the facts about names are read with.
    words: &'a Words,
    base: usize,
    stride: usize,
    /// A node's distance from the first, divided by the size of one without a division (asked
    /// at every step of every walk): shifted right by `shift`, the stride's twos, then
    /// multiplied by `inverse`, the inverse of the stride's odd part modulo 2^64.
    shift: u32,
    inverse: usize,
    /// Per node: the facts known (high byte) and their values (low byte).
    slots: Vec<Cell<u16>>,
}

fn address(node: &Node) -> usize {
    node as *const Node as usize
}

impl<'a> Facts<'a> {
    pub fn new(tree: &'a Tree<Node>, words: &'a Words) -> Facts<'a> {
        let mut values = tree.values();
        let base = values.next().map_or(0, address);
        let stride = values.next().map_or(0, |v| address(v).saturating_sub(base));
        let shift = stride.trailing_zeros() % usize::BITS;
        let odd = (stride >> shift).max(1);
        // Newton's steps: each doubles the bits of `odd`'s inverse that are right, from three.
        let mut inverse = odd;
        for _ in 0..5 {
            inverse = inverse.wrapping_mul(2usize.wrapping_sub(odd.wrapping_mul(inverse)));
        }
        Facts {
            tree,
            words,
            base,
            stride,
            shift,
            inverse,
            slots: vec![Cell::new(0); tree.values().len()],
        }
    }

    /// Where a node of this page's tree stands in its storage, or `None` for a node of another
    /// tree.
    #[inline]
    fn index(&self, node: NodeRef<'_, Node>) -> Option<usize> {
        if self.stride == 0 || !std::ptr::eq(node.tree(), self.tree) {
            return None;
        }
        let offset = address(node.value()).checked_sub(self.base)?;
        let index = (offset >> self.shift).wrapping_mul(self.inverse);
        // An offset that is not a whole number of nodes gives some other number.
        (index.wrapping_mul(self.stride) == offset).then_some(index)
    }

    #[inline]
    fn slot(&self, node: NodeRef<'_, Node>) -> Option<&Cell<u16>> {
        self.slots.get(self.index(node)?)
    }

    #[inline]
    fn get(&self, el: &ElementRef, fact: Fact) -> bool {
        let bit = fact.bit();
        let known = u16::from(bit) << 8;
        let Some(cell) = self.slot(**el) else {
            return fact.holds(self.words, el);
        };
        let v = cell.get();
        if v & known != 0 {
            return v & u16::from(bit) != 0;
        }
        let holds = fact.holds(self.words, el);
        cell.set(v | known | if holds { u16::from(bit) } else { 0 });
        holds
    }

    /// Whether the element or an ancestor has `fact`: the answer for each ancestor on the way
    /// is kept too, so a later question about a neighbour stops where this one passed.
    fn get_within(&self, el: &ElementRef, fact: Fact, within: u8) -> bool {
        let known = u16::from(within) << 8;
        let ancestry =
            || std::iter::successors(Some(*el), |e| e.parent().and_then(ElementRef::wrap));
        // Up from the element to the first one whose answer is known or that has the fact.
        let mut answer = false;
        let mut stop = None;
        for e in ancestry() {
            if let Some(cell) = self.slot(*e)
                && cell.get() & known != 0
            {
                answer = cell.get() & u16::from(within) != 0;
                stop = Some(e.id());
                break;
            }
            if self.get(&e, fact) {
                answer = true;
                break;
            }
        }
        // Everything on the way shares the answer, the element that has the fact included.
        for e in ancestry() {
            if Some(e.id()) == stop {
                break;
            }
            if let Some(cell) = self.slot(*e) {
                let v = cell.get();
                cell.set(v | known | if answer { u16::from(within) } else { 0 });
            }
            if answer && stop.is_none() && self.get(&e, fact) {
                break;
            }
        }
        answer
    }

    /// The element's place in the page's storage (`0..`[`Facts::len`]), or `None` for an
    /// element of another page: a key for a table of one's own.
    pub fn index_of(&self, el: &ElementRef) -> Option<usize> {
        self.index(**el).filter(|&i| i < self.slots.len())
    }

    /// How many nodes the page holds.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// The element itself is never shown.
    #[inline]
    pub fn hidden(&self, el: &ElementRef) -> bool {
        self.get(el, Fact::Hidden)
    }

    /// The element or an ancestor is never shown.
    pub fn in_hidden(&self, el: &ElementRef) -> bool {
        self.get_within(el, Fact::Hidden, IN_HIDDEN)
    }

    /// The element is page furniture (see [`is_furniture`]).
    pub fn furniture(&self, el: &ElementRef) -> bool {
        self.get(el, Fact::Furniture)
    }

    /// The element or an ancestor is page furniture.
    pub fn in_furniture(&self, el: &ElementRef) -> bool {
        self.get_within(el, Fact::Furniture, IN_FURNITURE)
    }

    /// The element is (or stands in) a `<footer>` that is page furniture: the site's footer,
    /// not an article's own. Its prose is the site's ("About us"), never an article's text.
    pub fn in_page_footer(&self, el: &ElementRef) -> bool {
        std::iter::successors(Some(*el), |e| e.parent().and_then(ElementRef::wrap))
            .any(|a| a.value().name() == "footer" && self.furniture(&a))
    }

    pub fn centered(&self, el: &ElementRef) -> bool {
        self.get(el, Fact::Centered)
    }

    pub fn crumb_named(&self, el: &ElementRef) -> bool {
        self.get(el, Fact::CrumbNamed)
    }

    pub fn date_named(&self, el: &ElementRef) -> bool {
        self.get(el, Fact::DateNamed)
    }

    pub fn text_named(&self, el: &ElementRef) -> bool {
        self.get(el, Fact::TextNamed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scrape::rules::Rules;
    use scraper::Html;

    /// Each fact the table gives, asked in any order and asked again, is what reading the
    /// element's own attributes (and its ancestors') says.
    #[test]
    fn facts_agree_with_the_attributes() {
        let pages = crate::scrape::corpus_texts(Some(&[
            "noise-first",
            "legacy-table",
            "hostile",
            "hanweb",
            "kaipu",
            "jiahe",
            "trs",
            "dedecms",
            "phpcms",
            "founder",
            "seed",
            "modern-div",
            "bootstrap",
            "figures",
            "spans",
            "lists-ul",
            "lists-table",
            "other",
        ]));
        assert!(pages.len() >= 20);
        let rules = Rules::default();
        let words = &rules.words;
        let mut flagged = [0usize; 8];
        for page in &pages {
            let html = Html::parse_document(page);
            let facts = Facts::new(&html.tree, words);
            let els: Vec<ElementRef> = html
                .root_element()
                .descendants()
                .filter_map(ElementRef::wrap)
                .collect();
            // Last element first, so that answers about ancestors are worked out on the way up.
            for _ in 0..2 {
                for el in els.iter().rev() {
                    let ancestors = || el.ancestors().filter_map(ElementRef::wrap);
                    let want = [
                        is_invisible(el),
                        is_furniture(words, el),
                        is_centered(el),
                        is_invisible(el) || ancestors().any(|a| is_invisible(&a)),
                        is_furniture(words, el) || ancestors().any(|a| is_furniture(words, &a)),
                        named_like_crumbs(words, el),
                        named_like_date(words, el),
                        named_like_text(words, el),
                    ];
                    let got = [
                        facts.hidden(el),
                        facts.furniture(el),
                        facts.centered(el),
                        facts.in_hidden(el),
                        facts.in_furniture(el),
                        facts.crumb_named(el),
                        facts.date_named(el),
                        facts.text_named(el),
                    ];
                    assert_eq!(got, want, "{:?}", el.value());
                    for (n, w) in flagged.iter_mut().zip(want) {
                        *n += usize::from(w);
                    }
                }
            }
        }
        // Every fact held somewhere, so none was compared only as `false`.
        assert!(flagged.iter().all(|n| *n > 0), "{flagged:?}");
    }

    /// Each node's slot is its place in the tree's storage: every node has its own.
    #[test]
    fn each_node_has_its_own_slot() {
        let rules = Rules::default();
        for page in crate::scrape::corpus_texts(Some(&["modern-div", "malformed"])) {
            let html = Html::parse_document(&page);
            let facts = Facts::new(&html.tree, &rules.words);
            let places: Vec<Option<usize>> = html.tree.nodes().map(|n| facts.index(n)).collect();
            let want: Vec<Option<usize>> = (0..places.len()).map(Some).collect();
            assert_eq!(places, want);
        }
    }

    /// An element of another page is not in the table: its facts are read from it directly.
    #[test]
    fn elements_of_another_page_are_read_directly() {
        let a = Html::parse_document(r#"<div class="x"><p>one</p></div>"#);
        let b = Html::parse_document(r#"<nav><p style="display:none">two</p></nav>"#);
        let rules = Rules::default();
        let facts = Facts::new(&a.tree, &rules.words);
        let p = b
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "p")
            .unwrap();
        assert!(facts.hidden(&p));
        assert!(facts.in_furniture(&p));
        assert!(!facts.furniture(&p));
    }
}
