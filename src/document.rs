//! An article laid out for reading: its header facts, its paragraphs with the links numbered
//! where they stand, its images in place with their numbers, and the numbered references at
//! the end. The reader, `show` and the exports all read an article through this one layout.

use crate::model::{Article, Image};

/// A piece of a paragraph: plain text, or the words of a link and the link's number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span<'a> {
    Text(&'a str),
    /// `text` is empty when the link's words could not be found in the paragraph: its number
    /// then stands at the paragraph's end.
    Link {
        text: &'a str,
        number: usize,
        url: &'a str,
    },
}

/// A block of the text, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block<'a> {
    Paragraph(Vec<Span<'a>>),
    Image { number: usize, image: &'a Image },
}

/// A numbered target of the text: a link or an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference<'a> {
    pub number: usize,
    pub url: &'a str,
    pub image: bool,
}

/// An article laid out: blocks in reading order and the references they number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document<'a> {
    pub blocks: Vec<Block<'a>>,
    pub references: Vec<Reference<'a>>,
}

impl<'a> Document<'a> {
    /// Lays an article out. Links and images share one numbering, in reading order; a URL met
    /// again keeps its first number. Images cached before their places were kept follow the
    /// text.
    pub fn of(a: &'a Article) -> Document<'a> {
        let mut doc = Document {
            blocks: Vec::with_capacity(a.body.len() + a.images.len()),
            references: Vec::new(),
        };
        let end = a.body.len();
        for (i, paragraph) in a.body.iter().enumerate() {
            for image in a.images.iter().filter(|im| im.at == Some(i)) {
                doc.push_image(image);
            }
            let links = a.links.iter().filter(|l| l.paragraph == i);
            let spans = doc.spans(paragraph, links);
            doc.blocks.push(Block::Paragraph(spans));
        }
        for image in a
            .images
            .iter()
            .filter(|im| im.at.is_none_or(|at| at >= end))
        {
            doc.push_image(image);
        }
        doc
    }

    /// The number of a URL, given it anew when it is not yet referenced.
    fn number(&mut self, url: &'a str, image: bool) -> usize {
        if let Some(r) = self.references.iter().find(|r| r.url == url) {
            return r.number;
        }
        let number = self.references.len() + 1;
        self.references.push(Reference { number, url, image });
        number
    }

    fn push_image(&mut self, image: &'a Image) {
        let number = self.number(&image.url, true);
        self.blocks.push(Block::Image { number, image });
    }

    /// A paragraph split at its links: each link's words are looked for after the previous
    /// link's.
    fn spans(
        &mut self,
        paragraph: &'a str,
        links: impl Iterator<Item = &'a crate::model::Link>,
    ) -> Vec<Span<'a>> {
        let mut spans = Vec::new();
        let mut rest = 0;
        let mut unplaced = Vec::new();
        for link in links {
            let number = self.number(&link.url, false);
            let url = link.url.as_str();
            match paragraph[rest..].find(link.text.as_str()) {
                Some(at) if !link.text.is_empty() => {
                    let start = rest + at;
                    if start > rest {
                        spans.push(Span::Text(&paragraph[rest..start]));
                    }
                    rest = start + link.text.len();
                    spans.push(Span::Link {
                        text: &paragraph[start..rest],
                        number,
                        url,
                    });
                }
                _ => unplaced.push(Span::Link {
                    text: "",
                    number,
                    url,
                }),
            }
        }
        if rest < paragraph.len() {
            spans.push(Span::Text(&paragraph[rest..]));
        }
        spans.extend(unplaced);
        spans
    }

    /// The reference with a number.
    pub fn reference(&self, number: usize) -> Option<&Reference<'a>> {
        self.references.get(number.checked_sub(1)?)
    }
}

/// A paragraph as plain text: each link's words followed by its `[n]`.
pub fn plain(spans: &[Span]) -> String {
    let mut out = String::new();
    for span in spans {
        match span {
            Span::Text(t) => out.push_str(t),
            Span::Link { text, number, .. } => {
                out.push_str(text);
                out.push_str(&format!("[{number}]"));
            }
        }
    }
    out
}

/// The view count to show: the site's counter reads 0 until a script fills it in, so a count
/// of 0 says nothing and is left out.
pub fn shown_views(a: &Article) -> Option<u64> {
    a.views.filter(|&v| v > 0)
}

/// The article's facts for a header line, in order: section, date with its offset, source,
/// editor and views, each only when the page gave it.
pub fn facts(a: &Article) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(s) = &a.section {
        out.push(s.clone());
    }
    if let Some(p) = a.published {
        out.push(p.format("%Y-%m-%d %H:%M %:z").to_string());
    }
    if let Some(s) = &a.source {
        out.push(format!("Source: {s}"));
    }
    if let Some(e) = &a.editor {
        out.push(format!("Editor: {e}"));
    }
    if let Some(v) = shown_views(a) {
        out.push(format!("Views: {v}"));
    }
    out
}

/// What an image is called when shown as text: its caption, else its file name.
pub fn image_label(image: &Image) -> &str {
    match image.caption.as_deref() {
        Some(c) => c,
        None => {
            let path = image.url.split(['?', '#']).next().unwrap_or(&image.url);
            path.rsplit('/').next().unwrap_or(path)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Link;

    fn article() -> Article {
        Article {
            body: vec![
                "The port of Qinzhou opened a new berth.".into(),
                "See the port's report and the berth plan, or the port again.".into(),
            ],
            images: vec![
                Image {
                    url: "https://example.org/berth.jpg".into(),
                    caption: Some("The new berth".into()),
                    at: Some(1),
                },
                Image {
                    url: "https://example.org/old.jpg".into(),
                    caption: None,
                    at: None,
                },
            ],
            links: vec![
                Link {
                    paragraph: 1,
                    text: "report".into(),
                    url: "https://example.org/report".into(),
                },
                Link {
                    paragraph: 1,
                    text: "berth plan".into(),
                    url: "https://example.org/plan".into(),
                },
                Link {
                    paragraph: 1,
                    text: "missing words".into(),
                    url: "https://example.org/report".into(),
                },
            ],
            ..Article::default()
        }
    }

    #[test]
    fn images_stand_in_place_and_links_are_numbered_in_reading_order() {
        let a = article();
        let d = Document::of(&a);
        assert!(matches!(d.blocks[0], Block::Paragraph(_)));
        assert_eq!(
            d.blocks[1],
            Block::Image {
                number: 1,
                image: &a.images[0]
            }
        );
        let Block::Paragraph(spans) = &d.blocks[2] else {
            panic!("{:?}", d.blocks[2]);
        };
        assert_eq!(
            spans[..4],
            [
                Span::Text("See the port's "),
                Span::Link {
                    text: "report",
                    number: 2,
                    url: "https://example.org/report"
                },
                Span::Text(" and the "),
                Span::Link {
                    text: "berth plan",
                    number: 3,
                    url: "https://example.org/plan"
                },
            ]
        );
        // Words not found: the number goes to the paragraph's end; the same URL keeps its number.
        assert_eq!(
            spans.last(),
            Some(&Span::Link {
                text: "",
                number: 2,
                url: "https://example.org/report"
            })
        );
        // An image with no place follows the text.
        assert_eq!(
            d.blocks[3],
            Block::Image {
                number: 4,
                image: &a.images[1]
            }
        );
        assert_eq!(d.references.len(), 4);
        assert_eq!(
            d.reference(3).map(|r| r.url),
            Some("https://example.org/plan")
        );
        assert!(d.reference(0).is_none() && d.reference(5).is_none());
    }

    #[test]
    fn a_zero_view_count_is_not_shown() {
        let mut a = article();
        a.views = Some(0);
        assert!(!facts(&a).iter().any(|f| f.starts_with("Views")));
        a.views = Some(12);
        assert!(facts(&a).contains(&"Views: 12".to_string()));
    }
}
