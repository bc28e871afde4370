//! How big a bench's cache or site is: `GXNEWS_BENCH_ARTICLES` articles, else the bench's own
//! default.

/// The number of articles in `GXNEWS_BENCH_ARTICLES`, or `default` when it is unset or not a
/// number.
pub fn articles(default: usize) -> usize {
    std::env::var("GXNEWS_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
