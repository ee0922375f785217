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

/// The most addresses one sitemap file may hold (sitemaps.org); a national catalog has more.
const PER_FILE: usize = 50_000;

/// The sitemap files, by path: `sitemap.xml` alone, or, past `PER_FILE` addresses, the parts
/// and `sitemap.xml` as their index.
pub fn sitemaps(c: &Catalog) -> Vec<(String, String)> {
    split(&entries(c), PER_FILE, |path| c.base.absolute(path))
}

/// An address and its date of last change.
type Entry = (String, Option<String>);

/// Reads every procedure, guide and free page with its date, and the lists: the A–Z letters,
/// the guides, the fields, agencies, levels and life events, each with all its numbered pages.
fn entries(c: &Catalog) -> Vec<Entry> {
    let mut out: Vec<Entry> = vec![("/".into(), None)];
    out.extend(
        c.procedures
            .iter()
            .map(|p| (p.path.clone(), Some(p.data.updated.to_string()))),
    );
    out.extend(
        c.guides
            .iter()
            .map(|g| (g.path.clone(), Some(g.meta.updated.to_string()))),
    );
    out.extend(
        c.pages
            .iter()
            .map(|p| (p.path.clone(), p.meta.updated.map(|d| d.to_string()))),
    );
    for (list, len) in c.lists() {
        out.extend(routes::pages_of(list, len).map(|p| (p, None)));
    }
    out
}

fn split(
    entries: &[Entry],
    per_file: usize,
    absolute: impl Fn(&str) -> String,
) -> Vec<(String, String)> {
    if entries.len() <= per_file {
        return vec![(routes::SITEMAP.to_owned(), urlset(entries, &absolute))];
    }
    let mut files: Vec<(String, String)> = entries
        .chunks(per_file)
        .enumerate()
        .map(|(i, part)| (routes::sitemap_part(i + 1), urlset(part, &absolute)))
        .collect();
    let index = index(files.iter().map(|(path, _)| absolute(path)));
    files.push((routes::SITEMAP.to_owned(), index));
    files
}

const XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const NS: &str = "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"";

fn urlset(entries: &[Entry], absolute: &impl Fn(&str) -> String) -> String {
    let mut out = format!("{XML}<urlset {NS}>\n");
    for (path, lastmod) in entries {
        out.push_str("<url><loc>");
        out.push_str(&escape(&absolute(path)));
        out.push_str("</loc>");
        if let Some(d) = lastmod {
            out.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

fn index(parts: impl Iterator<Item = String>) -> String {
    let mut out = format!("{XML}<sitemapindex {NS}>\n");
    for loc in parts {
        out.push_str(&format!("<sitemap><loc>{}</loc></sitemap>\n", escape(&loc)));
    }
    out.push_str("</sitemapindex>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(n: usize) -> Vec<Entry> {
        (0..n).map(|i| (format!("/thu-tuc/t-{i}/"), None)).collect()
    }

    fn absolute(path: &str) -> String {
        format!("https://x.example{path}")
    }

    #[test]
    fn a_sitemap_within_the_limit_is_one_file() {
        let files = split(&entries(3), 3, absolute);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "/sitemap.xml");
        assert_eq!(files[0].1.matches("<url>").count(), 3);
    }

    #[test]
    fn past_the_limit_the_sitemap_is_an_index_of_parts_that_keep_every_address_once() {
        let files = split(&entries(7), 3, absolute);
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/sitemap-1.xml",
                "/sitemap-2.xml",
                "/sitemap-3.xml",
                "/sitemap.xml"
            ]
        );
        let counts: Vec<usize> = files[..3]
            .iter()
            .map(|(_, xml)| xml.matches("<url>").count())
            .collect();
        assert_eq!(counts, [3, 3, 1]);
        let index = &files[3].1;
        assert!(index.contains("<sitemapindex"), "{index}");
        for n in 1..=3 {
            let loc = format!("<loc>https://x.example/sitemap-{n}.xml</loc>");
            assert!(index.contains(&loc), "{index}");
        }
        let all: String = files[..3].iter().map(|(_, x)| x.as_str()).collect();
        for i in 0..7 {
            let loc = format!("<loc>https://x.example/thu-tuc/t-{i}/</loc>");
            assert_eq!(all.matches(&loc).count(), 1, "{loc}");
        }
    }
}
