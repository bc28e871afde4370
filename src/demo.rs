//! The demo edition: pages under `assets/demo/`, embedded in the binary and served by an
//! in-process HTTP server on 127.0.0.1, so the whole pipeline runs with no network.

use std::net::SocketAddr;

use axum::Router;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;
use url::Url;

use crate::fetch::OriginMap;

#[derive(RustEmbed)]
#[folder = "assets/demo/"]
struct DemoPages;

/// The demo site's public address: what its articles are stored under, whatever port the
/// server got this time (`.invalid` can never reach a real host).
pub const DEMO_ORIGIN: &str = "http://demo.gxnews.invalid/";

/// A running demo server.
pub struct DemoSite {
    pub addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl DemoSite {
    /// Starts the server on an ephemeral loopback port.
    pub async fn start() -> std::io::Result<DemoSite> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let app = Router::new().fallback(serve);
        let task = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::warn!(error = %e, "demo server stopped");
            }
        });
        Ok(DemoSite { addr, task })
    }

    /// The public site URL.
    pub fn site() -> Url {
        Url::parse(DEMO_ORIGIN).expect("valid demo origin")
    }

    /// How the fetcher reaches the public URL.
    pub fn origin_map(&self) -> OriginMap {
        OriginMap {
            public: DemoSite::site(),
            actual: Url::parse(&format!("http://{}/", self.addr)).expect("valid loopback URL"),
        }
    }
}

impl Drop for DemoSite {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves one embedded file; a path ending in `/` serves that folder's `index.html`.
async fn serve(uri: Uri) -> Response {
    let mut path = uri.path().trim_start_matches('/').to_string();
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    match DemoPages::get(&path) {
        Some(file) => {
            let mime = match path.rsplit('.').next() {
                Some("html" | "htm" | "shtml") => "text/html; charset=utf-8",
                Some("css") => "text/css",
                Some("png") => "image/png",
                Some("jpg" | "jpeg") => "image/jpeg",
                _ => "application/octet-stream",
            };
            ([(header::CONTENT_TYPE, mime)], file.data.into_owned()).into_response()
        }
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
