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
    let root = &args.site.root;
    let out = match &args.out {
        Some(out) => match check_out(root, &root.join(out), Output::Site, args.force.force) {
            Ok(out) => Some(out),
            Err(code) => return code,
        },
        None => None,
    };
    crate::serve::run(args.site.options(), args.port, out)
}
