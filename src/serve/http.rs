//! The preview server: static files from the build folder, plus the reload endpoint. The leaflet
//! printer's server is the same without the reload: the same files, limits and guards.
//!
//! HTTP/1.1 is hyper's, on a small tokio runtime, so that no client can hold a thread: two
//! threads answer every connection however many clients are slow, and files are read on at most
//! `FILE_READERS` more. A request's head must arrive within `HEAD_TIMEOUT` (hyper closes the
//! connection otherwise) and a malformed one is answered `400` by hyper. Each connection carries
//! one request, so no idle connection waits for a next one, and lives at most `EXCHANGE_LIMIT`,
//! so a client that never reads its answer is let go too. A page waiting for the next build
//! (`/__motcua/poll`) waits asynchronously: open pages hold no thread either.
//!
//! Only requests for the preview's own loopback address are answered (`host.rs`), and only
//! regular files inside the build folder are served (`files.rs`).

use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode, Version};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::Semaphore;

use super::State;
use super::files::{self, Found};
use super::host::Loopback;
use super::state::Snapshot;
use crate::output::content_type;
use crate::render::theme::escape;

const RELOAD_JS: &str = include_str!("reload.js");
/// How long a browser's reload request waits for a new build before asking again.
const POLL: Duration = Duration::from_secs(25);
/// How long a client may take to send a request's head. A browser on this machine takes
/// microseconds; a client that dawdles is cut off.
const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// The longest a connection lives: a poll's wait, and time to spare to read the answer.
const EXCHANGE_LIMIT: Duration = Duration::from_secs(60);
/// Threads that answer connections, and threads that read files for them.
const WORKERS: usize = 2;
const FILE_READERS: usize = 4;
/// Connections served at once; more wait in the listening socket's queue. Bounds the open files.
const MAX_CONNECTIONS: usize = 256;

pub type Body = Full<Bytes>;

/// Listens on the loopback address; `0` picks a free port.
pub fn bind(port: u16) -> std::io::Result<TcpListener> {
    TcpListener::bind(("127.0.0.1", port))
}

/// Serves `root` (the last good build) until the process ends.
pub fn serve(listener: TcpListener, root: PathBuf, state: Arc<State>) -> std::io::Result<()> {
    let port = listener.local_addr()?.port();
    let site = Site::new(root, "/".into(), port, Some(state));
    run(listener, site)
}

/// Serves `root` on a free loopback port from a thread of its own, until the process ends;
/// `prefix`, the site's base path (`/` or `/tthc/`), is taken off request paths. Returns the
/// address.
pub fn serve_in_background(root: PathBuf, prefix: String) -> std::io::Result<SocketAddr> {
    let listener = bind(0)?;
    let addr = listener.local_addr()?;
    let site = Site::new(root, prefix, addr.port(), None);
    std::thread::Builder::new()
        .name("motcua-files".into())
        .spawn(move || {
            if let Err(e) = run(listener, site) {
                eprintln!("error: the local server stopped: {e}");
            }
        })?;
    Ok(addr)
}

fn run(listener: TcpListener, site: Site) -> std::io::Result<()> {
    let addr = listener.local_addr()?;
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .max_blocking_threads(FILE_READERS)
        .thread_name("motcua-serve")
        .enable_io()
        .enable_time()
        .build()?;
    runtime.block_on(accept(listener, addr, Arc::new(site)))
}

async fn accept(listener: TcpListener, addr: SocketAddr, site: Arc<Site>) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let slot = slots.clone().acquire_owned().await.expect("never closed");
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors, say: the queue waits while connections finish.
                eprintln!("warning: {addr}: cannot accept a connection: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let site = site.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let site = site.clone();
                async move { Ok::<_, Infallible>(site.answer(request).await) }
            });
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .keep_alive(false)
                .serve_connection(TokioIo::new(stream), service);
            // Errors are the client's (it went away, sent garbage, took too long): nothing to do.
            let _ = tokio::time::timeout(EXCHANGE_LIMIT, connection).await;
            drop(slot);
        });
    }
}

/// What is served, to loopback hosts: the build folder, and for the preview the state of the
/// latest build.
struct Site {
    root: PathBuf,
    /// The site's base path, `/` unless the site is built for a sub-folder of its host.
    prefix: String,
    hosts: Loopback,
    /// The preview's builds: its reload endpoints, the script it adds to pages and the overlay
    /// of a failed build. None for a site that does not change while served.
    live: Option<Arc<State>>,
}

impl Site {
    fn new(root: PathBuf, prefix: String, port: u16, live: Option<Arc<State>>) -> Site {
        Site {
            root,
            prefix,
            hosts: Loopback::on_port(port),
            live,
        }
    }

    async fn answer(self: Arc<Self>, request: Request<Incoming>) -> Response<Body> {
        if let Some(refusal) = self.refusal(&request) {
            return refusal;
        }
        if !matches!(*request.method(), Method::GET | Method::HEAD) {
            let answer = text(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
            return with_header(answer, header::ALLOW, "GET, HEAD");
        }
        let path = request.uri().path().to_owned();
        let query = request.uri().query().unwrap_or_default().to_owned();
        match (&self.live, path.as_str()) {
            (Some(_), "/__motcua/reload.js") => bytes(
                StatusCode::OK,
                RELOAD_JS.as_bytes().to_vec(),
                "text/javascript; charset=utf-8",
            ),
            (Some(state), "/__motcua/poll") => poll(state, &query).await,
            (live, _) => {
                let snapshot = live.as_ref().map(|state| state.snapshot());
                let site = self.clone();
                // Files are read off the threads that answer connections.
                tokio::task::spawn_blocking(move || site.file(&path, snapshot.as_ref()))
                    .await
                    .unwrap_or_else(|_| text(StatusCode::INTERNAL_SERVER_ERROR, "internal error\n"))
            }
        }
    }

    /// The answer to a request that is not for this preview: no Host where HTTP/1.1 requires
    /// one, or another host named (see `host.rs`).
    fn refusal(&self, request: &Request<Incoming>) -> Option<Response<Body>> {
        let hosts: Vec<&HeaderValue> = request.headers().get_all(header::HOST).iter().collect();
        // HTTP/1.0 predates Host and may leave it out; a browser always sends it.
        let host_required = request.version() >= Version::HTTP_11;
        if hosts.len() > 1 || (hosts.is_empty() && host_required) {
            return Some(text(
                StatusCode::BAD_REQUEST,
                "400 Bad Request: one Host header is required\n",
            ));
        }
        let named = hosts
            .iter()
            .map(|h| h.to_str().unwrap_or_default())
            .chain(request.uri().authority().map(|a| a.as_str()));
        for authority in named {
            if !self.hosts.allows(authority) {
                return Some(text(
                    StatusCode::MISDIRECTED_REQUEST,
                    &self.hosts.misdirected(),
                ));
            }
        }
        None
    }

    /// The file `url_path` names; `snapshot` is the preview's latest build, if this is the
    /// preview.
    fn file(&self, url_path: &str, snapshot: Option<&Snapshot>) -> Response<Body> {
        let path = match files::find(&self.root, self.within(url_path)) {
            Found::File(path) => path,
            Found::Folder => return folder(url_path),
            Found::Refused => return text(StatusCode::BAD_REQUEST, "bad path\n"),
            Found::Missing => return self.not_found(snapshot),
        };
        match files::read(&path) {
            Ok(body) => {
                let kind = content_type(&path);
                let body = match snapshot {
                    Some(snapshot) if kind.starts_with("text/html") => inject(body, snapshot),
                    _ => body,
                };
                bytes(StatusCode::OK, body, kind)
            }
            Err(_) => self.not_found(snapshot),
        }
    }

    /// A request path without the site's base path; a path outside it is looked up as it is.
    fn within<'p>(&self, url_path: &'p str) -> &'p str {
        match url_path.strip_prefix(self.prefix.trim_end_matches('/')) {
            Some(rest) if rest.starts_with('/') => rest,
            _ => url_path,
        }
    }

    /// The site's own 404 page, with the reload script, so that it too follows the next build.
    fn not_found(&self, snapshot: Option<&Snapshot>) -> Response<Body> {
        let Some(snapshot) = snapshot else {
            return text(StatusCode::NOT_FOUND, "not found\n");
        };
        let page = match files::find(&self.root, "/404.html") {
            Found::File(path) => files::read(&path).ok(),
            _ => None,
        };
        let body = inject(page.unwrap_or_else(|| b"404".to_vec()), snapshot);
        bytes(StatusCode::NOT_FOUND, body, "text/html; charset=utf-8")
    }
}

/// Sends the browser to the folder it asked for without the trailing slash, with one leading
/// slash: `//thu-tuc/` would send it to a host named thu-tuc. A path that cannot be written in a
/// header (raw UTF-8, which hyper lets through) is refused instead.
fn folder(url_path: &str) -> Response<Body> {
    let location = format!("/{}/", url_path.trim_start_matches('/'));
    match HeaderValue::from_str(&location) {
        Ok(location) => {
            let mut answer = bytes(StatusCode::MOVED_PERMANENTLY, Vec::new(), "text/plain");
            answer.headers_mut().insert(header::LOCATION, location);
            answer
        }
        Err(_) => text(
            StatusCode::BAD_REQUEST,
            "400 Bad Request: write the path's letters percent-encoded\n",
        ),
    }
}

/// Answers at once with the latest build, or, given `since=N`, when a build newer than N
/// finishes (or `POLL` passes).
async fn poll(state: &State, query: &str) -> Response<Body> {
    let since = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("since="))
        .and_then(|v| v.parse().ok());
    let snapshot = match since {
        Some(since) => state.wait_past(since, POLL).await,
        None => state.snapshot(),
    };
    bytes(
        StatusCode::OK,
        status_json(&snapshot).into_bytes(),
        "application/json",
    )
}

/// Adds the reload script, and the error overlay when the latest build failed.
fn inject(body: Vec<u8>, snap: &Snapshot) -> Vec<u8> {
    let mut html = String::from_utf8_lossy(&body).into_owned();
    let mut extra = format!(
        "<script src=\"/__motcua/reload.js\" data-generation=\"{}\"></script>",
        snap.generation
    );
    if !snap.errors.is_empty() {
        extra.push_str(&overlay(&snap.errors));
    }
    match html.rfind("</body>") {
        Some(i) => html.insert_str(i, &extra),
        None => html.push_str(&extra),
    }
    html.into_bytes()
}

pub fn overlay(errors: &[crate::diagnostics::Diagnostic]) -> String {
    let items: String = errors
        .iter()
        .map(|d| format!("<li>{}</li>", escape(&d.to_string())))
        .collect();
    format!(
        "<div id=\"motcua-errors\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;\
         background:#fff4f4;color:#600;border-top:4px solid #c00;padding:1rem;font:14px/1.4 monospace;z-index:99999\">\
         <strong>motcua: the build failed; this is the last good version.</strong><ul>{items}</ul></div>"
    )
}

fn status_json(snap: &Snapshot) -> String {
    serde_json::json!({
        "generation": snap.generation,
        "ok": snap.errors.is_empty(),
        "overlay": if snap.errors.is_empty() { String::new() } else { overlay(&snap.errors) },
    })
    .to_string()
}

fn bytes(status: StatusCode, body: Vec<u8>, kind: &str) -> Response<Body> {
    let mut answer = Response::new(Full::new(Bytes::from(body)));
    *answer.status_mut() = status;
    let answer = with_header(answer, header::CONTENT_TYPE, kind);
    with_header(answer, header::CACHE_CONTROL, "no-store")
}

fn text(status: StatusCode, message: &str) -> Response<Body> {
    bytes(
        status,
        message.as_bytes().to_vec(),
        "text/plain; charset=utf-8",
    )
}

fn with_header(
    mut answer: Response<Body>,
    name: header::HeaderName,
    value: &str,
) -> Response<Body> {
    if let Ok(value) = HeaderValue::from_str(value) {
        answer.headers_mut().insert(name, value);
    }
    answer
}
