//! The outside tools a browser test needs, found or reported: Chromium, node 20+, java and the npm
//! packages of tests/browser/. Without them a test prints one line naming what is missing and
//! passes, except under CI=true, where a missing tool fails it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What one browser test needs besides Chromium and node.
pub struct Needs<'a> {
    pub java: bool,
    /// Packages that must be installed in tests/browser/node_modules.
    pub packages: &'a [&'a str],
}

/// Finds what `test` needs; returns Chromium's path, or says once what is missing.
pub fn tools_or_skip(test: &str, needs: Needs) -> Option<PathBuf> {
    let checks = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("browser");
    let mut missing = Vec::new();
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.is_file() {
        missing.push(format!(
            "Debian package chromium not installed, no {} (apt-get install chromium)",
            chromium.display()
        ));
    }
    if needs.java && !runs("java", &["-version"]) {
        missing.push("java not found (apt-get install default-jre-headless)".to_owned());
    }
    if let Some(problem) = node_problem() {
        missing.push(problem);
    }
    let absent: Vec<&str> = needs
        .packages
        .iter()
        .copied()
        .filter(|p| {
            !checks
                .join("node_modules")
                .join(p)
                .join("package.json")
                .is_file()
        })
        .collect();
    if !absent.is_empty() {
        missing.push(format!(
            "npm package {} not installed in tests/browser/node_modules (npm ci --ignore-scripts --prefix tests/browser)",
            absent.join(", ")
        ));
    }
    if missing.is_empty() {
        return Some(chromium);
    }
    let line = missing.join("; ");
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true and {test} cannot run: {line}"
    );
    // Straight to stderr, past the harness's capture, so that the skip is seen.
    let _ = writeln!(std::io::stderr(), "{test} skipped: {line}");
    None
}

/// Why node cannot run the checks (absent, or older than 20), if it cannot.
fn node_problem() -> Option<String> {
    match Command::new("node").arg("--version").output() {
        Ok(o) if o.status.success() => {
            let version = String::from_utf8_lossy(&o.stdout).trim().to_owned();
            let major: u32 = version
                .trim_start_matches('v')
                .split('.')
                .next()
                .and_then(|m| m.parse().ok())
                .unwrap_or(0);
            (major < 20).then(|| format!("node {version} is too old, 20 or later is needed"))
        }
        _ => {
            Some("node not found (Node.js 20 or later, e.g. apt-get install nodejs npm)".to_owned())
        }
    }
}

fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}
