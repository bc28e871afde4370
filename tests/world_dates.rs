//! Every example of the brief, more languages, times and zones, and the negatives.

use gxnews::scrape::date::world::{Found, Months, all_dates, date_alone, first_date};

fn months() -> Months {
    Months::builtin()
}

fn find(text: &str) -> Option<Found> {
    first_date(text, &months(), true)
}

/// Asserts the first date of `text` is `date` and returns it.
#[track_caller]
fn date(text: &str, date: &str) -> Found {
    let found = find(text).unwrap_or_else(|| panic!("no date in {text:?}"));
    assert_eq!(found.date.to_string(), date, "in {text:?}");
    found
}

/// Asserts the first date and time of `text`, and the zone offset in minutes.
#[track_caller]
fn date_time(text: &str, day: &str, time: &str, offset_minutes: Option<i32>) {
    let found = date(text, day);
    assert_eq!(
        found.time.map(|t| t.to_string()).as_deref(),
        Some(time),
        "time in {text:?}"
    );
    assert_eq!(
        found.offset.map(|o| o.local_minus_utc() / 60),
        offset_minutes,
        "offset in {text:?}"
    );
}

#[track_caller]
fn none(text: &str) {
    let all = all_dates(text, &months(), true);
    assert!(all.is_empty(), "unexpected date in {text:?}: {all:?}");
}

#[test]
fn brief_examples() {
    date("13 January 2020", "2020-01-13");
    date_time("January 13, 2020 4:05 pm", "2020-01-13", "16:05:00", None);
    date("Jan. 13, 2020", "2020-01-13");
    date_time("13.01.2020 14:30", "2020-01-13", "14:30:00", None);
    date("13/01/2020", "2020-01-13");
    date("2020-01-13", "2020-01-13");
    date("13 de enero de 2020", "2020-01-13");
    date("13 января 2020 г.", "2020-01-13");
    date("13. Januar 2020", "2020-01-13");
    date("lundi 13 janvier 2020", "2020-01-13");
    date("2020. június 4.", "2020-06-04");
    date("2020 m. spalio 26 d.", "2020-10-26");
    date("2020年1月13日", "2020-01-13");
    date("2020년 1월 13일", "2020-01-13");
    date("24 نيسان / أبريل 2020", "2020-04-24");
    date("۲۹ بهمن ۱۳۹۸", "2020-02-18");
    date("١٣ يناير ٢٠٢٠", "2020-01-13");
    date("১৩ জানুয়ারি ২০২০", "2020-01-13");
    date_time(
        "Mon Jan 13 13:37:49 UTC 2020",
        "2020-01-13",
        "13:37:49",
        Some(0),
    );
    date_time(
        "Tue, Sep 15 2020 10:01:41 EDT",
        "2020-09-15",
        "10:01:41",
        Some(-240),
    );
    date_time(
        "Sun, 28 Jun 2020 21:16:15 GMT",
        "2020-06-28",
        "21:16:15",
        Some(0),
    );
    date_time("20200413T16:38:07Z", "2020-04-13", "16:38:07", Some(0));
    date_time("2020-08-25|00h23", "2020-08-25", "00:23:00", None);
    date_time("1578900000", "2020-01-13", "07:20:00", Some(0));
    date_time(" 1578900000123 ", "2020-01-13", "07:20:00.123", Some(0));
}

/// (text, first date) in many languages and scripts.
const LANGUAGE_CASES: &[(&str, &str)] = &[
    ("13 stycznia 2020 r.", "2020-01-13"),
    ("13 listopada 2020", "2020-11-13"),
    ("13. ledna 2020", "2020-01-13"),
    ("13. května 2020", "2020-05-13"),
    ("13. januára 2020", "2020-01-13"),
    ("13 січня 2020 року", "2020-01-13"),
    ("13 Ιανουαρίου 2020", "2020-01-13"),
    ("13 ΜΑΪΟΥ 2020", "2020-05-13"),
    ("13 Ocak 2020 Pazartesi", "2020-01-13"),
    ("13 KASIM 2020", "2020-11-13"),
    ("2020. január 13.", "2020-01-13"),
    ("2020. jún. 4-én", "2020-06-04"),
    ("2020 m. sausio 13 d.", "2020-01-13"),
    ("2020. gada 13. janvārī", "2020-01-13"),
    ("13. tammikuuta 2020", "2020-01-13"),
    ("13. jaanuar 2020", "2020-01-13"),
    ("13 januari 2020", "2020-01-13"),
    ("den 13. januar 2020", "2020-01-13"),
    ("13. desember 2020", "2020-12-13"),
    ("13 maart 2020", "2020-03-13"),
    ("13. Jänner 2020", "2020-01-13"),
    ("13. Mär. 2020", "2020-03-13"),
    ("13. Mrz 2020", "2020-03-13"),
    ("13 févr. 2020", "2020-02-13"),
    ("15 août 2020", "2020-08-15"),
    ("13 déc. 2020", "2020-12-13"),
    ("13 sept. 2020", "2020-09-13"),
    ("13 de setiembre de 2020", "2020-09-13"),
    ("13 de março de 2020", "2020-03-13"),
    ("13 gennaio 2020", "2020-01-13"),
    ("13 d'abril de 2020", "2020-04-13"),
    ("13 ianuarie 2020", "2020-01-13"),
    ("13. siječnja 2020.", "2020-01-13"),
    ("13. listopada 2020.", "2020-11-13"),
    ("13. januara 2020.", "2020-01-13"),
    ("13. јануара 2020.", "2020-01-13"),
    ("13. januarja 2020", "2020-01-13"),
    ("13 януари 2020", "2020-01-13"),
    ("13 Januari 2020", "2020-01-13"),
    ("13 Agustus 2020", "2020-08-13"),
    ("13 Mac 2020", "2020-03-13"),
    ("ngày 13 tháng 1 năm 2020", "2020-01-13"),
    ("13 tháng 12, 2020", "2020-12-13"),
    ("13 Tháng Một, 2020", "2020-01-13"),
    ("13 كانون الثاني 2020", "2020-01-13"),
    ("13 تشرين الأول 2020", "2020-10-13"),
    ("13 يناير/كانون الثاني 2020", "2020-01-13"),
    ("13 جانفي 2020", "2020-01-13"),
    ("۱۳ ژانویه ۲۰۲۰", "2020-01-13"),
    ("۲ اسفند ۱۳۹۸", "2020-02-21"),
    ("۱ فروردین ماه ۱۳۹۹", "2020-03-20"),
    ("تاریخ: ۱۳۹۸/۱۱/۲۹", "2020-02-18"),
    ("13 جنوری 2020", "2020-01-13"),
    ("13 בינואר 2020", "2020-01-13"),
    ("१३ जनवरी २०२०", "2020-01-13"),
    ("13 फ़रवरी 2020", "2020-02-13"),
    ("१३ जानेवारी २०२०", "2020-01-13"),
    ("১৩ ফেব্রুয়ারী ২০২০", "2020-02-13"),
    ("13 ஜனவரி 2020", "2020-01-13"),
    ("13 มกราคม 2563", "2020-01-13"),
    ("๑๓ ม.ค. ๒๕๖๓", "2020-01-13"),
    ("13 มกราคม พ.ศ. 2563", "2020-01-13"),
    ("2020年01月13日", "2020-01-13"),
    ("２０２０年１月１３日", "2020-01-13"),
    ("2020 年 1 月 13 日", "2020-01-13"),
    ("2020年1月13号", "2020-01-13"),
    ("2020. 1. 13.", "2020-01-13"),
    ("2020.06.04", "2020-06-04"),
    ("2020/01/13", "2020-01-13"),
    ("13 ЯНВАРЯ 2020", "2020-01-13"),
    ("13 qershor 2020", "2020-06-13"),
    ("13 Hunyo 2020", "2020-06-13"),
    ("13 Machi 2020", "2020-03-13"),
    ("13 қаңтар 2020", "2020-01-13"),
];

#[test]
fn more_languages() {
    let cases = LANGUAGE_CASES;
    let m = months();
    let failed: Vec<String> = cases
        .iter()
        .filter(|(text, want)| {
            first_date(text, &m, true)
                .map(|f| f.date.to_string())
                .as_deref()
                != Some(*want)
        })
        .map(|(text, want)| {
            format!(
                "{text:?}: want {want}, got {:?}",
                first_date(text, &m, true)
            )
        })
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn colons_around_dates() {
    date("Published:13 January 2020", "2020-01-13");
    date("13 January 2020: the day it began", "2020-01-13");
    date("Updated:2020. június 4.", "2020-06-04");
    none("at 14:30 January 2020 ended");
}

#[test]
fn ordinals() {
    date("1st January 2020", "2020-01-01");
    date("January 2nd, 2020", "2020-01-02");
    date("March 3rd 2020", "2020-03-03");
    date("the 13th of January, 2020", "2020-01-13");
    date("1er janvier 2020", "2020-01-01");
    date("1º de enero de 2020", "2020-01-01");
    date("1° gennaio 2020", "2020-01-01");
    date("September 13-15, 2020", "2020-09-13");
}

#[test]
fn times_and_zones() {
    date_time(
        "2020-01-13T14:30:00+01:00",
        "2020-01-13",
        "14:30:00",
        Some(60),
    );
    date_time(
        "2020-01-13T14:30:00.000Z",
        "2020-01-13",
        "14:30:00",
        Some(0),
    );
    date_time("2020-01-13 14:30", "2020-01-13", "14:30:00", None);
    date_time("20200413T163807+0200", "2020-04-13", "16:38:07", Some(120));
    date_time("13.01.2020 um 14:30 Uhr", "2020-01-13", "14:30:00", None);
    date_time("13 janvier 2020 à 14h30", "2020-01-13", "14:30:00", None);
    date_time(
        "13 de enero de 2020 a las 14:30",
        "2020-01-13",
        "14:30:00",
        None,
    );
    date_time(
        "January 13, 2020 at 12:30 a.m. EST",
        "2020-01-13",
        "00:30:00",
        Some(-300),
    );
    date_time(
        "Sun, 28 Jun 2020 21:16:15 +0000",
        "2020-06-28",
        "21:16:15",
        Some(0),
    );
    date_time("13.01.2020, 14:30 MSK", "2020-01-13", "14:30:00", Some(180));
    date_time(
        "2020年1月13日 14:30 JST",
        "2020-01-13",
        "14:30:00",
        Some(540),
    );
    date_time("13/01/2020 14:30 WIB", "2020-01-13", "14:30:00", Some(420));
    date_time(
        "13 Jan 2020 14:30 GMT+8",
        "2020-01-13",
        "14:30:00",
        Some(480),
    );
    date_time("13 Jan 2020 14:30 CST", "2020-01-13", "14:30:00", None);
    date_time("13 Jan 2020 14:30 BST", "2020-01-13", "14:30:00", None);
    let f = find("14:30, 13 January 2020").unwrap();
    assert_eq!(
        (f.start, f.time.map(|t| t.to_string())),
        (0, Some("14:30:00".to_string()))
    );
    let f = find("Updated 09:15 GMT 13 January 2020").unwrap();
    assert_eq!(f.offset.map(|o| o.local_minus_utc()), Some(0));
}

#[test]
fn offsets_point_into_the_original() {
    let cases = [
        ("تاریخ: ۲۹ بهمن ۱۳۹۸ - ساعت", "۲۹ بهمن ۱۳۹۸"),
        ("Posted on Jan. 13, 2020 by x", "Jan. 13, 2020"),
        ("Stand: 13.01.2020 14:30 Uhr", "13.01.2020 14:30"),
        ("İSTANBUL 13 OCAK 2020", "13 OCAK 2020"),
        (
            "发布时间：２０２０年１月１３日 新闻",
            "２０２０年１月１３日",
        ),
        ("\u{200F}١٣ يناير ٢٠٢٠\u{200F}", "١٣ يناير ٢٠٢٠"),
    ];
    for (text, want) in cases {
        let f = find(text).unwrap_or_else(|| panic!("no date in {text:?}"));
        assert_eq!(&text[f.start..f.end], want);
    }
}

#[test]
fn several_dates_in_order() {
    let text = "Published 13 January 2020, updated 14.01.2020 15:00. Event: 2020-02-01.";
    let all = all_dates(text, &months(), true);
    let got: Vec<String> = all.iter().map(|f| f.date.to_string()).collect();
    assert_eq!(got, ["2020-01-13", "2020-01-14", "2020-02-01"]);
    assert_eq!(all[0].time, None);
    assert_eq!(
        all[1].time.map(|t| t.to_string()).as_deref(),
        Some("15:00:00")
    );
    let text = "13.01.2020 14:30, 14.01.2020";
    let all = all_dates(text, &months(), true);
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].time, None);
}

#[test]
fn day_first_only_for_ambiguous() {
    let m = months();
    let read = |t: &str, df: bool| first_date(t, &m, df).map(|f| f.date.to_string());
    assert_eq!(read("05/06/2020", true).as_deref(), Some("2020-06-05"));
    assert_eq!(read("05/06/2020", false).as_deref(), Some("2020-05-06"));
    assert_eq!(read("13/06/2020", false).as_deref(), Some("2020-06-13"));
    assert_eq!(read("06/13/2020", true).as_deref(), Some("2020-06-13"));
    assert_eq!(read("05-06-2020", false).as_deref(), Some("2020-05-06"));
}

#[test]
fn negatives() {
    none("+49 30 12345678");
    none("Call 555-123-4567 or (020) 7946 0958");
    none("Tel. 0171 2020 1312");
    none("2020年07月 2020年06月");
    none("v2.3.2020");
    none("120200622120908039");
    none("id=20200622 ref 2020062212");
    none("Page 13 of 2020");
    none("2020");
    none("13 January");
    none("January 2020");
    none("13.01.20");
    none("13/01/20");
    none("31 February 2020");
    none("13/13/2020");
    none("13 January 1850");
    none("13 January 2150");
    none("In summary 13, 2020 items");
    none("ISBN 978-3-16-148410-0");
    none("id 1578900000 x");
    none("12345678901");
    none("1.13.01.2020");
    none("۱۳۹۸/۱۲/۳۰"); // 1398 is not a leap year: Esfand has 29 days
    none("۳۰ اسفند ۱۳۹۸");
}

/// A line that is a date and little else (a weekday, a zone, `Updated`) is a date line; a
/// sentence that holds a date, or a line with no date, is not.
#[test]
fn a_date_alone_on_its_line() {
    let m = months();
    for line in [
        "/ martes 17 de marzo de 2020",
        "GMT 17:27 17.03.2020",
        "(updated 11:14 GMT 29.04.2020)",
        "Saturday, July 25, 2020",
        "입력 2020.08.27 20:27",
        "15.12.2020 – 14:49",
        "Published on Apr 13, 2020",
    ] {
        assert!(date_alone(line, &m, true), "{line:?} is a date line");
    }
    for line in [
        "On 12 March 2020 the port reopened after the storm.",
        "Updated 3:45 PM ET, Tue March 17, 2020",
        "A busier spring",
        "The harbour, 1998",
        "",
    ] {
        assert!(!date_alone(line, &m, true), "{line:?} is not a date line");
    }
}
