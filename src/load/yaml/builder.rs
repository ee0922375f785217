//! Building a value from saphyr's events, one at a time, within the bounds on depth and on what
//! anchors and aliases copy; positions are recorded when asked for.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, StrInput, Tag};
use serde_json::{Map, Number, Value};

use super::spans::{SpanIndex, pointer_segment};
use crate::diagnostics::Location;
use crate::limits::{YAML_ALIAS_COPY, YAML_ALIASES, YAML_DEPTH};

/// Why reading a document stopped before its end.
pub(super) enum Stop {
    Syntax(ScanError),
    /// Collections nested beyond [`YAML_DEPTH`], at the one that opens too deep.
    TooDeep(Location),
    /// A bound of [`crate::limits`] was passed at this place: the message and what to do.
    Limit(Location, String, &'static str),
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

/// Byte offsets of characters, for saphyr's character indices. One offset in every [`STEP`] is
/// kept and the rest found by stepping over the characters between: an offset for every character
/// would cost eight bytes for each byte of Vietnamese text.
pub(super) struct CharOffsets<'a> {
    text: &'a str,
    every_step: Vec<usize>,
}

const STEP: usize = 64;

impl<'a> CharOffsets<'a> {
    pub(super) fn new(text: &'a str) -> CharOffsets<'a> {
        let every_step = text.char_indices().step_by(STEP).map(|(i, _)| i).collect();
        CharOffsets { text, every_step }
    }

    /// The byte offset of character `index`; the text's length past its end.
    pub(super) fn byte(&self, index: usize) -> usize {
        let Some(&from) = self.every_step.get(index / STEP) else {
            return self.text.len();
        };
        let mut rest = self.text[from..].char_indices().skip(index % STEP);
        rest.next().map_or(self.text.len(), |(i, _)| from + i)
    }
}

pub(super) struct Builder<'a> {
    text: &'a str,
    offsets: Option<&'a CharOffsets<'a>>,
    stack: Vec<Frame>,
    pub(super) root: Option<Value>,
    /// Each anchored value, what copying it costs, and how deep it nests.
    anchors: HashMap<usize, Anchored>,
    aliases: usize,
    /// The weight all anchors and aliases have copied so far.
    copied: usize,
    /// `None` when positions are not wanted; then no pointers are built either.
    pub(super) spans: Option<SpanIndex>,
    pub(super) problems: Vec<(String, String)>,
}

impl<'a> Builder<'a> {
    /// A builder that records positions when given the byte offsets of the characters of `text`.
    pub(super) fn new(text: &'a str, offsets: Option<&'a CharOffsets<'a>>) -> Builder<'a> {
        Builder {
            text,
            offsets,
            stack: Vec::new(),
            root: None,
            anchors: HashMap::new(),
            aliases: 0,
            copied: 0,
            spans: offsets.map(|_| SpanIndex::default()),
            problems: Vec::new(),
        }
    }

    pub(super) fn byte(&self, char_index: usize) -> usize {
        self.offsets
            .map_or(self.text.len(), |offsets| offsets.byte(char_index))
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

    /// Places a finished value in its parent (or as the root). An anchored value is kept for
    /// its aliases: a copy too, so it counts against the same bound.
    fn attach(&mut self, value: Value, anchor: usize, loc: Location) -> Result<(), Stop> {
        if anchor > 0 {
            let (weight, height) = measure(&value);
            self.charge(weight, loc)?;
            let value = value.clone();
            self.anchors.insert(
                anchor,
                Anchored {
                    value,
                    weight,
                    height,
                },
            );
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
        Ok(())
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

impl Builder<'_> {
    /// Reads the first document of `text`, stopping at a syntax error or at a passed limit.
    /// Events are pulled one at a time: saphyr's own `load` recurses once per nesting level,
    /// which a few thousand levels turn into a stack overflow.
    pub(super) fn read(&mut self, text: &str) -> Result<(), Stop> {
        let mut parser = Parser::new_from_str(text);
        while let Some(next) = parser.next_event() {
            let (event, span) = next.map_err(Stop::Syntax)?;
            if event == Event::DocumentEnd {
                return self.no_second_document(&mut parser);
            }
            self.take(event, span)?;
        }
        Ok(())
    }

    /// A file is one document: a second one after a `---` line would be left out unseen.
    fn no_second_document(&self, parser: &mut Parser<'_, StrInput<'_>>) -> Result<(), Stop> {
        match parser.next_event() {
            Some(Ok((Event::DocumentStart(_), span))) => Err(Stop::Limit(
                self.location(span),
                "a second YAML document starts here; a file holds one".into(),
                "remove the `---` line, or move what follows it into a file of its own",
            )),
            Some(Err(e)) => Err(Stop::Syntax(e)),
            _ => Ok(()),
        }
    }

    fn take(&mut self, ev: Event<'_>, span: Span) -> Result<(), Stop> {
        let loc = self.location(span);
        match ev {
            Event::Scalar(text, style, anchor, tag) => {
                if self.is_key_position() {
                    self.open_key(text.into_owned(), loc);
                    return Ok(());
                }
                if let Some(p) = self.next_pointer() {
                    self.mark_value(p, loc);
                }
                self.attach(scalar(&text, style, tag.as_deref()), anchor, loc)?;
            }
            Event::Alias(id) => {
                let value = self.copy_anchor(id, loc)?;
                if self.is_key_position() {
                    self.open_key(value.as_str().unwrap_or_default().to_owned(), loc);
                } else {
                    if let Some(p) = self.next_pointer() {
                        self.mark_value(p, loc);
                    }
                    self.attach(value, 0, loc)?;
                }
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                if self.stack.len() >= YAML_DEPTH {
                    return Err(Stop::TooDeep(loc));
                }
                self.open(matches!(ev, Event::MappingStart(..)), anchor, loc);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let (value, anchor) = match self.stack.pop() {
                    Some(Frame::Map { map, anchor, .. }) => (Value::Object(map), anchor),
                    Some(Frame::Seq { items, anchor, .. }) => (Value::Array(items), anchor),
                    None => return Ok(()),
                };
                self.attach(value, anchor, loc)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// The value an alias stands for, unless aliases have copied too much already (a few lines
    /// of aliases to aliases can otherwise stand for gigabytes), or it would nest the value
    /// beyond the depth limit that the file's own lines are held to.
    fn copy_anchor(&mut self, id: usize, loc: Location) -> Result<Value, Stop> {
        let Some(anchored) = self.anchors.get(&id) else {
            return Ok(Value::Null);
        };
        if self.stack.len() + anchored.height > YAML_DEPTH {
            return Err(Stop::TooDeep(loc));
        }
        let (value, weight) = (anchored.value.clone(), anchored.weight);
        self.aliases += 1;
        if self.aliases > YAML_ALIASES {
            return Err(too_many_copies(loc));
        }
        self.charge(weight, loc)?;
        Ok(value)
    }

    /// Adds a copy's weight to what the file has copied so far.
    fn charge(&mut self, weight: usize, loc: Location) -> Result<(), Stop> {
        self.copied = self.copied.saturating_add(weight);
        if self.copied > YAML_ALIAS_COPY {
            return Err(too_many_copies(loc));
        }
        Ok(())
    }

    /// Opens a mapping or sequence.
    fn open(&mut self, is_map: bool, anchor: usize, loc: Location) {
        if self.is_key_position() {
            // A collection used as a key: unusual in content, keep it addressable.
            self.open_key(format!("<{}:{}>", loc.line, loc.col), loc);
        }
        let pointer = self.next_pointer().unwrap_or_default();
        if self.spans.is_some() {
            self.mark_value(pointer.clone(), loc);
        }
        let frame = if is_map {
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
}

/// An anchored value kept for its aliases.
struct Anchored {
    value: Value,
    weight: usize,
    height: usize,
}

/// How much copying a value costs (one per value, plus the bytes of its text), and how many
/// collections deep it nests. Values are held to the depth limit, so this recursion is too.
fn measure(value: &Value) -> (usize, usize) {
    let children = |parts: &mut dyn Iterator<Item = (usize, &Value)>| {
        parts.fold((1, 1), |(weight, height), (key, v)| {
            let (w, h) = measure(v);
            (weight + key + w, height.max(h + 1))
        })
    };
    match value {
        Value::String(s) => (1 + s.len(), 0),
        Value::Array(items) => children(&mut items.iter().map(|v| (0, v))),
        Value::Object(map) => children(&mut map.iter().map(|(k, v)| (k.len(), v))),
        _ => (1, 0),
    }
}

fn too_many_copies(loc: Location) -> Stop {
    let message = format!(
        "the anchors and aliases (`&name`, `*name`) of this file copy too much: more than \
         {YAML_ALIASES} aliases or {YAML_ALIAS_COPY} values and characters in all"
    );
    let help = "write the repeated part out, or use fewer aliases of aliases";
    Stop::Limit(loc, message, help)
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
