//! Assembly: one value per field from the readers' candidates, by written precedence, for the
//! kind the classifier gave. Every choice is recorded (the winner, its origin, the rule that
//! chose it, and the candidates that lost) for `gxnews parse --explain`.

use std::fmt::Display;

use chrono::{DateTime, FixedOffset, Timelike};

use super::candidate::{Body, Candidate, Candidates, Origin, Reader};
use super::classify::Verdict;
use crate::model::{Article, ListPage, Page, PageKind};

/// How one field was decided.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldTrace {
    pub field: &'static str,
    /// The value chosen, as text, and where it came from.
    pub chosen: Option<(String, String)>,
    /// The rule that chose it.
    pub rule: &'static str,
    /// The other candidates: value and origin.
    pub lost: Vec<(String, String)>,
}

/// How a page was read: its kind and why, and how each field was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    pub kind: PageKind,
    pub reason: String,
    pub fields: Vec<FieldTrace>,
}

/// A value chosen for a field.
struct Chosen<T> {
    value: T,
    origin: Origin,
    rule: &'static str,
}

/// The first candidate whose reader passes `wanted`.
fn first<T: Clone>(
    list: &[Candidate<T>],
    wanted: impl Fn(Reader) -> bool,
    rule: &'static str,
) -> Option<Chosen<T>> {
    list.iter()
        .find(|c| wanted(c.origin.reader))
        .map(|c| Chosen {
            value: c.value.clone(),
            origin: c.origin.clone(),
            rule,
        })
}

fn any<T: Clone>(list: &[Candidate<T>], rule: &'static str) -> Option<Chosen<T>> {
    first(list, |_| true, rule)
}

/// What the assembler needs beside the candidates.
pub(crate) struct Extra {
    pub url: String,
    pub pages: Vec<String>,
    pub list: ListPage,
}

/// Builds the page from the candidates, for the verdict's kind, and the trace of each choice.
pub(crate) fn assemble(verdict: Verdict, c: &Candidates, extra: Extra) -> (Page, Trace) {
    let mut trace = Vec::new();
    let article_kind = verdict.kind == PageKind::Article;
    // A column name names a list; another page is named by its heading or `<title>`.
    let title = match verdict.kind {
        PageKind::Article => any(&c.title, "the headline"),
        PageKind::List => any(&c.name, "the list's column name, else the page's name"),
        PageKind::Other => first(&c.name, |r| r != Reader::GovMeta, "the page's name"),
    };
    let published = published(&c.published);
    let source = any(&c.source, "a label first, then the tags");
    let editor = any(&c.editor, "an editor's label")
        .or_else(|| {
            any(
                &c.author,
                "no editor named: the author (label, author element, tags, JSON-LD)",
            )
        })
        .or_else(|| {
            any(
                &c.byline,
                "no editor or author named: the generic extractor's byline",
            )
        });
    let views = any(&c.views, "a view counter's label").and_then(|v| v.value);
    let breadcrumb = any(&c.breadcrumb, "the first trail found");
    let body = body(&c.body);
    let title_text = title.as_ref().map(|t| t.value.clone()).unwrap_or_default();
    let crumbs = breadcrumb
        .as_ref()
        .map(|b| b.value.clone())
        .unwrap_or_default();
    let section = crumbs
        .last()
        .filter(|s| **s != title_text)
        .cloned()
        .or_else(|| c.section.first().map(|s| s.value.clone()));

    record(
        &mut trace,
        "title",
        &title,
        if article_kind { &c.title } else { &c.name },
    );
    record_with(&mut trace, "published", &published, &c.published, |d| {
        d.to_rfc3339()
    });
    record(&mut trace, "source", &source, &c.source);
    record(&mut trace, "editor", &editor, &c.editor);
    record_with(&mut trace, "breadcrumb", &breadcrumb, &c.breadcrumb, |v| {
        v.join(" > ")
    });
    record_with(&mut trace, "body", &body, &c.body, show_body);

    let body = body.map(|b| b.value).unwrap_or_default();
    let mut list = extra.list;
    if verdict.kind == PageKind::List {
        list.title = Some(title_text.clone()).filter(|t| !t.is_empty());
        list.breadcrumb = crumbs.clone();
    }
    let article = Article {
        id: 0,
        url: extra.url,
        title: title_text,
        breadcrumb: crumbs,
        section,
        published: published.map(|p| p.value),
        source: source.map(|s| s.value),
        editor: editor.map(|e| e.value),
        views,
        body: body.paragraphs,
        images: body.images,
        pages: if article_kind {
            extra.pages
        } else {
            Vec::new()
        },
        fetched_at: None,
    };
    let page = Page {
        kind: verdict.kind,
        reason: verdict.reason.clone(),
        article,
        list,
    };
    let trace = Trace {
        kind: verdict.kind,
        reason: verdict.reason,
        fields: trace,
    };
    (page, trace)
}

fn midnight(d: &DateTime<FixedOffset>) -> bool {
    d.num_seconds_from_midnight() == 0
}

/// The publication date. A label's date (the site's own info line) comes first, then the tags
/// and JSON-LD; a date shown without a label (a `<time>`, a date line) only when neither gave
/// one with a time of day; a label's date without a time takes the tags' time of the same day;
/// the URL's date is the last resort.
fn published(c: &[Candidate<DateTime<FixedOffset>>]) -> Option<Chosen<DateTime<FixedOffset>>> {
    let label = first(c, |r| r == Reader::Label, "a label's date comes first");
    let tagged = first(
        c,
        |r| matches!(r, Reader::GovMeta | Reader::Meta | Reader::JsonLd),
        "no label's date: the tags' date",
    );
    let shown = || {
        first(
            c,
            |r| matches!(r, Reader::Element | Reader::DateLine),
            "no label's or tag's date: a date shown on the page",
        )
    };
    let tagged = match (&label, tagged) {
        (Some(l), None) if !midnight(&l.value) => None,
        (_, None) => shown(),
        (_, t) => t,
    };
    match (label, tagged) {
        (None, t @ Some(_)) => t,
        (Some(l), Some(t))
            if midnight(&l.value)
                && l.value.date_naive() == t.value.with_timezone(l.value.offset()).date_naive() =>
        {
            Some(Chosen {
                value: t.value.with_timezone(l.value.offset()),
                origin: Origin::new(
                    l.origin.reader,
                    format!("{} (its time from {})", l.origin.detail, t.origin),
                ),
                rule: "a label's date without a time takes the time of the same day elsewhere",
            })
        }
        (Some(l), _) => Some(l),
        (None, None) => first(c, |r| r == Reader::Url, "no date on the page: the URL's"),
    }
}

/// Records how a field was decided; `show` writes a value as text.
/// The generic text is taken over the text block when it holds at least this share of the
/// block's words: the two found the same text, and the generic one found more of it.
const HOLDS_BLOCK: f64 = 0.8;
/// ... and when it adds at least this share to the block's text: a caption or a stray line
/// more is no reason to leave the block.
const ADDS_TO_BLOCK: f64 = 1.15;
/// A text block this many times shorter than the generic text missed the article (a caption,
/// a teaser, one box of several): the generic text wins even where the two differ.
const BLOCK_MUCH_SHORTER: usize = 2;
/// The profile's content element yields only to a generic text this many times longer: on the
/// site's own templates it is right, but its selectors can match a small box on another site.
const PROFILE_MUCH_SHORTER: usize = 3;

/// The article's text. The profile's content selector (the site's own template) comes first,
/// unless the generic extractor's text is [`PROFILE_MUCH_SHORTER`] times longer. The text
/// block and the generic text are weighed: the generic text wins when it holds the text
/// block's words and adds [`ADDS_TO_BLOCK`] (the block was cut short), when it is [`BLOCK_MUCH_SHORTER`] times
/// longer, or when there is no text block; the text block wins otherwise.
fn body(c: &[Candidate<Body>]) -> Option<Chosen<Body>> {
    let generic = first(
        c,
        |r| r == Reader::Generic,
        "no text block: the generic text",
    );
    let longer = |g: &Option<Chosen<Body>>, b: &Body, times: usize| {
        g.as_ref()
            .is_some_and(|g| g.value.chars() > b.chars() * times)
    };
    if let Some(p) = first(
        c,
        |r| r == Reader::Profile,
        "the profile's content selector",
    ) {
        if !longer(&generic, &p.value, PROFILE_MUCH_SHORTER) {
            return Some(p);
        }
        return generic.map(|g| Chosen {
            rule: "the profile's element is much shorter than the generic text",
            ..g
        });
    }
    let Some(block) = first(c, |r| r == Reader::TextBlock, "the text block") else {
        return generic;
    };
    let rule = if longer(&generic, &block.value, BLOCK_MUCH_SHORTER) {
        "the text block is much shorter than the generic text"
    } else if generic.as_ref().is_some_and(|g| {
        g.value.chars() as f64 >= block.value.chars() as f64 * ADDS_TO_BLOCK
            && share_held(&block.value, &g.value) >= HOLDS_BLOCK
    }) {
        "the generic text holds the text block's words, and more"
    } else {
        return Some(Chosen {
            rule: "the text block (the generic text is no longer, or another block)",
            ..block
        });
    };
    generic.map(|g| Chosen { rule, ..g })
}

/// The share of `part`'s words that `whole` holds too (as multisets).
fn share_held(part: &Body, whole: &Body) -> f64 {
    let mut pool: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for w in whole.paragraphs.iter().flat_map(|p| p.split_whitespace()) {
        *pool.entry(w).or_default() += 1;
    }
    let (mut held, mut all) = (0usize, 0usize);
    for w in part.paragraphs.iter().flat_map(|p| p.split_whitespace()) {
        all += 1;
        if let Some(n) = pool.get_mut(w).filter(|n| **n > 0) {
            *n -= 1;
            held += 1;
        }
    }
    if all == 0 {
        1.0
    } else {
        held as f64 / all as f64
    }
}

fn record_with<T>(
    trace: &mut Vec<FieldTrace>,
    field: &'static str,
    chosen: &Option<Chosen<T>>,
    all: &[Candidate<T>],
    show: impl Fn(&T) -> String,
) {
    trace.push(FieldTrace {
        field,
        chosen: chosen
            .as_ref()
            .map(|c| (show(&c.value), c.origin.to_string())),
        rule: chosen.as_ref().map_or("", |c| c.rule),
        lost: all
            .iter()
            .filter(|c| chosen.as_ref().is_none_or(|w| w.origin != c.origin))
            .map(|c| (show(&c.value), c.origin.to_string()))
            .collect(),
    });
}

fn record<T: Display>(
    trace: &mut Vec<FieldTrace>,
    field: &'static str,
    chosen: &Option<Chosen<T>>,
    all: &[Candidate<T>],
) {
    record_with(trace, field, chosen, all, T::to_string);
}

fn show_body(b: &Body) -> String {
    format!(
        "{} paragraphs, {} characters, {} images",
        b.paragraphs.len(),
        b.chars(),
        b.images.len()
    )
}
