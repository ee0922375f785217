//! What loading produces: every file of a site decoded into model types, each item with the
//! file it came from and the means to place its fields in that file.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use super::origin::Origin;
use super::yaml::{self, Locate};
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Location};
use crate::model::{Agency, Field, GuideMeta, LifeEvent, PageMeta, Procedure};
use crate::source::SourceFile;

/// A decoded item with the file it came from, which can tell where its fields stand in that file.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub file: String,
    pub item: T,
    /// Shared by the entries of one registry file.
    pub(super) origin: Arc<Origin>,
    /// JSON pointer of the item inside its file (`/3` for the fourth agency, empty otherwise).
    pub(super) base: String,
}

impl<T> Loaded<T> {
    /// Takes the item out, keeping what locates its fields for later messages.
    pub fn split(self) -> (T, Loaded<()>) {
        let origin = Loaded {
            file: self.file,
            item: (),
            origin: self.origin,
            base: self.base,
        };
        (self.item, origin)
    }

    /// The position of a field of this item, by JSON pointer relative to the item (`/channels/0`).
    /// The first question about a file reads it again; `None` if it has changed since.
    pub fn loc(&self, pointer: &str) -> Option<Location> {
        self.origin.value(&format!("{}{pointer}", self.base))
    }

    /// A diagnostic about a field of this item, located and named.
    pub fn error(&self, pointer: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.file, message)
            .at(self.loc(pointer))
            .field(yaml::field_path(pointer))
    }

    pub fn warning(&self, pointer: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.file, message)
            .at(self.loc(pointer))
            .field(yaml::field_path(pointer))
    }
}

/// A Markdown file: front matter decoded, body kept as text with the line it starts on.
#[derive(Debug, Clone)]
pub struct MarkdownFile<T> {
    pub meta: Loaded<T>,
    /// Path under its folder without the extension, e.g. `dang-ky-khai-sinh`.
    pub stem: String,
    /// The body split into Markdown and shortcode calls.
    pub body: crate::model::Body,
    pub body_line: usize,
}

/// A file under content/ that is published as it is (forms, media).
#[derive(Debug, Clone)]
pub struct StaticFile {
    pub path: PathBuf,
    pub size: u64,
}

/// Everything read from a site, decoded but not yet cross-checked.
#[derive(Debug)]
pub struct Sources {
    pub root: PathBuf,
    pub config: SiteConfig,
    /// site.toml as it was read, for placing problems found in it later.
    pub config_file: Arc<SourceFile>,
    pub procedures: Vec<Loaded<Procedure>>,
    pub guides: Vec<MarkdownFile<GuideMeta>>,
    pub pages: Vec<MarkdownFile<PageMeta>>,
    pub agencies: Vec<Loaded<Agency>>,
    pub fields: Vec<Loaded<Field>>,
    pub life_events: Vec<Loaded<LifeEvent>>,
    /// Keyed by path under content/ with forward slashes (`forms/to-khai.docx`).
    pub files: BTreeMap<String, StaticFile>,
    /// What failed to load, so references to it are not reported a second time.
    pub unreadable: Unreadable,
}

/// Codes and ids of entries that could not be decoded, and registry files that could not be read
/// at all. One broken file yields its own errors, not one more for every file that names it.
#[derive(Debug, Default)]
pub struct Unreadable {
    pub codes: HashSet<String>,
    pub ids: HashSet<String>,
    /// File names under content/, e.g. `agencies.yaml`.
    pub registries: HashSet<String>,
}
