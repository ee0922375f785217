//! Procedures in the shapes of the national database's records (tests/fixtures/real-steps/ over
//! the minimal site): steps that carry their own list markers, a decision with only its number,
//! and a guide whose video shortcode names no title.

mod common;

use std::sync::LazyLock;

use common::html::{parse, selector};
use common::{Diag, Site, copy_dir, visible_text};

const MARKERS: &str = "content/procedures/real/markers.yaml";
const PAGE: &str = "/thu-tuc/cap-the-tu-van-vien-phap-luat/";
const GUIDE: &str = "/huong-dan/video-khong-tieu-de/";

/// The minimal site with the real shapes added.
fn site(name: &str) -> Site {
    let site = Site::shared("minimal", name);
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-steps");
    copy_dir(&fixture, site.root());
    site
}

/// Built once; its build's warnings are kept for the tests that read them.
static BUILT: LazyLock<(Site, Vec<Diag>)> = LazyLock::new(|| {
    let site = site("real_steps-built");
    let run = site.build();
    run.succeeds();
    let warnings = run.warnings();
    (site, warnings)
});

/// The visible text of each step of `css`'s list on a page, and its sub-lists' items.
fn steps(html: &str, css: &str) -> Vec<(String, Vec<String>)> {
    let page = parse(html);
    let item = selector(":scope > li");
    let sub = selector(":scope > ul > li, :scope > ol > li");
    let list = page.select(&selector(css)).next().expect("a list of steps");
    list.select(&item)
        .map(|li| {
            let text = visible_text(&li.html());
            let items = li.select(&sub).map(|s| visible_text(&s.html())).collect();
            (text, items)
        })
        .collect()
}

fn page_steps() -> Vec<(String, Vec<String>)> {
    steps(&BUILT.0.page(PAGE), "#cac-buoc ol.steps, ol.steps")
}

#[test]
fn markers_that_repeat_the_steps_numbering_are_dropped() {
    let s = page_steps();
    assert_eq!(s.len(), 9, "{s:#?}");
    assert_eq!(s[0].0, "Đơn vị cấp cơ sở gửi hồ sơ đến Sở Tư pháp.");
    assert_eq!(s[1].0, "Người đề nghị nhận giấy hẹn.");
    assert_eq!(s[2].0, "Sở Tư pháp xem xét, cấp thẻ.");
    assert_eq!(s[3].0, "Trả kết quả cho người đề nghị.");
    // "Bước 7:" is the record's own words, not a list marker.
    assert_eq!(s[6].0, "Bước 7: Lưu hồ sơ.");
    for (i, (_, items)) in s.iter().enumerate().filter(|(i, _)| *i != 7) {
        assert!(
            items.is_empty(),
            "step {} has a list inside: {items:?}",
            i + 1
        );
    }
}

#[test]
fn a_lone_marker_disappears() {
    let s = page_steps();
    assert_eq!(s[4].0, "Nộp lệ phí.");
    assert!(s[4].1.is_empty(), "an empty bullet: {:?}", s[4].1);
}

#[test]
fn a_label_that_contradicts_the_numbering_stays_as_text_and_is_reported() {
    let s = page_steps();
    assert_eq!(s[5].0, "1. Trường hợp cấp lại: làm như bước 1.");
    assert!(s[5].1.is_empty());
    let (site, warnings) = &*BUILT;
    let line = site.line_of(MARKERS, "1. Trường hợp cấp lại");
    let w = one(warnings, "`1.`");
    w.at_line(MARKERS, line).field("steps[5]").says("step 6");
}

#[test]
fn lines_that_are_a_list_become_a_sub_list_under_the_step() {
    let s = page_steps();
    assert_eq!(
        s[7].1,
        [
            "qua bưu điện;",
            "tại Bộ phận Một cửa;",
            "a) hoặc trên Cổng Dịch vụ công."
        ]
    );
    assert!(
        s[7].0.starts_with("Sở Tư pháp thông báo kết quả:"),
        "{}",
        s[7].0
    );
}

#[test]
fn block_markdown_in_a_step_is_shown_as_text_and_reported() {
    let html = BUILT.0.page(PAGE);
    let page = parse(&html);
    let last = page
        .select(&selector("ol.steps > li"))
        .nth(8)
        .expect("step 9");
    let inner = last.html();
    assert!(
        !inner.contains("<h1") && !inner.contains("<blockquote"),
        "{inner}"
    );
    assert_eq!(
        visible_text(&inner),
        "Nhận kết quả. Cá nhân nhận thẻ. Lưu ý Mang theo giấy hẹn."
    );
    let (_, warnings) = &*BUILT;
    one(warnings, "heading")
        .field("steps[8].text")
        .in_file(MARKERS);
    one(warnings, "block quote")
        .field("steps[8].text")
        .in_file(MARKERS);
}

#[test]
fn check_reports_only_what_had_to_change() {
    let run = site("real_steps-check").check();
    run.succeeds();
    let ours: Vec<_> = run
        .warnings()
        .into_iter()
        .filter(|w| w.file == MARKERS)
        .collect();
    assert_eq!(ours.len(), 3, "{ours:#?}");
}

#[test]
fn the_steps_shortcode_and_the_leaflet_show_the_same_steps() {
    let page = page_steps();
    let guide = steps(&BUILT.0.page(GUIDE), ".from-procedure ol.steps");
    assert_eq!(guide, page);
    let leaflet = steps(&BUILT.0.page("/to-gap/9000001/"), "ol.steps");
    assert_eq!(leaflet, page);
}

#[test]
fn a_decision_with_only_its_number_is_shown_without_a_date() {
    let page = parse(&BUILT.0.page(PAGE));
    let shown: Vec<String> = page
        .select(&selector("dd"))
        .map(|dd| dd.text().collect::<String>())
        .filter(|t| t.contains("1096/QĐ-BTP"))
        .collect();
    assert_eq!(shown, ["1096/QĐ-BTP"]);
    let leaflet = visible_text(&BUILT.0.page("/to-gap/9000001/"));
    assert!(leaflet.contains("1096/QĐ-BTP."), "{leaflet}");
}

#[test]
fn a_video_shortcode_without_a_title_takes_the_guides() {
    let page = parse(&BUILT.0.page(GUIDE));
    let titles: Vec<String> = page
        .select(&selector(".video .video-title"))
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(titles, ["Xem video cấp thẻ tư vấn viên"]);
}

fn one<'a>(warnings: &'a [Diag], text: &str) -> &'a Diag {
    let found: Vec<_> = warnings
        .iter()
        .filter(|w| w.message.contains(text))
        .collect();
    assert_eq!(found.len(), 1, "one warning saying {text:?}: {warnings:#?}");
    found[0]
}
