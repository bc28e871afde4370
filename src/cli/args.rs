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

    /// The site to read, its home page (default: the config file's `site`, else
    /// https://en.gxzf.gov.cn/).
    #[arg(long, global = true, value_name = "URL")]
    pub site: Option<String>,

    /// The configuration file (default: config.toml in the config dir, ~/.config/gxnews).
    #[arg(long, global = true, env = "GXNEWS_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// A site profile merged over the built-in one (default: profile.toml in the config dir).
    #[arg(long, global = true, env = "GXNEWS_PROFILE", value_name = "FILE")]
    pub profile: Option<PathBuf>,

    /// Extraction rules merged over the built-in ones (default: rules.toml in the config dir).
    #[arg(long, global = true, env = "GXNEWS_RULES", value_name = "FILE")]
    pub rules: Option<PathBuf>,

    /// No network at all: read the cache only.
    #[arg(long, global = true)]
    pub offline: bool,

    /// Use the demo edition bundled in the binary, served on 127.0.0.1, with its own cache.
    #[arg(long, global = true, conflicts_with_all = ["offline", "site"])]
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
    /// Scrape saved pages offline (no cache, no network): a summary per file, or JSON with
    /// --json.
    Parse(ParseArgs),
    /// Extract every cached article again from its saved pages, offline.
    Reindex,
    /// Search titles and bodies of every cached article, best match first.
    Search(SearchArgs),
    /// Write cached articles to stdout as JSON, Markdown or an Atom feed.
    Export(ExportArgs),
    /// Print the configuration in force (after checking it), or the documented defaults.
    Config(ConfigArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish or powershell) to stdout.
    Completions(CompletionsArgs),
    /// Print the manual page (roff) to stdout: `gxnews man | man -l -`.
    Man,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the documented default configuration (a starting point for your own file).
    #[arg(long, conflicts_with = "default_keys")]
    pub default: bool,
    /// Print the built-in keymap.
    #[arg(long)]
    pub default_keys: bool,
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Fetch at most this many new articles (default: the config's crawl.max_articles, 200).
    #[arg(long, value_name = "N")]
    pub max_articles: Option<usize>,
    /// Requests in flight at once (default: crawl.concurrency, 2).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=8))]
    pub concurrency: Option<u16>,
    /// Pause between two requests, in milliseconds (default: crawl.delay_ms, 500).
    #[arg(long, value_name = "MS")]
    pub delay_ms: Option<u64>,
    /// Follow at most this many pages of each section's list (default: crawl.max_list_pages, 3).
    #[arg(long, value_name = "N")]
    pub max_list_pages: Option<usize>,
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
    /// Say how each page was read: the reason for its kind, and for every field the rule or
    /// source that gave its value and the candidates that lost.
    #[arg(long)]
    pub explain: bool,
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
