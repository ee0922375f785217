//! Which folders a build may replace.
//!
//! A build swaps its output folder out whole and deletes the old one, so `--out` pointed at the
//! wrong folder would delete a user's files. motcua therefore leaves a marker in every folder it
//! writes, and replaces only a folder that carries it, is empty, or is new. `--force` overrides
//! that for a folder of the user's choosing, but never for the site itself, a folder above it,
//! its sources, a file, or `/`.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::load::walk::SITE_SOURCES;

/// The file that marks a folder as written by motcua.
pub const MARKER: &str = ".motcua-output";

/// What the marker says to someone who opens it.
pub const MARKER_TEXT: &str = "This folder was written by motcua. Every build replaces it whole: \
keep nothing else here.\n";

/// Besides the site's sources, what an output may never be, or be inside: its history.
const HISTORY: &str = ".git";

/// What a command writes: a site, or the leaflets' PDFs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Site,
    Leaflets,
}

impl Output {
    /// The folder an earlier version of motcua wrote by default, before folders had a marker.
    fn default_folder(self) -> &'static str {
        match self {
            Output::Site => "public",
            Output::Leaflets => "leaflets-pdf",
        }
    }

    /// Whether an unmarked folder holds what an earlier version wrote there.
    fn looks_written(self, dir: &Path) -> bool {
        match self {
            Output::Site => ["index.html", "404.html", "sitemap.xml"]
                .iter()
                .all(|f| dir.join(f).is_file()),
            Output::Leaflets => only_pdfs(dir),
        }
    }
}

/// Why `--out` was refused, and what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub help: String,
}

/// Whether `out` may be replaced by what the command writes for the site at `root`; if so, the
/// folder it names with links followed, which is the one the command must write, since it is
/// the one that was judged.
pub fn check(root: &Path, out: &Path, kind: Output, force: bool) -> Result<PathBuf, Refusal> {
    let shown = out.display();
    let site = fs::canonicalize(root).unwrap_or_else(|_| lexical(root));
    let target = resolve(out);
    let refuse = |why: String, help: &str| {
        Err(Refusal {
            message: format!("motcua will not write into `{shown}`: {why}"),
            help: help.to_owned(),
        })
    };
    let elsewhere = "choose another folder, such as the default, or a new folder";
    if target.parent().is_none() {
        return refuse("it is the root of the file system".into(), elsewhere);
    }
    if site.starts_with(&target) {
        let why = if site == target {
            "it is the site's own folder".to_owned()
        } else {
            format!("it holds the site ({})", site.display())
        };
        return refuse(why, elsewhere);
    }
    if let Ok(inside) = target.strip_prefix(&site)
        && let Some(Component::Normal(first)) = inside.components().next()
        && let Some(source) = SITE_SOURCES.iter().chain([&HISTORY]).find(|s| first == **s)
    {
        return refuse(format!("it is or is inside the site's {source}"), elsewhere);
    }
    match fs::metadata(&target) {
        Ok(meta) if !meta.is_dir() => refuse("it is a file, not a folder".into(), elsewhere),
        Ok(_) if force || may_replace(&target, &site, kind) => Ok(target),
        Ok(_) => refuse(
            format!(
                "it holds files that motcua did not write (it has no {MARKER} file), and they would be deleted"
            ),
            "empty the folder or choose a new one; to replace it anyway, add --force",
        ),
        Err(_) => Ok(target),
    }
}

/// An empty folder, one motcua marked, or the default folder as an earlier version left it.
fn may_replace(dir: &Path, site: &Path, kind: Output) -> bool {
    let Ok(mut entries) = fs::read_dir(dir) else {
        return false;
    };
    if entries.next().is_none() || dir.join(MARKER).is_file() {
        return true;
    }
    dir == site.join(kind.default_folder()) && kind.looks_written(dir)
}

fn only_pdfs(dir: &Path) -> bool {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .all(|e| e.path().extension().is_some_and(|x| x == "pdf"))
}

/// `path` made absolute and resolved one step at a time as the OS does: a link is followed
/// where it stands, so a `..` after it leaves the folder the link leads to. Steps that do not
/// exist yet are taken as written.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if let Ok(real) = fs::canonicalize(&out) {
                    out = real;
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` made absolute, with `.` and `..` removed without looking at the disk.
fn lexical(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("site.toml"), "").unwrap();
        fs::create_dir_all(dir.path().join("content/procedures")).unwrap();
        dir
    }

    fn refused(root: &Path, out: &Path, force: bool) -> Option<String> {
        check(root, out, Output::Site, force)
            .err()
            .map(|r| r.message)
    }

    #[test]
    fn the_site_its_parents_its_sources_files_and_the_root_are_never_replaced() {
        let dir = site();
        let root = dir.path();
        for (out, says) in [
            (root.to_path_buf(), "the site's own folder"),
            (root.join("public/.."), "the site's own folder"),
            (root.parent().unwrap().to_path_buf(), "it holds the site"),
            (PathBuf::from("/"), "root of the file system"),
            (root.join("content"), "inside the site's content"),
            (
                root.join("content/procedures/x"),
                "inside the site's content",
            ),
            (root.join("themes"), "site's themes"),
            (root.join("site.toml"), "site's site.toml"),
        ] {
            let message = refused(root, &out, true).unwrap_or_default();
            assert!(message.contains(says), "{}: {message:?}", out.display());
        }
        let file = root.join("notes.txt");
        fs::write(&file, "x").unwrap();
        assert!(refused(root, &file, true).unwrap().contains("is a file"));
    }

    #[test]
    fn a_folder_with_files_of_its_own_needs_force_and_a_marked_or_empty_one_does_not() {
        let dir = site();
        let root = dir.path();
        let documents = root.join("documents");
        fs::create_dir_all(&documents).unwrap();
        assert_eq!(refused(root, &documents, false), None, "empty");
        fs::write(documents.join("thesis.odt"), "x").unwrap();
        assert!(
            refused(root, &documents, false)
                .unwrap()
                .contains("did not write")
        );
        assert_eq!(refused(root, &documents, true), None, "--force");
        fs::write(documents.join(MARKER), MARKER_TEXT).unwrap();
        assert_eq!(refused(root, &documents, false), None, "marked");
        assert_eq!(refused(root, &root.join("new/folder"), false), None, "new");
    }

    #[test]
    fn the_default_folder_left_by_an_earlier_version_is_still_replaced() {
        let dir = site();
        let root = dir.path();
        let public = root.join("public");
        fs::create_dir_all(&public).unwrap();
        for f in ["index.html", "404.html", "sitemap.xml"] {
            fs::write(public.join(f), "x").unwrap();
        }
        assert_eq!(refused(root, &public, false), None);
        let elsewhere = root.join("www");
        fs::rename(&public, &elsewhere).unwrap();
        assert!(
            refused(root, &elsewhere, false).is_some(),
            "only the default folder"
        );

        let pdfs = root.join("leaflets-pdf/bundles");
        fs::create_dir_all(&pdfs).unwrap();
        fs::write(pdfs.join("linh-vuc-ho-tich.pdf"), "x").unwrap();
        let leaflets = root.join("leaflets-pdf");
        assert!(check(root, &leaflets, Output::Leaflets, false).is_ok());
        fs::write(leaflets.join("notes.txt"), "x").unwrap();
        assert!(check(root, &leaflets, Output::Leaflets, false).is_err());
    }

    #[test]
    fn a_parent_step_after_a_link_is_taken_from_where_the_link_leads() {
        let dir = site();
        let root = dir.path();
        let home = tempfile::tempdir().unwrap();
        let documents = home.path().join("Documents");
        fs::create_dir_all(home.path().join("x")).unwrap();
        fs::create_dir_all(&documents).unwrap();
        fs::write(documents.join("thesis.odt"), "x").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(home.path().join("x"), root.join("link")).unwrap();
            let out = root.join("link/../Documents");
            let message = refused(root, &out, false).unwrap_or_default();
            assert!(message.contains("did not write"), "{message:?}");
            let fresh = root.join("link/../fresh");
            assert_eq!(
                check(root, &fresh, Output::Site, false),
                Ok(fs::canonicalize(home.path()).unwrap().join("fresh")),
                "the folder written is the one judged"
            );
        }
    }

    #[test]
    fn links_are_followed_before_deciding() {
        let dir = site();
        let root = dir.path();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("content"), root.join("out")).unwrap();
            assert!(
                refused(root, &root.join("out"), true)
                    .unwrap()
                    .contains("content")
            );
        }
    }
}
