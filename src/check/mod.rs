//! `check`'s view of a rendered site: every internal link and `#anchor` must lead somewhere.

mod html;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;

use crate::catalog::BaseUrl;
use crate::catalog::routes::output_file;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::{Sink, Stream};

/// A sink that keeps only what link checking needs: each page's ids and outgoing links.
pub struct LinkCheck {
    base: BaseUrl,
    sources: HashMap<String, String>,
    pages: Mutex<HashMap<String, html::Page>>,
    files: Mutex<HashSet<String>>,
}

impl LinkCheck {
    /// `sources` maps site paths of pages to the content files they are made from, so a broken
    /// link is reported where the editor wrote it.
    pub fn new(base: BaseUrl, sources: HashMap<String, String>) -> LinkCheck {
        let sources = sources
            .into_iter()
            .map(|(path, file)| (output_file(&path), file))
            .collect();
        LinkCheck {
            base,
            sources,
            pages: Mutex::default(),
            files: Mutex::default(),
        }
    }

    /// Reports every internal link whose target or anchor does not exist.
    pub fn finish(self, diags: &Diagnostics) -> usize {
        let pages = std::mem::take(&mut *self.pages.lock().unwrap());
        let files = std::mem::take(&mut *self.files.lock().unwrap());
        let mut checked = 0;
        let mut sorted: Vec<_> = pages.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        for (from, page) in sorted {
            for link in &page.links {
                checked += 1;
                let Some((target, anchor)) = self.resolve(from, link) else {
                    continue;
                };
                let problem = match pages.get(&target) {
                    Some(p) => anchor
                        .filter(|a| !p.ids.contains(*a))
                        .map(|a| format!("the anchor #{a} does not exist on {target}")),
                    None if files.contains(&target) => None,
                    None => Some(format!("the link to {link} leads nowhere")),
                };
                if let Some(message) = problem {
                    diags.push(self.locate(from, link, message, diags));
                }
            }
        }
        checked
    }

    /// A diagnostic in the content file the page comes from, at the line that holds the link;
    /// in the generated page when it comes from a template.
    fn locate(&self, page: &str, link: &str, message: String, diags: &Diagnostics) -> Diagnostic {
        let Some(file) = self.sources.get(page) else {
            return Diagnostic::error(format!("public/{page}"), message)
                .help("the link comes from a template");
        };
        let written = link
            .strip_prefix(self.base.prefix())
            .map(|rest| format!("/{rest}"));
        let location = diags.source(file).and_then(|text| {
            let offset = text
                .find(link)
                .or_else(|| written.as_deref().and_then(|w| text.find(w)))?;
            Some(crate::diagnostics::Location::at_offset(
                &text,
                offset,
                link.len(),
            ))
        });
        Diagnostic::error(file.clone(), message).at(location)
    }

    /// Turns a link on page `from` into the file it names and its anchor; `None` for links that
    /// leave the site (other hosts, mailto:, tel:).
    fn resolve<'l>(&self, from: &str, link: &'l str) -> Option<(String, Option<&'l str>)> {
        if link.contains("://")
            || link.starts_with("//")
            || link.contains(':') && !link.starts_with('/')
        {
            return None;
        }
        let (path, anchor) = match link.split_once('#') {
            Some((p, a)) => (p, Some(a).filter(|a| !a.is_empty())),
            None => (link, None),
        };
        let path = path.split('?').next().unwrap_or_default();
        let site_path = if path.is_empty() {
            from.to_owned()
        } else if let Some(rest) = path.strip_prefix(self.base.prefix()) {
            format!("/{rest}")
        } else if path.starts_with('/') {
            return Some((path.to_owned(), anchor)); // outside the base path: cannot exist
        } else {
            let dir = &from[..from.rfind('/').map_or(0, |i| i + 1)];
            format!("{dir}{path}")
        };
        Some((output_file(&site_path), anchor))
    }
}

impl Sink for LinkCheck {
    fn write(&self, path: &str, bytes: Vec<u8>) {
        let file = output_file(path);
        if file.ends_with(".html") {
            let page = html::scan(&String::from_utf8_lossy(&bytes));
            self.pages.lock().unwrap().insert(file, page);
        } else {
            self.files.lock().unwrap().insert(file);
        }
    }

    fn copy(&self, path: &str, _from: &Path) {
        self.files.lock().unwrap().insert(output_file(path));
    }

    fn stream<'s>(&'s self, path: &str) -> Box<dyn Stream + 's> {
        Box::new(Scan {
            check: self,
            file: output_file(path),
            page: html::Page::default(),
        })
    }
}

/// A page read part by part: each part holds whole elements, so its ids and links are read alone.
struct Scan<'a> {
    check: &'a LinkCheck,
    file: String,
    page: html::Page,
}

impl Stream for Scan<'_> {
    fn push(&mut self, part: &[u8]) {
        if self.file.ends_with(".html") {
            self.page.add(html::scan(&String::from_utf8_lossy(part)));
        }
    }

    fn finish(self: Box<Self>) {
        if self.file.ends_with(".html") {
            self.check
                .pages
                .lock()
                .unwrap()
                .insert(self.file, self.page);
        } else {
            self.check.files.lock().unwrap().insert(self.file);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_missing_pages_and_anchors() {
        let check = LinkCheck::new(BaseUrl::new("https://a.gov.vn/tthc/"), HashMap::new());
        let home = r##"<a href="/tthc/thu-tuc/x/#ho-so">x</a><a href="/tthc/thu-tuc/y/">y</a><a href="https://b/">b</a><a href="#top">t</a><img src="/tthc/forms/a.pdf">"##;
        check.write("/", home.as_bytes().to_vec());
        check.write("/thu-tuc/x/", br#"<h2 id="ho-so">H</h2>"#.to_vec());
        check.copy("/forms/a.pdf", Path::new("x"));
        let diags = Diagnostics::new();
        check.finish(&diags);
        let all: Vec<String> = diags.sorted().iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            all,
            vec![
                "the link to /tthc/thu-tuc/y/ leads nowhere",
                "the anchor #top does not exist on index.html"
            ]
        );
    }

    #[test]
    fn reads_a_streamed_page_part_by_part() {
        let check = LinkCheck::new(BaseUrl::new("https://a.gov.vn/"), HashMap::new());
        let mut bundle = check.stream("/to-gap/linh-vuc/x/");
        bundle.push(br#"<main><article id="a"><a href="/thu-tuc/x/">x</a></article>"#);
        bundle.push(br#"<article id="b"><a href="/thu-tuc/y/">y</a></article></main>"#);
        bundle.finish();
        check.write(
            "/thu-tuc/x/",
            br#"<a href="/to-gap/linh-vuc/x/#b">b</a>"#.to_vec(),
        );
        let diags = Diagnostics::new();
        assert_eq!(check.finish(&diags), 3);
        let all: Vec<String> = diags.sorted().iter().map(|d| d.message.clone()).collect();
        assert_eq!(all, vec!["the link to /thu-tuc/y/ leads nowhere"]);
    }
}
