//! Assembly: one value per field from the readers' candidates, by written precedence, for the
//! kind the classifier gave. Every choice is recorded (the winner, its origin, the rule that
//! chose it, and the candidates that lost) for `gxnews parse --explain`.

use std::fmt::Display;

use chrono::{DateTime, FixedOffset, Timelike};

use crate::model::{Article, ListPage, Page, PageKind};
use crate::scrape::candidate::{Body, Candidate, Candidates, Origin, Reader};
use crate::scrape::classify::Verdict;

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
pub(crate) struct Chosen<T> {
    pub value: T,
    pub origin: Origin,
    pub rule: &'static str,
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
    /// The page is on the profile's site: its templates are the profile's to read.
    pub own_site: bool,
    pub pages: Vec<String>,
    pub list: ListPage,
    /// The text chosen when the page's kind was weighed.
    pub body: Option<BodyChoice>,
}

/// Builds the page from the candidates, for the verdict's kind, and the trace of each choice.
pub(crate) fn assemble(verdict: Verdict, c: &Candidates, extra: Extra) -> (Page, Trace) {
    let mut trace = Vec::new();
    let article_kind = verdict.kind == PageKind::Article;
    let title = title(verdict.kind, c, extra.own_site);
    let published = published(c);
    let source = any(&c.source, "a label first, then the tags");
    let editor = editor(c);
    let views = any(&c.views, "a view counter's label").and_then(|v| v.value);
    let breadcrumb = any(&c.breadcrumb, "the first trail found");
    let body = body(&c.body, extra.body);
    let title_text = title.as_ref().map(|t| t.value.clone()).unwrap_or_default();
    let crumbs = breadcrumb
        .as_ref()
        .map(|b| b.value.clone())
        .unwrap_or_default();
    let section = section(c, &crumbs, &title_text);

    record(
        &mut trace,
        "title",
        &title,
        if article_kind || !extra.own_site {
            &c.title
        } else {
            &c.name
        },
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
        links: body.links,
        pages: if article_kind {
            extra.pages
        } else {
            Vec::new()
        },
        fetched_at: None,
    };
    finish(verdict, article, list, trace)
}

/// The editor: an editor's label, else the author, else the generic extractor's byline.
fn editor(c: &Candidates) -> Option<Chosen<String>> {
    any(&c.editor, "an editor's label")
        .or_else(|| {
            any(
                &c.author,
                "no editor named: the author (label, author element, tags, JSON-LD, byline element)",
            )
        })
        .or_else(|| {
            any(
                &c.byline,
                "no editor or author named: the generic extractor's byline",
            )
        })
}

/// The section: the deepest crumb the site's menu links too (a trail may end in a sub-column
/// the menu does not name), else the breadcrumb's last crumb, neither if it is the title; else
/// the tags' section.
fn section(c: &Candidates, crumbs: &[String], title: &str) -> Option<String> {
    let by = |trail: bool| {
        c.section
            .iter()
            .find(move |s| (s.origin.reader == Reader::Trail) == trail)
            .map(|s| &s.value)
    };
    by(true)
        .into_iter()
        .chain(crumbs.last())
        .find(|s| *s != title)
        .or_else(|| by(false))
        .cloned()
}

/// The page of the verdict's kind, and the trace of the choices made for it.
fn finish(
    verdict: Verdict,
    article: Article,
    list: ListPage,
    fields: Vec<FieldTrace>,
) -> (Page, Trace) {
    let page = Page {
        kind: verdict.kind,
        reason: verdict.reason.clone(),
        article,
        list,
    };
    let trace = Trace {
        kind: verdict.kind,
        reason: verdict.reason,
        fields,
    };
    (page, trace)
}

/// The page's title. On the profile's own site, an article's headline (the heading the
/// headline reader confirmed against the `<title>` and the tags), and a list's column name or a
/// page's name. On another site, the title the generic extractor reads from the page's
/// metadata and `<title>` (what readers of that site know it by), else the headline.
fn title(kind: PageKind, c: &Candidates, own_site: bool) -> Option<Chosen<String>> {
    if !own_site {
        let generic = first(
            &c.title,
            |r| r == Reader::Generic,
            "another site: its own title",
        );
        return generic
            .or_else(|| any(&c.title, "the headline"))
            .or_else(|| first(&c.name, |r| r != Reader::GovMeta, "the page's name"));
    }
    match kind {
        PageKind::Article => first(&c.title, |r| r != Reader::Generic, "the headline"),
        // A column name names a list; another page is named by its heading or `<title>`.
        PageKind::List => any(&c.name, "the list's column name, else the page's name"),
        PageKind::Other => first(&c.name, |r| r != Reader::GovMeta, "the page's name"),
    }
}

fn midnight(d: &DateTime<FixedOffset>) -> bool {
    d.num_seconds_from_midnight() == 0
}

type Stamp = DateTime<FixedOffset>;

/// Readers that give a structured publication date: tags, JSON-LD, microdata.
fn structured(r: Reader) -> bool {
    matches!(
        r,
        Reader::GovMeta | Reader::Meta | Reader::JsonLd | Reader::Microdata
    )
}

/// The publication date, by tiers, the first that gives one winning:
/// 1. a publication label of the page's own info line or text (`updatetime:`, `Published:`);
///    an update label too where no structured date gives another day;
/// 2. structured dates: the government set's tags, the standard tags, JSON-LD, microdata;
/// 3. a label inside the text or elsewhere on the page (before a structured date of the same
///    day, whose time it gives to the second);
/// 4. the URL's date;
/// 5. a date shown on the page: a `<time>`, an element named like a date, a date line;
/// 6. a date in an element named like a date line (`class="meta"`, `"byline"`);
/// 7. tags that do not say which date they carry, JSON-LD `dateCreated`;
/// 8. a publication key of an inline script;
/// 9. the date of the last change;
/// 10. the date the site's masthead shows: the day the page was served.
///
/// A label's or the URL's date without a time takes the time a structured or shown date gives
/// the same day; a structured date stamped in UTC near midnight yields to a local date of the day
/// before or after (the page's own day, which the UTC stamp crossed).
fn published(c: &Candidates) -> Option<Chosen<Stamp>> {
    let list = &c.published;
    let structured_date = voted(list).or_else(|| {
        first(
            list,
            structured,
            "a structured date (tag, JSON-LD, microdata)",
        )
    });
    let labelled = first(list, |r| r == Reader::Label, "a publication label").or_else(|| {
        first(
            list,
            |r| r == Reader::UpdateLabel,
            "an update label (no other day given)",
        )
        .filter(|l| {
            structured_date
                .as_ref()
                .is_none_or(|s| same_day(&s.value, &l.value))
        })
    });
    if let Some(l) = labelled {
        return Some(with_time_of_day(l, list));
    }
    let text_label = first(
        list,
        |r| r == Reader::TextLabel,
        "a label away from the info line",
    );
    if let Some(s) = structured_date {
        // A label of the same day is the page's own line, to the second where the tag rounds.
        if let Some(l) = text_label.filter(|l| same_day(&s.value, &l.value)) {
            return Some(Chosen {
                rule: "a label of the same day as the structured date",
                ..with_time_of_day(l, list)
            });
        }
        return Some(local_day(s, list));
    }
    if let Some(l) = text_label {
        return Some(with_time_of_day(l, list));
    }
    if let Some(u) = first(list, |r| r == Reader::Url, "the URL's date") {
        return Some(with_time_of_day(u, list));
    }
    first(
        list,
        |r| matches!(r, Reader::Element | Reader::DateLine),
        "a date shown on the page",
    )
    .or_else(|| {
        first(
            list,
            |r| r == Reader::Text,
            "a date in a date line of the text",
        )
    })
    .or_else(|| any(&c.loose, "a tag that does not say which date it is"))
    .or_else(|| {
        first(
            list,
            |r| r == Reader::Script,
            "an inline script's publication key",
        )
    })
    .or_else(|| any(&c.modified, "the date of the last change"))
    .or_else(|| any(&c.served, "nothing else: the day the page was served"))
}

/// Where the structured dates disagree on the day, the one whose day most readers give (one vote
/// each: tags, JSON-LD, microdata, the URL, shown dates, date lines, script keys); a tie goes
/// to the first in precedence. `None` when they agree (or there is at most one).
fn voted(list: &[Candidate<Stamp>]) -> Option<Chosen<Stamp>> {
    let structured_days: Vec<&Candidate<Stamp>> = list
        .iter()
        .filter(|c| structured(c.origin.reader))
        .collect();
    let first_day = structured_days.first()?.value.date_naive();
    if structured_days
        .iter()
        .all(|c| c.value.date_naive() == first_day)
    {
        return None;
    }
    // One vote per reader: its first date.
    let mut voters: Vec<&Candidate<Stamp>> = Vec::new();
    for c in list {
        let counted = matches!(
            c.origin.reader,
            Reader::Label | Reader::UpdateLabel | Reader::TextLabel
        );
        if !counted && !voters.iter().any(|v| v.origin.reader == c.origin.reader) {
            voters.push(c);
        }
    }
    let votes = |c: &Candidate<Stamp>| {
        voters
            .iter()
            .filter(|v| v.value.date_naive() == c.value.date_naive())
            .count()
    };
    let best = structured_days
        .iter()
        .copied()
        .rev()
        .max_by_key(|c| votes(c))?;
    Some(Chosen {
        value: best.value,
        origin: best.origin.clone(),
        rule: "the structured dates disagree: the day most readers give",
    })
}

fn same_day(a: &Stamp, b: &Stamp) -> bool {
    a.date_naive() == b.with_timezone(a.offset()).date_naive()
}

/// A date without a time (a label's, the URL's), given the time of day a structured or shown
/// date gives the same day.
fn with_time_of_day(l: Chosen<Stamp>, list: &[Candidate<Stamp>]) -> Chosen<Stamp> {
    if !midnight(&l.value) {
        return l;
    }
    let timed = list.iter().find(|t| {
        (structured(t.origin.reader)
            || matches!(t.origin.reader, Reader::Element | Reader::DateLine))
            && !midnight(&t.value)
            && same_day(&l.value, &t.value)
    });
    match timed {
        Some(t) => Chosen {
            value: t.value.with_timezone(l.value.offset()),
            origin: Origin::new(
                l.origin.reader,
                format!("{} (its time from {})", l.origin.detail, t.origin),
            ),
            rule: "a date without a time takes the time of the same day elsewhere",
        },
        None => l,
    }
}

/// UTC hours at which a stamp may have crossed into the next or the previous local day.
fn near_midnight(d: &Stamp) -> bool {
    d.offset().local_minus_utc() == 0 && (d.hour() >= 20 || d.hour() < 5)
}

/// A structured date stamped in UTC near midnight yields to a date of the adjacent day that a
/// local source gives (the URL, microdata, a shown date, a script key, a stamp with an offset).
fn local_day(s: Chosen<Stamp>, list: &[Candidate<Stamp>]) -> Chosen<Stamp> {
    if !near_midnight(&s.value) {
        return s;
    }
    let local = list.iter().find(|c| {
        let local_source = matches!(
            c.origin.reader,
            Reader::Url | Reader::Microdata | Reader::Element | Reader::DateLine | Reader::Script
        ) || (structured(c.origin.reader)
            && c.value.offset().local_minus_utc() != 0);
        let days = (c.value.date_naive() - s.value.date_naive()).num_days();
        local_source && days.abs() == 1
    });
    match local {
        Some(c) => Chosen {
            value: c.value,
            origin: c.origin.clone(),
            rule: "a UTC stamp near midnight yields to the page's local day",
        },
        None => s,
    }
}

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

/// The assembler's choice of text: which of the body candidates, and by which rule. Made once
/// per page: the classifier measures the text it names, and the assembler takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BodyChoice {
    pub index: usize,
    pub rule: &'static str,
}

/// The article's text. The profile's content selector (the site's own template) comes first,
/// unless the generic extractor's text is [`PROFILE_MUCH_SHORTER`] times longer. The text
/// block and the generic text are weighed: the generic text wins when it holds the text
/// block's words and adds [`ADDS_TO_BLOCK`] or a paragraph of prose (the block was cut short:
/// a lead apart from the text), when it is [`BLOCK_MUCH_SHORTER`] times
/// longer, or when there is no text block; the text block wins otherwise.
pub(crate) fn choose_body(c: &[Candidate<Body>]) -> Option<BodyChoice> {
    let find = |r: Reader| c.iter().position(|x| x.origin.reader == r);
    let pick = |index, rule| Some(BodyChoice { index, rule });
    let generic = find(Reader::Generic);
    let chars = |i: usize| c[i].value.chars();
    let longer = |i: usize, times: usize| generic.is_some_and(|g| chars(g) > chars(i) * times);
    if let Some(p) = find(Reader::Profile) {
        if !longer(p, PROFILE_MUCH_SHORTER) {
            return pick(p, "the profile's content selector");
        }
        return pick(
            generic?,
            "the profile's element is much shorter than the generic text",
        );
    }
    let Some(b) = find(Reader::TextBlock) else {
        return pick(generic?, "no text block: the generic text");
    };
    let kept = "the text block (the generic text is no longer, or another block)";
    let Some(g) = generic else {
        return pick(b, kept);
    };
    let (block, gen_text) = (&c[b].value, &c[g].value);
    if longer(b, BLOCK_MUCH_SHORTER) {
        return pick(g, "the text block is much shorter than the generic text");
    }
    // The two found the very same paragraphs: nothing to weigh.
    if block.paragraphs == gen_text.paragraphs && !block.paragraphs.is_empty() {
        return pick(b, kept);
    }
    if share_held(block, gen_text) < HOLDS_BLOCK {
        return pick(b, kept);
    }
    if gen_text.chars() as f64 >= block.chars() as f64 * ADDS_TO_BLOCK {
        pick(g, "the generic text holds the text block's words, and more")
    } else if adds_prose(block, gen_text) {
        pick(
            g,
            "the generic text holds the text block's words, and a paragraph more",
        )
    } else {
        pick(b, kept)
    }
}

/// The candidate a [`BodyChoice`] names, as chosen.
pub(crate) fn body(c: &[Candidate<Body>], choice: Option<BodyChoice>) -> Option<Chosen<Body>> {
    let choice = choice?;
    let chosen = c.get(choice.index)?;
    Some(Chosen {
        value: chosen.value.clone(),
        origin: chosen.origin.clone(),
        rule: choice.rule,
    })
}

/// A paragraph of at least this many characters is prose, not a caption or a credit line.
const PROSE_PARAGRAPH: usize = 120;

/// A paragraph is new to a text when the text holds less than this share of its pairs of
/// neighbouring words.
const NEW_PARAGRAPH: f64 = 0.5;

/// True when `more` has a paragraph of prose ([`PROSE_PARAGRAPH`] characters or longer) whose
/// word pairs `text` mostly lacks: a lead or a closing paragraph the text block stopped short
/// of. Pairs of words, not paragraphs, are compared: the two may break the same text
/// differently, and single words are shared by any two texts on one subject.
fn adds_prose(text: &Body, more: &Body) -> bool {
    let held: rustc_hash::FxHashSet<(&str, &str)> =
        text.paragraphs.iter().flat_map(|p| word_pairs(p)).collect();
    more.paragraphs.iter().any(|p| {
        if p.chars().count() < PROSE_PARAGRAPH {
            return false;
        }
        let (mut known, mut all) = (0usize, 0usize);
        for pair in word_pairs(p) {
            all += 1;
            known += usize::from(held.contains(&pair));
        }
        (known as f64) < all as f64 * NEW_PARAGRAPH
    })
}

/// Each word of a paragraph with the word after it.
fn word_pairs(p: &str) -> impl Iterator<Item = (&str, &str)> {
    p.split_whitespace().zip(p.split_whitespace().skip(1))
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
