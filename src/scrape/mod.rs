//! Scraping: pure functions from a page's HTML and URL to an [`Article`], a [`ListPage`] or
//! neither. No IO, no clock, no globals; selectors are compiled once in the [`Profile`].
//!
//! Metadata is read in this order of trust, the first value found for a field winning:
//! 1. the profile's selectors (headline, breadcrumb, info line read by its labels);
//! 2. labelled text anywhere on the page (`updatetime:`, `Source：`, `Web Editor:` …);
//! 3. the metadata tags Chinese government sites share (`ArticleTitle`, `PubDate`,
//!    `ContentSource`, `ColumnName`);
//! 4. Open Graph and `article:published_time`;
//! 5. JSON-LD `NewsArticle`.
//!
//! The body comes from the profile's content selectors, or, when they find nothing, from a
//! content-density search for the main text block.

pub mod date;
mod density;
mod doc;
mod furniture;
pub mod labels;
mod list;
mod pages;
pub mod profile;
pub mod text;
mod title;

use std::collections::HashSet;
use std::sync::LazyLock;

use chrono::Timelike;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Selector};
use url::Url;

use crate::model::{Article, Image, Page, canonical_url};
use crate::sanitize::clean_text;
use doc::Doc;
use labels::{LabelMatcher, Labelled};
pub use profile::Profile;
use text::{Piece, pieces};

/// The version of the extractor. Raise it when extraction changes, so `gxnews reindex` tells
/// which cached articles an older extractor read.
pub const EXTRACTOR_VERSION: u32 = 2;

/// True when `link` is a continuation page (`_2`, `?page=2`) of the article at `first`.
pub fn continues(first: &str, link: &str) -> bool {
    match (Url::parse(first), Url::parse(link)) {
        (Ok(f), Ok(l)) => pages::page_number(&f, &l).is_some(),
        _ => false,
    }
}

/// Why a page is not an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScrapeError {
    #[error("not an article page (it looks like a {0} page)")]
    NotAnArticle(&'static str),
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("built-in selectors are valid")
}

static BODY: LazyLock<Selector> = LazyLock::new(|| sel("body"));
static CRUMB_GUESS: LazyLock<Selector> = LazyLock::new(|| {
    sel(
        "[class*=crumb], [id*=crumb], [class*=position], [id*=position], [class*=location], [id*=location], [class*=daohang], [class*=dqwz]",
    )
});

/// The scraper for one site profile. Cheap to share; holds only compiled selectors and labels.
#[derive(Debug, Clone)]
pub struct Scraper {
    profile: Profile,
    labels: LabelMatcher,
}

impl Default for Scraper {
    fn default() -> Self {
        Scraper::new(Profile::default())
    }
}

impl Scraper {
    pub fn new(profile: Profile) -> Scraper {
        let labels = LabelMatcher::new(&profile.labels);
        Scraper { profile, labels }
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Scrapes a page into an article, a list page or neither.
    pub fn scrape(&self, html: &str, url: &Url) -> Page {
        let parsed = Html::parse_document(html);
        let doc = Doc::new(&parsed, url);
        if let Some(article) = self.article(&doc, url) {
            return Page::Article(article);
        }
        let (listed, trusted) = list::list_page(&doc, &self.profile);
        // A list found by the profile's container, or one with a pager, is a list even with one
        // or two links: the last page of a section often holds no more.
        let pager = listed.next.is_some() || trusted;
        if listed.links.len() >= list::MIN_LINKS || (pager && !listed.links.is_empty()) {
            return Page::List(listed);
        }
        Page::Other {
            title: self.title(&doc),
            sections: listed.sections,
        }
    }

    /// Joins the continuation pages of a multi-page article to its first page: paragraphs and
    /// images in page order, an image met twice kept once.
    pub fn join_pages(mut first: Article, rest: Vec<Article>) -> Article {
        for page in rest {
            first.body.extend(page.body);
            for img in page.images {
                if !first.images.iter().any(|i| i.url == img.url) {
                    first.images.push(img);
                }
            }
        }
        first.pages.clear();
        first
    }

    /// Scrapes an article page; a page of another kind is an error.
    pub fn scrape_article(&self, html: &str, url: &Url) -> Result<Article, ScrapeError> {
        match self.scrape(html, url) {
            Page::Article(a) => Ok(a),
            Page::List(_) => Err(ScrapeError::NotAnArticle("list")),
            Page::Other { .. } => Err(ScrapeError::NotAnArticle("non-article")),
        }
    }

    fn title(&self, doc: &Doc) -> Option<String> {
        title::headline(doc, &self.profile.title)
    }

    fn article(&self, doc: &Doc, url: &Url) -> Option<Article> {
        let root = doc.html.root_element();
        let body_el = doc.html.select(&BODY).next().unwrap_or(root);

        // Labelled metadata: the profile's info element first, then the whole page.
        let mut meta = Labelled::default();
        for s in &self.profile.info {
            for el in root.select(s) {
                self.labels.read(&text::lines(el), &mut meta);
            }
        }
        let page_lines = text::lines(body_el);
        self.labels.read(&page_lines, &mut meta);
        let tagged = doc
            .meta(&[
                "pubdate",
                "publishdate",
                "article:published_time",
                "og:published_time",
                "date",
                "dc.date",
            ])
            .and_then(|d| date::parse_date(&d))
            .or_else(|| doc.ld("datePublished").and_then(|d| date::parse_date(&d)));
        meta.published = match (meta.published, tagged) {
            (None, t) => t,
            // A visible date without its time yields to the tags' time of the same day.
            (Some(v), Some(t))
                if v.num_seconds_from_midnight() == 0
                    && v.date_naive() == t.with_timezone(&v.timezone()).date_naive() =>
            {
                Some(t.with_timezone(&v.timezone()))
            }
            (v, _) => v,
        };
        if meta.source.is_none() {
            meta.source = doc.meta(&["contentsource", "source"]);
        }
        if meta.editor.is_none() {
            meta.editor = doc
                .meta(&["author", "article:author"])
                .or_else(|| doc.ld_author());
        }

        let title = self.title(doc)?;
        let (crumb_el, breadcrumb) = self.breadcrumb(doc, &page_lines);
        let container = self.body_container(doc)?;

        let mut excluded: HashSet<NodeId> = HashSet::new();
        for s in &self.profile.drop {
            excluded.extend(container.select(s).map(|e| e.id()));
        }
        if let Some(c) = crumb_el {
            excluded.insert(c);
        }
        let (body, images) = self.paragraphs(doc, container, &excluded, &title);
        let body_chars: usize = body.iter().map(|p| p.chars().count()).sum();

        // An article has a date or labelled metadata, and text of its own.
        let dated = meta.published.is_some() || meta.any();
        if !dated || body_chars < 80 {
            return None;
        }
        let section = breadcrumb
            .last()
            .filter(|c| **c != title)
            .cloned()
            .or_else(|| doc.meta(&["columnname"]));
        Some(Article {
            id: 0,
            url: canonical_url(url).to_string(),
            title,
            breadcrumb,
            section,
            published: meta.published,
            source: meta.source,
            editor: meta.editor,
            views: meta.views,
            body,
            images,
            pages: pages::continuation(doc),
            fetched_at: None,
        })
    }

    fn body_container<'a>(&self, doc: &Doc<'a>) -> Option<ElementRef<'a>> {
        let root = doc.html.root_element();
        for s in &self.profile.body {
            let best = root
                .select(s)
                .map(|el| (text_chars(el), el))
                .filter(|(n, _)| *n >= 40)
                .max_by_key(|(n, _)| *n);
            if let Some((_, el)) = best {
                return Some(el);
            }
        }
        density::main_block(doc.html)
    }

    fn breadcrumb(&self, doc: &Doc, page_lines: &[String]) -> (Option<NodeId>, Vec<String>) {
        let root = doc.html.root_element();
        let candidates = self
            .profile
            .breadcrumb
            .iter()
            .flat_map(|s| root.select(s))
            .chain(root.select(&CRUMB_GUESS));
        for el in candidates {
            let crumbs = crumbs_of(el);
            if crumbs.len() >= 2 && crumbs.iter().all(|c| c.chars().count() <= 80) {
                return (Some(el.id()), crumbs);
            }
        }
        // A line such as `Location: Home > News > Guangxi`.
        for line in page_lines.iter().filter(|l| l.chars().count() <= 200) {
            if let Some(rest) = strip_crumb_prefix(line) {
                let crumbs = split_crumbs(rest);
                if crumbs.len() >= 2 {
                    return (None, crumbs);
                }
            }
        }
        (None, Vec::new())
    }

    fn paragraphs(
        &self,
        doc: &Doc,
        container: ElementRef,
        excluded: &HashSet<NodeId>,
        title: &str,
    ) -> (Vec<String>, Vec<Image>) {
        let mut body = Vec::new();
        let mut images: Vec<Image> = Vec::new();
        let mut awaiting_caption = false;
        for piece in pieces(container, excluded) {
            match piece {
                Piece::Image { src, alt } => {
                    let Some(url) = doc.resolve(&src) else {
                        continue;
                    };
                    if images.iter().any(|i| i.url == url) {
                        continue;
                    }
                    let caption = (!alt.is_empty() && alt.chars().count() > 3).then_some(alt);
                    images.push(Image { url, caption });
                    awaiting_caption = true;
                }
                Piece::Line(line) => {
                    let is_caption = line.caption
                        || (awaiting_caption && line.centered && line.text.chars().count() <= 300);
                    if awaiting_caption && is_caption {
                        if let Some(img) = images.last_mut() {
                            img.caption = Some(line.text);
                        }
                        awaiting_caption = false;
                        continue;
                    }
                    awaiting_caption = false;
                    let chars = line.text.chars().count();
                    if line.text == title
                        || self.labels.is_meta_line(&line.text)
                        || is_boilerplate(&line.text)
                        || (line.link_chars * 2 > chars && chars < 200)
                    {
                        continue;
                    }
                    body.push(line.text);
                }
            }
        }
        (body, images)
    }
}

fn text_chars(el: ElementRef) -> usize {
    text::lines(el).iter().map(|l| l.chars().count()).sum()
}

const CRUMB_PREFIXES: &[&str] = &[
    "location",
    "you are here",
    "current location",
    "current position",
    "your location",
    "position",
    "当前位置",
    "您的位置",
    "所在位置",
];

fn strip_crumb_prefix(line: &str) -> Option<&str> {
    let lower = line.to_lowercase();
    CRUMB_PREFIXES.iter().find_map(|p| {
        let rest = lower.strip_prefix(p)?;
        let trimmed = rest.trim_start();
        let colon = trimmed.chars().next().filter(|c| *c == ':' || *c == '：')?;
        let skip = line.len() - trimmed.len() + colon.len_utf8();
        Some(&line[skip..])
    })
}

fn is_separator(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_whitespace() || "›»>＞/→|-·:：".contains(c))
}

fn split_crumbs(s: &str) -> Vec<String> {
    s.split(['>', '»', '›', '＞', '→'])
        .flat_map(|p| {
            if p.contains(" / ") {
                p.split(" / ").collect()
            } else {
                vec![p]
            }
        })
        .map(clean_text)
        .filter(|c| !c.is_empty() && !is_separator(c))
        .collect()
}

/// The crumbs of a breadcrumb element: each link is a crumb, and the text between links is split
/// on the usual separators. A leading `Location:` and home icons are dropped.
fn crumbs_of(el: ElementRef) -> Vec<String> {
    let mut crumbs = Vec::new();
    collect_crumbs(el, &mut crumbs);
    if let Some(first) = crumbs.first() {
        if let Some(rest) = strip_crumb_prefix(first) {
            let rest = clean_text(rest);
            if rest.is_empty() {
                crumbs.remove(0);
            } else {
                crumbs[0] = rest;
            }
        } else if CRUMB_PREFIXES.iter().any(|p| first.to_lowercase() == *p) {
            crumbs.remove(0);
        }
    }
    crumbs
}

fn collect_crumbs(el: ElementRef, out: &mut Vec<String>) {
    for child in el.children() {
        if let Some(t) = child.value().as_text() {
            out.extend(split_crumbs(t));
        } else if let Some(c) = ElementRef::wrap(child) {
            if text::is_invisible(&c) {
                continue;
            }
            if c.value().name() == "a" {
                let t = text::inline_text(c);
                if !t.is_empty() && !is_separator(&t) {
                    out.push(t);
                }
            } else {
                collect_crumbs(c, out);
            }
        }
    }
}

/// Lines that are page furniture, not article text.
fn is_boilerplate(line: &str) -> bool {
    let l = line.to_lowercase();
    let starts = [
        "share to",
        "share:",
        "print",
        "close",
        "【print】",
        "[print]",
        "previous:",
        "next:",
        "previous article",
        "next article",
        "related news",
        "related:",
        "copyright",
        "responsible editor",
        "【close】",
        "[close]",
        "back to top",
        "font size",
    ];
    let short = l.chars().count() <= 60;
    short && starts.iter().any(|s| l.starts_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crumbs_split_on_separators() {
        assert_eq!(
            split_crumbs("Home » News / Guangxi > report"),
            vec!["Home", "News", "Guangxi", "report"]
        );
        assert_eq!(
            split_crumbs("English > News > Guangxi News"),
            vec!["English", "News", "Guangxi News"]
        );
    }

    #[test]
    fn crumb_prefix() {
        assert_eq!(
            strip_crumb_prefix("Location: Home > News"),
            Some(" Home > News")
        );
        assert_eq!(strip_crumb_prefix("You are here：Home"), Some("Home"));
        assert_eq!(strip_crumb_prefix("Locations are"), None);
    }
}
