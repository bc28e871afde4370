//! The crawl's plan: which links become fetches. Every decision is a hash lookup, so planning
//! stays linear in the links a crawl finds: each URL once, pages the cache holds skipped, a
//! document recorded rather than fetched, and a link to the second page of an article the same
//! list links not taken for an article of its own.

use std::collections::HashSet;

use url::Url;

use crate::model::ListLink;

/// What to do with one link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Admit {
    Fetch(Url),
    Document(String, String),
}

/// The crawl's plan so far.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// Every URL fetched, queued, recorded or passed over.
    seen: HashSet<String>,
    /// Articles queued so far, and the most a crawl fetches.
    pub queued: usize,
    max_articles: usize,
    /// Links that were already cached.
    pub cached: usize,
}

impl Plan {
    pub fn new(max_articles: usize) -> Plan {
        Plan {
            max_articles,
            ..Plan::default()
        }
    }

    /// Marks a URL as taken care of; false when it already was.
    pub fn visit(&mut self, url: &str) -> bool {
        self.seen.insert(url.to_string())
    }

    /// The links of one list page worth fetching or recording, in list order. `known` says
    /// which URLs the cache holds (asked once for the page's new links).
    pub fn admit(
        &mut self,
        links: Vec<ListLink>,
        known: impl FnOnce(&[&str]) -> HashSet<String>,
    ) -> Vec<Admit> {
        let fresh: Vec<ListLink> = {
            let mut here = HashSet::new();
            links
                .into_iter()
                .filter(|l| !self.seen.contains(&l.url) && here.insert(l.url.clone()))
                .collect()
        };
        let urls: Vec<&str> = fresh.iter().map(|l| l.url.as_str()).collect();
        let known = known(&urls);
        let firsts: HashSet<&str> = urls.iter().copied().collect();
        let mut out = Vec::new();
        for link in &fresh {
            self.seen.insert(link.url.clone());
            if known.contains(&link.url) {
                self.cached += 1;
            } else if super::is_attachment(&link.url) {
                out.push(Admit::Document(link.url.clone(), link.title.clone()));
            } else if !self.continues_another(&link.url, &firsts)
                && self.queued < self.max_articles
                && let Ok(u) = Url::parse(&link.url)
            {
                self.queued += 1;
                out.push(Admit::Fetch(u));
            }
        }
        out
    }

    /// True when a link is a later page of an article this list (or the crawl) already links:
    /// its first page, worked out from its own address, is among them.
    fn continues_another(&self, link: &str, firsts: &HashSet<&str>) -> bool {
        first_pages(link).iter().any(|f| {
            (firsts.contains(f.as_str()) || self.seen.contains(f))
                && crate::scrape::continues(f, link)
        })
    }
}

/// The first pages a link may continue: `t123_2.shtml` of `t123.shtml`, and the address
/// without one of its numeric query values (`?id=8&page=2` of `?id=8`). Each is checked by
/// the scraper's own test of continuation pages before it counts.
fn first_pages(link: &str) -> Vec<String> {
    let Ok(u) = Url::parse(link) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let path = u.path();
    if let Some((dir, file)) = path.rsplit_once('/') {
        let (stem, ext) = file
            .rsplit_once('.')
            .map_or((file, None), |(s, e)| (s, Some(e)));
        if let Some((base, n)) = stem.rsplit_once('_')
            && !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
        {
            let mut first = u.clone();
            let file = ext.map_or(base.to_string(), |e| format!("{base}.{e}"));
            first.set_path(&format!("{dir}/{file}"));
            out.push(first.to_string());
        }
    }
    let pairs: Vec<(String, String)> = u.query_pairs().into_owned().collect();
    for (i, (_, v)) in pairs.iter().enumerate() {
        if v.parse::<u32>().is_ok_and(|n| n >= 2) {
            let mut first = u.clone();
            let rest: Vec<(String, String)> = pairs
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, p)| p.clone())
                .collect();
            if rest.is_empty() {
                first.set_query(None);
            } else {
                first.query_pairs_mut().clear().extend_pairs(rest);
            }
            out.push(first.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(url: &str) -> ListLink {
        ListLink {
            url: url.to_string(),
            title: "A headline long enough".to_string(),
            published: None,
        }
    }

    /// Each URL once, the cached ones counted and skipped, documents recorded, and a second
    /// page of an article the list links not taken for an article.
    #[test]
    fn a_list_page_is_planned_once_per_url() {
        let mut plan = Plan::new(10);
        let base = "https://en.gxzf.gov.cn/news/202403/";
        let links = vec![
            link(&format!("{base}t20240305_1.shtml")),
            link(&format!("{base}t20240305_1_2.shtml")),
            link(&format!("{base}t20240305_1.shtml")),
            link(&format!("{base}t20240305_2.shtml")),
            link("https://en.gxzf.gov.cn/files/plan.pdf"),
            link("https://en.gxzf.gov.cn/show.php?id=8"),
            link("https://en.gxzf.gov.cn/show.php?id=8&page=2"),
        ];
        let cached = format!("{base}t20240305_2.shtml");
        let got = plan.admit(links, |urls| {
            urls.iter()
                .filter(|u| **u == cached)
                .map(|u| u.to_string())
                .collect()
        });
        let fetches: Vec<String> = got
            .iter()
            .filter_map(|a| match a {
                Admit::Fetch(u) => Some(u.to_string()),
                Admit::Document(..) => None,
            })
            .collect();
        assert_eq!(
            fetches,
            [
                format!("{base}t20240305_1.shtml"),
                "https://en.gxzf.gov.cn/show.php?id=8".to_string()
            ]
        );
        assert!(got.contains(&Admit::Document(
            "https://en.gxzf.gov.cn/files/plan.pdf".into(),
            "A headline long enough".into()
        )));
        assert_eq!(plan.cached, 1);
        // The same links on the next list page are not planned again.
        let again = plan.admit(vec![link(&format!("{base}t20240305_1.shtml"))], |_| {
            HashSet::new()
        });
        assert!(again.is_empty());
    }

    /// The plan stops queueing at the crawl's article limit.
    #[test]
    fn at_most_max_articles_are_queued() {
        let mut plan = Plan::new(3);
        let links = (0..10)
            .map(|i| link(&format!("https://en.gxzf.gov.cn/a/t{i}.shtml")))
            .collect();
        assert_eq!(plan.admit(links, |_| HashSet::new()).len(), 3);
        assert_eq!(plan.queued, 3);
    }
}
