//! The metadata reader: `<meta>` tags (the Chinese government set, OpenGraph, `article:*`,
//! Dublin Core, `citation_*`, `parsely-*` …), JSON-LD and microdata, proposed as candidates
//! for the fields they name. Which tags carry which date is data (`[dates]` of the rules).

use html5ever::local_name;

use crate::scrape::candidate::{Candidates, Reader, propose};
use crate::scrape::date::parse_stamp;
use crate::scrape::dom::text::inline_text;
use crate::scrape::{doc::Doc, dom::AttrExt};

/// Proposes what the page's tags, JSON-LD and microdata say.
pub(crate) fn read(doc: &Doc, out: &mut Candidates) {
    dates(doc, out);
    let rules = &doc.rules.metadata;
    let sources = (rules.government_source.iter().map(|n| (n, Reader::GovMeta)))
        .chain(rules.source.iter().map(|n| (n, Reader::Meta)));
    for (name, reader) in sources {
        if let Some(s) = doc.meta(&[name.as_str()]) {
            propose(&mut out.source, s, reader, format!("<meta {name}>"));
        }
    }
    for name in &rules.author {
        if let Some(a) = doc.meta(&[name.as_str()]) {
            propose(&mut out.author, a, Reader::Meta, format!("<meta {name}>"));
        }
    }
    if let Some(a) = doc.ld_author() {
        propose(&mut out.author, a, Reader::JsonLd, "author");
    }
    if let Some(c) = doc.meta(&["columnname"]) {
        propose(&mut out.section, c, Reader::GovMeta, "<meta ColumnName>");
    }
    if let Some(crumbs) = doc.ld.breadcrumb() {
        propose(
            &mut out.breadcrumb,
            crumbs,
            Reader::JsonLd,
            "BreadcrumbList",
        );
    }
}

/// True when the page declares itself an article: a JSON-LD object of an article type
/// (`NewsArticle`, `BlogPosting` …, not a bare `WebPage`), `og:type` `article`, or an
/// `article:published_time` tag.
pub(crate) fn declares_article(doc: &Doc) -> bool {
    let types: Vec<&str> = doc
        .rules
        .dates
        .article_types
        .iter()
        .map(String::as_str)
        .filter(|t| *t != "WebPage")
        .collect();
    doc.ld.has_type(&types)
        || doc
            .meta(&["og:type"])
            .is_some_and(|t| t.eq_ignore_ascii_case("article"))
        || doc.meta(&["article:published_time"]).is_some()
}

/// The dates the tags, JSON-LD and microdata give: publication dates (the government set's
/// tags, the standard tags, JSON-LD `datePublished`, microdata), dates that do not say what
/// they are (`<meta name="date">`, JSON-LD `dateCreated`), and dates of the last change.
fn dates(doc: &Doc, out: &mut Candidates) {
    let rules = &doc.rules.dates;
    let tag = |name: &str| doc.meta(&[name]).and_then(|v| parse_stamp(&v));
    for name in &rules.government_meta {
        if let Some(d) = tag(name) {
            propose(
                &mut out.published,
                d,
                Reader::GovMeta,
                format!("<meta {name}>"),
            );
        }
    }
    // JSON-LD before the other tags: where the two disagree, the article object's own
    // `datePublished` is the first publication (a tag may carry a republication).
    let ld = |key: &str| {
        let (v, t) = doc.ld.text(&rules.article_types, key)?;
        Some((parse_stamp(&v)?, format!("{t}.{key}")))
    };
    if let Some((d, detail)) = ld("datePublished") {
        propose(&mut out.published, d, Reader::JsonLd, detail);
    }
    for name in &rules.published_meta {
        if let Some(d) = tag(name) {
            propose(
                &mut out.published,
                d,
                Reader::Meta,
                format!("<meta {name}>"),
            );
        }
    }
    microdata(doc, out);
    for name in &rules.generic_meta {
        if let Some(d) = tag(name) {
            propose(&mut out.loose, d, Reader::Meta, format!("<meta {name}>"));
        }
    }
    if let Some((d, detail)) = ld("dateCreated") {
        propose(&mut out.loose, d, Reader::JsonLd, detail);
    }
    for name in &rules.modified_meta {
        if let Some(d) = tag(name) {
            propose(&mut out.modified, d, Reader::Meta, format!("<meta {name}>"));
        }
    }
    if let Some((d, detail)) = ld("dateModified") {
        propose(&mut out.modified, d, Reader::JsonLd, detail);
    }
}

/// Elements other than `<meta>` marked `itemprop="datePublished"` (or `dateCreated`): their
/// `content` or `datetime` attribute, else their text.
fn microdata(doc: &Doc, out: &mut Candidates) {
    for e in &doc.elements {
        let v = e.value();
        if v.name.local == local_name!("meta") {
            continue;
        }
        let Some(prop) = v.attr_named(&local_name!("itemprop")) else {
            continue;
        };
        if !prop
            .split_ascii_whitespace()
            .any(|p| p == "datePublished" || p == "dateCreated")
        {
            continue;
        }
        let value = v
            .attribute("content")
            .or_else(|| v.attribute("datetime"))
            .map(str::to_string)
            .unwrap_or_else(|| inline_text(*e));
        if let Some(d) = parse_stamp(&value) {
            let detail = format!("<{} itemprop={prop}>", v.name.local);
            propose(&mut out.published, d, Reader::Microdata, detail);
            return;
        }
    }
}
