//! Watching the site's sources and rebuilding when they change.
//!
//! Not every file-system event is an edit. The build itself opens and reads every source, and the
//! kernel reports each of those reads; a `touch` or a permission change reports new metadata only.
//! Reacting to those made the preview rebuild its own reads, forever. So only writes, creations,
//! removals and renames count, and even then a rebuild happens only when some source's bytes
//! differ from those the last build read (an editor saving an unchanged buffer, or one save
//! reported in several events, is not a second change).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use notify::RecursiveMode;
use notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, RecommendedCache};

use super::{State, rebuild};
use crate::load::walk::{SITE_SOURCES, SiteRoot, is_hidden};
use crate::site::Options;

/// How long a burst of events (one save is several) is gathered before it is looked at.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// Watching that has begun but acts on nothing yet: what it sees while the first build runs is
/// kept for when [`Watching::start`] is called, so an edit made during that build is not lost.
pub struct Watching {
    root: PathBuf,
    debouncer: notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    events: mpsc::Receiver<DebounceEventResult>,
    /// The sources as they were before the first build read them.
    built: Fingerprint,
}

pub struct Watcher {
    _thread: std::thread::JoinHandle<()>,
}

/// Starts watching the site's sources; call before the first build.
pub fn begin(opts: &Options) -> notify::Result<Watching> {
    let root = opts
        .root
        .canonicalize()
        .unwrap_or_else(|_| opts.root.clone());
    let (tx, events) = mpsc::channel::<DebounceEventResult>();
    // Links are not followed into: one leading out of the site (which loading refuses) could
    // otherwise make the watcher walk a whole home folder.
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut debouncer = notify_debouncer_full::new_debouncer_opt(
        DEBOUNCE,
        None,
        tx,
        RecommendedCache::new(),
        config,
    )?;
    // The root itself, not recursively: sees site.toml replaced by a rename (as many editors
    // save), and source folders that appear, disappear or are renamed.
    debouncer.watch(&root, RecursiveMode::NonRecursive)?;
    for folder in source_folders(&root) {
        debouncer.watch(&folder, RecursiveMode::Recursive)?;
    }
    let built = Fingerprint::of(&root);
    Ok(Watching {
        root,
        debouncer,
        events,
        built,
    })
}

impl Watching {
    /// Rebuilds on every change from now on, beginning with those seen since [`begin`].
    pub fn start(self, opts: &Options, out: &Path, state: Arc<State>) -> Watcher {
        let Watching {
            root,
            mut debouncer,
            events,
            mut built,
        } = self;
        let opts = opts.clone();
        let out = out.to_path_buf();
        let thread = std::thread::spawn(move || {
            while let Ok(first) = events.recv() {
                let mut touched = Touched::default();
                touched.add(first, &root);
                // Everything else that has arrived meanwhile (also during the last build) joins in.
                while let Ok(more) = events.try_recv() {
                    touched.add(more, &root);
                }
                for folder in touched.new_source_folders(&root) {
                    if let Err(e) = debouncer.watch(&folder, RecursiveMode::Recursive) {
                        eprintln!("warning: cannot watch {}: {e}", folder.display());
                    }
                }
                if built.refresh(&touched, &root) {
                    rebuild(&opts, &out, &state);
                }
            }
        });
        Watcher { _thread: thread }
    }
}

/// The source folders under `root` that exist now; the output folder and `target/` are
/// deliberately not among them.
fn source_folders(root: &Path) -> impl Iterator<Item = PathBuf> + '_ {
    SITE_SOURCES
        .iter()
        .map(|name| root.join(name))
        .filter(|path| path.is_dir())
}

/// Whether `path` is part of the site's sources (and not an editor's scratch file).
fn is_source(path: &Path, root: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let top = rel.components().next().map(|c| c.as_os_str());
    let hidden = rel
        .components()
        .any(|c| is_hidden(Path::new(c.as_os_str())));
    top.is_some_and(|top| SITE_SOURCES.iter().any(|s| top == *s)) && !hidden && !is_noise(path)
}

/// Whether an event can change what a source holds: a write, a creation, a removal, a rename.
/// Reads (open, access, close after reading) and metadata changes cannot.
fn is_edit(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) => false,
        // Kinds a platform could not name: the bytes are compared anyway.
        EventKind::Any | EventKind::Other => true,
    }
}

/// The source paths that a batch of events may have changed.
#[derive(Default)]
struct Touched {
    paths: BTreeSet<PathBuf>,
    /// Events were lost (the watcher failed or the kernel's queue overflowed): look at everything.
    everything: bool,
}

impl Touched {
    fn add(&mut self, result: DebounceEventResult, root: &Path) {
        let events: Vec<DebouncedEvent> = match result {
            Ok(events) => events,
            Err(_) => {
                self.everything = true;
                return;
            }
        };
        for event in events {
            if event.need_rescan() {
                self.everything = true;
            } else if is_edit(&event.kind) {
                let sources = event.paths.iter().filter(|p| is_source(p, root));
                self.paths.extend(sources.cloned());
            }
        }
    }

    /// Source folders that now exist where an event was: created, or renamed into place.
    fn new_source_folders(&self, root: &Path) -> Vec<PathBuf> {
        let tops: Vec<PathBuf> = source_folders(root).collect();
        if self.everything {
            return tops;
        }
        tops.into_iter()
            .filter(|top| self.paths.contains(top))
            .collect()
    }
}

/// The bytes of every source file as of the last build, as a hash per file.
#[derive(Debug, Default, PartialEq)]
struct Fingerprint {
    files: BTreeMap<PathBuf, blake3::Hash>,
}

impl Fingerprint {
    fn of(root: &Path) -> Fingerprint {
        let mut fingerprint = Fingerprint::default();
        for name in SITE_SOURCES {
            fingerprint
                .files
                .extend(hash_files_under(&root.join(name), root));
        }
        fingerprint
    }

    /// Takes in the current bytes of everything touched; true when any of them differ from the
    /// last build's, or a file appeared or disappeared.
    fn refresh(&mut self, touched: &Touched, root: &Path) -> bool {
        if touched.everything {
            let now = Fingerprint::of(root);
            let changed = now != *self;
            *self = now;
            return changed;
        }
        let mut changed = false;
        for path in &touched.paths {
            changed |= self.refresh_under(path, root);
        }
        changed
    }

    /// Replaces what is known of `path` (a file, or every file of a folder) by what is there now.
    fn refresh_under(&mut self, path: &Path, root: &Path) -> bool {
        let now = hash_files_under(path, root);
        // A path's descendants sort right after it: paths compare component by component.
        let before: BTreeMap<PathBuf, blake3::Hash> = self
            .files
            .range(path.to_path_buf()..)
            .take_while(|(p, _)| p.starts_with(path))
            .map(|(p, h)| (p.clone(), *h))
            .collect();
        if before == now {
            return false;
        }
        for p in before.keys() {
            self.files.remove(p);
        }
        self.files.extend(now);
        true
    }
}

/// A hash of each source file at or under `path`; none when it does not exist. Links are
/// followed as loading follows them, only where they lead inside the site; pipes and other
/// special files are never opened (the build reports them).
fn hash_files_under(path: &Path, root: &Path) -> BTreeMap<PathBuf, blake3::Hash> {
    let site = SiteRoot::new(root);
    walkdir::WalkDir::new(path)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| !e.path_is_symlink() || site.leads_inside(e.path()))
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file() && is_source(entry.path(), root))
        .filter_map(|entry| {
            // A file removed while being looked at is simply not there. Read in pieces: a
            // video in static/ need not be held in memory whole.
            let file = std::fs::File::open(entry.path()).ok()?;
            let hash = blake3::Hasher::new().update_reader(file).ok()?.finalize();
            Some((entry.into_path(), hash))
        })
        .collect()
}

/// Editor swap and backup files.
fn is_noise(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, MetadataKind, RenameMode};

    #[test]
    fn reads_and_metadata_are_not_edits() {
        assert!(!is_edit(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_edit(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!is_edit(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(!is_edit(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::Any
        ))));
        assert!(is_edit(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(is_edit(&EventKind::Modify(ModifyKind::Name(
            RenameMode::Both
        ))));
        assert!(is_edit(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn only_sources_count() {
        let root = Path::new("/site");
        assert!(is_source(Path::new("/site/site.toml"), root));
        assert!(is_source(Path::new("/site/content/a/b.yaml"), root));
        assert!(!is_source(Path::new("/site/content/a/.b.yaml.swp"), root));
        assert!(!is_source(Path::new("/site/public/index.html"), root));
        assert!(!is_source(Path::new("/site/site.toml.bak"), root));
        assert!(!is_source(Path::new("/elsewhere/content/a.yaml"), root));
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_among_the_sources_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.yaml"), "a").unwrap();
        let fifo = root.join("content/pipe.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        // Opening a pipe waits for a writer: the watcher would hang for good.
        let hashed = hash_files_under(&root.join("content"), root);
        assert_eq!(
            hashed.keys().collect::<Vec<_>>(),
            [&root.join("content/a.yaml")]
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_site_are_not_followed_and_hidden_files_are_not_sources() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let home = dir.path().join("home");
        std::fs::create_dir_all(root.join("content/forms")).unwrap();
        std::fs::create_dir_all(&home).unwrap();
        std::fs::write(home.join("private.yaml"), "a").unwrap();
        std::fs::write(root.join("content/a.yaml"), "a").unwrap();
        std::fs::write(root.join("content/.a.yaml.kate-swp"), "a").unwrap();
        std::os::unix::fs::symlink(&home, root.join("content/home")).unwrap();
        std::os::unix::fs::symlink(root.join("content/a.yaml"), root.join("content/b.yaml"))
            .unwrap();
        let hashed = hash_files_under(&root.join("content"), &root);
        assert_eq!(
            hashed.keys().collect::<Vec<_>>(),
            [&root.join("content/a.yaml"), &root.join("content/b.yaml")],
            "the link inside the site is followed, the one to home is not"
        );
    }

    #[test]
    fn a_rebuild_waits_for_different_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let file = root.join("content/procedures/a.yaml");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, "name: A\n").unwrap();
        let mut built = Fingerprint::of(root);
        let touched = |paths: &[&Path]| Touched {
            paths: paths.iter().map(|p| p.to_path_buf()).collect(),
            everything: false,
        };

        // Saved unchanged, or looked at as a whole: nothing to build.
        std::fs::write(&file, "name: A\n").unwrap();
        assert!(!built.refresh(&touched(&[&file]), root));
        assert!(!built.refresh(&touched(&[&root.join("content")]), root));
        // Changed: once, and not again for the same bytes.
        std::fs::write(&file, "name: B\n").unwrap();
        assert!(built.refresh(&touched(&[&file]), root));
        assert!(!built.refresh(&touched(&[&file]), root));
        // A file that appears in a new folder, then the folder removed.
        let new = root.join("content/guides/g.md");
        std::fs::create_dir_all(new.parent().unwrap()).unwrap();
        std::fs::write(&new, "# G\n").unwrap();
        assert!(built.refresh(&touched(&[&root.join("content/guides")]), root));
        std::fs::remove_dir_all(root.join("content/guides")).unwrap();
        assert!(built.refresh(&touched(&[&root.join("content/guides")]), root));
        assert_eq!(built, Fingerprint::of(root));
        // A rescan sees what the events missed.
        std::fs::write(&file, "name: C\n").unwrap();
        let everything = Touched {
            paths: BTreeSet::new(),
            everything: true,
        };
        assert!(built.refresh(&everything, root));
        assert!(!built.refresh(&everything, root));
    }
}
