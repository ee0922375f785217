//! Stage 2: cross-checks over everything loaded — references, uniqueness, addresses, dates.
//!
//! Nothing here stops early: each rule pushes every problem it finds into `Diagnostics`.

mod guides;
pub mod markdown;
mod paths;
mod procedures;
mod refs;
mod shortcodes;
pub mod steps;
mod video;

use crate::config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Sources;
pub use paths::{check_email, check_phone, check_qr_text, check_url};
use refs::Registry;

/// What the checks depend on besides the content.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Decides what counts as a future date or an overdue review.
    pub today: chrono::NaiveDate,
    /// Whether drafts are part of the build.
    pub drafts: bool,
    /// Name every procedure overdue for review (`check`), or only count them (`build`).
    pub list_overdue: bool,
}

pub fn validate(sources: &Sources, settings: Settings, diags: &Diagnostics) {
    let drafts = settings.drafts;
    check_site(sources, diags);
    let fields = Registry::new(
        "field",
        &sources.fields,
        |f| &f.id,
        &sources.unreadable,
        diags,
    );
    let agencies = Registry::new(
        "agency",
        &sources.agencies,
        |a| &a.id,
        &sources.unreadable,
        diags,
    );
    let events = Registry::new(
        "life event",
        &sources.life_events,
        |e| &e.id,
        &sources.unreadable,
        diags,
    );
    for agency in &sources.agencies {
        let a = &agency.item;
        let checks = [
            (
                "website",
                a.website.as_deref(),
                check_url as fn(&str) -> Result<(), String>,
            ),
            ("map_url", a.map_url.as_deref(), check_url),
            ("email", a.email.as_deref(), check_email),
            ("phone", a.phone.as_deref(), check_phone),
        ];
        for (key, value, check) in checks {
            if let Some(Err(m)) = value.map(check) {
                diags.push(agency.error(&format!("/{key}"), m));
            }
        }
    }
    let codes = procedures::check_all(sources, &fields, &agencies, &events, settings, diags);
    for guide in &sources.guides {
        // A draft may show drafts: neither is published without --drafts.
        let drafts = drafts || guide.meta.item.draft;
        guides::check(guide, &codes, drafts, sources, diags);
    }
    for page in &sources.pages {
        let drafts = drafts || page.meta.item.draft;
        shortcodes::check(&page.meta.file, &page.body, &codes, drafts, sources, diags);
    }
}

/// Tags that run code, load other pages or take input: never allowed from content.
const UNSAFE_TAGS: [&str; 14] = [
    "script", "style", "iframe", "frame", "object", "embed", "form", "input", "button", "link",
    "meta", "base", "svg", "math",
];

fn check_site(sources: &Sources, diags: &Diagnostics) {
    let c = &sources.config;
    let text = sources.config_file.text();
    let error = |key: &str, msg: String| {
        let loc = text.as_deref().and_then(|t| config::locate(t, key));
        Diagnostic::error("site.toml", msg).at(loc).field(key)
    };
    let mut urls = vec![
        ("base_url", Some(&c.base_url)),
        ("portal.url", Some(&c.portal.url)),
    ];
    urls.push(("portal.procedure_url", c.portal.procedure_url.as_ref()));
    urls.push(("contact.zalo", c.contact.zalo.as_ref()));
    for (key, url) in urls {
        if let Some(url) = url
            && let Err(msg) = check_url(url)
        {
            diags.push(error(key, msg));
        }
    }
    // What the leaflets print as QR codes, with the longest code in place of the code.
    let longest_code = "x".repeat(crate::limits::CODE_LEN);
    // The short address of catalog::routes::SHORT; validation comes before the catalog.
    let short_address = c.base().absolute(&format!("/p/{longest_code}/"));
    let printed = [
        ("base_url", Some(short_address)),
        ("portal.url", Some(c.portal.url.clone())),
        (
            "portal.procedure_url",
            c.portal
                .procedure_url
                .as_ref()
                .map(|u| u.replace("{code}", &longest_code)),
        ),
    ];
    for (key, text) in printed {
        if let Some(Err(msg)) = text.as_deref().map(check_qr_text) {
            diags.push(error(key, msg));
        }
    }
    if let Some(Err(msg)) = c.contact.email.as_deref().map(check_email) {
        diags.push(error("contact.email", msg));
    }
    if let Some(Err(msg)) = c.contact.hotline.as_deref().map(check_phone) {
        diags.push(error("contact.hotline", msg));
    }
    if let Err((msg, help)) = check_theme(&sources.root, &c.theme) {
        diags.push(error("theme", msg).help(help));
    }
    for (i, tag) in c.markdown.allow_html.iter().enumerate() {
        if !tag
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit())
            || UNSAFE_TAGS.contains(&tag.as_str())
        {
            let msg = format!(
                "`{tag}` cannot be allowed in Markdown: only lowercase names of harmless tags such as kbd, abbr, mark"
            );
            diags.push(error(&format!("markdown.allow_html[{i}]"), msg));
        }
    }
}

/// The theme is a folder of themes/ with its templates; `default` may also be the built-in one.
fn check_theme(root: &std::path::Path, name: &str) -> Result<(), (String, &'static str)> {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !plain {
        let msg = format!("`{name}` is not a theme name: the name of a folder in themes/");
        return Err((msg, "write the folder's name, e.g. `theme = \"default\"`"));
    }
    if name != "default" && !root.join("themes").join(name).join("templates").is_dir() {
        let msg = format!("the theme `{name}` has no folder themes/{name}/templates");
        return Err((msg, "use `theme = \"default\"` for the built-in theme"));
    }
    Ok(())
}
