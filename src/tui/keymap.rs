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

/// One key or a sequence of keys (`g g`).
pub type Keys = Vec<Key>;

/// The keymap: key sequence → action, per context.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    maps: BTreeMap<Context, BTreeMap<Keys, Action>>,
}

/// What the keys pressed so far mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// A complete binding.
    Action(Action),
    /// The start of a longer sequence: wait for the next key.
    Prefix,
    /// Nothing.
    Unbound,
}

/// Overrides whose value removes a default binding.
pub const UNBIND: &str = "none";

/// A keymap file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("keymap: {0}")]
pub struct KeymapError(pub String);

impl Key {
    /// Parses a key or a sequence of keys separated by spaces: `g g`, `<C-x> d`.
    pub fn parse_seq(s: &str) -> Result<Keys, KeymapError> {
        if s == " " {
            return Key::parse("<Space>").map(|k| vec![k]);
        }
        let keys = s
            .split_whitespace()
            .map(Key::parse)
            .collect::<Result<Keys, _>>()?;
        if keys.is_empty() {
            return Err(KeymapError(format!("unknown key {s:?}")));
        }
        Ok(keys)
    }

    /// Ctrl-C, which always quits.
    pub fn ctrl_c() -> Key {
        Key {
            code: KeyCodeOrd::Char('c'),
            ctrl: true,
            alt: false,
        }
    }

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
        let mut km = Keymap::default();
        km.apply(&table)?;
        Ok(km)
    }

    /// The built-in keymap.
    pub fn default_keys() -> Keymap {
        Keymap::from_toml(DEFAULT_KEYS).expect("the built-in keymap is valid")
    }

    /// Merges bindings over this keymap: per context, key sequence → action name, or
    /// [`UNBIND`] to remove a binding.
    pub fn apply(
        &mut self,
        table: &BTreeMap<String, BTreeMap<String, String>>,
    ) -> Result<(), KeymapError> {
        Keymap::check_overrides(table).map_err(|(_, _, m)| KeymapError(m))?;
        for (ctx, keys) in table {
            let Some(c) = Context::from_name(ctx) else {
                continue;
            };
            let map = self.maps.entry(c).or_default();
            for (k, a) in keys {
                let Ok(seq) = Key::parse_seq(k) else {
                    continue;
                };
                match Action::from_name(a) {
                    Some(action) => {
                        map.insert(seq, action);
                    }
                    None => {
                        map.remove(&seq);
                    }
                }
            }
        }
        Ok(())
    }

    /// Checks bindings before they are applied; a fault comes back as (context, key, message).
    pub fn check_overrides(
        table: &BTreeMap<String, BTreeMap<String, String>>,
    ) -> Result<(), (String, Option<String>, String)> {
        for (ctx, keys) in table {
            if Context::from_name(ctx).is_none() {
                return Err((
                    ctx.clone(),
                    None,
                    format!("unknown context [{ctx}] (global, list, article, help or prompt)"),
                ));
            }
            for (k, a) in keys {
                let seq = Key::parse_seq(k).map_err(|e| (ctx.clone(), Some(k.clone()), e.0))?;
                if seq.as_slice() == [Key::ctrl_c()] && a != "quit" {
                    return Err((
                        ctx.clone(),
                        Some(k.clone()),
                        "Ctrl-C always quits; it cannot be bound to anything else".to_string(),
                    ));
                }
                if a != UNBIND && Action::from_name(a).is_none() {
                    return Err((
                        ctx.clone(),
                        Some(k.clone()),
                        format!(
                            "unknown action {a:?} (see the help screen or `gxnews config --default-keys` for the names, or \"{UNBIND}\" to unbind)"
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// What a sequence of keys means in a context: the context's own bindings first, then the
    /// global ones (except in help and the prompt).
    pub fn resolve(&self, ctx: Context, pressed: &[Key]) -> Resolved {
        // Ctrl-C quits from anywhere, whatever the config says: a reader can always be left.
        if pressed == [Key::ctrl_c()] {
            return Resolved::Action(Action::Quit);
        }
        let mut contexts = vec![ctx];
        if ctx != Context::Help && ctx != Context::Prompt {
            contexts.push(Context::Global);
        }
        let mut exact = None;
        for c in contexts {
            let Some(map) = self.maps.get(&c) else {
                continue;
            };
            let longer = map
                .range(pressed.to_vec()..)
                .take_while(|(k, _)| k.starts_with(pressed))
                .any(|(k, _)| k.len() > pressed.len());
            if longer {
                return Resolved::Prefix;
            }
            if exact.is_none() {
                exact = map.get(pressed).copied();
            }
        }
        exact.map_or(Resolved::Unbound, Resolved::Action)
    }

    /// The action of one key in a context, if it is bound to one on its own.
    pub fn action(&self, ctx: Context, key: Key) -> Option<Action> {
        match self.resolve(ctx, &[key]) {
            Resolved::Action(a) => Some(a),
            _ => None,
        }
    }

    /// The action a complete sequence is bound to, ignoring longer sequences it starts.
    pub fn exact(&self, ctx: Context, pressed: &[Key]) -> Option<Action> {
        let mut contexts = vec![ctx];
        if ctx != Context::Help && ctx != Context::Prompt {
            contexts.push(Context::Global);
        }
        contexts
            .into_iter()
            .find_map(|c| self.maps.get(&c).and_then(|m| m.get(pressed)).copied())
    }

    /// For the help screen: per context, each action with the keys bound to it.
    pub fn bindings(&self) -> Vec<(Context, Vec<Binding>)> {
        self.maps
            .iter()
            .filter(|(c, m)| **c != Context::Help && !m.is_empty())
            .map(|(c, m)| {
                let mut by_action: BTreeMap<Action, Vec<String>> = BTreeMap::new();
                for (k, a) in m {
                    by_action.entry(*a).or_default().push(seq_label(k));
                }
                (*c, by_action.into_iter().collect())
            })
            .collect()
    }

    /// The key to show in a hint for an action: the context's own binding before the global
    /// one, a single key before a sequence, a plain key before a chord, a named key (`Enter`,
    /// `Esc`) before a letter.
    pub fn key_for(&self, ctx: Context, action: Action) -> Option<String> {
        [ctx, Context::Global].iter().find_map(|c| {
            self.maps
                .get(c)?
                .iter()
                .filter(|(_, a)| **a == action)
                .map(|(k, _)| k)
                .min_by_key(|k| {
                    (
                        k.len(),
                        k.iter().any(|k| k.ctrl || k.alt),
                        k.iter().any(|k| matches!(k.code, KeyCodeOrd::Char(_))),
                    )
                })
                .map(|k| seq_label(k))
        })
    }
}

/// How a key sequence is shown: `gg` for letters, `C-x d` otherwise.
pub fn seq_label(keys: &[Key]) -> String {
    let labels: Vec<String> = keys.iter().map(Key::label).collect();
    if keys.len() > 1 && labels.iter().all(|l| l.chars().count() == 1) {
        labels.concat()
    } else {
        labels.join(" ")
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

    /// Ctrl-C quits from every context however the config binds keys, and a config that binds
    /// it to anything else is refused.
    #[test]
    fn ctrl_c_always_quits() {
        let table = |ctx: &str, key: &str, action: &str| {
            BTreeMap::from([(
                ctx.to_string(),
                BTreeMap::from([(key.to_string(), action.to_string())]),
            )])
        };
        let mut km = Keymap::default_keys();
        km.apply(&table("global", "q", "none")).unwrap();
        for ctx in [
            Context::List,
            Context::Article,
            Context::Help,
            Context::Prompt,
        ] {
            assert_eq!(km.action(ctx, Key::ctrl_c()), Some(Action::Quit), "{ctx:?}");
        }
        for action in ["none", "down"] {
            let err = Keymap::check_overrides(&table("global", "<C-c>", action)).unwrap_err();
            assert!(err.2.contains("Ctrl-C always quits"), "{err:?}");
        }
        assert!(Keymap::check_overrides(&table("list", "<C-c>", "quit")).is_ok());
    }

    #[test]
    fn context_binding_wins_over_global() {
        let km = Keymap::default_keys();
        let j = Key::parse("j").unwrap();
        assert_eq!(km.action(Context::List, j), Some(Action::Down));
        let q = Key::parse("q").unwrap();
        assert_eq!(km.action(Context::List, q), Some(Action::Quit));
        assert_eq!(km.action(Context::Article, q), Some(Action::Back));
        assert_eq!(km.action(Context::Help, q), Some(Action::Back));
    }

    #[test]
    fn sequences_wait_for_their_next_key() {
        let mut km = Keymap::default_keys();
        let mut over = BTreeMap::new();
        over.insert(
            "list".to_string(),
            BTreeMap::from([
                ("g".to_string(), UNBIND.to_string()),
                ("g g".to_string(), "top".to_string()),
            ]),
        );
        km.apply(&over).unwrap();
        let g = Key::parse("g").unwrap();
        assert_eq!(km.resolve(Context::List, &[g]), Resolved::Prefix);
        assert_eq!(
            km.resolve(Context::List, &[g, g]),
            Resolved::Action(Action::Top)
        );
        let j = Key::parse("j").unwrap();
        assert_eq!(km.resolve(Context::List, &[g, j]), Resolved::Unbound);
        // The article context keeps its own `g`.
        assert_eq!(km.action(Context::Article, g), Some(Action::Top));
        assert_eq!(
            km.key_for(Context::List, Action::Top).as_deref(),
            Some("Home")
        );
        assert!(km.bindings().iter().any(|(c, b)| {
            *c == Context::List
                && b.iter()
                    .any(|(a, keys)| *a == Action::Top && keys.contains(&"gg".to_string()))
        }));
    }

    #[test]
    fn unknown_action_is_an_error() {
        let e = Keymap::from_toml("[list]\n\"j\" = \"fly\"\n").unwrap_err();
        assert!(e.0.contains("fly"), "{e}");
    }
}
