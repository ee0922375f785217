//! The index of leaflets (tờ gấp) and their bundles, for communication departments.

use serde::Serialize;

use crate::catalog::routes::{self, Bundle};
use crate::catalog::{Catalog, ProcedureEntry};
use crate::config::LeafletLayout;
use crate::render::leaflet::{self, Around, Counts};

use super::bundles::{bundle_group, bundle_groups};
use super::pager;
use super::renderer::Page;

#[derive(Serialize)]
struct LeafletEntry {
    code: String,
    name: String,
    url: String,
    procedure_url: String,
    sheets: u32,
}

#[derive(Serialize)]
struct BundleEntry {
    name: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct LeafletsPage {
    leaflets: Vec<LeafletEntry>,
    field_bundles: Vec<BundleEntry>,
    life_event_bundles: Vec<BundleEntry>,
    layout: LeafletLayout,
}

/// Page `number` of the list of leaflets: reads which procedures are in force, what the
/// leaflets of the page print (to estimate their sheets), the fields and life events, and the
/// leaflet layout of site.toml.
pub fn page<'c>(c: &'c Catalog, counts: Counts<'c>, number: usize) -> Page<'c> {
    let entry = |p: &ProcedureEntry| {
        let path = p.leaflet_path.as_ref()?;
        let fit = leaflet::fit(&p.data, Around::of(c, p, counts), c.config.leaflet.layout);
        Some(LeafletEntry {
            code: p.data.code.clone(),
            name: p.data.name.clone(),
            url: c.base.url(path),
            procedure_url: c.base.url(&p.path),
            sheets: fit.sheets,
        })
    };
    let bundles = |kind: Bundle| -> Vec<BundleEntry> {
        bundle_groups(c, kind)
            .into_iter()
            .map(|(i, procedures)| {
                let (group, path) = bundle_group(c, kind, i);
                BundleEntry {
                    name: group.name,
                    url: c.base.url(&path),
                    count: procedures.len(),
                }
            })
            .collect()
    };
    let in_force = in_force(c);
    let (shown, path, pager) = pager::page(c, routes::LEAFLETS, &in_force, number);
    let view = LeafletsPage {
        leaflets: shown.iter().filter_map(|p| entry(p)).collect(),
        field_bundles: bundles(Bundle::Field),
        life_event_bundles: bundles(Bundle::LifeEvent),
        layout: c.config.leaflet.layout,
    };
    Page::new("leaflets.html", &path, &view).paged(&pager)
}

/// The procedures that have a leaflet: those in force.
pub fn in_force(c: &Catalog) -> Vec<&ProcedureEntry> {
    let has = |p: &&ProcedureEntry| p.leaflet_path.is_some();
    c.procedures.iter().filter(has).collect()
}
