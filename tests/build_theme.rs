//! The theme and the site's own overrides: a site's templates, partials and styles win over the
//! theme's, file by file; a bundle template must print its leaflets unescaped.

mod common;

use common::{Site, assert_links_to, visible_text};

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
