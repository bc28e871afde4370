//! Width-aware wrapping and truncation: CJK characters take two columns and may break anywhere,
//! words longer than the line are split, and nothing overflows its pane.

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
    fn truncates_by_width() {
        assert_eq!(truncate("广西新闻", 5), "广西…");
        assert_eq!(truncate("short", 10), "short");
    }
}
