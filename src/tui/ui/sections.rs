//! The section overview overlay: one row per section with its unread and total counts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::tui::app::App;
use crate::tui::wrap::{str_width, truncate};

/// The overview's rows: all articles first, then each section, with their counts.
pub fn rows(app: &App) -> Vec<(String, usize, usize)> {
    let total = app.sections.iter().map(|(_, t, _)| t).sum();
    let unread = app.sections.iter().map(|(_, _, u)| u).sum();
    std::iter::once(("All articles".to_string(), total, unread))
        .chain(app.sections.iter().cloned())
        .collect()
}

/// Draws the overview centred on the screen, the selected row highlighted.
pub fn render(frame: &mut Frame, area: Rect, app: &App, selected: usize) {
    let t = &app.theme;
    let rows = rows(app);
    let counts: Vec<String> = rows
        .iter()
        .map(|(_, total, unread)| format!("{unread:>5} unread {total:>6}"))
        .collect();
    let name_w = rows.iter().map(|(n, ..)| str_width(n)).max().unwrap_or(0);
    let count_w = counts.iter().map(|c| c.len()).max().unwrap_or(0);
    let w = (name_w + count_w + 6).min(area.width as usize) as u16;
    let h = (rows.len() as u16 + 2).min(area.height);
    let r = super::overlay(frame, area, w, h);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Sections (Enter shows one, Esc closes) ")
        .border_style(t.accent);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let inner_w = inner.width as usize;
    let name_room = inner_w.saturating_sub(count_w + 3);
    let skip = selected.saturating_sub(inner.height.saturating_sub(1) as usize);
    let lines: Vec<Line> = rows
        .iter()
        .zip(&counts)
        .enumerate()
        .skip(skip)
        .map(|(i, ((name, _, unread), count))| {
            let name = truncate(name, name_room);
            let pad = inner_w.saturating_sub(str_width(&name) + count.len() + 2);
            let mut style = if *unread > 0 {
                t.key.add_modifier(Modifier::BOLD)
            } else {
                t.muted
            };
            if i == selected {
                style = style.patch(t.selected);
            }
            Line::from(vec![
                Span::styled(format!(" {name}{}", " ".repeat(pad)), style),
                Span::styled(format!("{count} "), style),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
