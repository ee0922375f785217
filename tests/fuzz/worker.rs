//! The worker: the fuzz test binary started again by the supervisor, which runs the cases it is
//! sent through the real pipeline, in process, one after the other.
//!
//! It speaks over its standard streams. In: `case <mode> <target> <length>\n` and the case's
//! bytes. Out: lines starting with `@fuzz `: `ready` once, then for each case the stages as they
//! start (`stage load`, or `stage check` and `stage build`) and `done valid` or `done invalid`. A
//! stage is announced before it runs, so when the worker dies the supervisor knows where.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use motcua::cmd::{Format, FormatArg, SiteArgs, build, check};
use motcua::diagnostics::{Diagnostics, report};

use super::crash::WORKER_PANIC;
use super::target::{self, TARGETS, Target};

/// Set in a worker's environment: the `fuzz` test then runs as a worker, not a supervisor.
pub const WORKER_ENV: &str = "MOTCUA_FUZZ_WORKER";

/// Set for a worker that minimises crashes: its stacks are half as large again as the binary's.
pub const ROOMY_ENV: &str = "MOTCUA_FUZZ_ROOMY";

/// `motcua` runs `check` and `build` on its main thread, whose stack is the system's 8 MiB; the
/// cases run on a thread of that size, so a recursion overflows here where it would there.
const MAIN_STACK: usize = 8 << 20;

/// The stack of the rayon threads `motcua` loads and renders files on: Rust's default for new
/// threads. A roomy worker is given half as much again, through `RUST_MIN_STACK`, which rayon
/// honours.
pub const POOL_STACK: usize = 2 << 20;

pub fn run() {
    let dir = tempfile::Builder::new()
        .prefix("motcua-fuzz-")
        .tempdir()
        .expect("a folder for the worker's site");
    let root = dir.path().join("site");
    target::make_site(&root);
    let originals: HashMap<&str, Vec<u8>> = TARGETS
        .iter()
        .map(|t| {
            (
                t.name,
                std::fs::read(root.join(t.path)).expect("a fixture file"),
            )
        })
        .collect();
    say("ready");
    let mut input = std::io::stdin().lock();
    while let Some((mode, target, case)) = read_case(&mut input) {
        let path = root.join(target.path);
        std::fs::write(&path, &case).expect("write the case into the site");
        let valid = match mode {
            Mode::Full => run_case(&root),
            Mode::Load => load_case(&root),
        };
        std::fs::write(&path, &originals[target.name]).expect("put the fixture file back");
        say(if valid { "done valid" } else { "done invalid" });
    }
}

/// One line to the supervisor; stdout is line-buffered, so it is out before the next step runs.
fn say(what: &str) {
    println!("@fuzz {what}");
}

/// How far a case goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `motcua check`, then `motcua build`.
    Full,
    /// Loading and validation only, and the report: a few milliseconds instead of a tenth of a
    /// second, so the loaders see many more cases than rendering can.
    Load,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Full => "full",
            Mode::Load => "load",
        }
    }
}

/// The next case, or `None` when the supervisor has closed the pipe.
fn read_case(input: &mut impl BufRead) -> Option<(Mode, &'static Target, Vec<u8>)> {
    let mut header = String::new();
    input.read_line(&mut header).ok()?;
    let words: Vec<&str> = header.split_whitespace().collect();
    let ["case", mode, name, len] = words[..] else {
        return None;
    };
    let mode = [Mode::Full, Mode::Load]
        .into_iter()
        .find(|m| m.name() == mode)?;
    let target = Target::by_name(name).expect("a known target");
    let mut case = vec![0; len.parse().expect("a length")];
    input.read_exact(&mut case).ok()?;
    Some((mode, target, case))
}

/// Loads and validates the site, and prints what was found as `check` would. True when no error
/// was found.
fn load_case(root: &Path) -> bool {
    say("stage load");
    let passed = on_main_sized_thread(|| {
        let diags = Diagnostics::new();
        let opts = site_args(root).options();
        let catalog = motcua::pipeline::catalog(&opts, &diags);
        report::print(&diags);
        match catalog {
            Some(_) => ExitCode::SUCCESS,
            None => ExitCode::FAILURE,
        }
    });
    passed == ExitCode::SUCCESS
}

/// `motcua check`, and `motcua build` if the check passed: the commands themselves, diagnostics
/// printed and all. Rendering in memory (`check`) does not minify pages; writing them (`build`)
/// does, and the minifier has crashes of its own. Loading is done once alone first, so that a
/// crash there is told from one in rendering. True when the check passed.
fn run_case(root: &Path) -> bool {
    say("stage load");
    on_main_sized_thread(|| {
        let _ = motcua::pipeline::catalog(&site_args(root).options(), &Diagnostics::new());
        ExitCode::SUCCESS
    });
    say("stage check");
    let checked = on_main_sized_thread(|| {
        check::run(&check::CheckArgs {
            site: site_args(root),
            strict: false,
            // The terminal report, whose quoting of lines the fuzzer has found panics in.
            format: FormatArg {
                format: Format::Human,
            },
        })
    });
    if checked != ExitCode::SUCCESS {
        return false;
    }
    say("stage build");
    on_main_sized_thread(|| {
        build::run(&build::BuildArgs {
            site: site_args(root),
            out: PathBuf::from("public"),
            force: motcua::cmd::ForceArg { force: false },
            format: FormatArg {
                format: Format::Human,
            },
        })
    });
    true
}

fn site_args(root: &Path) -> SiteArgs {
    SiteArgs {
        root: root.to_path_buf(),
        drafts: false,
        base_url: None,
    }
}

/// Runs `f` on a thread with the main thread's stack. A panic ends the worker: the pipeline's
/// caches may be left half-made, and the supervisor restarts it anyway.
fn on_main_sized_thread(f: impl FnOnce() -> ExitCode + Send) -> ExitCode {
    let stack = match std::env::var_os(ROOMY_ENV) {
        Some(_) => MAIN_STACK * 3 / 2,
        None => MAIN_STACK,
    };
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name("case".into())
            .stack_size(stack)
            .spawn_scoped(scope, f)
            .expect("start the case's thread");
        thread
            .join()
            .unwrap_or_else(|_| std::process::exit(WORKER_PANIC))
    })
}
