//! Small cursor helpers over the normalised text: characters around a position, digit runs,
//! and the gaps (punctuation and filler words) allowed between the parts of a date.
//!
//! All positions are byte offsets on char boundaries; every helper tolerates any position.

/// The character just before `pos`.
pub(crate) fn prev_char(s: &str, pos: usize) -> Option<char> {
    s.get(..pos)?.chars().next_back()
}

/// The character at `pos`.
pub(crate) fn next_char(s: &str, pos: usize) -> Option<char> {
    s.get(pos..)?.chars().next()
}

/// Position of the character after the one at `pos`.
pub(crate) fn step(s: &str, pos: usize) -> usize {
    pos + next_char(s, pos).map_or(1, char::len_utf8)
}

/// Letters and the combining marks of the scripts whose words are written with them.
pub(crate) fn is_wordish(c: char) -> bool {
    c.is_alphabetic()
        || matches!(c, '\u{0300}'..='\u{036F}' | '\u{0900}'..='\u{0DFF}' | '\u{0E00}'..='\u{0EFF}')
}

/// A run of ASCII digits starting at `pos`: (value, number of digits, end). Long runs saturate.
pub(crate) fn digits_fwd(s: &str, pos: usize) -> Option<(u32, usize, usize)> {
    let bytes = s.as_bytes().get(pos..)?;
    let len = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if len == 0 {
        return None;
    }
    let value = bytes[..len].iter().fold(0u32, |v, b| {
        v.saturating_mul(10).saturating_add(u32::from(b - b'0'))
    });
    Some((value, len, pos + len))
}

/// A run of ASCII digits ending at `pos`: (value, number of digits, start).
pub(crate) fn digits_back(s: &str, pos: usize) -> Option<(u32, usize, usize)> {
    let bytes = s.as_bytes().get(..pos)?;
    let len = bytes
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if len == 0 {
        return None;
    }
    let (value, len, _) = digits_fwd(s, pos - len)?;
    Some((value, len, pos - len))
}

/// Whether `word` stands at `pos` as a whole word (not followed by more letters).
pub(crate) fn word_at(s: &str, pos: usize, word: &str) -> bool {
    let Some(rest) = s.get(pos..) else {
        return false;
    };
    rest.starts_with(word)
        && (word.chars().next_back().is_some_and(|c| !is_wordish(c))
            || next_char(s, pos + word.len()).is_none_or(|c| !is_wordish(c)))
}

/// Whether `word` ends at `pos` as a whole word (not preceded by more letters).
pub(crate) fn word_before(s: &str, pos: usize, word: &str) -> bool {
    let Some(head) = s.get(..pos) else {
        return false;
    };
    head.ends_with(word) && prev_char(s, pos - word.len()).is_none_or(|c| !is_wordish(c))
}

/// Punctuation that may stand between the parts of a date written with a month name.
pub(crate) fn is_date_sep(c: char) -> bool {
    matches!(
        c,
        ' ' | ',' | '.' | '-' | '/' | '\'' | '’' | '(' | ')' | '،' | '–' | '—'
    )
}

/// Longest gap allowed between two parts of a date, in bytes.
const MAX_GAP: usize = 24;

/// Skips separators and at most two filler words forward from `pos`.
pub(crate) fn skip_gap(s: &str, pos: usize, fillers: &[String], sep: fn(char) -> bool) -> usize {
    let mut i = pos;
    let mut words = 0;
    while i < pos + MAX_GAP {
        if let Some(c) = next_char(s, i).filter(|&c| sep(c)) {
            i += c.len_utf8();
            continue;
        }
        match fillers.iter().find(|f| word_at(s, i, f)) {
            Some(f) if words < 2 => {
                i += f.len();
                words += 1;
            }
            _ => break,
        }
    }
    i
}

/// Skips separators and at most two filler words backward from `pos`.
pub(crate) fn skip_gap_back(s: &str, pos: usize, fillers: &[String]) -> usize {
    let mut i = pos;
    let mut words = 0;
    while i + MAX_GAP > pos && i > 0 {
        if let Some(c) = prev_char(s, i).filter(|&c| is_date_sep(c)) {
            i -= c.len_utf8();
            continue;
        }
        match fillers.iter().find(|f| word_before(s, i, f)) {
            Some(f) if words < 2 => {
                i -= f.len();
                words += 1;
            }
            _ => break,
        }
    }
    i
}

/// Skips an ordinal suffix (`st`, `er`, `º`, `-én`, ...) written right after a day at `pos`.
pub(crate) fn skip_ordinal(s: &str, pos: usize, ordinals: &[String]) -> usize {
    if let Some(o) = ordinals.iter().find(|o| word_at(s, pos, o)) {
        return pos + o.len();
    }
    // A hyphen and a short case ending: Hungarian "4-én", Russian "1-го".
    let Some(rest) = s.get(pos..).and_then(|r| r.strip_prefix('-')) else {
        return pos;
    };
    let letters: usize = rest
        .chars()
        .take_while(|&c| is_wordish(c))
        .take(5)
        .map(char::len_utf8)
        .sum();
    let count = rest[..letters].chars().count();
    if (1..=4).contains(&count) && next_char(rest, letters).is_none_or(|c| !is_wordish(c)) {
        pos + 1 + letters
    } else {
        pos
    }
}

/// Skips an ordinal suffix that ends at `pos` and directly follows a digit.
pub(crate) fn skip_ordinal_back(s: &str, pos: usize, ordinals: &[String]) -> usize {
    for o in ordinals {
        if s.get(..pos).is_some_and(|h| h.ends_with(o.as_str()))
            && prev_char(s, pos - o.len()).is_some_and(|c| c.is_ascii_digit())
        {
            return pos - o.len();
        }
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_runs() {
        assert_eq!(digits_fwd("ab2020x", 2), Some((2020, 4, 6)));
        assert_eq!(digits_back("ab2020x", 6), Some((2020, 4, 2)));
        assert_eq!(digits_back("ab2020x", 2), None);
        assert_eq!(digits_fwd("99999999999999", 0).map(|d| d.1), Some(14));
    }

    #[test]
    fn gaps() {
        let f = vec!["de".to_string(), "of".to_string()];
        let s = "13 de enero de 2020";
        assert_eq!(skip_gap(s, 2, &f, is_date_sep), 6);
        assert_eq!(skip_gap_back(s, 6, &f), 2);
        assert_eq!(skip_gap("x dec", 1, &f, is_date_sep), 2);
        let o = vec!["th".to_string(), "er".to_string()];
        assert_eq!(skip_ordinal("13th of", 2, &o), 4);
        assert_eq!(skip_ordinal("4-én.", 1, &o), 5);
        assert_eq!(skip_ordinal("13-2020", 2, &o), 2);
        assert_eq!(skip_ordinal_back("13th", 4, &o), 2);
    }
}
