//! `motcua check` and links: every internal link and `#anchor` of the rendered pages must lead
//! somewhere, and a broken one is reported in the file that has it.

mod common;

use common::Site;

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
