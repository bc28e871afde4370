//! The label reader's tests: samples, and the corpus's lines read against a reference pattern.

use regex::Regex;

use super::byline::may_hold_byline;
use super::scan::has_colon;
use super::*;
use crate::scrape::profile::Profile;
use crate::scrape::rules::Rules;

/// The label matcher of the built-in profile and rules.
fn matcher() -> LabelMatcher {
    LabelMatcher::new(&Profile::default().labels, &Rules::default())
}

fn read(lines: &[&str]) -> Labelled {
    let m = matcher();
    let lines: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    let mut l = Labelled::default();
    m.read(&lines, &mut l);
    l
}

/// Each line, read alone, names no field and is no metadata line.
fn read_as_text(lines: &[&str]) {
    let m = matcher();
    for line in lines {
        assert_eq!(read(&[line]), Labelled::default(), "{line}");
        assert!(!m.is_meta_line(line), "{line}");
    }
}

/// A line may hold a byline exactly when `by ` stands in it, in any case: on samples and
/// on every line of the corpus's text.
#[test]
fn bylines_are_looked_for_where_by_stands() {
    let mut lines: Vec<String> = [
        "By Li",
        "BY LI",
        "bY x",
        "by",
        "baby ",
        "Y by",
        "yb y",
        "中by 文",
    ]
    .map(str::to_string)
    .to_vec();
    lines.extend(crate::scrape::corpus_text_nodes());
    let mut held = 0;
    for l in &lines {
        let want = l.as_bytes().windows(3).any(|w| {
            w[0].eq_ignore_ascii_case(&b'b') && w[1].eq_ignore_ascii_case(&b'y') && w[2] == b' '
        });
        assert_eq!(may_hold_byline(l), want, "{l:?}");
        held += usize::from(want);
    }
    assert!(held > 20, "{held}");
}

/// A colon is found, ASCII or fullwidth, and no other fullwidth character is one.
#[test]
fn colons_are_told_by_their_bytes() {
    for (line, want) in [
        ("Source: Xinhua", true),
        ("来源：广西日报", true),
        ("ｘｙ：", true),
        ("ｘｙｚ", false),
        ("（广西）", false),
        ("no colon here", false),
        ("", false),
    ] {
        assert_eq!(has_colon(line), want, "{line:?}");
        assert_eq!(has_colon(line), line.contains([':', '：']), "{line:?}");
    }
}

/// The labels' spans found by the search for labels alone are the whole pattern's first
/// group.
#[test]
fn label_spans_are_the_patterns_group() {
    let m = matcher();
    let re = reference_pattern(&Profile::default().labels);
    for line in [
        "updatetime: 2021-01-25 16:56:51\u{a0}View: 0\u{a0}Source: Guangxi Daily",
        "Source:Xinhua|Editor:Li",
        "来源：广西日报 编辑：李明",
        "发布时间：2021-01-25",
        "文章来源：新华社",
        "的来源：新华社",
        "16:56:51View:0",
        "(Source: Xinhua)",
        "Web Editor: Lu Ming",
        "Responsible editor: Wang",
        "\u{1f}Source\u{1f}:\u{1f}Xinhua",
        "no labels here: none",
        "Source:Editor: x",
        "a:Editor:b:Source:c",
        "xSource: a",
        "ÉSource: a",
        "中文Source: x",
        "EditorEditor: a",
        "Source : : Editor :x",
        "sources: none, resources: none",
        "Σ Views:3",
        "ſource: x",
        "WEBEDITOR:a",
        "Web \u{1f} Editor : b",
        "Edi tor: z",
        "x:y:Source",
        "：：Source：：Editor",
        "Source\u{ff1a}x\u{ff0c}y",
        "",
    ] {
        assert_eq!(spans(&m, line), reference(&re, line), "{line}");
    }
    // And every line of text on every corpus page.
    let mut lines = 0;
    for node in crate::scrape::corpus_text_nodes() {
        for line in node.lines() {
            assert_eq!(spans(&m, line), reference(&re, line), "{line}");
            lines += 1;
        }
    }
    assert!(lines > 10_000, "{lines}");
}

fn spans(m: &LabelMatcher, line: &str) -> Vec<(usize, usize)> {
    m.label_spans(line).collect()
}

/// The whole pattern the search for labels stands for: a label at the start of a line or
/// after a non-letter (a digit too: `16:56:51View:0`) or a Chinese character, then its colon,
/// half- or fullwidth; longest first, so `web editor` wins over `editor`.
fn reference_pattern(labels: &Labels) -> Regex {
    let mut alts: Vec<&str> = [
        &labels.published,
        &labels.source,
        &labels.editor,
        &labels.views,
        &labels.author,
        &labels.ignored,
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .collect();
    alts.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let alts: Vec<String> = alts
        .iter()
        .map(|l| regex::escape(l).replace(' ', r"[\s\x1f]*"))
        .collect();
    Regex::new(&format!(
        r"(?i)(?:^|[^\p{{L}}]|\p{{Han}})((?:{})[\s\x1f]*[:：])",
        alts.join("|")
    ))
    .expect("labels compile to a valid regex")
}

fn reference(re: &Regex, line: &str) -> Vec<(usize, usize)> {
    re.captures_iter(line)
        .filter_map(|c| c.get(1).map(|g| (g.start(), g.end())))
        .collect()
}

#[test]
fn seed_info_line() {
    let l = read(&["updatetime:2021-01-25 16:56:51 View:0 Source:en.gxzf.gov.cn"]);
    assert_eq!(
        l.published.unwrap().to_rfc3339(),
        "2021-01-25T16:56:51+08:00"
    );
    assert_eq!(l.views, Some(0));
    assert_eq!(l.source.as_deref(), Some("en.gxzf.gov.cn"));
}

#[test]
fn run_together_and_fullwidth() {
    let l = read(&["Update time:2021-01-25 16:56View:1,532Source：Guangxi Daily|Editor:LQ"]);
    assert_eq!(
        l.published.unwrap().to_rfc3339(),
        "2021-01-25T16:56:00+08:00"
    );
    assert_eq!(l.views, Some(1532));
    assert_eq!(l.source.as_deref(), Some("Guangxi Daily"));
    assert_eq!(l.editor.as_deref(), Some("LQ"));
}

#[test]
fn label_and_value_on_separate_lines() {
    let l = read(&["Source:", "Xinhua", "Web Editor:", "MXJ", "Hits:"]);
    assert_eq!(l.source.as_deref(), Some("Xinhua"));
    assert_eq!(l.editor.as_deref(), Some("MXJ"));
    assert!(l.views_seen);
    assert_eq!(l.views, None);
}

#[test]
fn chinese_labels() {
    let l = read(&["发布时间：2021-03-05 08:30 来源：广西日报 作者：李华"]);
    assert_eq!(
        l.published.unwrap().to_rfc3339(),
        "2021-03-05T08:30:00+08:00"
    );
    assert_eq!(l.source.as_deref(), Some("广西日报"));
    // An author is not an editor: it stands in for one only on a page naming none.
    assert_eq!(l.editor, None);
    assert_eq!(l.author.as_deref(), Some("李华"));
    let l = read(&["责任编辑：韦丽 作者：李华"]);
    assert_eq!(l.editor.as_deref(), Some("韦丽"));
}

#[test]
fn labels_without_colons_in_cells_and_elements() {
    // <dl><dt>Source</dt><dd>Xinhua</dd><dt>Release time</dt><dd>…</dd></dl>
    let l = read(&[
        "Source",
        "Xinhua",
        "Release time",
        "2023-06-12 09:30",
        "Views",
        "88",
    ]);
    assert_eq!(l.source.as_deref(), Some("Xinhua"));
    assert_eq!(
        l.published.unwrap().to_rfc3339(),
        "2023-06-12T09:30:00+08:00"
    );
    assert_eq!(l.views, Some(88));
    // <b>Origin</b><span>Guangxi Daily</span> <b>Responsible editor</b><span>Wei Lan</span>
    let sep = crate::scrape::dom::text::SEP;
    let marked = format!(
        "{sep}Origin{sep}{sep}Guangxi Daily{sep} {sep}Responsible editor{sep}{sep}Wei Lan{sep}"
    );
    let l = read(&[marked.as_str()]);
    assert_eq!(l.source.as_deref(), Some("Guangxi Daily"));
    assert_eq!(l.editor.as_deref(), Some("Wei Lan"));
    // A photographer's label takes its value away from the fields.
    let l = read(&["Photo", "Huang Xia", "Source", "Xinhua"]);
    assert_eq!(l.editor, None);
    assert_eq!(l.source.as_deref(), Some("Xinhua"));
}

#[test]
fn a_release_time_wins_over_an_update_time_given_first() {
    let l = read(&["Updated: 2021-01-26 08:12 | Published: 2021-01-25 17:40"]);
    assert_eq!(
        l.published.unwrap().to_rfc3339(),
        "2021-01-25T17:40:00+08:00"
    );
    // Alone, an update label is the page's date (the seed's `updatetime:`).
    let l = read(&["updatetime:2021-01-25 16:56:51 View:0"]);
    assert_eq!(
        l.published.unwrap().to_rfc3339(),
        "2021-01-25T16:56:51+08:00"
    );
}

#[test]
fn values_end_where_the_next_thing_starts() {
    let l = read(&["Source: Xinhua Comments: 0 Read: 2318"]);
    assert_eq!(l.source.as_deref(), Some("Xinhua"));
    assert_eq!(l.views, Some(2318));
    let l = read(&["Source: Chongzuo Daily  Editor: Lu Ming 2020-11-16 10:20"]);
    assert_eq!(l.editor.as_deref(), Some("Lu Ming"));
    let l = read(&["Views:", "3 pages"]);
    assert!(l.views_seen);
    assert_eq!(
        l.views, None,
        "a script-filled counter is not the next line's number"
    );
    let l = read(&["成文日期：2021-01-18 发文日期：2021-01-25"]);
    assert_eq!(
        l.published.unwrap().to_rfc3339(),
        "2021-01-25T00:00:00+08:00"
    );
}

#[test]
fn bylines_name_authors_or_agencies() {
    let l = read(&["By Li Hua"]);
    assert_eq!(l.author.as_deref(), Some("Li Hua"));
    let l = read(&["By Huang Ke, Xinhua"]);
    assert_eq!(l.author.as_deref(), Some("Huang Ke"));
    assert_eq!(l.source.as_deref(), Some("Xinhua"));
    let l = read(&["By Xinhua"]);
    assert_eq!(l.author, None);
    assert_eq!(l.source.as_deref(), Some("Xinhua"));
    let l = read(&["By 2025, Guangxi will have built 20 new ports along the Xijiang River."]);
    assert_eq!(l, Labelled::default());
    // Where they wrote, two names, an agency's site, a part of an info line.
    for (line, author, source) in [
        ("By LI HUA in Nanning", Some("LI HUA"), None),
        ("Source: Xinhua 10:20 2024-03-05", None, Some("Xinhua")),
        (
            "By Li Hua | chinadaily.com.cn",
            Some("Li Hua"),
            Some("chinadaily.com.cn"),
        ),
        (
            "By LI HUA and WANG WEI in Nanning",
            Some("LI HUA and WANG WEI"),
            None,
        ),
        ("Updated: 2024-03-05 | By Li Hua", Some("Li Hua"), None),
        (
            "By Li Hua | Updated: 2024-03-05 10:20",
            Some("Li Hua"),
            None,
        ),
        (
            "By LI HUA and WANG WEI in Nanning | China Daily | Updated: 2024-03-05",
            Some("LI HUA and WANG WEI"),
            None,
        ),
        (
            "Source: Xinhua | By Li Hua, Guangxi Daily",
            Some("Li Hua"),
            Some("Xinhua"),
        ),
    ] {
        let l = read(&[line]);
        assert_eq!(l.author.as_deref(), author, "{line}");
        assert_eq!(l.source.as_deref(), source, "{line}");
    }
    // Twin links whose texts run together (one of them hidden) name no one; a name in
    // elements of its own, with spaces between, is a byline.
    let l = read(&["by Taboola\u{1f}\u{1f}\u{1f}\u{1f}by Taboola"]);
    assert_eq!(l.author, None);
    let l = read(&["By \u{1f}Li\u{1f} \u{1f}Hua\u{1f}"]);
    assert_eq!(l.author.as_deref(), Some("Li Hua"));
    // Phrases that start like a byline.
    for phrase in [
        "By The Numbers",
        "By Land And Sea",
        "By Then",
        "By Air and Sea",
        "By Li Hua, staff reporter",
        "By Self-Driving Tour",
        "By Invitation Only",
        "By Monday Evening",
    ] {
        assert_eq!(read(&[phrase]), Labelled::default(), "{phrase}");
    }
}

/// A sentence quoting a sign names no field and is no metadata line; an info line that
/// ends with a full stop still is.
#[test]
fn a_sentence_quoting_a_label_names_nothing() {
    let m = matcher();
    read_as_text(&[
        "A banner at the gate read: \"Welcome to the expo, Sept 24, 2024\".",
        "The notice came from: the regional office, on 2024-03-01.",
    ]);
    for (line, source) in [
        ("Source: Xinhua.", "Xinhua."),
        ("2021-05-06 Source: Hezhou Daily.", "Hezhou Daily."),
    ] {
        assert_eq!(read(&[line]).source.as_deref(), Some(source), "{line}");
        assert!(m.is_meta_line(line), "{line}");
    }
}

/// A value stops where the info line's buttons start.
#[test]
fn values_stop_before_buttons() {
    let l = read(&["Updated: 2024-03-05 10:20 Source: Xinhua 【Font: Big Small】"]);
    assert_eq!(l.source.as_deref(), Some("Xinhua"));
    let l = read(&["Source: Xinhua 【Print】【Close】 Editor: Li Hua 【Print】"]);
    assert_eq!(l.source.as_deref(), Some("Xinhua"));
    assert_eq!(l.editor.as_deref(), Some("Li Hua"));
    let l = read(&["Source: Xinhua Font: L S"]);
    assert_eq!(l.source.as_deref(), Some("Xinhua"));
    let l = read(&["Source: Xinhua Share to: WeChat"]);
    assert_eq!(l.source.as_deref(), Some("Xinhua"));
    for line in [
        "Views: 2345 【Font: Big Small】",
        "Views: 2345 【Print】",
        "Views: 2345 [Font: L]",
        "Views: 2345 Font: L",
    ] {
        assert_eq!(read(&[line]).views, Some(2345), "{line}");
    }
    // A value that holds such a word inside a name keeps it.
    let l = read(&["Source: 【Guangxi Daily】"]);
    assert_eq!(l.source.as_deref(), Some("Guangxi Daily"));
    let l = read(&["Source: Fontaine Press"]);
    assert_eq!(l.source.as_deref(), Some("Fontaine Press"));
}

/// A sentence after a line's only label (a speaker's line, a paragraph that starts with a
/// label's word) is text: no field, no metadata line. Values stay values.
#[test]
fn a_sentence_after_a_label_is_text() {
    read_as_text(&[
        "Editor: Sorry to interrupt, but could we come back to the canal for a moment.",
        "Source: of frustration for many farmers was the long drought last summer.",
        "From: the perspective of investors, the new port is a welcome change.",
    ]);
    for (line, source) in [
        ("Source: en.gxzf.gov.cn", "en.gxzf.gov.cn"),
        ("Source: Xinhua.", "Xinhua."),
        ("From: the Guangxi Daily", "the Guangxi Daily"),
    ] {
        assert_eq!(read(&[line]).source.as_deref(), Some(source), "{line}");
    }
}

/// A name is cut before the date that runs on after it, with or without a time first.
#[test]
fn names_stop_before_a_trailing_date() {
    for (value, want) in [
        ("Lu Ming 2020-11-16 10:20", "Lu Ming"),
        ("Xinhua 10:20 2024-03-05", "Xinhua"),
        ("Xinhua  9:05:30  2024/03/05", "Xinhua"),
        ("Guangxi Daily 2024年3月5日", "Guangxi Daily"),
        ("2024-03-05", "2024-03-05"),
        ("Guangxi Daily", "Guangxi Daily"),
        ("People's Daily 2024 edition", "People's Daily 2024 edition"),
        ("Team 10:20 club", "Team 10:20 club"),
        (" Li Hua ", "Li Hua"),
    ] {
        assert_eq!(before_date(value), want, "{value:?}");
    }
}

/// The wordings other CMSs give the publication date.
#[test]
fn more_date_labels() {
    for line in [
        "Created: 2024-03-05",
        "Pubdate: 2024-03-05",
        "Date of issue: 2024-03-05",
        "Published on: 2024-03-05",
        "Update: 2024-03-05",
        "Last updated: 2024-03-05",
        "Posted on: 2024-03-05",
        "Issued: 2024-03-05",
    ] {
        assert_eq!(
            read(&[line]).published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2024-03-05T00:00:00+08:00"),
            "{line}"
        );
    }
}

#[test]
fn words_containing_labels_do_not_match() {
    let l = read(&["Resource: none", "Outsourced:yes"]);
    assert_eq!(l.source, None);
}

/// A caption's credit (`FILE PHOTO:`, `Photo:`) names no field: the date it gives is the
/// picture's, not the article's; an info line beside a field it does name keeps its date.
#[test]
fn a_photo_credit_gives_no_date() {
    let caption = "FILE PHOTO: French President Emmanuel Macron speaks near Orleans, France, \
                   January 16, 2020. Julien De Rosa/Pool via REUTERS";
    assert_eq!(read(&[caption]).published, None);
    assert_eq!(read(&["Photo: Li Hua 2020-01-16"]).published, None);
    let info = read(&["Photo: Li Hua | Source: Xinhua | 2020-01-18 09:30"]);
    assert_eq!(
        info.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2020-01-18T09:30:00+08:00")
    );
}

/// An author's name as metadata gives it is shown without its by-word, addresses, a date run
/// into it or dangling punctuation; a value that names nobody gives no author.
#[test]
fn author_values_are_names_or_nothing() {
    let rules = Rules::default().bylines;
    let person = |v: &str| super::byline::person(&rules, v);
    for (value, want) in [
        ("By Erin Cunningham", "Erin Cunningham"),
        ("Von Britta Schultejans, dpa", "Britta Schultejans, dpa"),
        ("Posted by Zitrod Articles,", "Zitrod Articles"),
        ("Nicolas Perriault —", "Nicolas Perriault"),
        ("Bradley M. Kuhn (http://ebb.org/bkuhn/)", "Bradley M. Kuhn"),
        ("www.mrsadiq.info | Sadiq Məmmədov", "Sadiq Məmmədov"),
        ("Li Hua 2020-03-17 09:30", "Li Hua"),
        ("李华", "李华"),
        ("(Abu Dhabi - Al Bayan)", "Abu Dhabi - Al Bayan"),
    ] {
        assert_eq!(person(value).as_deref(), Some(want), "{value:?}");
    }
    for value in [
        "----",
        "—",
        "https://www.facebook.com/someone",
        "28.5.2020 17:43 Uppdaterad 28.5.2020 17:43",
        "219.79.38.192",
        "",
    ] {
        assert_eq!(person(value), None, "{value:?}");
    }
}
