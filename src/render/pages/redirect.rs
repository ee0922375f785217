//! The page left at an old or short address, sending the reader to the procedure.

use serde::Serialize;

use crate::catalog::{BaseUrl, Redirect};

use super::renderer::Page;

#[derive(Serialize)]
struct Target {
    url: String,
    absolute_url: String,
}

#[derive(Serialize)]
struct RedirectView {
    target: Target,
}

/// Reads the redirect and the site's address.
pub fn page<'c>(base: &BaseUrl, r: &Redirect) -> Page<'c> {
    let target = Target {
        url: base.url(&r.to),
        absolute_url: base.absolute(&r.to),
    };
    Page::new("redirect.html", &r.from, &RedirectView { target })
}
