//! The reader's library features: read state, stars, views (unread, starred, one section),
//! search with highlighted matches, links, and the saved reading position.

use super::action::{Action, Effect, Target};
use super::app::{App, Focus};
use super::keymap::{Context, Key, KeyCodeOrd};
use crate::store::ListFilter;

/// An open search: what was typed, whether the prompt has the keys, and the view to return to.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchState {
    pub input: String,
    pub editing: bool,
    /// The query the list shows results for.
    pub shown: Option<String>,
    /// The article selected before the search, to return to.
    pub before: Option<i64>,
    /// Snippets of the results, by article id.
    pub snippets: Vec<(i64, String)>,
    /// Whether the cache holds more results than those shown, and whether they are asked.
    pub more: bool,
    pub asking: bool,
}

/// A view left for another: its filter and the article selected in it.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedView {
    pub filter: ListFilter,
    pub selected: Option<i64>,
}

/// The words of a query, lower-cased, for highlighting.
pub fn terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

impl App {
    /// Effects that read the current view again.
    pub(super) fn reload(&self) -> Vec<Effect> {
        match &self.search {
            Some(s) if s.shown.is_some() => vec![Effect::Search(s.input.clone())],
            _ => vec![Effect::LoadList(self.filter.clone())],
        }
    }

    /// Moves to the next or previous line of the article holding a word of the search, marks
    /// it as the current match and says which of how many it is.
    fn go_to_match(&mut self, query: &str, forward: bool) {
        let words = terms(query);
        let matches: Vec<usize> = (0..self.reader.lines.len())
            .filter(|&i| {
                let text = self.reader.lines[i].to_string().to_lowercase();
                words.iter().any(|w| text.contains(w.as_str()))
            })
            .collect();
        if matches.is_empty() {
            self.flash = Some("no match in this article".into());
            return;
        }
        // From the current match, else from the top of the screen.
        let (at, after) = match self.reader.current_match {
            Some(m) => (m, true),
            None => (self.reader.scroll, !forward),
        };
        let k = if forward {
            matches
                .iter()
                .position(|&m| if after { m > at } else { m >= at })
        } else {
            matches.iter().rposition(|&m| m < at)
        };
        let Some(k) = k else {
            self.flash = Some(format!("no more matches ({} in all)", matches.len()));
            return;
        };
        self.reader.current_match = Some(matches[k]);
        self.reader.scroll_to(matches[k], self.article_height());
        self.flash = Some(format!("match {}/{}", k + 1, matches.len()));
    }

    /// Keys while the search prompt is open: text goes into the query, results follow typing.
    pub(super) fn prompt_key(&mut self, key: Key) -> Vec<Effect> {
        let action = self.keymap.action(Context::Prompt, key);
        let Some(search) = self.search.as_mut() else {
            return Vec::new();
        };
        match (action, key.code) {
            (Some(Action::Back), _) => return self.close_search(),
            (Some(Action::Submit), _) => {
                search.editing = false;
                return Vec::new();
            }
            (Some(Action::DeleteChar), _) => {
                search.input.pop();
            }
            (_, KeyCodeOrd::Char(c)) if !key.ctrl && !key.alt => search.input.push(c),
            _ => return Vec::new(),
        }
        if search.input.trim().is_empty() {
            return Vec::new();
        }
        vec![Effect::Search(search.input.clone())]
    }

    /// Closes the search and returns to the view and article selected before it.
    pub(super) fn close_search(&mut self) -> Vec<Effect> {
        if let Some(s) = self.search.take() {
            self.pending_selection = s.before;
        }
        self.restored = true;
        self.flash = Some(self.view_label());
        vec![Effect::LoadList(self.filter.clone())]
    }

    /// Goes back to the view left for this one, with its selection.
    pub(super) fn previous_view(&mut self) -> Vec<Effect> {
        let Some(view) = self.views.pop() else {
            return Vec::new();
        };
        self.filter = view.filter;
        self.pending_selection = view.selected;
        self.flash = Some(self.view_label());
        vec![Effect::LoadList(self.filter.clone())]
    }

    /// Where the reader is, to save: the open article's scroll and the selected article.
    pub(super) fn save_position(&self) -> Effect {
        Effect::SavePosition {
            article: self
                .reader
                .article
                .as_ref()
                .map(|a| (a.id, self.reader.scroll)),
            selected: self.list.selected().map(|s| s.id),
        }
    }

    fn selected_or_open(&self) -> Option<(i64, String)> {
        if let Some(a) = self
            .reader
            .article
            .as_ref()
            .filter(|_| self.focus == Focus::Article)
        {
            return Some((a.id, a.url.clone()));
        }
        self.list.selected().map(|s| (s.id, s.url.clone()))
    }

    /// Shows another view; going to the view just left is going back to it.
    pub(super) fn set_view(&mut self, filter: ListFilter) -> Vec<Effect> {
        self.search = None;
        if self.views.last().is_some_and(|v| v.filter == filter) {
            return self.previous_view();
        }
        let left = SavedView {
            filter: std::mem::replace(&mut self.filter, filter),
            selected: self.list.selected().map(|s| s.id),
        };
        self.views.push(left);
        self.flash = Some(self.view_label());
        vec![Effect::LoadList(self.filter.clone())]
    }

    /// What the current view is, for the status line.
    pub(super) fn view_label(&self) -> String {
        match (
            &self.filter.section,
            self.filter.unread_only,
            self.filter.starred_only,
        ) {
            (Some(s), ..) => {
                // Where the section sits among the others, and its counts: `[`/`]` cycle.
                let at = self.sections.iter().position(|(name, ..)| name == s);
                match at.map(|i| (i, &self.sections[i])) {
                    Some((i, (_, total, unread))) => format!(
                        "section {}/{}: {s} ({unread} unread of {total})",
                        i + 1,
                        self.sections.len()
                    ),
                    None => format!("section: {s}"),
                }
            }
            (None, true, _) => "unread articles".into(),
            (None, _, true) => "starred articles".into(),
            _ => "all articles".into(),
        }
    }

    /// Actions on articles, views, search and links.
    pub(super) fn library(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::ToggleRead => {
                let Some((id, _)) = self.selected_or_open() else {
                    return Vec::new();
                };
                let Some(read) = self.list.find_mut(id).map(|s| !s.read) else {
                    return Vec::new();
                };
                self.list.set_read(id, read);
                vec![Effect::SetRead(vec![id], read)]
            }
            Action::MarkAllRead => self.mark_all_read(),
            Action::Undo => self.undo_mark_all_read(),
            Action::ToggleStar => {
                let Some((id, _)) = self.selected_or_open() else {
                    return Vec::new();
                };
                let Some(s) = self.list.find_mut(id) else {
                    return Vec::new();
                };
                s.starred = !s.starred;
                self.flash = Some(if s.starred { "starred" } else { "unstarred" }.into());
                vec![Effect::SetStarred(id, s.starred)]
            }
            Action::UnreadView => {
                let unread_only = !self.filter.unread_only;
                self.set_view(ListFilter {
                    unread_only,
                    starred_only: false,
                    section: self.filter.section.clone(),
                })
            }
            Action::StarredView => {
                let starred_only = !self.filter.starred_only;
                self.set_view(ListFilter {
                    unread_only: false,
                    starred_only,
                    section: None,
                })
            }
            Action::NextSection | Action::PrevSection => self.cycle_section(action),
            Action::Search => {
                let before = self.list.selected().map(|s| s.id);
                let search = self.search.get_or_insert(SearchState {
                    input: String::new(),
                    editing: true,
                    shown: None,
                    before,
                    snippets: Vec::new(),
                    more: false,
                    asking: false,
                });
                search.editing = true;
                self.focus = Focus::List;
                Vec::new()
            }
            other => self.reading(other),
        }
    }

    /// Marks every article of the view read: the rows held at once, the view in the cache
    /// (whose answer keeps the ids for the undo). Search results are the rows held.
    fn mark_all_read(&mut self) -> Vec<Effect> {
        if self.list.unread() == 0 {
            self.flash = Some("nothing unread here".into());
            return Vec::new();
        }
        let ids: Vec<i64> = self
            .list
            .held()
            .filter(|(_, s)| !s.read)
            .map(|(_, s)| s.id)
            .collect();
        for id in &ids {
            self.list.set_read(*id, true);
        }
        if self.search.as_ref().is_some_and(|s| s.shown.is_some()) {
            let undo = self.keymap.key_for(Context::List, Action::Undo);
            self.flash = Some(match undo {
                Some(k) => format!("{} articles marked read ({k} undoes)", ids.len()),
                None => format!("{} articles marked read", ids.len()),
            });
            self.undo_read = Some(ids.clone());
            return vec![Effect::SetRead(ids, true)];
        }
        self.list.unread_total = 0;
        vec![Effect::MarkViewRead(self.filter.clone())]
    }

    /// Takes back the last mark-all-read, in the list and in the cache.
    fn undo_mark_all_read(&mut self) -> Vec<Effect> {
        let Some(ids) = self.undo_read.take() else {
            self.flash = Some("nothing to undo".into());
            return Vec::new();
        };
        for id in &ids {
            self.list.set_read(*id, false);
        }
        self.flash = Some(format!("{} articles unread again", ids.len()));
        let mut effects = vec![Effect::SetRead(ids, false)];
        if self.search.as_ref().is_none_or(|s| s.shown.is_none()) {
            effects.push(Effect::LoadList(self.filter.clone()));
        }
        effects
    }

    /// Where the section in view stands among the cache's sections.
    pub(super) fn section_index(&self) -> Option<usize> {
        let current = self.filter.section.as_ref()?;
        self.sections.iter().position(|(s, ..)| s == current)
    }

    /// Cycles the section view: all sections, then each section in turn.
    fn cycle_section(&mut self, action: Action) -> Vec<Effect> {
        // Cycle: all sections, then each section in turn.
        let n = self.sections.len();
        if n == 0 {
            self.flash = Some("no sections in the cache yet".into());
            return Vec::new();
        }
        let current = self.section_index();
        let next = match (action, current) {
            (Action::NextSection, None) => Some(0),
            (Action::NextSection, Some(i)) if i + 1 < n => Some(i + 1),
            (Action::NextSection, Some(_)) => None,
            (_, None) => Some(n - 1),
            (_, Some(0)) => None,
            (_, Some(i)) => Some(i - 1),
        };
        let section = next.map(|i| self.sections[i].0.clone());
        self.set_view(ListFilter {
            section,
            ..self.filter.clone()
        })
    }

    /// Opens the next unread article below the selection: among the rows held, else the one
    /// the cache finds below them.
    fn next_unread(&mut self) -> Vec<Effect> {
        let from = self.list.selected + 1;
        let held = self
            .list
            .held()
            .find(|(i, s)| *i >= from && !s.read)
            .map(|(i, _)| i);
        if let Some(i) = held {
            self.list.select(i, self.list_height());
            return self.open();
        }
        let searching = self.search.as_ref().is_some_and(|s| s.shown.is_some());
        match self.list.last_key().filter(|_| !searching) {
            Some(below) => vec![Effect::Locate {
                filter: self.filter.clone(),
                target: Target::UnreadBelow(below),
                open: true,
            }],
            None => {
                self.flash = Some("no more unread articles".into());
                Vec::new()
            }
        }
    }

    /// Reading on: the next match of the search, the next, previous or next unread article,
    /// and the article's URL to a browser or the clipboard.
    fn reading(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::NextMatch | Action::PrevMatch => {
                let Some(query) = self.search.as_ref().and_then(|s| s.shown.clone()) else {
                    self.flash = Some("no search: press / to search".into());
                    return Vec::new();
                };
                self.go_to_match(&query, action == Action::NextMatch);
                Vec::new()
            }
            Action::NextArticle | Action::PrevArticle => {
                let step = if action == Action::NextArticle { 1 } else { -1 };
                let at = self.list.selected;
                self.list.move_by(step, self.list_height());
                if self.list.selected == at {
                    self.flash = Some(
                        if step > 0 {
                            "no next article"
                        } else {
                            "no previous article"
                        }
                        .into(),
                    );
                    return Vec::new();
                }
                self.open()
            }
            Action::NextUnread => self.next_unread(),
            Action::OpenInBrowser => match self.selected_or_open() {
                Some((_, url)) => vec![Effect::OpenUrl(url)],
                None => Vec::new(),
            },
            Action::CopyUrl => match self.selected_or_open() {
                Some((_, url)) => {
                    self.flash = Some(format!("copied {url}"));
                    vec![Effect::CopyUrl(url)]
                }
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::terms;

    #[test]
    fn terms_are_words() {
        assert_eq!(
            terms("China-ASEAN \"Expo\""),
            vec!["china", "asean", "expo"]
        );
    }
}
