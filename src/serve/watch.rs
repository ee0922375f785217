//! Watching the site's sources and rebuilding when they change.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use super::{State, rebuild};
use crate::site::Options;

/// What a site is made of; the output folder and `target/` are deliberately not watched.
const SOURCES: [&str; 5] = ["site.toml", "content", "themes", "templates", "static"];

pub struct Watcher {
    _debouncer: Box<dyn std::any::Any>,
}

pub fn start(opts: &Options, out: &Path, state: Arc<State>) -> notify::Result<Watcher> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(Duration::from_millis(150), None, tx)?;
    for name in SOURCES {
        let path = opts.root.join(name);
        if path.exists() {
            debouncer.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    let opts = opts.clone();
    let out: PathBuf = out.to_path_buf();
    std::thread::spawn(move || {
        while let Ok(result) = rx.recv() {
            let relevant = match result {
                Ok(events) => events
                    .iter()
                    .flat_map(|e| e.paths.iter())
                    .any(|p| !is_noise(p)),
                Err(_) => true,
            };
            // Coalesce a burst of saves (an editor writing several files) into one build.
            while rx.try_recv().is_ok() {}
            if relevant {
                rebuild(&opts, &out, &state);
            }
        }
    });
    Ok(Watcher {
        _debouncer: Box::new(debouncer),
    })
}

/// Editor swap and backup files.
fn is_noise(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
}
