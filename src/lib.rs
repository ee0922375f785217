//! motcua: a static-site generator for catalogs of administrative procedures.
//!
//! The work flows one way, and the modules follow it:
//! `load` → `validate` → `catalog` → `render` → `search` → `output`; `check`, `serve` and `cmd`
//! drive it.

// Problems travel as `Diagnostic` values (file, position, field, message, hint): large for an
// error type, but they are the cold path and are collected, not propagated through hot loops.
#![allow(clippy::result_large_err)]

// The commands are the crate's surface; the integration tests and the fuzzer also reach the
// diagnostics, the bounds, the loaded catalog and the search documents. Everything else is
// private, so the compiler reports what nothing uses.
mod catalog;
mod check;
pub mod cmd;
mod config;
pub mod diagnostics;
pub mod limits;
mod load;
mod model;
mod output;
mod print;
mod render;
mod search;
mod serve;
mod site;
mod slug;
mod source;
mod validate;

/// What the integration tests and the fuzzer reach besides the commands: the pipeline up to
/// the catalog, the search documents the parity suite ranks, and the output folder's marker.
pub mod pipeline {
    pub use crate::output::MARKER;
    pub use crate::search::documents;
    pub use crate::site::{Options, catalog};
}
