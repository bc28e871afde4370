//! JSON-LD: the structured metadata many pages carry (`NewsArticle`, `@graph`, arrays of
//! objects, `BreadcrumbList`, authors as `Person` or `Organization`), read from every
//! `<script type="application/ld+json">` block of the page.

use serde_json::Value;

use crate::sanitize::clean_text;

/// Objects nested deeper than this inside one block are not looked at: real blocks nest a few
/// levels (`@graph` → `WebPage` → `mainEntity`), and a hostile one must not cost more.
const MAX_DEPTH: usize = 8;

/// Every JSON-LD object of a page, `@graph`s, arrays and typed nested objects flattened, in
/// page order.
#[derive(Debug, Default)]
pub(crate) struct JsonLd {
    objects: Vec<Value>,
}

/// The last part of a type name: `NewsArticle` of `https://schema.org/NewsArticle` or
/// `schema:NewsArticle`.
fn short_type(t: &str) -> &str {
    t.rsplit(['/', ':', '#']).next().unwrap_or(t)
}

/// The types an object declares.
fn types(o: &Value) -> Vec<&str> {
    match o.get("@type") {
        Some(Value::String(s)) => vec![short_type(s)],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(short_type).collect(),
        _ => Vec::new(),
    }
}

/// A value as text: a string, a number, `{"@value": …}`, or the first of a list of them.
fn as_text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => return a.iter().find_map(as_text),
        Value::Object(o) => return o.get("@value").and_then(as_text),
        _ => return None,
    };
    Some(clean_text(&s)).filter(|t| !t.is_empty())
}

impl JsonLd {
    /// Reads one script block: the JSON values it holds one after another, up to anything that
    /// is not JSON (a stray `}` at the end). A block that yields none is tried again without
    /// the raw line breaks and trailing commas that hand-written blocks often hold.
    pub fn add_block(&mut self, text: &str) {
        let values = |t: &str| -> Vec<Value> {
            serde_json::Deserializer::from_str(t)
                .into_iter::<Value>()
                .map_while(Result::ok)
                .collect()
        };
        // A block wrapped for old browsers (`<![CDATA[ … ]]>`, `<!-- … -->`) is read inside.
        let mut text = text.trim();
        for (open, close) in [
            ("<![CDATA[", "]]>"),
            ("<!--", "-->"),
            ("//<![CDATA[", "//]]>"),
        ] {
            if let Some(inner) = text.strip_prefix(open) {
                text = inner.trim_end().strip_suffix(close).unwrap_or(inner).trim();
            }
        }
        let mut found = values(text);
        if found.is_empty() {
            let mended: String = text.replace(['\n', '\r', '\t'], " ");
            found = values(&mended.replace(",}", "}").replace(",]", "]"));
        }
        for v in found {
            self.add_value(v);
        }
    }

    fn add_value(&mut self, v: Value) {
        let mut stack = vec![(v, 0usize)];
        while let Some((v, depth)) = stack.pop() {
            if depth > MAX_DEPTH {
                continue;
            }
            match v {
                Value::Array(a) => stack.extend(a.into_iter().rev().map(|x| (x, depth + 1))),
                Value::Object(mut o) => {
                    let graph = o.remove("@graph");
                    // Typed objects inside this one (`mainEntity`, `itemReviewed`) are objects
                    // of the page too.
                    let nested: Vec<Value> = o
                        .values()
                        .filter(|x| x.get("@type").is_some() || x.is_array())
                        .cloned()
                        .collect();
                    if o.contains_key("@type") {
                        self.objects.push(Value::Object(o));
                    }
                    stack.extend(nested.into_iter().rev().map(|x| (x, depth + 1)));
                    if let Some(g) = graph {
                        stack.push((g, depth + 1));
                    }
                }
                _ => {}
            }
        }
    }

    /// The objects of the given types, ranked by the type's place in `wanted`, then in page
    /// order; each with the type that ranked it.
    pub fn ranked<'a>(&'a self, wanted: &'a [String]) -> Vec<(&'a Value, &'a str)> {
        let mut found: Vec<(usize, usize, &Value, &str)> = Vec::new();
        for (i, o) in self.objects.iter().enumerate() {
            let best = types(o)
                .into_iter()
                .filter_map(|t| wanted.iter().position(|w| w == t).map(|r| (r, t)))
                .min_by_key(|(r, _)| *r);
            if let Some((rank, t)) = best {
                found.push((rank, i, o, t));
            }
        }
        found.sort_by_key(|(rank, i, ..)| (*rank, *i));
        found.into_iter().map(|(.., o, t)| (o, t)).collect()
    }

    /// A property of the first object of the given types that has it, as text, with the type.
    pub fn text<'a>(&'a self, wanted: &'a [String], key: &str) -> Option<(String, &'a str)> {
        self.ranked(wanted)
            .into_iter()
            .find_map(|(o, t)| as_text(o.get(key)?).map(|v| (v, t)))
    }

    /// True when some object is of one of the given types.
    pub fn has_type(&self, wanted: &[&str]) -> bool {
        self.objects
            .iter()
            .any(|o| types(o).iter().any(|t| wanted.contains(t)))
    }

    /// The authors of the first object of the given types that names any: a name, an object
    /// with a name (`Person`, `Organization`), or a list of them (`Li Hua and Wang Wei`, `Li
    /// Hua, Wang Wei and Zhang San`).
    pub fn authors(&self, wanted: &[String]) -> Option<String> {
        self.ranked(wanted).into_iter().find_map(|(o, _)| {
            let a = o.get("author").or_else(|| o.get("creator"))?;
            // An author given as an address (`"author": "https://…/video/…"`) names nobody.
            let name = |a: &Value| {
                match a {
                    Value::Object(m) => m.get("name").and_then(as_text),
                    other => as_text(other),
                }
                .filter(|n| !is_address(n))
            };
            let names: Vec<String> = match a.as_array() {
                Some(arr) => arr.iter().filter_map(name).collect(),
                None => name(a).into_iter().collect(),
            };
            match names.as_slice() {
                [] => None,
                [one] => Some(one.clone()),
                [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
            }
        })
    }

    /// The page's `BreadcrumbList`: the names of its items in the order of their `position`.
    pub fn breadcrumb(&self) -> Option<Vec<String>> {
        let list = self
            .objects
            .iter()
            .find(|o| types(o).contains(&"BreadcrumbList"))?;
        let items = list.get("itemListElement")?.as_array()?;
        let mut named: Vec<(i64, String)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| {
                let pos = it
                    .get("position")
                    .and_then(Value::as_i64)
                    .unwrap_or(i as i64);
                let name = it
                    .get("name")
                    .and_then(as_text)
                    .or_else(|| it.get("item")?.get("name").and_then(as_text))?;
                Some((pos, name))
            })
            .collect();
        named.sort_by_key(|(p, _)| *p);
        let crumbs: Vec<String> = named.into_iter().map(|(_, n)| n).collect();
        (!crumbs.is_empty()).then_some(crumbs)
    }
}

/// True for a value that is a web address rather than a name.
pub(crate) fn is_address(v: &str) -> bool {
    let v = v.trim_start().to_ascii_lowercase();
    v.starts_with("http://") || v.starts_with("https://") || v.starts_with("www.")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An author given as an address names nobody; a named author beside it still counts.
    #[test]
    fn an_address_is_no_authors_name() {
        let wanted = types_of(&["NewsArticle"]);
        let mut ld = JsonLd::default();
        ld.add_block(
            r#"{"@type": "NewsArticle", "author": "https://news.example/video/id-53487/story"}"#,
        );
        assert_eq!(ld.authors(&wanted), None);
        let mut ld = JsonLd::default();
        ld.add_block(
            r#"{"@type": "NewsArticle", "author": [{"name": "www.news.example"}, {"name": "Li Hua"}]}"#,
        );
        assert_eq!(ld.authors(&wanted).as_deref(), Some("Li Hua"));
    }

    fn types_of(wanted: &[&str]) -> Vec<String> {
        wanted.iter().map(|s| s.to_string()).collect()
    }

    /// `@graph`s, arrays and typed nested objects are all read; objects are ranked by the
    /// place of their type in the wanted list.
    #[test]
    fn graphs_arrays_and_nested_objects() {
        let mut ld = JsonLd::default();
        ld.add_block(
            r#"{"@context": "https://schema.org", "@graph": [
                {"@type": "WebPage", "datePublished": "2020-01-01",
                 "mainEntity": {"@type": "NewsArticle", "datePublished": "2020-01-13T10:00:00Z",
                                "author": [{"@type": "Person", "name": "Li Hua"}, "Wang Wei"]}},
                {"@type": "BreadcrumbList", "itemListElement": [
                    {"@type": "ListItem", "position": 2, "name": "News"},
                    {"@type": "ListItem", "position": 1, "item": {"name": "Home"}}]}]}"#,
        );
        ld.add_block(r#"[{"@type": "schema:Organization", "name": "Xinhua"}]"#);
        let wanted = types_of(&["NewsArticle", "WebPage"]);
        assert_eq!(
            ld.text(&wanted, "datePublished"),
            Some(("2020-01-13T10:00:00Z".to_string(), "NewsArticle"))
        );
        assert_eq!(ld.authors(&wanted).as_deref(), Some("Li Hua and Wang Wei"));
        assert_eq!(
            ld.breadcrumb(),
            Some(vec!["Home".to_string(), "News".to_string()])
        );
        assert!(ld.has_type(&["Organization"]));
    }

    /// A block with raw line breaks in its strings and trailing commas is still read; one that
    /// is not JSON at all is passed over.
    #[test]
    fn sloppy_blocks() {
        let mut ld = JsonLd::default();
        ld.add_block("{\"@type\": \"NewsArticle\", \"headline\": \"Two\nlines\",}");
        ld.add_block("not json {");
        ld.add_block(r#"{"@type": "BlogPosting", "headline": "Stray"}}"#);
        ld.add_block("<![CDATA[ {\"@type\": \"Report\", \"headline\": \"Wrapped\"} ]]>");
        assert_eq!(
            ld.text(&types_of(&["Report"]), "headline")
                .map(|t| t.0)
                .as_deref(),
            Some("Wrapped")
        );
        assert_eq!(
            ld.text(&types_of(&["BlogPosting"]), "headline")
                .map(|t| t.0)
                .as_deref(),
            Some("Stray")
        );
        let wanted = types_of(&["NewsArticle"]);
        assert_eq!(
            ld.text(&wanted, "headline").map(|t| t.0).as_deref(),
            Some("Two lines")
        );
    }
}
