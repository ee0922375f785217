//! `motcua build` options: `--base-url` moves every link, `--drafts` publishes what is marked
//! `draft: true`, and a published page cannot show a draft.

mod common;

use common::minimal::*;
use common::{Site, assert_links_to, links, redirect_target, sitemap_locs, visible_text};

#[test]
fn base_url_moves_every_link_the_sitemap_and_the_exports() {
    let site = Site::new("minimal");
    site.append(
        GUIDE,
        "\nXem thêm [đăng ký kết hôn](/thu-tuc/dang-ky-ket-hon/).\n",
    );

    site.run(&["build", "--base-url", "https://x.example/sub/"])
        .succeeds();

    for (file, bytes) in site
        .files("public")
        .iter()
        .filter(|(f, _)| f.ends_with(".html"))
    {
        let html = String::from_utf8_lossy(bytes);
        for link in links(&html)
            .iter()
            .filter(|l| l.starts_with('/') && !l.starts_with("//"))
        {
            assert!(
                link.starts_with("/sub/"),
                "{file} links {link} outside /sub/"
            );
        }
    }
    let guide = site.page("/huong-dan/huong-dan-khai-sinh/");
    // Including a link written in Markdown.
    assert_links_to(&guide, "/sub/thu-tuc/dang-ky-ket-hon/");
    assert_eq!(
        redirect_target(&site.page("/p/1001193/")),
        "/sub/thu-tuc/dang-ky-khai-sinh/"
    );
    assert!(
        visible_text(&site.page("/thu-tuc/dang-ky-khai-sinh/"))
            .contains("https://x.example/sub/p/1001193/")
    );

    let locs = sitemap_locs(&site.read("public/sitemap.xml"));
    assert!(
        locs.contains(&"https://x.example/sub/thu-tuc/dang-ky-khai-sinh/".to_owned()),
        "{locs:?}"
    );
    assert!(
        locs.iter().all(|l| l.starts_with("https://x.example/sub/")),
        "{locs:?}"
    );
    assert!(
        site.read("public/robots.txt")
            .contains("Sitemap: https://x.example/sub/sitemap.xml")
    );
    for file in [
        "public/feed.xml",
        "public/catalog.json",
        "public/catalog.csv",
        "public/sitemap.xml",
    ] {
        assert!(
            !site.read(file).contains("thutuc.example.gov.vn"),
            "{file} still uses site.toml's base_url"
        );
    }
}

const DRAFT_PROCEDURE: &str = r#"code: "1.004884"
name: Đăng ký lại khai sinh
field: ho-tich
level: [xa]
agency: ubnd-xa-an-phu
online: khong
channels:
  - method: truc-tiep
    duration: 05 ngày làm việc
    fee: Miễn lệ phí
steps: [Nộp hồ sơ tại xã.]
documents:
  - name: Tờ khai đăng ký lại khai sinh
    originals: 1
result: Giấy khai sinh
life_events: [sinh-con]
updated: 2026-04-01
draft: true
"#;

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::new("minimal");
    site.write(
        "content/procedures/ho-tich/dang-ky-lai-khai-sinh.yaml",
        DRAFT_PROCEDURE,
    );
    site.write(
        "content/guides/lai-khai-sinh.md",
        "---\ntitle: Làm lại giấy khai sinh bị mất\nprocedures: [\"1.004884\"]\nupdated: 2026-04-02\ndraft: true\n---\n\nChuẩn bị tờ khai.\n",
    );
    site.write(
        "content/pages/lien-he.md",
        "---\ntitle: Liên hệ\ndraft: true\n---\n\nGọi đường dây nóng.\n",
    );
    let published = [
        "public/thu-tuc/dang-ky-lai-khai-sinh/index.html",
        "public/p/1004884/index.html",
        "public/huong-dan/lai-khai-sinh/index.html",
        "public/lien-he/index.html",
    ];

    site.build().succeeds();
    for file in published {
        assert!(!site.exists(file), "a draft was published: {file}");
    }
    for (path, name) in [
        ("/thu-tuc/", "Đăng ký lại khai sinh"),
        ("/su-kien/sinh-con/", "Đăng ký lại khai sinh"),
        ("/huong-dan/", "Làm lại giấy khai sinh"),
    ] {
        assert!(
            !text_of_site(&site, path).contains(name),
            "{path} lists the draft {name}"
        );
    }
    for file in [
        "public/catalog.json",
        "public/sitemap.xml",
        "public/feed.xml",
    ] {
        assert!(
            !site.read(file).contains("1004884")
                && !site.read(file).contains("dang-ky-lai-khai-sinh"),
            "{file} names the draft"
        );
    }

    site.run(&["build", "--drafts"]).succeeds();
    for file in published {
        assert!(site.exists(file), "--drafts did not publish {file}");
    }
    assert!(text_of_site(&site, "/thu-tuc/").contains("Đăng ký lại khai sinh"));
    assert!(
        site.read("public/catalog.json")
            .contains("\"code\":\"1.004884\"")
    );
}

fn text_of_site(site: &Site, path: &str) -> String {
    visible_text(&site.page(path))
}

#[test]
fn a_published_guide_cannot_show_a_draft_procedure_as_an_empty_box() {
    let site = Site::new("minimal");
    site.write(
        "content/procedures/ho-tich/dang-ky-lai-khai-sinh.yaml",
        DRAFT_PROCEDURE,
    );
    site.append(
        GUIDE,
        "\nMất giấy khai sinh? {{ procedure(code=\"1.004884\") }}\n",
    );

    site.build()
        .fails()
        .error("1.004884")
        .at_line(GUIDE, site.line_of(GUIDE, "1.004884"))
        .hints("--drafts");
    site.run(&["build", "--drafts"]).succeeds();
}

#[test]
fn a_draft_guide_may_show_a_draft_procedure() {
    let site = Site::new("minimal");
    site.write(
        "content/procedures/ho-tich/dang-ky-lai-khai-sinh.yaml",
        DRAFT_PROCEDURE,
    );
    site.write(
        "content/guides/lai-khai-sinh.md",
        "---\ntitle: Làm lại giấy khai sinh bị mất\nupdated: 2026-04-02\ndraft: true\n---\n\n{{ procedure(code=\"1.004884\") }}\n",
    );

    site.build().succeeds();
    assert!(!site.exists("public/huong-dan/lai-khai-sinh/index.html"));
}
