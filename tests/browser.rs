//! The example site in a real browser: built and served on loopback by the real `motcua serve`
//! (which adds only its reload script to each page), then checked by the Node scripts in
//! tests/browser/ (Chromium at 320 and 375 px wide on every type of page, axe-core on every page,
//! the Nu Html Checker on every page). See tests/browser/run.js for what each one asserts.
//!
//! Needs Chromium (Debian's `chromium`, or the CHROMIUM variable), java, node 20+ and
//! `npm ci --prefix tests/browser`. Without them the test says what is missing and passes, except
//! under CI=true, where a missing tool fails it.

mod common;

use common::serve::Server;
use common::tools::{Needs, tools_or_skip};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The Node checks take about 40 s on two cores; this bounds a hung browser.
const NODE_TIME_LIMIT: Duration = Duration::from_secs(150);

#[test]
fn example_site_in_a_real_browser() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checks = repo.join("tests").join("browser");
    let needs = Needs {
        java: true,
        packages: &["playwright-core", "axe-core", "vnu-jar"],
    };
    let Some(chromium) = tools_or_skip("example_site_in_a_real_browser", needs) else {
        return;
    };

    // The server builds the site with its own address as the base URL, into `site`.
    let work = tempfile::tempdir().expect("a temporary folder");
    let site = work.path().join("site");
    let server = Server::start(repo, work.path(), &["--out".as_ref(), site.as_os_str()]);
    let base_url = format!("{}/", server.base_url);
    assert!(
        site.join("index.html").is_file(),
        "motcua serve did not build the example site:\n{}",
        server.stderr()
    );

    let shots = std::env::var_os("MOTCUA_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-screenshots"));
    let mut node = Command::new("node")
        .arg(checks.join("run.js"))
        .arg(&site)
        .arg(&base_url)
        .arg(&shots)
        .env("CHROMIUM", &chromium)
        .current_dir(&checks)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs");
    let out = node.stdout.take().unwrap();
    let err = node.stderr.take().unwrap();
    let out = std::thread::spawn(move || read_all(out));
    let err = std::thread::spawn(move || read_all(err));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = node.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > NODE_TIME_LIMIT {
            // SIGTERM first, so that Playwright closes Chromium; then make sure.
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(node.id().to_string())
                .status();
            std::thread::sleep(Duration::from_secs(3));
            let _ = node.kill();
            let _ = node.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let (out, err) = (out.join().unwrap(), err.join().unwrap());
    // Captured by the test harness: shown when the test fails, or with --nocapture.
    println!("{out}{err}\nscreenshots: {}", shots.display());
    match status {
        None => panic!("the browser checks did not finish within {NODE_TIME_LIMIT:?}:\n{out}{err}"),
        Some(s) => assert!(
            s.success(),
            "the browser checks failed ({s}); their report is above"
        ),
    }
}

fn read_all(mut r: impl Read) -> String {
    let mut s = String::new();
    let _ = r.read_to_string(&mut s);
    s
}
