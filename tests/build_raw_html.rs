//! Raw HTML in Markdown: dropped with a warning at its line unless site.toml allows a harmless
//! tag; scripts, event handlers and `javascript:` links never reach a page.

mod common;

use common::{Site, visible_text};

const HTML_GUIDE: &str = "content/guides/phim-tat.md";
const HTML_BODY: &str = r#"---
title: Dùng bàn phím trên Cổng dịch vụ công
updated: 2026-01-01
---

Nhấn <kbd>Enter</kbd> để gửi.

<script>alert("x")</script>

<b onclick="alert(1)">Lưu ý</b>: đăng nhập trước. [Mở cổng](javascript:alert(1))
"#;

#[test]
fn raw_html_in_markdown_is_dropped_with_a_warning_and_scripts_never_reach_a_page() {
    let site = Site::new("minimal");
    site.write(HTML_GUIDE, HTML_BODY);

    let run = site.build();
    run.succeeds();
    let lines: Vec<String> = run
        .warnings()
        .iter()
        .filter(|w| w.message.contains("raw HTML in Markdown was dropped"))
        .map(|w| w.place())
        .collect();
    for line in [6, 8, 10] {
        let place = format!("{HTML_GUIDE}:{line}:");
        assert!(
            lines.iter().any(|l| l.starts_with(&place)),
            "no warning at {place}\n{}",
            run.dump()
        );
    }
    run.warnings()[0].help("allow_html");

    let page = site.page("/huong-dan/phim-tat/");
    for bad in ["<script>alert", "alert(", "onclick", "javascript:"] {
        assert!(!page.contains(bad), "{bad} reached the page:\n{page}");
    }
    let text = visible_text(&page);
    assert!(
        text.contains("Nhấn Enter để gửi.") && text.contains("Lưu ý: đăng nhập trước."),
        "{text}"
    );
}

#[test]
fn an_allow_list_in_site_toml_lets_harmless_tags_through() {
    let site = Site::new("minimal");
    site.append("site.toml", "\n[markdown]\nallow_html = [\"kbd\"]\n");
    site.write(HTML_GUIDE, HTML_BODY);

    site.build().succeeds();

    let page = site.page("/huong-dan/phim-tat/");
    assert!(page.contains("<kbd>Enter</kbd>"), "{page}");
    for bad in ["<script>alert", "alert(", "onclick", "javascript:"] {
        assert!(!page.contains(bad), "{bad} reached the page:\n{page}");
    }
}

#[test]
fn with_an_allow_list_other_tags_are_still_dropped_with_a_warning() {
    let site = Site::new("minimal");
    site.append("site.toml", "\n[markdown]\nallow_html = [\"kbd\"]\n");
    site.write(HTML_GUIDE, HTML_BODY);

    let run = site.build();
    run.succeeds();
    let places: Vec<String> = run
        .warnings()
        .iter()
        .filter(|w| w.message.contains("raw HTML"))
        .map(|w| w.place())
        .collect();
    assert_eq!(
        places,
        vec![format!("{HTML_GUIDE}:8:1"), format!("{HTML_GUIDE}:10:1")],
        "one warning per line with disallowed HTML"
    );
}
