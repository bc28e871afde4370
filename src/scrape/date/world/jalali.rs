//! Solar Hijri (Jalali, Persian) calendar to Gregorian.
//!
//! A Jalali year starts at Nowruz (1 Farvardin, about 20/21 March). Months 1-6 have 31 days,
//! months 7-11 have 30, and Esfand (12) has 29, or 30 in a leap year. Within the years this crate
//! accepts (Gregorian 1990..=2100, i.e. Jalali 1368..=1479) the official astronomical calendar
//! follows the 33-year arithmetic cycle: year `y` is leap when `(25 y + 11) mod 33 < 8`
//! (1370, 1375, 1379, ..., 1399, 1403, 1408, ...).
//!
//! The conversion counts whole years from a known anchor, Nowruz 1399 = 2020-03-20, and then adds
//! the day of the year.

use chrono::{Days, NaiveDate};

const ANCHOR_YEAR: i32 = 1399;

/// Years handled; outside this span the 33-year rule drifts from the astronomical calendar.
const MIN_YEAR: i32 = 1300;
const MAX_YEAR: i32 = 1500;

/// Whether Jalali year `y` has 366 days.
pub(crate) fn is_leap(y: i32) -> bool {
    (25 * y + 11).rem_euclid(33) < 8
}

/// Number of days in Jalali month `m` (1..=12) of year `y`.
pub(crate) fn month_len(y: i32, m: u32) -> u32 {
    match m {
        1..=6 => 31,
        7..=11 => 30,
        12 if is_leap(y) => 30,
        12 => 29,
        _ => 0,
    }
}

fn year_len(y: i32) -> i64 {
    if is_leap(y) { 366 } else { 365 }
}

/// Gregorian date of Nowruz (1 Farvardin) of Jalali year `y`.
fn nowruz(y: i32) -> Option<NaiveDate> {
    let anchor = NaiveDate::from_ymd_opt(2020, 3, 20)?;
    let mut shift: i64 = 0;
    if y >= ANCHOR_YEAR {
        for year in ANCHOR_YEAR..y {
            shift += year_len(year);
        }
    } else {
        for year in y..ANCHOR_YEAR {
            shift -= year_len(year);
        }
    }
    if shift >= 0 {
        anchor.checked_add_days(Days::new(shift.unsigned_abs()))
    } else {
        anchor.checked_sub_days(Days::new(shift.unsigned_abs()))
    }
}

/// The Gregorian date of Jalali `y`-`m`-`d`, or `None` when the day does not exist or the year is
/// outside 1300..=1500.
pub(crate) fn to_gregorian(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) || d == 0 || d > month_len(y, m) {
        return None;
    }
    let before_month = if m <= 7 {
        (m - 1) * 31
    } else {
        186 + (m - 7) * 30
    };
    let day_of_year = u64::from(before_month + d - 1);
    nowruz(y)?.checked_add_days(Days::new(day_of_year))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn known_days() {
        assert_eq!(to_gregorian(1398, 11, 29), Some(g(2020, 2, 18)));
        assert_eq!(to_gregorian(1398, 12, 2), Some(g(2020, 2, 21)));
        assert_eq!(to_gregorian(1399, 1, 1), Some(g(2020, 3, 20)));
        assert_eq!(to_gregorian(1398, 1, 1), Some(g(2019, 3, 21)));
        assert_eq!(to_gregorian(1357, 11, 22), Some(g(1979, 2, 11)));
        assert_eq!(to_gregorian(1403, 1, 1), Some(g(2024, 3, 20)));
        assert_eq!(to_gregorian(1404, 1, 1), Some(g(2025, 3, 21)));
        assert_eq!(to_gregorian(1403, 12, 30), Some(g(2025, 3, 20)));
        assert_eq!(to_gregorian(1399, 12, 30), Some(g(2021, 3, 20)));
        assert_eq!(to_gregorian(1400, 1, 1), Some(g(2021, 3, 21)));
        assert_eq!(to_gregorian(1369, 1, 1), Some(g(1990, 3, 21)));
        assert_eq!(to_gregorian(1399, 10, 11), Some(g(2020, 12, 31)));
        assert_eq!(to_gregorian(1399, 10, 12), Some(g(2021, 1, 1)));
    }

    #[test]
    fn invalid_days() {
        assert_eq!(to_gregorian(1398, 12, 30), None); // 1398 is not leap
        assert_eq!(to_gregorian(1399, 7, 31), None);
        assert_eq!(to_gregorian(1399, 13, 1), None);
        assert_eq!(to_gregorian(1399, 0, 1), None);
        assert_eq!(to_gregorian(1399, 1, 0), None);
        assert_eq!(to_gregorian(2020, 1, 1), None);
    }

    #[test]
    fn leap_years() {
        let leaps: Vec<i32> = (1368..1410).filter(|&y| is_leap(y)).collect();
        assert_eq!(
            leaps,
            vec![1370, 1375, 1379, 1383, 1387, 1391, 1395, 1399, 1403, 1408]
        );
    }
}
