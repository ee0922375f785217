//! The supervisor's side of a worker: starting it, sending it a case, and watching it run the
//! case — its announcements, its exit, its memory and the case's deadline. A worker that crashes
//! or is killed is replaced on the next case.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::crash::{self, Class, Kind, Limits};
use super::target::Target;
use super::worker::{Mode, POOL_STACK, ROOMY_ENV, WORKER_ENV};

/// How often a running case's memory and deadline are looked at. Memory grows by a few hundred
/// megabytes in that time at the most, so the bound is not passed by much before the kill.
const POLL: Duration = Duration::from_millis(20);

/// The most of a worker's stderr that is kept: the end of it says how it died.
const STDERR_KEPT: usize = 16 << 10;

pub enum Outcome {
    /// `check` passed, and `build` was run too.
    Valid,
    /// `check` reported problems, as broken content should.
    Invalid,
    Crash(Crash),
}

impl Outcome {
    pub fn name(&self) -> String {
        match self {
            Outcome::Valid => "valid".into(),
            Outcome::Invalid => "invalid".into(),
            Outcome::Crash(c) => format!("{} in {}", c.class.kind.name(), c.class.stage),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Crash {
    pub class: Class,
    /// The last lines the worker wrote to stderr.
    pub stderr: String,
}

/// A worker process, started when first needed and again after each crash.
#[derive(Default)]
pub struct Slot {
    worker: Option<Worker>,
    roomy: bool,
}

impl Slot {
    /// A slot whose workers have stacks half as large again as the binary's. A crash minimised
    /// there still overflows the binary's stacks with room to spare: minimised on the binary's
    /// own, it would stop just past the depth that overflows today, and a later change that
    /// saves a few bytes a frame would let it pass with the bug still there.
    pub fn roomy() -> Slot {
        Slot {
            worker: None,
            roomy: true,
        }
    }

    pub fn run(&mut self, mode: Mode, target: &Target, case: &[u8], limits: &Limits) -> Outcome {
        let roomy = self.roomy;
        let worker = self.worker.get_or_insert_with(|| Worker::start(roomy));
        let outcome = worker.run(mode, target, case, limits);
        if matches!(outcome, Outcome::Crash(_)) {
            self.worker = None;
        }
        outcome
    }
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    /// The worker's `@fuzz …` lines, without the prefix.
    said: Receiver<String>,
    stderr: Arc<Mutex<Vec<u8>>>,
    stderr_reader: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts the test binary again, running only the `fuzz` test, as a worker.
    fn start(roomy: bool) -> Worker {
        let exe = std::env::current_exe().expect("the test binary");
        let mut command = Command::new(exe);
        command
            .args([
                "fuzz",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(WORKER_ENV, "1")
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_MIN_STACK");
        if roomy {
            let pool_stack = POOL_STACK * 3 / 2;
            command
                .env(ROOMY_ENV, "1")
                .env("RUST_MIN_STACK", pool_stack.to_string());
        }
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start a fuzz worker");
        let stdin = child.stdin.take().expect("the worker's stdin");
        let said = read_announcements(child.stdout.take().expect("the worker's stdout"));
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let stderr_reader = keep_tail(child.stderr.take().expect("stderr"), stderr.clone());
        let worker = Worker {
            child,
            stdin,
            said,
            stderr,
            stderr_reader: Some(stderr_reader),
        };
        match worker.said.recv_timeout(Duration::from_secs(60)).as_deref() {
            Ok("ready") => worker,
            other => panic!("a fuzz worker did not start ({other:?})"),
        }
    }

    fn run(&mut self, mode: Mode, target: &Target, case: &[u8], limits: &Limits) -> Outcome {
        self.stderr.lock().unwrap().clear();
        let header = format!("case {} {} {}\n", mode.name(), target.name, case.len());
        // A worker that cannot be written to has died; waiting below says how.
        let _ = self
            .stdin
            .write_all(header.as_bytes())
            .and_then(|()| self.stdin.write_all(case))
            .and_then(|()| self.stdin.flush());
        let started = Instant::now();
        let mut stage = "start";
        loop {
            match self.said.recv_timeout(POLL) {
                Ok(line) => match line.as_str() {
                    "stage load" => stage = "load",
                    "stage check" => stage = "check",
                    "stage build" => stage = "build",
                    "done valid" => return Outcome::Valid,
                    "done invalid" => return Outcome::Invalid,
                    _ => {}
                },
                Err(RecvTimeoutError::Timeout) => {
                    if let Some(kind) = limits.exceeded(self.child.id(), started) {
                        let _ = self.child.kill();
                        return Outcome::Crash(self.ended(Some(kind), stage));
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Outcome::Crash(self.ended(None, stage));
                }
            }
        }
    }

    /// The crash a worker ended with: `killed` for, or as its exit status and stderr tell.
    fn ended(&mut self, killed: Option<Kind>, stage: &'static str) -> Crash {
        let status = self.child.wait().expect("wait for the worker");
        if let Some(reader) = self.stderr_reader.take() {
            let _ = reader.join();
        }
        let stderr = String::from_utf8_lossy(&self.stderr.lock().unwrap()).into_owned();
        let kind = killed
            .or_else(|| crash::classify(status, &stderr))
            // A worker that exits 0 or 1 in the middle of a case has still died.
            .unwrap_or(Kind::Exit(status.code().unwrap_or(-1)));
        Crash {
            class: Class::new(kind, stage, &stderr),
            stderr: crash::tail(&stderr, 12),
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Forwards the worker's `@fuzz` lines; the channel closes when its stdout does. The first one
/// shares its line with the test harness's `test fuzz ... `.
fn read_announcements(stdout: impl Read + Send + 'static) -> Receiver<String> {
    let (send, receive) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some((_, what)) = line.split_once("@fuzz ")
                && send.send(what.to_owned()).is_err()
            {
                break;
            }
        }
    });
    receive
}

/// Drains the worker's stderr (its diagnostics would otherwise fill the pipe), keeping the end.
fn keep_tail(mut stderr: impl Read + Send + 'static, kept: Arc<Mutex<Vec<u8>>>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buf = [0; 8192];
        while let Ok(n) = stderr.read(&mut buf) {
            if n == 0 {
                break;
            }
            let mut kept = kept.lock().unwrap();
            kept.extend_from_slice(&buf[..n]);
            if kept.len() > STDERR_KEPT {
                let excess = kept.len() - STDERR_KEPT;
                kept.drain(..excess);
            }
        }
    })
}
