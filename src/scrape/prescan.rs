//! A byte-level pass over a page before the HTML parser sees it, capping how deep its elements
//! nest.
//!
//! The parser checks the stack of open elements at many tags, so its time grows with the square
//! of the nesting depth: a page of 100,000 unclosed `<div>` takes a minute, and a deep tree
//! exhausts any walk that recurses over it. This pass follows the open elements as the parser
//! would (void elements, raw text, the tags that close a `<p>`, an `<li>` or a cell), and drops
//! the start tags that would open an element deeper than [`MAX_NESTING`], and the end tags that
//! close them. Their text stays, read as part of the element at the cap. Start tags past
//! [`MAX_TAGS`] go the same way, so that the readers' work stays bounded too.

use std::borrow::Cow;
use std::time::Instant;

use html5ever::driver;
use html5ever::tendril::{StrTendril, TendrilSink};
use scraper::{Html, HtmlTreeSink};

/// The deepest nesting of elements handed to the parser. Real pages stay under 60; 256 leaves
/// room for any template while the parser's scope checks, which walk the open elements, stay
/// cheap enough to read a page at the 8 MiB fetch cap in under 2 s.
pub const MAX_NESTING: usize = 256;

/// Bytes handed to the parser at a time: the deadline is looked at between pieces.
const PARSE_PIECE: usize = 64 * 1024;

/// Parses a page with its nesting capped, giving up (`None`) when the deadline passes first.
pub(crate) fn parse(html: &str, url: &str, deadline: Option<Instant>) -> Option<Html> {
    let capped = cap_nesting(html, MAX_NESTING);
    if capped.dropped > 0 {
        tracing::warn!(
            "{url}: elements nest deeper than {MAX_NESTING}; {} tags beyond that are read as text of the element at that depth",
            capped.dropped
        );
    }
    let mut parser =
        driver::parse_document(HtmlTreeSink::new(Html::new_document()), Default::default());
    let mut rest = &*capped.html;
    while !rest.is_empty() {
        let mut cut = PARSE_PIECE.min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        parser.process(StrTendril::from_slice(&rest[..cut]));
        rest = &rest[cut..];
        if deadline.is_some_and(|d| Instant::now() > d) {
            return None;
        }
    }
    Some(parser.finish())
}

/// The most start tags handed to the parser. The largest real pages hold about 10,000
/// elements; the readers' time grows with the element count, so a page of millions of tags is
/// read with the tags beyond this dropped and their text kept.
pub const MAX_TAGS: usize = 150_000;

/// A page with its nesting capped, and how many tags were dropped to do it.
pub struct Capped<'a> {
    pub html: Cow<'a, str>,
    pub dropped: usize,
}

/// Elements that never hold others.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is text up to their own end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "dd",
    "dt",
    "listing",
    "search",
];

/// Elements that bound the search for an element to close (the parser's scopes): the default
/// one, with lists for list items, and the table one for rows and cells.
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button",
    "ul", "ol",
];
const TABLE_SCOPE: &[&str] = &["html", "table", "template"];

/// Start tags the parser merges into an element it already has, or never opens in a body.
const NOT_OPENED: &[&str] = &["html", "head", "body", "frameset"];

/// For a start tag, the open elements it closes first, and the scope to look for them in
/// (`None`: only the current element).
fn closes(name: &str) -> Option<(&'static [&'static str], Option<&'static [&'static str]>)> {
    Some(match name {
        "li" => (&["li"], Some(SCOPE)),
        "dd" | "dt" => (&["dd", "dt"], Some(SCOPE)),
        "td" | "th" => (&["td", "th"], Some(TABLE_SCOPE)),
        "tr" => (&["tr"], Some(TABLE_SCOPE)),
        "thead" | "tbody" | "tfoot" => (&["thead", "tbody", "tfoot"], Some(TABLE_SCOPE)),
        "a" => (&["a"], Some(SCOPE)),
        "nobr" => (&["nobr"], Some(SCOPE)),
        "button" => (&["button"], Some(SCOPE)),
        "option" | "optgroup" => (&["option"], None),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => (&["h1", "h2", "h3", "h4", "h5", "h6"], None),
        _ => return None,
    })
}

/// The open elements, as the parser would hold them, with a count of each name so that a
/// search for a name that is not open costs nothing however deep the page is.
#[derive(Default)]
struct Open {
    names: Vec<String>,
    counts: rustc_hash::FxHashMap<String, usize>,
}

impl Open {
    fn len(&self) -> usize {
        self.names.len()
    }

    fn has(&self, name: &str) -> bool {
        self.counts.get(name).is_some_and(|&n| n > 0)
    }

    fn push(&mut self, name: String) {
        *self.counts.entry(name.clone()).or_default() += 1;
        self.names.push(name);
    }

    fn truncate(&mut self, len: usize) {
        while self.names.len() > len {
            let name = self.names.pop().expect("longer than len");
            if let Some(n) = self.counts.get_mut(&name) {
                *n -= 1;
            }
        }
    }

    /// The nearest open element of that name.
    fn last(&self, name: &str) -> Option<usize> {
        if !self.has(name) {
            return None;
        }
        self.names.iter().rposition(|e| e == name)
    }

    /// Where the nearest open element among `names` is, below `below`, looking down to the
    /// first boundary of the scope (`None`: the element just below only).
    fn find(&self, below: usize, names: &[&str], scope: Option<&[&str]>) -> Option<usize> {
        if !names.iter().any(|n| self.has(n)) {
            return None;
        }
        for (i, el) in self.names[..below].iter().enumerate().rev() {
            if names.contains(&el.as_str()) {
                return Some(i);
            }
            if scope.is_none_or(|s| s.contains(&el.as_str())) {
                return None;
            }
        }
        None
    }

    /// How many open elements stay open when a start tag of `name` comes: those its start
    /// closes (an open `<p>`, the previous `<li>` or cell …) are gone.
    fn kept_before(&self, name: &str) -> usize {
        let mut kept = self.len();
        if CLOSES_P.contains(&name)
            && let Some(i) = self.find(kept, &["p"], Some(SCOPE))
        {
            kept = i;
        }
        if let Some((names, scope)) = closes(name)
            && let Some(i) = self.find(kept, names, scope)
        {
            kept = i;
        }
        if name == "table" && kept > 0 && self.names[kept - 1] == "table" {
            kept -= 1;
        }
        kept
    }
}

/// The page with elements nested deeper than `max` flattened into the element at the cap, and
/// start tags beyond [`MAX_TAGS`] dropped.
pub fn cap_nesting(html: &str, max: usize) -> Capped<'_> {
    let b = html.as_bytes();
    let mut scan = Scan {
        open: Open::default(),
        max,
        tags: 0,
        cuts: Vec::new(),
        excess: rustc_hash::FxHashMap::default(),
    };
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &b[at..]).map(|i| at + i) {
        let Some(tag) = read_tag(b, lt) else {
            at = lt + 1;
            continue;
        };
        at = tag.end;
        if tag.name.is_empty() {
            continue;
        }
        let name = tag.name.to_ascii_lowercase();
        if tag.closing {
            scan.end_tag(&name, lt, tag.end);
            continue;
        }
        if name == "plaintext" {
            break;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            // Raw text is passed over whole; beyond the tag limit, the element goes with it.
            let text_end = raw_text_end(b, at, &name);
            at = memchr::memchr(b'>', &b[text_end..]).map_or(b.len(), |i| text_end + i + 1);
            if scan.tags == MAX_TAGS {
                scan.cuts.push((lt, at));
            } else {
                scan.tags += 1;
                at = text_end;
            }
            continue;
        }
        scan.start_tag(name, &tag, lt);
    }
    if scan.cuts.is_empty() {
        return Capped {
            html: Cow::Borrowed(html),
            dropped: 0,
        };
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for &(s, e) in &scan.cuts {
        out.push_str(&html[from..s]);
        from = e;
    }
    out.push_str(&html[from..]);
    Capped {
        html: Cow::Owned(out),
        dropped: scan.cuts.len(),
    }
}

/// The pass under way.
struct Scan {
    open: Open,
    max: usize,
    /// Start tags kept so far.
    tags: usize,
    /// Byte ranges of the tags to drop.
    cuts: Vec<(usize, usize)>,
    /// Start tags dropped whose end tags have not been met, by name. They are the innermost
    /// elements, so their end tags come first.
    excess: rustc_hash::FxHashMap<String, usize>,
}

impl Scan {
    fn end_tag(&mut self, name: &str, from: usize, to: usize) {
        if let Some(n) = self.excess.get_mut(name).filter(|n| **n > 0) {
            *n -= 1;
            self.cuts.push((from, to));
        } else if let Some(i) = self.open.last(name) {
            self.open.truncate(i);
        }
    }

    /// Drops a start tag.
    fn drop_start(&mut self, name: String, void: bool, from: usize, to: usize) {
        if !void {
            *self.excess.entry(name).or_default() += 1;
        }
        self.cuts.push((from, to));
    }

    fn start_tag(&mut self, name: String, tag: &Tag, from: usize) {
        if NOT_OPENED.contains(&name.as_str()) {
            return;
        }
        let void = VOID.contains(&name.as_str())
            || (tag.self_closing && (self.open.has("svg") || self.open.has("math")));
        if self.tags == MAX_TAGS {
            self.drop_start(name, void, from, tag.end);
            return;
        }
        if void {
            self.tags += 1;
            return;
        }
        let kept = self.open.kept_before(&name);
        if kept >= self.max {
            self.drop_start(name, false, from, tag.end);
            return;
        }
        self.tags += 1;
        self.open.truncate(kept);
        self.open.push(name);
    }
}

/// A tag at `<`: its name, whether it closes, and where it ends (past its `>`). Comments,
/// doctypes and other `<!…>` are read as tags with no name, passed over; `None` for a `<` that
/// opens no tag.
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
    end: usize,
}

fn read_tag(b: &[u8], lt: usize) -> Option<Tag<'_>> {
    let rest = &b[lt + 1..];
    if rest.starts_with(b"!--") {
        let end = memchr::memmem::find(&rest[3..], b"-->").map_or(b.len(), |i| lt + 4 + i + 3);
        return Some(Tag {
            name: "",
            closing: true,
            self_closing: false,
            end,
        });
    }
    if rest.first().is_some_and(|&c| c == b'!' || c == b'?') {
        let end = memchr::memchr(b'>', rest).map_or(b.len(), |i| lt + 2 + i);
        return Some(Tag {
            name: "",
            closing: true,
            self_closing: false,
            end,
        });
    }
    let closing = rest.first() == Some(&b'/');
    let start = lt + 1 + usize::from(closing);
    let len = b[start..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
        .count();
    if len == 0 || !b[start].is_ascii_alphabetic() {
        return None;
    }
    let name = std::str::from_utf8(&b[start..start + len]).ok()?;
    let (end, self_closing) = tag_end(b, start + len);
    Some(Tag {
        name,
        closing,
        self_closing,
        end,
    })
}

/// Where a tag's attributes end (past the `>`), quoted values read whole, and whether it ends
/// with `/>`.
fn tag_end(b: &[u8], mut i: usize) -> (usize, bool) {
    let mut after_eq = false;
    while i < b.len() {
        match b[i] {
            b'>' => return (i + 1, i > 0 && b[i - 1] == b'/'),
            q @ (b'"' | b'\'') if after_eq => {
                i = memchr::memchr(q, &b[i + 1..]).map_or(b.len(), |j| i + 1 + j);
                after_eq = false;
            }
            b'=' => after_eq = true,
            c if c.is_ascii_whitespace() => {}
            _ => after_eq = false,
        }
        i += 1;
    }
    (b.len(), false)
}

/// Where the text of a raw-text element ends: at its own end tag, whatever the case.
fn raw_text_end(b: &[u8], from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(i) = memchr::memmem::find(&b[at..], b"</").map(|i| at + i) {
        let n = &b[i + 2..];
        if n.len() >= name.len() && n[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return i;
        }
        at = i + 2;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_of(html: &str) -> usize {
        let doc = scraper::Html::parse_document(html);
        let mut deepest = 0;
        let mut stack = vec![(doc.tree.root(), 0usize)];
        while let Some((n, d)) = stack.pop() {
            deepest = deepest.max(d);
            stack.extend(n.children().map(|c| (c, d + 1)));
        }
        deepest
    }

    /// A page within the cap comes back as it was, not copied.
    #[test]
    fn shallow_pages_pass_untouched() {
        let page = "<html><body><div class=a><p>One<p>Two<ul><li>a<li>b</ul>\
                    <table><tr><td>x<td>y<tr><td>z</table><script>if (a<b) {}</script></div>";
        let capped = cap_nesting(page, 8);
        assert!(matches!(capped.html, Cow::Borrowed(_)));
        assert_eq!(capped.dropped, 0);
    }

    /// Unclosed paragraphs, list items and cells do not nest, so thousands of them are kept.
    #[test]
    fn implied_ends_are_not_counted_as_nesting() {
        for unit in [
            "<p>x",
            "<li>x",
            "<tr><td>x",
            "<option>x",
            "<dt>x<dd>y",
            "<a href=#>x",
        ] {
            let page = format!("<body><ul><table><select>{}", unit.repeat(2000));
            assert_eq!(cap_nesting(&page, 64).dropped, 0, "{unit}");
        }
    }

    /// Deep nesting is cut at the cap, the text kept, and the parsed tree is no deeper.
    #[test]
    fn deep_nesting_is_cut_at_the_cap() {
        for (open, close) in [
            ("<div>", "</div>"),
            ("<b>", "</b>"),
            ("<ul><li>", "</li></ul>"),
            ("<table><tr><td>", "</td></tr></table>"),
            ("<span title='a>b'>", "</span>"),
        ] {
            let page = format!(
                "<body>{}deep text{}<p>after",
                open.repeat(3000),
                close.repeat(3000)
            );
            let capped = cap_nesting(&page, 100);
            assert!(capped.dropped > 0, "{open}");
            assert!(capped.html.contains("deep text") && capped.html.contains("after"));
            let depth = depth_of(&capped.html);
            assert!((100..=140).contains(&depth), "{open}: {depth}");
        }
    }

    /// Past the tag limit, start tags are dropped with their end tags (their text kept), and a
    /// script goes whole, its text never read as the page's.
    #[test]
    fn tags_beyond_the_limit_are_dropped() {
        let page = format!(
            "<body>{}<script>var x = '<p>';</script><p>last words</p>",
            "<p>x</p>".repeat(MAX_TAGS)
        );
        let capped = cap_nesting(&page, MAX_NESTING);
        assert_eq!(capped.dropped, 3, "the script, and the last <p> and </p>");
        assert!(
            capped.html.ends_with("<p>x</p>last words"),
            "{}",
            &capped.html[capped.html.len() - 40..]
        );
    }

    /// Tags inside comments and scripts are not elements.
    #[test]
    fn comments_and_raw_text_hold_no_tags() {
        let page = format!(
            "<body><!-- {} --><script>{}</script><p>x",
            "<div>".repeat(1000),
            "<div>".repeat(1000)
        );
        assert_eq!(cap_nesting(&page, 10).dropped, 0);
    }
}
