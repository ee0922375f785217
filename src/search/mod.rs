//! Stage 5: the search index, built with tantivy from the catalog after rendering.
//!
//! `tokenize` is the Vietnamese analyzer (the contract the JavaScript client reproduces);
//! `document` says what is searchable about each procedure and guide; `index` builds the tantivy
//! index and ranks queries against it; `export` reads the index back as plain data and ranks from
//! it alone, the contract of the static search files.

pub mod document;
pub mod export;
pub mod index;
pub mod publish;
pub mod tokenize;

pub use document::{Entry, SearchDoc, documents};
pub use index::{FIELDS, Hit, SearchIndex};
