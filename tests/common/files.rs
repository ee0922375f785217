//! Copying a folder tree, for tests that set up a site from the repository's files. Shared with
//! the fuzzer (tests/fuzz.rs includes this file by path).

use std::path::Path;

/// Copies the folder `from` and all it holds into `to`, creating `to` as needed.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a folder of the site");
    for entry in std::fs::read_dir(from).expect("read a folder to copy") {
        let entry = entry.expect("a folder entry");
        let dest = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).expect("copy a file of the site");
        }
    }
}
