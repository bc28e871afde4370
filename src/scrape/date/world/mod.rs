//! Dates written as text in the many languages of the web (`13 de enero de 2020`, `13 января
//! 2020 г.`, `2020. június 4.`, `۲۹ بهمن ۱۳۹۸`), for pages in other templates than the site's:
//! `first_date("Publié le lundi 13 janvier 2020 à 14h30", …)` is 2020-01-13 14:30.
//!
//! Dates need a four-digit year in 1990..=2100 (after conversion from the Jalali or Thai Buddhist
//! calendars). Digits of any script are read. Offsets (`start`, `end`) are byte offsets into the
//! original input string. The month names are data: `assets/months.toml`.

mod clock;
mod digits;
mod jalali;
mod months;
mod named;
mod numeric;
mod scan;

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveTime};
use months::Calendar;
use std::ops::RangeInclusive;

pub use months::Months;

/// Years accepted, after calendar conversion.
pub(crate) const YEARS: RangeInclusive<i32> = 1990..=2100;

/// A date found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub date: NaiveDate,
    /// The time of day written next to the date, if any.
    pub time: Option<NaiveTime>,
    /// The offset of the time zone written after the time (`UTC`, `+02:00`, `EDT`), if any.
    pub offset: Option<FixedOffset>,
    /// Byte offset of the match in the input (including a time written before or after the date).
    pub start: usize,
    /// Byte offset just after the match in the input.
    pub end: usize,
}

/// A date found in the normalised text (positions there).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub offset: Option<FixedOffset>,
}

impl Cand {
    pub(crate) fn new(start: usize, end: usize, date: NaiveDate) -> Cand {
        Cand {
            start,
            end,
            date,
            time: None,
            offset: None,
        }
    }
}

/// The Gregorian date of `year-month-day` in `calendar`, if it exists and its year is accepted.
pub(crate) fn to_date(calendar: Calendar, year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let date = match calendar {
        Calendar::Gregorian => NaiveDate::from_ymd_opt(year, month, day)?,
        Calendar::Jalali => jalali::to_gregorian(year, month, day)?,
        Calendar::Buddhist => {
            let year = if year > 2400 { year - 543 } else { year };
            NaiveDate::from_ymd_opt(year, month, day)?
        }
    };
    YEARS.contains(&date.year()).then_some(date)
}

/// Keeps the earliest of overlapping candidates (the longest when they start together).
fn resolve(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Cand> = Vec::with_capacity(cands.len());
    for c in cands {
        if out.last().is_none_or(|last| c.start >= last.end) {
            out.push(c);
        }
    }
    out
}

/// Adds the time written after (or else just before) each date, without reaching into a
/// neighbouring date.
fn attach_times(s: &str, cands: &mut [Cand], months: &Months) {
    let mut floor = 0;
    for i in 0..cands.len() {
        let limit = cands.get(i + 1).map_or(s.len(), |next| next.start);
        let c = &mut cands[i];
        if c.time.is_none() {
            if let Some(k) = clock::time_after(s, c.end, limit, &months.time_words) {
                c.time = Some(k.time);
                c.offset = k.offset;
                c.end = k.end;
            } else if let Some(k) = clock::time_before(s, c.start, floor) {
                c.time = Some(k.time);
                c.offset = k.offset;
                c.start = k.start;
            }
        }
        floor = c.end;
    }
}

/// Every date in `text`, in order of position. `day_first` decides how an ambiguous `a/b/yyyy`
/// (both parts 12 or less) is read: `true` for day/month/year.
pub fn all_dates(text: &str, months: &Months, day_first: bool) -> Vec<Found> {
    if !digits::has_digit_run(text, 4) {
        return Vec::new();
    }
    let norm = digits::Norm::new(text);
    let mut cands = Vec::new();
    if let Some(c) = numeric::epoch(&norm) {
        cands.push(c);
    } else {
        named::collect(&norm, months, &mut cands);
        numeric::collect(&norm, day_first, &mut cands);
        cands = resolve(cands);
        attach_times(&norm.text, &mut cands, months);
    }
    cands
        .into_iter()
        .map(|c| Found {
            date: c.date,
            time: c.time,
            offset: c.offset,
            start: norm.orig_start(c.start),
            end: norm.orig_end(c.end),
        })
        .collect()
}

/// A line that says a date and little else is at most this many characters long.
const MAX_DATE_LINE: usize = 60;

/// Words a date line may hold beside its date: a weekday, `GMT`, `Updated`.
const MAX_WORDS_BESIDE_DATE: usize = 2;

/// True when `text` is a date and little else (`/ martes 17 de marzo de 2020`, `GMT 17:27
/// 17.03.2020`): a line of the page's metadata, not a sentence. `day_first` as in
/// [`all_dates`].
pub fn date_alone(text: &str, months: &Months, day_first: bool) -> bool {
    if text.chars().count() > MAX_DATE_LINE {
        return false;
    }
    let found = all_dates(text, months, day_first);
    if found.is_empty() {
        return false;
    }
    let mut rest = String::with_capacity(text.len());
    let mut at = 0;
    for f in &found {
        rest.push_str(&text[at..f.start.max(at)]);
        rest.push(' ');
        at = at.max(f.end);
    }
    rest.push_str(&text[at..]);
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
        <= MAX_WORDS_BESIDE_DATE
}

/// The first date in `text` (earliest start). `day_first` as in [`all_dates`].
pub fn first_date(text: &str, months: &Months, day_first: bool) -> Option<Found> {
    all_dates(text, months, day_first).into_iter().next()
}
