//! The command-line verbs. Each file is one verb; `main.rs` only parses and dispatches.

pub mod build;
pub mod check;
pub mod leaflets;
pub mod new;
pub mod report;
pub mod schema;
pub mod search;
pub mod serve;

use std::path::PathBuf;

use clap::Args;

use crate::site::Options;

/// Exit code for content errors (usage errors exit with 2, from clap).
pub const CONTENT_ERROR: u8 = 1;

/// Options shared by the verbs that build the site.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site's root folder (with site.toml and content/).
    #[arg(long, short = 'r', default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Include procedures, guides and pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Publish under this address instead of site.toml's base_url.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

impl SiteArgs {
    pub fn options(&self) -> Options {
        Options {
            drafts: self.drafts,
            base_url: self.base_url.clone(),
            ..Options::new(&self.root)
        }
    }
}
