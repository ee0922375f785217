//! The catalog's guides and free pages: their addresses, taken from their file names, and the
//! checks that no two of them, or a guide and its printable version, share one.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::limits::ADDRESS_SEGMENT;
use crate::load::MarkdownFile;
use crate::model::{GuideMeta, PageMeta, body};
use crate::slug::ascii_words;

use super::routes;
use super::{GuideEntry, PageEntry};

/// The guides of the build, newest first, linked to the procedures they name.
pub(super) fn guides(
    files: Vec<MarkdownFile<GuideMeta>>,
    drafts: bool,
    by_code: &HashMap<String, usize>,
    diags: &Diagnostics,
) -> Vec<GuideEntry> {
    let mut guides: Vec<GuideEntry> = files
        .into_iter()
        .filter(|g| drafts || !g.meta.item.draft)
        .map(|g| guide_entry(g, by_code, diags))
        .collect();
    guides.sort_by(|a, b| {
        b.meta
            .updated
            .cmp(&a.meta.updated)
            .then_with(|| a.path.cmp(&b.path))
    });
    check_print_paths(&guides, diags);
    check_shared_paths(guides.iter().map(|g| (&g.path, &g.file)), diags);
    guides
}

/// The free pages of the build; one that would take a generated page's address is left out.
pub(super) fn pages(
    files: Vec<MarkdownFile<PageMeta>>,
    drafts: bool,
    diags: &Diagnostics,
) -> Vec<PageEntry> {
    let pages: Vec<PageEntry> = files
        .into_iter()
        .filter(|p| drafts || !p.meta.item.draft)
        .filter_map(|p| page_entry(p, diags))
        .collect();
    check_shared_paths(pages.iter().map(|p| (&p.path, &p.file)), diags);
    pages
}

fn guide_entry(
    g: MarkdownFile<GuideMeta>,
    by_code: &HashMap<String, usize>,
    diags: &Diagnostics,
) -> GuideEntry {
    let mut procedures = Vec::new();
    for (i, code) in g.meta.item.procedures.iter().enumerate() {
        match by_code.get(code) {
            Some(&pi) => procedures.push(pi),
            None => diags.push(g.meta.warning(
                &format!("/procedures/{i}"),
                format!("`{code}` is a draft and not in this build; the link is left out"),
            )),
        }
    }
    let path = routes::guide(&slug_path(&g.stem));
    check_segments(&path, &g.meta.file, diags);
    GuideEntry {
        print_path: routes::printable(&path),
        path,
        file: g.meta.file.clone(),
        body: body::with_video_titles(g.body, &g.meta.item.title),
        meta: g.meta.item,
        body_line: g.body_line,
        procedures,
    }
}

/// A guide saved as `x/in.md` would take the address of the printable `x.md`.
fn check_print_paths(guides: &[GuideEntry], diags: &Diagnostics) {
    let mut owners: HashMap<&str, &GuideEntry> = HashMap::new();
    for g in guides {
        owners.entry(&g.print_path).or_insert(g);
    }
    for g in guides {
        if let Some(owner) = owners.get(g.path.as_str()) {
            let msg = format!(
                "the address {} is the printable version of {}; rename this file",
                g.path, owner.file
            );
            diags.push(Diagnostic::error(&g.file, msg));
        }
    }
}

/// Two files whose names differ only in case, accents or punctuation would take one address, and
/// one page would silently replace the other.
fn check_shared_paths<'a>(
    entries: impl Iterator<Item = (&'a String, &'a String)>,
    diags: &Diagnostics,
) {
    let mut files_at: HashMap<&str, Vec<&str>> = HashMap::new();
    for (path, file) in entries {
        files_at.entry(path).or_default().push(file);
    }
    for (path, mut files) in files_at {
        files.sort_unstable();
        for file in &files[1..] {
            let msg = format!(
                "this file takes the address {path}, which {} already has; rename one of them",
                files[0]
            );
            diags.push(Diagnostic::error(*file, msg));
        }
    }
}

fn page_entry(p: MarkdownFile<PageMeta>, diags: &Diagnostics) -> Option<PageEntry> {
    let path = slug_path(&p.stem);
    check_segments(&path, &p.meta.file, diags);
    let top = path.split('/').next().unwrap_or_default();
    if routes::RESERVED.contains(&top) || path == "index" {
        let msg =
            format!("the page address /{path}/ is reserved for generated pages; rename the file");
        diags.push(Diagnostic::error(&p.meta.file, msg));
        return None;
    }
    Some(PageEntry {
        path: routes::page(&path),
        file: p.meta.file.clone(),
        body: body::with_video_titles(p.body, &p.meta.item.title),
        meta: p.meta.item,
        body_line: p.body_line,
    })
}

/// A file's name, spelt in ASCII, may come out longer than a folder name can be.
fn check_segments(path: &str, file: &str, diags: &Diagnostics) {
    if let Some(long) = path.split('/').find(|s| s.len() > ADDRESS_SEGMENT) {
        let msg = format!(
            "this file's name makes a part of its address {} characters long, more than the {ADDRESS_SEGMENT} a folder name may have",
            long.len()
        );
        diags.push(Diagnostic::error(file, msg).help("give the file a shorter name"));
    }
}

/// A file stem (`chuyen-muc/Giới thiệu`) as an address path (`chuyen-muc/gioi-thieu`).
fn slug_path(stem: &str) -> String {
    stem.split('/')
        .map(ascii_words)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}
