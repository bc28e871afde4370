//! The site profile: selectors and labels that tell the scraper where a site keeps its fields.
//!
//! The default profile is `assets/profile.toml`, embedded in the binary. A user file is merged
//! over it key by key, so a user overrides one selector list without restating the rest.

use std::path::Path;

use html5ever::local_name;
use rustc_hash::FxHashMap as HashMap;
use scraper::{ElementRef, Selector};
use serde::Deserialize;

use crate::scrape::dom::AttrExt;
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
    pub title: Vec<Sel>,
    pub breadcrumb: Vec<Sel>,
    pub info: Vec<Sel>,
    pub body: Vec<Sel>,
    pub drop: Vec<Sel>,
    pub labels: Labels,
    pub list_container: Vec<Sel>,
    pub next_texts: Vec<String>,
    pub nav_links: Vec<Sel>,
    /// Which selectors an element may match, by its tag, id and classes.
    index: SelIndex,
}

/// The profile's selector groups, in the order [`Profile::groups`] gives them.
pub const GROUPS: usize = 6;

/// Every selector of a profile filed under the most telling thing its rightmost part requires
/// (an id, else a class, else a tag), as bits of one mask per key: an element's candidates are
/// the masks of its own tag, id and classes together, and only those go through a full match.
#[derive(Debug, Clone, Default)]
struct SelIndex {
    /// Selectors too elaborate to file (and all of them when there are more than 128).
    always: u128,
    /// By interned tag name: a profile files few selectors under a bare tag, and every element
    /// is looked up here, so a short list compared as numbers beats hashing the name.
    tags: Vec<(html5ever::LocalName, u128)>,
    ids: HashMap<String, u128>,
    classes: HashMap<String, u128>,
    /// (group, index in group) of each bit.
    slots: Vec<(usize, usize)>,
}

impl SelIndex {
    fn new(groups: [&[Sel]; GROUPS]) -> SelIndex {
        let mut ix = SelIndex::default();
        for (g, sels) in groups.iter().enumerate() {
            for (i, sel) in sels.iter().enumerate() {
                let bit = ix.slots.len();
                ix.slots.push((g, i));
                if bit >= 128 {
                    continue;
                }
                let mask = 1u128 << bit;
                let Some(keys) = &sel.keys else {
                    ix.always |= mask;
                    continue;
                };
                for k in keys {
                    let (map, key) = if let Some(id) = &k.id {
                        (&mut ix.ids, id)
                    } else if let Some(c) = k.classes.first() {
                        (&mut ix.classes, c)
                    } else if let Some(t) = &k.tag {
                        let tag = html5ever::LocalName::from(t.to_ascii_lowercase());
                        match ix.tags.iter_mut().find(|(n, _)| *n == tag) {
                            Some((_, m)) => *m |= mask,
                            None => ix.tags.push((tag, mask)),
                        }
                        continue;
                    } else {
                        ix.always |= mask;
                        continue;
                    };
                    *map.entry(key.to_ascii_lowercase()).or_default() |= mask;
                }
            }
        }
        if ix.slots.len() > 128 {
            ix.always = u128::MAX;
        }
        ix
    }

    /// The bits of the selectors `el` may match.
    fn candidates(&self, el: &scraper::node::Element) -> u128 {
        fn get(map: &HashMap<String, u128>, key: &str) -> u128 {
            if map.is_empty() {
                0
            } else if key.bytes().any(|b| b.is_ascii_uppercase()) {
                map.get(&key.to_ascii_lowercase()).copied().unwrap_or(0)
            } else {
                map.get(key).copied().unwrap_or(0)
            }
        }
        let mut mask = self.always;
        // HTML tag names are lower-case already; SVG and MathML ones may not be.
        let html = el.name.ns == html5ever::ns!(html);
        for (tag, m) in &self.tags {
            if *tag == el.name.local || (!html && tag.eq_ignore_ascii_case(&el.name.local)) {
                mask |= m;
            }
        }
        for (name, value) in &el.attrs {
            if name.local == local_name!("id") {
                mask |= get(&self.ids, value);
            } else if name.local == local_name!("class") {
                for c in value.split_ascii_whitespace() {
                    mask |= get(&self.classes, c);
                }
            }
        }
        mask
    }
}

/// A compiled CSS selector with a quick test in front of it: the tag, id and classes its
/// rightmost part requires. Most elements of a page fail that test, and only the few that pass
/// it go through the full selector match.
#[derive(Debug, Clone)]
pub struct Sel {
    sel: Selector,
    /// One requirement per comma-separated alternative; `None` when the selector is too
    /// elaborate to read (pseudo-classes with arguments, escapes): then every element is matched.
    keys: Option<Vec<Key>>,
}

#[derive(Debug, Clone, Default)]
struct Key {
    tag: Option<String>,
    id: Option<String>,
    classes: Vec<String>,
}

impl Key {
    fn admits(&self, el: &scraper::node::Element) -> bool {
        self.tag
            .as_ref()
            .is_none_or(|t| el.name().eq_ignore_ascii_case(t))
            && self
                .id
                .as_ref()
                .is_none_or(|i| el.id().is_some_and(|x| x.eq_ignore_ascii_case(i)))
            // Class names compare without case: pages in quirks mode match them so.
            && self.classes.iter().all(|c| {
                el.attribute("class").is_some_and(|list| {
                    list.split_ascii_whitespace()
                        .any(|k| k.eq_ignore_ascii_case(c))
                })
            })
    }
}

/// The requirements of a selector's rightmost compound, per alternative.
fn keys_of(text: &str) -> Option<Vec<Key>> {
    if text.contains(['(', '\\', '"', '\'']) {
        return None;
    }
    let mut out = Vec::new();
    for alt in text.split(',') {
        let last = alt
            .trim()
            .rsplit(|c: char| c.is_whitespace() || matches!(c, '>' | '+' | '~'))
            .find(|p| !p.is_empty())?;
        let simple = last.split(['[', ':']).next().unwrap_or("");
        let mut key = Key::default();
        let tag_end = simple.find(['.', '#']).unwrap_or(simple.len());
        let tag = &simple[..tag_end];
        if !tag.is_empty() && tag != "*" {
            key.tag = Some(tag.to_string());
        }
        let mut rest = &simple[tag_end..];
        while let Some(kind) = rest.chars().next() {
            let end = rest[1..].find(['.', '#']).map_or(rest.len(), |i| i + 1);
            let name = &rest[1..end];
            if name.is_empty() {
                return None;
            }
            if kind == '.' {
                key.classes.push(name.to_string());
            } else {
                key.id = Some(name.to_string());
            }
            rest = &rest[end..];
        }
        out.push(key);
    }
    Some(out)
}

impl Sel {
    /// Compiles a selector; `None` when it is not valid CSS.
    pub fn parse(text: &str) -> Option<Sel> {
        Some(Sel {
            sel: Selector::parse(text).ok()?,
            keys: keys_of(text),
        })
    }

    /// True when the element matches.
    pub fn matches(&self, el: &ElementRef) -> bool {
        let admitted = self
            .keys
            .as_ref()
            .is_none_or(|keys| keys.iter().any(|k| k.admits(el.value())));
        admitted && self.sel.matches(el)
    }

    /// The matching elements under `root` (itself included), in page order.
    pub fn select<'s, 'a>(
        &'s self,
        root: ElementRef<'a>,
    ) -> impl Iterator<Item = ElementRef<'a>> + use<'s, 'a> {
        root.descendants()
            .filter_map(ElementRef::wrap)
            .filter(move |e| self.matches(e))
    }
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
        let sel = |list: &[String]| -> Result<Vec<Sel>, ProfileError> {
            list.iter()
                .map(|s| {
                    Sel::parse(s).ok_or_else(|| ProfileError::Selector {
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
        let mut profile = Profile {
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
            index: SelIndex::default(),
        };
        profile.index = SelIndex::new(profile.groups());
        Ok(profile)
    }

    /// The selector groups every page is searched for: title, breadcrumb, info, body, drop,
    /// list container. (Navigation links are wanted on front pages only, and looked for there.)
    pub fn groups(&self) -> [&[Sel]; GROUPS] {
        [
            &self.title,
            &self.breadcrumb,
            &self.info,
            &self.body,
            &self.drop,
            &self.list_container,
        ]
    }

    /// Calls `hit(group, index)` for every selector of the profile that matches `el`, in the
    /// order of [`Profile::groups`].
    pub fn each_match(&self, el: &ElementRef, mut hit: impl FnMut(usize, usize)) {
        let groups = self.groups();
        let mut mask = self.index.candidates(el.value());
        while mask != 0 {
            let bit = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            let (g, i) = self.index.slots[bit];
            if groups[g][i].matches(el) {
                hit(g, i);
            }
        }
        // Selectors past the 128th are all candidates.
        for &(g, i) in self.index.slots.iter().skip(128) {
            if groups[g][i].matches(el) {
                hit(g, i);
            }
        }
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

    /// The index hands each element every selector that matches it, and only those.
    #[test]
    fn index_finds_every_match() {
        let user = r##"
            [article]
            title = ["H1.Title", "#Main h1", "[class*=rticle]", "div.a.b > p", "*"]
            breadcrumb = [".Position", "nav ol li:first-child"]
            info = ["p.info, #content", "span"]
            body = [".article #content", "td.title", "#MAIN"]
            drop = [".share", ".x:not(.y)"]
            [list]
            container = [".main .list", "ul"]
        "##;
        let merged = merge_profile_text(user, "test").unwrap();
        let p = Profile::from_toml(&merged, "test").unwrap();
        let html = scraper::Html::parse_document(
            r#"<div id="main" class="Article main"><h1 class="title">t</h1>
               <div class="a b"><p class="info">i</p><p>q</p></div>
               <div id="content" class="x y">c <span>s</span></div>
               <nav><ol><li class="position">a</li><li>b</li></ol></nav>
               <div class="main"><ul class="list"><li><a href="/">a</a></li></ul></div>
               <table><tr><td class="TITLE share x">t</td></tr></table></div>"#,
        );
        for el in html
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
        {
            let mut got = Vec::new();
            p.each_match(&el, |g, i| got.push((g, i)));
            got.sort_unstable();
            let mut want = Vec::new();
            for (g, sels) in p.groups().iter().enumerate() {
                for (i, sel) in sels.iter().enumerate() {
                    if sel.sel.matches(&el) {
                        want.push((g, i));
                    }
                }
            }
            assert_eq!(got, want, "{}", el.html());
        }
    }

    #[test]
    fn quick_test_never_rules_out_a_match() {
        let html = scraper::Html::parse_document(
            r#"<div class="article main"><div id="content" class="x">t</div>
               <p class="info">i</p><ul class="nav"><li><a href="/">a</a></li></ul></div>"#,
        );
        let root = html.root_element();
        for (sel, want) in [
            (".article #content", 1),
            ("div.article > div#content.x", 1),
            (".nav a", 1),
            ("p.info, #content", 2),
            ("[class*=rticle]", 1),
            (".article :not(.info)", 4),
            ("td.title", 0),
        ] {
            let s = Sel::parse(sel).unwrap();
            let plain = Selector::parse(sel).unwrap();
            assert_eq!(s.select(root).count(), root.select(&plain).count(), "{sel}");
            assert_eq!(s.select(root).count(), want, "{sel}");
        }
    }
}
