//! The metadata reader: `<meta>` tags (the Chinese government set, OpenGraph, `article:*`,
//! Dublin Core …) and JSON-LD, proposed as candidates for the fields they name.

use super::candidate::{Candidates, Reader, propose};
use super::date::parse_date;
use super::doc::Doc;

/// Publication-date tags, in the order they are trusted: the government set's own, then the
/// standard ones.
const DATE_TAGS: &[(&str, Reader)] = &[
    ("pubdate", Reader::GovMeta),
    ("publishdate", Reader::GovMeta),
    ("article:published_time", Reader::Meta),
    ("og:published_time", Reader::Meta),
    ("date", Reader::Meta),
    ("dc.date", Reader::Meta),
];

/// Proposes what the page's tags and JSON-LD say.
pub(crate) fn read(doc: &Doc, out: &mut Candidates) {
    for &(name, reader) in DATE_TAGS {
        if let Some(d) = doc.meta(&[name]).and_then(|v| parse_date(&v)) {
            propose(&mut out.published, d, reader, format!("<meta {name}>"));
        }
    }
    if let Some(d) = doc.ld("datePublished").and_then(|v| parse_date(&v)) {
        propose(&mut out.published, d, Reader::JsonLd, "datePublished");
    }
    for (name, reader) in [("contentsource", Reader::GovMeta), ("source", Reader::Meta)] {
        if let Some(s) = doc.meta(&[name]) {
            propose(&mut out.source, s, reader, format!("<meta {name}>"));
        }
    }
    for name in ["author", "article:author"] {
        if let Some(a) = doc.meta(&[name]) {
            propose(&mut out.author, a, Reader::Meta, format!("<meta {name}>"));
        }
    }
    if let Some(a) = doc.ld_author() {
        propose(&mut out.author, a, Reader::JsonLd, "author");
    }
    if let Some(c) = doc.meta(&["columnname"]) {
        propose(&mut out.section, c, Reader::GovMeta, "<meta ColumnName>");
    }
}
