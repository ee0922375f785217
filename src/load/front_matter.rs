//! Splits `---` front matter from a Markdown body, keeping line numbers for both.

use crate::diagnostics::{Diagnostic, Location};

pub struct Parts<'a> {
    pub yaml: &'a str,
    /// 1-based line of the first YAML line in the file.
    pub yaml_line: usize,
    pub yaml_offset: usize,
    pub body: &'a str,
    pub body_line: usize,
}

pub fn split<'a>(file: &str, text: &'a str) -> Result<Parts<'a>, Diagnostic> {
    let Some(rest) = text.strip_prefix("---\n") else {
        return Err(Diagnostic::error(
            file,
            "the file must start with front matter between two `---` lines",
        )
        .at(Some(Location::at_offset(text, 0, 0)))
        .help("put `---`, then `title: …` and the other keys, then `---` before the text"));
    };
    let mut offset = 4;
    for line in rest.split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            let yaml = &text[4..offset];
            let body_start = (offset + line.len()).min(text.len());
            let body_line = text[..body_start].matches('\n').count() + 1;
            return Ok(Parts {
                yaml,
                yaml_line: 2,
                yaml_offset: 4,
                body: &text[body_start..],
                body_line,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(file, "the front matter is not closed: no second `---` line")
            .at(Some(Location::at_offset(text, 0, 3))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let p = split("g.md", "---\ntitle: A\n---\n\n# Body\n").unwrap();
        assert_eq!(p.yaml, "title: A\n");
        assert_eq!(p.body, "\n# Body\n");
        assert_eq!(p.body_line, 4);
    }

    #[test]
    fn rejects_missing_or_open_front_matter() {
        assert!(split("g.md", "# Body\n").is_err());
        assert!(split("g.md", "---\ntitle: A\n").is_err());
    }
}
