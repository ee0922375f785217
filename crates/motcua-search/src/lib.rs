//! Vietnamese full-text search for static sites: an analyzer that folds diacritics and
//! normalises tone placement, a tantivy index ranked with plain BM25, and an export of that index
//! as small static files that the bundled JavaScript client ([`CLIENT_JS`]) ranks exactly as
//! tantivy does, in the browser, with no server.
//!
//! The pieces, in the order data flows:
//!
//! - [`tokenize`]: the analyzer, the contract the JavaScript client reproduces;
//! - [`Document`] and [`SearchIndex`]: what is indexed, and the tantivy index that ranks a query
//!   ([`SearchIndex::search`], used as is by a command-line search);
//! - [`Exported`]: the index read back as plain data, ranking as the static files will;
//! - [`publish`]: the static files themselves.
//!
//! [`vietnamese`] holds the tone and vowel marks, for a program that also sorts Vietnamese text.
//! `format.md`, beside this crate's `Cargo.toml`, is the format a client implements.

mod document;
mod export;
mod index;
pub mod publish;
pub mod tokenize;
pub mod vietnamese;

#[cfg(test)]
mod corpus;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use document::Document;
pub use export::{Exported, typed_word};
pub use index::{Hit, SearchIndex};
pub use tantivy::{DocId, TantivyError};

/// The JavaScript client of the static files (no dependencies; runs in a browser and under
/// Node). A site publishes it as it is.
pub const CLIENT_JS: &str = include_str!("../js/search.js");

/// The README's example, compiled and run by `cargo test --doc`.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
