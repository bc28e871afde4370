//! The one sanitiser every scraped string passes through before it enters a struct.
//!
//! Scraped text is hostile: html5ever turns `&#27;` into a real ESC, so escaping raw bytes is not
//! enough. Here whole escape sequences (CSI, OSC, DCS, two-byte ESC forms, and their 8-bit C1
//! forms) are dropped, every other control, bidi override/isolate and zero-width format character
//! is removed, and whitespace (NBSP and the ideographic space included) is folded to single spaces.

/// Cleans one scraped string: escape sequences and controls removed, whitespace folded, trimmed.
pub fn clean_text(input: &str) -> String {
    clean(input, None, usize::MAX).unwrap_or_default()
}

/// [`clean_text`], but keeping one marker character (a control the caller put there itself),
/// with the whitespace around each marker folded away and none at either end; giving up
/// (`None`) as soon as the clean text is sure to hold more than `limit` characters, for a
/// reader that has no use for longer text.
pub fn clean_text_keeping_within(input: &str, marker: char, limit: usize) -> Option<String> {
    let mut out = clean(input, Some(marker), limit)?;
    // Markers at either end are trimmed in place.
    while out.ends_with(marker) {
        out.pop();
    }
    let lead = out.len() - out.trim_start_matches(marker).len();
    out.drain(..lead);
    Some(out)
}

/// True for a byte a clean line keeps as it is: printable ASCII, or a space after another
/// character. Told without a branch.
#[inline]
fn stays(c: u8, after_space: bool) -> bool {
    c.is_ascii_graphic() | ((c == b' ') & !after_space)
}

/// Cleans `input`; `None` once more than `limit` characters other than spaces and the marker
/// (which later trimming may remove) have been kept.
fn clean(input: &str, marker: Option<char>, limit: usize) -> Option<String> {
    // Most lines are printable ASCII with single spaces already: nothing to do but copy. The
    // clean run at the start (printable ASCII, each space after another character) is measured
    // with no branch on the bytes but the run's end; a line clean to its end is copied whole,
    // and any other starts from its clean run.
    let b = input.as_bytes();
    let (mut run, mut spaces, mut prev_space) = (0usize, 0usize, true);
    // Whole blocks of 16 bytes first, each byte tested against the one before it in the
    // block: a loop the compiler turns into vector instructions.
    while let Some(block) = b.get(run..run + 16) {
        let (mut bad, mut block_spaces) = (false, 0u8);
        for i in 0..16 {
            let c = block[i];
            let space = c == b' ';
            let after_space = if i == 0 {
                prev_space
            } else {
                block[i - 1] == b' '
            };
            bad |= !stays(c, after_space);
            block_spaces += u8::from(space);
        }
        if bad {
            break;
        }
        spaces += usize::from(block_spaces);
        prev_space = block[15] == b' ';
        run += 16;
    }
    while run < b.len() {
        let c = b[run];
        let space = c == b' ';
        if !stays(c, prev_space) {
            break;
        }
        spaces += usize::from(space);
        prev_space = space;
        run += 1;
    }
    if run == b.len() && !(prev_space && run > 0) {
        return (run - spaces <= limit).then(|| input.to_string());
    }
    // A space ending the clean run waits for what follows it.
    let copied = if prev_space && run > 0 { run - 1 } else { run };
    let kept_run = copied - (spaces - usize::from(copied < run));
    if kept_run > limit {
        return None;
    }
    let mut out = String::with_capacity(input.len());
    out.push_str(&input[..copied]);
    let mut kept = kept_run;
    let mut pending_space = copied < run;
    let mut chars = input[run..].chars();
    while let Some(c) = chars.next() {
        match c {
            // The common case first: printable ASCII.
            '!'..='~' => {
                if pending_space && !out.is_empty() && !marker.is_some_and(|m| out.ends_with(m)) {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
                // The rest of a run of printable ASCII, single spaces between words included,
                // is copied whole (the test on each byte has no branch of its own).
                let rest = chars.as_str();
                let rb = rest.as_bytes();
                let (mut run, mut spaces) = (0, 0);
                while run < rb.len() {
                    let space = rb[run] == b' ';
                    let next_graphic = rb.get(run + 1).is_some_and(u8::is_ascii_graphic);
                    if !(rb[run].is_ascii_graphic() | (space & next_graphic)) {
                        break;
                    }
                    spaces += usize::from(space);
                    run += 1;
                }
                out.push_str(&rest[..run]);
                chars = rest[run..].chars();
                kept += 1 + run - spaces;
                if kept > limit {
                    return None;
                }
            }
            c if Some(c) == marker => {
                // Whitespace does not survive next to a marker.
                pending_space = false;
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push(c);
                while peek(&chars).is_some_and(|n| n.is_whitespace() || n == '\u{a0}') {
                    chars.next();
                }
            }
            // A run of ASCII whitespace (indentation between tags) is one pending space.
            ' ' | '\n' | '\t' | '\r' => {
                pending_space = true;
                let rest = chars.as_str();
                let run = rest
                    .bytes()
                    .take_while(|b| matches!(b, b' ' | b'\n' | b'\t' | b'\r'))
                    .count();
                chars = rest[run..].chars();
            }
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if c.is_whitespace() || c == '\u{a0}' => pending_space = true,
            c if is_unwanted(c) => {}
            c => {
                if pending_space && !out.is_empty() && !marker.is_some_and(|m| out.ends_with(m)) {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
                kept += 1;
                if kept > limit {
                    return None;
                }
            }
        }
    }
    Some(out)
}

/// Cleans a multi-line text block: each line cleaned, empty lines dropped.
pub fn clean_lines(input: &str) -> Vec<String> {
    input
        .split('\n')
        .map(clean_text)
        .filter(|l| !l.is_empty())
        .collect()
}

/// True for characters that must never reach a terminal: C0/C1 controls, DEL, bidi controls,
/// zero-width and other invisible format characters, and non-characters.
pub fn is_unwanted(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200b}'..='\u{200f}'   // zero-width space/joiners, LRM, RLM
            | '\u{202a}'..='\u{202e}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{206f}' // word joiner, invisible operators, bidi isolates
            | '\u{061c}'              // Arabic letter mark
            | '\u{feff}'              // BOM / zero-width no-break space
            | '\u{fff9}'..='\u{fffb}' // interlinear annotation controls
            | '\u{ad}'                // soft hyphen
            | '\u{fffe}' | '\u{ffff}')
}

type Chars<'a> = std::str::Chars<'a>;

fn peek(chars: &Chars) -> Option<char> {
    chars.clone().next()
}

/// After ESC: drop the whole sequence, whatever its kind.
fn skip_escape(chars: &mut Chars) {
    match peek(chars) {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
            chars.next();
            skip_string(chars);
        }
        // Intermediate bytes then one final byte (e.g. `ESC ( B`, `ESC # 8`).
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            while let Some(c) = peek(chars) {
                chars.next();
                if !('\u{20}'..='\u{2f}').contains(&c) {
                    break;
                }
            }
        }
        // Two-character forms such as `ESC c` (reset) or `ESC 7`.
        Some(c) if ('\u{30}'..='\u{7e}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI: parameter and intermediate bytes up to one final byte in `@`..`~`.
fn skip_csi(chars: &mut Chars) {
    while let Some(c) = peek(chars) {
        if ('\u{30}'..='\u{3f}').contains(&c) || ('\u{20}'..='\u{2f}').contains(&c) {
            chars.next();
        } else {
            if ('\u{40}'..='\u{7e}').contains(&c) {
                chars.next();
            }
            return;
        }
    }
}

/// OSC/DCS/APC/PM/SOS: a string terminated by BEL, ST (`ESC \`) or C1 ST. A string that never
/// ends is bounded by a line break, so a stray ESC ] cannot swallow a whole article.
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if peek(chars) == Some('\\') {
                    chars.next();
                }
                return;
            }
            '\n' => return,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line's clean start, copied at once, comes out as the character-by-character reading
    /// gives it: the same line behind a zero-width space (removed, and not ASCII, so nothing
    /// of it is copied at once) cleans to the same text, with and without a marker or a limit.
    #[test]
    fn clean_start_copied_at_once_reads_as_the_slow_path() {
        let mut lines: Vec<String> = Vec::new();
        for page in crate::scrape::corpus_texts(None) {
            let html = scraper::Html::parse_document(&page);
            let text: String = html.root_element().text().collect();
            lines.extend(text.split('\n').map(str::to_string));
            lines.push(text);
        }
        let bits = [
            " ",
            "  ",
            "a",
            "bc",
            "\u{1f}",
            "\n",
            "\t",
            "é",
            "\u{a0}",
            "\u{1b}[31m",
            "x y",
            ".",
            "0123456789abcdef",
        ];
        let mut seed = 7u64;
        for _ in 0..20_000 {
            let mut line = String::new();
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            for k in 0..(seed >> 60) {
                line.push_str(bits[((seed >> (4 * k)) % bits.len() as u64) as usize]);
            }
            lines.push(line);
        }
        let mut fast = 0;
        for line in &lines {
            let slow = format!("\u{200b}{line}");
            for marker in [None, Some('\u{1f}')] {
                for limit in [usize::MAX, 5, 40] {
                    assert_eq!(
                        clean(line, marker, limit),
                        clean(&slow, marker, limit),
                        "{line:?} {marker:?} {limit}"
                    );
                }
            }
            fast += usize::from(line.len() >= 16 && line.is_ascii());
        }
        assert!(fast > 1000, "{fast}");
    }

    /// Cleaning with a limit gives up exactly when the clean text, markers and spaces aside,
    /// holds more than the limit, and otherwise gives the same text.
    #[test]
    fn limit_gives_up_only_on_longer_text() {
        let m = '\u{1f}';
        let samples = [
            "plain text of some length",
            "  indented\n\t text   with   gaps  ",
            "a\u{1f}b\u{1f}  \u{1f}c",
            "\u{1b}[31mred\u{1b}[0m and more words here",
            "中文　文本\u{a0}和 spaces",
            "\u{202e}bidi\u{200b}zero width",
            "x\u{9b}31mhidden tail of text",
        ];
        for s in samples {
            let full = clean_text_keeping_within(s, m, usize::MAX).unwrap_or_default();
            let visible = full.chars().filter(|c| *c != ' ' && *c != m).count();
            for limit in 0..=visible + 2 {
                let got = clean_text_keeping_within(s, m, limit);
                if visible > limit {
                    assert_eq!(got, None, "{s:?} {limit}");
                } else {
                    assert_eq!(got.as_deref(), Some(full.as_str()), "{s:?} {limit}");
                }
            }
        }
    }

    #[test]
    fn folds_whitespace_and_nbsp() {
        assert_eq!(
            clean_text("  updatetime:2021\u{a0}\u{a0} View:0\u{3000}x\t\r\n"),
            "updatetime:2021 View:0 x"
        );
    }

    #[test]
    fn drops_whole_escape_sequences() {
        assert_eq!(clean_text("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(clean_text("x\u{1b}]52;c;ZXZpbA==\u{7}y"), "xy");
        assert_eq!(clean_text("x\u{1b}]0;title\u{1b}\\y"), "xy");
        assert_eq!(clean_text("x\u{9b}2Jy"), "xy");
        assert_eq!(clean_text("x\u{1b}cy"), "xy");
        assert_eq!(clean_text("bell\u{7}\u{8}\u{7f}"), "bell");
    }

    #[test]
    fn drops_bidi_and_zero_width() {
        assert_eq!(
            clean_text("ab\u{202e}cd\u{2066}e\u{200b}f\u{feff}"),
            "abcdef"
        );
    }

    #[test]
    fn unterminated_osc_stops_at_line_end() {
        assert_eq!(
            clean_lines("a\u{1b}]0;never ends\nsecond"),
            vec!["a", "second"]
        );
    }

    #[test]
    fn keeps_cjk_and_punctuation() {
        assert_eq!(clean_text("三月三 Source：广西"), "三月三 Source：广西");
    }
}
