//! `By Name` bylines: the author, and the agency when one is named (`By Li Hua, Xinhua`).

use std::sync::LazyLock;

use regex::Regex;

use crate::scrape::date::world::{Months, all_dates};
use crate::scrape::doc::without_by_word;
use crate::scrape::dom::text::{SEP, unmark};
use crate::scrape::dom::words::listed;
use crate::scrape::rules::BylineRules;

/// A line longer than this (in bytes) is a sentence that starts with `By`, not a byline.
const MAX_BYLINE: usize = 80;

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    // `By` one or two names (`Li Hua`, `LI HUA and WANG WEI`), perhaps where they wrote
    // (`in Nanning`), perhaps an agency or a site after a comma or a bar.
    const NAME: &str = r"\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}";
    let place = r"\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*){0,2}";
    let agency = r"\p{Lu}[\p{L} .'’&-]{1,40}|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org)";
    Regex::new(&format!(
        r"^(?i:by)\s+({NAME}(?:\s+(?:and|&)\s+{NAME})?)(?:\s+in\s+{place})?(?:\s*[,|/]\s*({agency}))?$"
    ))
    .expect("valid regex")
});

/// False for a line with no `by ` in it (in any case): it holds no byline.
pub(super) fn may_hold_byline(line: &str) -> bool {
    // Found from each `y`, the rarer letter, by a search for it.
    let b = line.as_bytes();
    memchr::memchr2_iter(b'y', b'Y', b)
        .any(|i| i > 0 && (b[i - 1] | 0x20) == b'b' && b.get(i + 1) == Some(&b' '))
}

/// A `By Name` byline: the author, and the agency when one is named (`By Li Hua, Xinhua`). A
/// byline naming only an agency gives the agency and no author.
pub(super) fn byline(rules: &BylineRules, line: &str) -> Option<(Option<String>, Option<String>)> {
    let start = line.trim_start_matches(|c: char| c.is_whitespace() || c == SEP);
    if line.len() > MAX_BYLINE
        || !(start.starts_with("By ") || start.starts_with("BY ") || start.starts_with("by "))
    {
        return None;
    }
    if runs_together(line) {
        return None;
    }
    let plain = unmark(line);
    let c = BYLINE.captures(&plain)?;
    let name = c.get(1)?.as_str().trim().to_string();
    let agency = c.get(2).map(|m| m.as_str().trim().to_string());
    let lower = name.to_lowercase();
    if listed(&rules.agencies, &lower) {
        return Some((None, Some(name)));
    }
    names_people(rules, &lower).then_some((Some(name), agency))
}

/// True for a marked line where the words of two elements run together with no space
/// (`by Taboola` `by Taboola` as `by Taboolaby Taboola`): twin links, one of them hidden, not
/// a byline, whose name is one text.
fn runs_together(line: &str) -> bool {
    let (mut before, mut marked) = (false, false);
    for c in line.chars() {
        if c == SEP {
            marked = true;
            continue;
        }
        let word = c.is_alphanumeric();
        if marked && before && word {
            return true;
        }
        (before, marked) = (word, false);
    }
    false
}

/// True when each person of a byline's names (`li hua and wang wei`, lower-case) is named in
/// two words or more, none of them a way of travelling (a travel guide's `By Air`, `By
/// High-Speed Rail`) or a phrase's word (`By The Numbers`, `By Land And Sea`).
fn names_people(rules: &BylineRules, lower: &str) -> bool {
    let person = |p: &str| {
        let words = || p.split_whitespace();
        words().nth(1).is_some()
            && !words().any(|w| listed(&rules.ways, w) || listed(&rules.phrase_words, w))
    };
    lower
        .split(" and ")
        .flat_map(|p| p.split(" & "))
        .all(person)
}

/// An author's name as a page's metadata or author box gives it, made fit to show: a leading
/// by-word (`By`, `Von`), web addresses (`(http://…)`), a date and what follows it (a date
/// line run into the name), and trailing punctuation cut. `None` when nothing that names
/// anybody is left (`—`, an address alone, a date line).
pub(crate) fn person(rules: &BylineRules, value: &str) -> Option<String> {
    let t = without_by_word(value.trim(), &rules.by_words);
    let t = match all_dates(t, Months::shared(), false).first() {
        Some(d) => &t[..d.start],
        None => t,
    };
    let words: Vec<&str> = t
        .split_whitespace()
        .filter(|w| !(w.contains("://") || w.trim_start_matches(['(', '[']).starts_with("www.")))
        .collect();
    let name = words.join(" ");
    let name = name
        .trim_matches(|c: char| c.is_whitespace() || ",;:|/-–—".contains(c))
        .trim_end_matches('(');
    let name = name
        .strip_prefix('(')
        .and_then(|n| n.strip_suffix(')'))
        .unwrap_or(name)
        .trim();
    name.chars()
        .any(char::is_alphabetic)
        .then(|| name.to_string())
}
