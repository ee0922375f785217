//! Running one input through the real binary, in a child process watched for its time and memory:
//! `motcua check`, then `motcua build` if the check passed (only writing pages minifies them).
//! The regression test replays the saved crashes this way, and the fuzzer uses it to confirm and
//! minimise what its workers found.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::crash::{self, Class, Kind, Limits};
use super::target::{self, Target};

/// How one command ended.
#[derive(Debug)]
pub struct Run {
    pub command: &'static str,
    /// `None` for the expected ends (exit code 0 or 1).
    pub crash: Option<Kind>,
    /// Whether it was killed for passing the limits.
    pub killed: bool,
    /// The exit code, when it exited.
    pub code: Option<i32>,
    pub stderr: String,
}

impl Run {
    /// "`motcua check` exited with 0", "`motcua build` crashed: stack-overflow".
    pub fn describe(&self) -> String {
        let command = format!("`motcua {}`", self.command);
        match (self.crash, self.killed) {
            (Some(Kind::Hang), true) => format!("{command} did not end in time and was killed"),
            (Some(_), true) => format!("{command} grew past the memory bound and was killed"),
            (Some(kind), false) => format!("{command} crashed: {}", kind.name()),
            (None, _) => format!("{command} exited with {}", self.code.unwrap_or(-1)),
        }
    }
}

/// A copy of the fuzz site the binary runs in; one input at a time is put in it.
pub struct ReplaySite {
    dir: tempfile::TempDir,
}

impl ReplaySite {
    pub fn new() -> ReplaySite {
        let dir = tempfile::Builder::new()
            .prefix("motcua-replay-")
            .tempdir()
            .expect("a folder for the replay's site");
        target::make_site(&dir.path().join("site"));
        ReplaySite { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    /// Runs `input` in place of the target's file; the fixture's file is put back after.
    pub fn run(&self, target: &Target, input: &[u8], limits: &Limits) -> Vec<Run> {
        let path = self.root().join(target.path);
        let original = std::fs::read(&path).expect("the fixture file");
        std::fs::write(&path, input).expect("write the input into the site");
        let check = self.command("check", &[], limits);
        let mut runs = vec![check];
        if runs[0].crash.is_none() && runs[0].code == Some(0) {
            let out = self.dir.path().join("public");
            runs.push(self.command("build", &["--out".as_ref(), out.as_os_str()], limits));
        }
        std::fs::write(&path, original).expect("put the fixture file back");
        runs
    }

    fn command(&self, verb: &'static str, extra: &[&std::ffi::OsStr], limits: &Limits) -> Run {
        let stderr_path = self.dir.path().join("stderr");
        let stderr = File::create(&stderr_path).expect("a file for stderr");
        let child = Command::new(env!("CARGO_BIN_EXE_motcua"))
            .arg(verb)
            .arg("--root")
            .arg(self.root())
            .args(extra)
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_MIN_STACK")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .expect("start motcua");
        let (status, killed) = watch(child, limits);
        let stderr = read_lossy(&stderr_path);
        let crash = killed.or_else(|| status.and_then(|s| crash::classify(s, &stderr)));
        Run {
            command: verb,
            crash,
            killed: killed.is_some(),
            code: status.and_then(|s| s.code()),
            stderr,
        }
    }
}

/// Waits for `child`, killing it when it passes a bound; returns its status, or the crash it
/// was killed for.
fn watch(
    mut child: std::process::Child,
    limits: &Limits,
) -> (Option<std::process::ExitStatus>, Option<Kind>) {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for motcua") {
            return (Some(status), None);
        }
        if let Some(kind) = limits.exceeded(child.id(), started) {
            let _ = child.kill();
            let _ = child.wait();
            return (None, Some(kind));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn read_lossy(path: &Path) -> String {
    String::from_utf8_lossy(&std::fs::read(path).unwrap_or_default()).into_owned()
}

/// The class of the first crash among the runs: the command it happened in is its stage.
pub fn crash_of(runs: &[Run]) -> Option<Class> {
    runs.iter()
        .find_map(|r| r.crash.map(|kind| Class::new(kind, r.command, &r.stderr)))
}
