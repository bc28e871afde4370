//! The configuration file: the documented defaults embedded from `assets/config.toml`, a user's
//! file merged over them key by key, checked whole before anything starts. A mistake is one
//! error naming the file, the line and the key.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::tui::keymap::{DEFAULT_KEYS, Key, Keymap};
use crate::tui::theme::{SLOTS, Theme, parse_style};

/// The documented default configuration.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.toml");

/// Everything the configuration file sets, defaults filled in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub site: String,
    pub crawl: CrawlSettings,
    pub reader: ReaderSettings,
    pub cache: CacheSettings,
    pub colors: BTreeMap<String, String>,
    #[serde(default)]
    pub keys: BTreeMap<String, BTreeMap<String, String>>,
    /// Where the user's part came from (none: the defaults alone).
    #[serde(skip)]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrawlSettings {
    pub max_articles: usize,
    pub max_list_pages: usize,
    pub concurrency: usize,
    pub delay_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacheSettings {
    /// Articles published longer ago than this are pruned after a refresh (0: never).
    pub keep_days: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReaderSettings {
    pub auto_refresh_minutes: u64,
    pub mouse: bool,
    /// The widest the article's text is wrapped, in columns.
    pub max_width: u16,
}

/// Text wrapped narrower than this is more line breaks than words.
const MIN_MAX_WIDTH: u16 = 20;

/// The shape a user's file may have: every key optional, nothing unknown.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // read for its checks only
struct UserFile {
    site: Option<String>,
    crawl: Option<UserCrawl>,
    reader: Option<UserReader>,
    cache: Option<UserCache>,
    colors: Option<BTreeMap<String, String>>,
    keys: Option<BTreeMap<String, BTreeMap<String, String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct UserCrawl {
    max_articles: Option<usize>,
    max_list_pages: Option<usize>,
    concurrency: Option<usize>,
    delay_ms: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct UserCache {
    keep_days: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct UserReader {
    auto_refresh_minutes: Option<u64>,
    mouse: Option<bool>,
    max_width: Option<u16>,
}

/// A configuration file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "config file {}", self.file.display())?;
        if let Some(l) = self.line {
            write!(f, ", line {l}")?;
        }
        if let Some(k) = &self.key {
            write!(f, ", key {k}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Default for Config {
    fn default() -> Config {
        let table: toml::Table = DEFAULT_CONFIG.parse().expect("the default config is TOML");
        toml::Value::Table(table)
            .try_into()
            .expect("the default config has every key")
    }
}

impl Config {
    /// Loads the configuration: `explicit` (from `--config` / `GXNEWS_CONFIG`) must exist; the
    /// file in the config directory is read when it exists; else the defaults.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => crate::paths::config_dir()
                .map(|d| d.join("config.toml"))
                .filter(|p| p.exists()),
        };
        let Some(path) = path else {
            return Ok(Config::default());
        };
        let text = std::fs::read_to_string(&path).map_err(|e| ConfigError {
            file: path.clone(),
            line: None,
            key: None,
            message: if e.kind() == std::io::ErrorKind::NotFound {
                "no such file".to_string()
            } else {
                format!("cannot read it: {e}")
            },
        })?;
        Config::from_user_text(&text, &path)
    }

    /// The defaults with a user's file (its text, and its path for messages) merged over them.
    pub fn from_user_text(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let err = |line: Option<usize>, key: Option<String>, message: String| ConfigError {
            file: path.to_path_buf(),
            line,
            key,
            message,
        };
        // Syntax, unknown keys and wrong types, located by the parser.
        let user: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let (line, key) = located(text, e.span());
            err(line, key, e.message().trim().to_string())
        })?;
        toml::from_str::<UserFile>(text).map_err(|e| {
            let (line, key) = located(text, e.span());
            err(line, key, plain_message(e.message()))
        })?;
        // Values the types allow but gxnews does not.
        let at = |keys: &[&str]| line_of(text, keys);
        let bad = |keys: &[&str], message: String| err(at(keys), Some(keys.join(".")), message);
        let mut merged: toml::Table = DEFAULT_CONFIG.parse().expect("the default config is TOML");
        crate::tomlmerge::merge(&mut merged, user);
        let mut config: Config = toml::Value::Table(merged)
            .try_into()
            .map_err(|e: toml::de::Error| err(None, None, plain_message(e.message())))?;
        config.file = Some(path.to_path_buf());

        match url::Url::parse(&config.site) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {}
            _ => {
                return Err(bad(
                    &["site"],
                    format!("{:?} is not an http(s) URL", config.site),
                ));
            }
        }
        if !(1..=8).contains(&config.crawl.concurrency) {
            return Err(bad(
                &["crawl", "concurrency"],
                format!("{} is out of range (1 to 8)", config.crawl.concurrency),
            ));
        }
        if config.reader.max_width < MIN_MAX_WIDTH {
            return Err(bad(
                &["reader", "max_width"],
                format!("must be at least {MIN_MAX_WIDTH}"),
            ));
        }
        if config.crawl.max_list_pages == 0 {
            return Err(bad(
                &["crawl", "max_list_pages"],
                "must be at least 1".to_string(),
            ));
        }
        for (slot, spec) in &config.colors {
            if slot == "theme" {
                if Theme::named(spec).is_none() {
                    return Err(bad(
                        &["colors", "theme"],
                        format!("unknown theme {spec:?} (dark, light or mono)"),
                    ));
                }
            } else if !SLOTS.contains(&slot.as_str()) {
                return Err(bad(
                    &["colors", slot],
                    format!("unknown colour slot (one of {})", SLOTS.join(", ")),
                ));
            } else if let Err(m) = parse_style(spec) {
                return Err(bad(&["colors", slot], m));
            }
        }
        if let Err((ctx, key, message)) = Keymap::check_overrides(&config.keys) {
            let mut path = vec!["keys", ctx.as_str()];
            if let Some(k) = &key {
                path.push(k.as_str());
            }
            let line = at(&path);
            let shown = match &key {
                Some(k) => format!("keys.{ctx}.{k:?}"),
                None => format!("keys.{ctx}"),
            };
            return Err(err(line, Some(shown), message));
        }
        Ok(config)
    }

    /// The keymap: the built-in one with the file's `[keys.*]` merged over it.
    pub fn keymap(&self) -> Keymap {
        let mut km = Keymap::default_keys();
        km.apply(&self.keys)
            .expect("key overrides were checked when the file was read");
        km
    }

    /// The theme: the named one, `mono` under `NO_COLOR`, with the file's overrides.
    pub fn theme(&self, no_color: bool) -> Theme {
        let name = self.colors.get("theme").map_or("dark", String::as_str);
        let mut theme = Theme::named(if no_color { "mono" } else { name }).unwrap_or_default();
        if !no_color {
            for (slot, spec) in &self.colors {
                if let Ok(style) = parse_style(spec) {
                    theme.set(slot, style);
                }
            }
        }
        theme
    }

    /// The configuration in force, as TOML.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }
}

/// Whether `NO_COLOR` asks for no colour (set and not empty, as no-color.org says).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The key sequences the built-in keymap parses, for the config check.
pub fn default_keys_text() -> &'static str {
    DEFAULT_KEYS
}

/// The parser's message without its "TOML parse error" framing.
fn plain_message(m: &str) -> String {
    m.trim()
        .replace('\n', " ")
        .replace("expected usize", "expected a whole number")
        .replace("expected u64", "expected a whole number")
        .replace("expected u32", "expected a whole number")
}

/// The line (1-based) of a byte offset and the dotted key written there.
fn located(text: &str, span: Option<std::ops::Range<usize>>) -> (Option<usize>, Option<String>) {
    let Some(span) = span else {
        return (None, None);
    };
    let start = span.start.min(text.len());
    let line_no = text[..start].matches('\n').count() + 1;
    let line = text.lines().nth(line_no - 1).unwrap_or("");
    let table = table_before(text, line_no);
    let key = if let Some(h) = header(line) {
        Some(h.join("."))
    } else {
        key_of(line).map(|k| {
            let mut path = table;
            path.push(k);
            path.join(".")
        })
    };
    (Some(line_no), key)
}

/// The table a line belongs to: the last `[header]` above it.
fn table_before(text: &str, line_no: usize) -> Vec<String> {
    text.lines()
        .take(line_no.saturating_sub(1))
        .filter_map(header)
        .last()
        .unwrap_or_default()
}

/// The line (1-based) where a dotted key is written, if it is written as `key = …` under its
/// `[table]` (or as the table's header).
fn line_of(text: &str, keys: &[&str]) -> Option<usize> {
    let mut table: Vec<String> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(h) = header(line) {
            if h == keys {
                return Some(i + 1);
            }
            table = h;
            continue;
        }
        if let Some(k) = key_of(line) {
            let mut path = table.clone();
            path.push(k);
            if path == keys {
                return Some(i + 1);
            }
        }
    }
    None
}

/// The names of a `[a.b]` header line.
fn header(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    let inner = t.strip_prefix('[')?.split(']').next()?;
    if inner.starts_with('[') {
        return None;
    }
    Some(split_dotted(inner))
}

/// The key of a `key = value` line (bare or quoted).
fn key_of(line: &str) -> Option<String> {
    let t = line.trim_start();
    if t.starts_with('#') || t.starts_with('[') {
        return None;
    }
    if let Some(rest) = t.strip_prefix('"') {
        let end = rest.find('"')?;
        return Some(rest[..end].to_string());
    }
    if let Some(rest) = t.strip_prefix('\'') {
        let end = rest.find('\'')?;
        return Some(rest[..end].to_string());
    }
    let (k, _) = t.split_once('=')?;
    Some(k.trim().to_string()).filter(|k| !k.is_empty())
}

/// `a."b.c".d` → `[a, b.c, d]`.
fn split_dotted(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => quote = Some(c),
            (None, '.') => out.push(std::mem::take(&mut cur).trim().to_string()),
            (None, c) => cur.push(c),
        }
    }
    out.push(cur.trim().to_string());
    out
}

/// Checks that a string is a key sequence the keymap understands.
pub fn check_key(s: &str) -> Result<Vec<Key>, String> {
    Key::parse_seq(s).map_err(|e| e.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_load() {
        let c = Config::default();
        assert_eq!(c.site, "https://en.gxzf.gov.cn/");
        assert_eq!(c.crawl.concurrency, 2);
        assert!(c.reader.mouse);
    }

    #[test]
    fn dotted_keys_split() {
        assert_eq!(split_dotted(r#"keys."a.b""#), vec!["keys", "a.b"]);
        assert_eq!(
            header("[keys.list] # x"),
            Some(vec!["keys".into(), "list".into()])
        );
        assert_eq!(key_of(r#""<C-d>" = "x""#), Some("<C-d>".into()));
    }
}
