//! Stage 5: writing the site. Everything is written into a staging folder beside the target and
//! swapped into place only when the build succeeded, so a failed or interrupted build leaves the
//! previous `public/` exactly as it was.

mod media_type;
mod swap;
mod target;

pub use media_type::content_type;
pub use target::{MARKER, Output, check as check_target};

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::catalog::routes::output_file;
use crate::render::{Sink, Stream};

pub struct Staging {
    dir: PathBuf,
    /// Holds the folder's lock while the build runs: other builds' cleanup leaves it alone.
    _lock: File,
    target: PathBuf,
    minify: bool,
    failures: Mutex<Vec<String>>,
}

const PREFIX: &str = ".motcua-staging-";

impl Staging {
    /// A fresh staging folder next to `target` (same file system, so the swap is a rename).
    pub fn new(target: &Path, minify: bool) -> std::io::Result<Staging> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        swap::remove_stale(parent, PREFIX);
        let suffix = || format!("{}-{}", std::process::id(), nanos());
        let (dir, lock) = swap::create_locked(parent, PREFIX, suffix)?;
        std::fs::write(dir.join(MARKER), target::MARKER_TEXT)?;
        Ok(Staging {
            dir,
            _lock: lock,
            target: target.to_path_buf(),
            minify,
            failures: Mutex::new(Vec::new()),
        })
    }

    /// The folder being filled, for writers that are not a [`Sink`] (Chromium printing PDFs).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Problems writing files (disk full, permissions); a build with any must not be published.
    pub fn failures(&self) -> Vec<String> {
        self.failures.lock().unwrap().clone()
    }

    /// Puts the staged site in place of the target and removes the old one.
    pub fn commit(self) -> std::io::Result<()> {
        swap::replace(&self.dir, &self.target)
    }

    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    /// Where a site path's file goes in the staging folder, its folder made.
    fn dest(&self, path: &str) -> std::io::Result<PathBuf> {
        let dest = self.dir.join(output_file(path));
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)?;
        }
        Ok(dest)
    }

    fn record(&self, path: &str, result: std::io::Result<()>) {
        if let Err(e) = result {
            self.failures.lock().unwrap().push(format!("{path}: {e}"));
        }
    }
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: Vec<u8>) {
        let is_html = output_file(path).ends_with(".html");
        let bytes = if self.minify && is_html {
            minify(&bytes)
        } else {
            bytes
        };
        self.write_assembled(path, bytes);
    }

    fn fragment(&self, html: String) -> String {
        if self.minify {
            String::from_utf8(minify(html.as_bytes())).unwrap_or(html)
        } else {
            html
        }
    }

    fn write_assembled(&self, path: &str, bytes: Vec<u8>) {
        let result = self.dest(path).and_then(|dest| std::fs::write(dest, bytes));
        self.record(path, result);
    }

    fn stream<'s>(&'s self, path: &str) -> Box<dyn Stream + 's> {
        let file = self
            .dest(path)
            .and_then(File::create)
            .map(|f| BufWriter::with_capacity(STREAM_BUFFER, f));
        Box::new(FileStream {
            staging: self,
            path: path.to_owned(),
            file,
        })
    }

    fn copy(&self, path: &str, from: &Path) {
        let result = self
            .dest(path)
            .and_then(|dest| std::fs::copy(from, dest).map(drop));
        self.record(path, result);
    }
}

/// Bytes a streamed page gathers before writing them: a few leaflets, so the tens of bundles
/// open at once cost few system calls and little memory.
const STREAM_BUFFER: usize = 64 * 1024;

/// A page written into the staging folder part by part; the first failure is kept for `finish`.
struct FileStream<'s> {
    staging: &'s Staging,
    path: String,
    file: std::io::Result<BufWriter<File>>,
}

impl Stream for FileStream<'_> {
    fn push(&mut self, part: &[u8]) {
        if let Ok(file) = &mut self.file
            && let Err(e) = file.write_all(part)
        {
            self.file = Err(e);
        }
    }

    fn finish(self: Box<Self>) {
        let result = self.file.and_then(|mut file| file.flush());
        self.staging.record(&self.path, result);
    }
}

fn minify(html: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    // Keep the document outline explicit: validators and screen readers are happier with it.
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = true;
    cfg.minify_js = true;
    minify_html::minify(html, &cfg)
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_committed_build_replaces_the_old_one_and_an_abandoned_one_leaves_it() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let first = Staging::new(&target, true).unwrap();
        first.write(
            "/",
            "<!doctype html><html><head></head><body>  <p>một</p> </body></html>"
                .as_bytes()
                .to_vec(),
        );
        first.commit().unwrap();
        let old = std::fs::read(target.join("index.html")).unwrap();
        assert!(String::from_utf8_lossy(&old).contains("<p>một</p>"));

        let second = Staging::new(&target, true).unwrap();
        second.write("/", b"hai".to_vec());
        second.abandon();
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), old);

        let third = Staging::new(&target, false).unwrap();
        third.write("/thu-tuc/x/", b"ba".to_vec());
        third.commit().unwrap();
        assert!(!target.join("index.html").exists());
        assert_eq!(
            std::fs::read(target.join("thu-tuc/x/index.html")).unwrap(),
            b"ba"
        );
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only public/ remains");
        assert!(
            target.join(MARKER).is_file(),
            "the site is marked as motcua's"
        );
    }

    #[test]
    fn a_running_builds_staging_folder_survives_another_builds_cleanup_and_a_stale_one_does_not() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let running = Staging::new(&target, false).unwrap();
        running.write("/", b"mot".to_vec());
        // Left by a build that was killed, under the id of a process that runs (init) and one
        // that may.
        let stale: Vec<PathBuf> = ["1-0", "999999999-0"]
            .iter()
            .map(|name| tmp.path().join(format!("{PREFIX}{name}")))
            .collect();
        for dir in &stale {
            std::fs::create_dir(dir).unwrap();
            std::fs::write(dir.join(MARKER), target::MARKER_TEXT).unwrap();
        }

        // Another build of the same target starts while the first runs: in this process or
        // another, a build holds its folder's lock.
        let concurrent = Staging::new(&target, false).unwrap();
        assert!(
            running.dir().join("index.html").is_file(),
            "the running build's staging folder was removed"
        );
        for dir in &stale {
            assert!(!dir.exists(), "{} was left", dir.display());
        }
        concurrent.abandon();
        running.commit().unwrap();
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"mot");
    }

    #[test]
    fn a_streamed_page_is_its_parts_in_order_as_they_are() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let staging = Staging::new(&target, true).unwrap();
        let mut page = staging.stream("/to-gap/linh-vuc/x/");
        for part in [
            "<main>\n",
            "<article>  một </article>",
            "<article>hai</article>",
            "\n</main>",
        ] {
            page.push(part.as_bytes());
        }
        page.finish();
        staging.write("/cu-tru", b"a file".to_vec());
        staging.stream("/cu-tru/x/").finish();
        assert_eq!(staging.failures().len(), 1, "a folder where a file is");
        staging.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("to-gap/linh-vuc/x/index.html")).unwrap(),
            "<main>\n<article>  một </article><article>hai</article>\n</main>"
        );
    }
}
