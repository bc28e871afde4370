//! The section overview: every section of the cache with its unread and total counts, to pick
//! one as the view (or all articles). It opens over the list and takes the list's keys.

use super::action::{Action, Effect};
use super::app::App;
use crate::store::ListFilter;

impl App {
    /// Opens the overview on the section in view (row 0 is all articles).
    pub(super) fn open_sections(&mut self) -> Vec<Effect> {
        if self.sections.is_empty() {
            self.flash = Some("no sections in the cache yet".into());
            return Vec::new();
        }
        self.section_picker = Some(self.section_index().map_or(0, |i| i + 1));
        Vec::new()
    }

    /// An action while the overview is open: move, pick, or close. `None` for an action the
    /// overview leaves to the reader (quitting).
    pub(super) fn sections_action(&mut self, action: Action) -> Option<Vec<Effect>> {
        let row = self.section_picker?;
        let last = self.sections.len();
        match action {
            Action::Down => self.section_picker = Some((row + 1).min(last)),
            Action::Up => self.section_picker = Some(row.saturating_sub(1)),
            Action::Top => self.section_picker = Some(0),
            Action::Bottom => self.section_picker = Some(last),
            Action::Open => {
                self.section_picker = None;
                let section = row.checked_sub(1).map(|i| self.sections[i].0.clone());
                if section == self.filter.section {
                    return Some(Vec::new());
                }
                return Some(self.set_view(ListFilter {
                    section,
                    ..self.filter.clone()
                }));
            }
            Action::Quit => {
                self.section_picker = None;
                return None;
            }
            Action::Back | Action::Sections => self.section_picker = None,
            _ => {}
        }
        Some(Vec::new())
    }
}
