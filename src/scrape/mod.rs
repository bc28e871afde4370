//! Scraping: pure functions from a page's HTML and URL to a [`Page`]: its kind, the reason for
//! it, and everything found on it. No IO, no clock, no globals; selectors are compiled once in
//! the [`Profile`].
//!
//! The stages, each called once:
//! 1. **parse** the page once ([`doc::Doc`]: metadata tags, JSON-LD, the profile's matches and
//!    the densest text block, gathered in one walk);
//! 2. **page facts** ([`facts`]: what each element is: hidden, furniture, centred …);
//! 3. **readers propose candidates** for each field, each with its origin ([`candidate`]): the
//!    breadcrumb ([`crumbs`]), the text block ([`block`]), the headline ([`title`]), labelled
//!    metadata ([`info`]), tags and JSON-LD ([`meta`]), dates shown on the page or in its
//!    address ([`dates`]), and the page's list of links ([`list`]);
//! 4. **classify** the page by one ordered table of reasons ([`classify`]);
//! 5. **assemble** one value per field by written precedence ([`assemble`]), recording why.

mod assemble;
mod candidate;
mod classify;
pub mod date;
mod doc;
pub mod dom;
mod jsonld;
pub mod prescan;
pub mod profile;
pub mod read;
pub mod rules;

use std::time::{Duration, Instant};

use url::Url;

use crate::model::{Article, ListPage, Page, PageKind, canonical_url};
pub use assemble::{FieldTrace, Trace};
use candidate::{Candidates, Reader, propose};
use classify::Evidence;
use doc::{Doc, is_front_url};
pub use profile::Profile;
use read::labels::{LabelMatcher, byline};
use read::{block, crumbs, dates, generic, info, list, meta, pages, title};
pub use rules::Rules;

/// The version of the extractor. Raise it when extraction changes, so `gxnews reindex` tells
/// which cached articles an older extractor read.
pub const EXTRACTOR_VERSION: u32 = 9;

/// True when `link` is a continuation page (`_2`, `?page=2`) of the article at `first`.
pub fn continues(first: &str, link: &str) -> bool {
    match (Url::parse(first), Url::parse(link)) {
        (Ok(f), Ok(l)) => pages::page_number(&f, &l).is_some(),
        _ => false,
    }
}

/// A site's host without its `www.`.
fn site_host(url: &Url) -> Option<String> {
    url.host_str()
        .map(|h| h.trim_start_matches("www.").to_ascii_lowercase())
}

/// Why a page is not an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScrapeError {
    #[error("not an article page (it looks like a {0} page)")]
    NotAnArticle(&'static str),
}

/// How long reading one page may take in a crawl, a reindex or `gxnews parse` before it is
/// given up as too complex. Real pages take milliseconds, and a page capped by [`prescan`]
/// under 2 s; the rest of the budget is for a slow or busy machine.
pub const PAGE_BUDGET: Duration = Duration::from_secs(10);

/// A page that could not be read within its budget.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("page too complex, skipped (not read within {})", in_words(*.0))]
pub struct TooComplex(pub Duration);

/// A budget as it is read: whole seconds, or milliseconds under a second.
fn in_words(d: Duration) -> String {
    match d.as_secs() {
        0 => format!("{} ms", d.as_millis()),
        s => format!("{s} s"),
    }
}

/// The scraper for one site profile. Cheap to share; holds only compiled selectors and labels.
#[derive(Debug, Clone)]
pub struct Scraper {
    profile: Profile,
    rules: Rules,
    labels: LabelMatcher,
    /// The host of the site being read, besides the profile's own: its pages are the site's.
    site: Option<String>,
}

impl Default for Scraper {
    fn default() -> Self {
        Scraper::new(Profile::default())
    }
}

impl Scraper {
    /// A scraper for a profile, with the built-in rules.
    pub fn new(profile: Profile) -> Scraper {
        Scraper::with_rules(profile, Rules::default())
    }

    /// A scraper for a profile and rules.
    pub fn with_rules(profile: Profile, rules: Rules) -> Scraper {
        let labels = LabelMatcher::new(&profile.labels, &rules);
        Scraper {
            profile,
            rules,
            labels,
            site: None,
        }
    }

    /// The same scraper reading `site`: its pages are read as the site's own (titles from
    /// their headlines), as the profile's site is.
    pub fn for_site(mut self, site: &Url) -> Scraper {
        self.site = site_host(site);
        self
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Scrapes a page: its kind, why, and everything found on it.
    pub fn scrape(&self, html: &str, url: &Url) -> Page {
        self.explain(html, url).0
    }

    /// Scrapes a page of the site being crawled (a crawl never leaves its site): read as the
    /// site's own, wherever the site lives, given up when it takes longer than `budget`.
    pub fn scrape_site_page(
        &self,
        html: &str,
        url: &Url,
        budget: Duration,
    ) -> Result<Page, TooComplex> {
        let page = self.scrape_as(html, url, is_front_url(url), true, Some(budget));
        page.map(|(p, _)| p)
    }

    /// Scrapes the page a crawl starts from: the site's front page, wherever it lives.
    pub fn scrape_front(
        &self,
        html: &str,
        url: &Url,
        budget: Duration,
    ) -> Result<Page, TooComplex> {
        let page = self.scrape_as(html, url, true, true, Some(budget));
        page.map(|(p, _)| p)
    }

    /// Scrapes a page and says how: the reason for its kind, and for each field the rule that
    /// chose its value and the candidates that lost.
    pub fn explain(&self, html: &str, url: &Url) -> (Page, Trace) {
        self.scrape_as(html, url, is_front_url(url), self.own_site(url), None)
            .expect("a scrape without a budget always finishes")
    }

    /// [`Scraper::explain`] given up when it takes longer than `budget`.
    pub fn explain_within(
        &self,
        html: &str,
        url: &Url,
        budget: Duration,
    ) -> Result<(Page, Trace), TooComplex> {
        self.scrape_as(
            html,
            url,
            is_front_url(url),
            self.own_site(url),
            Some(budget),
        )
    }

    /// The stages: parse, readers, classify, assemble; with a budget, each stage starts only
    /// while time is left.
    fn scrape_as(
        &self,
        html: &str,
        url: &Url,
        front: bool,
        own_site: bool,
        budget: Option<Duration>,
    ) -> Result<(Page, Trace), TooComplex> {
        let deadline = budget.map(|b| Instant::now() + b);
        let over = || TooComplex(budget.unwrap_or_default());
        let in_time = || deadline.is_none_or(|d| Instant::now() <= d);
        let parsed = prescan::parse(html, url.as_str(), deadline).ok_or_else(over)?;
        let doc = Doc::new(&parsed, url, &self.profile, &self.rules);
        let page_url = canonical_url(url).to_string();
        let mut found = Candidates::default();
        let (mut evidence, body) = self
            .read(&doc, url, &page_url, &mut found, &in_time)
            .ok_or_else(over)?;
        evidence.front = front;
        // The page's list is read when its kind may hang on it: a front page, a short text, or
        // a page the text block does not make an article.
        let listed = if classify::needs_list(&evidence) {
            let (listed, confident) = list::list_page(&doc, &self.profile, front);
            list::weigh(&listed, confident, &mut evidence);
            listed
        } else {
            ListPage::default()
        };
        if !in_time() {
            return Err(over());
        }
        if let Some(c) = doc.meta(&["columnname"]) {
            propose(&mut found.name, c, Reader::GovMeta, "<meta ColumnName>");
        }
        let crumbs = found.breadcrumb.first().map(|c| c.value.as_slice());
        if let Some(n) = title::page_name(&doc, crumbs.unwrap_or_default()) {
            propose(&mut found.name, n, Reader::Heading, "naming the page");
        }
        self.names_only(&mut found);
        let verdict = classify::classify(&evidence);
        let extra = assemble::Extra {
            url: page_url,
            own_site,
            pages: pages::continuation(&doc),
            list: listed,
            body,
        };
        Ok(assemble::assemble(verdict, &found, extra))
    }

    /// The authors the readers proposed, each made a name fit to show, or dropped when it
    /// names nobody (an address, a dash, a date line).
    fn names_only(&self, found: &mut Candidates) {
        for names in [&mut found.author, &mut found.byline] {
            names.retain_mut(|c| match byline::person(&self.rules.bylines, &c.value) {
                Some(p) => {
                    c.value = p;
                    true
                }
                None => false,
            });
        }
    }

    /// True for a page on the profile's site or the site being read (`www.` aside).
    fn own_site(&self, url: &Url) -> bool {
        let host = site_host(url);
        host.is_some()
            && (host == self.site
                || Url::parse(&self.profile.home).is_ok_and(|home| site_host(&home) == host))
    }

    /// The readers that look at the page as an article: each proposes what it finds. Returns
    /// what they found that bears on the page's kind, and the text chosen; `None` when time ran
    /// out.
    fn read(
        &self,
        doc: &Doc,
        url: &Url,
        page_url: &str,
        found: &mut Candidates,
        in_time: &dyn Fn() -> bool,
    ) -> Option<(Evidence, Option<assemble::BodyChoice>)> {
        let body_el = doc.body.unwrap_or(doc.html.root_element());
        let (crumb_el, trail) = crumbs::breadcrumb(doc, body_el);
        if !trail.is_empty() {
            propose(&mut found.breadcrumb, trail.clone(), Reader::Trail, "");
        }
        if let Some(s) = crumbs::menu_section(doc, &self.profile.nav_links, crumb_el, &trail) {
            propose(&mut found.section, s, Reader::Trail, "in the site's menu");
        }
        let mut block = block::find(doc, crumb_el);
        let headline = title::headline(doc, block.as_ref().map(|b| b.container), &trail);
        if let Some(h) = &headline {
            propose(&mut found.title, h.clone(), Reader::Heading, "");
        }
        let title_text = headline.as_deref().unwrap_or_default();
        if let Some(b) = block.as_mut() {
            let pieces = std::mem::take(&mut b.pieces);
            let body = block::paragraphs(doc, &self.labels, pieces, title_text);
            let (reader, detail) = if b.by_profile {
                (Reader::Profile, "content selector")
            } else {
                (Reader::TextBlock, "densest block of text")
            };
            propose(&mut found.body, body, reader, detail);
        }
        if !in_time() {
            return None;
        }
        self.read_generic(doc, url, title_text, found);
        if !in_time() {
            return None;
        }
        let labelled = info::read(doc, &self.labels, block.as_ref(), found);
        if let Some(a) = &doc.author {
            propose(
                &mut found.author,
                a.clone(),
                Reader::AuthorElement,
                "rel, itemprop or class author",
            );
        }
        meta::read(doc, found);
        if let Some(a) = &doc.byline {
            propose(
                &mut found.author,
                a.clone(),
                Reader::AuthorElement,
                "a byline's class",
            );
        }
        let (container, lines) = match &block {
            Some(b) => (Some(b.container), b.lines.as_slice()),
            None => (None, &[][..]),
        };
        dates::read(doc, container, lines, headline.as_deref(), url, found);
        Some(evidence(
            doc,
            found,
            block.as_ref(),
            headline.as_deref(),
            &labelled,
            url,
            page_url,
        ))
    }

    /// The generic extractor's reading: its body, title and byline.
    fn read_generic(&self, doc: &Doc, url: &Url, title_text: &str, found: &mut Candidates) {
        if let Some(g) = generic::read(doc, url) {
            let body = block::paragraphs(doc, &self.labels, g.pieces, title_text);
            propose(&mut found.body, body, Reader::Generic, "");
            if let Some(t) = g.title {
                propose(&mut found.title, t, Reader::Generic, "");
            }
            if let Some(b) = g.byline {
                propose(&mut found.byline, b, Reader::Generic, "byline");
            }
        }
    }

    /// Joins the continuation pages of a multi-page article to its first page: paragraphs,
    /// images and links in page order and in their places, an image met twice kept once.
    pub fn join_pages(mut first: Article, rest: Vec<Article>) -> Article {
        for page in rest {
            let offset = first.body.len();
            first.body.extend(page.body);
            for mut img in page.images {
                if !first.images.iter().any(|i| i.url == img.url) {
                    img.at = img.at.map(|at| at + offset);
                    first.images.push(img);
                }
            }
            first.links.extend(page.links.into_iter().map(|mut l| {
                l.paragraph += offset;
                l
            }));
        }
        first.pages.clear();
        first
    }

    /// Scrapes an article page; a page of another kind is an error.
    pub fn scrape_article(&self, html: &str, url: &Url) -> Result<Article, ScrapeError> {
        let page = self.scrape(html, url);
        match page.kind {
            PageKind::Article => Ok(page.article),
            PageKind::List => Err(ScrapeError::NotAnArticle("list")),
            PageKind::Other => Err(ScrapeError::NotAnArticle("non-article")),
        }
    }
}

/// What the readers found that bears on the page's kind, and the text the page will show.
fn evidence(
    doc: &Doc,
    found: &Candidates,
    block: Option<&block::Block>,
    headline: Option<&str>,
    labelled: &info::LabelEvidence,
    url: &Url,
    page_url: &str,
) -> (Evidence, Option<assemble::BodyChoice>) {
    let generic = found
        .body
        .iter()
        .find(|b| b.origin.reader == Reader::Generic);
    let choice = assemble::choose_body(&found.body);
    // The text measured is the one the page will show: the one the assembler takes.
    let body = choice.map(|ch| &found.body[ch.index]);
    let generic_body = body.is_some_and(|b| b.origin.reader == Reader::Generic);
    let body = body.map(|b| &b.value);
    let evidence = Evidence {
        generic_chars: generic.map_or(0, |g| g.value.chars()),
        generic_body,
        declared_article: meta::declares_article(doc),
        error_page: title::is_error_page(doc),
        text_block: block.is_some(),
        block_is_list: block.is_some_and(|b| b.reads_as_list),
        headline: headline.is_some(),
        teaser: headline.is_some_and(|t| title::is_teaser(doc, t, page_url)),
        body_chars: body.map_or(0, |b| b.chars()),
        body_paragraphs: body.map_or(0, |b| b.paragraphs.len()),
        images: body.map_or(0, |b| b.images.len()),
        labelled_near: labelled.near,
        labelled_any: labelled.any,
        own_meta: !found.source.is_empty()
            || !found.editor.is_empty()
            || !found.author.is_empty()
            || found.views.iter().any(|v| v.value.is_some()),
        dated: found
            .published
            .iter()
            .any(|p| !matches!(p.origin.reader, Reader::Url | Reader::Script | Reader::Text)),
        dated_loosely: !found.published.is_empty(),
        dated_url: date::date_in_url(url.path()).is_some(),
        ..Evidence::default()
    };
    (evidence, choice)
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
        let html = scraper::Html::parse_document(&page);
        nodes.extend(html.root_element().text().map(str::to_string));
    }
    nodes
}

#[cfg(test)]
mod tests {
    use super::*;

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
