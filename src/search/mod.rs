//! Stage 5: the search index of the catalog, and its static files under `/tim-kiem/`.
//!
//! The analyzer, the tantivy index and the static format are the `motcua-search` crate
//! (crates/motcua-search, its `format.md` is the contract with the theme's search.js); this
//! module turns the catalog into what the crate is given: `document` says what is searchable
//! about each procedure and guide, `publish` what a result shows and which filters it has.

mod document;
pub(crate) mod publish;
#[cfg(test)]
mod tests;

pub use document::documents;
pub use motcua_search::SearchIndex;

use crate::catalog::Catalog;

/// A procedure or guide, by its position in the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Procedure(usize),
    Guide(usize),
}

impl Entry {
    /// The entry of a search document, by its position in [`documents`]: procedures first, then
    /// guides.
    pub fn of(catalog: &Catalog, document: usize) -> Entry {
        match document.checked_sub(catalog.procedures.len()) {
            None => Entry::Procedure(document),
            Some(guide) => Entry::Guide(guide),
        }
    }

    /// Every entry, in [`documents`] order.
    pub fn all(catalog: &Catalog) -> impl Iterator<Item = Entry> {
        let procedures = (0..catalog.procedures.len()).map(Entry::Procedure);
        procedures.chain((0..catalog.guides.len()).map(Entry::Guide))
    }
}
