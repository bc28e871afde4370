//! The rows the list holds: windows of the view read as the screen nears their edge, an
//! article found by its place, the next page of search results, and a whole view marked read.

use super::action::{Effect, Event, Listing, Target};
use super::app::App;
use crate::model::Summary;
use crate::store::{Counts, Hit, Window};

/// How near the end of the hits held the selection may come before the next page is asked.
const RESULTS_MARGIN: usize = 40;

fn counts_of<'a>(rows: impl Iterator<Item = &'a Summary>) -> Counts {
    rows.fold(Counts::default(), |c, s| Counts {
        total: c.total + 1,
        unread: c.unread + usize::from(!s.read),
    })
}

impl App {
    fn searching(&self) -> bool {
        self.search.as_ref().is_some_and(|s| s.shown.is_some())
    }

    /// A view of the list arrived from the cache: its first rows, with the article to keep
    /// selected (back from a search or a view, the saved one at start, else the one selected)
    /// found among them or asked for.
    pub(super) fn listed(&mut self, listing: Listing) -> Vec<Effect> {
        self.sections = listing.sections;
        if self.searching() {
            return Vec::new(); // the search results stay until the search closes
        }
        let saved = (!self.restored)
            .then_some(listing.saved_selection)
            .flatten();
        self.restored = true;
        let keep = self
            .pending_selection
            .take()
            .or(saved)
            .or_else(|| self.list.selected().map(|s| s.id));
        let place = keep.and_then(|id| {
            let i = listing.window.rows.iter().position(|(_, s)| s.id == id)?;
            Some(i + listing.window.start)
        });
        let h = self.list_height();
        self.list.show(listing.counts, listing.window, place, h);
        self.rewrap();
        match (keep, place) {
            (Some(id), None) => vec![Effect::Locate {
                filter: self.filter.clone(),
                target: Target::Article(id),
                open: false,
            }],
            _ => self.preview(),
        }
    }

    /// Search results arrived: they replace the list, newest first.
    pub(super) fn search_results(&mut self, query: &str, result: Result<Vec<Hit>, String>) {
        let h = self.list_height();
        let Some(search) = self.search.as_mut() else {
            return;
        };
        if search.input != query {
            return; // an older query, overtaken by typing
        }
        match result {
            Ok(hits) => {
                search.shown = Some(query.to_string());
                search.more = hits.len() >= super::effects::SEARCH_PAGE;
                search.asking = false;
                search.snippets = hits
                    .iter()
                    .map(|h| (h.summary.id, h.snippet.clone()))
                    .collect();
                let counts = counts_of(hits.iter().map(|h| &h.summary));
                let rows = hits.into_iter().map(|h| (h.ord, h.summary)).collect();
                let more = if search.more { "+" } else { "" };
                self.list
                    .show(counts, Window { start: 0, rows }, Some(0), h);
                self.rewrap();
                self.flash = Some(format!("{}{more} articles match", counts.total));
            }
            Err(e) => self.flash = Some(e),
        }
    }

    /// Rows read from the cache for the list: a window, a found article, more results, or
    /// the articles a mark-all-read marked.
    pub(super) fn on_rows(&mut self, event: Event) -> Vec<Effect> {
        let h = self.list_height();
        match event {
            Event::WindowLoaded(filter, Ok(window))
                if filter == self.filter && !self.searching() =>
            {
                self.list.hold(window);
                self.preview()
            }
            Event::Located {
                filter,
                found: Ok(Some((place, window))),
                open,
            } if filter == self.filter && !self.searching() => {
                self.list.hold(window);
                self.list.select(place, h);
                if open { self.open() } else { self.preview() }
            }
            Event::Located {
                found: Ok(None),
                open: true,
                ..
            } => {
                self.flash = Some("no more unread articles".into());
                Vec::new()
            }
            Event::MoreResults(query, Ok(hits)) => {
                self.more_results(&query, hits);
                Vec::new()
            }
            Event::MarkedRead(Ok(ids)) => self.marked_read(ids),
            Event::WindowLoaded(_, Err(e))
            | Event::Located { found: Err(e), .. }
            | Event::MoreResults(_, Err(e))
            | Event::MarkedRead(Err(e)) => {
                self.list.asked = None;
                self.flash = Some(e);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn more_results(&mut self, query: &str, hits: Vec<Hit>) {
        let Some(search) = self
            .search
            .as_mut()
            .filter(|s| s.shown.as_deref() == Some(query))
        else {
            return;
        };
        search.asking = false;
        search.more = hits.len() >= super::effects::SEARCH_PAGE;
        search
            .snippets
            .extend(hits.iter().map(|h| (h.summary.id, h.snippet.clone())));
        self.list
            .append(hits.into_iter().map(|h| (h.ord, h.summary)).collect());
    }

    fn marked_read(&mut self, ids: Vec<i64>) -> Vec<Effect> {
        if ids.is_empty() {
            self.flash = Some("nothing unread here".into());
            return Vec::new();
        }
        let undo = self
            .keymap
            .key_for(super::keymap::Context::List, super::action::Action::Undo);
        self.flash = Some(match undo {
            Some(k) => format!("{} articles marked read ({k} undoes)", ids.len()),
            None => format!("{} articles marked read", ids.len()),
        });
        self.undo_read = Some(ids);
        // The counts and the view (an unread view empties) are read again.
        vec![Effect::LoadList(self.filter.clone())]
    }

    /// Rows the list needs and does not hold: the window around the screen, or the next page
    /// of search results as the selection nears the end of those held.
    pub(super) fn rows_wanted(&mut self) -> Vec<Effect> {
        let h = self.list_height();
        if let Some(search) = self.search.as_mut().filter(|s| s.shown.is_some()) {
            let near_end = self.list.selected + RESULTS_MARGIN >= self.list.total;
            let last = self.list.last_key();
            return match (
                search.more && !search.asking && near_end,
                last,
                &search.shown,
            ) {
                (true, Some(below), Some(q)) => {
                    search.asking = true;
                    vec![Effect::SearchMore(q.clone(), below)]
                }
                _ => Vec::new(),
            };
        }
        if !self.list.loaded {
            return Vec::new();
        }
        match self.list.wanted(h) {
            Some(start) => {
                self.list.asked = Some(start);
                vec![Effect::LoadWindow {
                    filter: self.filter.clone(),
                    start,
                    total: self.list.total,
                    near: self.list.anchor(),
                }]
            }
            None => Vec::new(),
        }
    }
}
