//! sitemap.xml and robots.txt, for search engines.

use crate::catalog::{Catalog, routes};
use crate::render::theme::escape;

/// robots.txt: everything may be crawled, and where the sitemap is.
pub fn robots(c: &Catalog) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        c.base.absolute(routes::SITEMAP)
    )
}

/// Reads every procedure, guide and free page with its date, and the lists: the A–Z letters,
/// the guides, the fields, agencies, levels and life events, each with all its numbered pages.
pub fn sitemap(c: &Catalog) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut entry = |path: &str, lastmod: Option<String>| {
        out.push_str("<url><loc>");
        out.push_str(&escape(&c.base.absolute(path)));
        out.push_str("</loc>");
        if let Some(d) = lastmod {
            out.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        out.push_str("</url>\n");
    };
    entry("/", None);
    for p in &c.procedures {
        entry(&p.path, Some(p.data.updated.to_string()));
    }
    for g in &c.guides {
        entry(&g.path, Some(g.meta.updated.to_string()));
    }
    for p in &c.pages {
        entry(&p.path, p.meta.updated.map(|d| d.to_string()));
    }
    for (list, len) in c.lists() {
        for path in routes::pages_of(list, len) {
            entry(&path, None);
        }
    }
    out.push_str("</urlset>\n");
    out
}
