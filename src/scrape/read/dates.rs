//! The date readers that look at the page's elements, scripts and address: a `<time>`
//! element or an element named like a date, an unlabelled date line where an info line stands,
//! a publication key of an inline script, and a date in the URL.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, Timelike};
use regex::Regex;
use scraper::ElementRef;
use url::Url;

use crate::scrape::candidate::{Candidates, Reader, propose};
use crate::scrape::date;
use crate::scrape::dom::text;
use crate::scrape::{doc::Doc, dom::AttrExt};

/// Proposes the dates these readers find. `block` and `lines` are the text block and its lines.
pub(crate) fn read<'a>(
    doc: &Doc<'a>,
    block: Option<ElementRef<'a>>,
    lines: &[String],
    url: &Url,
    out: &mut Candidates,
) {
    if let Some((d, detail)) = published_time(doc) {
        propose(&mut out.published, d, Reader::Element, detail);
    }
    if let Some(d) = visible_date(doc) {
        propose(&mut out.published, d, Reader::Element, "");
    }
    if let Some((d, detail)) = dateline(doc) {
        propose(&mut out.published, d, Reader::Text, detail);
    }
    if let Some(d) = opening_date(doc, lines) {
        propose(
            &mut out.published,
            d,
            Reader::Text,
            "the text's opening lines",
        );
    }
    if let Some(b) = block
        && let Some(d) = dated_by_line(doc, b, lines, url)
    {
        propose(&mut out.published, d, Reader::DateLine, "");
    }
    if let Some(d) = date::date_in_url(url.path()) {
        propose(&mut out.published, d, Reader::Url, "");
    }
    if let Some((d, key)) = script_date(doc) {
        propose(&mut out.published, d, Reader::Script, format!("\"{key}\""));
    }
}

/// A quoted value after a script key and its `:` or `=`: `"2020-01-13"` of `"publishDate":
/// "2020-01-13"`.
static SCRIPT_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\A["']?\s*[:=]\s*["']([^"'<>]{6,48})["']"#).expect("valid regex")
});

/// The first date an inline script gives under a publication key (`"publishDate"`,
/// `article_publication_date`, `DateCreation`), the rules' `script_keys` being parts of it.
fn script_date(doc: &Doc) -> Option<(DateTime<FixedOffset>, String)> {
    let keys = &doc.rules.dates.script_keys;
    for s in &doc.scripts {
        let is_ld = s
            .value()
            .attribute("type")
            .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
        if is_ld {
            continue;
        }
        for t in s.text() {
            if let Some(found) = keyed_date(t, keys) {
                return Some(found);
            }
        }
    }
    None
}

/// The first word of an element's class and id names (split at every character that is not
/// a letter or digit, lower-cased) that `pred` accepts.
fn class_word(e: &ElementRef, pred: impl Fn(&str) -> bool) -> Option<String> {
    let v = e.value();
    [v.attribute("class"), v.attribute("id")]
        .into_iter()
        .flatten()
        .flat_map(|n| n.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|w| !w.is_empty())
        .find_map(|w| {
            let lower;
            let w = if w.bytes().any(|b| b.is_ascii_uppercase()) {
                lower = w.to_ascii_lowercase();
                lower.as_str()
            } else {
                w
            };
            pred(w).then(|| w.to_string())
        })
}

/// True when an element or a block around it holds others' dates: a list item, page
/// furniture, or a block named like comments or related items.
fn among_others(doc: &Doc, e: &ElementRef) -> bool {
    let others = &doc.rules.dates.others_classes;
    doc.facts.in_furniture(e)
        || e.ancestors().filter_map(ElementRef::wrap).any(|a| {
            matches!(
                a.value().name(),
                "li" | "tr" | "dd" | "aside" | "nav" | "footer"
            ) || class_word(&a, |w| others.iter().any(|o| o == w)).is_some()
        })
}

/// The first date in a script under a key holding one of `keys`: each place a key part stands
/// (found by a plain search of the lower-cased text), the whole key around it, then its value.
fn keyed_date(t: &str, keys: &[String]) -> Option<(DateTime<FixedOffset>, String)> {
    let lower = t.to_ascii_lowercase();
    let ident = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'.' | b'-');
    let bytes = lower.as_bytes();
    let mut hits: Vec<usize> = keys
        .iter()
        .flat_map(|k| lower.match_indices(k.as_str()).map(|(i, _)| i))
        .collect();
    hits.sort_unstable();
    for at in hits {
        let start = (0..at)
            .rev()
            .find(|&i| !ident(bytes[i]))
            .map_or(0, |i| i + 1);
        let end = (at..bytes.len())
            .find(|&i| !ident(bytes[i]))
            .unwrap_or(bytes.len());
        let Some(c) = SCRIPT_VALUE.captures(&t[end..]) else {
            continue;
        };
        if let Some(d) = date::parse_stamp(&c[1]) {
            return Some((d, t[start..end].to_string()));
        }
    }
    None
}

/// A `<time>` marked as the publication time: a `pubdate` attribute, or a class the rules name
/// (`class="published"`).
fn published_time(doc: &Doc) -> Option<(DateTime<FixedOffset>, String)> {
    let marks = &doc.rules.dates.published_time_classes;
    doc.times.iter().find_map(|t| {
        let v = t.value();
        let marked = v.attribute("pubdate").is_some()
            || class_word(t, |w| marks.iter().any(|m| w.contains(m.as_str()))).is_some();
        if !marked {
            return None;
        }
        let d = v
            .attribute("datetime")
            .and_then(date::parse_stamp)
            .or_else(|| date::text_date(&text::inline_text(*t), doc.day_first))?;
        Some((d, "<time> marked as the publication time".to_string()))
    })
}

/// The opening lines of the text that may carry its dateline (`PARIS, Jan 13, 2020 —`).
const OPENING_LINES: usize = 4;

/// An element named like a date's place (`class="pubtime"`) shows a date in at most this many
/// characters; more is text that mentions one.
const MAX_DATE_NAMED_TEXT: usize = 60;

/// A date line beside the text block is short: this many characters and words at most.
const MAX_DATE_LINE_CHARS: usize = 100;
const MAX_DATE_LINE_WORDS: usize = 12;

/// A date in the text's first lines, each short enough to be a dateline or a byline, not a
/// sentence about an event.
fn opening_date(doc: &Doc, lines: &[String]) -> Option<DateTime<FixedOffset>> {
    lines
        .iter()
        .take(OPENING_LINES)
        .filter(|l| l.chars().count() <= DATELINE_CHARS / 2)
        .find_map(|l| date::text_date(l, doc.day_first))
}

/// The longest text of an element that may be a date line: a short line, not a paragraph.
const DATELINE_CHARS: usize = 300;

/// The first element named like a date line (`class="meta"`, `"byline"`, `"post-date"`) outside
/// lists, side boxes and comments whose short text holds a date.
fn dateline(doc: &Doc) -> Option<(DateTime<FixedOffset>, String)> {
    let words = &doc.rules.dates.dateline_classes;
    doc.elements.iter().find_map(|e| {
        let word = class_word(e, |w| words.iter().any(|x| x == w))?;
        if doc.facts.in_hidden(e) || among_others(doc, e) {
            return None;
        }
        let t = text::inline_text(*e);
        if t.chars().count() > DATELINE_CHARS {
            return None;
        }
        let d = date::text_date(&t, doc.day_first)?;
        Some((d, format!("an element named \"{word}\"")))
    })
}

/// A date shown without a label: a `<time>` element, or an element named like a date
/// (`<span class="date">`), outside page furniture and list items (a list's dates belong to
/// other articles).
fn visible_date(doc: &Doc) -> Option<DateTime<FixedOffset>> {
    let outside_lists = |e: &ElementRef| {
        !doc.facts.in_furniture(e)
            && !e
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| matches!(a.value().name(), "li" | "tr" | "dd"))
    };
    let from_time = doc
        .times
        .iter()
        .copied()
        .filter(outside_lists)
        .find_map(|t| {
            t.value()
                .attribute("datetime")
                .and_then(date::parse_stamp)
                .or_else(|| date::text_date(&text::inline_text(t), doc.day_first))
        });
    from_time.or_else(|| {
        doc.elements
            .iter()
            .copied()
            .filter(|e| doc.facts.date_named(e))
            .filter(outside_lists)
            .map(text::inline_text)
            .filter(|t| t.chars().count() <= MAX_DATE_NAMED_TEXT)
            .find_map(|t| date::text_date(&t, doc.day_first))
    })
}

/// The date an unlabelled date line gives an article ([`date_line`]), weighed against its
/// URL. A URL that carries a date is the surer of the two: the line gives the time of the same
/// day, and a line of another day (an event's, a photo's, an interview's) yields to the URL's
/// date. Without a date in the URL, a line counts only when it reads as the page's own
/// posting: with a time of day or a posting word (`Posted on …`), not a bare date (an about
/// page's last update, a notice box, a list's intro).
fn dated_by_line<'a>(
    doc: &Doc<'a>,
    container: ElementRef<'a>,
    lines: &[String],
    url: &Url,
) -> Option<DateTime<FixedOffset>> {
    let (line, date) = date_line(doc, container, lines)?;
    match date::date_in_url(url.path()) {
        Some(u) if u.date_naive() == date.date_naive() => Some(date),
        Some(u) => Some(u),
        None => {
            let lower = line.to_lowercase();
            let posted = [
                "posted",
                "published",
                "updated",
                "submitted",
                "released",
                " by ",
            ]
            .iter()
            .any(|w| lower.contains(w));
            (posted || date.num_seconds_from_midnight() != 0).then_some(date)
        }
    }
}

/// A date on a line of its own where an info line stands, without a label (`2024-03-05 10:20
/// Xinhua`, `Posted on March 5, 2024 by admin`): just before the text block (or the block
/// around it), or in the text's first two lines. A short line only, so that a sentence or a
/// list of dated headlines says nothing. The line and its date.
fn date_line<'a>(
    doc: &Doc<'a>,
    container: ElementRef<'a>,
    lines: &[String],
) -> Option<(String, DateTime<FixedOffset>)> {
    let short = |t: &str| {
        t.chars().count() <= MAX_DATE_LINE_CHARS
            && t.split_whitespace().count() <= MAX_DATE_LINE_WORDS
    };
    fn before(e: ElementRef) -> Vec<ElementRef> {
        e.prev_siblings()
            .filter_map(ElementRef::wrap)
            .take(3)
            .collect()
    }
    let around = container
        .parent()
        .and_then(ElementRef::wrap)
        .filter(|p| !matches!(p.value().name(), "body" | "html"));
    let above = before(container)
        .into_iter()
        .chain(around.map(before).unwrap_or_default())
        .filter(|e| !doc.facts.in_hidden(e) && !doc.facts.in_furniture(e))
        // A block of several lines (a side box, a list) is no info line.
        .filter(|e| {
            !e.descendants()
                .skip(1)
                .filter_map(ElementRef::wrap)
                .any(|d| matches!(d.value().name(), "li" | "tr" | "p" | "div" | "br"))
        })
        .map(text::inline_text);
    above
        .chain(lines.iter().take(2).cloned())
        .filter(|t| short(t))
        .find_map(|t| date::text_date(&t, doc.day_first).map(|d| (t, d)))
}
