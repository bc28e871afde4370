//! Tag names sorted into the kinds the text walks ask about, told in one table lookup.
//!
//! The walks meet every element of a page, often several times, and asked of each whether its
//! name is in a list of forty (a block) or of twenty (never shown). A tag name is an interned
//! atom: one number, the same for the same name, and never the same for two names while both
//! live. A small table keyed by that number, holding its own atoms so that they live, answers
//! at once.

use std::sync::LazyLock;

use html5ever::LocalName;

/// Elements that end a line of text.
pub(crate) const BLOCK: u8 = 1;
/// Elements a reader never sees as text.
pub(crate) const SKIPPED: u8 = 1 << 1;
/// A line break.
pub(crate) const BR: u8 = 1 << 2;
/// An image.
pub(crate) const IMAGE: u8 = 1 << 3;
/// Elements that may hold a list of links, one item per child.
pub(crate) const LIST_GROUP: u8 = 1 << 4;
/// Elements that may be one item of such a list.
pub(crate) const LIST_ITEM: u8 = 1 << 5;

const BLOCK_NAMES: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "td",
    "th",
    "ul",
    "caption",
    "tbody",
    "thead",
    "tfoot",
    "summary",
    "menu",
];

const SKIPPED_NAMES: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "select", "option",
    "button", "input", "textarea", "head", "svg", "canvas", "audio", "video", "map", "title",
];

const LISTS: &[(&[&str], u8)] = &[
    (BLOCK_NAMES, BLOCK),
    (SKIPPED_NAMES, SKIPPED),
    (&["br"], BR),
    (&["img", "amp-img"], IMAGE),
    (
        &["ul", "ol", "table", "tbody", "dl", "div", "section"],
        LIST_GROUP,
    ),
    (&["li", "tr", "dd", "dt", "div", "p", "article"], LIST_ITEM),
];

const SLOTS: usize = 256;

struct Table {
    /// An interned name's number, or 0 for an empty slot (a name's number is never 0).
    keys: [u64; SLOTS],
    kinds: [u8; SLOTS],
    /// The atoms of the keys, kept alive so that no other name can come to share a number.
    _atoms: Vec<LocalName>,
}

fn home(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize % SLOTS
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut t = Table {
        keys: [0; SLOTS],
        kinds: [0; SLOTS],
        _atoms: Vec::new(),
    };
    for &(names, kind) in LISTS {
        for &name in names {
            let atom = LocalName::from(name);
            let key = atom.unsafe_data();
            let mut i = home(key);
            while t.keys[i] != 0 && t.keys[i] != key {
                i = (i + 1) % SLOTS;
            }
            t.keys[i] = key;
            t.kinds[i] |= kind;
            t._atoms.push(atom);
        }
    }
    t
});

/// The kinds of a tag name: [`BLOCK`], [`SKIPPED`] and the others above, or 0.
///
/// Equal names are equal numbers (the number is what `==` compares on atoms; string_cache
/// exposes it as `unsafe_data`, a safe accessor), and the table's names live as long as it
/// does, so a number missing from the table is a name of no kind. The dependency's version is
/// pinned by the lock file, and the test below checks the table against the lists.
#[inline]
pub(crate) fn kind(name: &LocalName) -> u8 {
    let t = &*TABLE;
    let key = name.unsafe_data();
    let mut i = home(key);
    loop {
        match t.keys[i] {
            k if k == key => return t.kinds[i],
            0 => return 0,
            _ => i = (i + 1) % SLOTS,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_lists(name: &str) -> u8 {
        LISTS
            .iter()
            .filter(|(names, _)| names.contains(&name))
            .fold(0, |k, (_, kind)| k | kind)
    }

    /// The table gives what the lists say, for every name of the lists, for names close to
    /// them, for names the parser does not intern, and for every element of every corpus page.
    #[test]
    fn table_agrees_with_the_lists() {
        let mut names: Vec<String> = LISTS
            .iter()
            .flat_map(|(names, _)| names.iter())
            .map(|s| s.to_string())
            .collect();
        names.extend(
            [
                "span",
                "a",
                "b",
                "font",
                "img",
                "br",
                "amp-img",
                "h7",
                "divx",
                "DIV",
                "x-div",
                "my-widget",
                "",
                "tbody2",
                "sub",
                "sup",
            ]
            .map(str::to_string),
        );
        for page in crate::scrape::corpus_texts(None) {
            let html = scraper::Html::parse_document(&page);
            names.extend(
                html.tree
                    .values()
                    .filter_map(|n| n.as_element())
                    .map(|e| e.name().to_string()),
            );
        }
        assert!(names.len() > 1000);
        for n in &names {
            assert_eq!(kind(&LocalName::from(n.as_str())), by_lists(n), "{n:?}");
        }
    }
}
