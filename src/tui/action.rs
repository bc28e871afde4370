//! What the user wants (`Action`), what happened (`Event`), and IO to do (`Effect`).

use crossterm::event::Event as TermEvent;
use serde::{Deserialize, Serialize};

use crate::crawl::{CrawlReport, Progress};
use crate::model::{Article, Summary};

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
        }
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
    ListLoaded(Result<Vec<Summary>, String>),
    ArticleLoaded(i64, Result<Option<Box<Article>>, String>),
    Progress(Progress),
    CrawlDone(Result<CrawlReport, String>),
}

/// IO that `App::update` asks the runtime to do; its result comes back as an [`Event`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    LoadList,
    LoadArticle(i64),
    MarkRead(i64),
    Refresh,
}
