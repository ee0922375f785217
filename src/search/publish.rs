//! The catalog's static search files: its documents indexed by `motcua-search`, with each
//! result's record, the four filters and the agency names the theme's search page shows.
//! `site::build` writes the files.

use motcua_search::publish::{Facet, Record, SearchFile, SiteData};

use super::{Entry, documents};
use crate::catalog::Catalog;
use crate::catalog::routes::SEARCH;
use crate::model::{OnlineLevel, Status};

/// Indexes the catalog's published procedures and guides and makes their search files.
pub fn build(catalog: &Catalog) -> Result<Vec<SearchFile>, motcua_search::TantivyError> {
    let agencies: Vec<&str> = catalog
        .agencies
        .iter()
        .map(|a| a.item.name.as_str())
        .collect();
    let site = SiteData {
        folder: SEARCH.to_owned(),
        records: Entry::all(catalog).map(|e| record(catalog, e)).collect(),
        facets: facets(catalog),
        extra: vec![(
            "agencies.bin".into(),
            serde_json::to_vec(&agencies).unwrap(),
        )],
    };
    motcua_search::publish::build(&documents(catalog), &site)
}

/// What a result shows: status 0 in force, 1 replaced, 2 repealed; online 0 full, 1 partial,
/// 2 not online (guides: no code, status 0, online −1).
fn record(catalog: &Catalog, entry: Entry) -> Record {
    match entry {
        Entry::Procedure(i) => {
            let p = &catalog.procedures[i];
            let status = match p.data.status {
                Status::HieuLuc => 0,
                Status::ThayThe => 1,
                Status::HetHieuLuc => 2,
            };
            Record {
                title: p.data.name.clone(),
                code: p.data.code.clone(),
                path: p.path.clone(),
                summary: p.data.summary.clone().unwrap_or_default(),
                status,
                online: online(p.data.online).into(),
            }
        }
        Entry::Guide(i) => {
            let g = &catalog.guides[i];
            Record {
                title: g.meta.title.clone(),
                code: String::new(),
                path: g.path.clone(),
                summary: g.meta.summary.clone().unwrap_or_default(),
                status: 0,
                online: -1,
            }
        }
    }
}

fn online(level: OnlineLevel) -> u8 {
    match level {
        OnlineLevel::ToanTrinh => 0,
        OnlineLevel::MotPhan => 1,
        OnlineLevel::Khong => 2,
    }
}

/// Per filter, per value (its index in the catalog's list), the procedures that have it; guides
/// have no value.
fn facets(catalog: &Catalog) -> Vec<Facet> {
    let mut field = vec![Vec::new(); catalog.fields.len()];
    let mut level = vec![Vec::new(); catalog.levels.len()];
    let mut agency = vec![Vec::new(); catalog.agencies.len()];
    let mut online_level = vec![Vec::new(); 3];
    for (i, p) in catalog.procedures.iter().enumerate() {
        if let Some(f) = p.field {
            field[f].push(i);
        }
        for &a in &p.agencies {
            agency[a].push(i);
        }
        for (l, group) in catalog.levels.iter().enumerate() {
            if p.data.level.contains(&group.item) {
                level[l].push(i);
            }
        }
        online_level[usize::from(online(p.data.online))].push(i);
    }
    let facet = |name: &str, values| Facet {
        name: name.into(),
        values,
    };
    vec![
        facet("field", field),
        facet("level", level),
        facet("agency", agency),
        facet("online", online_level),
    ]
}
