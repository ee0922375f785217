//! Stage 2: cross-checks over everything loaded — references, uniqueness, addresses, dates.
//!
//! Nothing here stops early: each rule pushes every problem it finds into `Diagnostics`.

mod paths;
mod procedures;
mod refs;
mod shortcodes;
mod video;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Sources;
pub use paths::{check_content_path, check_url};
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
        for (key, url) in [
            ("website", &agency.item.website),
            ("map_url", &agency.item.map_url),
        ] {
            if let Some(url) = url {
                check_url(url)
                    .map_err(|m| diags.push(agency.error(&format!("/{key}"), m)))
                    .ok();
            }
        }
    }
    let codes = procedures::check_all(sources, &fields, &agencies, &events, settings, diags);
    for guide in &sources.guides {
        // A draft may show drafts: neither is published without --drafts.
        let drafts = drafts || guide.meta.item.draft;
        refs::check_guide(guide, &codes, drafts, sources, diags);
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
            diags.push(Diagnostic::error("site.toml", msg).field(key));
        }
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
            diags.push(
                Diagnostic::error("site.toml", msg).field(format!("markdown.allow_html[{i}]")),
            );
        }
    }
}
