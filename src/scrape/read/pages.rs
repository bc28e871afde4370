//! Multi-page articles: on the first page, the URLs of the pages that continue it, from the
//! pager's links in their common forms (`t123_1.shtml`, `t123_2.shtml`; `?id=8&page=2`).

use std::collections::BTreeMap;

use url::Url;

use crate::scrape::{doc::Doc, dom::AttrExt};

/// No article is joined from more pages than this.
pub const MAX_PAGES: usize = 20;

static PAGER_SCRIPT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r#"createPageHTML\(\s*['"]?(\w+)['"]?\s*,\s*['"]?(\w+)['"]?\s*,\s*['"]([^'"]*)['"]\s*,\s*['"]([^'"]*)['"]"#,
    )
    .expect("valid regex")
});

static PAGER_SCRIPT_NAMED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r#"createPageHTML\(\s*['"][^'"]*['"]\s*,\s*['"]?(\w+)['"]?\s*,\s*['"]?(\w+)['"]?\s*,\s*['"]([^'"]*)['"]\s*,\s*['"]([^'"]*)['"]"#,
    )
    .expect("valid regex")
});

/// A TRS pager script, `createPageHTML(pages, current, "index", "shtml")`: the page count, the
/// current page (from 0), and the file stem and extension page `n` adds `_n` to. The counts
/// are numbers, or variables set just before (`var countPage = 4;`).
pub(crate) struct PagerScript {
    pub total: usize,
    pub current: usize,
    pub stem: String,
    pub ext: String,
}

/// The page's TRS pager script, if it has one.
pub(crate) fn pager_script(doc: &Doc) -> Option<PagerScript> {
    doc.scripts.iter().find_map(|s| {
        // A script's text is one text node as a rule: read in place, not copied.
        let mut texts = s.text();
        let owned: String;
        let text: &str = match (texts.next(), texts.next()) {
            (None, _) => return None,
            (Some(t), None) => t,
            _ => {
                owned = s.text().collect();
                &owned
            }
        };
        // Most scripts are not pagers: the call's name, looked for alone, rules them out.
        memchr::memmem::find(text.as_bytes(), b"createPageHTML(")?;
        let value =
            |arg: &str| -> Option<usize> { arg.parse().ok().or_else(|| assigned(text, arg)) };
        // The four-argument form, or the newer one that names the pager's element first
        // (`createPageHTML('page_div', 10, 0, 'index', 'shtml', 195)`).
        [&PAGER_SCRIPT, &PAGER_SCRIPT_NAMED].iter().find_map(|re| {
            let c = re.captures(text)?;
            Some(PagerScript {
                total: value(&c[1])?,
                current: value(&c[2])?,
                stem: c[3].to_string(),
                ext: c[4].to_string(),
            })
        })
    })
}

/// The number a script sets a variable to (`var countPage = 4;`, `countPage="4"`): the first
/// assignment of `name` (as a whole word) to a number.
fn assigned(text: &str, name: &str) -> Option<usize> {
    text.match_indices(name).find_map(|(i, _)| {
        let word_start = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        if !word_start {
            return None;
        }
        let rest = text[i + name.len()..].trim_start();
        let rest = rest.strip_prefix('=')?.trim_start();
        let rest = rest.strip_prefix(['\'', '"']).unwrap_or(rest);
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        rest[..end].parse().ok()
    })
}

const PAGE_PARAMS: &[&str] = &["page", "p", "pageno", "pageindex", "pn"];
const PAGE_QUERIES: &[&str] = &["page=", "p=", "pageno=", "pageindex=", "pn="];

/// The page number a link gives for this article, if it is one of its continuation pages.
pub(crate) fn page_number(page: &Url, link: &Url) -> Option<usize> {
    // The same site, whether its links are written with `http` or `https`.
    if link.host_str() != page.host_str() || link.port() != page.port() {
        return None;
    }
    // `t123.shtml` continues as `t123_1.shtml`, `t123_2.shtml`, … in the same folder.
    let (dir, file) = page.path().rsplit_once('/')?;
    let (ldir, lfile) = link.path().rsplit_once('/')?;
    if dir == ldir && page.query() == link.query() {
        let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
        let (lstem, lext) = lfile.rsplit_once('.').unwrap_or((lfile, ""));
        let suffix = lstem.strip_prefix(stem).and_then(|r| r.strip_prefix('_'));
        if let Some(n) =
            suffix.filter(|n| ext == lext && !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        {
            return n.parse().ok();
        }
    }
    // `article.php?id=8` continues as `article.php?id=8&page=2`.
    if link.path() == page.path() {
        let mine: Vec<(String, String)> = page.query_pairs().into_owned().collect();
        let mut theirs: Vec<(String, String)> = link.query_pairs().into_owned().collect();
        let pos = theirs
            .iter()
            .position(|(k, _)| PAGE_PARAMS.contains(&k.to_ascii_lowercase().as_str()))?;
        let (_, n) = theirs.remove(pos);
        if mine
            .iter()
            .any(|(k, _)| PAGE_PARAMS.contains(&k.to_ascii_lowercase().as_str()))
        {
            return None;
        }
        let n: usize = n.parse().ok()?;
        return (theirs == mine && n >= 2).then_some(n);
    }
    None
}

/// The continuation pages of an article, in page order, when this is its first page. A later
/// page, or a page of one, yields nothing.
pub(crate) fn continuation(doc: &Doc) -> Vec<String> {
    let mut found: BTreeMap<usize, String> = BTreeMap::new();
    // Only links that name this page's file, or a page parameter, can continue it: checked on
    // the raw href before any URL is parsed.
    let file = doc.url.path().rsplit('/').next().unwrap_or("");
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    // The stem is searched for in every link's href: its searcher is built once.
    let stem_finder = memchr::memmem::Finder::new(stem.as_bytes());
    let maybe = |href: &str| {
        // Each page parameter ends with its `=`: only the text before each `=` is compared.
        (!stem.is_empty() && stem_finder.find(href.as_bytes()).is_some())
            || href
                .match_indices('=')
                .any(|(i, _)| PAGE_QUERIES.iter().any(|p| href[..=i].ends_with(p)))
    };
    // TRS writes an article's pager with `createPageHTML(2, 0, "t20210325_2045871", "shtml")`:
    // page `n` (from 0) is `t20210325_2045871_n.shtml`.
    if let Some(p) = pager_script(doc).filter(|p| p.current == 0 && p.stem == stem) {
        for n in 1..p.total.min(MAX_PAGES) {
            if let Some(link) = doc.resolve_url(&format!("{}_{n}.{}", p.stem, p.ext)) {
                found.entry(n).or_insert_with(|| link.to_string());
            }
        }
    }
    for &a in &doc.anchors {
        let href = a.value().attribute("href").filter(|h| maybe(h));
        let Some(link) = href.and_then(|h| doc.resolve_url(h)) else {
            continue;
        };
        if let Some(n) = page_number(&doc.url, &link) {
            found.entry(n).or_insert_with(|| link.to_string());
        }
    }
    found.into_values().take(MAX_PAGES - 1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_variables_are_read_as_whole_words() {
        let js = "var mycountPage = 9; var countPage = 4;var currentPage= '2';x=countPageX = 7";
        assert_eq!(assigned(js, "countPage"), Some(4));
        assert_eq!(assigned(js, "currentPage"), Some(2));
        assert_eq!(assigned(js, "nothing"), None);
        assert_eq!(assigned("countPage = n;", "countPage"), None);
    }

    fn n(page: &str, link: &str) -> Option<usize> {
        page_number(&Url::parse(page).unwrap(), &Url::parse(link).unwrap())
    }

    #[test]
    fn suffixed_pages() {
        let p = "https://en.gxzf.gov.cn/n/t20210305_7001.shtml";
        assert_eq!(
            n(p, "https://en.gxzf.gov.cn/n/t20210305_7001_1.shtml"),
            Some(1)
        );
        assert_eq!(
            n(p, "https://en.gxzf.gov.cn/n/t20210305_7001_12.shtml"),
            Some(12)
        );
        assert_eq!(n(p, "https://en.gxzf.gov.cn/n/t20210305_7002.shtml"), None);
        // Written with `http`, the same site's page; another host or port is not.
        assert_eq!(
            n(p, "http://en.gxzf.gov.cn/n/t20210305_7001_1.shtml"),
            Some(1)
        );
        assert_eq!(
            n(p, "https://www.gxzf.gov.cn/n/t20210305_7001_1.shtml"),
            None
        );
        assert_eq!(
            n(p, "https://en.gxzf.gov.cn:8443/n/t20210305_7001_1.shtml"),
            None
        );
        assert_eq!(
            n(p, "https://en.gxzf.gov.cn/m/t20210305_7001_1.shtml"),
            None
        );
        // From page 2, the first page is not a continuation.
        assert_eq!(
            n("https://en.gxzf.gov.cn/n/t20210305_7001_1.shtml", p),
            None
        );
    }

    #[test]
    fn query_pages() {
        let p = "http://x.cn/article.php?id=88";
        assert_eq!(n(p, "http://x.cn/article.php?id=88&page=2"), Some(2));
        assert_eq!(n(p, "http://x.cn/article.php?id=89&page=2"), None);
        assert_eq!(
            n(
                "http://x.cn/article.php?id=88&page=2",
                "http://x.cn/article.php?id=88&page=3"
            ),
            None
        );
    }
}
