//! Which file of the served folder a URL path names, if any.
//!
//! Only regular files whose real location (every link followed) is inside the served folder are
//! served: a link in the folder that points elsewhere (`leak.txt` -> `/etc/passwd`) names
//! nothing. Other kinds of file are never opened: opening a FIFO waits for a writer.

use std::fs::File;
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Component, Path, PathBuf};

/// What a URL path names in the served folder.
#[derive(Debug, PartialEq)]
pub enum Found {
    /// A regular file inside the folder, by its real path.
    File(PathBuf),
    /// A folder asked for without its trailing slash: the browser is to be sent there.
    Folder,
    /// Nothing that may be served.
    Missing,
    /// A path that tries to climb out of the folder.
    Refused,
}

/// Looks up `url_path` (still percent-encoded) under `root`.
pub fn find(root: &Path, url_path: &str) -> Found {
    let Some(path) = safe_join(root, &percent_decode(url_path)) else {
        return Found::Refused;
    };
    // The folder's own real path: it may itself sit under a link (a TMPDIR, say).
    let Ok(root) = root.canonicalize() else {
        return Found::Missing;
    };
    match inside(&root, &path) {
        Some(real) if real.is_dir() && !url_path.ends_with('/') => Found::Folder,
        Some(real) if real.is_dir() => regular(&root, &real.join("index.html")),
        Some(real) => regular(&root, &real),
        None => Found::Missing,
    }
}

/// The real path of `path` when it exists and lies inside `root` (a real path).
fn inside(root: &Path, path: &Path) -> Option<PathBuf> {
    let real = path.canonicalize().ok()?;
    real.starts_with(root).then_some(real)
}

fn regular(root: &Path, path: &Path) -> Found {
    match inside(root, path) {
        Some(real) if real.is_file() => Found::File(real),
        _ => Found::Missing,
    }
}

/// Reads a file that [`find`] found, refusing anything that is not (or no longer) a regular file.
/// Opened without blocking and without following a link, so that a file swapped for a FIFO or a
/// link since it was found cannot hold the reader or lead out of the folder.
pub fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    let flags = rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOFOLLOW;
    let mut file = File::options()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
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
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

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

    #[test]
    fn only_regular_files_inside_the_folder_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let outside = dir.path().join("outside.txt");
        std::fs::create_dir_all(root.join("thu-tuc")).unwrap();
        std::fs::write(root.join("thu-tuc/index.html"), "page").unwrap();
        std::fs::write(&outside, "secret").unwrap();
        symlink(&outside, root.join("leak.txt")).unwrap();
        symlink(dir.path(), root.join("up")).unwrap();
        symlink("thu-tuc/index.html", root.join("alias.html")).unwrap();
        let real = root.canonicalize().unwrap();

        assert_eq!(
            find(&root, "/thu-tuc/"),
            Found::File(real.join("thu-tuc/index.html"))
        );
        // Where the browser is sent (the address, on this host) is tests/serve_requests.rs's.
        for folder in ["/thu-tuc", "//thu-tuc", "///thu-tuc"] {
            assert_eq!(find(&root, folder), Found::Folder, "{folder}");
        }
        assert_eq!(
            find(&root, "/alias.html"),
            Found::File(real.join("thu-tuc/index.html"))
        );
        assert_eq!(find(&root, "/leak.txt"), Found::Missing);
        assert_eq!(find(&root, "/up/outside.txt"), Found::Missing);
        assert_eq!(find(&root, "/up/"), Found::Missing);
        assert_eq!(find(&root, "/nothing"), Found::Missing);
        assert_eq!(find(&root, "/../outside.txt"), Found::Refused);
        assert!(
            read(&root.join("leak.txt")).is_err(),
            "read followed a link"
        );
        assert_eq!(read(&real.join("thu-tuc/index.html")).unwrap(), b"page");
    }
}
