//! What a user typed, as the search index reads it. The index keeps which articles hold a
//! word, not where (`detail=column`: a third of the size of one that keeps every position),
//! so the words of a quoted phrase are looked up as words, and the phrase itself is checked
//! in the text of each article found.

/// The tokens of a text as the index's tokenizer cuts them: runs of letters and digits
/// (`China's` is `china` and `s`), lower case.
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Turns what a user typed into an FTS5 query that cannot be a syntax error: every word is
/// quoted (so `-`, `*`, `:`, `(`, `NEAR` and quotes mean nothing), words must all match, and
/// the last word matches as a prefix so results come as you type. `None` when nothing
/// searchable is left. A quoted phrase's words are among the words; see [`phrases`].
pub fn fts_query(input: &str) -> Option<String> {
    let mut parts: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    let ends_in_word = input.chars().last().is_some_and(char::is_alphanumeric);
    if let Some(last) = parts.last_mut().filter(|_| ends_in_word) {
        last.push('*');
    }
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
    use super::{fts_query, holds_phrases, phrases};

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
