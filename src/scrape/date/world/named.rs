//! Dates written with a month name, found by looking around each month name of the text:
//!
//! - day, month, year: `13 January 2020`, `13 de enero de 2020`, `13. Januar 2020`,
//!   `13 января 2020 г.`, `24 نيسان / أبريل 2020`, `۲۹ بهمن ۱۳۹۸`, `13 tháng 1 năm 2020`;
//! - month, day, year: `January 13, 2020`, `Jan. 13th, 2020`, `Tue, Sep 15 2020`, and with the
//!   time in the middle, `Mon Jan 13 13:37:49 UTC 2020`;
//! - year, month, day: `2020. június 4.`, `2020 m. spalio 26 d.`;
//! - year, day, month: `2020. gada 13. janvārī`.

use super::clock;
use super::digits::Norm;
use super::months::{MonthRef, Months};
use super::scan::{
    digits_back, digits_fwd, is_date_sep, is_wordish, next_char, prev_char, skip_gap,
    skip_gap_back, skip_ordinal, skip_ordinal_back, step,
};
use super::{Cand, to_date};

/// Whether a month name found at `start..end` is a whole word.
fn is_whole_word(s: &str, start: usize, end: usize) -> bool {
    let before_ok = prev_char(s, start).is_none_or(|c| !is_wordish(c));
    let after_ok = next_char(s, end).is_none_or(|c| !is_wordish(c) && !c.is_ascii_digit());
    before_ok && after_ok
}

/// A month name starting exactly at `pos`: (meaning, end).
fn month_at(s: &str, pos: usize, m: &Months) -> Option<(MonthRef, usize)> {
    let hit = m.finder.find_at(s, pos)?;
    if hit.start() != pos || !is_whole_word(s, hit.start(), hit.end()) {
        return None;
    }
    Some((m.lookup(hit.as_str())?, hit.end()))
}

/// The gap after a month or a day, which may hold a second name of the same month
/// (`نيسان / أبريل`, `يناير/كانون الثاني`).
fn gap_after(s: &str, pos: usize, m: &Months) -> usize {
    let i = skip_gap(s, pos, &m.fillers, is_date_sep);
    match month_at(s, i, m) {
        Some((_, end)) if i > pos => skip_gap(s, end, &m.fillers, is_date_sep),
        _ => i,
    }
}

/// A day (1-2 digits, maybe with an ordinal suffix) ending just before the month at `pos`:
/// (day, start).
fn day_before(s: &str, pos: usize, m: &Months) -> Option<(u32, usize)> {
    let p = skip_gap_back(s, pos, &m.fillers);
    let p = skip_ordinal_back(s, p, &m.ordinals);
    let (day, len, start) = digits_back(s, p)?;
    if len > 2 {
        return None;
    }
    // Not the minutes of a time (`14:30 January`) nor the decimals of a number (`1.5 January`).
    if prev_char(s, start).is_some_and(|c| matches!(c, ':' | '.' | ',' | '/'))
        && prev_char(s, start - 1).is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some((day, start))
}

/// A day after a month ending at `pos`: (day, end). A range such as `13-15` gives its first day.
fn day_after(s: &str, pos: usize, m: &Months) -> Option<(u32, usize)> {
    let p = skip_gap(s, pos, &m.fillers, is_date_sep);
    let (day, len, end) = digits_fwd(s, p)?;
    if len > 2 {
        return None;
    }
    let after = next_char(s, end);
    if after == Some(':')
        || after.is_some_and(|c| matches!(c, '.' | ',' | '/'))
            && next_char(s, end + 1).is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    let end = skip_ordinal(s, end, &m.ordinals);
    Some((day, skip_day_range(s, end)))
}

/// Skips the second day of a range: `-15`, `–15`, ` - 15`.
fn skip_day_range(s: &str, pos: usize) -> usize {
    let mut i = pos;
    let mut dash = false;
    while let Some(c) = next_char(s, i).filter(|&c| matches!(c, ' ' | '-' | '–' | '—')) {
        dash |= c != ' ';
        i += c.len_utf8();
        if i - pos > 5 {
            return pos;
        }
    }
    match digits_fwd(s, i) {
        Some((_, len, end)) if dash && len <= 2 && next_char(s, end).is_none_or(|c| c != ':') => {
            end
        }
        _ => pos,
    }
}

/// A four-digit year after `pos`: (year, end).
fn year_after(s: &str, pos: usize, m: &Months) -> Option<(i32, usize)> {
    let p = gap_after(s, pos, m);
    let (year, len, end) = digits_fwd(s, p)?;
    (len == 4).then_some((year as i32, end))
}

/// A four-digit year ending before `pos`: (year, start).
fn year_before(s: &str, pos: usize, m: &Months) -> Option<(i32, usize)> {
    let p = skip_gap_back(s, pos, &m.fillers);
    let (year, len, start) = digits_back(s, p)?;
    (len == 4).then_some((year as i32, start))
}

/// `13:37:49 UTC 2020` after the day of `Mon Jan 13`: (year, time, end).
fn time_then_year(s: &str, pos: usize) -> Option<(i32, clock::Clock, usize)> {
    let at = skip_gap(s, pos, &[], |c| c == ' ' || c == ',');
    let time = clock::time_at(s, at, false)?;
    let p = skip_gap(s, time.end, &[], |c| c == ' ' || c == ',');
    let (year, len, end) = digits_fwd(s, p)?;
    (len == 4).then_some((year as i32, time, end))
}

fn cand(r: MonthRef, year: i32, day: u32, start: usize, end: usize) -> Option<Cand> {
    let date = to_date(r.calendar, year, r.month, day)?;
    Some(Cand::new(start, end, date))
}

/// The date around the month name at `ms..me`, trying the orders in turn.
fn around(s: &str, m: &Months, r: MonthRef, ms: usize, me: usize) -> Option<Cand> {
    if let Some((day, ds)) = day_before(s, ms, m) {
        let found = match year_after(s, me, m) {
            Some((year, ye)) => cand(r, year, day, ds, ye),
            None => year_before(s, ds, m).and_then(|(year, ys)| cand(r, year, day, ys, me)),
        };
        if found.is_some() {
            return found;
        }
    }
    let (day, de) = day_after(s, me, m)?;
    if let Some((year, ye)) = year_after(s, de, m)
        && let Some(c) = cand(r, year, day, ms, ye)
    {
        return Some(c);
    }
    if let Some((year, time, ye)) = time_then_year(s, de)
        && let Some(mut c) = cand(r, year, day, ms, ye)
    {
        c.time = Some(time.time);
        c.offset = time.offset;
        return Some(c);
    }
    let (year, ys) = year_before(s, ms, m)?;
    cand(r, year, day, ys, de)
}

/// Every date with a month name in the text.
pub(crate) fn collect(n: &Norm, m: &Months, out: &mut Vec<Cand>) {
    let s = n.text.as_str();
    let mut pos = 0;
    while pos < s.len() {
        let Some(hit) = m.finder.find_at(s, pos) else {
            break;
        };
        pos = step(s, hit.start());
        if !is_whole_word(s, hit.start(), hit.end()) {
            continue;
        }
        let Some(r) = m.lookup(hit.as_str()) else {
            continue;
        };
        if let Some(c) = around(s, m, r, hit.start(), hit.end()) {
            pos = pos.max(hit.end());
            out.push(c);
        }
    }
}
