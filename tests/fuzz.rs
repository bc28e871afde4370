//! Property tests over the decoder and the scraper with generated hostile input: page bytes
//! in mixed encodings, markup assembled from tags, attributes, entities, control and bidi
//! characters, scripts and deep nesting. Whatever comes in, nothing panics, every page gets a
//! kind, and no field of the result carries a control, C1, bidi or zero-width character.
//!
//! A bounded number of cases runs with `cargo test`; `PROPTEST_CASES=100000 cargo test --release
//! --test fuzz` runs longer.

use gxnews::fetch::decode::decode;
use gxnews::model::Page;
use gxnews::sanitize::is_unwanted;
use gxnews::scrape::Scraper;
use proptest::prelude::*;
use url::Url;

/// Pieces of markup a hostile or broken page is made of.
fn piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "<div class=\"article\">", "</div>", "<p>", "</p>", "<h1 class=\"title\">", "</h1>",
        "<div class=\"info\">updatetime:2024-03-05 10:20 Source:Xinhua</div>", "<table><tr><td>",
        "</td></tr></table>", "<ul><li><a href=\"/news/t1.shtml\">Headline</a></li></ul>",
        "<script>var a = \"</div>\";</script>", "<style>p{}</style>", "<!-- note -->",
        "<![CDATA[x]]>", "<b>", "<i>", "<img src=\"x.jpg\">", "<meta name=\"PubDate\" content=\"2024-03-05\">",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2020-01-13\"}</script>",
        "&#27;[31m", "&#x9b;", "&#8238;", "&#x200b;", "&amp;", "&nbsp;", "&#0;", "&#xD800;",
        "\u{1b}]52;c;aGk=\u{7}", "\u{202e}", "\u{9b}", "\r\n", "<br>", "<title>T</title>",
        "<time datetime=\"2024-03-05T10:20:00+08:00\">", "</time>", "<a href=\"javascript:x\">",
        "</a>", "<noscript><img src=\"y.png\"></noscript>", "<svg><path d=\"M0\"/></svg>",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        4 => fixed,
        2 => "[ -~]{0,40}",
        1 => "\\PC{0,20}",
        1 => (1usize..20).prop_map(|n| "<div>".repeat(n)),
    ]
}

/// A page assembled from pieces.
fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

/// Every string the scraper produced for a page.
fn strings(p: &Page) -> Vec<&str> {
    let a = &p.article;
    let mut out: Vec<&str> = vec![&a.url, &a.title, &p.reason];
    out.extend(a.breadcrumb.iter().map(String::as_str));
    out.extend(a.body.iter().map(String::as_str));
    out.extend(a.section.as_deref());
    out.extend(a.source.as_deref());
    out.extend(a.editor.as_deref());
    for i in &a.images {
        out.push(&i.url);
        out.extend(i.caption.as_deref());
    }
    for l in &p.list.links {
        out.push(&l.url);
        out.push(&l.title);
    }
    out
}

fn assert_clean(p: &Page) {
    for s in strings(p) {
        assert!(!s.chars().any(is_unwanted), "unwanted character in {s:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any bytes decode, whatever they declare, to text with at most replacement characters.
    #[test]
    fn any_bytes_decode(bytes in prop::collection::vec(any::<u8>(), 0..4096),
                        declared in prop::sample::select(vec![None, Some("text/html; charset=gbk"),
                            Some("text/html; charset=utf-8"), Some("text/html; charset=x-nonsense")])) {
        let d = decode(&bytes, declared);
        prop_assert!(!d.encoding.is_empty());
    }

    /// Any markup scrapes to a page of some kind with clean fields, read as the site's own or
    /// as another site's, at a dated or an undated address.
    #[test]
    fn any_markup_scrapes_to_clean_fields(html in page(),
                                          at in prop::sample::select(vec![
                                              "https://en.gxzf.gov.cn/news/202403/t20240305_1.shtml",
                                              "https://elsewhere.example/story",
                                          ])) {
        let url = Url::parse(at).unwrap();
        let page = Scraper::default().scrape(&html, &url);
        assert_clean(&page);
    }

    /// The same markup encoded as GBK and decoded back scrapes the same way.
    #[test]
    fn gbk_bytes_scrape_like_their_text(html in page()) {
        let (bytes, _, _) = encoding_rs::GBK.encode(&html);
        let mut page = b"<meta charset=\"gbk\">".to_vec();
        page.extend_from_slice(&bytes);
        let text = decode(&page, None).text;
        let url = Url::parse("https://en.gxzf.gov.cn/news/t1.shtml").unwrap();
        assert_clean(&Scraper::default().scrape(&text, &url));
    }
}
