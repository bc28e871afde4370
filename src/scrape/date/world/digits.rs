//! Normalisation of the text before matching.
//!
//! Every Unicode decimal digit becomes an ASCII digit, letters are lower-cased, and a few
//! script-specific spelling variants are unified (Arabic/Persian yeh and kaf, alef with hamza,
//! Greek accents and final sigma, Turkish dotted/dotless i, Indic nukta forms). The month names of
//! the data file go through the same folding, so both sides always agree.
//!
//! The normalised copy keeps, for each of its bytes, the byte offset of the original character that
//! produced it, so that matches can be reported against the original string.

/// First code point (the digit zero) of each block of ten decimal digits outside ASCII.
const DIGIT_ZEROS: &[u32] = &[
    0x0660,  // Arabic-Indic
    0x06F0,  // Extended Arabic-Indic (Persian, Urdu)
    0x07C0,  // NKo
    0x0966,  // Devanagari
    0x09E6,  // Bengali
    0x0A66,  // Gurmukhi
    0x0AE6,  // Gujarati
    0x0B66,  // Oriya
    0x0BE6,  // Tamil
    0x0C66,  // Telugu
    0x0CE6,  // Kannada
    0x0D66,  // Malayalam
    0x0DE6,  // Sinhala Lith
    0x0E50,  // Thai
    0x0ED0,  // Lao
    0x0F20,  // Tibetan
    0x1040,  // Myanmar
    0x1090,  // Myanmar Shan
    0x17E0,  // Khmer
    0x1810,  // Mongolian
    0x1946,  // Limbu
    0x19D0,  // New Tai Lue
    0x1A80,  // Tai Tham Hora
    0x1A90,  // Tai Tham Tham
    0x1B50,  // Balinese
    0x1BB0,  // Sundanese
    0x1C40,  // Lepcha
    0x1C50,  // Ol Chiki
    0xA620,  // Vai
    0xA8D0,  // Saurashtra
    0xA900,  // Kayah Li
    0xA9D0,  // Javanese
    0xA9F0,  // Myanmar Tai Laing
    0xAA50,  // Cham
    0xABF0,  // Meetei Mayek
    0xFF10,  // Fullwidth
    0x104A0, // Osmanya
];

/// The value of a decimal digit of any script, or `None`.
pub(crate) fn digit_value(c: char) -> Option<u8> {
    if c.is_ascii_digit() {
        return Some(c as u8 - b'0');
    }
    let cp = c as u32;
    if cp < 0x0660 {
        return None;
    }
    DIGIT_ZEROS
        .iter()
        .find(|&&zero| cp >= zero && cp < zero + 10)
        .map(|&zero| (cp - zero) as u8)
}

/// Quick test run before any other work: a date always holds a run of at least `min` digits
/// (a four-digit year), in whatever script.
pub(crate) fn has_digit_run(text: &str, min: usize) -> bool {
    let mut run = 0;
    for c in text.chars() {
        if digit_value(c).is_some() {
            run += 1;
            if run >= min {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// Characters that are dropped: invisible format marks, Arabic tatweel and vowel signs, Indic nukta.
fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{0640}' | '\u{0670}' | '\u{FEFF}'
        | '\u{200B}' | '\u{200D}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
        | '\u{064B}'..='\u{065F}' | '\u{093C}' | '\u{09BC}')
}

/// Letters written in several ways that mean the same for our purpose.
fn unify(c: char) -> Option<char> {
    Some(match c {
        // Arabic and Persian
        'ى' | 'ی' => 'ي',
        'ک' => 'ك',
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ۀ' => 'ه',
        // Greek accents and final sigma
        'ά' | 'Ά' => 'α',
        'έ' | 'Έ' => 'ε',
        'ή' | 'Ή' => 'η',
        'ί' | 'ϊ' | 'ΐ' | 'Ί' | 'Ϊ' => 'ι',
        'ό' | 'Ό' => 'ο',
        'ύ' | 'ϋ' | 'ΰ' | 'Ύ' | 'Ϋ' => 'υ',
        'ώ' | 'Ώ' => 'ω',
        'ς' => 'σ',
        // Turkish dotted capital and dotless small i
        'İ' | 'ı' => 'i',
        // Bengali letters with nukta, precomposed (the nukta itself is ignored)
        '\u{09DC}' => '\u{09A1}',
        '\u{09DD}' => '\u{09A2}',
        '\u{09DF}' => '\u{09AF}',
        // Devanagari letters with nukta, precomposed: QA KHHA GHHA ZA DDDHA RHA FA YYA
        '\u{0958}' => '\u{0915}',
        '\u{0959}' => '\u{0916}',
        '\u{095A}' => '\u{0917}',
        '\u{095B}' => '\u{091C}',
        '\u{095C}' => '\u{0921}',
        '\u{095D}' => '\u{0922}',
        '\u{095E}' => '\u{092B}',
        '\u{095F}' => '\u{092F}',
        // Zero-width non-joiner separates words in Persian
        '\u{200C}' => ' ',
        // Fullwidth ASCII forms
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0)?,
        _ => return None,
    })
}

/// Appends the folded form of `c` to `out` (possibly nothing, possibly several characters).
pub(crate) fn fold_into(c: char, out: &mut String) {
    if let Some(d) = digit_value(c) {
        out.push(char::from(b'0' + d));
        return;
    }
    if is_ignorable(c) {
        return;
    }
    if c.is_whitespace() {
        out.push(' ');
        return;
    }
    let c = unify(c).unwrap_or(c);
    for l in c.to_lowercase() {
        out.push(unify(l).unwrap_or(l));
    }
}

/// The folded form of a whole string (used for the data file's words).
pub(crate) fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_into(c, &mut out);
    }
    out
}

/// Letters that only Persian (not Arabic) writing uses, and the Persian digits.
fn is_persian_marker(c: char) -> bool {
    matches!(
        c,
        '\u{06F0}'..='\u{06F9}' | 'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی'
    )
}

/// The normalised copy of an input string with the way back to the original offsets.
pub(crate) struct Norm<'a> {
    src: &'a str,
    /// The folded text; all matching happens on it.
    pub text: String,
    /// For each byte of `text`, the original offset of the character that produced it.
    orig: Vec<usize>,
    /// Whether the text looks Persian (so that numeric 13xx/14xx years are Jalali).
    pub persian: bool,
}

impl<'a> Norm<'a> {
    pub fn new(src: &'a str) -> Norm<'a> {
        let mut text = String::with_capacity(src.len() + 8);
        let mut orig = Vec::with_capacity(src.len() + 9);
        let mut persian = false;
        for (i, c) in src.char_indices() {
            persian |= is_persian_marker(c);
            fold_into(c, &mut text);
            orig.resize(text.len(), i);
        }
        orig.push(src.len());
        Norm {
            src,
            text,
            orig,
            persian,
        }
    }

    /// Original offset of a start position in `text`.
    pub fn orig_start(&self, pos: usize) -> usize {
        self.orig.get(pos).copied().unwrap_or(self.src.len())
    }

    /// Original offset of an end position in `text`: the end of the character that produced the
    /// byte just before it.
    pub fn orig_end(&self, pos: usize) -> usize {
        if pos == 0 {
            return self.orig_start(0);
        }
        let at = self.orig_start(pos - 1);
        let len = self
            .src
            .get(at..)
            .and_then(|r| r.chars().next())
            .map_or(0, char::len_utf8);
        at + len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_of_many_scripts() {
        assert_eq!(fold_str("۲۹ ١٣ ১৩ २० ๒๕ ２０"), "29 13 13 20 25 20");
        assert_eq!(digit_value('x'), None);
        assert!(has_digit_run("a ۱۳۹۸ b", 4));
        assert!(!has_digit_run("12 345 67", 4));
    }

    #[test]
    fn letters_unified() {
        assert_eq!(fold_str("ΜΑΪΟΥ"), fold_str("Μαΐου"));
        assert_eq!(fold_str("Kasım"), fold_str("KASIM"));
        assert_eq!(fold_str("ژانویهٔ"), fold_str("ژانویه"));
        assert_eq!(
            fold_str("\u{099C}\u{09BE}\u{09A8}\u{09C1}\u{09DF}"),
            fold_str("\u{099C}\u{09BE}\u{09A8}\u{09C1}\u{09AF}\u{09BC}")
        );
        assert_eq!(fold_str("فروردین"), fold_str("فروردين"));
    }

    #[test]
    fn offsets_map_back() {
        let src = "x\u{200F}İ ۱۳";
        let n = Norm::new(src);
        assert_eq!(n.text, "xi 13");
        let p = n.text.find("13").unwrap();
        assert_eq!(&src[n.orig_start(p)..n.orig_end(p + 2)], "۱۳");
    }
}
