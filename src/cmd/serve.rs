//! `motcua serve`: local preview with live reload.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{ForceArg, SiteArgs, check_out};
use crate::output::Output;

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port on 127.0.0.1; 0 picks a free one.
    #[arg(long, short = 'p', default_value_t = 1111)]
    pub port: u16,
    /// Build into this folder instead of a private temporary one.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub force: ForceArg,
}

pub fn run(args: &ServeArgs) -> ExitCode {
    if let Some(out) = &args.out {
        let root = &args.site.root;
        if let Err(code) = check_out(root, &root.join(out), Output::Site, args.force.force) {
            return code;
        }
    }
    crate::serve::run(&args.site, args.port, args.out.clone())
}
