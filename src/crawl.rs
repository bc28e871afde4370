//! The crawler: from the site's home page to its section lists, along their pagination, to the
//! articles the cache does not hold yet. Polite by default (the fetcher paces requests), never
//! fetches a URL twice in one crawl, and a page that fails is reported and skipped.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use url::Url;

use crate::fetch::{FetchError, Fetched, Fetcher};
use crate::model::{Article, ListLink, Page, PageKind, canonical_url};
use crate::scrape::Scraper;
use crate::store::{RawPage, Store, StoreError, Stored};

/// File endings of documents that are not web pages: recorded as attachments, never parsed.
const ATTACHMENT_ENDINGS: &[&str] = &[
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar", ".7z", ".wps",
    ".jpg", ".jpeg", ".png", ".gif", ".mp4", ".mp3", ".txt", ".csv",
];

fn is_attachment(url: &str) -> bool {
    let path = Url::parse(url)
        .map(|u| u.path().to_ascii_lowercase())
        .unwrap_or_default();
    ATTACHMENT_ENDINGS.iter().any(|e| path.ends_with(e))
}

/// Limits of one crawl.
#[derive(Debug, Clone)]
pub struct CrawlOptions {
    /// Articles fetched at most (cached ones do not count).
    pub max_articles: usize,
    /// Section list pages visited at most.
    pub max_sections: usize,
    /// Pages of one section's list followed at most.
    pub max_list_pages: usize,
}

impl Default for CrawlOptions {
    fn default() -> Self {
        CrawlOptions {
            max_articles: 200,
            max_sections: 30,
            max_list_pages: 3,
        }
    }
}

/// Where a crawl stands, for progress bars and the reader's status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Reading list pages: how many so far.
    Lists { done: usize },
    /// Fetching articles: `done` of `total`.
    Articles { done: usize, total: usize },
}

/// What a crawl did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CrawlReport {
    pub new: usize,
    pub updated: usize,
    /// One line per page that failed.
    pub failed: Vec<String>,
    /// Article links already in the cache, not fetched.
    pub cached: usize,
    /// Pages fetched in all (home, lists and articles).
    pub requests: usize,
    /// Links to PDFs and other documents, recorded and not parsed.
    pub attachments: usize,
    pub seconds: f64,
}

impl CrawlReport {
    /// The one-line summary `fetch` ends with.
    pub fn summary(&self) -> String {
        format!(
            "{} new, {} updated, {} failed, {} already cached, {} attachments, {} requests in {:.1} s",
            self.new,
            self.updated,
            self.failed.len(),
            self.cached,
            self.attachments,
            self.requests,
            self.seconds
        )
    }
}

/// Why a crawl could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum CrawlError {
    #[error("cannot reach the site: {0}")]
    Unreachable(FetchError),
    #[error("the site's home page {0} is neither a list nor has section links; check --site")]
    NoSections(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One crawl of a site.
pub struct Crawler {
    fetcher: Fetcher,
    scraper: Arc<Scraper>,
    opts: CrawlOptions,
}

impl Crawler {
    pub fn new(fetcher: Fetcher, scraper: Arc<Scraper>, opts: CrawlOptions) -> Crawler {
        Crawler {
            fetcher,
            scraper,
            opts,
        }
    }

    /// Fetches and scrapes a page. A non-HTML answer is `None` (an attachment).
    async fn page(&self, url: &Url) -> Result<(Option<Page>, Fetched), FetchError> {
        self.page_as(url, false).await
    }

    /// Fetches and scrapes a page; `front` marks the page the crawl starts from.
    async fn page_as(&self, url: &Url, front: bool) -> Result<(Option<Page>, Fetched), FetchError> {
        let fetched = self.fetcher.get(url).await?;
        if !fetched.is_html() {
            return Ok((None, fetched));
        }
        // Parsing is CPU work and `Html` is not Send: it runs on the blocking pool and only the
        // owned result comes back.
        let scraper = Arc::clone(&self.scraper);
        let url = url.clone();
        let (page, fetched) = tokio::task::spawn_blocking(move || {
            let text = fetched.text().text;
            let page = if front {
                scraper.scrape_front(&text, &url)
            } else {
                scraper.scrape_site_page(&text, &url)
            };
            (page, fetched)
        })
        .await
        .map_err(|e| FetchError::Body {
            url: String::new(),
            reason: e.to_string(),
        })?;
        Ok((Some(page), fetched))
    }

    /// Fetches the continuation pages of a multi-page article and joins them to it. Any page
    /// failing fails the article: it is stored whole or not at all.
    async fn whole_article(
        &self,
        first: Article,
        raw: Fetched,
    ) -> Result<(Article, Vec<RawPage>), String> {
        let mut raws = vec![raw_page(&first.url, raw)];
        let mut rest = Vec::new();
        for next in first.pages.clone() {
            let url = Url::parse(&next).map_err(|e| format!("{next}: {e}"))?;
            match self.page(&url).await.map_err(|e| e.to_string())? {
                (Some(p), raw) if p.kind == PageKind::Article => {
                    raws.push(raw_page(&next, raw));
                    rest.push(p.article);
                }
                _ => {
                    return Err(format!(
                        "{next}: page {} of {} is not part of the article",
                        rest.len() + 2,
                        first.url
                    ));
                }
            }
        }
        Ok((Scraper::join_pages(first, rest), raws))
    }

    /// Crawls `site` into `store`, reporting progress as it goes.
    pub async fn run(
        &self,
        site: &Url,
        store: &mut Store,
        progress: &(dyn Fn(Progress) + Send + Sync),
    ) -> Result<CrawlReport, CrawlError> {
        let started = Instant::now();
        let mut report = CrawlReport::default();
        let mut visited: HashSet<String> = HashSet::new();
        let site = canonical_url(site);
        visited.insert(site.to_string());

        let (home, _) = self
            .page_as(&site, true)
            .await
            .map_err(CrawlError::Unreachable)?;
        report.requests += 1;
        let mut links: Vec<ListLink> = Vec::new();
        let mut sections: Vec<String> = match home {
            Some(p) if p.kind == PageKind::List => {
                links.extend(p.list.links);
                p.list.sections
            }
            Some(p) if p.kind == PageKind::Other => p.list.sections,
            Some(_) | None => Vec::new(),
        };
        if sections.is_empty() && links.is_empty() {
            return Err(CrawlError::NoSections(site.to_string()));
        }
        sections.retain(|s| visited.insert(s.clone()));
        sections.truncate(self.opts.max_sections);

        // Sections in parallel (the fetcher bounds what is in flight), each along its pages.
        let concurrency = self.fetcher.config().concurrency.max(1);
        let mut lists_done = 0;
        let mut walks = futures::stream::iter(sections.into_iter().map(|s| self.walk_section(s)))
            .buffer_unordered(concurrency);
        while let Some(walk) = walks.next().await {
            report.requests += walk.requests;
            lists_done += walk.requests;
            report.failed.extend(walk.failed);
            links.extend(walk.links);
            // Articles met where a list was expected are stored as they come.
            for (a, raw) in walk.articles {
                match self.whole_article(a, raw).await {
                    Ok((a, raws)) => keep(store, stamp(a), &raws, &mut report).await?,
                    Err(e) => report.failed.push(e),
                }
            }
            visited.extend(walk.visited);
            progress(Progress::Lists { done: lists_done });
        }
        drop(walks);

        // Documents are recorded, not parsed.
        let (docs, mut links): (Vec<ListLink>, Vec<ListLink>) =
            links.into_iter().partition(|l| is_attachment(&l.url));
        let mut seen_docs = HashSet::new();
        for d in docs.iter().filter(|d| seen_docs.insert(d.url.clone())) {
            store.put_attachment(&d.url, Some(&d.title), None, None)?;
        }
        report.attachments = seen_docs.len();

        // The articles not cached yet, each once, in list order; a list linking the second page
        // of an article it also links does not make that page an article of its own.
        let mut seen = HashSet::new();
        links.retain(|l| seen.insert(l.url.clone()) && !visited.contains(&l.url));
        let firsts: Vec<String> = links.iter().map(|l| l.url.clone()).collect();
        links.retain(|l| !firsts.iter().any(|f| crate::scrape::continues(f, &l.url)));
        let known = store.known_urls(links.iter().map(|l| l.url.as_str()))?;
        report.cached = known.len();
        let todo: Vec<Url> = links
            .iter()
            .filter(|l| !known.contains(&l.url))
            .filter_map(|l| Url::parse(&l.url).ok())
            .take(self.opts.max_articles)
            .collect();
        let total = todo.len();
        progress(Progress::Articles { done: 0, total });
        let mut fetches = futures::stream::iter(todo.into_iter().map(|u| async move {
            let r = match self.page(&u).await {
                Ok((Some(p), raw)) if p.kind == PageKind::Article => {
                    let mut a = p.article;
                    a.url = u.to_string();
                    let pages = a.pages.len();
                    Fetch::Article(self.whole_article(a, raw).await.map(Box::new), 1 + pages)
                }
                Ok((None, raw)) => Fetch::Document(raw.content_type),
                Ok((Some(_), _)) => Fetch::NotArticle,
                Err(e) => Fetch::Failed(e.to_string()),
            };
            (u, r)
        }))
        .buffer_unordered(concurrency);
        let mut done = 0;
        while let Some((url, result)) = fetches.next().await {
            done += 1;
            match result {
                Fetch::Article(Ok(whole), pages) => {
                    let (a, raws) = *whole;
                    report.requests += pages;
                    keep(store, stamp(a), &raws, &mut report).await?;
                }
                Fetch::Article(Err(e), pages) => {
                    report.requests += pages;
                    report.failed.push(e);
                }
                Fetch::Document(ct) => {
                    report.requests += 1;
                    report.attachments += 1;
                    store.put_attachment(url.as_str(), None, None, ct.as_deref())?;
                }
                Fetch::NotArticle => {
                    report.requests += 1;
                    tracing::info!(%url, "linked page is not an article; skipped");
                }
                Fetch::Failed(e) => {
                    report.requests += 1;
                    tracing::warn!(error = %e, "page failed");
                    report.failed.push(e);
                }
            }
            progress(Progress::Articles { done, total });
        }
        report.seconds = started.elapsed().as_secs_f64();
        Ok(report)
    }

    /// Follows one section's list pages up to the page limit.
    async fn walk_section(&self, start: String) -> SectionWalk {
        let mut walk = SectionWalk::default();
        let mut next = Some(start);
        let mut pages = 0;
        while let Some(url) = next.take() {
            if pages >= self.opts.max_list_pages {
                break;
            }
            let Ok(u) = Url::parse(&url) else { break };
            walk.visited.push(url.clone());
            pages += 1;
            walk.requests += 1;
            match self.page(&u).await {
                Ok((Some(p), raw)) => match p.kind {
                    PageKind::List => {
                        walk.links.extend(p.list.links);
                        next = p.list.next.filter(|n| !walk.visited.contains(n));
                    }
                    PageKind::Article => walk.articles.push((p.article, raw)),
                    PageKind::Other => {}
                },
                Ok(_) => {}
                Err(e) => walk.failed.push(e.to_string()),
            }
        }
        walk
    }
}

/// What fetching one linked page came to.
enum Fetch {
    /// An article (with how many pages it took), or why it could not be had whole.
    Article(Result<Box<(Article, Vec<RawPage>)>, String>, usize),
    /// A document that is not a web page, with its content type.
    Document(Option<String>),
    NotArticle,
    Failed(String),
}

fn raw_page(url: &str, f: Fetched) -> RawPage {
    RawPage {
        url: url.to_string(),
        content_type: f.content_type,
        bytes: f.bytes,
    }
}

#[derive(Default)]
struct SectionWalk {
    links: Vec<ListLink>,
    articles: Vec<(Article, Fetched)>,
    failed: Vec<String>,
    visited: Vec<String>,
    requests: usize,
}

fn stamp(mut a: Article) -> Article {
    a.fetched_at = Some(chrono::Utc::now().fixed_offset());
    a
}

/// Times a write the cache was too busy for is tried again, after [`BUSY_PAUSE`] times the
/// attempt: another gxnews (a reader marking articles read) holds the write lock only briefly.
const BUSY_RETRIES: u32 = 5;
const BUSY_PAUSE: Duration = Duration::from_millis(200);

/// Stores an article. A cache still busy after the store's own wait is tried again a few
/// times; an article it cannot store even then is reported failed, and the crawl goes on.
/// Any other cache error ends the crawl.
async fn keep(
    store: &mut Store,
    a: Article,
    raws: &[RawPage],
    report: &mut CrawlReport,
) -> Result<(), CrawlError> {
    for attempt in 1..=BUSY_RETRIES {
        match store.put_with_pages(&a, raws) {
            Ok(out) => {
                count(report, out);
                return Ok(());
            }
            Err(StoreError::Busy) => {
                tracing::warn!(url = %a.url, attempt, "the cache is busy; trying again");
                tokio::time::sleep(BUSY_PAUSE * attempt).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    report.failed.push(format!(
        "{}: the cache stayed busy; not stored this time",
        a.url
    ));
    Ok(())
}

fn count(report: &mut CrawlReport, out: Stored) {
    match out {
        Stored::New(_) => report.new += 1,
        Stored::Updated(_) => report.updated += 1,
        Stored::Unchanged(_) => {}
    }
}
