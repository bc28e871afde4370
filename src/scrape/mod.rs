//! Scraping: pure functions from a page's HTML and URL to an [`Article`], a [`ListPage`] or
//! neither. No IO, no clock, no globals; selectors are compiled once in the [`Profile`].
//!
//! Metadata is read in this order of trust, the first value found for a field winning:
//! 1. the profile's selectors (headline, breadcrumb, info line read by its labels);
//! 2. labelled text anywhere on the page (`updatetime:`, `Source：`, `Web Editor:` …);
//! 3. the metadata tags Chinese government sites share (`ArticleTitle`, `PubDate`,
//!    `ContentSource`, `ColumnName`);
//! 4. Open Graph and `article:published_time`;
//! 5. JSON-LD `NewsArticle`.
//!
//! The body comes from the profile's content selectors, or, when they find nothing, from a
//! content-density search for the main text block.

mod crumbs;
pub mod date;
mod density;
mod doc;
mod facts;
mod figures;
mod furniture;
pub mod labels;
mod list;
mod pages;
pub mod profile;
mod tags;
pub mod text;
mod title;

use chrono::Timelike;
use ego_tree::NodeId;
use scraper::{ElementRef, Html};
use url::Url;

use crate::model::{Article, Image, ListPage, Page, canonical_url};
use doc::{AttrExt, Doc};
use labels::{LabelMatcher, Labelled};
pub use profile::Profile;
use text::{Piece, pieces};

/// The version of the extractor. Raise it when extraction changes, so `gxnews reindex` tells
/// which cached articles an older extractor read.
pub const EXTRACTOR_VERSION: u32 = 5;

/// True when `link` is a continuation page (`_2`, `?page=2`) of the article at `first`.
pub fn continues(first: &str, link: &str) -> bool {
    match (Url::parse(first), Url::parse(link)) {
        (Ok(f), Ok(l)) => pages::page_number(&f, &l).is_some(),
        _ => false,
    }
}

/// A list page named and given its breadcrumb: its `ColumnName` tag, else its page name.
fn finish_list(mut list: ListPage, doc: &Doc, breadcrumb: Vec<String>) -> ListPage {
    if list.title.is_none() {
        list.title = title::page_name(doc, &breadcrumb);
    }
    list.breadcrumb = breadcrumb;
    list
}

/// True for a site's front page address: `/` or `/index.*` with no query
/// (`/index.php?a=lists&catid=6` is a list page of a PHP CMS).
pub(crate) fn is_front_url(url: &Url) -> bool {
    let path = url.path();
    url.query().is_none_or(str::is_empty)
        && (path == "/" || (path.matches('/').count() == 1 && path.starts_with("/index.")))
}

/// Why a page is not an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScrapeError {
    #[error("not an article page (it looks like a {0} page)")]
    NotAnArticle(&'static str),
}

/// The scraper for one site profile. Cheap to share; holds only compiled selectors and labels.
#[derive(Debug, Clone)]
pub struct Scraper {
    profile: Profile,
    labels: LabelMatcher,
}

impl Default for Scraper {
    fn default() -> Self {
        Scraper::new(Profile::default())
    }
}

impl Scraper {
    pub fn new(profile: Profile) -> Scraper {
        let labels = LabelMatcher::new(&profile.labels);
        Scraper { profile, labels }
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Scrapes a page into an article, a list page or neither.
    pub fn scrape(&self, html: &str, url: &Url) -> Page {
        self.scrape_as(html, url, is_front_url(url))
    }

    /// Scrapes the page a crawl starts from: the site's front page, wherever it lives.
    pub fn scrape_front(&self, html: &str, url: &Url) -> Page {
        self.scrape_as(html, url, true)
    }

    fn scrape_as(&self, html: &str, url: &Url, front: bool) -> Page {
        let parsed = Html::parse_document(html);
        let doc = Doc::new(&parsed, url, &self.profile);
        // Every kind of page shows its breadcrumb: found once, for all of them.
        let body_el = doc.body.unwrap_or(parsed.root_element());
        let crumbs = crumbs::breadcrumb(&doc, body_el);
        let article = self.article(&doc, url, &crumbs);
        // A short text on a page that carries a long dated list of headlines is the list's
        // page (a featured item, a welcome line), not an article.
        // A short text with metadata of its own (a source, an editor, a view counter) is a
        // short article, whatever the page lists beside it.
        let short = article.as_ref().is_some_and(|a| {
            a.body.iter().map(|p| p.chars().count()).sum::<usize>() < 400
                && a.source.is_none()
                && a.editor.is_none()
                && a.views.is_none()
        });
        if let Some(article) = article {
            let listed = short
                .then(|| list::list_page(&doc, &self.profile, front).0)
                .filter(|l| {
                    !front && l.links.iter().filter(|k| k.published.is_some()).count() >= 5
                });
            return match listed {
                Some(l) => Page::List(finish_list(l, &doc, crumbs.1)),
                // The article takes the breadcrumb found for every kind of page.
                None => Page::Article(Article {
                    breadcrumb: crumbs.1,
                    ..article
                }),
            };
        }
        let breadcrumb = crumbs.1;
        // An error page is neither a list nor an article, whatever boxes it shows.
        if title::is_error_page(&doc) {
            return Page::Other {
                title: title::page_name(&doc, &breadcrumb),
                breadcrumb,
                sections: Vec::new(),
            };
        }
        // The site's front page gathers headlines from every section: it is not a section list,
        // and only its links to sections are wanted (by the crawler).
        let (listed, confident) = list::list_page(&doc, &self.profile, front);
        // A list found by the profile's container, or one with a pager, is a list even with one
        // or two links: the last page of a section often holds no more.
        // Links found by the generic search must read like headlines (or carry dates): a page of
        // people's names or short labels linking to folders is not a news list.
        let headline_links = listed
            .links
            .iter()
            .filter(|l| {
                (l.published.is_some() || list::title_like(&l.title))
                    && !list::link_looks_like_index(&l.url)
            })
            .count();
        if !front && (headline_links >= list::MIN_LINKS || (confident && !listed.links.is_empty()))
        {
            return Page::List(finish_list(listed, &doc, breadcrumb));
        }
        Page::Other {
            title: title::page_name(&doc, &breadcrumb),
            breadcrumb,
            sections: listed.sections,
        }
    }

    /// Joins the continuation pages of a multi-page article to its first page: paragraphs and
    /// images in page order, an image met twice kept once.
    pub fn join_pages(mut first: Article, rest: Vec<Article>) -> Article {
        for page in rest {
            first.body.extend(page.body);
            for img in page.images {
                if !first.images.iter().any(|i| i.url == img.url) {
                    first.images.push(img);
                }
            }
        }
        first.pages.clear();
        first
    }

    /// Scrapes an article page; a page of another kind is an error.
    pub fn scrape_article(&self, html: &str, url: &Url) -> Result<Article, ScrapeError> {
        match self.scrape(html, url) {
            Page::Article(a) => Ok(a),
            Page::List(_) => Err(ScrapeError::NotAnArticle("list")),
            Page::Other { .. } => Err(ScrapeError::NotAnArticle("non-article")),
        }
    }

    fn title(
        &self,
        doc: &Doc,
        text_block: Option<ElementRef>,
        crumbs: &[String],
    ) -> Option<String> {
        title::headline(doc, text_block, crumbs)
    }

    /// The page as an article, or `None`; its breadcrumb (`crumbs`, found already) is left for
    /// the caller to move in.
    fn article(
        &self,
        doc: &Doc,
        url: &Url,
        crumbs: &(Option<NodeId>, Vec<String>),
    ) -> Option<Article> {
        let root = doc.html.root_element();
        let body_el = doc.body.unwrap_or(root);

        let container = self.body_container(doc)?;
        let (crumb_el, breadcrumb) = (crumbs.0, &crumbs.1);
        // One walk of the text block finds what the profile drops and the side boxes, share
        // bars and pagers nested inside it.
        let mut excluded = text::NodeSet::default();
        let mut dropped = Vec::new();
        let drop: text::NodeSet = doc.hits.drop.iter().flatten().map(|e| e.id()).collect();
        for e in container.descendants().filter_map(ElementRef::wrap) {
            if drop.contains(&e.id()) {
                excluded.insert(e.id());
                dropped.push(e);
            } else if doc.facts.furniture(&e) {
                excluded.insert(e.id());
            }
        }
        if let Some(c) = crumb_el {
            excluded.insert(c);
        }
        // A list of headlines is not an article: told before any metadata is read.
        let mut body_pieces = pieces(&doc.facts, container, &excluded);
        if reads_as_list(&body_pieces) {
            return None;
        }
        // The headline is looked for once the text block is known not to be a list.
        let title = self.title(doc, Some(container), &crumbs.1)?;
        // A headline that links to another page is a teaser on a list (a featured item), not
        // this page's own headline.
        let page_url = canonical_url(url).to_string();
        // Only a headline element that is itself a link counts: the same words in a side box
        // (`Latest News`) link to this article from elsewhere.
        let teaser = doc.anchors.iter().any(|a| {
            let in_heading = a
                .ancestors()
                .filter_map(ElementRef::wrap)
                .take(2)
                .any(|h| matches!(h.value().name(), "h1" | "h2" | "h3" | "h4"));
            if !in_heading {
                return false;
            }
            let len: usize = a.text().map(str::len).sum();
            len + 16 >= title.len()
                && len <= title.len() * 2 + 64
                && crate::sanitize::clean_text(&a.text().collect::<String>()) == title
                && a.value()
                    .attribute("href")
                    .and_then(|h| doc.resolve_url(h))
                    .is_some_and(|u| {
                        !matches!(u.scheme(), "javascript" | "mailto")
                            && canonical_url(&u).to_string() != page_url
                    })
        });
        if teaser {
            return None;
        }

        let (lead, trailing) =
            figures::outside_images(&doc.facts, container, crumb_el, url.host_str());
        if !lead.is_empty() {
            body_pieces.splice(0..0, lead);
        }
        body_pieces.extend(trailing);
        // An article has text of its own (told before its metadata is looked for) and a date
        // or labelled metadata.
        let lines: Vec<String> = body_pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Line(l) => Some(l.text.clone()),
                Piece::Image { .. } => None,
            })
            .collect();
        let (body, images) = self.paragraphs(doc, body_pieces, &title);
        let body_chars: usize = body.iter().map(|p| p.chars().count()).sum();
        // A short text (a one-line news flash, a photo gallery's captions) is an article only
        // with labelled metadata of its own, told below; no text and no picture is none.
        let short = body_chars < 80;
        if short && images.is_empty() && body_chars == 0 {
            return None;
        }
        // Labelled metadata: the profile's info element first, then the region around the text
        // (title, info line and editor line sit there), then the text itself, then, if still
        // undated, the whole page.
        let mut meta = Labelled::default();
        // A hidden copy of an info line (an old version kept with `display:none`) says nothing.
        for &el in doc.hits.info.iter().flatten() {
            if doc.facts.in_hidden(&el) {
                continue;
            }
            self.labels
                .read(&text::marked_lines(&doc.facts, el), &mut meta);
        }
        let region = container
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take_while(|a| !matches!(a.value().name(), "body" | "html"))
            .take(3)
            .last()
            .unwrap_or(container);
        if !meta.complete() {
            let outside_text = text::NodeSet::from_iter([container.id()]);
            self.labels.read(
                &text::marked_lines_excluding(&doc.facts, region, &outside_text),
                &mut meta,
            );
        }
        // Info and editor lines the profile drops from the text still carry metadata.
        for e in dropped {
            if meta.complete() {
                break;
            }
            if doc.facts.in_hidden(&e) {
                continue;
            }
            self.labels
                .read(&text::marked_lines(&doc.facts, e), &mut meta);
        }
        // The info line and the region around the text are read: a date they give is final.
        meta.published_settled = meta.published.is_some();
        if !meta.complete() {
            self.labels.read(&lines, &mut meta);
        }
        // A short text needs two labelled fields (`Update time: … | Source: Xinhua`) around it:
        // a date alone is what an about page or a list's intro shows too.
        let labelled = |meta: &Labelled| {
            [
                meta.published.is_some(),
                meta.source.is_some(),
                meta.editor.is_some(),
                meta.views_seen,
            ]
            .iter()
            .filter(|f| **f)
            .count()
        };
        if short && labelled(&meta) < 2 {
            return None;
        }
        if meta.published.is_none() {
            self.labels
                .read(&text::marked_lines(&doc.facts, body_el), &mut meta);
        }
        let tagged = doc
            .meta(&[
                "pubdate",
                "publishdate",
                "article:published_time",
                "og:published_time",
                "date",
                "dc.date",
            ])
            .and_then(|d| date::parse_date(&d))
            .or_else(|| doc.ld("datePublished").and_then(|d| date::parse_date(&d)));
        // Dates shown without a label are the last resort: looked for only when needed.
        let midnight =
            |d: &chrono::DateTime<chrono::FixedOffset>| d.num_seconds_from_midnight() == 0;
        let tagged = match (&meta.published, tagged) {
            (Some(p), None) if !midnight(p) => None,
            (_, None) => visible_date(doc).or_else(|| dated_by_line(doc, container, &lines, url)),
            (_, t) => t,
        };
        meta.published = match (meta.published, tagged) {
            (None, t) => t,
            // A visible date without its time yields to the tags' time of the same day.
            (Some(v), Some(t))
                if v.num_seconds_from_midnight() == 0
                    && v.date_naive() == t.with_timezone(&v.timezone()).date_naive() =>
            {
                Some(t.with_timezone(&v.timezone()))
            }
            (v, _) => v,
        };
        if meta.source.is_none() {
            meta.source = doc.meta(&["contentsource", "source"]);
        }
        if meta.editor.is_none() {
            meta.editor = meta.author.clone().or_else(|| doc.author.clone());
        }
        if meta.editor.is_none() {
            meta.editor = doc
                .meta(&["author", "article:author"])
                .or_else(|| doc.ld_author());
        }

        // An article shows a date or labelled metadata; one that shows neither is still an
        // article when its URL is dated like a news item's (`t20240305_…`) and its text runs
        // to several paragraphs of prose (an about page's address carries no date).
        let long_text = body.len() >= 3 && body_chars >= 400;
        if !(meta.published.is_some()
            || meta.any()
            || (long_text && date::date_in_url(url.path()).is_some()))
        {
            return None;
        }
        // A page that shows no date at all may still carry one in its URL (`t20210125_…`).
        if meta.published.is_none() {
            meta.published = date::date_in_url(url.path());
        }
        let section = breadcrumb
            .last()
            .filter(|c| **c != title)
            .cloned()
            .or_else(|| doc.meta(&["columnname"]));
        Some(Article {
            id: 0,
            url: page_url,
            title,
            breadcrumb: Vec::new(),
            section,
            published: meta.published,
            source: meta.source,
            editor: meta.editor,
            views: meta.views,
            body,
            images,
            pages: pages::continuation(doc),
            fetched_at: None,
        })
    }

    fn body_container<'a>(&self, doc: &Doc<'a>) -> Option<ElementRef<'a>> {
        for matches in &doc.hits.body {
            let best = matches
                .iter()
                .map(|&el| (text_chars(el), el))
                .filter(|(n, _)| *n >= 40)
                .max_by_key(|(n, _)| *n);
            if let Some((_, el)) = best {
                return Some(el);
            }
        }
        doc.main_block
    }

    fn paragraphs(&self, doc: &Doc, pieces: Vec<Piece>, title: &str) -> (Vec<String>, Vec<Image>) {
        let pieces = self.join_rows(pieces);
        let mut body = Vec::new();
        let mut images: Vec<Image> = Vec::new();
        let mut awaiting_caption = false;
        // After a label standing alone (`<dt>Source</dt>`), its value is metadata too.
        let mut after_label = false;
        // A kept line ending with a colon (`The ten projects are:`) opens a list of the text's
        // own: its items stay even when they are links, until a line that is not one.
        let mut list_open = false;
        // Once the text has run a paragraph of prose, an event's `Date:` and `Time:` lines are
        // its own details, not the article's metadata.
        let mut prose_seen = false;
        for piece in pieces {
            match piece {
                Piece::Image { src } => {
                    let Some(url) = doc.resolve(&src) else {
                        continue;
                    };
                    if figures::is_decorative(&url) {
                        continue;
                    }
                    if images.iter().any(|i| i.url == url) {
                        continue;
                    }
                    // A caption is text the reader sees (a `<figcaption>`, a centred line under
                    // the image), never the `alt` attribute.
                    images.push(Image { url, caption: None });
                    awaiting_caption = true;
                }
                Piece::Line(line) => {
                    let is_caption = line.caption
                        || (awaiting_caption
                            && (line.centered || is_credited(&line.text))
                            && line.text.chars().count() <= 300);
                    if awaiting_caption && is_caption {
                        if let Some(img) = images.last_mut() {
                            img.caption = Some(line.text);
                        }
                        awaiting_caption = false;
                        continue;
                    }
                    awaiting_caption = false;
                    // A figure's caption with no picture kept for it is still not body text.
                    if line.caption {
                        continue;
                    }
                    if std::mem::take(&mut after_label) && line.text.chars().count() <= 120 {
                        continue;
                    }
                    if self.labels.bare_label(&line.text).is_some() {
                        after_label = true;
                        continue;
                    }
                    let chars = line.text.chars().count();
                    let linked = line.link_chars * 2 > chars;
                    let listed = list_open && chars <= 200;
                    let meta = self.labels.is_meta_line(&line.text)
                        && !(prose_seen && self.labels.event_line(&line.text));
                    if line.text == title
                        || meta
                        || is_boilerplate(&line.text)
                        || (linked
                            && !listed
                            && !is_prose(&line.text)
                            && !is_attachment(&line.text))
                    {
                        list_open = false;
                        continue;
                    }
                    list_open = if linked {
                        list_open
                    } else {
                        announces_items(&line.text)
                    };
                    prose_seen = prose_seen || (!linked && chars >= 80);
                    body.push(line.text);
                }
            }
        }
        (body, images)
    }
}

impl Scraper {
    /// Joins the cells of each data-table row into one line, cells separated by a space: a row
    /// reads as one paragraph. A row that starts with a label (`Source`, `Release time`) is
    /// metadata and keeps its cells apart, for the labels to be passed over with their values.
    fn join_rows(&self, pieces: Vec<Piece>) -> Vec<Piece> {
        let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
        let mut open_row: Option<u32> = None;
        let mut meta_row: Option<u32> = None;
        for piece in pieces {
            match piece {
                Piece::Line(line) if line.row.is_some() => {
                    if open_row == line.row
                        && let Some(Piece::Line(prev)) = out.last_mut()
                    {
                        prev.text.push(' ');
                        prev.text.push_str(&line.text);
                        prev.link_chars += line.link_chars;
                        continue;
                    }
                    if meta_row != line.row && self.labels.bare_label(&line.text).is_some() {
                        meta_row = line.row;
                    }
                    open_row = if meta_row == line.row { None } else { line.row };
                    out.push(Piece::Line(line));
                }
                other => {
                    open_row = None;
                    out.push(other);
                }
            }
        }
        out
    }
}

/// A rough size of an element's text (script text included), enough to tell a text block from
/// an empty shell without walking it properly.
fn text_chars(el: ElementRef) -> usize {
    el.text()
        .map(|t| t.len() - t.matches(char::is_whitespace).count())
        .sum()
}

/// A date shown without a label: a `<time>` element, or an element named like a date
/// (`<span class="date">`), outside page furniture and list items (a list's dates belong to
/// other articles).
fn visible_date(doc: &Doc) -> Option<chrono::DateTime<chrono::FixedOffset>> {
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
) -> Option<chrono::DateTime<chrono::FixedOffset>> {
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
) -> Option<(String, chrono::DateTime<chrono::FixedOffset>)> {
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

/// True when a text block is a list of headlines with summaries (cards: a headline link, one
/// or two lines of summary or date, the next headline link…) rather than an article: three or
/// more such cycles covering most of its lines. An article with a related-news box before or
/// after its text, or a few `Read more` links between long runs of paragraphs, is not one.
fn reads_as_list(pieces: &[Piece]) -> bool {
    let lines: Vec<&text::Line> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Line(l) => Some(l),
            Piece::Image { .. } => None,
        })
        .collect();
    let headline = |l: &text::Line| {
        let n = l.text.chars().count();
        l.link_chars * 2 > n && (l.text.split_whitespace().count() >= 3 || n >= 8) && n <= 200
    };
    let mut cycles = 0;
    let mut covered = 0;
    let mut i = 0;
    while i < lines.len() {
        if !headline(lines[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < lines.len() && !headline(lines[j]) {
            j += 1;
        }
        let run = j - i - 1;
        if (1..=3).contains(&run) && (j < lines.len() || cycles >= 2) {
            cycles += 1;
            covered += run + 1;
        }
        i = j;
    }
    cycles >= 3 && covered * 3 >= lines.len() * 2
}

/// A line that reads as a sentence: long enough and ending like one, or of six words or more
/// ending with a full stop (`See the 2024 Transport Development Plan of Guangxi.`). A
/// paragraph wrapped in a link is still prose; a link list of headlines is not.
fn is_prose(line: &str) -> bool {
    let end = line.trim_end();
    (line.chars().count() >= 80
        && end.ends_with([
            '.', '!', '?', '。', '！', '？', '"', '”', '\'', '’', ')', '）',
        ]))
        || (end.ends_with(['.', '。'])
            && !end.ends_with("...")
            && line.split_whitespace().nth(5).is_some())
}

/// A line that credits a photo (`… (Photo by Lu Boan)`, `… [Photo/Xinhua]`, `… (Xinhua/Lu
/// Boan)`, `Photo: …`, `Photo by …`): under a picture, its caption, whether or not it is
/// centred.
fn is_credited(line: &str) -> bool {
    let t = line.trim_end();
    let head = t.get(..12).unwrap_or("").to_ascii_lowercase();
    if ["photo:", "photo by ", "photo taken", "photos:", "photo/"]
        .iter()
        .any(|w| head.starts_with(w))
    {
        return true;
    }
    // The last bracketed group: a photo's credit, or an agency and a name joined by a slash.
    let Some(close) = t
        .chars()
        .last()
        .filter(|c| matches!(c, ')' | ']' | '）' | '】'))
    else {
        return false;
    };
    let open = match close {
        ')' => '(',
        ']' => '[',
        '）' => '（',
        _ => '【',
    };
    let Some(start) = t.rfind(open) else {
        return false;
    };
    let group = &t[start + open.len_utf8()..t.len() - close.len_utf8()];
    if group.len() > 80 {
        return false;
    }
    let lower = group.to_lowercase();
    lower.contains("photo")
        || lower.contains("摄")
        || group.split_once('/').is_some_and(|(a, b)| {
            let name = |s: &str| {
                let s = s.trim();
                s.starts_with(|c: char| c.is_uppercase()) && s.split_whitespace().count() <= 4
            };
            name(a) && name(b)
        })
}

/// A line of the text that announces a list of its own (`The ten projects are:`), not a
/// pointer to more reading (`For more information, please visit:`, `Related stories:`).
fn announces_items(line: &str) -> bool {
    if !line.ends_with([':', '：']) {
        return false;
    }
    let lower = line.to_lowercase();
    ![
        "visit", "click", "more", "see also", "related", "read", "links", "follow", "website",
        "相关", "更多",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// A line naming an attachment of the article (`Attachment: 2024 Work Report.pdf`): a link,
/// but the article's own.
fn is_attachment(line: &str) -> bool {
    line.as_bytes()
        .get(..10)
        .is_some_and(|h| h.eq_ignore_ascii_case(b"attachment"))
        || line.starts_with("附件")
}

fn is_boilerplate(line: &str) -> bool {
    // A disclaimer closes an article but is not its text, whatever its length.
    if line.len() <= 1200 {
        let b = line.as_bytes();
        let disclaimer = b
            .get(..10)
            .is_some_and(|h| h.eq_ignore_ascii_case(b"disclaimer"))
            && !b.get(10).is_some_and(u8::is_ascii_alphabetic);
        if disclaimer || line.starts_with("免责声明") || line.starts_with("声明：") {
            return true;
        }
    }
    // Boilerplate is short (60 characters at most, below): a line of more than four times as
    // many bytes is longer, and is not lowered at all.
    if line.len() > 240 {
        return false;
    }
    let l = line.to_lowercase();
    if l.chars().count() > 60 {
        return false;
    }
    // Phrases that begin a bar or a box's heading, as whole words.
    let starts = [
        "share to",
        "share:",
        "【print】",
        "[print]",
        "previous:",
        "next:",
        "previous article",
        "next article",
        "related news",
        "related stories",
        "related articles",
        "related reading",
        "related links",
        "related content",
        "related coverage",
        "related:",
        "responsible editor",
        "【close】",
        "[close]",
        "back to top",
        "font size",
        "most read",
        "most popular",
        "most viewed",
        "hot news",
        "hot topics",
        "more news",
        "more photos",
        "latest news",
        "you may also like",
        "also read",
        "read also",
        "scan the qr code",
        "scan qr code",
        "follow us",
    ];
    if starts.iter().any(|s| {
        l.strip_prefix(s)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphabetic()))
    }) {
        return true;
    }
    // A button's word is boilerplate in a line of buttons alone (`Print | Close`, `Close
    // window`), not at the head of a sentence (`Close cooperation on border trade`).
    const BUTTONS: &[&str] = &[
        "print",
        "close",
        "recommended",
        "recommend",
        "window",
        "this",
        "page",
        "article",
        "share",
        "email",
        "top",
        "back",
        "to",
    ];
    let mut words = l
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let first = words.next();
    if matches!(first, Some("print" | "close" | "recommended"))
        && words.all(|w| BUTTONS.contains(&w))
    {
        return true;
    }
    // A copyright line names its sign, its year or its rights (`Copyright © 2021 …`), not a
    // subject (`Copyright protection for ASEAN films`).
    l.strip_prefix("copyright").is_some_and(|rest| {
        rest.contains('©')
            || rest.contains("(c)")
            || rest.contains("rights")
            || rest
                .as_bytes()
                .windows(4)
                .any(|w| w.iter().all(u8::is_ascii_digit))
    })
}

/// The decoded text of the corpus pages under `tests/fixtures/corpus`, of the named template
/// families or of all of them, for unit tests that check a fast path against the plain one.
#[cfg(test)]
pub(crate) fn corpus_texts(families: Option<&[&str]>) -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut dirs: Vec<std::path::PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|d| {
            families.is_none_or(|f| f.iter().any(|n| d.file_name().is_some_and(|x| x == *n)))
        })
        .collect();
    dirs.sort();
    let mut pages = Vec::new();
    for dir in dirs {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "html") {
                let bytes = std::fs::read(e.path()).unwrap();
                pages.push(crate::fetch::decode::decode(&bytes, None).text);
            }
        }
    }
    pages
}

/// Every text node of every corpus page (as [`corpus_texts`] reads them), for unit tests that
/// check a fast path on scraped text against the plain one.
#[cfg(test)]
pub(crate) fn corpus_text_nodes() -> Vec<String> {
    let mut nodes = Vec::new();
    for page in corpus_texts(None) {
        let html = Html::parse_document(&page);
        nodes.extend(html.root_element().text().map(str::to_string));
    }
    nodes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Share, print and close buttons are boilerplate; short text that starts with the same
    /// letters is not.
    #[test]
    fn boilerplate_is_told_by_whole_words() {
        for b in [
            "Print",
            "[Print]",
            "Close",
            "print | close",
            "Share to:",
            "Copyright © 2021",
            "Scan the QR code to share this article",
            "Follow us on WeChat.",
            "Also read:",
            "Disclaimer: This article is reproduced from other media for the purpose of passing on more information, and does not mean that this website agrees with its views.",
        ] {
            assert!(is_boilerplate(b), "{b}");
        }
        for t in [
            "Follow-up checks found no problems",
            "Disclaimers matter less",
        ] {
            assert!(!is_boilerplate(t), "{t}");
        }
        for t in [
            "Printing industry grows",
            "Closer ties with ASEAN",
            "Closely watched",
        ] {
            assert!(!is_boilerplate(t), "{t}");
        }
    }

    /// A photo's credit marks a caption; a sentence that starts with the word does not. A line
    /// announcing the text's own list opens one; a pointer to more reading does not.
    #[test]
    fn credits_and_announcements() {
        for c in [
            "Photo: Li Hua",
            "Photo by Lu Boan",
            "Workers at the site. (Xinhua/Lu Boan)",
            "Workers at the site. [Photo/Xinhua]",
        ] {
            assert!(is_credited(c), "{c}");
        }
        for t in [
            "Photo enthusiasts flocked to the park on Sunday.",
            "Photo exhibitions will open in five cities next week.",
            "The plan was approved on Tuesday. (Xinhua)",
        ] {
            assert!(!is_credited(t), "{t}");
        }
        assert!(announces_items("The ten projects are:"));
        for t in [
            "For more information, please visit:",
            "Related stories:",
            "Click here to read more:",
            "The ten projects are",
        ] {
            assert!(!announces_items(t), "{t}");
        }
    }

    /// Through the whole scraper: a sentence that is mostly a link, and an attachment's link,
    /// are the article's text; a list of related headlines is not.
    #[test]
    fn linked_sentences_and_attachments_stay_in_the_body() {
        let prose = "Guangxi will invest 120 billion yuan in transport infrastructure this year, \
                     including new expressways, railways and inland waterways.";
        let html = format!(
            "<html><head><title>Transport plan - Guangxi</title></head><body>\
             <div class=\"article\"><h1>Transport plan</h1>\
             <div class=\"info\">Update time: 2024-03-05 10:20 Source: Guangxi Daily</div>\
             <div id=\"content\"><p>{prose}</p>\
             <p>See the <a href=\"/plan.html\">2024 Transport Development Plan of Guangxi Zhuang Autonomous Region</a>.</p>\
             <p>Attachment: <a href=\"/files/plan.pdf\">2024 Transport Development Plan.pdf</a></p>\
             <p><a href=\"/news/1.html\">Nanning opens new metro line to the airport</a></p>\
             <p><a href=\"/news/2.html\">Guilin welcomes record numbers of tourists</a></p>\
             </div></div></body></html>"
        );
        let url = Url::parse("https://en.gxzf.gov.cn/news/t20240305_1.shtml").unwrap();
        let article = Scraper::default().scrape_article(&html, &url).unwrap();
        assert_eq!(
            article.body,
            [
                prose.to_string(),
                "See the 2024 Transport Development Plan of Guangxi Zhuang Autonomous Region."
                    .to_string(),
                "Attachment: 2024 Transport Development Plan.pdf".to_string(),
            ]
        );
        // Links listed after a line that announces them are the text's; after a related-news
        // heading they are not.
        let listed = html.replace(
            "<p><a href=\"/news/1.html\">",
            "<p>The ten projects are:</p><ul><li><a href=\"/p/1.html\">Pinglu Canal</a></li>\
             <li><a href=\"/p/2.html\">Nanning-Yulin high-speed railway</a></li></ul>\
             <p>Related news:</p><p><a href=\"/news/1.html\">",
        );
        let article = Scraper::default().scrape_article(&listed, &url).unwrap();
        assert_eq!(
            &article.body[3..],
            [
                "The ten projects are:",
                "Pinglu Canal",
                "Nanning-Yulin high-speed railway"
            ]
        );
    }

    /// Through the whole scraper: a short subheading that starts like a button stays in the
    /// body, and the buttons do not.
    #[test]
    fn subheadings_that_start_like_buttons_stay_in_the_body() {
        let prose = "Guangxi's printing and packaging firms reported higher output this year, \
                     with exports to ASEAN markets leading the growth.";
        let html = format!(
            "<html><head><title>Printing grows - Guangxi</title></head><body>\
             <div class=\"article\"><h1>Printing grows</h1>\
             <div class=\"info\">Update time: 2021-01-25 16:56 Source: Guangxi Daily</div>\
             <div id=\"content\"><p>{prose}</p><p>Printing industry grows</p><p>{prose}</p>\
             <p>Closer ties with ASEAN</p><p>{prose}</p><p>[Print] [Close]</p></div></div>\
             </body></html>"
        );
        let url = Url::parse("https://en.gxzf.gov.cn/news/t20210125_1.shtml").unwrap();
        let article = Scraper::default().scrape_article(&html, &url).unwrap();
        assert!(
            article.body.iter().any(|p| p == "Printing industry grows"),
            "{:?}",
            article.body
        );
        assert!(
            article.body.iter().any(|p| p == "Closer ties with ASEAN"),
            "{:?}",
            article.body
        );
        assert!(
            !article.body.iter().any(|p| p.contains("[Print]")),
            "{:?}",
            article.body
        );
    }
}
