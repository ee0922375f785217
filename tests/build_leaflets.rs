//! Leaflets on the site: each shows its QR codes as images, and the bundles of a field or a life
//! event print its leaflets as their own pages do, in the order of the list.

mod common;

use std::sync::LazyLock;

use common::{Site, assert_in_order, attribute_values, outer_html, visible_text};

/// The minimal fixture, built once and only read by the tests below.
static BUILT: LazyLock<Site> = LazyLock::new(|| Site::built("minimal", "build_leaflets-minimal"));

fn text_of(path: &str) -> String {
    visible_text(&BUILT.page(path))
}

/// The `<article>` of a leaflet in a page, as HTML.
fn leaflet_article(html: &str) -> String {
    let articles = outer_html(html, "article");
    articles.into_iter().next().expect("a leaflet article")
}

#[test]
fn a_leaflet_shows_its_qr_codes_as_images_and_its_bundles_repeat_it() {
    let page = BUILT.page("/to-gap/1001193/");
    let srcs = attribute_values(&page, "src");
    for (file, alt) in [
        ("qr.svg", "Mã QR dẫn đến trang thủ tục"),
        ("qr-cong.svg", "Mã QR dẫn đến trang nộp hồ sơ trực tuyến"),
    ] {
        let src = format!("/to-gap/1001193/{file}");
        assert!(srcs.contains(&src), "{src} not among {srcs:?}");
        assert!(page.contains(alt), "no alt text {alt:?}");
        let svg = BUILT.read(&format!("public{src}"));
        assert!(svg.starts_with("<svg"), "{svg}");
        assert_eq!(svg.matches("<path").count(), 1, "one path: {svg}");
    }
    assert!(!page.contains("<svg"), "no QR code is inlined any more");

    let bundle = BUILT.page("/to-gap/linh-vuc/ho-tich/");
    assert!(
        outer_html(&bundle, "article").contains(&leaflet_article(&page)),
        "the bundle prints the leaflet as its own page does"
    );
}

#[test]
fn a_bundle_prints_every_leaflet_of_its_field_or_life_event_in_the_order_of_its_page() {
    let leaflet = |code: &str| leaflet_article(&BUILT.page(&format!("/to-gap/{code}/")));
    let (ket_hon, khai_sinh) = (leaflet("1000894"), leaflet("1001193"));
    assert_in_order(
        &text_of("/linh-vuc/ho-tich/"),
        &["Đăng ký kết hôn", "Đăng ký khai sinh"],
    );
    let field = BUILT.page("/to-gap/linh-vuc/ho-tich/");
    let articles = outer_html(&field, "article");
    assert_eq!(articles.len(), 2, "{field}");
    assert_eq!(
        articles,
        [ket_hon, khai_sinh.clone()],
        "in the order of the list"
    );
    assert!(
        field.trim_end().ends_with("</html>"),
        "the page goes on after the leaflets: {field}"
    );
    let life_event = BUILT.page("/to-gap/su-kien/sinh-con/");
    let articles = outer_html(&life_event, "article");
    assert!(articles.contains(&khai_sinh), "{life_event}");
    assert_eq!(articles.len(), 1, "{life_event}");
}

/// A procedure in the shape of a real record: a long name, a document whose name runs to a
/// thousand characters with a note, an explanation without counts, an item every case asks for.
fn real_record(leaflet: &str) -> String {
    let long = "Giấy tờ chứng minh nơi cư trú của người đề nghị, ".repeat(20);
    format!(
        r#"code: "1.888001"
name: "Thủ tục {name}"
field: cu-tru
level: [xa]
agency: ubnd-xa-an-phu
online: khong
channels:
  - method: truc-tiep
    duration: "05 ngày làm việc"
    fee: "Miễn phí"
  - method: truc-tiep
    duration: "05 ngày làm việc"
    fee: "Miễn phí"
steps:
  - "Nộp hồ sơ tại Bộ phận Một cửa."
cases:
  - name: "Trường hợp thứ nhất"
    documents:
      - name: "Tờ khai theo mẫu"
        originals: 1
      - name: "{long}"
        copies: 1
        note: "Ghi chú chỉ có trên trang thủ tục"
      - name: "Hồ sơ nộp trực tiếp hoặc qua bưu chính, không cần bản sao"
  - name: "Trường hợp thứ hai"
    documents:
      - name: "Tờ khai theo mẫu"
        originals: 1
      - name: "Giấy khai sinh"
        copies: 1
result: "Giấy xác nhận"
legal_basis:
  - "Căn cứ chỉ có trên trang thủ tục"
updated: 2026-01-01
{leaflet}"#,
        name = "đăng ký cư trú cho người ở nhiều nơi ".repeat(30),
    )
}

#[test]
fn a_leaflet_prints_a_short_form_and_points_to_the_qr_code_for_the_rest() {
    let site = Site::new("minimal");
    site.write("content/procedures/cu-tru/that.yaml", real_record(""));
    site.build().succeeds();
    let page = visible_text(&site.page("/to-gap/1888001/"));
    let article = visible_text(&leaflet_article(&site.page("/to-gap/1888001/")));
    assert!(article.contains("xem đủ tại mã QR"), "{article}");
    assert!(
        article.contains("Giấy tờ chứng minh nơi cư trú của người đề nghị…"),
        "{article}"
    );
    assert!(article.contains("Thủ tục đăng ký cư trú"), "{article}");
    for left_out in [
        "Ghi chú chỉ có trên trang thủ tục",
        "Căn cứ chỉ có trên trang thủ tục",
        "không cần bản sao",
    ] {
        assert!(
            !article.contains(left_out),
            "{left_out:?} is on the leaflet: {article}"
        );
    }
    assert_eq!(article.matches("Tờ khai theo mẫu").count(), 1, "{article}");
    assert!(article.contains("Mọi trường hợp"), "{article}");
    assert_eq!(
        article.matches("05 ngày làm việc").count(),
        2,
        "cover and table once: {article}"
    );
    assert!(page.len() > article.len());

    let procedure = visible_text(&site.page(&procedure_path(&site, "1.888001")));
    assert!(procedure.contains("Ghi chú chỉ có trên trang thủ tục"));
    assert!(!procedure.contains("xem đủ tại mã QR"));
}

#[test]
fn an_editor_gives_the_leaflet_its_own_short_form() {
    let site = Site::new("minimal");
    let short = "leaflet:\n  documents:\n    - name: Tờ khai và giấy tờ cư trú\n      originals: 1\n  \
                 steps:\n    - Nộp tại Bộ phận Một cửa xã.\n  note: Quét mã QR để xem đủ các trường hợp.\n";
    site.write("content/procedures/cu-tru/that.yaml", real_record(short));
    site.build().succeeds();
    let article = visible_text(&leaflet_article(&site.page("/to-gap/1888001/")));
    for given in [
        "Tờ khai và giấy tờ cư trú",
        "Nộp tại Bộ phận Một cửa xã.",
        "Quét mã QR để xem đủ các trường hợp.",
    ] {
        assert!(
            article.contains(given),
            "{given:?} not on the leaflet: {article}"
        );
    }
    for replaced in [
        "Trường hợp thứ hai",
        "Giấy khai sinh",
        "Nộp hồ sơ tại Bộ phận Một cửa.",
    ] {
        assert!(
            !article.contains(replaced),
            "{replaced:?} is on the leaflet: {article}"
        );
    }

    site.write(
        "content/procedures/cu-tru/that.yaml",
        real_record("leaflet:\n  documnets: []\n"),
    );
    let check = site.check();
    check.fails();
    check.error("documnets");
}

/// The page of a procedure, from the catalog the build wrote.
fn procedure_path(site: &Site, code: &str) -> String {
    let catalog: serde_json::Value =
        serde_json::from_str(&site.read("public/catalog.json")).unwrap();
    let p = catalog["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == code)
        .unwrap();
    let url = p["url"].as_str().unwrap();
    url.trim_start_matches("https://thutuc.example.gov.vn")
        .to_owned()
}
