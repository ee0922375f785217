//! The site's language and the theme's wording reach what the build prints, not Vietnamese
//! written into the code: the language of JSON-LD and video tracks, the decimal separator of file
//! sizes, and the words the leaflet estimate counts.

mod common;

use common::{Site, attribute_values, json_ld};

const PROCEDURE: &str = "/thu-tuc/dang-ky-khai-sinh/";
const STRINGS: &str = "themes/default/strings.toml";

/// A guide whose self-hosted video has captions, so its page has a VideoObject and tracks.
const VIDEO_GUIDE: &str = r#"---
title: Video
procedures: ["1.001193"]
video:
  file: media/khai-sinh.mp4
  captions: media/khai-sinh.vtt
  title: Khai sinh
updated: 2026-03-05
---

Xem video.
"#;

#[test]
fn the_site_language_reaches_json_ld_and_video_tracks() {
    let site = Site::new("minimal");
    site.edit("site.toml", "language = \"vi\"", "language = \"en\"");
    site.write("content/media/khai-sinh.mp4", b"not really a video");
    site.write("content/media/khai-sinh.vtt", "WEBVTT\n");
    site.write("content/guides/video.md", VIDEO_GUIDE);
    site.build().succeeds();

    let guide = site.page("/huong-dan/video/");
    assert_eq!(json_ld(&guide)["inLanguage"], "en", "{guide}");
    assert_eq!(attribute_values(&guide, "srclang"), ["en"], "{guide}");

    let online = site.page("/thu-tuc/dang-ky-thuong-tru/");
    let channels = &json_ld(&online)["availableChannel"];
    assert_eq!(channels[0]["availableLanguage"], "en", "{online}");
}

#[test]
fn file_sizes_are_written_with_the_themes_decimal_separator() {
    let site = Site::new("minimal");
    site.write(
        "content/forms/to-khai-dang-ky-khai-sinh.docx",
        vec![0u8; 1_300_000],
    );
    site.build().succeeds();
    assert!(site.page(PROCEDURE).contains("1,2 MB"));

    site.edit(
        STRINGS,
        "decimal_separator = \",\"",
        "decimal_separator = \".\"",
    );
    site.build().succeeds();
    let page = site.page(PROCEDURE);
    assert!(page.contains("1.2 MB"), "{page}");
}

#[test]
fn the_leaflet_estimate_counts_the_themes_words() {
    let site = Site::new("minimal");
    let sheets = |site: &Site| {
        let list = site.run(&["leaflets"]);
        list.succeeds();
        let line = list
            .stdout
            .lines()
            .find(|l| l.starts_with("1.001193\t"))
            .map(str::to_owned);
        line.unwrap_or_else(|| panic!("no leaflet of 1.001193 in:\n{}", list.stdout))
    };
    let before = sheets(&site);
    assert!(before.contains("\t1 sheet(s), Normal text"), "{before}");
    // A theme that writes "originals" in many words prints each document's counts on lines of
    // their own.
    let wordy = format!(
        "originals = \"{}\"",
        "bản gốc có chữ ký và đóng dấu ".repeat(100)
    );
    site.edit(STRINGS, "originals = \"bản chính\"", &wordy);
    let after = sheets(&site);
    assert!(!after.contains("\t1 sheet(s), Normal text"), "{after}");
}
