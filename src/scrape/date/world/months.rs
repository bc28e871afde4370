//! Month names read from TOML and compiled into one search regex.
//!
//! Format (see `months.toml`):
//!
//! ```toml
//! [words]
//! fillers = ["de", "of"]      # words allowed between the parts of a date
//! ordinals = ["st", "er"]     # suffixes written right after a day number
//! time = ["at", "um"]         # words allowed between a date and its time
//!
//! [languages.english]
//! months = [["january", "jan"], ...]   # exactly 12 lists
//!
//! [languages.persian_jalali]
//! calendar = "jalali"         # "gregorian" (default), "jalali" or "buddhist"
//! rank = 0                    # on a name shared with another meaning, the lower rank wins
//! prefixes = ["ב"]            # also accept every name with these glued in front
//! ```
//!
//! Names are matched case-insensitively after the folding of `digits.rs`; a trailing dot is
//! optional; inner spaces match any run of spaces. A name given two different meanings by
//! languages of the same rank is an error, so that no ambiguity goes unnoticed.

use super::digits::fold_str;
use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// How the year and month of a name are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Calendar {
    Gregorian,
    /// Solar Hijri (Iran, Afghanistan).
    Jalali,
    /// Thai: months as in Gregorian, years of the Buddhist era (Gregorian + 543) when above 2400.
    Buddhist,
}

/// What a month name means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MonthRef {
    pub month: u32,
    pub calendar: Calendar,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    #[serde(default)]
    words: Words,
    languages: BTreeMap<String, Language>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Words {
    #[serde(default)]
    fillers: Vec<String>,
    #[serde(default)]
    ordinals: Vec<String>,
    #[serde(default)]
    time: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Language {
    #[serde(default)]
    calendar: Option<String>,
    #[serde(default)]
    rank: i64,
    #[serde(default)]
    prefixes: Vec<String>,
    months: Vec<Vec<String>>,
}

/// Month names of many languages, compiled for searching. Build it once and reuse it: building
/// compiles a regex of all the names. Cloning is cheap.
#[derive(Clone, Debug)]
pub struct Months {
    pub(crate) finder: Regex,
    names: HashMap<String, MonthRef>,
    pub(crate) fillers: Vec<String>,
    pub(crate) ordinals: Vec<String>,
    pub(crate) time_words: Vec<String>,
}

static BUILTIN: LazyLock<Months> = LazyLock::new(|| {
    Months::from_toml(include_str!("../../../../assets/months.toml"))
        .expect("the bundled months.toml is valid")
});

/// The folded form of a name: lower case, single inner spaces, no trailing dot.
fn name_key(name: &str) -> String {
    let folded = fold_str(name);
    let joined = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.trim_end_matches('.').to_string()
}

/// Folded words sorted longest first, so that a prefix test finds the longest.
fn word_list(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = words
        .iter()
        .map(|w| name_key(w))
        .filter(|w| !w.is_empty())
        .collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    out.dedup();
    out
}

fn parse_calendar(name: Option<&str>) -> Result<Calendar, String> {
    match name.unwrap_or("gregorian") {
        "gregorian" => Ok(Calendar::Gregorian),
        "jalali" => Ok(Calendar::Jalali),
        "buddhist" => Ok(Calendar::Buddhist),
        other => Err(format!("unknown calendar '{other}'")),
    }
}

/// All names of one language with their meaning, keyed by folded name.
fn language_names(lang: &str, l: &Language) -> Result<Vec<(String, MonthRef)>, String> {
    if l.months.len() != 12 {
        return Err(format!(
            "language '{lang}' has {} month lists, not 12",
            l.months.len()
        ));
    }
    let calendar =
        parse_calendar(l.calendar.as_deref()).map_err(|e| format!("language '{lang}': {e}"))?;
    let mut prefixes = vec![String::new()];
    prefixes.extend(l.prefixes.iter().cloned());
    let mut out = Vec::new();
    for (i, forms) in l.months.iter().enumerate() {
        let month = MonthRef {
            month: i as u32 + 1,
            calendar,
        };
        if forms.is_empty() {
            return Err(format!("language '{lang}' has no name for month {}", i + 1));
        }
        for form in forms {
            for prefix in &prefixes {
                let key = name_key(&format!("{prefix}{form}"));
                if key.is_empty() || key.chars().all(|c| c.is_ascii_digit() || c == ' ') {
                    return Err(format!("language '{lang}': unusable name '{form}'"));
                }
                out.push((key, month));
            }
        }
    }
    Ok(out)
}

/// The regex that finds any of `names`, longest alternatives first.
fn build_finder(names: &HashMap<String, MonthRef>) -> Result<Regex, String> {
    let mut keys: Vec<&String> = names.keys().collect();
    keys.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    let alternatives: Vec<String> = keys
        .iter()
        .map(|k| {
            k.split(' ')
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(" +")
        })
        .collect();
    let pattern = format!("(?:{})", alternatives.join("|"));
    RegexBuilder::new(&pattern)
        .size_limit(64 << 20)
        .dfa_size_limit(32 << 20)
        .build()
        .map_err(|e| format!("cannot compile the month names: {e}"))
}

impl Months {
    /// Reads month names from TOML text (format in the module documentation).
    pub fn from_toml(text: &str) -> Result<Months, String> {
        let data: Data = toml::from_str(text).map_err(|e| e.to_string())?;
        if data.languages.is_empty() {
            return Err("no languages".to_string());
        }
        let mut names: HashMap<String, (MonthRef, i64, String)> = HashMap::new();
        for (lang, l) in &data.languages {
            for (key, month) in language_names(lang, l)? {
                match names.get(&key) {
                    Some((old, _, _)) if *old == month => {}
                    Some((old, rank, other)) if *rank == l.rank => {
                        return Err(format!(
                            "'{key}' is month {} in '{other}' but month {} in '{lang}' (give one a higher rank)",
                            old.month, month.month
                        ));
                    }
                    Some((_, rank, _)) if *rank < l.rank => {}
                    _ => {
                        names.insert(key, (month, l.rank, lang.clone()));
                    }
                }
            }
        }
        let names: HashMap<String, MonthRef> =
            names.into_iter().map(|(k, (m, _, _))| (k, m)).collect();
        Ok(Months {
            finder: build_finder(&names)?,
            names,
            fillers: word_list(&data.words.fillers),
            ordinals: word_list(&data.words.ordinals),
            time_words: word_list(&data.words.time),
        })
    }

    /// The bundled data (`months.toml`), compiled once per process.
    pub fn builtin() -> Months {
        BUILTIN.clone()
    }

    /// The bundled data, shared.
    pub fn shared() -> &'static Months {
        &BUILTIN
    }

    /// The meaning of a name as matched by `finder`.
    pub(crate) fn lookup(&self, matched: &str) -> Option<MonthRef> {
        if matched.contains("  ") {
            let key = matched
                .split(' ')
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            return self.names.get(&key).copied();
        }
        self.names.get(matched).copied()
    }

    /// Number of distinct month names known.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses() {
        let m = Months::builtin();
        assert!(m.name_count() > 500, "{}", m.name_count());
        let jan = MonthRef {
            month: 1,
            calendar: Calendar::Gregorian,
        };
        assert_eq!(m.lookup("january"), Some(jan));
        assert_eq!(m.lookup("янв"), Some(jan));
        assert_eq!(m.lookup(&fold_str("Ιανουαρίου")), Some(jan));
        assert_eq!(m.lookup("listopada").map(|r| r.month), Some(11));
        assert_eq!(
            m.lookup(&fold_str("بهمن")).map(|r| r.calendar),
            Some(Calendar::Jalali)
        );
        assert_eq!(
            m.lookup(&name_key("ม.ค.")).map(|r| r.calendar),
            Some(Calendar::Buddhist)
        );
    }

    #[test]
    fn errors() {
        assert!(Months::from_toml("x = ").is_err());
        assert!(
            Months::from_toml("[languages.a]\nmonths = [[\"x\"]]")
                .unwrap_err()
                .contains("not 12")
        );
        let twelve = |first: &str| {
            let mut lists = vec![format!("[\"{first}\"]")];
            lists.extend((2..=12).map(|i| format!("[\"m{i}x\"]")));
            lists.join(", ")
        };
        let clash = format!(
            "[languages.a]\nmonths = [{}]\n[languages.b]\nmonths = [[\"zz\"], [\"foo\"], {}]",
            twelve("foo"),
            (3..=12)
                .map(|i| format!("[\"n{i}y\"]"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        assert!(Months::from_toml(&clash).unwrap_err().contains("'foo'"));
        let ranked = clash.replace("[languages.b]\n", "[languages.b]\nrank = 1\n");
        let m = Months::from_toml(&ranked).unwrap();
        assert_eq!(m.lookup("foo").map(|r| r.month), Some(1));
    }
}
