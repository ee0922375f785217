//! Replacing a folder by another in one step, and the staging folders that builds fill first.
//!
//! A build holds an advisory lock on its staging folder while it runs. A build that starts
//! removes the staging folders nobody holds: those of builds that were killed. The lock goes
//! with the process, whatever the system, where a process id may be reused or unreadable.

use std::fs::{File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

/// Moves `staged` to `target`. Where the OS can exchange two paths atomically (Linux
/// `renameat2(RENAME_EXCHANGE)`), a web server serving `target` never sees it missing.
pub fn replace(staged: &Path, target: &Path) -> io::Result<()> {
    if !target.exists() {
        return std::fs::rename(staged, target);
    }
    if exchange(staged, target).is_ok() {
        // `staged` now holds the previous site.
        return std::fs::remove_dir_all(staged);
    }
    let old = staged.with_extension("old");
    // Held while the previous site is set aside, so that no other build removes it meanwhile.
    let _old_lock = locked(target)?;
    std::fs::rename(target, &old)?;
    if let Err(e) = std::fs::rename(staged, target) {
        std::fs::rename(&old, target)?;
        return Err(e);
    }
    std::fs::remove_dir_all(old)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::other("no atomic exchange on this system"))
}

/// A new staging folder under `parent`, named `prefix` and a unique suffix, and the open handle
/// that holds its lock: the folder is this build's for as long as the handle is open.
pub fn create_locked(
    parent: &Path,
    prefix: &str,
    suffix: impl Fn() -> String,
) -> io::Result<(PathBuf, File)> {
    // Another build's cleanup may take the folder between its creation and its lock: then a new
    // name, which no cleanup has seen.
    for _ in 0..3 {
        let dir = parent.join(format!("{prefix}{}", suffix()));
        std::fs::create_dir(&dir)?;
        match locked(&dir) {
            Ok(lock) if dir.is_dir() => return Ok((dir, lock)),
            Ok(_) => {}
            Err(e)
                if e.kind() == io::ErrorKind::NotFound || e.kind() == io::ErrorKind::WouldBlock => {
            }
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(
        "another build kept removing the new staging folder",
    ))
}

/// Removes the staging folders that no running build holds.
pub fn remove_stale(parent: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(prefix) {
            continue;
        }
        // Removed while locked, so that a build that finds it mid-removal leaves it alone.
        if let Ok(_lock) = locked(&entry.path()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The folder `dir` opened and locked, or `WouldBlock` when another handle holds it.
fn locked(dir: &Path) -> io::Result<File> {
    let handle = File::open(dir)?;
    match handle.try_lock() {
        Ok(()) => Ok(handle),
        Err(TryLockError::WouldBlock) => Err(io::ErrorKind::WouldBlock.into()),
        Err(TryLockError::Error(e)) => Err(e),
    }
}
