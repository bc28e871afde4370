//! The article list: its state (items, selection kept by id, scroll) and its widget.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
};

use crate::model::Summary;
use crate::store::{Anchor, Counts, Window};
use crate::tui::app::{App, Focus};
use crate::tui::theme::Theme;
use crate::tui::wrap::{str_width, truncate};

/// A row's columns before its title: the star and unread markers, a space, the date, a space.
const ROW_PREFIX: usize = 2 + 1 + 10 + 1;

/// Rows the reader holds of a view: a few screens around what is shown, never the whole view.
pub const WINDOW_ROWS: usize = 300;
/// How near the screen may come to the held rows' edge before the next rows are asked for.
const WINDOW_MARGIN: usize = 60;

/// The list pane's state: the view's size, the rows held of it (a window, from `start`), the
/// selection and the first visible row, all as places in the whole view.
#[derive(Debug, Default)]
pub struct ListPane {
    rows: Vec<Summary>,
    /// Each held row's list key, to read on from it.
    keys: Vec<i64>,
    /// The place of the first held row.
    start: usize,
    /// How many rows the view holds, and how many of them are unread.
    pub total: usize,
    pub unread_total: usize,
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
    /// False until the cache has been read once.
    pub loaded: bool,
    /// The start of rows asked for and not yet come.
    pub asked: Option<usize>,
    /// The widest title, in columns.
    widest_title: usize,
}

impl ListPane {
    /// The row at a place of the view, when it is held.
    pub fn get(&self, index: usize) -> Option<&Summary> {
        index.checked_sub(self.start).and_then(|i| self.rows.get(i))
    }

    pub fn selected(&self) -> Option<&Summary> {
        self.get(self.selected)
    }

    /// The place of a held article.
    pub fn find(&self, id: i64) -> Option<usize> {
        self.rows
            .iter()
            .position(|s| s.id == id)
            .map(|i| i + self.start)
    }

    pub fn find_mut(&mut self, id: i64) -> Option<&mut Summary> {
        self.rows.iter_mut().find(|s| s.id == id)
    }

    /// The rows held, from the place [`ListPane::held`] starts at.
    pub fn held_rows(&self) -> &[Summary] {
        &self.rows
    }

    /// The held rows, with their places.
    pub fn held(&self) -> impl Iterator<Item = (usize, &Summary)> {
        self.rows
            .iter()
            .enumerate()
            .map(|(i, s)| (i + self.start, s))
    }

    pub fn held_mut(&mut self) -> impl Iterator<Item = &mut Summary> {
        self.rows.iter_mut()
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// A held row to read nearby rows from.
    pub fn anchor(&self) -> Option<Anchor> {
        self.keys.first().map(|&ord| Anchor {
            index: self.start,
            ord,
        })
    }

    /// A whole view read anew: its size, and rows from `start`. `place` is where the article
    /// to select stands (kept on the same screen row when it can be), if the view holds it.
    pub fn show(&mut self, counts: Counts, window: Window, place: Option<usize>, height: usize) {
        let old_row = self.selected.saturating_sub(self.offset);
        self.total = counts.total;
        self.unread_total = counts.unread;
        self.loaded = true;
        self.asked = None;
        self.hold(window);
        match place {
            Some(i) => {
                self.selected = i;
                self.offset = i.saturating_sub(old_row);
            }
            None => self.selected = self.selected.min(self.total.saturating_sub(1)),
        }
        self.scroll_into_view(height);
    }

    /// Rows asked for have come.
    pub fn hold(&mut self, window: Window) {
        if self.asked == Some(window.start) {
            self.asked = None;
        }
        self.start = window.start;
        (self.keys, self.rows) = window.rows.into_iter().unzip();
        // The widest title seen: the panes keep their widths as views change.
        let widest = self.rows.iter().map(|s| str_width(&s.title)).max();
        self.widest_title = self.widest_title.max(widest.unwrap_or(0));
    }

    /// Where the rows to hold should start when the screen has come near the edge of those
    /// held, and rows beyond that edge exist; `None` when the held rows do, or are asked.
    pub fn wanted(&self, height: usize) -> Option<usize> {
        let first = self.offset.saturating_sub(WINDOW_MARGIN);
        let last = (self.offset + height + WINDOW_MARGIN).min(self.total);
        let end = self.start + self.rows.len();
        let covered =
            (first >= self.start || self.start == 0) && (last <= end || end >= self.total);
        if covered || self.total == 0 {
            return None;
        }
        let start = (self.offset + height / 2).saturating_sub(WINDOW_ROWS / 2);
        let start = start.min(self.total.saturating_sub(WINDOW_ROWS));
        (self.asked != Some(start)).then_some(start)
    }

    /// More rows at the end of those held (a page of search results); the view grows by them.
    pub fn append(&mut self, rows: Vec<(i64, Summary)>) {
        for (key, s) in rows {
            self.total += 1;
            self.unread_total += usize::from(!s.read);
            self.widest_title = self.widest_title.max(str_width(&s.title));
            self.keys.push(key);
            self.rows.push(s);
        }
    }

    /// The list key of the last row held.
    pub fn last_key(&self) -> Option<i64> {
        self.keys.last().copied()
    }

    /// The columns a row needs to show its whole title, the widest title's.
    pub fn row_width(&self) -> u16 {
        (ROW_PREFIX + self.widest_title).min(u16::MAX as usize) as u16
    }

    /// Moves the selection by `delta` rows, clamped.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        if self.total == 0 {
            return;
        }
        let last = self.total - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.scroll_into_view(height);
    }

    /// Scrolls the view by `delta` rows (the mouse wheel), taking the selection along only as
    /// far as it must to stay visible.
    pub fn scroll_view(&mut self, delta: isize, height: usize) {
        let height = height.max(1);
        let max_offset = self.total.saturating_sub(height);
        self.offset = self.offset.saturating_add_signed(delta).min(max_offset);
        let last_visible = (self.offset + height - 1).min(self.total.saturating_sub(1));
        self.selected = self
            .selected
            .clamp(self.offset, last_visible.max(self.offset));
    }

    pub fn select(&mut self, index: usize, height: usize) {
        self.selected = index.min(self.total.saturating_sub(1));
        self.scroll_into_view(height);
    }

    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let max_offset = self.total.saturating_sub(height);
        self.offset = self.offset.min(max_offset);
    }

    /// Marks a held article read or unread, keeping the view's unread count.
    pub fn set_read(&mut self, id: i64, read: bool) {
        let Some(s) = self.find_mut(id) else {
            return;
        };
        if s.read != read {
            s.read = read;
            self.unread_total = if read {
                self.unread_total.saturating_sub(1)
            } else {
                self.unread_total + 1
            };
        }
    }

    pub fn mark_read(&mut self, id: i64) {
        self.set_read(id, true);
    }

    pub fn unread(&self) -> usize {
        self.unread_total
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
    // Search results come a page at a time: `100+` while more pages are left to read.
    let more = app
        .search
        .as_ref()
        .is_some_and(|s| s.shown.is_some() && s.more);
    let title = format!(
        " {} {}{} ",
        truncate(&view, (area.width as usize).saturating_sub(12)),
        pane.total,
        if more { "+" } else { "" }
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
    if pane.is_empty() {
        let msg = empty_message(app);
        frame.render_widget(
            Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let width = inner.width as usize;
    let last = (pane.offset + inner.height as usize).min(pane.total);
    // A row not yet read from the cache shows as a blank line for the moment it takes.
    let lines: Vec<Line> = (pane.offset..last)
        .map(|i| match pane.get(i) {
            Some(s) => row(s, i == pane.selected, focused, width, &terms, &app.theme),
            None => Line::from(""),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    let height = inner.height as usize;
    if pane.total > height {
        // On the right border: where the rows shown stand in the whole view (a click on it
        // jumps there).
        let mut state =
            ScrollbarState::new(pane.total.saturating_sub(height)).position(pane.offset);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(Some("│"))
            .thumb_symbol("┃");
        let track = area.inner(Margin::new(0, 1));
        frame.render_stateful_widget(bar, track, &mut state);
    }
}

/// The row of a view a click on the scrollbar points at: `at` of `height` rows of track.
pub fn scrollbar_row(at: usize, height: usize, total: usize) -> usize {
    if height <= 1 {
        return 0;
    }
    (at.min(height - 1) * total.saturating_sub(1)).div_ceil(height - 1)
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
