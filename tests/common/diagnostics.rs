//! The problems `check` and `build` report, as their JSON has them (`--format json`), and the
//! assertions a test makes on one.

use std::fmt;

use serde::Deserialize;

/// The one JSON object a run prints.
#[derive(Debug, Clone, Deserialize)]
pub struct Report {
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<Diag>,
}

impl Report {
    /// The report among the lines of `stdout` (the last line that is one).
    pub fn find(stdout: &str) -> Option<Report> {
        stdout
            .lines()
            .rev()
            .find_map(|line| serde_json::from_str(line).ok())
    }
}

/// One error or warning.
#[derive(Debug, Clone, Deserialize)]
pub struct Diag {
    /// `error` or `warning`.
    pub severity: String,
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The field path inside the file, e.g. `channels[0].fee`.
    pub field: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for Diag {
    /// The problem on one line, for failure messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: ", self.place(), self.severity)?;
        if let Some(field) = &self.field {
            write!(f, "`{field}`: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

impl Diag {
    pub fn is_error(&self) -> bool {
        self.severity == "error"
    }

    /// `file:line:col`, or only `file` for a problem with no position.
    pub fn place(&self) -> String {
        match (self.line, self.column) {
            (Some(line), Some(col)) => format!("{}:{line}:{col}", self.file),
            _ => self.file.clone(),
        }
    }

    /// Reported at this file, line and column.
    pub fn at(&self, file: &str, line: usize, col: usize) -> &Diag {
        assert_eq!(
            self.place(),
            format!("{file}:{line}:{col}"),
            "position of\n{self}"
        );
        self
    }

    /// Reported at this line of this file, whatever the column.
    pub fn at_line(&self, file: &str, line: usize) -> &Diag {
        let ok = self.file == file && self.line == Some(line) && self.column.is_some();
        assert!(ok, "expected the position {file}:{line}:… for\n{self}");
        self
    }

    /// Reported in this file.
    pub fn in_file(&self, file: &str) -> &Diag {
        assert!(self.file == file, "expected the file {file} for\n{self}");
        self
    }

    /// Names this field, as in `channels[0].fee`.
    pub fn field(&self, path: &str) -> &Diag {
        assert!(
            self.field.as_deref() == Some(path),
            "expected the field `{path}` in\n{self}"
        );
        self
    }

    /// The message contains `text`.
    pub fn says(&self, text: &str) -> &Diag {
        assert!(
            self.message.contains(text),
            "expected {text:?} in the message of\n{self}"
        );
        self
    }

    /// The help contains `text`.
    pub fn help(&self, text: &str) -> &Diag {
        let ok = self.help.as_deref().is_some_and(|h| h.contains(text));
        assert!(ok, "expected the help {text:?} in\n{self}");
        self
    }

    /// The message or the help mentions `text` (a hint may be written in either).
    pub fn hints(&self, text: &str) -> &Diag {
        let ok =
            self.message.contains(text) || self.help.as_deref().is_some_and(|h| h.contains(text));
        assert!(ok, "expected the hint {text:?} in\n{self}");
        self
    }
}
