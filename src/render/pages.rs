//! The list of everything a site publishes, and the rendering of each item.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use crate::catalog::{BaseUrl, Catalog, Group, GuideEntry, routes};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::body::calls;
use crate::slug::slugify;

use super::markdown::Markdown;
use super::shortcodes::body;
use super::theme::{Source, Theme, error_chain};
use super::video::{self, Media, VideoView};
use super::views::{Ctx, GroupView};
use super::{Sink, data, leaflet};

mod leaflets;
use leaflets::{bundle_groups, bundle_path};

/// How many procedures the A–Z page lists in full before it only links to one page per letter.
const AZ_INLINE_LIMIT: usize = 600;
/// How many recently updated procedures the home page and the feed show.
const RECENT: usize = 12;

/// One page of the site.
#[derive(Debug, Clone, Copy)]
enum Job {
    Home,
    Procedure(usize),
    Guide(usize),
    /// A guide on paper: its text, its video's chapters and its procedures' checklists.
    GuidePrint(usize),
    Page(usize),
    AtoZ,
    Letter(usize),
    Guides,
    Index(Kind),
    Group(Kind, usize),
    Redirect(usize),
    Search,
    NotFound,
    /// All leaflets, and the bundles, for communication departments.
    Leaflets,
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Field,
    Agency,
    Level,
    LifeEvent,
}

/// Renders the whole site into `sink`.
pub fn render(catalog: &Catalog, theme: &Theme, sink: &dyn Sink, diags: &Diagnostics) {
    let markdown = Markdown::new(&catalog.config.markdown, catalog.base.clone());
    let no_media = Media::default();
    let ctx = Ctx {
        catalog,
        markdown: &markdown,
        media: &no_media,
    };
    let letters = letters(catalog);
    let base = base_context(&ctx, theme, &letters);
    // Posters and chapter tracks exist before the pages that point to them.
    let media = Media::generate(catalog, &theme.tera, &base, sink, diags);
    let ctx = Ctx {
        media: &media,
        ..ctx
    };
    let r = Renderer {
        ctx: &ctx,
        theme,
        base: &base,
        letters: &letters,
        diags,
    };
    r.leaflets(sink);
    jobs(catalog, letters.len())
        .into_par_iter()
        .for_each(|job| {
            if let Some((path, html)) = r.page(job) {
                sink.write(&path, html.into_bytes());
            }
        });
    data::write_all(&ctx, theme, &base, sink, diags);
    for (path, source) in &theme.assets {
        match source {
            Source::File(file) => sink.copy(path, file),
            Source::Embedded(bytes) => sink.write(path, bytes.to_vec()),
        }
    }
    for (rel, file) in &catalog.files {
        sink.copy(&format!("/{rel}"), &file.path);
    }
}

fn jobs(c: &Catalog, letters: usize) -> Vec<Job> {
    let mut jobs = vec![
        Job::Home,
        Job::AtoZ,
        Job::Guides,
        Job::Search,
        Job::NotFound,
    ];
    jobs.extend((0..c.procedures.len()).map(Job::Procedure));
    jobs.extend((0..c.guides.len()).map(Job::Guide));
    jobs.extend((0..c.guides.len()).map(Job::GuidePrint));
    jobs.extend((0..c.pages.len()).map(Job::Page));
    jobs.extend((0..letters).map(Job::Letter));
    jobs.extend((0..c.redirects.len()).map(Job::Redirect));
    for (kind, n) in [
        (Kind::Field, c.fields.len()),
        (Kind::Agency, c.agencies.len()),
        (Kind::Level, c.levels.len()),
        (Kind::LifeEvent, c.life_events.len()),
    ] {
        jobs.push(Job::Index(kind));
        jobs.extend((0..n).map(|i| Job::Group(kind, i)));
    }
    jobs.push(Job::Leaflets);
    jobs
}

/// A letter of the A–Z list with the procedures filed under it.
#[derive(Serialize)]
struct Letter {
    letter: String,
    url: String,
    #[serde(skip)]
    path: String,
    #[serde(skip)]
    procedures: Vec<usize>,
    count: usize,
}

fn letters(c: &Catalog) -> Vec<Letter> {
    let mut out: Vec<Letter> = Vec::new();
    for (i, p) in c.procedures.iter().enumerate() {
        match out.last_mut() {
            Some(l) if l.letter == p.initial => l.procedures.push(i),
            _ => {
                let path = format!("{}{}/", routes::LETTERS, telex(&p.initial));
                out.push(Letter {
                    letter: p.initial.clone(),
                    url: c.base.url(&path),
                    path,
                    procedures: vec![i],
                    count: 0,
                });
            }
        }
    }
    for l in &mut out {
        l.count = l.procedures.len();
    }
    out
}

/// Letter addresses spelt the Telex way, so Đ and D get different pages: Đ → dd, Ă → aw.
fn telex(letter: &str) -> String {
    match letter {
        "Đ" => "dd".into(),
        "Ă" => "aw".into(),
        "Â" => "aa".into(),
        "Ê" => "ee".into(),
        "Ô" => "oo".into(),
        "Ơ" => "ow".into(),
        "Ư" => "uw".into(),
        "#" => "khac".into(),
        other => slugify(other),
    }
}

/// What every template sees, computed once per build.
fn base_context(ctx: &Ctx, theme: &Theme, letters: &[Letter]) -> tera::Context {
    let c = ctx.catalog;
    let cfg = &c.config;
    let groups = |kind: Kind| -> Vec<GroupView> {
        match kind {
            Kind::Agency => Vec::new(),
            Kind::Field => c
                .fields
                .iter()
                .map(|g| ctx.group_view(g, |f| f.name.clone(), |f| f.description.clone()))
                .collect(),
            Kind::Level => c
                .levels
                .iter()
                .map(|g| ctx.group_view(g, |l| l.id().to_owned(), |_| None))
                .collect(),
            Kind::LifeEvent => c
                .life_events
                .iter()
                .map(|g| ctx.group_view(g, |e| e.name.clone(), |e| e.description.clone()))
                .collect(),
        }
    };
    let mut t = tera::Context::new();
    t.insert("t", &theme.strings);
    t.insert(
        "site",
        &json!({
            "title": cfg.title,
            "description": cfg.description,
            "notice": cfg.notice,
            "base_url": c.base.absolute("/"),
            "language": cfg.language,
            "portal": cfg.portal,
            "contact": cfg.contact,
            "procedure_count": c.procedures.len(),
            "guide_count": c.guides.len(),
            "drafts": c.drafts,
            "generator": concat!("motcua ", env!("CARGO_PKG_VERSION")),
        }),
    );
    t.insert(
        "nav",
        &json!({
            "fields": groups(Kind::Field),
            "life_events": groups(Kind::LifeEvent),
            "levels": groups(Kind::Level),
            "letters": letters,
            "pages": c.pages.iter().map(|p| json!({"title": p.meta.title, "url": c.base.url(&p.path)})).collect::<Vec<_>>(),
        }),
    );
    t.insert("agency_count", &c.agencies.len());
    t
}

struct Renderer<'a, 'm> {
    ctx: &'a Ctx<'a, 'm>,
    theme: &'a Theme,
    base: &'a tera::Context,
    letters: &'a [Letter],
    diags: &'a Diagnostics,
}

impl Renderer<'_, '_> {
    /// Renders one job: its site path and HTML, or `None` after reporting a template error.
    fn page(&self, job: Job) -> Option<(String, String)> {
        let c = self.ctx.catalog;
        let mut t = self.base.clone();
        // Whether the page shows a video, and so needs the theme's player script.
        let mut video_script = false;
        let (template, path, title, source) = match job {
            Job::Home => {
                let mut recent: Vec<usize> = (0..c.procedures.len()).collect();
                recent.sort_by(|&a, &b| {
                    c.procedures[b]
                        .data
                        .updated
                        .cmp(&c.procedures[a].data.updated)
                });
                recent.truncate(RECENT);
                t.insert("recent", &self.ctx.cards(&recent));
                let guides: Vec<_> = c
                    .guides
                    .iter()
                    .take(4)
                    .map(|g| self.ctx.guide_card(g))
                    .collect();
                t.insert("guides", &guides);
                ("index.html", "/".to_owned(), None, None)
            }
            Job::Procedure(i) => {
                let p = &c.procedures[i];
                let view = self.ctx.procedure(p);
                video_script = !view.videos.is_empty();
                t.insert("procedure", &view);
                t.insert("jsonld", &data::procedure_jsonld(self.ctx, p));
                (
                    "procedure.html",
                    p.path.clone(),
                    Some(p.data.name.clone()),
                    Some(&p.file),
                )
            }
            Job::Guide(i) => {
                let g = &c.guides[i];
                let (view, video) = self.guide(g, &mut t);
                if let Some(v) = &video {
                    let description = g.meta.summary.as_deref().unwrap_or(&g.meta.title);
                    let updated = g.meta.updated.to_string();
                    t.insert(
                        "jsonld",
                        &video::jsonld(&c.base, v, &g.path, description, &updated),
                    );
                }
                video_script = video.is_some() || video::has_video(&g.body);
                t.insert("guide", &view);
                (
                    "guide.html",
                    g.path.clone(),
                    Some(g.meta.title.clone()),
                    Some(&g.file),
                )
            }
            Job::GuidePrint(i) => {
                let g = &c.guides[i];
                let (mut view, _) = self.guide(g, &mut t);
                // On paper, every address is printed in full.
                let html = view["html"].as_str().unwrap_or_default();
                view["html"] = absolute_links(html, &c.base).into();
                // What the text already draws from a procedure is not printed twice.
                let drawn: Vec<(&str, &str)> = calls(&g.body)
                    .into_iter()
                    .filter_map(|call| Some((call.shortcode.name(), call.shortcode.code()?)))
                    .collect();
                let procedures: Vec<_> = g
                    .procedures
                    .iter()
                    .map(|&p| {
                        let p = &c.procedures[p];
                        let above = |name| drawn.contains(&(name, p.data.code.as_str()));
                        json!({
                            "procedure": self.ctx.procedure(p),
                            "documents_above": above("documents"), "steps_above": above("steps"),
                        })
                    })
                    .collect();
                view["full_procedures"] = json!(procedures);
                t.insert("guide", &view);
                (
                    "guide_print.html",
                    g.print_path.clone(),
                    Some(g.meta.title.clone()),
                    Some(&g.file),
                )
            }
            Job::Page(i) => {
                let p = &c.pages[i];
                video_script = video::has_video(&p.body);
                let (html, headings) = body(
                    self.ctx,
                    &t,
                    &self.theme.tera,
                    &p.body,
                    (&p.file, p.body_line),
                    self.diags,
                );
                t.insert(
                    "content",
                    &json!({
                        "title": p.meta.title, "summary": p.meta.summary, "html": html, "headings": headings,
                        "updated": p.meta.updated.map(|d| d.to_string()),
                    }),
                );
                (
                    "page.html",
                    p.path.clone(),
                    Some(p.meta.title.clone()),
                    Some(&p.file),
                )
            }
            Job::AtoZ => {
                if c.procedures.len() <= AZ_INLINE_LIMIT {
                    let groups: Vec<Value> = self
                        .letters
                        .iter()
                        .map(|l| json!({"letter": l.letter, "procedures": self.ctx.cards(&l.procedures)}))
                        .collect();
                    t.insert("groups", &groups);
                }
                ("az.html", routes::PROCEDURES.to_owned(), None, None)
            }
            Job::Letter(i) => {
                let l = &self.letters[i];
                t.insert(
                    "letter",
                    &json!({"letter": l.letter, "procedures": self.ctx.cards(&l.procedures)}),
                );
                ("letter.html", l.path.clone(), Some(l.letter.clone()), None)
            }
            Job::Guides => {
                let guides: Vec<_> = c.guides.iter().map(|g| self.ctx.guide_card(g)).collect();
                t.insert("guides", &guides);
                ("guides.html", routes::GUIDES.to_owned(), None, None)
            }
            Job::Index(kind) => {
                t.insert("kind", kind_id(kind));
                if let Kind::Agency = kind {
                    // Agencies can number in the thousands; only their own index lists them all.
                    let views: Vec<GroupView> = c
                        .agencies
                        .iter()
                        .map(|g| {
                            self.ctx
                                .group_view(g, |a| a.name.clone(), |a| a.address.clone())
                        })
                        .collect();
                    t.insert("agencies", &views);
                }
                ("taxonomy.html", index_path(kind).to_owned(), None, None)
            }
            Job::Group(kind, i) => {
                let (group, path, procedures) = self.group(kind, i);
                t.insert("kind", kind_id(kind));
                t.insert("group", &group);
                t.insert("procedures", &self.ctx.cards(procedures));
                if let Kind::Agency = kind {
                    t.insert("agency", &self.ctx.agency(&c.agencies[i]));
                }
                ("list.html", path, Some(group.name), None)
            }
            Job::Redirect(i) => {
                let r = &c.redirects[i];
                t.insert(
                    "target",
                    &json!({"url": c.base.url(&r.to), "absolute_url": c.base.absolute(&r.to)}),
                );
                ("redirect.html", r.from.clone(), None, None)
            }
            Job::Leaflets => {
                let leaflets: Vec<Value> = c
                    .procedures
                    .iter()
                    .filter_map(|p| {
                        let path = p.leaflet_path.as_ref()?;
                        let fit = leaflet::fit(
                            &p.data,
                            leaflet::Around::of(c, p),
                            c.config.leaflet.layout,
                        );
                        Some(json!({
                            "code": p.data.code, "name": p.data.name, "url": c.base.url(path),
                            "procedure_url": c.base.url(&p.path), "sheets": fit.sheets,
                        }))
                    })
                    .collect();
                let bundles = |kind: Kind| -> Vec<Value> {
                    bundle_groups(c, kind)
                        .into_iter()
                        .map(|(i, procedures)| {
                            let (group, _, _) = self.group(kind, i);
                            json!({"name": group.name, "url": c.base.url(&bundle_path(c, kind, i)),
                                   "count": procedures.len()})
                        })
                        .collect()
                };
                t.insert("leaflets", &leaflets);
                t.insert("field_bundles", &bundles(Kind::Field));
                t.insert("life_event_bundles", &bundles(Kind::LifeEvent));
                t.insert("layout", &c.config.leaflet.layout);
                ("leaflets.html", routes::LEAFLETS.to_owned(), None, None)
            }
            Job::Search => ("search.html", routes::SEARCH.to_owned(), None, None),
            Job::NotFound => ("404.html", "/404.html".to_owned(), None, None),
        };
        let html = self.finish(t, template, &path, title, source, video_script)?;
        Some((path, html))
    }

    /// Adds what every page knows of itself and renders it; `None` after reporting an error.
    fn finish(
        &self,
        mut t: tera::Context,
        template: &str,
        path: &str,
        title: Option<String>,
        source: Option<&String>,
        video_script: bool,
    ) -> Option<String> {
        let c = self.ctx.catalog;
        t.insert(
            "page",
            &json!({
                "title": title, "url": c.base.url(path), "absolute_url": c.base.absolute(path),
                "path": path, "video_script": video_script,
            }),
        );
        self.render(template, &t, path, source)
    }

    fn render(
        &self,
        template: &str,
        t: &tera::Context,
        path: &str,
        source: Option<&String>,
    ) -> Option<String> {
        match self.theme.tera.render(template, t) {
            Ok(html) => Some(html),
            Err(e) => {
                let file = source
                    .cloned()
                    .unwrap_or_else(|| format!("templates/{template}"));
                let msg = format!(
                    "rendering {path} with {template} failed: {}",
                    error_chain(&e)
                );
                self.diags.push(Diagnostic::error(file, msg));
                None
            }
        }
    }

    /// What a guide's page and its printable version both show, and the guide's own video.
    fn guide(&self, g: &GuideEntry, t: &mut tera::Context) -> (Value, Option<VideoView>) {
        let c = self.ctx.catalog;
        let (html, headings) = body(
            self.ctx,
            t,
            &self.theme.tera,
            &g.body,
            (&g.file, g.body_line),
            self.diags,
        );
        let video = g.meta.video.as_ref();
        let media = self.ctx.media;
        let video = video.map(|v| media.view(&c.base, v, "video_guide", &g.meta.title));
        let view = json!({
            "title": g.meta.title, "summary": g.meta.summary, "url": c.base.url(&g.path),
            "absolute_url": c.base.absolute(&g.path), "print_url": c.base.url(&g.print_path),
            "updated": g.meta.updated.to_string(), "html": html, "headings": headings,
            "procedures": self.ctx.cards(&g.procedures), "video": video,
        });
        (view, video)
    }

    fn group(&self, kind: Kind, i: usize) -> (GroupView, String, &[usize]) {
        let c = self.ctx.catalog;
        fn parts<T>(g: &Group<T>) -> (String, &[usize]) {
            (g.path.clone(), &g.procedures)
        }
        let (view, (path, procs)) = match kind {
            Kind::Field => {
                let g = &c.fields[i];
                (
                    self.ctx
                        .group_view(g, |f| f.name.clone(), |f| f.description.clone()),
                    parts(g),
                )
            }
            Kind::Agency => {
                let g = &c.agencies[i];
                (
                    self.ctx.group_view(g, |a| a.name.clone(), |_| None),
                    parts(g),
                )
            }
            Kind::Level => {
                let g = &c.levels[i];
                (
                    self.ctx.group_view(g, |l| l.id().to_owned(), |_| None),
                    parts(g),
                )
            }
            Kind::LifeEvent => {
                let g = &c.life_events[i];
                (
                    self.ctx
                        .group_view(g, |e| e.name.clone(), |e| e.description.clone()),
                    parts(g),
                )
            }
        };
        (view, path, procs)
    }
}

/// Links to the site's own pages written out with the site's origin, for paper.
fn absolute_links(html: &str, base: &BaseUrl) -> String {
    let prefix = base.prefix();
    let origin = base.absolute("/");
    let origin = origin.strip_suffix(prefix).unwrap_or(&origin);
    html.replace(
        &format!("href=\"{prefix}"),
        &format!("href=\"{origin}{prefix}"),
    )
}

fn kind_id(kind: Kind) -> &'static str {
    match kind {
        Kind::Field => "field",
        Kind::Agency => "agency",
        Kind::Level => "level",
        Kind::LifeEvent => "life_event",
    }
}

fn index_path(kind: Kind) -> &'static str {
    match kind {
        Kind::Field => routes::FIELDS,
        Kind::Agency => routes::AGENCIES,
        Kind::Level => routes::LEVELS,
        Kind::LifeEvent => routes::LIFE_EVENTS,
    }
}
