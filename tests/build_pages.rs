//! What citizens read on a procedure page (the portal button, documents per case, time, fee,
//! offices, its schema.org description), and on a guide and a free page.

mod common;

use std::sync::LazyLock;

use common::{Site, assert_in_order, assert_links_to, json_ld, links, visible_text};

/// The minimal fixture, built once and only read by the tests below.
static BUILT: LazyLock<Site> = LazyLock::new(|| Site::built("minimal", "build_pages-minimal"));

fn text_of(path: &str) -> String {
    visible_text(&BUILT.page(path))
}

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
