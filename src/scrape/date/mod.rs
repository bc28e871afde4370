//! Dates as government news pages write them, read in China Standard Time unless the page
//! gives an offset.

mod english;
#[cfg(test)]
mod tests;
mod time_of_day;
pub mod world;

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use regex::Regex;

use english::{
    DAY_FIRST, MONTH_FIRST, at_word_start, has_month_name, month_named, month_number,
    needs_patterns,
};
use time_of_day::clock;
pub use time_of_day::cst;

/// The years a news page's date may fall in: other four-digit numbers are not years.
const YEARS: std::ops::RangeInclusive<u32> = 1990..=2100;

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})",
    )
    .expect("valid regex")
});

/// `03-29-2012` (month first, as English pages write it) or `29-03-2012` (day first when the
/// first number cannot be a month).
static YEAR_LAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
        .expect("valid regex")
});

fn num(c: Option<regex::Match>) -> Option<u32> {
    c.and_then(|m| m.as_str().parse().ok())
}

fn build(
    y: u32,
    mo: u32,
    d: u32,
    h: Option<u32>,
    mi: Option<u32>,
    s: Option<u32>,
) -> Option<NaiveDateTime> {
    let date = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, mo, d)?;
    if !YEARS.contains(&y) {
        return None;
    }
    let time = NaiveTime::from_hms_opt(h.unwrap_or(0), mi.unwrap_or(0), s.unwrap_or(0))?;
    Some(date.and_time(time))
}

fn parse_offset(s: &str) -> Option<FixedOffset> {
    if s.eq_ignore_ascii_case("z") {
        return FixedOffset::east_opt(0);
    }
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let h: i32 = digits.get(0..2)?.parse().ok()?;
    let m: i32 = digits.get(2..4)?.parse().ok()?;
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// False for a string without four ASCII digits in a row: every form [`parse_date`] reads has a
/// four-digit year. Told by a scan of the bytes, before a caller builds the string to parse.
pub(crate) fn may_hold_date(s: &str) -> bool {
    let mut run = 0u32;
    for &b in s.as_bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

/// Finds the first date (with its time of day when given) in a string. A date without an offset
/// is in China Standard Time.
pub fn parse_date(s: &str) -> Option<DateTime<FixedOffset>> {
    // Every form this reads has a four-digit year: most lines are ruled out without a regex,
    // and each form is looked for only where the year stands as that form needs.
    let shape = Shape::of(s)?;
    if let Some(d) = iso_date(s, &shape) {
        return Some(d);
    }
    // Each date found: where it starts, the date, and whether it gave a time of day.
    let mut found: Vec<Found> = Vec::new();
    if let Some((start, [y, mo, d], [h, mi, sec])) =
        shape.year_then_sep.then(|| numeric(s)).flatten()
        && let Some(n) = build(y, mo, d, h, mi, sec)
    {
        found.push((start, n, h.is_some()));
    }
    if shape.space_then_year && has_month_name(s) {
        named_dates(s, &mut found);
    }
    if found.is_empty() && shape.sep_then_year {
        found.extend(year_last(s));
    }
    let (start, naive, timed) = found.into_iter().min_by_key(|(pos, ..)| *pos)?;
    let (naive, offset) = clock(s, start, naive, timed);
    offset.from_local_datetime(&naive).single()
}

/// A date found in a string: where it starts, the date, and whether it gave a time of day.
type Found = (usize, NaiveDateTime, bool);

/// An ISO date with its offset (`2021-01-25T16:56:51+08:00`, `…Z`), which says its own zone.
fn iso_date(s: &str, shape: &Shape) -> Option<DateTime<FixedOffset>> {
    // An offset is `Z`, `+hh:mm` or `-hh:mm` (a third hyphen).
    let iso = shape.year_then_sep
        && (s.contains(['Z', 'z', '+']) || s.bytes().filter(|&b| b == b'-').count() >= 3);
    let c = iso.then(|| ISO.captures(s)).flatten()?;
    let naive = build(
        num(c.get(1))?,
        num(c.get(2))?,
        num(c.get(3))?,
        num(c.get(4)),
        num(c.get(5)),
        num(c.get(6)),
    )?;
    let off = c.get(7).and_then(|m| parse_offset(m.as_str()))?;
    off.from_local_datetime(&naive).single()
}

/// The dates a string writes with an English month's name, month first and day first.
fn named_dates(s: &str, found: &mut Vec<Found>) {
    // ASCII digits and letters are read by hand; a string that may hold other digits or letters
    // the patterns take for ASCII ones (`ſ`, the Kelvin sign) is left to the patterns.
    if !needs_patterns(s) {
        for day_first in [false, true] {
            if let Some((start, mo, [d, y], [h, mi, sec])) = month_named(s, day_first)
                && let Some(n) = build(y, mo, d, h, mi, sec)
            {
                found.push((start, n, h.is_some()));
            }
        }
        return;
    }
    // Month first: month, day, year; day first: day, month, year.
    for (re, month, day) in [(&*MONTH_FIRST, 1, 2), (&*DAY_FIRST, 2, 1)] {
        let Some(c) = at_word_start(re, s) else {
            continue;
        };
        let n = month_number(&c[month]).and_then(|mo| {
            build(
                num(c.get(3))?,
                mo,
                num(c.get(day))?,
                num(c.get(4)),
                num(c.get(5)),
                num(c.get(6)),
            )
        });
        if let Some(n) = n {
            found.push((c.get(0).map_or(0, |m| m.start()), n, c.get(4).is_some()));
        }
    }
}

/// A date with its year last (`03-29-2012`, `29/03/2012`): month first, unless the first
/// number cannot be a month.
fn year_last(s: &str) -> Option<Found> {
    let c = YEAR_LAST.captures(s)?;
    let (a, b) = (num(c.get(1))?, num(c.get(2))?);
    let (mo, d) = if a > 12 { (b, a) } else { (a, b) };
    let n = build(
        num(c.get(3))?,
        mo,
        d,
        num(c.get(4)),
        num(c.get(5)),
        num(c.get(6)),
    )?;
    Some((0, n, c.get(4).is_some()))
}

/// A date written as text in any language: what [`parse_date`] reads (the site's own forms,
/// English month names) and what the world reader reads ([`world`]: month names of many
/// languages, other scripts' digits, other calendars). `day_first` reads an ambiguous
/// `a/b/yyyy` as day/month (every language but American English), and then the world reader,
/// which knows that, goes first. A date without an offset is in China Standard Time.
pub fn text_date(s: &str, day_first: bool) -> Option<DateTime<FixedOffset>> {
    let world = || {
        let found = world::first_date(s, world::Months::shared(), day_first)?;
        let time = found.time.unwrap_or_default();
        let offset = found.offset.unwrap_or_else(cst);
        offset
            .from_local_datetime(&found.date.and_time(time))
            .single()
    };
    if day_first {
        world().or_else(|| parse_date(s))
    } else {
        parse_date(s).or_else(world)
    }
}

/// Reads a date stamp from a tag, a JSON-LD value or an attribute: what [`parse_date`] reads,
/// and the machine forms it does not (`20200413T16:38:07Z`, `2020-12-05T23:15:0Z`, seconds or
/// milliseconds since 1970).
pub fn parse_stamp(s: &str) -> Option<DateTime<FixedOffset>> {
    let t = s.trim();
    let utc = FixedOffset::east_opt(0)?;
    if t.bytes().all(|b| b.is_ascii_digit()) && matches!(t.len(), 10 | 13) {
        let n: i64 = t.parse().ok()?;
        let secs = if t.len() == 13 { n / 1000 } else { n };
        return DateTime::from_timestamp(secs, 0).map(|d| d.with_timezone(&utc));
    }
    // `YYYYMMDDTHH:MM:SS` and `YYYYMMDDTHHMMSS`, with a zone after.
    let b = t.as_bytes();
    if b.len() >= 13 && b[..8].iter().all(u8::is_ascii_digit) && b[8] == b'T' {
        let time: String = t[9..].chars().filter(|c| *c != ':').collect();
        let digits = time.bytes().take_while(u8::is_ascii_digit).count();
        if digits >= 4 {
            let (hms, zone) = time.split_at(digits);
            let sec = hms.get(4..6).unwrap_or("00");
            let iso = format!(
                "{}-{}-{}T{}:{}:{sec}{zone}",
                &t[..4],
                &t[4..6],
                &t[6..8],
                &hms[..2],
                &hms[2..4]
            );
            return parse_date(&iso);
        }
    }
    // A one-digit second (`23:15:0Z`) is padded so that the zone after it is read.
    if let Some(fixed) = one_digit_second(t) {
        return parse_date(&fixed);
    }
    parse_date(t)
}

/// `…T23:15:0Z` as `…T23:15:00Z`: a stamp whose seconds have one digit before its zone.
fn one_digit_second(t: &str) -> Option<String> {
    let b = t.as_bytes();
    let z = b.iter().rposition(|&c| c == b'Z' || c == b'+')?;
    (z >= 3 && b[z - 2] == b':' && b[z - 1].is_ascii_digit() && b[z - 3].is_ascii_digit())
        .then(|| format!("{}0{}", &t[..z - 1], &t[z - 1..]))
}

static URL_DATES: LazyLock<[Regex; 4]> = LazyLock::new(|| {
    [
        // TRS: `/202101/t20210125_2345678.shtml`
        r"t((?:19|20)\d{2})(\d{2})(\d{2})_\d+",
        // Xinhua style: `/2021-01/25/c_139696.htm`
        r"/((?:19|20)\d{2})-(\d{2})/(\d{2})/",
        // `/2021/01/25/`, `/2021-01-25/`, `/20210125/`
        r"/((?:19|20)\d{2})[-/]?(\d{2})[-/]?(\d{2})/",
        r"/((?:19|20)\d{2})-(\d{2})-(\d{2})[-_/.]",
    ]
    .map(|p| Regex::new(p).expect("valid regex"))
});

/// The publication date a news URL carries in one of the common forms (`t20210125_…`,
/// `/2021-01/25/`, `/2021/01/25/`), at midnight China Standard Time. Only for articles whose page
/// shows no date at all.
pub fn date_in_url(path: &str) -> Option<DateTime<FixedOffset>> {
    URL_DATES.iter().find_map(|re| {
        let c = re.captures(path)?;
        let (y, m, d) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        let day = chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        cst()
            .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
            .single()
    })
}

/// The first numeric date in `s` (`2021-01-25 16:56:51`, `2021/1/25`, `2021年01月25日 16:56`): where
/// it starts, and year, month, day, then hour, minute and second when given. It finds what the
/// pattern `(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(?:T\s*)?(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?`
/// finds, with ASCII digits, by a walk from each four-digit year.
fn numeric(s: &str) -> Option<(usize, [u32; 3], [Option<u32>; 3])> {
    let b = s.as_bytes();
    let ws = |mut i: usize| {
        while let Some(c) = s[i..].chars().next().filter(|c| c.is_whitespace()) {
            i += c.len_utf8();
        }
        i
    };
    let sep = |i: usize, set: &[char]| {
        s[i..]
            .chars()
            .next()
            .filter(|c| set.contains(c))
            .map(|c| i + c.len_utf8())
    };
    // Exactly `n` digits at `i` (a further digit may follow).
    let digits = |i: usize, n: usize| {
        let d = b.get(i..i + n)?;
        d.iter().all(u8::is_ascii_digit).then(|| {
            let v = d.iter().fold(0u32, |v, c| v * 10 + u32::from(c - b'0'));
            (v, i + n)
        })
    };
    // Up to two digits (two when there are two), then `sep`: what `(\d{1,2})\s*[sep]` takes.
    let part = |i: usize, set: &[char]| {
        [2, 1].into_iter().find_map(|n| {
            let (v, j) = digits(i, n)?;
            sep(ws(j), set).map(|k| (v, ws(k)))
        })
    };
    let time = |i: usize| {
        let mut t = ws(i);
        if b.get(t) == Some(&b'T') {
            t = ws(t + 1);
        }
        let (h, u) = part(t, &[':', '：', '时'])?;
        let (mi, v) = digits(u, 2)?;
        let sec = sep(ws(v), &[':', '：', '分']).and_then(|w| digits(ws(w), 2).map(|x| x.0));
        Some([Some(h), Some(mi), sec])
    };
    let mut run = 0;
    for i in 0..=b.len() {
        if b.get(i).is_some_and(u8::is_ascii_digit) {
            run += 1;
            continue;
        }
        // Only the last four digits of a run can be a year followed by its separator.
        if run >= 4 {
            let start = i - 4;
            let found = (|| {
                let (y, j) = digits(start, 4)?;
                let j = ws(sep(ws(j), &['-', '/', '.', '年'])?);
                let (mo, j) = part(j, &['-', '/', '.', '月'])?;
                let (d, k) = digits(j, 2).or_else(|| digits(j, 1))?;
                let k = ws(k);
                let k = sep(k, &['日']).unwrap_or(k);
                Some(([y, mo, d], time(k).unwrap_or([None; 3])))
            })();
            if let Some((ymd, hms)) = found {
                return Some((start, ymd, hms));
            }
        }
        run = 0;
    }
    None
}

/// Where a string's runs of four or more digits stand: what the date forms need before or
/// after their year. `None` when there is no such run.
#[derive(Default)]
struct Shape {
    /// A run followed (after spaces) by `-`, `/`, `.` or `年`: `2021-01-25`, `2021年`.
    year_then_sep: bool,
    /// A run right after `-`, `/` or `.`: `01/25/2021`.
    sep_then_year: bool,
    /// A run right after a space: `Jan 25, 2021`, `25 January 2021`.
    space_then_year: bool,
}

impl Shape {
    fn of(s: &str) -> Option<Shape> {
        let mut shape = Shape::default();
        let mut found = false;
        let mut run = 0;
        let mut before = None;
        let mut prev = None;
        for (i, c) in s.char_indices() {
            if c.is_ascii_digit() {
                if run == 0 {
                    before = prev;
                }
                run += 1;
            } else {
                if run >= 4 {
                    found = true;
                    shape.note(before, s[i..].chars().find(|c| !c.is_whitespace()));
                }
                run = 0;
            }
            prev = Some(c);
        }
        if run >= 4 {
            found = true;
            shape.note(before, None);
        }
        found.then_some(shape)
    }

    fn note(&mut self, before: Option<char>, after: Option<char>) {
        let sep = |c: char| matches!(c, '-' | '/' | '.');
        self.year_then_sep |= after.is_some_and(|c| sep(c) || c == '年');
        self.sep_then_year |= before.is_some_and(sep);
        self.space_then_year |= before.is_some_and(char::is_whitespace);
    }
}
