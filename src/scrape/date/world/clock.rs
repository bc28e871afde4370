//! Times of day next to a date: `14:30`, `4:05 pm`, `13:37:49 UTC`, `10:01:41 EDT`,
//! `21:16:15 +0000`, `T16:38:07Z`, `00h23`, with the time zone turned into a fixed offset.

use super::scan::{digits_fwd, is_wordish, next_char, prev_char, word_at};
use chrono::{FixedOffset, NaiveTime};
use regex::Regex;
use std::sync::LazyLock;

/// `HH:MM`, `HH:MM:SS(.fff)`, `HHhMM`; anchored at the start of the slice it is run on.
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{1,2})(?::|h)([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,9})?)?")
        .expect("time regex")
});

/// `am`, `pm`, `a.m.`, `p. m.`
static AM_PM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ ?([ap])\.? ?m\.?").expect("am/pm regex"));

/// `+01`, `+0100`, `+01:00`, `-5`
static NUM_OFFSET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([+-])([0-9]{1,2})(?::?([0-9]{2}))?").expect("offset regex"));

/// Zone abbreviations that mean one offset (in minutes east of UTC). Ambiguous ones (CST, BST,
/// IST, AST) are left out on purpose. Longer names come first where one is a prefix of another.
const ZONES: &[(&str, i32)] = &[
    ("utc", 0),
    ("gmt", 0),
    ("est", -300),
    ("edt", -240),
    ("pst", -480),
    ("pdt", -420),
    ("mst", -420),
    ("mdt", -360),
    ("cest", 120),
    ("cet", 60),
    ("mesz", 120),
    ("mez", 60),
    ("west", 60),
    ("wet", 0),
    ("eest", 180),
    ("eet", 120),
    ("msk", 180),
    ("jst", 540),
    ("kst", 540),
    ("wita", 480),
    ("wib", 420),
    ("wit", 540),
    ("ict", 420),
    ("sgt", 480),
    ("hkt", 480),
    ("pht", 480),
    ("pkt", 300),
    ("aest", 600),
    ("aedt", 660),
    ("acst", 570),
    ("acdt", 630),
    ("awst", 480),
    ("nzst", 720),
    ("nzdt", 780),
];

/// A time found in the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Clock {
    pub time: NaiveTime,
    pub offset: Option<FixedOffset>,
    pub start: usize,
    pub end: usize,
}

fn offset_from(sign: &str, hours: u32, minutes: u32) -> Option<FixedOffset> {
    if hours > 14 || minutes > 59 {
        return None;
    }
    let secs = i32::try_from(hours * 3600 + minutes * 60).ok()?;
    FixedOffset::east_opt(if sign == "-" { -secs } else { secs })
}

/// A numeric offset at `pos`: (offset, end, had minutes).
fn numeric_offset(s: &str, pos: usize) -> Option<(FixedOffset, usize, bool)> {
    let caps = NUM_OFFSET.captures(s.get(pos..)?)?;
    let end = pos + caps.get(0)?.end();
    if next_char(s, end).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let hours = caps.get(2)?.as_str().parse().ok()?;
    let minutes = caps.get(3).map_or(Some(0), |m| m.as_str().parse().ok())?;
    let offset = offset_from(caps.get(1)?.as_str(), hours, minutes)?;
    Some((offset, end, caps.get(3).is_some()))
}

/// A zone name at `pos`, possibly in parentheses, possibly followed by an offset (`GMT+8`).
fn named_zone(s: &str, pos: usize) -> Option<(FixedOffset, usize)> {
    let open = s.get(pos..)?.starts_with('(');
    let at = pos + usize::from(open);
    let &(name, minutes) = ZONES.iter().find(|(name, _)| word_at(s, at, name))?;
    let mut end = at + name.len();
    let mut offset = FixedOffset::east_opt(minutes * 60)?;
    if minutes == 0
        && let Some((o, e, _)) = numeric_offset(s, end)
    {
        offset = o;
        end = e;
    }
    if open {
        end = s.get(end..)?.starts_with(')').then_some(end + 1)?;
    }
    Some((offset, end))
}

/// A time zone right after a time ending at `pos`. `strict` (a time without seconds) allows a
/// numeric offset only after a space and with minutes, so that `12:00-13:00` is no offset.
pub(crate) fn zone_at(s: &str, pos: usize, strict: bool) -> Option<(FixedOffset, usize)> {
    let rest = s.get(pos..)?;
    if rest.starts_with('z') && next_char(s, pos + 1).is_none_or(|c| !is_wordish(c)) {
        return Some((FixedOffset::east_opt(0)?, pos + 1));
    }
    if !strict && let Some((o, e, _)) = numeric_offset(s, pos) {
        return Some((o, e));
    }
    let at = if rest.starts_with(' ') { pos + 1 } else { pos };
    if let Some(found) = named_zone(s, at) {
        return Some(found);
    }
    match numeric_offset(s, at) {
        Some((o, e, true)) if at > pos => Some((o, e)),
        _ => None,
    }
}

/// Persian and Arabic am/pm markers written after the time (true for pm).
const AM_PM_WORDS: &[(&str, bool)] = &[
    ("بعد از ظهر", true),
    ("قبل از ظهر", false),
    ("ب.ظ", true),
    ("ق.ظ", false),
    ("مساء", true),
    ("صباحا", false),
    ("م", true),
    ("ص", false),
];

/// `am`/`pm` after a time ending at `pos`: (is pm, end).
fn am_pm(s: &str, pos: usize) -> Option<(bool, usize)> {
    let at = if s.get(pos..)?.starts_with(' ') {
        pos + 1
    } else {
        pos
    };
    if let Some(&(word, pm)) = AM_PM_WORDS.iter().find(|(w, _)| word_at(s, at, w)) {
        return Some((pm, at + word.len()));
    }
    let caps = AM_PM.captures(s.get(pos..)?)?;
    let end = pos + caps.get(0)?.end();
    if next_char(s, end).is_some_and(is_wordish) {
        return None;
    }
    Some((caps.get(1)?.as_str() == "p", end))
}

/// A time starting exactly at `pos`. `iso` says it follows a `T`, where numeric offsets are usual.
pub(crate) fn time_at(s: &str, pos: usize, iso: bool) -> Option<Clock> {
    if prev_char(s, pos).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let caps = TIME.captures(s.get(pos..)?)?;
    let mut end = pos + caps.get(0)?.end();
    if next_char(s, end).is_some_and(|c| c.is_ascii_digit() || c == ':') {
        return None;
    }
    let mut hour: u32 = caps.get(1)?.as_str().parse().ok()?;
    let minute: u32 = caps.get(2)?.as_str().parse().ok()?;
    let second: u32 = caps.get(3).map_or(Some(0), |m| m.as_str().parse().ok())?;
    if let Some((pm, e)) = am_pm(s, end) {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = hour % 12 + if pm { 12 } else { 0 };
        end = e;
    }
    let time = NaiveTime::from_hms_opt(hour, minute, second.min(59))?;
    let (offset, end) = match zone_at(s, end, !iso && caps.get(3).is_none()) {
        Some((o, e)) => (Some(o), e),
        None => (None, end),
    };
    Some(Clock {
        time,
        offset,
        start: pos,
        end,
    })
}

/// Compact ISO time `HHMMSS` after a `T` (as in `20200413T163807Z`).
pub(crate) fn compact_time_at(s: &str, pos: usize) -> Option<Clock> {
    let (_, len, end) = digits_fwd(s, pos)?;
    if len != 4 && len != 6 {
        return time_at(s, pos, true);
    }
    let field = |i: usize| {
        s.get(pos + i..pos + i + 2)
            .and_then(|t| t.parse::<u32>().ok())
    };
    let second = if len == 6 { field(4)? } else { 0 };
    let time = NaiveTime::from_hms_opt(field(0)?, field(2)?, second.min(59))?;
    let (offset, end) = zone_at(s, end, false).map_or((None, end), |(o, e)| (Some(o), e));
    Some(Clock {
        time,
        offset,
        start: pos,
        end,
    })
}

/// Separators allowed between a date and its time.
fn is_time_sep(c: char) -> bool {
    matches!(
        c,
        ' ' | ',' | '.' | '|' | '-' | '–' | '—' | '@' | '·' | '•' | '/' | '(' | '['
    )
}

/// A time after a date ending at `pos`, ending before `limit`: `13.01.2020 14:30`,
/// `2020-01-13T14:30:00Z`, `January 13, 2020 at 4:05 pm`, `2020-08-25|00h23`.
pub(crate) fn time_after(s: &str, pos: usize, limit: usize, words: &[String]) -> Option<Clock> {
    let iso = s.get(pos..)?.starts_with('t');
    let at = if iso {
        pos + 1
    } else {
        super::scan::skip_gap(s, pos, words, is_time_sep)
    };
    let clock = time_at(s, at, iso)?;
    (clock.end <= limit).then_some(clock)
}

/// A time just before a date starting at `pos` and after `floor`: `14:30, 13 January 2020`.
pub(crate) fn time_before(s: &str, pos: usize, floor: usize) -> Option<Clock> {
    let mut end = pos;
    while end > floor && pos - end < 6 {
        match prev_char(s, end) {
            Some(c) if is_time_sep(c) => end -= c.len_utf8(),
            _ => break,
        }
    }
    let mut lo = end.saturating_sub(32).max(floor);
    while !s.is_char_boundary(lo) {
        lo += 1;
    }
    let window = s.get(lo..end)?;
    window
        .char_indices()
        .filter(|&(_, c)| c.is_ascii_digit())
        .filter_map(|(i, _)| time_at(s, lo + i, false))
        .find(|clock| clock.end == end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Option<(String, Option<i32>)> {
        time_at(s, 0, false).map(|c| {
            (
                c.time.to_string(),
                c.offset.map(|o| o.local_minus_utc() / 3600),
            )
        })
    }

    #[test]
    fn times() {
        assert_eq!(t("14:30"), Some(("14:30:00".into(), None)));
        assert_eq!(t("4:05 pm"), Some(("16:05:00".into(), None)));
        assert_eq!(t("12:10 a.m."), Some(("00:10:00".into(), None)));
        assert_eq!(t("12:10 p. m."), Some(("12:10:00".into(), None)));
        assert_eq!(t("13:37:49 utc 2020"), Some(("13:37:49".into(), Some(0))));
        assert_eq!(t("10:01:41 edt"), Some(("10:01:41".into(), Some(-4))));
        assert_eq!(t("21:16:15 +0300"), Some(("21:16:15".into(), Some(3))));
        assert_eq!(t("21:16:15+03:00"), Some(("21:16:15".into(), Some(3))));
        assert_eq!(t("21:16 gmt+8"), Some(("21:16:00".into(), Some(8))));
        assert_eq!(t("21:16 (kst)"), Some(("21:16:00".into(), Some(9))));
        assert_eq!(t("00h23"), Some(("00:23:00".into(), None)));
        assert_eq!(t("12:09:08 ب.ظ"), Some(("12:09:08".into(), None)));
        assert_eq!(t("02:01 م"), Some(("14:01:00".into(), None)));
        assert_eq!(t("09:23 ص"), Some(("09:23:00".into(), None)));
        assert_eq!(t("12:00-13:00").map(|x| x.1), Some(None));
        assert_eq!(t("21:16 cst").map(|x| x.1), Some(None));
        assert_eq!(t("21:16 amsterdam").map(|x| x.0), Some("21:16:00".into()));
        assert_eq!(t("25:00"), None);
        assert_eq!(t("14:305"), None);
        assert_eq!(t("1:2:3"), None);
    }

    #[test]
    fn before_and_after() {
        let w = vec!["at".to_string()];
        let s = "x 13 jan 2020 at 4:05 pm, x";
        let c = time_after(s, 13, s.len(), &w).unwrap();
        assert_eq!((c.time.to_string(), c.end), ("16:05:00".into(), 24));
        let s = "14:30, 13 january 2020";
        assert_eq!(time_before(s, 7, 0).map(|c| c.start), Some(0));
        assert!(time_before(s, 7, 3).is_none());
    }
}
