//! The example site in a real browser: built by the real binary, served over HTTP on loopback,
//! then checked by the Node scripts in tests/browser/ (Chromium at phone width, axe-core on every
//! page, the Nu Html Checker on every page). See tests/browser/run.js for what each one asserts.
//!
//! Needs Chromium (Debian's `chromium`, or the CHROMIUM variable), java, node 20+ and
//! `npm ci --prefix tests/browser`. Without them the test says what is missing and passes, except
//! under CI=true, where a missing tool fails it.

mod common;

use common::tools::{Needs, tools_or_skip};
use motcua::output::content_type;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
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

    // The address must be known before the build, which writes it into the pages.
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base_url = format!("http://{}/", listener.local_addr().unwrap());
    let work = tempfile::tempdir().expect("a temporary folder");
    let site = work.path().join("site");

    common::build_example(&site, &["--base-url", &base_url]);

    let root = site.clone();
    std::thread::spawn(move || serve_folder(listener, root));

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

/// A minimal static file server for the built site: GET and HEAD, one thread a connection,
/// `Connection: close`. Enough for a browser; not `motcua serve`, which injects its reload script.
fn serve_folder(listener: TcpListener, root: PathBuf) {
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        std::thread::spawn(move || {
            let _ = answer(stream, &root);
        });
    }
}

fn answer(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let url_path = target.split(['?', '#']).next().unwrap_or("/");
    let (status, kind, body, location) = match (method, local_path(root, url_path)) {
        ("GET" | "HEAD", Some(path)) if path.is_dir() && !url_path.ends_with('/') => {
            (301, "text/plain", Vec::new(), Some(format!("{url_path}/")))
        }
        ("GET" | "HEAD", Some(path)) => {
            let file = if path.is_dir() {
                path.join("index.html")
            } else {
                path
            };
            match std::fs::read(&file) {
                Ok(body) => (200, content_type(&file), body, None),
                Err(_) => (
                    404,
                    "text/html; charset=utf-8",
                    std::fs::read(root.join("404.html")).unwrap_or_default(),
                    None,
                ),
            }
        }
        ("GET" | "HEAD", None) => (400, "text/plain", b"bad path".to_vec(), None),
        _ => (405, "text/plain", Vec::new(), None),
    };
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        reason(status),
        body.len()
    );
    if let Some(location) = location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

/// The file under `root` for a URL path, or None if it tries to leave `root`.
fn local_path(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut path = root.to_path_buf();
    for comp in Path::new(decoded.trim_start_matches('/')).components() {
        match comp {
            Component::Normal(c) => path.push(c),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(path)
}

fn percent_decode(s: &str) -> Option<String> {
    let mut out = Vec::with_capacity(s.len());
    let mut bytes = s.bytes();
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let hex = [bytes.next()?, bytes.next()?];
            out.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
        } else {
            out.push(b);
        }
    }
    String::from_utf8(out).ok()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Method Not Allowed",
    }
}
