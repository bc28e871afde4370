//! What the commands print: JSON shapes and plain-text forms.

use serde::Serialize;

use crate::model::{Article, Image, ListLink, Page, PageKind, Summary};

/// One row of `list --json`.
#[derive(Debug, Serialize)]
pub struct ListRow<'a> {
    pub id: i64,
    pub url: &'a str,
    pub title: &'a str,
    pub section: Option<&'a str>,
    pub published: Option<String>,
    pub read: bool,
    pub starred: bool,
}

impl<'a> From<&'a Summary> for ListRow<'a> {
    fn from(s: &'a Summary) -> Self {
        ListRow {
            id: s.id,
            url: &s.url,
            title: &s.title,
            section: s.section.as_deref(),
            published: s.published.map(|p| p.to_rfc3339()),
            read: s.read,
            starred: s.starred,
        }
    }
}

/// One object of `parse --json`.
#[derive(Debug, Serialize)]
pub struct Parsed {
    pub url: String,
    pub kind: PageKind,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub editor: Option<String>,
    pub views: Option<u64>,
    pub breadcrumb: Vec<String>,
    pub body: Vec<String>,
    pub images: Vec<Image>,
    /// Other pages of a multi-page article (on its first page).
    pub pages: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<ListLink>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<Option<String>>,
}

impl Parsed {
    pub fn new(url: &str, page: Page) -> Parsed {
        let kind = page.kind();
        let mut p = Parsed {
            url: url.to_string(),
            kind,
            title: None,
            published: None,
            source: None,
            editor: None,
            views: None,
            breadcrumb: Vec::new(),
            body: Vec::new(),
            images: Vec::new(),
            pages: Vec::new(),
            links: None,
            next: None,
        };
        match page {
            Page::Article(a) => {
                p.url = a.url;
                p.title = Some(a.title);
                p.published = a.published.map(|d| d.to_rfc3339());
                p.source = a.source;
                p.editor = a.editor;
                p.views = a.views;
                p.breadcrumb = a.breadcrumb;
                p.body = a.body;
                p.images = a.images;
                p.pages = a.pages;
            }
            Page::List(l) => {
                p.title = l.title;
                p.breadcrumb = l.breadcrumb;
                p.links = Some(l.links);
                p.next = Some(l.next);
            }
            Page::Other {
                title, breadcrumb, ..
            } => {
                p.title = title;
                p.breadcrumb = breadcrumb;
            }
        }
        p
    }
}

/// An article as plain text, for `show` without `--json`.
pub fn article_text(a: &Article) -> String {
    let mut out = String::new();
    out.push_str(&a.title);
    out.push('\n');
    if !a.breadcrumb.is_empty() {
        out.push_str(&a.breadcrumb.join(" > "));
        out.push('\n');
    }
    let mut meta = Vec::new();
    if let Some(p) = a.published {
        meta.push(p.format("%Y-%m-%d %H:%M %:z").to_string());
    }
    if let Some(s) = &a.source {
        meta.push(format!("Source: {s}"));
    }
    if let Some(e) = &a.editor {
        meta.push(format!("Editor: {e}"));
    }
    if let Some(v) = a.views {
        meta.push(format!("Views: {v}"));
    }
    out.push_str(&meta.join(" | "));
    out.push('\n');
    out.push_str(&a.url);
    out.push_str("\n\n");
    for p in &a.body {
        out.push_str(p);
        out.push_str("\n\n");
    }
    for i in &a.images {
        out.push_str(&format!(
            "[image: {}] {}\n",
            i.caption.as_deref().unwrap_or(""),
            i.url
        ));
    }
    out
}

/// A summary as one plain-text line for `list`.
pub fn summary_line(s: &Summary) -> String {
    format!(
        "{:>5}  {}  {}{}",
        s.id,
        s.published.map_or_else(
            || "          ".to_string(),
            |p| p.format("%Y-%m-%d").to_string()
        ),
        if s.read { "  " } else { "* " },
        s.title
    )
}
