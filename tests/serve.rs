//! `motcua serve` as an editor uses it: a real server process on a copy of the example site, real
//! HTTP requests, real edits of a procedure's YAML. The page follows a good edit; a bad edit keeps
//! the last good page with the errors over it, and the terminal names the file.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The procedure the test edits, and its permanent short address (from its code, 1.001193).
const PROCEDURE_FILE: &str = "content/procedures/ho-tich/dang-ky-khai-sinh.yaml";
const SHORT_ADDRESS: &str = "/p/1001193/";
const OLD_NAME: &str = "Đăng ký khai sinh";
const NEW_NAME: &str = "Đăng ký khai sinh cho trẻ mới sinh";
/// How long any one change may take to show up in the preview.
const PATIENCE: Duration = Duration::from_secs(20);

#[test]
fn preview_follows_edits_and_keeps_the_last_good_site_on_errors() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let root = work.path().join("site");
    copy_example_site(&root);
    // The server builds into a private folder under TMPDIR; point that into our folder too, so the
    // test can put a file just outside the served folder and check that it cannot be reached.
    let tmp = work.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();

    let server = Server::start(&root, &tmp);
    let base = server.base_url.clone();

    // 1. The procedure page, found through its permanent short address.
    let page_path = procedure_path(&base);
    let first = get(&base, &page_path);
    assert_eq!(first.status, 200, "GET {page_path}: {}", first.head);
    assert!(
        first.body.contains(OLD_NAME),
        "{page_path} does not show {OLD_NAME:?}"
    );
    assert!(
        first.body.contains("/__motcua/reload.js"),
        "{page_path} has no live-reload script"
    );
    assert!(
        !first.body.contains("motcua-errors"),
        "{page_path} shows an error overlay after a good build"
    );

    // 2. A good edit: rename the procedure. Renaming may move the page (its address comes from the
    //    name unless `slug` pins it), so it is looked up again through the short address each time.
    let yaml_path = root.join(PROCEDURE_FILE);
    let original = std::fs::read_to_string(&yaml_path).unwrap();
    let renamed = original.replacen(
        &format!("name: {OLD_NAME}\n"),
        &format!("name: {NEW_NAME}\n"),
        1,
    );
    assert_ne!(
        renamed, original,
        "{PROCEDURE_FILE} has no line `name: {OLD_NAME}`"
    );
    std::fs::write(&yaml_path, &renamed).unwrap();
    let (good_path, good) = wait_for(&server, "the renamed procedure to be served", || {
        let path = procedure_path(&base);
        let page = get(&base, &path);
        (page.status == 200 && page.body.contains(NEW_NAME)).then_some((path, page))
    });
    assert!(
        !good.body.contains("motcua-errors"),
        "{good_path} shows an error overlay after a good rebuild"
    );
    let mut generation = generation_of(&good.body);

    // 3. A bad edit: the YAML no longer parses.
    let broken = renamed.replacen(
        &format!("name: {NEW_NAME}\n"),
        "name: [Đăng ký khai sinh\nsummary: : :\n",
        1,
    );
    std::fs::write(&yaml_path, &broken).unwrap();
    let failed = wait_for(&server, "the preview to report the failed build", || {
        // Long-polls for the next build (the server answers at once when one has finished).
        let status = get(&base, &format!("/__motcua/poll?since={generation}"));
        assert_eq!(status.status, 200, "GET /__motcua/poll: {}", status.head);
        let json: serde_json::Value = serde_json::from_str(&status.body)
            .unwrap_or_else(|e| panic!("/__motcua/poll answered {:?}: {e}", status.body));
        generation = json["generation"]
            .as_u64()
            .expect("poll answer has a generation");
        (json["ok"] == false).then_some(json)
    });
    let overlay = failed["overlay"].as_str().unwrap_or_default();
    assert!(
        overlay.contains("dang-ky-khai-sinh.yaml"),
        "the poll answer's error overlay does not name the broken file:\n{overlay}"
    );

    let after = get(&base, &good_path);
    assert_eq!(
        after.status, 200,
        "after the failed build, GET {good_path}: {}",
        after.head
    );
    assert!(
        after.body.contains(NEW_NAME),
        "after the failed build, {good_path} is no longer the last good version"
    );
    let overlay = after
        .body
        .find("id=\"motcua-errors\"")
        .map(|i| &after.body[i..])
        .unwrap_or_else(|| {
            panic!("after the failed build, {good_path} has no #motcua-errors overlay")
        });
    assert!(
        overlay.contains("dang-ky-khai-sinh.yaml"),
        "the #motcua-errors overlay does not name the broken file:\n{overlay}"
    );
    // The terminal is read by another thread: give it a moment to catch up.
    wait_for(
        &server,
        "the server's terminal output to name the broken file",
        || {
            server
                .stderr()
                .contains("dang-ky-khai-sinh.yaml")
                .then_some(())
        },
    );

    // 4. Requests cannot climb out of the served folder. A copy of Cargo.toml sits right beside
    //    it, where `/../Cargo.toml` would land if `..` were followed.
    let served = std::fs::read_dir(&tmp)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.join("site").join("index.html").is_file())
        .unwrap_or_else(|| {
            panic!(
                "no served folder with index.html under TMPDIR {}",
                tmp.display()
            )
        });
    let secret =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    std::fs::write(served.join("Cargo.toml"), &secret).unwrap();
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E%2FCargo.toml",
        "/thu-tuc/../../Cargo.toml",
        "/..%5cCargo.toml",
    ] {
        let r = get(&base, path);
        assert!(
            r.status != 200 && !r.body.contains("[package]"),
            "GET {path} escaped the site: {} with\n{}",
            r.head,
            r.body.chars().take(300).collect::<String>()
        );
    }
}

/// Copies what a site is made of (site.toml, content/, themes/) from the repository.
fn copy_example_site(to: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(to).unwrap();
    std::fs::copy(repo.join("site.toml"), to.join("site.toml")).unwrap();
    for dir in ["content", "themes"] {
        copy_dir(&repo.join(dir), &to.join(dir));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The `motcua serve` child process; killed when dropped, also when the test panics.
struct Server {
    child: Child,
    base_url: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(root: &Path, tmp: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_motcua"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .env("TMPDIR", tmp)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("motcua serve starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let err_pipe = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(err_pipe).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        let (tx, rx) = mpsc::channel();
        let out_pipe = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out_pipe).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut server = Server {
            child,
            base_url: String::new(),
            stderr,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while server.base_url.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    if let Some(url) = line
                        .split_whitespace()
                        .find(|w| w.starts_with("http://127.0.0.1:"))
                    {
                        server.base_url = url.trim_end_matches('/').to_owned();
                    }
                }
                Err(_) => panic!(
                    "motcua serve printed no `serving … at http://127.0.0.1:PORT/` line within 60 s; stderr:\n{}",
                    server.stderr()
                ),
            }
        }
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || while rx.recv().is_ok() {});
        server
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Retries `probe` with short sleeps until it gives a value, for at most `PATIENCE`.
fn wait_for<T>(server: &Server, what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(v) = probe() {
            return v;
        }
        assert!(
            Instant::now() < deadline,
            "gave up after {PATIENCE:?} waiting for {what}; server stderr:\n{}",
            server.stderr()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Follows the short address's redirect page to the procedure page's path.
fn procedure_path(base: &str) -> String {
    let r = get(base, SHORT_ADDRESS);
    assert_eq!(r.status, 200, "GET {SHORT_ADDRESS}: {}", r.head);
    let at = r
        .body
        .find("url=")
        .unwrap_or_else(|| panic!("{SHORT_ADDRESS} is not a redirect page:\n{}", r.body));
    let target: String = r.body[at + 4..]
        .chars()
        .take_while(|c| !matches!(c, '"' | '\'' | '>' | ' '))
        .collect();
    match target.strip_prefix(base) {
        Some(path) => path.to_owned(),
        None => target,
    }
}

/// The build generation a served page was rendered in (`data-generation` of the reload script).
fn generation_of(html: &str) -> u64 {
    let at = html
        .find("data-generation=\"")
        .expect("the page carries the reload script's data-generation")
        + 17;
    html[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

/// One HTTP/1.1 GET with `Connection: close`; `path` is sent exactly as given.
fn get(base: &str, path: &str) -> Response {
    let authority = base.trim_start_matches("http://").trim_end_matches('/');
    let mut stream =
        TcpStream::connect(authority).unwrap_or_else(|e| panic!("connect to {authority}: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(40)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("GET {path}: no HTTP head"));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        head,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&data[..eol])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next()?.trim(), 16).ok());
        let Some(size) = size.filter(|&n| n > 0) else {
            break;
        };
        let start = eol + 2;
        out.extend_from_slice(&data[start..(start + size).min(data.len())]);
        data = &data[(start + size + 2).min(data.len())..];
    }
    out
}
