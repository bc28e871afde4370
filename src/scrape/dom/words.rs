//! The words this layer reads class and id names with (furniture, breadcrumbs, dates, article
//! text), built once from the lists the rules give: the DOM layer imports nothing above it, so
//! the rules hand their words down in this form.

/// The lists the words are built from, each lower-case (see `[furniture]` and `[class_names]`
/// in `assets/rules.toml`).
#[derive(Debug, Clone, Copy)]
pub struct WordLists<'a> {
    pub furniture: &'a [String],
    pub furniture_prefixes: &'a [String],
    pub ordinary: &'a [String],
    pub leading_only: &'a [String],
    pub namespaces: &'a [String],
    pub article_parts: &'a [String],
    pub buttons: &'a [String],
    pub button_parts: &'a [String],
    pub hooks: &'a [String],
    pub crumb_words: &'a [String],
    pub crumb_starts: &'a [String],
    pub date_starts: &'a [String],
    pub text_words: &'a [String],
}

/// Furniture words and prefixes that start with one byte.
type Filed = (Vec<String>, Vec<String>);

/// Class and id words, ready to match: built when the rules load, never per element.
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// Furniture words (whole parts of a name) and prefixes (starts of a part), filed by the
    /// part's first byte: a part is compared only with those that start as it does. A part is
    /// ASCII letters and digits, so 128 files hold every word that can match.
    filed: Vec<Filed>,
    pub(crate) furniture_prefixes: Vec<String>,
    pub(crate) ordinary: Vec<String>,
    pub(crate) leading_only: Vec<String>,
    pub(crate) namespaces: Vec<String>,
    pub(crate) article_parts: Vec<String>,
    pub(crate) buttons: Vec<String>,
    pub(crate) button_parts: Vec<String>,
    pub(crate) hooks: Vec<String>,
    pub(crate) crumb_words: Vec<String>,
    pub(crate) crumb_starts: Vec<String>,
    pub(crate) date_starts: Vec<String>,
    pub(crate) text_words: Vec<String>,
}

impl Words {
    pub fn new(lists: WordLists) -> Words {
        let mut filed: Vec<Filed> = vec![Filed::default(); 128];
        let file = |w: &str| w.bytes().next().filter(u8::is_ascii).map(usize::from);
        for w in lists.furniture {
            if let Some(i) = file(w) {
                filed[i].0.push(w.clone());
            }
        }
        for p in lists.furniture_prefixes {
            if let Some(i) = file(p) {
                filed[i].1.push(p.clone());
            }
        }
        Words {
            filed,
            furniture_prefixes: lists.furniture_prefixes.to_vec(),
            ordinary: lists.ordinary.to_vec(),
            leading_only: lists.leading_only.to_vec(),
            namespaces: lists.namespaces.to_vec(),
            article_parts: lists.article_parts.to_vec(),
            buttons: lists.buttons.to_vec(),
            button_parts: lists.button_parts.to_vec(),
            hooks: lists.hooks.to_vec(),
            crumb_words: lists.crumb_words.to_vec(),
            crumb_starts: lists.crumb_starts.to_vec(),
            date_starts: lists.date_starts.to_vec(),
            text_words: lists.text_words.to_vec(),
        }
    }

    /// The furniture words and prefixes that start with the part's first byte.
    pub(crate) fn furniture_filed(&self, part: &str) -> Option<&Filed> {
        self.filed.get(usize::from(*part.as_bytes().first()?))
    }
}

/// True when `word` is one of `list`.
pub(crate) fn listed(list: &[String], word: &str) -> bool {
    list.iter().any(|w| w == word)
}
