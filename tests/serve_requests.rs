//! Requests the preview cannot answer as asked still get an HTTP answer, and the server lives on.
//!
//! Over real HTTP to `motcua serve`, with raw bytes, since these are requests no ordinary client
//! would send.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A folder named with a non-ASCII letter, asked for without its trailing slash and with the
/// letter as raw UTF-8: the path that would go back in `Location` cannot be a header value, so
/// the answer is a 400 and the next request is answered as usual.
#[test]
fn a_folder_path_that_cannot_be_a_location_gets_a_4xx() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_example_site(&root);
    std::fs::create_dir_all(root.join("content/tệp")).unwrap();
    std::fs::write(root.join("content/tệp/mau.pdf"), b"%PDF-1.4").unwrap();
    let server = Preview::start(&root, tmp.path());

    let head = server.head_of("/t\u{1ec7}p".as_bytes());
    let status: u16 = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    assert!(
        (400..500).contains(&status),
        "a raw UTF-8 folder path was answered: {head}"
    );
    let again = server.head_of("/t%E1%BB%87p".as_bytes());
    assert!(
        again.starts_with("HTTP/1.1 301")
            && again
                .to_ascii_lowercase()
                .contains("location: /t%e1%bb%87p/"),
        "the encoded path is still redirected to its folder: {again}"
    );
    assert!(
        server.head_of(b"/").starts_with("HTTP/1.1 200"),
        "the preview still answers"
    );
}

/// `motcua serve` on a free port with a private TMPDIR; killed when dropped.
struct Preview {
    child: Child,
    authority: String,
}

impl Preview {
    fn start(root: &Path, tmp: &Path) -> Preview {
        let mut child = Command::new(env!("CARGO_BIN_EXE_motcua"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .env("TMPDIR", tmp)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("motcua serve starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // The line `serving … at http://127.0.0.1:PORT/` comes after the first build.
        let authority = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|l| {
                let url = l.split_whitespace().find(|w| w.starts_with("http://"))?;
                Some(
                    url.trim_start_matches("http://")
                        .trim_end_matches('/')
                        .to_owned(),
                )
            })
            .expect("motcua serve says where it serves");
        std::thread::spawn(move || lines.for_each(drop));
        Preview { child, authority }
    }

    /// The head of the answer to `GET path`, the path sent byte for byte.
    fn head_of(&self, path: &[u8]) -> String {
        let mut stream = TcpStream::connect(&self.authority).unwrap();
        let mut request = b"GET ".to_vec();
        request.extend_from_slice(path);
        request.extend_from_slice(
            format!(
                " HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                self.authority
            )
            .as_bytes(),
        );
        stream.write_all(&request).unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        let answer = String::from_utf8_lossy(&answer).into_owned();
        answer
            .split("\r\n\r\n")
            .next()
            .unwrap_or_default()
            .to_owned()
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

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
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}
