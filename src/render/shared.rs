//! What every template sees, computed once per build: the theme's strings (`t`), the site
//! (`site`), the navigation lists (`nav`) and the addresses of the site's own pages (`urls`).

use serde::Serialize;

use crate::catalog::{Catalog, routes};
use crate::config::{Contact, Portal};

use super::pages::Kind;
use super::theme::Theme;
use super::views::GroupView;

#[derive(Serialize)]
struct Site<'c> {
    title: &'c str,
    description: &'c Option<String>,
    notice: &'c Option<String>,
    base_url: String,
    language: &'c str,
    portal: &'c Portal,
    contact: &'c Contact,
    procedure_count: usize,
    guide_count: usize,
    drafts: bool,
    generator: &'static str,
}

/// A letter of the A–Z list, for the list of letters every page can show.
#[derive(Serialize)]
struct LetterLink<'c> {
    letter: &'c str,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct PageLink<'c> {
    title: &'c str,
    url: String,
}

#[derive(Serialize)]
struct Nav<'c> {
    fields: Vec<GroupView>,
    life_events: Vec<GroupView>,
    levels: Vec<GroupView>,
    letters: Vec<LetterLink<'c>>,
    pages: Vec<PageLink<'c>>,
}

/// The addresses of the pages every page may link to, as links on the site.
#[derive(Serialize)]
struct Urls {
    home: String,
    procedures: String,
    fields: String,
    agencies: String,
    levels: String,
    life_events: String,
    guides: String,
    search: String,
    leaflets: String,
    feed: String,
    catalog_json: String,
    catalog_csv: String,
}

impl Urls {
    fn of(c: &Catalog) -> Urls {
        let url = |path: &str| c.base.url(path);
        Urls {
            home: url("/"),
            procedures: url(routes::PROCEDURES),
            fields: url(routes::FIELDS),
            agencies: url(routes::AGENCIES),
            levels: url(routes::LEVELS),
            life_events: url(routes::LIFE_EVENTS),
            guides: url(routes::GUIDES),
            search: url(routes::SEARCH),
            leaflets: url(routes::LEAFLETS),
            feed: url(routes::FEED),
            catalog_json: url(routes::CATALOG_JSON),
            catalog_csv: url(routes::CATALOG_CSV),
        }
    }
}

/// Reads the site's settings, the fields, levels and life events, the letters of the A–Z
/// list and the free pages.
pub fn context(c: &Catalog, theme: &Theme) -> tera::Context {
    let cfg = &c.config;
    let site = Site {
        title: &cfg.title,
        description: &cfg.description,
        notice: &cfg.notice,
        base_url: c.base.absolute("/"),
        language: &cfg.language,
        portal: &cfg.portal,
        contact: &cfg.contact,
        procedure_count: c.procedures.len(),
        guide_count: c.guides.len(),
        drafts: c.drafts,
        generator: concat!("motcua ", env!("CARGO_PKG_VERSION")),
    };
    let nav = Nav {
        fields: Kind::Field.views(c),
        life_events: Kind::LifeEvent.views(c),
        levels: Kind::Level.views(c),
        letters: c
            .letters
            .iter()
            .map(|l| LetterLink {
                letter: &l.letter,
                url: c.base.url(&l.path),
                count: l.procedures.len(),
            })
            .collect(),
        pages: c
            .pages
            .iter()
            .map(|p| PageLink {
                title: &p.meta.title,
                url: c.base.url(&p.path),
            })
            .collect(),
    };
    let mut t = tera::Context::new();
    t.insert("t", &theme.strings);
    t.insert("site", &site);
    t.insert("nav", &nav);
    t.insert("urls", &Urls::of(c));
    t.insert("agency_count", &c.agencies.len());
    t
}
