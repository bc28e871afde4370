//! The metadata bar: the article's metadata on the first line; position, sync state and key
//! hints on the second.

use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::action::Action;
use crate::tui::app::{App, Focus};
use crate::tui::keymap::Context;
use crate::tui::wrap::truncate;

/// Where the cache stands against the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncState {
    /// Started with `--offline`: no network at all.
    Offline,
    /// Nothing done yet.
    Idle,
    /// Reading list pages.
    Listing { pages: usize },
    /// Fetching articles.
    Fetching { done: usize, total: usize },
    /// The last refresh finished.
    UpToDate {
        new: usize,
        failed: usize,
        /// When the refresh ended, local time (`21:14`).
        at: String,
    },
    /// The last refresh failed: the message, one line.
    Error(String),
}

impl SyncState {
    pub fn label(&self) -> String {
        match self {
            SyncState::Offline => "offline".into(),
            SyncState::Idle => "cached".into(),
            SyncState::Listing { pages } => format!("fetching: {pages} list pages read"),
            SyncState::Fetching { done, total } => format!("fetching {done} of {total}"),
            SyncState::UpToDate {
                new: 0,
                failed: 0,
                at,
            } => format!("up to date, checked {at}"),
            SyncState::UpToDate { new, failed: 0, at } => format!("refreshed {at}, {new} new"),
            SyncState::UpToDate { new, failed, at } => {
                format!("refreshed {at}, {new} new, {failed} pages failed")
            }
            SyncState::Error(e) => e.clone(),
        }
    }

    pub fn is_busy(&self) -> bool {
        matches!(self, SyncState::Listing { .. } | SyncState::Fetching { .. })
    }
}

/// What the metadata bar shows: the open article's fields, or the selected row's.
#[derive(Debug, Clone, PartialEq)]
struct ShownMeta {
    section: Option<String>,
    published: Option<DateTime<FixedOffset>>,
    source: Option<String>,
    editor: Option<String>,
    views: Option<u64>,
    url: String,
}

/// The metadata the bar shows: the open article when reading it, else the selected row.
fn shown_meta(app: &App) -> Option<ShownMeta> {
    let sel = app.list.selected();
    match (app.reader.article.as_ref(), sel) {
        (Some(a), _) if app.focus == Focus::Article || sel.is_some_and(|s| s.id == a.id) => {
            Some(ShownMeta {
                section: a.section.clone(),
                published: a.published,
                source: a.source.clone(),
                editor: a.editor.clone(),
                views: crate::document::shown_views(a),
                url: a.url.clone(),
            })
        }
        (_, Some(s)) => Some(ShownMeta {
            section: s.section.clone(),
            published: s.published,
            source: None,
            editor: None,
            views: None,
            url: s.url.clone(),
        }),
        _ => None,
    }
}

/// The first line's spans: section, time, source, editor, views and URL of what is shown.
fn meta_spans(app: &App) -> Vec<Span<'static>> {
    let t = &app.theme;
    let mut meta: Vec<Span> = Vec::new();
    let Some(m) = shown_meta(app) else {
        return meta;
    };
    let sep = Span::styled(" · ", t.muted);
    let mut push = |s: String, style: Style| {
        if !meta.is_empty() {
            meta.push(sep.clone());
        }
        meta.push(Span::styled(s, style));
    };
    if let Some(s) = m.section {
        push(s, t.key);
    }
    if let Some(p) = m.published {
        push(p.format("%Y-%m-%d %H:%M %:z").to_string(), Style::new());
    }
    if let Some(s) = m.source {
        push(format!("Source: {s}"), Style::new());
    }
    if let Some(e) = m.editor {
        push(format!("Editor: {e}"), Style::new());
    }
    if let Some(v) = m.views {
        push(format!("Views: {v}"), Style::new());
    }
    push(m.url, t.muted);
    meta
}

/// Draws the bar.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let width = area.width as usize;
    let t = &app.theme;
    let meta = meta_spans(app);
    let line1 = fit(meta, width);

    let pos = if app.list.is_empty() {
        "0/0".to_string()
    } else {
        format!("{}/{}", app.list.selected + 1, app.list.total)
    };
    let state = app.sync.label();
    let state_style = match &app.sync {
        SyncState::Error(_) => t.error,
        SyncState::Offline => t.offline,
        s if s.is_busy() => t.busy,
        _ => t.ok,
    };
    let ctx = if app.focus == Focus::List {
        Context::List
    } else {
        Context::Article
    };
    let hint = |a: Action| {
        app.keymap
            .key_for(ctx, a)
            .map(|k| format!("{k} {}", short(a)))
    };
    let hints: Vec<String> = [
        Action::Open,
        Action::Back,
        Action::Refresh,
        Action::Help,
        Action::Quit,
    ]
    .into_iter()
    .filter(|a| match app.focus {
        Focus::List => *a != Action::Back,
        Focus::Article => *a != Action::Open,
    })
    .filter_map(hint)
    .collect();
    if let Some(prompt) = prompt(app) {
        frame.render_widget(
            Paragraph::new(vec![line1, fit(prompt, width)]).style(t.bar),
            area,
        );
        return;
    }
    let mut spans = vec![
        Span::styled(pos, Style::new().bold()),
        Span::styled(format!("  {} unread", app.list.unread()), t.muted),
        Span::raw("  "),
        Span::styled(state, state_style),
    ];
    if let Some(flash) = &app.flash {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(flash.clone(), Style::new().italic()));
    }
    let used: usize = spans.iter().map(Span::width).sum();
    let hints = hints.join("  ");
    if used + hints.len() + 2 <= width {
        spans.push(Span::raw(" ".repeat(width - used - hints.len())));
        spans.push(Span::styled(hints, t.muted));
    }
    let line2 = fit(spans, width);
    frame.render_widget(Paragraph::new(vec![line1, line2]).style(t.bar), area);
}

/// The open prompt's line: the search being typed, or the number of the link to follow.
fn prompt(app: &App) -> Option<Vec<Span<'static>>> {
    let t = &app.theme;
    let (lead, input, help) = if let Some(s) = app.search.as_ref().filter(|s| s.editing) {
        ("/", s.input.clone(), "   Enter: keep results  Esc: cancel")
    } else {
        let n = app.link_prompt.as_ref()?;
        ("link ", n.clone(), "   Enter: open  y: copy  Esc: cancel")
    };
    Some(vec![
        Span::styled(lead, t.key.bold()),
        Span::raw(input),
        Span::styled("▏", t.key),
        Span::styled(help, t.muted),
    ])
}

fn short(a: Action) -> &'static str {
    match a {
        Action::Open => "open",
        Action::Back => "back",
        Action::Refresh => "refresh",
        Action::Help => "help",
        Action::Quit => "quit",
        _ => "",
    }
}

/// Cuts a line of spans to the width, the last visible span ending in `…`.
fn fit(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut out = Vec::new();
    let mut used = 0;
    for s in spans {
        let w = s.width();
        if used + w <= width {
            used += w;
            out.push(s);
        } else {
            let room = width.saturating_sub(used);
            if room > 1 {
                out.push(Span::styled(truncate(&s.content, room), s.style));
            }
            break;
        }
    }
    Line::from(out)
}
