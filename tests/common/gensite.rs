//! A generated site in the portal's template, written to a folder for the fixture server:
//! a front page whose navigation names the sections, one list page per section, and the
//! articles the lists link, each with its headline, info line and paragraphs.

use std::path::Path;

/// The front page linking `sections` sections.
fn front(sections: usize) -> String {
    let nav: String = (0..sections)
        .map(|s| format!("<li><a href=\"/s{s}/\">Section {s}</a></li>"))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Generated \
         portal</title></head><body><div class=\"header\"><div class=\"nav\"><ul>\
         <li><a href=\"/\">Home</a></li>{nav}</ul></div></div></body></html>"
    )
}

/// The path of article `i` of section `s`.
pub fn article_path(s: usize, i: usize) -> String {
    format!("/s{s}/202403/t20240305_{s:02}{i:04}.shtml")
}

fn list(s: usize, per_section: usize) -> String {
    let items: String = (0..per_section)
        .map(|i| {
            format!(
                "<li><a href=\"{}\">Generated headline {i} of section {s}</a>\
                 <span class=\"date\">2024-03-05</span></li>",
                article_path(s, i)
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Section {s}\
         </title></head><body><div class=\"main\"><div class=\"list\"><ul>{items}</ul></div>\
         </div></body></html>"
    )
}

fn article(s: usize, i: usize) -> String {
    let para = format!(
        "Paragraph text of generated article {i} in section {s}, long enough to read as the \
         prose of a news story about the region's roads, ports and schools."
    );
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Generated \
         headline {i} of section {s}</title></head><body><div class=\"main\">\
         <div class=\"article\"><h1 class=\"title\">Generated headline {i} of section {s}</h1>\
         <div class=\"info\">updatetime:2024-03-05 10:{m:02}:00 Source:Generated</div>\
         <div id=\"content\"><p>{para}</p><p>{para}</p><p>{para}</p></div></div></div>\
         </body></html>",
        m = i % 60
    )
}

/// Writes a site of `sections` sections of `per_section` articles each under `root`.
pub fn write(root: &Path, sections: usize, per_section: usize) {
    std::fs::write(root.join("index.html"), front(sections)).unwrap();
    for s in 0..sections {
        let dir = root.join(format!("s{s}"));
        std::fs::create_dir_all(dir.join("202403")).unwrap();
        std::fs::write(dir.join("index.html"), list(s, per_section)).unwrap();
        for i in 0..per_section {
            let path = root.join(article_path(s, i).trim_start_matches('/'));
            std::fs::write(path, article(s, i)).unwrap();
        }
    }
}
