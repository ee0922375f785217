//! Stage 1: walk a site's files, normalise their text, and decode them into model types.
//!
//! Every file is read and decoded independently (in parallel); problems are collected into the
//! run's `Diagnostics`, so one bad file never hides another's mistakes.

mod decode;
mod front_matter;
mod origin;
pub mod shortcode;
mod sources;
pub mod walk;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, display_path};
use crate::limits;
use crate::source::{SourceFile, text};
pub use decode::{decode, schema_of};
use origin::Origin;
pub use sources::{Loaded, MarkdownFile, Sources, StaticFile, Unreadable};
use walk::SiteRoot;
use yaml::Locate;

/// Reads the site at `root`. Returns `None` only when site.toml itself cannot be read; every other
/// problem is reported to `diags` and the offending file left out.
pub fn load(root: &Path, diags: &Diagnostics) -> Option<Sources> {
    let site = SiteRoot::new(root);
    let (config, config_file) = load_config(&site, diags)?;
    let content = root.join("content");
    if !content.is_dir() {
        diags.push(Diagnostic::error(
            "content/",
            "the site has no content/ folder",
        ));
        return None;
    }
    let list = |sub: &str, exts: &[&str]| list_files(&site, &content.join(sub), exts, diags);
    let unreadable = Mutex::new(Unreadable::default());
    let procedures = list("procedures", &["yaml", "yml"])
        .par_iter()
        .filter_map(|p| {
            let (file, text, source) = read(&site, p, diags)?;
            let loaded = load_one(&file, &text, source, diags);
            if loaded.is_none() {
                unreadable.lock().unwrap().codes.extend(code_in_text(&text));
            }
            loaded
        })
        .collect();
    let guides = list("guides", &["md"])
        .par_iter()
        .filter_map(|p| load_markdown(&site, &content.join("guides"), p, diags))
        .collect();
    let pages = list("pages", &["md"])
        .par_iter()
        .filter_map(|p| load_markdown(&site, &content.join("pages"), p, diags))
        .collect();
    let agencies = load_registry(&site, &content.join("agencies.yaml"), &unreadable, diags);
    let fields = load_registry(&site, &content.join("fields.yaml"), &unreadable, diags);
    let life_events = load_registry(&site, &content.join("life-events.yaml"), &unreadable, diags);
    Some(Sources {
        agencies,
        fields,
        life_events,
        unreadable: unreadable.into_inner().unwrap(),
        files: static_files(&site, &content, diags),
        root: root.to_path_buf(),
        config,
        config_file,
        procedures,
        guides,
        pages,
    })
}

fn load_config(site: &SiteRoot, diags: &Diagnostics) -> Option<(SiteConfig, Arc<SourceFile>)> {
    let path = site.path().join("site.toml");
    let (file, text, source) = read(site, &path, diags)?;
    let config = SiteConfig::load(&path, &text)
        .map_err(|d| diags.push(Diagnostic { file, ..d }))
        .ok()?;
    Some((config, source))
}

/// Reads and normalises a file, registering it for error snippets.
fn read(
    site: &SiteRoot,
    path: &Path,
    diags: &Diagnostics,
) -> Option<(String, String, Arc<SourceFile>)> {
    let file = display_path(site.path(), path);
    if let Err(d) = site.check_file(path) {
        diags.push(d);
        return None;
    }
    let bytes = match read_bounded(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
            let msg = format!(
                "the file is larger than {} MB, more than any content file needs",
                limits::FILE_BYTES / (1024 * 1024)
            );
            let help = "split it, or move large data (forms, media) into files of their own";
            diags.push(Diagnostic::error(file, msg).help(help));
            return None;
        }
        Err(e) => {
            diags.push(site.unreadable(path, &e));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(raw) => {
            let source = Arc::new(SourceFile::new(path, raw.as_bytes()));
            diags.add_source(&file, source.clone());
            Some((file, text::normalize(&raw), source))
        }
        Err(e) => {
            // Everything before the first bad byte is valid text, so it can be measured.
            let valid = e.utf8_error().valid_up_to();
            let prefix = std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or_default();
            let loc = Location::at_offset(prefix, valid, 1);
            let msg = "the file is not UTF-8 text";
            let help = "save it as UTF-8 (Unicode)";
            diags.push(Diagnostic::error(file, msg).at(Some(loc)).help(help));
            None
        }
    }
}

/// The bytes of a file, unless it holds more than [`limits::FILE_BYTES`].
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limits::FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limits::FILE_BYTES {
        return Err(std::io::ErrorKind::FileTooLarge.into());
    }
    Ok(bytes)
}

/// The `code:` of a procedure file too broken to decode, read from its text.
fn code_in_text(text: &str) -> Option<String> {
    let line = text.lines().find_map(|l| l.strip_prefix("code:"))?;
    let code = line.split('#').next()?.trim().trim_matches(['"', '\'']);
    (!code.is_empty()).then(|| code.to_owned())
}

fn load_one<T: DeserializeOwned + schemars::JsonSchema + 'static>(
    file: &str,
    text: &str,
    source: Arc<SourceFile>,
    diags: &Diagnostics,
) -> Option<Loaded<T>> {
    let value = yaml::parse_value(file, text, 0, 0)
        .map_err(|e| diags.extend(e))
        .ok()?;
    let origin = Arc::new(Origin::new(source, false));
    let item = decode::<T>(file, &value, "", &origin.with_text(text))
        .map_err(|e| diags.extend(e))
        .ok()?;
    Some(Loaded {
        file: file.to_owned(),
        item,
        origin,
        base: String::new(),
    })
}

/// agencies.yaml and its kin: a list of maps; each entry is decoded on its own.
fn load_registry<T: DeserializeOwned + schemars::JsonSchema + 'static>(
    site: &SiteRoot,
    path: &Path,
    unreadable: &Mutex<Unreadable>,
    diags: &Diagnostics,
) -> Vec<Loaded<T>> {
    let whole_file_lost = || {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        unreadable.lock().unwrap().registries.extend(name);
        Vec::new()
    };
    if std::fs::symlink_metadata(path).is_err() {
        let file = display_path(site.path(), path);
        diags.push(Diagnostic::error(
            file,
            "this file is missing; it lists the ids procedures refer to",
        ));
        return whole_file_lost();
    }
    let Some((file, text, source)) = read(site, path, diags) else {
        return whole_file_lost();
    };
    let value = match yaml::parse_value(&file, &text, 0, 0) {
        Ok(value) => value,
        Err(e) => {
            diags.extend(e);
            return whole_file_lost();
        }
    };
    let origin = Arc::new(Origin::new(source, false));
    let Some(entries) = value.as_array() else {
        let d = Diagnostic::error(
            &file,
            "expected a list of entries, each `- id: …` with a `name`",
        );
        diags.push(d.at(origin.with_text(&text).value("")));
        return whole_file_lost();
    };
    entries
        .iter()
        .enumerate()
        .filter_map(|(i, value)| {
            let base = format!("/{i}");
            let item = decode::<T>(&file, value, &base, &origin.with_text(&text))
                .map_err(|e| {
                    diags.extend(e);
                    let id = value.get("id").and_then(Value::as_str).map(str::to_owned);
                    unreadable.lock().unwrap().ids.extend(id);
                })
                .ok()?;
            Some(Loaded {
                file: file.clone(),
                item,
                origin: origin.clone(),
                base,
            })
        })
        .collect()
}

fn load_markdown<T: DeserializeOwned + schemars::JsonSchema + 'static>(
    site: &SiteRoot,
    folder: &Path,
    path: &Path,
    diags: &Diagnostics,
) -> Option<MarkdownFile<T>> {
    let (file, text, source) = read(site, path, diags)?;
    let parts = front_matter::split(&file, &text)
        .map_err(|d| diags.push(d))
        .ok()?;
    let value = yaml::parse_value(&file, parts.yaml, parts.yaml_line - 1, parts.yaml_offset)
        .map_err(|e| diags.extend(e))
        .ok()?;
    let origin = Arc::new(Origin::new(source, true));
    let item = decode::<T>(&file, &value, "", &origin.with_text(&text))
        .map_err(|e| diags.extend(e))
        .ok()?;
    let (body, errors) = shortcode::split(&file, parts.body, parts.body_line);
    diags.extend(errors);
    let stem = path.strip_prefix(folder).unwrap_or(path).with_extension("");
    Some(MarkdownFile {
        meta: Loaded {
            file,
            item,
            origin,
            base: String::new(),
        },
        stem: stem.to_string_lossy().replace('\\', "/"),
        body,
        body_line: parts.body_line,
    })
}

/// Files of one content folder with the given extensions; others are reported, not ignored.
fn list_files(site: &SiteRoot, dir: &Path, exts: &[&str], diags: &Diagnostics) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in site.files(dir, diags) {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if exts.contains(&ext) {
            out.push(path);
        } else {
            let msg = format!("skipped: only {} files belong here", exts.join("/"));
            diags.push(Diagnostic::warning(display_path(site.path(), &path), msg));
        }
    }
    out
}

/// Files under content/ other than the content sources, published under the same path.
fn static_files(
    site: &SiteRoot,
    content: &Path,
    diags: &Diagnostics,
) -> BTreeMap<String, StaticFile> {
    const SOURCES: [&str; 3] = ["procedures", "guides", "pages"];
    let top_level = |rel: &str| rel.split('/').next().unwrap_or_default().to_owned();
    site.files(content, diags)
        .into_iter()
        .filter_map(|path| {
            let rel = path
                .strip_prefix(content)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            let is_source = SOURCES.contains(&top_level(&rel).as_str())
                || (!rel.contains('/') && rel.ends_with(".yaml"));
            if is_source {
                return None;
            }
            let size = std::fs::metadata(&path).ok()?.len();
            Some((rel, StaticFile { path, size }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agency, Field, GuideMeta};

    /// Writes `text` at `rel` under a fresh site folder.
    fn site_with(rel: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn front_matter_positions_are_found_again_in_the_whole_file() {
        // A BOM and Windows line ends: positions are counted in the normalised text.
        let raw = "\u{feff}---\r\ntitle: Khai sinh\r\nupdated: 2025-01-02\r\n---\r\nBody\r\n";
        let (dir, path) = site_with("content/guides/khai-sinh.md", raw);
        let folder = path.parent().unwrap();
        let diags = Diagnostics::new();
        let guide =
            load_markdown::<GuideMeta>(&SiteRoot::new(dir.path()), folder, &path, &diags).unwrap();
        let loc = guide.meta.loc("/updated").unwrap();
        assert_eq!((loc.line, loc.col), (3, 10));
        let text = text::normalize(raw);
        assert_eq!(&text[loc.offset..loc.offset + loc.len], "2025-01-02");
    }

    #[test]
    fn registry_entries_are_placed_under_their_index_and_the_file_parsed_once() {
        let (dir, path) = site_with(
            "content/agencies.yaml",
            "- id: a\n  name: A\n- id: b\n  name: B\n",
        );
        let diags = Diagnostics::new();
        let agencies =
            load_registry::<Agency>(&SiteRoot::new(dir.path()), &path, &Mutex::default(), &diags);
        let loc = agencies[1].loc("/name").unwrap();
        assert_eq!((loc.line, loc.col), (4, 9));
        // The positions of every entry came from that one reading.
        std::fs::remove_file(&path).unwrap();
        assert_eq!(agencies[0].loc("/id").unwrap().line, 1);
    }

    #[test]
    fn a_file_changed_since_it_was_loaded_gives_no_position() {
        let (dir, path) = site_with("content/fields.yaml", "- id: a\n  name: A\n");
        let diags = Diagnostics::new();
        let fields =
            load_registry::<Field>(&SiteRoot::new(dir.path()), &path, &Mutex::default(), &diags);
        std::fs::write(&path, "# moved down\n- id: a\n  name: A\n").unwrap();
        assert_eq!(fields[0].loc("/name"), None);
        assert_eq!(diags.source("content/fields.yaml"), None);
    }
}
