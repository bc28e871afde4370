//! The command line, as clap sees it. These flags and commands are a contract: scripts and
//! tests rely on them exactly.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// A terminal reader for the English news portal of the Guangxi Zhuang Autonomous Region
/// government (en.gxzf.gov.cn). With no command, opens the reader.
#[derive(Debug, Parser)]
#[command(name = "gxnews", version, about, long_about = None)]
pub struct Cli {
    /// Where the cache lives (default: the XDG data directory, ~/.local/share/gxnews).
    #[arg(long, global = true, env = "GXNEWS_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// The site to read (its home page).
    #[arg(
        long,
        global = true,
        value_name = "URL",
        default_value = "https://en.gxzf.gov.cn/"
    )]
    pub site: String,

    /// A site profile merged over the built-in one (default: profile.toml in the config dir).
    #[arg(long, global = true, env = "GXNEWS_PROFILE", value_name = "FILE")]
    pub profile: Option<PathBuf>,

    /// No network at all: read the cache only.
    #[arg(long, global = true)]
    pub offline: bool,

    /// Use the demo edition bundled in the binary, served on 127.0.0.1, with its own cache.
    #[arg(long, global = true, conflicts_with = "offline")]
    pub demo: bool,

    /// More detail in the log file (-v, -vv).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Crawl the site headless and cache new articles.
    Fetch(FetchArgs),
    /// List cached articles, newest first.
    List(ListArgs),
    /// Show one cached article.
    Show(ShowArgs),
    /// Scrape saved pages offline (no cache, no network): one JSON object per file.
    Parse(ParseArgs),
    /// Extract every cached article again from its saved pages, offline.
    Reindex,
    /// Search titles and bodies of every cached article, best match first.
    Search(SearchArgs),
    /// Write cached articles to stdout as JSON, Markdown or an Atom feed.
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Fetch at most this many new articles.
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub max_articles: usize,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub concurrency: usize,
    /// Pause between two requests, in milliseconds.
    #[arg(long, default_value_t = 500, value_name = "MS")]
    pub delay_ms: u64,
    /// Follow at most this many pages of each section's list.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub max_list_pages: usize,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print one JSON array.
    #[arg(long)]
    pub json: bool,
    /// Show at most N articles.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article's URL or its id (from `gxnews list`).
    #[arg(value_name = "URL|ID")]
    pub target: String,
    /// Print the whole article as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Saved HTML pages.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The page's URL, used to resolve relative links (default: the file's own file:// URL).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Print JSON (one object per file, one per line).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find (all must match; the last may be the start of a word; "quoted phrase").
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Print one JSON array of results.
    #[arg(long)]
    pub json: bool,
    /// Show at most N results.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: usize,
}

/// Export formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
    Markdown,
    Atom,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// Only articles of this section.
    #[arg(long, value_name = "SECTION")]
    pub section: Option<String>,
    /// Only starred articles.
    #[arg(long)]
    pub starred: bool,
}
