//! Fuzzing the loaders: procedure YAML, the registries, guides and pages (front matter, shortcodes,
//! Markdown) and site.toml, through the whole pipeline.
//!
//! `fuzz` (ignored; `cargo test --release --test fuzz -- --ignored --nocapture`) is a seeded,
//! structure-aware mutator. Cases start from the example site's files and the minimal fixture's,
//! and are changed in ways each format invites (deep nesting, aliases, odd keys and values,
//! broken encodings, shortcodes, …; `fuzz/mutate.rs`). Each case replaces one file of a copy of the
//! minimal fixture and runs `check`, then `build` if the check passed, in a worker process;
//! the supervisor watches each worker's exit, memory and deadline, so a stack overflow or an
//! abort costs a restart, not the run. A crash of a new class is confirmed with the real binary,
//! minimised and saved under `tests/fuzz/crashes/`.
//!
//! `saved_crashes_end_with_a_report` (run by plain `cargo test`) replays every file in
//! `tests/fuzz/crashes/` through the real binary: each must end with exit code 0 or 1, and the
//! hand-written hostile inputs (`*-hostile-*`) must be reported by the name of their file.

#[path = "fuzz/campaign.rs"]
mod campaign;
#[path = "fuzz/crash.rs"]
mod crash;
#[path = "common/files.rs"]
mod files;
#[path = "fuzz/minimise.rs"]
mod minimise;
#[path = "fuzz/mutate.rs"]
mod mutate;
#[path = "fuzz/replay.rs"]
mod replay;
#[path = "fuzz/rng.rs"]
mod rng;
#[path = "fuzz/shapes.rs"]
mod shapes;
#[path = "fuzz/supervise.rs"]
mod supervise;
#[path = "fuzz/target.rs"]
mod target;
#[path = "fuzz/text.rs"]
mod text;
#[path = "fuzz/worker.rs"]
mod worker;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crash::Limits;
use target::{TARGETS, Target};

/// The binary's allocator, so that the workers use memory as `motcua` does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DEFAULT_SECONDS: u64 = 180;

#[test]
#[ignore = "runs for minutes; see the README"]
fn fuzz() {
    if std::env::var_os(worker::WORKER_ENV).is_some() {
        return worker::run();
    }
    let settings = settings_from_env();
    eprintln!(
        "fuzz: {} s, seed {}, {} workers, targets {}",
        settings.duration.as_secs(),
        settings.seed,
        settings.workers,
        settings
            .targets
            .iter()
            .map(|t| t.name)
            .collect::<Vec<_>>()
            .join(",")
    );
    let summary = campaign::run(&settings);
    eprintln!(
        "fuzz: {} cases in {:.0} s ({:.1} cases/s), seed {}; {} crash classes",
        summary.cases,
        summary.elapsed.as_secs_f64(),
        summary.cases as f64 / summary.elapsed.as_secs_f64(),
        settings.seed,
        summary.found.len()
    );
    for f in &summary.found {
        eprintln!("  {} × {}: {}", f.hits, f.key, f.saved);
    }
    assert!(summary.found.is_empty(), "the fuzzer found crashes");
}

/// `MOTCUA_FUZZ_SECONDS`, `MOTCUA_FUZZ_SEED`, `MOTCUA_FUZZ_WORKERS`, `MOTCUA_FUZZ_TARGETS`,
/// `MOTCUA_FUZZ_TRACE`.
fn settings_from_env() -> campaign::Settings {
    let number = |name: &str| {
        std::env::var(name).ok().map(|v| {
            v.parse::<u64>()
                .unwrap_or_else(|_| panic!("{name}={v}: not a number"))
        })
    };
    let clock_seed = || {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        now.map_or(1, |d| d.as_nanos() as u64)
    };
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let targets = match std::env::var("MOTCUA_FUZZ_TARGETS") {
        Ok(list) => list
            .split(',')
            .map(|name| {
                Target::by_name(name.trim()).unwrap_or_else(|| panic!("no fuzz target {name}"))
            })
            .collect(),
        Err(_) => TARGETS.iter().collect(),
    };
    campaign::Settings {
        duration: Duration::from_secs(number("MOTCUA_FUZZ_SECONDS").unwrap_or(DEFAULT_SECONDS)),
        seed: number("MOTCUA_FUZZ_SEED").unwrap_or_else(clock_seed),
        workers: number("MOTCUA_FUZZ_WORKERS").map_or(cores, |n| n as usize),
        targets,
        crash_dir: crash_dir(),
        trace: std::env::var_os("MOTCUA_FUZZ_TRACE").is_some(),
    }
}

fn crash_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/crashes")
}

/// Generous: a fixed loader refuses these inputs in a fraction of a second, and checking the
/// fixture takes under 100 MB (300 MB to print a report that quotes a 64 KB line). Tighter than
/// the fuzzer's memory bound, so that the expansions saved (which pass three times that) are
/// stopped in a few seconds even in a debug build.
const REPLAY_LIMITS: Limits = Limits {
    deadline: Duration::from_secs(30),
    rss_bytes: 1 << 30,
};

#[test]
fn saved_crashes_end_with_a_report() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(crash_dir())
        .expect("tests/fuzz/crashes/")
        .map(|e| e.expect("a crash file").path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "tests/fuzz/crashes/ is empty");
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                while let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(failure) = replay_one(file) {
                        failures.lock().unwrap().push(failure);
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    assert!(
        failures.is_empty(),
        "{} of {} inputs in tests/fuzz/crashes/ did not end with a report:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
}

/// Puts one saved input in place of its target's file and runs the binary on it; says how it
/// ended when that was not with exit code 0 or 1 (or, for a hostile input, without naming it).
fn replay_one(file: &Path) -> Result<(), String> {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let target = Target::of_file(&name).ok_or_else(|| {
        let names: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
        format!(
            "{name}: the name does not start with a target ({})",
            names.join(", ")
        )
    })?;
    let input = std::fs::read(file).expect("read a saved crash");
    let runs = replay::ReplaySite::new().run(target, &input, &REPLAY_LIMITS);
    let ends: Vec<String> = runs.iter().map(replay::Run::describe).collect();
    let last = runs.last().expect("a run");
    let stderr = match crash::tail(&last.stderr, 6) {
        tail if tail.trim().is_empty() => "(nothing)".to_owned(),
        tail => tail,
    };
    let failure = |why: String| {
        Err(format!(
            "{name} (as {}): {why}; stderr ends:\n{stderr}",
            target.path
        ))
    };
    if last.crash.is_some() {
        return failure(ends.join(", then "));
    }
    let named = runs.iter().any(|r| r.stderr.contains(target.path));
    if name.contains("-hostile-") && !named {
        return failure(format!(
            "{}, and no message names {}",
            ends.join(", then "),
            target.path
        ));
    }
    Ok(())
}
