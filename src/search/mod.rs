//! Stage 5: the search index, built with tantivy from the catalog after rendering.
//!
//! `tokenize` is the Vietnamese analyzer (the contract the JavaScript client reproduces).

pub mod tokenize;
