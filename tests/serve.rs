//! `motcua serve` as an editor uses it: a real server process on a copy of a site, real HTTP
//! requests over TCP, real edits of a procedure's YAML. The page follows a good edit; a bad edit
//! keeps the last good page with the errors over it, and the terminal names the file.
//!
//! And the server holds: it answers only requests for its own loopback address (DNS rebinding),
//! answers a malformed request 400, serves no link out of its folder and opens no FIFO, keeps no
//! thread for a slow client and cuts it off, and left alone it neither rebuilds nor reloads an
//! open page (counted in Chromium, through tests/browser/reloads.mjs, where it is installed).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::serve::{Server, get};
use common::{attribute_values, outer_html, redirect_target};

/// The procedure the test edits, and its permanent short address (from its code, 1.001193).
const PROCEDURE_FILE: &str = "content/procedures/ho-tich/dang-ky-khai-sinh.yaml";
const SHORT_ADDRESS: &str = "/p/1001193/";
const OLD_NAME: &str = "Đăng ký khai sinh";
const NEW_NAME: &str = "Đăng ký khai sinh cho trẻ mới sinh";
/// How long any one change may take to show up in the preview.
const PATIENCE: Duration = Duration::from_secs(20);

#[test]
fn preview_follows_edits_and_keeps_the_last_good_site_on_errors() {
    let preview = Preview::of_example_site();
    let (server, root, tmp) = (&preview.server, &preview.root, &preview.tmp);
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
    let (good_path, good) = wait_for(server, "the renamed procedure to be served", || {
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
    let failed = wait_for(server, "the preview to report the failed build", || {
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
    let overlays = outer_html(&after.body, "#motcua-errors");
    let overlay = overlays.first().unwrap_or_else(|| {
        panic!("after the failed build, {good_path} has no #motcua-errors overlay")
    });
    assert!(
        overlay.contains("dang-ky-khai-sinh.yaml"),
        "the #motcua-errors overlay does not name the broken file:\n{overlay}"
    );
    // The terminal is read by another thread: give it a moment to catch up.
    wait_for(
        server,
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
    let served = build_folder(tmp);
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

/// A `motcua serve` process on a copy of a site, building into a private folder under `tmp`.
struct Preview {
    // Declared first, so that the server is stopped before its folders are removed.
    server: Server,
    root: PathBuf,
    tmp: PathBuf,
    _work: tempfile::TempDir,
}

impl Preview {
    /// The repository's example site (32 procedures).
    fn of_example_site() -> Preview {
        Preview::start(copy_example_site)
    }

    /// The small fixture site of the CLI tests.
    fn of_minimal_site() -> Preview {
        Preview::start(|root| common::populate(root, "minimal"))
    }

    fn start(copy_site: impl FnOnce(&Path)) -> Preview {
        let work = tempfile::tempdir().expect("a temporary folder");
        let root = work.path().join("site");
        copy_site(&root);
        // The server builds into a private folder under TMPDIR; point that into our folder too,
        // so that a test can reach the served folder and put files beside it.
        let tmp = work.path().join("tmp");
        std::fs::create_dir_all(&tmp).unwrap();
        let server = Server::start(&root, &tmp, &[]);
        Preview {
            server,
            root,
            tmp,
            _work: work,
        }
    }

    /// The folder the server serves (the last good build).
    fn served(&self) -> PathBuf {
        build_folder(&self.tmp).join("site")
    }
}

#[test]
fn only_requests_for_the_loopback_address_are_answered() {
    let preview = Preview::of_minimal_site();
    let server = &preview.server;
    let port = server.port();
    // A browser sends the name it resolved: only loopback names and addresses, with our port, are
    // this preview. Anything else is a page elsewhere that rebound its name to 127.0.0.1.
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let r = server.get_as(&host, "/");
        assert_eq!(r.status, 200, "Host: {host} was refused: {}", r.head);
    }
    for host in [
        "evil.example".to_owned(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        "127.0.0.1".to_owned(),
        "localhost".to_owned(),
    ] {
        for path in ["/", "/__motcua/poll", "/__motcua/reload.js"] {
            let r = server.get_as(&host, path);
            assert_eq!(r.status, 421, "GET {path} with Host: {host}: {}", r.head);
            assert!(
                r.body.contains(&format!("127.0.0.1:{port}")) && r.body.len() < 300,
                "GET {path} with Host: {host} is not answered by a short text naming the preview's address:\n{}",
                r.body
            );
        }
    }
    // The address in an absolute request target counts as the host.
    let status = server.send_raw(
        format!(
            "GET http://evil.example/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        )
        .as_bytes(),
    );
    assert_eq!(status, 421, "GET http://evil.example/");
    // HTTP/1.1 requires a Host header; HTTP/1.0 predates it (a browser always sends one).
    let status = server.send_raw(b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 400, "an HTTP/1.1 request without Host");
    let status = server.send_raw(b"GET / HTTP/1.0\r\n\r\n");
    assert_eq!(status, 200, "an HTTP/1.0 request without Host");
}

#[test]
fn a_malformed_request_is_answered_400() {
    let preview = Preview::of_minimal_site();
    let server = &preview.server;
    let malformed: [&[u8]; 4] = [
        b"\xff\r\n\r\n",
        b"GET / FTP/1.0\r\n\r\n",
        b"GET /\x00 HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nno colon here\r\n\r\n",
    ];
    for raw in malformed {
        let status = server.send_raw(raw);
        assert_eq!(
            status,
            400,
            "{:?} was not answered `400 Bad Request`",
            String::from_utf8_lossy(raw),
        );
        // And the server goes on serving.
        assert_eq!(server.get("/").status, 200);
    }
}

#[test]
fn links_and_special_files_in_the_served_folder_are_not_served() {
    let preview = Preview::of_minimal_site();
    let server = &preview.server;
    let served = preview.served();
    // A secret beside the served folder, and links to it from inside.
    let outside = preview.tmp.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let secret = "motcua-test-secret: not part of the site\n";
    std::fs::write(outside.join("secret.txt"), secret).unwrap();
    let link = |target: &Path, name: &str| {
        std::os::unix::fs::symlink(target, served.join(name))
            .unwrap_or_else(|e| panic!("symlink {name}: {e}"))
    };
    link(&outside.join("secret.txt"), "leak.txt");
    link(&outside, "leak-dir");
    std::fs::create_dir_all(served.join("leak-index")).unwrap();
    link(&outside.join("secret.txt"), "leak-index/index.html");
    // A link that stays inside the folder is part of the site.
    link(Path::new("index.html"), "alias.html");
    // A FIFO: opening it for reading would wait for a writer that never comes.
    let fifo = served.join("pipe");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", fifo.display());

    for path in [
        "/leak.txt",
        "/leak-dir/secret.txt",
        "/leak-dir/",
        "/leak-index/",
        "/pipe",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "GET {path}: {}", r.head);
        assert!(
            !r.body.contains("motcua-test-secret"),
            "GET {path} served the file outside the site"
        );
    }
    let alias = server.get("/alias.html");
    assert_eq!(alias.status, 200, "GET /alias.html: {}", alias.head);
    assert_eq!(
        alias.body,
        server.get("/").body,
        "/alias.html is not the home page it links to"
    );
    assert_eq!(
        std::fs::read_to_string(outside.join("secret.txt")).unwrap(),
        secret,
        "the file outside the site was changed"
    );
    assert!(
        served.join("index.html").is_file(),
        "the site lost its index.html"
    );
}

/// Threads a server may start beyond its idle count while it is busy (its own small pools).
const SPARE_THREADS: usize = 8;

#[test]
fn slow_clients_hold_no_threads_and_are_cut_off() {
    let preview = Preview::of_minimal_site();
    let server = &preview.server;
    assert_eq!(server.get("/").status, 200);
    let idle = server.threads();
    for count in [50, 200] {
        // Each sends the start of a request and never finishes its head.
        let slow: Vec<TcpStream> = (0..count)
            .map(|_| {
                let mut stream = server.connect();
                write!(stream, "GET / HTTP/1.1\r\nHost: {}\r\n", server.authority()).unwrap();
                stream
            })
            .collect();
        // Every one of them has reached the server once a later request is answered.
        let r = server.get("/");
        assert_eq!(
            r.status, 200,
            "with {count} slow clients, GET /: {}",
            r.head
        );
        let busy = server.threads();
        assert!(
            busy <= idle + SPARE_THREADS,
            "{count} slow clients: the server runs {busy} threads, {idle} when idle"
        );
        let deadline = Instant::now() + PATIENCE;
        for (i, stream) in slow.into_iter().enumerate() {
            assert!(
                is_closed_by(stream, deadline),
                "slow client {i} of {count} still holds its connection after {PATIENCE:?}"
            );
        }
    }
}

/// Whether the server closes `stream` (with or without a `408` first) before `deadline`.
fn is_closed_by(mut stream: TcpStream, deadline: Instant) -> bool {
    let mut buf = [0u8; 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return false;
        }
        stream.set_read_timeout(Some(left)).unwrap();
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
}

/// How long "nothing happens" is watched for, and how long after a change an echo would show.
const IDLE: Duration = Duration::from_secs(10);
const SETTLE: Duration = Duration::from_secs(3);

#[test]
fn an_idle_preview_neither_rebuilds_nor_reloads_and_one_save_is_one_of_each() {
    let preview = Preview::of_example_site();
    let server = &preview.server;
    let page = format!("{}{}", server.base_url, procedure_path(&server.base_url));
    // The browser part runs only where Chromium, node and playwright-core are.
    let browser = Browser::open(&page);
    if let Some(b) = &browser {
        wait_for(server, "Chromium to load the page", || {
            (b.loads() >= 1).then_some(())
        });
    }
    let generation = server.generation();
    assert_eq!(server.builds(), 1, "{}", server.stderr());

    std::thread::sleep(IDLE);
    assert_eq!(
        server.builds(),
        1,
        "the preview rebuilt with no edit in {IDLE:?}:\n{}",
        server.stderr()
    );
    assert_eq!(
        server.generation(),
        generation,
        "the build generation moved with no edit"
    );
    if let Some(b) = &browser {
        assert_eq!(
            b.loads(),
            1,
            "the open page reloaded with no edit in {IDLE:?}: {}",
            b.log()
        );
    }

    // Reading a source, touching it, or saving it unchanged changes nothing in the site.
    let yaml = preview.root.join(PROCEDURE_FILE);
    let original = std::fs::read(&yaml).unwrap();
    std::fs::File::options()
        .append(true)
        .open(&yaml)
        .unwrap()
        .set_modified(std::time::SystemTime::now())
        .unwrap();
    std::fs::write(&yaml, &original).unwrap();
    std::thread::sleep(SETTLE);
    assert_eq!(
        server.builds(),
        1,
        "touching {PROCEDURE_FILE} or saving it unchanged rebuilt the site:\n{}",
        server.stderr()
    );

    // One save: one build, one reload.
    let text = String::from_utf8(original).unwrap();
    let renamed = text.replacen(
        &format!("name: {OLD_NAME}\n"),
        &format!("name: {NEW_NAME}\n"),
        1,
    );
    assert_ne!(
        renamed, text,
        "{PROCEDURE_FILE} has no line `name: {OLD_NAME}`"
    );
    std::fs::write(&yaml, renamed).unwrap();
    wait_for(server, "the rebuild after the save", || {
        (server.builds() >= 2).then_some(())
    });
    if let Some(b) = &browser {
        wait_for(server, "the page to reload after the save", || {
            (b.loads() >= 2).then_some(())
        });
    }
    std::thread::sleep(SETTLE);
    assert_eq!(
        server.builds(),
        2,
        "one save did not give exactly one rebuild:\n{}",
        server.stderr()
    );
    assert_eq!(server.generation(), generation + 1);
    if let Some(b) = &browser {
        assert_eq!(
            b.loads(),
            2,
            "one save did not give exactly one reload: {}",
            b.log()
        );
    }
}

/// Chromium with one preview page open (tests/browser/reloads.mjs), counting the page's loads.
struct Browser {
    node: Child,
    loads: Arc<Mutex<(usize, String)>>,
}

impl Browser {
    /// Opens `url`, or says once what is missing and gives `None` (a failure under CI=true).
    fn open(url: &str) -> Option<Browser> {
        let needs = common::tools::Needs {
            java: false,
            packages: &["playwright-core"],
        };
        let chromium = common::tools::tools_or_skip(
            "the browser part of an_idle_preview_neither_rebuilds_nor_reloads",
            needs,
        )?;
        let checks = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
        let mut node = Command::new("node")
            .arg(checks.join("reloads.mjs"))
            .arg(url)
            .env("CHROMIUM", chromium)
            .current_dir(&checks)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("node runs");
        let loads = Arc::new(Mutex::new((0, String::new())));
        for pipe in [
            Box::new(node.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(node.stderr.take().unwrap()),
        ] {
            let sink = loads.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    let mut s = sink.lock().unwrap();
                    if let Some(n) = line.strip_prefix("load ").and_then(|n| n.parse().ok()) {
                        s.0 = n;
                    }
                    s.1.push_str(&line);
                    s.1.push('\n');
                }
            });
        }
        Some(Browser { node, loads })
    }

    fn loads(&self) -> usize {
        self.loads.lock().unwrap().0
    }

    /// What the script printed, for failure messages.
    fn log(&self) -> String {
        self.loads.lock().unwrap().1.clone()
    }
}

impl Drop for Browser {
    /// Closing stdin asks the script to close Chromium; it is killed if it does not.
    fn drop(&mut self) {
        drop(self.node.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.node.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.node.kill();
        let _ = self.node.wait();
    }
}

/// Copies what a site is made of (site.toml, content/, themes/) from the repository.
fn copy_example_site(to: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(to).unwrap();
    std::fs::copy(repo.join("site.toml"), to.join("site.toml")).unwrap();
    for dir in ["content", "themes"] {
        common::copy_dir(&repo.join(dir), &to.join(dir));
    }
}

/// The server's private build folder under TMPDIR `tmp` (it holds `site/`, the served folder).
fn build_folder(tmp: &Path) -> PathBuf {
    std::fs::read_dir(tmp)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.join("site").join("index.html").is_file())
        .unwrap_or_else(|| {
            panic!(
                "no served folder with index.html under TMPDIR {}",
                tmp.display()
            )
        })
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
    let target = redirect_target(&r.body);
    match target.strip_prefix(base) {
        Some(path) => path.to_owned(),
        None => target,
    }
}

/// The build generation a served page was rendered in (`data-generation` of the reload script).
fn generation_of(html: &str) -> u64 {
    let generations = attribute_values(html, "data-generation");
    let generation = generations
        .first()
        .expect("the page carries the reload script's data-generation");
    generation.parse().unwrap()
}
