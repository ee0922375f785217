//! The command-line verbs. Each file is one verb; `main.rs` only parses and dispatches.

pub mod build;
pub mod check;
pub mod leaflets;
pub mod new;
pub mod schema;
pub mod search;
pub mod serve;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::diagnostics::{Diagnostics, json, report};
use crate::output::Output;
use crate::site::Options;

/// Exit code for content errors.
pub const CONTENT_ERROR: u8 = 1;

/// Exit code for usage errors, as clap gives them.
pub const USAGE_ERROR: u8 = 2;

/// Options shared by the verbs that build the site.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site's root folder (with site.toml and content/).
    #[arg(long, short = 'r', default_value = ".", value_name = "DIR", value_parser = site_root)]
    pub root: PathBuf,
    /// Include procedures, guides and pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Publish under this address instead of site.toml's base_url.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

/// How a command prints the problems it found.
#[derive(Debug, Args)]
pub struct FormatArg {
    /// `human`: each problem on stderr with its line quoted; `json`: one JSON object on stdout
    /// with every problem's severity, file, line, column, field, message and help (for editors
    /// and CI).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

impl FormatArg {
    /// Prints the run's problems in the chosen format.
    pub fn report(&self, diags: &Diagnostics) {
        match self.format {
            Format::Human => report::print(diags),
            Format::Json => json::print(diags),
        }
    }
}

/// Whether a command that writes a folder may replace one that motcua did not write.
#[derive(Debug, Args)]
pub struct ForceArg {
    /// Replace the output folder even if motcua did not write it. Never the site's own folder, a
    /// folder above it, its sources, a file, or `/`.
    #[arg(long)]
    pub force: bool,
}

/// Checks that `out` may be replaced, and gives the folder to write (links followed, as it was
/// judged); otherwise prints why, for an exit with [`USAGE_ERROR`].
pub fn check_out(root: &Path, out: &Path, kind: Output, force: bool) -> Result<PathBuf, ExitCode> {
    crate::output::check_target(root, out, kind, force).map_err(|r| {
        eprintln!("error: {}\n  help: {}", r.message, r.help);
        ExitCode::from(USAGE_ERROR)
    })
}

/// `--root`: a folder holding a site.toml, else a usage error naming the folder.
pub fn site_root(arg: &str) -> Result<PathBuf, String> {
    let root = PathBuf::from(arg);
    if !root.is_dir() {
        return Err(format!("there is no folder `{arg}`"));
    }
    if std::fs::symlink_metadata(root.join("site.toml")).is_err() {
        return Err(format!(
            "`{arg}` is not a site: it has no site.toml (run motcua in a site's folder, or name one with --root)"
        ));
    }
    Ok(root)
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
