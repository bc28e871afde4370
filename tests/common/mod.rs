//! A fixture web server for the integration tests: serves a directory on an ephemeral
//! 127.0.0.1 port, records every request, and injects faults per path. It runs on a tokio
//! runtime of its own so that async library tests and blocking CLI tests can both use it, and
//! it stops when dropped.

// Each test crate uses its own part of this module.
#![allow(dead_code)]

pub mod gensite;
pub mod reader;
pub mod shapes;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use url::Url;

/// What the server does instead of (or before) serving a path's file.
#[derive(Debug, Clone)]
pub enum Fault {
    /// 404, whether or not the file exists.
    NotFound,
    /// The first `n` requests answer 500, the next ones serve the file.
    FailThenOk(usize),
    /// Always this status, empty body.
    Status(u16),
    /// Waits this long, then serves the file.
    Slow(Duration),
    /// Declares the file's full Content-Length, sends half of it, then breaks the connection.
    Truncated,
    /// A body of this many bytes, with its Content-Length declared.
    Huge(usize),
    /// A body of this many bytes, streamed without a Content-Length.
    HugeChunked(usize),
    /// The first `times` requests answer 429 with `Retry-After: secs`, then the file.
    RetryAfter429 { times: usize, secs: u64 },
    /// The first `times` requests answer 429 with `Retry-After` as an HTTP date `secs`
    /// seconds from now, then the file.
    RetryAfterDate429 { times: usize, secs: u64 },
    /// 302 to this location (absolute or relative).
    Redirect(String),
    /// These bytes with this Content-Type, instead of any file.
    Bytes { content_type: String, body: Vec<u8> },
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Hit {
    pub path: String,
    pub user_agent: Option<String>,
}

struct Shared {
    root: PathBuf,
    faults: Mutex<HashMap<String, Fault>>,
    hits: Arc<Mutex<Vec<Hit>>>,
    /// Requests per path since the server started (not reset by `clear_requests`).
    counts: Mutex<HashMap<String, usize>>,
}

/// A running fixture server; dropping it stops it.
pub struct FixtureServer {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl FixtureServer {
    /// Serves `root` on an ephemeral loopback port.
    pub fn start(root: impl Into<PathBuf>) -> FixtureServer {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared {
            root: root.into(),
            faults: Mutex::new(HashMap::new()),
            hits: Arc::new(Mutex::new(Vec::new())),
            counts: Mutex::new(HashMap::new()),
        });
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("fixture-server")
            .enable_all()
            .build()
            .expect("server runtime");
        let app = Router::new()
            .fallback(handle)
            .with_state(Arc::clone(&shared));
        runtime.spawn(async move {
            let listener =
                tokio::net::TcpListener::from_std(listener).expect("tokio listener from std");
            axum::serve(listener, app).await.expect("fixture server");
        });
        FixtureServer {
            addr,
            shared,
            runtime: Some(runtime),
        }
    }

    /// Serves the fixture site, `tests/fixtures/site/`.
    pub fn site() -> FixtureServer {
        FixtureServer::start(site_dir())
    }

    /// Injects a fault on one path (like `/news/a.shtml`), replacing any earlier one.
    pub fn fault(&self, path: &str, fault: Fault) {
        self.shared
            .faults
            .lock()
            .unwrap()
            .insert(path.to_string(), fault);
    }

    /// The site's home page URL.
    pub fn home(&self) -> Url {
        self.url("/")
    }

    /// The URL of a path on this server.
    pub fn url(&self, path: &str) -> Url {
        Url::parse(&format!("http://{}{}", self.addr, path)).expect("valid URL")
    }

    /// The shared log of request paths, in arrival order.
    pub fn log(&self) -> Arc<Mutex<Vec<Hit>>> {
        Arc::clone(&self.shared.hits)
    }

    /// The paths requested so far, in arrival order.
    pub fn requests(&self) -> Vec<String> {
        self.hits().into_iter().map(|h| h.path).collect()
    }

    /// The requests so far, with their headers of interest.
    pub fn hits(&self) -> Vec<Hit> {
        self.shared.hits.lock().unwrap().clone()
    }

    /// How many times a path has been requested since the log was last cleared.
    pub fn count(&self, path: &str) -> usize {
        self.requests().iter().filter(|p| *p == path).count()
    }

    /// Empties the request log (fault counters keep counting).
    pub fn clear_requests(&self) {
        self.shared.hits.lock().unwrap().clear();
    }
}

impl Drop for FixtureServer {
    fn drop(&mut self) {
        // Does not wait for handlers still sleeping in a `Slow` fault, and is allowed inside
        // an async test.
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

async fn handle(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let user_agent = req
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    shared.hits.lock().unwrap().push(Hit {
        path: path.clone(),
        user_agent,
    });
    let nth = {
        let mut counts = shared.counts.lock().unwrap();
        let n = counts.entry(path.clone()).or_insert(0);
        *n += 1;
        *n
    };
    let fault = shared.faults.lock().unwrap().get(&path).cloned();
    match fault {
        None => serve_file(&shared.root, &path),
        Some(Fault::NotFound) => (StatusCode::NOT_FOUND, "not found").into_response(),
        Some(Fault::FailThenOk(n)) if nth <= n => {
            (StatusCode::INTERNAL_SERVER_ERROR, "try again").into_response()
        }
        Some(Fault::FailThenOk(_)) => serve_file(&shared.root, &path),
        Some(Fault::Status(code)) => StatusCode::from_u16(code)
            .expect("valid status code")
            .into_response(),
        Some(Fault::Slow(d)) => {
            tokio::time::sleep(d).await;
            serve_file(&shared.root, &path)
        }
        Some(Fault::Truncated) => {
            let Some((bytes, content_type)) = read_file(&shared.root, &path) else {
                return (StatusCode::NOT_FOUND, "not found").into_response();
            };
            let half = Bytes::copy_from_slice(&bytes[..bytes.len() / 2]);
            // The error makes hyper drop the connection short of the declared length.
            let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
                Ok(half),
                Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "truncated on purpose",
                )),
            ];
            let mut resp = Body::from_stream(futures::stream::iter(chunks)).into_response();
            let h = resp.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            h.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
            resp
        }
        Some(Fault::Huge(n)) => (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            vec![b'x'; n],
        )
            .into_response(),
        Some(Fault::HugeChunked(n)) => {
            const CHUNK: usize = 64 * 1024;
            let chunks = (0..n.div_ceil(CHUNK)).map(move |i| {
                let len = CHUNK.min(n - i * CHUNK);
                Ok::<_, std::io::Error>(Bytes::from(vec![b'x'; len]))
            });
            (
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                Body::from_stream(futures::stream::iter(chunks)),
            )
                .into_response()
        }
        Some(Fault::RetryAfter429 { times, secs }) if nth <= times => (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, secs.to_string())],
            "slow down",
        )
            .into_response(),
        Some(Fault::RetryAfter429 { .. }) => serve_file(&shared.root, &path),
        Some(Fault::RetryAfterDate429 { times, secs }) if nth <= times => {
            let at = chrono::Utc::now() + chrono::Duration::seconds(secs as i64);
            let date = at.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
            (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, date)],
                "slow down",
            )
                .into_response()
        }
        Some(Fault::RetryAfterDate429 { .. }) => serve_file(&shared.root, &path),
        Some(Fault::Redirect(location)) => {
            (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
        }
        Some(Fault::Bytes { content_type, body }) => {
            ([(header::CONTENT_TYPE, content_type)], body).into_response()
        }
    }
}

/// A URL path to a file under `root`: a path ending in `/` means that folder's `index.html`
/// (or `index.htm`, as older sites name it).
fn read_file(root: &Path, url_path: &str) -> Option<(Vec<u8>, &'static str)> {
    let mut rel = url_path.trim_start_matches('/').to_string();
    if rel.is_empty() || rel.ends_with('/') {
        let html = format!("{rel}index.html");
        rel = if root.join(&html).exists() {
            html
        } else {
            format!("{rel}index.htm")
        };
    }
    let rel = Path::new(&rel);
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let bytes = std::fs::read(root.join(rel)).ok()?;
    let content_type = match rel.extension().and_then(|e| e.to_str()) {
        Some("html" | "htm" | "shtml") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("pdf") => "application/pdf",
        Some("js") => "application/javascript",
        _ => "application/octet-stream",
    };
    Some((bytes, content_type))
}

fn serve_file(root: &Path, url_path: &str) -> Response {
    match read_file(root, url_path) {
        Some((bytes, content_type)) => {
            ([(header::CONTENT_TYPE, content_type)], bytes).into_response()
        }
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

/// `tests/fixtures/`.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `tests/fixtures/site/`.
pub fn site_dir() -> PathBuf {
    fixtures_dir().join("site")
}

/// The articles of the fixture site, `(path, title)`, from `site/EXPECTED.md`.
pub fn expected_articles() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(site_dir().join("EXPECTED.md")).expect("EXPECTED.md");
    let rows: Vec<(String, String)> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (path, title) = l.split_once('\t').expect("PATH<TAB>TITLE");
            (path.trim().to_string(), title.trim().to_string())
        })
        .collect();
    assert_eq!(rows.len(), 7, "EXPECTED.md lists the 7 fixture articles");
    rows
}

/// The path of the article the fixture site links to but does not have.
pub const MISSING_ARTICLE: &str = "/news/aseannews/202102/t20210201_404.shtml";

/// A loopback port nothing listens on: bound once to get a free number, then released.
pub fn dead_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    l.local_addr().expect("local address").port()
}

/// The binary, isolated from the environment: no data dir, profile, log filter or proxy from
/// the caller, and a config directory of its own.
pub fn gxnews(data_dir: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_gxnews"));
    for var in [
        "GXNEWS_DATA_DIR",
        "GXNEWS_CONFIG",
        "GXNEWS_PROFILE",
        "GXNEWS_LOG",
        "RUST_BACKTRACE",
        "RUST_LIB_BACKTRACE",
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("XDG_CONFIG_HOME", data_dir.join("config"))
        .env("NO_PROXY", "127.0.0.1,localhost")
        .arg("--data-dir")
        .arg(data_dir)
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}
