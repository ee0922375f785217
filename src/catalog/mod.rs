//! Stage 3: one immutable, indexed model of the published site.
//!
//! Built once per build from validated sources. Every page is rendered from it alone, and every
//! cross-reference (field → procedures, procedure → guides, replacement) is an index computed here,
//! so templates never search.

mod articles;
pub mod collate;
mod link;
pub mod routes;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::config::SiteConfig;
use crate::load::{Loaded, StaticFile};
use crate::model::{Agency, Body, Field, GuideMeta, Level, LifeEvent, PageMeta, Procedure};
use crate::validate::steps::StepBody;
pub use link::build;
pub use routes::BaseUrl;

#[derive(Debug)]
pub struct Catalog {
    pub config: SiteConfig,
    pub root: PathBuf,
    pub base: BaseUrl,
    /// Published procedures in Vietnamese alphabetical order of their names.
    pub procedures: Vec<ProcedureEntry>,
    /// Guides, most recently updated first.
    pub guides: Vec<GuideEntry>,
    pub pages: Vec<PageEntry>,
    pub fields: Vec<Group<Field>>,
    pub agencies: Vec<Group<Agency>>,
    pub life_events: Vec<Group<LifeEvent>>,
    pub levels: Vec<Group<Level>>,
    /// Files under content/ published as they are, by path under content/.
    pub files: BTreeMap<String, StaticFile>,
    /// Short addresses and aliases.
    pub redirects: Vec<Redirect>,
    /// The A–Z pages, one per initial letter, in alphabetical order.
    pub letters: Vec<Letter>,
    /// Whether drafts were included in this build.
    pub drafts: bool,
    by_code: std::collections::HashMap<String, usize>,
}

/// A registry entry (field, agency, life event, level) with its page and its procedures.
#[derive(Debug)]
pub struct Group<T> {
    pub item: T,
    pub id: String,
    pub path: String,
    /// Indices into `Catalog::procedures`, in alphabetical order.
    pub procedures: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct ProcedureEntry {
    pub data: Procedure,
    /// `data.steps` as pages show them: markers dropped, sub-lists typed (`validate::steps`).
    pub steps: Vec<StepBody>,
    pub file: String,
    /// Locates the procedure's fields in its file, for messages about addresses.
    pub origin: Loaded<()>,
    pub path: String,
    /// The permanent address derived from the code, e.g. `/p/1001193/`.
    pub short_path: String,
    /// The printable leaflet (tờ gấp), e.g. `/to-gap/1001193/`; only procedures in force have one.
    pub leaflet_path: Option<String>,
    /// Where the citizen submits online; `None` when the procedure is not offered online.
    pub portal_url: Option<String>,
    pub field: Option<usize>,
    /// The agencies in the editor's order; the first is the one a single line names.
    pub agencies: Vec<usize>,
    pub life_events: Vec<usize>,
    pub guides: Vec<usize>,
    pub replaced_by: Option<usize>,
    pub replaces: Vec<usize>,
    /// The letter it is filed under in the A–Z list.
    pub initial: String,
}

#[derive(Debug)]
pub struct GuideEntry {
    pub meta: GuideMeta,
    pub file: String,
    pub path: String,
    /// The whole guide on paper, its procedures' checklists included: `<path>in/`.
    pub print_path: String,
    pub body: Body,
    /// Line of the file the body starts on, for messages about it.
    pub body_line: usize,
    pub procedures: Vec<usize>,
}

#[derive(Debug)]
pub struct PageEntry {
    pub meta: PageMeta,
    pub file: String,
    pub path: String,
    pub body: Body,
    pub body_line: usize,
}

/// An initial letter of the A–Z list, with its page and the procedures filed under it.
#[derive(Debug)]
pub struct Letter {
    pub letter: String,
    pub path: String,
    /// Indices into `Catalog::procedures`, consecutive.
    pub procedures: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Redirect {
    pub from: String,
    pub to: String,
}

impl Catalog {
    pub fn procedure_by_code(&self, code: &str) -> Option<&ProcedureEntry> {
        self.by_code.get(code).map(|&i| &self.procedures[i])
    }

    /// Every list the site publishes, by its first page's address, with how many members it
    /// lists over its numbered pages (`routes::pages_of`); indexes that list from `nav` count 0.
    pub fn lists(&self) -> Vec<(&str, usize)> {
        fn of<T>(groups: &[Group<T>]) -> impl Iterator<Item = (&str, usize)> {
            groups.iter().map(|g| (g.path.as_str(), g.procedures.len()))
        }
        let mut out = vec![
            (routes::PROCEDURES, 0),
            (routes::GUIDES, self.guides.len()),
            (routes::AGENCIES, self.agencies.len()),
            (routes::FIELDS, 0),
            (routes::LEVELS, 0),
            (routes::LIFE_EVENTS, 0),
        ];
        out.extend(
            self.letters
                .iter()
                .map(|l| (l.path.as_str(), l.procedures.len())),
        );
        out.extend(of(&self.fields));
        out.extend(of(&self.agencies));
        out.extend(of(&self.levels));
        out.extend(of(&self.life_events));
        out
    }

    /// The content file each page is made from, by site path.
    pub fn source_files(&self) -> std::collections::HashMap<String, String> {
        let procedures = self
            .procedures
            .iter()
            .map(|p| (p.path.clone(), p.file.clone()));
        let guides = self.guides.iter().map(|g| (g.path.clone(), g.file.clone()));
        let pages = self.pages.iter().map(|p| (p.path.clone(), p.file.clone()));
        procedures.chain(guides).chain(pages).collect()
    }
}
