//! What the user wants (`Action`), what happened (`Event`), and IO to do (`Effect`).

use crossterm::event::Event as TermEvent;
use serde::{Deserialize, Serialize};

use crate::crawl::{CrawlReport, Progress};
use crate::model::Article;
use crate::store::{Anchor, Counts, Hit, ListFilter, Window};

/// Everything a key can ask for. The names are those of the keymap file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    Refresh,
    SwitchPane,
    PageArticle,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Open,
    Back,
    ToggleRead,
    MarkAllRead,
    /// Takes back the last `MarkAllRead`.
    Undo,
    ToggleStar,
    UnreadView,
    StarredView,
    NextSection,
    /// The section overview.
    Sections,
    /// The message log.
    Messages,
    PrevSection,
    Search,
    NextMatch,
    PrevMatch,
    OpenInBrowser,
    CopyUrl,
    NextArticle,
    PrevArticle,
    NextUnread,
    /// In the search prompt: run the search and leave the prompt.
    Submit,
    /// In the search prompt: delete the last character.
    DeleteChar,
}

impl Action {
    /// What the help screen says the action does.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "show or hide this help",
            Action::Refresh => "fetch new articles from the site",
            Action::SwitchPane => "switch between list and article",
            Action::PageArticle => "page down the open article",
            Action::Down => "next article / scroll down",
            Action::Up => "previous article / scroll up",
            Action::Top => "first article / top of the article",
            Action::Bottom => "last article / end of the article",
            Action::PageDown => "one page down",
            Action::PageUp => "one page up",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::Open => "open the selected article",
            Action::Back => "back to the list / close",
            Action::ToggleRead => "mark the article read or unread",
            Action::MarkAllRead => "mark every article in this view read",
            Action::Undo => "undo marking the view read",
            Action::ToggleStar => "star or unstar the article",
            Action::UnreadView => "show unread articles only / all",
            Action::StarredView => "show starred articles only / all",
            Action::NextSection => "next section",
            Action::Sections => "sections, with unread and total counts",
            Action::Messages => "every message since the start, in full",
            Action::PrevSection => "previous section",
            Action::Search => "search titles and text",
            Action::NextMatch => "next match in the article",
            Action::PrevMatch => "previous match in the article",
            Action::OpenInBrowser => "open the article in the browser",
            Action::CopyUrl => "copy the article's URL (OSC 52)",
            Action::NextArticle => "open the next article",
            Action::PrevArticle => "open the previous article",
            Action::NextUnread => "open the next unread article",
            Action::Submit => "search and close the prompt",
            Action::DeleteChar => "delete a character",
        }
    }

    /// The action of a keymap name (`page_down`).
    pub fn from_name(name: &str) -> Option<Action> {
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }

    /// The name used in the keymap file.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// Something that happened: a key, a resize, or the result of background work.
#[derive(Debug)]
pub enum Event {
    Term(TermEvent),
    ListLoaded(Result<Listing, String>),
    /// An article and its saved reading position.
    ArticleLoaded(i64, Result<Option<(Box<Article>, usize)>, String>),
    /// Results of a search, for the query they answer.
    SearchResults(String, Result<Vec<Hit>, String>),
    /// The next page of a search's results, for the query they answer.
    MoreResults(String, Result<Vec<Hit>, String>),
    /// Rows of a view, for the view they were read from.
    WindowLoaded(ListFilter, Result<Window, String>),
    /// Where an article stands in a view, with rows around it (`None`: the view lacks it);
    /// `open` says to open it once selected.
    Located {
        filter: ListFilter,
        found: Result<Option<(usize, Window)>, String>,
        open: bool,
    },
    /// The articles a mark-all-read marked, for its undo.
    MarkedRead(Result<Vec<i64>, String>),
    Progress(Progress),
    /// A refresh ended, with the local time it ended (`21:14`).
    CrawlDone(Result<CrawlReport, String>, String),
    /// A one-line message for the status bar (a browser that did not start, say).
    Notice(String),
    /// The auto-refresh interval has passed.
    Tick,
    /// A signal asked the reader to end (SIGTERM, SIGHUP, SIGINT).
    Stop,
}

/// IO that `App::update` asks the runtime to do; its result comes back as an [`Event`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Read one view of the list, the sections and the saved selection.
    LoadList(ListFilter),
    LoadArticle(i64),
    SetRead(Vec<i64>, bool),
    SetStarred(i64, bool),
    /// Save where the reader is: the article's scroll position and the selected article.
    SavePosition {
        article: Option<(i64, usize)>,
        selected: Option<i64>,
    },
    Search(String),
    /// The page of a search's results below the list key given.
    SearchMore(String, i64),
    /// Rows of a view from a place on (`total` rows in all), read near a held row.
    LoadWindow {
        filter: ListFilter,
        start: usize,
        total: usize,
        near: Option<Anchor>,
    },
    /// Find an article's place in a view, or (`unread_below`) the first unread article below
    /// a list key; `open` opens what is found.
    Locate {
        filter: ListFilter,
        target: Target,
        open: bool,
    },
    /// Mark every article of a view read.
    MarkViewRead(ListFilter),
    OpenUrl(String),
    CopyUrl(String),
    Refresh,
}

/// What a [`Effect::Locate`] looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Article(i64),
    /// The first unread article below this list key.
    UnreadBelow(i64),
}

/// One view of the list as read from the cache: its counts and its first rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Listing {
    pub counts: Counts,
    pub window: Window,
    /// Sections with their article and unread counts.
    pub sections: Vec<(String, usize, usize)>,
    /// The article selected when the reader last closed.
    pub saved_selection: Option<i64>,
}
