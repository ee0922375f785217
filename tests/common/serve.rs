//! `motcua serve` as a child process, and requests to it: ordinary ones through ureq, and raw
//! bytes for what no client would send (a malformed request, a missing `Host`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a request may wait for its answer.
const ANSWER_TIME: Duration = Duration::from_secs(40);

/// The `motcua serve` child process; killed when dropped, also when the test panics.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`, without the closing slash.
    pub base_url: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `motcua serve --port 0 --root <root> <extra…>` with TMPDIR at `tmp` (where the
    /// server makes its private build folder), and waits for the address it serves at.
    pub fn start(root: &Path, tmp: &Path, extra: &[&std::ffi::OsStr]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_motcua"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .args(extra)
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

    /// What the server printed to its terminal so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// How many builds finished, from the `built N pages in M ms` line each one prints.
    pub fn builds(&self) -> usize {
        self.stderr()
            .lines()
            .filter(|l| l.starts_with("built ") && l.contains(" pages in "))
            .count()
    }

    /// The latest build's generation, from the reload endpoint.
    pub fn generation(&self) -> u64 {
        let r = self.get("/__motcua/poll");
        assert_eq!(r.status, 200, "GET /__motcua/poll: {}", r.head);
        let json: serde_json::Value = serde_json::from_str(&r.body)
            .unwrap_or_else(|e| panic!("/__motcua/poll answered {:?}: {e}", r.body));
        json["generation"]
            .as_u64()
            .expect("poll answer has a generation")
    }

    /// How many threads the server process runs now.
    pub fn threads(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/task", self.child.id()))
            .expect("the server's /proc entry")
            .count()
    }

    /// `127.0.0.1:PORT`.
    pub fn authority(&self) -> &str {
        self.base_url.trim_start_matches("http://")
    }

    pub fn port(&self) -> u16 {
        self.authority()
            .rsplit(':')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    }

    pub fn connect(&self) -> TcpStream {
        TcpStream::connect(self.authority())
            .unwrap_or_else(|e| panic!("connect to {}: {e}", self.authority()))
    }

    /// GET `path`, sent as it is written.
    pub fn get(&self, path: &str) -> Response {
        get(&self.base_url, path)
    }

    /// GET `path` with this `Host` header instead of the server's own address.
    pub fn get_as(&self, host: &str, path: &str) -> Response {
        request(&self.base_url, path, Some(host))
    }

    /// Sends `raw` as it is and gives the status of the answer (0 for none).
    pub fn send_raw(&self, raw: &[u8]) -> u16 {
        self.head_raw(raw)
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    }

    /// Sends `raw` as it is and gives the answer's status line and headers (empty for none).
    pub fn head_raw(&self, raw: &[u8]) -> String {
        let mut stream = self.connect();
        stream.set_read_timeout(Some(ANSWER_TIME)).unwrap();
        stream.write_all(raw).unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        let answer = String::from_utf8_lossy(&answer).into_owned();
        answer
            .split("\r\n\r\n")
            .next()
            .unwrap_or_default()
            .to_owned()
    }

    /// The head of the answer to `GET path`, the path sent byte for byte.
    pub fn head_of(&self, path: &[u8]) -> String {
        let mut request = b"GET ".to_vec();
        request.extend_from_slice(path);
        let rest = format!(
            " HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.authority()
        );
        request.extend_from_slice(rest.as_bytes());
        self.head_raw(&request)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An answer: its status (0 when none came), its status line and headers, and its body.
pub struct Response {
    pub status: u16,
    pub head: String,
    pub body: String,
}

/// GET `base` + `path`, with `path` sent as it is written (`..` and escapes included).
pub fn get(base: &str, path: &str) -> Response {
    request(base, path, None)
}

fn request(base: &str, path: &str, host: Option<&str>) -> Response {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .proxy(None)
        .timeout_global(Some(ANSWER_TIME))
        .build()
        .into();
    let url = format!("{}{path}", base.trim_end_matches('/'));
    let mut request = agent.get(&url).header("Connection", "close");
    if let Some(host) = host {
        request = request.header("Host", host);
    }
    match request.call() {
        Ok(mut answer) => {
            let head = format!(
                "{:?} {} {:?}",
                answer.version(),
                answer.status(),
                answer.headers()
            );
            let body = answer.body_mut().read_to_vec().unwrap_or_default();
            Response {
                status: answer.status().as_u16(),
                head,
                body: String::from_utf8_lossy(&body).into_owned(),
            }
        }
        Err(e) => Response {
            status: 0,
            head: format!("no HTTP answer: {e}"),
            body: String::new(),
        },
    }
}
