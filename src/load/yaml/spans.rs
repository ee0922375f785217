//! Where each key and value of a document stands, found by JSON pointer, and the pointers
//! themselves: escaped segments and the field paths editors read.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::diagnostics::Location;

/// Finds where the value or key at a JSON pointer stands in its file.
pub trait Locate {
    /// Where the value at `pointer` starts, or the nearest enclosing value that has a position.
    fn value(&self, pointer: &str) -> Option<Location>;

    /// Where the key of the mapping entry at `pointer` stands; falls back to its value.
    fn key(&self, pointer: &str) -> Option<Location>;
}

#[derive(Debug, Default)]
pub struct SpanIndex {
    pub(super) values: HashMap<String, Location>,
    pub(super) keys: HashMap<String, Location>,
}

impl Locate for SpanIndex {
    fn value(&self, pointer: &str) -> Option<Location> {
        let mut p = pointer;
        loop {
            if let Some(loc) = self.values.get(p) {
                return Some(*loc);
            }
            p = &p[..p.rfind('/')?];
        }
    }

    fn key(&self, pointer: &str) -> Option<Location> {
        self.keys
            .get(pointer)
            .copied()
            .or_else(|| self.value(pointer))
    }
}

impl SpanIndex {
    /// Shifts every position, for YAML cut out of a larger file (front matter).
    pub(super) fn shift(&mut self, lines: usize, bytes: usize) {
        for loc in self.values.values_mut().chain(self.keys.values_mut()) {
            loc.line += lines;
            loc.offset += bytes;
        }
    }
}

/// Escapes one JSON-pointer segment (RFC 6901).
pub fn pointer_segment(key: &str) -> Cow<'_, str> {
    if key.contains(['~', '/']) {
        Cow::Owned(key.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(key)
    }
}

/// Turns `/channels/0/fee` into `channels[0].fee`, the way editors read field paths.
pub fn field_path(pointer: &str) -> String {
    let mut out = String::new();
    for seg in pointer.split('/').skip(1) {
        let seg = seg.replace("~1", "/").replace("~0", "~");
        if seg.chars().all(|c| c.is_ascii_digit()) && !seg.is_empty() {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&seg);
        }
    }
    out
}
