//! `motcua serve`: local preview with live reload.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::SiteArgs;

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
}

pub fn run(args: &ServeArgs) -> ExitCode {
    crate::serve::run(&args.site, args.port, args.out.clone())
}
