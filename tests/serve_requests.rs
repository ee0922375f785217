//! Requests the preview cannot answer as asked still get an HTTP answer, and the server lives on.
//!
//! Over real HTTP to `motcua serve`, with raw bytes, since these are requests no ordinary client
//! would send.

mod common;

use std::path::Path;

use common::copy_dir;
use common::serve::Server;

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
    let server = Server::start(&root, tmp.path(), &[]);

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

/// A folder asked for with doubled slashes is redirected on this host: `Location: //thu-tuc/`
/// would send the browser to a host named thu-tuc.
#[test]
fn a_folder_redirect_stays_on_this_host() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_example_site(&root);
    let server = Server::start(&root, tmp.path(), &[]);
    for sneaky in ["//thu-tuc", "///thu-tuc"] {
        let head = server.head_of(sneaky.as_bytes());
        assert!(
            head.starts_with("HTTP/1.1 301")
                && head
                    .to_ascii_lowercase()
                    .lines()
                    .any(|l| l == "location: /thu-tuc/"),
            "{sneaky} redirected elsewhere: {head}"
        );
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
