//! Procedures in the shapes of the national database's real records (tests/fixtures/real-shapes):
//! what their pages, cards and leaflets show about channels, cases, documents and agencies.

mod common;

use std::sync::LazyLock;

use common::{Site, assert_in_order, json_ld, outer_html, visible_text};
use serde_json::Value;

/// Built once and only read below. Real shapes may make the leaflet estimate warn (15 cases), so
/// only errors fail the build here.
static BUILT: LazyLock<Site> = LazyLock::new(|| {
    let site = Site::shared("real-shapes", "build_real_shapes");
    site.build().succeeds();
    site
});

/// 12 channels (4 per method, with notes), 15 cases (the third marked open, the sixth with its
/// own channel), 0/0 items, form-name notes, three agencies.
const TAX: &str =
    "/thu-tuc/thu-tuc-mien-thue-giam-thue-theo-quy-dinh-cua-phap-luat-ve-quan-ly-thue-doi-voi/";
/// A fee of 10.000 đồng online, 20.000 đồng at the counter; a channel note.
const MARRIAGE: &str = "/thu-tuc/dang-ky-ket-hon/";
/// Not offered online: the counter first.
const OFFLINE: &str = "/thu-tuc/dinh-chinh-giay-chung-nhan-quyen-su-dung-dat/";

fn key_facts(path: &str) -> String {
    let page = BUILT.page(path);
    let block = outer_html(&page, "section.key-facts");
    assert_eq!(block.len(), 1, "one key facts block on {path}");
    visible_text(&block[0])
}

#[test]
fn key_facts_come_before_the_checklist_online_first_with_ranges_by_case() {
    let page = BUILT.page(TAX);
    let text = visible_text(&page);
    // The facts, then the summary sentence, then the documents.
    assert_in_order(
        &text,
        &[
            "Mã thủ tục",
            "Trực tuyến 30",
            "Nơi nộp hồ sơ Cục Thuế",
            "Đề nghị cơ quan thuế",
            "Hồ sơ cần chuẩn bị",
        ],
    );
    let facts = key_facts(TAX);
    assert_in_order(
        &facts,
        &["Trực tuyến 30", "Trực tiếp 30", "Qua bưu chính 30"],
    );
    assert!(
        facts.contains("30–45 ngày làm việc, tùy trường hợp"),
        "{facts}"
    );
    // The sixth case's own channel (60 days at the counter) widens the counter's range.
    assert!(
        facts.contains("Trực tiếp 30–60 ngày làm việc, tùy trường hợp"),
        "{facts}"
    );
    // Every channel is free: said once.
    assert_eq!(facts.matches("Miễn phí").count(), 1, "{facts}");
    // No channel's whole text, no description.
    assert!(
        !facts.contains("cơ quan quản lý thuế quyết định"),
        "{facts}"
    );
    assert!(!facts.contains("mô tả kênh"), "{facts}");

    let offline = key_facts(OFFLINE);
    assert_in_order(&offline, &["Trực tiếp", "Qua bưu chính"]);
    assert!(offline.contains("10 ngày làm việc"), "{offline}");
}

#[test]
fn channel_notes_are_on_the_page_only() {
    let page = visible_text(&BUILT.page(TAX));
    assert_eq!(
        page.matches("mô tả kênh dài như trên Cổng").count(),
        12,
        "each of the 12 channels' notes once, in the time and fee table"
    );
    // Filed under M: the leading "Thủ tục" is not what a name is filed under.
    let card_lists = ["/thu-tuc/chu-m/", "/linh-vuc/thue/", "/co-quan/cuc-thue/"];
    for list in card_lists {
        let text = visible_text(&BUILT.page(list));
        assert!(text.contains("Thủ tục miễn thuế"), "{list}: {text}");
        assert!(!text.contains("mô tả kênh"), "{list}: {text}");
        assert!(
            !text.contains("cơ quan quản lý thuế quyết định"),
            "{list}: {text}"
        );
    }
    let leaflet = visible_text(&BUILT.page("/to-gap/1008568/"));
    assert!(!leaflet.contains("mô tả kênh"), "{leaflet}");
    let marriage = BUILT.page("/to-gap/1000894/");
    assert!(!visible_text(&marriage).contains("định danh điện tử mức độ 2"));
}

#[test]
fn cards_and_leaflet_covers_show_each_method() {
    let letter = BUILT.page("/thu-tuc/chu-dd/");
    let card = outer_html(&letter, "li.card")
        .into_iter()
        .find(|c| c.contains("Đăng ký kết hôn"))
        .expect("the marriage card");
    let card = visible_text(&card);
    assert_in_order(
        &card,
        &[
            "Trực tuyến:",
            "Lệ phí: 10.000 đồng/lần đăng ký",
            "Trực tiếp:",
            "Lệ phí: 20.000 đồng/lần đăng ký",
        ],
    );

    let tax = BUILT.page("/to-gap/1008568/");
    let cover = visible_text(&outer_html(&tax, ".cover-text")[0]);
    assert!(
        cover.contains("30–45 ngày làm việc, tùy trường hợp"),
        "{cover}"
    );
    assert!(cover.contains("30–60 ngày làm việc"), "{cover}");
    assert!(
        !cover.contains("cơ quan quản lý thuế quyết định"),
        "{cover}"
    );
}

#[test]
fn a_fee_lower_online_is_said_on_the_page_and_the_leaflet() {
    let facts = key_facts(MARRIAGE);
    assert!(
        facts.contains("Nộp trực tuyến rẻ hơn so với nộp trực tiếp: 10.000 đồng"),
        "{facts}"
    );
    let cover = visible_text(&outer_html(&BUILT.page("/to-gap/1000894/"), ".cover-text")[0]);
    assert!(cover.contains("Nộp trực tuyến rẻ hơn"), "{cover}");
    assert!(cover.contains("10.000 đồng"), "{cover}");
    // Free everywhere: nothing to save.
    assert!(!key_facts(TAX).contains("rẻ hơn"));
}

#[test]
fn each_case_is_a_group_the_marked_one_open() {
    let page = BUILT.page(TAX);
    let cases = outer_html(&page, "details.case");
    assert_eq!(cases.len(), 15);
    let open: Vec<usize> = cases
        .iter()
        .enumerate()
        .filter(|(_, c)| c.starts_with("<details class=\"case\" open"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(open, [2], "only the case marked `open: true`");
    assert!(visible_text(&cases[2]).contains("Trường hợp 3:"));
    // Without a mark, the first case is open.
    let site = Site::new("real-shapes");
    site.edit(
        "content/procedures/thue/mien-giam-thue.yaml",
        "open: true",
        "open: false",
    );
    site.build().succeeds();
    let cases = outer_html(&site.page(TAX), "details.case");
    assert!(cases[0].starts_with("<details class=\"case\" open"));
    assert_eq!(cases.iter().filter(|c| c.contains(" open")).count(), 1);
}

#[test]
fn cases_print_open() {
    let css = BUILT.files("public/assets/css");
    let print = css
        .iter()
        .find(|(name, _)| name.starts_with("print."))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .expect("the print stylesheet");
    assert!(
        print.contains("details::details-content") && print.contains("content-visibility: visible"),
        "{print}"
    );
}

#[test]
fn items_with_neither_originals_nor_copies_are_notes() {
    let page = BUILT.page(TAX);
    let first = &outer_html(&page, "details.case")[0];
    let items = outer_html(first, ".checklist li");
    assert_eq!(items.len(), 3);
    let note = &items[1];
    assert!(note.contains("Trường hợp trực tiếp nộp hồ sơ"), "{note}");
    assert!(!note.contains("checkbox"), "{note}");
    assert!(!note.contains("class=\"copies\""), "{note}");
    // The other two are things to bring.
    assert!(items[0].contains("checkbox") && items[2].contains("1 bản sao"));
    assert_eq!(outer_html(&page, "input[type=checkbox]").len(), 30);
}

#[test]
fn a_note_naming_an_upstream_form_shows_the_form() {
    let text = visible_text(&BUILT.page(TAX));
    assert!(!text.contains("Lưu ý: Mẫu đơn, tờ khai"), "{text}");
    assert!(text.contains("Mẫu đơn, tờ khai: Mẫu số 09 (DOCX"), "{text}");
    let marriage = visible_text(&BUILT.page(MARRIAGE));
    assert!(
        marriage.contains("Mẫu đơn, tờ khai: Mau57 (DOCX"),
        "{marriage}"
    );
    // A note that is not a file name stays a note.
    assert!(marriage.contains("Lưu ý: Chỉ cần khi không đăng ký thường trú"));
    // The leaflet leaves notes to the page, so no note reaches it in either form.
    let leaflet = visible_text(&BUILT.page("/to-gap/1000894/"));
    assert!(!leaflet.contains("Mau57"), "{leaflet}");
    assert!(!leaflet.contains("Lưu ý:"), "{leaflet}");
}

#[test]
fn several_agencies_are_each_where_to_go() {
    let page = BUILT.page(TAX);
    let where_ = visible_text(&outer_html(&page, "#noi-nop")[0]);
    assert_in_order(
        &where_,
        &[
            "Cục Thuế tỉnh Thử Nghiệm",
            "Số 9 đường Hùng Vương",
            "Công an tỉnh Thử Nghiệm",
            "0200 3 822 000",
            "Công an cấp xã",
            "Trụ sở Công an xã nơi cư trú",
        ],
    );
    for agency in ["cuc-thue", "cong-an-tinh", "cong-an-xa"] {
        let list = visible_text(&BUILT.page(&format!("/co-quan/{agency}/")));
        assert!(list.contains("Thủ tục miễn thuế"), "{agency}: {list}");
    }
    let ld = json_ld(&page);
    let providers = ld["provider"].as_array().expect("a list of providers");
    assert_eq!(providers.len(), 3);
    assert_eq!(providers[1]["name"], "Công an tỉnh Thử Nghiệm");

    let catalog: Value = serde_json::from_str(&BUILT.read("public/catalog.json")).unwrap();
    let tax = catalog["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "1.008568")
        .unwrap();
    assert_eq!(
        tax["agency"],
        serde_json::json!(["cuc-thue", "cong-an-tinh", "cong-an-xa"])
    );
    let csv = BUILT.read("public/catalog.csv");
    assert!(csv.contains("cuc-thue;cong-an-tinh;cong-an-xa"), "{csv}");

    let leaflet = visible_text(&BUILT.page("/to-gap/1008568/"));
    assert!(
        leaflet.contains("Hoặc nộp tại: Công an tỉnh Thử Nghiệm; Công an cấp xã"),
        "{leaflet}"
    );
}

#[test]
fn each_agency_of_a_list_must_exist() {
    let site = Site::new("real-shapes");
    let file = "content/procedures/thue/mien-giam-thue.yaml";
    site.edit(file, "- cong-an-tinh", "- cong-an-tinhh");
    let line = site.line_of(file, "cong-an-tinhh");
    site.check()
        .fails()
        .error("there is no agency with the id `cong-an-tinhh`")
        .at_line(file, line)
        .field("agency[1]")
        .help("did you mean `cong-an-tinh`?");
}
