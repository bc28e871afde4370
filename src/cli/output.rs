//! What the commands print: JSON shapes and plain-text forms.

use serde::Serialize;

use crate::document::{self, Block, Document};
use crate::model::{Article, Image, Link, ListLink, Page, PageKind, Summary};
use crate::scrape::FieldTrace;

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
    /// The links in the text, numbered in this order (a list page's links are `links`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub text_links: Vec<Link>,
    /// Other pages of a multi-page article (on its first page).
    pub pages: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<ListLink>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<Option<String>>,
    /// Why the page is of its kind.
    pub reason: String,
    /// How each field was decided (`parse --explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Vec<FieldTrace>>,
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
            text_links: Vec::new(),
            pages: Vec::new(),
            links: None,
            next: None,
            reason: page.reason.clone(),
            explain: None,
        };
        let a = page.article;
        p.url = a.url;
        p.title = Some(a.title).filter(|t| !t.is_empty());
        p.published = a.published.map(|d| d.to_rfc3339());
        p.source = a.source;
        p.editor = a.editor;
        p.views = a.views;
        p.breadcrumb = a.breadcrumb;
        p.body = a.body;
        p.images = a.images;
        p.text_links = a.links;
        p.pages = a.pages;
        if kind == PageKind::List {
            p.links = Some(page.list.links);
            p.next = Some(page.list.next);
        }
        p
    }
}

/// A parsed page as plain text, for `parse` without `--json`: its fields, and with `--explain`
/// the reason for its kind and where each field came from.
pub fn parsed_text(file: &str, p: &Parsed) -> String {
    let kind = match p.kind {
        PageKind::Article => "article",
        PageKind::List => "list",
        PageKind::Other => "other",
    };
    let dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".to_string());
    let mut out = format!("{file} [{kind}]\n");
    let mut line = |k: &str, v: String| out.push_str(&format!("  {k:<10} {v}\n"));
    line("title:", dash(&p.title));
    line("published:", dash(&p.published));
    line("source:", dash(&p.source));
    line("editor:", dash(&p.editor));
    line("views:", p.views.map_or("-".to_string(), |v| v.to_string()));
    line("crumbs:", p.breadcrumb.join(" > "));
    line(
        "body:",
        format!(
            "{} paragraphs, {} images, {} links",
            p.body.len(),
            p.images.len(),
            p.text_links.len()
        ),
    );
    if let Some(links) = &p.links {
        line("links:", links.len().to_string());
    }
    if let Some(fields) = &p.explain {
        out.push_str(&format!("  why {kind}: {}\n", p.reason));
        for f in fields {
            out.push_str(&explain_field(f));
        }
    }
    out
}

fn explain_field(f: &FieldTrace) -> String {
    let mut out = match &f.chosen {
        Some((value, origin)) => format!(
            "  {}: {} \u{2190} {origin} ({})\n",
            f.field,
            short(value),
            f.rule
        ),
        None => format!("  {}: none found\n", f.field),
    };
    for (value, origin) in &f.lost {
        out.push_str(&format!("      lost: {} \u{2190} {origin}\n", short(value)));
    }
    out
}

/// A value cut to one short line.
fn short(s: &str) -> String {
    const MAX: usize = 100;
    if s.chars().count() <= MAX {
        return format!("{s:?}");
    }
    let cut: String = s.chars().take(MAX).collect();
    format!("{cut:?}\u{2026}")
}

/// An article as plain text, for `show` without `--json`: the header (title; section, date,
/// source, editor, views; URL), the text with its links numbered and its images in place, and
/// the numbered links at the end.
pub fn article_text(a: &Article) -> String {
    let mut out = format!("{}\n", a.title);
    let facts = document::facts(a);
    if !facts.is_empty() {
        out.push_str(&facts.join(" · "));
        out.push('\n');
    }
    out.push_str(&a.url);
    out.push_str("\n\n");
    let doc = Document::of(a);
    for block in &doc.blocks {
        match block {
            Block::Paragraph(spans) => out.push_str(&document::plain(spans)),
            Block::Image { number, image } => {
                out.push_str(&format!(
                    "[{number}] image: {}",
                    document::image_label(image)
                ));
            }
        }
        out.push_str("\n\n");
    }
    if !doc.references.is_empty() {
        out.push_str("Links:\n");
        for r in &doc.references {
            let kind = if r.image { " (image)" } else { "" };
            out.push_str(&format!("[{}] {}{kind}\n", r.number, r.url));
        }
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
