//! Keys as data: the default keymap in `assets/keys.toml`, parsed into per-context tables that
//! the help screen is generated from.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// The keymap shipped with gxnews.
pub const DEFAULT_KEYS: &str = include_str!("../../assets/keys.toml");

/// Where a key is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Context {
    Global,
    List,
    Article,
    Help,
    /// The search prompt: keys not mapped here are typed into the query.
    Prompt,
}

impl Context {
    fn from_name(s: &str) -> Option<Context> {
        Some(match s {
            "global" => Context::Global,
            "list" => Context::List,
            "article" => Context::Article,
            "help" => Context::Help,
            "prompt" => Context::Prompt,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Article => "article",
            Context::Help => "help",
            Context::Prompt => "prompt",
        }
    }
}

/// One key: a code and its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCodeOrd,
    pub ctrl: bool,
    pub alt: bool,
}

/// `KeyCode` is not `Ord`; this is the subset gxnews maps, in an order for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCodeOrd {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
}

/// An action and the labels of the keys bound to it, for the help screen.
pub type Binding = (Action, Vec<String>);

/// The keymap: key → action, per context.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    maps: BTreeMap<Context, BTreeMap<Key, Action>>,
}

/// A keymap file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("keymap: {0}")]
pub struct KeymapError(pub String);

impl Key {
    /// Parses `j`, `G`, `<C-d>`, `<Enter>`, `<S-Tab>`.
    pub fn parse(s: &str) -> Result<Key, KeymapError> {
        let bad = || KeymapError(format!("unknown key {s:?}"));
        let mut ctrl = false;
        let mut alt = false;
        let inner = match s.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
            Some(inner) => inner,
            None => {
                let mut chars = s.chars();
                let c = chars.next().ok_or_else(bad)?;
                if chars.next().is_some() {
                    return Err(bad());
                }
                return Ok(Key {
                    code: KeyCodeOrd::Char(c),
                    ctrl,
                    alt,
                });
            }
        };
        let mut name = inner;
        let mut shift = false;
        while let Some((m, rest)) = name
            .split_once('-')
            .filter(|(m, r)| m.len() == 1 && !r.is_empty())
        {
            match m {
                "C" | "c" => ctrl = true,
                "A" | "a" | "M" | "m" => alt = true,
                "S" | "s" => shift = true,
                _ => return Err(bad()),
            }
            name = rest;
        }
        let code = match name.to_ascii_lowercase().as_str() {
            "enter" | "cr" | "return" => KeyCodeOrd::Enter,
            "esc" | "escape" => KeyCodeOrd::Esc,
            "tab" if shift => KeyCodeOrd::BackTab,
            "tab" => KeyCodeOrd::Tab,
            "backtab" => KeyCodeOrd::BackTab,
            "backspace" | "bs" => KeyCodeOrd::Backspace,
            "space" => KeyCodeOrd::Char(' '),
            "up" => KeyCodeOrd::Up,
            "down" => KeyCodeOrd::Down,
            "left" => KeyCodeOrd::Left,
            "right" => KeyCodeOrd::Right,
            "pageup" | "pgup" => KeyCodeOrd::PageUp,
            "pagedown" | "pgdn" => KeyCodeOrd::PageDown,
            "home" => KeyCodeOrd::Home,
            "end" => KeyCodeOrd::End,
            _ => {
                let mut chars = name.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => {
                        KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c })
                    }
                    _ => return Err(bad()),
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }

    /// The key of a terminal key event, if gxnews can map it.
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        let code = match ev.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            KeyCode::Enter => KeyCodeOrd::Enter,
            KeyCode::Esc => KeyCodeOrd::Esc,
            KeyCode::Tab => KeyCodeOrd::Tab,
            KeyCode::BackTab => KeyCodeOrd::BackTab,
            KeyCode::Backspace => KeyCodeOrd::Backspace,
            KeyCode::Up => KeyCodeOrd::Up,
            KeyCode::Down => KeyCodeOrd::Down,
            KeyCode::Left => KeyCodeOrd::Left,
            KeyCode::Right => KeyCodeOrd::Right,
            KeyCode::PageUp => KeyCodeOrd::PageUp,
            KeyCode::PageDown => KeyCodeOrd::PageDown,
            KeyCode::Home => KeyCodeOrd::Home,
            KeyCode::End => KeyCodeOrd::End,
            _ => return None,
        };
        Some(Key { code, ctrl, alt })
    }

    /// How the help screen shows the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCodeOrd::Char(' ') => "Space".to_string(),
            KeyCodeOrd::Char(c) => c.to_string(),
            KeyCodeOrd::Enter => "Enter".into(),
            KeyCodeOrd::Esc => "Esc".into(),
            KeyCodeOrd::Tab => "Tab".into(),
            KeyCodeOrd::BackTab => "S-Tab".into(),
            KeyCodeOrd::Backspace => "Backspace".into(),
            KeyCodeOrd::Up => "↑".into(),
            KeyCodeOrd::Down => "↓".into(),
            KeyCodeOrd::Left => "←".into(),
            KeyCodeOrd::Right => "→".into(),
            KeyCodeOrd::PageUp => "PgUp".into(),
            KeyCodeOrd::PageDown => "PgDn".into(),
            KeyCodeOrd::Home => "Home".into(),
            KeyCodeOrd::End => "End".into(),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("C-{base}"),
            (_, true) => format!("A-{base}"),
            _ => base,
        }
    }
}

impl Keymap {
    /// Parses a keymap file's text.
    pub fn from_toml(text: &str) -> Result<Keymap, KeymapError> {
        let table: BTreeMap<String, BTreeMap<String, String>> = toml::from_str(text)
            .map_err(|e| KeymapError(crate::scrape::profile::one_line(&e.to_string())))?;
        let mut maps: BTreeMap<Context, BTreeMap<Key, Action>> = BTreeMap::new();
        for (ctx, keys) in table {
            let c = Context::from_name(&ctx)
                .ok_or_else(|| KeymapError(format!("unknown context [{ctx}]")))?;
            let map = maps.entry(c).or_default();
            for (k, a) in keys {
                let key = Key::parse(&k)?;
                let action: Action = serde_json::from_value(serde_json::Value::String(a.clone()))
                    .map_err(|_| {
                    KeymapError(format!("unknown action {a:?} for key {k:?} in [{ctx}]"))
                })?;
                map.insert(key, action);
            }
        }
        Ok(Keymap { maps })
    }

    /// The built-in keymap.
    pub fn default_keys() -> Keymap {
        Keymap::from_toml(DEFAULT_KEYS).expect("the built-in keymap is valid")
    }

    /// The action of a key in a context: the context's own binding, else the global one.
    pub fn action(&self, ctx: Context, key: Key) -> Option<Action> {
        self.maps
            .get(&ctx)
            .and_then(|m| m.get(&key))
            .or_else(|| {
                (ctx != Context::Help && ctx != Context::Prompt)
                    .then(|| self.maps.get(&Context::Global).and_then(|m| m.get(&key)))
                    .flatten()
            })
            .copied()
    }

    /// For the help screen: per context, each action with the keys bound to it.
    pub fn bindings(&self) -> Vec<(Context, Vec<Binding>)> {
        self.maps
            .iter()
            .filter(|(c, _)| **c != Context::Help)
            .map(|(c, m)| {
                let mut by_action: BTreeMap<Action, Vec<String>> = BTreeMap::new();
                for (k, a) in m {
                    by_action.entry(*a).or_default().push(k.label());
                }
                (*c, by_action.into_iter().collect())
            })
            .collect()
    }

    /// The key to show in a hint for an action: the context's own binding before the global
    /// one, a plain key before a chord, a named key (`Enter`, `Esc`) before a letter.
    pub fn key_for(&self, ctx: Context, action: Action) -> Option<String> {
        [ctx, Context::Global].iter().find_map(|c| {
            self.maps
                .get(c)?
                .iter()
                .filter(|(_, a)| **a == action)
                .map(|(k, _)| k)
                .min_by_key(|k| (k.ctrl || k.alt, matches!(k.code, KeyCodeOrd::Char(_))))
                .map(Key::label)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_forms() {
        assert_eq!(Key::parse("j").unwrap().code, KeyCodeOrd::Char('j'));
        let k = Key::parse("<C-d>").unwrap();
        assert!(k.ctrl && k.code == KeyCodeOrd::Char('d'));
        assert_eq!(Key::parse("<Enter>").unwrap().code, KeyCodeOrd::Enter);
        assert_eq!(Key::parse("<S-Tab>").unwrap().code, KeyCodeOrd::BackTab);
        assert!(Key::parse("<Nope>").is_err());
        assert!(Key::parse("jj").is_err());
    }

    #[test]
    fn context_binding_wins_over_global() {
        let km = Keymap::default_keys();
        let j = Key::parse("j").unwrap();
        assert_eq!(km.action(Context::List, j), Some(Action::Down));
        let q = Key::parse("q").unwrap();
        assert_eq!(km.action(Context::Article, q), Some(Action::Quit));
        assert_eq!(km.action(Context::Help, q), Some(Action::Back));
    }

    #[test]
    fn unknown_action_is_an_error() {
        let e = Keymap::from_toml("[list]\n\"j\" = \"fly\"\n").unwrap_err();
        assert!(e.0.contains("fly"), "{e}");
    }
}
