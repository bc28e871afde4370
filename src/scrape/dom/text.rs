//! A block-aware text walker over a parsed page.
//!
//! `ElementRef::text()` glues every descendant text node together, `<script>` included, and
//! emits nothing for `<br>`. This walker skips what a reader never sees, turns block ends and
//! `<br>` into line breaks, and reports images where they stand, so paragraphs and figures come
//! out in document order.

use ego_tree::NodeId;
use scraper::{ElementRef, Node};

use html5ever::local_name;

use crate::sanitize::clean_text;
use crate::scrape::dom::AttrExt;
use crate::scrape::dom::facts::Facts;
pub use crate::scrape::dom::image::{image_src, links_to_page};
pub use crate::scrape::dom::style::{has_small_size, is_centered, is_invisible};
use crate::scrape::dom::tags;

/// Lines longer than this (in characters) are prose, not a metadata line.
pub(crate) const MAX_META_LINE: usize = 240;

/// A set of elements (subtrees left out of a walk), by node id.
pub type NodeSet = rustc_hash::FxHashSet<NodeId>;

/// One piece of a walked element, in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// A line of text (already cleaned, never empty).
    Line(Line),
    /// An image, with its raw (unresolved) source.
    Image { src: String },
}

/// A line of text and what the walker knew about where it stood.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// Centred (`text-align:center`, `align=center`, `<center>`): captions usually are.
    pub centered: bool,
    /// Inside a `<figcaption>`.
    pub caption: bool,
    /// Characters of the line that sit inside links.
    pub link_chars: usize,
    /// For a cell of a data-table row (`<tr>` of short cells), a number shared by the row's
    /// cells, so that the row can be read as one line.
    pub row: Option<u32>,
    /// The links inside the line, in order.
    pub links: Vec<LineLink>,
}

/// A link inside a line: the words it stands on (cleaned like the line) and its raw target.
#[derive(Debug, Clone, PartialEq)]
pub struct LineLink {
    pub text: String,
    pub href: String,
}

/// A link being walked: its target, and where its words start in the line being built.
struct OpenLink {
    href: String,
    start: usize,
    /// The walker's count of ended lines when the link opened: a link whose words span a line
    /// break is left out.
    line: u32,
}

/// The characters of a text that are not whitespace; ASCII text is counted a byte at a time.
#[inline]
pub fn visible_chars(t: &str) -> usize {
    // One pass with no branch on the bytes (most text nodes are indentation alone, the rest
    // words and single spaces): each byte that is not a space, nor `\t` `\n` `\v` `\f` `\r`
    // (9 to 13), counts, and any byte of a wider character is noted.
    let (mut n, mut high) = (0usize, 0u8);
    for &b in t.as_bytes() {
        n += usize::from(!((b == b' ') | (b.wrapping_sub(9) < 5)));
        high |= b;
    }
    if high < 0x80 {
        return n;
    }
    t.chars().filter(|c| !c.is_whitespace()).count()
}

/// True for a row of a data table: two or more cells holding short text, no blocks. Rows of a
/// layout table hold paragraphs, lists or other tables instead.
fn is_data_row(tr: &ElementRef) -> bool {
    let mut cells = 0;
    for c in tr.children().filter_map(ElementRef::wrap) {
        match c.value().name() {
            "td" | "th" => cells += 1,
            _ => continue,
        }
        let blocky = c.descendants().skip(1).any(|d| {
            d.value().as_element().is_some_and(|e| {
                matches!(
                    e.name(),
                    "table" | "div" | "p" | "ul" | "ol" | "h1" | "h2" | "h3" | "img" | "br"
                )
            })
        });
        if blocky {
            return false;
        }
    }
    cells >= 2
}

/// Marks where inline elements start and end in [`marked_line_pieces`], so that a labelled value
/// (`<span>Source:</span><span>Xinhua</span><time>…</time>`) stops where its element does.
pub const SEP: char = '\u{1f}';

struct Walker<'a> {
    out: Vec<Piece>,
    buf: String,
    /// Whether to mark inline element boundaries with [`SEP`].
    marks: bool,
    link_chars: usize,
    /// The links of the line being built, and how many lines have ended.
    links: Vec<LineLink>,
    lines: u32,
    centered: bool,
    caption: bool,
    /// The data-table row being walked, and how many have been seen.
    row: Option<u32>,
    rows: u32,
    excluded: &'a NodeSet,
    /// The page's element facts, when the walk has them; otherwise each element's attributes
    /// are read as it is met.
    facts: Option<&'a Facts<'a>>,
}

impl Walker<'_> {
    fn hidden(&self, el: &ElementRef) -> bool {
        match self.facts {
            Some(f) => f.hidden(el),
            None => is_invisible(el),
        }
    }

    fn centered(&self, el: &ElementRef) -> bool {
        match self.facts {
            Some(f) => f.centered(el),
            None => is_centered(el),
        }
    }

    /// True for an element right under a picture whose class names a caption
    /// (`<span class="img-title">`, `<p class="pic-note">`).
    fn caption_under_image(&self, el: &ElementRef) -> bool {
        !self.marks
            && matches!(self.out.last(), Some(Piece::Image { .. }))
            && self.buf.trim().is_empty()
            && el
                .value()
                .attr_named(&local_name!("class"))
                .is_some_and(|c| {
                    let c = c.to_ascii_lowercase();
                    c.contains("caption")
                        || ["pic", "img", "image", "photo"].iter().any(|p| {
                            c.match_indices(p).any(|(i, _)| {
                                let rest = c[i + p.len()..].trim_start_matches(['-', '_']);
                                ["note", "title", "desc", "txt", "text", "info", "intro"]
                                    .iter()
                                    .any(|w| rest.starts_with(w))
                            })
                        })
                })
    }

    fn flush(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        // Spaces at either end are dropped by the cleaner anyway: a line without them is most
        // often already clean, which the cleaner tells at once.
        let line = self.buf.trim_ascii();
        // Marked lines are read for their labels only, and the label reader passes over prose
        // lines: one found too long while it is cleaned stays as an empty line.
        let (text, too_long) = if self.marks {
            match crate::sanitize::clean_text_keeping_within(line, SEP, MAX_META_LINE) {
                Some(t) => (t, false),
                None => (String::new(), true),
            }
        } else {
            (clean_text(line), false)
        };
        if !text.is_empty() || too_long {
            let link_chars = match self.link_chars {
                0 => 0,
                n => n.min(text.chars().count()),
            };
            self.out.push(Piece::Line(Line {
                text,
                centered: self.centered,
                caption: self.caption,
                link_chars,
                row: self.row,
                links: std::mem::take(&mut self.links),
            }));
        }
        self.buf.clear();
        self.link_chars = 0;
        self.links.clear();
        self.lines += 1;
    }

    /// Walks an element's subtree in document order with an explicit stack, so no depth of
    /// nesting can exhaust the thread's stack.
    fn walk(&mut self, el: ElementRef, in_link: bool) {
        let mut stack = vec![Frame {
            next: el.first_child(),
            in_link,
            exit: Exit::Root,
        }];
        while let Some(top) = stack.last_mut() {
            let Some(child) = top.next else {
                let done = stack.pop().expect("the stack is not empty");
                self.leave(done.exit);
                continue;
            };
            top.next = child.next_sibling();
            let in_link = top.in_link;
            match child.value() {
                Node::Text(t) => self.text(t, in_link),
                Node::Element(_) => {
                    if let Some(frame) =
                        ElementRef::wrap(child).and_then(|c| self.enter(c, in_link))
                    {
                        stack.push(frame);
                    }
                }
                _ => {}
            }
        }
    }

    /// Takes a text node into the current line.
    fn text(&mut self, t: &str, in_link: bool) {
        // Whitespace between tags (indentation) counts as one space at most: the cleaner folds
        // any run of it into one, and a line of nothing else is never handed to the cleaner.
        if t.bytes().all(|b| b.is_ascii_whitespace()) {
            if !self.buf.is_empty() && !self.buf.ends_with(|c: char| c.is_ascii_whitespace()) {
                self.buf.push(' ');
            }
            return;
        }
        self.buf.push_str(t);
        // Marked lines keep how much of them is a link (a label that is a link's words is a
        // way to another page); where links, centred text and table rows stand is kept for
        // pieces only.
        if in_link {
            self.link_chars += t.trim().chars().count();
        }
    }

    /// Meets an element: takes a line break or an image at once, or returns the frame that
    /// walks its children (and restores the walker's state after them).
    fn enter<'n>(&mut self, el: ElementRef<'n>, in_link: bool) -> Option<Frame<'n>> {
        if (!self.excluded.is_empty() && self.excluded.contains(&el.id())) || self.hidden(&el) {
            return None;
        }
        let name = &el.value().name.local;
        let kind = tags::kind(name);
        let (centered, caption) = (self.centered, self.caption);
        let exit = if kind & tags::BR != 0 {
            self.flush();
            return None;
        } else if kind & tags::IMAGE != 0 {
            if !has_small_size(&el)
                && !links_to_page(&el)
                && let Some(src) = image_src(&el)
            {
                self.flush();
                self.out.push(Piece::Image { src });
            }
            return None;
        } else if kind & tags::BLOCK != 0 {
            self.flush();
            let row = self.row;
            if !self.marks && *name == local_name!("tr") && is_data_row(&el) {
                self.rows += 1;
                self.row = Some(self.rows);
            }
            self.centered = centered || (!self.marks && self.centered(&el));
            self.caption =
                caption || *name == local_name!("figcaption") || self.caption_under_image(&el);
            Exit::Block {
                centered,
                caption,
                row,
            }
        } else {
            // Inline (table cells are blocks, above).
            self.centered = centered || (!self.marks && self.centered(&el));
            // An inline caption is a line of its own.
            let own_caption = self.caption_under_image(&el);
            self.caption = caption || own_caption;
            if self.marks {
                self.buf.push(SEP);
            }
            Exit::Inline {
                centered,
                caption,
                own_caption,
                link: self.open_link(&el),
            }
        };
        Some(Frame {
            next: el.first_child(),
            in_link: in_link || *name == local_name!("a"),
            exit,
        })
    }

    /// A link to somewhere (not to a place on the page, nor a script) starting at `el`.
    fn open_link(&self, el: &ElementRef) -> Option<OpenLink> {
        if self.marks || el.value().name.local != local_name!("a") {
            return None;
        }
        let href = el.value().attr_named(&local_name!("href"))?.trim();
        let script = href
            .get(..11)
            .is_some_and(|s| s.eq_ignore_ascii_case("javascript:"));
        (!href.is_empty() && !href.starts_with('#') && !script).then(|| OpenLink {
            href: href.to_string(),
            start: self.buf.len(),
            line: self.lines,
        })
    }

    /// Ends a link: its words, when they stand on the line being built, join the line's links.
    fn close_link(&mut self, link: OpenLink) {
        if link.line != self.lines {
            return;
        }
        let text = clean_text(&self.buf[link.start.min(self.buf.len())..]);
        if !text.is_empty() {
            self.links.push(LineLink {
                text,
                href: link.href,
            });
        }
    }

    /// Leaves an element whose children are walked: ends its line and restores the state it
    /// changed.
    fn leave(&mut self, exit: Exit) {
        match exit {
            Exit::Root => {}
            Exit::Block {
                centered,
                caption,
                row,
            } => {
                self.flush();
                (self.centered, self.caption, self.row) = (centered, caption, row);
            }
            Exit::Inline {
                centered,
                caption,
                own_caption,
                link,
            } => {
                if self.marks {
                    self.buf.push(SEP);
                }
                if let Some(link) = link {
                    self.close_link(link);
                }
                if own_caption {
                    self.flush();
                }
                (self.centered, self.caption) = (centered, caption);
            }
        }
    }
}

/// An element whose children are being walked.
struct Frame<'n> {
    /// The next child to visit.
    next: Option<ego_tree::NodeRef<'n, Node>>,
    in_link: bool,
    exit: Exit,
}

/// What leaving an element restores.
enum Exit {
    Root,
    Block {
        centered: bool,
        caption: bool,
        row: Option<u32>,
    },
    Inline {
        centered: bool,
        caption: bool,
        own_caption: bool,
        link: Option<OpenLink>,
    },
}

/// Walks an element and returns its lines and images in document order, leaving out the
/// excluded subtrees and everything invisible.
pub(crate) fn pieces(facts: &Facts, root: ElementRef, excluded: &NodeSet) -> Vec<Piece> {
    walk_pieces(Some(facts), root, excluded, false)
}

fn walk_pieces<'a>(
    facts: Option<&'a Facts<'a>>,
    root: ElementRef,
    excluded: &'a NodeSet,
    marks: bool,
) -> Vec<Piece> {
    let mut w = Walker {
        out: Vec::new(),
        buf: String::new(),
        marks,
        link_chars: 0,
        links: Vec::new(),
        lines: 0,
        centered: false,
        caption: false,
        row: None,
        rows: 0,
        excluded,
        facts,
    };
    w.walk(root, false);
    w.flush();
    w.out
}

/// The lines of an element's visible text.
pub fn lines(root: ElementRef) -> Vec<String> {
    line_texts(walk_pieces(None, root, &NodeSet::default(), false))
}

/// The texts of an element's [`marked_line_pieces`], read apart from its page (no page
/// facts: nothing is known to be hidden or furniture).
pub(crate) fn marked_lines_alone(root: ElementRef) -> Vec<String> {
    line_texts(walk_pieces(None, root, &NodeSet::default(), true))
}

/// The lines (with their links) of an element's visible text with inline element boundaries
/// marked by [`SEP`], leaving out the excluded subtrees.
pub(crate) fn marked_line_pieces(facts: &Facts, root: ElementRef, excluded: &NodeSet) -> Vec<Line> {
    only_lines(walk_pieces(Some(facts), root, excluded, true)).collect()
}

/// The texts of the lines among pieces, images left out.
fn line_texts(pieces: Vec<Piece>) -> Vec<String> {
    only_lines(pieces).map(|l| l.text).collect()
}

/// The lines among pieces, images left out.
fn only_lines(pieces: Vec<Piece>) -> impl Iterator<Item = Line> {
    pieces.into_iter().filter_map(|p| match p {
        Piece::Line(l) => Some(l),
        Piece::Image { .. } => None,
    })
}

/// A marked line as plain text.
pub fn unmark(line: &str) -> String {
    clean_text(&line.replace(SEP, ""))
}

/// An element's visible text on one line.
pub fn inline_text(root: ElementRef) -> String {
    // Most links and headings hold one text node and nothing else: it is the whole line.
    let mut children = root.children();
    if let (Some(only), None) = (children.next(), children.next())
        && let Node::Text(t) = only.value()
    {
        return clean_text(t);
    }
    let mut lines = lines(root);
    // Most inline texts (a link, a heading) are one line already: it is returned as it is.
    if lines.len() == 1 {
        return lines.swap_remove(0);
    }
    lines.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    /// The texts of an element's marked lines, as the label reader gets them.
    fn marked(facts: &Facts, root: ElementRef) -> Vec<String> {
        marked_line_pieces(facts, root, &NodeSet::default())
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    /// Whitespace between tags reads as the cleaner reads any run of whitespace: the same
    /// lines, marked or not, whatever the indentation, and a whitespace-only text node beside a
    /// marker leaves no space.
    #[test]
    fn indentation_between_tags_changes_no_line() {
        let pairs = [
            (
                "<div>\n\t  <p>One <b>two</b>\n   three</p>\r\n  <p> </p>\n\x0c<span>Source:</span>\n  <span>Xinhua</span>\n</div>",
                "<div><p>One <b>two</b> three</p><p></p><span>Source:</span> <span>Xinhua</span></div>",
            ),
            (
                "<td>\n  Update time:\n  <br>\n  <br>\n  <font> 2021-01-25 </font>\n  <a href=x>\n  link\n  </a>\n</td>",
                "<td>Update time:<br><br><font>2021-01-25</font> <a href=x>link</a></td>",
            ),
        ];
        let words = &crate::scrape::rules::Rules::default().words;
        for (spaced, tight) in pairs {
            let (a, b) = (Html::parse_fragment(spaced), Html::parse_fragment(tight));
            let (fa, fb) = (Facts::new(&a.tree, words), Facts::new(&b.tree, words));
            let (ra, rb) = (a.root_element(), b.root_element());
            assert_eq!(lines(ra), lines(rb), "{spaced:?}");
            assert_eq!(marked(&fa, ra), marked(&fb, rb), "{spaced:?}");
            let links = |p: Vec<Piece>| -> Vec<usize> {
                p.into_iter()
                    .filter_map(|p| match p {
                        Piece::Line(l) => Some(l.link_chars),
                        Piece::Image { .. } => None,
                    })
                    .collect()
            };
            let none = NodeSet::default();
            assert_eq!(
                links(pieces(&fa, ra, &none)),
                links(pieces(&fb, rb, &none)),
                "{spaced:?}"
            );
        }
        let f = Html::parse_fragment("<p><span>Source:</span>\n <span>Xinhua</span></p>");
        let facts = Facts::new(&f.tree, words);
        assert_eq!(
            marked(&facts, f.root_element()),
            vec![format!("Source:{SEP}{SEP}Xinhua")]
        );
    }

    /// Counting visible characters (ASCII a byte at a time) gives what counting the characters that
    /// are not whitespace gives: on every whitespace character and on every corpus text.
    #[test]
    fn visible_chars_counts_the_characters_that_are_not_whitespace() {
        let plain = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
        let mut samples: Vec<String> = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .map(|c| format!("a{c}b{c}"))
            .collect();
        samples.extend(
            [
                "",
                " ",
                "中文　文本",
                "x\u{a0}y",
                "é ü",
                "\u{2028}\u{202f}\u{205f}\u{1680}\u{85}",
                "\u{1e00}\u{2100}\u{3001}",
            ]
            .map(str::to_string),
        );
        assert!(samples.len() > 20);
        for s in &samples {
            assert_eq!(visible_chars(s), plain(s), "{s:?}");
        }
        for t in crate::scrape::corpus_text_nodes() {
            assert_eq!(visible_chars(&t), plain(&t), "{t:?}");
        }
    }

    /// An element's inline text, read directly when it holds one text node, is what walking
    /// it gives: on every element of every corpus page.
    #[test]
    fn inline_text_of_a_lone_text_node_is_the_walked_text() {
        let (mut elements, mut lone) = (0, 0);
        for page in crate::scrape::corpus_texts(None) {
            let html = scraper::Html::parse_document(&page);
            for e in html
                .root_element()
                .descendants()
                .filter_map(ElementRef::wrap)
            {
                assert_eq!(inline_text(e), lines(e).join(" "));
                elements += 1;
                lone += usize::from(
                    e.children().count() == 1
                        && e.first_child().is_some_and(|c| c.value().is_text()),
                );
            }
        }
        assert!(elements > 20_000 && lone > 5_000, "{elements} {lone}");
    }
}
