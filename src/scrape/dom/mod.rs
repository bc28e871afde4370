//! The DOM layer: what every reader asks of an element (attributes, class words, visibility,
//! furniture) and the walker that turns an element into lines of text. It imports nothing from
//! the rest of the scraper: readers, page facts and the pipeline build on it.

pub(crate) mod density;
pub(crate) mod facts;
pub(crate) mod furniture;
pub mod image;
pub(crate) mod style;
pub(crate) mod tags;
pub mod text;
pub mod words;

use html5ever::LocalName;

/// An element's attribute by name. `attribute` compares names as text: scraper's own `attr`
/// interns the name first, which costs more than the comparison on elements with a handful of
/// attributes. `attr_named` takes a name interned once (`local_name!("class")`) and compares names
/// as numbers, for the attributes the extraction steps ask for on every element they visit.
pub(crate) trait AttrExt {
    fn attribute(&self, name: &str) -> Option<&str>;
    fn attr_named(&self, name: &LocalName) -> Option<&str>;
}

impl AttrExt for scraper::node::Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attrs().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    fn attr_named(&self, name: &LocalName) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n.local == *name)
            .map(|(_, v)| &**v)
    }
}
