//! Where an article page keeps its publication date when no tag gives it, read through the
//! public scraper on whole pages of a site no profile knows: a stamp in a shown date's
//! attribute, a date a short inline script writes where it stands, a source and date on two
//! lines of one info paragraph, script hooks that name no furniture, a photo credit's date, and
//! the masthead's day as a last resort. Each rule has a page that shows it does not misfire.

use gxnews::model::{Page, PageKind};
use gxnews::scrape::{Scraper, Trace};
use url::Url;

/// An article at an address that carries no date, on a site no profile knows.
const AT: &str = "https://valleyledger.example/local/library-reopens-after-renovation";

const HEADLINE: &str = "Town library reopens after a year of renovation";

/// The story's paragraphs: ordinary news prose, long enough to make an article.
const STORY: [&str; 5] = [
    "The town library reopened its doors on Saturday morning after more than a year of \
     renovation work, with a new reading room, a children's wing and a roof that no longer leaks \
     onto the local history shelves, the council's culture office said in a statement.",
    "Several hundred residents queued along the main street before the opening, and the first \
     visitors were greeted by the head librarian, who thanked the builders, the volunteers who \
     moved about forty thousand books into storage and back, and the families who waited.",
    "The work cost a little over two million, most of it from a regional fund for public \
     buildings, and took four months longer than planned after the contractor found rotten \
     beams under the old floor of the reading room and had to replace them in the winter.",
    "Opening hours return to what they were before the closure, with late evenings on Tuesdays \
     and Thursdays, and the mobile library that served the outlying villages during the work will \
     keep its weekly round until the end of the summer, the council said on Friday.",
    "Librarians said the new children's wing would host reading hours on weekday afternoons and \
     a homework club after school, and that the local history collection, moved to a dry room \
     on the upper floor, would be open to researchers by appointment from next month.",
];

/// The parts of a page that change from test to test; the rest is the site's template.
#[derive(Default, Clone, Copy)]
struct Parts<'a> {
    /// Tags in the head.
    head: &'a str,
    /// The masthead's strip beside the site's name, in the page header.
    masthead: &'a str,
    /// Between the headline and the text block, inside the article.
    above: &'a str,
    /// At the start of the text block, before the story's paragraphs.
    lead: &'a str,
    /// After the story's paragraphs, inside the text block.
    tail: &'a str,
    /// After the text block, inside the article.
    after: &'a str,
    /// In the side column.
    side: &'a str,
}

/// A whole article page: a header with the site's name and menu, an article with its headline
/// and text, a side column of links, and a footer.
fn page(p: Parts) -> String {
    let story: String = STORY.iter().map(|s| format!("<p>{s}</p>\n")).collect();
    format!(
        "<!DOCTYPE html>
<html lang=\"en\">
<head>
<meta charset=\"utf-8\">
<title>{HEADLINE} | The Valley Ledger</title>
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
{head}
</head>
<body>
<header class=\"site-header\">
  <div class=\"brand\"><a href=\"/\">The Valley Ledger</a></div>
  {masthead}
  <nav class=\"main-nav\"><ul>
    <li><a href=\"/local/\">Local</a></li>
    <li><a href=\"/business/\">Business</a></li>
    <li><a href=\"/sport/\">Sport</a></li>
    <li><a href=\"/opinion/\">Opinion</a></li>
  </ul></nav>
</header>
<div class=\"page-wrap\">
<article class=\"story\">
  <h1 class=\"headline\">{HEADLINE}</h1>
  {above}
  <div class=\"story-body\">
{lead}
{story}
{tail}
  </div>
  {after}
</article>
<aside class=\"sidebar\">
  <h3>Most read</h3>
  <ul>
    <li><a href=\"/local/bridge-works-start\">Bridge works start next week</a></li>
    <li><a href=\"/sport/river-race-result\">Rowing club wins the river race</a></li>
    <li><a href=\"/business/bakery-expands\">Family bakery opens a second shop</a></li>
  </ul>
  {side}
</aside>
</div>
<footer class=\"site-footer\">
  <p><a href=\"/about\">About us</a> | <a href=\"/contact\">Contact</a></p>
  <p>Copyright The Valley Ledger. All rights reserved.</p>
</footer>
</body>
</html>
",
        head = p.head,
        masthead = p.masthead,
        above = p.above,
        lead = p.lead,
        tail = p.tail,
        after = p.after,
        side = p.side,
    )
}

/// What the scraper made of a page's date: the date (RFC 3339), the rule that chose it, where
/// it came from, and the page's kind.
#[derive(Debug)]
struct Dated {
    date: Option<String>,
    rule: &'static str,
    origin: String,
    kind: PageKind,
    reason: String,
}

fn dated_at(html: &str, at: &str) -> Dated {
    let (page, trace): (Page, Trace) = Scraper::default().explain(html, &Url::parse(at).unwrap());
    let field = trace
        .fields
        .iter()
        .find(|f| f.field == "published")
        .expect("a trace of the publication date");
    Dated {
        date: page.article.published.map(|d| d.to_rfc3339()),
        rule: field.rule,
        origin: field
            .chosen
            .as_ref()
            .map(|(_, o)| o.clone())
            .unwrap_or_default(),
        kind: page.kind,
        reason: page.reason,
    }
}

/// The page of these parts at [`AT`].
fn dated(p: Parts) -> Dated {
    dated_at(&page(p), AT)
}

/// Asserts the page is an article dated `want` by a rule and an origin that hold `rule` and
/// `origin`.
#[track_caller]
fn assert_dated(d: &Dated, want: &str, rule: &str, origin: &str) {
    assert_date(d, want);
    assert_eq!(d.kind, PageKind::Article, "{}", d.reason);
    assert!(
        d.rule.contains(rule) && d.origin.contains(origin),
        "chosen by {:?} from {:?}, not by {rule:?} from {origin:?}",
        d.rule,
        d.origin
    );
}

/// Asserts the page's date is `want`, whatever gave it.
#[track_caller]
fn assert_date(d: &Dated, want: &str) {
    assert_eq!(d.date.as_deref(), Some(want), "{d:?}");
}

#[track_caller]
fn assert_undated(d: &Dated) {
    assert_eq!(d.date, None, "{d:?}");
}

/// The template alone gives no date: every date below is the one the test puts there.
#[test]
fn the_template_alone_is_undated() {
    let d = dated(Parts::default());
    assert_undated(&d);
    assert_ne!(d.kind, PageKind::Article, "{d:?}");
}

// 1. A stamp kept in an attribute of a shown date.

/// A `<time>` that shows only a day and a month keeps the whole moment in `data-time`, in
/// seconds since 1970; an element named like a date that shows `2 hours ago` keeps an ISO
/// stamp in `data-timestamp`.
#[test]
fn a_shown_date_without_a_year_is_dated_by_its_stamp_attribute() {
    let d = dated(Parts {
        above: "<div class=\"byline\">By Ana Ruiz, Local Reporter \
                <time data-time=\"1594448702\">Jul 11</time></div>",
        ..Parts::default()
    });
    assert_dated(
        &d,
        "2020-07-11T06:25:02+00:00",
        "a date shown on the page",
        "date element",
    );
    let d = dated(Parts {
        above: "<div class=\"byline\">By Ana Ruiz \
                <span class=\"timestamp\" data-timestamp=\"2020-07-10T18:40:00-04:00\">\
                2 hours ago</span></div>",
        ..Parts::default()
    });
    assert_dated(
        &d,
        "2020-07-10T18:40:00-04:00",
        "a date shown on the page",
        "date element",
    );
}

/// Only the attributes the rules name hold stamps: an article id of ten digits in another
/// attribute is no date.
#[test]
fn a_number_in_another_attribute_is_no_stamp() {
    for above in [
        "<div class=\"byline\">By Ana Ruiz <time data-article-id=\"1594448702\">Jul 11</time></div>",
        "<div class=\"byline\">By Ana Ruiz \
         <span class=\"date\" data-count=\"1594448702\">2 hours ago</span></div>",
    ] {
        assert_undated(&dated(Parts {
            above,
            ..Parts::default()
        }));
    }
}

/// The stamp is read only where the text shows no whole date: a whole date shown wins over the
/// attribute, and a stamp on an element not shown as a date, or on the dates of a list of other
/// stories, dates nothing.
#[test]
fn a_stamp_attribute_does_not_override_or_date_other_things() {
    let d = dated(Parts {
        above: "<div class=\"byline\">By Ana Ruiz \
                <time data-time=\"1594448702\">July 9, 2020 4:15 pm</time></div>",
        ..Parts::default()
    });
    assert_dated(
        &d,
        "2020-07-09T16:15:00+08:00",
        "a date shown on the page",
        "date element",
    );
    assert_undated(&dated(Parts {
        above: "<div class=\"story-tools\" data-time=\"1594448702\">\
                <a href=\"#comments\">12 comments</a></div>",
        ..Parts::default()
    }));
    assert_undated(&dated(Parts {
        after: "<div class=\"further-reading\"><h2>Further reading</h2><ul>\
                <li><a href=\"/local/reading-room-plans\">Plans for the new reading room</a> \
                <time data-time=\"1589011200\">May 9</time></li>\
                <li><a href=\"/local/roof-repairs\">Roof repairs delay the library</a> \
                <time data-time=\"1580515200\">Feb 1</time></li>\
                <li><a href=\"/local/library-volunteers\">Volunteers move forty thousand books</a> \
                <time data-time=\"1567296000\">Sep 1</time></li></ul></div>",
        ..Parts::default()
    }));
}

// 2. A date a short inline script writes where it stands.

const WRITTEN: &str = "<p class=\"story-info\">By Ana Ruiz | \
                       <script>showDate(\"2020/04/17 01:43:09\")</script></p>";

/// `showDate("2020/04/17 01:43:09")` in the info line writes the article's date there; the
/// same day written again at the end of the text still counts.
#[test]
fn a_date_written_by_an_inline_script_dates_the_article() {
    let d = dated(Parts {
        above: WRITTEN,
        ..Parts::default()
    });
    assert_dated(
        &d,
        "2020-04-17T01:43:09+08:00",
        "a date shown on the page",
        "written by an inline script",
    );
    let d = dated(Parts {
        above: WRITTEN,
        tail: "<p class=\"note\">This story was first published on \
               <script>writeDay('2020-04-17')</script>.</p>",
        ..Parts::default()
    });
    assert_dated(
        &d,
        "2020-04-17T01:43:09+08:00",
        "a date shown on the page",
        "written by an inline script",
    );
}

/// A list whose rows each write a date of their own gives no date; neither does a long script
/// that is a program, nor one in the side column.
#[test]
fn scripts_writing_other_dates_give_none() {
    let rows: String = [
        (
            "/local/reading-room-plans",
            "Plans for the new reading room",
            "2020/03/02 09:10:00",
        ),
        (
            "/local/roof-repairs",
            "Roof repairs delay the library",
            "2020/02/11 17:45:00",
        ),
        (
            "/local/library-volunteers",
            "Volunteers move forty thousand books",
            "2020/01/20 08:30:00",
        ),
    ]
    .iter()
    .map(|(href, title, when)| {
        format!(
            "<tr><td><a href=\"{href}\">{title}</a></td>\
             <td><script>showDate(\"{when}\")</script></td></tr>"
        )
    })
    .collect();
    assert_undated(&dated(Parts {
        after: &format!("<table class=\"archive-table\">{rows}</table>"),
        ..Parts::default()
    }));
    assert_undated(&dated(Parts {
        above: "<p class=\"story-info\">By Ana Ruiz</p>",
        tail: "<div class=\"poll\"><script>renderPoll(\"2020/05/01 00:00:00\", {question: \
               \"Should the library open on Sundays?\", options: [\"Yes\", \"No\", \
               \"Only in winter\"], section: \"local\"});</script></div>",
        ..Parts::default()
    }));
    assert_undated(&dated(Parts {
        side: "<p class=\"side-note\">Updated <script>showDate(\"2020/04/20 09:00:00\")</script></p>",
        ..Parts::default()
    }));
}

// 3. A source and its date on two lines of one info paragraph.

/// `Valley Ledger<br>13 Jan 2020, 22:11` just above the text: a source and its date line.
#[test]
fn an_info_paragraph_with_one_break_is_a_date_line() {
    let d = dated(Parts {
        above: "<p>Valley Ledger<br>13 Jan 2020, 22:11</p>",
        ..Parts::default()
    });
    assert_dated(
        &d,
        "2020-01-13T22:11:00+08:00",
        "a date shown on the page",
        "date line",
    );
}

/// A template that puts the whole story, its info line with it, in a block named like a
/// banner: the furniture around both the line and the text says nothing of the line.
#[test]
fn furniture_around_both_the_line_and_the_text_keeps_the_line() {
    let html = page(Parts {
        above: "<p>Valley Ledger<br>13 Jan 2020, 22:11</p>",
        ..Parts::default()
    })
    .replace(
        "<article class=\"story\">",
        "<div class=\"feature-banner\"><article class=\"story\">",
    )
    .replace("</article>", "</article></div>");
    let d = dated_at(&html, AT);
    assert_date(&d, "2020-01-13T22:11:00+08:00");
    assert!(d.origin.contains("date line"), "{d:?}");
}

/// A box of several lines (an event notice) above the text is no date line, nor is a
/// banner of its own beside the text.
#[test]
fn a_box_of_lines_or_a_banner_beside_the_text_is_no_date_line() {
    for above in [
        "<p>Reading week<br>Saturday 18 Jan 2020, 10:00<br>Main hall, free entry</p>",
        "<p class=\"notice-banner\">Book fair tickets<br>18 Jan 2020, 10:00</p>",
    ] {
        assert_undated(&dated(Parts {
            above,
            ..Parts::default()
        }));
    }
}

// 4. Script hooks (`js-…`) make nothing furniture.

/// The info line's block carries a script's hook named like a share bar: the date in it is
/// still the article's.
#[test]
fn a_script_hook_class_does_not_hide_a_date() {
    let d = dated(Parts {
        above: "<div class=\"article-meta js-share-scope\">By Ana Ruiz \
                <time>3 March 2021, 09:15</time></div>",
        ..Parts::default()
    });
    assert_dated(
        &d,
        "2021-03-03T09:15:00+08:00",
        "a date shown on the page",
        "date element",
    );
}

/// A block that is furniture by a name of its own stays furniture beside a hook.
#[test]
fn furniture_with_a_script_hook_is_still_furniture() {
    assert_undated(&dated(Parts {
        above: "<div class=\"share-bar js-share-scope\"><a href=\"#\">Share</a> \
                <a href=\"#\">Email</a> <time>2 March 2021, 18:00</time></div>",
        ..Parts::default()
    }));
}

// 5. A photo credit's date is the picture's.

const CAPTION: &str = "<figure><img src=\"/img/library-reading-room.jpg\" alt=\"\">\
                       <figcaption>FILE PHOTO: Readers wait outside the town library before it \
                       closed for repairs, January 16, 2020. Staff Photographer/Valley Ledger\
                       </figcaption></figure>";

/// `FILE PHOTO: … January 16, 2020` under a picture does not date the article: its address
/// does.
#[test]
fn a_photo_credit_does_not_date_the_article() {
    let d = dated_at(
        &page(Parts {
            lead: CAPTION,
            ..Parts::default()
        }),
        "https://valleyledger.example/2020/01/20/library-reopens-after-renovation/",
    );
    assert_date(&d, "2020-01-20T00:00:00+08:00");
    assert!(d.origin.contains("URL"), "{d:?}");
}

/// An info line that names a field beside the photo credit keeps its date.
#[test]
fn an_info_line_with_a_field_beside_a_credit_keeps_its_date() {
    let d = dated(Parts {
        above: "<div class=\"story-info\">Photo: Staff | Source: Valley Ledger | \
                2020-01-18 09:30</div>",
        lead: CAPTION,
        ..Parts::default()
    });
    assert_date(&d, "2020-01-18T09:30:00+08:00");
}

// 6. The masthead's day, the last resort.

const MASTHEAD: &str = "<div class=\"today-date\">Wednesday, 15 April 2020</div>";
const DECLARED: &str = "<meta property=\"og:type\" content=\"article\">";

/// A page dated by nothing else takes the day its masthead shows.
#[test]
fn the_masthead_day_dates_a_page_nothing_else_dates() {
    let d = dated(Parts {
        head: DECLARED,
        masthead: MASTHEAD,
        ..Parts::default()
    });
    assert_dated(
        &d,
        "2020-04-15T00:00:00+08:00",
        "nothing else: the day the page was served",
        "masthead",
    );
}

/// The masthead's day loses to a tag and to the article's own date line.
#[test]
fn the_masthead_day_loses_to_the_page_own_dates() {
    let d = dated(Parts {
        head: "<meta property=\"og:type\" content=\"article\">\
               <meta property=\"article:published_time\" content=\"2020-04-14T18:30:00+02:00\">",
        masthead: MASTHEAD,
        ..Parts::default()
    });
    assert_date(&d, "2020-04-14T18:30:00+02:00");
    let d = dated(Parts {
        head: DECLARED,
        masthead: MASTHEAD,
        above: "<div class=\"byline\">By Ana Ruiz | April 14, 2020 6:30 pm</div>",
        ..Parts::default()
    });
    assert_date(&d, "2020-04-14T18:30:00+08:00");
    assert!(!d.origin.contains("masthead"), "{d:?}");
}

/// A date in the menu's list, or in furniture after the text begins (a share box under the
/// story), is no masthead's day.
#[test]
fn dates_in_menus_or_after_the_text_are_no_masthead() {
    let in_menu = page(Parts {
        head: DECLARED,
        ..Parts::default()
    })
    .replace(
        "<li><a href=\"/local/\">Local</a></li>",
        "<li class=\"nav-date\">Wednesday, 15 April 2020</li><li><a href=\"/local/\">Local</a></li>",
    );
    assert_undated(&dated_at(&in_menu, AT));
    assert_undated(&dated(Parts {
        head: DECLARED,
        after: "<div class=\"share-tools\"><a href=\"#\">Share</a> \
                <span class=\"date\">Wednesday, 15 April 2020</span></div>",
        ..Parts::default()
    }));
}
