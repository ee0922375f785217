//! Where a loaded item came from, and where its fields stand in that file, found on demand.
//!
//! An index of every key and value position costs several times the file's own size, and it is
//! needed only for the few files a problem is reported in. So loading keeps none: the first
//! question about a position reads the file again (see `crate::source`), parses it with positions,
//! and keeps that index for the file's later questions.

use std::sync::{Arc, OnceLock};

use super::front_matter;
use super::yaml::{self, Locate, SpanIndex};
use crate::diagnostics::Location;
use crate::source::SourceFile;

#[derive(Debug)]
pub struct Origin {
    source: Arc<SourceFile>,
    /// The YAML is the front matter of a Markdown file rather than the whole file.
    front_matter: bool,
    /// Parsed on the first question; `None` inside if the file changed or no longer parses.
    spans: OnceLock<Option<SpanIndex>>,
}

impl Origin {
    pub fn new(source: Arc<SourceFile>, front_matter: bool) -> Origin {
        Origin {
            source,
            front_matter,
            spans: OnceLock::new(),
        }
    }

    /// The position index, parsed from `text` when the caller holds the file's (normalised) text,
    /// as loading does, else from the file read again.
    fn spans(&self, text: Option<&str>) -> Option<&SpanIndex> {
        self.spans
            .get_or_init(|| match text {
                Some(text) => self.index(text),
                None => self.source.text().and_then(|text| self.index(&text)),
            })
            .as_ref()
    }

    fn index(&self, text: &str) -> Option<SpanIndex> {
        let doc = if self.front_matter {
            let parts = front_matter::split("", text).ok()?;
            yaml::parse("", parts.yaml, parts.yaml_line - 1, parts.yaml_offset)
        } else {
            yaml::parse("", text, 0, 0)
        };
        doc.ok().map(|doc| doc.spans)
    }

    /// Answers position questions from `text`, the file's text in hand while it is loaded.
    pub fn with_text<'a>(&'a self, text: &'a str) -> impl Locate + 'a {
        InHand { origin: self, text }
    }
}

/// Reads the file again on the first question.
impl Locate for Origin {
    fn value(&self, pointer: &str) -> Option<Location> {
        self.spans(None)?.value(pointer)
    }

    fn key(&self, pointer: &str) -> Option<Location> {
        self.spans(None)?.key(pointer)
    }
}

struct InHand<'a> {
    origin: &'a Origin,
    text: &'a str,
}

impl Locate for InHand<'_> {
    fn value(&self, pointer: &str) -> Option<Location> {
        self.origin.spans(Some(self.text))?.value(pointer)
    }

    fn key(&self, pointer: &str) -> Option<Location> {
        self.origin.spans(Some(self.text))?.key(pointer)
    }
}
