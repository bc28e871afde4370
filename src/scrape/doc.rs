//! A parsed page and what every extraction step reads from it: base URL, metadata tags and
//! JSON-LD objects, each gathered once.

use std::collections::HashMap;
use std::sync::LazyLock;

use scraper::{Html, Selector};
use serde_json::Value;
use url::Url;

use crate::model::canonical_url;
use crate::sanitize::clean_text;

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("built-in selectors are valid")
}

static META: LazyLock<Selector> = LazyLock::new(|| sel("meta[content]"));
static BASE: LazyLock<Selector> = LazyLock::new(|| sel("base[href]"));
static LD_JSON: LazyLock<Selector> = LazyLock::new(|| sel(r#"script[type="application/ld+json"]"#));

/// A parsed page.
pub(crate) struct Doc<'a> {
    pub html: &'a Html,
    /// The page's own URL.
    pub url: Url,
    /// What relative links resolve against (`<base href>` or the page's URL).
    pub base: Url,
    metas: HashMap<String, String>,
    ld: Vec<Value>,
}

impl<'a> Doc<'a> {
    pub fn new(html: &'a Html, url: &Url) -> Doc<'a> {
        let base = html
            .select(&BASE)
            .next()
            .and_then(|b| b.value().attr("href"))
            .and_then(|h| url.join(h.trim()).ok())
            .unwrap_or_else(|| url.clone());
        let mut metas = HashMap::new();
        for m in html.select(&META) {
            let v = m.value();
            let key = v
                .attr("name")
                .or_else(|| v.attr("property"))
                .or_else(|| v.attr("itemprop"));
            if let (Some(k), Some(c)) = (key, v.attr("content")) {
                let c = clean_text(c);
                if !c.is_empty() {
                    metas.entry(k.trim().to_lowercase()).or_insert(c);
                }
            }
        }
        Doc {
            html,
            url: url.clone(),
            base,
            metas,
            ld: ld_objects(html),
        }
    }

    /// The first present metadata tag among `names` (lower-case).
    pub fn meta(&self, names: &[&str]) -> Option<String> {
        names.iter().find_map(|n| self.metas.get(*n).cloned())
    }

    /// Resolves a link against the page, keeping only http(s) (and file links of a page read
    /// from disk); the result is canonical and clean.
    pub fn resolve(&self, href: &str) -> Option<String> {
        self.resolve_url(href).map(|u| clean_text(u.as_str()))
    }

    pub fn resolve_url(&self, href: &str) -> Option<Url> {
        let href = href.trim();
        if href.is_empty() || href.starts_with('#') {
            return None;
        }
        let u = self.base.join(href).ok()?;
        let web = matches!(u.scheme(), "http" | "https");
        let local = u.scheme() == "file" && self.base.scheme() == "file";
        (web || local).then(|| canonical_url(&u))
    }

    fn ld_articles(&self) -> impl Iterator<Item = &Value> {
        self.ld.iter().filter(|o| {
            let t = o.get("@type");
            let is = |s: &str| s.ends_with("Article") || s == "WebPage" || s == "Report";
            match t {
                Some(Value::String(s)) => is(s),
                Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).any(is),
                _ => false,
            }
        })
    }

    /// A string field of a JSON-LD article object.
    pub fn ld(&self, key: &str) -> Option<String> {
        self.ld_articles().find_map(|o| {
            o.get(key)
                .and_then(Value::as_str)
                .map(clean_text)
                .filter(|s| !s.is_empty())
        })
    }

    /// The author of a JSON-LD article: a string, an object with a name, or the first of a list.
    pub fn ld_author(&self) -> Option<String> {
        self.ld_articles().find_map(|o| {
            let a = o.get("author")?;
            let a = if let Some(arr) = a.as_array() {
                arr.first()?
            } else {
                a
            };
            a.as_str()
                .or_else(|| a.get("name").and_then(Value::as_str))
                .map(clean_text)
                .filter(|s| !s.is_empty())
        })
    }
}

/// Every JSON-LD object of the page, `@graph`s and arrays flattened.
fn ld_objects(html: &Html) -> Vec<Value> {
    let mut out = Vec::new();
    for s in html.select(&LD_JSON) {
        let text: String = s.text().collect();
        let Ok(v) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let mut stack = vec![v];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(a) => stack.extend(a),
                Value::Object(mut o) => {
                    if let Some(g) = o.remove("@graph") {
                        stack.push(g);
                    }
                    out.push(Value::Object(o));
                }
                _ => {}
            }
        }
    }
    out
}
