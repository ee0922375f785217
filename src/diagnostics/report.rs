//! Printing diagnostics in the terminal, with the offending lines quoted.

use std::fmt;
use std::io::{IsTerminal, Write};

use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::{Diagnostic, Diagnostics, Severity};

/// How many problems are shown with their source lines; the rest get one line each.
const FULL_REPORTS: usize = 40;

/// Prints every problem of the run to stderr, errors first, then a count.
pub fn print(diags: &Diagnostics) {
    let theme = if std::io::stderr().is_terminal() {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let _ = std::io::stderr().write_all(render(diags, theme).as_bytes());
}

/// The report as the terminal shows it: each problem with its quoted line, then the count.
fn render(diags: &Diagnostics, theme: GraphicalTheme) -> String {
    let items = diags.sorted();
    let handler = GraphicalReportHandler::new_themed(theme).with_wrap_lines(false);
    let mut out = String::new();
    for (i, d) in items.iter().enumerate() {
        // Past the first screenfuls, one line each keeps long reports readable and fast.
        if i >= FULL_REPORTS {
            out.push_str(&d.to_string());
            out.push('\n');
            continue;
        }
        let report = Report {
            source: diags
                .source(&d.file)
                .filter(|text| quotable(text, d))
                .map(|s| Source {
                    name: d.file.clone(),
                    text: s,
                }),
            d,
        };
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&d.to_string());
        }
        out.push('\n');
    }
    let errors = items.iter().filter(|d| d.is_error()).count();
    let warnings = items.len() - errors;
    if errors + warnings > 0 {
        out.push_str(&format!("{errors} error(s), {warnings} warning(s)\n"));
    }
    out
}

/// Characters of a line beyond which it is not quoted: such a line helps no reader, and miette
/// cannot underline past column 65,535 (it panics).
const QUOTED_LINE: usize = 1_000;

/// Whether the line a problem is on is short enough to quote.
fn quotable(text: &str, d: &Diagnostic) -> bool {
    let Some(loc) = d.location else { return true };
    let line = text.split('\n').nth(loc.line.saturating_sub(1));
    line.is_some_and(|l| l.len() <= QUOTED_LINE || l.chars().count() <= QUOTED_LINE)
}

struct Report<'a> {
    d: &'a Diagnostic,
    source: Option<Source>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.d)
    }
}

impl fmt::Display for Report<'_> {
    /// With a quoted source the file and position show in the snippet header; without one the
    /// message carries the whole `file:line:col` form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.d;
        if self.source.is_none() || d.location.is_none() {
            return write!(
                f,
                "{}",
                Diagnostic {
                    help: None,
                    ..d.clone()
                }
            );
        }
        match &d.field {
            Some(field) => write!(f, "`{field}`: {}", d.message),
            None => write!(f, "{}", d.message),
        }
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.d
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let loc = self.d.location?;
        let text: &str = &self.source.as_ref()?.text;
        // Positions are trusted by line and column; byte offsets are derived from them here.
        let line_start: usize = text
            .split_inclusive('\n')
            .take(loc.line.saturating_sub(1))
            .map(str::len)
            .sum();
        let line = text[line_start.min(text.len())..]
            .split('\n')
            .next()
            .unwrap_or_default();
        let col: usize = line
            .chars()
            .take(loc.col.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        let start = (line_start + col).min(text.len());
        let len = loc.len.clamp(1, line.len().saturating_sub(col).max(1));
        let span = SourceSpan::new(start.into(), len);
        let label = self.d.field.clone();
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            label, span,
        ))))
    }
}

/// A file's text for snippets. miette counts the column in its `[file:line:col]` header in
/// bytes; editors count characters ("Đăng ký" is 7 characters, 11 bytes), so the column is
/// recomputed here.
struct Source {
    name: String,
    text: Arc<str>,
}

impl SourceCode for Source {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_ref().read_span(span, before, after)?;
        let start = inner.span().offset().min(self.text.len());
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let column = self.text[line_start..start].chars().count();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;
    use crate::source::SourceFile;

    const FILE: &str = "content/a.yaml";
    const TEXT: &str = "code: \"1.001193\"\nnmae: Đăng ký khai sinh\n";

    /// A run with one problem in a file whose text is on disk, so that the report can quote it.
    fn one_problem(dir: &std::path::Path, d: Diagnostic) -> Diagnostics {
        let path = dir.join("a.yaml");
        std::fs::write(&path, TEXT).unwrap();
        let diags = Diagnostics::new();
        diags.add_source(FILE, Arc::new(SourceFile::new(&path, TEXT.as_bytes())));
        diags.push(d);
        diags
    }

    fn nmae() -> Diagnostic {
        Diagnostic::error(FILE, "unknown key `nmae`")
            .at(Some(Location::at_offset(
                TEXT,
                TEXT.find("nmae").unwrap(),
                4,
            )))
            .field("nmae")
            .help("did you mean `name`?")
    }

    #[test]
    fn a_problem_is_shown_at_its_file_line_and_field_with_the_line_quoted() {
        let dir = tempfile::tempdir().unwrap();
        let out = render(
            &one_problem(dir.path(), nmae()),
            GraphicalTheme::unicode_nocolor(),
        );
        for part in [
            "× `nmae`: unknown key `nmae`",
            "╭─[content/a.yaml:2:1]",
            "2 │ nmae: Đăng ký khai sinh",
            "╰── nmae",
            "help: did you mean `name`?",
            "1 error(s), 0 warning(s)",
        ] {
            assert!(out.contains(part), "{part:?} is not in\n{out}");
        }
    }

    #[test]
    fn columns_in_the_header_count_characters() {
        let dir = tempfile::tempdir().unwrap();
        let at = TEXT.find("khai").unwrap();
        let d = Diagnostic::warning(FILE, "a word").at(Some(Location::at_offset(TEXT, at, 4)));
        let out = render(
            &one_problem(dir.path(), d),
            GraphicalTheme::unicode_nocolor(),
        );
        assert!(out.contains("╭─[content/a.yaml:2:15]"), "{out}");
    }

    #[test]
    fn without_a_quotable_source_the_problem_is_one_grepable_line() {
        let diags = Diagnostics::new();
        diags.push(nmae());
        let out = render(&diags, GraphicalTheme::unicode_nocolor());
        assert!(
            out.contains("content/a.yaml:2:1: error: `nmae`: unknown key `nmae`"),
            "{out}"
        );
        assert!(out.contains("help: did you mean `name`?"), "{out}");
    }

    #[test]
    fn a_clean_run_prints_nothing() {
        assert_eq!(
            render(&Diagnostics::new(), GraphicalTheme::unicode_nocolor()),
            ""
        );
    }
}
