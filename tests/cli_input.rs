//! Text as editors' tools save it: decomposed Unicode (NFD), a byte-order mark, Windows line ends,
//! or not UTF-8 at all. The first three must make no difference; the last must name the file.

mod common;

use common::minimal::*;
use common::{Site, attribute_values, links, visible_text};
use unicode_normalization::{UnicodeNormalization, is_nfc};

fn nfd(text: &str) -> String {
    text.nfd().collect()
}

/// As Notepad saves it: a BOM, then CRLF line ends.
fn windows(text: &str) -> String {
    format!("\u{feff}{}", text.replace('\n', "\r\n"))
}

const TAM_TRU: &str = "content/procedures/cu-tru/dang-ky-tam-tru.yaml";

const TAM_TRU_GUIDE: &str = r#"---
title: Hướng dẫn đăng ký tạm trú
procedures: ["1.004200"]
updated: 2026-02-02
---

{{ procedure(code="1.004200") }}

## Chuẩn bị giấy tờ

Đọc kỹ [mục chuẩn bị](#chuan-bi-giay-to) trước khi nộp.
"#;

#[test]
fn decomposed_text_is_published_composed_and_its_references_resolve() {
    let site = Site::new("minimal");
    let procedure = nfd(TAM_TRU_YAML);
    assert_ne!(
        procedure, TAM_TRU_YAML,
        "the test text must really be decomposed"
    );
    site.write(TAM_TRU, procedure);
    site.write("content/guides/tam-tru.md", nfd(TAM_TRU_GUIDE));
    site.write(FIELDS, nfd(&site.read(FIELDS)));

    site.build().succeeds();

    // The address comes from the composed name, and the page shows composed text only.
    let page = site.page("/thu-tuc/dang-ky-tam-tru/");
    assert!(is_nfc(&page), "the procedure page has decomposed text");
    let text = visible_text(&page);
    assert!(text.contains("Đăng ký tạm trú"), "{text}");
    assert!(text.contains("Thông tin tạm trú được cập nhật"), "{text}");

    // The decomposed guide finds the procedure by its code, in the list and in the shortcode card.
    let guide = site.page("/huong-dan/tam-tru/");
    assert!(is_nfc(&guide), "the guide page has decomposed text");
    assert!(visible_text(&guide).contains("Hướng dẫn đăng ký tạm trú"));
    let to_procedure = links(&guide)
        .iter()
        .filter(|l| *l == "/thu-tuc/dang-ky-tam-tru/")
        .count();
    assert!(
        to_procedure >= 2,
        "the guide links to the procedure from its list and its card: {:?}",
        links(&guide)
    );
    // A decomposed heading gets the same anchor as a composed one.
    let ids = attribute_values(&guide, "id");
    assert!(ids.iter().any(|id| id == "chuan-bi-giay-to"), "{ids:?}");

    // Registry names too.
    let field = site.page("/linh-vuc/cu-tru/");
    assert!(is_nfc(&field));
    assert!(visible_text(&field).contains("Cư trú"));
    let catalog = site.read("public/catalog.json");
    assert!(
        is_nfc(&catalog) && catalog.contains("\"name\":\"Đăng ký tạm trú\""),
        "{catalog}"
    );
}

#[test]
fn files_with_a_bom_and_windows_line_ends_build_like_any_other() {
    let site = Site::new("minimal");
    for file in ["site.toml", KET_HON, GUIDE, AGENCIES, PAGE] {
        site.write(file, windows(&site.read(file)));
    }

    let run = site.build();
    run.succeeds();
    assert_eq!(run.counts(), (0, 0), "{}", run.dump());

    let page = site.page("/thu-tuc/dang-ky-ket-hon/");
    assert!(!page.contains('\r') && !page.contains('\u{feff}'));
    let text = visible_text(&page);
    assert!(
        text.contains("Đăng ký kết hôn") && text.contains("Ủy ban nhân dân xã An Phú"),
        "{text}"
    );
    let guide = visible_text(&site.page("/huong-dan/huong-dan-khai-sinh/"));
    assert!(
        guide.contains("Hướng dẫn đăng ký khai sinh trực tuyến"),
        "front matter read: {guide}"
    );
    assert!(
        guide.contains("Chuẩn bị tài khoản VNeID mức độ 2."),
        "body read: {guide}"
    );
    assert!(
        !guide.contains("---"),
        "the front matter is not shown as text: {guide}"
    );
}

#[test]
fn errors_in_a_windows_file_point_at_the_right_line_and_column() {
    let site = Site::new("minimal");
    let text = site
        .read(KET_HON)
        .replace("code: \"1.000894\"", "code: 1.000894")
        .replace("online: mot-phan", "online: toan-trin");
    site.write(KET_HON, windows(&text));

    let run = site.check();
    run.fails();
    run.error("expected text, found the number")
        .at(KET_HON, 1, 7);
    run.error("`toan-trin` is not one of").at(KET_HON, 7, 9);
}

/// "Đăng ký kết hôn" as a Vietnamese Windows program (code page 1258) saves it.
const CP1258_NAME: &[u8] = b"name: \xd0\xe3ng k\xfd k\xea\xec't h\xf4n\n";

#[test]
fn a_file_that_is_not_utf8_is_named() {
    let site = Site::new("minimal");
    let mut bytes = b"code: \"1.000894\"\n".to_vec();
    bytes.extend_from_slice(CP1258_NAME);
    let original = site.read(KET_HON);
    let (_, rest) = original.split_at(original.find("summary:").unwrap());
    bytes.extend_from_slice(rest.as_bytes());
    site.write(KET_HON, bytes);

    site.build()
        .fails()
        .error("not UTF-8")
        .in_file(KET_HON)
        .help("save it as UTF-8");
}

#[test]
fn a_file_that_is_not_utf8_is_reported_at_the_first_bad_byte() {
    let site = Site::new("minimal");
    let mut bytes = b"code: \"1.000894\"\n".to_vec();
    bytes.extend_from_slice(CP1258_NAME);
    site.write(KET_HON, bytes);

    site.check().fails().error("not UTF-8").at(KET_HON, 2, 7);
}
