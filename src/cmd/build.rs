//! `motcua build`: write the site to public/.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{CONTENT_ERROR, ForceArg, FormatArg, SiteArgs, check_out};
use crate::diagnostics::Diagnostics;
use crate::output::Output;

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site (relative paths are under the root).
    #[arg(long, short = 'o', default_value = "public", value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub force: ForceArg,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(args: &BuildArgs) -> ExitCode {
    let opts = args.site.options();
    let out = match check_out(
        &opts.root,
        &opts.root.join(&args.out),
        Output::Site,
        args.force.force,
    ) {
        Ok(out) => out,
        Err(code) => return code,
    };
    let diags = Diagnostics::new();
    let stats = crate::site::build(&opts, &out, &diags);
    args.format.report(&diags);
    match stats {
        Some(s) => {
            eprintln!(
                "built {} pages and {} files ({} procedures, {} guides) in {} ms → {}",
                s.pages,
                s.files,
                s.procedures,
                s.guides,
                s.millis,
                out.display()
            );
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("the build failed; {} was left as it was", out.display());
            ExitCode::from(CONTENT_ERROR)
        }
    }
}
