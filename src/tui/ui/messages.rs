//! The message log overlay: every message since the start, newest at the bottom, in full.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::tui::app::App;
use crate::tui::wrap::wrap;

/// The overlay leaves this many columns and rows of the screen around it.
const MARGIN: u16 = 2;

/// Draws the log over the screen; `up` lines scrolled back from the newest.
pub fn render(frame: &mut Frame, area: Rect, app: &App, up: usize) {
    let t = &app.theme;
    let r = Rect {
        x: area.x + MARGIN.min(area.width / 4),
        y: area.y + MARGIN.min(area.height / 4) / 2,
        width: area.width.saturating_sub(2 * MARGIN.min(area.width / 4)),
        height: area.height.saturating_sub(MARGIN.min(area.height / 4)),
    };
    frame.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Messages (j/k to scroll, Esc to close) ")
        .border_style(t.accent);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let width = inner.width.saturating_sub(10).max(10) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for m in &app.log.messages {
        let style = if m.error {
            t.error
        } else {
            ratatui::style::Style::new()
        };
        for (i, l) in wrap(&m.text, width).into_iter().enumerate() {
            let at = if i == 0 { m.at.clone() } else { String::new() };
            lines.push(Line::from(vec![
                Span::styled(format!("{at:<9} "), t.muted),
                Span::styled(l, style),
            ]));
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled("No messages yet.", t.muted));
    }
    let height = inner.height as usize;
    let end = lines.len().saturating_sub(up);
    let start = end.saturating_sub(height);
    frame.render_widget(Paragraph::new(lines[start..end].to_vec()), inner);
}
