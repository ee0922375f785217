//! Stage 4: every page and data file of the site, each a pure function of the catalog.
//!
//! Pages are rendered in parallel and handed to a `Sink` as they are made: `output` writes them
//! to disk, `check` only inspects them. Nothing is held in memory for the whole site: even the
//! bundles of leaflets, which print every leaflet again, are written as their leaflets come.
//!
//! The files, in the order they depend on each other:
//! - `theme`: loading the templates, strings and assets; `markdown`, `shortcodes`, `video` (with
//!   `calls` and `headings`): the bodies of guides and pages; `qr`, `jsonld`: small formats.
//! - `views/`: what templates see of catalog entries (cards, a procedure in full), and [`Ctx`],
//!   the parts of a build views are made from; `leaflet`: a leaflet's view and its fit on paper.
//! - `shared`: what every template sees (site, navigation, the site's addresses).
//! - `pages/`: one module per kind of page, each a typed view of the parts of the catalog it
//!   names, and the one dispatch from a job to its page.
//! - `data/`: sitemap, robots.txt, the feed and the open-data export, apart from the pages.

mod calls;
mod data;
mod headings;
mod jsonld;
pub mod leaflet;
pub mod markdown;
mod pages;
mod qr;
mod shared;
mod shortcodes;
mod sink;
pub mod theme;
mod video;
pub mod views;

use crate::catalog::{Catalog, routes};
use crate::diagnostics::Diagnostics;
pub use sink::{Sink, Stream};
pub use theme::Theme;

use markdown::Markdown;
use pages::Renderer;
use theme::Source;
use video::Media;
use views::{Ctx, Numbers};

/// Loads the theme named by the catalog's site.toml.
pub fn load_theme(catalog: &Catalog, diags: &Diagnostics) -> Option<Theme> {
    Theme::load(&catalog.root, &catalog.config.theme, &catalog.base, diags)
}

/// Renders the whole site into `sink`.
pub fn render(catalog: &Catalog, theme: &Theme, sink: &dyn Sink, diags: &Diagnostics) {
    let markdown = Markdown::new(&catalog.config.markdown, catalog.base.clone());
    let numbers = Numbers::of(&theme.strings);
    let base = shared::context(catalog, theme);
    // Posters and chapter tracks exist before the pages that point to them.
    let media = Media::generate(catalog, &theme.tera, &base, sink, diags);
    let ctx = Ctx {
        catalog,
        markdown: &markdown,
        media: &media,
        numbers: &numbers,
    };
    let r = Renderer {
        ctx: &ctx,
        theme,
        base: &base,
        diags,
    };
    pages::write_all(&r, sink);
    data::write_all(catalog, theme, &base, sink, diags);
    for (path, source) in &theme.assets {
        match source {
            Source::File(file) => sink.copy(path, file),
            Source::Embedded(bytes) => sink.write(path, bytes.to_vec()),
        }
    }
    for (rel, file) in &catalog.files {
        sink.copy(&routes::content_file(rel), &file.path);
    }
}
