//! Metadata found by its labels (`updatetime:`, `Source：`, `Web Editor:` …), whether label and
//! value share a text node, sit in separate elements, or run together with no space between.

use regex::Regex;

use crate::scrape::date::parse_date;
use crate::scrape::dom::text::MAX_META_LINE;
use crate::scrape::profile::Labels;
use chrono::{DateTime, FixedOffset};

/// Which field a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A label that names none of the fields (`Responsible editor:`, `Photo:`): matched so that
    /// a shorter label inside it (`editor:`) does not take its value.
    Ignored,
    Published,
    Source,
    Editor,
    Views,
    /// An author or reporter: the editor of a page that names no editor.
    Author,
}

/// A compiled matcher for a profile's labels.
#[derive(Debug, Clone)]
pub struct LabelMatcher {
    /// The whole pattern: a label at the start of a line or after a non-letter (or a Chinese
    /// character), then its colon. Kept for the test that [`LabelMatcher::label_spans`] finds
    /// what it finds.
    #[cfg(test)]
    re: Regex,
    /// The labels, filed by the folded case of their last letter: a label is found by reading
    /// back from a colon.
    by_last: rustc_hash::FxHashMap<char, Vec<Vec<LabelChar>>>,
    /// Each label without its spaces, lower-cased, to its field (the first list naming it wins).
    by_key: rustc_hash::FxHashMap<String, Field>,
    /// The longest label in bytes, spaces included: longer text is never a label.
    longest: usize,
}

/// Metadata read from labelled text. `views_seen` tells a present-but-empty view counter (filled
/// by script on the live site) from no counter at all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Labelled {
    pub published: Option<DateTime<FixedOffset>>,
    pub source: Option<String>,
    pub editor: Option<String>,
    pub views: Option<u64>,
    pub views_seen: bool,
    /// An author, reporter or `By Name` byline.
    pub author: Option<String>,
    /// The date came from an update label (`Updated:`): a publication label found later wins.
    pub published_is_update: bool,
    /// The date is final even if it came from an update label: the info line and the region
    /// around the text have been read, and a date label in the text itself (`Date: March 28`
    /// of an event it announces) never replaces it.
    pub published_settled: bool,
}

impl Labelled {
    /// True when every field has been found: nothing more to read.
    pub fn complete(&self) -> bool {
        self.published.is_some()
            && (!self.published_is_update || self.published_settled)
            && self.source.is_some()
            && self.editor.is_some()
            && self.views_seen
    }

    /// True when any label was found: a sign the page is an article.
    pub fn any(&self) -> bool {
        // `Ignored` labels say nothing about the page.
        self.published.is_some()
            || self.source.is_some()
            || self.editor.is_some()
            || self.views_seen
    }
}

impl LabelMatcher {
    pub fn new(labels: &Labels) -> LabelMatcher {
        let mut fields: Vec<(String, Field)> = Vec::new();
        for (list, f) in [
            (&labels.published, Field::Published),
            (&labels.source, Field::Source),
            (&labels.editor, Field::Editor),
            (&labels.views, Field::Views),
            (&labels.author, Field::Author),
            (&labels.ignored, Field::Ignored),
        ] {
            fields.extend(list.iter().map(|l| (l.clone(), f)));
        }
        // The reference pattern the tests compare the search with: a label starts a line or
        // follows a non-letter (a digit too: `16:56:51View:0`), and is followed by a colon,
        // half- or fullwidth; longest first, so `web editor` wins over `editor`.
        #[cfg(test)]
        let re = {
            let mut alts: Vec<&str> = fields.iter().map(|(l, _)| l.as_str()).collect();
            alts.sort_by_key(|l| std::cmp::Reverse(l.len()));
            let alts: Vec<String> = alts
                .iter()
                .map(|l| regex::escape(l).replace(' ', r"[\s\x1f]*"))
                .collect();
            Regex::new(&format!(
                r"(?i)(?:^|[^\p{{L}}]|\p{{Han}})((?:{})[\s\x1f]*[:：])",
                alts.join("|")
            ))
            .expect("labels compile to a valid regex")
        };
        // Each label as letters and places for spaces, filed by its last letter.
        let mut by_last: rustc_hash::FxHashMap<char, Vec<Vec<LabelChar>>> = Default::default();
        for (l, _) in &fields {
            let l = l.trim();
            let mut chars: Vec<LabelChar> = Vec::new();
            for c in l.chars() {
                if c.is_whitespace() {
                    // Any run of spaces (or marks) may stand between a label's words, or none.
                    if chars.last() != Some(&LabelChar::Space) {
                        chars.push(LabelChar::Space);
                    }
                } else {
                    chars.push(LabelChar::Letter(fold(c)));
                }
            }
            if let Some(&LabelChar::Letter(last)) = chars.last() {
                by_last.entry(last).or_default().push(chars);
            }
        }
        let mut by_key = rustc_hash::FxHashMap::default();
        for (l, f) in &fields {
            let key: String = l.chars().filter(|c| !c.is_whitespace()).collect();
            by_key.entry(key).or_insert(*f);
        }
        // Room for extra spaces between a label's words.
        let longest = fields.iter().map(|(l, _)| l.len()).max().unwrap_or(0) + 8;
        LabelMatcher {
            #[cfg(test)]
            re,
            by_last,
            by_key,
            longest,
        }
    }

    /// The field a label names, matched without case, spaces or the trailing colon.
    fn field_of(&self, label: &str) -> Option<Field> {
        let label = label.trim_end_matches(|c: char| c == ':' || c == '：' || c.is_whitespace());
        if label.len() > self.longest {
            return None;
        }
        // A label already in lower case without spaces is its own key.
        if label
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase())
        {
            return self.by_key.get(label).copied();
        }
        // An ASCII label is lowered into a buffer on the stack (no longer than `longest`).
        if label.is_ascii() && label.len() <= 64 {
            let mut buf = [0u8; 64];
            let mut n = 0;
            for b in label.bytes() {
                if !(b.is_ascii_whitespace()
                    || b == 0x0b
                    || char::from(b) == crate::scrape::dom::text::SEP)
                {
                    buf[n] = b.to_ascii_lowercase();
                    n += 1;
                }
            }
            return std::str::from_utf8(&buf[..n])
                .ok()
                .and_then(|k| self.by_key.get(k).copied());
        }
        let mut key = String::with_capacity(label.len());
        for c in label.chars() {
            if !(c.is_whitespace() || c == crate::scrape::dom::text::SEP) {
                key.extend(c.to_lowercase());
            }
        }
        self.by_key.get(&key).copied()
    }

    /// Where each label of a line stands, colon included, in order. A label counts at the start
    /// of the line, or after a non-letter or a Chinese character that the previous label's
    /// colon did not end on; a label found elsewhere (inside a word) is passed over, and the
    /// search goes on from its next character.
    fn label_spans<'l>(&'l self, line: &'l str) -> impl Iterator<Item = (usize, usize)> + 'l {
        let (mut pos, mut prev_end) = (0, 0);
        std::iter::from_fn(move || {
            while pos <= line.len() {
                let (s, end) = self.find_label(line, pos)?;
                let before = line[..s].char_indices().next_back();
                let counts = match before {
                    None => true,
                    Some((at, _)) => at >= prev_end && LABEL_MAY_FOLLOW.is_match(&line[at..]),
                };
                if counts {
                    (pos, prev_end) = (end, end);
                    return Some((s, end));
                }
                pos = s + line[s..].chars().next().map_or(1, char::len_utf8);
            }
            None
        })
    }

    /// The first label with its colon that starts at or after `from`, as `(start, end)`: found by
    /// going from colon to colon and reading back from each. Labels hold no colon, so the
    /// first colon with a label before it holds the first label; of the labels ending there,
    /// the one starting first (the longest) is it.
    fn find_label(&self, line: &str, from: usize) -> Option<(usize, usize)> {
        let bytes = line.as_bytes();
        let mut at = from;
        while let Some(i) = memchr::memchr2(b':', 0xef, &bytes[at..]) {
            let c = at + i;
            // `：` is EF BC 9A in UTF-8; other characters starting with EF are passed over.
            let colon_len = if bytes[c] == b':' {
                1
            } else if bytes[c + 1..].starts_with(&[0xbc, 0x9a]) {
                3
            } else {
                at = c + 1;
                continue;
            };
            // Spaces and marks between a label and its colon.
            let end_of_label = line[..c]
                .trim_end_matches(|ch: char| {
                    ch.is_whitespace() || ch == crate::scrape::dom::text::SEP
                })
                .len();
            let start = line[..end_of_label].chars().next_back().and_then(|last| {
                self.by_last
                    .get(&fold(last))?
                    .iter()
                    .filter_map(|label| match_back(line, end_of_label, label))
                    .filter(|&s| s >= from)
                    .min()
            });
            if let Some(s) = start {
                return Some((s, c + colon_len));
            }
            at = c + colon_len;
        }
        None
    }

    /// The labelled fields of one line, as `(field, value, is an update label)` in order, or
    /// `None` when the line holds no label with a colon at all. A label at the end of a line
    /// with no value takes the next line as its value (label and value in separate cells).
    /// [`LabelMatcher::read`] passes lines of at most [`MAX_META_LINE`] characters only.
    fn labelled(&self, line: &str, next: Option<&str>) -> Option<Vec<(Field, String, bool)>> {
        let mut any = false;
        let hits: Vec<(usize, usize, Field)> = self
            .label_spans(line)
            .filter_map(|(start, end)| {
                any = true;
                // A label in quotes is cited, not used (`indicate "Source: en.gxzf.gov.cn"`).
                let quoted = line[..start]
                    .chars()
                    .next_back()
                    .is_some_and(|q| matches!(q, '"' | '“' | '\'' | '‘' | '「'));
                if quoted {
                    return None;
                }
                Some((start, end, self.field_of(&line[start..end])?))
            })
            .collect();
        // A sentence that quotes a sign (`A banner at the gate read: "…".`) names no field,
        // and neither does a speaker's line or a sentence after one label (`Editor: Sorry to
        // interrupt, but …`).
        if hits.first().is_some_and(|h| {
            in_a_sentence(line, &line[..h.0]) || (hits.len() == 1 && said_after(line, h.1))
        }) {
            return Some(Vec::new());
        }
        let mut out = Vec::new();
        for (i, (_, end, field)) in hits.iter().enumerate() {
            let stop = hits.get(i + 1).map_or(line.len(), |h| h.0);
            let mut value = trim_value(&line[*end..stop]).to_string();
            let last = i + 1 == hits.len();
            if let Some(n) = next.filter(|n| {
                value.is_empty()
                    && last
                    && n.chars().count() <= MAX_META_LINE
                    && self.label_spans(n).next().is_none()
            }) {
                value = trim_value(n).to_string();
            }
            let update = is_update_label(&line[hits[i].0..*end]);
            out.push((*field, value, update));
        }
        any.then_some(out)
    }

    /// The field of a label standing alone, without its colon: a whole line (a `<dt>`, a table
    /// cell) or a whole marked element. `Ignored` labels count too, so their values are skipped.
    pub fn bare_label(&self, text: &str) -> Option<Field> {
        if text.len() > self.longest + 8 {
            return None;
        }
        let t =
            text.trim_matches(|c: char| c.is_whitespace() || c == crate::scrape::dom::text::SEP);
        if t.is_empty() || t.contains(crate::scrape::dom::text::SEP) {
            return None;
        }
        self.field_of(t)
    }

    /// True for a metadata line, not body text: one that starts with a label, or a short one
    /// that holds two labels, or a label and a date.
    pub fn is_meta_line(&self, line: &str) -> bool {
        // A question is never metadata (`Reporter: How will Guangxi…?` in an interview).
        if line.len() > MAX_META_LINE * 4 || is_question(line) {
            return false;
        }
        // Every label ends with a colon: a line without one is searched no further.
        if !has_colon(line) || self.label_spans(line).next().is_none() {
            return byline(line).is_some();
        }
        let n = line.chars().count();
        if n > MAX_META_LINE {
            return false;
        }
        if byline(line).is_some() {
            return true;
        }
        let spans: Vec<(usize, usize)> = self.label_spans(line).collect();
        let starts: Vec<usize> = spans.iter().map(|s| s.0).collect();
        let Some(&first) = starts.first() else {
            return false;
        };
        if spans.len() == 1 && said_after(line, spans[0].1) {
            return false;
        }
        let before = &line[..first];
        before.chars().all(|c| !c.is_alphanumeric())
            || (n <= 160 && starts.len() >= 2)
            || (n <= 100
                && !in_a_sentence(line, before)
                && crate::scrape::date::parse_date(line).is_some())
    }

    /// True for a line of an event's details (`Date: March 28, 2024`, `Time: 9:00 am - 5:00
    /// pm`): one `Date` or `Time` label, at the start. In the middle of an article's text it is
    /// the text's own, not the article's metadata.
    pub fn event_line(&self, line: &str) -> bool {
        let mut spans = self.label_spans(line);
        let (Some((start, end)), None) = (spans.next(), spans.next()) else {
            return false;
        };
        let label = line[start..end]
            .trim_end_matches(|c: char| c == ':' || c == '：' || c.is_whitespace())
            .to_lowercase();
        start == 0 && matches!(label.as_str(), "date" | "time" | "日期" | "时间")
    }

    /// Reads the labelled fields from lines of text. The first value found for a field wins.
    pub fn read(&self, lines: &[String], into: &mut Labelled) {
        for (i, line) in lines.iter().enumerate() {
            if into.complete() {
                return;
            }
            // Prose is never a metadata line: long lines are passed over before any search
            // (one of more than four bytes a character is long without counting), and so are
            // questions.
            if line.len() > MAX_META_LINE * 4 || is_question(line) {
                continue;
            }
            let chars = line.chars().count();
            if chars > MAX_META_LINE {
                continue;
            }
            let next = lines.get(i + 1).map(String::as_str);
            // A quick yes/no before the slower search for where each label is.
            // Every label the search finds ends with a colon: lines without one skip it.
            let found = has_colon(line)
                .then(|| self.labelled(line, next))
                .flatten()
                .unwrap_or_else(|| self.bare_fields(line, next));
            // A count is read as ASCII digits: a line without one holds none.
            if !into.views_seen
                && (chars <= 40 || !found.is_empty())
                && line.bytes().any(|b| b.is_ascii_digit())
                && COUNT_FIRST.is_match(line)
                && let Some(n) = COUNT_FIRST.captures(line).and_then(|c| parse_count(&c[1]))
            {
                into.views_seen = true;
                into.views = Some(n);
            }
            // A byline may fill a line (`By Li Hua, Xinhua`) or one part of an info line
            // (`Updated: 2024-03-05 | By Li Hua`).
            if (into.author.is_none() || into.source.is_none()) && may_hold_byline(line) {
                let by = byline(line).or_else(|| {
                    line.contains(['|', '｜', '丨'])
                        .then(|| line.split(['|', '｜', '丨']).find_map(byline))
                        .flatten()
                });
                if let Some((name, agency)) = by {
                    if into.author.is_none() {
                        into.author = name;
                    }
                    if into.source.is_none() && found.iter().all(|f| f.0 != Field::Source) {
                        into.source = agency;
                    }
                }
            }
            if found.is_empty() {
                continue;
            }
            for (field, value, update) in found {
                match field {
                    Field::Published
                        if into.published.is_none()
                            || (into.published_is_update && !into.published_settled) =>
                    {
                        if into.published.is_some() && update {
                            continue;
                        }
                        if let Some(d) = crate::scrape::date::text_date(&value, false) {
                            into.published = Some(d);
                            into.published_is_update = update;
                        }
                    }
                    Field::Source if into.source.is_none() && !value.is_empty() => {
                        into.source = Some(before_date(&value));
                    }
                    Field::Editor if into.editor.is_none() && !value.is_empty() => {
                        into.editor = Some(before_date(&value));
                    }
                    Field::Views if !into.views_seen => {
                        into.views_seen = true;
                        // A counter filled by script is empty; what follows it (`3 pages`) is
                        // not its value.
                        let own = value.chars().all(|c| c.is_ascii_digit() || c == ',');
                        into.views = own.then(|| parse_count(&value)).flatten();
                    }
                    Field::Author if into.author.is_none() && !value.is_empty() => {
                        into.author = Some(before_date(&value));
                    }
                    _ => {}
                }
            }
            // An info line may carry its date unlabelled: `2021-05-06  Source: Hezhou Daily`,
            // `Source: Beihai Daily | 2021-07-13 09:45 | Editor: CXL`.
            if into.published.is_none() && crate::scrape::date::may_hold_date(line) {
                into.published = parse_date(&line.replace(crate::scrape::dom::text::SEP, " "));
            }
        }
    }
}

impl LabelMatcher {
    /// Labels without colons, each alone in its element: a line that is only a label takes the
    /// next line as its value (`<dt>Source</dt><dd>Xinhua</dd>`); in a marked line, an element
    /// that is only a label takes the next element's text (`<b>Source</b><span>Xinhua</span>`).
    /// Like [`LabelMatcher::labelled`], it is given lines of at most [`MAX_META_LINE`]
    /// characters.
    fn bare_fields(&self, line: &str, next: Option<&str>) -> Vec<(Field, String, bool)> {
        let sep = crate::scrape::dom::text::SEP;
        if let Some(f) = self.bare_label(line) {
            let value = next
                .filter(|n| n.chars().count() <= 120 && self.bare_label(n).is_none())
                .map(|n| trim_value(n).to_string())
                .unwrap_or_default();
            return vec![(f, value, is_update_label(line))];
        }
        if !line.contains(sep) {
            return Vec::new();
        }
        let mut parts = line
            .split(sep)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .peekable();
        let mut out = Vec::new();
        while let Some(part) = parts.next() {
            let Some(f) = self.bare_label(part) else {
                continue;
            };
            if let Some(value) = parts.next_if(|v| self.bare_label(v).is_none()) {
                out.push((f, trim_value(value).to_string(), is_update_label(part)));
            }
        }
        out
    }
}

/// True for a line holding a colon, ASCII or fullwidth (`：`, EF BC 9A in UTF-8): every label
/// ends with one. Told by a search for their first bytes.
fn has_colon(line: &str) -> bool {
    let b = line.as_bytes();
    let mut at = 0;
    while let Some(i) = memchr::memchr2(b':', 0xef, &b[at..]) {
        let c = at + i;
        if b[c] == b':' || b[c + 1..].starts_with(&[0xbc, 0x9a]) {
            return true;
        }
        at = c + 1;
    }
    false
}

/// True for a label naming an update time rather than the first release (`Updated:`). The
/// seed's own `updatetime:` is its only date and still counts when nothing else is given.
fn is_update_label(label: &str) -> bool {
    let has = |word: &[u8]| {
        label
            .as_bytes()
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word))
    };
    has(b"updat") || has(b"modif") || label.contains("更新")
}

/// One character of a label: a letter (case-folded) or a place where spaces may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelChar {
    Letter(char),
    Space,
}

/// A character with its case folded, so that labels match whatever the case (`ſ` as `s`, the
/// Kelvin sign as `k`, as a case-insensitive pattern would).
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut up = c.to_uppercase();
    let upper = match (up.next(), up.next()) {
        (Some(u), None) => u,
        _ => c,
    };
    let mut lower = upper.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => upper,
    }
}

/// Where a label starts when it ends at byte `end` of `line`, or `None`. Its words may be
/// separated by any run of spaces or marks, or by none.
fn match_back(line: &str, end: usize, label: &[LabelChar]) -> Option<usize> {
    let mut i = end;
    for lc in label.iter().rev() {
        match lc {
            LabelChar::Space => {
                i = line[..i]
                    .trim_end_matches(|ch: char| {
                        ch.is_whitespace() || ch == crate::scrape::dom::text::SEP
                    })
                    .len();
            }
            LabelChar::Letter(want) => {
                let got = line[..i].chars().next_back()?;
                if got != *want && fold(got) != *want {
                    return None;
                }
                i -= got.len_utf8();
            }
        }
    }
    Some(i)
}

/// What a label may follow: a non-letter or a Chinese character.
static LABEL_MAY_FOLLOW: std::sync::LazyLock<Regex> =
    std::sync::LazyLock::new(|| Regex::new(r"\A(?:[^\p{L}]|\p{Han})").expect("valid regex"));

/// A view count written number first: `1,532 views`, `88 hits`.
static COUNT_FIRST: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s|·,;\x1f(])(\d[\d,]*)[\s\x1f]*(?:views|hits|reads|visits|clicks)(?:$|[\s|·,;\x1f)])")
        .expect("valid regex")
});

static BYLINE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    // `By` one or two names (`Li Hua`, `LI HUA and WANG WEI`), perhaps where they wrote
    // (`in Nanning`), perhaps an agency or a site after a comma or a bar.
    const NAME: &str = r"\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}";
    let place = r"\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*){0,2}";
    let agency = r"\p{Lu}[\p{L} .'’&-]{1,40}|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org)";
    Regex::new(&format!(
        r"^(?i:by)\s+({NAME}(?:\s+(?:and|&)\s+{NAME})?)(?:\s+in\s+{place})?(?:\s*[,|/]\s*({agency}))?$"
    ))
    .expect("valid regex")
});

/// News agencies that sign stories `By Xinhua`: a source, not an author.
const AGENCIES: &[&str] = &[
    "xinhua",
    "china daily",
    "cgtn",
    "chinanews",
    "people's daily",
    "guangxi daily",
    "ecns",
    "cctv",
];

/// True when what follows a line's only label (from byte `end`) is a sentence, not a value:
/// eight words or more ending like a sentence (a speaker's line in an interview, `Editor:
/// Sorry to interrupt, but …`), or words that start in lower case (`Source: of frustration
/// for farmers was …`). A value is a name, a date or a number.
fn said_after(line: &str, end: usize) -> bool {
    let value = line[end..]
        .trim_start_matches(|c: char| c.is_whitespace() || c == crate::scrape::dom::text::SEP);
    let words = || value.split_whitespace();
    let lower_start = words()
        .next()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_lowercase()))
        && words().nth(2).is_some();
    ends_like_sentence(line) && (words().nth(7).is_some() || lower_start)
}

/// True when the label a line's text `before` precedes stands in a sentence that quotes a sign
/// or a notice (`A banner at the gate read: "… Sept 24, 2024".`): words of its own before the
/// label, and the line ends like a sentence.
fn in_a_sentence(line: &str, before: &str) -> bool {
    before.split_whitespace().nth(1).is_some() && ends_like_sentence(line)
}

/// A line that ends like a sentence: a full stop, an exclamation or a question mark, perhaps
/// inside closing quotes or brackets.
fn ends_like_sentence(line: &str) -> bool {
    line.trim_end_matches(|c: char| {
        c.is_whitespace() || c == crate::scrape::dom::text::SEP || "\"”’')）".contains(c)
    })
    .ends_with(['.', '!', '?', '。', '！', '？'])
}

/// False for a line with no `by ` in it (in any case): it holds no byline.
fn may_hold_byline(line: &str) -> bool {
    // Found from each `y`, the rarer letter, by a search for it.
    let b = line.as_bytes();
    memchr::memchr2_iter(b'y', b'Y', b)
        .any(|i| i > 0 && (b[i - 1] | 0x20) == b'b' && b.get(i + 1) == Some(&b' '))
}

/// A line that asks a question: an interviewer's (`Reporter: How will…?`), never a label's
/// value.
fn is_question(line: &str) -> bool {
    line.trim_end_matches(|c: char| c.is_whitespace() || c == crate::scrape::dom::text::SEP)
        .ends_with(['?', '？'])
}

/// A `By Name` byline: the author, and the agency when one is named (`By Li Hua, Xinhua`). A
/// byline naming only an agency gives the agency and no author.
fn byline(line: &str) -> Option<(Option<String>, Option<String>)> {
    let start =
        line.trim_start_matches(|c: char| c.is_whitespace() || c == crate::scrape::dom::text::SEP);
    if line.len() > 80
        || !(start.starts_with("By ") || start.starts_with("BY ") || start.starts_with("by "))
    {
        return None;
    }
    let plain = crate::scrape::dom::text::unmark(line);
    let c = BYLINE.captures(&plain)?;
    let name = c.get(1)?.as_str().trim().to_string();
    let agency = c.get(2).map(|m| m.as_str().trim().to_string());
    let lower = name.to_lowercase();
    if AGENCIES.contains(&lower.as_str()) {
        return Some((None, Some(name)));
    }
    // A person is named in two words or more (`By Li Hua`); a travel guide's subheading is
    // not a byline (`By Air`, `By High-Speed Rail`).
    const WAYS: &[&str] = &[
        "air",
        "rail",
        "train",
        "trains",
        "bus",
        "buses",
        "coach",
        "sea",
        "road",
        "car",
        "cars",
        "land",
        "plane",
        "ship",
        "boat",
        "ferry",
        "subway",
        "metro",
        "taxi",
        "bike",
        "bicycle",
        "foot",
        "flight",
        "high-speed",
        "water",
        "river",
    ];
    // Nor is a phrase (`By The Numbers`, `By Land And Sea`): a name holds no article,
    // determiner or joining word.
    const PHRASE_WORDS: &[&str] = &[
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "our",
        "your",
        "its",
        "their",
        "and",
        "or",
        "of",
        "in",
        "on",
        "for",
        "to",
        "with",
        "from",
        "at",
        "then",
        "now",
        "all",
        "far",
        "way",
        "tour",
        "tours",
        "invitation",
        "only",
        "appointment",
        "request",
        "default",
        "design",
        "chance",
        "phone",
        "mail",
        "email",
        "post",
        "self-driving",
        "driving",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "morning",
        "evening",
        "night",
        "noon",
        "midnight",
        "day",
        "week",
        "month",
        "year",
        "end",
    ];
    // Each person of `Li Hua and Wang Wei` is such a name.
    let person = |p: &str| {
        let words = || p.split_whitespace();
        words().nth(1).is_some() && !words().any(|w| WAYS.contains(&w) || PHRASE_WORDS.contains(&w))
    };
    if !lower
        .split(" and ")
        .flat_map(|p| p.split(" & "))
        .all(person)
    {
        return None;
    }
    Some((Some(name), agency))
}

/// A name or source without the date that runs on after it (`Lu Ming 2020-11-16 10:20`,
/// `Xinhua 10:20 2024-03-05`): cut at the first space after which a date starts (a year
/// `19xx`/`20xx` then `-`, `/`, `.` or `年` and a digit), perhaps after a time of day.
fn before_date(value: &str) -> String {
    let b = value.as_bytes();
    let digits = |i: usize, n: usize| {
        b.get(i..i + n)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let spaces = |mut i: usize| {
        while let Some(c) = value[i..].chars().next().filter(|c| c.is_whitespace()) {
            i += c.len_utf8();
        }
        i
    };
    // A date at `i`: the year, its separator, a digit.
    let date_at = |i: usize| {
        (b[i..].starts_with(b"19") || b[i..].starts_with(b"20"))
            && digits(i, 4)
            && [&b"-"[..], b"/", b".", "年".as_bytes()]
                .iter()
                .find(|sep| b[i + 4..].starts_with(sep))
                .is_some_and(|sep| digits(i + 4 + sep.len(), 1))
    };
    // A time of day at `i` (`10:20`, `9:05:30`) and a space after it: where what follows starts.
    let time_at = |i: usize| {
        let h = (1..=2)
            .rev()
            .find(|&n| digits(i, n) && b.get(i + n) == Some(&b':'))?;
        let mut j = i + h + 1;
        if !digits(j, 2) {
            return None;
        }
        j += 2;
        if b.get(j) == Some(&b':') && digits(j + 1, 2) {
            j += 3;
        }
        let k = spaces(j);
        (k > j).then_some(k)
    };
    let cut = value.char_indices().find_map(|(i, c)| {
        if !c.is_whitespace() {
            return None;
        }
        let start = spaces(i);
        let at = time_at(start).unwrap_or(start);
        (at < b.len() && date_at(at)).then_some(i)
    });
    match cut.map(|i| value[..i].trim()) {
        Some(c) if !c.is_empty() => c.to_string(),
        _ => value.trim().to_string(),
    }
}

/// Where the buttons an info line ends with start in `s` (its length when there are none): a
/// `【` after the value, or a button's word after a space (`Font:`, `[Print]`, `Share to`).
fn widgets_start(s: &str) -> usize {
    const BUTTONS: &[&[u8]] = &[
        b"[font",
        b"[print",
        b"[close",
        b"[share",
        b"font:",
        "font：".as_bytes(),
        b"font size",
        b"text size",
        b"share to",
        b"share:",
        "share：".as_bytes(),
        b"print]",
    ];
    let b = s.as_bytes();
    // Buttons start after a space (a `【` anywhere after the value): only those places are
    // compared, without lowering the value.
    (1..b.len())
        .find(|&i| {
            b[i..].starts_with("【".as_bytes())
                || (b[i - 1].is_ascii_whitespace()
                    && BUTTONS.iter().any(|w| {
                        b.get(i..i + w.len())
                            .is_some_and(|h| h.eq_ignore_ascii_case(w))
                    }))
        })
        .unwrap_or(s.len())
}

/// Trims the separators that sit between labelled values.
fn trim_value(s: &str) -> &str {
    // A value ends where its element does (see `text::SEP`); the first non-empty piece is it.
    let s = s
        .split(crate::scrape::dom::text::SEP)
        .map(str::trim)
        .find(|p| {
            !p.is_empty()
                && !p
                    .chars()
                    .all(|c| matches!(c, '|' | '｜' | '丨' | '/' | ',' | ';' | '·'))
        })
        .unwrap_or("");
    let s = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '|' | '｜' | '丨' | '/' | ',' | ';' | '·' | '【' | '】')
    });
    // A value ends at the next separator bar (`Guangxi Daily | 2024-01-24 09:00`).
    let s = s.split(['|', '｜', '丨']).next().unwrap_or(s).trim_end();
    // A value ends where the info line's buttons start (`Xinhua 【Print】【Close】`, `2345
    // Font: L S`, `Xinhua Share to:`).
    let s = s[..widgets_start(s)].trim_end();
    // A bracket closing what the value never opened belongs to the text around it
    // (`[Editor: Wei Dan]`), and so does one opening what it never closes.
    let mut s = s;
    for (open, close) in [('[', ']'), ('(', ')'), ('（', '）'), ('【', '】')] {
        if s.ends_with(close) && !s.contains(open) {
            s = s[..s.len() - close.len_utf8()].trim_end();
        }
        if s.starts_with(open) && !s.contains(close) {
            s = s[open.len_utf8()..].trim_start();
        }
    }
    s
}

/// A view count: the first run of digits, thousands separators allowed. Empty (script-filled) or
/// non-numeric values give `None`.
pub fn parse_count(s: &str) -> Option<u64> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    if s[..start].chars().any(char::is_alphanumeric) {
        return None;
    }
    let digits: String = s[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scrape::profile::Profile;

    fn read(lines: &[&str]) -> Labelled {
        let m = LabelMatcher::new(&Profile::default().labels);
        let lines: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        let mut l = Labelled::default();
        m.read(&lines, &mut l);
        l
    }

    /// Each line, read alone, names no field and is no metadata line.
    fn read_as_text(lines: &[&str]) {
        let m = LabelMatcher::new(&Profile::default().labels);
        for line in lines {
            assert_eq!(read(&[line]), Labelled::default(), "{line}");
            assert!(!m.is_meta_line(line), "{line}");
        }
    }

    /// A line may hold a byline exactly when `by ` stands in it, in any case: on samples and
    /// on every line of the corpus's text.
    #[test]
    fn bylines_are_looked_for_where_by_stands() {
        let mut lines: Vec<String> = [
            "By Li",
            "BY LI",
            "bY x",
            "by",
            "baby ",
            "Y by",
            "yb y",
            "中by 文",
        ]
        .map(str::to_string)
        .to_vec();
        lines.extend(crate::scrape::corpus_text_nodes());
        let mut held = 0;
        for l in &lines {
            let want = l.as_bytes().windows(3).any(|w| {
                w[0].eq_ignore_ascii_case(&b'b') && w[1].eq_ignore_ascii_case(&b'y') && w[2] == b' '
            });
            assert_eq!(may_hold_byline(l), want, "{l:?}");
            held += usize::from(want);
        }
        assert!(held > 20, "{held}");
    }

    /// A colon is found, ASCII or fullwidth, and no other fullwidth character is one.
    #[test]
    fn colons_are_told_by_their_bytes() {
        for (line, want) in [
            ("Source: Xinhua", true),
            ("来源：广西日报", true),
            ("ｘｙ：", true),
            ("ｘｙｚ", false),
            ("（广西）", false),
            ("no colon here", false),
            ("", false),
        ] {
            assert_eq!(has_colon(line), want, "{line:?}");
            assert_eq!(has_colon(line), line.contains([':', '：']), "{line:?}");
        }
    }

    /// The labels' spans found by the search for labels alone are the whole pattern's first
    /// group.
    #[test]
    fn label_spans_are_the_patterns_group() {
        let m = LabelMatcher::new(&Profile::default().labels);
        for line in [
            "updatetime: 2021-01-25 16:56:51\u{a0}View: 0\u{a0}Source: Guangxi Daily",
            "Source:Xinhua|Editor:Li",
            "来源：广西日报 编辑：李明",
            "发布时间：2021-01-25",
            "文章来源：新华社",
            "的来源：新华社",
            "16:56:51View:0",
            "(Source: Xinhua)",
            "Web Editor: Lu Ming",
            "Responsible editor: Wang",
            "\u{1f}Source\u{1f}:\u{1f}Xinhua",
            "no labels here: none",
            "Source:Editor: x",
            "a:Editor:b:Source:c",
            "xSource: a",
            "ÉSource: a",
            "中文Source: x",
            "EditorEditor: a",
            "Source : : Editor :x",
            "sources: none, resources: none",
            "Σ Views:3",
            "ſource: x",
            "WEBEDITOR:a",
            "Web \u{1f} Editor : b",
            "Edi tor: z",
            "x:y:Source",
            "：：Source：：Editor",
            "Source\u{ff1a}x\u{ff0c}y",
            "",
        ] {
            assert_eq!(spans(&m, line), reference(&m, line), "{line}");
        }
        // And every line of text on every corpus page.
        let mut lines = 0;
        for node in crate::scrape::corpus_text_nodes() {
            for line in node.lines() {
                assert_eq!(spans(&m, line), reference(&m, line), "{line}");
                lines += 1;
            }
        }
        assert!(lines > 10_000, "{lines}");
    }

    fn spans(m: &LabelMatcher, line: &str) -> Vec<(usize, usize)> {
        m.label_spans(line).collect()
    }

    fn reference(m: &LabelMatcher, line: &str) -> Vec<(usize, usize)> {
        m.re.captures_iter(line)
            .filter_map(|c| c.get(1).map(|g| (g.start(), g.end())))
            .collect()
    }

    #[test]
    fn seed_info_line() {
        let l = read(&["updatetime:2021-01-25 16:56:51 View:0 Source:en.gxzf.gov.cn"]);
        assert_eq!(
            l.published.unwrap().to_rfc3339(),
            "2021-01-25T16:56:51+08:00"
        );
        assert_eq!(l.views, Some(0));
        assert_eq!(l.source.as_deref(), Some("en.gxzf.gov.cn"));
    }

    #[test]
    fn run_together_and_fullwidth() {
        let l = read(&["Update time:2021-01-25 16:56View:1,532Source：Guangxi Daily|Editor:LQ"]);
        assert_eq!(
            l.published.unwrap().to_rfc3339(),
            "2021-01-25T16:56:00+08:00"
        );
        assert_eq!(l.views, Some(1532));
        assert_eq!(l.source.as_deref(), Some("Guangxi Daily"));
        assert_eq!(l.editor.as_deref(), Some("LQ"));
    }

    #[test]
    fn label_and_value_on_separate_lines() {
        let l = read(&["Source:", "Xinhua", "Web Editor:", "MXJ", "Hits:"]);
        assert_eq!(l.source.as_deref(), Some("Xinhua"));
        assert_eq!(l.editor.as_deref(), Some("MXJ"));
        assert!(l.views_seen);
        assert_eq!(l.views, None);
    }

    #[test]
    fn chinese_labels() {
        let l = read(&["发布时间：2021-03-05 08:30 来源：广西日报 作者：李华"]);
        assert_eq!(
            l.published.unwrap().to_rfc3339(),
            "2021-03-05T08:30:00+08:00"
        );
        assert_eq!(l.source.as_deref(), Some("广西日报"));
        // An author is not an editor: it stands in for one only on a page naming none.
        assert_eq!(l.editor, None);
        assert_eq!(l.author.as_deref(), Some("李华"));
        let l = read(&["责任编辑：韦丽 作者：李华"]);
        assert_eq!(l.editor.as_deref(), Some("韦丽"));
    }

    #[test]
    fn labels_without_colons_in_cells_and_elements() {
        // <dl><dt>Source</dt><dd>Xinhua</dd><dt>Release time</dt><dd>…</dd></dl>
        let l = read(&[
            "Source",
            "Xinhua",
            "Release time",
            "2023-06-12 09:30",
            "Views",
            "88",
        ]);
        assert_eq!(l.source.as_deref(), Some("Xinhua"));
        assert_eq!(
            l.published.unwrap().to_rfc3339(),
            "2023-06-12T09:30:00+08:00"
        );
        assert_eq!(l.views, Some(88));
        // <b>Origin</b><span>Guangxi Daily</span> <b>Responsible editor</b><span>Wei Lan</span>
        let sep = crate::scrape::dom::text::SEP;
        let marked = format!(
            "{sep}Origin{sep}{sep}Guangxi Daily{sep} {sep}Responsible editor{sep}{sep}Wei Lan{sep}"
        );
        let l = read(&[marked.as_str()]);
        assert_eq!(l.source.as_deref(), Some("Guangxi Daily"));
        assert_eq!(l.editor.as_deref(), Some("Wei Lan"));
        // A photographer's label takes its value away from the fields.
        let l = read(&["Photo", "Huang Xia", "Source", "Xinhua"]);
        assert_eq!(l.editor, None);
        assert_eq!(l.source.as_deref(), Some("Xinhua"));
    }

    #[test]
    fn a_release_time_wins_over_an_update_time_given_first() {
        let l = read(&["Updated: 2021-01-26 08:12 | Published: 2021-01-25 17:40"]);
        assert_eq!(
            l.published.unwrap().to_rfc3339(),
            "2021-01-25T17:40:00+08:00"
        );
        // Alone, an update label is the page's date (the seed's `updatetime:`).
        let l = read(&["updatetime:2021-01-25 16:56:51 View:0"]);
        assert_eq!(
            l.published.unwrap().to_rfc3339(),
            "2021-01-25T16:56:51+08:00"
        );
    }

    #[test]
    fn values_end_where_the_next_thing_starts() {
        let l = read(&["Source: Xinhua Comments: 0 Read: 2318"]);
        assert_eq!(l.source.as_deref(), Some("Xinhua"));
        assert_eq!(l.views, Some(2318));
        let l = read(&["Source: Chongzuo Daily  Editor: Lu Ming 2020-11-16 10:20"]);
        assert_eq!(l.editor.as_deref(), Some("Lu Ming"));
        let l = read(&["Views:", "3 pages"]);
        assert!(l.views_seen);
        assert_eq!(
            l.views, None,
            "a script-filled counter is not the next line's number"
        );
        let l = read(&["成文日期：2021-01-18 发文日期：2021-01-25"]);
        assert_eq!(
            l.published.unwrap().to_rfc3339(),
            "2021-01-25T00:00:00+08:00"
        );
    }

    #[test]
    fn bylines_name_authors_or_agencies() {
        let l = read(&["By Li Hua"]);
        assert_eq!(l.author.as_deref(), Some("Li Hua"));
        let l = read(&["By Huang Ke, Xinhua"]);
        assert_eq!(l.author.as_deref(), Some("Huang Ke"));
        assert_eq!(l.source.as_deref(), Some("Xinhua"));
        let l = read(&["By Xinhua"]);
        assert_eq!(l.author, None);
        assert_eq!(l.source.as_deref(), Some("Xinhua"));
        let l = read(&["By 2025, Guangxi will have built 20 new ports along the Xijiang River."]);
        assert_eq!(l, Labelled::default());
        // Where they wrote, two names, an agency's site, a part of an info line.
        for (line, author, source) in [
            ("By LI HUA in Nanning", Some("LI HUA"), None),
            ("Source: Xinhua 10:20 2024-03-05", None, Some("Xinhua")),
            (
                "By Li Hua | chinadaily.com.cn",
                Some("Li Hua"),
                Some("chinadaily.com.cn"),
            ),
            (
                "By LI HUA and WANG WEI in Nanning",
                Some("LI HUA and WANG WEI"),
                None,
            ),
            ("Updated: 2024-03-05 | By Li Hua", Some("Li Hua"), None),
            (
                "By Li Hua | Updated: 2024-03-05 10:20",
                Some("Li Hua"),
                None,
            ),
            (
                "By LI HUA and WANG WEI in Nanning | China Daily | Updated: 2024-03-05",
                Some("LI HUA and WANG WEI"),
                None,
            ),
            (
                "Source: Xinhua | By Li Hua, Guangxi Daily",
                Some("Li Hua"),
                Some("Xinhua"),
            ),
        ] {
            let l = read(&[line]);
            assert_eq!(l.author.as_deref(), author, "{line}");
            assert_eq!(l.source.as_deref(), source, "{line}");
        }
        // Phrases that start like a byline.
        for phrase in [
            "By The Numbers",
            "By Land And Sea",
            "By Then",
            "By Air and Sea",
            "By Li Hua, staff reporter",
            "By Self-Driving Tour",
            "By Invitation Only",
            "By Monday Evening",
        ] {
            assert_eq!(read(&[phrase]), Labelled::default(), "{phrase}");
        }
    }

    /// A sentence quoting a sign names no field and is no metadata line; an info line that
    /// ends with a full stop still is.
    #[test]
    fn a_sentence_quoting_a_label_names_nothing() {
        let m = LabelMatcher::new(&Profile::default().labels);
        read_as_text(&[
            "A banner at the gate read: \"Welcome to the expo, Sept 24, 2024\".",
            "The notice came from: the regional office, on 2024-03-01.",
        ]);
        for (line, source) in [
            ("Source: Xinhua.", "Xinhua."),
            ("2021-05-06 Source: Hezhou Daily.", "Hezhou Daily."),
        ] {
            assert_eq!(read(&[line]).source.as_deref(), Some(source), "{line}");
            assert!(m.is_meta_line(line), "{line}");
        }
    }

    /// A value stops where the info line's buttons start.
    #[test]
    fn values_stop_before_buttons() {
        let l = read(&["Updated: 2024-03-05 10:20 Source: Xinhua 【Font: Big Small】"]);
        assert_eq!(l.source.as_deref(), Some("Xinhua"));
        let l = read(&["Source: Xinhua 【Print】【Close】 Editor: Li Hua 【Print】"]);
        assert_eq!(l.source.as_deref(), Some("Xinhua"));
        assert_eq!(l.editor.as_deref(), Some("Li Hua"));
        let l = read(&["Source: Xinhua Font: L S"]);
        assert_eq!(l.source.as_deref(), Some("Xinhua"));
        let l = read(&["Source: Xinhua Share to: WeChat"]);
        assert_eq!(l.source.as_deref(), Some("Xinhua"));
        for line in [
            "Views: 2345 【Font: Big Small】",
            "Views: 2345 【Print】",
            "Views: 2345 [Font: L]",
            "Views: 2345 Font: L",
        ] {
            assert_eq!(read(&[line]).views, Some(2345), "{line}");
        }
        // A value that holds such a word inside a name keeps it.
        let l = read(&["Source: 【Guangxi Daily】"]);
        assert_eq!(l.source.as_deref(), Some("Guangxi Daily"));
        let l = read(&["Source: Fontaine Press"]);
        assert_eq!(l.source.as_deref(), Some("Fontaine Press"));
    }

    /// A sentence after a line's only label (a speaker's line, a paragraph that starts with a
    /// label's word) is text: no field, no metadata line. Values stay values.
    #[test]
    fn a_sentence_after_a_label_is_text() {
        read_as_text(&[
            "Editor: Sorry to interrupt, but could we come back to the canal for a moment.",
            "Source: of frustration for many farmers was the long drought last summer.",
            "From: the perspective of investors, the new port is a welcome change.",
        ]);
        for (line, source) in [
            ("Source: en.gxzf.gov.cn", "en.gxzf.gov.cn"),
            ("Source: Xinhua.", "Xinhua."),
            ("From: the Guangxi Daily", "the Guangxi Daily"),
        ] {
            assert_eq!(read(&[line]).source.as_deref(), Some(source), "{line}");
        }
    }

    /// A name is cut before the date that runs on after it, with or without a time first.
    #[test]
    fn names_stop_before_a_trailing_date() {
        for (value, want) in [
            ("Lu Ming 2020-11-16 10:20", "Lu Ming"),
            ("Xinhua 10:20 2024-03-05", "Xinhua"),
            ("Xinhua  9:05:30  2024/03/05", "Xinhua"),
            ("Guangxi Daily 2024年3月5日", "Guangxi Daily"),
            ("2024-03-05", "2024-03-05"),
            ("Guangxi Daily", "Guangxi Daily"),
            ("People's Daily 2024 edition", "People's Daily 2024 edition"),
            ("Team 10:20 club", "Team 10:20 club"),
            (" Li Hua ", "Li Hua"),
        ] {
            assert_eq!(before_date(value), want, "{value:?}");
        }
    }

    /// The wordings other CMSs give the publication date.
    #[test]
    fn more_date_labels() {
        for line in [
            "Created: 2024-03-05",
            "Pubdate: 2024-03-05",
            "Date of issue: 2024-03-05",
            "Published on: 2024-03-05",
            "Update: 2024-03-05",
            "Last updated: 2024-03-05",
            "Posted on: 2024-03-05",
            "Issued: 2024-03-05",
        ] {
            assert_eq!(
                read(&[line]).published.map(|d| d.to_rfc3339()).as_deref(),
                Some("2024-03-05T00:00:00+08:00"),
                "{line}"
            );
        }
    }

    #[test]
    fn words_containing_labels_do_not_match() {
        let l = read(&["Resource: none", "Outsourced:yes"]);
        assert_eq!(l.source, None);
    }
}
