//! The home page: the procedures updated last and the latest guides.

use serde::Serialize;

use crate::catalog::Catalog;
use crate::render::views::{GuideCard, ProcedureCard};

use super::renderer::Page;

/// How many recently updated procedures the home page shows.
const RECENT: usize = 12;
/// How many guides the home page shows, the most recently updated first.
const GUIDES: usize = 4;

#[derive(Serialize)]
struct Home {
    recent: Vec<ProcedureCard>,
    guides: Vec<GuideCard>,
}

/// Reads every procedure's update date, and the first guides.
pub fn page(c: &Catalog) -> Page<'_> {
    let mut recent: Vec<usize> = (0..c.procedures.len()).collect();
    recent.sort_by(|&a, &b| {
        c.procedures[b]
            .data
            .updated
            .cmp(&c.procedures[a].data.updated)
    });
    recent.truncate(RECENT);
    let view = Home {
        recent: ProcedureCard::list(c, &recent),
        guides: c
            .guides
            .iter()
            .take(GUIDES)
            .map(|g| GuideCard::of(c, g))
            .collect(),
    };
    Page::new("index.html", "/", &view)
}
