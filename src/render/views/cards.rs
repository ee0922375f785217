//! Entries as lists show them: a procedure's card, a guide's card, a registry entry with its
//! count, a plain link. Each reads only the entry and the site's address.

use serde::Serialize;

use crate::catalog::{Catalog, Group, GuideEntry, ProcedureEntry, routes};
use crate::model::Level;

use super::format::id_of;
use super::summary::Summary;

#[derive(Serialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

impl Link {
    pub fn procedure(c: &Catalog, p: &ProcedureEntry) -> Link {
        Link {
            name: p.data.name.clone(),
            url: c.base.url(&p.path),
        }
    }

    pub fn group<T>(c: &Catalog, g: &Group<T>, name: impl Fn(&T) -> &String) -> Link {
        Link {
            name: name(&g.item).clone(),
            url: c.base.url(&g.path),
        }
    }

    pub fn level(c: &Catalog, level: Level) -> Link {
        Link {
            name: level.id().to_owned(),
            url: c.base.url(&routes::level(level)),
        }
    }
}

/// A procedure in a list: enough to recognise it and decide to open it.
#[derive(Serialize)]
pub struct ProcedureCard {
    pub code: String,
    pub name: String,
    pub summary: Option<String>,
    pub url: String,
    pub online: String,
    pub status: String,
    pub field: Option<Link>,
    pub updated: String,
    pub initial: String,
    /// Per method, the time and the fee, and what online saves.
    pub facts: Summary,
}

impl ProcedureCard {
    /// Reads the procedure and the name of its field.
    pub fn of(c: &Catalog, p: &ProcedureEntry) -> ProcedureCard {
        let d = &p.data;
        ProcedureCard {
            code: d.code.clone(),
            name: d.name.clone(),
            summary: d.summary.clone(),
            url: c.base.url(&p.path),
            online: id_of(&d.online),
            status: id_of(&d.status),
            field: p.field.map(|f| Link::group(c, &c.fields[f], |x| &x.name)),
            updated: d.updated.to_string(),
            initial: p.initial.clone(),
            facts: Summary::of(d),
        }
    }

    /// The cards of procedures given by their indices in the catalog.
    pub fn list(c: &Catalog, indices: &[usize]) -> Vec<ProcedureCard> {
        indices
            .iter()
            .map(|&i| ProcedureCard::of(c, &c.procedures[i]))
            .collect()
    }
}

#[derive(Serialize)]
pub struct GuideCard {
    pub title: String,
    pub summary: Option<String>,
    pub url: String,
    pub updated: String,
    pub has_video: bool,
}

impl GuideCard {
    pub fn of(c: &Catalog, g: &GuideEntry) -> GuideCard {
        GuideCard {
            title: g.meta.title.clone(),
            summary: g.meta.summary.clone(),
            url: c.base.url(&g.path),
            updated: g.meta.updated.to_string(),
            has_video: g.meta.video.is_some(),
        }
    }
}

/// A field, agency, level or life event in a list, with its number of procedures.
#[derive(Serialize)]
pub struct GroupView {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub url: String,
    pub count: usize,
}

impl GroupView {
    pub fn of<T>(
        c: &Catalog,
        g: &Group<T>,
        name: String,
        description: Option<String>,
    ) -> GroupView {
        GroupView {
            id: g.id.clone(),
            name,
            description,
            url: c.base.url(&g.path),
            count: g.procedures.len(),
        }
    }
}
