//! The media type of each kind of file a site publishes, for the preview server and the local
//! server that prints leaflets.

use std::path::Path;

/// The media type of a published file, by its extension, from `mime_guess`'s table.
pub fn content_type(path: &Path) -> &'static str {
    let guessed = mime_guess::from_path(path).first_raw();
    // The table names text without its charset, and everything the site writes is UTF-8;
    // JavaScript has one current name (RFC 9239), which the table gives `.js` but not `.mjs`;
    // and feeds and sitemaps were always served as application/xml.
    match guessed.unwrap_or("application/octet-stream") {
        "text/html" => "text/html; charset=utf-8",
        "text/css" => "text/css; charset=utf-8",
        "text/javascript" | "application/javascript" => "text/javascript; charset=utf-8",
        "text/plain" => "text/plain; charset=utf-8",
        "text/csv" => "text/csv; charset=utf-8",
        "text/vtt" => "text/vtt; charset=utf-8",
        "text/xml" => "application/xml",
        other => other,
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
        assert_eq!(of("sitemap.xml"), "application/xml");
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
