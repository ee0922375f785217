//! What counts as a crash, and how one is told from the way a process ended: a panic, a stack
//! overflow or other abort, memory past a bound, or no end in time. A run that reports problems
//! and exits with 1 is not a crash: that is what broken content should get.

use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;
use std::time::{Duration, Instant};

use super::target::Target;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Panic,
    StackOverflow,
    /// Resident memory past the bound, or an allocation that failed.
    OutOfMemory,
    /// No end within the deadline.
    Hang,
    /// Another signal (SIGSEGV without Rust's stack overflow message, SIGILL, …).
    Signal(i32),
    /// An exit code that is neither success nor "the content has errors".
    Exit(i32),
}

impl Kind {
    /// As it appears in crash file names: `stack-overflow`, `signal-11`.
    pub fn name(&self) -> String {
        match self {
            Kind::Panic => "panic".into(),
            Kind::StackOverflow => "stack-overflow".into(),
            Kind::OutOfMemory => "out-of-memory".into(),
            Kind::Hang => "hang".into(),
            Kind::Signal(n) => format!("signal-{n}"),
            Kind::Exit(n) => format!("exit-{n}"),
        }
    }
}

/// The exit code a fuzz worker ends with when a case panicked.
pub const WORKER_PANIC: i32 = 86;

/// How a process ended that was not killed for its time or memory, read from its status and the
/// last of its stderr; `None` for the two expected ends, exit codes 0 and 1.
pub fn classify(status: ExitStatus, stderr: &str) -> Option<Kind> {
    let kind = if stderr.contains("has overflowed its stack") {
        Kind::StackOverflow
    } else if stderr.contains("memory allocation of") {
        Kind::OutOfMemory
    } else if stderr.contains("panicked at") || status.code() == Some(WORKER_PANIC) {
        Kind::Panic
    } else if let Some(signal) = status.signal() {
        Kind::Signal(signal)
    } else {
        match status.code() {
            Some(0 | 1) => return None,
            Some(code) => Kind::Exit(code),
            None => Kind::Signal(0),
        }
    };
    Some(kind)
}

/// A class of crashes: how, in which stage and, for a panic, where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Class {
    pub kind: Kind,
    /// `load`, `check` (rendering in memory) or `build` (minifying and writing); `start` when the
    /// worker died before a stage began.
    pub stage: &'static str,
    /// Where a panic happened: `graphical.rs:1159`.
    pub place: Option<String>,
}

impl Class {
    pub fn new(kind: Kind, stage: &'static str, stderr: &str) -> Class {
        let place = (kind == Kind::Panic)
            .then(|| panic_location(stderr))
            .flatten();
        Class { kind, stage, place }
    }

    /// `stack-overflow-build`, `panic-at-graphical-rs-1159`: what a saved crash file's name says
    /// after its target.
    pub fn label(&self) -> String {
        match &self.place {
            Some(place) => {
                let place: String = place
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                    .collect();
                format!("panic-at-{place}")
            }
            None => format!("{}-{}", self.kind.name(), self.stage),
        }
    }

    /// The class the binary shows for this one: it loads in `check`.
    pub fn in_binary(&self) -> Class {
        let stage = if self.stage == "load" {
            "check"
        } else {
            self.stage
        };
        Class {
            stage,
            ..self.clone()
        }
    }

    /// Crashes with the same key are taken for one bug: a panic by where it happened, others by
    /// the format of the file, how and in which stage. The YAML of a procedure overflows the
    /// stack in the same parser as that of a registry, so one saved example does for both.
    pub fn key(&self, target: &Target) -> String {
        key(target, &self.label())
    }
}

fn key(target: &Target, label: &str) -> String {
    if label.starts_with("panic-at-") {
        label.to_owned()
    } else {
        format!("{}-{label}", target.format.name())
    }
}

/// The key of a saved crash, from its file name: `<target>-<label>-<hash>.<ext>`.
pub fn key_of_file(name: &str) -> Option<String> {
    let target = Target::of_file(name)?;
    let stem = name.rsplit_once('.')?.0;
    let label = stem
        .strip_prefix(target.name)?
        .strip_prefix('-')?
        .rsplit_once('-')?
        .0;
    Some(key(target, label))
}

/// The file and line a panic happened at, from `panicked at src/handlers/graphical.rs:1159:22:`.
fn panic_location(stderr: &str) -> Option<String> {
    let after = stderr.split("panicked at ").nth(1)?;
    let mut parts = after.split([':', '\n']);
    let file = parts.next()?.rsplit('/').next()?;
    let line = parts.next()?;
    Some(format!("{file}:{line}"))
}

/// The bounds a run of one case must stay within.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub deadline: Duration,
    pub rss_bytes: u64,
}

/// One case: well over what the fixture needs (a tenth of a second, 100 MB) and well under what
/// the machine has.
pub const CASE_LIMITS: Limits = Limits {
    deadline: Duration::from_secs(10),
    rss_bytes: 2 << 30,
};

/// Minimising: half as much again, so that what is saved passes [`CASE_LIMITS`] with room to
/// spare (see `Slot::roomy`).
pub const ROOMY_LIMITS: Limits = Limits {
    deadline: Duration::from_secs(15),
    rss_bytes: 3 << 30,
};

impl Limits {
    /// The crash a process is to be killed for, if it has passed a bound.
    pub fn exceeded(&self, pid: u32, started: Instant) -> Option<Kind> {
        if started.elapsed() > self.deadline {
            return Some(Kind::Hang);
        }
        rss_bytes(pid)
            .filter(|rss| *rss > self.rss_bytes)
            .map(|_| Kind::OutOfMemory)
    }
}

/// A process's resident memory, from `/proc/<pid>/status`.
pub fn rss_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line
        .trim_start_matches("VmRSS:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

/// The last `n` lines of a text, for failure messages.
pub fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}
