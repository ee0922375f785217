//! `motcua search`: ask the site's search index from the terminal, as the site's search would.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::CONTENT_ERROR;
use crate::diagnostics::{Diagnostics, report};
use crate::search::{Entry, SearchIndex, documents};
use crate::site::Options;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What a citizen would type, e.g. "dang ky khai sinh".
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// The site's root folder (with site.toml and content/).
    #[arg(long, short = 'r', default_value = ".", value_name = "DIR", value_parser = super::site_root)]
    pub root: PathBuf,
    /// Include procedures and guides marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Show at most this many results.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,
}

/// Prints one result a line, best first: the procedure's code (or the guide's address), its name,
/// and its score, separated by tabs.
pub fn run(args: &SearchArgs) -> ExitCode {
    let diags = Diagnostics::new();
    let opts = Options {
        drafts: args.drafts,
        ..Options::new(&args.root)
    };
    let Some(catalog) = crate::site::catalog(&opts, &diags) else {
        report::print(&diags);
        return ExitCode::from(CONTENT_ERROR);
    };
    let docs = crate::site::timed("search documents", || documents(&catalog));
    let index = match crate::site::timed("search index", || SearchIndex::build(&docs)) {
        Ok(index) => index,
        Err(e) => {
            eprintln!("error: cannot build the search index: {e}");
            return ExitCode::FAILURE;
        }
    };
    let hits = match crate::site::timed("search query", || index.search(&args.query.join(" "))) {
        Ok(hits) => hits,
        Err(e) => {
            eprintln!("error: cannot search: {e}");
            return ExitCode::FAILURE;
        }
    };
    if hits.is_empty() {
        eprintln!("no results");
    }
    for hit in hits.iter().take(args.limit) {
        let (id, name) = match Entry::of(&catalog, hit.document) {
            Entry::Procedure(i) => {
                let p = &catalog.procedures[i].data;
                (p.code.as_str(), p.name.as_str())
            }
            Entry::Guide(i) => {
                let g = &catalog.guides[i];
                (g.path.as_str(), g.meta.title.as_str())
            }
        };
        println!("{id}\t{name}\t{:.4}", hit.score);
    }
    ExitCode::SUCCESS
}
