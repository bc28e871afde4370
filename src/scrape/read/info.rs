//! The label reader: metadata found by its labels (`updatetime:`, `Source:`, `Web Editor:`,
//! views, `By Name`) in the regions of the page where an info line stands, nearest first. It
//! proposes one value per field and says in which region it found it.

use scraper::ElementRef;

use crate::scrape::candidate::{Candidates, Reader, propose};
use crate::scrape::doc::Doc;
use crate::scrape::dom::text::{self, NodeSet};
use crate::scrape::read::block::Block;
use crate::scrape::read::labels::{LabelMatcher, Labelled};

/// Where the label reader found a field, nearest to the text first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    Info,
    AroundText,
    Dropped,
    Text,
    Page,
}

impl Region {
    fn words(self) -> &'static str {
        match self {
            Region::Info => "in the profile's info element",
            Region::AroundText => "around the text",
            Region::Dropped => "in a block the profile drops",
            Region::Text => "in the text",
            Region::Page => "anywhere on the page",
        }
    }
}

/// What the label reader tells the classifier.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct LabelEvidence {
    /// Labelled fields (date, source, editor, views) around and in the text.
    pub near: usize,
    /// Any labelled field anywhere.
    pub any: bool,
}

/// Reads the regions in order: the profile's info element, the region around the text block,
/// the blocks the profile drops, the text itself, and, for a date still missing, the whole
/// page. The first value found for a field wins, except that a date from an update label
/// yields to a publication label until the info line and the region around the text are read.
pub(crate) fn read(
    doc: &Doc,
    labels: &LabelMatcher,
    block: Option<&Block>,
    out: &mut Candidates,
) -> LabelEvidence {
    let mut meta = Labelled::default();
    let mut origin = Origins::default();
    // A hidden copy of an info line (an old version kept with `display:none`) says nothing.
    for &el in doc.hits.info.iter().flatten() {
        if !doc.facts.in_hidden(&el) {
            origin.pass(Region::Info, &mut meta, |m| {
                labels.read(&label_lines(doc, labels, el, &NodeSet::default()), m)
            });
        }
    }
    // The profile's info element is the site's own info line: a date it gives is final.
    meta.published_settled = meta.published.is_some();
    if let Some(b) = block {
        around_text(doc, labels, b, &mut meta, &mut origin);
    }
    // The info line and the region around the text are read: a date they give is final.
    meta.published_settled = meta.published.is_some();
    if let Some(b) = block.filter(|_| !meta.complete()) {
        origin.pass(Region::Text, &mut meta, |m| labels.read(&b.lines, m));
    }
    let near = [
        meta.published.is_some(),
        meta.source.is_some(),
        meta.editor.is_some(),
        meta.views_seen,
    ]
    .iter()
    .filter(|f| **f)
    .count();
    if meta.published.is_none() {
        let body_el = doc.body.unwrap_or(doc.html.root_element());
        origin.pass(Region::Page, &mut meta, |m| {
            labels.read(&label_lines(doc, labels, body_el, &NodeSet::default()), m)
        });
    }
    let evidence = LabelEvidence {
        near,
        any: meta.any(),
    };
    origin.propose(meta, out);
    evidence
}

/// The region around the text block (up to three levels above it, the text left out), then the
/// blocks inside it that the profile drops (info and editor lines among them).
fn around_text(
    doc: &Doc,
    labels: &LabelMatcher,
    block: &Block,
    meta: &mut Labelled,
    origin: &mut Origins,
) {
    let container = block.container;
    let region = container
        .ancestors()
        .filter_map(ElementRef::wrap)
        .take_while(|a| !matches!(a.value().name(), "body" | "html"))
        .take(3)
        .last()
        .unwrap_or(container);
    if !meta.complete() {
        // The text is read after; a headline is never an info line, whatever it quotes
        // (`…at the same time: September 1, 2024…`).
        let mut outside_text = text::NodeSet::from_iter([container.id()]);
        outside_text.extend(
            region
                .descendants()
                .filter_map(ElementRef::wrap)
                .filter(|e| matches!(e.value().name(), "h1" | "h2"))
                .map(|e| e.id()),
        );
        origin.pass(Region::AroundText, meta, |m| {
            labels.read(&label_lines(doc, labels, region, &outside_text), m)
        });
    }
    for e in &block.dropped {
        if meta.complete() {
            break;
        }
        if !doc.facts.in_hidden(e) {
            origin.pass(Region::Dropped, meta, |m| {
                labels.read(&label_lines(doc, labels, *e, &NodeSet::default()), m)
            });
        }
    }
}

/// The marked lines of an element for the label reader, the excluded subtrees left out. A
/// label standing alone as a link's words (`Authors` in a footer's menu) is a way to another
/// page, not a label of this one, and is left out.
fn label_lines(
    doc: &Doc,
    labels: &LabelMatcher,
    el: ElementRef,
    excluded: &NodeSet,
) -> Vec<String> {
    text::marked_line_pieces(&doc.facts, el, excluded)
        .into_iter()
        .filter(|l| {
            l.link_chars * 2 <= l.text.chars().count() || labels.bare_label(&l.text).is_none()
        })
        .map(|l| l.text)
        .collect()
}

/// The region each field of a [`Labelled`] was last set in.
#[derive(Default)]
struct Origins {
    published: Option<Region>,
    source: Option<Region>,
    editor: Option<Region>,
    views: Option<Region>,
    author: Option<Region>,
}

impl Origins {
    /// Runs one pass of the reader over a region and notes the fields it set or changed.
    fn pass(&mut self, region: Region, meta: &mut Labelled, read: impl FnOnce(&mut Labelled)) {
        let before = meta.clone();
        read(meta);
        let mark = |slot: &mut Option<Region>, changed: bool| {
            if changed {
                *slot = Some(region);
            }
        };
        mark(&mut self.published, before.published != meta.published);
        mark(&mut self.source, before.source != meta.source);
        mark(&mut self.editor, before.editor != meta.editor);
        mark(&mut self.views, before.views_seen != meta.views_seen);
        mark(&mut self.author, before.author != meta.author);
    }

    fn propose(self, meta: Labelled, out: &mut Candidates) {
        let words = |r: Option<Region>| r.map_or("", Region::words);
        if let Some(d) = meta.published {
            let reader = if matches!(self.published, Some(Region::Text | Region::Page)) {
                Reader::TextLabel
            } else if meta.published_is_update {
                Reader::UpdateLabel
            } else {
                Reader::Label
            };
            propose(&mut out.published, d, reader, words(self.published));
        }
        if let Some(s) = meta.source {
            propose(&mut out.source, s, Reader::Label, words(self.source));
        }
        if let Some(e) = meta.editor {
            propose(&mut out.editor, e, Reader::Label, words(self.editor));
        }
        if let Some(a) = meta.author {
            propose(&mut out.author, a, Reader::Label, words(self.author));
        }
        if meta.views_seen {
            propose(&mut out.views, meta.views, Reader::Label, words(self.views));
        }
    }
}
