//! The help overlay, generated from the merged keymap so that it is always true.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::tui::keymap::Keymap;

/// The help text, one line per action, grouped by context.
pub fn help_lines(keymap: &Keymap) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (ctx, actions) in keymap.bindings() {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(
            match ctx.name() {
                "global" => "Everywhere",
                "list" => "Article list",
                "article" => "Article",
                other => other,
            },
            Style::new().bold().cyan(),
        ));
        for (action, keys) in actions {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<22}", keys.join(" ")), Style::new().yellow()),
                Span::raw(action.describe()),
            ]));
        }
    }
    out
}

/// Draws the overlay centred on the screen.
pub fn render(frame: &mut Frame, area: Rect, keymap: &Keymap) {
    let lines = help_lines(keymap);
    let h = (lines.len() as u16 + 2).min(area.height);
    let w = 64.min(area.width);
    let [v] = Layout::vertical([Constraint::Length(h)])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::horizontal([Constraint::Length(w)])
        .flex(Flex::Center)
        .areas(v);
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Keys (Esc to close) ")
                .border_style(Style::new().cyan()),
        ),
        r,
    );
}
