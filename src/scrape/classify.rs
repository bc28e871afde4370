//! Classification: what kind of page this is, from what the readers found, by one ordered table
//! of reasons. The first rule that holds decides. Nothing found is thrown away here: the
//! assembler gives every kind of page what was found on it.

use crate::model::PageKind;

/// A page with fewer article links than this (found by the generic search) is not a list.
pub(crate) const MIN_LINKS: usize = 3;
/// A text shorter than this (in characters) with no metadata of its own (source, editor,
/// views), beside a long dated list, is the list's featured item or welcome line.
pub(crate) const SHORT_TEXT: usize = 400;
/// A list of at least this many dated links makes a short text beside it a list page.
pub(crate) const DATED_LIST: usize = 5;
/// A text shorter than this needs two labelled fields around it to be an article: a one-line
/// news flash has a date and a source; an about page's or a list's intro has at most a date.
pub(crate) const FLASH_TEXT: usize = 80;
/// A main text of at least this many characters, found by the generic extractor, is a readable
/// text (the readability algorithm's own threshold for a successful extraction).
pub(crate) const READABLE_TEXT: usize = 500;
/// A page whose metadata declares an article needs a main text of at least this many
/// characters: a stub or a paywall's teaser is not an article's text.
pub(crate) const DECLARED_TEXT: usize = 150;
/// An undated text is an article at a dated news address only when it runs this long, in
/// [`LONG_PARAGRAPHS`] paragraphs or more.
pub(crate) const LONG_TEXT: usize = 400;
pub(crate) const LONG_PARAGRAPHS: usize = 3;

/// What the readers found that bears on the page's kind.
#[derive(Debug, Clone, Default)]
pub(crate) struct Evidence {
    /// The page is the site's front page (or the page a crawl starts from).
    pub front: bool,
    /// The page says it is an error page (`404`, `Page not found`).
    pub error_page: bool,
    /// A text block was found (by the profile or the density search).
    pub text_block: bool,
    /// The text block reads as a list of headlines with summaries.
    pub block_is_list: bool,
    /// A headline was found.
    pub headline: bool,
    /// The headline links to another page: a featured item of a list.
    pub teaser: bool,
    /// Characters, paragraphs and images of the text block's body.
    pub body_chars: usize,
    pub body_paragraphs: usize,
    pub images: usize,
    /// Labelled fields around and in the text, and anywhere on the page.
    pub labelled_near: usize,
    pub labelled_any: bool,
    /// A source, editor or view counter of its own.
    pub own_meta: bool,
    /// A publication date from the page itself (not from its address).
    pub dated: bool,
    /// A date from the page's text or scripts (a date line named so, a script's key).
    pub dated_loosely: bool,
    /// A date in the page's address.
    pub dated_url: bool,
    /// Links of the page's list that carry a date.
    pub dated_links: usize,
    /// Links of the page's list that read as headlines (or carry dates).
    pub headline_links: usize,
    /// The list came from the profile's container or the page has a pager.
    pub list_confident: bool,
    pub list_links: usize,
    /// Characters of the main text the generic extractor found.
    pub generic_chars: usize,
    /// The assembler takes the generic extractor's text over the text block's.
    pub generic_body: bool,
    /// The page's metadata declares an article (JSON-LD type, `og:type`).
    pub declared_article: bool,
}

/// The page's kind and the reason for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub kind: PageKind,
    pub reason: String,
}

/// One row of the table: the kind a rule gives, its reason, and its test.
struct Rule {
    kind: PageKind,
    reason: &'static str,
    holds: fn(&Evidence) -> bool,
}

/// The rules, in order.
const RULES: &[Rule] = &[
    Rule {
        kind: PageKind::List,
        reason: "a short text with no metadata of its own beside a long dated list",
        holds: |e| is_article(e).is_ok() && short_beside_list(e),
    },
    Rule {
        kind: PageKind::Article,
        reason: "a text block with a headline and a date or labelled metadata",
        holds: |e| is_article(e).is_ok(),
    },
    Rule {
        kind: PageKind::Other,
        reason: "an error page",
        holds: |e| e.error_page,
    },
    Rule {
        kind: PageKind::Article,
        reason: "its metadata declares an article, and a main text was found",
        holds: |e| {
            e.declared_article && main_text(e) >= DECLARED_TEXT && !e.teaser && !e.block_is_list
        },
    },
    Rule {
        kind: PageKind::Article,
        reason: "its metadata declares an article and dates it, over a short text or a picture",
        holds: |e| {
            e.declared_article
                && e.dated
                && e.headline
                && (e.body_chars > 0 || e.images > 0)
                && !e.front
                && !e.teaser
                && !e.block_is_list
                && !short_beside_list(e)
        },
    },
    Rule {
        kind: PageKind::Article,
        reason: "a readable main text with a publication date",
        holds: |e| {
            main_text(e) >= READABLE_TEXT
                && (e.dated || e.dated_url || e.dated_loosely)
                && !e.front
                && (!e.block_is_list || e.generic_body)
        },
    },
    Rule {
        kind: PageKind::List,
        reason: "a list of headline links",
        holds: |e| {
            !e.front && (e.headline_links >= MIN_LINKS || (e.list_confident && e.list_links > 0))
        },
    },
];

/// Classifies a page by the first rule of [`RULES`] that holds; a page none of them fits is
/// `other`, with the reason it is not an article.
pub(crate) fn classify(e: &Evidence) -> Verdict {
    if let Some(r) = RULES.iter().find(|r| (r.holds)(e)) {
        let reason = match (r.kind, is_article(e)) {
            (PageKind::List, Err(why)) => format!("{} (not an article: {why})", r.reason),
            _ => r.reason.to_string(),
        };
        return Verdict {
            kind: r.kind,
            reason,
        };
    }
    let why = is_article(e).err().unwrap_or("");
    Verdict {
        kind: PageKind::Other,
        reason: format!("neither an article ({why}) nor a list"),
    }
}

/// True when the page's kind may hang on its list of links: a front page, a short text (which
/// a long dated list beside it makes a list page), or a page the text block does not make an
/// article.
pub(crate) fn needs_list(e: &Evidence) -> bool {
    e.front || e.body_chars < SHORT_TEXT || is_article(e).is_err()
}

/// Whether the evidence makes an article, or the first reason it does not.
fn is_article(e: &Evidence) -> Result<(), &'static str> {
    let long_text = e.body_paragraphs >= LONG_PARAGRAPHS && e.body_chars >= LONG_TEXT;
    let checks: [(bool, &'static str); 7] = [
        (e.text_block, "no text block"),
        (!e.block_is_list, "its text block is a list of headlines"),
        (e.headline, "no headline"),
        (!e.teaser, "its headline links to another page"),
        (e.body_chars > 0 || e.images > 0, "no text and no picture"),
        (
            e.body_chars >= FLASH_TEXT || e.labelled_near >= 2,
            "a short text without two labelled fields",
        ),
        (
            e.dated || e.labelled_any || (long_text && e.dated_url),
            "no date and no labelled metadata",
        ),
    ];
    match checks.iter().find(|(ok, _)| !ok) {
        Some((_, why)) => Err(why),
        None => Ok(()),
    }
}

/// The longer of the text block's and the generic extractor's text, in characters.
fn main_text(e: &Evidence) -> usize {
    e.body_chars.max(e.generic_chars)
}

fn short_beside_list(e: &Evidence) -> bool {
    e.body_chars < SHORT_TEXT && !e.own_meta && !e.front && e.dated_links >= DATED_LIST
}
