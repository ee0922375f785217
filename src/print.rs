//! Printing built pages to PDF through a locally installed Chromium, for print shops.
//!
//! The site is served over loopback HTTP (not file://), by the preview's server
//! (`serve::serve_in_background`), so that its site-absolute links and stylesheets resolve
//! exactly as on the published site; each page is printed by its own headless Chromium with `--print-to-pdf`, which honours the pages' `@page` rules.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Names Chromium goes by on PATH, in order of preference.
const BROWSERS: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];
/// A print that takes longer than this has hung.
const PRINT_TIME_LIMIT: Duration = Duration::from_secs(90);
/// How long a failed print's error output may take to end after Chromium exits.
const STDERR_GRACE: Duration = Duration::from_secs(5);

/// Chromium: `CHROMIUM` if set, else the first of the usual names on PATH.
pub fn find_chromium() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(format!(
                "CHROMIUM is set to {}, which is not a file",
                path.display()
            ))
        };
    }
    let dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    BROWSERS.iter().flat_map(|name| dirs.iter().map(move |d| d.join(name))).find(|p| p.is_file()).ok_or_else(|| {
        "Chromium was not found (looked for chromium, chromium-browser, google-chrome on PATH); \
         install Debian's `chromium` package (apt-get install chromium), or set CHROMIUM to its path"
            .to_owned()
    })
}

/// Prints `url` to `pdf` with a fresh profile in `profile`. The page's own `@page` rules set
/// the paper size and margins; Chromium's header and footer (date, address) are left off.
pub fn print_to_pdf(chromium: &Path, url: &str, pdf: &Path, profile: &Path) -> Result<(), String> {
    let _ = std::fs::remove_file(pdf);
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", chromium.display()))?;
    // Read while Chromium runs: a Chromium that logs more than the pipe holds would otherwise
    // wait for a reader until the time limit.
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let (tell, said) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stderr.read_to_end(&mut text);
        let _ = tell.send(String::from_utf8_lossy(&text).into_owned());
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > PRINT_TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "Chromium did not finish printing {url} within {PRINT_TIME_LIMIT:?}"
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let written = std::fs::metadata(pdf).map(|m| m.len() > 0).unwrap_or(false);
    if status.success() && written {
        Ok(())
    } else {
        // Chromium's helper processes share the pipe; one left behind must not hold us.
        let err = said.recv_timeout(STDERR_GRACE).unwrap_or_default();
        Err(format!(
            "Chromium could not print {url} ({status}): {}",
            err.trim()
        ))
    }
}
