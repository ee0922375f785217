//! Finding a site's files: every file under a folder is either read or reported, never skipped in
//! silence.
//!
//! A symbolic link that resolves inside the site is read like the file or folder it leads to, so
//! editors may share a file between two places. One that leads outside the site, or nowhere, is
//! an error: what is published must come from the repository, and `/etc/passwd` must not end up
//! in `public/` because a link pointed there. Pipes, sockets and devices are errors too: opening
//! a pipe would wait for a writer for ever.

use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, display_path};

/// What a site is made of at its root: everything motcua reads (site-level `templates/` and
/// `static/` overlay the theme's). The preview watches these, and no output may be one of them.
pub const SITE_SOURCES: [&str; 5] = ["site.toml", "content", "themes", "templates", "static"];

/// The site's root, resolved once, against which links are checked.
pub struct SiteRoot {
    root: PathBuf,
    resolved: PathBuf,
}

impl SiteRoot {
    pub fn new(root: &Path) -> SiteRoot {
        SiteRoot {
            root: root.to_path_buf(),
            resolved: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.root
    }

    /// Regular files under `dir` (which may be missing), sorted by path, with hidden files and
    /// folders left out. Everything else found is reported.
    pub fn files(&self, dir: &Path, diags: &Diagnostics) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let entries = WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                !is_hidden(e.path())
                    && (!e.path_is_symlink()
                        || self
                            .link_target(e.path())
                            .map_err(|d| diags.push(d))
                            .is_ok())
            });
        for entry in entries {
            match entry {
                Ok(e) if e.file_type().is_dir() && named_like_a_source(e.path()) => {
                    let msg = "this folder is named like a content file, so nothing in it is a procedure, guide or page of that name";
                    let help = "rename the folder without the extension, or replace it by the file";
                    diags.push(Diagnostic::error(self.name(e.path()), msg).help(help));
                }
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) if e.file_type().is_file() => out.push(e.into_path()),
                Ok(e) => diags.push(self.special_file(e.path())),
                Err(e) if e.depth() == 0 && is_not_found(&e) => {}
                Err(e) => diags.push(self.walk_error(dir, &e)),
            }
        }
        out
    }

    /// Checks that `path` is a regular file to read: a link must lead to one inside the site.
    pub fn check_file(&self, path: &Path) -> Result<(), Diagnostic> {
        let meta = std::fs::symlink_metadata(path).map_err(|e| self.unreadable(path, &e))?;
        if meta.file_type().is_symlink() {
            self.link_target(path)?;
        }
        let meta = std::fs::metadata(path).map_err(|e| self.unreadable(path, &e))?;
        if meta.is_dir() {
            let msg = "this is a folder, where a file is expected";
            let help = "rename the folder, or replace it by the file";
            return Err(Diagnostic::error(self.name(path), msg).help(help));
        }
        if !meta.is_file() {
            return Err(self.special_file(path));
        }
        Ok(())
    }

    /// Whether a link leads to something inside the site, as loading requires.
    pub fn leads_inside(&self, link: &Path) -> bool {
        self.link_target(link).is_ok()
    }

    /// Where a link leads, if that is inside the site; the error says where it leads otherwise.
    fn link_target(&self, link: &Path) -> Result<PathBuf, Diagnostic> {
        match link.canonicalize() {
            Ok(target) if target.starts_with(&self.resolved) => Ok(target),
            Ok(target) => {
                let msg = format!(
                    "this link leads outside the site, to {}; only files inside the site are read",
                    target.display()
                );
                let help = "copy the file into the site instead of linking to it";
                Err(Diagnostic::error(self.name(link), msg).help(help))
            }
            Err(_) => {
                let shown = std::fs::read_link(link).unwrap_or_default();
                let msg = format!(
                    "this link leads to `{}`, which does not exist",
                    shown.display()
                );
                Err(Diagnostic::error(self.name(link), msg).help("fix or remove the link"))
            }
        }
    }

    fn special_file(&self, path: &Path) -> Diagnostic {
        let msg = format!(
            "this is {}, not a file; only files and folders belong in a site",
            special_kind(path)
        );
        Diagnostic::error(self.name(path), msg).help("remove it")
    }

    fn walk_error(&self, dir: &Path, e: &walkdir::Error) -> Diagnostic {
        let path = e.path().unwrap_or(dir);
        if let Some(ancestor) = e.loop_ancestor() {
            let msg = format!(
                "this link leads back to {}, which contains it: a loop",
                self.name(ancestor)
            );
            return Diagnostic::error(self.name(path), msg).help("remove the link");
        }
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if is_link && let Err(d) = self.link_target(path) {
            return d;
        }
        match e.io_error() {
            Some(io) => self.unreadable(path, io),
            None => Diagnostic::error(self.name(path), e.to_string()),
        }
    }

    /// A file or folder that exists but cannot be read, with what to do about it.
    pub fn unreadable(&self, path: &Path, e: &io::Error) -> Diagnostic {
        let (msg, help) = match e.kind() {
            io::ErrorKind::PermissionDenied => (
                "cannot be read: permission denied".to_owned(),
                "give your user the right to read it, e.g. `chmod u+r` on the file (`u+rx` on a folder)",
            ),
            io::ErrorKind::NotFound => {
                ("does not exist".to_owned(), "check the name, or create it")
            }
            _ => (
                format!("cannot be read: {e}"),
                "check that the disk and the file are in order",
            ),
        };
        Diagnostic::error(self.name(path), msg).help(help)
    }

    fn name(&self, path: &Path) -> String {
        display_path(&self.root, path)
    }
}

/// Folders whose names end like the files that content is written in.
fn named_like_a_source(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    ["yaml", "yml", "md", "toml"].contains(&ext)
}

fn is_not_found(e: &walkdir::Error) -> bool {
    e.io_error()
        .is_some_and(|io| io.kind() == io::ErrorKind::NotFound)
}

pub fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n.len() > 1)
}

#[cfg(unix)]
fn special_kind(path: &Path) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    match std::fs::metadata(path).map(|m| m.file_type()) {
        Ok(t) if t.is_fifo() => "a named pipe (FIFO)",
        Ok(t) if t.is_socket() => "a socket",
        Ok(t) if t.is_block_device() || t.is_char_device() => "a device",
        _ => "a special file",
    }
}

#[cfg(not(unix))]
fn special_kind(_: &Path) -> &'static str {
    "a special file"
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn messages(diags: &Diagnostics) -> Vec<String> {
        diags.sorted().iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn links_inside_the_site_are_followed_and_others_reported() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.yaml"), "x").unwrap();
        let site = tempfile::tempdir().unwrap();
        let dir = site.path().join("content/procedures");
        std::fs::create_dir_all(dir.join("real")).unwrap();
        std::fs::write(dir.join("real/a.yaml"), "a").unwrap();
        std::fs::write(site.path().join("shared.yaml"), "s").unwrap();
        symlink(site.path().join("shared.yaml"), dir.join("b.yaml")).unwrap();
        symlink(dir.join("real"), dir.join("again")).unwrap();
        symlink(outside.path().join("secret.yaml"), dir.join("leak.yaml")).unwrap();
        symlink(outside.path(), dir.join("away")).unwrap();
        symlink(dir.join("missing.yaml"), dir.join("dangling.yaml")).unwrap();
        symlink(&dir, dir.join("real/loop")).unwrap();

        let diags = Diagnostics::new();
        let root = SiteRoot::new(site.path());
        let names: Vec<String> = root
            .files(&dir, &diags)
            .iter()
            .map(|p| display_path(site.path(), p))
            .collect();
        assert_eq!(
            names,
            [
                "content/procedures/again/a.yaml",
                "content/procedures/b.yaml",
                "content/procedures/real/a.yaml",
            ]
        );
        let all = messages(&diags).join("\n");
        assert!(
            all.contains("content/procedures/leak.yaml: error: this link leads outside the site"),
            "{all}"
        );
        assert!(
            all.contains("content/procedures/away: error: this link leads outside"),
            "{all}"
        );
        assert!(
            all.contains("content/procedures/dangling.yaml: error: this link leads to"),
            "{all}"
        );
        assert!(all.contains("loop"), "{all}");
    }

    #[test]
    fn pipes_and_folders_where_files_belong_are_reported_without_opening_them() {
        let site = tempfile::tempdir().unwrap();
        let dir = site.path().join("content");
        std::fs::create_dir_all(dir.join("x.yaml")).unwrap();
        let fifo = dir.join("pipe.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let root = SiteRoot::new(site.path());
        let diags = Diagnostics::new();
        assert!(root.files(&dir, &diags).is_empty());
        let all = messages(&diags).join("\n");
        assert!(
            all.contains("content/x.yaml: error: this folder is named like a content file"),
            "{all}"
        );
        if made.is_ok_and(|s| s.success()) {
            let all = messages(&diags).join("\n");
            assert!(
                all.contains("content/pipe.yaml: error: this is a named pipe (FIFO)"),
                "{all}"
            );
            assert!(root.check_file(&fifo).is_err());
        }
        let folder = root.check_file(&dir.join("x.yaml")).unwrap_err();
        assert!(folder.message.contains("this is a folder"), "{folder}");
        let missing = root.check_file(&dir.join("none.yaml")).unwrap_err();
        assert!(missing.message.contains("does not exist"), "{missing}");
    }
}
