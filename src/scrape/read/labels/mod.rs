//! Metadata found by its labels (`updatetime:`, `Source：`, `Web Editor:` …), whether label and
//! value share a text node, sit in separate elements, or run together with no space between.

pub(crate) mod byline;
mod scan;
#[cfg(test)]
mod tests;
mod value;

use chrono::{DateTime, FixedOffset};
use regex::Regex;

use crate::scrape::date::{may_hold_date, parse_date, text_date};
use crate::scrape::dom::text::{MAX_META_LINE, SEP};
use crate::scrape::profile::Labels;
use crate::scrape::rules::{BylineRules, InfoLineRules, Rules};
use byline::{byline, may_hold_byline};
use scan::{LABEL_MAY_FOLLOW, LabelChar, fold, has_colon, is_update_label, match_back};
pub use value::parse_count;
use value::{before_date, count_first, in_a_sentence, is_question, said_after, trim_value};

/// A line this short (in characters) may be a view count alone (`1,532 views`); a longer one
/// is read for a count only when it holds labels too.
const MAX_COUNT_LINE: usize = 40;

/// A line holding two labels is a metadata line when it has at most this many characters.
const MAX_TWO_LABEL_LINE: usize = 160;

/// A line holding a label and a date is a metadata line when it has at most this many
/// characters.
const MAX_DATED_LABEL_LINE: usize = 100;

/// A line standing for a label's value is at most this long (in characters).
const MAX_BARE_VALUE: usize = 120;

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
    /// The labels, filed by the folded case of their last letter: a label is found by reading
    /// back from a colon.
    by_last: rustc_hash::FxHashMap<char, Vec<Vec<LabelChar>>>,
    /// Each label without its spaces, lower-cased, to its field (the first list naming it wins).
    by_key: rustc_hash::FxHashMap<String, Field>,
    /// The longest label in bytes, spaces included: longer text is never a label.
    longest: usize,
    /// What a `By Name` byline may name.
    bylines: BylineRules,
    /// The info line's words besides its labels.
    info: InfoLineRules,
    /// A view count written number first (`1,532 views`), by the rules' count words.
    count_first: Regex,
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
    pub fn new(labels: &Labels, rules: &Rules) -> LabelMatcher {
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
            by_last,
            by_key,
            longest,
            bylines: rules.bylines.clone(),
            info: rules.info_lines.clone(),
            count_first: count_first(&rules.info_lines.count_words),
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
                if !(b.is_ascii_whitespace() || b == 0x0b || char::from(b) == SEP) {
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
            if !(c.is_whitespace() || c == SEP) {
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
                .trim_end_matches(|ch: char| ch.is_whitespace() || ch == SEP)
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
            let mut value = trim_value(&self.info, &line[*end..stop]).to_string();
            let last = i + 1 == hits.len();
            if let Some(n) = next.filter(|n| {
                value.is_empty()
                    && last
                    && n.chars().count() <= MAX_META_LINE
                    && self.label_spans(n).next().is_none()
            }) {
                value = trim_value(&self.info, n).to_string();
            }
            let update = is_update_label(&self.info, &line[hits[i].0..*end]);
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
        let t = text.trim_matches(|c: char| c.is_whitespace() || c == SEP);
        if t.is_empty() || t.contains(SEP) {
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
            return byline(&self.bylines, line).is_some();
        }
        let n = line.chars().count();
        if n > MAX_META_LINE {
            return false;
        }
        if byline(&self.bylines, line).is_some() {
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
            || (n <= MAX_TWO_LABEL_LINE && starts.len() >= 2)
            || (n <= MAX_DATED_LABEL_LINE
                && !in_a_sentence(line, before)
                && parse_date(line).is_some())
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
        start == 0 && self.info.event_labels.contains(&label)
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
            self.read_count(line, chars, &found, into);
            self.read_byline(line, &found, into);
            if found.is_empty() {
                continue;
            }
            // A line whose only labels name no field (`FILE PHOTO: … January 16, 2020`) is a
            // caption or a credit: a date in it is the picture's, not the article's.
            let names_a_field = found.iter().any(|f| f.0 != Field::Ignored);
            take_fields(found, into);
            // An info line may carry its date unlabelled: `2021-05-06  Source: Hezhou Daily`,
            // `Source: Beihai Daily | 2021-07-13 09:45 | Editor: CXL`.
            if into.published.is_none() && names_a_field && may_hold_date(line) {
                into.published = parse_date(&line.replace(SEP, " "));
            }
        }
    }

    /// Takes a view count written number first (`1,532 views`) from a short line, or from a
    /// line that holds labels.
    fn read_count(
        &self,
        line: &str,
        chars: usize,
        found: &[(Field, String, bool)],
        into: &mut Labelled,
    ) {
        // A count is read as ASCII digits: a line without one holds none.
        if !into.views_seen
            && (chars <= MAX_COUNT_LINE || !found.is_empty())
            && line.bytes().any(|b| b.is_ascii_digit())
            && self.count_first.is_match(line)
            && let Some(n) = self
                .count_first
                .captures(line)
                .and_then(|c| parse_count(&c[1]))
        {
            into.views_seen = true;
            into.views = Some(n);
        }
    }

    /// Takes the author and agency of a byline, which may fill a line (`By Li Hua, Xinhua`) or
    /// one part of an info line (`Updated: 2024-03-05 | By Li Hua`).
    fn read_byline(&self, line: &str, found: &[(Field, String, bool)], into: &mut Labelled) {
        if (into.author.is_some() && into.source.is_some()) || !may_hold_byline(line) {
            return;
        }
        let by = byline(&self.bylines, line).or_else(|| {
            line.contains(['|', '｜', '丨'])
                .then(|| {
                    line.split(['|', '｜', '丨'])
                        .find_map(|part| byline(&self.bylines, part))
                })
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
}

/// Takes the labelled fields of one line, as `(field, value, is an update label)`: the first
/// value found for a field wins, but a publication label beats an update label found first.
fn take_fields(found: Vec<(Field, String, bool)>, into: &mut Labelled) {
    for (field, value, update) in found {
        match field {
            Field::Published
                if into.published.is_none()
                    || (into.published_is_update && !into.published_settled) =>
            {
                if into.published.is_some() && update {
                    continue;
                }
                if let Some(d) = text_date(&value, false) {
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
                // A counter filled by script is empty; what follows it (`3 pages`) is not its
                // value.
                let own = value.chars().all(|c| c.is_ascii_digit() || c == ',');
                into.views = own.then(|| parse_count(&value)).flatten();
            }
            Field::Author if into.author.is_none() && !value.is_empty() => {
                into.author = Some(before_date(&value));
            }
            _ => {}
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
        let sep = SEP;
        if let Some(f) = self.bare_label(line) {
            let value = next
                .filter(|n| n.chars().count() <= MAX_BARE_VALUE && self.bare_label(n).is_none())
                .map(|n| trim_value(&self.info, n).to_string())
                .unwrap_or_default();
            return vec![(f, value, is_update_label(&self.info, line))];
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
                out.push((
                    f,
                    trim_value(&self.info, value).to_string(),
                    is_update_label(&self.info, part),
                ));
            }
        }
        out
    }
}
