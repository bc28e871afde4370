//! The date readers' tests: samples, and the hand-written readers checked against the
//! patterns they stand for, on samples and on every line of the corpus.

use std::sync::LazyLock;

use regex::Regex;

use super::english::{
    DAY_FIRST, DAY_FIRST_PATTERN, MONTH_FIRST, MONTH_FIRST_PATTERN, at_word_start, month_named,
    needs_patterns,
};
use super::*;

/// The numeric form `2021-01-25 16:56:51`, `2021/1/25`, `2021年01月25日 16:56`, as a pattern; the
/// scraper reads it with [`numeric`], which finds the same match without a regex search.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(?:T\s*)?(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?",
    )
    .expect("valid regex")
});

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

/// `n` lines made of pieces of month-name dates and what stands around them, in a fixed
/// pseudo-random order.
fn pieced_lines(n: usize) -> Vec<String> {
    let pieces = [
        "Jan", "jan", "SEPT", "Sept.", "May", "march", "Dec", "de", " ", "  ", "\u{a0}", ",", ".",
        "5", "05", "31", "123", "2021", "1999", "20211", "st", "TH", "at", "AT", ":", "9", "09",
        "30", "56", "x", "_", "é", "東", "’", "(", "-", "\u{3000}",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    (0..n)
        .map(|_| {
            let mut line = String::new();
            for _ in 0..(seed % 9 + 3) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                line.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            line
        })
        .collect()
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
    lines.extend(pieced_lines(20_000));
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
