//! Replacing a folder by another in one step.

use std::io;
use std::path::Path;

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

/// Removes staging folders left by builds that were killed, unless their process still runs.
pub fn remove_stale(parent: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(prefix) else {
            continue;
        };
        let pid = rest.split('-').next().unwrap_or_default();
        let alive = Path::new("/proc").join(pid).exists() && pid != std::process::id().to_string();
        if !alive {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
