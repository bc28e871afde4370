//! The message log: every notice and error the reader showed since it started, in full, with
//! its time; each also goes to the log file. A key opens it over the screen.

use super::action::{Action, Effect, Event};
use super::app::App;
use super::ui::status::SyncState;

/// The log keeps this many messages, the oldest dropped first.
const MAX_MESSAGES: usize = 500;

/// One message: when (local time) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub at: String,
    pub text: String,
    pub error: bool,
}

/// The messages, and what was last noted so that nothing is noted twice.
#[derive(Debug, Default)]
pub struct MessageLog {
    pub messages: Vec<Message>,
    /// While open, how many lines up from the newest the view is scrolled.
    pub open: Option<usize>,
    noted_flash: Option<String>,
    noted_sync: Option<String>,
}

impl MessageLog {
    fn push(&mut self, text: String, error: bool) {
        if error {
            tracing::warn!("reader: {text}");
        } else {
            tracing::info!("reader: {text}");
        }
        if self.messages.len() == MAX_MESSAGES {
            self.messages.remove(0);
        }
        let at = chrono::Local::now().format("%H:%M:%S").to_string();
        self.messages.push(Message { at, text, error });
    }
}

impl App {
    /// Handles an event, then notes any new message it showed.
    pub fn handle(&mut self, event: Event) -> Vec<Effect> {
        let mut effects = self.dispatch(event);
        effects.extend(self.rows_wanted());
        self.note_messages();
        effects
    }

    /// Notes a new flash, and a refresh's end or error, in the log.
    fn note_messages(&mut self) {
        if self.flash != self.log.noted_flash {
            self.log.noted_flash = self.flash.clone();
            if let Some(f) = self.flash.clone() {
                self.log.push(f, false);
            }
        }
        let ended = match &self.sync {
            SyncState::UpToDate { .. } => Some((self.sync.label(), false)),
            SyncState::Error(e) => Some((e.clone(), true)),
            _ => None,
        };
        if let Some((text, error)) = ended
            && self.log.noted_sync.as_ref() != Some(&text)
        {
            self.log.noted_sync = Some(text.clone());
            self.log.push(text, error);
        }
    }

    /// An action while the log is open: scroll or close. `None` for an action the log leaves
    /// to the reader (quitting).
    pub(super) fn messages_action(&mut self, action: Action) -> Option<Vec<Effect>> {
        let up = self.log.open?;
        let last = self.log.messages.len().saturating_sub(1);
        self.log.open = match action {
            Action::Up => Some((up + 1).min(last)),
            Action::Down => Some(up.saturating_sub(1)),
            Action::PageUp => Some((up + 10).min(last)),
            Action::PageDown => Some(up.saturating_sub(10)),
            Action::Quit => {
                self.log.open = None;
                return None;
            }
            Action::Back | Action::Messages => None,
            _ => Some(up),
        };
        Some(Vec::new())
    }
}
