//! English month names: `Jan 21, 2021`, `21 January 2021`, read by hand where the text is
//! ASCII and by the patterns where it holds characters they read as ASCII ones.

use std::sync::LazyLock;

use regex::Regex;

/// `Jan 21, 2021` (and `January 21st, 2021 at 16:56`), where a word starts. The pattern leaves
/// out its leading `\b`: a Unicode word boundary sends the regex engine to its slowest search
/// on any text that is not ASCII. [`at_word_start`] checks the boundary instead.
pub(super) const MONTH_FIRST_PATTERN: &str = r"(?i)(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?)?";

/// `21 January 2021`, where a word starts (see [`MONTH_FIRST_PATTERN`]).
pub(super) const DAY_FIRST_PATTERN: &str = r"(?i)(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?";

pub(super) static MONTH_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(MONTH_FIRST_PATTERN).expect("valid regex"));

pub(super) static DAY_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(DAY_FIRST_PATTERN).expect("valid regex"));

/// A word character as the regex engine's `\w` has it, Unicode included.
static WORD_CHAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\A\w").expect("valid regex"));

/// The first match of `re` that starts a word: what the pattern with `\b` in front finds. Both
/// patterns start with a word character, so a match starts a word when the character before it
/// is not one.
pub(super) fn at_word_start<'h>(re: &Regex, s: &'h str) -> Option<regex::Captures<'h>> {
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
pub(super) fn needs_patterns(s: &str) -> bool {
    !s.is_ascii()
        && s.chars()
            .any(|c| (!c.is_ascii() && c.is_numeric()) || c == 'ſ' || c == '\u{212a}')
}

/// Where a month-name date starts, its month, day and year, and its time of day when given.
pub(super) type NamedDate = (usize, u32, [u32; 2], [Option<u32>; 3]);

/// The months by their first three letters.
const MONTHS: [&[u8; 3]; 12] = [
    b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec",
];

/// What [`MONTH_FIRST_PATTERN`] (or, `day_first`, [`DAY_FIRST_PATTERN`]) finds where a word
/// starts, read by hand on a string of ASCII digits and letters: where the match starts, the
/// month, the day and the year, and the time of day when given.
pub(super) fn month_named(s: &str, day_first: bool) -> Option<NamedDate> {
    let scan = Scan {
        s,
        b: s.as_bytes(),
        day_first,
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
            && let Some((mo, dy, hms)) = scan.date_at(i)
        {
            return Some((i, mo, dy, hms));
        }
    }
    None
}

/// A string read as the month-name patterns read it, a piece at a time: each method reads one
/// piece of the pattern at a byte and gives what it read and where it ends, or `None`.
struct Scan<'s> {
    s: &'s str,
    b: &'s [u8],
    day_first: bool,
}

impl Scan<'_> {
    fn digit(&self, i: usize) -> bool {
        self.b.get(i).is_some_and(u8::is_ascii_digit)
    }

    fn value(&self, from: usize, to: usize) -> u32 {
        self.b[from..to]
            .iter()
            .fold(0u32, |v, c| v * 10 + u32::from(c - b'0'))
    }

    /// `\s*` (Unicode whitespace).
    fn ws(&self, mut i: usize) -> usize {
        while let Some(c) = self.s[i..].chars().next().filter(|c| c.is_whitespace()) {
            i += c.len_utf8();
        }
        i
    }

    /// `\s+`.
    fn ws1(&self, i: usize) -> Option<usize> {
        Some(self.ws(i)).filter(|&j| j > i)
    }

    fn byte(&self, i: usize, c: u8) -> Option<usize> {
        (self.b.get(i) == Some(&c)).then_some(i + 1)
    }

    fn word(&self, i: usize, w: &[u8]) -> Option<usize> {
        self.b
            .get(i..i + w.len())
            .is_some_and(|x| x.eq_ignore_ascii_case(w))
            .then_some(i + w.len())
    }

    /// `(\d{1,2})` before a character that is not a digit: the whole run, of one or two.
    fn short(&self, i: usize) -> Option<(u32, usize)> {
        let mut j = i;
        while self.digit(j) {
            j += 1;
        }
        (1..=2).contains(&(j - i)).then(|| (self.value(i, j), j))
    }

    /// `(\d{n})`: exactly `n` digits (more may follow).
    fn exact(&self, i: usize, n: usize) -> Option<(u32, usize)> {
        (i + n <= self.b.len() && (i..i + n).all(|k| self.digit(k)))
            .then(|| (self.value(i, i + n), i + n))
    }

    /// `(jan|…|dec)[a-z]*`: the month and where its word ends.
    fn month(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.b.get(i..i + 3)?;
        let w = [
            w[0].to_ascii_lowercase(),
            w[1].to_ascii_lowercase(),
            w[2].to_ascii_lowercase(),
        ];
        let m = MONTHS.iter().position(|m| **m == w)?;
        let mut j = i + 3;
        while self.b.get(j).is_some_and(u8::is_ascii_alphabetic) {
            j += 1;
        }
        Some((u32::try_from(m).ok()? + 1, j))
    }

    /// `(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?)?` (`at` only with the month first).
    fn time(&self, i: usize) -> [Option<u32>; 3] {
        let found = (|| {
            let mut j = self.ws1(self.byte(i, b',').unwrap_or(i))?;
            if !self.day_first
                && let Some(k) = self.word(j, b"at").and_then(|k| self.ws1(k))
            {
                j = k;
            }
            let (h, j) = self.short(j)?;
            let (mi, j) = self.exact(self.byte(j, b':')?, 2)?;
            let sec = self
                .byte(j, b':')
                .and_then(|k| self.exact(k, 2))
                .map(|x| x.0);
            Some([Some(h), Some(mi), sec])
        })();
        found.unwrap_or([None; 3])
    }

    /// The date whose match starts at `i`: month, day and year, and the time of day.
    fn date_at(&self, i: usize) -> Option<(u32, [u32; 2], [Option<u32>; 3])> {
        if self.day_first {
            // `(\d{1,2})\s+(month)[a-z]*\.?,?\s+(\d{4})`
            let (d, j) = self.short(i)?;
            let (mo, j) = self.month(self.ws1(j)?)?;
            let j = self.byte(j, b'.').unwrap_or(j);
            let j = self.byte(j, b',').unwrap_or(j);
            let (y, j) = self.exact(self.ws1(j)?, 4)?;
            Some((mo, [d, y], self.time(j)))
        } else {
            // `(month)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`
            let (mo, j) = self.month(i)?;
            let j = self.byte(j, b'.').unwrap_or(j);
            let (d, j) = self.short(self.ws1(j)?)?;
            let j = [b"st", b"nd", b"rd", b"th"]
                .iter()
                .find_map(|w| self.word(j, *w))
                .unwrap_or(j);
            let j = self.byte(j, b',').unwrap_or(j);
            let (y, j) = self.exact(self.ws1(j)?, 4)?;
            Some((mo, [d, y], self.time(j)))
        }
    }
}

pub(super) fn month_number(name: &str) -> Option<u32> {
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

/// True when the string holds a month's name (its first three letters, any case) starting a
/// word and followed by a number (`Jan 21`, `january 2021`, `Sept. 5`): what the named forms
/// need.
pub(super) fn has_month_name(s: &str) -> bool {
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
