//! Guides and their videos: shortcodes that draw catalog data and callout boxes, the YouTube
//! facade and the self-hosted player, posters and chapter tracks made at build time, VideoObject
//! JSON-LD, videos on procedure pages, the printable guide, and every mistake an editor can make
//! with them, reported at its file, line and field.

mod common;

use std::sync::LazyLock;

use common::minimal::*;
use common::{Site, assert_in_order, assert_links_to, attribute_values, json_ld, visible_text};

const YOUTUBE_GUIDE: &str = "content/guides/video-khai-sinh.md";
const HOSTED_GUIDE: &str = "content/guides/tai-khoan.md";
const YOUTUBE_ID: &str = "Q3kVp7Lm2Xa";

/// A guide with a YouTube video and chapters, explaining the birth registration.
const YOUTUBE: &str = r#"---
title: Khai sinh trực tuyến, có video
summary: Xem video rồi làm theo.
procedures: ["1.001193"]
video:
  youtube: "Q3kVp7Lm2Xa"
  title: Khai sinh trên Cổng Dịch vụ công
  duration: "5:40"
  chapters:
    - { at: "0:00", title: Giới thiệu }
    - { at: "0:35", title: Đăng nhập bằng VNeID }
    - { at: "2:10", title: Khai tờ khai }
updated: 2026-03-05
---

Làm theo video ở trên.

{{ callout(kind="canh-bao", title="Đừng đọc mã OTP") }}
Cán bộ **không bao giờ** hỏi mã OTP.
{{ end }}

## Giấy tờ

{{ documents(code="1.001193") }}

## Các bước

{{ steps(code="1.001193") }}

Xem [thủ tục](/thu-tuc/dang-ky-khai-sinh/).
"#;

/// A guide with a self-hosted video, its captions and a poster.
const HOSTED: &str = r#"---
title: Tạo tài khoản VNeID
video:
  file: media/tai-khoan.mp4
  captions: media/tai-khoan.vi.vtt
  poster: media/tai-khoan.jpg
  duration: "3:20"
  chapters:
    - at: "0:00"
      title: VNeID là gì
    - at: "0:40"
      title: Kích hoạt tài khoản
    - at: "1:30"
      title: Đăng nhập & bảo mật
updated: 2026-02-01
---

Tài khoản VNeID dùng để nộp hồ sơ trực tuyến.
"#;

const CAPTIONS: &str = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:05.000\nXin chào!\n";

/// The minimal site with both guides and their media.
fn with_videos(site: &Site) -> &Site {
    site.write(YOUTUBE_GUIDE, YOUTUBE)
        .write(HOSTED_GUIDE, HOSTED)
        .write("content/media/tai-khoan.mp4", b"\0\0\0\x18ftypmp42")
        .write("content/media/tai-khoan.vi.vtt", CAPTIONS)
        .write("content/media/tai-khoan.jpg", b"\xff\xd8\xff\xe0 poster")
}

static BUILT: LazyLock<Site> = LazyLock::new(|| {
    let site = Site::shared("minimal", "cli_guides-videos");
    with_videos(&site);
    let run = site.build();
    run.succeeds();
    assert_eq!(run.counts(), (0, 0), "builds cleanly:\n{}", run.dump());
    site
});

fn guide(slug: &str) -> String {
    BUILT.page(&format!("/huong-dan/{slug}/"))
}

/// The published files under public/assets/video/ whose names start with `prefix`.
fn generated(prefix: &str) -> Vec<(String, String)> {
    BUILT
        .files("public/assets/video")
        .into_iter()
        .filter(|(name, _)| name.starts_with(prefix))
        .map(|(name, bytes)| (name, String::from_utf8(bytes).unwrap()))
        .collect()
}

/// Every `<name …>` tag of the page, as written.
fn tags<'h>(html: &'h str, name: &str) -> Vec<&'h str> {
    let open = format!("<{name} ");
    html.match_indices(&open)
        .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap_or(0) + 1])
        .collect()
}

// --- The YouTube facade ---------------------------------------------------------------------

#[test]
fn a_youtube_video_is_a_poster_from_the_site_a_play_button_and_a_plain_link() {
    let html = guide("video-khai-sinh");
    // Nothing on the page loads from another host: no image, frame or script source.
    let sources = attribute_values(&html, "src");
    assert!(
        sources.iter().all(|s| s.starts_with('/')),
        "every src is on the site: {sources:?}"
    );
    assert!(!html.contains("<iframe"), "no player before play");
    // The player comes from the privacy-enhanced host, and only the script puts it in.
    let embed = format!("https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}");
    assert!(
        attribute_values(&html, "data-youtube").contains(&embed),
        "{html}"
    );
    let text = visible_text(&html);
    assert!(
        text.contains("Phát video: Khai sinh trên Cổng Dịch vụ công"),
        "the button is named after the video: {text}"
    );
    let button = tags(&html, "button");
    assert!(
        button.len() == 1 && button[0].contains(" hidden"),
        "the button waits, hidden, for the script: {button:?}"
    );
    let script = attribute_values(&html, "src")
        .into_iter()
        .find(|s| s.starts_with("/assets/js/video."));
    assert!(script.is_some(), "the page loads the player script");
    // Without JavaScript: a link to the video on YouTube.
    assert_links_to(
        &html,
        &format!("https://www.youtube.com/watch?v={YOUTUBE_ID}"),
    );
}

#[test]
fn a_video_without_a_poster_gets_one_drawn_with_its_title() {
    let html = guide("video-khai-sinh");
    let posters = generated("khai-sinh-tren-cong-dich-vu-cong.");
    assert_eq!(posters.len(), 1, "one generated poster: {posters:?}");
    let (name, svg) = &posters[0];
    assert!(name.ends_with(".svg"), "{name}");
    assert!(svg.trim_start().starts_with("<svg"), "{svg}");
    assert!(svg.contains(">Khai sinh trên Cổng Dịch vụ công<"), "{svg}");
    let src = format!("/assets/video/{name}");
    assert!(attribute_values(&html, "src").contains(&src), "{html}");
    // Pages without a video do not load the player script.
    assert!(!BUILT.page("/gioi-thieu/").contains("/assets/js/video."));
}

#[test]
fn chapters_of_a_youtube_video_link_to_their_moment() {
    let html = guide("video-khai-sinh");
    assert_links_to(
        &html,
        &format!("https://www.youtube.com/watch?v={YOUTUBE_ID}&t=35s"),
    );
    let text = visible_text(&html);
    assert_in_order(
        &text,
        &[
            "Các đoạn trong video",
            "0:00 Giới thiệu",
            "0:35 Đăng nhập bằng VNeID",
            "2:10 Khai tờ khai",
        ],
    );
    assert!(attribute_values(&html, "data-seek").contains(&"130".to_owned()));
}

#[test]
fn a_guide_video_is_described_as_a_video_object_with_its_chapters_as_clips() {
    let ld = json_ld(&guide("video-khai-sinh"));
    let page = "https://thutuc.example.gov.vn/huong-dan/video-khai-sinh/";
    assert_eq!(ld["@type"], "VideoObject");
    assert_eq!(ld["name"], "Khai sinh trên Cổng Dịch vụ công");
    assert_eq!(ld["description"], "Xem video rồi làm theo.");
    assert_eq!(ld["uploadDate"], "2026-03-05");
    assert_eq!(ld["duration"], "PT5M40S");
    assert_eq!(
        ld["embedUrl"],
        format!("https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}")
    );
    let thumbnail = ld["thumbnailUrl"].as_str().unwrap();
    assert!(
        thumbnail.starts_with("https://thutuc.example.gov.vn/assets/video/"),
        "{thumbnail}"
    );
    let clips = ld["hasPart"].as_array().unwrap();
    assert_eq!(clips.len(), 3);
    assert_eq!(clips[1]["@type"], "Clip");
    assert_eq!(clips[1]["name"], "Đăng nhập bằng VNeID");
    assert_eq!(clips[1]["startOffset"], 35);
    assert_eq!(clips[1]["endOffset"], 130);
    assert_eq!(
        clips[2]["endOffset"], 340,
        "the last clip ends with the video"
    );
    assert_eq!(clips[1]["url"], format!("{page}#t=35"));
}

// --- The self-hosted player -----------------------------------------------------------------

#[test]
fn a_self_hosted_video_has_its_captions_and_a_chapters_track() {
    let html = guide("tai-khoan");
    assert!(html.contains("preload=none"), "{html}");
    assert!(
        attribute_values(&html, "poster").contains(&"/media/tai-khoan.jpg".to_owned()),
        "the editor's poster is used"
    );
    let tracks = tags(&html, "track");
    let captions = tracks.iter().find(|t| t.contains("kind=captions"));
    let captions = captions.unwrap_or_else(|| panic!("a captions track among {tracks:?}"));
    for part in [
        "src=/media/tai-khoan.vi.vtt",
        "srclang=vi",
        " default",
        "Tiếng Việt",
    ] {
        assert!(captions.contains(part), "{part} in {captions}");
    }
    let files = generated("tai-khoan.chapters.");
    assert_eq!(files.len(), 1, "{files:?}");
    let (name, vtt) = &files[0];
    assert!(name.ends_with(".vtt"));
    assert_eq!(
        vtt,
        "WEBVTT\n\n\
         1\n00:00:00.000 --> 00:00:40.000\nVNeID là gì\n\n\
         2\n00:00:40.000 --> 00:01:30.000\nKích hoạt tài khoản\n\n\
         3\n00:01:30.000 --> 00:03:20.000\nĐăng nhập &amp; bảo mật\n"
    );
    let chapters = tracks.iter().find(|t| t.contains("kind=chapters")).unwrap();
    assert!(
        chapters.contains(&format!("src=/assets/video/{name}")),
        "{chapters}"
    );
    // Chapter links seek the video with the script, and open the file at the moment without it.
    assert_links_to(&html, "/media/tai-khoan.mp4#t=40");
    let ld = json_ld(&html);
    assert_eq!(
        ld["contentUrl"],
        "https://thutuc.example.gov.vn/media/tai-khoan.mp4"
    );
    assert_eq!(
        ld["name"], "Tạo tài khoản VNeID",
        "untitled, it takes the guide's title"
    );
}

#[test]
fn the_open_data_lists_each_guide_video() {
    let catalog: serde_json::Value =
        serde_json::from_str(&BUILT.read("public/catalog.json")).unwrap();
    let guides = catalog["guides"].as_array().unwrap();
    let hosted = guides
        .iter()
        .find(|g| g["title"] == "Tạo tài khoản VNeID")
        .unwrap();
    let video = &hosted["video"];
    assert_eq!(
        video["file"],
        "https://thutuc.example.gov.vn/media/tai-khoan.mp4"
    );
    assert_eq!(video["duration_seconds"], 200);
    assert_eq!(video["chapters"][1]["seconds"], 40);
    assert_eq!(
        hosted["print_url"],
        "https://thutuc.example.gov.vn/huong-dan/tai-khoan/in/"
    );
    let plain = guides
        .iter()
        .find(|g| g["title"] == "Hướng dẫn đăng ký khai sinh trực tuyến")
        .unwrap();
    assert!(plain["video"].is_null());
}

// --- Shortcodes -----------------------------------------------------------------------------

#[test]
fn a_callout_wraps_its_text_in_a_box_of_its_kind() {
    let html = guide("video-khai-sinh");
    assert!(
        html.contains("<div class=\"callout callout-canh-bao\" role=note>"),
        "{html}"
    );
    let text = visible_text(&html);
    assert!(
        text.contains("Cảnh báo Đừng đọc mã OTP Cán bộ không bao giờ hỏi mã OTP."),
        "{text}"
    );
    assert!(
        html.contains("<strong>không bao giờ</strong>"),
        "Markdown inside the box"
    );
}

#[test]
fn a_heading_inside_a_callout_never_takes_an_id_of_the_page() {
    let site = Site::new("minimal");
    site.edit(
        GUIDE,
        "## Chuẩn bị",
        "{{ callout(kind=\"luu-y\") }}\n## Chuẩn bị\nMang bản chính.\n{{ end }}\n\n## Chuẩn bị",
    );
    site.build().succeeds();

    let html = site.page("/huong-dan/huong-dan-khai-sinh/");
    let ids = attribute_values(&html, "id");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");
    assert!(ids.contains(&"chuan-bi-2".to_owned()), "{ids:?}");
}

#[test]
fn steps_and_documents_shortcodes_draw_what_the_procedure_page_shows() {
    let guide = visible_text(&guide("video-khai-sinh"));
    let procedure = visible_text(&BUILT.page("/thu-tuc/dang-ky-khai-sinh/"));
    for part in [
        "Khai sinh đúng hạn, có Giấy chứng sinh Tờ khai đăng ký khai sinh 1 bản chính",
        "Khai sinh quá hạn Văn bản cam đoan về việc sinh 1 bản chính",
        "Nộp hồ sơ. Nộp tại Bộ phận Một cửa hoặc trực tuyến bằng tài khoản VNeID",
        "Nhận Giấy khai sinh.",
    ] {
        assert!(
            procedure.contains(part),
            "the procedure page shows {part:?}"
        );
        assert!(guide.contains(part), "the guide shows {part:?}: {guide}");
    }
    assert!(guide.contains("Hồ sơ cần chuẩn bị cho thủ tục Đăng ký khai sinh"));
    // The guide's checklist has its own ids, apart from any other on the page.
    let html = self::guide("video-khai-sinh");
    let ids = attribute_values(&html, "id");
    assert!(ids.iter().any(|i| i.ends_with("-case1-1")), "{ids:?}");
}

// --- Procedure pages and the printable guide ------------------------------------------------

#[test]
fn a_procedure_page_shows_the_videos_of_its_guides() {
    let html = BUILT.page("/thu-tuc/dang-ky-khai-sinh/");
    let text = visible_text(&html);
    assert_in_order(
        &text,
        &[
            "Video hướng dẫn",
            "Khai sinh trực tuyến, có video",
            "Khai sinh trên Cổng Dịch vụ công",
            "Xem video trên YouTube",
        ],
    );
    assert!(
        attribute_values(&html, "data-youtube")
            .iter()
            .any(|u| u.ends_with(YOUTUBE_ID))
    );
    assert_links_to(&html, "/huong-dan/video-khai-sinh/");
    assert!(
        html.contains("/assets/js/video."),
        "the page loads the player script"
    );
}

#[test]
fn each_guide_has_a_printable_version_of_the_whole() {
    let html = BUILT.page("/huong-dan/video-khai-sinh/in/");
    assert_links_to(&guide("video-khai-sinh"), "/huong-dan/video-khai-sinh/in/");
    assert!(
        html.contains("<meta content=noindex name=robots>"),
        "{html}"
    );
    assert!(
        attribute_values(&html, "href")
            .contains(&"https://thutuc.example.gov.vn/huong-dan/video-khai-sinh/".to_owned()),
        "the canonical address is the guide's"
    );
    let text = visible_text(&html);
    assert_in_order(
        &text,
        &[
            "Khai sinh trực tuyến, có video",
            "Video hướng dẫn",
            &format!("https://www.youtube.com/watch?v={YOUTUBE_ID}"),
            "0:35 Đăng nhập bằng VNeID",
            "Làm theo video ở trên.",
            // The procedure the guide explains, on paper: time, fee and where to go.
            "Đăng ký khai sinh",
            "Mã thủ tục: 1.001193",
            "Thời hạn giải quyết",
            "Nơi nộp hồ sơ",
        ],
    );
    // Links of the text are written out in full for paper; no player is on the page.
    assert_links_to(
        &html,
        "https://thutuc.example.gov.vn/thu-tuc/dang-ky-khai-sinh/",
    );
    assert!(!html.contains("/assets/js/video."));
    // The documents and steps the text already shows are not printed twice.
    assert_eq!(text.matches("Văn bản cam đoan về việc sinh").count(), 1);
    // A guide without a video has one too.
    let plain = visible_text(&BUILT.page("/huong-dan/huong-dan-khai-sinh/in/"));
    assert!(plain.contains("Văn bản cam đoan về việc sinh"), "{plain}");
}

// --- Mistakes -------------------------------------------------------------------------------

#[test]
fn a_steps_or_documents_shortcode_naming_an_unknown_code_is_an_error_at_its_line() {
    let site = Site::new("minimal");
    site.append(
        GUIDE,
        "\n{{ steps(code=\"1.001139\") }}\n\nvà\n\n{{ documents(code=\"9.999999\") }}\n",
    );

    let run = site.check();
    run.fails();
    run.error("no procedure has the code `1.001139`")
        .at(GUIDE, site.line_of(GUIDE, "steps("), 1)
        .hints("did you mean `1.001193`?");
    run.error("no procedure has the code `9.999999`")
        .at_line(GUIDE, site.line_of(GUIDE, "documents("));
}

#[test]
fn an_unclosed_callout_is_an_error_where_it_opens() {
    let site = Site::new("minimal");
    site.edit(
        GUIDE,
        "## Chuẩn bị",
        "## Chuẩn bị\n\nXem kỹ: {{ callout(kind=\"luu-y\") }}\nHộp chưa đóng.\n\n{{ steps(code=\"9.999999\") }}",
    );

    let run = site.check();
    run.fails();
    run.error("the `callout` opened here is not closed with `{{ end }}`")
        .at(GUIDE, site.line_of(GUIDE, "callout("), 9)
        .help("{{ end }}");
    // The rest of the file is still checked in the same run.
    run.error("no procedure has the code `9.999999`")
        .at_line(GUIDE, site.line_of(GUIDE, "steps("));
}

#[test]
fn an_end_with_nothing_open_is_an_error() {
    let site = Site::new("minimal");
    site.append(GUIDE, "\nHết.\n{{ end }}\n");

    site.check().fails().error("`{{ end }}` closes nothing").at(
        GUIDE,
        site.line_of(GUIDE, "{{ end }}"),
        1,
    );
}

#[test]
fn chapters_out_of_order_or_past_the_end_are_errors_at_their_field() {
    let site = Site::new("minimal");
    with_videos(&site);
    site.edit(HOSTED_GUIDE, "at: \"1:30\"", "at: \"0:30\"");
    site.edit(HOSTED_GUIDE, "duration: \"3:20\"", "duration: \"0:35\"");

    let run = site.check();
    run.fails();
    run.error("does not come after the chapter before it (`0:40`)")
        .at(HOSTED_GUIDE, site.line_of(HOSTED_GUIDE, "at: \"0:30\""), 11)
        .field("video.chapters[2].at");
    run.error("`0:40` is not before the end of the video")
        .at_line(HOSTED_GUIDE, site.line_of(HOSTED_GUIDE, "at: \"0:40\""))
        .field("video.chapters[1].at");
    assert_eq!(run.counts().0, 2, "{}", run.dump());
}

#[test]
fn chapters_need_the_duration_and_times_need_real_seconds() {
    let site = Site::new("minimal");
    with_videos(&site);
    site.edit(YOUTUBE_GUIDE, "  duration: \"5:40\"\n", "");
    site.edit(HOSTED_GUIDE, "at: \"0:40\"", "at: \"0:75\"");

    let run = site.check();
    run.fails();
    run.error("chapters need the video's `duration`")
        .in_file(YOUTUBE_GUIDE)
        .field("video.chapters");
    run.error("`0:75` is not a time")
        .at_line(HOSTED_GUIDE, site.line_of(HOSTED_GUIDE, "0:75"))
        .field("video.chapters[1].at");
}

#[test]
fn a_video_with_both_youtube_and_a_file_is_an_error() {
    let site = Site::new("minimal");
    with_videos(&site);
    site.edit(
        HOSTED_GUIDE,
        "  file: media/tai-khoan.mp4",
        "  youtube: \"Q3kVp7Lm2Xa\"\n  file: media/tai-khoan.mp4",
    );

    let run = site.check();
    run.fails();
    run.error("either `youtube` or `file`, not both")
        .at(HOSTED_GUIDE, site.line_of(HOSTED_GUIDE, "file: media"), 9)
        .field("video.file");
}

#[test]
fn a_missing_or_wrong_captions_file_is_an_error_at_its_field() {
    let site = Site::new("minimal");
    with_videos(&site);
    site.edit(HOSTED_GUIDE, "tai-khoan.vi.vtt", "tai-khoan.vtt");

    let run = site.check();
    run.fails();
    run.error("there is no file content/media/tai-khoan.vtt")
        .at(HOSTED_GUIDE, site.line_of(HOSTED_GUIDE, "captions:"), 13)
        .field("video.captions")
        .hints("did you mean `media/tai-khoan.vi.vtt`?");

    site.edit(HOSTED_GUIDE, "tai-khoan.vtt", "tai-khoan.vi.vtt");
    site.write(
        "content/media/tai-khoan.vi.vtt",
        "1\n00:00.000 --> 00:05.000\nXin chào\n",
    );
    site.check()
        .fails()
        .error("is not WebVTT: its first line must be `WEBVTT`")
        .field("video.captions");
}

#[test]
fn shortcode_mistakes_are_each_reported_in_one_run() {
    let site = Site::new("minimal");
    site.append(
        GUIDE,
        concat!(
            "\n{{ procedure(cod=\"1.001193\") }}\n",
            "{{ callout(kind=\"canhbao\") }}\nChú ý.\n{{ end }}\n",
            "{{ video(youtube=\"Q3kVp7Lm2Xa\", titel=\"Sai tên\") }}\n",
            "{{ video(file=\"media/khong-co.mp4\", title=\"Thiếu tệp\") }}\n",
            "{{ bang(code=\"1.001193\") }}\n",
        ),
    );

    let run = site.check();
    run.fails();
    run.error("`procedure` takes no `cod`; did you mean `code`?")
        .at_line(GUIDE, site.line_of(GUIDE, "cod="));
    run.error("`canhbao` is not a kind of callout; did you mean `canh-bao`?")
        .at_line(GUIDE, site.line_of(GUIDE, "canhbao"));
    run.error("`video` takes no `titel`; did you mean `title`?")
        .at_line(GUIDE, site.line_of(GUIDE, "titel="));
    run.error("there is no file content/media/khong-co.mp4")
        .at_line(GUIDE, site.line_of(GUIDE, "khong-co"))
        .field("file");
    run.error("unknown shortcode `bang`")
        .at_line(GUIDE, site.line_of(GUIDE, "bang("));
}
