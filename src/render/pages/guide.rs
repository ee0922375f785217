//! A guide's page, with its video's schema.org `VideoObject`, and its printable version with its
//! procedures' checklists.

use serde::Serialize;

use crate::catalog::{BaseUrl, GuideEntry};
use crate::model::body::calls;
use crate::render::markdown::Heading;
use crate::render::video::{self, VideoView};
use crate::render::views::{Ctx, ProcedureCard, ProcedureView};

use super::renderer::{Page, Renderer};

/// What a guide's page and its printable version both show.
#[derive(Serialize)]
struct GuideView {
    title: String,
    summary: Option<String>,
    url: String,
    absolute_url: String,
    print_url: String,
    updated: String,
    html: String,
    headings: Vec<Heading>,
    procedures: Vec<ProcedureCard>,
    video: Option<VideoView>,
}

/// Reads the guide, its body's shortcodes' procedures and videos, and the cards of its
/// procedures.
fn view(r: &Renderer, g: &GuideEntry) -> GuideView {
    let ctx = r.ctx;
    let c = ctx.catalog;
    let (html, headings) = r.body(&g.body, (&g.file, g.body_line));
    let video = g.meta.video.as_ref();
    let video = video.map(|v| ctx.media.view(&c.base, v, "video_guide", &g.meta.title));
    GuideView {
        title: g.meta.title.clone(),
        summary: g.meta.summary.clone(),
        url: c.base.url(&g.path),
        absolute_url: c.base.absolute(&g.path),
        print_url: c.base.url(&g.print_path),
        updated: g.meta.updated.to_string(),
        html,
        headings,
        procedures: ctx.cards(&g.procedures),
        video,
    }
}

#[derive(Serialize)]
struct GuidePage {
    guide: GuideView,
    #[serde(skip_serializing_if = "Option::is_none")]
    jsonld: Option<String>,
}

pub fn page<'c>(r: &Renderer<'c, '_>, g: &'c GuideEntry) -> Page<'c> {
    let c = r.ctx.catalog;
    let guide = view(r, g);
    let jsonld = guide.video.as_ref().map(|v| {
        let description = g.meta.summary.as_deref().unwrap_or(&g.meta.title);
        let updated = g.meta.updated.to_string();
        video::jsonld(
            &c.base,
            v,
            &g.path,
            description,
            &updated,
            &c.config.language,
        )
    });
    let video_script = guide.video.is_some() || video::has_video(&g.body);
    Page::new("guide.html", &g.path, &GuidePage { guide, jsonld })
        .of_file(&g.meta.title, &g.file)
        .with_video(video_script)
}

/// A procedure printed in full below the guide, and which of its parts the text above already
/// draws.
#[derive(Serialize)]
struct FullProcedure {
    procedure: ProcedureView,
    documents_above: bool,
    steps_above: bool,
}

#[derive(Serialize)]
struct PrintView {
    #[serde(flatten)]
    guide: GuideView,
    full_procedures: Vec<FullProcedure>,
}

#[derive(Serialize)]
struct PrintPage {
    guide: PrintView,
}

/// A guide on paper: its text, its video's chapters and its procedures' checklists. Reads what
/// the guide's page reads, and its procedures in full.
pub fn print<'c>(r: &Renderer<'c, '_>, g: &'c GuideEntry) -> Page<'c> {
    let ctx = r.ctx;
    let mut guide = view(r, g);
    // On paper, every address is printed in full.
    guide.html = absolute_links(&guide.html, &ctx.catalog.base);
    let full_procedures = full_procedures(ctx, g);
    let view = PrintPage {
        guide: PrintView {
            guide,
            full_procedures,
        },
    };
    Page::new("guide_print.html", &g.print_path, &view).of_file(&g.meta.title, &g.file)
}

fn full_procedures(ctx: &Ctx, g: &GuideEntry) -> Vec<FullProcedure> {
    // What the text already draws from a procedure is not printed twice.
    let drawn: Vec<(&str, &str)> = calls(&g.body)
        .into_iter()
        .filter_map(|call| Some((call.shortcode.name(), call.shortcode.code()?)))
        .collect();
    g.procedures
        .iter()
        .map(|&p| {
            let p = &ctx.catalog.procedures[p];
            let above = |name| drawn.contains(&(name, p.data.code.as_str()));
            FullProcedure {
                procedure: ctx.procedure(p),
                documents_above: above("documents"),
                steps_above: above("steps"),
            }
        })
        .collect()
}

/// Links to the site's own pages written out with the site's origin, for paper.
fn absolute_links(html: &str, base: &BaseUrl) -> String {
    let prefix = base.prefix();
    html.replace(
        &format!("href=\"{prefix}"),
        &format!("href=\"{}{prefix}", base.origin()),
    )
}
