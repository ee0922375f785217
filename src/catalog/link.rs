//! Assembling the catalog: choosing addresses, resolving ids to indices, building the indexes.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::limits::ADDRESS_SEGMENT;
use crate::load::{Loaded, MarkdownFile, Sources};
use crate::model::{Level, OnlineLevel, Procedure, Status};
use crate::slug::{ascii_words, short_code, slugify};

use super::collate::{initial, sort_key};
use super::routes;
use super::{Catalog, Group, GuideEntry, Letter, PageEntry, ProcedureEntry, Redirect};

/// Builds the catalog from validated sources. Address collisions are reported to `diags`.
pub fn build(sources: Sources, drafts: bool, diags: &Diagnostics) -> Catalog {
    let mut procs: Vec<Loaded<Procedure>> = sources
        .procedures
        .into_iter()
        .filter(|p| drafts || !p.item.draft)
        .collect();
    procs.sort_by_cached_key(|p| (sort_key(&p.item.name), p.item.code.clone()));
    let slugs = procedure_slugs(&procs, diags);
    let by_code: HashMap<String, usize> = procs
        .iter()
        .enumerate()
        .map(|(i, p)| (p.item.code.clone(), i))
        .collect();

    let fields = groups(sources.fields, routes::FIELDS, |f| f.id.clone());
    let agencies = groups(sources.agencies, routes::AGENCIES, |a| a.id.clone());
    let life_events = groups(sources.life_events, routes::LIFE_EVENTS, |e| e.id.clone());
    // Looked up once per procedure: a catalog of thousands of agencies costs no more per
    // procedure than one of ten.
    let (field_at, agency_at, event_at) = (
        positions(&fields),
        positions(&agencies),
        positions(&life_events),
    );

    let mut procedures: Vec<ProcedureEntry> = procs
        .into_iter()
        .zip(slugs)
        .map(|(p, slug)| {
            let (d, origin) = p.split();
            let portal_url = (d.online != OnlineLevel::Khong)
                .then(|| sources.config.portal_link(&d.code, d.portal_url.as_deref()));
            ProcedureEntry {
                path: routes::procedure(&slug),
                short_path: routes::short(&d.code),
                leaflet_path: (d.status == Status::HieuLuc).then(|| routes::leaflet(&d.code)),
                portal_url,
                field: field_at.get(d.field.as_str()).copied(),
                agency: agency_at.get(d.agency.as_str()).copied(),
                life_events: d
                    .life_events
                    .iter()
                    .filter_map(|e| event_at.get(e.as_str()).copied())
                    .collect(),
                guides: Vec::new(),
                replaced_by: None,
                replaces: Vec::new(),
                initial: initial(&d.name),
                file: origin.file.clone(),
                origin,
                data: d,
            }
        })
        .collect();
    link_replacements(&mut procedures, &by_code);

    let mut guides: Vec<GuideEntry> = sources
        .guides
        .into_iter()
        .filter(|g| drafts || !g.meta.item.draft)
        .map(|g| guide_entry(g, &by_code, diags))
        .collect();
    guides.sort_by(|a, b| {
        b.meta
            .updated
            .cmp(&a.meta.updated)
            .then_with(|| a.path.cmp(&b.path))
    });
    check_print_paths(&guides, diags);
    check_shared_paths(guides.iter().map(|g| (&g.path, &g.file)), diags);
    for (gi, guide) in guides.iter().enumerate() {
        for &pi in &guide.procedures {
            procedures[pi].guides.push(gi);
        }
    }
    let pages = sources
        .pages
        .into_iter()
        .filter(|p| drafts || !p.meta.item.draft)
        .filter_map(|p| page_entry(p, diags))
        .collect::<Vec<_>>();
    check_shared_paths(pages.iter().map(|p| (&p.path, &p.file)), diags);

    let mut catalog = Catalog {
        base: sources.config.base(),
        config: sources.config,
        root: sources.root,
        levels: Level::ALL
            .iter()
            .map(|&l| Group {
                item: l,
                id: l.id().into(),
                path: routes::level(l),
                procedures: vec![],
            })
            .collect(),
        fields,
        agencies,
        life_events,
        redirects: Vec::new(),
        letters: Vec::new(),
        files: sources.files,
        guides,
        pages,
        drafts,
        by_code,
        procedures,
    };
    index_groups(&mut catalog);
    catalog.letters = letters(&catalog.procedures);
    catalog.redirects = redirects(&catalog, diags);
    catalog
}

/// Each procedure's address: its `slug`, else its name as ASCII. Names shared by several
/// procedures get the code appended, so no page silently replaces another.
fn procedure_slugs(procs: &[Loaded<Procedure>], diags: &Diagnostics) -> Vec<String> {
    let wanted: Vec<String> = procs
        .iter()
        .map(|p| p.item.slug.clone().unwrap_or_else(|| slugify(&p.item.name)))
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for s in &wanted {
        *count.entry(s).or_default() += 1;
    }
    procs
        .iter()
        .zip(&wanted)
        .map(|(p, slug)| {
            if count[slug.as_str()] == 1 {
                return slug.clone();
            }
            if p.item.slug.is_some() {
                diags.push(p.error(
                    "/slug",
                    format!("the slug `{slug}` is used by another procedure too"),
                ));
            }
            format!("{slug}-{}", short_code(&p.item.code))
        })
        .collect()
}

fn groups<T>(items: Vec<Loaded<T>>, base: &str, id: impl Fn(&T) -> String) -> Vec<Group<T>> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter(|i| seen.insert(id(&i.item)))
        .map(|i| {
            let id = id(&i.item);
            Group {
                path: routes::group(base, &id),
                id,
                item: i.item,
                procedures: Vec::new(),
            }
        })
        .collect()
}

/// Each group's index by its id.
fn positions<T>(groups: &[Group<T>]) -> HashMap<String, usize> {
    groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id.clone(), i))
        .collect()
}

fn index_groups(c: &mut Catalog) {
    for (i, p) in c.procedures.iter().enumerate() {
        if let Some(f) = p.field {
            c.fields[f].procedures.push(i);
        }
        if let Some(a) = p.agency {
            c.agencies[a].procedures.push(i);
        }
        for &e in &p.life_events {
            c.life_events[e].procedures.push(i);
        }
        for level in &p.data.level {
            if let Some(g) = c.levels.iter_mut().find(|g| g.item == *level) {
                g.procedures.push(i);
            }
        }
    }
}

/// The A–Z pages: procedures are in alphabetical order, so each letter's are consecutive.
fn letters(procedures: &[ProcedureEntry]) -> Vec<Letter> {
    let mut out: Vec<Letter> = Vec::new();
    for (i, p) in procedures.iter().enumerate() {
        match out.last_mut() {
            Some(l) if l.letter == p.initial => l.procedures.push(i),
            _ => out.push(Letter {
                letter: p.initial.clone(),
                path: routes::letter(&p.initial),
                procedures: vec![i],
            }),
        }
    }
    out
}

fn link_replacements(procedures: &mut [ProcedureEntry], by_code: &HashMap<String, usize>) {
    for i in 0..procedures.len() {
        let target = procedures[i]
            .data
            .replaced_by
            .as_ref()
            .and_then(|c| by_code.get(c))
            .copied();
        if let Some(t) = target {
            procedures[i].replaced_by = Some(t);
            procedures[t].replaces.push(i);
        }
    }
}

fn guide_entry(
    g: MarkdownFile<crate::model::GuideMeta>,
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
        meta: g.meta.item,
        body: g.body,
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

fn page_entry(p: MarkdownFile<crate::model::PageMeta>, diags: &Diagnostics) -> Option<PageEntry> {
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
        meta: p.meta.item,
        body: p.body,
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

/// Short addresses and aliases. An alias may not take any address the site generates itself:
/// a page, a list, a permanent short address, a data file or a published content file.
fn redirects(c: &Catalog, diags: &Diagnostics) -> Vec<Redirect> {
    let mut taken: HashMap<String, String> = HashMap::new();
    let mut take = |path: &str, owner: &str| {
        taken
            .entry(path.to_owned())
            .or_insert_with(|| owner.to_owned());
    };
    for p in &c.procedures {
        take(&p.path, &p.file);
        take(&p.short_path, &p.file);
    }
    for g in &c.guides {
        take(&g.path, &g.file);
        take(&g.print_path, &g.file);
    }
    for p in &c.pages {
        take(&p.path, &p.file);
    }
    let groups = c
        .fields
        .iter()
        .map(|g| &g.path)
        .chain(c.agencies.iter().map(|g| &g.path));
    let groups = groups
        .chain(c.life_events.iter().map(|g| &g.path))
        .chain(c.levels.iter().map(|g| &g.path));
    for path in groups {
        take(path, "a generated list page");
    }
    for path in routes::GENERATED {
        take(path, "a generated page");
    }
    for rel in c.files.keys() {
        take(&routes::content_file(rel), &format!("content/{rel}"));
    }
    let mut out = Vec::new();
    for p in &c.procedures {
        out.push(Redirect {
            from: p.short_path.clone(),
            to: p.path.clone(),
        });
        for (i, alias) in p.data.aliases.iter().enumerate() {
            let from = if alias.ends_with('/') || alias.contains('.') {
                alias.clone()
            } else {
                format!("{alias}/")
            };
            let owner = taken.get(&from).cloned().or_else(|| {
                routes::GENERATED_PREFIXES
                    .iter()
                    .find(|prefix| from.starts_with(*prefix))
                    .map(|prefix| format!("the addresses under {prefix}, which the site generates"))
            });
            if let Some(owner) = owner {
                let msg = format!("the alias `{alias}` is already the address of {owner}");
                diags.push(p.origin.error(&format!("/aliases/{i}"), msg));
                continue;
            }
            taken.insert(from.clone(), p.file.clone());
            out.push(Redirect {
                from,
                to: p.path.clone(),
            });
        }
    }
    out
}
