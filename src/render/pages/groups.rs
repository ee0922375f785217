//! The lists by field, agency, level and life event: an index of each kind and a page per entry.
//!
//! [`Kind`] is the one place the four registries differ; everything else reads an entry through
//! [`Kind::view`] and [`Kind::procedures`].

use serde::Serialize;

use crate::catalog::{Catalog, Group, routes};
use crate::render::views::{AgencyView, GroupView, ProcedureCard};

use super::pager;
use super::renderer::Page;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Field,
    Agency,
    Level,
    LifeEvent,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Field, Kind::Agency, Kind::Level, Kind::LifeEvent];

    /// The kind's name in templates (`kind`) and the address of its index.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Kind::Field => ("field", routes::FIELDS),
            Kind::Agency => ("agency", routes::AGENCIES),
            Kind::Level => ("level", routes::LEVELS),
            Kind::LifeEvent => ("life_event", routes::LIFE_EVENTS),
        }
    }

    pub fn id(self) -> &'static str {
        self.names().0
    }

    /// How many entries the catalog has of this kind.
    pub fn count(self, c: &Catalog) -> usize {
        match self {
            Kind::Field => c.fields.len(),
            Kind::Agency => c.agencies.len(),
            Kind::Level => c.levels.len(),
            Kind::LifeEvent => c.life_events.len(),
        }
    }

    /// The procedures of entry `i`, in alphabetical order.
    pub fn members(self, c: &Catalog, i: usize) -> &[usize] {
        match self {
            Kind::Field => &c.fields[i].procedures,
            Kind::Agency => &c.agencies[i].procedures,
            Kind::Level => &c.levels[i].procedures,
            Kind::LifeEvent => &c.life_events[i].procedures,
        }
    }

    /// How many entries the kind's index lists on its own pages: agencies, which can number in
    /// the thousands; the other indexes list theirs from `nav`, on one page.
    pub fn index_len(self, c: &Catalog) -> usize {
        match self {
            Kind::Agency => c.agencies.len(),
            _ => 0,
        }
    }

    /// Entry `i` as lists show it, with its address and procedures.
    pub fn entry(self, c: &Catalog, i: usize) -> Entry<'_> {
        fn of<'c, T>(
            c: &'c Catalog,
            g: &'c Group<T>,
            name: &str,
            description: Option<&String>,
        ) -> Entry<'c> {
            Entry {
                view: GroupView::of(c, g, name.to_owned(), description.cloned()),
                path: &g.path,
                procedures: &g.procedures,
            }
        }
        match self {
            Kind::Field => {
                let g = &c.fields[i];
                of(c, g, &g.item.name, g.item.description.as_ref())
            }
            // Agencies' addresses describe them in their own index only.
            Kind::Agency => of(c, &c.agencies[i], &c.agencies[i].item.name, None),
            Kind::Level => of(c, &c.levels[i], c.levels[i].item.id(), None),
            Kind::LifeEvent => {
                let g = &c.life_events[i];
                of(c, g, &g.item.name, g.item.description.as_ref())
            }
        }
    }

    /// Every entry of this kind, as lists show it.
    pub fn views(self, c: &Catalog) -> Vec<GroupView> {
        (0..self.count(c)).map(|i| self.entry(c, i).view).collect()
    }
}

/// A field, agency, level or life event, whatever its kind.
pub struct Entry<'c> {
    pub view: GroupView,
    pub path: &'c str,
    /// Indices into `Catalog::procedures`, in alphabetical order.
    pub procedures: &'c [usize],
}

#[derive(Serialize)]
struct Index {
    kind: &'static str,
    /// Agencies can number in the thousands; only their own index lists them all.
    #[serde(skip_serializing_if = "Option::is_none")]
    agencies: Option<Vec<GroupView>>,
}

/// Page `number` of the index of a kind. Reads the agencies of the page with their addresses
/// for theirs; the others list their entries from `nav`, which every page has.
pub fn index(c: &Catalog, kind: Kind, number: usize) -> Page<'_> {
    let (shown, path, pager) = pager::page(c, kind.names().1, &c.agencies, number);
    let agencies = (kind == Kind::Agency).then(|| {
        let view = |g: &Group<_>| {
            let a: &crate::model::Agency = &g.item;
            GroupView::of(c, g, a.name.clone(), a.address.clone())
        };
        shown.iter().map(view).collect()
    });
    let view = Index {
        kind: kind.id(),
        agencies,
    };
    let page = Page::new("taxonomy.html", &path, &view);
    if kind == Kind::Agency {
        page.paged(&pager)
    } else {
        page
    }
}

#[derive(Serialize)]
struct GroupPage {
    kind: &'static str,
    group: GroupView,
    procedures: Vec<ProcedureCard>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agency: Option<AgencyView>,
}

/// Page `number` of the list of entry `i` of a kind: reads the entry, the cards of the page's
/// procedures, and an agency's contacts.
pub fn group(c: &Catalog, kind: Kind, i: usize, number: usize) -> Page<'_> {
    let entry = kind.entry(c, i);
    let name = entry.view.name.clone();
    let (shown, path, pager) = pager::page(c, entry.path, entry.procedures, number);
    let view = GroupPage {
        kind: kind.id(),
        procedures: ProcedureCard::list(c, shown),
        agency: (kind == Kind::Agency).then(|| AgencyView::of(c, &c.agencies[i])),
        group: entry.view,
    };
    Page::new("list.html", &path, &view)
        .titled(&name)
        .paged(&pager)
}
