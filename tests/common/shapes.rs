//! Hostile page shapes: nesting far deeper than any template, unclosed elements by the
//! megabyte, each wrapped in an article page in the site's own template so that a crawl would
//! store it. Shared by the robustness tests and the `hostile` benchmark.

/// One shape: a name, and the page at a given number of repeats.
pub struct Shape {
    pub name: &'static str,
    open: &'static str,
    close: &'static str,
}

impl Shape {
    /// The page with the shape's opening repeated `n` times around a sentence (and closed as
    /// many times, for a shape that closes).
    pub fn page(&self, title: &str, n: usize) -> String {
        let mut body = String::with_capacity((self.open.len() + self.close.len()) * n + 4096);
        body.push_str(&self.open.repeat(n));
        body.push_str("The text that sits at the bottom of the nesting is kept. ");
        body.push_str(&self.close.repeat(n));
        article(title, &body)
    }

    /// Repeats that make a page of at most `bytes`, the template around them included.
    pub fn repeats_for(&self, bytes: usize) -> usize {
        bytes.saturating_sub(TEMPLATE) / (self.open.len() + self.close.len())
    }
}

/// Room for the article template around a shape's repeats.
const TEMPLATE: usize = 2048;

/// Nested a million deep (closed again, as a well-formed hostile page would be).
pub const NESTED: &[Shape] = &[
    Shape {
        name: "nested <b>",
        open: "<b>",
        close: "</b>",
    },
    Shape {
        name: "nested <div>",
        open: "<div>",
        close: "</div>",
    },
    Shape {
        name: "nested <ul><li>",
        open: "<ul><li>",
        close: "</li></ul>",
    },
    Shape {
        name: "nested <table>",
        open: "<table><tr><td>",
        close: "</td></tr></table>",
    },
    Shape {
        name: "nested <blockquote>",
        open: "<blockquote>",
        close: "</blockquote>",
    },
    Shape {
        name: "nested <section>",
        open: "<section>",
        close: "</section>",
    },
];

/// Opened and never closed.
pub const UNCLOSED: &[Shape] = &[
    Shape {
        name: "unclosed <div>",
        open: "<div>",
        close: "",
    },
    Shape {
        name: "unclosed <span>",
        open: "<span>",
        close: "",
    },
    Shape {
        name: "unclosed <a href>",
        open: "<a href=\"/x\">x ",
        close: "",
    },
    Shape {
        name: "unclosed <b><p>",
        open: "<b><p>x ",
        close: "",
    },
    Shape {
        name: "unclosed <font>",
        open: "<font color=red>",
        close: "",
    },
];

/// An article page in the portal's template around `body`.
pub fn article(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>\
         <div class=\"position\"><a href=\"/\">English</a> &gt; <a href=\"/news/\">News</a></div>\
         <div class=\"article\"><h1 class=\"title\">{title}</h1>\
         <div class=\"info\">updatetime: 2024-03-01 10:00 View: 3 Source: Xinhua</div>\
         <div id=\"content\"><p>The article opens with a sentence long enough to be read as text \
         of the article, and a second one that says what happened on the day.</p>\
         <p>{body}</p><p>It closes with a last paragraph after the nesting.</p></div></div>\
         </body></html>"
    )
}

/// `depth` nested elements, then `bytes` of flat paragraphs: at a depth just under the cap, the
/// most the parser is handed at the deepest it is allowed.
pub fn deep_then_flat(depth: usize, bytes: usize) -> String {
    let mut body = "<div>".repeat(depth);
    while body.len() < bytes.saturating_sub(TEMPLATE) {
        body.push_str("<p>A paragraph at the bottom of the nesting.</p>");
    }
    article("Deep then flat", &body)
}
