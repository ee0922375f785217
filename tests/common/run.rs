//! Running the real `motcua` binary and reading what it reported: exit code, output, and the
//! problems of `check` and `build`, read from their JSON (`--format json`).

use std::path::Path;
use std::process::Command;

use super::diagnostics::{Diag, Report};

/// One finished run of the binary.
pub struct Run {
    pub command: String,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    /// The problems it printed as JSON; `None` when it was not asked to, or stopped before
    /// reporting (a usage error).
    report: Option<Report>,
}

impl Run {
    /// Runs `<wrapper…> motcua <args>` in `dir`. `check` and `build` get `--format json` unless
    /// `args` name a format.
    pub fn start(dir: &Path, wrapper: &[&str], args: &[&str]) -> Run {
        let mut args: Vec<&str> = args.to_vec();
        let json = matches!(args.first(), Some(&("check" | "build")))
            && !args.iter().any(|a| a.starts_with("--format"));
        if json {
            args.extend(["--format", "json"]);
        }
        let binary = env!("CARGO_BIN_EXE_motcua");
        let mut command = match wrapper.split_first() {
            Some((program, rest)) => {
                let mut c = Command::new(program);
                c.args(rest).arg(binary);
                c
            }
            None => Command::new(binary),
        };
        let output = command
            .args(&args)
            .current_dir(dir)
            .env_remove("RUST_BACKTRACE")
            .output()
            .expect("run motcua");
        let mut run = Run {
            command: format!("motcua {}", args.join(" ")),
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            report: None,
        };
        // Content errors (1) and success (0) are reported; a usage error (2) stops before.
        if json && matches!(run.code, Some(0 | 1)) {
            let report = Report::find(&run.stdout);
            run.report = Some(report.unwrap_or_else(|| {
                panic!("`{}` printed no JSON report\n{}", run.command, run.dump())
            }));
        }
        run
    }

    /// Exit code 0.
    pub fn succeeds(&self) -> &Run {
        self.exit_code(0)
    }

    /// Exit code 1: the content has errors.
    pub fn fails(&self) -> &Run {
        self.exit_code(1)
    }

    pub fn exit_code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(expected),
            "`{}` exit code\n{}",
            self.command,
            self.dump()
        );
        self
    }

    pub fn stderr_has(&self, text: &str) -> &Run {
        assert!(
            self.stderr.contains(text),
            "stderr of `{}` lacks {text:?}\n{}",
            self.command,
            self.dump()
        );
        self
    }

    pub fn stderr_lacks(&self, text: &str) -> &Run {
        assert!(
            !self.stderr.contains(text),
            "stderr of `{}` has {text:?}\n{}",
            self.command,
            self.dump()
        );
        self
    }

    /// Neither the terminal output nor the reported problems contain `text`.
    pub fn output_lacks(&self, text: &str) -> &Run {
        self.stderr_lacks(text);
        assert!(
            !self.stdout.contains(text),
            "stdout of `{}` has {text:?}\n{}",
            self.command,
            self.dump()
        );
        self
    }

    pub fn stdout_has(&self, text: &str) -> &Run {
        assert!(
            self.stdout.contains(text),
            "stdout of `{}` lacks {text:?}\n{}",
            self.command,
            self.dump()
        );
        self
    }

    /// Every error and warning reported, errors first, by file and position.
    pub fn diagnostics(&self) -> Vec<Diag> {
        match &self.report {
            Some(report) => report.diagnostics.clone(),
            None => {
                assert!(
                    !self.command.contains("--format human"),
                    "`{}` reports for a reader, not as JSON",
                    self.command
                );
                Vec::new()
            }
        }
    }

    pub fn errors(&self) -> Vec<Diag> {
        self.diagnostics()
            .into_iter()
            .filter(Diag::is_error)
            .collect()
    }

    pub fn warnings(&self) -> Vec<Diag> {
        self.diagnostics()
            .into_iter()
            .filter(|d| !d.is_error())
            .collect()
    }

    /// The one error whose message contains `text`.
    pub fn error(&self, text: &str) -> Diag {
        self.one(true, text)
    }

    /// The one warning whose message contains `text`.
    pub fn warning(&self, text: &str) -> Diag {
        self.one(false, text)
    }

    /// The numbers of errors and warnings reported; (0, 0) when nothing was reported.
    pub fn counts(&self) -> (usize, usize) {
        self.report
            .as_ref()
            .map_or((0, 0), |r| (r.errors, r.warnings))
    }

    fn one(&self, is_error: bool, text: &str) -> Diag {
        let kind = if is_error { "error" } else { "warning" };
        let found: Vec<Diag> = self
            .diagnostics()
            .into_iter()
            .filter(|d| d.is_error() == is_error && d.message.contains(text))
            .collect();
        match found.len() {
            1 => found.into_iter().next().unwrap(),
            0 => panic!(
                "`{}` printed no {kind} saying {text:?}\n{}",
                self.command,
                self.dump()
            ),
            n => panic!(
                "`{}` printed {n} {kind}s saying {text:?}\n{}",
                self.command,
                self.dump()
            ),
        }
    }

    /// What the run printed, for failure messages.
    pub fn dump(&self) -> String {
        format!("--- stdout\n{}--- stderr\n{}---", self.stdout, self.stderr)
    }
}
