//! The list of guides.

use serde::Serialize;

use crate::catalog::{Catalog, routes};
use crate::render::views::GuideCard;

use super::renderer::Page;

#[derive(Serialize)]
struct Guides {
    guides: Vec<GuideCard>,
}

/// Reads the guides.
pub fn page(c: &Catalog) -> Page<'_> {
    let guides = c.guides.iter().map(|g| GuideCard::of(c, g)).collect();
    Page::new("guides.html", routes::GUIDES, &Guides { guides })
}
