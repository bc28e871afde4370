//! The text block reader: the element holding the article's text (the profile's content
//! selectors, else the content-density search), read into paragraphs and images by gxnews's own
//! walker. What the profile drops, page furniture, metadata lines, boilerplate and lists of
//! links are left out.

use ego_tree::NodeId;
use scraper::ElementRef;

use crate::model::{Image, Link};
use crate::scrape::candidate::Body;
use crate::scrape::date::world::{Months, date_alone};
use crate::scrape::doc::Doc;
use crate::scrape::dom::text::{self, Piece};
use crate::scrape::read::labels::LabelMatcher;
use crate::scrape::read::{copies, figures};
use crate::scrape::rules::BodyRules;

/// A credit's start is looked for in this many first bytes of a line (a line shorter, or cut
/// inside a character there, starts with none).
const CREDIT_HEAD: usize = 12;

/// A bracketed group at a line's end longer than this (in bytes) is text, not a credit.
const MAX_CREDIT_GROUP: usize = 80;

/// A text block with fewer characters than this is an empty shell, not the article's text.
const MIN_BLOCK_CHARS: usize = 40;

/// What the text block reader found.
pub(crate) struct Block<'a> {
    pub container: ElementRef<'a>,
    /// The block came from the profile's content selectors (else from the density search).
    pub by_profile: bool,
    /// The block's pieces, with the images standing next to it.
    pub pieces: Vec<Piece>,
    /// The block's lines of text, for the label reader.
    pub lines: Vec<String>,
    /// Elements inside the block that the profile drops (info and editor lines among them).
    pub dropped: Vec<ElementRef<'a>>,
    /// The block reads as a list of headlines with summaries, not as an article.
    pub reads_as_list: bool,
}

/// Finds the text block and walks it. `crumb` is the breadcrumb's element, left out.
pub(crate) fn find<'a>(doc: &Doc<'a>, crumb: Option<NodeId>) -> Option<Block<'a>> {
    let (container, by_profile) = container(doc)?;
    // One walk of the text block finds what the profile drops and the side boxes, share
    // bars and pagers nested inside it.
    let mut excluded = text::NodeSet::default();
    let mut dropped = Vec::new();
    let drop: text::NodeSet = doc.hits.drop.iter().flatten().map(|e| e.id()).collect();
    for e in container.descendants().filter_map(ElementRef::wrap) {
        if drop.contains(&e.id()) {
            excluded.insert(e.id());
            dropped.push(e);
        } else if doc.facts.furniture(&e) {
            excluded.insert(e.id());
        }
    }
    if let Some(c) = crumb {
        excluded.insert(c);
    }
    let mut pieces = text::pieces(&doc.facts, container, &excluded);
    // Told on the block's own text, before the pictures around it join.
    let reads_as_list = reads_as_list(&pieces);
    let (lead, trailing) = figures::outside_images(
        &doc.rules.images,
        &doc.facts,
        container,
        crumb,
        doc.url.host_str(),
    );
    if !lead.is_empty() {
        pieces.splice(0..0, lead);
    }
    pieces.extend(trailing);
    let lines = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Line(l) => Some(l.text.clone()),
            Piece::Image { .. } => None,
        })
        .collect();
    Some(Block {
        container,
        by_profile,
        pieces,
        lines,
        dropped,
        reads_as_list,
    })
}

/// The profile's content element with the most text (of at least [`MIN_BLOCK_CHARS`]), else
/// the densest block of text; and whether the profile found it.
fn container<'a>(doc: &Doc<'a>) -> Option<(ElementRef<'a>, bool)> {
    for matches in &doc.hits.body {
        let best = matches
            .iter()
            .map(|&el| (text_chars(el), el))
            .filter(|(n, _)| *n >= MIN_BLOCK_CHARS)
            .max_by_key(|(n, _)| *n);
        if let Some((_, el)) = best {
            return Some((el, true));
        }
    }
    doc.main_block.map(|b| (b, false))
}

/// The paragraphs and images of walked pieces: captions go to their images; metadata lines,
/// the headline, boilerplate and lines of links are left out.
pub(crate) fn paragraphs(
    doc: &Doc,
    labels: &LabelMatcher,
    pieces: Vec<Piece>,
    title: &str,
) -> Body {
    let mut reading = Reading {
        doc,
        labels,
        title,
        body: Vec::new(),
        images: Vec::new(),
        links: Vec::new(),
        awaiting_caption: false,
        after_label: false,
        list_open: false,
        prose_seen: false,
    };
    for piece in join_rows(labels, pieces) {
        match piece {
            Piece::Image { src } => reading.image(&src),
            Piece::Line(line) => reading.line(line),
        }
    }
    let mut body = Body {
        paragraphs: reading.body,
        images: reading.images,
        links: reading.links,
    };
    copies::drop_copies(&mut body);
    body
}

/// A caption is a line of at most this many characters.
const MAX_CAPTION_CHARS: usize = 300;

/// A label's value on the line after it holds at most this many characters.
const MAX_LABEL_VALUE: usize = 120;

/// An item of a list the text announces holds at most this many characters.
const MAX_ITEM_CHARS: usize = 200;

/// A line of this many characters or more that is not a link is prose: after it, the text's
/// own `Date:` lines are its own.
const PROSE_CHARS: usize = 80;

/// The text block's pieces being read into paragraphs and images, and what the lines read so
/// far say about the next.
struct Reading<'r> {
    doc: &'r Doc<'r>,
    labels: &'r LabelMatcher,
    title: &'r str,
    body: Vec<String>,
    images: Vec<Image>,
    links: Vec<Link>,
    awaiting_caption: bool,
    /// After a label standing alone (`<dt>Source</dt>`), its value is metadata too.
    after_label: bool,
    /// A kept line ending with a colon (`The ten projects are:`) opens a list of the text's
    /// own: its items stay even when they are links, until a line that is not one.
    list_open: bool,
    /// Once the text has run a paragraph of prose, an event's `Date:` and `Time:` lines are
    /// its own details, not the article's metadata.
    prose_seen: bool,
}

impl Reading<'_> {
    /// A line above the text's prose that says only a date: the page's date line.
    fn date_line(&self, text: &str) -> bool {
        date_alone(text, Months::shared(), self.doc.day_first)
    }

    fn image(&mut self, src: &str) {
        let Some(url) = self.doc.resolve(src) else {
            return;
        };
        if figures::is_decorative(&self.doc.rules.images, &url)
            || self.images.iter().any(|i| i.url == url)
        {
            return;
        }
        // A caption is text the reader sees (a `<figcaption>`, a centred line under the
        // image), never the `alt` attribute.
        self.images.push(Image {
            url,
            caption: None,
            at: Some(self.body.len()),
        });
        self.awaiting_caption = true;
    }

    fn line(&mut self, line: text::Line) {
        let rules = &self.doc.rules.body;
        let is_caption = line.caption
            || (self.awaiting_caption
                && (line.centered || is_credited(rules, &line.text))
                && line.text.chars().count() <= MAX_CAPTION_CHARS);
        if self.awaiting_caption && is_caption {
            if let Some(img) = self.images.last_mut() {
                img.caption = Some(line.text);
            }
            self.awaiting_caption = false;
            return;
        }
        self.awaiting_caption = false;
        // A figure's caption with no picture kept for it is still not body text.
        if line.caption {
            return;
        }
        if std::mem::take(&mut self.after_label) && line.text.chars().count() <= MAX_LABEL_VALUE {
            return;
        }
        if self.labels.bare_label(&line.text).is_some() {
            self.after_label = true;
            return;
        }
        let chars = line.text.chars().count();
        let linked = line.link_chars * 2 > chars;
        let listed = self.list_open && chars <= MAX_ITEM_CHARS;
        let meta = (self.labels.is_meta_line(&line.text)
            && !(self.prose_seen && self.labels.event_line(&line.text)))
            || (!self.prose_seen && self.date_line(&line.text));
        if line.text == self.title
            || meta
            || is_boilerplate(rules, &line.text)
            || (linked && !listed && !is_prose(&line.text) && !is_attachment(rules, &line.text))
        {
            self.list_open = false;
            return;
        }
        self.list_open = if linked {
            self.list_open
        } else {
            announces_items(rules, &line.text)
        };
        self.prose_seen = self.prose_seen || (!linked && chars >= PROSE_CHARS);
        let paragraph = self.body.len();
        self.links.extend(line.links.into_iter().filter_map(|l| {
            Some(Link {
                paragraph,
                url: self.doc.resolve(&l.href)?,
                text: l.text,
            })
        }));
        self.body.push(line.text);
    }
}

/// Joins the cells of each data-table row into one line, cells separated by a space: a row
/// reads as one paragraph. A row that starts with a label (`Source`, `Release time`) is
/// metadata and keeps its cells apart, for the labels to be passed over with their values.
fn join_rows(labels: &LabelMatcher, pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut open_row: Option<u32> = None;
    let mut meta_row: Option<u32> = None;
    for piece in pieces {
        match piece {
            Piece::Line(line) if line.row.is_some() => {
                if open_row == line.row
                    && let Some(Piece::Line(prev)) = out.last_mut()
                {
                    prev.text.push(' ');
                    prev.text.push_str(&line.text);
                    prev.link_chars += line.link_chars;
                    prev.links.extend(line.links);
                    continue;
                }
                if meta_row != line.row && labels.bare_label(&line.text).is_some() {
                    meta_row = line.row;
                }
                open_row = if meta_row == line.row { None } else { line.row };
                out.push(Piece::Line(line));
            }
            other => {
                open_row = None;
                out.push(other);
            }
        }
    }
    out
}

/// A rough size of an element's text (script text included), enough to tell a text block from
/// an empty shell without walking it properly.
fn text_chars(el: ElementRef) -> usize {
    el.text()
        .map(|t| t.len() - t.matches(char::is_whitespace).count())
        .sum()
}

/// A card of a list of headlines holds at most this many lines of summary or date under its
/// headline link.
const MAX_SUMMARY_LINES: usize = 3;

/// A text block of fewer cards than this is an article with a few links, not a list.
const MIN_CARDS: usize = 3;

/// True when a text block is a list of headlines with summaries (cards: a headline link, one
/// or two lines of summary or date, the next headline link…) rather than an article: three or
/// more such cycles covering most of its lines. An article with a related-news box before or
/// after its text, or a few `Read more` links between long runs of paragraphs, is not one.
fn reads_as_list(pieces: &[Piece]) -> bool {
    let lines: Vec<&text::Line> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Line(l) => Some(l),
            Piece::Image { .. } => None,
        })
        .collect();
    let headline = |l: &text::Line| {
        let n = l.text.chars().count();
        l.link_chars * 2 > n
            && (l.text.split_whitespace().count() >= 3 || n >= 8)
            && n <= MAX_ITEM_CHARS
    };
    let mut cycles = 0;
    let mut covered = 0;
    let mut i = 0;
    while i < lines.len() {
        if !headline(lines[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < lines.len() && !headline(lines[j]) {
            j += 1;
        }
        let run = j - i - 1;
        if (1..=MAX_SUMMARY_LINES).contains(&run) && (j < lines.len() || cycles >= 2) {
            cycles += 1;
            covered += run + 1;
        }
        i = j;
    }
    cycles >= MIN_CARDS && covered * 3 >= lines.len() * 2
}

/// A line that reads as a sentence: long enough and ending like one, or of six words or more
/// ending with a full stop (`See the 2024 Transport Development Plan of Guangxi.`). A
/// paragraph wrapped in a link is still prose; a link list of headlines is not.
fn is_prose(line: &str) -> bool {
    let end = line.trim_end();
    (line.chars().count() >= PROSE_CHARS
        && end.ends_with([
            '.', '!', '?', '。', '！', '？', '"', '”', '\'', '’', ')', '）',
        ]))
        || (end.ends_with(['.', '。'])
            && !end.ends_with("...")
            && line.split_whitespace().nth(5).is_some())
}

/// A line that credits a photo (`… (Photo by Lu Boan)`, `… [Photo/Xinhua]`, `… (Xinhua/Lu
/// Boan)`, `Photo: …`, `Photo by …`): under a picture, its caption, whether or not it is
/// centred.
fn is_credited(body: &BodyRules, line: &str) -> bool {
    let t = line.trim_end();
    let head = t.get(..CREDIT_HEAD).unwrap_or("").to_ascii_lowercase();
    if body
        .credit_starts
        .iter()
        .any(|w| head.starts_with(w.as_str()))
    {
        return true;
    }
    // The last bracketed group: a photo's credit, or an agency and a name joined by a slash.
    let Some(close) = t
        .chars()
        .last()
        .filter(|c| matches!(c, ')' | ']' | '）' | '】'))
    else {
        return false;
    };
    let open = match close {
        ')' => '(',
        ']' => '[',
        '）' => '（',
        _ => '【',
    };
    let Some(start) = t.rfind(open) else {
        return false;
    };
    let group = &t[start + open.len_utf8()..t.len() - close.len_utf8()];
    if group.len() > MAX_CREDIT_GROUP {
        return false;
    }
    let lower = group.to_lowercase();
    body.credit_words.iter().any(|w| lower.contains(w.as_str()))
        || group.split_once('/').is_some_and(|(a, b)| {
            let name = |s: &str| {
                let s = s.trim();
                s.starts_with(|c: char| c.is_uppercase()) && s.split_whitespace().count() <= 4
            };
            name(a) && name(b)
        })
}

/// A line of the text that announces a list of its own (`The ten projects are:`), not a
/// pointer to more reading (`For more information, please visit:`, `Related stories:`).
fn announces_items(body: &BodyRules, line: &str) -> bool {
    if !line.ends_with([':', '：']) {
        return false;
    }
    let lower = line.to_lowercase();
    !body.more_reading.iter().any(|w| lower.contains(w.as_str()))
}

/// A line naming an attachment of the article (`Attachment: 2024 Work Report.pdf`): a link,
/// but the article's own.
fn is_attachment(body: &BodyRules, line: &str) -> bool {
    let b = line.as_bytes();
    body.attachments.iter().any(|a| {
        b.get(..a.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(a.as_bytes()))
    })
}

/// A disclaimer longer than this (in bytes) is text of its own, not a site's notice.
const MAX_DISCLAIMER: usize = 1200;

/// Boilerplate is short: a bar or a box's heading of more characters than this is text.
const MAX_BOILERPLATE_CHARS: usize = 60;

/// A line that starts with a disclaimer's word (`Disclaimer:`, `免责声明`), an English word
/// ending where the line's word does (`Disclaimers matter less` is text).
fn is_disclaimer(body: &BodyRules, line: &str) -> bool {
    let b = line.as_bytes();
    line.len() <= MAX_DISCLAIMER
        && body.disclaimers.iter().any(|d| {
            let d = d.as_bytes();
            b.get(..d.len()).is_some_and(|h| h.eq_ignore_ascii_case(d))
                && !(d.last().is_some_and(u8::is_ascii_alphabetic)
                    && b.get(d.len()).is_some_and(u8::is_ascii_alphabetic))
        })
}

/// A line of buttons alone (`Print | Close`, `Close window`), not a sentence that starts with
/// a button's word (`Close cooperation on border trade`).
fn is_button_line(body: &BodyRules, lower: &str) -> bool {
    let mut words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    words
        .next()
        .is_some_and(|first| body.button_leads.iter().any(|b| b == first))
        && words.all(|w| body.buttons.iter().any(|b| b == w))
}

/// A copyright line names its sign, its year or its rights (`Copyright © 2021 …`), not a
/// subject (`Copyright protection for ASEAN films`).
fn is_copyright(lower: &str) -> bool {
    lower.strip_prefix("copyright").is_some_and(|rest| {
        rest.contains('©')
            || rest.contains("(c)")
            || rest.contains("rights")
            || rest
                .as_bytes()
                .windows(4)
                .any(|w| w.iter().all(u8::is_ascii_digit))
    })
}

fn is_boilerplate(body: &BodyRules, line: &str) -> bool {
    // A disclaimer closes an article but is not its text, whatever its length.
    if is_disclaimer(body, line) {
        return true;
    }
    // A line of more than four bytes a character for each allowed is longer, and is not
    // lowered at all.
    if line.len() > MAX_BOILERPLATE_CHARS * 4 {
        return false;
    }
    let l = line.to_lowercase();
    if l.chars().count() > MAX_BOILERPLATE_CHARS {
        return false;
    }
    // Phrases that begin a bar or a box's heading, as whole words.
    let heading = body.boilerplate_starts.iter().any(|s| {
        l.strip_prefix(s.as_str())
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphabetic()))
    });
    heading || is_button_line(body, &l) || is_copyright(&l)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scrape::rules::Rules;

    /// Share, print and close buttons are boilerplate; short text that starts with the same
    /// letters is not.
    #[test]
    fn boilerplate_is_told_by_whole_words() {
        let rules = Rules::default();
        for b in [
            "Print",
            "[Print]",
            "Close",
            "print | close",
            "Share to:",
            "Copyright © 2021",
            "Scan the QR code to share this article",
            "Follow us on WeChat.",
            "Also read:",
            "Disclaimer: This article is reproduced from other media for the purpose of passing on more information, and does not mean that this website agrees with its views.",
        ] {
            assert!(is_boilerplate(&rules.body, b), "{b}");
        }
        for t in [
            "Follow-up checks found no problems",
            "Disclaimers matter less",
        ] {
            assert!(!is_boilerplate(&rules.body, t), "{t}");
        }
        for t in [
            "Printing industry grows",
            "Closer ties with ASEAN",
            "Closely watched",
        ] {
            assert!(!is_boilerplate(&rules.body, t), "{t}");
        }
    }

    /// A photo's credit marks a caption; a sentence that starts with the word does not. A line
    /// announcing the text's own list opens one; a pointer to more reading does not.
    #[test]
    fn credits_and_announcements() {
        let rules = Rules::default();
        for c in [
            "Photo: Li Hua",
            "Photo by Lu Boan",
            "Workers at the site. (Xinhua/Lu Boan)",
            "Workers at the site. [Photo/Xinhua]",
        ] {
            assert!(is_credited(&rules.body, c), "{c}");
        }
        for t in [
            "Photo enthusiasts flocked to the park on Sunday.",
            "Photo exhibitions will open in five cities next week.",
            "The plan was approved on Tuesday. (Xinhua)",
        ] {
            assert!(!is_credited(&rules.body, t), "{t}");
        }
        assert!(announces_items(&rules.body, "The ten projects are:"));
        for t in [
            "For more information, please visit:",
            "Related stories:",
            "Click here to read more:",
            "The ten projects are",
        ] {
            assert!(!announces_items(&rules.body, t), "{t}");
        }
    }
}
