//! Markdown to safe HTML.
//!
//! Content arrives through pull requests, so raw HTML is not trusted: by default it is dropped
//! (with a warning naming the line), and links and images may only use http(s), mailto, tel or
//! site-relative addresses. What pulldown-cmark then writes is escaped text and its own tags, so
//! it needs no further cleaning. A site may allow a list of harmless tags in site.toml; only then
//! does the output go through a sanitizer (ammonia), so `<script>`, event handlers and
//! `javascript:` links never reach a page either way. Skipping the sanitizer where it has nothing
//! to do keeps rendering fast: it parses the whole fragment as HTML.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, html};

use crate::catalog::BaseUrl;
use crate::config::MarkdownConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, Location};
use crate::limits::{self, MarkdownNesting};
use crate::slug::slugify;

const MARKDOWN_TAGS: [&str; 27] = [
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    "sup",
];

pub struct Markdown<'a> {
    sanitizer: ammonia::Builder<'a>,
    allow_html: bool,
    /// Tags that survive sanitising: Markdown's own plus the site's allowed raw ones.
    allowed_tags: HashSet<&'a str>,
    base: BaseUrl,
}

/// The heading ids given out on one page, with how often each was asked for.
pub type HeadingIds = HashMap<String, usize>;

/// A heading of a rendered body, for tables of contents and anchor checks.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
}

impl<'a> Markdown<'a> {
    /// `config.allow_html` has been checked by validation: lowercase names of harmless tags.
    pub fn new(config: &'a MarkdownConfig, base: BaseUrl) -> Markdown<'a> {
        let mut tags: HashSet<&'a str> = MARKDOWN_TAGS.into_iter().collect();
        tags.extend(config.allow_html.iter().map(String::as_str));
        let allowed = tags.clone();
        let mut attrs: HashMap<&'a str, HashSet<&'a str>> = HashMap::new();
        attrs.insert("a", ["href", "title"].into());
        attrs.insert("img", ["src", "alt", "title", "width", "height"].into());
        for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
            attrs.insert(h, ["id"].into());
        }
        attrs.insert("th", ["style"].into());
        attrs.insert("td", ["style"].into());
        attrs.insert("abbr", ["title"].into());
        let mut sanitizer = ammonia::Builder::empty();
        sanitizer
            .tags(allowed)
            .tag_attributes(attrs)
            .url_schemes(["http", "https", "mailto", "tel"].into())
            .link_rel(None)
            .attribute_filter(|_, attr, value| {
                // Table alignment is the only inline style Markdown produces.
                if attr == "style"
                    && !matches!(
                        value,
                        "text-align: left" | "text-align: center" | "text-align: right"
                    )
                {
                    return None;
                }
                Some(value.into())
            });
        Markdown {
            sanitizer,
            allow_html: !config.allow_html.is_empty(),
            allowed_tags: tags,
            base,
        }
    }

    /// Renders a block of Markdown from `file`, starting at `first_line` (for warnings).
    pub fn block(
        &self,
        text: &str,
        file: &str,
        first_line: usize,
        diags: &Diagnostics,
    ) -> Rendered {
        self.block_in(text, (file, first_line), &mut HeadingIds::new(), diags)
    }

    /// [`Markdown::block`] for one of several blocks of a page (a box inside a guide): heading ids
    /// already given out in `ids` are not given again.
    pub fn block_in(
        &self,
        text: &str,
        (file, first_line): (&str, usize),
        ids: &mut HeadingIds,
        diags: &Diagnostics,
    ) -> Rendered {
        let mut headings = Vec::new();
        let mut events = Vec::new();
        let mut heading: Option<(HeadingLevel, Vec<Event>)> = None;
        let mut dropped: Vec<(usize, &str)> = Vec::new();
        // For each open link or image: whether its tags are being left out (unsafe address).
        let mut unsafe_links: Vec<bool> = Vec::new();
        let mut nesting = MarkdownNesting::default();
        // Where each stretch of text nested beyond the limit begins.
        let mut too_deep = Vec::new();
        for (event, range) in Parser::new_ext(text, limits::markdown_options()).into_offset_iter() {
            let was_beyond = nesting.is_beyond();
            if !nesting.admits(&event) {
                if !was_beyond {
                    too_deep.push(range.start);
                }
                continue;
            }
            let event = match event {
                Event::Html(_) | Event::InlineHtml(_) if !self.allow_html => {
                    dropped.push((range.start, "raw HTML in Markdown was dropped"));
                    continue;
                }
                Event::Html(ref raw) | Event::InlineHtml(ref raw) if !self.allowed_html(raw) => {
                    dropped.push((range.start, "raw HTML that is not allowed was removed"));
                    event
                }
                Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock)
                    if !self.allow_html =>
                {
                    continue;
                }
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                    if !safe_url(&dest_url) =>
                {
                    dropped.push((
                        range.start,
                        "a link with an unsafe address was made plain text",
                    ));
                    unsafe_links.push(true);
                    continue;
                }
                Event::End(TagEnd::Link | TagEnd::Image) if unsafe_links.pop() == Some(true) => {
                    continue;
                }
                Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                    unsafe_links.push(false);
                    Event::Start(self.with_site_link(tag))
                }
                other => other,
            };
            match (&mut heading, event) {
                (None, Event::Start(Tag::Heading { level, .. })) => {
                    heading = Some((level, Vec::new()))
                }
                (Some(_), Event::End(TagEnd::Heading(level))) => {
                    let (_, inner) = heading.take().unwrap_or((level, Vec::new()));
                    let text = plain_text(&inner);
                    let id = unique_id(&slugify(&text), ids);
                    headings.push(Heading {
                        level: level as u8,
                        id: id.clone(),
                        text,
                    });
                    let start = Tag::Heading {
                        level,
                        id: Some(id.into()),
                        classes: vec![],
                        attrs: vec![],
                    };
                    events.push(Event::Start(start));
                    events.extend(inner);
                    events.push(Event::End(TagEnd::Heading(level)));
                }
                (Some((_, inner)), e) => inner.push(e),
                (None, e) => events.push(e),
            }
        }
        self.warn_dropped(text, file, first_line, &dropped, diags);
        if !too_deep.is_empty() {
            let lines = LineIndex::new(text);
            for offset in too_deep {
                too_deep_error(&lines, (file, first_line), offset, diags);
            }
        }
        let mut out = String::with_capacity(text.len() * 3 / 2);
        html::push_html(&mut out, events.into_iter());
        let html = if self.allow_html {
            self.sanitizer.clean(&out).to_string()
        } else {
            out
        };
        Rendered { html, headings }
    }

    /// Whether a raw HTML fragment uses only allowed tags and no scripting; the sanitizer removes
    /// the rest, and the editor is told.
    fn allowed_html(&self, raw: &str) -> bool {
        let lower = raw.to_ascii_lowercase();
        let scripting = lower.contains("javascript:")
            || lower
                .split(|c: char| c.is_whitespace())
                .any(|w| w.starts_with("on") && w.contains('='));
        let tags_ok = lower.split('<').skip(1).all(|t| {
            let name: String = t
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            name.is_empty() || self.allowed_tags.contains(name.as_str())
        });
        tags_ok && !scripting
    }

    /// Renders one line of inline Markdown (a step, a note) without the paragraph around it.
    pub fn inline(&self, text: &str) -> String {
        let html = self.block(text, "", 1, &Diagnostics::new()).html;
        let trimmed = html.trim();
        match trimmed
            .strip_prefix("<p>")
            .and_then(|s| s.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => inner.to_owned(),
            _ => trimmed.to_owned(),
        }
    }

    fn with_site_link<'s>(&self, tag: Tag<'s>) -> Tag<'s> {
        match tag {
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => Tag::Link {
                link_type,
                dest_url: self.site_link(dest_url),
                title,
                id,
            },
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => Tag::Image {
                link_type,
                dest_url: self.site_link(dest_url),
                title,
                id,
            },
            other => other,
        }
    }

    /// Root-relative links in content are written against the site root; prefix the base path.
    fn site_link<'s>(&self, dest: CowStr<'s>) -> CowStr<'s> {
        if dest.starts_with('/') && !dest.starts_with("//") {
            self.base.url(&dest).into()
        } else {
            dest
        }
    }

    fn warn_dropped(
        &self,
        text: &str,
        file: &str,
        first_line: usize,
        at: &[(usize, &str)],
        diags: &Diagnostics,
    ) {
        if file.is_empty() {
            return;
        }
        let mut warned = std::collections::HashSet::new();
        let lines = LineIndex::new(text);
        for &(offset, msg) in at {
            // An opening and a closing tag on one line are one problem for the editor.
            if !warned.insert((lines.line(offset), msg)) {
                continue;
            }
            let loc = lines.location(offset, 0);
            let loc = Location {
                line: loc.line + first_line - 1,
                ..loc
            };
            let help = if msg.starts_with("raw HTML that") {
                "only the tags listed in site.toml's [markdown] allow_html pass, without scripts or on… attributes"
            } else if msg.starts_with("raw") {
                "write it in Markdown, or allow safe tags in site.toml: [markdown] allow_html = [\"kbd\"]"
            } else {
                "links may use https://, http://, mailto:, tel: or an address on this site"
            };
            diags.push(Diagnostic::warning(file, msg).at(Some(loc)).help(help));
        }
    }
}

/// Text nested beyond the limit is still shown, without the levels beyond it; the build fails.
fn too_deep_error(
    lines: &LineIndex,
    (file, first_line): (&str, usize),
    offset: usize,
    diags: &Diagnostics,
) {
    if file.is_empty() {
        return; // a procedure's text, reported by validation with its field
    }
    let loc = lines.location(offset, 1);
    let loc = Location {
        line: loc.line + first_line - 1,
        ..loc
    };
    diags.push(limits::markdown_too_deep_error(file).at(Some(loc)));
}

/// http(s), mailto, tel, or an address without a scheme (`/thu-tuc/x/`, `#muc`, `anh.png`).
fn safe_url(url: &str) -> bool {
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if url[i..].starts_with(':') => {
            matches!(
                url[..i].to_ascii_lowercase().as_str(),
                "http" | "https" | "mailto" | "tel"
            )
        }
        _ => true,
    }
}

fn plain_text(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

fn unique_id(base: &str, seen: &mut HashMap<String, usize>) -> String {
    let base = if base.is_empty() { "muc" } else { base };
    let n = seen.entry(base.to_owned()).or_default();
    *n += 1;
    if *n == 1 {
        base.to_owned()
    } else {
        format!("{base}-{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(allow: &[&str]) -> Markdown<'static> {
        let config = MarkdownConfig {
            allow_html: allow.iter().map(|s| s.to_string()).collect(),
        };
        Markdown::new(
            Box::leak(Box::new(config)),
            BaseUrl::new("https://a.gov.vn/tthc/"),
        )
    }

    #[test]
    fn headings_get_ascii_ids() {
        let r = md(&[]).block(
            "## Hồ sơ cần chuẩn bị\n\n## Hồ sơ cần chuẩn bị\n",
            "g.md",
            1,
            &Diagnostics::new(),
        );
        assert!(
            r.html.contains("<h2 id=\"ho-so-can-chuan-bi\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("id=\"ho-so-can-chuan-bi-2\""));
        assert_eq!(r.headings.len(), 2);
    }

    #[test]
    fn raw_html_is_dropped_with_a_warning_on_its_line() {
        let diags = Diagnostics::new();
        let text = "Xin chào\n\n<script>alert(1)</script>\n\n<b onclick=\"x()\">đậm</b> [x](javascript:alert(1))\n";
        let r = md(&[]).block(text, "g.md", 10, &diags);
        assert!(
            !r.html.contains("script")
                && !r.html.contains("onclick")
                && !r.html.contains("javascript"),
            "{}",
            r.html
        );
        let warnings = diags.sorted();
        assert_eq!(
            warnings.len(),
            3,
            "two lines with raw HTML (one warning each) and one link: {warnings:?}"
        );
        assert_eq!(warnings[0].location.unwrap().line, 12);
    }

    #[test]
    fn allowed_tags_pass_but_stay_sanitised() {
        let r = md(&["kbd"]).block(
            "Nhấn <kbd onclick=\"x()\">Enter</kbd> <iframe src=\"https://x\"></iframe>",
            "g.md",
            1,
            &Diagnostics::new(),
        );
        assert!(r.html.contains("<kbd>Enter</kbd>"), "{}", r.html);
        assert!(!r.html.contains("iframe") && !r.html.contains("onclick"));
    }

    #[test]
    fn site_links_get_the_base_path_and_inline_drops_the_paragraph() {
        let m = md(&[]);
        assert_eq!(
            m.inline("Xem [trang](/thu-tuc/x/) **ngay**"),
            "Xem <a href=\"/tthc/thu-tuc/x/\">trang</a> <strong>ngay</strong>"
        );
    }
}
