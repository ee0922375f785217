//! Pages whose template needs nothing but what every page sees: the search page (its results
//! come from the search files, in the browser) and the 404 page.

use crate::catalog::routes;

use super::renderer::Page;

#[derive(serde::Serialize)]
struct Nothing {}

pub fn search<'c>() -> Page<'c> {
    Page::new("search.html", routes::SEARCH, &Nothing {})
}

pub fn not_found<'c>() -> Page<'c> {
    Page::new("404.html", routes::NOT_FOUND, &Nothing {})
}
