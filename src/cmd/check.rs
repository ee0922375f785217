//! `motcua check`: validate everything and render in memory, writing nothing.

use std::process::ExitCode;

use clap::Args;

use super::{CONTENT_ERROR, FormatArg, SiteArgs};
use crate::diagnostics::Diagnostics;

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Treat warnings as errors (for CI).
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(args: &CheckArgs) -> ExitCode {
    let diags = Diagnostics::new();
    let opts = crate::site::Options {
        list_overdue: true,
        ..args.site.options()
    };
    let stats = crate::site::check(&opts, &diags);
    args.format.report(&diags);
    // Counted over the de-duplicated list the report printed, so a problem reported twice is
    // one warning, and the count cannot go below zero.
    let warnings = diags.sorted().iter().filter(|d| !d.is_error()).count();
    match stats {
        Some(_) if args.strict && warnings > 0 => ExitCode::from(CONTENT_ERROR),
        Some(s) => {
            eprintln!(
                "ok: {} procedures, {} guides, {} pages, {} internal links checked",
                s.procedures, s.guides, s.pages, s.links
            );
            ExitCode::SUCCESS
        }
        None => ExitCode::from(CONTENT_ERROR),
    }
}
