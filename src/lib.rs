//! motcua: a static-site generator for catalogs of administrative procedures.
//!
//! The work flows one way, and the modules follow it:
//! `load` → `validate` → `catalog` → `render` → `search` → `output`; `check`, `serve` and `cmd`
//! drive it.

// Problems travel as `Diagnostic` values (file, position, field, message, hint): large for an
// error type, but they are the cold path and are collected, not propagated through hot loops.
#![allow(clippy::result_large_err)]

pub mod catalog;
pub mod check;
pub mod cmd;
pub mod config;
pub mod diagnostics;
pub mod limits;
pub mod load;
pub mod model;
pub mod output;
pub mod print;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod source;
pub mod validate;
