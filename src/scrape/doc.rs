//! A parsed page and what every extraction step reads from it: base URL, metadata tags and
//! JSON-LD objects, each gathered once.

use crate::scrape::dom::AttrExt;
use html5ever::local_name;
use scraper::{ElementRef, Html, Node};
use url::Url;

use crate::model::into_canonical;
use crate::sanitize::clean_text;
use crate::scrape::date;
use crate::scrape::dom::density::Density;
use crate::scrape::dom::facts::Facts;
use crate::scrape::dom::text;
use crate::scrape::jsonld::JsonLd;
use crate::scrape::profile::{GROUPS, Profile};
use crate::scrape::rules::{BylineRules, Rules};

/// A parsed page.
pub(crate) struct Doc<'a> {
    pub html: &'a Html,
    /// The page's own URL.
    pub url: Url,
    /// What relative links resolve against (`<base href>` or the page's URL).
    pub base: Url,
    metas: rustc_hash::FxHashMap<String, String>,
    /// The page's JSON-LD objects.
    pub ld: JsonLd,
    /// The rules in force.
    pub rules: &'a Rules,
    /// The page's language reads an ambiguous `a/b/yyyy` day first (every language but
    /// American English, and pages that name none).
    pub day_first: bool,
    /// Elements the extraction steps look for, gathered by the same walk, in page order: the
    /// `<body>`, links with an `href`, scripts, `<time>` elements, and the `<title>` text.
    pub body: Option<ElementRef<'a>>,
    pub anchors: Vec<ElementRef<'a>>,
    pub scripts: Vec<ElementRef<'a>>,
    pub times: Vec<ElementRef<'a>>,
    pub title_tag: String,
    /// The name in the first element marked as the author's (`rel="author"`,
    /// `itemprop="author"`, `class="author"`) that holds one.
    pub author: Option<String>,
    /// The name in the first element marked as a byline (`class="byline"`) that holds one.
    pub byline: Option<String>,
    /// What the profile's selectors match, per selector, in page order.
    pub hits: Hits<'a>,
    /// What each element is (hidden, furniture, centred …), worked out once when asked.
    pub facts: Facts<'a>,
    /// Every element of the page in page order, `<html>` first. A step that looks at each
    /// element reads this list rather than walking the tree from node to node again.
    pub elements: Vec<ElementRef<'a>>,
    /// The block the content-density search found most likely to hold the article text, in
    /// the same walk: the fallback when the profile's selectors find no text.
    pub main_block: Option<ElementRef<'a>>,
}

/// The elements each of the profile's selectors matches: one list per selector, in the order
/// the profile gives them, gathered by the same walk as everything else.
#[derive(Default)]
pub(crate) struct Hits<'a> {
    pub title: Vec<Vec<ElementRef<'a>>>,
    pub breadcrumb: Vec<Vec<ElementRef<'a>>>,
    pub info: Vec<Vec<ElementRef<'a>>>,
    pub body: Vec<Vec<ElementRef<'a>>>,
    pub drop: Vec<Vec<ElementRef<'a>>>,
    pub list: Vec<Vec<ElementRef<'a>>>,
}

/// What the walk over the page gathers from its elements, one at a time.
struct Gather<'a> {
    found: [Vec<Vec<ElementRef<'a>>>; GROUPS],
    base: Option<Url>,
    metas: rustc_hash::FxHashMap<String, String>,
    ld: JsonLd,
    body: Option<ElementRef<'a>>,
    anchors: Vec<ElementRef<'a>>,
    scripts: Vec<ElementRef<'a>>,
    times: Vec<ElementRef<'a>>,
    title_tag: Option<String>,
    author: Option<String>,
    byline: Option<String>,
    elements: Vec<ElementRef<'a>>,
}

impl<'a> Gather<'a> {
    fn new(profile: &Profile, elements: usize) -> Gather<'a> {
        Gather {
            found: profile.groups().map(|g| vec![Vec::new(); g.len()]),
            base: None,
            metas: rustc_hash::FxHashMap::default(),
            ld: JsonLd::default(),
            body: None,
            anchors: Vec::new(),
            scripts: Vec::new(),
            times: Vec::new(),
            title_tag: None,
            author: None,
            byline: None,
            elements: Vec::with_capacity(elements),
        }
    }

    /// Takes what one element gives: its place in the profile's selectors, an author's name,
    /// and what its tag makes it (a link, the body, a `<time>`, the title, a script, a
    /// metadata tag, the base).
    fn element(&mut self, el: ElementRef<'a>, url: &Url, profile: &Profile, rules: &Rules) {
        self.elements.push(el);
        profile.each_match(&el, |g, i| self.found[g][i].push(el));
        let v = el.value();
        if self.author.is_none() || self.byline.is_none() {
            let name = || author_in(el, &profile.labels.author, &rules.bylines.by_words);
            match author_mark(v, &rules.bylines) {
                Some(Mark::Author) if self.author.is_none() => self.author = name(),
                // A byline's class also marks a teaser's or a widget's line: only a name is
                // taken.
                Some(Mark::Byline) if self.byline.is_none() => {
                    self.byline = name().filter(|b| reads_as_name(b));
                }
                _ => {}
            }
        }
        // Tag names compared as interned names: a number each.
        let name = &v.name.local;
        if *name == local_name!("a") {
            if v.attr_named(&local_name!("href")).is_some() {
                self.anchors.push(el);
            }
        } else if *name == local_name!("body") {
            self.body = self.body.or(Some(el));
        } else if *name == local_name!("time") {
            self.times.push(el);
        } else if *name == local_name!("title") {
            if self.title_tag.is_none() {
                self.title_tag = Some(clean_text(&el.text().collect::<String>()));
            }
        } else if *name == local_name!("script") {
            self.scripts.push(el);
            if v.attribute("type")
                .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
            {
                self.ld.add_block(&el.text().collect::<String>());
            }
        } else if *name == local_name!("meta") {
            let key = v
                .attribute("name")
                .or_else(|| v.attribute("property"))
                .or_else(|| v.attribute("itemprop"));
            if let (Some(k), Some(c)) = (key, v.attribute("content")) {
                let c = clean_text(c);
                if !c.is_empty() {
                    self.metas.entry(k.trim().to_lowercase()).or_insert(c);
                }
            }
        } else if *name == local_name!("base") && self.base.is_none() {
            self.base = v.attribute("href").and_then(|h| url.join(h.trim()).ok());
        }
    }
}

/// True when the page's language reads an ambiguous `a/b/yyyy` day first: every language it may
/// name but American English and Chinese. A page that names none reads it month first.
fn reads_day_first(html: &Html) -> bool {
    html.root_element()
        .value()
        .attribute("lang")
        .is_some_and(|l| {
            let l = l.trim().to_ascii_lowercase();
            !(l.is_empty() || l == "en" || l.starts_with("en-us") || l.starts_with("zh"))
        })
}

impl<'a> Doc<'a> {
    pub fn new(html: &'a Html, url: &Url, profile: &Profile, rules: &'a Rules) -> Doc<'a> {
        let facts = Facts::new(&html.tree, &rules.words);
        let mut g = Gather::new(profile, html.tree.values().len() / 2);
        // One walk gathers the base, the metadata tags and the JSON-LD blocks, and searches
        // for the densest block of text.
        let mut density = Density::default();
        // The walk goes in page order by hand, from each node to its first child, else to the
        // next sibling of it or of its nearest ancestor that has one: the elements left on
        // the way up close.
        let root = *html.root_element();
        let mut at = Some(root);
        while let Some(node) = at {
            match ElementRef::wrap(node) {
                Some(el) => {
                    density.open(el, &facts);
                    g.element(el, url, profile, rules);
                }
                None => {
                    if let Node::Text(t) = node.value() {
                        density.text(t);
                    }
                }
            }
            at = node.first_child().or_else(|| {
                let mut n = node;
                loop {
                    if n.value().is_element() {
                        density.close(&facts);
                    }
                    if n.id() == root.id() {
                        return None;
                    }
                    if let Some(s) = n.next_sibling() {
                        return Some(s);
                    }
                    n = n.parent()?;
                }
            });
        }
        let [title, breadcrumb, info, body, drop, list] = g.found;
        Doc {
            html,
            url: url.clone(),
            base: g.base.unwrap_or_else(|| url.clone()),
            metas: g.metas,
            ld: g.ld,
            rules,
            day_first: reads_day_first(html),
            body: g.body,
            anchors: g.anchors,
            scripts: g.scripts,
            times: g.times,
            title_tag: g.title_tag.unwrap_or_default(),
            author: g.author,
            byline: g.byline,
            hits: Hits {
                title,
                breadcrumb,
                info,
                body,
                drop,
                list,
            },
            main_block: density.best(),
            facts,
            elements: g.elements,
        }
    }

    /// The first present metadata tag among `names` (lower-case).
    pub fn meta(&self, names: &[&str]) -> Option<String> {
        names.iter().find_map(|n| self.metas.get(*n).cloned())
    }

    /// Resolves a link against the page, keeping only http(s) (and file links of a page read
    /// from disk); the result is canonical and clean.
    pub fn resolve(&self, href: &str) -> Option<String> {
        self.resolve_both(href).map(|(_, s)| s)
    }

    /// [`Doc::resolve_url`] and [`Doc::resolve`] at once: the URL, and its text cleaned.
    pub fn resolve_both(&self, href: &str) -> Option<(Url, String)> {
        let u = self.resolve_url(href)?;
        let s = clean_text(u.as_str());
        Some((u, s))
    }

    pub fn resolve_url(&self, href: &str) -> Option<Url> {
        let href = href.trim();
        if href.is_empty() || href.starts_with('#') {
            return None;
        }
        let u = self.base.join(href).ok()?;
        let web = matches!(u.scheme(), "http" | "https");
        let local = u.scheme() == "file" && self.base.scheme() == "file";
        (web || local).then(|| into_canonical(u))
    }

    /// A property of the page's own JSON-LD object (of the article types the rules name).
    pub fn ld(&self, key: &str) -> Option<String> {
        self.ld
            .text(&self.rules.dates.article_types, key)
            .map(|(v, _)| v)
    }

    /// The authors of the page's own JSON-LD object.
    pub fn ld_author(&self) -> Option<String> {
        self.ld.authors(&self.rules.dates.article_types)
    }
}

/// A label before an author's name (`Author:`, `作者：`) holds at most this many bytes.
const MAX_AUTHOR_LABEL: usize = 12;

/// An author's name holds at most this many characters; more is a sentence.
const MAX_AUTHOR_CHARS: usize = 60;

/// How an element is marked as holding an author's name.
enum Mark {
    /// `rel="author"`, `itemprop="author"`, or one of the rules' author classes.
    Author,
    /// One of the rules' byline classes.
    Byline,
}

/// How the element is marked as holding an author's name, if it is: one pass over its
/// attributes, as this runs for every element.
fn author_mark(v: &scraper::node::Element, rules: &BylineRules) -> Option<Mark> {
    let listed = |value: &str, words: &[String]| {
        value
            .split_ascii_whitespace()
            .any(|w| words.iter().any(|m| w.eq_ignore_ascii_case(m)))
    };
    let mut mark = None;
    for (name, value) in v.attrs.iter() {
        let n = &name.local;
        if *n == local_name!("class") {
            if listed(value, &rules.author_classes) {
                return Some(Mark::Author);
            }
            if listed(value, &rules.byline_classes) {
                mark = Some(Mark::Byline);
            }
        } else if (*n == local_name!("rel")
            && value.split_ascii_whitespace().any(|w| w == "author"))
            || (*n == local_name!("itemprop") && &**value == "author")
        {
            return Some(Mark::Author);
        }
    }
    mark
}

/// The name in an author element: the first of its lines that reads as a name, read after a
/// label and up to a date. An author box may hold the name, the date and the author's title
/// on lines of their own, a label line above the name, or the date in an element after the
/// name on its line. `labels` are the profile's author labels, `by` the words that lead a
/// byline (lower-case).
fn author_in(el: ElementRef, labels: &[String], by: &[String]) -> Option<String> {
    let leads = |t: &str| {
        let t = t.trim_end_matches([':', '：']).trim();
        by.iter().chain(labels).any(|w| t.eq_ignore_ascii_case(w))
    };
    // The parts are found on the lines marked at inline elements, and cut from the plain
    // text, which keeps the spaces between them as the page has them.
    let plain = text::lines(el).join("\n");
    text::marked_lines_alone(el).iter().find_map(|line| {
        let mut parts = line
            .split(text::SEP)
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let is_date = |t: &&str| date::text_date(t, false).is_some();
        let first = parts.find(|t| !leads(t)).filter(|t| !is_date(t))?;
        let date = parts.find(is_date);
        let name = match plain.find(first) {
            Some(at) => {
                let rest = &plain[at..];
                let end = date.and_then(|d| rest.find(d)).unwrap_or(rest.len());
                rest[..end].lines().next().unwrap_or_default().to_string()
            }
            None => first.to_string(),
        };
        author_name(&name, by)
    })
}

/// Words of this many characters or fewer may be lower-case in a name (`de`, `van`, `and`).
const NAME_PARTICLE: usize = 3;

/// True for text that reads as people's names: each longer word of a cased script starts
/// with a capital (`Li Hua`, `Ana de la Cruz`, `LI HUA`), unlike a phrase (`Reader poll`).
fn reads_as_name(t: &str) -> bool {
    t.split_whitespace().all(|w| {
        let mut letters = w.chars().skip_while(|c| !c.is_alphabetic());
        letters.next().is_none_or(|c| !c.is_lowercase()) || w.chars().count() <= NAME_PARTICLE
    })
}

/// A name from an author element: `By Li Hua`, `Author: Li Hua`, `Li Hua`.
fn author_name(t: &str, by: &[String]) -> Option<String> {
    let t = without_by_word(t, by);
    let t = t
        .split_once([':', '：'])
        .map_or(t, |(label, rest)| {
            if label.len() <= MAX_AUTHOR_LABEL {
                rest
            } else {
                t
            }
        })
        .trim();
    (2..=MAX_AUTHOR_CHARS)
        .contains(&t.chars().count())
        .then(|| t.to_string())
}

/// A name without the by-word that leads it (`By Li Hua`, `von Anna Berg`), compared without
/// regard to ASCII case.
pub(crate) fn without_by_word<'t>(t: &'t str, by: &[String]) -> &'t str {
    by.iter()
        .find_map(|w| {
            let (lead, rest) = (t.get(..w.len())?, t.get(w.len()..)?);
            lead.eq_ignore_ascii_case(w)
                .then(|| rest.strip_prefix(' '))?
        })
        .unwrap_or(t)
}

/// True for a site's front page address: `/` or `/index.*` with no query
/// (`/index.php?a=lists&catid=6` is a list page of a PHP CMS).
pub(crate) fn is_front_url(url: &Url) -> bool {
    let path = url.path();
    url.query().is_none_or(str::is_empty)
        && (path == "/" || (path.matches('/').count() == 1 && path.starts_with("/index.")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JSON-LD article's author as a name, an object, or a list of either: every name kept.
    #[test]
    fn json_ld_authors_are_all_named() {
        let url = Url::parse("https://en.gxzf.gov.cn/news/t20240305_1.shtml").unwrap();
        let profile = Profile::default();
        for (author, want) in [
            (r#""Li Hua""#, Some("Li Hua")),
            (r#"{"@type": "Person", "name": "Li Hua"}"#, Some("Li Hua")),
            (
                r#"[{"@type": "Person", "name": "Li Hua"}, {"@type": "Person", "name": "Wang Wei"}]"#,
                Some("Li Hua and Wang Wei"),
            ),
            (
                r#"["Li Hua", {"name": "Wang Wei"}, "Zhang San"]"#,
                Some("Li Hua, Wang Wei and Zhang San"),
            ),
            (r#"[]"#, None),
        ] {
            let page = format!(
                r#"<html><head><script type="application/ld+json">{{"@type": "NewsArticle", "author": {author}}}</script></head><body></body></html>"#
            );
            let html = Html::parse_document(&page);
            let rules = Rules::default();
            let doc = Doc::new(&html, &url, &profile, &rules);
            assert_eq!(doc.ld_author().as_deref(), want, "{author}");
        }
    }

    /// An author box is read line by line: the name, not the name run into the date beside
    /// it, the label or the by-word before it; the spaces inside the name kept as they are.
    #[test]
    fn an_author_box_gives_the_name_alone() {
        let url = Url::parse("https://news.example/a/1").unwrap();
        let (profile, rules) = (Profile::default(), Rules::default());
        for (author, want) in [
            (
                r#"<div class="author"><img alt="Li Hua"><div><a href="/li">Li Hua</a></div><div>21 Jan 2020</div></div>"#,
                Some("Li Hua"),
            ),
            (
                r#"<div class="author"><h4>Author:</h4><p>Wang Wei</p></div>"#,
                Some("Wang Wei"),
            ),
            (
                r#"<span class="author">By <a href="/z">Zhang San</a></span>"#,
                Some("Zhang San"),
            ),
            (
                r#"<li itemprop="author"><span>por </span><a href="/c"><span>César Salza</span></a> <time>1 de diciembre de 2017</time></li>"#,
                Some("César Salza"),
            ),
            (
                r#"<span class="author"><a href="/m">Martin Untersinger</a> (avec <a href="/d">Damien Leloup</a>)</span>"#,
                Some("Martin Untersinger (avec Damien Leloup)"),
            ),
            (r#"<div class="author"><div>21 Jan 2020</div></div>"#, None),
            // A byline's class names the author where no author element does, and only with
            // a name: a teaser's line so marked (`Reader poll`) is none.
            (
                r#"<em class="byline">JOE HILDEBRAND </em>"#,
                Some("JOE HILDEBRAND"),
            ),
            (
                r#"<div class="byline"><span>Reader poll</span></div>"#,
                None,
            ),
        ] {
            let page = format!("<html><body><h1>A headline</h1>{author}<p>Text.</p></body></html>");
            let html = Html::parse_document(&page);
            let doc = Doc::new(&html, &url, &profile, &rules);
            assert_eq!(
                doc.author
                    .as_ref()
                    .or(doc.byline.as_ref())
                    .map(String::as_str),
                want,
                "{author}"
            );
        }
    }
}
