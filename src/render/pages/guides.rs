//! The list of guides.

use serde::Serialize;

use crate::catalog::{Catalog, routes};
use crate::render::views::GuideCard;

use super::pager;
use super::renderer::Page;

#[derive(Serialize)]
struct Guides {
    guides: Vec<GuideCard>,
}

/// Reads the guides of page `number` of their list.
pub fn page(c: &Catalog, number: usize) -> Page<'_> {
    let (shown, path, pager) = pager::page(c, routes::GUIDES, &c.guides, number);
    let guides = shown.iter().map(|g| GuideCard::of(c, g)).collect();
    Page::new("guides.html", &path, &Guides { guides }).paged(&pager)
}
