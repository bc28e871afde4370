//! A user's rules file changes what the scraper reads: a list it gives replaces the built-in
//! one, loaded the way the command line loads it.

use gxnews::scrape::{Profile, Rules, Scraper};
use url::Url;

/// An article whose text block holds a promotion box, named with a class word that no
/// built-in list knows.
const PAGE: &str = r#"<html><head><title>Nanning opens its sixth metro line - Guangxi</title></head>
<body>
<h1>Nanning opens its sixth metro line</h1>
<div class="content">
<p>Nanning opened its sixth metro line on Tuesday, linking the eastern districts of the city
with the airport in thirty minutes and easing the morning rush on the older lines.</p>
<p>The line carries up to forty thousand passengers an hour and has twenty-one stations, six of
them shared with other lines, the city's transport bureau said at the opening ceremony.</p>
<div class="promo-box"><p>Sign up for our weekly letter and read every story first.</p></div>
<p>Work on a seventh line, running north to the new university town, is to start next year,
and the bureau expects the network to reach three hundred kilometres by the end of 2030.</p>
</div>
</body></html>"#;

fn body(rules: Rules) -> Vec<String> {
    let url = Url::parse("https://news.example.cn/2024/03/05/metro.html").unwrap();
    Scraper::with_rules(Profile::default(), rules)
        .scrape_article(PAGE, &url)
        .expect("the page reads as an article")
        .body
}

/// Naming `promo` a furniture word in a user's file leaves the promotion box out of the text,
/// and keeps the article's own paragraphs.
#[test]
fn a_user_furniture_word_leaves_its_block_out() {
    let promo = |body: &[String]| body.iter().any(|p| p.contains("weekly letter"));
    let built_in = body(Rules::load(None).unwrap());
    assert!(promo(&built_in), "{built_in:?}");

    let mut words = Rules::default().furniture.words;
    words.push("Promo".to_string());
    let mut furniture = toml::Table::new();
    furniture.insert("words".into(), words.into());
    let mut file = toml::Table::new();
    file.insert("furniture".into(), furniture.into());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rules.toml");
    std::fs::write(&path, toml::to_string(&file).unwrap()).unwrap();

    let rules = Rules::load(Some(&path)).unwrap();
    assert!(rules.furniture.words.contains(&"promo".to_string()));
    assert_eq!(rules.lists.pager_words, Rules::default().lists.pager_words);
    let with_promo = body(rules);
    assert!(!promo(&with_promo), "{with_promo:?}");
    assert_eq!(with_promo.len() + 1, built_in.len(), "{with_promo:?}");
}

/// Naming a pager word in a user's file makes a link that reads so a pager's step, not an
/// article of a list.
#[test]
fn a_user_pager_word_is_a_pager_step() {
    let items: String = (1..=6)
        .map(|i| {
            format!(
                r#"<li><a href="/news/2024/0{i}/story{i}.html">Guangxi holds its spring trade fair number {i}</a></li>"#
            )
        })
        .collect();
    let page = format!(
        r#"<html><head><title>News - Guangxi</title></head><body><h1>News</h1>
        <ul class="list">{items}<li><a href="/news/index_2.html">Weiter »</a></li></ul>
        </body></html>"#
    );
    let url = Url::parse("https://news.example.cn/news/index.html").unwrap();
    let links = |rules: Rules| -> Vec<String> {
        Scraper::with_rules(Profile::default(), rules)
            .scrape(&page, &url)
            .list
            .links
            .into_iter()
            .map(|l| l.title)
            .collect()
    };
    let built_in = links(Rules::default());
    assert!(
        built_in.iter().any(|t| t.starts_with("Weiter")),
        "{built_in:?}"
    );

    let mut words = Rules::default().lists.pager_words;
    words.push("weiter".to_string());
    let quoted: Vec<String> = words.iter().map(|w| format!("{w:?}")).collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rules.toml");
    std::fs::write(
        &path,
        format!("[lists]\npager_words = [{}]\n", quoted.join(", ")),
    )
    .unwrap();
    let with_word = links(Rules::load(Some(&path)).unwrap());
    assert!(
        !with_word.iter().any(|t| t.starts_with("Weiter")),
        "{with_word:?}"
    );
    assert_eq!(with_word.len() + 1, built_in.len(), "{with_word:?}");
}
