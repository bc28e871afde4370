//! Finding labels in a line by their bytes: colons, case-folded letters read back from a
//! colon, and what a label may follow.

use std::sync::LazyLock;

use regex::Regex;

use crate::scrape::dom::text::SEP;
use crate::scrape::rules::InfoLineRules;

/// True for a line holding a colon, ASCII or fullwidth (`：`, EF BC 9A in UTF-8): every label
/// ends with one. Told by a search for their first bytes.
pub(super) fn has_colon(line: &str) -> bool {
    let b = line.as_bytes();
    let mut at = 0;
    while let Some(i) = memchr::memchr2(b':', 0xef, &b[at..]) {
        let c = at + i;
        if b[c] == b':' || b[c + 1..].starts_with(&[0xbc, 0x9a]) {
            return true;
        }
        at = c + 1;
    }
    false
}

/// True for a label naming an update time rather than the first release (`Updated:`). The
/// seed's own `updatetime:` is its only date and still counts when nothing else is given.
pub(super) fn is_update_label(rules: &InfoLineRules, label: &str) -> bool {
    rules.update_marks.iter().any(|mark| {
        !mark.is_empty()
            && label
                .as_bytes()
                .windows(mark.len())
                .any(|w| w.eq_ignore_ascii_case(mark.as_bytes()))
    })
}

/// One character of a label: a letter (case-folded) or a place where spaces may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LabelChar {
    Letter(char),
    Space,
}

/// A character with its case folded, so that labels match whatever the case (`ſ` as `s`, the
/// Kelvin sign as `k`, as a case-insensitive pattern would).
pub(super) fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut up = c.to_uppercase();
    let upper = match (up.next(), up.next()) {
        (Some(u), None) => u,
        _ => c,
    };
    let mut lower = upper.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => upper,
    }
}

/// Where a label starts when it ends at byte `end` of `line`, or `None`. Its words may be
/// separated by any run of spaces or marks, or by none.
pub(super) fn match_back(line: &str, end: usize, label: &[LabelChar]) -> Option<usize> {
    let mut i = end;
    for lc in label.iter().rev() {
        match lc {
            LabelChar::Space => {
                i = line[..i]
                    .trim_end_matches(|ch: char| ch.is_whitespace() || ch == SEP)
                    .len();
            }
            LabelChar::Letter(want) => {
                let got = line[..i].chars().next_back()?;
                if got != *want && fold(got) != *want {
                    return None;
                }
                i -= got.len_utf8();
            }
        }
    }
    Some(i)
}

/// What a label may follow: a non-letter or a Chinese character.
pub(super) static LABEL_MAY_FOLLOW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A(?:[^\p{L}]|\p{Han})").expect("valid regex"));
