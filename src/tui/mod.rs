//! The reader (TUI): a tokio event loop over one channel. Keys and background results arrive
//! as [`action::Event`]s; `App::update` turns them into state and [`action::Effect`]s; effects
//! run as tasks whose results come back as events. The screen is drawn only when something
//! changed, and the terminal is restored on every exit path, panics included.

pub mod action;
pub mod app;
pub mod browser;
pub mod effects;
pub mod keymap;
mod links;
pub mod messages;
mod rows;
mod sections;
pub mod theme;
pub mod ui;
pub mod views;
pub mod wrap;

use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt;
use ratatui::layout::Rect;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

use crate::cli::Context;
use crate::crawl::Crawler;
use crate::store::Store;
use action::{Effect, Event};
use app::App;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use effects::store_effect;

/// Runs the reader until the user quits.
pub async fn run(ctx: Context) -> anyhow::Result<ExitCode> {
    // A terminal that cannot move its cursor cannot draw the reader: say so before touching it.
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        anyhow::bail!(
            "TERM=dumb cannot draw the reader; use `gxnews list`, `show` and `search`, or run it in a full terminal"
        );
    }
    // Open the cache before touching the terminal, so a cache error is a plain message.
    let store = Arc::new(Mutex::new(ctx.store()?));
    let online = !ctx.offline;
    let mouse = ctx.config.reader.mouse;
    let mut terminal = ratatui::init();
    if mouse {
        // ratatui's panic hook restores the screen; the mouse must be given back too.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture);
            hook(info);
        }));
        let _ = crossterm::execute!(std::io::stdout(), EnableMouseCapture);
    }
    let result = event_loop(&mut terminal, ctx, store, online).await;
    if mouse {
        let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    result.map(|()| ExitCode::SUCCESS)
}

async fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    ctx: Context,
    store: Arc<Mutex<Store>>,
    online: bool,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    let mut app = App::new(
        ctx.config.keymap(),
        online,
        Rect::new(0, 0, size.width, size.height),
    );
    app.set_theme(ctx.config.theme(crate::config::no_color_env()));
    app.mouse = ctx.config.reader.mouse;
    app.max_width = ctx.config.reader.max_width;
    app.demo = ctx.demo.is_some();
    let (tx, mut rx) = unbounded_channel::<Event>();
    let signals = stop_on_signals(tx.clone());

    let ticker = auto_refresh(tx.clone(), online, ctx.config.reader.auto_refresh_minutes);

    let mut input = read_keys(tx.clone());
    let mouse = app.mouse;

    let runner = Runner {
        ctx: Arc::new(ctx),
        store,
        tx,
        crawl: None,
        searches: Arc::new(AtomicU64::new(0)),
    };
    let mut runner = runner;
    for e in app.start() {
        runner.spawn(e);
    }
    terminal.draw(|f| ui::draw(f, &app))?;
    while let Some(first) = rx.recv().await {
        let mut effects = app.handle(first);
        // Apply everything already queued, then draw once.
        while let Ok(ev) = rx.try_recv() {
            effects.extend(app.handle(ev));
        }
        if app.quit {
            // The reader's place is saved before the process ends, not in the background.
            for e in effects {
                if matches!(e, Effect::SavePosition { .. }) {
                    runner.save_now(e);
                }
            }
            break;
        }
        for e in effects {
            match e {
                Effect::OpenUrl(url) => {
                    let notice = open_url(terminal, &url, &mut input, &runner.tx, mouse);
                    app.handle(Event::Notice(notice));
                }
                e => runner.spawn(e),
            }
        }
        terminal.draw(|f| ui::draw(f, &app))?;
    }
    input.abort();
    signals.abort();
    if let Some(t) = ticker {
        t.abort();
    }
    if let Some(c) = runner.crawl.take() {
        c.abort();
    }
    Ok(())
}

/// Auto-refresh: a tick every `minutes` while the reader is open (never when offline).
fn auto_refresh(
    tx: UnboundedSender<Event>,
    online: bool,
    minutes: u64,
) -> Option<tokio::task::JoinHandle<()>> {
    (online && minutes > 0).then(|| {
        tokio::spawn(async move {
            let period = Duration::from_secs(minutes.saturating_mul(60));
            let mut interval =
                tokio::time::interval_at(tokio::time::Instant::now() + period, period);
            loop {
                interval.tick().await;
                if tx.send(Event::Tick).is_err() {
                    break;
                }
            }
        })
    })
}

/// Reads the terminal's events into the loop's channel.
fn read_keys(tx: UnboundedSender<Event>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut events = crossterm::event::EventStream::new();
        while let Some(Ok(ev)) = events.next().await {
            if tx.send(Event::Term(ev)).is_err() {
                break;
            }
        }
    })
}

/// Opens a URL with the first browser command that starts, and says what happened. A text
/// browser gets the terminal: the reader stops reading keys, leaves its screen, waits for the
/// browser to end, and comes back.
fn open_url(
    terminal: &mut ratatui::DefaultTerminal,
    url: &str,
    input: &mut tokio::task::JoinHandle<()>,
    tx: &UnboundedSender<Event>,
    mouse: bool,
) -> String {
    let var = std::env::var("BROWSER").ok();
    let mut failure = String::new();
    for cmd in browser::commands(var.as_deref(), url) {
        if !cmd.in_terminal() {
            match cmd.spawn() {
                Ok(()) => return format!("opened {url}"),
                Err(e) => failure = format!("cannot start {}: {e}", cmd.program),
            }
            continue;
        }
        input.abort();
        if mouse {
            let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture);
        }
        ratatui::restore();
        let ran = cmd.run_here();
        let _ = crossterm::terminal::enable_raw_mode();
        let _ = crossterm::execute!(std::io::stdout(), crossterm::terminal::EnterAlternateScreen);
        if mouse {
            let _ = crossterm::execute!(std::io::stdout(), EnableMouseCapture);
        }
        let _ = terminal.clear();
        *input = read_keys(tx.clone());
        match ran {
            Ok(_) => return format!("back from {}", cmd.program),
            Err(e) => failure = format!("cannot start {}: {e}", cmd.program),
        }
    }
    format!("{failure}; set $BROWSER")
}

/// Ends the reader as `q` does on SIGTERM, SIGHUP and SIGINT, so the terminal is restored and
/// the reading position saved when the reader is told to stop from outside.
fn stop_on_signals(tx: UnboundedSender<Event>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let kinds = [
                SignalKind::terminate(),
                SignalKind::hangup(),
                SignalKind::interrupt(),
            ];
            let mut streams: Vec<_> = kinds.into_iter().filter_map(|k| signal(k).ok()).collect();
            let waits = streams.iter_mut().map(|s| Box::pin(s.recv()));
            futures::future::select_all(waits).await;
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
        let _ = tx.send(Event::Stop);
    })
}

/// Carries out effects as background tasks.
struct Runner {
    ctx: Arc<Context>,
    store: Arc<Mutex<Store>>,
    tx: UnboundedSender<Event>,
    crawl: Option<tokio::task::JoinHandle<()>>,
    /// The number of the latest search typed: a search of an older number is dropped, and
    /// stopped where it runs.
    searches: Arc<AtomicU64>,
}

impl Runner {
    fn spawn(&mut self, effect: Effect) {
        let tx = self.tx.clone();
        let store = Arc::clone(&self.store);
        match effect {
            Effect::Refresh => {
                if self.crawl.as_ref().is_some_and(|c| !c.is_finished()) {
                    return;
                }
                let ctx = Arc::clone(&self.ctx);
                self.crawl = Some(tokio::spawn(async move {
                    let r = crawl(&ctx, tx.clone()).await;
                    let at = chrono::Local::now().format("%H:%M").to_string();
                    let _ = tx.send(Event::CrawlDone(r, at));
                }));
            }
            Effect::CopyUrl(url) => copy_osc52(&url),
            Effect::Search(_) | Effect::SearchMore(..) => self.search(effect),
            // Everything else is cache work: on the blocking pool, never on the loop.
            other => {
                tokio::task::spawn_blocking(move || {
                    let event = lock(&store).and_then(|mut s| store_effect(&mut s, other));
                    match event {
                        Ok(Some(ev)) => {
                            let _ = tx.send(ev);
                        }
                        Ok(None) => {}
                        Err(e) => {
                            tracing::warn!(error = %e, "cache work failed");
                            let _ = tx.send(Event::Notice(e));
                        }
                    }
                });
            }
        }
    }

    /// Runs a search on the blocking pool unless typing has overtaken it: a newer query stops
    /// it where it runs, and the answer of an overtaken one is dropped unseen.
    fn search(&mut self, effect: Effect) {
        let number = match effect {
            Effect::Search(_) => self.searches.fetch_add(1, Ordering::SeqCst) + 1,
            _ => self.searches.load(Ordering::SeqCst),
        };
        let latest = Arc::clone(&self.searches);
        let dropped = move || latest.load(Ordering::SeqCst) != number;
        let (tx, store) = (self.tx.clone(), Arc::clone(&self.store));
        tokio::task::spawn_blocking(move || {
            if dropped() {
                return;
            }
            let event = lock(&store).and_then(|mut s| {
                let dropped = dropped.clone();
                s.interruptible(dropped, |s| effects::cache_effect(s, effect))
                    .map_err(|e| e.to_string())?
            });
            match event {
                _ if dropped() => {}
                Ok(Some(ev)) => {
                    let _ = tx.send(ev);
                }
                Ok(None) => {}
                Err(e) => {
                    let _ = tx.send(Event::Notice(e));
                }
            }
        });
    }

    /// Saves the reader's place synchronously, at exit.
    fn save_now(&self, effect: Effect) {
        let saved = lock(&self.store).and_then(|mut s| store_effect(&mut s, effect));
        if let Err(e) = saved {
            tracing::warn!(error = %e, "saving the reading position failed");
        }
    }
}

/// Copies text to the clipboard with OSC 52, which terminals honour over SSH. It is sent
/// plain, also inside tmux: tmux takes it with its default `set-clipboard external` (or `on`)
/// and passes it on, where a passthrough-wrapped one would be dropped unless
/// `allow-passthrough` is on.
fn copy_osc52(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout();
    let _ = out.write_all(osc52(text).as_bytes());
    let _ = out.flush();
}

/// The OSC 52 sequence that sets the clipboard to `text` (cleaned of controls first).
pub fn osc52(text: &str) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(crate::sanitize::clean_text(text));
    format!("\x1b]52;c;{b64}\x07")
}

fn lock(store: &Mutex<Store>) -> Result<std::sync::MutexGuard<'_, Store>, String> {
    store
        .lock()
        .map_err(|_| "the cache connection was poisoned".to_string())
}

/// One background refresh, on its own cache connection so the reader's reads never wait on it.
async fn crawl(
    ctx: &Context,
    tx: UnboundedSender<Event>,
) -> Result<crate::crawl::CrawlReport, String> {
    let _lock = ctx.refresh_lock().map_err(|e| format!("{e:#}"))?;
    let mut store = ctx.store().map_err(|e| format!("{e:#}"))?;
    let fetcher = ctx
        .fetcher(ctx.configured_fetch())
        .map_err(|e| format!("{e:#}"))?;
    let scraper = ctx.scraper().map_err(|e| format!("{e:#}"))?;
    let crawler = Crawler::new(fetcher, scraper, ctx.crawl_options());
    let progress = move |p| {
        let _ = tx.send(Event::Progress(p));
    };
    let report = crawler
        .run(&ctx.site, &mut store, &progress)
        .await
        .map_err(|e| {
            let msg = crate::sanitize::clean_text(&e.to_string());
            if matches!(e, crate::crawl::CrawlError::Unreachable(_)) {
                format!("offline: {msg}; showing the cache (r to retry)")
            } else {
                msg
            }
        })?;
    if let Err(e) = ctx.prune(&mut store) {
        tracing::warn!(error = %e, "pruning old articles failed");
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    /// `y` sends a plain OSC 52, inside tmux too: tmux's default clipboard setting takes it,
    /// while a passthrough-wrapped one would be dropped.
    #[test]
    fn osc52_is_plain_and_clean() {
        let seq = super::osc52("https://en.gxzf.gov.cn/a\u{1b}[31m.html");
        assert!(
            seq.starts_with("\u{1b}]52;c;") && seq.ends_with('\u{7}'),
            "{seq:?}"
        );
        assert!(!seq.contains("Ptmux"));
        use base64::Engine as _;
        let b64 = &seq["\u{1b}]52;c;".len()..seq.len() - 1];
        let text = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        assert!(!text.contains(&0x1b), "{text:?}");
    }
}
