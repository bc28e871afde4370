//! The extraction rules: the vocabulary the readers use (which tags carry dates, which JSON-LD
//! types are articles …), as data in `assets/rules.toml`. A user's file is merged over the
//! built-in one key by key, as a profile is.

use std::path::Path;

use serde::Deserialize;

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
        let d = &mut rules.dates;
        for list in [
            &mut d.government_meta,
            &mut d.published_meta,
            &mut d.generic_meta,
            &mut d.modified_meta,
            &mut d.script_keys,
            &mut d.published_time_classes,
            &mut d.dateline_classes,
            &mut d.others_classes,
        ] {
            for w in list.iter_mut() {
                *w = w.trim().to_lowercase();
            }
        }
        Ok(rules)
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
