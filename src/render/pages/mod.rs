//! The HTML pages of the site, one module per kind of page. Each builds a typed view from the
//! parts of the catalog it names and hands it to the theme's template as a [`Page`];
//! [`page`] below is the one place a job becomes a page.

mod az;
mod bundles;
mod free;
mod groups;
mod guide;
mod guides;
mod home;
mod leaflets;
mod pager;
mod procedure;
mod redirect;
mod renderer;
mod simple;

use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::render::leaflet::Counts;
use crate::render::sink::Sink;

pub use groups::Kind;
pub use renderer::{Page, Renderer};

/// One page of the site. Lists that grow with the catalog are numbered pages (from 1): the
/// number is the last member of their job.
#[derive(Debug, Clone, Copy)]
enum Job {
    Home,
    Procedure(usize),
    Guide(usize),
    /// A guide on paper: its text, its video's chapters and its procedures' checklists.
    GuidePrint(usize),
    /// A free page (about, contact).
    Page(usize),
    AtoZ,
    Letter(usize, usize),
    Guides(usize),
    Index(Kind, usize),
    Group(Kind, usize, usize),
    Redirect(usize),
    Search,
    NotFound,
    /// All leaflets, and the bundles, for communication departments.
    Leaflets(usize),
}

/// Renders every page of the site into `sink`: the leaflets and their bundles first, then the
/// other pages in parallel.
pub fn write_all(r: &Renderer, sink: &dyn Sink) {
    bundles::leaflets(r, sink);
    jobs(r.ctx.catalog).into_par_iter().for_each(|job| {
        let page = page(r, job);
        let path = page.path.clone();
        if let Some(html) = r.finish(page) {
            sink.write(&path, html.into_bytes());
        }
    });
}

fn jobs(c: &Catalog) -> Vec<Job> {
    let mut jobs = vec![Job::Home, Job::AtoZ, Job::Search, Job::NotFound];
    jobs.extend(numbers(c.guides.len()).map(Job::Guides));
    jobs.extend((0..c.procedures.len()).map(Job::Procedure));
    jobs.extend((0..c.guides.len()).map(Job::Guide));
    jobs.extend((0..c.guides.len()).map(Job::GuidePrint));
    jobs.extend((0..c.pages.len()).map(Job::Page));
    for (i, l) in c.letters.iter().enumerate() {
        jobs.extend(numbers(l.procedures.len()).map(|n| Job::Letter(i, n)));
    }
    jobs.extend((0..c.redirects.len()).map(Job::Redirect));
    for kind in Kind::ALL {
        jobs.extend(numbers(kind.index_len(c)).map(|n| Job::Index(kind, n)));
        for i in 0..kind.count(c) {
            let members = kind.members(c, i).len();
            jobs.extend(numbers(members).map(|n| Job::Group(kind, i, n)));
        }
    }
    jobs.extend(numbers(leaflets::in_force(c).len()).map(Job::Leaflets));
    jobs
}

/// The numbers of the pages a list of `len` members takes.
fn numbers(len: usize) -> std::ops::RangeInclusive<usize> {
    1..=crate::catalog::routes::page_count(len)
}

/// The page a job makes.
fn page<'c>(r: &Renderer<'c, '_>, job: Job) -> Page<'c> {
    let c: &'c Catalog = r.ctx.catalog;
    match job {
        Job::Home => home::page(c),
        Job::Procedure(i) => procedure::page(r.ctx, &c.procedures[i]),
        Job::Guide(i) => guide::page(r, &c.guides[i]),
        Job::GuidePrint(i) => guide::print(r, &c.guides[i]),
        Job::Page(i) => free::page(r, &c.pages[i]),
        Job::AtoZ => az::index(c),
        Job::Letter(i, n) => az::letter(c, &c.letters[i], n),
        Job::Guides(n) => guides::page(c, n),
        Job::Index(kind, n) => groups::index(c, kind, n),
        Job::Group(kind, i, n) => groups::group(c, kind, i, n),
        Job::Redirect(i) => redirect::page(&c.base, &c.redirects[i]),
        Job::Search => simple::search(),
        Job::NotFound => simple::not_found(),
        Job::Leaflets(n) => leaflets::page(c, Counts::of(&r.theme.strings), n),
    }
}
