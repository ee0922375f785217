//! The bounds every source file is held to.
//!
//! Content arrives through pull requests, and a few bytes can ask for unbounded work: YAML aliases
//! that copy each other nine times over ("billion laughs") fill the memory, and thousands of
//! nested lists or quotes exhaust the stack of the parsers and minifier that walk them. Real
//! content stays far inside these bounds (procedures nest four levels, guides rarely six), so a
//! file beyond them is reported as a mistake, at its line, instead of being tried.
//! docs/editor-guide.md gives the same numbers to editors.

use pulldown_cmark::{Event, Options, Parser};

use crate::diagnostics::Diagnostic;

/// Bytes in one YAML, Markdown or TOML file. The largest real procedure record is about 60 KB.
pub const FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Collections inside collections in a YAML document (front matter included).
pub const YAML_DEPTH: usize = 32;

/// `*alias` references in one YAML document.
pub const YAML_ALIASES: usize = 1_000;

/// What all the aliases of one document may copy together, counted as values plus bytes of text.
pub const YAML_ALIAS_COPY: usize = 1_000_000;

/// Markdown elements inside one another: each quote, list, list item, table part, emphasis and
/// link is a level.
pub const MARKDOWN_DEPTH: usize = 48;

/// Shortcode bodies (`{{ callout() }}` … `{{ end }}`) inside one another.
pub const SHORTCODE_DEPTH: usize = 8;

/// Shortcode calls in one guide or page; each draws a template. Real guides have a dozen.
pub const SHORTCODES: usize = 1_000;

/// Characters in a procedure code, which names its short address and its leaflet. The longest
/// real codes, a national code with a province's suffix, have 24.
pub const CODE_LEN: usize = 40;

/// Characters in an id (field, agency, life event) or a `slug`, each the name of an address.
pub const ID_LEN: usize = 80;

/// Bytes in one segment of an address, which becomes a folder name: file systems allow 255.
pub const ADDRESS_SEGMENT: usize = 200;

/// Bytes of an address that a leaflet prints as a QR code. Beyond about this (version 10 at
/// error correction M) the modules get too small to scan from a folded A4 sheet.
pub const QR_TEXT: usize = 200;

/// The Markdown that content is written in, the same for checking and for rendering.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Follows the nesting of a stream of Markdown events.
#[derive(Debug, Default)]
pub struct MarkdownNesting {
    depth: usize,
    /// Levels opened beyond the limit, whose tags are being left out.
    over: usize,
    /// HTML elements left out for opening beyond the limit and not closed yet.
    html_over: usize,
}

impl MarkdownNesting {
    /// Whether an element beyond the limit is open.
    pub fn is_beyond(&self) -> bool {
        self.over > 0 || self.html_over > 0
    }

    /// Whether `event` stays within [`MARKDOWN_DEPTH`]; a start or end tag beyond it does not
    /// (its text does).
    pub fn admits(&mut self, event: &Event) -> bool {
        match event {
            Event::Start(_) if self.depth == MARKDOWN_DEPTH => {
                self.over += 1;
                false
            }
            Event::Start(_) => {
                self.depth += 1;
                true
            }
            Event::End(_) if self.over > 0 => {
                self.over -= 1;
                false
            }
            Event::End(_) => {
                self.depth = self.depth.saturating_sub(1);
                true
            }
            Event::Html(raw) | Event::InlineHtml(raw) => self.admits_html(raw),
            _ => true,
        }
    }

    /// Raw HTML that `allow_html` lets through nests like Markdown, and what renders it
    /// afterwards recurses on its depth: a fragment that would open tags beyond the limit is
    /// left out whole, and so are the closing tags that follow for what it opened.
    fn admits_html(&mut self, raw: &str) -> bool {
        let (mut depth, mut deepest, mut opens, mut closes) = (self.depth, self.depth, 0, 0);
        for tag in raw.split('<').skip(1) {
            if let Some(closing) = tag.strip_prefix('/') {
                if closing.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    depth = depth.saturating_sub(1);
                    closes += 1;
                }
            } else if opens_element(tag) {
                depth += 1;
                opens += 1;
                deepest = deepest.max(depth);
            }
        }
        if self.html_over > 0 {
            self.html_over = (self.html_over + opens).saturating_sub(closes);
            return false;
        }
        if deepest > MARKDOWN_DEPTH {
            self.html_over = opens.saturating_sub(closes);
            return false;
        }
        self.depth = depth;
        true
    }
}

/// Whether the text after a `<` opens an element that a closing tag ends: not a comment, a
/// void element such as `<br>`, or a self-closing tag.
fn opens_element(tag: &str) -> bool {
    const VOID: [&str; 13] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let name_end = tag
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(tag.len());
    let name = tag[..name_end].to_ascii_lowercase();
    let head = tag.split('>').next().unwrap_or(tag);
    !name.is_empty()
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && !VOID.contains(&name.as_str())
        && !head.ends_with('/')
}

/// The byte offset in `text` of the first element nested deeper than [`MARKDOWN_DEPTH`].
pub fn markdown_too_deep(text: &str) -> Option<usize> {
    // Each of these characters opens at most two levels (a list and its item), and one more is
    // the paragraph or heading the text sits in; a text with few of them need not be parsed.
    let markers = text.bytes().filter(|b| b"*_~>-+[|.)#<".contains(b)).count();
    if 2 * markers + 2 <= MARKDOWN_DEPTH {
        return None;
    }
    let mut nesting = MarkdownNesting::default();
    Parser::new_ext(text, markdown_options())
        .into_offset_iter()
        .find(|(event, _)| !nesting.admits(event))
        .map(|(_, range)| range.start)
}

/// The error for Markdown nested beyond [`MARKDOWN_DEPTH`], to be placed by the caller.
pub fn markdown_too_deep_error(file: &str) -> Diagnostic {
    let msg = format!(
        "the Markdown here is nested more than {MARKDOWN_DEPTH} levels deep (lists, quotes or emphasis inside one another)"
    );
    Diagnostic::error(file, msg).help("write it with fewer lists or quotes inside each other")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_lists_and_emphasis_count_as_levels() {
        assert_eq!(markdown_too_deep("> > > a\n\n- b\n  - c\n"), None);
        let quotes = format!("x\n\n{} deep\n", ">".repeat(MARKDOWN_DEPTH + 1));
        assert_eq!(
            markdown_too_deep(&quotes),
            Some(3 + MARKDOWN_DEPTH),
            "the first quote beyond the limit"
        );
        let list: String = (0..MARKDOWN_DEPTH)
            .map(|i| format!("{}- a\n", "  ".repeat(i)))
            .collect();
        assert!(markdown_too_deep(&list).is_some());
        let stars = "*".repeat(MARKDOWN_DEPTH * 2);
        assert!(markdown_too_deep(&format!("{stars}a{stars}")).is_some());
    }

    #[test]
    fn raw_html_tags_count_as_levels_but_closed_and_void_ones_do_not_add_up() {
        let deep = format!(
            "{}a{}",
            "<kbd>".repeat(MARKDOWN_DEPTH),
            "</kbd>".repeat(MARKDOWN_DEPTH)
        );
        assert!(markdown_too_deep(&deep).is_some());
        let side_by_side = "<kbd>a</kbd> ".repeat(MARKDOWN_DEPTH * 2);
        assert_eq!(markdown_too_deep(&side_by_side), None);
        let breaks = "a<br> b<br/> <img src=x> <!-- c --> ".repeat(MARKDOWN_DEPTH * 2);
        assert_eq!(markdown_too_deep(&breaks), None);
        let block = format!("<div>\n{}\n</div>\n", "<p>".repeat(MARKDOWN_DEPTH * 2));
        assert!(markdown_too_deep(&block).is_some());
    }

    #[test]
    fn plain_long_text_is_not_parsed_to_be_measured() {
        assert_eq!(markdown_too_deep(&"chữ ".repeat(100_000)), None);
    }

    #[test]
    fn nesting_leaves_out_the_tags_beyond_the_limit_and_keeps_the_rest_balanced() {
        let text = format!("{} a\n\nb\n", ">".repeat(MARKDOWN_DEPTH + 10));
        let mut nesting = MarkdownNesting::default();
        let events: Vec<Event> = Parser::new_ext(&text, markdown_options())
            .filter(|e| nesting.admits(e))
            .collect();
        let starts = events
            .iter()
            .filter(|e| matches!(e, Event::Start(_)))
            .count();
        let ends = events.iter().filter(|e| matches!(e, Event::End(_))).count();
        assert_eq!(starts, ends);
        assert!(starts <= MARKDOWN_DEPTH + 1, "{starts}");
        assert!(
            events
                .iter()
                .any(|e| matches!(e, Event::Text(t) if &**t == "b"))
        );
    }
}
