//! The help overlay, generated from the merged keymap so that it is always true.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

/// The help text, one line per action, grouped by context.
pub fn help_lines(keymap: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
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
                "prompt" => "Search prompt",
                other => other,
            },
            theme.accent.add_modifier(Modifier::BOLD),
        ));
        for (action, keys) in actions {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<22}", keys.join(" ")), theme.key),
                Span::raw(action.describe()),
            ]));
        }
        if ctx.name() == "article" {
            // Not a binding: any number typed in an article picks its link.
            out.push(Line::from(vec![
                Span::styled(format!("  {:<22}", "1-9… Enter / y"), theme.key),
                Span::raw("open / copy the article's link [N]"),
            ]));
        }
    }
    out
}

/// Draws the overlay centred on the screen, in two columns when one is too tall and two fit
/// side by side; lines wider than the screen wrap rather than lose their end.
pub fn render(frame: &mut Frame, area: Rect, keymap: &Keymap, theme: &Theme, scroll: usize) {
    let lines = help_lines(keymap, theme);
    // One column as wide as its widest line, and a space between columns.
    let col_w = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 1;
    let two_fit = 2 * col_w + 2 <= area.width;
    // Split at a blank line between contexts, as near the middle as possible.
    let columns: Vec<Vec<Line>> = if lines.len() + 2 > area.height as usize && two_fit {
        let mid = lines.len() / 2;
        let cut = (0..lines.len())
            .filter(|i| lines[*i].width() == 0)
            .min_by_key(|i| i.abs_diff(mid))
            .unwrap_or(mid);
        vec![lines[..cut].to_vec(), lines[cut + 1..].to_vec()]
    } else {
        vec![lines]
    };
    let tallest = columns.iter().map(Vec::len).max().unwrap_or(0);
    let h = (tallest as u16 + 2).min(area.height);
    let w = (col_w * columns.len() as u16 + 2).min(area.width);
    let r = super::overlay(frame, area, w, h);
    let more = tallest + 2 > h as usize;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(if more {
            " Keys (j/k to scroll, Esc to close) "
        } else {
            " Keys (Esc to close) "
        })
        .border_style(theme.accent);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let n = columns.len() as u32;
    let parts = Layout::horizontal(vec![Constraint::Ratio(1, n); columns.len()]).split(inner);
    for (col, part) in columns.into_iter().zip(parts.iter()) {
        let max = col.len().saturating_sub(part.height as usize);
        frame.render_widget(
            Paragraph::new(col)
                .wrap(ratatui::widgets::Wrap { trim: false })
                .scroll((scroll.min(max) as u16, 0)),
            *part,
        );
    }
}
