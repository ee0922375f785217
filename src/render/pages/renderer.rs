//! Turning a page's view into HTML with the theme: what every page knows of itself, the template
//! errors reported at the page's source file, and the bodies of guides and pages.

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Body;
use crate::render::markdown::Heading;
use crate::render::shortcodes;
use crate::render::theme::{Theme, error_chain};
use crate::render::views::Ctx;

use super::pager::Pager;

/// A page ready to render: its template, its address, and the typed view of its kind, as the
/// template's variables.
pub struct Page<'c> {
    pub template: &'static str,
    pub path: String,
    pub title: Option<String>,
    /// The content file the page is made from, where its template errors are reported.
    pub source: Option<&'c str>,
    /// Whether the page shows a video, and so needs the theme's player script.
    pub video_script: bool,
    /// The pages before and after this one of a numbered list, for `<link rel>` in the head.
    prev: Option<String>,
    next: Option<String>,
    vars: tera::Context,
}

impl<'c> Page<'c> {
    /// A page of `template` at `path` showing `view`, whose fields become the template's
    /// variables.
    pub fn new(template: &'static str, path: &str, view: &impl Serialize) -> Page<'c> {
        Page {
            template,
            path: path.to_owned(),
            title: None,
            source: None,
            video_script: false,
            prev: None,
            next: None,
            vars: variables(view),
        }
    }

    /// The page of a content file, titled like it.
    pub fn of_file(mut self, title: &str, file: &'c str) -> Page<'c> {
        self.title = Some(title.to_owned());
        self.source = Some(file);
        self
    }

    pub fn titled(mut self, title: &str) -> Page<'c> {
        self.title = Some(title.to_owned());
        self
    }

    /// One page of a numbered list: its pager for the template, its neighbours for the head.
    pub fn paged(mut self, pager: &Pager) -> Page<'c> {
        self.prev.clone_from(&pager.prev);
        self.next.clone_from(&pager.next);
        self.vars.insert("pager", pager);
        self
    }

    pub fn with_video(mut self, video_script: bool) -> Page<'c> {
        self.video_script = video_script;
        self
    }
}

/// A view's fields as a template's variables. Views are structs of plain data, which always
/// serialise to an object.
pub fn variables(view: &impl Serialize) -> tera::Context {
    tera::Context::from_serialize(view).unwrap_or_default()
}

/// What every page knows of itself: `page` in templates.
#[derive(Serialize)]
struct PageMeta<'a> {
    title: &'a Option<String>,
    url: String,
    absolute_url: String,
    path: &'a str,
    video_script: bool,
    prev: &'a Option<String>,
    next: &'a Option<String>,
}

/// Renders pages with the theme, over the context every template sees.
pub struct Renderer<'a, 'm> {
    pub ctx: &'a Ctx<'a, 'm>,
    pub theme: &'a Theme,
    /// What every template sees (`site`, `nav`, `urls`, `t`).
    pub base: &'a tera::Context,
    pub diags: &'a Diagnostics,
}

impl Renderer<'_, '_> {
    /// The page's HTML; `None` after reporting a template error.
    pub fn finish(&self, page: Page) -> Option<String> {
        let c = self.ctx.catalog;
        let mut t = self.context(page.vars);
        let meta = PageMeta {
            title: &page.title,
            url: c.base.url(&page.path),
            absolute_url: c.base.absolute(&page.path),
            path: &page.path,
            video_script: page.video_script,
            prev: &page.prev,
            next: &page.next,
        };
        t.insert("page", &meta);
        self.render(page.template, &t, &page.path, page.source)
    }

    /// What every template sees, with a view's variables beside it (their names differ).
    pub fn context(&self, mut vars: tera::Context) -> tera::Context {
        vars.extend(self.base.clone());
        vars
    }

    /// Renders `template`; a failure is reported at `source`, or at the template.
    pub fn render(
        &self,
        template: &str,
        t: &tera::Context,
        path: &str,
        source: Option<&str>,
    ) -> Option<String> {
        match self.theme.tera.render(template, t) {
            Ok(html) => Some(html),
            Err(e) => {
                let file = source.map_or_else(|| format!("templates/{template}"), str::to_owned);
                let msg = format!(
                    "rendering {path} with {template} failed: {}",
                    error_chain(&e)
                );
                self.diags.push(Diagnostic::error(file, msg));
                None
            }
        }
    }

    /// A guide's or page's body as HTML, its shortcodes drawn, with its headings.
    pub fn body(&self, body: &Body, at: (&str, usize)) -> (String, Vec<Heading>) {
        let tera = &self.theme.tera;
        shortcodes::body(self.ctx, self.base, tera, body, at, self.diags)
    }
}
