//! `motcua serve`: build, serve on 127.0.0.1, rebuild on change, reload open pages.
//!
//! The site is built into a private folder with the local address as base URL. A failed rebuild
//! leaves the last good site being served; the errors go to the terminal and, through the reload
//! script, to an overlay on every open page.
//!
//! The leaflet printer serves its build through the same server (`serve_in_background`), so
//! that Chromium gets the files with the preview's guards.

mod files;
mod host;
mod http;
mod state;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use crate::diagnostics::{Diagnostics, report};
use crate::site::{self, Options};
pub use http::serve_in_background;
pub use state::State;

pub fn run(mut opts: Options, port: u16, out: Option<PathBuf>) -> ExitCode {
    let server = match http::bind(port) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::from(2);
        }
    };
    let addr = server.local_addr().expect("a bound socket has an address");
    let base_url = format!("http://{addr}/");
    opts.base_url = Some(base_url.clone());
    let (out, _keep) = match out {
        Some(dir) => (opts.root.join(dir), None),
        None => match tempfile::Builder::new().prefix("motcua-serve-").tempdir() {
            Ok(dir) => (dir.path().join("site"), Some(dir)),
            Err(e) => {
                eprintln!("error: cannot create a folder to build into: {e}");
                return ExitCode::from(1);
            }
        },
    };
    // Watching begins before the first build, so that an edit saved while it runs is seen.
    let watching = match watch::begin(&opts) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch the site for changes: {e}");
            return ExitCode::from(1);
        }
    };
    let state = Arc::new(State::default());
    rebuild(&opts, &out, &state);
    let _watcher = watching.start(&opts, &out, state.clone());
    println!(
        "serving {} at {base_url} (press Ctrl+C to stop)",
        opts.root.display()
    );
    match http::serve(server, out, state) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: the preview server stopped: {e}");
            ExitCode::from(1)
        }
    }
}

/// Runs the pipeline once and publishes the outcome to the server and the terminal.
pub fn rebuild(opts: &Options, out: &std::path::Path, state: &State) {
    let diags = Diagnostics::new();
    let result = site::build(opts, out, &diags);
    report::print(&diags);
    match result {
        Some(stats) => {
            eprintln!("built {} pages in {} ms", stats.pages, stats.millis);
            state.publish(Vec::new());
        }
        None => {
            eprintln!("the build failed; still serving the last good version");
            state.publish(
                diags
                    .sorted()
                    .into_iter()
                    .filter(|d| d.is_error())
                    .collect(),
            );
        }
    }
}
