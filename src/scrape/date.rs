//! Dates as government news pages write them, read in China Standard Time unless the page
//! gives an offset.

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

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(?:T\s*)?(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?",
    )
    .expect("valid regex")
});

static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?)?",
    )
    .expect("valid regex")
});

static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?",
    )
    .expect("valid regex")
});

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

/// Finds the first date (with its time of day when given) in a string. A date without an offset
/// is in China Standard Time.
pub fn parse_date(s: &str) -> Option<DateTime<FixedOffset>> {
    // Every form this reads has a four-digit year: most lines are ruled out without a regex.
    if !has_year_digits(s) {
        return None;
    }
    if let Some(c) = ISO.captures(s) {
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
    let mut found: Vec<(usize, NaiveDateTime)> = Vec::new();
    if let Some(c) = NUMERIC.captures(s) {
        let n = build(
            num(c.get(1))?,
            num(c.get(2))?,
            num(c.get(3))?,
            num(c.get(4)),
            num(c.get(5)),
            num(c.get(6)),
        );
        if let Some(n) = n {
            found.push((c.get(0).map_or(0, |m| m.start()), n));
        }
    }
    if let Some(c) = MONTH_FIRST.captures(s) {
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
            found.push((c.get(0).map_or(0, |m| m.start()), n));
        }
    }
    if let Some(c) = DAY_FIRST.captures(s) {
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
            found.push((c.get(0).map_or(0, |m| m.start()), n));
        }
    }
    if let Some(c) = YEAR_LAST.captures(s).filter(|_| found.is_empty()) {
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
            found.push((0, n));
        }
    }
    let (_, naive) = found.into_iter().min_by_key(|(pos, _)| *pos)?;
    cst().from_local_datetime(&naive).single()
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

/// True when the string holds four digits in a row.
fn has_year_digits(s: &str) -> bool {
    let mut run = 0;
    for b in s.bytes() {
        if b.is_ascii_digit() {
            run += 1;
            if run == 4 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc(s: &str) -> Option<String> {
        parse_date(s).map(|d| d.to_rfc3339())
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

    #[test]
    fn rejects_non_dates() {
        assert_eq!(rfc("View:0"), None);
        assert_eq!(rfc("2021-13-45"), None);
        assert_eq!(rfc("covering all 10 ASEAN countries"), None);
    }
}
