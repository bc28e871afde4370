//! A labelled value and the text around it: where a value ends (a bar, a date, the info line's
//! buttons), a view count, and lines that are sentences rather than values.

use regex::Regex;

use crate::scrape::dom::text::SEP;
use crate::scrape::rules::InfoLineRules;

/// The pattern of a view count written number first, with one of `words` after it (`1,532
/// views`, `88 hits`).
pub(super) fn count_first(words: &[String]) -> Regex {
    let words: Vec<String> = words
        .iter()
        .filter(|w| !w.is_empty())
        .map(|w| regex::escape(w))
        .collect();
    if words.is_empty() {
        // No count word: a pattern that matches nothing.
        return Regex::new(r"[^\s\S]").expect("valid regex");
    }
    Regex::new(&format!(
        r"(?i)(?:^|[\s|·,;\x1f(])(\d[\d,]*)[\s\x1f]*(?:{})(?:$|[\s|·,;\x1f)])",
        words.join("|")
    ))
    .expect("escaped words make a valid regex")
}

/// Characters of a script written without spaces (Chinese, Japanese) that make a sentence as
/// long as eight words do; a date or a name in them is a handful.
const SENTENCE_IDEOGRAPHS: usize = 16;

/// True when what follows a line's only label (from byte `end`) is a sentence, not a value:
/// eight words (or [`SENTENCE_IDEOGRAPHS`] ideographs) or more ending like a sentence (a
/// speaker's line in an interview, `Editor: Sorry to interrupt, but …`; `日期:1月21日，凱爾特人在
/// 主場…。`), or words that start in lower case (`Source: of frustration for farmers was …`). A
/// value is a name, a date or a number.
pub(super) fn said_after(line: &str, end: usize) -> bool {
    let value = line[end..].trim_start_matches(|c: char| c.is_whitespace() || c == SEP);
    let words = || value.split_whitespace();
    let lower_start = words()
        .next()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_lowercase()))
        && words().nth(2).is_some();
    let ideographs = value.chars().filter(|&c| written_unspaced(c)).count();
    ends_like_sentence(line)
        && (words().nth(7).is_some() || ideographs >= SENTENCE_IDEOGRAPHS || lower_start)
}

/// A character of a script written without spaces between words: CJK ideographs, kana.
fn written_unspaced(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// True when the label a line's text `before` precedes stands in a sentence that quotes a sign
/// or a notice (`A banner at the gate read: "… Sept 24, 2024".`): words of its own before the
/// label, and the line ends like a sentence.
pub(super) fn in_a_sentence(line: &str, before: &str) -> bool {
    before.split_whitespace().nth(1).is_some() && ends_like_sentence(line)
}

/// A line that ends like a sentence: a full stop, an exclamation or a question mark, perhaps
/// inside closing quotes or brackets.
fn ends_like_sentence(line: &str) -> bool {
    line.trim_end_matches(|c: char| c.is_whitespace() || c == SEP || "\"”’')）".contains(c))
        .ends_with(['.', '!', '?', '。', '！', '？'])
}

/// A line that asks a question: an interviewer's (`Reporter: How will…?`), never a label's
/// value.
pub(super) fn is_question(line: &str) -> bool {
    line.trim_end_matches(|c: char| c.is_whitespace() || c == SEP)
        .ends_with(['?', '？'])
}

/// A name or source without the date that runs on after it (`Lu Ming 2020-11-16 10:20`,
/// `Xinhua 10:20 2024-03-05`): cut at the first space after which a date starts (a year
/// `19xx`/`20xx` then `-`, `/`, `.` or `年` and a digit), perhaps after a time of day.
pub(super) fn before_date(value: &str) -> String {
    let b = value.as_bytes();
    let digits = |i: usize, n: usize| {
        b.get(i..i + n)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let spaces = |mut i: usize| {
        while let Some(c) = value[i..].chars().next().filter(|c| c.is_whitespace()) {
            i += c.len_utf8();
        }
        i
    };
    // A date at `i`: the year, its separator, a digit.
    let date_at = |i: usize| {
        (b[i..].starts_with(b"19") || b[i..].starts_with(b"20"))
            && digits(i, 4)
            && [&b"-"[..], b"/", b".", "年".as_bytes()]
                .iter()
                .find(|sep| b[i + 4..].starts_with(sep))
                .is_some_and(|sep| digits(i + 4 + sep.len(), 1))
    };
    // A time of day at `i` (`10:20`, `9:05:30`) and a space after it: where what follows starts.
    let time_at = |i: usize| {
        let h = (1..=2)
            .rev()
            .find(|&n| digits(i, n) && b.get(i + n) == Some(&b':'))?;
        let mut j = i + h + 1;
        if !digits(j, 2) {
            return None;
        }
        j += 2;
        if b.get(j) == Some(&b':') && digits(j + 1, 2) {
            j += 3;
        }
        let k = spaces(j);
        (k > j).then_some(k)
    };
    let cut = value.char_indices().find_map(|(i, c)| {
        if !c.is_whitespace() {
            return None;
        }
        let start = spaces(i);
        let at = time_at(start).unwrap_or(start);
        (at < b.len() && date_at(at)).then_some(i)
    });
    match cut.map(|i| value[..i].trim()) {
        Some(c) if !c.is_empty() => c.to_string(),
        _ => value.trim().to_string(),
    }
}

/// Where the buttons an info line ends with start in `s` (its length when there are none): a
/// `【` after the value, or a button's word after a space (`Font:`, `[Print]`, `Share to`).
fn widgets_start(rules: &InfoLineRules, s: &str) -> usize {
    let b = s.as_bytes();
    // Buttons start after a space (a `【` anywhere after the value): only those places are
    // compared, without lowering the value.
    (1..b.len())
        .find(|&i| {
            b[i..].starts_with("【".as_bytes())
                || (b[i - 1].is_ascii_whitespace()
                    && rules.buttons.iter().any(|w| {
                        !w.is_empty()
                            && b.get(i..i + w.len())
                                .is_some_and(|h| h.eq_ignore_ascii_case(w.as_bytes()))
                    }))
        })
        .unwrap_or(s.len())
}

/// Trims the separators that sit between labelled values.
pub(super) fn trim_value<'s>(rules: &InfoLineRules, s: &'s str) -> &'s str {
    // A value ends where its element does (see `text::SEP`); the first non-empty piece is it.
    let s = s
        .split(SEP)
        .map(str::trim)
        .find(|p| {
            !p.is_empty()
                && !p
                    .chars()
                    .all(|c| matches!(c, '|' | '｜' | '丨' | '/' | ',' | ';' | '·'))
        })
        .unwrap_or("");
    let s = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '|' | '｜' | '丨' | '/' | ',' | ';' | '·' | '【' | '】')
    });
    // A value ends at the next separator bar (`Guangxi Daily | 2024-01-24 09:00`).
    let s = s.split(['|', '｜', '丨']).next().unwrap_or(s).trim_end();
    // A value ends where the info line's buttons start (`Xinhua 【Print】【Close】`, `2345
    // Font: L S`, `Xinhua Share to:`).
    let s = s[..widgets_start(rules, s)].trim_end();
    // A bracket closing what the value never opened belongs to the text around it
    // (`[Editor: Wei Dan]`), and so does one opening what it never closes.
    let mut s = s;
    for (open, close) in [('[', ']'), ('(', ')'), ('（', '）'), ('【', '】')] {
        if s.ends_with(close) && !s.contains(open) {
            s = s[..s.len() - close.len_utf8()].trim_end();
        }
        if s.starts_with(open) && !s.contains(close) {
            s = s[open.len_utf8()..].trim_start();
        }
    }
    s
}

/// A view count: the first run of digits, thousands separators allowed. Empty (script-filled) or
/// non-numeric values give `None`.
pub fn parse_count(s: &str) -> Option<u64> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    if s[..start].chars().any(char::is_alphanumeric) {
        return None;
    }
    let digits: String = s[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}
