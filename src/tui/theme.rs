//! Colours as data: the named themes and the style words of the config file.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

/// The parts of the screen a theme styles, by their config names.
pub const SLOTS: &[&str] = &[
    "accent", "muted", "key", "selected", "match", "current", "caption", "link", "error",
    "offline", "busy", "ok", "bar",
];

/// The styles the reader draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Focused borders, headlines, help headings.
    pub accent: Style,
    /// Dates, breadcrumbs, hints, unfocused borders.
    pub muted: Style,
    /// Key names, section names, the star and unread markers.
    pub key: Style,
    /// The selected row of the focused list (patched over the row's style).
    pub selected: Style,
    /// Search matches.
    pub matched: Style,
    /// The match `n` and `N` went to.
    pub current: Style,
    /// Image lines.
    pub caption: Style,
    /// A link's words in the text (its `[n]` is in the key style).
    pub link: Style,
    pub error: Style,
    pub offline: Style,
    pub busy: Style,
    pub ok: Style,
    /// The metadata bar's background.
    pub bar: Style,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::dark()
    }
}

impl Theme {
    pub fn dark() -> Theme {
        let fg = |c: Color| Style::new().fg(c);
        Theme {
            accent: fg(Color::Cyan),
            muted: fg(Color::DarkGray),
            key: fg(Color::Yellow),
            selected: Style::new().fg(Color::Black).bg(Color::Cyan),
            matched: Style::new().fg(Color::Black).bg(Color::Yellow),
            current: Style::new().fg(Color::Black).bg(Color::LightRed),
            caption: fg(Color::Magenta),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            error: fg(Color::Red),
            offline: fg(Color::Magenta),
            busy: fg(Color::Yellow),
            ok: fg(Color::Green),
            bar: Style::new().bg(Color::Black),
        }
    }

    pub fn light() -> Theme {
        let fg = |c: Color| Style::new().fg(c);
        Theme {
            accent: fg(Color::Blue),
            muted: fg(Color::Gray),
            key: fg(Color::Magenta),
            selected: Style::new().fg(Color::White).bg(Color::Blue),
            matched: Style::new().fg(Color::Black).bg(Color::LightYellow),
            current: Style::new().fg(Color::White).bg(Color::Red),
            caption: fg(Color::Magenta),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            error: fg(Color::Red),
            offline: fg(Color::Magenta),
            busy: fg(Color::Blue),
            ok: fg(Color::Green),
            bar: Style::new().bg(Color::White),
        }
    }

    /// No colour at all: bold, reverse and underline only (for `NO_COLOR`).
    pub fn mono() -> Theme {
        let plain = Style::new();
        Theme {
            accent: plain.add_modifier(Modifier::BOLD),
            muted: plain,
            key: plain,
            selected: plain.add_modifier(Modifier::REVERSED),
            matched: plain.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            current: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            caption: plain.add_modifier(Modifier::ITALIC),
            link: plain.add_modifier(Modifier::UNDERLINED),
            error: plain.add_modifier(Modifier::BOLD),
            offline: plain,
            busy: plain,
            ok: plain,
            bar: plain,
        }
    }

    pub fn named(name: &str) -> Option<Theme> {
        match name.trim().to_ascii_lowercase().as_str() {
            "dark" | "default" => Some(Theme::dark()),
            "light" => Some(Theme::light()),
            "mono" | "none" => Some(Theme::mono()),
            _ => None,
        }
    }

    /// Replaces one slot by its config name; unknown names are ignored (the config checks them).
    pub fn set(&mut self, slot: &str, style: Style) {
        let s = match slot {
            "accent" => &mut self.accent,
            "muted" => &mut self.muted,
            "key" => &mut self.key,
            "selected" => &mut self.selected,
            "match" => &mut self.matched,
            "current" => &mut self.current,
            "caption" => &mut self.caption,
            "link" => &mut self.link,
            "error" => &mut self.error,
            "offline" => &mut self.offline,
            "busy" => &mut self.busy,
            "ok" => &mut self.ok,
            "bar" => &mut self.bar,
            _ => return,
        };
        *s = style;
    }
}

/// Parses a style: `"black on cyan"`, `"bold #ff8800"`, `"on black"`, `"underlined"`.
pub fn parse_style(spec: &str) -> Result<Style, String> {
    let mut style = Style::new();
    let mut words = spec.split_whitespace();
    let mut any = false;
    while let Some(w) = words.next() {
        any = true;
        let lw = w.to_ascii_lowercase();
        let modifier = match lw.as_str() {
            "bold" => Some(Modifier::BOLD),
            "dim" => Some(Modifier::DIM),
            "italic" => Some(Modifier::ITALIC),
            "underlined" | "underline" => Some(Modifier::UNDERLINED),
            "reversed" | "reverse" => Some(Modifier::REVERSED),
            _ => None,
        };
        if let Some(m) = modifier {
            style = style.add_modifier(m);
        } else if lw == "on" {
            let c = words
                .next()
                .ok_or_else(|| format!("{spec:?}: a colour must follow \"on\""))?;
            style = style.bg(colour(c, spec)?);
        } else {
            style = style.fg(colour(w, spec)?);
        }
    }
    if !any {
        return Err("an empty style".to_string());
    }
    Ok(style)
}

fn colour(word: &str, spec: &str) -> Result<Color, String> {
    Color::from_str(word).map_err(|_| format!("{spec:?}: {word:?} is not a colour"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_parse() {
        assert_eq!(
            parse_style("black on cyan").unwrap(),
            Style::new().fg(Color::Black).bg(Color::Cyan)
        );
        assert_eq!(
            parse_style("bold #ff8800").unwrap(),
            Style::new()
                .add_modifier(Modifier::BOLD)
                .fg(Color::Rgb(0xff, 0x88, 0))
        );
        assert_eq!(
            parse_style("on 236").unwrap(),
            Style::new().bg(Color::Indexed(236))
        );
        assert!(parse_style("blurple").is_err());
        assert!(parse_style("on").is_err());
        assert!(parse_style("  ").is_err());
    }

    #[test]
    fn dark_is_the_default() {
        assert_eq!(Theme::named("dark"), Some(Theme::default()));
        assert!(Theme::named("neon").is_none());
    }
}
