//! Raw HTML and unsafe links in a procedure's inline Markdown (steps, document notes, FAQ
//! answers) are dropped like those in guides, and each drop is reported at its field's line.

mod common;

use common::Site;

const FILE: &str = "content/procedures/chung-thuc/chung-thuc-ban-sao.yaml";

fn site_with_html_in_a_procedure() -> Site {
    let site = Site::new("minimal");
    site.edit(
        FILE,
        "  - Xuất trình bản chính và bản sao cần chứng thực.",
        "  - Xuất trình <b onclick=\"x()\">bản chính</b> và bản sao.\n  - title: Nhận kết quả\n    text: \"Xem [cổng](javascript:alert(1))\"",
    );
    site.edit(
        FILE,
        "    copies: 1",
        "    copies: 1\n    note: \"Mang <script>alert(1)</script> theo\"",
    );
    site.append(
        FILE,
        "faq:\n  - q: Có mất phí không?\n    a: |\n      Có.\n\n      <div>2.000 đồng</div>\n",
    );
    site
}

#[test]
fn every_dropped_piece_of_a_procedure_is_a_warning_at_its_field() {
    let site = site_with_html_in_a_procedure();
    let run = site.build();
    run.succeeds();
    let raw = |field: &str| {
        run.warnings()
            .into_iter()
            .find(|w| w.field.as_deref() == Some(field))
            .unwrap_or_else(|| panic!("no warning for `{field}`\n{}", run.stderr))
    };
    let step = raw("steps[0]");
    step.says("raw HTML in Markdown was dropped")
        .at_line(FILE, site.line_of(FILE, "<b onclick"))
        .help("allow_html");
    raw("steps[1].text")
        .says("a link with an unsafe address was made plain text")
        .at_line(FILE, site.line_of(FILE, "javascript:"));
    raw("documents[0].note")
        .says("raw HTML in Markdown was dropped")
        .at_line(FILE, site.line_of(FILE, "<script>"));
    raw("faq[0].a").says("raw HTML in Markdown was dropped");

    let page = site.page("/thu-tuc/chung-thuc-ban-sao-tu-ban-chinh/");
    for bad in ["<script>alert", "onclick", "javascript:", "<div>2.000"] {
        assert!(!page.contains(bad), "{bad} reached the page");
    }
}

#[test]
fn check_reports_them_too_and_allowed_tags_are_not_reported() {
    let site = site_with_html_in_a_procedure();
    site.append("site.toml", "\n[markdown]\nallow_html = [\"b\"]\n");
    let run = site.check();
    run.succeeds();
    let fields: Vec<String> = run
        .warnings()
        .iter()
        .filter(|w| w.message.contains("raw HTML"))
        .map(|w| w.field.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        fields,
        ["steps[0]", "documents[0].note", "faq[0].a"],
        "`<b>` is allowed, but not its onclick; script and div are not:\n{}",
        run.stderr
    );
}
