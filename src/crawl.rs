//! The crawler: from the site's home page to its section lists, along their pagination, to the
//! articles the cache does not hold yet. Polite by default (the fetcher paces requests), never
//! fetches a URL twice in one crawl, and a page that fails is reported and skipped.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

use futures::StreamExt;
use url::Url;

use crate::fetch::{FetchError, Fetcher};
use crate::model::{ListLink, Page, canonical_url};
use crate::scrape::Scraper;
use crate::store::{Store, StoreError, Stored};

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
    pub seconds: f64,
}

impl CrawlReport {
    /// The one-line summary `fetch` ends with.
    pub fn summary(&self) -> String {
        format!(
            "{} new, {} updated, {} failed, {} already cached, {} requests in {:.1} s",
            self.new,
            self.updated,
            self.failed.len(),
            self.cached,
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

    async fn page(&self, url: &Url) -> Result<Page, FetchError> {
        let fetched = self.fetcher.get(url).await?;
        if !fetched.is_html() {
            return Ok(Page::Other {
                title: None,
                sections: Vec::new(),
            });
        }
        let scraper = Arc::clone(&self.scraper);
        let url = url.clone();
        let page = tokio::task::spawn_blocking(move || {
            let text = fetched.text().text;
            scraper.scrape(&text, &url)
        })
        .await
        .unwrap_or(Page::Other {
            title: None,
            sections: Vec::new(),
        });
        Ok(page)
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

        let home = self.page(&site).await.map_err(CrawlError::Unreachable)?;
        report.requests += 1;
        let mut links: Vec<ListLink> = Vec::new();
        let mut sections: Vec<String> = match home {
            Page::List(l) => {
                links.extend(l.links);
                l.sections
            }
            Page::Other { sections, .. } => sections,
            Page::Article(a) => {
                // A site whose home page is one article: store it and stop.
                let out = store.put(&stamp(a))?;
                count(&mut report, out);
                Vec::new()
            }
        };
        if sections.is_empty() && links.is_empty() && report.new == 0 {
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
            for a in walk.articles {
                let out = store.put(&stamp(a))?;
                count(&mut report, out);
            }
            visited.extend(walk.visited);
            progress(Progress::Lists { done: lists_done });
        }
        drop(walks);

        // The articles not cached yet, each once, in list order.
        let mut seen = HashSet::new();
        links.retain(|l| seen.insert(l.url.clone()) && !visited.contains(&l.url));
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
            let r = self.page(&u).await;
            (u, r)
        }))
        .buffer_unordered(concurrency);
        let mut done = 0;
        while let Some((url, result)) = fetches.next().await {
            done += 1;
            report.requests += 1;
            match result {
                Ok(Page::Article(mut a)) => {
                    a.url = url.to_string();
                    let out = store.put(&stamp(a))?;
                    count(&mut report, out);
                }
                Ok(_) => tracing::info!(%url, "linked page is not an article; skipped"),
                Err(e) => {
                    tracing::warn!(error = %e, "page failed");
                    report.failed.push(e.to_string());
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
                Ok(Page::List(list)) => {
                    walk.links.extend(list.links);
                    next = list.next.filter(|n| !walk.visited.contains(n));
                }
                Ok(Page::Article(a)) => walk.articles.push(a),
                Ok(Page::Other { .. }) => {}
                Err(e) => walk.failed.push(e.to_string()),
            }
        }
        walk
    }
}

#[derive(Default)]
struct SectionWalk {
    links: Vec<ListLink>,
    articles: Vec<crate::model::Article>,
    failed: Vec<String>,
    visited: Vec<String>,
    requests: usize,
}

fn stamp(mut a: crate::model::Article) -> crate::model::Article {
    a.fetched_at = Some(chrono::Utc::now().fixed_offset());
    a
}

fn count(report: &mut CrawlReport, out: Stored) {
    match out {
        Stored::New(_) => report.new += 1,
        Stored::Updated(_) => report.updated += 1,
        Stored::Unchanged(_) => {}
    }
}
