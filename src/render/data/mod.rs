//! The site's machine-readable files, apart from its pages: the sitemap and robots.txt, the
//! Atom feed and the open-data export.

mod feed;
mod open_data;
mod sitemap;

use crate::catalog::{Catalog, routes};
use crate::diagnostics::{Diagnostic, Diagnostics};

use super::sink::Sink;
use super::theme::{Theme, error_chain};

/// Writes every data file; `base` is what every template sees (the feed is a template).
pub fn write_all(
    c: &Catalog,
    theme: &Theme,
    base: &tera::Context,
    sink: &dyn Sink,
    diags: &Diagnostics,
) {
    for (path, xml) in sitemap::sitemaps(c) {
        sink.write(&path, xml.into_bytes());
    }
    sink.write(routes::ROBOTS, sitemap::robots(c).into_bytes());
    match feed::render(c, theme, base) {
        Ok(xml) => sink.write(routes::FEED, xml.into_bytes()),
        Err(e) => diags.push(Diagnostic::error("templates/feed.xml", error_chain(&e))),
    }
    if let Err(e) = open_data::write(c, sink) {
        diags.push(Diagnostic::error("catalog.csv", e.to_string()));
    }
}
