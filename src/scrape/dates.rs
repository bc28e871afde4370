//! The date readers that look at the page's elements, scripts and address: a `<time>`
//! element or an element named like a date, an unlabelled date line where an info line stands,
//! a publication key of an inline script, and a date in the URL.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, Timelike};
use regex::Regex;
use scraper::ElementRef;
use url::Url;

use super::candidate::{Candidates, Reader, propose};
use super::date;
use super::doc::{AttrExt, Doc};
use super::text;

/// Proposes the dates these readers find. `block` and `lines` are the text block and its lines.
pub(crate) fn read<'a>(
    doc: &Doc<'a>,
    block: Option<ElementRef<'a>>,
    lines: &[String],
    url: &Url,
    out: &mut Candidates,
) {
    if let Some(d) = visible_date(doc) {
        propose(&mut out.published, d, Reader::Element, "");
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

/// `"key": "value"`, `key: 'value'` or `key = "value"` in a script: a key and a short value.
static SCRIPT_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"["']?([A-Za-z_$][\w$.-]{0,40})["']?\s*[:=]\s*["']([^"'<>]{6,48})["']"#)
        .expect("valid regex")
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
            for c in SCRIPT_PAIR.captures_iter(t) {
                let key = c[1].to_lowercase();
                if !keys.iter().any(|k| key.contains(k.as_str())) {
                    continue;
                }
                if let Some(d) = date::parse_stamp(&c[2]) {
                    return Some((d, c[1].to_string()));
                }
            }
        }
    }
    None
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
                .and_then(date::parse_date)
                .or_else(|| date::parse_date(&text::inline_text(t)))
        });
    from_time.or_else(|| {
        doc.elements
            .iter()
            .copied()
            .filter(|e| doc.facts.date_named(e))
            .filter(outside_lists)
            .map(text::inline_text)
            .filter(|t| t.chars().count() <= 60)
            .find_map(|t| date::parse_date(&t))
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
    let short = |t: &str| t.chars().count() <= 100 && t.split_whitespace().count() <= 12;
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
        .find_map(|t| date::parse_date(&t).map(|d| (t, d)))
}
