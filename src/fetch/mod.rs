//! HTTP: one reqwest client with an identifying User-Agent, timeouts, a size cap, same-site
//! redirects only, retries with backoff, and a polite pace per host.
//!
//! Three limits, so that a dead host fails fast and a slow live one still loads: the connect
//! timeout, the read timeout (for the answer to begin, then between two pieces of the body)
//! and the request timeout (the whole page). A site that gives no answer at all is not asked
//! again in the same fetch: with the defaults a host that never answers is reported as "site
//! not answering" after [`READ_TIMEOUT`], not after three times the request timeout.

pub mod decode;

use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, RETRY_AFTER};
use tokio::sync::{Mutex, Semaphore};
use tokio::time::Instant;
use url::Url;

/// The User-Agent every request carries.
pub const USER_AGENT: &str = concat!("gxnews/", env!("CARGO_PKG_VERSION"));

/// A TCP handshake not done in 5 s is not coming: the kernel has already resent the SYN twice.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A live server, even a slow one far away, begins its answer and keeps bytes coming within
/// 10 s; a longer silence means it is not answering (and keeps a dead host under 15 s).
pub const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// A whole page, a large one on a slow link included, arrives within 30 s.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

// reqwest counts the read timeout for the answer's start from the request's start, connecting
// included: a connect timeout as long would never be the one to fire.
const _: () = assert!(CONNECT_TIMEOUT.as_millis() < READ_TIMEOUT.as_millis());

/// How the fetcher behaves. The defaults are polite to one government host.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// No connection within this long is a connect timeout.
    pub connect_timeout: Duration,
    /// The longest silence: from asking (connecting included) to the answer's status line and
    /// headers, then between two pieces of the body. Not the whole page's time.
    pub read_timeout: Duration,
    /// The whole request, from asking to the body's last byte.
    pub timeout: Duration,
    /// Bodies larger than this are refused.
    pub max_bytes: usize,
    /// Extra attempts after a 429, a 5xx, a broken or stalled body, or the request timeout.
    /// A site that gave no answer at all (connect timeout, or no answer within the read
    /// timeout) is not asked again: that would only multiply the wait.
    pub retries: u32,
    /// The first retry waits this long; each next one twice as long.
    pub backoff: Duration,
    /// A `Retry-After` longer than this is not waited for.
    pub max_retry_after: Duration,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Pause between the starts of two requests.
    pub delay: Duration,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            connect_timeout: CONNECT_TIMEOUT,
            read_timeout: READ_TIMEOUT,
            timeout: REQUEST_TIMEOUT,
            max_bytes: 8 * 1024 * 1024,
            retries: 2,
            backoff: Duration::from_secs(1),
            max_retry_after: Duration::from_secs(60),
            concurrency: 2,
            delay: Duration::from_millis(500),
        }
    }
}

/// What can go wrong fetching one page, worded for a one-line message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: {}", timeout_words(*stage, *limit, *attempts))]
    Timeout {
        url: String,
        stage: TimeoutStage,
        /// The limit of one attempt.
        limit: Duration,
        /// Attempts made, each cut off at the limit.
        attempts: u32,
    },
    #[error("{url}: cannot connect ({reason})")]
    Connect { url: String, reason: String },
    #[error("{url}: HTTP {code}")]
    Status { url: String, code: u16 },
    #[error("{url}: page larger than {limit} bytes, not read")]
    TooLarge { url: String, limit: usize },
    #[error("{url}: redirect refused ({reason})")]
    Redirect { url: String, reason: String },
    #[error("{url}: transfer failed ({reason})")]
    Body { url: String, reason: String },
    #[error("{url}: invalid URL")]
    BadUrl { url: String },
}

/// Which limit a request ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutStage {
    /// No connection within the connect timeout.
    Connect,
    /// No answer (status line and headers) within the read timeout of asking.
    Answer,
    /// An answer, then its body stopped: no data within the read timeout.
    Stalled,
    /// No whole answer within the request timeout.
    Request,
}

impl TimeoutStage {
    /// True when the site said nothing at all: asking again would only double the wait.
    pub fn is_silence(self) -> bool {
        matches!(self, TimeoutStage::Connect | TimeoutStage::Answer)
    }
}

fn timeout_words(stage: TimeoutStage, limit: Duration, attempts: u32) -> String {
    let secs = format!("{:.1}", limit.as_secs_f64());
    let secs = secs.trim_end_matches(".0");
    let words = match stage {
        TimeoutStage::Connect => {
            format!("site not answering (no connection within {secs} s, connect timeout)")
        }
        TimeoutStage::Answer => {
            format!("site not answering (no answer within {secs} s, read timeout)")
        }
        TimeoutStage::Stalled => format!("transfer stalled (no data for {secs} s, read timeout)"),
        TimeoutStage::Request => {
            format!("connected, but no whole answer within {secs} s (request timeout)")
        }
    };
    if attempts > 1 {
        format!("{words}, {attempts} attempts")
    } else {
        words
    }
}

/// True when a redirect stays on the site: the same host, and the same scheme and port, or
/// the site's own `http`/`https` pair on their default ports. Another port of the same host is
/// another site (as it is for the links of a list).
pub fn same_site(from: &Url, to: &Url) -> bool {
    if from.host_str() != to.host_str() {
        return false;
    }
    let same =
        from.scheme() == to.scheme() && from.port_or_known_default() == to.port_or_known_default();
    let pair = matches!(
        (from.scheme(), to.scheme()),
        ("http", "https") | ("https", "http")
    ) && from.port().is_none()
        && to.port().is_none();
    same || pair
}

/// A `Retry-After` value: seconds (`120`) or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`),
/// as a wait from `now` (a date past is no wait).
pub fn retry_after(value: &str, now: chrono::DateTime<chrono::Utc>) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    Some(
        (at.with_timezone(&chrono::Utc) - now)
            .to_std()
            .unwrap_or_default(),
    )
}

impl FetchError {
    /// True when the server could not be reached at all (as opposed to answering badly).
    pub fn is_unreachable(&self) -> bool {
        matches!(
            self,
            FetchError::Connect { .. } | FetchError::Timeout { .. }
        )
    }

    fn retryable(&self) -> bool {
        match self {
            FetchError::Timeout { stage, .. } => !stage.is_silence(),
            FetchError::Body { .. } => true,
            FetchError::Status { code, .. } => *code == 429 || *code >= 500,
            _ => false,
        }
    }
}

/// A fetched page: final URL, content type and raw bytes.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub url: Url,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl Fetched {
    /// True when the body is an HTML page (or undeclared, which old servers often send).
    pub fn is_html(&self) -> bool {
        self.content_type.as_deref().is_none_or(|ct| {
            let ct = ct.to_ascii_lowercase();
            ct.contains("html") || ct.starts_with("text/plain") || ct.is_empty()
        })
    }

    /// The body decoded to text from its declared or detected charset.
    pub fn text(&self) -> decode::Decoded {
        decode::decode(&self.bytes, self.content_type.as_deref())
    }
}

/// Maps the URLs the rest of gxnews sees to where the bytes really come from. The demo edition
/// uses it so that its articles keep one stable URL whatever port its server got.
#[derive(Debug, Clone)]
pub struct OriginMap {
    pub public: Url,
    pub actual: Url,
}

impl OriginMap {
    fn to_actual(&self, u: &Url) -> Url {
        self.swap(u, &self.public, &self.actual)
    }
    fn to_public(&self, u: &Url) -> Url {
        self.swap(u, &self.actual, &self.public)
    }
    fn swap(&self, u: &Url, from: &Url, to: &Url) -> Url {
        if u.origin() != from.origin() {
            return u.clone();
        }
        let mut out = to.clone();
        out.set_path(u.path());
        out.set_query(u.query());
        out
    }
}

/// The one HTTP client: cheap to clone, shares its connection pool and pace.
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    cfg: FetchConfig,
    origin: Option<OriginMap>,
    slots: Arc<Semaphore>,
    next_start: Arc<Mutex<Instant>>,
}

impl Fetcher {
    pub fn new(cfg: FetchConfig) -> Result<Fetcher, FetchError> {
        let policy = reqwest::redirect::Policy::custom(|attempt| {
            // `previous` starts with the URL first asked for, so it holds one URL more than
            // the redirects followed so far.
            if attempt.previous().len() > 5 {
                return attempt.error("more than 5 redirects");
            }
            let leaves = attempt
                .previous()
                .first()
                .is_none_or(|first| !same_site(first, attempt.url()));
            if leaves {
                return attempt.error("redirect to another site");
            }
            attempt.follow()
        });
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(cfg.connect_timeout)
            .read_timeout(cfg.read_timeout)
            .timeout(cfg.timeout)
            .redirect(policy)
            .build()
            .map_err(|e| FetchError::Connect {
                url: String::new(),
                reason: e.to_string(),
            })?;
        Ok(Fetcher {
            client,
            slots: Arc::new(Semaphore::new(cfg.concurrency.max(1))),
            next_start: Arc::new(Mutex::new(Instant::now())),
            cfg,
            origin: None,
        })
    }

    /// Serves the public origin's URLs from another origin (see [`OriginMap`]).
    pub fn with_origin_map(mut self, map: OriginMap) -> Fetcher {
        self.origin = Some(map);
        self
    }

    pub fn config(&self) -> &FetchConfig {
        &self.cfg
    }

    /// Fetches a page, retrying 429s, 5xx, broken or stalled bodies and request timeouts with
    /// backoff (not a site that gave no answer at all).
    pub async fn get(&self, url: &Url) -> Result<Fetched, FetchError> {
        let mut attempt = 0;
        loop {
            let (result, retry_after) = self.get_once(url).await;
            match result {
                Ok(page) => return Ok(page),
                Err(e) if e.retryable() && attempt < self.cfg.retries => {
                    let backoff = self.cfg.backoff * 2u32.pow(attempt);
                    let wait = match retry_after {
                        Some(ra) if ra > self.cfg.max_retry_after => return Err(e),
                        Some(ra) => ra.max(backoff),
                        None => backoff,
                    };
                    tracing::info!(%url, error = %e, ?wait, "retrying");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                Err(FetchError::Timeout {
                    url, stage, limit, ..
                }) => {
                    return Err(FetchError::Timeout {
                        url,
                        stage,
                        limit,
                        attempts: attempt + 1,
                    });
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Waits for a slot and for the pace, then makes one request.
    async fn get_once(&self, url: &Url) -> (Result<Fetched, FetchError>, Option<Duration>) {
        let _slot = self
            .slots
            .acquire()
            .await
            .expect("the semaphore is never closed");
        {
            let mut next = self.next_start.lock().await;
            let now = Instant::now();
            if *next > now {
                tokio::time::sleep_until(*next).await;
            }
            *next = Instant::now() + self.cfg.delay;
        }
        let shown = url.to_string();
        let actual = self
            .origin
            .as_ref()
            .map_or_else(|| url.clone(), |m| m.to_actual(url));
        let asked = Instant::now();
        let resp = match self.client.get(actual).send().await {
            Ok(r) => r,
            Err(e) => return (Err(self.classify(&shown, &e, Phase::Answer, asked)), None),
        };
        let status = resp.status();
        if !status.is_success() {
            let retry_after = resp
                .headers()
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| retry_after(v, chrono::Utc::now()));
            let code = status.as_u16();
            let retry_after = (status == StatusCode::TOO_MANY_REQUESTS || code >= 500)
                .then_some(retry_after)
                .flatten();
            return (Err(FetchError::Status { url: shown, code }), retry_after);
        }
        let final_url = self
            .origin
            .as_ref()
            .map_or_else(|| resp.url().clone(), |m| m.to_public(resp.url()));
        let content_type = resp
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let limit = self.cfg.max_bytes;
        if resp.content_length().is_some_and(|n| n as usize > limit) {
            return (Err(FetchError::TooLarge { url: shown, limit }), None);
        }
        let mut resp = resp;
        let mut bytes = Vec::new();
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) => {
                    if bytes.len() + chunk.len() > limit {
                        return (Err(FetchError::TooLarge { url: shown, limit }), None);
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return (Err(self.classify(&shown, &e, Phase::Body, asked)), None),
            }
        }
        (
            Ok(Fetched {
                url: final_url,
                content_type,
                bytes,
            }),
            None,
        )
    }

    /// An error as the user should read it. reqwest reports every timeout alike; which limit
    /// fired follows from where the request was and how long it had run, since the read and
    /// request timeouts both count from `asked` until the answer begins.
    fn classify(&self, url: &str, e: &reqwest::Error, phase: Phase, asked: Instant) -> FetchError {
        let url = url.to_string();
        if e.is_timeout() {
            let cfg = &self.cfg;
            let (stage, limit) = if e.is_connect() {
                (TimeoutStage::Connect, cfg.connect_timeout)
            } else if phase == Phase::Answer && cfg.read_timeout < cfg.timeout {
                (TimeoutStage::Answer, cfg.read_timeout)
            } else if phase == Phase::Body && asked.elapsed() < cfg.timeout {
                (TimeoutStage::Stalled, cfg.read_timeout)
            } else {
                (TimeoutStage::Request, cfg.timeout)
            };
            FetchError::Timeout {
                url,
                stage,
                limit,
                attempts: 1,
            }
        } else if e.is_redirect() {
            FetchError::Redirect {
                url,
                reason: root_cause(e),
            }
        } else if e.is_connect() {
            FetchError::Connect {
                url,
                reason: root_cause(e),
            }
        } else if e.is_builder() {
            FetchError::BadUrl { url }
        } else {
            FetchError::Body {
                url,
                reason: root_cause(e),
            }
        }
    }
}

/// Where a request was when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for the answer: connecting, asking, reading the status line and headers.
    Answer,
    /// Reading the body.
    Body,
}

/// The innermost cause of an error, which is the part that says what happened.
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_is_its_host_scheme_and_port_or_its_http_https_pair() {
        let u = |s: &str| Url::parse(s).unwrap();
        let site = u("https://en.gxzf.gov.cn/news/");
        assert!(same_site(&site, &u("https://en.gxzf.gov.cn/a.shtml")));
        assert!(same_site(&site, &u("http://en.gxzf.gov.cn/a.shtml")));
        assert!(same_site(&site, &u("https://en.gxzf.gov.cn:443/a.shtml")));
        assert!(!same_site(&site, &u("https://en.gxzf.gov.cn:8443/a.shtml")));
        assert!(!same_site(&site, &u("https://www.gxzf.gov.cn/a.shtml")));
        let local = u("http://127.0.0.1:8080/");
        assert!(same_site(&local, &u("http://127.0.0.1:8080/x")));
        assert!(!same_site(&local, &u("http://127.0.0.1:9090/x")));
        assert!(!same_site(&local, &u("https://127.0.0.1:8080/x")));
    }

    #[test]
    fn a_timeout_message_names_the_limit_that_fired() {
        let words = |stage, ms, attempts| timeout_words(stage, Duration::from_millis(ms), attempts);
        assert_eq!(
            words(TimeoutStage::Connect, 5_000, 1),
            "site not answering (no connection within 5 s, connect timeout)"
        );
        assert_eq!(
            words(TimeoutStage::Answer, 10_000, 1),
            "site not answering (no answer within 10 s, read timeout)"
        );
        assert_eq!(
            words(TimeoutStage::Stalled, 500, 3),
            "transfer stalled (no data for 0.5 s, read timeout), 3 attempts"
        );
        assert_eq!(
            words(TimeoutStage::Request, 30_000, 1),
            "connected, but no whole answer within 30 s (request timeout)"
        );
    }

    #[test]
    fn silence_is_not_retried_but_a_partial_answer_is() {
        let timeout = |stage| FetchError::Timeout {
            url: String::new(),
            stage,
            limit: READ_TIMEOUT,
            attempts: 1,
        };
        assert!(!timeout(TimeoutStage::Connect).retryable());
        assert!(!timeout(TimeoutStage::Answer).retryable());
        assert!(timeout(TimeoutStage::Stalled).retryable());
        assert!(timeout(TimeoutStage::Request).retryable());
        assert!(timeout(TimeoutStage::Answer).is_unreachable());
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now = chrono::DateTime::parse_from_rfc3339("2015-10-21T07:28:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        assert_eq!(retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:05 GMT", now),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
    }
}
