//! The article pane: the open article wrapped to the pane's width, and its scroll position.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::document::{self, Block as TextBlock, Document, Span};
use crate::model::Article;
use crate::tui::app::{App, Focus};
use crate::tui::theme::Theme;
use crate::tui::wrap::{wrap, wrap_hard, wrap_styled};

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
    /// The line `n` or `N` went to, highlighted apart from the other matches.
    pub current_match: Option<usize>,
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
        self.current_match = None;
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

/// The article as wrapped, styled lines: the header (title; section, date, source, editor
/// and views; the full URL), the text with its links numbered and its images in place, and the
/// numbered links at the end.
pub fn article_lines(a: &Article, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let width = width.max(10);
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut styled = |text: &str, style: Style| {
        out.extend(
            wrap(text, width)
                .into_iter()
                .map(|l| Line::styled(l, style)),
        );
    };
    styled(&a.title, theme.accent.add_modifier(Modifier::BOLD));
    let facts = document::facts(a);
    if !facts.is_empty() {
        styled(&facts.join(" · "), theme.key);
    }
    out.extend(
        wrap_hard(&a.url, width)
            .into_iter()
            .map(|l| Line::styled(l, theme.muted)),
    );
    out.push(Line::default());
    let doc = Document::of(a);
    for block in &doc.blocks {
        match block {
            TextBlock::Paragraph(spans) => out.extend(paragraph_lines(spans, width, theme)),
            TextBlock::Image { number, image } => {
                let label = format!("[{number}] image: {}", document::image_label(image));
                out.extend(
                    wrap(&label, width)
                        .into_iter()
                        .map(|l| Line::styled(l, theme.caption)),
                );
            }
        }
        out.push(Line::default());
    }
    if !doc.references.is_empty() {
        out.push(Line::styled(
            "Links",
            theme.muted.add_modifier(Modifier::BOLD),
        ));
        for r in &doc.references {
            let kind = if r.image { " (image)" } else { "" };
            let text = format!("[{}] {}{kind}", r.number, r.url);
            out.extend(
                wrap_hard(&text, width)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.muted)),
            );
        }
    }
    while out.last().is_some_and(|l| l.width() == 0) {
        out.pop();
    }
    out
}

/// A paragraph's lines: a link's words in the link style, its `[n]` in the key style.
fn paragraph_lines(spans: &[Span], width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut text = String::new();
    let mut styles = Vec::new();
    for span in spans {
        match span {
            Span::Text(t) => text.push_str(t),
            Span::Link {
                text: words,
                number,
                ..
            } => {
                let start = text.len();
                text.push_str(words);
                styles.push((start..text.len(), theme.link));
                let start = text.len();
                text.push_str(&format!("[{number}]"));
                styles.push((start..text.len(), theme.key));
            }
        }
    }
    wrap_styled(&text, &styles, Style::default(), width)
}

/// Columns of the pane around its text: the borders and a space on either side.
pub const PANE_MARGIN: u16 = 4;

/// The width the article is wrapped to in a pane area: the pane's inside, at most `max`.
pub fn text_width(area: Rect, max: u16) -> u16 {
    area.width.saturating_sub(PANE_MARGIN).min(max.max(1))
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
        .enumerate()
        .skip(pane.scroll)
        .take(height)
        .map(|(i, l)| {
            if terms.is_empty() {
                return l.clone();
            }
            let matched = if pane.current_match == Some(i) {
                app.theme.current
            } else {
                app.theme.matched
            };
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            Line::from(super::list::highlight(
                &text,
                &terms,
                l.style
                    .patch(l.spans.first().map(|s| s.style).unwrap_or_default()),
                matched,
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Image, Link};

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn header_then_text_with_images_in_place_and_numbered_links() {
        let a = Article {
            title: "Boardwalk opens".into(),
            url: "https://en.gxzf.gov.cn/2024-05/22/c_1.htm".into(),
            section: Some("Guangxi News".into()),
            source: Some("Xinhua".into()),
            editor: Some("MXJ".into()),
            views: Some(0),
            body: vec![
                "A walkway opened.".into(),
                "Crabs came back, the survey says.".into(),
            ],
            images: vec![
                Image {
                    url: "https://en.gxzf.gov.cn/2024-05/22/W020240522boardwalk.jpg?v=2".into(),
                    caption: None,
                    at: Some(1),
                },
                Image {
                    url: "https://en.gxzf.gov.cn/2024-05/22/crabs.jpg".into(),
                    caption: Some("Fiddler crabs at low tide".into()),
                    at: Some(2),
                },
            ],
            links: vec![Link {
                paragraph: 1,
                text: "survey".into(),
                url: "https://example.org/survey".into(),
            }],
            ..Article::default()
        };
        let lines = text(&article_lines(&a, 60, &Theme::mono()));
        assert_eq!(
            lines[..9],
            [
                "Boardwalk opens",
                "Guangxi News · Source: Xinhua · Editor: MXJ",
                "https://en.gxzf.gov.cn/2024-05/22/c_1.htm",
                "",
                "A walkway opened.",
                "",
                "[1] image: W020240522boardwalk.jpg",
                "",
                "Crabs came back, the survey[2] says.",
            ],
            "{lines:?}"
        );
        assert_eq!(
            lines[9..],
            [
                "",
                "[3] image: Fiddler crabs at low tide",
                "",
                "Links",
                "[1] https://en.gxzf.gov.cn/2024-05/22/W020240522boardwalk.jp",
                "g?v=2 (image)",
                "[2] https://example.org/survey",
                "[3] https://en.gxzf.gov.cn/2024-05/22/crabs.jpg (image)",
            ],
            "{lines:?}"
        );
    }
}
