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
