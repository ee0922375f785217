//! Drawing shortcodes with the theme's templates (`templates/shortcodes/<name>.html`).

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::shortcode::{Segment, Shortcode};

use super::markdown::{Heading, HeadingIds};
use super::theme::error_chain;
use super::views::Ctx;

/// Renders a Markdown body with its shortcodes drawn in place.
pub fn body(
    ctx: &Ctx,
    tera_ctx: &tera::Context,
    tera: &tera::Tera,
    segments: &[Segment],
    at: (&str, usize),
    diags: &Diagnostics,
) -> (String, Vec<Heading>) {
    body_in(
        ctx,
        (tera_ctx, tera),
        segments,
        at,
        &mut HeadingIds::new(),
        diags,
    )
}

/// [`body`] sharing the page's heading ids with the boxes inside it, so a heading in a callout
/// never takes an id the text around it uses.
fn body_in(
    ctx: &Ctx,
    theme: (&tera::Context, &tera::Tera),
    segments: &[Segment],
    (file, first_line): (&str, usize),
    ids: &mut HeadingIds,
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
                drawn.push(draw(ctx, theme, sc, file, ids, diags));
            }
        }
    }
    let rendered = ctx.markdown.block_in(&text, (file, first_line), ids, diags);
    let mut html = rendered.html;
    for (i, piece) in drawn.iter().enumerate().rev() {
        let token = format!("MOTCUASHORTCODE{i}X");
        html = html
            .replace(&format!("<p>{token}</p>"), piece)
            .replace(&token, piece);
    }
    (html, rendered.headings)
}

/// One shortcode's HTML. Validation has checked names, arguments and codes; what still fails
/// here is the theme's template, reported at the shortcode's line.
fn draw(
    ctx: &Ctx,
    theme: (&tera::Context, &tera::Tera),
    sc: &Shortcode,
    file: &str,
    ids: &mut HeadingIds,
    diags: &Diagnostics,
) -> String {
    let (tera_ctx, tera) = theme;
    let mut local = tera_ctx.clone();
    // Ids of elements the shortcode draws start with this, so two on one page never clash.
    let id = format!("sc{}_{}", sc.line, sc.col);
    match sc.name.as_str() {
        "procedure" | "steps" | "documents" => {
            let Some(p) = sc
                .arg("code")
                .and_then(|c| ctx.catalog.procedure_by_code(c))
            else {
                return String::new();
            };
            if sc.name == "procedure" {
                local.insert("procedure", &ctx.card(p));
            } else {
                local.insert("procedure", &ctx.procedure(p));
            }
        }
        "video" => {
            local.insert("video", &ctx.video(&sc.video(), &format!("video_{id}"), ""));
        }
        "callout" => {
            let inner = sc.body.as_deref().unwrap_or_default();
            // The box's text continues the file's lines, for warnings about it.
            let (html, _) = body_in(ctx, theme, inner, (file, sc.line), ids, diags);
            local.insert("body_html", &html);
        }
        _ => return String::new(),
    }
    local.insert("id", &id);
    let args: BTreeMap<_, _> = sc.args.iter().cloned().collect();
    local.insert("args", &args);
    let template = format!("shortcodes/{}.html", sc.name);
    tera.render(&template, &local).unwrap_or_else(|e| {
        diags.push(Diagnostic::error(file, error_chain(&e)).at(Some(sc.location())));
        String::new()
    })
}
