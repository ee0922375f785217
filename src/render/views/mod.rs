//! What templates see: small serialisable views of catalog entries, built per page.
//!
//! A page's context holds only what that page shows; lists hold cards, not whole procedures.
//! Labels for ids (`online`, `level`, `method`, `status`) come from the theme's strings.
//! `cards` and `procedure` build the views from the parts of the catalog they name; [`Ctx`]
//! carries those parts for the pages and shortcodes that draw them.

pub mod cards;
pub mod format;
pub mod procedure;
pub mod summary;

use crate::catalog::{Catalog, ProcedureEntry};

use super::markdown::Markdown;
use super::video::Media;
pub use cards::{GroupView, GuideCard, ProcedureCard};
pub use format::{Numbers, id_of};
pub use procedure::{AgencyView, Parts, ProcedureView};

/// Everything views are built with: the catalog, and what rendering it needs besides.
pub struct Ctx<'a, 'm> {
    pub catalog: &'a Catalog,
    pub markdown: &'a Markdown<'m>,
    pub media: &'a Media,
    pub numbers: &'a Numbers,
}

impl Ctx<'_, '_> {
    pub fn url(&self, path: &str) -> String {
        self.catalog.base.url(path)
    }

    pub fn card(&self, p: &ProcedureEntry) -> ProcedureCard {
        ProcedureCard::of(self.catalog, p)
    }

    pub fn cards(&self, indices: &[usize]) -> Vec<ProcedureCard> {
        ProcedureCard::list(self.catalog, indices)
    }

    pub fn procedure(&self, p: &ProcedureEntry) -> ProcedureView {
        let parts = Parts {
            markdown: self.markdown,
            media: self.media,
            numbers: self.numbers,
        };
        ProcedureView::of(self.catalog, &parts, p)
    }
}
