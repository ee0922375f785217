//! The pipeline, end to end: load → validate → catalog → render → output.
//! `build`, `check` and `serve` differ only in where the rendered pages go.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::catalog::routes::output_file;
use crate::catalog::{self, Catalog};
use crate::check::LinkCheck;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Staging;
use crate::render::{self, Sink, Stream};
use crate::{load, search, validate};

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub drafts: bool,
    pub base_url: Option<String>,
    pub today: chrono::NaiveDate,
    /// Name each procedure overdue for review instead of counting them.
    pub list_overdue: bool,
}

impl Options {
    pub fn new(root: &Path) -> Options {
        Options {
            root: root.to_path_buf(),
            drafts: false,
            base_url: None,
            today: chrono::Local::now().date_naive(),
            list_overdue: false,
        }
    }
}

/// What a successful run made.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub procedures: usize,
    pub guides: usize,
    pub pages: usize,
    pub files: usize,
    pub links: usize,
    pub millis: u128,
}

/// Loads, validates and links the site. `None` when any error was found.
pub fn catalog(opts: &Options, diags: &Diagnostics) -> Option<Catalog> {
    let mut sources = timed("load", || load::load(&opts.root, diags))?;
    if let Some(url) = &opts.base_url {
        match validate::check_url(url) {
            Ok(()) => sources.config.base_url = url.clone(),
            Err(msg) => diags.push(Diagnostic::error("--base-url", msg)),
        }
    }
    let settings = validate::Settings {
        today: opts.today,
        drafts: opts.drafts,
        list_overdue: opts.list_overdue,
    };
    timed("validate", || validate::validate(&sources, settings, diags));
    if diags.has_errors() {
        return None;
    }
    let catalog = timed("catalog", || catalog::build(sources, opts.drafts, diags));
    (!diags.has_errors()).then_some(catalog)
}

/// Runs a stage, printing its duration when `MOTCUA_TIMINGS` is set (for benchmarking), and on
/// Linux its CPU time, the resident memory before and after it, and its peak.
pub fn timed<T>(stage: &str, f: impl FnOnce() -> T) -> T {
    if std::env::var_os("MOTCUA_TIMINGS").is_none() {
        return f();
    }
    let before = Usage::now();
    let started = Instant::now();
    let result = f();
    let millis = started.elapsed().as_millis();
    match (before, Usage::now()) {
        (Some(b), Some(a)) => eprintln!(
            "timing: {stage} {millis} ms, cpu {} ms, rss {} → {} MiB, peak {} MiB",
            a.cpu_millis - b.cpu_millis,
            b.rss_kib / 1024,
            a.rss_kib / 1024,
            a.peak_kib / 1024,
        ),
        _ => eprintln!("timing: {stage} {millis} ms"),
    }
    result
}

/// The process's CPU time and memory, from `/proc` (Linux only).
struct Usage {
    cpu_millis: u64,
    rss_kib: u64,
    /// The peak resident memory since the last [`Usage::now`], which resets it.
    peak_kib: u64,
}

impl Usage {
    fn now() -> Option<Usage> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let kib = |key: &str| -> Option<u64> {
            let line = status.lines().find(|l| l.starts_with(key))?;
            line[key.len()..]
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse()
                .ok()
        };
        let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
        // Fields after the command name (which may hold spaces): utime and stime are the 12th
        // and 13th, in clock ticks (100 a second on Linux).
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let ticks: u64 =
            fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        let usage = Usage {
            cpu_millis: ticks * 10,
            rss_kib: kib("VmRSS:")?,
            peak_kib: kib("VmHWM:")?,
        };
        // "5" resets the peak to the current size, so the next reading is this stage's peak.
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        Some(usage)
    }
}

/// Builds the site into `out`. On any error the previous `out` is left untouched.
pub fn build(opts: &Options, out: &Path, diags: &Diagnostics) -> Option<Stats> {
    let started = Instant::now();
    let catalog = catalog(opts, diags)?;
    let theme = render::load_theme(&catalog, diags)?;
    let staging = match Staging::new(out, true) {
        Ok(s) => s,
        Err(e) => {
            diags.push(Diagnostic::error(
                out.display().to_string(),
                format!("cannot prepare the output folder: {e}"),
            ));
            return None;
        }
    };
    let counter = Counting {
        inner: &staging,
        counts: Default::default(),
    };
    timed("render and write", || {
        render::render(&catalog, &theme, &counter, diags)
    });
    write_search(&catalog, &counter, diags);
    let stats = counter.stats(&catalog, started);
    for failure in staging.failures() {
        diags.push(Diagnostic::error(
            out.display().to_string(),
            format!("cannot write {failure}"),
        ));
    }
    if diags.has_errors() {
        staging.abandon();
        return None;
    }
    if let Err(e) = timed("swap", || staging.commit()) {
        diags.push(Diagnostic::error(
            out.display().to_string(),
            format!("cannot move the new site into place: {e}"),
        ));
        return None;
    }
    Some(Stats {
        millis: started.elapsed().as_millis(),
        ..stats
    })
}

/// Indexes the catalog and writes the static search files.
fn write_search(catalog: &Catalog, sink: &dyn Sink, diags: &Diagnostics) {
    match timed("search index", || search::publish::build(catalog)) {
        Ok(files) => timed("search write", || {
            for (path, bytes) in files {
                sink.write(&path, bytes);
            }
        }),
        Err(e) => diags.push(Diagnostic::error(
            catalog.root.display().to_string(),
            format!("cannot build the search index: {e}"),
        )),
    }
}

/// Validates and renders in memory, checking every internal link; writes nothing.
pub fn check(opts: &Options, diags: &Diagnostics) -> Option<Stats> {
    let started = Instant::now();
    let catalog = catalog(opts, diags)?;
    let theme = render::load_theme(&catalog, diags)?;
    let links = LinkCheck::new(catalog.base.clone(), catalog.source_files());
    let counter = Counting {
        inner: &links,
        counts: Default::default(),
    };
    render::render(&catalog, &theme, &counter, diags);
    let mut stats = counter.stats(&catalog, started);
    stats.links = links.finish(diags);
    (!diags.has_errors()).then_some(stats)
}

/// Counts pages and files on their way to another sink.
struct Counting<'a> {
    inner: &'a dyn Sink,
    counts: std::sync::Mutex<(usize, usize)>,
}

impl Counting<'_> {
    fn stats(&self, c: &Catalog, started: Instant) -> Stats {
        let (pages, files) = *self.counts.lock().unwrap();
        Stats {
            procedures: c.procedures.len(),
            guides: c.guides.len(),
            pages,
            files,
            links: 0,
            millis: started.elapsed().as_millis(),
        }
    }

    /// Pages are what a reader opens: HTML. Data files, QR codes and posters are files.
    fn count(&self, path: &str) {
        let mut counts = self.counts.lock().unwrap();
        if output_file(path).ends_with(".html") {
            counts.0 += 1;
        } else {
            counts.1 += 1;
        }
    }
}

impl Sink for Counting<'_> {
    fn write(&self, path: &str, bytes: Vec<u8>) {
        self.count(path);
        self.inner.write(path, bytes);
    }

    fn copy(&self, path: &str, from: &Path) {
        self.counts.lock().unwrap().1 += 1;
        self.inner.copy(path, from);
    }

    fn fragment(&self, html: String) -> String {
        self.inner.fragment(html)
    }

    fn write_assembled(&self, path: &str, bytes: Vec<u8>) {
        self.count(path);
        self.inner.write_assembled(path, bytes);
    }

    fn stream<'s>(&'s self, path: &str) -> Box<dyn Stream + 's> {
        self.count(path);
        self.inner.stream(path)
    }
}
