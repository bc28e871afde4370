//! What the readers propose: for each field, the values they found and where each came from.
//! Readers only propose; the assembler picks (by written precedence) and the explanation shows
//! the winner and the losers of every field.

use std::fmt;

use chrono::{DateTime, FixedOffset};

use crate::model::{Image, Link};

/// Which reader proposed a value. The assembler's precedence speaks in these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reader {
    /// A selector of the site profile (`[article] title = ["h1.title"]`).
    Profile,
    /// A label in the page's text (`updatetime:`, `Source:`, `Web Editor:`, `By Name`).
    Label,
    /// A label of a change (`Updated:`, `Last update:`): the publication date only where
    /// nothing else gives another day.
    UpdateLabel,
    /// A label inside the text or elsewhere on the page, away from where an info line stands.
    TextLabel,
    /// The metadata tags Chinese government sites share (`PubDate`, `ArticleTitle`,
    /// `ContentSource`, `ColumnName`).
    GovMeta,
    /// JSON-LD (`NewsArticle`, `@graph`, `BreadcrumbList` …).
    JsonLd,
    /// Standard `<meta>` tags: OpenGraph, `article:*`, Dublin Core, `citation_*`, `parsely-*`.
    Meta,
    /// Microdata (`itemprop="datePublished"` on an element other than `<meta>`).
    Microdata,
    /// A key of an inline script (`"publishDate": "2020-01-13"`).
    Script,
    /// A `<time datetime>` element, or an element named like a date (`class="date"`).
    Element,
    /// An element marked as the author's (`rel="author"`, `itemprop="author"`,
    /// `class="byline"`).
    AuthorElement,
    /// An unlabelled date line where an info line stands (`2024-03-05 10:20 Xinhua`).
    DateLine,
    /// The page's address (`/2024/03/05/…`, `t20240305_…`).
    Url,
    /// A date in the page's text: a line named like a date line (`class="meta"`), outside lists
    /// and side boxes.
    Text,
    /// A heading of the page checked against its `<title>` and metadata.
    Heading,
    /// The page's breadcrumb trail, found by its shape.
    Trail,
    /// The text block the content-density search and the profile found, read by gxnews's walker.
    TextBlock,
    /// The generic readability extractor (dom_smoothie), for templates without a profile.
    Generic,
}

impl fmt::Display for Reader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Reader::Profile => "profile selector",
            Reader::Label => "label",
            Reader::UpdateLabel => "update label",
            Reader::TextLabel => "label away from the info line",
            Reader::GovMeta => "government metadata tag",
            Reader::JsonLd => "JSON-LD",
            Reader::Meta => "meta tag",
            Reader::Microdata => "microdata",
            Reader::Script => "inline script",
            Reader::Element => "date element",
            Reader::AuthorElement => "author element",
            Reader::DateLine => "date line",
            Reader::Url => "URL",
            Reader::Text => "page text",
            Reader::Heading => "heading",
            Reader::Trail => "breadcrumb trail",
            Reader::TextBlock => "text block",
            Reader::Generic => "generic extractor",
        })
    }
}

/// Where a value came from: the reader and, in its words, the rule or element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub reader: Reader,
    pub detail: String,
}

impl Origin {
    pub fn new(reader: Reader, detail: impl Into<String>) -> Origin {
        Origin {
            reader,
            detail: detail.into(),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.detail.is_empty() {
            write!(f, "{}", self.reader)
        } else {
            write!(f, "{} {}", self.reader, self.detail)
        }
    }
}

/// One proposed value.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Candidate<T> {
    pub fn new(value: T, reader: Reader, detail: impl Into<String>) -> Candidate<T> {
        Candidate {
            value,
            origin: Origin::new(reader, detail),
        }
    }
}

/// An article's text: paragraphs, images with their captions, and the text's links.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    pub paragraphs: Vec<String>,
    pub images: Vec<Image>,
    pub links: Vec<Link>,
}

impl Body {
    /// The text's length in characters.
    pub fn chars(&self) -> usize {
        self.paragraphs.iter().map(|p| p.chars().count()).sum()
    }
}

/// Every value every reader proposed, per field, in the order the readers proposed them.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    pub title: Vec<Candidate<String>>,
    /// Names for a page that is not an article (a list's column name, an about page's heading).
    pub name: Vec<Candidate<String>>,
    pub published: Vec<Candidate<DateTime<FixedOffset>>>,
    /// Dates that do not say what they are (`<meta name="date">`, JSON-LD `dateCreated`).
    pub loose: Vec<Candidate<DateTime<FixedOffset>>>,
    /// Dates of the last change (`article:modified_time`, JSON-LD `dateModified`).
    pub modified: Vec<Candidate<DateTime<FixedOffset>>>,
    /// Dates the site's furniture shows before the text (a masthead's `Wednesday, 15 April
    /// 2020`): the day the page was served, not one the page gives itself.
    pub served: Vec<Candidate<DateTime<FixedOffset>>>,
    pub source: Vec<Candidate<String>>,
    pub editor: Vec<Candidate<String>>,
    pub author: Vec<Candidate<String>>,
    /// A byline the generic extractor found: the author of last resort.
    pub byline: Vec<Candidate<String>>,
    pub views: Vec<Candidate<Option<u64>>>,
    pub section: Vec<Candidate<String>>,
    pub breadcrumb: Vec<Candidate<Vec<String>>>,
    pub body: Vec<Candidate<Body>>,
}

/// Shorthand for readers: push a candidate onto a field's list.
pub fn propose<T>(
    list: &mut Vec<Candidate<T>>,
    value: T,
    reader: Reader,
    detail: impl Into<String>,
) {
    list.push(Candidate::new(value, reader, detail));
}
