//! The snippet of a search hit: the words around the first match in an article's text, with
//! the matched words marked. Built from the stored text for the hits shown only, as the search
//! index keeps no copy of it.

use super::search::{MATCH_END, MATCH_START};

/// Words a snippet shows.
const SNIPPET_WORDS: usize = 16;
/// Words shown before the first match, so that it reads in context.
const WORDS_BEFORE: usize = 4;

/// The words of a query as the index matches them: lower case, the last one as a prefix when
/// the query ends in it (as typed).
#[derive(Debug, Clone, Default)]
pub struct Terms {
    words: Vec<String>,
    last_is_prefix: bool,
}

/// The letters and digits of a word, lower case: how the index's tokenizer sees it.
fn core(word: &str) -> String {
    word.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .collect::<String>()
        .trim_matches('\'')
        .to_lowercase()
}

impl Terms {
    pub fn of(query: &str) -> Terms {
        let words: Vec<String> = query
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .map(core)
            .filter(|w| !w.is_empty())
            .collect();
        Terms {
            words,
            last_is_prefix: query.chars().last().is_some_and(char::is_alphanumeric),
        }
    }

    fn matches(&self, word: &str) -> bool {
        let w = core(word);
        if w.is_empty() {
            return false;
        }
        self.words.iter().enumerate().any(|(i, t)| {
            let prefix = self.last_is_prefix && i + 1 == self.words.len();
            w == *t || (prefix && w.starts_with(t.as_str())) || w.split('\'').any(|p| p == t)
        })
    }

    /// The snippet of a text: about [`SNIPPET_WORDS`] words on one line around the first
    /// paragraph's first match, matched words between [`MATCH_START`] and [`MATCH_END`]; the
    /// text's first words when only the title matched.
    pub fn snippet(&self, body: &[String]) -> String {
        let found = body.iter().find_map(|p| {
            let words: Vec<&str> = p.split_whitespace().collect();
            words
                .iter()
                .position(|w| self.matches(w))
                .map(|at| (words, at))
        });
        let (words, start) = match found {
            Some((words, at)) => (words, at.saturating_sub(WORDS_BEFORE)),
            None => (
                body.first()
                    .map(|p| p.split_whitespace().collect())
                    .unwrap_or_default(),
                0,
            ),
        };
        let end = (start + SNIPPET_WORDS).min(words.len());
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        for (i, w) in words[start..end].iter().enumerate() {
            if i > 0 || start > 0 {
                out.push(' ');
            }
            if self.matches(w) {
                out.push(MATCH_START);
                out.push_str(w);
                out.push(MATCH_END);
            } else {
                out.push_str(w);
            }
        }
        if end < words.len() {
            out.push_str(" …");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(ps: &[&str]) -> Vec<String> {
        ps.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn marks_the_first_match_in_context() {
        let t = Terms::of("border trade");
        let s = t.snippet(&body(&[
            "Nothing here at all.",
            "One two three four five six the Border trade, rose sharply this year.",
        ]));
        assert_eq!(
            s,
            "… four five six the \u{1}Border\u{2} \u{1}trade,\u{2} rose sharply this year."
        );
    }

    #[test]
    fn the_last_word_matches_as_typed() {
        let t = Terms::of("Guan");
        assert!(
            t.snippet(&body(&["In Guangxi today."]))
                .contains("\u{1}Guangxi\u{2}")
        );
        let done = Terms::of("Guan ");
        assert!(
            !done
                .snippet(&body(&["In Guangxi today."]))
                .contains('\u{1}')
        );
    }

    #[test]
    fn a_title_only_match_shows_the_opening_words() {
        let t = Terms::of("zzz");
        let words: Vec<String> = (0..30).map(|i| format!("w{i}")).collect();
        let s = t.snippet(&[words.join(" ")]);
        assert!(s.starts_with("w0 w1") && s.ends_with(" …"), "{s}");
        assert_eq!(t.snippet(&[]), "");
    }
}
