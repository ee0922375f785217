//! What `motcua build` publishes: every kind of page and file, the permanent short addresses,
//! the lists by field, agency, level and life event, the sitemap, robots.txt and feed, the open
//! data, content-hashed stylesheets, and the count it prints.

mod common;

use std::sync::LazyLock;

use common::{Site, assert_in_order, assert_links_to, redirect_target, sitemap_locs, visible_text};
use serde_json::Value;

/// The minimal fixture, built once and only read by the tests below.
static BUILT: LazyLock<Site> = LazyLock::new(|| Site::built("minimal", "build_published-minimal"));

fn text_of(path: &str) -> String {
    visible_text(&BUILT.page(path))
}

#[test]
fn a_build_publishes_every_kind_of_page_and_file() {
    let files = BUILT.files("public");
    let expected = [
        "index.html",
        "404.html",
        "tim-kiem/index.html",
        // procedures, A–Z, and the permanent short addresses
        "thu-tuc/index.html",
        "thu-tuc/dang-ky-khai-sinh/index.html",
        "thu-tuc/dang-ky-ket-hon/index.html",
        "thu-tuc/chung-thuc-ban-sao-tu-ban-chinh/index.html",
        "thu-tuc/dang-ky-thuong-tru/index.html",
        "p/1001193/index.html",
        "p/1000894/index.html",
        "p/2000815/index.html",
        "p/1004194/index.html",
        // groupings
        "linh-vuc/index.html",
        "linh-vuc/ho-tich/index.html",
        "linh-vuc/chung-thuc/index.html",
        "linh-vuc/cu-tru/index.html",
        "co-quan/index.html",
        "co-quan/ubnd-xa-an-phu/index.html",
        "co-quan/cong-an-xa-an-phu/index.html",
        "cap/index.html",
        "cap/xa/index.html",
        "cap/huyen/index.html",
        "su-kien/index.html",
        "su-kien/sinh-con/index.html",
        "su-kien/ket-hon/index.html",
        // guides and free pages
        "huong-dan/index.html",
        "huong-dan/huong-dan-khai-sinh/index.html",
        "gioi-thieu/index.html",
        // for machines
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "catalog.json",
        "catalog.csv",
        // forms as they are
        "forms/to-khai-dang-ky-khai-sinh.docx",
    ];
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|f| !files.contains_key(*f))
        .collect();
    assert!(
        missing.is_empty(),
        "missing from public/: {missing:?}\npublished: {:?}",
        files.keys()
    );
    let sources: Vec<&String> = files
        .keys()
        .filter(|f| f.ends_with(".yaml") || f.ends_with(".md") || f.ends_with(".toml"))
        .collect();
    assert!(
        sources.is_empty(),
        "content sources were published: {sources:?}"
    );
    assert_eq!(
        files["forms/to-khai-dang-ky-khai-sinh.docx"],
        std::fs::read(BUILT.path("content/forms/to-khai-dang-ky-khai-sinh.docx")).unwrap()
    );
}

#[test]
fn the_short_address_of_a_procedure_redirects_to_its_page() {
    let short = BUILT.page("/p/1001193/");
    assert_eq!(redirect_target(&short), "/thu-tuc/dang-ky-khai-sinh/");
    assert_links_to(
        &short,
        "https://thutuc.example.gov.vn/thu-tuc/dang-ky-khai-sinh/",
    );
    // The page prints its short address in full, for leaflets and QR codes.
    assert!(
        text_of("/thu-tuc/dang-ky-khai-sinh/").contains("https://thutuc.example.gov.vn/p/1001193/")
    );
}

#[test]
fn field_agency_level_and_life_event_pages_list_their_procedures() {
    let ho_tich = text_of("/linh-vuc/ho-tich/");
    assert!(
        ho_tich.contains("Đăng ký khai sinh") && ho_tich.contains("Đăng ký kết hôn"),
        "{ho_tich}"
    );
    assert!(
        !ho_tich.contains("Chứng thực bản sao") && !ho_tich.contains("Đăng ký thường trú"),
        "{ho_tich}"
    );
    assert_links_to(
        &BUILT.page("/linh-vuc/ho-tich/"),
        "/thu-tuc/dang-ky-khai-sinh/",
    );

    let ubnd = text_of("/co-quan/ubnd-xa-an-phu/");
    assert!(ubnd.contains("Ủy ban nhân dân xã An Phú"), "{ubnd}");
    assert!(
        ubnd.contains("Thứ Hai đến thứ Sáu: sáng 7:00–11:30, chiều 13:30–17:00"),
        "agency hours: {ubnd}"
    );
    assert!(
        ubnd.contains("Chứng thực bản sao từ bản chính") && !ubnd.contains("Đăng ký thường trú"),
        "{ubnd}"
    );

    let xa = text_of("/cap/xa/");
    for name in [
        "Đăng ký khai sinh",
        "Đăng ký kết hôn",
        "Chứng thực bản sao từ bản chính",
        "Đăng ký thường trú",
    ] {
        assert!(xa.contains(name), "{name} is done at commune level: {xa}");
    }
    let huyen = text_of("/cap/huyen/");
    assert!(
        huyen.contains("Chứng thực bản sao từ bản chính") && !huyen.contains("Đăng ký khai sinh"),
        "{huyen}"
    );

    let sinh_con = text_of("/su-kien/sinh-con/");
    assert!(
        sinh_con.contains("Đăng ký khai sinh") && !sinh_con.contains("Đăng ký kết hôn"),
        "{sinh_con}"
    );

    let az = text_of("/thu-tuc/");
    assert_in_order(
        &az,
        &[
            "Chứng thực bản sao từ bản chính",
            "Đăng ký kết hôn",
            "Đăng ký khai sinh",
            "Đăng ký thường trú",
        ],
    );
}

#[test]
fn sitemap_robots_and_feed_use_absolute_addresses() {
    let sitemap = BUILT.read("public/sitemap.xml");
    let locs = sitemap_locs(&sitemap);
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://thutuc.example.gov.vn/")),
        "{locs:?}"
    );
    for path in [
        "/",
        "/thu-tuc/dang-ky-khai-sinh/",
        "/huong-dan/huong-dan-khai-sinh/",
        "/gioi-thieu/",
        "/linh-vuc/ho-tich/",
    ] {
        let url = format!("https://thutuc.example.gov.vn{path}");
        assert!(locs.contains(&url), "{url} is not in the sitemap: {locs:?}");
    }

    let robots = BUILT.read("public/robots.txt");
    assert!(
        robots.contains("Sitemap: https://thutuc.example.gov.vn/sitemap.xml"),
        "{robots}"
    );

    // As a feed reader sees it, character references decoded.
    let feed = BUILT.read("public/feed.xml").replace("&#x2F;", "/");
    assert!(
        feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""),
        "{feed}"
    );
    assert!(
        feed.contains("https://thutuc.example.gov.vn/thu-tuc/dang-ky-khai-sinh/"),
        "{feed}"
    );
    assert_eq!(feed.matches("<entry>").count(), 4, "{feed}");
}

#[test]
fn the_open_data_exports_list_every_procedure() {
    let catalog: Value = serde_json::from_str(&BUILT.read("public/catalog.json")).unwrap();
    let procedures = catalog["procedures"].as_array().expect("a procedures list");
    assert_eq!(procedures.len(), 4);
    let keys = [
        "code",
        "name",
        "summary",
        "url",
        "short_url",
        "portal_url",
        "field",
        "agency",
        "level",
        "online",
        "status",
        "replaced_by",
        "updated",
        "reviewed",
        "fee_vnd",
        "days",
        "life_events",
        "source_url",
    ];
    for p in procedures {
        let missing: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| p.get(*k).is_none())
            .collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", p["code"]);
    }
    let khai_sinh = procedures
        .iter()
        .find(|p| p["code"] == "1.001193")
        .expect("1.001193 exported");
    assert_eq!(khai_sinh["name"], "Đăng ký khai sinh");
    assert_eq!(
        khai_sinh["url"],
        "https://thutuc.example.gov.vn/thu-tuc/dang-ky-khai-sinh/"
    );
    assert_eq!(
        khai_sinh["short_url"],
        "https://thutuc.example.gov.vn/p/1001193/"
    );
    assert_eq!(khai_sinh["online"], "toan-trinh");
    assert_eq!(khai_sinh["level"], serde_json::json!(["xa"]));
    assert_eq!(khai_sinh["life_events"], serde_json::json!(["sinh-con"]));
    assert_eq!(khai_sinh["status"], "hieu-luc");
    assert_eq!(
        catalog["guides"][0]["procedures"],
        serde_json::json!(["1.001193"])
    );

    let csv = BUILT.read("public/catalog.csv");
    let csv = csv
        .strip_prefix('\u{feff}')
        .expect("a BOM, so spreadsheets read UTF-8");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(&header[..3], ["code", "name", "url"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    assert!(
        rows.iter()
            .any(|r| &r[0] == "1.001193" && &r[1] == "Đăng ký khai sinh")
    );
}

#[test]
fn stylesheets_are_published_under_content_hashed_names() {
    let files = BUILT.files("public");
    let css: Vec<&String> = files
        .keys()
        .filter(|f| f.starts_with("assets/css/style.") && f.ends_with(".css"))
        .collect();
    assert_eq!(css.len(), 1, "{:?}", files.keys());
    let hash = css[0]
        .trim_start_matches("assets/css/style.")
        .trim_end_matches(".css");
    assert!(
        hash.len() >= 8 && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "{}",
        css[0]
    );
    assert_eq!(
        files[css[0]],
        std::fs::read(BUILT.path("themes/default/static/css/style.css")).unwrap()
    );
    let href = format!("/{}", css[0]);
    for page in [
        "/",
        "/thu-tuc/dang-ky-khai-sinh/",
        "/huong-dan/huong-dan-khai-sinh/",
        "/404.html",
    ] {
        assert_links_to(&BUILT.page(page), &href);
    }
}

#[test]
fn the_build_counts_html_pages_and_other_files_apart() {
    let site = Site::new("minimal");
    let run = site.build();
    run.succeeds();
    let mut files = site.files("public");
    // The marker that says motcua wrote the folder is not part of the site.
    assert!(files.remove(motcua::pipeline::MARKER).is_some());
    let pages = files.keys().filter(|f| f.ends_with(".html")).count();
    let others = files.len() - pages;
    run.stderr_has(&format!("built {pages} pages and {others} files"));
}
