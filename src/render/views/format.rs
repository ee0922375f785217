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
}

impl Numbers {
    pub fn of(strings: &Value) -> Numbers {
        let decimal = strings
            .pointer("/format/decimal_separator")
            .and_then(Value::as_str)
            .unwrap_or(".");
        Numbers {
            decimal: decimal.to_owned(),
        }
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
}
