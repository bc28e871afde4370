//! The crawler: from the site's home page to its section lists, along their pagination, to the
//! articles the cache does not hold yet. Polite by default (the fetcher paces requests), never
//! fetches a URL twice in one crawl, and a page that fails is reported and skipped.

mod plan;
mod writer;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use tokio::sync::Semaphore;
use url::Url;

use crate::fetch::{FetchError, Fetched, Fetcher};
use crate::model::{Article, ListLink, Page, PageKind, canonical_url};
use crate::scrape::{PAGE_BUDGET, Scraper, TooComplex};
use crate::store::{PackedPage, RawPage, Store, StoreError};
use plan::{Admit, Plan};
use writer::{Write, Writer};

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
    /// How long reading one page may take before it is skipped as too complex.
    pub page_budget: Duration,
}

impl Default for CrawlOptions {
    fn default() -> Self {
        CrawlOptions {
            max_articles: 200,
            max_sections: 30,
            max_list_pages: 3,
            page_budget: PAGE_BUDGET,
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
    /// Seconds the crawl waited for the cache to take what it fetched (the writer's queue
    /// full): fetching stood still that long.
    pub waited: f64,
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
    #[error("cannot read the site's home page: {0}")]
    Unreadable(TooComplex),
    #[error("the site's home page {0} is neither a list nor has section links; check --site")]
    NoSections(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a page of the crawl could not be had: not fetched, or fetched and too complex to read.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error("{url}: {reason}")]
    TooComplex { url: String, reason: TooComplex },
}

/// One crawl of a site.
pub struct Crawler {
    fetcher: Fetcher,
    scraper: Arc<Scraper>,
    opts: CrawlOptions,
    /// Pages being scraped at once: no more than the cores left beside the cache writer.
    scraping: Arc<Semaphore>,
    /// Lists and articles between their first request and their end: enough for every
    /// request slot and every scraping slot to be busy at once, and no more, so that pages
    /// fetched faster than they are scraped wait in the fetcher, not in memory.
    in_hand: Semaphore,
}

/// Pages scraped at once: one per core but one, which the cache writer keeps. More only take
/// turns, and the writer, one thread that must keep up with all of them, would get a smaller
/// share of the machine the more of them run.
fn scraping_slots() -> usize {
    std::thread::available_parallelism().map_or(1, |n| usize::from(n).saturating_sub(1).max(1))
}

impl Crawler {
    pub fn new(fetcher: Fetcher, scraper: Arc<Scraper>, opts: CrawlOptions) -> Crawler {
        let slots = scraping_slots();
        let in_hand = Semaphore::new(fetcher.config().concurrency.max(1) + slots);
        Crawler {
            in_hand,
            fetcher,
            scraper,
            opts,
            scraping: Arc::new(Semaphore::new(slots)),
        }
    }

    /// Fetches and scrapes a page. A non-HTML answer is `None` (an attachment).
    async fn page(&self, url: &Url) -> Result<(Option<Page>, Fetched), PageError> {
        self.page_as(url, false).await
    }

    /// Fetches and scrapes a page; `front` marks the page the crawl starts from.
    async fn page_as(&self, url: &Url, front: bool) -> Result<(Option<Page>, Fetched), PageError> {
        let fetched = self.fetcher.get(url).await?;
        if !fetched.is_html() {
            return Ok((None, fetched));
        }
        // Parsing is CPU work and `Html` is not Send: it runs on the blocking pool and only the
        // owned result comes back.
        let scraper = Arc::clone(&self.scraper);
        let (url, budget) = (url.clone(), self.opts.page_budget);
        let slot = Arc::clone(&self.scraping).acquire_owned().await;
        let (page, fetched) = tokio::task::spawn_blocking(move || {
            let _slot = slot;
            let text = fetched.text().text;
            let page = if front {
                scraper.scrape_front(&text, &url, budget)
            } else {
                scraper.scrape_site_page(&text, &url, budget)
            };
            let page = page.map_err(|reason| PageError::TooComplex {
                url: url.to_string(),
                reason,
            });
            (page, fetched)
        })
        .await
        .map_err(|e| FetchError::Body {
            url: String::new(),
            reason: e.to_string(),
        })?;
        Ok((Some(page?), fetched))
    }

    /// Fetches the continuation pages of a multi-page article and joins them to it. Any page
    /// failing fails the article: it is stored whole or not at all.
    async fn whole_article(
        &self,
        first: Article,
        raw: Fetched,
    ) -> Result<(Article, Vec<PackedPage>), String> {
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
        Ok((Scraper::join_pages(first, rest), Self::pack(raws).await?))
    }

    /// Compresses an article's pages for the cache on the blocking pool: CPU work, kept off the
    /// crawl's loop and off the cache writer, which has only one thread. It takes no scraping
    /// slot: waiting for one behind the pages queued to be scraped would leave the writer idle.
    async fn pack(raws: Vec<RawPage>) -> Result<Vec<PackedPage>, String> {
        tokio::task::spawn_blocking(move || raws.iter().map(RawPage::pack).collect())
            .await
            .map_err(|e| e.to_string())
    }

    /// Crawls `site` into `store`, reporting progress as it goes. Lists and articles run in
    /// one pipeline: the articles a list page links are fetched as soon as that page is read,
    /// so a slow list page delays only its own section.
    pub async fn run(
        &self,
        site: &Url,
        store: &mut Store,
        progress: &(dyn Fn(Progress) + Send + Sync),
    ) -> Result<CrawlReport, CrawlError> {
        let started = Instant::now();
        let mut report = CrawlReport::default();
        let site = canonical_url(site);
        let (home, _) = self.page_as(&site, true).await.map_err(|e| match e {
            PageError::Fetch(e) => CrawlError::Unreachable(e),
            PageError::TooComplex { reason, .. } => CrawlError::Unreadable(reason),
        })?;
        report.requests += 1;
        let (sections, links) = match home {
            Some(p) if p.kind == PageKind::List => (p.list.sections, p.list.links),
            Some(p) if p.kind == PageKind::Other => (p.list.sections, Vec::new()),
            Some(_) | None => (Vec::new(), Vec::new()),
        };
        if sections.is_empty() && links.is_empty() {
            return Err(CrawlError::NoSections(site.to_string()));
        }
        let mut run = Run {
            plan: Plan::new(self.opts.max_articles),
            jobs: FuturesUnordered::new(),
            report,
            lists: 0,
            articles: 0,
            writer: Writer::start(store)?,
        };
        run.plan.visit(site.as_str());
        for s in sections
            .into_iter()
            .filter(|s| run.plan.visit(s))
            .take(self.opts.max_sections)
        {
            run.jobs.push(self.list_job(s, 1));
        }
        self.admit(&mut run, links, store).await?;
        while let Some(done) = run.jobs.next().await {
            match done {
                Done::List { url, page, result } => {
                    self.on_list(&mut run, url, page, *result, store).await?;
                    progress(Progress::Lists { done: run.lists });
                }
                Done::Article { url, result } => {
                    self.on_article(&mut run, url, result).await?;
                    progress(run.articles_progress());
                }
            }
        }
        progress(run.articles_progress());
        let (tally, waited) = run.writer.finish().await?;
        let mut report = run.report;
        report.new += tally.new;
        report.updated += tally.updated;
        report.failed.extend(tally.failed);
        report.cached = run.plan.cached;
        report.waited = waited.as_secs_f64();
        report.seconds = started.elapsed().as_secs_f64();
        Ok(report)
    }

    /// A list page to fetch: the `page`th of its section.
    fn list_job(&self, url: String, page: usize) -> Job<'_> {
        Box::pin(async move {
            let _in_hand = self.in_hand.acquire().await;
            let result = match Url::parse(&url) {
                Ok(u) => self.page(&u).await,
                Err(_) => Err(FetchError::BadUrl { url: url.clone() }.into()),
            };
            Done::List {
                url,
                page,
                result: Box::new(result),
            }
        })
    }

    /// An article to fetch whole (its continuation pages too).
    fn article_job(&self, url: Url) -> Job<'_> {
        Box::pin(async move {
            let _in_hand = self.in_hand.acquire().await;
            let result = match self.page(&url).await {
                Ok((Some(p), raw)) if p.kind == PageKind::Article => {
                    let mut a = p.article;
                    a.url = url.to_string();
                    let pages = a.pages.len();
                    Fetch::Article(self.whole_article(a, raw).await.map(Box::new), 1 + pages)
                }
                Ok((None, raw)) => Fetch::Document(raw.content_type),
                Ok((Some(_), _)) => Fetch::NotArticle,
                Err(e) => Fetch::Failed(e.to_string()),
            };
            Done::Article { url, result }
        })
    }

    /// Plans a list's links: fetches queued at once, documents recorded. The store is only
    /// read here, but taken `&mut`: a `&Store` held across an await would make the crawl's
    /// future not `Send` (a connection is not `Sync`).
    async fn admit<'a>(
        &'a self,
        run: &mut Run<'a>,
        links: Vec<ListLink>,
        store: &mut Store,
    ) -> Result<(), StoreError> {
        let mut known_err = None;
        let admitted = run.plan.admit(links, |urls| {
            store.known_urls(urls.iter().copied()).unwrap_or_else(|e| {
                known_err = Some(e);
                Default::default()
            })
        });
        if let Some(e) = known_err {
            return Err(e);
        }
        for a in admitted {
            match a {
                Admit::Fetch(u) => run.jobs.push(self.article_job(u)),
                Admit::Document(url, title) => {
                    let doc = Write::attachment(url, Some(title), None);
                    run.writer.send(doc).await?;
                    run.report.attachments += 1;
                }
            }
        }
        Ok(())
    }

    /// A list page read: its links planned, its next page queued (within the page limit); an
    /// article met where a list was expected is stored as it comes.
    async fn on_list<'a>(
        &'a self,
        run: &mut Run<'a>,
        url: String,
        page: usize,
        result: Result<(Option<Page>, Fetched), PageError>,
        store: &mut Store,
    ) -> Result<(), CrawlError> {
        run.report.requests += 1;
        run.lists += 1;
        match result {
            Ok((Some(p), raw)) => match p.kind {
                PageKind::List => {
                    let next = p.list.next.clone();
                    self.admit(run, p.list.links, store).await?;
                    if let Some(n) =
                        next.filter(|n| page < self.opts.max_list_pages && run.plan.visit(n))
                    {
                        run.jobs.push(self.list_job(n, page + 1));
                    }
                }
                PageKind::Article => match self.whole_article(p.article, raw).await {
                    Ok((a, raws)) => run.writer.send(article(a, raws)).await?,
                    Err(e) => run.report.failed.push(e),
                },
                PageKind::Other => {}
            },
            Ok((None, _)) => {}
            Err(e) => {
                tracing::warn!(%url, error = %e, "list page failed");
                run.report.failed.push(e.to_string());
            }
        }
        Ok(())
    }

    /// An article fetched (or failed): stored, recorded or reported.
    async fn on_article(
        &self,
        run: &mut Run<'_>,
        url: Url,
        result: Fetch,
    ) -> Result<(), CrawlError> {
        run.articles += 1;
        let report = &mut run.report;
        match result {
            Fetch::Article(Ok(whole), pages) => {
                let (a, raws) = *whole;
                report.requests += pages;
                run.writer.send(article(a, raws)).await?;
            }
            Fetch::Article(Err(e), pages) => {
                report.requests += pages;
                report.failed.push(e);
            }
            Fetch::Document(ct) => {
                report.requests += 1;
                report.attachments += 1;
                let doc = Write::attachment(url.to_string(), None, ct);
                run.writer.send(doc).await?;
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
        Ok(())
    }
}

/// A page fetch in the pipeline.
type Job<'a> = Pin<Box<dyn Future<Output = Done> + Send + 'a>>;

/// A fetch that finished.
enum Done {
    List {
        url: String,
        page: usize,
        result: Box<Result<(Option<Page>, Fetched), PageError>>,
    },
    Article {
        url: Url,
        result: Fetch,
    },
}

/// One crawl under way: its plan, its fetches in flight, and what it has done so far.
struct Run<'a> {
    plan: Plan,
    jobs: FuturesUnordered<Job<'a>>,
    report: CrawlReport,
    lists: usize,
    articles: usize,
    /// Stores what the crawl fetched, on a thread of its own.
    writer: Writer,
}

impl Run<'_> {
    fn articles_progress(&self) -> Progress {
        Progress::Articles {
            done: self.articles,
            total: self.plan.queued,
        }
    }
}

/// What fetching one linked page came to.
enum Fetch {
    /// An article (with how many pages it took), or why it could not be had whole.
    Article(Result<Box<(Article, Vec<PackedPage>)>, String>, usize),
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

/// An article fetched whole, stamped with the time, as a write for the cache.
fn article(mut a: Article, raws: Vec<PackedPage>) -> Write {
    a.fetched_at = Some(chrono::Utc::now().fixed_offset());
    Write::Article(Box::new((a, raws)))
}
