//! The time of day around a date: on a twelve-hour clock, with a zone after it, or written
//! before the date; China Standard Time unless a zone is named.

use chrono::{FixedOffset, NaiveDateTime};

/// China Standard Time, UTC+8: the site's clock.
pub fn cst() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
}

/// The time of day as the text around a date gives it: `10:20 PM` and `12:20 a.m.` on a
/// twelve-hour clock, a zone after the time (`02:20 GMT`, `09:20 (UTC+7)`), or a time written
/// before the date (`10:20, March 5, 2024`). The date starts at byte `start` of `s`; `timed`
/// says whether it gave a time of day. The offset is China Standard Time unless a zone is
/// named.
pub(super) fn clock(
    s: &str,
    start: usize,
    naive: NaiveDateTime,
    timed: bool,
) -> (NaiveDateTime, FixedOffset) {
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
