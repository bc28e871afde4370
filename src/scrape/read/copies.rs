//! Second copies of a text. Some templates print an article's paragraphs twice (a first part
//! and a "continued" part that a script cuts to length, or a hidden copy for another layout);
//! a reader that keeps the element holding both shows the text twice. A run of paragraphs that
//! repeats, in order, paragraphs met earlier is such a copy and is left out, with its links.

use std::collections::HashMap;

use crate::scrape::candidate::Body;

/// A paragraph of this many characters or more is prose: met again word for word, it is a
/// copy, not a refrain of the text's own.
const PROSE: usize = 80;

/// A run repeated in order is a second copy when it holds at least this many different prose
/// paragraphs: one paragraph printed twice can be a pull quote or a test page's filler.
const MIN_COPIED_PROSE: usize = 2;

/// Leaves out every run of paragraphs that repeats an earlier run in order and holds at least
/// [`MIN_COPIED_PROSE`] different prose paragraphs. Images and links keep their places in
/// the paragraphs that stay; links in a copy go with it.
pub(crate) fn drop_copies(body: &mut Body) {
    let copied = copied_runs(&body.paragraphs);
    if copied.iter().all(|c| !c) {
        return;
    }
    // Each paragraph's index once the copies are gone; a copy's paragraphs map to the place
    // where they stood, which is the next kept paragraph's.
    let mut new_index = Vec::with_capacity(copied.len() + 1);
    let mut kept = 0;
    for &c in &copied {
        new_index.push(kept);
        kept += usize::from(!c);
    }
    new_index.push(kept);
    for img in &mut body.images {
        img.at = img.at.map(|at| new_index[at.min(copied.len())]);
    }
    body.links
        .retain(|l| !copied.get(l.paragraph).copied().unwrap_or(false));
    for l in &mut body.links {
        l.paragraph = new_index[l.paragraph.min(copied.len())];
    }
    let mut flags = copied.iter();
    body.paragraphs
        .retain(|_| !flags.next().copied().unwrap_or(false));
}

/// For each paragraph, whether it belongs to a second copy of earlier paragraphs.
fn copied_runs(paragraphs: &[String]) -> Vec<bool> {
    let mut copied = vec![false; paragraphs.len()];
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut j = 0;
    while j < paragraphs.len() {
        let text = paragraphs[j].as_str();
        if let Some(&i) = first.get(text) {
            let len = run_length(paragraphs, i, j);
            if prose_in(&paragraphs[j..j + len]) >= MIN_COPIED_PROSE {
                copied[j..j + len].iter_mut().for_each(|c| *c = true);
                j += len;
                continue;
            }
        } else {
            first.insert(text, j);
        }
        j += 1;
    }
    copied
}

/// How many paragraphs from `j` on repeat those from `i` on, in order, without reaching `j`.
fn run_length(paragraphs: &[String], i: usize, j: usize) -> usize {
    (0..)
        .take_while(|&k| {
            i + k < j && j + k < paragraphs.len() && paragraphs[i + k] == paragraphs[j + k]
        })
        .count()
}

/// The number of different prose paragraphs in a run.
fn prose_in(run: &[String]) -> usize {
    let mut prose: Vec<&str> = run
        .iter()
        .filter(|p| p.chars().count() >= PROSE)
        .map(String::as_str)
        .collect();
    prose.sort_unstable();
    prose.dedup();
    prose.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Image, Link};

    fn long(tag: &str) -> String {
        format!(
            "{tag} is a paragraph of prose long enough to be read as a sentence of the text itself."
        )
    }

    fn body(paragraphs: &[String]) -> Body {
        Body {
            paragraphs: paragraphs.to_vec(),
            ..Body::default()
        }
    }

    #[test]
    fn a_second_copy_is_left_out_with_its_links() {
        let (a, b, c) = (long("A"), long("B"), long("C"));
        let head = "A subhead".to_string();
        let mut text = body(&[
            a.clone(),
            head.clone(),
            b.clone(),
            c.clone(),
            a.clone(),
            head.clone(),
            b.clone(),
            c.clone(),
            "More news".into(),
        ]);
        text.links = vec![
            Link {
                paragraph: 2,
                text: "x".into(),
                url: "u1".into(),
            },
            Link {
                paragraph: 6,
                text: "x".into(),
                url: "u2".into(),
            },
            Link {
                paragraph: 8,
                text: "y".into(),
                url: "u3".into(),
            },
        ];
        text.images = vec![Image {
            url: "i".into(),
            caption: None,
            at: Some(8),
        }];
        drop_copies(&mut text);
        assert_eq!(text.paragraphs, [a, head, b, c, "More news".to_string()]);
        let links: Vec<(usize, &str)> = text
            .links
            .iter()
            .map(|l| (l.paragraph, l.url.as_str()))
            .collect();
        assert_eq!(links, [(2, "u1"), (4, "u3")]);
        assert_eq!(text.images[0].at, Some(4));
    }

    #[test]
    fn one_paragraph_said_again_is_kept() {
        // A pull quote, a test page's filler, a refrain, a short line: not a copy of the text.
        let (a, b) = (long("A"), long("B"));
        for paragraphs in [
            vec![a.clone(), a.clone(), a.clone()],
            vec![a.clone(), "Sub".into(), a.clone(), "Sub".into()],
            vec![a.clone(), b.clone(), a.clone()],
            vec!["Yes".into(), "No".into(), "Yes".into(), "No".into()],
        ] {
            let mut text = body(&paragraphs);
            drop_copies(&mut text);
            assert_eq!(text.paragraphs, paragraphs);
        }
    }

    #[test]
    fn a_copy_of_part_of_the_text_is_left_out() {
        let (a, b, c) = (long("A"), long("B"), long("C"));
        let mut text = body(&[a.clone(), b.clone(), c.clone(), b.clone(), c.clone()]);
        drop_copies(&mut text);
        assert_eq!(text.paragraphs, [a, b, c]);
    }
}
