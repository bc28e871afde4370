//! The extraction rules: the vocabulary the readers use (which tags carry dates, which class
//! words mark furniture, which words make a line boilerplate, a link a pager's step, a byline
//! an agency's …), as data in `assets/rules.toml`. A user's file is merged over the built-in
//! one key by key, as a profile is. What is looked up on every element is built once, when the
//! rules load (the DOM layer's [`Words`]).

use std::path::Path;

use serde::Deserialize;

use crate::scrape::dom::words::{WordLists, Words};
use crate::tomlmerge::merge;

/// The built-in rules, as shipped.
pub const DEFAULT_RULES: &str = include_str!("../../assets/rules.toml");

/// Errors loading a rules file.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("cannot read rules {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("bad rules {path}: {message}")]
    Parse { path: String, message: String },
}

/// The rules in force.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub dates: DateRules,
    pub furniture: FurnitureRules,
    pub class_names: ClassNameRules,
    pub body: BodyRules,
    pub crumbs: CrumbRules,
    pub lists: ListRules,
    pub bylines: BylineRules,
    pub titles: TitleRules,
    pub images: ImageRules,
    pub info_lines: InfoLineRules,
    pub metadata: MetadataRules,
    /// The words of `furniture` and `class_names`, built for the DOM layer.
    #[serde(skip)]
    pub(crate) words: Words,
}

/// Where dates are found.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRules {
    pub government_meta: Vec<String>,
    pub published_meta: Vec<String>,
    pub generic_meta: Vec<String>,
    pub modified_meta: Vec<String>,
    pub article_types: Vec<String>,
    pub script_keys: Vec<String>,
    pub published_time_classes: Vec<String>,
    pub dateline_classes: Vec<String>,
    pub others_classes: Vec<String>,
    pub stamp_attributes: Vec<String>,
}

/// Which blocks are page furniture, by the words of their class and id names.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FurnitureRules {
    pub words: Vec<String>,
    pub prefixes: Vec<String>,
    pub ordinary: Vec<String>,
    pub leading_only: Vec<String>,
    pub namespaces: Vec<String>,
    pub article_parts: Vec<String>,
    pub buttons: Vec<String>,
    pub button_parts: Vec<String>,
    pub hooks: Vec<String>,
}

/// Class and id words that name a block's part: a breadcrumb, a date, the article text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassNameRules {
    pub crumb_words: Vec<String>,
    pub crumb_starts: Vec<String>,
    pub date_starts: Vec<String>,
    pub text_words: Vec<String>,
}

/// What of a text block's lines is not the article's text: bars, buttons, disclaimers; and
/// what marks a caption.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyRules {
    pub boilerplate_starts: Vec<String>,
    pub buttons: Vec<String>,
    pub button_leads: Vec<String>,
    pub disclaimers: Vec<String>,
    pub more_reading: Vec<String>,
    pub credit_starts: Vec<String>,
    pub credit_words: Vec<String>,
    pub attachments: Vec<String>,
}

/// How a breadcrumb trail in text starts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrumbRules {
    pub prefixes: Vec<String>,
    pub homes: Vec<String>,
}

/// What a list page's pager and side boxes say.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListRules {
    pub pager_words: Vec<String>,
    pub pager_starts: Vec<String>,
    pub next_words: Vec<String>,
    pub step_nouns: Vec<String>,
    pub pager_links: Vec<String>,
    pub side_box_headings: Vec<String>,
    pub box_subjects: Vec<String>,
    pub not_sections: Vec<String>,
    /// The first letters and digits of `pager_links`: a link that starts with another is not
    /// read.
    #[serde(skip)]
    pub(crate) pager_link_firsts: Vec<u8>,
}

/// What a `By Name` byline may name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BylineRules {
    pub by_words: Vec<String>,
    pub author_classes: Vec<String>,
    pub byline_classes: Vec<String>,
    pub agencies: Vec<String>,
    pub ways: Vec<String>,
    pub phrase_words: Vec<String>,
}

/// What a `<title>` tag and a page's headings say.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleRules {
    pub separators: Vec<String>,
    pub site_words: Vec<String>,
    pub name_small_words: Vec<String>,
    pub kind_names: Vec<String>,
    pub heading_classes: Vec<String>,
    pub heading_class_words: Vec<String>,
    pub error_phrases: Vec<String>,
    pub error_starts: Vec<String>,
}

/// Which images are decoration or someone else's, and what marks a caption.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageRules {
    pub decorative: Vec<String>,
    pub button_stems: Vec<String>,
    pub foreign_classes: Vec<String>,
    pub caption_classes: Vec<String>,
}

/// An info line's words besides the labels the profile names.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InfoLineRules {
    pub update_marks: Vec<String>,
    pub event_labels: Vec<String>,
    pub buttons: Vec<String>,
    pub count_words: Vec<String>,
}

/// Which `<meta>` tags name the source and the author.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetadataRules {
    pub government_source: Vec<String>,
    pub source: Vec<String>,
    pub author: Vec<String>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules::from_toml(DEFAULT_RULES, "<built-in>").expect("the built-in rules are valid")
    }
}

impl Rules {
    /// The built-in rules with an optional user file merged over them.
    pub fn load(user: Option<&Path>) -> Result<Rules, RulesError> {
        let Some(path) = user else {
            return Ok(Rules::default());
        };
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| RulesError::Read {
            path: shown.clone(),
            source,
        })?;
        let parse_err = |e: toml::de::Error| RulesError::Parse {
            path: shown.clone(),
            message: crate::scrape::profile::one_line(&e.to_string()),
        };
        let mut base: toml::Table = toml::from_str(DEFAULT_RULES).map_err(parse_err)?;
        let over: toml::Table = toml::from_str(&text).map_err(parse_err)?;
        merge(&mut base, over);
        let merged = toml::to_string(&base).unwrap_or_default();
        Rules::from_toml(&merged, &shown)
    }

    /// Reads complete rules from TOML text; words are lower-cased where they are matched so.
    pub fn from_toml(text: &str, path: &str) -> Result<Rules, RulesError> {
        let mut rules: Rules = toml::from_str(text).map_err(|e| RulesError::Parse {
            path: path.to_string(),
            message: crate::scrape::profile::one_line(&e.to_string()),
        })?;
        for list in rules.word_lists() {
            for w in list.iter_mut() {
                *w = w.trim().to_lowercase();
            }
        }
        for list in rules.phrase_lists() {
            for w in list.iter_mut() {
                *w = w.to_lowercase();
            }
        }
        rules.build_lookups();
        Ok(rules)
    }

    /// The lists of words and names, matched trimmed and lower-case.
    fn word_lists(&mut self) -> Vec<&mut Vec<String>> {
        let (d, f, n) = (&mut self.dates, &mut self.furniture, &mut self.class_names);
        vec![
            &mut d.government_meta,
            &mut d.published_meta,
            &mut d.generic_meta,
            &mut d.modified_meta,
            &mut d.script_keys,
            &mut d.published_time_classes,
            &mut d.dateline_classes,
            &mut d.others_classes,
            &mut d.stamp_attributes,
            &mut self.metadata.government_source,
            &mut self.metadata.source,
            &mut self.metadata.author,
            &mut f.words,
            &mut f.prefixes,
            &mut f.ordinary,
            &mut f.leading_only,
            &mut f.namespaces,
            &mut f.article_parts,
            &mut f.buttons,
            &mut f.button_parts,
            &mut f.hooks,
            &mut n.crumb_words,
            &mut n.crumb_starts,
            &mut n.date_starts,
            &mut n.text_words,
            &mut self.images.decorative,
            &mut self.images.button_stems,
            &mut self.images.foreign_classes,
            &mut self.images.caption_classes,
        ]
    }

    /// The lists whose spaces count (`photo by `), matched against lowered text: lowered only.
    fn phrase_lists(&mut self) -> Vec<&mut Vec<String>> {
        let (b, c, l) = (&mut self.body, &mut self.crumbs, &mut self.lists);
        let (by, t) = (&mut self.bylines, &mut self.titles);
        vec![
            &mut b.boilerplate_starts,
            &mut b.buttons,
            &mut b.button_leads,
            &mut b.disclaimers,
            &mut b.more_reading,
            &mut b.credit_starts,
            &mut b.credit_words,
            &mut b.attachments,
            &mut self.info_lines.update_marks,
            &mut self.info_lines.event_labels,
            &mut self.info_lines.buttons,
            &mut self.info_lines.count_words,
            &mut c.prefixes,
            &mut c.homes,
            &mut l.pager_words,
            &mut l.pager_starts,
            &mut l.next_words,
            &mut l.step_nouns,
            &mut l.pager_links,
            &mut l.side_box_headings,
            &mut l.box_subjects,
            &mut l.not_sections,
            &mut by.by_words,
            &mut by.author_classes,
            &mut by.byline_classes,
            &mut by.agencies,
            &mut by.ways,
            &mut by.phrase_words,
            &mut t.site_words,
            &mut t.name_small_words,
            &mut t.kind_names,
            &mut t.heading_classes,
            &mut t.heading_class_words,
            &mut t.error_phrases,
            &mut t.error_starts,
        ]
    }

    /// Builds what is looked up on every element or link from the lists, once.
    fn build_lookups(&mut self) {
        let l = &mut self.lists;
        l.pager_link_firsts = l
            .pager_links
            .iter()
            .filter_map(|w| w.bytes().next())
            .filter(u8::is_ascii_alphanumeric)
            .collect();
        let (f, n) = (&self.furniture, &self.class_names);
        self.words = Words::new(WordLists {
            furniture: &f.words,
            furniture_prefixes: &f.prefixes,
            ordinary: &f.ordinary,
            leading_only: &f.leading_only,
            namespaces: &f.namespaces,
            article_parts: &f.article_parts,
            buttons: &f.buttons,
            button_parts: &f.button_parts,
            hooks: &f.hooks,
            crumb_words: &n.crumb_words,
            crumb_starts: &n.crumb_starts,
            date_starts: &n.date_starts,
            text_words: &n.text_words,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A user's file changes the lists it names and keeps the rest; an unknown key or a bad
    /// value is a one-line error naming the file.
    #[test]
    fn user_rules_merge_over_the_built_in_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rules.toml");
        std::fs::write(&path, "[dates]\ngeneric_meta = [\"My-Date\"]\n").unwrap();
        let rules = Rules::load(Some(&path)).unwrap();
        assert_eq!(rules.dates.generic_meta, ["my-date"]);
        assert_eq!(
            rules.dates.published_meta,
            Rules::default().dates.published_meta
        );
        std::fs::write(&path, "[dates]\nno_such_list = []\n").unwrap();
        let err = Rules::load(Some(&path)).unwrap_err().to_string();
        assert!(
            err.starts_with("bad rules ") && !err.contains('\n'),
            "{err}"
        );
    }
}
