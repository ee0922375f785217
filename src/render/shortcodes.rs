//! Drawing shortcodes with the theme's templates (`templates/shortcodes/<name>.html`).

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Block, Call, Shortcode, Video};

use super::markdown::{Heading, HeadingIds};
use super::theme::error_chain;
use super::views::Ctx;

/// Renders a Markdown body with its shortcodes drawn in place.
pub fn body(
    ctx: &Ctx,
    tera_ctx: &tera::Context,
    tera: &tera::Tera,
    blocks: &[Block],
    at: (&str, usize),
    diags: &Diagnostics,
) -> (String, Vec<Heading>) {
    body_in(
        ctx,
        (tera_ctx, tera),
        blocks,
        at,
        &mut HeadingIds::new(),
        diags,
    )
}

/// [`body`] sharing the page's heading ids with the boxes inside it, so a heading in a callout
/// never takes an id the text around it uses. The boxes are drawn first, so their headings
/// take the first ids.
fn body_in(
    ctx: &Ctx,
    theme: (&tera::Context, &tera::Tera),
    blocks: &[Block],
    (file, first_line): (&str, usize),
    ids: &mut HeadingIds,
    diags: &Diagnostics,
) -> (String, Vec<Heading>) {
    let drawn: Vec<String> = blocks
        .iter()
        .filter_map(|block| match block {
            Block::Call(call) => Some(draw(ctx, theme, call, file, ids, diags)),
            Block::Markdown(_) => None,
        })
        .collect();
    let rendered = ctx
        .markdown
        .body(blocks, &drawn, (file, first_line), ids, diags);
    (rendered.html, rendered.headings)
}

/// One shortcode's HTML. Validation has checked names, arguments and codes; what still fails
/// here is the theme's template, reported at the shortcode's line.
fn draw(
    ctx: &Ctx,
    theme: (&tera::Context, &tera::Tera),
    call: &Call,
    file: &str,
    ids: &mut HeadingIds,
    diags: &Diagnostics,
) -> String {
    let (tera_ctx, tera) = theme;
    let mut local = tera_ctx.clone();
    // Ids of elements the shortcode draws start with this, so two on one page never clash.
    let id = format!("sc{}_{}", call.at.line, call.at.col);
    let mut args = BTreeMap::new();
    match &call.shortcode {
        Shortcode::Procedure { code }
        | Shortcode::Steps { code }
        | Shortcode::Documents { code } => {
            let Some(p) = ctx.catalog.procedure_by_code(code) else {
                return String::new();
            };
            if let Shortcode::Procedure { .. } = call.shortcode {
                local.insert("procedure", &ctx.card(p));
            } else {
                local.insert("procedure", &ctx.procedure(p));
            }
            args.insert("code", code.clone());
        }
        Shortcode::Video(v) => {
            let view = ctx
                .media
                .view(&ctx.catalog.base, v, &format!("video_{id}"), "");
            local.insert("video", &view);
            args = video_args(v);
        }
        Shortcode::Callout(callout) => {
            // The box's text continues the file's lines, for warnings about it.
            let at = (file, call.at.line);
            let (html, _) = body_in(ctx, theme, &callout.body, at, ids, diags);
            local.insert("body_html", &html);
            args.extend(callout.kind.map(|k| ("kind", k.id().to_owned())));
            args.extend(callout.title.clone().map(|t| ("title", t)));
        }
        Shortcode::Broken { .. } => return String::new(),
    }
    local.insert("id", &id);
    local.insert("args", &args);
    let template = format!("shortcodes/{}.html", call.shortcode.name());
    tera.render(&template, &local).unwrap_or_else(|e| {
        diags.push(Diagnostic::error(file, error_chain(&e)).at(Some(call.at)));
        String::new()
    })
}

/// The arguments of a `video(...)` call as written, for templates that read them.
fn video_args(v: &Video) -> BTreeMap<&'static str, String> {
    let written = [
        ("youtube", &v.youtube),
        ("file", &v.file),
        ("captions", &v.captions),
        ("poster", &v.poster),
        ("title", &v.title),
        ("duration", &v.duration),
    ];
    written
        .into_iter()
        .filter_map(|(k, value)| Some((k, value.clone()?)))
        .collect()
}
