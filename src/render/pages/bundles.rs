//! The leaflets and their bundles: every leaflet of a field or a life event in sequence, to
//! print at once.
//!
//! Each leaflet is rendered once, for its own page and for its bundles. Every field and life
//! event lists its procedures in catalog order, so when the leaflets are rendered in that order
//! all the bundles can be written at once, each leaflet appended to its bundles as it comes: a
//! leaflet's body is dropped as soon as it is written, instead of every body waiting for the
//! bundles (a quarter of a gigabyte for 50 000 procedures).

use rayon::prelude::*;
use serde::Serialize;

use crate::catalog::routes::{self, Bundle as Kind};
use crate::catalog::{Catalog, ProcedureEntry};
use crate::config::LeafletLayout;
use crate::diagnostics::Diagnostic;
use crate::render::leaflet::{self, Counts, LeafletView};
use crate::render::sink::{Sink, Stream};
use crate::render::views::GroupView;

use super::groups;
use super::renderer::{Page, Renderer, variables};

/// Leaflets rendered together before their bodies are appended to the bundles: enough to keep
/// every thread busy, few enough that their bodies take a few megabytes.
const BATCH: usize = 512;

/// Stands for the leaflets when the bundle's template is rendered; the page is cut there. The
/// `<` is escaped by a template that prints the body without `safe`, so that mistake is found.
const LEAFLETS_HERE: &str = "<motcua-leaflets-here>";

/// The list of the kind a bundle is made for.
fn list(kind: Kind) -> groups::Kind {
    match kind {
        Kind::Field => groups::Kind::Field,
        Kind::LifeEvent => groups::Kind::LifeEvent,
    }
}

/// Fields or life events with at least one leaflet, each with its leaflets' procedures: each
/// gets a bundle.
pub fn bundle_groups(c: &Catalog, kind: Kind) -> Vec<(usize, Vec<usize>)> {
    let kind = list(kind);
    (0..kind.count(c))
        .map(|i| {
            let procedures = kind.entry(c, i).procedures.iter().copied();
            let with_leaflets = procedures.filter(|&p| c.procedures[p].leaflet_path.is_some());
            (i, with_leaflets.collect())
        })
        .filter(|(_, procedures): &(usize, Vec<usize>)| !procedures.is_empty())
        .collect()
}

/// The entry a bundle is made for, as lists show it, and the bundle's address.
pub fn bundle_group(c: &Catalog, kind: Kind, i: usize) -> (GroupView, String) {
    let view = list(kind).entry(c, i).view;
    let path = routes::bundle(kind, &view.id);
    (view, path)
}

/// A field or life event that gets a bundle: its kind, its index and its leaflets' procedures.
type Group = (Kind, usize, Vec<usize>);

/// A bundle being written: its page up to the leaflets is out, the rest waits for the last one.
struct Bundle<'s> {
    stream: Box<dyn Stream + 's>,
    tail: String,
}

impl Bundle<'_> {
    /// Writes the rest of the page, after the last leaflet.
    fn close(mut self) {
        self.stream.push(self.tail.as_bytes());
        self.stream.finish();
    }
}

/// Why a bundle was not started.
enum Unopened {
    /// Its template failed, and the error is reported.
    Reported,
    /// Its template does not print the leaflets once: reported once for all bundles.
    NoLeaflets,
}

#[derive(Serialize)]
struct LeafletPart<'a> {
    leaflet: &'a LeafletView,
    layout: LeafletLayout,
}

#[derive(Serialize)]
struct LeafletPage<'a> {
    leaflet: &'a LeafletView,
    layout: LeafletLayout,
    body: &'a str,
}

#[derive(Serialize)]
struct BundlePage<'a> {
    kind: &'static str,
    count: usize,
    layout: LeafletLayout,
    body: &'a str,
    group: GroupView,
}

/// Renders every leaflet once, in catalog order: writes its QR codes and its page, and
/// appends its body to the bundles that print it. Reads what a leaflet shows, and the fields
/// and life events.
pub fn leaflets(r: &Renderer, sink: &dyn Sink) {
    Leaflets {
        r,
        counts: Counts::of(&r.theme.strings),
    }
    .write(sink);
}

struct Leaflets<'r, 'a, 'm> {
    r: &'r Renderer<'a, 'm>,
    counts: Counts<'r>,
}

impl Leaflets<'_, '_, '_> {
    fn write(&self, sink: &dyn Sink) {
        let c = self.r.ctx.catalog;
        let groups: Vec<Group> = [Kind::Field, Kind::LifeEvent]
            .into_iter()
            .flat_map(|kind| {
                let groups = bundle_groups(c, kind).into_iter();
                groups.map(move |(i, procedures)| (kind, i, procedures))
            })
            .collect();
        let mut bundles = self.open_bundles(&groups, sink);
        let printed_in = printed_in(c, &groups);
        for (batch, procedures) in c.procedures.chunks(BATCH).enumerate() {
            let bodies: Vec<Option<String>> = procedures
                .par_iter()
                .map(|p| self.leaflet(p, sink))
                .collect();
            for (p, body) in (batch * BATCH..).zip(&bodies) {
                let Some(body) = body else { continue };
                for &b in &printed_in[p] {
                    if let Some(bundle) = &mut bundles[b] {
                        bundle.stream.push(body.as_bytes());
                    }
                }
            }
        }
        for bundle in bundles.into_iter().flatten() {
            bundle.close();
        }
    }

    /// Starts the bundle of each group; `None` for those whose template failed, reported.
    fn open_bundles<'s>(&self, groups: &[Group], sink: &'s dyn Sink) -> Vec<Option<Bundle<'s>>> {
        let opened: Vec<Result<Bundle, Unopened>> = groups
            .iter()
            .map(|group| self.open_bundle(group, sink))
            .collect();
        if opened
            .iter()
            .any(|b| matches!(b, Err(Unopened::NoLeaflets)))
        {
            let msg = "the template must print the leaflets once, with {{ body | safe }}";
            self.r
                .diags
                .push(Diagnostic::error("templates/leaflet_bundle.html", msg));
        }
        opened.into_iter().map(Result::ok).collect()
    }

    fn leaflet(&self, p: &ProcedureEntry, sink: &dyn Sink) -> Option<String> {
        let view = LeafletView::of(self.r.ctx, self.counts, p)?;
        let path = p.leaflet_path.as_deref()?;
        if view.sheets > 1 {
            let sheets = view.sheets;
            self.r.diags.push(
                Diagnostic::warning(
                    &p.file,
                    format!("the leaflet needs about {sheets} sheets of A4 even at the smallest text size"),
                )
                .help("it is printed on more sheets; the leaflet already leaves out notes and cuts long texts: give it a short form in the procedure's `leaflet:` block (documents, steps) to bring it back to one"),
            );
        }
        for (file, svg) in leaflet::qr_files(p, &view.qr_url) {
            sink.write(&file, svg.into_bytes());
        }
        let layout = view.layout;
        let part = LeafletPart {
            leaflet: &view,
            layout,
        };
        let t = self.r.context(variables(&part));
        let body = self
            .r
            .render("partials/leaflet.html", &t, path, Some(&p.file))?;
        let body = sink.fragment(body);
        let page = LeafletPage {
            leaflet: &view,
            layout,
            body: &body,
        };
        let page = Page::new("leaflet.html", path, &page).of_file(&p.data.name, &p.file);
        let html = self.r.finish(page)?;
        sink.write_assembled(path, html.into_bytes());
        Some(body)
    }

    /// Starts the bundle of a field or life event: renders its page around a marker where the
    /// leaflets go, and writes what comes before it.
    fn open_bundle<'s>(
        &self,
        (kind, i, procedures): &Group,
        sink: &'s dyn Sink,
    ) -> Result<Bundle<'s>, Unopened> {
        let c = self.r.ctx.catalog;
        let (group, path) = bundle_group(c, *kind, *i);
        let name = group.name.clone();
        let view = BundlePage {
            kind: list(*kind).id(),
            count: procedures.len(),
            layout: c.config.leaflet.layout,
            body: LEAFLETS_HERE,
            group,
        };
        let page = Page::new("leaflet_bundle.html", &path, &view).titled(&name);
        let html = self.r.finish(page);
        let (head, tail) = html
            .ok_or(Unopened::Reported)?
            .split_once(LEAFLETS_HERE)
            .filter(|(_, tail)| !tail.contains(LEAFLETS_HERE))
            .map(|(head, tail)| (head.to_owned(), tail.to_owned()))
            .ok_or(Unopened::NoLeaflets)?;
        let mut stream = sink.stream(&path);
        stream.push(head.as_bytes());
        Ok(Bundle { stream, tail })
    }
}

/// For each procedure, the bundles (indexes into `groups`) that print its leaflet, in the order
/// of `groups`. Bundles are appended to in catalog order, which is the order each group lists
/// its procedures in.
fn printed_in(c: &Catalog, groups: &[Group]) -> Vec<Vec<usize>> {
    let mut printed_in = vec![Vec::new(); c.procedures.len()];
    for (b, (_, _, procedures)) in groups.iter().enumerate() {
        debug_assert!(
            procedures.is_sorted(),
            "groups list procedures in catalog order"
        );
        for &p in procedures {
            printed_in[p].push(b);
        }
    }
    printed_in
}
