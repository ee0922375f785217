//! Files as they were read, found again when a report needs their text.
//!
//! Positions and snippets are wanted only for the few files a problem is reported in, yet a site
//! can hold hundreds of megabytes of YAML and Markdown. So the text of each file is not kept for
//! the whole run: a `SourceFile` remembers where the file is and a fingerprint of what was read,
//! and reads it again on demand. A file edited in the meantime (say while `serve` rebuilds) no
//! longer matches and yields nothing, so a report never quotes or points into other text than
//! the one that was checked.

use std::path::{Path, PathBuf};

pub mod text;

#[derive(Debug)]
pub struct SourceFile {
    path: PathBuf,
    fingerprint: blake3::Hash,
}

impl SourceFile {
    /// Remembers the file at `path`, whose bytes were `raw` when it was read.
    pub fn new(path: &Path, raw: &[u8]) -> SourceFile {
        SourceFile {
            path: path.to_path_buf(),
            fingerprint: blake3::hash(raw),
        }
    }

    /// The file's text, normalised as it was when loaded; `None` if it is gone or has changed.
    pub fn text(&self) -> Option<String> {
        let bytes = std::fs::read(&self.path).ok()?;
        if blake3::hash(&bytes) != self.fingerprint {
            return None;
        }
        let raw = String::from_utf8(bytes).ok()?;
        Some(text::normalize(&raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_text_again_normalised_and_only_while_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        let raw = "\u{feff}name: x\r\n";
        std::fs::write(&path, raw).unwrap();
        let source = SourceFile::new(&path, raw.as_bytes());
        assert_eq!(source.text().as_deref(), Some("name: x\n"));
        std::fs::write(&path, "name: y\n").unwrap();
        assert_eq!(source.text(), None, "an edited file is not quoted");
        std::fs::remove_file(&path).unwrap();
        assert_eq!(source.text(), None, "nor a deleted one");
    }
}
