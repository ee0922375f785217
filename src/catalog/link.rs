//! Assembling the catalog: choosing addresses, resolving ids to indices, building the indexes.

use std::collections::HashMap;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostics;
use crate::load::{Loaded, Sources};
use crate::model::{Level, OnlineLevel, Procedure, Status};
use crate::slug::{short_code, slugify};
use crate::validate::steps::StepBody;

use super::collate::{initial, name_key};
use super::{Catalog, Group, Letter, ProcedureEntry, Redirect};
use super::{articles, routes};

/// Builds the catalog from validated sources. Address collisions are reported to `diags`.
pub fn build(sources: Sources, drafts: bool, diags: &Diagnostics) -> Catalog {
    let mut procs: Vec<Loaded<Procedure>> = sources
        .procedures
        .into_iter()
        .filter(|p| drafts || !p.item.draft)
        .collect();
    procs.sort_by_cached_key(|p| (name_key(&p.item.name), p.item.code.clone()));
    let slugs = procedure_slugs(&procs, diags);
    let by_code: HashMap<String, usize> = procs
        .iter()
        .enumerate()
        .map(|(i, p)| (p.item.code.clone(), i))
        .collect();

    let fields = groups(sources.fields, routes::FIELDS, |f| f.id.clone());
    let agencies = groups(sources.agencies, routes::AGENCIES, |a| a.id.clone());
    let life_events = groups(sources.life_events, routes::LIFE_EVENTS, |e| e.id.clone());

    let at = Positions {
        field: positions(&fields),
        agency: positions(&agencies),
        event: positions(&life_events),
    };
    let mut procedures: Vec<ProcedureEntry> = procs
        .into_iter()
        .zip(slugs)
        .map(|(p, slug)| procedure_entry(p, &slug, &sources.config, &at))
        .collect();
    link_replacements(&mut procedures, &by_code);

    let guides = articles::guides(sources.guides, drafts, &by_code, diags);
    for (gi, guide) in guides.iter().enumerate() {
        for &pi in &guide.procedures {
            procedures[pi].guides.push(gi);
        }
    }
    let pages = articles::pages(sources.pages, drafts, diags);

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

/// Where each registry id stands in its list. Looked up once per procedure: a catalog of
/// thousands of agencies costs no more per procedure than one of ten.
struct Positions {
    field: HashMap<String, usize>,
    agency: HashMap<String, usize>,
    event: HashMap<String, usize>,
}

/// A procedure with its addresses and its registry ids resolved to positions.
fn procedure_entry(
    p: Loaded<Procedure>,
    slug: &str,
    config: &SiteConfig,
    at: &Positions,
) -> ProcedureEntry {
    let (d, origin) = p.split();
    let portal_url = (d.online != OnlineLevel::Khong)
        .then(|| config.portal_link(&d.code, d.portal_url.as_deref()));
    ProcedureEntry {
        path: routes::procedure(slug),
        short_path: routes::short(&d.code),
        leaflet_path: (d.status == Status::HieuLuc).then(|| routes::leaflet(&d.code)),
        portal_url,
        field: at.field.get(d.field.as_str()).copied(),
        agencies: agencies(&d, at),
        life_events: d
            .life_events
            .iter()
            .filter_map(|e| at.event.get(e.as_str()).copied())
            .collect(),
        guides: Vec::new(),
        replaced_by: None,
        replaces: Vec::new(),
        initial: initial(&d.name),
        file: origin.file.clone(),
        origin,
        steps: StepBody::of_steps(&d.steps),
        data: d,
    }
}

/// The procedure's agencies as positions, in the editor's order, each once: an id named twice
/// would list the procedure twice on the agency's page.
fn agencies(d: &Procedure, at: &Positions) -> Vec<usize> {
    let mut found = Vec::new();
    for id in d.agency.ids() {
        match at.agency.get(id.as_str()) {
            Some(&a) if !found.contains(&a) => found.push(a),
            _ => {}
        }
    }
    found
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
        for &a in &p.agencies {
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
    for (list, len) in c.lists() {
        for path in routes::pages_of(list, len) {
            take(&path, "a generated list page");
        }
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
