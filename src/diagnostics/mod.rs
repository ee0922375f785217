//! Problems found in a site, collected over a whole run and reported once.
//!
//! Every stage pushes `Diagnostic`s into a shared `Diagnostics`; nothing stops at the first
//! problem. The same list is rendered for the terminal (`report`, miette with source snippets),
//! as JSON for editors and CI (`json`), and, by `serve`, for the browser overlay. Snippets are read
//! from the files again when a report quotes them (see `crate::source`), so the run does not hold
//! the text of every file it loaded. `suggest` finds the "did you mean" of a misspelt word.

pub mod json;
pub mod report;
mod suggest;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::source::SourceFile;
pub use suggest::did_you_mean;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A place in a source file: 1-based line and column, plus the byte range for snippets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    pub line: usize,
    pub col: usize,
    #[serde(skip)]
    pub offset: usize,
    #[serde(skip)]
    pub len: usize,
}

impl Location {
    /// The location of byte `offset` in `text`.
    pub fn at_offset(text: &str, offset: usize, len: usize) -> Location {
        let offset = offset.min(text.len());
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = text[line_start..offset].chars().count() + 1;
        Location {
            line,
            col,
            offset,
            len,
        }
    }
}

/// Line starts of a text, for placing many offsets in it without rescanning it for each.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// The 1-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// The same as [`Location::at_offset`], in time proportional to the line, not the text.
    pub fn location(&self, offset: usize, len: usize) -> Location {
        let offset = offset.min(self.text.len());
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let col = self.text[start..offset].chars().count() + 1;
        Location {
            line,
            col,
            offset,
            len,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with forward slashes.
    pub file: String,
    pub location: Option<Location>,
    /// The field path inside the file, e.g. `channels[0].fee`.
    pub field: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            location: None,
            field: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, location: Option<Location>) -> Diagnostic {
        self.location = location;
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Diagnostic {
        let field = field.into();
        self.field = if field.is_empty() { None } else { Some(field) };
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// One line, `file:line:col: error: [field] message (help)`, the shape editors and CI logs grep.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(loc) = self.location {
            write!(f, ":{}:{}", loc.line, loc.col)?;
        }
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {kind}: ")?;
        if let Some(field) = &self.field {
            write!(f, "`{field}`: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// The problems of one run, shared between parallel stages, plus the sources they point into.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    inner: Arc<Mutex<Inner>>,
}

#[derive(Debug, Default)]
struct Inner {
    items: Vec<Diagnostic>,
    sources: HashMap<String, Arc<SourceFile>>,
    /// Texts already read again for a report, so a file with many problems is read once.
    quoted: HashMap<String, Option<Arc<str>>>,
}

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    pub fn push(&self, diagnostic: Diagnostic) {
        self.inner.lock().unwrap().items.push(diagnostic);
    }

    pub fn extend(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.inner.lock().unwrap().items.extend(diagnostics);
    }

    /// Remembers where a loaded file is, so reports can quote it.
    pub fn add_source(&self, file: &str, source: Arc<SourceFile>) {
        self.inner
            .lock()
            .unwrap()
            .sources
            .insert(file.to_owned(), source);
    }

    pub fn has_errors(&self) -> bool {
        self.inner
            .lock()
            .unwrap()
            .items
            .iter()
            .any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.inner
            .lock()
            .unwrap()
            .items
            .iter()
            .filter(|d| d.is_error())
            .count()
    }

    /// All problems, errors first, then by file and position.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.inner.lock().unwrap().items.clone();
        items.sort_by(|a, b| {
            (
                std::cmp::Reverse(a.severity),
                &a.file,
                a.location.map(|l| l.offset),
            )
                .cmp(&(
                    std::cmp::Reverse(b.severity),
                    &b.file,
                    b.location.map(|l| l.offset),
                ))
        });
        items.dedup_by(|a, b| a.to_string() == b.to_string());
        items
    }

    /// The (normalised) text of a loaded file, read again; `None` if it changed since.
    pub fn source(&self, file: &str) -> Option<Arc<str>> {
        let source = {
            let inner = self.inner.lock().unwrap();
            if let Some(text) = inner.quoted.get(file) {
                return text.clone();
            }
            inner.sources.get(file).cloned()?
        };
        let text: Option<Arc<str>> = source.text().map(Arc::from);
        let mut inner = self.inner.lock().unwrap();
        inner.quoted.insert(file.to_owned(), text.clone());
        text
    }
}

/// A site-relative display path with forward slashes.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    rel.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_characters_not_bytes() {
        let text = "a: 1\nname: Đăng ký\nx: y";
        let offset = text.find("ký").unwrap();
        let loc = Location::at_offset(text, offset, 2);
        assert_eq!((loc.line, loc.col), (2, 12));
    }

    #[test]
    fn a_line_index_places_offsets_as_at_offset_does() {
        let text = "a: 1\nname: Đăng ký\n\nx: y";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() {
            if text.is_char_boundary(offset) {
                assert_eq!(
                    index.location(offset, 1),
                    Location::at_offset(text, offset, 1)
                );
            }
        }
    }

    #[test]
    fn display_is_one_grepable_line() {
        let d = Diagnostic::error("content/a.yaml", "unknown key `nmae`")
            .at(Some(Location {
                line: 3,
                col: 1,
                offset: 0,
                len: 4,
            }))
            .field("nmae")
            .help("did you mean `name`?");
        assert_eq!(
            d.to_string(),
            "content/a.yaml:3:1: error: `nmae`: unknown key `nmae` (did you mean `name`?)"
        );
    }
}
