//! The leaflets and their bundles: every leaflet of a field or a life event in sequence, to
//! print at once.
//!
//! Each leaflet is rendered once, for its own page and for its bundles. Every field and life
//! event lists its procedures in catalog order, so when the leaflets are rendered in that order
//! all the bundles can be written at once, each leaflet appended to its bundles as it comes: a
//! leaflet's body is dropped as soon as it is written, instead of every body waiting for the
//! bundles (a quarter of a gigabyte for 50 000 procedures).

use rayon::prelude::*;

use crate::catalog::{Catalog, ProcedureEntry, routes};
use crate::diagnostics::Diagnostic;
use crate::render::{Sink, Stream, leaflet};

use super::{Kind, Renderer, kind_id};

/// Leaflets rendered together before their bodies are appended to the bundles: enough to keep
/// every thread busy, few enough that their bodies take a few megabytes.
const BATCH: usize = 512;

/// Stands for the leaflets when the bundle's template is rendered; the page is cut there. The
/// `<` is escaped by a template that prints the body without `safe`, so that mistake is found.
const LEAFLETS_HERE: &str = "<motcua-leaflets-here>";

/// The procedures of a field or life event that have a leaflet.
fn with_leaflets(c: &Catalog, kind: Kind, i: usize) -> Vec<usize> {
    let procedures = match kind {
        Kind::Field => &c.fields[i].procedures,
        Kind::LifeEvent => &c.life_events[i].procedures,
        Kind::Agency => &c.agencies[i].procedures,
        Kind::Level => &c.levels[i].procedures,
    };
    procedures
        .iter()
        .copied()
        .filter(|&p| c.procedures[p].leaflet_path.is_some())
        .collect()
}

/// Fields or life events with at least one leaflet, each with its leaflets' procedures: each
/// gets a bundle.
pub(super) fn bundle_groups(c: &Catalog, kind: Kind) -> Vec<(usize, Vec<usize>)> {
    let n = if let Kind::Field = kind {
        c.fields.len()
    } else {
        c.life_events.len()
    };
    (0..n)
        .map(|i| (i, with_leaflets(c, kind, i)))
        .filter(|(_, procedures)| !procedures.is_empty())
        .collect()
}

pub(super) fn bundle_path(c: &Catalog, kind: Kind, i: usize) -> String {
    match kind {
        Kind::Field => format!("{}linh-vuc/{}/", routes::LEAFLETS, c.fields[i].id),
        _ => format!("{}su-kien/{}/", routes::LEAFLETS, c.life_events[i].id),
    }
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

impl Renderer<'_, '_> {
    /// Renders every leaflet once, in catalog order: writes its QR codes and its page, and
    /// appends its body to the bundles that print it.
    pub(super) fn leaflets(&self, sink: &dyn Sink) {
        let c = self.ctx.catalog;
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
            self.diags
                .push(Diagnostic::error("templates/leaflet_bundle.html", msg));
        }
        opened.into_iter().map(Result::ok).collect()
    }

    fn leaflet(&self, p: &ProcedureEntry, sink: &dyn Sink) -> Option<String> {
        let view = self.ctx.leaflet(p)?;
        let path = p.leaflet_path.as_deref()?;
        if view.sheets > 1 {
            let sheets = view.sheets;
            self.diags.push(
                Diagnostic::warning(
                    &p.file,
                    format!("the leaflet needs about {sheets} sheets of A4 even at the smallest text size"),
                )
                .help("it is printed on more sheets; shorten notes and steps to bring it back to one"),
            );
        }
        for (file, svg) in leaflet::qr_files(p, &view.qr_url) {
            sink.write(&file, svg.into_bytes());
        }
        let mut t = self.base.clone();
        t.insert("leaflet", &view);
        t.insert("layout", &view.layout);
        let body = self.render("partials/leaflet.html", &t, path, Some(&p.file))?;
        let body = sink.fragment(body);
        t.insert("body", &body);
        let title = Some(p.data.name.clone());
        let html = self.finish(t, "leaflet.html", path, title, Some(&p.file), false)?;
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
        let (kind, i) = (*kind, *i);
        let c = self.ctx.catalog;
        let (group, _, _) = self.group(kind, i);
        let mut t = self.base.clone();
        t.insert("kind", kind_id(kind));
        t.insert("count", &procedures.len());
        t.insert("layout", &c.config.leaflet.layout);
        t.insert("body", LEAFLETS_HERE);
        let path = bundle_path(c, kind, i);
        t.insert("group", &group);
        let html = self.finish(
            t,
            "leaflet_bundle.html",
            &path,
            Some(group.name),
            None,
            false,
        );
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
