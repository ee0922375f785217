//! YAML to JSON values and, when asked, where every key and value stood in the source.
//!
//! Content is validated against JSON Schemas derived from the model types; the schema validator
//! reports JSON pointers, and the position index turns each pointer back into a file position.
//! Loading parses without the index ([`parse_value`]); it is built ([`parse`]) only for a file
//! with a problem to place, see `super::origin`.

mod builder;
mod spans;

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Location};
use crate::limits::YAML_DEPTH;

use builder::{Builder, CharOffsets, Stop};
pub use spans::{Locate, SpanIndex, field_path, pointer_segment};

/// A parsed YAML document with the position of each value and each mapping key.
#[derive(Debug, Default)]
pub struct SpannedDoc {
    pub value: Value,
    pub spans: SpanIndex,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::{YAML_ALIAS_COPY, YAML_ALIASES};

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
