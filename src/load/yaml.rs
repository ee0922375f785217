//! YAML to JSON values and, when asked, where every key and value stood in the source.
//!
//! Content is validated against JSON Schemas derived from the model types; the schema validator
//! reports JSON pointers, and the position index turns each pointer back into a file position.
//! Loading parses without the index ([`parse_value`]); it is built ([`parse`]) only for a file
//! with a problem to place, see `super::origin`.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, SpannedEventReceiver, Tag};
use serde_json::{Map, Number, Value};

use crate::diagnostics::{Diagnostic, Location};

/// A parsed YAML document with the position of each value and each mapping key.
#[derive(Debug, Default)]
pub struct SpannedDoc {
    pub value: Value,
    pub spans: SpanIndex,
}

/// Finds where the value or key at a JSON pointer stands in its file.
pub trait Locate {
    /// Where the value at `pointer` starts, or the nearest enclosing value that has a position.
    fn value(&self, pointer: &str) -> Option<Location>;

    /// Where the key of the mapping entry at `pointer` stands; falls back to its value.
    fn key(&self, pointer: &str) -> Option<Location>;
}

#[derive(Debug, Default)]
pub struct SpanIndex {
    values: HashMap<String, Location>,
    keys: HashMap<String, Location>,
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
    fn shift(&mut self, lines: usize, bytes: usize) {
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

/// Parses `text` (already normalised) into a value only, without positions: loading keeps no
/// positions, since they are wanted only for the rare file a problem is found in. A file that does
/// not parse is parsed again by [`parse`] to place its errors.
pub fn parse_value(
    file: &str,
    text: &str,
    line_offset: usize,
    byte_offset: usize,
) -> Result<Value, Vec<Diagnostic>> {
    let mut builder = Builder::new(text, None);
    let parsed = Parser::new_from_str(text).load(&mut builder, false);
    if parsed.is_ok() && builder.problems.is_empty() {
        return Ok(builder.root.unwrap_or(Value::Null));
    }
    parse(file, text, line_offset, byte_offset).map(|doc| doc.value)
}

/// Parses `text` (already normalised), recording where every key and value stands.
/// `line_offset`/`byte_offset` place it inside its file, for front matter. Problems are returned
/// as diagnostics for `file`.
pub fn parse(
    file: &str,
    text: &str,
    line_offset: usize,
    byte_offset: usize,
) -> Result<SpannedDoc, Vec<Diagnostic>> {
    let char_to_byte: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut builder = Builder::new(text, Some(&char_to_byte));
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut builder, false) {
        let offset = builder.byte(e.marker().index());
        let loc = Location::at_offset(text, offset, 1);
        let loc = Location {
            line: loc.line + line_offset,
            offset: loc.offset + byte_offset,
            ..loc
        };
        return Err(vec![
            Diagnostic::error(file, format!("this is not valid YAML: {}", e.info()))
                .at(Some(loc))
                .help("check the indentation and that text containing `: ` or `#` is in quotes"),
        ]);
    }
    let mut spans = builder.spans.unwrap_or_default();
    spans.shift(line_offset, byte_offset);
    if !builder.problems.is_empty() {
        let problems = builder
            .problems
            .into_iter()
            .map(|(pointer, msg)| {
                Diagnostic::error(file, msg)
                    .at(spans.key(&pointer))
                    .field(field_path(&pointer))
            })
            .collect();
        return Err(problems);
    }
    Ok(SpannedDoc {
        value: builder.root.unwrap_or(Value::Null),
        spans,
    })
}

enum Frame {
    Map {
        map: Map<String, Value>,
        pointer: String,
        key: Option<String>,
        anchor: usize,
    },
    Seq {
        items: Vec<Value>,
        pointer: String,
        anchor: usize,
    },
}

struct Builder<'a> {
    text: &'a str,
    char_to_byte: Option<&'a [usize]>,
    stack: Vec<Frame>,
    root: Option<Value>,
    anchors: HashMap<usize, Value>,
    /// `None` when positions are not wanted; then no pointers are built either.
    spans: Option<SpanIndex>,
    problems: Vec<(String, String)>,
}

impl<'a> Builder<'a> {
    /// A builder that records positions when given the byte offset of each character of `text`.
    fn new(text: &'a str, char_to_byte: Option<&'a [usize]>) -> Builder<'a> {
        Builder {
            text,
            char_to_byte,
            stack: Vec::new(),
            root: None,
            anchors: HashMap::new(),
            spans: char_to_byte.map(|_| SpanIndex::default()),
            problems: Vec::new(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        self.char_to_byte
            .and_then(|bytes| bytes.get(char_index))
            .copied()
            .unwrap_or(self.text.len())
    }

    fn location(&self, span: Span) -> Location {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index()).max(start);
        Location {
            line: span.start.line(),
            col: span.start.col() + 1,
            offset: start,
            len: end - start,
        }
    }

    /// The pointer the next value will have, given the innermost open collection; `None` when
    /// positions are not recorded.
    fn next_pointer(&self) -> Option<String> {
        self.spans.as_ref()?;
        match self.stack.last() {
            None => Some(String::new()),
            Some(Frame::Map { pointer, key, .. }) => key
                .as_ref()
                .map(|k| format!("{pointer}/{}", pointer_segment(k))),
            Some(Frame::Seq { items, pointer, .. }) => Some(format!("{pointer}/{}", items.len())),
        }
    }

    fn mark_value(&mut self, pointer: String, loc: Location) {
        if let Some(spans) = &mut self.spans {
            spans.values.insert(pointer, loc);
        }
    }

    /// Places a finished value in its parent (or as the root).
    fn attach(&mut self, value: Value, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map { map, key, .. }) => {
                if let Some(k) = key.take() {
                    map.insert(k, value);
                }
            }
        }
    }

    /// A scalar in key position opens an entry; duplicate keys are reported, not overwritten.
    fn is_key_position(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }

    fn open_key(&mut self, key: String, loc: Location) {
        let Some(Frame::Map {
            map,
            pointer,
            key: slot,
            ..
        }) = self.stack.last_mut()
        else {
            return;
        };
        let duplicate = map.contains_key(&key);
        if duplicate || self.spans.is_some() {
            let entry = format!("{pointer}/{}", pointer_segment(&key));
            if duplicate {
                let msg = format!("the key `{key}` appears twice in the same map");
                self.problems.push((entry.clone(), msg));
            }
            if let Some(spans) = &mut self.spans {
                spans.keys.insert(entry, loc);
            }
        }
        *slot = Some(key);
    }
}

impl<'input> SpannedEventReceiver<'input> for Builder<'_> {
    fn on_event(&mut self, ev: Event<'input>, span: Span) {
        let loc = self.location(span);
        match ev {
            Event::Scalar(text, style, anchor, tag) => {
                if self.is_key_position() {
                    self.open_key(text.into_owned(), loc);
                    return;
                }
                if let Some(p) = self.next_pointer() {
                    self.mark_value(p, loc);
                }
                self.attach(scalar(&text, style, tag.as_deref()), anchor);
            }
            Event::Alias(id) => {
                let value = self.anchors.get(&id).cloned().unwrap_or(Value::Null);
                if self.is_key_position() {
                    self.open_key(value.as_str().unwrap_or_default().to_owned(), loc);
                } else {
                    if let Some(p) = self.next_pointer() {
                        self.mark_value(p, loc);
                    }
                    self.attach(value, 0);
                }
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                let pointer = if self.is_key_position() {
                    // A collection used as a key: unusual in content, keep it addressable.
                    self.open_key(format!("<{}:{}>", loc.line, loc.col), loc);
                    self.next_pointer().unwrap_or_default()
                } else {
                    self.next_pointer().unwrap_or_default()
                };
                if self.spans.is_some() {
                    self.mark_value(pointer.clone(), loc);
                }
                let frame = if matches!(ev, Event::MappingStart(..)) {
                    Frame::Map {
                        map: Map::new(),
                        pointer,
                        key: None,
                        anchor,
                    }
                } else {
                    Frame::Seq {
                        items: Vec::new(),
                        pointer,
                        anchor,
                    }
                };
                self.stack.push(frame);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let (value, anchor) = match self.stack.pop() {
                    Some(Frame::Map { map, anchor, .. }) => (Value::Object(map), anchor),
                    Some(Frame::Seq { items, anchor, .. }) => (Value::Array(items), anchor),
                    None => return,
                };
                self.attach(value, anchor);
            }
            _ => {}
        }
    }
}

/// Types a scalar by the YAML 1.2 core schema. Dates stay strings; quoted text is always text.
fn scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    if style != ScalarStyle::Plain || tag.is_some_and(|t| t.suffix == "str") {
        return Value::String(text.to_owned());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Ok(i) = text.parse::<i64>() {
        return Value::Number(i.into());
    }
    let numeric = text
        .bytes()
        .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
        && text.bytes().any(|b| b.is_ascii_digit());
    if numeric && let Some(n) = text.parse::<f64>().ok().and_then(Number::from_f64) {
        return Value::Number(n);
    }
    Value::String(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_scalars_like_yaml_core() {
        let doc = parse(
            "t.yaml",
            "a: 1\nb: \"1.0\"\nc: 1.001193\nd: 2024-01-02\ne:\nf: yes\n",
            0,
            0,
        )
        .unwrap();
        assert_eq!(doc.value["a"], Value::from(1));
        assert_eq!(doc.value["b"], Value::from("1.0"));
        assert!(doc.value["c"].is_f64());
        assert_eq!(doc.value["d"], Value::from("2024-01-02"));
        assert_eq!(doc.value["e"], Value::Null);
        assert_eq!(doc.value["f"], Value::from("yes"));
    }

    #[test]
    fn remembers_positions_of_keys_and_values() {
        let text = "name: x\nchannels:\n  - method: truc-tiep\n    fee: 0\n";
        let doc = parse("t.yaml", text, 0, 0).unwrap();
        let fee = doc.spans.value("/channels/0/fee").unwrap();
        assert_eq!((fee.line, fee.col), (4, 10));
        let key = doc.spans.key("/channels/0/method").unwrap();
        assert_eq!((key.line, key.col), (3, 5));
        // A missing child falls back to its parent.
        assert_eq!(doc.spans.value("/channels/0/days").unwrap().line, 3);
    }

    #[test]
    fn reports_duplicate_keys_and_syntax_errors() {
        let errs = parse("t.yaml", "name: a\nname: b\n", 0, 0).unwrap_err();
        assert!(errs[0].message.contains("appears twice"));
        assert_eq!(errs[0].location.unwrap().line, 2);
        let errs = parse("t.yaml", "a: [1, 2\nb: 3\n", 0, 0).unwrap_err();
        assert!(errs[0].message.contains("not valid YAML"));
    }

    #[test]
    fn resolves_aliases_and_front_matter_offsets() {
        let doc = parse("t.md", "a: &x [1]\nb: *x\n", 1, 4).unwrap();
        assert_eq!(doc.value["b"], serde_json::json!([1]));
        assert_eq!(doc.spans.value("/b").unwrap().line, 3);
    }

    #[test]
    fn values_alone_are_the_same_and_their_errors_still_placed() {
        let text = "a: &x [1]\nb: *x\nc: {d: e, \"f/g\": 2.5}\n";
        let value = parse_value("t.yaml", text, 0, 0).unwrap();
        assert_eq!(value, parse("t.yaml", text, 0, 0).unwrap().value);
        let errs = parse_value("t.md", "name: a\nname: b\n", 1, 4).unwrap_err();
        assert_eq!(errs[0].location.unwrap().line, 3);
    }

    #[test]
    fn field_paths_read_like_code() {
        assert_eq!(field_path("/channels/0/fee"), "channels[0].fee");
        assert_eq!(field_path(""), "");
    }
}
