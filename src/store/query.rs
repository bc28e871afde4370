//! What a user typed, as the search index reads it. The index keeps which articles hold a
//! word, not where (`detail=column`: a third of the size of one that keeps every position),
//! so the words of a quoted phrase are looked up as words, and the phrase itself is checked
//! in the text of each article found.

use rustc_hash::FxHashSet;

/// The tokens of a text as the index's tokenizer cuts them: runs of letters and digits
/// (`China's` is `china` and `s`), lower case.
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The longest word the vocabulary keeps: longer runs of letters are not words anyone types.
const MAX_WORD_CHARS: usize = 40;

/// The distinct words of an article as the vocabulary keeps them, for completing a word
/// being typed.
pub(super) fn vocabulary<'a>(title: &'a str, body: &'a [String]) -> FxHashSet<String> {
    std::iter::once(title)
        .chain(body.iter().map(String::as_str))
        .flat_map(tokens)
        .filter(|w| w.chars().count() <= MAX_WORD_CHARS)
        .collect()
}

/// The shortest start of a word looked up in the vocabulary: shorter ones have prefix indexes
/// of the search index (`prefix = '1 2'`), which read as fast as a whole word.
pub(super) const EXPAND_FROM: usize = 3;
/// The most words a start is completed to: past it the index's own prefix search runs.
pub(super) const MAX_EXPANSION: usize = 64;

// Why complete words at all: the index reads a few whole words newest first and stops at a
// page, while its own search for a start of 3 or more letters reads every article holding
// any word so starting, which at a million articles is a tenth of a second per letter typed.

/// The query's last word to complete, lower case: `None` when the query does not end in a
/// word (a space typed after it) or the word is short enough for the prefix indexes.
pub(super) fn last_start(input: &str) -> Option<String> {
    if !input.chars().last().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let last = tokens(input).last()?;
    (last.chars().count() >= EXPAND_FROM).then_some(last)
}

/// The first string after every word starting with `start`, for a range query.
pub(super) fn past_start(start: &str) -> String {
    let mut out: String = start.to_string();
    if let Some(c) = out.pop() {
        out.push(char::from_u32(c as u32 + 1).unwrap_or(char::MAX));
    }
    out
}

/// The FTS5 query with its last word replaced by one of its completions.
pub(super) fn with_completions(input: &str, words: &[String]) -> Option<String> {
    let mut parts = fts_parts(input);
    let any: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    *parts.last_mut()? = format!("({})", any.join(" OR "));
    Some(parts.join(" AND "))
}

/// Every word of a query quoted, the last as a prefix when the query ends in it.
fn fts_parts(input: &str) -> Vec<String> {
    let mut parts: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    let ends_in_word = input.chars().last().is_some_and(char::is_alphanumeric);
    if let Some(last) = parts.last_mut().filter(|_| ends_in_word) {
        last.push('*');
    }
    parts
}

/// Turns what a user typed into an FTS5 query that cannot be a syntax error: every word is
/// quoted (so `-`, `*`, `:`, `(`, `NEAR` and quotes mean nothing), words must all match, and
/// the last word matches as a prefix so results come as you type. `None` when nothing
/// searchable is left. A quoted phrase's words are among the words; see [`phrases`].
pub fn fts_query(input: &str) -> Option<String> {
    let parts = fts_parts(input);
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The phrases of a query: the words between a pair of quotes, two or more. An unclosed
/// quote (`"unbalanced`, still being typed) makes no phrase.
pub(super) fn phrases(input: &str) -> Vec<Vec<String>> {
    let chunks: Vec<&str> = input.split('"').collect();
    let closed = chunks.len() - usize::from(chunks.len().is_multiple_of(2));
    chunks[..closed]
        .iter()
        .skip(1)
        .step_by(2)
        .map(|chunk| tokens(chunk).collect::<Vec<_>>())
        .filter(|words| words.len() > 1)
        .collect()
}

/// True when the title or the text holds every phrase, its words one after another.
pub(super) fn holds_phrases(phrases: &[Vec<String>], title: &str, body: &[String]) -> bool {
    if phrases.is_empty() {
        return true;
    }
    // Lower case once, then words as slices of it: this runs on every article a phrase's
    // words are found in.
    let mut text = title.to_lowercase();
    for p in body {
        text.push('\n');
        text.push_str(&p.to_lowercase());
    }
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    phrases
        .iter()
        .all(|p| words.windows(p.len()).any(|w| w == p.as_slice()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_queries_become_plain_words() {
        assert_eq!(fts_query("ASEAN").as_deref(), Some("\"ASEAN\"*"));
        assert_eq!(
            fts_query("China-ASEAN expo").as_deref(),
            Some("\"China\" \"ASEAN\" \"expo\"*")
        );
        assert_eq!(
            fts_query("\"Beibu Gulf\" port").as_deref(),
            Some("\"Beibu\" \"Gulf\" \"port\"*")
        );
        assert_eq!(
            fts_query("NEAR(a b) OR title:x *").as_deref(),
            Some("\"NEAR\" \"a\" \"b\" \"OR\" \"title\" \"x\"")
        );
        assert_eq!(fts_query("China's").as_deref(), Some("\"China\" \"s\"*"));
        assert_eq!(
            fts_query("\"unbalanced"),
            Some("\"unbalanced\"*".to_string())
        );
        assert_eq!(fts_query("*()-:^"), None);
        assert_eq!(fts_query(""), None);
    }

    #[test]
    fn a_last_word_is_completed_from_the_vocabulary() {
        assert_eq!(last_start("Beibu Gua").as_deref(), Some("gua"));
        assert_eq!(
            last_start("Beibu Gu"),
            None,
            "the prefix index serves two letters"
        );
        assert_eq!(
            last_start("Guangxi "),
            None,
            "a word ended by a space is whole"
        );
        assert_eq!(past_start("gua"), "gub");
        let words = ["guangxi".to_string(), "guangdong".to_string()];
        assert_eq!(
            with_completions("Beibu \"Gulf port\" Gua", &words).as_deref(),
            Some("\"Beibu\" AND \"Gulf\" AND \"port\" AND (\"guangxi\" OR \"guangdong\")")
        );
        let v = vocabulary("Café in Nanning", &["Nanning's cafés, 2024.".to_string()]);
        let mut v: Vec<_> = v.into_iter().collect();
        v.sort();
        assert_eq!(v, ["2024", "café", "cafés", "in", "nanning", "s"]);
    }

    #[test]
    fn quoted_words_are_phrases_checked_in_order() {
        let p = phrases("\"Beibu Gulf\" port \"border  trade\" \"one\" \"unclosed phrase");
        assert_eq!(p, [vec!["beibu", "gulf"], vec!["border", "trade"]]);
        let body = ["The Beibu Gulf port opened.".to_string()];
        assert!(holds_phrases(&p[..1], "", &body));
        assert!(!holds_phrases(&p, "", &body));
        assert!(holds_phrases(&p, "Border trade grows", &body));
        let reversed = ["Gulf of Beibu".to_string()];
        assert!(!holds_phrases(&p[..1], "", &reversed));
        assert!(holds_phrases(&[], "", &[]));
    }
}
