//! Width-aware wrapping and truncation: CJK characters take two columns and may break anywhere,
//! words longer than the line are split, and nothing overflows its pane.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

fn width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Display width of a string in terminal columns.
pub fn str_width(s: &str) -> usize {
    s.chars().map(width).sum()
}

/// Wraps text to `max` columns. Latin words stay whole where they fit; wide characters are each
/// a break opportunity.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0;
    for word in split_words(text) {
        let word_w = str_width(word);
        let is_space = word == " ";
        if is_space {
            if line_w > 0 && line_w < max {
                line.push(' ');
                line_w += 1;
            }
            continue;
        }
        if line_w + word_w > max && line_w > 0 {
            lines.push(line.trim_end().to_string());
            line.clear();
            line_w = 0;
        }
        if word_w > max {
            for c in word.chars() {
                let w = width(c);
                if line_w + w > max && line_w > 0 {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0;
                }
                line.push(c);
                line_w += w;
            }
        } else {
            line.push_str(word);
            line_w += word_w;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Cuts text into lines of `max` columns wherever the width runs out: for URLs, which read
/// best unbroken by word wrapping.
pub fn wrap_hard(text: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut lines = vec![String::new()];
    let mut w = 0;
    for c in text.chars() {
        let cw = width(c);
        if w + cw > max {
            lines.push(String::new());
            w = 0;
        }
        lines.last_mut().expect("never empty").push(c);
        w += cw;
    }
    lines
}

/// Wraps text like [`wrap`], each character styled with the style of the byte range of `text`
/// it came from (the first range holding it), else `base`.
pub fn wrap_styled(
    text: &str,
    styles: &[(Range<usize>, Style)],
    base: Style,
    max: usize,
) -> Vec<Line<'static>> {
    // A wrapped line is the text's own characters in order, with any whitespace as a space
    // and the whitespace at breaks dropped: each is found by walking the text alongside.
    let mut source = text.char_indices();
    let style_at = |i: usize| {
        styles
            .iter()
            .find(|(r, _)| r.contains(&i))
            .map_or(base, |(_, s)| *s)
    };
    wrap(text, max)
        .into_iter()
        .map(|line| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let (mut run, mut run_style) = (String::new(), base);
            for c in line.chars() {
                let at = source
                    .by_ref()
                    .find(|&(_, o)| o == c || (c == ' ' && o.is_whitespace()))
                    .map(|(i, _)| i);
                let style = at.map_or(base, style_at);
                if style != run_style && !run.is_empty() {
                    spans.push(Span::styled(std::mem::take(&mut run), run_style));
                }
                run_style = style;
                run.push(c);
            }
            if !run.is_empty() {
                spans.push(Span::styled(run, run_style));
            }
            Line::from(spans)
        })
        .collect()
}

/// Splits into words, single spaces, and single wide characters.
fn split_words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let wide = width(c) > 1;
        if c.is_whitespace() || wide {
            if let Some(s) = start.take() {
                out.push(&text[s..i]);
            }
            out.push(if c.is_whitespace() {
                " "
            } else {
                &text[i..i + c.len_utf8()]
            });
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Cuts a string to `max` columns, ending in `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if str_width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = width(c);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_words() {
        assert_eq!(
            wrap("the quick brown fox", 10),
            vec!["the quick", "brown fox"]
        );
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let lines = wrap("三月三 festival 广西壮族自治区", 8);
        assert!(lines.iter().all(|l| str_width(l) <= 8), "{lines:?}");
        assert_eq!(
            lines.concat().replace(' ', ""),
            "三月三festival广西壮族自治区"
        );
    }

    #[test]
    fn long_words_are_split() {
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn styled_wrapping_keeps_each_range_its_style() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let text = "read the port report[1] today";
        let lines = wrap_styled(text, &[(14..23, bold)], Style::new(), 12);
        let shown: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(shown, wrap(text, 12));
        let styled: Vec<(String, bool)> = lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .map(|s| (s.content.to_string(), s.style == bold))
            .collect();
        assert!(
            styled.contains(&("report[1]".to_string(), true)),
            "{styled:?}"
        );
        assert!(
            styled.iter().all(|(t, b)| *b == t.contains("report")),
            "{styled:?}"
        );
    }

    #[test]
    fn hard_wrapping_cuts_at_the_width() {
        assert_eq!(
            wrap_hard("[1] https://a.b/cdef", 8),
            ["[1] http", "s://a.b/", "cdef"]
        );
        assert!(wrap_hard("广西广西广", 4).iter().all(|l| str_width(l) <= 4));
    }

    #[test]
    fn truncates_by_width() {
        assert_eq!(truncate("广西新闻", 5), "广西…");
        assert_eq!(truncate("short", 10), "short");
    }
}
