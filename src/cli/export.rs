//! `gxnews export`: cached articles as JSON for scripts, Markdown for notes, or an Atom feed
//! that other feed readers (newsboat included) can subscribe to as a local file.

use std::fmt::Write as _;

use crate::document::{self, Block, Document, Span};
use crate::model::Article;

/// Escapes text for XML content and attribute values.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most controls; scraped text has none, but be sure.
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// An Atom feed of the articles. `now` is the feed's `updated` time when no article has one.
pub fn atom(articles: &[Article], site: &str, now: &str) -> String {
    let updated = articles
        .iter()
        .filter_map(|a| a.published.or(a.fetched_at))
        .max()
        .map_or_else(|| now.to_string(), |d| d.to_rfc3339());
    let mut out = atom_head(site, &updated);
    for a in articles {
        out.push_str(&atom_entry(a, &updated));
    }
    out.push_str(ATOM_TAIL);
    out
}

/// The end of an Atom feed.
pub const ATOM_TAIL: &str = "</feed>\n";

/// The start of an Atom feed, up to its first entry; `updated` is the newest date of its
/// articles (see [`crate::store::Store::newest_date`]).
pub fn atom_head(site: &str, updated: &str) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(out, "  <title>Guangxi news (gxnews)</title>");
    let _ = writeln!(out, "  <id>{}</id>", xml(site));
    let _ = writeln!(out, "  <link href=\"{}\"/>", xml(site));
    let _ = writeln!(out, "  <updated>{updated}</updated>");
    let _ = writeln!(
        out,
        "  <generator>gxnews {}</generator>",
        env!("CARGO_PKG_VERSION")
    );
    out
}

/// One article as an entry of an Atom feed whose `updated` time is `updated` (the entry's
/// own when the article has no date).
pub fn atom_entry(a: &Article, updated: &str) -> String {
    let when = a
        .published
        .or(a.fetched_at)
        .map_or_else(|| updated.to_string(), |d| d.to_rfc3339());
    let mut out = String::from("  <entry>\n");
    let _ = writeln!(out, "    <title>{}</title>", xml(&a.title));
    let _ = writeln!(out, "    <id>{}</id>", xml(&a.url));
    let _ = writeln!(out, "    <link href=\"{}\"/>", xml(&a.url));
    let _ = writeln!(out, "    <updated>{when}</updated>");
    if let Some(p) = a.published {
        let _ = writeln!(out, "    <published>{}</published>", p.to_rfc3339());
    }
    let author = a
        .source
        .as_deref()
        .or(a.editor.as_deref())
        .unwrap_or("en.gxzf.gov.cn");
    let _ = writeln!(out, "    <author><name>{}</name></author>", xml(author));
    if let Some(s) = &a.section {
        let _ = writeln!(out, "    <category term=\"{}\"/>", xml(s));
    }
    let _ = writeln!(
        out,
        "    <content type=\"html\">{}</content>",
        xml(&content_html(a))
    );
    out.push_str("  </entry>\n");
    out
}

/// An article's text as HTML for a feed entry: paragraphs with their links, and each image
/// where it stands, with its caption.
fn content_html(a: &Article) -> String {
    let mut html = String::new();
    for block in &Document::of(a).blocks {
        match block {
            Block::Paragraph(spans) => {
                html.push_str("<p>");
                for span in spans {
                    match span {
                        Span::Text(t) => html.push_str(&xml(t)),
                        Span::Link { text, number, url } => {
                            let words = if text.is_empty() {
                                format!("[{number}]")
                            } else {
                                xml(text)
                            };
                            let _ = write!(html, "<a href=\"{}\">{words}</a>", xml(url));
                        }
                    }
                }
                html.push_str("</p>");
            }
            Block::Image { image, .. } => {
                let caption = image.caption.as_deref().unwrap_or("");
                let _ = write!(
                    html,
                    "<figure><img src=\"{}\" alt=\"{}\"/>",
                    xml(&image.url),
                    xml(caption)
                );
                if !caption.is_empty() {
                    let _ = write!(html, "<figcaption>{}</figcaption>", xml(caption));
                }
                html.push_str("</figure>");
            }
        }
    }
    html
}

/// The articles as Markdown notes, one section each (see [`markdown_entry`]).
pub fn markdown(articles: &[Article]) -> String {
    articles.iter().map(markdown_entry).collect()
}

/// One article as a Markdown note: the header, then the text with its links and images in
/// place, then a rule.
pub fn markdown_entry(a: &Article) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", a.title);
    let facts = document::facts(a);
    if !facts.is_empty() {
        let _ = writeln!(out, "*{}*\n", facts.join(" · "));
    }
    let _ = writeln!(out, "<{}>\n", a.url);
    for block in &Document::of(a).blocks {
        match block {
            Block::Paragraph(spans) => {
                for span in spans {
                    match span {
                        Span::Text(t) => out.push_str(t),
                        Span::Link {
                            text: "",
                            number,
                            url,
                        } => {
                            let _ = write!(out, " [\\[{number}\\]](<{url}>)");
                        }
                        Span::Link { text, url, .. } => {
                            let _ = write!(out, "[{text}](<{url}>)");
                        }
                    }
                }
                out.push_str("\n\n");
            }
            Block::Image { image, .. } => {
                let caption = image.caption.as_deref().unwrap_or("");
                let _ = writeln!(out, "![{caption}](<{}>)\n", image.url);
            }
        }
    }
    out.push_str("---\n\n");
    out
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn escapes_markup() {
        assert_eq!(xml("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
    }
}
