//! `motcua build`: the pages and files a site publishes and what citizens read on them; options,
//! drafts, old addresses, replaced procedures, unsafe HTML, theme overrides, and `check`'s links.

mod common;

use std::sync::LazyLock;

use common::minimal::*;
use common::{
    Site, assert_in_order, assert_links_to, attribute_values, json_ld, links, visible_text,
};
use serde_json::Value;

/// The minimal fixture, built once and only read by the tests below that need no changes.
static BUILT: LazyLock<Site> = LazyLock::new(|| {
    let site = Site::shared("minimal", "cli_build-minimal");
    let run = site.build();
    run.succeeds();
    assert_eq!(
        run.counts(),
        (0, 0),
        "the fixture builds without warnings:\n{}",
        run.dump()
    );
    site
});

fn text_of(path: &str) -> String {
    visible_text(&BUILT.page(path))
}

/// Where a redirect page sends the browser.
fn redirect_target(html: &str) -> String {
    let refresh = attribute_values(html, "content")
        .into_iter()
        .find(|c| c.starts_with("0; url="));
    refresh.expect("a meta refresh")["0; url=".len()..].to_owned()
}

fn sitemap_locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap().to_owned())
        .collect()
}

// --- What a build publishes -----------------------------------------------------------------

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

// --- A procedure page -----------------------------------------------------------------------

#[test]
fn an_online_procedure_sends_citizens_to_the_portal_and_says_so() {
    let page = BUILT.page("/thu-tuc/dang-ky-khai-sinh/");
    let text = visible_text(&page);
    assert!(text.contains("Nộp hồ sơ trực tuyến"), "{text}");
    assert!(
        text.contains("Bạn sẽ chuyển sang Cổng Dịch vụ công quốc gia"),
        "{text}"
    );
    assert_links_to(
        &page,
        "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193",
    );

    // A procedure's own portal address wins over the site's pattern.
    let own = BUILT.page("/thu-tuc/dang-ky-thuong-tru/");
    assert_links_to(
        &own,
        "https://dichvucong.bocongan.gov.vn/thu-tuc/thuong-tru",
    );
    assert!(!own.contains("ma_thu_tuc=1.004194"));
}

#[test]
fn a_procedure_not_offered_online_has_no_portal_button() {
    let page = BUILT.page("/thu-tuc/chung-thuc-ban-sao-tu-ban-chinh/");
    let text = visible_text(&page);
    assert!(!text.contains("Bạn sẽ chuyển sang"), "{text}");
    assert!(!text.contains("Nộp hồ sơ trực tuyến"), "{text}");
    assert!(
        !links(&page).iter().any(|l| l.contains("dichvucong.gov.vn")),
        "{:?}",
        links(&page)
    );
    assert!(
        text.contains("Thủ tục này chưa nộp trực tuyến được"),
        "{text}"
    );
}

#[test]
fn documents_show_originals_copies_notes_and_forms() {
    let ket_hon = text_of("/thu-tuc/dang-ky-ket-hon/");
    assert!(
        ket_hon.contains("Tờ khai đăng ký kết hôn 1 bản chính"),
        "{ket_hon}"
    );
    assert!(
        ket_hon.contains("Giấy xác nhận tình trạng hôn nhân 2 bản chính, 3 bản sao"),
        "{ket_hon}"
    );
    assert!(
        ket_hon.contains("Lưu ý: Chỉ cần khi hai bên cư trú ở hai xã khác nhau."),
        "{ket_hon}"
    );

    let khai_sinh = BUILT.page("/thu-tuc/dang-ky-khai-sinh/");
    assert_links_to(&khai_sinh, "/forms/to-khai-dang-ky-khai-sinh.docx");
    assert!(
        visible_text(&khai_sinh).contains("Tải mẫu (DOCX"),
        "{}",
        visible_text(&khai_sinh)
    );
}

#[test]
fn each_case_has_its_own_documents_and_its_own_time_and_fee() {
    let text = text_of("/thu-tuc/dang-ky-khai-sinh/");
    assert_in_order(
        &text,
        &[
            "Hồ sơ cần chuẩn bị",
            "Khai sinh đúng hạn, có Giấy chứng sinh",
            "Tờ khai đăng ký khai sinh 1 bản chính",
            "Giấy chứng sinh 1 bản chính",
            "Khai sinh quá hạn",
            "Văn bản cam đoan về việc sinh 1 bản chính",
            "03 ngày làm việc",
            "Lệ phí: 8.000 đồng",
            "Các bước thực hiện",
        ],
    );
}

#[test]
fn channels_show_time_and_fee_and_the_agency_its_hours() {
    let text = text_of("/thu-tuc/dang-ky-khai-sinh/");
    assert!(
        text.contains("Trực tiếp Ngay trong ngày làm việc Miễn lệ phí"),
        "{text}"
    );
    assert!(
        text.contains("Trực tuyến Ngay trong ngày làm việc Miễn lệ phí"),
        "{text}"
    );
    assert_in_order(
        &text,
        &[
            "Nơi nộp hồ sơ",
            "Ủy ban nhân dân xã An Phú",
            "Số 1 đường Trần Phú, xã An Phú",
            "Thứ Hai đến thứ Sáu: sáng 7:00–11:30",
            "0200 3 861 001",
        ],
    );
    let ban_sao = text_of("/thu-tuc/chung-thuc-ban-sao-tu-ban-chinh/");
    assert!(
        ban_sao.contains("Trực tiếp Trong ngày làm việc 2.000 đồng/trang"),
        "{ban_sao}"
    );
}

#[test]
fn a_procedure_page_describes_itself_as_a_government_service() {
    let ld = json_ld(&BUILT.page("/thu-tuc/dang-ky-khai-sinh/"));
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "GovernmentService");
    assert_eq!(ld["identifier"], "1.001193");
    assert_eq!(ld["name"], "Đăng ký khai sinh");
    assert_eq!(
        ld["url"],
        "https://thutuc.example.gov.vn/thu-tuc/dang-ky-khai-sinh/"
    );
    assert_eq!(ld["provider"]["name"], "Ủy ban nhân dân xã An Phú");
    let channels = ld["availableChannel"].as_array().unwrap();
    assert!(
        channels.iter().any(|c| c["serviceUrl"]
            .as_str()
            .is_some_and(|u| u.ends_with("ma_thu_tuc=1.001193"))),
        "{ld}"
    );

    let offline = json_ld(&BUILT.page("/thu-tuc/chung-thuc-ban-sao-tu-ban-chinh/"));
    assert!(
        offline["availableChannel"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c.get("serviceUrl").is_none()),
        "{offline}"
    );
}

#[test]
fn a_guide_and_the_procedures_it_explains_link_to_each_other() {
    let guide = BUILT.page("/huong-dan/huong-dan-khai-sinh/");
    let text = visible_text(&guide);
    // The shortcode draws a card with the name, online level, time and fee.
    assert_in_order(
        &text,
        &[
            "Bạn có thể làm giấy khai sinh cho con ngay tại nhà.",
            "Đăng ký khai sinh",
            "Trực tuyến toàn trình",
            "Ngay trong ngày làm việc",
            "Miễn lệ phí",
            "Chuẩn bị",
        ],
    );
    assert_links_to(&guide, "/thu-tuc/dang-ky-khai-sinh/");

    let procedure = BUILT.page("/thu-tuc/dang-ky-khai-sinh/");
    assert!(
        visible_text(&procedure)
            .contains("Hướng dẫn liên quan Hướng dẫn đăng ký khai sinh trực tuyến")
    );
    assert_links_to(&procedure, "/huong-dan/huong-dan-khai-sinh/");
}

#[test]
fn a_free_page_is_published_under_its_file_name() {
    let page = BUILT.page("/gioi-thieu/");
    let text = visible_text(&page);
    assert!(
        text.contains("Giới thiệu") && text.contains("Trang này là gì"),
        "{text}"
    );
    assert!(
        page.contains("<strong>không phải</strong>"),
        "Markdown is rendered: {page}"
    );
    // Free pages are linked from every page's footer.
    assert_links_to(&BUILT.page("/"), "/gioi-thieu/");
    assert!(text_of("/404.html").contains("Không tìm thấy trang"));
}

// --- Options --------------------------------------------------------------------------------

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

// --- Old addresses and replaced procedures --------------------------------------------------

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

// --- HTML in Markdown -----------------------------------------------------------------------

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

// --- The theme and the site's own overrides -------------------------------------------------

#[test]
fn a_bundle_template_must_print_the_leaflets_unescaped() {
    let site = Site::new("minimal");
    site.write(
        "templates/leaflet_bundle.html",
        "<!doctype html><title>{{ group.name }}</title><main>{{ body }}</main>",
    );
    site.build()
        .fails()
        .error("must print the leaflets once, with {{ body | safe }}")
        .in_file("templates/leaflet_bundle.html");
}

#[test]
fn site_templates_and_styles_win_over_the_theme() {
    let site = Site::new("minimal");
    site.write(
        "templates/procedure.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ procedure.name }}</h1><p>Mẫu trang thủ tục của xã Thử Nghiệm</p>{% endblock content %}",
    );
    site.write(
        "templates/partials/footer.html",
        "<footer><p>Chân trang riêng của xã Thử Nghiệm</p></footer>",
    );
    let css = "body { color: #1a1a1a; } /* kiểu riêng của xã */\n";
    site.write("static/css/style.css", css);

    site.build().succeeds();

    let procedure = visible_text(&site.page("/thu-tuc/dang-ky-ket-hon/"));
    assert!(
        procedure.contains("Mẫu trang thủ tục của xã Thử Nghiệm"),
        "{procedure}"
    );
    assert!(
        !procedure.contains("Hồ sơ cần chuẩn bị"),
        "the theme's procedure template was used: {procedure}"
    );
    let guide = visible_text(&site.page("/huong-dan/huong-dan-khai-sinh/"));
    assert!(
        guide.contains("Chân trang riêng của xã Thử Nghiệm"),
        "the site's partial is used in theme templates: {guide}"
    );
    assert!(
        guide.contains("Bạn có thể làm giấy khai sinh"),
        "other templates still come from the theme: {guide}"
    );

    let files = site.files("public");
    let style: Vec<(&String, &Vec<u8>)> = files
        .iter()
        .filter(|(f, _)| f.starts_with("assets/css/style."))
        .collect();
    assert_eq!(style.len(), 1, "{:?}", files.keys());
    assert_eq!(
        style[0].1.as_slice(),
        css.as_bytes(),
        "the site's stylesheet is published"
    );
    assert_links_to(&site.page("/"), &format!("/{}", style[0].0));
    assert!(
        files.keys().any(|f| f.starts_with("assets/css/print.")),
        "the theme's other styles remain"
    );
}

// --- `check` and links ----------------------------------------------------------------------

#[test]
fn check_reports_a_broken_internal_link_and_a_missing_anchor() {
    let site = Site::new("minimal");
    site.write(
        "content/guides/lien-ket.md",
        "---\ntitle: Liên kết\nupdated: 2026-01-01\n---\n\nXem [thủ tục cũ](/thu-tuc/khong-co/) và [mục hồ sơ](/huong-dan/huong-dan-khai-sinh/#khong-co-muc).\n\nXem [chuẩn bị](/huong-dan/huong-dan-khai-sinh/#chuan-bi) và [mẫu](/forms/to-khai-dang-ky-khai-sinh.docx).\n",
    );

    let run = site.check();
    run.fails();
    run.error("the link to /thu-tuc/khong-co/ leads nowhere");
    run.error("the anchor #khong-co-muc does not exist");
    assert_eq!(run.counts().0, 2, "the good links pass:\n{}", run.dump());
}

#[test]
fn a_broken_link_is_reported_in_the_file_that_has_it() {
    let site = Site::new("minimal");
    let file = "content/guides/lien-ket.md";
    site.write(
        file,
        "---\ntitle: Liên kết\nupdated: 2026-01-01\n---\n\nXem [thủ tục cũ](/thu-tuc/khong-co/).\n",
    );

    site.check()
        .fails()
        .error("/thu-tuc/khong-co/")
        .at_line(file, 6);
}

// --- Leaflets -------------------------------------------------------------------------------

/// The `<article>` of a leaflet in a page.
fn leaflet_article(html: &str) -> &str {
    let start = html.find("<article").expect("a leaflet article");
    let end = html[start..].find("</article>").expect("a closed article") + start;
    &html[start..end + "</article>".len()]
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
        bundle.contains(leaflet_article(&page)),
        "the bundle prints the leaflet as its own page does"
    );
}

#[test]
fn a_bundle_prints_every_leaflet_of_its_field_or_life_event_in_the_order_of_its_page() {
    let leaflet = |code: &str| leaflet_article(&BUILT.page(&format!("/to-gap/{code}/"))).to_owned();
    let (ket_hon, khai_sinh) = (leaflet("1000894"), leaflet("1001193"));
    assert_in_order(
        &text_of("/linh-vuc/ho-tich/"),
        &["Đăng ký kết hôn", "Đăng ký khai sinh"],
    );
    let field = BUILT.page("/to-gap/linh-vuc/ho-tich/");
    assert_in_order(&field, &[&ket_hon, &khai_sinh]);
    assert_eq!(field.matches("<article").count(), 2, "{field}");
    assert!(
        field.trim_end().ends_with("</html>"),
        "the page goes on after the leaflets: {field}"
    );
    let life_event = BUILT.page("/to-gap/su-kien/sinh-con/");
    assert!(life_event.contains(&khai_sinh), "{life_event}");
    assert_eq!(life_event.matches("<article").count(), 1, "{life_event}");
}

#[test]
fn the_build_counts_html_pages_and_other_files_apart() {
    let site = common::Site::new("minimal");
    let run = site.build();
    run.succeeds();
    let mut files = site.files("public");
    // The marker that says motcua wrote the folder is not part of the site.
    assert!(files.remove(motcua::output::MARKER).is_some());
    let pages = files.keys().filter(|f| f.ends_with(".html")).count();
    let others = files.len() - pages;
    run.stderr_has(&format!("built {pages} pages and {others} files"));
}
