//! Printing built pages to PDF through a locally installed Chromium, for print shops.
//!
//! The site is served over loopback HTTP (not file://), so that its site-absolute links and
//! stylesheets resolve exactly as on the published site; each page is printed by its own
//! headless Chromium with `--print-to-pdf`, which honours the pages' `@page` rules.

use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tiny_http::{Header, Response, Server};

use crate::output::content_type;

/// Names Chromium goes by on PATH, in order of preference.
const BROWSERS: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];
/// A print that takes longer than this has hung.
const PRINT_TIME_LIMIT: Duration = Duration::from_secs(90);

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

/// Serves `root` on a free loopback port, with `prefix` (the site's base path, e.g. `/` or
/// `/tthc/`) stripped from requests. Returns the origin, e.g. `http://127.0.0.1:41234`.
pub fn serve(root: PathBuf, prefix: String) -> std::io::Result<String> {
    let server = Server::http("127.0.0.1:0").map_err(std::io::Error::other)?;
    let origin = format!(
        "http://{}",
        server.server_addr().to_ip().expect("an IP address")
    );
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let path = request
                .url()
                .split(['?', '#'])
                .next()
                .unwrap_or("/")
                .to_owned();
            let rel = path
                .strip_prefix(prefix.as_str())
                .or_else(|| path.strip_prefix('/'))
                .unwrap_or(&path);
            let mut file = root.clone();
            if Path::new(rel)
                .components()
                .any(|c| !matches!(c, Component::Normal(_)))
            {
                let _ = request.respond(Response::from_string("bad path").with_status_code(400));
                continue;
            }
            file.push(rel);
            if file.is_dir() {
                file.push("index.html");
            }
            let response = match std::fs::read(&file) {
                Ok(bytes) => {
                    let kind = content_type(&file);
                    Response::from_data(bytes).with_header(
                        Header::from_bytes("Content-Type", kind).expect("valid header"),
                    )
                }
                Err(_) => Response::from_data(b"not found".to_vec()).with_status_code(404),
            };
            let _ = request.respond(response);
        }
    });
    Ok(origin)
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
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut e, &mut err);
        }
        Err(format!(
            "Chromium could not print {url} ({status}): {}",
            err.trim()
        ))
    }
}
