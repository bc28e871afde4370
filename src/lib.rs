//! gxnews: a terminal reader for the English news portal of the Guangxi Zhuang Autonomous
//! Region government.
//!
//! Data flows one way: [`fetch`] (HTTP, bytes) → [`fetch::decode`] (text) → [`scrape`]
//! (an [`model::Article`]) → [`store`] (SQLite) → [`tui`] (the reader). [`crawl`] plans what to
//! fetch next; [`cli`] wires the commands together.
#![forbid(unsafe_code)]

pub mod cli;
pub mod config;
pub mod crawl;
pub mod demo;
pub mod document;
pub mod fetch;
pub mod logging;
pub mod model;
pub mod paths;
pub mod reindex;
pub mod sanitize;
pub mod scrape;
pub mod store;
pub mod tomlmerge;
pub mod tui;
