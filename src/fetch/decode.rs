//! Bytes to text: BOM, then the HTTP charset, then `<meta charset>` / `http-equiv` in the first
//! 1024 bytes, then a detector (chardetng, told the site is `.cn`) when nothing is declared.
//! Decoding is encoding_rs's, so `gb2312` and `gbk` labels both mean GBK, as browsers do.

use std::sync::LazyLock;

use encoding_rs::Encoding;
use regex::bytes::Regex;

/// Decoded text and how it was decided.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Where the encoding came from: `bom`, `http`, `meta` or `detected`.
    pub from: &'static str,
    /// True when some bytes were invalid and became U+FFFD.
    pub had_errors: bool,
}

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).expect("valid regex")
});

/// The charset parameter of a `Content-Type` header.
pub fn charset_of(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
    })
}

fn label(l: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(l.trim().as_bytes())?;
    // A page cannot really be UTF-16 if its own ASCII meta tag was readable (HTML spec).
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return Some(encoding_rs::UTF_8);
    }
    Some(enc)
}

/// Decodes a page's bytes given its `Content-Type` header, if any.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    let (enc, from, skip) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        (enc, "bom", bom_len)
    } else if let Some(enc) = content_type.and_then(charset_of).and_then(label) {
        (enc, "http", 0)
    } else if let Some(enc) = META_CHARSET
        .captures(&bytes[..bytes.len().min(1024)])
        .and_then(|c| std::str::from_utf8(&c[1]).ok().and_then(label))
    {
        (enc, "meta", 0)
    } else if std::str::from_utf8(bytes).is_ok() {
        // Undeclared bytes that are valid UTF-8 are UTF-8: legacy text almost never is, and
        // the detector would only agree after reading every byte.
        (encoding_rs::UTF_8, "detected", 0)
    } else {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        (
            det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow),
            "detected",
            0,
        )
    };
    // A page declared in a legacy encoding whose bytes are nonetheless valid UTF-8, with
    // characters beyond ASCII, was written in UTF-8 by a CMS that kept an old declaration: real
    // GBK or Latin-1 text is almost never valid UTF-8.
    let (enc, from) = if enc != encoding_rs::UTF_8
        && matches!(from, "http" | "meta")
        && !bytes.is_ascii()
        && std::str::from_utf8(&bytes[skip..]).is_ok()
    {
        (encoding_rs::UTF_8, "utf-8 despite the declared charset")
    } else {
        (enc, from)
    };
    let (text, had_errors) = enc.decode_without_bom_handling(&bytes[skip..]);
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        from,
        had_errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(s: &str) -> Vec<u8> {
        encoding_rs::GBK.encode(s).0.into_owned()
    }

    #[test]
    fn gb2312_label_decodes_gbk_only_characters() {
        // 镕 is in GBK but not in GB2312: a strict gb2312 decoder fails on it.
        let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>".to_vec();
        page.extend(gbk("朱镕基 视察广西"));
        let d = decode(&page, None);
        assert_eq!(d.from, "meta");
        assert!(!d.had_errors);
        assert!(d.text.contains("朱镕基 视察广西"));
    }

    #[test]
    fn utf8_bytes_under_a_gb2312_label_read_as_utf8() {
        let page = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><p>黄姚古镇 — “lanterns”</p>";
        let d = decode(page.as_bytes(), None);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("黄姚古镇 — “lanterns”"), "{}", d.text);
        // Real GBK bytes under the same label still read as GBK.
        let mut gbk_page = b"<meta charset=gb2312><p>".to_vec();
        gbk_page.extend(gbk("黄姚古镇"));
        let d = decode(&gbk_page, None);
        assert_eq!(d.encoding, "GBK");
        assert!(d.text.contains("黄姚古镇"));
    }

    #[test]
    fn http_charset_wins_over_meta() {
        let mut page = b"<meta charset=\"utf-8\">".to_vec();
        page.extend(gbk("广西"));
        let d = decode(&page, Some("text/html; charset=GBK"));
        assert_eq!((d.encoding, d.from), ("GBK", "http"));
        assert!(d.text.contains("广西"));
    }

    #[test]
    fn bom_wins() {
        let d = decode(
            "\u{feff}<p>héllo</p>".as_bytes(),
            Some("text/html; charset=gbk"),
        );
        assert_eq!((d.encoding, d.from), ("UTF-8", "bom"));
        assert_eq!(d.text, "<p>héllo</p>");
    }

    #[test]
    fn undeclared_gbk_is_detected() {
        let mut page = b"<html><body><p>".to_vec();
        page.extend(gbk(
            "广西壮族自治区人民政府门户网站英文版，南宁市新闻发布会今天举行。",
        ));
        let d = decode(&page, Some("text/html"));
        assert_eq!(d.from, "detected");
        assert_eq!(d.encoding, "GBK");
        assert!(d.text.contains("广西壮族自治区"));
    }
}
