//! Dates as government news pages write them, read in China Standard Time unless the page
//! gives an offset.

pub mod world;

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use regex::Regex;

/// China Standard Time, UTC+8: the site's clock.
pub fn cst() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})",
    )
    .expect("valid regex")
});

/// The numeric form `2021-01-25 16:56:51`, `2021/1/25`, `2021年01月25日 16:56`, as a pattern; the
/// scraper reads it with [`numeric`], which finds the same match without a regex search.
#[cfg(test)]
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(?:T\s*)?(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?",
    )
    .expect("valid regex")
});

/// `Jan 21, 2021` (and `January 21st, 2021 at 16:56`), where a word starts. The pattern leaves
/// out its leading `\b`: a Unicode word boundary sends the regex engine to its slowest search
/// on any text that is not ASCII. [`at_word_start`] checks the boundary instead.
const MONTH_FIRST_PATTERN: &str = r"(?i)(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?)?";

/// `21 January 2021`, where a word starts (see [`MONTH_FIRST_PATTERN`]).
const DAY_FIRST_PATTERN: &str = r"(?i)(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?";

static MONTH_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(MONTH_FIRST_PATTERN).expect("valid regex"));

static DAY_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(DAY_FIRST_PATTERN).expect("valid regex"));

/// A word character as the regex engine's `\w` has it, Unicode included.
static WORD_CHAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\A\w").expect("valid regex"));

/// The first match of `re` that starts a word: what the pattern with `\b` in front finds. Both
/// patterns start with a word character, so a match starts a word when the character before it
/// is not one.
fn at_word_start<'h>(re: &Regex, s: &'h str) -> Option<regex::Captures<'h>> {
    let mut pos = 0;
    loop {
        let c = re.captures_at(s, pos)?;
        let start = c.get(0)?.start();
        let before = s[..start].char_indices().next_back();
        if before.is_none_or(|(i, _)| !WORD_CHAR.is_match(&s[i..])) {
            return Some(c);
        }
        pos = start + s[start..].chars().next().map_or(1, char::len_utf8);
    }
}

/// True when a string holds a character the month-name patterns read as an ASCII digit or
/// letter though it is not one: a digit of another script, `ſ` (an `s`) or the Kelvin sign (a
/// `k`).
fn needs_patterns(s: &str) -> bool {
    !s.is_ascii()
        && s.chars()
            .any(|c| (!c.is_ascii() && c.is_numeric()) || c == 'ſ' || c == '\u{212a}')
}

/// Where a month-name date starts, its month, day and year, and its time of day when given.
type NamedDate = (usize, u32, [u32; 2], [Option<u32>; 3]);

/// What [`MONTH_FIRST_PATTERN`] (or, `day_first`, [`DAY_FIRST_PATTERN`]) finds where a word
/// starts, read by hand on a string of ASCII digits and letters: where the match starts, the
/// month, the day and the year, and the time of day when given.
fn month_named(s: &str, day_first: bool) -> Option<NamedDate> {
    const MONTHS: [&[u8; 3]; 12] = [
        b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov",
        b"dec",
    ];
    let b = s.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let value = |from: usize, to: usize| {
        b[from..to]
            .iter()
            .fold(0u32, |v, c| v * 10 + u32::from(c - b'0'))
    };
    // `\s*` and `\s+` (Unicode whitespace).
    let ws = |mut i: usize| {
        while let Some(c) = s[i..].chars().next().filter(|c| c.is_whitespace()) {
            i += c.len_utf8();
        }
        i
    };
    let ws1 = |i: usize| Some(ws(i)).filter(|&j| j > i);
    let byte = |i: usize, c: u8| (b.get(i) == Some(&c)).then_some(i + 1);
    let word = |i: usize, w: &[u8]| {
        b.get(i..i + w.len())
            .is_some_and(|x| x.eq_ignore_ascii_case(w))
            .then_some(i + w.len())
    };
    // `(\d{1,2})` before a character that is not a digit: the whole run, of one or two.
    let short = |i: usize| {
        let mut j = i;
        while digit(j) {
            j += 1;
        }
        (1..=2).contains(&(j - i)).then(|| (value(i, j), j))
    };
    // `(\d{n})`: exactly `n` digits (more may follow).
    let exact = |i: usize, n: usize| {
        (i + n <= b.len() && (i..i + n).all(digit)).then(|| (value(i, i + n), i + n))
    };
    // `(jan|…|dec)[a-z]*`: the month and where its word ends.
    let month = |i: usize| {
        let w = b.get(i..i + 3)?;
        let w = [
            w[0].to_ascii_lowercase(),
            w[1].to_ascii_lowercase(),
            w[2].to_ascii_lowercase(),
        ];
        let m = MONTHS.iter().position(|m| **m == w)?;
        let mut j = i + 3;
        while b.get(j).is_some_and(u8::is_ascii_alphabetic) {
            j += 1;
        }
        Some((u32::try_from(m).ok()? + 1, j))
    };
    // `(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?)?` (`at` only with the month first).
    let time = |i: usize| -> [Option<u32>; 3] {
        let found = (|| {
            let mut j = ws1(byte(i, b',').unwrap_or(i))?;
            if !day_first && let Some(k) = word(j, b"at").and_then(ws1) {
                j = k;
            }
            let (h, j) = short(j)?;
            let (mi, j) = exact(byte(j, b':')?, 2)?;
            let sec = byte(j, b':').and_then(|k| exact(k, 2)).map(|x| x.0);
            Some([Some(h), Some(mi), sec])
        })();
        found.unwrap_or([None; 3])
    };
    let at = |i: usize| -> Option<(u32, [u32; 2], [Option<u32>; 3])> {
        if day_first {
            // `(\d{1,2})\s+(month)[a-z]*\.?,?\s+(\d{4})`
            let (d, j) = short(i)?;
            let (mo, j) = month(ws1(j)?)?;
            let j = byte(j, b'.').unwrap_or(j);
            let j = byte(j, b',').unwrap_or(j);
            let (y, j) = exact(ws1(j)?, 4)?;
            Some((mo, [d, y], time(j)))
        } else {
            // `(month)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`
            let (mo, j) = month(i)?;
            let j = byte(j, b'.').unwrap_or(j);
            let (d, j) = short(ws1(j)?)?;
            let j = [b"st", b"nd", b"rd", b"th"]
                .iter()
                .find_map(|w| word(j, *w))
                .unwrap_or(j);
            let j = byte(j, b',').unwrap_or(j);
            let (y, j) = exact(ws1(j)?, 4)?;
            Some((mo, [d, y], time(j)))
        }
    };
    // The first place a match starts where a word starts, as the patterns with `\b` find it.
    // A match starts with a digit (the day first) or a letter (the month first), and only
    // where a word starts; the rest is read only there.
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        let starts = if day_first {
            c.is_ascii_digit()
        } else {
            c.is_ascii_alphabetic()
        };
        let word_start = |p: Option<char>| {
            p.is_none_or(|p| {
                if p.is_ascii() {
                    !(p.is_ascii_alphanumeric() || p == '_')
                } else {
                    !WORD_CHAR.is_match(p.encode_utf8(&mut [0; 4]))
                }
            })
        };
        let before = prev.replace(c);
        if starts
            && word_start(before)
            && let Some((mo, dy, hms)) = at(i)
        {
            return Some((i, mo, dy, hms));
        }
    }
    None
}

/// `03-29-2012` (month first, as English pages write it) or `29-03-2012` (day first when the
/// first number cannot be a month).
static YEAR_LAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
        .expect("valid regex")
});

fn month_number(name: &str) -> Option<u32> {
    let m = match &name.to_ascii_lowercase()[..3] {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

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
    if !(1990..=2100).contains(&y) {
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
    // An offset is `Z`, `+hh:mm` or `-hh:mm` (a third hyphen).
    let iso = shape.year_then_sep
        && (s.contains(['Z', 'z', '+']) || s.bytes().filter(|&b| b == b'-').count() >= 3);
    if let Some(c) = iso.then(|| ISO.captures(s)).flatten() {
        let naive = build(
            num(c.get(1))?,
            num(c.get(2))?,
            num(c.get(3))?,
            num(c.get(4)),
            num(c.get(5)),
            num(c.get(6)),
        );
        if let (Some(naive), Some(off)) = (naive, c.get(7).and_then(|m| parse_offset(m.as_str()))) {
            return off.from_local_datetime(&naive).single();
        }
    }
    // Each date found: where it starts, the date, and whether it gave a time of day.
    let mut found: Vec<(usize, NaiveDateTime, bool)> = Vec::new();
    if let Some((start, [y, mo, d], [h, mi, sec])) =
        shape.year_then_sep.then(|| numeric(s)).flatten()
        && let Some(n) = build(y, mo, d, h, mi, sec)
    {
        found.push((start, n, h.is_some()));
    }
    let named = shape.space_then_year && has_month_name(s);
    // ASCII digits and letters are read by hand; a string that may hold other digits or letters
    // the patterns take for ASCII ones (`ſ`, the Kelvin sign) is left to the patterns.
    if named && !needs_patterns(s) {
        for day_first in [false, true] {
            if let Some((start, mo, [d, y], [h, mi, sec])) = month_named(s, day_first)
                && let Some(n) = build(y, mo, d, h, mi, sec)
            {
                found.push((start, n, h.is_some()));
            }
        }
    } else if let Some(c) = named.then(|| at_word_start(&MONTH_FIRST, s)).flatten() {
        let n = month_number(&c[1]).and_then(|mo| {
            build(
                num(c.get(3))?,
                mo,
                num(c.get(2))?,
                num(c.get(4)),
                num(c.get(5)),
                num(c.get(6)),
            )
        });
        if let Some(n) = n {
            found.push((c.get(0).map_or(0, |m| m.start()), n, c.get(4).is_some()));
        }
    }
    if let Some(c) = (named && needs_patterns(s))
        .then(|| at_word_start(&DAY_FIRST, s))
        .flatten()
    {
        let n = month_number(&c[2]).and_then(|mo| {
            build(
                num(c.get(3))?,
                mo,
                num(c.get(1))?,
                num(c.get(4)),
                num(c.get(5)),
                num(c.get(6)),
            )
        });
        if let Some(n) = n {
            found.push((c.get(0).map_or(0, |m| m.start()), n, c.get(4).is_some()));
        }
    }
    if let Some(c) = (found.is_empty() && shape.sep_then_year)
        .then(|| YEAR_LAST.captures(s))
        .flatten()
    {
        let (a, b) = (num(c.get(1))?, num(c.get(2))?);
        let (mo, d) = if a > 12 { (b, a) } else { (a, b) };
        if let Some(n) = build(
            num(c.get(3))?,
            mo,
            d,
            num(c.get(4)),
            num(c.get(5)),
            num(c.get(6)),
        ) {
            found.push((0, n, c.get(4).is_some()));
        }
    }
    let (start, naive, timed) = found.into_iter().min_by_key(|(pos, ..)| *pos)?;
    let (naive, offset) = clock(s, start, naive, timed);
    offset.from_local_datetime(&naive).single()
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

/// The time of day as the text around a date gives it: `10:20 PM` and `12:20 a.m.` on a
/// twelve-hour clock, a zone after the time (`02:20 GMT`, `09:20 (UTC+7)`), or a time written
/// before the date (`10:20, March 5, 2024`). The date starts at byte `start` of `s`; `timed`
/// says whether it gave a time of day. The offset is China Standard Time unless a zone is
/// named.
fn clock(s: &str, start: usize, naive: NaiveDateTime, timed: bool) -> (NaiveDateTime, FixedOffset) {
    use chrono::Timelike;
    let b = s.as_bytes();
    // `H:MM` or `HH:MM` (then perhaps `:SS`) at `i`, as a whole number run: hour, minute and
    // where it ends.
    let hhmm = |i: usize| -> Option<(u32, u32, usize)> {
        if i > 0 && b[i - 1].is_ascii_digit() {
            return None;
        }
        let mut j = i;
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        let two = |k: usize| {
            b.get(k..k + 2)
                .filter(|d| d.iter().all(u8::is_ascii_digit))
                .map(|d| u32::from(d[0] - b'0') * 10 + u32::from(d[1] - b'0'))
        };
        if !(1..=2).contains(&(j - i)) || b.get(j) != Some(&b':') {
            return None;
        }
        let h = b[i..j].iter().fold(0, |v, c| v * 10 + u32::from(c - b'0'));
        let m = two(j + 1)?;
        let mut end = j + 3;
        if b.get(end) == Some(&b':') && two(end + 1).is_some() {
            end += 3;
        }
        (!b.get(end).is_some_and(u8::is_ascii_digit)).then_some((h, m, end))
    };
    let (mut naive, after) = if timed {
        // The date's own time: the first `H:MM` from where the date starts.
        match (start..b.len()).find_map(|i| hhmm(i).filter(|t| t.0 == naive.hour())) {
            Some((.., end)) => (naive, end),
            None => return (naive, cst()),
        }
    } else {
        // A time just before the date (`10:20, March 5, 2024`, `Time: 10:20 2024-03-05`).
        let before = s[..start].trim_end_matches(|c: char| c.is_whitespace() || c == ',');
        let from = before.len().saturating_sub(11);
        let found = (from..before.len())
            .filter(|&i| before.is_char_boundary(i))
            .find_map(|i| {
                let (h, m, end) = hhmm(i)?;
                let rest = &before[end..];
                (rest.is_empty() || meridiem(rest).is_some_and(|(_, n)| rest[n..].is_empty()))
                    .then_some((h, m, end))
            });
        match found.and_then(|(h, m, end)| Some((naive.with_hour(h)?.with_minute(m)?, end))) {
            Some((timed, end)) => (timed, end),
            None => return (naive, cst()),
        }
    };
    let mut rest = &s[after..];
    if let Some((pm, n)) = meridiem(rest) {
        let h = naive.hour();
        let h = match (pm, h) {
            (true, 1..=11) => h + 12,
            (false, 12) => 0,
            _ => h,
        };
        if let Some(t) = naive.with_hour(h) {
            naive = t;
        }
        rest = &rest[n..];
    }
    // A time written before the date has its zone before the date too: none is looked for.
    let offset = if timed { zone(rest) } else { None };
    (naive, offset.unwrap_or_else(cst))
}

/// `AM`, `a.m.`, `PM` or `p.m.` at the start of `s` (after spaces), as a whole word: whether it
/// is after noon, and how many bytes it takes.
fn meridiem(s: &str) -> Option<(bool, usize)> {
    let t = s.trim_start();
    let lead = s.len() - t.len();
    let lower = t.get(..4).unwrap_or(t).to_ascii_lowercase();
    let (pm, n) = if lower.starts_with("a.m.") || lower.starts_with("p.m.") {
        (lower.starts_with('p'), 4)
    } else if lower.starts_with("am") || lower.starts_with("pm") {
        (lower.starts_with('p'), 2)
    } else {
        return None;
    };
    let whole = !t[n..].starts_with(|c: char| c.is_alphanumeric());
    whole.then_some((pm, lead + n))
}

/// A zone named after a time: `GMT`, `UTC`, either with an offset (`UTC+7`, `GMT+08:00`), in
/// brackets or not. Beijing time (`CST`, `BJT`) is the default and needs no reading.
fn zone(s: &str) -> Option<FixedOffset> {
    let t = s.trim_start().trim_start_matches(['(', '（']).trim_start();
    // The zones of the region's neighbours, by their names in capitals, as whole words.
    const NAMED: &[(&str, i32)] = &[
        ("ICT", 7 * 60),
        ("WIB", 7 * 60),
        ("SGT", 8 * 60),
        ("MYT", 8 * 60),
        ("PHT", 8 * 60),
        ("HKT", 8 * 60),
        ("JST", 9 * 60),
        ("KST", 9 * 60),
    ];
    if let Some((_, minutes)) = NAMED.iter().find(|(n, _)| {
        t.starts_with(n) && !t[n.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
    }) {
        return FixedOffset::east_opt(minutes * 60);
    }
    let name = t.get(..3)?;
    if !(name.eq_ignore_ascii_case("gmt") || name.eq_ignore_ascii_case("utc")) {
        return None;
    }
    let rest = &t[3..];
    if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    // `UTC +8`: a space may stand before the sign.
    let rest = match rest.trim_start() {
        r if r.starts_with(['+', '-', '−']) => r,
        _ => rest,
    };
    let Some(sign) = rest.chars().next().filter(|c| matches!(c, '+' | '-' | '−')) else {
        return FixedOffset::east_opt(0);
    };
    // `+7`, `+08`, `+0530` or `+08:00`.
    let after = &rest[sign.len_utf8()..];
    let run = after.bytes().take_while(u8::is_ascii_digit).count();
    let value: u32 = after[..run].parse().ok()?;
    let (h, m) = match run {
        1 | 2 => {
            let minutes = after[run..]
                .strip_prefix(':')
                .and_then(|r| r.get(..2))
                .and_then(|r| r.parse().ok());
            (value, minutes.unwrap_or(0))
        }
        4 => (value / 100, value % 100),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    let secs = i32::try_from(h * 3600 + m * 60).ok()?;
    FixedOffset::east_opt(if sign == '+' { secs } else { -secs })
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

/// True when the string holds a month's name (its first three letters, any case) starting a
/// word and followed by a number (`Jan 21`, `january 2021`, `Sept. 5`): what the named forms
/// need.
fn has_month_name(s: &str) -> bool {
    const MONTHS: [&[u8; 3]; 12] = [
        b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov",
        b"dec",
    ];
    let b = s.as_bytes();
    (0..b.len().saturating_sub(2)).any(|i| {
        let word_start = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        let w = [
            b[i].to_ascii_lowercase(),
            b[i + 1].to_ascii_lowercase(),
            b[i + 2].to_ascii_lowercase(),
        ];
        word_start && MONTHS.iter().any(|m| **m == w) && {
            let mut rest = s[i..].trim_start_matches(|c: char| c.is_ascii_alphabetic());
            rest = rest.strip_prefix('.').unwrap_or(rest);
            rest = rest.strip_prefix(',').unwrap_or(rest);
            let after = rest.trim_start_matches(char::is_whitespace);
            after.len() < rest.len()
                && after
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit() || !c.is_ascii())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of text of every corpus page.
    fn corpus_lines() -> Vec<String> {
        let mut lines = Vec::new();
        for page in crate::scrape::corpus_texts(None) {
            let html = scraper::Html::parse_document(&page);
            lines.extend(
                html.root_element()
                    .text()
                    .flat_map(str::lines)
                    .map(str::to_string),
            );
        }
        lines
    }

    fn rfc(s: &str) -> Option<String> {
        parse_date(s).map(|d| d.to_rfc3339())
    }

    /// A string [`may_hold_date`] rules out is one [`parse_date`] reads no date in: on every
    /// line of the corpus's text and on dates in each form.
    #[test]
    fn strings_without_a_year_hold_no_date() {
        let mut lines: Vec<String> = [
            "2021-01-25 16:56:51",
            "Jan 21, 2021",
            "2021年01月25日 16:56",
            "25/01/2021",
            "Jan 21, 21",
            "２０２１-01-25",
            "21-01-25 16:56",
        ]
        .map(str::to_string)
        .to_vec();
        lines.extend(crate::scrape::corpus_text_nodes());
        let (mut dated, mut ruled_out) = (0, 0);
        for l in &lines {
            if !may_hold_date(l) {
                ruled_out += 1;
                assert_eq!(parse_date(l), None, "{l:?}");
            } else if parse_date(l).is_some() {
                dated += 1;
            }
        }
        assert!(dated > 100 && ruled_out > 1000, "{dated} {ruled_out}");
    }

    /// The hand-written reader of month-name dates finds what the patterns find where a word
    /// starts: on tricky strings, on strings built at random from date-like pieces, and on
    /// every corpus line.
    #[test]
    fn month_names_read_as_the_patterns_do() {
        let mut lines: Vec<String> = [
            "Jan 5, 2021",
            "JANUARY 5TH, 2021 AT 16:56:51",
            "Sept. 5 2021, 9:05",
            "Sep.5 2021",
            "Jan 123 2021",
            "Jan 12 20211",
            "5 Jan. 2021",
            "05 january, 2021 16:56",
            "123 Jan 2021",
            "x5 Jan 2021 then 6 Feb 2022",
            "Jan 5,2021",
            "Jan 5 ,2021",
            "Jan 5\u{3000}2021 at\u{a0}9:30",
            "Jan\u{a0}5, 2021",
            "Mayday 5 2021",
            "Jan 5, 2021 at 9:5",
            "Jan 5, 2021, at 09:30",
            "Jan 5, 2021 at9:30",
            "Jan 5, 2021 123:45",
            "Jan 5, 2021 12:345:67",
            "Jan 5, 2021 12:34:5",
            "Jan 5, 2021 12:34:56:78",
            "5 Jan 2021 at 10:00",
            "5 Jan 2021, 10:00",
            "1st Jan 2021",
            "Jan 1st, 2021",
            "jAn 1sT, 2021",
            "Jan 1st2021",
            "Dec 31, 1999",
            "décembre 5 2021, Dec 5 2021",
            "Nov 5, 2021年",
            "_Jan 5, 2021",
            "éJan 5, 2021",
            "東Jan 5, 2021",
            "1Jan 2, 2021",
            "Jan 2, 2021Jan 3, 2021",
            "Feb 30, 2021 and Mar 1, 2021",
            "31 Feb 2021; 1 Mar 2021",
            "Nanning’s metro opened on Jan 21, 2021 — “a milestone”",
            "",
        ]
        .map(str::to_string)
        .to_vec();
        let pieces = [
            "Jan", "jan", "SEPT", "Sept.", "May", "march", "Dec", "de", " ", "  ", "\u{a0}", ",",
            ".", "5", "05", "31", "123", "2021", "1999", "20211", "st", "TH", "at", "AT", ":", "9",
            "09", "30", "56", "x", "_", "é", "東", "’", "(", "-", "\u{3000}",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut line = String::new();
            for _ in 0..(seed % 9 + 3) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                line.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            lines.push(line);
        }
        lines.extend(corpus_lines());
        let mut found = 0;
        for line in lines.iter().filter(|l| !needs_patterns(l)) {
            for (day_first, re, month_group, day_group) in
                [(false, &*MONTH_FIRST, 1, 2), (true, &*DAY_FIRST, 2, 1)]
            {
                let want = at_word_start(re, line).map(|c| {
                    (
                        c.get(0).unwrap().start(),
                        month_number(&c[month_group]).unwrap(),
                        [num(c.get(day_group)).unwrap(), num(c.get(3)).unwrap()],
                        [num(c.get(4)), num(c.get(5)), num(c.get(6))],
                    )
                });
                found += usize::from(want.is_some());
                assert_eq!(month_named(line, day_first), want, "{line:?} {day_first}");
            }
        }
        assert!(found > 80, "{found}");
        assert!(needs_patterns("Jan 5, ２０２１") && needs_patterns("ſep 3, 2021"));
    }

    /// A month-name pattern searched without its `\b`, with the word start checked apart,
    /// finds what the pattern with `\b` in front finds: on tricky strings and every corpus line.
    #[test]
    fn word_start_checked_apart_matches_the_boundary_pattern() {
        let spans = |c: Option<regex::Captures>| {
            c.map(|c| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>())
        };
        let mut lines: Vec<String> = [
            "Jan 21, 2021",
            "éJan 21, 2021 and Feb 2, 2020",
            "xJan 21 2021, then Mar 3, 2021",
            "_Mar 3, 2021",
            "東Jan 21, 2021",
            "Nanning’s metro opened on Jan 21, 2021 — “a milestone”",
            "ſep 3, 2021",
            "1Jan 2, 2021 or (Jan 2, 2021)",
            "113 March 2021 and 4 May 2022",
            "a3 March 2021, 5 May 2022",
            "٣ March 2021",
            "",
        ]
        .map(str::to_string)
        .to_vec();
        lines.extend(corpus_lines());
        let mut found = 0;
        for (pattern, re) in [
            (MONTH_FIRST_PATTERN, &*MONTH_FIRST),
            (DAY_FIRST_PATTERN, &*DAY_FIRST),
        ] {
            let reference = Regex::new(&format!(r"\b{pattern}")).unwrap();
            for line in &lines {
                let want = spans(reference.captures(line));
                found += usize::from(want.is_some());
                assert_eq!(spans(at_word_start(re, line)), want, "{line:?}");
            }
        }
        assert!(found > 20, "{found}");
    }

    /// The hand-written reader of numeric dates finds what the pattern finds.
    #[test]
    fn numeric_reads_as_the_pattern_does() {
        let cases = [
            "updatetime: 2021-01-25 16:56:51 View: 0",
            "2021/01/25",
            "2021年01月25日 16:56",
            "2021 年 1 月 5 日 9 时 05 分 33",
            "Posted 2021.1.25T08:09",
            "120210-01-25 16:56",
            "2021-123-5",
            "2021-12-345",
            "2021-12-31 123:45",
            "2021-12-31 1:4",
            "2021-12-31 12:34:5",
            "2021-12-31 12：34：56",
            "2021-12-31日16:56",
            "x 2021-13-99 12:00 then 2020-02-02",
            "no date 12345 and 2021-",
            "2021-01-25\u{a0}16:56",
            "20210125 and 2021 - 01 - 25 T 16 : 56 : 51",
        ];
        for case in cases {
            let want = NUMERIC.captures(case).map(|c| {
                let n = |i: usize| c.get(i).map(|m| m.as_str().parse::<u32>().unwrap());
                (
                    c.get(0).unwrap().start(),
                    [n(1).unwrap(), n(2).unwrap(), n(3).unwrap()],
                    [n(4), n(5), n(6)],
                )
            });
            assert_eq!(numeric(case), want, "{case}");
        }
    }

    #[test]
    fn common_forms() {
        assert_eq!(
            rfc("2021-01-25 16:56:51").as_deref(),
            Some("2021-01-25T16:56:51+08:00")
        );
        assert_eq!(
            rfc("2021-01-25 16:56").as_deref(),
            Some("2021-01-25T16:56:00+08:00")
        );
        assert_eq!(
            rfc("2021/01/25").as_deref(),
            Some("2021-01-25T00:00:00+08:00")
        );
        assert_eq!(
            rfc("Jan 21, 2021").as_deref(),
            Some("2021-01-21T00:00:00+08:00")
        );
        assert_eq!(
            rfc("2021年01月25日 16:56").as_deref(),
            Some("2021-01-25T16:56:00+08:00")
        );
        assert_eq!(
            rfc("21 January 2021 08:05").as_deref(),
            Some("2021-01-21T08:05:00+08:00")
        );
        assert_eq!(
            rfc("2021-01-25T08:56:51Z").as_deref(),
            Some("2021-01-25T08:56:51+00:00")
        );
        assert_eq!(
            rfc("2021-01-25T16:56:51+08:00").as_deref(),
            Some("2021-01-25T16:56:51+08:00")
        );
    }

    /// A twelve-hour clock, a zone named after the time, a time written before the date.
    #[test]
    fn clock_times_and_zones() {
        for (text, want) in [
            ("March 5, 2024, 10:20 PM", "2024-03-05T22:20:00+08:00"),
            (
                "March 5, 2024 10:20 p.m. | Xinhua",
                "2024-03-05T22:20:00+08:00",
            ),
            ("2024-03-05 12:20 AM", "2024-03-05T00:20:00+08:00"),
            ("2024-03-05 12:05 pm", "2024-03-05T12:05:00+08:00"),
            ("2024-03-05 09:15 am", "2024-03-05T09:15:00+08:00"),
            ("Updated: 2024-03-05 02:20 GMT", "2024-03-05T02:20:00+00:00"),
            ("2024-03-05 09:20 (UTC+7)", "2024-03-05T09:20:00+07:00"),
            ("2024-03-05 09:20 UTC+05:30", "2024-03-05T09:20:00+05:30"),
            ("2024-03-05 09:20 GMT-0330", "2024-03-05T09:20:00-03:30"),
            ("2024-03-05 16:56 CST", "2024-03-05T16:56:00+08:00"),
            ("2024-03-05 10:20 UTC +8", "2024-03-05T10:20:00+08:00"),
            ("2024-03-05 09:20 ICT", "2024-03-05T09:20:00+07:00"),
            ("2024-03-05 11:20 (JST)", "2024-03-05T11:20:00+09:00"),
            ("2024-03-05 11:20 ICTV", "2024-03-05T11:20:00+08:00"),
            ("2024-03-05 10:20 GMT -5", "2024-03-05T10:20:00-05:00"),
            ("10:20, March 5, 2024", "2024-03-05T10:20:00+08:00"),
            ("Time: 10:20 2024-03-05", "2024-03-05T10:20:00+08:00"),
            ("10:20 PM, March 5, 2024", "2024-03-05T22:20:00+08:00"),
            // Words that only start like a meridiem or a zone change nothing.
            ("2024-03-05 10:20 amid rain", "2024-03-05T10:20:00+08:00"),
            ("2024-03-05 10:20 utcnews", "2024-03-05T10:20:00+08:00"),
            (
                "At 10:20 the fair opened. March 5, 2024",
                "2024-03-05T00:00:00+08:00",
            ),
        ] {
            assert_eq!(rfc(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn rejects_non_dates() {
        assert_eq!(rfc("View:0"), None);
        assert_eq!(rfc("2021-13-45"), None);
        assert_eq!(rfc("covering all 10 ASEAN countries"), None);
    }
}
