//! Old addresses and replaced procedures: aliases keep old links working and may not take another
//! page's address; a replaced procedure keeps its page and points to its replacement.

mod common;

use common::minimal::*;
use common::{Site, assert_in_order, assert_links_to, redirect_target, visible_text};

fn text_of_site(site: &Site, path: &str) -> String {
    visible_text(&site.page(path))
}

#[test]
fn aliases_keep_old_addresses_working() {
    let site = Site::new("minimal");
    site.append(
        KET_HON,
        "aliases:\n  - /thu-tuc/ket-hon/\n  - /thu-tuc/ho-tich/ket-hon.html\n",
    );

    site.build().succeeds();

    assert_eq!(
        redirect_target(&site.page("/thu-tuc/ket-hon/")),
        "/thu-tuc/dang-ky-ket-hon/"
    );
    assert_eq!(
        redirect_target(&site.page("/thu-tuc/ho-tich/ket-hon.html")),
        "/thu-tuc/dang-ky-ket-hon/"
    );
    assert!(text_of_site(&site, "/thu-tuc/dang-ky-ket-hon/").contains("Đăng ký kết hôn"));
}

#[test]
fn an_alias_that_is_another_pages_address_is_an_error() {
    let site = Site::new("minimal");
    site.append(
        KET_HON,
        "aliases:\n  - /thu-tuc/ket-hon/\n  - /thu-tuc/dang-ky-khai-sinh/\n",
    );

    site.build()
        .fails()
        .error("the alias `/thu-tuc/dang-ky-khai-sinh/` is already the address of")
        .in_file(KET_HON)
        .says(KHAI_SINH);
}

#[test]
fn an_alias_cannot_take_a_generated_address() {
    let site = Site::new("minimal");
    site.append(
        KET_HON,
        "aliases:\n  - /linh-vuc/ho-tich/\n  - /p/1001193/\n",
    );

    let run = site.build();
    run.fails();
    run.error("/linh-vuc/ho-tich/").in_file(KET_HON);
    run.error("/p/1001193/").in_file(KET_HON);
}

#[test]
fn a_replaced_procedure_keeps_its_page_and_points_to_the_replacement() {
    let site = Site::new("minimal");
    site.write(
        "content/procedures/ho-tich/dang-ky-khai-sinh-cu.yaml",
        site.read(KHAI_SINH)
            .replace("code: \"1.001193\"", "code: \"1.000001\"")
            .replace(
                "name: Đăng ký khai sinh",
                "name: Đăng ký khai sinh (theo Luật cũ)",
            )
            + "status: thay-the\nreplaced_by: \"1.001193\"\n",
    );

    site.build().succeeds();

    let old = site.page("/thu-tuc/dang-ky-khai-sinh-theo-luat-cu/");
    let text = visible_text(&old);
    // Under the breadcrumb (which ends with the code), the page first says it is replaced and by
    // what, and only then shows its own name and content.
    let article = &text[text
        .find("1.000001")
        .expect("the breadcrumb names the code")..];
    let banner = "Thủ tục này đã được thay thế. Hãy dùng thủ tục thay thế: Đăng ký khai sinh";
    let (said, named) = (
        article.find(banner),
        article.find("Đăng ký khai sinh (theo Luật cũ)"),
    );
    assert!(
        said.is_some() && named.is_some() && said < named,
        "{article}"
    );
    assert_in_order(
        article,
        &[
            banner,
            "Đăng ký khai sinh (theo Luật cũ)",
            "Hồ sơ cần chuẩn bị",
        ],
    );
    assert_links_to(&old, "/thu-tuc/dang-ky-khai-sinh/");
    assert!(
        !text.contains("Bạn sẽ chuyển sang"),
        "no portal button for a replaced procedure: {text}"
    );
    // Its printed QR code still works.
    assert_eq!(
        redirect_target(&site.page("/p/1000001/")),
        "/thu-tuc/dang-ky-khai-sinh-theo-luat-cu/"
    );

    let new = site.page("/thu-tuc/dang-ky-khai-sinh/");
    assert!(
        visible_text(&new).contains("Thủ tục này thay thế cho: Đăng ký khai sinh (theo Luật cũ)")
    );
    assert_links_to(&new, "/thu-tuc/dang-ky-khai-sinh-theo-luat-cu/");

    let catalog = site.read("public/catalog.json");
    assert!(
        catalog.contains("\"replaced_by\":\"1.001193\"")
            && catalog.contains("\"status\":\"thay-the\""),
        "{catalog}"
    );
}
