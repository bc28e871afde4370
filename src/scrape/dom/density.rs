//! The content-density fallback: when the profile's selectors find no body, find the block
//! that holds the most prose and the fewest links, in the spirit of Readability.

use html5ever::{LocalName, local_name};
use scraper::ElementRef;

use crate::scrape::dom::facts::Facts;

/// A block holding fewer characters of its own text than this is no paragraph, and scores
/// nothing for the blocks around it.
const MIN_OWN_TEXT: u32 = 25;

/// How many levels of blocks above a paragraph share its score (halved, thirded…).
const SCORED_LEVELS: usize = 3;

/// A block in a footer or side box with less text than this never holds the article, even on
/// a page with no other prose (a list of links and dates).
const MIN_FURNITURE_TEXT: u32 = 300;

/// Weight from the element's class and id: furniture (or a block inside furniture, such as the
/// inner wrapper of a footer) is penalised, article words rewarded.
fn class_weight(facts: &Facts, el: &ElementRef, in_furniture: bool) -> f64 {
    let mut weight = 1.0;
    if in_furniture {
        weight *= 0.1;
    }
    if facts.text_named(el) {
        weight *= 1.5;
    }
    weight
}

/// Tags compared by their interned names: the walk meets every element of the page.
static INLINE: [LocalName; 7] = [
    local_name!("span"),
    local_name!("font"),
    local_name!("strong"),
    local_name!("b"),
    local_name!("em"),
    local_name!("i"),
    local_name!("u"),
];
static SCORED: [LocalName; 7] = [
    local_name!("p"),
    local_name!("div"),
    local_name!("td"),
    local_name!("pre"),
    local_name!("font"),
    local_name!("span"),
    local_name!("section"),
];

/// One open element during the walk.
struct Frame<'a> {
    el: ElementRef<'a>,
    invisible: bool,
    in_link: bool,
    inline: bool,
    /// Visible text and link text of the subtree so far (kept small: the walk pushes and
    /// pops a frame per element).
    text: u32,
    link: u32,
    /// Text held directly or through inline children: Readability's "paragraph" size.
    own: u32,
    /// The score its paragraph-sized descendants gave it.
    score: f64,
}

/// The search for the element most likely to hold the article text, fed by the walk that
/// builds the page's `Doc` (one walk of the page serves both).
///
/// Each block with a paragraph's worth of its own text scores its parent, grandparent and
/// great-grandparent; a block's final score is cut by its share of link text and weighed by
/// its class and id names. Scores live on the walk's stack, so the best block is known when the
/// walk ends.
#[derive(Default)]
pub(crate) struct Density<'a> {
    stack: Vec<Frame<'a>>,
    best: Option<(f64, ElementRef<'a>)>,
}

impl<'a> Density<'a> {
    /// An element opens.
    pub fn open(&mut self, el: ElementRef<'a>, facts: &Facts) {
        let parent = self.stack.last();
        let name = &el.value().name.local;
        let invisible = parent.is_some_and(|p| p.invisible) || facts.hidden(&el);
        let in_link = parent.is_some_and(|p| p.in_link) || *name == local_name!("a");
        self.stack.push(Frame {
            el,
            invisible,
            in_link,
            inline: INLINE.contains(name),
            text: 0,
            link: 0,
            own: 0,
            score: 0.0,
        });
    }

    /// A text node of the open element.
    pub fn text(&mut self, t: &str) {
        // Text held by an invisible block (a script, a style) counts for nothing: the block's
        // own sizes are dropped when it closes.
        if self.stack.last().is_some_and(|f| f.invisible && !f.inline) {
            return;
        }
        let n = u32::try_from(crate::scrape::dom::text::visible_chars(t)).unwrap_or(u32::MAX);
        if n == 0 {
            return;
        }
        if let Some(top) = self.stack.last_mut() {
            top.text = top.text.saturating_add(n);
            if top.in_link {
                top.link = top.link.saturating_add(n);
            }
        }
        for f in self.stack.iter_mut().rev() {
            f.own = f.own.saturating_add(n);
            if !f.inline {
                break;
            }
        }
    }

    /// The open element closes.
    pub fn close(&mut self, facts: &Facts) {
        let Some(f) = self.stack.pop() else { return };
        if f.invisible {
            return;
        }
        if let Some(p) = self.stack.last_mut() {
            p.text = p.text.saturating_add(f.text);
            p.link = p.link.saturating_add(f.link);
        }
        if f.own >= MIN_OWN_TEXT && SCORED.contains(&f.el.value().name.local) {
            let score = 1.0 + (f64::from(f.own) / 100.0).min(3.0);
            for (depth, anc) in self.stack.iter_mut().rev().take(SCORED_LEVELS).enumerate() {
                anc.score += score / (depth as f64 + 1.0);
            }
        }
        if f.score <= 0.0 || f.text == 0 || matches!(f.el.value().name(), "body" | "html") {
            return;
        }
        // Inside (or itself) a navigation bar, footer, side box…: asked only of the few blocks
        // that scored.
        let furniture = facts.in_furniture(&f.el);
        // A short block inside a footer or side box never holds the article, even on a page
        // with no other prose (a list of links and dates); nor does the site's footer.
        if !(furniture && (f.text < MIN_FURNITURE_TEXT || facts.in_page_footer(&f.el))) {
            let density = f64::from(f.link) / f64::from(f.text);
            let value = f.score * (1.0 - density) * class_weight(facts, &f.el, furniture);
            if self.best.as_ref().is_none_or(|(b, _)| value > *b) {
                self.best = Some((value, f.el));
            }
        }
    }

    /// The element most likely to hold the article text, or `None` on a page with no prose.
    pub fn best(&self) -> Option<ElementRef<'a>> {
        self.best.as_ref().map(|(_, el)| *el)
    }
}
