//! Drawing shortcodes and guide videos with the theme's templates.

use serde::Serialize;
use serde_json::json;

use crate::catalog::Catalog;
use crate::load::shortcode::{Segment, Shortcode};
use crate::model::Video;

use super::markdown::Heading;
use super::theme::error_chain;
use super::views::Ctx;
use crate::diagnostics::{Diagnostic, Diagnostics};

#[derive(Serialize)]
pub struct VideoView {
    pub youtube: Option<String>,
    pub file_url: Option<String>,
    pub captions_url: Option<String>,
    pub poster_url: Option<String>,
    pub title: Option<String>,
    pub duration: Option<String>,
    pub chapters: Vec<ChapterView>,
}

#[derive(Serialize)]
pub struct ChapterView {
    pub at: String,
    pub seconds: u32,
    pub title: String,
}

pub fn video_view(catalog: &Catalog, v: &Video) -> VideoView {
    let media = |p: &Option<String>| p.as_ref().map(|p| catalog.base.url(&format!("/{p}")));
    VideoView {
        youtube: v.youtube.clone(),
        file_url: media(&v.file),
        captions_url: media(&v.captions),
        poster_url: media(&v.poster),
        title: v.title.clone(),
        duration: v.duration.clone(),
        chapters: v
            .chapters
            .iter()
            .map(|c| ChapterView {
                at: c.at.clone(),
                seconds: seconds(&c.at),
                title: c.title.clone(),
            })
            .collect(),
    }
}

/// "1:02:15" → 3735.
fn seconds(at: &str) -> u32 {
    at.split(':')
        .fold(0, |acc, part| acc * 60 + part.parse::<u32>().unwrap_or(0))
}

/// Renders a Markdown body with its shortcodes drawn in place.
pub fn body(
    ctx: &Ctx,
    tera_ctx: &tera::Context,
    tera: &tera::Tera,
    segments: &[Segment],
    (file, first_line): (&str, usize),
    diags: &Diagnostics,
) -> (String, Vec<Heading>) {
    // Shortcodes become placeholder tokens so the Markdown around them parses as one document
    // (a list may continue after a card); the tokens are swapped for HTML after sanitising.
    let mut text = String::new();
    let mut drawn = Vec::new();
    for seg in segments {
        match seg {
            Segment::Markdown(m) => text.push_str(m),
            Segment::Shortcode(sc) => {
                text.push_str(&format!("MOTCUASHORTCODE{}X", drawn.len()));
                drawn.push(draw(ctx, tera_ctx, tera, sc, file, diags));
            }
        }
    }
    let rendered = ctx.markdown.block(&text, file, first_line, diags);
    let mut html = rendered.html;
    for (i, piece) in drawn.iter().enumerate().rev() {
        let token = format!("MOTCUASHORTCODE{i}X");
        html = html
            .replace(&format!("<p>{token}</p>"), piece)
            .replace(&token, piece);
    }
    (html, rendered.headings)
}

fn draw(
    ctx: &Ctx,
    tera_ctx: &tera::Context,
    tera: &tera::Tera,
    sc: &Shortcode,
    file: &str,
    diags: &Diagnostics,
) -> String {
    let mut local = tera_ctx.clone();
    let template = match sc.name.as_str() {
        "procedure" => {
            let Some(p) = sc
                .arg("code")
                .and_then(|c| ctx.catalog.procedure_by_code(c))
            else {
                return String::new();
            };
            local.insert("procedure", &ctx.card(p));
            "shortcodes/procedure.html"
        }
        "video" => {
            let v = Video {
                youtube: sc.arg("youtube").map(str::to_owned),
                file: sc.arg("file").map(str::to_owned),
                captions: sc.arg("captions").map(str::to_owned),
                poster: sc.arg("poster").map(str::to_owned),
                title: sc.arg("title").map(str::to_owned),
                duration: None,
                chapters: vec![],
            };
            local.insert("video", &video_view(ctx.catalog, &v));
            "shortcodes/video.html"
        }
        _ => return String::new(),
    };
    local.insert(
        "args",
        &json!(
            sc.args
                .iter()
                .cloned()
                .collect::<std::collections::BTreeMap<_, _>>()
        ),
    );
    tera.render(template, &local).unwrap_or_else(|e| {
        let loc = Some(crate::diagnostics::Location {
            line: sc.line,
            col: 1,
            offset: 0,
            len: 0,
        });
        diags.push(Diagnostic::error(file, error_chain(&e)).at(loc));
        String::new()
    })
}
