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

/// Proposes the dates these readers find. `block` and `lines` are the text block and its lines,
/// `headline` the page's headline.
pub(crate) fn read<'a>(
    doc: &Doc<'a>,
    block: Option<ElementRef<'a>>,
    lines: &[String],
    headline: Option<&str>,
    url: &Url,
    out: &mut Candidates,
) {
    if let Some((d, detail)) = published_time(doc) {
        propose(&mut out.published, d, Reader::Element, detail);
    }
    if let Some(d) = visible_date(doc) {
        propose(&mut out.published, d, Reader::Element, "");
    }
    if let Some(d) = headline.and_then(|h| head_date(doc, h)) {
        propose(
            &mut out.published,
            d,
            Reader::Element,
            "under the headline, in the header that holds it",
        );
    }
    if let Some(d) = written_date(doc) {
        propose(
            &mut out.published,
            d,
            Reader::Element,
            "written by an inline script where it stands",
        );
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
    if let Some(d) = masthead_date(doc, block) {
        propose(
            &mut out.served,
            d,
            Reader::Element,
            "in the site's masthead",
        );
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
    others_around(doc, e, &["li", "tr", "dd", "aside", "nav", "footer"])
}

/// [`among_others`] with the tags whose blocks hold others' dates given.
fn others_around(doc: &Doc, e: &ElementRef, tags: &[&str]) -> bool {
    doc.facts.in_furniture(e) || in_others_block(doc, e, tags)
}

/// True when a block around the element is one of `tags` or is named like comments or
/// related items.
fn in_others_block(doc: &Doc, e: &ElementRef, tags: &[&str]) -> bool {
    let others = &doc.rules.dates.others_classes;
    e.ancestors().filter_map(ElementRef::wrap).any(|a| {
        tags.contains(&a.value().name())
            || class_word(&a, |w| others.iter().any(|o| o == w)).is_some()
    })
}

/// The date the site's furniture shows before the article's text, named like a date and
/// outside lists, side boxes and footers (a masthead's `Miércoles, 15 de Abril de 2020`): the
/// day the page was served. A date shown so outside the furniture is [`visible_date`]'s.
fn masthead_date(doc: &Doc, block: Option<ElementRef>) -> Option<DateTime<FixedOffset>> {
    let text_starts = block.or(doc.main_block).map(|b| b.id());
    doc.elements
        .iter()
        .take_while(|e| Some(e.id()) != text_starts)
        .filter(|e| doc.facts.date_named(e) && doc.facts.in_furniture(e))
        .filter(|e| !doc.facts.in_hidden(e))
        .filter(|e| !in_others_block(doc, e, &["li", "tr", "dd", "aside", "nav", "footer"]))
        .map(|e| text::inline_text(*e))
        .filter(|t| t.chars().count() <= MAX_DATE_NAMED_TEXT)
        .find_map(|t| date::text_date(&t, doc.day_first))
}

/// A date shown after the headline inside the block of page furniture that holds it: a
/// `<header>` around an article's headline and byline (`<h1>…</h1><div class="post-date">21 Jan
/// 2020</div>`) is the article's own head, not the site's masthead. A header with navigation
/// in it is the site's banner, whatever heading it holds.
fn head_date(doc: &Doc, headline: &str) -> Option<DateTime<FixedOffset>> {
    let heading = doc
        .elements
        .iter()
        .find(|e| matches!(e.value().name(), "h1" | "h2") && text::inline_text(**e) == headline)?;
    let head = heading
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| doc.facts.furniture(a))?;
    let shown = |e: &ElementRef| {
        let v = e.value();
        (v.name() == "time" || doc.facts.date_named(e))
            && !doc.facts.in_hidden(e)
            && !in_others_block(doc, e, &["li", "tr", "dd", "aside", "nav"])
    };
    let within = || head.descendants().filter_map(ElementRef::wrap);
    if within().any(|e| e.value().name() == "nav") {
        return None;
    }
    within()
        .skip_while(|e| e.id() != heading.id())
        .find_map(|e| {
            if !shown(&e) {
                return None;
            }
            let t = text::inline_text(e);
            let stamp = e.value().attribute("datetime").and_then(date::parse_stamp);
            stamp.or_else(|| {
                (t.chars().count() <= MAX_DATE_NAMED_TEXT)
                    .then(|| date::text_date(&t, doc.day_first))
                    .flatten()
            })
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
/// An info line may break once (its source above its date); more breaks make a box of lines.
const MAX_INFO_BREAKS: usize = 1;

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
                .or_else(|| stamp_attribute(doc, &t))
        });
    from_time.or_else(|| {
        doc.elements
            .iter()
            .copied()
            .filter(|e| doc.facts.date_named(e))
            .filter(outside_lists)
            .find_map(|e| {
                let t = text::inline_text(e);
                (t.chars().count() <= MAX_DATE_NAMED_TEXT)
                    .then(|| date::text_date(&t, doc.day_first))
                    .flatten()
                    .or_else(|| stamp_attribute(doc, &e))
            })
    })
}

/// The stamp an element shown as a date keeps in an attribute the rules name (`data-time=
/// "1594448702"`), for a text that shows no whole date (`Jul 10`, `2 hours ago`).
fn stamp_attribute(doc: &Doc, e: &ElementRef) -> Option<DateTime<FixedOffset>> {
    let v = e.value();
    doc.rules
        .dates
        .stamp_attributes
        .iter()
        .find_map(|a| v.attribute(a.as_str()).and_then(date::parse_stamp))
}

/// A script this short, standing in the page's text, writes what stands there
/// (`showDate("2020/04/17 01:43:09")`); a longer one is a program.
const MAX_WRITER_SCRIPT: usize = 120;

/// A date that a short inline script in the body writes where it stands, from the first
/// quoted string of its call, where a shown date would count. A list writes one per item: a
/// page whose scripts write dates of more than one day gives none.
fn written_date(doc: &Doc) -> Option<DateTime<FixedOffset>> {
    let body = doc.body?.id();
    let mut written = doc.scripts.iter().filter_map(|s| written_by(doc, s, body));
    let first = written.next()?;
    written
        .all(|d| d.date_naive() == first.date_naive())
        .then_some(first)
}

/// The date one script writes: in the body, outside hidden blocks, page furniture, list items
/// and side boxes (an old layout table's row counts: [`written_date`] refuses lists).
fn written_by(doc: &Doc, s: &ElementRef, body: ego_tree::NodeId) -> Option<DateTime<FixedOffset>> {
    let parent = s.parent().and_then(ElementRef::wrap)?;
    let outside = ["li", "dd", "aside", "nav", "footer"];
    if !s.ancestors().any(|a| a.id() == body)
        || doc.facts.in_hidden(&parent)
        || others_around(doc, &parent, &outside)
    {
        return None;
    }
    let code: String = s.text().collect();
    let code = code.trim();
    if code.len() > MAX_WRITER_SCRIPT || !code.contains('(') {
        return None;
    }
    let start = code.find(['"', '\''])?;
    let quote = code[start..].chars().next()?;
    let rest = &code[start + 1..];
    let literal = &rest[..rest.find(quote)?];
    date::parse_stamp(literal).or_else(|| date::parse_date(literal))
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
        .filter(|e| !doc.facts.in_hidden(e) && !furniture_apart(doc, e, container))
        // A block of several lines (a side box, a list) is no info line; a source and its
        // date on two lines of one paragraph (`News24<br>13 Jan 2020, 22:11`) are.
        .filter(|e| {
            let inner = || e.descendants().skip(1).filter_map(ElementRef::wrap);
            !inner().any(|d| matches!(d.value().name(), "li" | "tr" | "p" | "div"))
                && inner().filter(|d| d.value().name() == "br").count() <= MAX_INFO_BREAKS
        })
        .map(text::inline_text);
    above
        .chain(lines.iter().take(2).cloned())
        .filter(|t| short(t))
        .find_map(|t| date::text_date(&t, doc.day_first).map(|d| (t, d)))
}

/// True when `e` sits in furniture the text block is not in: a furniture block around both (a
/// template that names the story's box `banner-section`) says nothing of the line beside it.
fn furniture_apart(doc: &Doc, e: &ElementRef, container: ElementRef) -> bool {
    let shared: Vec<_> = container.ancestors().map(|a| a.id()).collect();
    std::iter::successors(Some(*e), |x| x.parent().and_then(ElementRef::wrap))
        .take_while(|x| !shared.contains(&x.id()))
        .any(|x| doc.facts.furniture(&x))
}
