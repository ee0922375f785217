//! Values as pages print them: ids as the theme's strings know them, file sizes in the theme's
//! way of writing numbers.

use serde::Serialize;
use serde_json::Value;

/// The serde name of an enum value (`toan-trinh`), which is also its key in the theme strings.
pub fn id_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// How the theme writes numbers (`[format]` of strings.toml).
#[derive(Debug, Clone)]
pub struct Numbers {
    /// `decimal_separator`: "," in Vietnamese; "." when the theme does not say.
    decimal: String,
    /// `thousands_separator`: "." in Vietnamese ("10.000"); "," when the theme does not say.
    thousands: String,
}

impl Numbers {
    pub fn of(strings: &Value) -> Numbers {
        let get = |key: &str, default: &str| {
            strings
                .pointer(&format!("/format/{key}"))
                .and_then(Value::as_str)
                .unwrap_or(default)
                .to_owned()
        };
        Numbers {
            decimal: get("decimal_separator", "."),
            thousands: get("thousands_separator", ","),
        }
    }

    /// An amount or a number of days: "10.000", "0,5", in groups of three digits.
    pub fn number(&self, value: f64) -> String {
        let whole = value.trunc() as u64;
        let digits = whole.to_string();
        let mut grouped = String::new();
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push_str(&self.thousands);
            }
            grouped.push(d);
        }
        let fraction = format!("{:.2}", value.fract());
        let fraction = fraction.trim_start_matches('0').trim_end_matches('0');
        if fraction.len() > 1 {
            grouped.push_str(&self.decimal);
            grouped.push_str(&fraction[1..]);
        }
        grouped
    }

    /// File sizes as people read them: "18 KB", "1,2 MB".
    pub fn size(&self, bytes: u64) -> String {
        match bytes {
            b if b < 1024 => format!("{b} B"),
            b if b < 1024 * 1024 => format!("{} KB", b.div_ceil(1024)),
            b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)).replace('.', &self.decimal),
        }
    }
}

/// `{{ x | number }}` in templates: [`Numbers::number`].
impl tera::Filter for Numbers {
    fn filter(
        &self,
        value: &Value,
        _: &std::collections::HashMap<String, Value>,
    ) -> tera::Result<Value> {
        let n = value.as_f64().ok_or("number expects a number")?;
        Ok(Value::String(self.number(n)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        let vi = Numbers::of(&serde_json::json!({"format": {"decimal_separator": ","}}));
        assert_eq!(vi.size(300), "300 B");
        assert_eq!(vi.size(18_000), "18 KB");
        assert_eq!(vi.size(1_300_000), "1,2 MB");
        assert_eq!(Numbers::of(&Value::Null).size(1_300_000), "1.2 MB");
    }

    #[test]
    fn amounts_are_grouped_by_thousands() {
        let vi = Numbers::of(
            &serde_json::json!({"format": {"decimal_separator": ",", "thousands_separator": "."}}),
        );
        assert_eq!(vi.number(0.0), "0");
        assert_eq!(vi.number(8000.0), "8.000");
        assert_eq!(vi.number(1_250_000.0), "1.250.000");
        assert_eq!(vi.number(0.5), "0,5");
        assert_eq!(vi.number(12.0), "12");
    }
}
