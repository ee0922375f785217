//! Diagnostics as JSON, for editors and CI (`--format json`): one object per run, on one line of
//! stdout, with the same problems in the same order as the terminal report, none left out.
//!
//! ```json
//! {"errors":1,"warnings":0,"diagnostics":[{"severity":"error","file":"content/a.yaml",
//!  "line":2,"column":1,"field":"nmae","message":"unknown key `nmae`","help":"did you mean `name`?"}]}
//! ```
//!
//! `line` and `column` are 1-based and count characters; `line`, `column`, `field` and `help`
//! are `null` when a problem has none.

use std::io::Write;

use serde::Serialize;

use super::{Diagnostic, Diagnostics, Severity};

#[derive(Serialize)]
struct Run<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: Vec<Problem<'a>>,
}

#[derive(Serialize)]
struct Problem<'a> {
    severity: Severity,
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    field: Option<&'a str>,
    message: &'a str,
    help: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for Problem<'a> {
    fn from(d: &'a Diagnostic) -> Problem<'a> {
        Problem {
            severity: d.severity,
            file: &d.file,
            line: d.location.map(|l| l.line),
            column: d.location.map(|l| l.col),
            field: d.field.as_deref(),
            message: &d.message,
            help: d.help.as_deref(),
        }
    }
}

/// The run's problems as one line of JSON.
pub fn to_line(diags: &Diagnostics) -> String {
    let items = diags.sorted();
    let errors = items.iter().filter(|d| d.is_error()).count();
    let run = Run {
        errors,
        warnings: items.len() - errors,
        diagnostics: items.iter().map(Problem::from).collect(),
    };
    serde_json::to_string(&run).expect("diagnostics serialise")
}

/// Prints the run's problems to stdout as one line of JSON.
pub fn print(diags: &Diagnostics) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", to_line(diags));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;

    #[test]
    fn every_part_of_a_problem_has_its_own_key() {
        let diags = Diagnostics::new();
        diags.push(
            Diagnostic::error("content/a.yaml", "unknown key `nmae`")
                .at(Some(Location {
                    line: 2,
                    col: 1,
                    offset: 5,
                    len: 4,
                }))
                .field("nmae")
                .help("did you mean `name`?"),
        );
        diags.push(Diagnostic::warning("site.toml", "no notice"));
        let json: serde_json::Value = serde_json::from_str(&to_line(&diags)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "errors": 1,
                "warnings": 1,
                "diagnostics": [
                    {"severity": "error", "file": "content/a.yaml", "line": 2, "column": 1,
                     "field": "nmae", "message": "unknown key `nmae`", "help": "did you mean `name`?"},
                    {"severity": "warning", "file": "site.toml", "line": null, "column": null,
                     "field": null, "message": "no notice", "help": null},
                ]
            })
        );
    }

    #[test]
    fn a_clean_run_is_one_empty_list_on_one_line() {
        let line = to_line(&Diagnostics::new());
        assert_eq!(line, r#"{"errors":0,"warnings":0,"diagnostics":[]}"#);
        assert!(!line.contains('\n'));
    }
}
