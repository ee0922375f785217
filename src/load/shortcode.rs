//! Shortcodes in Markdown bodies: `{{ procedure(code="1.001193") }}`.
//!
//! Bodies are split into Markdown text and shortcode calls at load time, so that validation can
//! check the codes they name and rendering can draw them, without either parsing twice.

use crate::diagnostics::{Diagnostic, Location};

#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    Markdown(String),
    Shortcode(Shortcode),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Shortcode {
    pub name: String,
    pub args: Vec<(String, String)>,
    /// 1-based line in the file.
    pub line: usize,
}

impl Shortcode {
    pub fn arg(&self, key: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Splits `body` (starting at `first_line` of `file`) into segments. Text inside fenced code blocks
/// and inline code is left alone, so documentation can show a shortcode without running it.
pub fn split(file: &str, body: &str, first_line: usize) -> Result<Vec<Segment>, Vec<Diagnostic>> {
    let mut segments = Vec::new();
    let mut errors = Vec::new();
    let mut text = String::new();
    let mut fence: Option<&str> = None;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(f), Some(m)) if f == m => fence = None,
            _ => {}
        }
        if fence.is_some() || marker.is_some() || !line.contains("{{") {
            text.push_str(line);
            continue;
        }
        let line_no = first_line + i;
        let mut rest = line;
        while let Some(start) = find_outside_code(rest, "{{") {
            text.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find("}}") else {
                errors.push(located(
                    file,
                    line_no,
                    "a shortcode opened with `{{` is not closed with `}}` on the same line",
                ));
                text.push_str(&rest[start..]);
                rest = "";
                break;
            };
            match parse_call(after[..end].trim()) {
                Ok((name, args)) => {
                    if !text.is_empty() {
                        segments.push(Segment::Markdown(std::mem::take(&mut text)));
                    }
                    segments.push(Segment::Shortcode(Shortcode {
                        name,
                        args,
                        line: line_no,
                    }));
                }
                Err(msg) => errors.push(located(file, line_no, &msg)),
            }
            rest = &after[end + 2..];
        }
        text.push_str(rest);
    }
    if !text.is_empty() {
        segments.push(Segment::Markdown(text));
    }
    if errors.is_empty() {
        Ok(segments)
    } else {
        Err(errors)
    }
}

fn located(file: &str, line: usize, message: &str) -> Diagnostic {
    Diagnostic::error(file, message)
        .at(Some(Location {
            line,
            col: 1,
            offset: 0,
            len: 0,
        }))
        .help("write it as {{ name(key=\"value\") }}, e.g. {{ procedure(code=\"1.001193\") }}")
}

/// The first `pat` in `s` that is not inside a `code span`.
fn find_outside_code(s: &str, pat: &str) -> Option<usize> {
    let mut in_code = false;
    for (i, c) in s.char_indices() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code && s[i..].starts_with(pat) {
            return Some(i);
        }
    }
    None
}

/// Parses `name(key="value", key2="value")`.
fn parse_call(call: &str) -> Result<(String, Vec<(String, String)>), String> {
    let (name, rest) = call.split_once('(').ok_or_else(|| {
        format!("`{{{{ {call} }}}}` is not a shortcode call: expected `name(...)`")
    })?;
    let name = name.trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("`{name}` is not a shortcode name"));
    }
    let inner = rest
        .trim_end()
        .strip_suffix(')')
        .ok_or("a shortcode's arguments must end with `)`")?;
    let mut args = Vec::new();
    let mut s = inner.trim();
    while !s.is_empty() {
        let (key, after) = s
            .split_once('=')
            .ok_or_else(|| format!("expected `key=\"value\"` in `{s}`"))?;
        let key = key.trim();
        let after = after.trim_start();
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'');
        let Some(q) = quote else {
            return Err(format!("the value of `{key}` must be in quotes"));
        };
        let close = after[1..]
            .find(q)
            .ok_or_else(|| format!("the value of `{key}` is not closed with {q}"))?;
        args.push((key.to_owned(), after[1..1 + close].to_owned()));
        s = after[close + 2..].trim_start();
        s = s.strip_prefix(',').unwrap_or(s).trim_start();
    }
    Ok((name.to_owned(), args))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_text_and_calls() {
        let body = "Xem:\n\n{{ procedure(code=\"1.001193\") }}\n\nHết.\n";
        let segs = split("g.md", body, 5).unwrap();
        assert_eq!(segs.len(), 3);
        let Segment::Shortcode(sc) = &segs[1] else {
            panic!()
        };
        assert_eq!(
            (sc.name.as_str(), sc.arg("code"), sc.line),
            ("procedure", Some("1.001193"), 7)
        );
    }

    #[test]
    fn leaves_code_alone() {
        let body = "```\n{{ procedure(code=\"x\") }}\n```\nand `{{ inline() }}`\n";
        let segs = split("g.md", body, 1).unwrap();
        assert_eq!(segs, vec![Segment::Markdown(body.to_owned())]);
    }

    #[test]
    fn malformed_calls_are_errors_with_lines() {
        let errs = split("g.md", "a\n{{ procedure(code=1.001193) }}\n{{ video(\n", 10).unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].location.unwrap().line, 11);
        assert!(errs[0].message.contains("must be in quotes"));
        assert!(errs[1].message.contains("not closed"));
    }
}
