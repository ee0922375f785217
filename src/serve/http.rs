//! The preview server: static files from the build folder, plus the reload endpoint.

use std::io::Cursor;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server};

use super::State;
use super::state::Snapshot;
use crate::output::content_type;

const RELOAD_JS: &str = include_str!("reload.js");
/// How long a browser's reload request waits for a new build before asking again.
const POLL: Duration = Duration::from_secs(25);

pub fn serve(server: Server, root: PathBuf, state: Arc<State>) {
    let server = Arc::new(server);
    for request in server.incoming_requests() {
        let root = root.clone();
        let state = state.clone();
        std::thread::spawn(move || handle(request, &root, &state));
    }
}

fn handle(request: Request, root: &Path, state: &State) {
    let url = request.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let response = match path {
        "/__motcua/reload.js" => bytes(
            RELOAD_JS.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
            200,
        ),
        "/__motcua/poll" => {
            let since = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("since="))
                .and_then(|v| v.parse().ok());
            let snap = match since {
                Some(since) => state.wait_past(since, POLL),
                None => state.snapshot(),
            };
            bytes(status_json(&snap).into_bytes(), "application/json", 200)
        }
        _ => file(root, path, &state.snapshot()),
    };
    let _ = request.respond(response);
}

fn file(root: &Path, url_path: &str, snap: &Snapshot) -> Response<Cursor<Vec<u8>>> {
    let Some(mut path) = safe_join(root, &percent_decode(url_path)) else {
        return bytes(b"bad path".to_vec(), "text/plain", 400);
    };
    if path.is_dir() {
        if !url_path.ends_with('/') {
            let location = format!("{url_path}/");
            return bytes(Vec::new(), "text/plain", 301).with_header(
                Header::from_bytes("Location", location.as_bytes()).expect("valid header"),
            );
        }
        path.push("index.html");
    }
    let (body, status) = match std::fs::read(&path) {
        Ok(b) => (b, 200),
        Err(_) => (
            std::fs::read(root.join("404.html")).unwrap_or_else(|_| b"404".to_vec()),
            404,
        ),
    };
    let kind = if status == 404 {
        "text/html; charset=utf-8"
    } else {
        content_type(&path)
    };
    let body = if kind.starts_with("text/html") {
        inject(body, snap)
    } else {
        body
    };
    bytes(body, kind, status)
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

fn bytes(body: Vec<u8>, kind: &str, status: u16) -> Response<Cursor<Vec<u8>>> {
    Response::from_data(body)
        .with_status_code(status)
        .with_header(Header::from_bytes("Content-Type", kind.as_bytes()).expect("valid header"))
        .with_header(Header::from_bytes("Cache-Control", "no-store").expect("valid header"))
}

/// Joins a URL path under `root`, refusing anything that would climb out of it.
fn safe_join(root: &Path, url_path: &str) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    for comp in Path::new(url_path.trim_start_matches('/')).components() {
        match comp {
            Component::Normal(c) => path.push(c),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(path)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_site() {
        let root = Path::new("/srv/site");
        assert_eq!(
            safe_join(root, "/thu-tuc/x/"),
            Some(PathBuf::from("/srv/site/thu-tuc/x"))
        );
        assert_eq!(safe_join(root, "/../etc/passwd"), None);
        assert_eq!(percent_decode("/a%20b"), "/a b");
    }
}
