//! The article pane: the open article wrapped to the pane's width, and its scroll position.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::model::Article;
use crate::tui::app::{App, Focus};
use crate::tui::theme::Theme;
use crate::tui::wrap::wrap;

/// The article pane's state.
#[derive(Debug, Default)]
pub struct ReaderPane {
    pub article: Option<Article>,
    /// The id being loaded, if any.
    pub loading: Option<i64>,
    pub scroll: usize,
    /// The article wrapped for `wrapped_width`.
    pub lines: Vec<Line<'static>>,
    pub wrapped_width: u16,
    /// The styles the lines are made with.
    pub theme: Theme,
}

impl ReaderPane {
    /// Shows an article from its top.
    pub fn show(&mut self, article: Article, width: u16) {
        self.article = Some(article);
        self.loading = None;
        self.scroll = 0;
        self.rewrap(width);
    }

    /// Wraps the article again for a new pane width.
    pub fn rewrap(&mut self, width: u16) {
        self.wrapped_width = width;
        self.lines = match &self.article {
            Some(a) => article_lines(a, width as usize, &self.theme),
            None => Vec::new(),
        };
    }

    pub fn max_scroll(&self, height: usize) -> usize {
        self.lines.len().saturating_sub(height)
    }

    pub fn scroll_by(&mut self, delta: isize, height: usize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.max_scroll(height));
    }

    pub fn scroll_to(&mut self, row: usize, height: usize) {
        self.scroll = row.min(self.max_scroll(height));
    }
}

/// The article as wrapped, styled lines: title, breadcrumb, paragraphs, images.
pub fn article_lines(a: &Article, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let width = width.max(10);
    let mut out: Vec<Line<'static>> = Vec::new();
    for l in wrap(&a.title, width) {
        out.push(Line::styled(l, theme.accent.add_modifier(Modifier::BOLD)));
    }
    if !a.breadcrumb.is_empty() {
        for l in wrap(&a.breadcrumb.join(" › "), width) {
            out.push(Line::styled(l, theme.muted));
        }
    }
    out.push(Line::default());
    for p in &a.body {
        for l in wrap(p, width) {
            out.push(Line::raw(l));
        }
        out.push(Line::default());
    }
    for img in &a.images {
        // Without a caption, the file name says at least what the picture is called.
        let label = match img.caption.as_deref() {
            Some(c) => format!("[image: {c}]"),
            None => {
                let path = img.url.split(['?', '#']).next().unwrap_or(&img.url);
                format!("[image: {}]", path.rsplit('/').next().unwrap_or(path))
            }
        };
        for l in wrap(&label, width) {
            out.push(Line::styled(l, theme.caption));
        }
        out.push(Line::default());
    }
    while out.last().is_some_and(|l| l.width() == 0) {
        out.pop();
    }
    out
}

/// The inner width the article is wrapped to, for a pane area.
pub fn text_width(area: Rect) -> u16 {
    area.width.saturating_sub(4)
}

/// The inner height of the pane, for paging.
pub fn text_height(area: Rect) -> usize {
    area.height.saturating_sub(2) as usize
}

/// Draws the pane.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let pane = &app.reader;
    let focused = app.focus == Focus::Article;
    let height = text_height(area);
    let title = match &pane.article {
        Some(_) if pane.lines.len() > height => {
            let pct = (pane.scroll + height).min(pane.lines.len()) * 100 / pane.lines.len().max(1);
            format!(" Article {pct}% ")
        }
        _ => " Article ".to_string(),
    };
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
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    if pane.article.is_none() {
        let msg = if pane.loading.is_some() {
            "Loading…"
        } else {
            "Select an article and press Enter to read it."
        };
        frame.render_widget(Paragraph::new(msg).style(app.theme.muted), inner);
        return;
    }
    let terms = app
        .search
        .as_ref()
        .and_then(|s| s.shown.as_deref())
        .map(crate::tui::views::terms)
        .unwrap_or_default();
    let visible: Vec<Line> = pane
        .lines
        .iter()
        .skip(pane.scroll)
        .take(height)
        .map(|l| {
            if terms.is_empty() {
                return l.clone();
            }
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            Line::from(super::list::highlight(
                &text,
                &terms,
                l.style
                    .patch(l.spans.first().map(|s| s.style).unwrap_or_default()),
                app.theme.matched,
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Image;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn images_show_their_caption_or_their_file_name() {
        let a = Article {
            title: "Boardwalk opens".into(),
            body: vec!["A walkway opened.".into()],
            images: vec![
                Image {
                    url: "https://en.gxzf.gov.cn/2024-05/22/W020240522boardwalk.jpg?v=2".into(),
                    caption: None,
                },
                Image {
                    url: "https://en.gxzf.gov.cn/2024-05/22/crabs.jpg".into(),
                    caption: Some("Fiddler crabs at low tide".into()),
                },
            ],
            ..Article::default()
        };
        let lines = text(&article_lines(&a, 60, &Theme::mono()));
        assert!(
            lines.contains(&"[image: W020240522boardwalk.jpg]".to_string()),
            "{lines:?}"
        );
        assert!(
            lines.contains(&"[image: Fiddler crabs at low tide]".to_string()),
            "{lines:?}"
        );
    }
}
