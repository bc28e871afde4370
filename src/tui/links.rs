//! Following the open article's links: digits typed in the article pick link N (the `[N]` of
//! the text and of the list at its end); Enter or `o` opens it in the browser, `y` copies it,
//! Esc cancels.

use super::action::Effect;
use super::app::{App, Focus};
use super::keymap::{Context, Key, KeyCodeOrd};
use crate::document::Document;

/// A link number has at most this many digits (no article holds 10,000 links).
const MAX_DIGITS: usize = 4;

impl App {
    /// Takes a key for the link prompt: a digit in an open article starts it (unless the keymap
    /// binds that digit), and while it is open every key goes to it. `None` when the key is not
    /// the prompt's.
    pub(super) fn link_key(&mut self, key: Key) -> Option<Vec<Effect>> {
        let digit = match key.code {
            KeyCodeOrd::Char(c) if c.is_ascii_digit() && !key.ctrl && !key.alt => Some(c),
            _ => None,
        };
        let Some(number) = self.link_prompt.as_mut() else {
            let d = digit.filter(|d| *d != '0')?;
            let bound = self.keymap.action(Context::Article, key).is_some();
            if self.focus != Focus::Article || self.reader.article.is_none() || bound {
                return None;
            }
            self.link_prompt = Some(d.to_string());
            self.flash = None;
            return Some(Vec::new());
        };
        self.flash = None;
        match (key.code, digit) {
            (_, Some(d)) => {
                if number.len() < MAX_DIGITS {
                    number.push(d);
                }
            }
            (KeyCodeOrd::Backspace, _) => {
                number.pop();
                if number.is_empty() {
                    self.link_prompt = None;
                }
            }
            (KeyCodeOrd::Enter | KeyCodeOrd::Char('o'), _) => return Some(self.follow(false)),
            (KeyCodeOrd::Char('y'), _) => return Some(self.follow(true)),
            // Esc, or any other key, leaves the prompt.
            _ => self.link_prompt = None,
        }
        Some(Vec::new())
    }

    /// Opens or copies the link the prompt names.
    fn follow(&mut self, copy: bool) -> Vec<Effect> {
        let number: usize = self
            .link_prompt
            .take()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let Some(article) = &self.reader.article else {
            return Vec::new();
        };
        let doc = Document::of(article);
        let Some(r) = doc.reference(number) else {
            self.flash = Some(match doc.references.len() {
                0 => "this article has no links".into(),
                1 => format!("no link [{number}]: the article has one, [1]"),
                n => format!("no link [{number}]: the article has [1] to [{n}]"),
            });
            return Vec::new();
        };
        let url = r.url.to_string();
        if copy {
            self.flash = Some(format!("copied [{number}] {url}"));
            vec![Effect::CopyUrl(url)]
        } else {
            self.flash = Some(format!("opening [{number}] {url}"));
            vec![Effect::OpenUrl(url)]
        }
    }
}
