//! The Atom feed of recently updated procedures.

use serde::Serialize;

use crate::catalog::{Catalog, ProcedureEntry, routes};
use crate::render::theme::Theme;

/// How many recently updated procedures the feed lists.
const ENTRIES: usize = 50;

#[derive(Serialize)]
struct Entry<'c> {
    title: &'c str,
    code: &'c str,
    summary: &'c Option<String>,
    url: String,
    updated: String,
}

/// The Atom feed is a template, so its title and wording stay in the theme. Reads every
/// procedure's update date.
pub fn render(c: &Catalog, theme: &Theme, base: &tera::Context) -> tera::Result<String> {
    let mut recent: Vec<&ProcedureEntry> = c.procedures.iter().collect();
    recent.sort_by(|a, b| {
        b.data
            .updated
            .cmp(&a.data.updated)
            .then_with(|| a.data.code.cmp(&b.data.code))
    });
    recent.truncate(ENTRIES);
    let entries: Vec<Entry> = recent
        .iter()
        .map(|p| Entry {
            title: &p.data.name,
            code: &p.data.code,
            summary: &p.data.summary,
            url: c.base.absolute(&p.path),
            updated: p.data.updated.to_string(),
        })
        .collect();
    let mut t = base.clone();
    t.insert("entries", &entries);
    t.insert("feed_url", &c.base.absolute(routes::FEED));
    t.insert(
        "updated",
        &recent.first().map(|p| p.data.updated.to_string()),
    );
    theme.tera.render("feed.xml", &t)
}
