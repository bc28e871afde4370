//! Dates written only with numbers: `2020-01-13`, `2020/01/13`, `2020.01.13`, `2020. 1. 13.`,
//! `2020年1月13日`, `2020년 1월 13일`, `13.01.2020`, `13/01/2020`, `01-13-2020`,
//! `20200413T16:38:07Z`, Jalali `۱۳۹۸/۱۱/۲۹` in Persian text, and a whole string of epoch
//! seconds or milliseconds.

use super::clock;
use super::digits::Norm;
use super::months::Calendar;
use super::scan::{next_char, prev_char};
use super::{Cand, to_date};
use chrono::{DateTime, Datelike, FixedOffset};
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// Year first: ISO and its relatives, and the CJK forms.
static YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{4})(-|/|\. ?| ?年 ?| ?년 ?)([0-9]{1,2})(-|/|\. ?| ?月 ?| ?월 ?)([0-9]{1,2})( ?[日号號일])?")
        .expect("ymd regex")
});

/// Year last: `13.01.2020`, `13. 1. 2020`, `13/01/2020`, `1-13-2020`.
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{1,2})(\. ?|/|-)([0-9]{1,2})(\. ?|/|-)([0-9]{4})").expect("dmy regex")
});

/// Basic ISO 8601: `20200413T16:38:07Z`, `20200413T163807+0200`.
static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([0-9]{4})([0-9]{2})([0-9]{2})t").expect("compact regex"));

/// The kind of a separator: its first non-space character, with the CJK month signs paired to
/// their year signs.
fn sep_kind(sep: &str) -> char {
    match sep.trim().chars().next().unwrap_or(' ') {
        '月' => '年',
        '월' => '년',
        c => c,
    }
}

/// Whether a numeric date at `start..end` stands alone: not glued to letters or digits, nor part
/// of a longer dotted/dashed number such as a version `v2.3.2020` or `1.13.01.2020`.
fn stands_alone(s: &str, start: usize, end: usize) -> bool {
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    if glued(prev_char(s, start)) || next_char(s, end).is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    let before = prev_char(s, start);
    if before.is_some_and(|c| matches!(c, '.' | '-' | '/' | ',' | ':'))
        && prev_char(s, start - 1).is_some_and(|c| c.is_ascii_digit())
    {
        return false;
    }
    let after = next_char(s, end);
    !(after.is_some_and(|c| matches!(c, '.' | '-' | ','))
        && next_char(s, end + 1).is_some_and(|c| c.is_ascii_digit()))
}

fn num(caps: &Captures, i: usize) -> Option<u32> {
    caps.get(i)?.as_str().parse().ok()
}

/// Runs `read` on every match of `re`, retrying one character later after a rejected match so
/// that a bad candidate cannot hide a good one overlapping it.
fn each_match(
    s: &str,
    re: &Regex,
    out: &mut Vec<Cand>,
    mut read: impl FnMut(&Captures) -> Option<Cand>,
) {
    let mut pos = 0;
    while pos < s.len() {
        let Some(caps) = re.captures_at(s, pos) else {
            break;
        };
        let Some(whole) = caps.get(0) else { break };
        match read(&caps) {
            Some(c) => {
                pos = whole.end().max(pos + 1);
                out.push(c);
            }
            None => pos = super::scan::step(s, whole.start()),
        }
    }
}

fn read_ymd(n: &Norm, caps: &Captures) -> Option<Cand> {
    let s = n.text.as_str();
    let whole = caps.get(0)?;
    let (sep1, sep2) = (caps.get(2)?.as_str(), caps.get(4)?.as_str());
    let kind = sep_kind(sep1);
    if kind != sep_kind(sep2) || !stands_alone(s, whole.start(), whole.end()) {
        return None;
    }
    let cjk = matches!(kind, '年' | '년');
    // "2020年07月 2020年06月" is two months, not 2020-07-20: a CJK day needs its sign or must
    // follow the month sign directly.
    if cjk && caps.get(6).is_none() && sep2.ends_with(' ') {
        return None;
    }
    let end = if cjk { whole.end() } else { caps.get(5)?.end() };
    let (y, m, d) = (num(caps, 1)? as i32, num(caps, 3)?, num(caps, 5)?);
    let calendar = if n.persian && (1300..1500).contains(&y) {
        Calendar::Jalali
    } else {
        Calendar::Gregorian
    };
    let date = to_date(calendar, y, m, d)?;
    Some(Cand::new(whole.start(), end, date))
}

fn read_dmy(s: &str, caps: &Captures, day_first: bool) -> Option<Cand> {
    let whole = caps.get(0)?;
    let kind = sep_kind(caps.get(2)?.as_str());
    if kind != sep_kind(caps.get(4)?.as_str()) || !stands_alone(s, whole.start(), whole.end()) {
        return None;
    }
    let (a, b, y) = (num(caps, 1)?, num(caps, 3)?, num(caps, 5)? as i32);
    let (d, m) = if kind == '.' || a > 12 {
        (a, b)
    } else if b > 12 || !day_first {
        (b, a)
    } else {
        (a, b)
    };
    let date = to_date(Calendar::Gregorian, y, m, d)?;
    Some(Cand::new(whole.start(), whole.end(), date))
}

fn read_compact(s: &str, caps: &Captures) -> Option<Cand> {
    let whole = caps.get(0)?;
    if prev_char(s, whole.start()).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let date = to_date(
        Calendar::Gregorian,
        num(caps, 1)? as i32,
        num(caps, 2)?,
        num(caps, 3)?,
    )?;
    let clock = clock::compact_time_at(s, whole.end())?;
    let mut cand = Cand::new(whole.start(), clock.end, date);
    cand.time = Some(clock.time);
    cand.offset = clock.offset;
    Some(cand)
}

/// Every numeric date of the text.
pub(crate) fn collect(n: &Norm, day_first: bool, out: &mut Vec<Cand>) {
    let s = n.text.as_str();
    each_match(s, &YMD, out, |c| read_ymd(n, c));
    each_match(s, &DMY, out, |c| read_dmy(s, c, day_first));
    if s.contains('t') {
        each_match(s, &COMPACT, out, |c| read_compact(s, c));
    }
}

/// A whole string that is a Unix time: 10 digits of seconds or 13 of milliseconds (UTC).
pub(crate) fn epoch(n: &Norm) -> Option<Cand> {
    let s = n.text.as_str();
    let trimmed = s.trim();
    if !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: i64 = trimmed.parse().ok()?;
    let utc = match trimmed.len() {
        10 => DateTime::from_timestamp(value, 0)?,
        13 => DateTime::from_timestamp_millis(value)?,
        _ => return None,
    };
    let date = utc.date_naive();
    if !super::YEARS.contains(&date.year()) {
        return None;
    }
    let start = s.len() - s.trim_start().len();
    let mut cand = Cand::new(start, start + trimmed.len(), date);
    cand.time = Some(utc.time());
    cand.offset = FixedOffset::east_opt(0);
    Some(cand)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str, day_first: bool) -> Vec<String> {
        let n = Norm::new(text);
        let mut out = Vec::new();
        collect(&n, day_first, &mut out);
        out.iter().map(|c| c.date.to_string()).collect()
    }

    #[test]
    fn separators_must_agree() {
        assert_eq!(dates("2020-01/13", true), Vec::<String>::new());
        assert_eq!(dates("13.01/2020", true), Vec::<String>::new());
        assert_eq!(dates("2020. 1. 13.", true), vec!["2020-01-13"]);
    }

    #[test]
    fn ambiguous_order() {
        assert_eq!(dates("05/06/2020", true), vec!["2020-06-05"]);
        assert_eq!(dates("05/06/2020", false), vec!["2020-05-06"]);
        assert_eq!(dates("05.06.2020", false), vec!["2020-06-05"]);
        assert_eq!(dates("13/01/2020", false), vec!["2020-01-13"]);
        assert_eq!(dates("01/13/2020", true), vec!["2020-01-13"]);
    }

    #[test]
    fn glued_numbers_rejected() {
        assert!(dates("1.13.01.2020", true).is_empty());
        assert!(dates("13.01.2020.5", true).is_empty());
        assert!(dates("x2020-01-13", true).is_empty());
        assert_eq!(dates("/2020/01/13/", true), vec!["2020-01-13"]);
    }
}
