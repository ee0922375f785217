//! The media type of each kind of file a site publishes, for the preview server and the local
//! server that prints leaflets.

use std::path::Path;

/// The media type of a published file, by its extension (`mime_guess`'s table). Text is said to
/// be UTF-8, as everything the site writes is, and JavaScript has its one current name
/// (`text/javascript`, RFC 9239), which the table gives `.js` but not `.mjs`.
pub fn content_type(path: &Path) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    match mime.essence_str() {
        "application/javascript" => "text/javascript; charset=utf-8".to_owned(),
        text if mime.type_() == mime_guess::mime::TEXT => format!("{text}; charset=utf-8"),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_styles_and_scripts_are_utf_8_text_and_files_keep_their_types() {
        let of = |name: &str| content_type(Path::new(name));
        assert_eq!(of("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(of("site.css"), "text/css; charset=utf-8");
        assert_eq!(of("search.js"), "text/javascript; charset=utf-8");
        assert_eq!(of("worker.mjs"), "text/javascript; charset=utf-8");
        assert_eq!(of("catalog.csv"), "text/csv; charset=utf-8");
        assert_eq!(of("captions.vi.vtt"), "text/vtt; charset=utf-8");
        assert_eq!(of("catalog.json"), "application/json");
        assert_eq!(of("logo.svg"), "image/svg+xml");
        assert_eq!(of("poster.jpg"), "image/jpeg");
        assert_eq!(of("font.woff2"), "font/woff2");
        assert_eq!(of("video.mp4"), "video/mp4");
        assert_eq!(of("form.pdf"), "application/pdf");
        assert_eq!(
            of("to-khai.docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert_eq!(of("tim-kiem/x/0.bin"), "application/octet-stream");
        assert_eq!(of("no-extension"), "application/octet-stream");
    }
}
