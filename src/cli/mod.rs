//! The commands: wiring of fetch → scrape → store → ui for each thing the user can ask for.

pub mod args;
pub mod export;
pub mod output;
pub mod stream;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, bail};
use url::Url;

use crate::config::Config;
use crate::crawl::{CrawlOptions, Crawler, Progress};
use crate::demo::DemoSite;
use crate::fetch::{FetchConfig, Fetcher};
use crate::model::canonical;
use crate::scrape::{Profile, Rules, Scraper};
use crate::store::Store;
use args::{Cli, Command, ConfigArgs, ParseArgs, ShowArgs};

/// Everything a command needs, resolved from the flags once.
pub struct Context {
    pub data_dir: PathBuf,
    pub site: Url,
    /// The scraper, built on first use: the commands that only read the cache never pay for
    /// loading the profile and the rules.
    scraper: std::sync::OnceLock<Arc<Scraper>>,
    /// The profile and rules files given on the command line.
    profile: Option<PathBuf>,
    rules: Option<PathBuf>,
    pub offline: bool,
    /// Kept alive while the command runs: the demo edition's server.
    pub demo: Option<DemoSite>,
    /// The configuration file's settings (flags already applied over them).
    pub config: Config,
}

impl Context {
    async fn new(cli: &Cli, mut config: Config) -> anyhow::Result<Context> {
        let data_dir = crate::paths::data_dir(cli.data_dir.clone());
        if cli.demo {
            let demo = DemoSite::start()
                .await
                .context("starting the demo server on 127.0.0.1")?;
            let site = DemoSite::site();
            return Ok(Context {
                data_dir: crate::paths::demo_dir(&data_dir),
                scraper: std::sync::OnceLock::new(),
                profile: cli.profile.clone(),
                rules: cli.rules.clone(),
                site,
                offline: false,
                demo: Some(demo),
                config,
            });
        }
        let site = match &cli.site {
            Some(s) => {
                let u = canonical(s).with_context(|| format!("--site {s:?} is not a valid URL"))?;
                if !matches!(u.scheme(), "http" | "https") {
                    bail!("--site {s:?} is not an http(s) URL");
                }
                u
            }
            None => canonical(&config.site)
                .with_context(|| format!("site {:?} is not a URL", config.site))?,
        };
        config.site = site.to_string();
        Ok(Context {
            data_dir,
            scraper: std::sync::OnceLock::new(),
            profile: cli.profile.clone(),
            rules: cli.rules.clone(),
            site,
            offline: cli.offline,
            demo: None,
            config,
        })
    }

    /// The scraper for the site, with the profile and rules in force (loaded the first time
    /// it is asked for).
    pub fn scraper(&self) -> anyhow::Result<Arc<Scraper>> {
        if let Some(s) = self.scraper.get() {
            return Ok(Arc::clone(s));
        }
        let built = Arc::new(scraper(
            self.profile.as_deref(),
            self.rules.as_deref(),
            &self.site,
        )?);
        Ok(Arc::clone(self.scraper.get_or_init(|| built)))
    }

    /// Opens the cache with a message that names it.
    pub fn store(&self) -> anyhow::Result<Store> {
        Ok(Store::open_dir(&self.data_dir)?)
    }

    /// The fetcher for this site (through the demo server for the demo edition).
    pub fn fetcher(&self, cfg: FetchConfig) -> anyhow::Result<Fetcher> {
        let f = Fetcher::new(cfg)?;
        Ok(match &self.demo {
            Some(d) => f.with_origin_map(d.origin_map()),
            None => f,
        })
    }

    /// The crawl's limits from the configuration.
    pub fn crawl_options(&self) -> CrawlOptions {
        CrawlOptions {
            max_articles: self.config.crawl.max_articles,
            max_list_pages: self.config.crawl.max_list_pages.max(1),
            ..CrawlOptions::default()
        }
    }

    /// Takes the cache's refresh lock, so that two gxnews on one cache (two readers, or a
    /// reader and `gxnews fetch`) never crawl the site at once. The lock goes with the file
    /// handle, also when the process dies.
    pub fn refresh_lock(&self) -> anyhow::Result<std::fs::File> {
        std::fs::create_dir_all(&self.data_dir)
            .with_context(|| format!("cannot create {}", self.data_dir.display()))?;
        let path = self.data_dir.join("refresh.lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(file),
            Err(std::fs::TryLockError::WouldBlock) => bail!(
                "another gxnews is refreshing this cache ({}); try again when it has finished",
                self.data_dir.display()
            ),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(e).with_context(|| format!("cannot lock {}", path.display()))
            }
        }
    }

    /// Prunes old articles after a refresh, as the config's `cache.keep_days` says; the
    /// message says what went, if anything did.
    pub fn prune(&self, store: &mut Store) -> anyhow::Result<Option<String>> {
        let days = self.config.cache.keep_days;
        if days == 0 {
            return Ok(None);
        }
        let cutoff = chrono::Utc::now().fixed_offset() - chrono::Duration::days(i64::from(days));
        let n = store.prune(cutoff)?;
        Ok((n > 0).then(|| {
            format!("pruned {n} articles published over {days} days ago (starred ones are kept)")
        }))
    }

    /// Fetch settings from the configuration.
    pub fn configured_fetch(&self) -> FetchConfig {
        self.fetch_config(
            self.config.crawl.concurrency,
            Duration::from_millis(self.config.crawl.delay_ms),
        )
    }

    /// Fetch settings: polite for a real site, unhurried for the demo on loopback.
    pub fn fetch_config(&self, concurrency: usize, delay: Duration) -> FetchConfig {
        let mut cfg = FetchConfig {
            concurrency: concurrency.max(1),
            delay,
            ..FetchConfig::default()
        };
        if self.demo.is_some() {
            cfg.delay = Duration::ZERO;
            cfg.concurrency = 4;
        }
        cfg
    }
}

/// Control bytes in a page's first few kilobytes beyond this share mean binary data, not
/// text: a stray one or two in a legacy page are not.
const BINARY_SHARE: usize = 100;

/// True for bytes that are no text page: a NUL, or one control byte in every
/// [`BINARY_SHARE`], in the first 4 KiB (a byte-order mark says text, UTF-16 included).
fn looks_binary(bytes: &[u8]) -> bool {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    head.contains(&0) || controls * BINARY_SHARE > head.len()
}

/// True when an error comes from writing to a pipe whose reader has gone (`gxnews list |
/// head`): not a failure of gxnews.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
    })
}

/// The scraper for a site: the profile and rules in force (the files given, else those in the
/// config directory, merged over the built-in ones).
fn scraper(
    profile: Option<&std::path::Path>,
    rules: Option<&std::path::Path>,
    site: &Url,
) -> anyhow::Result<Scraper> {
    let in_config_dir = |name: &str| {
        crate::paths::config_dir()
            .map(|d| d.join(name))
            .filter(|p| p.exists())
    };
    let profile_path = profile
        .map(std::path::Path::to_path_buf)
        .or_else(|| in_config_dir("profile.toml"));
    let rules_path = rules
        .map(std::path::Path::to_path_buf)
        .or_else(|| in_config_dir("rules.toml"));
    let profile = Profile::load(profile_path.as_deref())?;
    let rules = Rules::load(rules_path.as_deref())?;
    Ok(Scraper::with_rules(profile, rules).for_site(site))
}

/// Runs the command line; errors come back as one sentence for `main` to print.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Some(Command::Completions(args)) => return completions(args.shell),
        Some(Command::Man) => return man_page(),
        _ => {}
    }
    // Every other command reads the configuration, and none starts with a bad one.
    let mut config = Config::load(cli.config.as_deref())?;
    match &cli.command {
        Some(Command::Config(args)) => return show_config(args, &config),
        Some(Command::Parse(args)) => {
            // Parsing saved pages needs no cache, no network and no demo server.
            let site = cli.site.as_deref().unwrap_or(&config.site);
            let site = canonical(site).with_context(|| format!("site {site:?} is not a URL"))?;
            let scraper = scraper(cli.profile.as_deref(), cli.rules.as_deref(), &site)?;
            return parse(args, &scraper);
        }
        Some(Command::Fetch(args)) => {
            let c = &mut config.crawl;
            c.max_articles = args.max_articles.unwrap_or(c.max_articles);
            c.max_list_pages = args.max_list_pages.unwrap_or(c.max_list_pages);
            c.concurrency = args.concurrency.map_or(c.concurrency, usize::from);
            c.delay_ms = args.delay_ms.unwrap_or(c.delay_ms);
        }
        _ => {}
    }
    let ctx = Context::new(&cli, config).await?;
    // The commands that read pages fail at once on a bad profile or rules file; the others
    // never load them.
    if matches!(
        &cli.command,
        None | Some(Command::Fetch(_) | Command::Reindex)
    ) {
        ctx.scraper()?;
    }
    let _log = crate::logging::init(
        &crate::paths::log_dir(cli.data_dir.is_some(), &ctx.data_dir),
        cli.verbose,
    );
    match &cli.command {
        None => crate::tui::run(ctx).await,
        Some(Command::Fetch(_)) => fetch(&ctx).await,
        Some(Command::List(args)) => stream::list(&ctx, args),
        Some(Command::Show(args)) => show(&ctx, args),
        Some(Command::Search(args)) => stream::search(&ctx, args),
        Some(Command::Export(args)) => stream::export(&ctx, args),
        Some(Command::Reindex) => reindex(&ctx),
        Some(Command::Parse(_) | Command::Config(_) | Command::Completions(_) | Command::Man) => {
            unreachable!("handled above")
        }
    }
}

/// `gxnews config`: the configuration in force, or the defaults.
fn show_config(args: &ConfigArgs, config: &Config) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if args.default {
        write!(out, "{}", crate::config::DEFAULT_CONFIG)?;
    } else if args.default_keys {
        write!(out, "{}", crate::tui::keymap::DEFAULT_KEYS)?;
    } else {
        match &config.file {
            Some(f) => writeln!(
                out,
                "# in force: the defaults with {} over them",
                f.display()
            )?,
            None => writeln!(
                out,
                "# in force: the defaults (no file at {})",
                crate::paths::config_dir()
                    .map(|d| d.join("config.toml").display().to_string())
                    .unwrap_or_else(|| "config.toml".into())
            )?,
        }
        write!(out, "{}", config.to_toml())?;
    }
    Ok(ExitCode::SUCCESS)
}

async fn fetch(ctx: &Context) -> anyhow::Result<ExitCode> {
    if ctx.offline {
        bail!("fetch needs the network; drop --offline");
    }
    let _lock = ctx.refresh_lock()?;
    let mut store = ctx.store()?;
    let fetcher = ctx.fetcher(ctx.configured_fetch())?;
    let crawler = Crawler::new(fetcher, ctx.scraper()?, ctx.crawl_options());
    let tty = std::io::stderr().is_terminal();
    let bar = tty.then(|| {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_message(format!("reading {}", ctx.site));
        b.enable_steady_tick(Duration::from_millis(120));
        b
    });
    let progress = |p: Progress| match (&bar, p) {
        (Some(b), Progress::Lists { done }) => b.set_message(format!("{done} list pages read")),
        (Some(b), Progress::Articles { done, total }) => {
            if b.length() != Some(total as u64) {
                b.set_style(
                    indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} articles {msg}")
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                b.set_length(total as u64);
                b.set_message("");
            }
            b.set_position(done as u64);
        }
        (None, Progress::Lists { .. }) => {}
        (None, Progress::Articles { done, total }) => {
            if done == 0 {
                eprintln!("fetching {total} new articles");
            } else if done % 10 == 0 || done == total {
                eprintln!("{done}/{total} articles");
            }
        }
    };
    let result = crawler.run(&ctx.site, &mut store, &progress).await;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let report = result?;
    report_end(&report.failed, &report.summary())?;
    if let Some(msg) = ctx.prune(&mut store)? {
        eprintln!("{msg}");
    }
    Ok(ExitCode::SUCCESS)
}

fn show(ctx: &Context, args: &ShowArgs) -> anyhow::Result<ExitCode> {
    let store = ctx.store()?;
    let target = args.target.trim();
    let article = match target.parse::<i64>() {
        Ok(id) => store.article(id)?,
        Err(_) => {
            let url = canonical(target)
                .with_context(|| format!("{target:?} is neither an article id nor a URL"))?;
            // The site's pages are one whether linked over http or https.
            let mut other = url.clone();
            let flipped = match url.scheme() {
                "http" => other.set_scheme("https").is_ok(),
                "https" => other.set_scheme("http").is_ok(),
                _ => false,
            };
            match store.article_by_url(url.as_str())? {
                Some(a) => Some(a),
                None if flipped => store.article_by_url(other.as_str())?,
                None => None,
            }
        }
    };
    let Some(article) = article else {
        bail!("no cached article {target:?}; `gxnews list` shows what the cache holds");
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &article)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", output::article_text(&article))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `gxnews reindex`: a progress bar on a terminal, then the failures and one summary line.
fn reindex(ctx: &Context) -> anyhow::Result<ExitCode> {
    use crate::reindex::{Progress, default_workers, reindex_with};
    let mut store = ctx.store()?;
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} articles reindexed")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let progress = |p: Progress| {
        if let Some(b) = &bar {
            b.set_length(p.total as u64);
            b.set_position(p.done as u64);
        }
    };
    let scraper = ctx.scraper()?;
    let result = reindex_with(&mut store, &scraper, default_workers(), &progress);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let report = result?;
    report_end(&report.failed, &report.summary())?;
    Ok(ExitCode::SUCCESS)
}

/// The end of a long command, once its progress bar is cleared: one line per failure, then
/// its summary line on stdout.
fn report_end(failed: &[String], summary: &str) -> std::io::Result<()> {
    for f in failed {
        eprintln!("failed: {f}");
    }
    writeln!(std::io::stdout(), "{summary}")
}

/// Prints the completion script for a shell, generated from the command line's definition.
fn completions(shell: clap_complete::Shell) -> anyhow::Result<ExitCode> {
    use clap::CommandFactory as _;
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "gxnews", &mut out);
    std::io::stdout().lock().write_all(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the manual page, generated from the command line's definition.
fn man_page() -> anyhow::Result<ExitCode> {
    use clap::CommandFactory as _;
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    std::io::stdout().lock().write_all(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The cached section a name means, whatever its case; an unknown name fails with the names
/// there are.
fn section_named(store: &crate::store::Store, name: &str) -> anyhow::Result<String> {
    let sections = store.sections()?;
    let wanted = name.trim().to_lowercase();
    if let Some((s, ..)) = sections.iter().find(|(s, ..)| s.to_lowercase() == wanted) {
        return Ok(s.clone());
    }
    let known: Vec<&str> = sections.iter().map(|(s, ..)| s.as_str()).collect();
    if known.is_empty() {
        bail!("no section named {name:?}: the cache has no sections yet");
    }
    bail!(
        "no section named {name:?}; the cache has: {}",
        known.join(", ")
    )
}

fn file_url(path: &Path) -> anyhow::Result<Url> {
    let abs =
        std::fs::canonicalize(path).with_context(|| format!("cannot read {}", path.display()))?;
    Url::from_file_path(&abs)
        .map_err(|()| anyhow::anyhow!("cannot make a URL of {}", abs.display()))
}

fn parse(args: &ParseArgs, scraper: &Scraper) -> anyhow::Result<ExitCode> {
    let given = match &args.url {
        Some(u) => Some(canonical(u).with_context(|| format!("--url {u:?} is not a URL"))?),
        None => None,
    };
    let mut failed = false;
    let mut out = std::io::stdout().lock();
    for file in &args.files {
        let result = (|| -> anyhow::Result<output::Parsed> {
            let bytes =
                std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            let url = match &given {
                Some(u) => u.clone(),
                None => file_url(file)?,
            };
            if looks_binary(&bytes) {
                bail!("{}: not an HTML page (binary data)", file.display());
            }
            let text = crate::fetch::decode::decode(&bytes, None).text;
            let (page, trace) = scraper
                .explain_within(&text, &url, crate::scrape::PAGE_BUDGET)
                .with_context(|| file.display().to_string())?;
            let mut parsed = output::Parsed::new(url.as_str(), page);
            if args.explain {
                parsed.explain = Some(trace.fields);
            }
            Ok(parsed)
        })();
        match result {
            Ok(p) if args.json => {
                serde_json::to_writer(&mut out, &p)?;
                writeln!(out)?;
            }
            Ok(p) => {
                out.write_all(output::parsed_text(&file.display().to_string(), &p).as_bytes())?
            }
            Err(e) => {
                failed = true;
                eprintln!("gxnews: {e:#}");
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
