//! The reader's state and its one transition function. `update` never awaits and never does
//! IO: it changes state and returns the [`Effect`]s for the runtime to carry out.

use crossterm::event::{
    Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use super::action::{Action, Effect, Event};
use super::keymap::{Context, Key, Keymap, Resolved};
use super::theme::Theme;
use super::ui::article::{ReaderPane, text_height, text_width};
use super::ui::list::ListPane;
use super::ui::status::SyncState;
use super::ui::{Areas, Fit, NARROW, areas};
use super::views::{SavedView, SearchState};
use crate::crawl::Progress;
use crate::store::ListFilter;

/// Which pane has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Article,
}

/// The reader.
#[derive(Debug)]
pub struct App {
    pub keymap: Keymap,
    pub list: ListPane,
    pub reader: ReaderPane,
    pub focus: Focus,
    pub help_open: bool,
    /// First line of the help shown (the help scrolls on small screens).
    pub help_scroll: usize,
    pub sync: SyncState,
    /// A one-off message in the status line, cleared by the next key.
    pub flash: Option<String>,
    pub online: bool,
    pub size: Rect,
    pub quit: bool,
    /// Which articles the list shows.
    pub filter: ListFilter,
    /// The cache's sections with their article and unread counts.
    pub sections: Vec<(String, usize, usize)>,
    /// The search, while one is open.
    pub search: Option<SearchState>,
    /// The article to select once the list has loaded (the one selected at the last exit).
    pub pending_selection: Option<i64>,
    /// Whether the saved selection has been applied (only the first listing restores it).
    pub restored: bool,
    /// The styles the screen is drawn with.
    pub theme: Theme,
    /// Keys of a sequence pressed so far (`g` of `g g`).
    pub pending_keys: Vec<Key>,
    /// Whether mouse events are acted on (the config's `reader.mouse`).
    pub mouse: bool,
    /// The views left for the current one (unread, starred, a section), newest last: Esc goes
    /// back to each with its selection.
    pub views: Vec<SavedView>,
    /// Whether the cache is the demo edition's.
    pub demo: bool,
    /// The widest the article's text is wrapped (the config's `reader.max_width`).
    pub max_width: u16,
    /// Every message shown since the start, and whether the log is open.
    pub log: super::messages::MessageLog,
    /// The row selected in the section overview, while it is open (0: all articles).
    pub section_picker: Option<usize>,
    /// The articles the last `M` marked read, for `z` to take back.
    pub undo_read: Option<Vec<i64>>,
    /// The link number being typed in an article, while the link prompt is open.
    pub link_prompt: Option<String>,
}

impl App {
    pub fn new(keymap: Keymap, online: bool, size: Rect) -> App {
        App {
            keymap,
            list: ListPane::default(),
            reader: ReaderPane::default(),
            focus: Focus::List,
            help_open: false,
            help_scroll: 0,
            sync: if online {
                SyncState::Idle
            } else {
                SyncState::Offline
            },
            flash: None,
            online,
            size,
            quit: false,
            filter: ListFilter::default(),
            sections: Vec::new(),
            search: None,
            pending_selection: None,
            restored: false,
            theme: Theme::default(),
            pending_keys: Vec::new(),
            mouse: true,
            views: Vec::new(),
            demo: false,
            link_prompt: None,
            undo_read: None,
            section_picker: None,
            log: Default::default(),
            max_width: DEFAULT_MAX_WIDTH,
        }
    }

    /// Draws with another theme.
    pub fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
        self.reader.theme = theme;
        self.reader.rewrap(self.reader.wrapped_width);
    }

    /// What to do at start: read the cache, and refresh in the background when online.
    pub fn start(&mut self) -> Vec<Effect> {
        let mut effects = vec![Effect::LoadList(self.filter.clone())];
        if self.online {
            self.sync = SyncState::Listing { pages: 0 };
            effects.push(Effect::Refresh);
        }
        effects
    }

    pub(super) fn list_height(&self) -> usize {
        let a = self.areas(Focus::List);
        a.list.height.saturating_sub(2) as usize
    }

    /// The screen's regions for a focus, fitted to the list's rows and the text's width.
    pub fn areas(&self, focus: Focus) -> Areas {
        let fit = Fit {
            list_rows: self.list.row_width(),
            max_text: self.max_width,
        };
        areas(self.size, focus, fit)
    }

    /// The width the open article is wrapped to.
    pub(super) fn text_width(&self) -> u16 {
        text_width(self.article_area(), self.max_width)
    }

    pub(super) fn article_area(&self) -> Rect {
        self.areas(Focus::Article).article
    }

    pub(super) fn article_height(&self) -> usize {
        text_height(self.article_area())
    }

    fn narrow(&self) -> bool {
        self.size.width < NARROW
    }

    /// Handles one event.
    pub(super) fn dispatch(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Term(TermEvent::Key(k)) => self.on_key(k),
            Event::Term(TermEvent::Mouse(m)) => self.on_mouse(m),
            Event::Tick => {
                if self.online && !self.sync.is_busy() {
                    self.sync = SyncState::Listing { pages: 0 };
                    vec![Effect::Refresh]
                } else {
                    Vec::new()
                }
            }
            Event::Term(TermEvent::Resize(w, h)) => {
                self.resize(Rect::new(0, 0, w, h));
                Vec::new()
            }
            Event::Term(_) => Vec::new(),
            Event::ListLoaded(Ok(listing)) => self.listed(listing),
            ev @ (Event::WindowLoaded(..)
            | Event::Located { .. }
            | Event::MoreResults(..)
            | Event::MarkedRead(..)) => self.on_rows(ev),
            Event::Stop => {
                // A signal to end: the reader's place is saved and the loop ends as on `q`.
                self.quit = true;
                vec![self.save_position()]
            }
            Event::Notice(msg) => {
                self.flash = Some(msg);
                Vec::new()
            }
            Event::SearchResults(query, result) => {
                self.search_results(&query, result);
                self.preview()
            }
            Event::ListLoaded(Err(e)) | Event::ArticleLoaded(_, Err(e)) => {
                self.sync = SyncState::Error(e);
                self.reader.loading = None;
                Vec::new()
            }
            Event::ArticleLoaded(id, Ok(found)) => {
                if self.reader.loading == Some(id) {
                    match found {
                        Some((a, row)) => {
                            self.reader.show(*a, self.text_width());
                            let h = self.article_height();
                            self.reader.scroll_to(row, h);
                        }
                        None => {
                            self.reader.loading = None;
                            self.flash = Some("that article is no longer in the cache".into());
                        }
                    }
                }
                Vec::new()
            }
            Event::Progress(Progress::Lists { done }) => {
                self.sync = SyncState::Listing { pages: done };
                Vec::new()
            }
            Event::Progress(Progress::Articles { done, total }) => {
                self.sync = SyncState::Fetching { done, total };
                Vec::new()
            }
            Event::CrawlDone(Ok(report), at) => {
                self.sync = SyncState::UpToDate {
                    new: report.new + report.updated,
                    failed: report.failed.len(),
                    at,
                };
                self.reload()
            }
            Event::CrawlDone(Err(e), at) => {
                self.sync = SyncState::Error(format!("{e} ({at})"));
                self.reload()
            }
        }
    }

    /// The new terminal size: re-wrap the article and keep both panes' positions valid.
    pub fn resize(&mut self, size: Rect) {
        self.size = size;
        self.rewrap();
    }

    /// Wraps the article again when the width for its text has changed (a new terminal size,
    /// or a list that needs another width).
    pub(super) fn rewrap(&mut self) {
        let w = self.text_width();
        if w != self.reader.wrapped_width {
            // Keep roughly the same place in the text after re-wrapping.
            let frac = self.reader.scroll as f64 / self.reader.lines.len().max(1) as f64;
            self.reader.rewrap(w);
            let row = (frac * self.reader.lines.len() as f64) as usize;
            self.reader.scroll_to(row, self.article_height());
        }
        let h = self.list_height();
        self.list.scroll_into_view(h);
    }

    /// The mouse: the wheel scrolls the pane under the pointer; a click selects an article, a
    /// click on the selected one opens it, a click on the list's scrollbar jumps to that part
    /// of the view, a click in the article focuses it.
    fn on_mouse(&mut self, m: MouseEvent) -> Vec<Effect> {
        if !self.mouse || self.help_open || self.search.as_ref().is_some_and(|s| s.editing) {
            return Vec::new();
        }
        let a = self.areas(self.focus);
        let at = Position::new(m.column, m.row);
        let in_list = a.list.contains(at);
        let in_article = a.article.contains(at);
        let lh = self.list_height();
        let ah = self.article_height();
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let step: isize = if m.kind == MouseEventKind::ScrollDown {
                    WHEEL_STEP
                } else {
                    -WHEEL_STEP
                };
                if in_list {
                    self.list.scroll_view(step, lh);
                    return self.preview();
                } else if in_article {
                    self.reader.scroll_by(step, ah);
                }
                Vec::new()
            }
            MouseEventKind::Down(MouseButton::Left) if in_list => {
                // Rows start under the border.
                let row = m.row.saturating_sub(a.list.y + 1) as usize;
                if m.row == a.list.y || row >= lh {
                    return Vec::new();
                }
                let on_bar = m.column + 1 == a.list.x + a.list.width && self.list.total > lh;
                let index = if on_bar {
                    crate::tui::ui::list::scrollbar_row(row, lh, self.list.total)
                } else {
                    self.list.offset + row
                };
                if index >= self.list.total {
                    return Vec::new();
                }
                self.flash = None;
                if !on_bar && index == self.list.selected && self.focus == Focus::List {
                    return self.open();
                }
                self.focus = Focus::List;
                self.list.select(index, lh);
                self.preview()
            }
            MouseEventKind::Down(MouseButton::Left) if in_article => {
                if self.reader.article.is_some() {
                    self.focus = Focus::Article;
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Where keys go now, for the keymap.
    fn context(&self) -> Context {
        if self.help_open {
            Context::Help
        } else if self.focus == Focus::List
            || self.section_picker.is_some()
            || self.log.open.is_some()
        {
            Context::List
        } else {
            Context::Article
        }
    }

    fn on_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        // Windows reports releases too; act on presses only.
        if k.kind != KeyEventKind::Press {
            return Vec::new();
        }
        let Some(key) = Key::from_event(&k) else {
            return Vec::new();
        };
        let editing = self.search.as_ref().is_some_and(|s| s.editing);
        let ctx = if editing {
            Context::Prompt
        } else {
            self.context()
        };
        if key.alt && self.pending_keys.is_empty() && self.keymap.action(ctx, key).is_none() {
            // Esc is one byte, so Esc and a key typed quickly reach us as Alt+key: read an
            // Alt key with no binding of its own as the two presses it was.
            let mut plain = k;
            plain.modifiers.remove(KeyModifiers::ALT);
            let mut effects = self.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            effects.extend(self.on_key(plain));
            return effects;
        }
        if editing {
            return self.prompt_key(key);
        }
        if self.pending_keys.is_empty()
            && let Some(effects) = self.link_key(key)
        {
            return effects;
        }
        self.flash = None;
        self.pending_keys.push(key);
        match self.keymap.resolve(ctx, &self.pending_keys) {
            Resolved::Action(action) => {
                self.pending_keys.clear();
                self.update(action)
            }
            Resolved::Prefix => {
                let typed = super::keymap::seq_label(&self.pending_keys);
                self.flash = Some(format!("{typed}…"));
                Vec::new()
            }
            Resolved::Unbound => {
                // A sequence that went nowhere: what its first keys mean alone, then the last
                // key afresh.
                let pressed = std::mem::take(&mut self.pending_keys);
                if pressed.len() < 2 {
                    return Vec::new();
                }
                let first = &pressed[..pressed.len() - 1];
                let mut effects = match self.keymap.exact(ctx, first) {
                    Some(a) => self.update(a),
                    None => Vec::new(),
                };
                effects.extend(self.on_key(k));
                effects
            }
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if self.help_open {
            match action {
                Action::Back | Action::Help => self.help_open = false,
                Action::Down => self.help_scroll += 1,
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                Action::PageDown => self.help_scroll += 10,
                Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(10),
                Action::Quit => self.quit = true,
                _ => {}
            }
            return Vec::new();
        }
        if self.section_picker.is_some()
            && let Some(effects) = self.sections_action(action)
        {
            return effects;
        }
        if self.log.open.is_some()
            && let Some(effects) = self.messages_action(action)
        {
            return effects;
        }
        let ah = self.article_height();
        match action {
            Action::Sections => return self.open_sections(),
            Action::Messages => self.log.open = Some(0),
            Action::Quit => {
                self.quit = true;
                return vec![self.save_position()];
            }
            Action::ToggleRead
            | Action::MarkAllRead
            | Action::Undo
            | Action::ToggleStar
            | Action::UnreadView
            | Action::StarredView
            | Action::NextSection
            | Action::PrevSection
            | Action::Search
            | Action::NextMatch
            | Action::PrevMatch
            | Action::OpenInBrowser
            | Action::CopyUrl
            | Action::NextArticle
            | Action::PrevArticle
            | Action::NextUnread
            | Action::Submit
            | Action::DeleteChar => return self.library(action),
            Action::Help => {
                self.help_open = true;
                self.help_scroll = 0;
            }
            Action::Refresh => return self.refresh(),
            Action::SwitchPane => {
                self.focus = match self.focus {
                    Focus::List if self.narrow() && self.reader.article.is_none() => Focus::List,
                    Focus::List => Focus::Article,
                    Focus::Article => Focus::List,
                };
            }
            Action::PageArticle => {
                // Space at the end of an article goes on to the next unread one.
                let reading = self.focus == Focus::Article && self.reader.article.is_some();
                if reading && self.reader.scroll >= self.reader.max_scroll(ah) {
                    return self.library(Action::NextUnread);
                }
                self.reader.scroll_by(page(ah) as isize, ah)
            }
            Action::Open => return self.open(),
            Action::Back => {
                if self.focus == Focus::List && self.search.is_some() {
                    return self.close_search();
                }
                if self.focus == Focus::List && !self.views.is_empty() {
                    return self.previous_view();
                }
                self.focus = Focus::List;
                return vec![self.save_position()];
            }
            motion => return self.motion(motion),
        }
        Vec::new()
    }

    /// Moves in the focused pane: the list's selection (the article pane follows it) or the
    /// article's scroll.
    fn motion(&mut self, motion: Action) -> Vec<Effect> {
        let lh = self.list_height();
        let ah = self.article_height();
        match self.focus {
            Focus::List => {
                match motion {
                    Action::Down => self.list.move_by(1, lh),
                    Action::Up => self.list.move_by(-1, lh),
                    Action::Top => self.list.select(0, lh),
                    Action::Bottom => self.list.select(usize::MAX, lh),
                    Action::PageDown => self.list.move_by(page(lh) as isize, lh),
                    Action::PageUp => self.list.move_by(-(page(lh) as isize), lh),
                    Action::HalfPageDown => self.list.move_by((lh / 2).max(1) as isize, lh),
                    Action::HalfPageUp => self.list.move_by(-((lh / 2).max(1) as isize), lh),
                    _ => {}
                }
                return self.preview();
            }
            Focus::Article => match motion {
                Action::Down => self.reader.scroll_by(1, ah),
                Action::Up => self.reader.scroll_by(-1, ah),
                Action::Top => self.reader.scroll_to(0, ah),
                Action::Bottom => self.reader.scroll_to(usize::MAX, ah),
                Action::PageDown => self.reader.scroll_by(page(ah) as isize, ah),
                Action::PageUp => self.reader.scroll_by(-(page(ah) as isize), ah),
                Action::HalfPageDown => self.reader.scroll_by((ah / 2).max(1) as isize, ah),
                Action::HalfPageUp => self.reader.scroll_by(-((ah / 2).max(1) as isize), ah),
                _ => {}
            },
        }
        Vec::new()
    }

    fn refresh(&mut self) -> Vec<Effect> {
        if !self.online {
            self.flash = Some("offline: refresh is off (started with --offline)".into());
            return Vec::new();
        }
        if self.sync.is_busy() {
            self.flash = Some("a refresh is already running".into());
            return Vec::new();
        }
        self.sync = SyncState::Listing { pages: 0 };
        vec![Effect::Refresh]
    }

    /// Opens the selected article (shown already when it was previewed) and marks it read.
    pub(super) fn open(&mut self) -> Vec<Effect> {
        let Some(sel) = self.list.selected() else {
            return Vec::new();
        };
        let id = sel.id;
        let was_read = sel.read;
        self.focus = Focus::Article;
        let mut effects = vec![self.save_position()];
        effects.extend(self.show(id));
        if !was_read {
            self.list.mark_read(id);
            effects.push(Effect::SetRead(vec![id], true));
        }
        effects
    }

    /// Loads an article into the article pane, unless it is there or on its way.
    fn show(&mut self, id: i64) -> Option<Effect> {
        let shown = self.reader.article.as_ref().is_some_and(|a| a.id == id);
        if shown || self.reader.loading == Some(id) {
            return None;
        }
        self.reader.loading = Some(id);
        self.reader.article = None;
        self.reader.lines.clear();
        Some(Effect::LoadArticle(id))
    }

    /// With both panes on screen, the article pane follows the list's selection (a preview:
    /// the article is not marked read until it is opened).
    pub(super) fn preview(&mut self) -> Vec<Effect> {
        if self.narrow() || self.focus != Focus::List {
            return Vec::new();
        }
        match self.list.selected().map(|s| s.id) {
            Some(id) => self.show(id).into_iter().collect(),
            None => Vec::new(),
        }
    }
}

/// Lines of text wider than this many columns are hard to follow from one to the next.
pub const DEFAULT_MAX_WIDTH: u16 = 100;

/// Rows one turn of the mouse wheel scrolls.
const WHEEL_STEP: isize = 3;

/// A page of `height` rows, keeping one line of context.
fn page(height: usize) -> usize {
    height.saturating_sub(1).max(1)
}
