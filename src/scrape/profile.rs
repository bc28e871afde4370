//! The site profile: selectors and labels that tell the scraper where a site keeps its fields.
//!
//! The default profile is `assets/profile.toml`, embedded in the binary. A user file is merged
//! over it key by key, so a user overrides one selector list without restating the rest.

use std::path::Path;

use scraper::Selector;
use serde::Deserialize;

use crate::tomlmerge::merge;

/// The default profile, as shipped.
pub const DEFAULT_PROFILE: &str = include_str!("../../assets/profile.toml");

/// Errors loading a profile.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("cannot read profile {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("bad profile {path}: {message}")]
    Parse { path: String, message: String },
    #[error("bad selector {selector:?} in profile {path}")]
    Selector { path: String, selector: String },
}

#[derive(Debug, Deserialize)]
struct RawProfile {
    name: String,
    home: String,
    article: RawArticle,
    labels: RawLabels,
    list: RawList,
    nav: RawNav,
}

#[derive(Debug, Deserialize)]
struct RawArticle {
    title: Vec<String>,
    breadcrumb: Vec<String>,
    info: Vec<String>,
    body: Vec<String>,
    drop: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawLabels {
    published: Vec<String>,
    source: Vec<String>,
    editor: Vec<String>,
    views: Vec<String>,
    #[serde(default)]
    author: Vec<String>,
    #[serde(default)]
    ignored: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawList {
    container: Vec<String>,
    next: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawNav {
    links: Vec<String>,
}

/// A compiled profile: selectors parsed once, labels lower-cased.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub home: String,
    pub title: Vec<Selector>,
    pub breadcrumb: Vec<Selector>,
    pub info: Vec<Selector>,
    pub body: Vec<Selector>,
    pub drop: Vec<Selector>,
    pub labels: Labels,
    pub list_container: Vec<Selector>,
    pub next_texts: Vec<String>,
    pub nav_links: Vec<Selector>,
}

/// Metadata labels per field, lower-cased.
#[derive(Debug, Clone)]
pub struct Labels {
    pub published: Vec<String>,
    pub source: Vec<String>,
    pub editor: Vec<String>,
    pub views: Vec<String>,
    /// Authors and reporters: they fill `editor` only on a page that names no editor.
    pub author: Vec<String>,
    pub ignored: Vec<String>,
}

impl Default for Profile {
    fn default() -> Self {
        Profile::from_toml(DEFAULT_PROFILE, "<built-in>").expect("the built-in profile is valid")
    }
}

impl Profile {
    /// Loads the default profile with an optional user file merged over it.
    pub fn load(user: Option<&Path>) -> Result<Profile, ProfileError> {
        let Some(path) = user else {
            return Ok(Profile::default());
        };
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ProfileError::Read {
            path: shown.clone(),
            source,
        })?;
        let merged = merge_profile_text(&text, &shown)?;
        Profile::from_toml(&merged, &shown)
    }

    /// Compiles a complete profile from TOML text.
    pub fn from_toml(text: &str, path: &str) -> Result<Profile, ProfileError> {
        let raw: RawProfile = toml::from_str(text).map_err(|e| ProfileError::Parse {
            path: path.to_string(),
            message: one_line(&e.to_string()),
        })?;
        let sel = |list: &[String]| -> Result<Vec<Selector>, ProfileError> {
            list.iter()
                .map(|s| {
                    Selector::parse(s).map_err(|_| ProfileError::Selector {
                        path: path.to_string(),
                        selector: s.clone(),
                    })
                })
                .collect()
        };
        let lower = |list: Vec<String>| -> Vec<String> {
            list.into_iter()
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty())
                .collect()
        };
        Ok(Profile {
            name: raw.name,
            home: raw.home,
            title: sel(&raw.article.title)?,
            breadcrumb: sel(&raw.article.breadcrumb)?,
            info: sel(&raw.article.info)?,
            body: sel(&raw.article.body)?,
            drop: sel(&raw.article.drop)?,
            labels: Labels {
                published: lower(raw.labels.published),
                source: lower(raw.labels.source),
                editor: lower(raw.labels.editor),
                views: lower(raw.labels.views),
                author: lower(raw.labels.author),
                ignored: lower(raw.labels.ignored),
            },
            list_container: sel(&raw.list.container)?,
            next_texts: lower(raw.list.next),
            nav_links: sel(&raw.nav.links)?,
        })
    }
}

/// Merges a user's profile text over the default and returns the merged TOML text.
fn merge_profile_text(user: &str, path: &str) -> Result<String, ProfileError> {
    let parse_err = |e: toml::de::Error| ProfileError::Parse {
        path: path.to_string(),
        message: one_line(&e.to_string()),
    };
    let mut base: toml::Table = toml::from_str(DEFAULT_PROFILE).map_err(parse_err)?;
    let over: toml::Table = toml::from_str(user).map_err(parse_err)?;
    merge(&mut base, over);
    Ok(toml::to_string(&base).unwrap_or_default())
}

/// Folds a multi-line parser message into one line.
pub fn one_line(s: &str) -> String {
    s.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "|")
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_profile_compiles() {
        let p = Profile::default();
        assert_eq!(p.name, "en.gxzf.gov.cn");
        assert!(p.labels.editor.contains(&"web editor".to_string()));
    }

    #[test]
    fn user_profile_merges_over_default() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("p.toml");
        std::fs::write(&f, "[article]\ntitle = [\"h2.headline\"]\n").unwrap();
        let p = Profile::load(Some(&f)).unwrap();
        assert_eq!(p.title.len(), 1);
        assert!(!p.body.is_empty(), "unspecified keys keep their defaults");
    }

    #[test]
    fn bad_selector_is_reported_with_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("p.toml");
        std::fs::write(&f, "[article]\ntitle = [\"h1[[\"]\n").unwrap();
        let e = Profile::load(Some(&f)).unwrap_err().to_string();
        assert!(e.contains("h1[[") && e.contains("p.toml"), "{e}");
    }
}
