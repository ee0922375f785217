//! YAML to JSON values and, when asked, where every key and value stood in the source.
//!
//! Content is validated against JSON Schemas derived from the model types; the schema validator
//! reports JSON pointers, and the position index turns each pointer back into a file position.
//! Loading parses without the index ([`parse_value`]); it is built ([`parse`]) only for a file
//! with a problem to place, see `super::origin`.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, StrInput, Tag};
use serde_json::{Map, Number, Value};

use crate::diagnostics::{Diagnostic, Location};
use crate::limits::{YAML_ALIAS_COPY, YAML_ALIASES, YAML_DEPTH};

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
    if builder.read(text).is_ok() && builder.problems.is_empty() {
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
    let offsets = CharOffsets::new(text);
    let mut builder = Builder::new(text, Some(&offsets));
    let shift = |loc: Location| Location {
        line: loc.line + line_offset,
        offset: loc.offset + byte_offset,
        ..loc
    };
    match builder.read(text) {
        Ok(()) => {}
        Err(Stop::Syntax(e)) => {
            let offset = builder.byte(e.marker().index());
            let loc = shift(Location::at_offset(text, offset, 1));
            if e.info() == "recursion limit exceeded" {
                // saphyr's own bound on flow nesting (`[[[…`), met while it scans ahead.
                return Err(vec![too_deep(file, loc)]);
            }
            return Err(vec![
                Diagnostic::error(file, format!("this is not valid YAML: {}", e.info()))
                    .at(Some(loc))
                    .help(
                        "check the indentation and that text containing `: ` or `#` is in quotes",
                    ),
            ]);
        }
        Err(Stop::TooDeep(loc)) => return Err(vec![too_deep(file, shift(loc))]),
        Err(Stop::Limit(loc, message, help)) => {
            return Err(vec![
                Diagnostic::error(file, message)
                    .at(Some(shift(loc)))
                    .help(help),
            ]);
        }
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

fn too_deep(file: &str, loc: Location) -> Diagnostic {
    let msg = format!("the YAML here is nested more than {YAML_DEPTH} levels deep");
    Diagnostic::error(file, msg)
        .at(Some(loc))
        .help("content needs a few levels only: check the indentation and the brackets")
}

/// Why reading a document stopped before its end.
enum Stop {
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
struct CharOffsets<'a> {
    text: &'a str,
    every_step: Vec<usize>,
}

const STEP: usize = 64;

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> CharOffsets<'a> {
        let every_step = text.char_indices().step_by(STEP).map(|(i, _)| i).collect();
        CharOffsets { text, every_step }
    }

    /// The byte offset of character `index`; the text's length past its end.
    fn byte(&self, index: usize) -> usize {
        let Some(&from) = self.every_step.get(index / STEP) else {
            return self.text.len();
        };
        let mut rest = self.text[from..].char_indices().skip(index % STEP);
        rest.next().map_or(self.text.len(), |(i, _)| from + i)
    }
}

struct Builder<'a> {
    text: &'a str,
    offsets: Option<&'a CharOffsets<'a>>,
    stack: Vec<Frame>,
    root: Option<Value>,
    /// Each anchored value, what copying it costs, and how deep it nests.
    anchors: HashMap<usize, Anchored>,
    aliases: usize,
    /// The weight all anchors and aliases have copied so far.
    copied: usize,
    /// `None` when positions are not wanted; then no pointers are built either.
    spans: Option<SpanIndex>,
    problems: Vec<(String, String)>,
}

impl<'a> Builder<'a> {
    /// A builder that records positions when given the byte offsets of the characters of `text`.
    fn new(text: &'a str, offsets: Option<&'a CharOffsets<'a>>) -> Builder<'a> {
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

    fn byte(&self, char_index: usize) -> usize {
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
    fn read(&mut self, text: &str) -> Result<(), Stop> {
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
    fn nesting_beyond_the_limit_stops_at_its_line_in_block_and_flow_style() {
        let deep_seq: String = (0..5000)
            .map(|i| format!("{}-\n", "  ".repeat(i)))
            .collect();
        let deep_map: String = (0..5000)
            .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
            .collect();
        let deep_flow = format!("a: {}{}\n", "[".repeat(200), "]".repeat(200));
        for (text, line) in [
            (deep_seq, YAML_DEPTH + 1),
            (deep_map, YAML_DEPTH + 1),
            (deep_flow, 1),
        ] {
            let errs = parse_value("t.yaml", &text, 2, 0).unwrap_err();
            assert_eq!(errs.len(), 1, "{errs:?}");
            assert!(errs[0].message.contains("nested more than"), "{errs:?}");
            assert_eq!(errs[0].location.unwrap().line, line + 2);
        }
        let just_deep_enough = format!("{}1{}", "[".repeat(YAML_DEPTH), "]".repeat(YAML_DEPTH));
        assert!(parse_value("t.yaml", &just_deep_enough, 0, 0).is_ok());
    }

    #[test]
    fn aliases_that_multiply_are_stopped_at_the_alias_that_passes_the_bound() {
        // Nine levels of nine: 9^9 copies of "lol" if it were expanded.
        let mut text = String::from("a0: &a0 lol\n");
        for level in 1..=9 {
            let refs = vec![format!("*a{}", level - 1); 9].join(", ");
            text.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
        }
        let errs = parse_value("t.yaml", &text, 0, 0).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].message.contains("aliases"), "{errs:?}");
        let line = errs[0].location.unwrap().line;
        assert!((2..=10).contains(&line), "{line}");
        // Plenty of ordinary reuse passes.
        let reuse = format!(
            "base: &b {{method: truc-tiep, fee: Miễn phí}}\nchannels: [{}]\n",
            vec!["*b"; 100].join(", ")
        );
        assert!(parse_value("t.yaml", &reuse, 0, 0).is_ok());
    }

    #[test]
    fn anchors_copy_their_value_and_the_copies_count_against_the_bound() {
        // Each anchor keeps a copy of what it names, used or not: 32 anchors nested around one
        // big list would keep 32 copies of it.
        let list = vec!["1"; YAML_ALIAS_COPY / 20].join(",");
        let open: String = (0..20).map(|i| format!("&a{i} [")).collect();
        let text = format!("a: {open}{list}{}\n", "]".repeat(20));
        let errs = parse_value("t.yaml", &text, 0, 0).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].message.contains("aliases"), "{errs:?}");
    }

    #[test]
    fn an_alias_may_not_nest_a_value_deeper_than_the_limit() {
        // Each anchor holds the one before it a few levels down: no line is deep, the value is.
        let mut text = String::from("a0: &a0 [1]\n");
        for i in 1..=40 {
            text.push_str(&format!("a{i}: &a{i} [[[*a{}]]]\n", i - 1));
        }
        let errs = parse_value("t.yaml", &text, 0, 0).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].message.contains("nested more than"), "{errs:?}");
        // a{i} is 3i + 2 levels deep where it is written (the root map, three lists, and a{i-1}).
        let first_too_deep = (YAML_DEPTH - 2) / 3 + 1;
        let line = errs[0].location.unwrap().line;
        assert_eq!(line, first_too_deep + 1, "the alias that passes the limit");
    }

    #[test]
    fn more_aliases_than_the_bound_are_an_error_however_small_each_is() {
        let text = format!(
            "a: &a x\nb: [{}]\n",
            vec!["*a"; YAML_ALIASES + 1].join(", ")
        );
        let errs = parse_value("t.yaml", &text, 0, 0).unwrap_err();
        assert!(errs[0].message.contains("aliases"), "{errs:?}");
        let fine = format!("a: &a x\nb: [{}]\n", vec!["*a"; YAML_ALIASES].join(", "));
        assert!(parse_value("t.yaml", &fine, 0, 0).is_ok());
    }

    #[test]
    fn character_indices_become_byte_offsets() {
        let text = "ký ".repeat(100);
        let offsets = CharOffsets::new(&text);
        for (index, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.byte(index), byte);
        }
        assert_eq!(offsets.byte(300), text.len());
        assert_eq!(offsets.byte(10_000), text.len());
    }

    #[test]
    fn a_second_document_in_a_file_is_an_error() {
        let errs = parse_value("t.yaml", "a: 1\n---\nb: 2\n", 0, 0).unwrap_err();
        assert!(errs[0].message.contains("second YAML document"), "{errs:?}");
        assert_eq!(errs[0].location.unwrap().line, 2);
        assert!(parse_value("t.yaml", "---\na: 1\n...\n", 0, 0).is_ok());
    }

    #[test]
    fn field_paths_read_like_code() {
        assert_eq!(field_path("/channels/0/fee"), "channels[0].fee");
        assert_eq!(field_path(""), "");
    }
}
