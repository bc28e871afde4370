//! Re-reading the cache: every article extracted again from its saved pages with the current
//! extractor, offline. Run after the extractor improves or the site profile changes.

use url::Url;

use crate::fetch::decode::decode;
use crate::model::{Article, PageKind};
use crate::scrape::{PAGE_BUDGET, Scraper};
use crate::store::{Store, StoreError, Stored};

/// What a reindex did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReindexReport {
    /// Articles read again from their saved pages.
    pub articles: usize,
    /// Of those, the ones whose stored fields changed.
    pub changed: usize,
    /// Articles with no saved pages (cached before pages were kept), left as they were.
    pub without_pages: usize,
    /// One line per article that no longer reads as one; each is left as it was.
    pub failed: Vec<String>,
}

impl ReindexReport {
    pub fn summary(&self) -> String {
        format!(
            "reindexed {} articles: {} changed, {} without saved pages, {} failed",
            self.articles,
            self.changed,
            self.without_pages,
            self.failed.len()
        )
    }
}

fn scrape_saved(
    scraper: &Scraper,
    url: &str,
    content_type: Option<&str>,
    bytes: &[u8],
) -> Result<Article, String> {
    let u = Url::parse(url).map_err(|e| format!("{url}: {e}"))?;
    let page = scraper
        .scrape_site_page(&decode(bytes, content_type).text, &u, PAGE_BUDGET)
        .map_err(|e| format!("{url}: {e}; kept as it was"))?;
    match page.kind {
        PageKind::Article => Ok(page.article),
        kind => Err(format!("{url}: now reads as a {kind:?} page; kept as it was").to_lowercase()),
    }
}

/// Re-extracts every cached article that has saved pages. Articles keep their id, URL, fetch
/// time and read state; each is rewritten in one transaction.
pub fn reindex(store: &mut Store, scraper: &Scraper) -> Result<ReindexReport, StoreError> {
    let mut report = ReindexReport::default();
    for id in store.article_ids()? {
        let raws = store.raw_pages(id)?;
        let Some(old) = store.article(id)? else {
            continue;
        };
        if raws.is_empty() {
            report.without_pages += 1;
            continue;
        }
        let mut pages = raws
            .iter()
            .map(|r| scrape_saved(scraper, &r.url, r.content_type.as_deref(), &r.bytes));
        let joined = match pages.next() {
            Some(Ok(first)) => pages
                .collect::<Result<Vec<_>, _>>()
                .map(|rest| Scraper::join_pages(first, rest)),
            Some(Err(e)) => Err(e),
            None => continue,
        };
        match joined {
            Ok(mut a) => {
                a.url = old.url.clone();
                a.fetched_at = old.fetched_at;
                report.articles += 1;
                if matches!(store.put_with_pages(&a, &raws)?, Stored::Updated(_)) {
                    report.changed += 1;
                }
            }
            Err(e) => report.failed.push(e),
        }
    }
    Ok(report)
}
