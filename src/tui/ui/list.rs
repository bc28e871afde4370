//! The article list: its state (items, selection kept by id, scroll) and its widget.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::model::Summary;
use crate::tui::app::{App, Focus};
use crate::tui::theme::Theme;
use crate::tui::wrap::{str_width, truncate};

/// A row's columns before its title: the star and unread markers, a space, the date, a space.
const ROW_PREFIX: usize = 2 + 1 + 10 + 1;

/// The list pane's state.
#[derive(Debug, Default)]
pub struct ListPane {
    pub items: Vec<Summary>,
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
    /// False until the cache has been read once.
    pub loaded: bool,
    /// The widest title, in columns.
    widest_title: usize,
}

impl ListPane {
    pub fn selected(&self) -> Option<&Summary> {
        self.items.get(self.selected)
    }

    /// Replaces the items, keeping the selection on the same article (by id), so new articles
    /// from a refresh never move the reader's cursor.
    pub fn replace(&mut self, items: Vec<Summary>, height: usize) {
        let keep = self.selected().map(|s| s.id);
        let old_row = self.selected.saturating_sub(self.offset);
        self.items = items;
        self.loaded = true;
        // The widest title seen: the panes keep their widths as views change.
        let widest = self.items.iter().map(|s| str_width(&s.title)).max();
        self.widest_title = self.widest_title.max(widest.unwrap_or(0));
        match keep.and_then(|id| self.items.iter().position(|s| s.id == id)) {
            Some(i) => {
                self.selected = i;
                // Keep the article on the same screen row when it can be.
                self.offset = i.saturating_sub(old_row);
            }
            None => self.selected = self.selected.min(self.items.len().saturating_sub(1)),
        }
        self.scroll_into_view(height);
    }

    /// The columns a row needs to show its whole title, the widest title's.
    pub fn row_width(&self) -> u16 {
        (ROW_PREFIX + self.widest_title).min(u16::MAX as usize) as u16
    }

    /// Moves the selection by `delta` rows, clamped.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        if self.items.is_empty() {
            return;
        }
        let last = self.items.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.scroll_into_view(height);
    }

    /// Scrolls the view by `delta` rows (the mouse wheel), taking the selection along only as
    /// far as it must to stay visible.
    pub fn scroll_view(&mut self, delta: isize, height: usize) {
        let height = height.max(1);
        let max_offset = self.items.len().saturating_sub(height);
        self.offset = self.offset.saturating_add_signed(delta).min(max_offset);
        let last_visible = (self.offset + height - 1).min(self.items.len().saturating_sub(1));
        self.selected = self
            .selected
            .clamp(self.offset, last_visible.max(self.offset));
    }

    pub fn select(&mut self, index: usize, height: usize) {
        self.selected = index.min(self.items.len().saturating_sub(1));
        self.scroll_into_view(height);
    }

    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let max_offset = self.items.len().saturating_sub(height);
        self.offset = self.offset.min(max_offset);
    }

    pub fn mark_read(&mut self, id: i64) {
        if let Some(s) = self.items.iter_mut().find(|s| s.id == id) {
            s.read = true;
        }
    }

    pub fn unread(&self) -> usize {
        self.items.iter().filter(|s| !s.read).count()
    }
}

/// Draws the list.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let pane = &app.list;
    let focused = app.focus == Focus::List;
    let view = match (
        &app.search,
        &app.filter.section,
        app.filter.unread_only,
        app.filter.starred_only,
    ) {
        (Some(s), ..) if s.shown.is_some() => {
            format!("Search “{}”", s.shown.as_deref().unwrap_or(""))
        }
        (_, Some(s), true, _) => format!("Unread in {s}"),
        (_, Some(s), ..) => s.clone(),
        (_, None, true, _) => "Unread".into(),
        (_, None, _, true) => "Starred".into(),
        _ => "Articles".into(),
    };
    let title = format!(
        " {} {} ",
        truncate(&view, (area.width as usize).saturating_sub(12)),
        pane.items.len()
    );
    let terms = app
        .search
        .as_ref()
        .and_then(|s| s.shown.as_deref())
        .map(crate::tui::views::terms)
        .unwrap_or_default();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .border_style(if focused {
            app.theme.accent
        } else {
            app.theme.muted
        });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if pane.items.is_empty() {
        let msg = empty_message(app);
        frame.render_widget(
            Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let width = inner.width as usize;
    let lines: Vec<Line> = pane
        .items
        .iter()
        .enumerate()
        .skip(pane.offset)
        .take(inner.height as usize)
        .map(|(i, s)| row(s, i == pane.selected, focused, width, &terms, &app.theme))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn row(
    s: &Summary,
    selected: bool,
    focused: bool,
    width: usize,
    terms: &[String],
    theme: &Theme,
) -> Line<'static> {
    // Starred and unread are two marks side by side: a star never hides that it is unread.
    let marker = match (s.starred, s.read) {
        (true, true) => "★  ",
        (true, false) => "★● ",
        (false, true) => "   ",
        (false, false) => " ● ",
    };
    let date = s.published.map_or_else(
        || "          ".to_string(),
        |p| p.format("%Y-%m-%d").to_string(),
    );
    let prefix_w = str_width(marker) + date.len() + 1;
    let title = truncate(&s.title, width.saturating_sub(prefix_w));
    let pad = width.saturating_sub(prefix_w + str_width(&title));
    let mut style = Style::new();
    if !s.read {
        style = style.add_modifier(Modifier::BOLD);
    }
    if selected {
        style = if focused {
            style.patch(theme.selected)
        } else {
            style.reversed()
        };
    }
    let mut spans = vec![
        Span::styled(
            marker,
            if selected {
                style
            } else {
                style.patch(theme.key)
            },
        ),
        Span::styled(
            date,
            if selected {
                style
            } else {
                style.patch(theme.muted).remove_modifier(Modifier::BOLD)
            },
        ),
        Span::styled(" ", style),
    ];
    spans.extend(highlight(&title, terms, style, theme.matched));
    spans.push(Span::styled(" ".repeat(pad), style));
    Line::from(spans)
}

/// Splits text into spans with the query's words highlighted (case-insensitively).
pub fn highlight(text: &str, terms: &[String], style: Style, matched: Style) -> Vec<Span<'static>> {
    let lower = text.to_lowercase();
    // Byte ranges of matches, found in the lower-cased text; lower-casing keeps byte offsets
    // for the ASCII and CJK text of this site, and a mismatch only costs the highlight.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    if lower.len() == text.len() {
        for t in terms {
            let mut from = 0;
            while let Some(i) = lower[from..].find(t.as_str()) {
                ranges.push((from + i, from + i + t.len()));
                from += i + t.len();
            }
        }
    }
    ranges.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for (a, b) in ranges {
        if a < at || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        if a > at {
            out.push(Span::styled(text[at..a].to_string(), style));
        }
        out.push(Span::styled(text[a..b].to_string(), style.patch(matched)));
        at = b;
    }
    if at < text.len() || out.is_empty() {
        out.push(Span::styled(text[at..].to_string(), style));
    }
    out
}

/// What an empty list says: why it is empty and what to do, for the view it is.
fn empty_message(app: &App) -> String {
    use crate::tui::action::Action;
    use crate::tui::keymap::Context;
    let key = |action: Action, default: &str| {
        app.keymap
            .key_for(Context::List, action)
            .unwrap_or_else(|| default.to_string())
    };
    let back = key(Action::Back, "Esc");
    if !app.list.loaded {
        return "Reading the cache…".to_string();
    }
    if let Some(q) = app.search.as_ref().and_then(|s| s.shown.as_deref()) {
        return format!("No article matches \"{q}\". Press {back} to go back.");
    }
    let f = &app.filter;
    let what = match (&f.section, f.unread_only, f.starred_only) {
        (Some(s), true, _) => Some(format!("No unread articles in {s}.")),
        (Some(s), ..) => Some(format!("No articles in {s}.")),
        (None, true, _) => Some("No unread articles: all caught up.".to_string()),
        (None, _, true) => Some(format!(
            "No starred articles. Press {} on an article to star it.",
            key(Action::ToggleStar, "s")
        )),
        _ => None,
    };
    if let Some(what) = what {
        return format!("{what} Press {back} to go back.");
    }
    if app.sync.is_busy() {
        return "Fetching the first articles…".to_string();
    }
    let demo = if app.demo {
        ""
    } else {
        ", or run `gxnews --demo` to try the demo edition"
    };
    if app.online {
        format!(
            "No articles cached yet. Press {} to fetch{demo}.",
            key(Action::Refresh, "r")
        )
    } else {
        format!(
            "No articles cached yet, and gxnews is offline. Run `gxnews fetch` when online{demo}."
        )
    }
}
