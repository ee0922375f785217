//! Structured data (schema.org JSON-LD) as pages carry it, in a `<script>` element.

use serde_json::Value;

/// JSON-LD without its empty fields, as text safe inside `<script>`.
pub fn script_json(ld: Value) -> String {
    strip_nulls(ld).to_string().replace('<', "\\u003c")
}

fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(strip_nulls).collect()),
        other => other,
    }
}
