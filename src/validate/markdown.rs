//! What editors' Markdown may contain. Content arrives through pull requests, so raw HTML passes
//! only where site.toml allows its tags, and links only with safe addresses. Rendering
//! (`render::markdown`) leaves out what this policy refuses, and every piece left out is a
//! warning at its line: rendering reports those of guides and pages, where it knows the line of
//! each; validation those of procedures' text fields, at the field.

use std::collections::HashSet;

use pulldown_cmark::{Event, Parser, Tag};

use crate::config::MarkdownConfig;
use crate::limits;

/// The tags Markdown itself writes; a sanitizer that cleans its output must keep them.
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

/// Why a piece of Markdown does not reach the page as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dropped {
    /// Raw HTML, where the site allows none.
    RawHtml,
    /// Raw HTML with a tag the site does not allow, or with scripting.
    HtmlNotAllowed,
    /// A link or image whose address could run code.
    UnsafeLink,
}

impl Dropped {
    pub fn message(self) -> &'static str {
        match self {
            Dropped::RawHtml => "raw HTML in Markdown was dropped",
            Dropped::HtmlNotAllowed => "raw HTML that is not allowed was removed",
            Dropped::UnsafeLink => "a link with an unsafe address was made plain text",
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            Dropped::RawHtml => {
                "write it in Markdown, or allow safe tags in site.toml: [markdown] allow_html = [\"kbd\"]"
            }
            Dropped::HtmlNotAllowed => {
                "only the tags listed in site.toml's [markdown] allow_html pass, without scripts or on… attributes"
            }
            Dropped::UnsafeLink => {
                "links may use https://, http://, mailto:, tel: or an address on this site"
            }
        }
    }
}

/// The site's rule for raw HTML.
pub struct HtmlPolicy<'a> {
    /// Markdown's own tags and the site's allowed raw ones.
    tags: HashSet<&'a str>,
    allows_any: bool,
}

impl<'a> HtmlPolicy<'a> {
    /// `config.allow_html` has been checked by validation: lowercase names of harmless tags.
    pub fn new(config: &'a MarkdownConfig) -> HtmlPolicy<'a> {
        let mut tags: HashSet<&'a str> = MARKDOWN_TAGS.into_iter().collect();
        tags.extend(config.allow_html.iter().map(String::as_str));
        HtmlPolicy {
            tags,
            allows_any: !config.allow_html.is_empty(),
        }
    }

    /// Whether the site allows any raw HTML at all.
    pub fn allows_any(&self) -> bool {
        self.allows_any
    }

    /// The tags that survive sanitising.
    pub fn tags(&self) -> &HashSet<&'a str> {
        &self.tags
    }

    /// What becomes of a raw HTML fragment: `None` when it passes as it is.
    pub fn raw(&self, raw: &str) -> Option<Dropped> {
        if !self.allows_any {
            return Some(Dropped::RawHtml);
        }
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
            name.is_empty() || self.tags.contains(name.as_str())
        });
        (!tags_ok || scripting).then_some(Dropped::HtmlNotAllowed)
    }

    /// Every kind of piece of `text` that does not reach the page as written, each once, in the
    /// order they first appear.
    pub fn dropped(&self, text: &str) -> Vec<Dropped> {
        let mut out = Vec::new();
        // Raw HTML and autolinks need a `<`, other links a `[` and a scheme's `:`: most text of
        // a procedure has neither, and need not be parsed again.
        let may_drop = text.contains('<') || (text.contains('[') && text.contains(':'));
        if !may_drop {
            return out;
        }
        for event in Parser::new_ext(text, limits::markdown_options()) {
            let dropped = match &event {
                Event::Html(raw) | Event::InlineHtml(raw) => self.raw(raw),
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                    (!safe_url(dest_url)).then_some(Dropped::UnsafeLink)
                }
                _ => None,
            };
            if let Some(d) = dropped
                && !out.contains(&d)
            {
                out.push(d);
            }
        }
        out
    }
}

/// http(s), mailto, tel, or an address without a scheme (`/thu-tuc/x/`, `#muc`, `anh.png`).
pub fn safe_url(url: &str) -> bool {
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
