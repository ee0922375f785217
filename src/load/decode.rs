//! Decoding a YAML value into a model type, with every mismatch reported at once.
//!
//! The value is first checked against the JSON Schema derived from the type, which yields all
//! structural problems (unknown keys, missing keys, wrong types, bad enum values) with their
//! JSON pointers; only a value that passes is handed to serde.

use std::any::TypeId;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::yaml::{Locate, field_path, pointer_segment};
use crate::diagnostics::{Diagnostic, did_you_mean};

/// The JSON Schema of a model type, as `motcua schema` prints it.
pub fn schema_of<T: JsonSchema>() -> Value {
    serde_json::to_value(schemars::schema_for!(T)).expect("schemas serialize")
}

struct Compiled {
    schema: Value,
    validator: Validator,
}

fn compiled<T: JsonSchema + 'static>() -> Arc<Compiled> {
    static CACHE: LazyLock<Mutex<HashMap<TypeId, Arc<Compiled>>>> = LazyLock::new(Default::default);
    let mut cache = CACHE.lock().unwrap();
    cache
        .entry(TypeId::of::<T>())
        .or_insert_with(|| {
            let schema = schema_of::<T>();
            let validator = jsonschema::validator_for(&schema).expect("derived schemas are valid");
            Arc::new(Compiled { schema, validator })
        })
        .clone()
}

/// Decodes `value` (found at pointer `base` in `file`) as a `T`. `spans` is asked for positions
/// only when there is a problem to place.
pub fn decode<T: DeserializeOwned + JsonSchema + 'static>(
    file: &str,
    value: &Value,
    base: &str,
    spans: &dyn Locate,
) -> Result<T, Vec<Diagnostic>> {
    let compiled = compiled::<T>();
    let ctx = Context {
        file,
        base,
        spans,
        schema: &compiled.schema,
    };
    let mut problems = Vec::new();
    for error in compiled.validator.iter_errors(value) {
        ctx.describe(&error, value, &mut problems);
    }
    drop_missing_that_were_misspelt(&mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let pointer = serde_pointer(e.path());
        vec![ctx.diagnostic(&pointer, e.inner().to_string(), false)]
    })
}

struct Context<'a> {
    file: &'a str,
    base: &'a str,
    spans: &'a dyn Locate,
    schema: &'a Value,
}

impl Context<'_> {
    fn diagnostic(&self, pointer: &str, message: String, at_key: bool) -> Diagnostic {
        let full = format!("{}{pointer}", self.base);
        let loc = if at_key {
            self.spans.key(&full)
        } else {
            self.spans.value(&full)
        };
        Diagnostic::error(self.file, message)
            .at(loc)
            .field(field_path(pointer))
    }

    /// Turns one schema violation into editor-facing diagnostics.
    fn describe(&self, error: &ValidationError<'_>, root: &Value, out: &mut Vec<Diagnostic>) {
        let pointer = error.instance_path().as_str().to_owned();
        let instance = root.pointer(&pointer).unwrap_or(&Value::Null);
        let here = |msg: String| self.diagnostic(&pointer, msg, false);
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let known = self.known_keys(error.schema_path().as_str());
                for key in unexpected {
                    let child = format!("{pointer}/{}", pointer_segment(key));
                    let mut d = self.diagnostic(&child, format!("unknown key `{key}`"), true);
                    d = match did_you_mean(key, known.iter().map(String::as_str)) {
                        Some(s) => d.help(format!("did you mean `{s}`?")),
                        None => d.help(format!("the keys allowed here are: {}", known.join(", "))),
                    };
                    out.push(d);
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                let d = here(format!("the required key `{name}` is missing"));
                out.push(d.field(field_path(&format!("{pointer}/{name}"))));
            }
            ValidationErrorKind::Type { kind } => {
                let expected = match kind {
                    TypeKind::Single(t) => describe_type(&t.to_string()),
                    TypeKind::Multiple(set) => set
                        .iter()
                        .map(|t| describe_type(&t.to_string()))
                        .collect::<Vec<_>>()
                        .join(" or "),
                };
                let mut d = here(format!(
                    "expected {expected}, found {}",
                    describe_value(instance)
                ));
                if expected.contains("text") && instance.is_number() {
                    d = d.help(format!("put the value in quotes: \"{instance}\""));
                } else if pointer.is_empty() {
                    d = self.whole_item_help(d, instance);
                }
                out.push(d);
            }
            ValidationErrorKind::Enum { options } => {
                let opts: Vec<&str> = options
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                let given = instance
                    .as_str()
                    .map_or_else(|| instance.to_string(), str::to_owned);
                let mut d = here(format!("`{given}` is not one of: {}", opts.join(", ")));
                if let Some(s) = did_you_mean(&given, opts.iter().copied()) {
                    d = d.help(format!("did you mean `{s}`?"));
                }
                out.push(d);
            }
            ValidationErrorKind::MinItems { limit } => {
                out.push(here(format!("needs at least {limit} item(s)")));
            }
            ValidationErrorKind::MinLength { .. } => out.push(here("must not be empty".into())),
            ValidationErrorKind::MaxLength { limit } => {
                let given = instance.as_str().unwrap_or_default().chars().count();
                out.push(here(format!(
                    "is {given} characters long; at most {limit} are allowed here"
                )));
            }
            ValidationErrorKind::Minimum { limit } => {
                out.push(here(format!("must be at least {limit}")));
            }
            ValidationErrorKind::Pattern { pattern } => {
                let given = instance.as_str().unwrap_or_default();
                out.push(here(format!(
                    "`{given}` is not {}",
                    describe_pattern(pattern)
                )));
            }
            ValidationErrorKind::AnyOf { context }
            | ValidationErrorKind::OneOfNotValid { context } => {
                // Report the errors of the alternative whose shape matches what the editor wrote,
                // e.g. a misspelt key inside a `{ title, text }` step.
                let matching = context.iter().find(|errs| {
                    errs.iter()
                        .all(|e| !matches!(e.kind(), ValidationErrorKind::Type { .. }))
                });
                match matching {
                    Some(errs) if !errs.is_empty() => {
                        for e in errs {
                            self.describe(e, root, out);
                        }
                    }
                    _ => {
                        let alts = self.alternatives(error.schema_path().as_str());
                        out.push(here(format!(
                            "expected {alts}, found {}",
                            describe_value(instance)
                        )));
                    }
                }
            }
            _ => out.push(here(error.to_string())),
        }
    }

    /// An empty file (or entry) is the editor's first step; say what it needs.
    fn whole_item_help(&self, d: Diagnostic, instance: &Value) -> Diagnostic {
        let required: Vec<String> = self
            .schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|k| format!("`{k}`"))
            .collect();
        let what = if instance.is_null() {
            "this is empty"
        } else {
            "this is not a map of `key: value` lines"
        };
        let message = format!("{}; {what}", d.message);
        Diagnostic { message, ..d }.help(format!(
            "write at least the keys {}, each on its own line as `key: value`",
            required.join(", ")
        ))
    }

    /// The subschema at a schema path, following `$ref`s.
    fn subschema(&self, path: &str) -> Option<&Value> {
        let mut node = self.schema;
        for seg in path.split('/').skip(1) {
            let seg = seg.replace("~1", "/").replace("~0", "~");
            node = if seg == "$ref" {
                let target = node.get("$ref")?.as_str()?;
                self.schema.pointer(target.strip_prefix('#')?)?
            } else if let Some(arr) = node.as_array() {
                arr.get(seg.parse::<usize>().ok()?)?
            } else {
                node.get(&seg)?
            };
        }
        match node.get("$ref").and_then(Value::as_str) {
            Some(target) => self.schema.pointer(target.strip_prefix('#')?),
            None => Some(node),
        }
    }

    fn known_keys(&self, schema_path: &str) -> Vec<String> {
        let parent = schema_path.rsplit_once('/').map_or("", |(p, _)| p);
        self.subschema(parent)
            .and_then(|s| s.get("properties"))
            .and_then(Value::as_object)
            .map(|props| props.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn alternatives(&self, schema_path: &str) -> String {
        let Some(list) = self.subschema(schema_path).and_then(Value::as_array) else {
            return "another shape".into();
        };
        list.iter()
            .map(|alt| {
                let alt = alt
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| self.schema.pointer(r.strip_prefix('#')?))
                    .unwrap_or(alt);
                match alt.get("properties").and_then(Value::as_object) {
                    Some(props) => {
                        let keys: Vec<_> = props.keys().map(|k| format!("`{k}`")).collect();
                        format!("a map with {}", keys.join(", "))
                    }
                    None => {
                        describe_type(alt.get("type").and_then(Value::as_str).unwrap_or("value"))
                    }
                }
            })
            .collect::<Vec<_>>()
            .join(" or ")
    }
}

/// `nmae: …` gives "unknown key `nmae`, did you mean `name`?" and "`name` is missing"; the
/// second says nothing new, so it goes.
fn drop_missing_that_were_misspelt(problems: &mut Vec<Diagnostic>) {
    let meant: Vec<String> = problems
        .iter()
        .filter(|d| d.message.starts_with("unknown key"))
        .filter_map(|d| {
            let suggestion = d
                .help
                .as_deref()?
                .strip_prefix("did you mean `")?
                .strip_suffix("`?")?;
            let field = d.field.as_deref().unwrap_or_default();
            Some(match field.rfind(['.', ']']) {
                Some(i) if field.as_bytes()[i] == b'.' => format!("{}.{suggestion}", &field[..i]),
                Some(i) => format!("{}.{suggestion}", &field[..=i]),
                None => suggestion.to_owned(),
            })
        })
        .collect();
    problems.retain(|d| {
        let missing = d.message.starts_with("the required key");
        !(missing && d.field.as_ref().is_some_and(|f| meant.contains(f)))
    });
}

fn serde_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|seg| match seg {
            Segment::Seq { index } => Some(format!("/{index}")),
            Segment::Map { key } => Some(format!("/{}", pointer_segment(key))),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect()
}

fn describe_type(t: &str) -> String {
    match t {
        "string" => "text",
        "array" => "a list",
        "object" => "a map of keys",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "null" => "nothing",
        other => other,
    }
    .to_owned()
}

fn describe_value(v: &Value) -> String {
    match v {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text \"{s}\""),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a map".into(),
    }
}

fn describe_pattern(pattern: &str) -> String {
    match pattern {
        crate::model::ID_PATTERN => {
            "an id: lowercase letters a–z, digits and single hyphens".into()
        }
        r"^\d{4}-\d{2}-\d{2}$" => "a date written YYYY-MM-DD".into(),
        r"^[A-Za-z0-9_-]{11}$" => "a YouTube video id (11 letters, digits, - or _)".into(),
        r"^\d{1,2}(:\d{2}){1,2}$" => "a time such as 4:30 or 1:02:15".into(),
        r"^(\d\.\d{6}(\.[0-9A-Za-z]+)*|[0-9A-Za-z_-]+)$" => {
            "a procedure code: the national code such as 1.001193 (a province's suffix may follow, \
             as in 1.001193.000.00.00.H36), or a local code of letters, digits, _ and -"
                .into()
        }
        other => format!("in the expected form ({other})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml;
    use crate::model::Procedure;

    fn errors(text: &str) -> Vec<String> {
        let doc = yaml::parse("p.yaml", text, 0, 0).unwrap();
        match decode::<Procedure>("p.yaml", &doc.value, "", &doc.spans) {
            Ok(_) => vec![],
            Err(e) => e.iter().map(ToString::to_string).collect(),
        }
    }

    const VALID: &str = "code: \"1.001193\"\nname: Đăng ký khai sinh\nfield: ho-tich\nlevel: [xa]\n\
agency: ubnd-xa\nonline: toan-trinh\nchannels:\n  - method: truc-tiep\n    duration: Ngay\n    fee: Miễn phí\n\
steps: [Nộp hồ sơ]\ndocuments: []\nresult: Giấy khai sinh\nupdated: 2025-01-02\n";

    #[test]
    fn valid_procedure_decodes() {
        assert_eq!(errors(VALID), Vec::<String>::new());
    }

    #[test]
    fn reports_every_problem_with_position_and_hint() {
        let text = VALID
            .replace("name:", "nmae:")
            .replace("code: \"1.001193\"", "code: 1.001193")
            .replace("online: toan-trinh", "online: toan-trin")
            .replace("    fee: Miễn phí\n", "    fee: Miễn phí\n    fees: 1\n");
        let errs = errors(&text);
        let all = errs.join("\n");
        assert!(
            all.contains("p.yaml:2:1: error: `nmae`: unknown key `nmae` (did you mean `name`?)"),
            "{all}"
        );
        assert!(
            !all.contains("the required key `name` is missing"),
            "a misspelt key is reported once, as a typo: {all}"
        );
        assert!(
            all.contains("p.yaml:1:7: error: `code`: expected text, found the number 1.001193"),
            "{all}"
        );
        assert!(all.contains("did you mean `toan-trinh`?"), "{all}");
        assert!(
            all.contains("`channels[0].fees`: unknown key `fees` (did you mean `fee`?)"),
            "{all}"
        );
    }

    #[test]
    fn steps_accept_text_or_title_and_text() {
        let text = VALID.replace("steps: [Nộp hồ sơ]", "steps:\n  - title: A\n    txt: B\n");
        let all = errors(&text).join("\n");
        assert!(
            all.contains("unknown key `txt` (did you mean `text`?)"),
            "{all}"
        );
        let text = VALID.replace("steps: [Nộp hồ sơ]", "steps: [1]");
        let all = errors(&text).join("\n");
        assert!(
            all.contains("expected text or a map with `text`, `title`"),
            "{all}"
        );
    }

    #[test]
    fn an_empty_file_is_told_which_keys_it_needs() {
        let all = errors("").join("\n");
        assert!(
            all.contains("expected a map of keys, found nothing; this is empty"),
            "{all}"
        );
        assert!(
            all.contains("write at least the keys `code`, `name`"),
            "{all}"
        );
        let all = errors("- a\n- b\n").join("\n");
        assert!(all.contains("not a map of `key: value` lines"), "{all}");
    }

    #[test]
    fn impossible_dates_are_caught_by_serde_with_a_path() {
        let all = errors(&VALID.replace("2025-01-02", "2025-02-30")).join("\n");
        assert!(
            all.contains("`updated`: `2025-02-30` is not a real date"),
            "{all}"
        );
    }
}
