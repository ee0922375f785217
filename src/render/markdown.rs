//! Markdown to safe HTML.
//!
//! Content arrives through pull requests, so raw HTML is not trusted: by default it is dropped
//! (with a warning naming the line), and links and images may only use http(s), mailto, tel or
//! site-relative addresses (the policy is `validate::markdown`'s). What pulldown-cmark then
//! writes is escaped text and its own tags, so it needs no further cleaning. A site may allow a
//! list of harmless tags in site.toml; only then does the output go through a sanitizer
//! (ammonia), so `<script>`, event handlers and `javascript:` links never reach a page either
//! way. Skipping the sanitizer where it has nothing to do keeps rendering fast: it parses the
//! whole fragment as HTML.
//!
//! A body's shortcodes are drawn in place by [`Markdown::body`]; see `calls.rs` for how they
//! keep their place in the Markdown around them.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd, html};

use crate::catalog::BaseUrl;
use crate::config::MarkdownConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, Location};
use crate::limits::{self, MarkdownNesting};
use crate::model::Block;
use crate::validate::markdown::{Dropped, HtmlPolicy, safe_url};

use super::calls::{self, Item};
use super::headings::Page;
pub use super::headings::{Heading, HeadingIds};

pub struct Markdown<'a> {
    sanitizer: ammonia::Builder<'a>,
    policy: HtmlPolicy<'a>,
    base: BaseUrl,
}

pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
}

impl<'a> Markdown<'a> {
    /// `config.allow_html` has been checked by validation: lowercase names of harmless tags.
    pub fn new(config: &'a MarkdownConfig, base: BaseUrl) -> Markdown<'a> {
        let policy = HtmlPolicy::new(config);
        let mut allowed = policy.tags().clone();
        allowed.insert(calls::SLOT_TAG);
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
            policy,
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
        let items = calls::plain(text);
        let mut ids = HeadingIds::new();
        let (html, headings) = self.events(items, &[], text, (file, first_line), &mut ids, diags);
        Rendered {
            html: self.clean(html, &[]),
            headings,
        }
    }

    /// A body with its shortcodes drawn in place: `drawn` holds the HTML of each call of `blocks`
    /// (those inside boxes aside), in order. Heading ids already given out in `ids` (by the
    /// boxes of the page) are not given again.
    pub fn body(
        &self,
        blocks: &[Block],
        drawn: &[String],
        at: (&str, usize),
        ids: &mut HeadingIds,
        diags: &Diagnostics,
    ) -> Rendered {
        let (text, slots) = calls::text_of(blocks);
        let items = calls::items(&text, &slots);
        let (html, headings) = self.events(items, drawn, &text, at, ids, diags);
        Rendered {
            html: self.clean(html, drawn),
            headings,
        }
    }

    /// The HTML of a page's events, and its headings; `drawn` is the HTML of its calls.
    fn events<'e>(
        &self,
        items: impl IntoIterator<Item = Item<'e>>,
        drawn: &[String],
        text: &str,
        (file, first_line): (&str, usize),
        ids: &mut HeadingIds,
        diags: &Diagnostics,
    ) -> (String, Vec<Heading>) {
        let sanitized = self.policy.allows_any();
        let mut page = Page::default();
        let mut left_out = LeftOut::default();
        let mut nesting = MarkdownNesting::default();
        // Where each stretch of text nested beyond the limit begins.
        let mut too_deep = Vec::new();
        let mut items = items.into_iter().peekable();
        while let Some(item) = items.next() {
            let (event, range) = match item {
                Item::Event(event, range) => (event, range),
                Item::Call { .. } if nesting.is_beyond() => continue,
                Item::Call { index, alone } => {
                    page.push(calls::event(drawn, index, alone, sanitized), ids);
                    // The word the call stands as ends no line: the next block starts on one.
                    let next_block = items.peek().is_some_and(starts_block);
                    if !alone && !sanitized && drawn[index].ends_with('\n') && next_block {
                        page.push(Event::Html("\n".into()), ids);
                    }
                    continue;
                }
            };
            let was_beyond = nesting.is_beyond();
            if !nesting.admits(&event) {
                if !was_beyond {
                    too_deep.push(range.start);
                }
                continue;
            }
            if let Some(event) = self.filter(event, range.start, &mut left_out) {
                page.push(event, ids);
            }
        }
        self.warn_dropped(text, file, first_line, &left_out.dropped, diags);
        if !too_deep.is_empty() {
            let lines = LineIndex::new(text);
            for offset in too_deep {
                too_deep_error(&lines, (file, first_line), offset, diags);
            }
        }
        let mut out = String::with_capacity(text.len() * 3 / 2);
        html::push_html(&mut out, page.events.into_iter());
        (out, page.headings)
    }

    /// The event as it may reach the page, or `None` when it is left out; what is left out is
    /// noted in `left_out`.
    fn filter<'e>(&self, event: Event<'e>, at: usize, left_out: &mut LeftOut) -> Option<Event<'e>> {
        match event {
            Event::Html(ref raw) | Event::InlineHtml(ref raw) => {
                let verdict = self.policy.raw(raw);
                let slot = calls::names_slot(raw);
                if let Some(d) = verdict.or(slot.then_some(Dropped::HtmlNotAllowed)) {
                    left_out.dropped.push((at, d));
                }
                // Tags that are not allowed are removed by the sanitizer, their text kept.
                (verdict != Some(Dropped::RawHtml) && !slot).then_some(event)
            }
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock)
                if !self.policy.allows_any() =>
            {
                None
            }
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. })
                if !safe_url(dest_url) =>
            {
                left_out.dropped.push((at, Dropped::UnsafeLink));
                left_out.links.push(true);
                None
            }
            Event::End(TagEnd::Link | TagEnd::Image) if left_out.links.pop() == Some(true) => None,
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                left_out.links.push(false);
                Some(Event::Start(self.with_site_link(tag)))
            }
            other => Some(other),
        }
    }

    /// Under an allow-list, the page through the sanitizer, its calls drawn after it.
    fn clean(&self, html: String, drawn: &[String]) -> String {
        if !self.policy.allows_any() {
            return html;
        }
        let clean = self.sanitizer.clean(&html).to_string();
        if drawn.is_empty() {
            clean
        } else {
            calls::fill_slots(&clean, drawn)
        }
    }

    /// Renders one line of inline Markdown (a step, a note) without the paragraph around it.
    /// What it leaves out is reported by validation, at the field the text comes from.
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
        at: &[(usize, Dropped)],
        diags: &Diagnostics,
    ) {
        if file.is_empty() {
            return;
        }
        let mut warned = HashSet::new();
        let lines = LineIndex::new(text);
        for &(offset, dropped) in at {
            // An opening and a closing tag on one line are one problem for the editor.
            if !warned.insert((lines.line(offset), dropped)) {
                continue;
            }
            let loc = lines.location(offset, 0);
            let loc = Location {
                line: loc.line + first_line - 1,
                ..loc
            };
            let warning = Diagnostic::warning(file, dropped.message()).at(Some(loc));
            diags.push(warning.help(dropped.help()));
        }
    }
}

/// What a page's Markdown left out so far.
#[derive(Default)]
struct LeftOut {
    /// Where each piece left out starts, and why.
    dropped: Vec<(usize, Dropped)>,
    /// For each open link or image: whether its tags are being left out (unsafe address).
    links: Vec<bool>,
}

/// Whether an event writes a line break first unless the HTML before it ended one.
fn starts_block(item: &Item) -> bool {
    match item {
        Item::Event(Event::Rule, _) => true,
        Item::Event(Event::Start(tag), _) => matches!(
            tag,
            Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::List(_)
                | Tag::Item
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition
                | Tag::FootnoteDefinition(_)
        ),
        _ => false,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::shortcode::split;

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

    /// `text` rendered with its calls drawn as `<aside>1</aside>`, `<aside>2</aside>`…, and
    /// the warnings.
    fn render(text: &str, allow: &[&str]) -> (String, Diagnostics) {
        let config = MarkdownConfig {
            allow_html: allow.iter().map(|s| s.to_string()).collect(),
        };
        let md = Markdown::new(&config, BaseUrl::new("https://a.gov.vn/"));
        let (blocks, errors) = split("g.md", text, 1);
        assert!(errors.is_empty(), "{errors:?}");
        let n = crate::model::body::calls(&blocks).len();
        let drawn: Vec<String> = (1..=n)
            .map(|i| format!("<aside onclick=\"f()\">{i}</aside>\n"))
            .collect();
        let diags = Diagnostics::new();
        let at = ("g.md", 1);
        let html = md.body(&blocks, &drawn, at, &mut HeadingIds::new(), &diags);
        (html.html, diags)
    }

    #[test]
    fn a_call_takes_the_place_of_its_paragraph_and_a_list_goes_on_after_it() {
        let text = "Trước\n\n{{ procedure(code=\"1\") }}\n\n- a\n{{ steps(code=\"1\") }}\n- b\n";
        let (html, _) = render(text, &[]);
        assert_eq!(
            html,
            "<p>Trước</p>\n<aside onclick=\"f()\">1</aside>\n\n<ul>\n<li>a\n<aside onclick=\"f()\">2</aside>\n</li>\n<li>b</li>\n</ul>\n"
        );
    }

    #[test]
    fn a_call_inside_a_sentence_stays_in_it() {
        let (html, _) = render("Xem {{ procedure(code=\"1\") }} **ngay**.\n", &[]);
        assert_eq!(
            html,
            "<p>Xem <aside onclick=\"f()\">1</aside>\n <strong>ngay</strong>.</p>\n"
        );
    }

    #[test]
    fn under_an_allow_list_the_theme_html_is_not_sanitized_and_content_cannot_forge_a_call() {
        let text =
            "<kbd>K</kbd> <motcua-shortcode></motcua-shortcode>\n\n{{ procedure(code=\"1\") }}\n";
        let (html, diags) = render(text, &["kbd"]);
        assert_eq!(
            html,
            "<p><kbd>K</kbd> </p>\n<aside onclick=\"f()\">1</aside>\n\n"
        );
        let warnings = diags.sorted();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].message.contains("not allowed"), "{warnings:?}");
    }
}
