//! What every `tests/cli_*.rs` file drives: a site in a temporary folder (`site`), the real
//! `motcua` binary and the problems it reports (`run`, `diagnostics`), and questions about the
//! published pages (`html`). `serve` runs `motcua serve` and fetches from it; `tools` finds the
//! outside programs the browser tests need.
//!
//! ```ignore
//! let site = Site::new("minimal");
//! site.edit("content/procedures/ho-tich/dang-ky-ket-hon.yaml", "name:", "nmae:");
//! site.check()
//!     .fails()
//!     .error("unknown key `nmae`")
//!     .at("content/procedures/ho-tich/dang-ky-ket-hon.yaml", 2, 1)
//!     .help("did you mean `name`?");
//! ```

#![allow(dead_code, unused_imports)] // each test file uses its own part of the helper

pub mod diagnostics;
pub mod files;
pub mod html;
pub mod run;
pub mod serve;
pub mod site;
pub mod tools;

pub use diagnostics::Diag;
pub use files::copy_dir;
pub use html::{
    assert_in_order, assert_links_to, attribute_values, json_ld, links, outer_html,
    redirect_target, sitemap_locs, visible_text,
};
pub use run::Run;
pub use site::{Site, build_example, minimal, populate};
