//! Drawing: the layout and the top-level `draw`. Each pane's state lives beside its widget.

pub mod article;
pub mod help;
pub mod list;
pub mod messages;
pub mod sections;
pub mod status;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};

use super::app::{App, Focus};

/// Below this width the panes do not fit side by side: one shows at a time.
pub const NARROW: u16 = 80;

/// Where each region goes. A pane that is not shown has an empty area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub list: Rect,
    pub article: Rect,
    pub status: Rect,
}

/// The article pane keeps at least this many columns of text beside the list: shorter lines
/// read poorly, so long titles are cut rather than the text squeezed.
const MIN_TEXT: u16 = 60;

/// The list is never narrower than this beside the article (its date and some of the title).
const MIN_LIST: u16 = 30;

/// What the layout fits to: the width the list's rows need, and the widest text to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    pub list_rows: u16,
    pub max_text: u16,
}

/// Splits the screen: list and article side by side (or one of them when narrow), the
/// metadata bar at the bottom. The list gets the width its rows need, as far as the article
/// keeps [`MIN_TEXT`] columns; the article gets the rest, and no more than its text can use.
pub fn areas(size: Rect, focus: Focus, fit: Fit) -> Areas {
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(size);
    if size.width < NARROW {
        let empty = Rect::new(main.x, main.y, 0, 0);
        return match focus {
            Focus::List => Areas {
                list: main,
                article: empty,
                status,
            },
            Focus::Article => Areas {
                list: empty,
                article: main,
                status,
            },
        };
    }
    let text = MIN_TEXT.min(fit.max_text.max(1));
    let room = main.width.saturating_sub(text + article::PANE_MARGIN);
    let list_w = (fit.list_rows + 2).min(room).max(MIN_LIST);
    let [list, article] =
        Layout::horizontal([Constraint::Length(list_w), Constraint::Min(1)]).areas(main);
    Areas {
        list,
        article,
        status,
    }
}

/// Draws the whole screen from the state.
pub fn draw(frame: &mut Frame, app: &App) {
    let a = app.areas(app.focus);
    if a.list.area() > 0 {
        list::render(frame, a.list, app);
    }
    if a.article.area() > 0 {
        article::render(frame, a.article, app);
    }
    status::render(frame, a.status, app);
    if let Some(up) = app.log.open {
        messages::render(frame, frame.area(), app, up);
    }
    if let Some(row) = app.section_picker {
        sections::render(frame, frame.area(), app, row);
    }
    if app.help_open {
        help::render(
            frame,
            frame.area(),
            &app.keymap,
            &app.theme,
            app.help_scroll,
        );
    }
}

/// A `w` × `h` rectangle centred in `area` (clipped to it), cleared for an overlay.
pub fn overlay(frame: &mut Frame, area: Rect, w: u16, h: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    frame.render_widget(ratatui::widgets::Clear, r);
    r
}
