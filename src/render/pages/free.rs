//! Free pages (about, contact): a Markdown body with its shortcodes.

use serde::Serialize;

use crate::catalog::PageEntry;
use crate::render::markdown::Heading;
use crate::render::video;

use super::renderer::{Page, Renderer};

#[derive(Serialize)]
struct Content {
    title: String,
    summary: Option<String>,
    html: String,
    headings: Vec<Heading>,
    updated: Option<String>,
}

#[derive(Serialize)]
struct FreePage {
    content: Content,
}

/// Reads the page, and what its shortcodes draw.
pub fn page<'c>(r: &Renderer<'c, '_>, p: &'c PageEntry) -> Page<'c> {
    let (html, headings) = r.body(&p.body, (&p.file, p.body_line));
    let content = Content {
        title: p.meta.title.clone(),
        summary: p.meta.summary.clone(),
        html,
        headings,
        updated: p.meta.updated.map(|d| d.to_string()),
    };
    Page::new("page.html", &p.path, &FreePage { content })
        .of_file(&p.meta.title, &p.file)
        .with_video(video::has_video(&p.body))
}
