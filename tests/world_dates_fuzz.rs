//! Random inputs: nothing may panic, and every result must be well formed.

use gxnews::scrape::date::world::{Months, all_dates, first_date};

/// xorshift64*: deterministic, good enough to shuffle fragments.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "13",
    "2020",
    "1",
    "01",
    "31",
    "12",
    "99",
    "1398",
    "2563",
    "00",
    "۱۳۹۸",
    "٢٠٢٠",
    "১৩",
    "२०",
    "๒๕๖๓",
    "２０",
    "1578900000",
    "1578900000123",
    "20200413",
    "120200622120908039",
    " ",
    "  ",
    ".",
    ". ",
    ",",
    "-",
    "/",
    ":",
    "|",
    "+",
    "'",
    "(",
    ")",
    "年",
    "月",
    "日",
    "년",
    "월",
    "일",
    "t",
    "z",
    "T",
    "Z",
    "h",
    "am",
    "p.m.",
    "utc",
    "GMT",
    "EDT",
    "+01:00",
    "-0500",
    "January",
    "jan.",
    "Mär",
    "mai",
    "de",
    "of",
    "the",
    "th",
    "er",
    "º",
    "января",
    "stycznia",
    "Ιανουαρίου",
    "ΜΑΪΟΥ",
    "İ",
    "ı",
    "ß",
    "بهمن",
    "ماه",
    "نيسان",
    "كانون الثاني",
    "أبريل",
    "tháng 1",
    "tháng",
    "ม.ค.",
    "พ.ศ.",
    "জানুয়ারি",
    "फ़रवरी",
    "בינואר",
    "m.",
    "gada",
    "d.",
    "\u{200F}",
    "\u{200C}",
    "\u{0301}",
    "\u{09BC}",
    "\u{FEFF}",
    "😀",
    "\u{10FFFF}",
    "é",
    "ǅ",
    "ﬀ",
    "ΐ",
    "\u{0130}\u{0307}",
    "a",
    "x",
    "summary",
    "v",
    "_",
    "\n",
    "\t",
    "\u{3000}",
    "：",
];

fn random_text(rng: &mut Rng) -> String {
    let parts = rng.below(24);
    let mut s = String::new();
    for _ in 0..parts {
        if rng.below(8) == 0 {
            // any valid char
            let c = char::from_u32((rng.next() % 0x11_0000) as u32).unwrap_or('?');
            s.push(c);
        } else {
            s.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
        }
    }
    s
}

fn check(text: &str, months: &Months, day_first: bool) {
    let all = all_dates(text, months, day_first);
    let mut last_end = 0;
    for f in &all {
        assert!(f.start < f.end && f.end <= text.len(), "{text:?}: {f:?}");
        assert!(
            text.is_char_boundary(f.start) && text.is_char_boundary(f.end),
            "{text:?}: {f:?}"
        );
        assert!(f.start >= last_end, "overlap in {text:?}: {all:?}");
        assert!(
            (1990..=2100).contains(&chrono::Datelike::year(&f.date)),
            "{text:?}: {f:?}"
        );
        last_end = f.end;
    }
    assert_eq!(first_date(text, months, day_first), all.first().copied());
}

#[test]
fn random_strings_do_not_panic() {
    let months = Months::builtin();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..20_000 {
        let text = random_text(&mut rng);
        check(&text, &months, i % 2 == 0);
    }
}

#[test]
fn random_bytes_do_not_panic() {
    let months = Months::builtin();
    let mut rng = Rng(42);
    for _ in 0..5_000 {
        let len = rng.below(64);
        let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xFF) as u8).collect();
        check(&String::from_utf8_lossy(&bytes), &months, true);
    }
}
