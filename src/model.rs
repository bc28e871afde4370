//! The domain types that flow from the scraper through the store to the UI.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use url::Url;

/// One article, as scraped and as stored. Every string in it has passed the sanitiser.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Cache id; 0 until the article has been stored.
    #[serde(default)]
    pub id: i64,
    /// Canonical URL: the article's identity.
    pub url: String,
    pub title: String,
    pub breadcrumb: Vec<String>,
    pub section: Option<String>,
    /// Publication time with the site's offset (China Standard Time unless the page says otherwise).
    pub published: Option<DateTime<FixedOffset>>,
    pub source: Option<String>,
    pub editor: Option<String>,
    pub views: Option<u64>,
    pub body: Vec<String>,
    pub images: Vec<Image>,
    /// The links in the text, in reading order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// On the first page of an article split over several, the URLs of the other pages, in
    /// order. Empty once the pages have been joined.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<String>,
    /// When gxnews fetched the page (UTC); `None` for pages parsed from files.
    pub fetched_at: Option<DateTime<FixedOffset>>,
}

/// An image of an article: absolute URL, optional caption, and where it stands in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub url: String,
    pub caption: Option<String>,
    /// The paragraph the image stands before (the paragraph count when it follows the text).
    /// `None` in articles cached before places were kept: shown after the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<usize>,
}

/// A link in an article's text: the paragraph it stands in, the words it stands on, and its
/// absolute URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub paragraph: usize,
    pub text: String,
    pub url: String,
}

/// One row of the article list: everything the list shows, nothing it does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub id: i64,
    pub url: String,
    pub title: String,
    pub section: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
    pub read: bool,
    pub starred: bool,
}

/// A link to an article found on a section list page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListLink {
    pub url: String,
    pub title: String,
    /// The date the list shows, in RFC 3339 like an article's (midnight China Standard Time
    /// when the list shows no time).
    pub published: Option<String>,
}

/// A section list page: its article links and the next page, if any.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListPage {
    pub title: Option<String>,
    /// The page's breadcrumb trail, as on articles.
    #[serde(default)]
    pub breadcrumb: Vec<String>,
    pub links: Vec<ListLink>,
    pub next: Option<String>,
    /// Links to other list pages (site navigation), used by the crawler to find sections.
    #[serde(skip)]
    pub sections: Vec<String>,
}

/// What kind of page the scraper saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Article,
    List,
    Other,
}

/// The result of scraping one page: its kind, why, and everything found on it. Classification
/// never throws away what was found: a list or other page still carries its name, breadcrumb,
/// date and, where one was found, its main text; the crawler and the store decide what to keep.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub kind: PageKind,
    /// Why the page is of its kind, in a few words.
    pub reason: String,
    /// What was found, whatever the kind: an article's fields, or a list or other page's name,
    /// breadcrumb, date and text.
    pub article: Article,
    /// A list page's links and next page; on any page, links to the site's sections.
    pub list: ListPage,
}

impl Page {
    pub fn kind(&self) -> PageKind {
        self.kind
    }

    /// The article, when the page is one.
    pub fn into_article(self) -> Option<Article> {
        (self.kind == PageKind::Article).then_some(self.article)
    }

    /// The list, when the page is one.
    pub fn as_list(&self) -> Option<&ListPage> {
        (self.kind == PageKind::List).then_some(&self.list)
    }
}

/// The canonical form of a URL: scheme and host lower-cased (the `url` crate does both), the
/// fragment dropped, and the default port elided.
pub fn canonical_url(url: &Url) -> Url {
    into_canonical(url.clone())
}

/// [`canonical_url`] of a URL the caller owns, changed in place.
pub fn into_canonical(mut u: Url) -> Url {
    if u.fragment().is_some() {
        u.set_fragment(None);
    }
    if u.query() == Some("") {
        u.set_query(None);
    }
    u
}

/// Parses and canonicalises a URL string.
pub fn canonical(s: &str) -> Result<Url, url::ParseError> {
    Url::parse(s.trim()).map(into_canonical)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_lowercases_and_drops_fragment() {
        let u = canonical("HTTPS://EN.GXZF.gov.cn:443/News/a.shtml?x=1#top").unwrap();
        assert_eq!(u.as_str(), "https://en.gxzf.gov.cn/News/a.shtml?x=1");
    }
}
