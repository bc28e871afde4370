//! The reader's cache work: each effect that reads or writes the cache, carried out on a
//! connection and answered with the event that tells the app what came of it. The runtime runs
//! it on the blocking pool; the headless tests run the same function.

use super::action::{Effect, Event, Listing, Target};
use crate::store::{ListFilter, Store, StoreError, Window};
use crate::tui::ui::list::WINDOW_ROWS;

/// Hits read per page of search results.
pub const SEARCH_PAGE: usize = 100;

fn err(e: StoreError) -> String {
    e.to_string()
}

/// Carries out one effect that reads or writes the cache, and says what came of it.
pub fn store_effect(s: &mut Store, effect: Effect) -> Result<Option<Event>, String> {
    match effect {
        Effect::SetRead(ids, read) => {
            s.set_read_many(&ids, read).map_err(err)?;
            Ok(None)
        }
        other => cache_effect(s, other),
    }
}

/// Carries out an effect other than marking articles read (which takes the connection
/// whole), and says what came of it.
pub fn cache_effect(s: &Store, effect: Effect) -> Result<Option<Event>, String> {
    Ok(match effect {
        Effect::LoadList(filter) => Some(Event::ListLoaded(listing(s, &filter).map_err(err))),
        Effect::LoadWindow {
            filter,
            start,
            total,
            near,
        } => {
            let w = s.window(&filter, start, WINDOW_ROWS, total, near);
            Some(Event::WindowLoaded(filter, w.map_err(err)))
        }
        Effect::Locate {
            filter,
            target,
            open,
        } => {
            let found = locate(s, &filter, target).map_err(err);
            Some(Event::Located {
                filter,
                found,
                open,
            })
        }
        Effect::MarkViewRead(filter) => {
            Some(Event::MarkedRead(s.mark_view_read(&filter).map_err(err)))
        }
        Effect::LoadArticle(id) => {
            let r = s
                .article(id)
                .map(|a| a.map(|a| (Box::new(a), s.scroll(id).unwrap_or(0))))
                .map_err(err);
            Some(Event::ArticleLoaded(id, r))
        }
        Effect::SetStarred(id, starred) => {
            s.set_starred(id, starred).map_err(err)?;
            None
        }
        Effect::SavePosition { article, selected } => {
            if let Some((id, row)) = article {
                s.set_scroll(id, row).map_err(err)?;
            }
            if let Some(id) = selected {
                s.set_state("selected", &id.to_string()).map_err(err)?;
            }
            None
        }
        Effect::Search(query) => {
            let r = s.search_page(&query, None, SEARCH_PAGE).map_err(err);
            Some(Event::SearchResults(query, r))
        }
        Effect::SearchMore(query, below) => {
            let r = s.search_page(&query, Some(below), SEARCH_PAGE).map_err(err);
            Some(Event::MoreResults(query, r))
        }
        Effect::SetRead(..) | Effect::Refresh | Effect::OpenUrl(_) | Effect::CopyUrl(_) => None,
    })
}

/// A view's counts, its first rows and the sections: what the reader shows first.
fn listing(s: &Store, filter: &ListFilter) -> Result<Listing, StoreError> {
    let counts = s.counts(filter)?;
    Ok(Listing {
        counts,
        window: s.window(filter, 0, WINDOW_ROWS, counts.total, None)?,
        sections: s.sections()?,
        saved_selection: s.state("selected")?.and_then(|v| v.parse().ok()),
    })
}

/// Where the article looked for stands in a view, with rows around it.
fn locate(
    s: &Store,
    filter: &ListFilter,
    target: Target,
) -> Result<Option<(usize, Window)>, StoreError> {
    let id = match target {
        Target::Article(id) => Some(id),
        Target::UnreadBelow(ord) => s.next_unread(filter, ord)?,
    };
    let Some(place) = id.map(|id| s.place(filter, id)).transpose()?.flatten() else {
        return Ok(None);
    };
    let total = s.counts(filter)?.total;
    let start = place.saturating_sub(WINDOW_ROWS / 2);
    Ok(Some((
        place,
        s.window(filter, start, WINDOW_ROWS, total, None)?,
    )))
}
