//! Article pages of sites no profile knows that the extractor once misread, read through the
//! public scraper: a byline date in a `<header>` that holds the headline, a headline that links
//! to the page's own declared address, a footer taken for the text (by its tag, or by a name
//! led by a layout word), a Chinese paragraph that opens with a date label, and a lead
//! paragraph standing apart from the text. Each rule has a page that shows it does not misfire.

use gxnews::model::{Page, PageKind};
use gxnews::scrape::{Scraper, Trace};
use url::Url;

const HEADLINE: &str = "Harbour ferry returns to a daily timetable after the storm repairs";

/// Ordinary news prose, long enough to make an article's text.
const STORY: [&str; 4] = [
    "The harbour ferry went back to its daily timetable on Monday after six weeks of repairs to \
     the landing stage, which the January storm had torn from its moorings and left leaning \
     against the sea wall, the port authority said in a short statement to passengers.",
    "Commuters who had taken the long road around the bay during the closure said the first \
     crossing of the morning was full, and the crew handed out coffee to those who queued on the \
     quay before the gates opened at half past six.",
    "The repairs cost a little under a million, shared between the port and the regional \
     transport fund, and the new landing stage stands on steel piles driven deeper into the \
     harbour bed so that a storm of the same strength should not move it again.",
    "The authority said evening sailings on Fridays and Saturdays would resume next month once \
     the new lighting on the pier has been tested, and that season tickets bought before the \
     storm would be extended by the six weeks lost.",
];

fn story() -> String {
    STORY.iter().map(|s| format!("<p>{s}</p>\n")).collect()
}

/// A page of a site no profile knows: its `<head>` extras, what stands between the site's
/// banner and the text, the text's container, and the footer's inside.
fn page(head: &str, top: &str, text: &str, footer: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">
<title>{HEADLINE} - Bay Courier</title>{head}</head>
<body>
<div class=\"site-banner\"><a href=\"/\"><img src=\"/logo.png\" alt=\"Bay Courier\"></a>
<nav class=\"menu\"><ul><li><a href=\"/news/\">News</a></li><li><a href=\"/sport/\">Sport</a></li>
<li><a href=\"/life/\">Life</a></li></ul></nav></div>
<div class=\"columns\">
{top}
<div class=\"story-text\">{text}</div>
</div>
<footer id=\"footer\" class=\"site-footer\">{footer}</footer>
</body></html>"
    )
}

fn read(html: &str, at: &str) -> (Page, Trace) {
    Scraper::default().explain(html, &Url::parse(at).unwrap())
}

/// The rule and the origin that chose a field.
fn chosen(trace: &Trace, field: &str) -> String {
    let f = trace
        .fields
        .iter()
        .find(|f| f.field == field)
        .unwrap_or_else(|| panic!("a trace of {field}"));
    let origin = f
        .chosen
        .as_ref()
        .map(|(_, o)| o.clone())
        .unwrap_or_default();
    format!("{} ← {origin}", f.rule)
}

// 1. A date under the headline, in the header that holds both.

const BYLINE_HEADER: &str = "<header class=\"header-wrapper\"><h1>{HEADLINE}</h1>
<div class=\"post-meta\"><div class=\"author\"><a href=\"/author/kim-lee/\">Kim Lee</a></div>
<div class=\"post-date\">21 Jan 2020</div></div></header>";

const AT: &str = "https://baycourier.example/news/harbour-ferry-returns";

/// A `<header>` outside any `<article>` counts as page furniture; when it holds the headline
/// and then a byline's date, that date is the article's, and the page is an article.
#[test]
fn a_date_under_the_headline_in_its_header_dates_the_article() {
    let top = BYLINE_HEADER.replace("{HEADLINE}", HEADLINE);
    let (page, trace) = read(&page("", &top, &story(), ""), AT);
    assert_eq!(page.kind, PageKind::Article, "{}", page.reason);
    let published = page.article.published.map(|d| d.date_naive().to_string());
    assert_eq!(published.as_deref(), Some("2020-01-21"));
    let how = chosen(&trace, "published");
    assert!(how.contains("under the headline"), "{how}");
}

/// A header with navigation in it is the site's banner: a date shown there after a heading is
/// the day the page was served, not the article's date.
#[test]
fn a_date_in_a_banner_with_navigation_is_not_the_articles() {
    let top = BYLINE_HEADER.replace("{HEADLINE}", HEADLINE).replace(
        "</header>",
        "<nav><a href=\"/news/\">News</a> <a href=\"/sport/\">Sport</a></nav></header>",
    );
    let (page, trace) = read(&page("", &top, &story(), ""), AT);
    let how = chosen(&trace, "published");
    assert!(!how.contains("under the headline"), "{how}");
    assert_ne!(page.kind, PageKind::Article, "{}", page.reason);
}

// 2. A headline that links to the page's own address.

/// A page read at an address with a doubled slash and plain http, whose headline links to the
/// address it declares (`og:url`, `<link rel="canonical">`), is that page's own headline, not a
/// teaser for another page.
#[test]
fn a_headline_linking_to_the_declared_address_is_the_pages_own() {
    let head = "<meta property=\"og:type\" content=\"article\">
<meta property=\"og:url\" content=\"https://www.baycourier.example/news/harbour-ferry-returns\">
<link rel=\"canonical\" href=\"https://www.baycourier.example/news/harbour-ferry-returns\">";
    let top = format!(
        "<h1 class=\"title\"><a href=\"/news/harbour-ferry-returns\">{HEADLINE}</a></h1>
<p class=\"when\"><time datetime=\"2020-03-17T09:30:00+01:00\">17 March 2020</time></p>"
    );
    let at = "http://www.baycourier.example//news/harbour-ferry-returns";
    // A short report: under the length that makes any dated text an article.
    let short = format!("<p>{}</p><p>{}</p>", STORY[0], STORY[3]);
    let (page, _) = read(&page(head, &top, &short, ""), at);
    assert_eq!(page.kind, PageKind::Article, "{}", page.reason);
    assert_eq!(page.article.title, HEADLINE);
}

/// The same headline linking to another address, above its summary, is a featured item of a
/// list: the page is not an article.
#[test]
fn a_headline_linking_elsewhere_is_still_a_teaser() {
    let head = "<meta property=\"og:url\" content=\"https://www.baycourier.example/news/\">";
    let top = format!(
        "<h1 class=\"title\"><a href=\"/news/harbour-ferry-returns\">{HEADLINE}</a></h1>
<p class=\"when\"><time datetime=\"2020-03-17T09:30:00+01:00\">17 March 2020</time></p>"
    );
    let at = "https://www.baycourier.example/news/";
    let summary = format!("<p>{}</p>", STORY[0]);
    let (page, _) = read(&page(head, &top, &summary, ""), at);
    assert_ne!(page.kind, PageKind::Article, "{}", page.reason);
    assert!(
        page.reason.contains("headline links to another page"),
        "{}",
        page.reason
    );
}

// 3. The page's footer is never the article's text.

/// The site's footer: two paragraphs about the publisher, the longest prose on a page whose
/// post is a picture.
const ABOUT: &str = "<div class=\"footer-columns\"><div class=\"footer-column\"><h3>About us</h3>
<p>Starting out as a weekly sheet for the fishing villages of the bay, the Bay Courier is now one of \
the largest independent newsrooms on the coast, with reporters in every harbour town and a \
printed edition that still goes out every Thursday morning.</p>
<h3>Support us</h3>
<p>The newsroom works very hard to bring you local reporting that nobody else does. Subscriptions \
and donations help support us in covering more councils, more courts and more of the stories \
that matter to the people who live around the bay.</p></div></div>
<p>&copy; Bay Courier Media</p>";

/// A post that is only a picture, above a footer of prose: the footer's text is not taken for
/// the article's. Taking it made a page of the site's own blurb an article.
#[test]
fn the_footer_is_not_taken_for_the_text() {
    let top = format!(
        "<h1>{HEADLINE}</h1><p class=\"date\"><time datetime=\"2020-03-18T12:22:42-04:00\">Mar 18, 2020</time></p>"
    );
    let picture = "<div class=\"post\"><img src=\"/attachments/ferry.png\" alt=\"\"></div>";
    let (page, trace) = read(&page("", &top, picture, ABOUT), AT);
    let text = page.article.body.join("\n");
    assert!(
        !text.contains("Starting out") && !text.contains("newsroom works"),
        "{text:?} ({})",
        chosen(&trace, "body")
    );
}

/// The same footer beside a real text leaves the text whole.
#[test]
fn a_text_above_the_footer_is_read_whole() {
    let top = format!(
        "<h1>{HEADLINE}</h1><p class=\"date\"><time datetime=\"2020-03-18T12:22:42-04:00\">Mar 18, 2020</time></p>"
    );
    let (page, _) = read(&page("", &top, &story(), ABOUT), AT);
    assert_eq!(page.kind, PageKind::Article, "{}", page.reason);
    assert_eq!(page.article.body, STORY.to_vec());
}

// 4. A footer named after a layout word.

/// The site's footer, named `container_footer`, holding two lines of the publisher's prose:
/// page furniture, as `site-footer` is, though its name does not start with `footer`.
#[test]
fn a_footer_named_after_a_layout_word_is_not_the_text() {
    let article = format!(
        "<article><h1>{HEADLINE}</h1><p class=\"date\">17 March 2020</p>
<div class=\"article_body\"><div class=\"testo\"><p>{}</p></div></div></article>",
        STORY[0]
    );
    let footer = "<div class=\"container_footer\"><div class=\"archive\">
<p>YOUR NEWSPAPER WHEREVER AND WHENEVER YOU WANT</p>
<p>The brand and the content of this site are of historical interest under the law on cultural \
heritage, by decree of the regional archive office of the eighteenth of September.</p></div></div>";
    let html = page("", "", &article, "").replace("</body>", &format!("{footer}</body>"));
    let (page, trace) = read(&html, AT);
    assert_eq!(
        page.article.body,
        vec![STORY[0].to_string()],
        "{}",
        chosen(&trace, "body")
    );
}

// 5. A date label opening a sentence in a script written without spaces.

fn chinese_page(first: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>凯尔特人大胜湖人 - 体育</title></head>
<body><div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/sports/\">体育</a></div>
<h1>凯尔特人大胜湖人</h1><div class=\"info\">2020-01-21 11:12 来源：新浪体育</div>
<div class=\"content\">
<p>{first}</p>
<p>自从2011年进入联盟之后，沃克从未战胜过詹姆斯。今天这场比赛之前，沃克职业生涯对詹姆斯的战绩是零胜二十九负。</p>
<p>全场比赛，沃克出场三十分钟，十三投八中，得到二十分、七次助攻和四个篮板，终结了这一纪录。</p>
</div></body></html>"
    )
}

/// `日期:1月21日，凯尔特人在主场…。` opens the text with a date label, then goes on as a
/// sentence: it is the text's first paragraph, not a metadata line.
#[test]
fn a_chinese_sentence_after_a_date_label_is_text() {
    let first =
        "日期:1月21日，凯尔特人在主场以139比107大胜湖人。这是沃克职业生涯第一次战胜詹姆斯的球队。";
    let at = "https://sports.example.cn/nba/20200121/34046328.html";
    let (page, _) = read(&chinese_page(first), at);
    assert_eq!(page.article.body.first().map(String::as_str), Some(first));
    assert_eq!(page.article.body.len(), 3);
}

/// A date label followed by a date alone is metadata, whatever the script: it stays out of the
/// text.
#[test]
fn a_chinese_date_label_line_is_metadata() {
    let at = "https://sports.example.cn/nba/20200121/34046328.html";
    let (page, _) = read(&chinese_page("日期:2020年1月21日"), at);
    assert_eq!(page.article.body.len(), 2, "{:?}", page.article.body);
    assert!(!page.article.body.iter().any(|p| p.contains("日期")));
}

// 6. A lead paragraph apart from the text.

/// More of the story: with [`STORY`], a text long enough that a lead is a small share of it.
const MORE: [&str; 4] = [
    "Harbour traders said the closure had cost them about a third of their winter custom, since \
     day visitors from the far side of the bay had stopped coming, and several cafes on the \
     quay had shortened their hours until the ferry came back.",
    "The ferry company said it would keep the extra morning sailing it had promised before the \
     storm, and that its two boats had been serviced in dry dock during the closure so that no \
     further stoppage would be needed this year.",
    "Fishermen who moor beside the landing stage said the new steel piles had changed the \
     current at the harbour mouth, and asked the port to survey the channel before the spring \
     tides to make sure the sandbank had not moved.",
    "The regional council will discuss a second landing stage on the northern shore at its \
     meeting next month, after a petition from villagers who say the single crossing leaves \
     them cut off whenever the weather closes the harbour.",
];

const LEAD: &str = "Ferries are running again across the bay: the port authority reopened the \
                    landing stage on Monday, six weeks after the January storm wrecked it, and \
                    the first crossing of the day sailed full.";

/// A story whose lead stands in a block of its own before the text, with a bar of tag links
/// between them.
fn with_lead(lead: &str) -> String {
    let tags: String = (0..30)
        .map(|i| format!("<a href=\"/tag/{i}\">Tag number {i}</a> "))
        .collect();
    let text: String = STORY
        .iter()
        .chain(MORE.iter())
        .map(|p| format!("<p>{p}</p>"))
        .collect();
    format!(
        "<div class=\"story\"><h1>{HEADLINE}</h1>
<p class=\"date\"><time datetime=\"2020-03-17T09:30:00+01:00\">17 March 2020</time></p>
<div class=\"story__lead\">{lead}</div><div class=\"story__tags\">{tags}</div>
<div class=\"story__text\">{text}</div><div class=\"story__more\">{tags}</div></div>"
    )
}

/// The densest block is the text without its lead; the generic extractor holds the same text
/// and the lead, a paragraph of prose more, though only a tenth longer: its text is taken.
#[test]
fn a_lead_apart_from_the_text_is_read_with_it() {
    let html = page("", "", &with_lead(&format!("<p>{LEAD}</p>")), "");
    let (page, trace) = read(&html, AT);
    assert_eq!(
        page.article.body.first().map(String::as_str),
        Some(LEAD),
        "{}",
        chosen(&trace, "body")
    );
    assert_eq!(page.article.body.len(), 9, "{:?}", page.article.body);
}

/// A caption in the lead's place is no paragraph of prose: the text block stands.
#[test]
fn a_caption_apart_from_the_text_is_no_reason_to_leave_it() {
    let caption = "<p>The first crossing of the day, on Monday.</p>";
    let html = page("", "", &with_lead(caption), "");
    let (page, trace) = read(&html, AT);
    assert!(
        chosen(&trace, "body").contains("text block"),
        "{}",
        chosen(&trace, "body")
    );
    assert_eq!(page.article.body.len(), 8, "{:?}", page.article.body);
}

// 7. A list says why it is not an article.

/// A section's list of dated headlines: `list`, and its reason names the article test it
/// failed, so that `gxnews parse --explain` tells a misread article from a list.
#[test]
fn a_list_says_why_it_is_not_an_article() {
    let items: String = (1..=12)
        .map(|i| {
            format!(
                "<li><a href=\"/news/2020-03-{i:02}/story-{i}.html\">Harbour council approves plan number {i} for the quay</a> <span class=\"date\">2020-03-{i:02}</span></li>"
            )
        })
        .collect();
    let text = format!("<h1>Harbour news</h1><ul class=\"news-list\">{items}</ul>");
    let (page, _) = read(
        &page("", "", &text, ""),
        "https://baycourier.example/news/harbour/",
    );
    assert_eq!(page.kind, PageKind::List, "{}", page.reason);
    assert!(page.reason.contains("not an article: "), "{}", page.reason);
}
