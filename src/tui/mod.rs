//! The reader (TUI): a tokio event loop over one channel. Keys and background results arrive
//! as [`action::Event`]s; `App::update` turns them into state and [`action::Effect`]s; effects
//! run as tasks whose results come back as events. The screen is drawn only when something
//! changed, and the terminal is restored on every exit path, panics included.

pub mod action;
pub mod app;
pub mod keymap;
pub mod ui;
pub mod wrap;

use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt;
use ratatui::layout::Rect;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

use crate::cli::Context;
use crate::crawl::{CrawlOptions, Crawler};
use crate::store::Store;
use action::{Effect, Event};
use app::App;
use keymap::Keymap;

/// Runs the reader until the user quits.
pub async fn run(ctx: Context) -> anyhow::Result<ExitCode> {
    // Open the cache before touching the terminal, so a cache error is a plain message.
    let store = Arc::new(Mutex::new(ctx.store()?));
    let keymap = Keymap::default_keys();
    let online = !ctx.offline;
    let mut terminal = ratatui::init();
    let result = event_loop(&mut terminal, ctx, store, keymap, online).await;
    ratatui::restore();
    result.map(|()| ExitCode::SUCCESS)
}

async fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    ctx: Context,
    store: Arc<Mutex<Store>>,
    keymap: Keymap,
    online: bool,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    let mut app = App::new(keymap, online, Rect::new(0, 0, size.width, size.height));
    let (tx, mut rx) = unbounded_channel::<Event>();

    let input_tx = tx.clone();
    let input = tokio::spawn(async move {
        let mut events = crossterm::event::EventStream::new();
        while let Some(Ok(ev)) = events.next().await {
            if input_tx.send(Event::Term(ev)).is_err() {
                break;
            }
        }
    });

    let runner = Runner {
        ctx: Arc::new(ctx),
        store,
        tx,
        crawl: None,
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
            break;
        }
        for e in effects {
            runner.spawn(e);
        }
        terminal.draw(|f| ui::draw(f, &app))?;
    }
    input.abort();
    if let Some(c) = runner.crawl.take() {
        c.abort();
    }
    Ok(())
}

/// Carries out effects as background tasks.
struct Runner {
    ctx: Arc<Context>,
    store: Arc<Mutex<Store>>,
    tx: UnboundedSender<Event>,
    crawl: Option<tokio::task::JoinHandle<()>>,
}

impl Runner {
    fn spawn(&mut self, effect: Effect) {
        let tx = self.tx.clone();
        let store = Arc::clone(&self.store);
        match effect {
            Effect::LoadList => {
                tokio::task::spawn_blocking(move || {
                    let r = lock(&store).and_then(|s| s.summaries(None).map_err(|e| e.to_string()));
                    let _ = tx.send(Event::ListLoaded(r));
                });
            }
            Effect::LoadArticle(id) => {
                tokio::task::spawn_blocking(move || {
                    let r = lock(&store).and_then(|s| s.article(id).map_err(|e| e.to_string()));
                    let _ = tx.send(Event::ArticleLoaded(id, r.map(|a| a.map(Box::new))));
                });
            }
            Effect::MarkRead(id) => {
                tokio::task::spawn_blocking(move || {
                    if let Err(e) =
                        lock(&store).and_then(|s| s.set_read(id, true).map_err(|e| e.to_string()))
                    {
                        tracing::warn!(error = %e, "marking read failed");
                    }
                });
            }
            Effect::Refresh => {
                if self.crawl.as_ref().is_some_and(|c| !c.is_finished()) {
                    return;
                }
                let ctx = Arc::clone(&self.ctx);
                self.crawl = Some(tokio::spawn(async move {
                    let r = crawl(&ctx, tx.clone()).await;
                    let _ = tx.send(Event::CrawlDone(r));
                }));
            }
        }
    }
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
    let mut store = ctx.store().map_err(|e| format!("{e:#}"))?;
    let cfg = ctx.fetch_config(2, Duration::from_millis(500));
    let fetcher = ctx.fetcher(cfg).map_err(|e| format!("{e:#}"))?;
    let crawler = Crawler::new(fetcher, Arc::clone(&ctx.scraper), CrawlOptions::default());
    let progress = move |p| {
        let _ = tx.send(Event::Progress(p));
    };
    crawler
        .run(&ctx.site, &mut store, &progress)
        .await
        .map_err(|e| {
            let msg = crate::sanitize::clean_text(&e.to_string());
            if matches!(e, crate::crawl::CrawlError::Unreachable(_)) {
                format!("offline: {msg}; showing the cache (r to retry)")
            } else {
                msg
            }
        })
}
