//! Shortcodes in Markdown bodies: `{{ procedure(code="1.001193") }}`, and shortcodes with a body
//! of their own, closed by `{{ end }}`:
//!
//! ```text
//! {{ callout(kind="canh-bao", title="Đừng đọc mã OTP cho ai") }}
//! Cán bộ không bao giờ hỏi mã OTP qua điện thoại.
//! {{ end }}
//! ```
//!
//! Bodies are read at load time into the typed [`Body`] of the model, so that validation can
//! check the codes they name and rendering can draw them, without either parsing again.

use crate::diagnostics::{Diagnostic, Location};
use crate::limits::{SHORTCODE_DEPTH, SHORTCODES};
use crate::model::body::Spec;
use crate::model::{Block, Body, Call, Callout, CalloutKind, Fault, Shortcode, Video};

/// The word that closes a body.
const END: &str = "end";

/// A call as written: its name and arguments, before they are read as a [`Shortcode`].
#[derive(Debug)]
struct Written {
    name: String,
    args: Vec<(String, String)>,
    at: Location,
}

impl Written {
    fn arg(&self, key: &str) -> Option<String> {
        let found = self.args.iter().find(|(k, _)| k == key);
        found.map(|(_, v)| v.clone())
    }

    fn has_body(&self) -> bool {
        Spec::named(&self.name).is_some_and(|s| s.has_body)
    }

    /// The shortcode it writes, with what is wrong in how it is written. A call with faults is
    /// kept, so that validation reports them where they stand and still checks what it can (the
    /// calls inside a box of an unknown kind, the files of a video without a title).
    fn read(self, body: Body) -> Call {
        let mut faults = Vec::new();
        let shortcode = match Spec::named(&self.name) {
            None => {
                faults.push(Fault::UnknownName);
                Shortcode::Broken {
                    name: self.name.clone(),
                }
            }
            Some(spec) => {
                faults.extend(self.args.iter().filter_map(|(key, _)| {
                    let unknown = !spec.args.contains(&key.as_str());
                    unknown.then(|| Fault::UnknownArgument(key.clone()))
                }));
                faults.extend(spec.required.iter().filter_map(|&key| {
                    let missing = self.arg(key).is_none();
                    missing.then_some(Fault::MissingArgument(key))
                }));
                self.shortcode(spec, body, &mut faults)
            }
        };
        Call {
            shortcode,
            at: self.at,
            faults,
        }
    }

    fn shortcode(&self, spec: &Spec, body: Body, faults: &mut Vec<Fault>) -> Shortcode {
        let arg = |k: &str| self.arg(k);
        match (spec.name, arg("code")) {
            ("procedure", Some(code)) => Shortcode::Procedure { code },
            ("steps", Some(code)) => Shortcode::Steps { code },
            ("documents", Some(code)) => Shortcode::Documents { code },
            ("video", _) => Shortcode::Video(Video {
                youtube: arg("youtube"),
                file: arg("file"),
                captions: arg("captions"),
                poster: arg("poster"),
                title: arg("title"),
                duration: arg("duration"),
                chapters: Vec::new(),
            }),
            ("callout", _) => {
                let written = arg("kind");
                let kind = written.as_deref().and_then(CalloutKind::from_id);
                if let (Some(w), None) = (written, kind) {
                    faults.push(Fault::UnknownKind(w));
                }
                Shortcode::Callout(Callout {
                    kind,
                    title: arg("title"),
                    body,
                })
            }
            // A card or list without the code it draws.
            _ => Shortcode::Broken {
                name: self.name.clone(),
            },
        }
    }
}

/// The segments being collected: the file's own, or those of a shortcode's open body.
struct Frame {
    opener: Option<Written>,
    segments: Body,
}

struct Splitter<'a> {
    file: &'a str,
    frames: Vec<Frame>,
    text: String,
    errors: Vec<Diagnostic>,
    /// Bodies left out, opened too deep or past the file's number of calls: their `{{ end }}`
    /// closes nothing that was kept.
    left_out: usize,
    /// Calls so far, malformed ones too, `{{ end }}` aside.
    calls: usize,
    /// Whether the error for boxes nested too deep has been said (once per file).
    nested_too_deep: bool,
}

impl Splitter<'_> {
    fn flush(&mut self) {
        if !self.text.is_empty() {
            let seg = Block::Markdown(std::mem::take(&mut self.text));
            self.current().push(seg);
        }
    }

    fn current(&mut self) -> &mut Body {
        &mut self.frames.last_mut().expect("the file's frame").segments
    }

    fn call(&mut self, sc: Written) {
        self.flush();
        let has_body = sc.has_body();
        let within_bound = sc.name == END || self.count(sc.at);
        if sc.name == END && self.left_out > 0 {
            self.left_out -= 1;
        } else if sc.name == END {
            self.close(&sc);
        } else if !within_bound {
            self.left_out += usize::from(has_body);
        } else if has_body && self.frames.len() > SHORTCODE_DEPTH {
            if !self.nested_too_deep {
                self.nested_too_deep = true;
                let msg = format!(
                    "boxes are nested more than {SHORTCODE_DEPTH} deep here: `{}` inside as many others",
                    sc.name
                );
                let help = "close the box around it with {{ end }} before opening this one";
                self.errors.push(located(self.file, sc.at, &msg).help(help));
            }
            self.left_out += 1;
        } else if has_body {
            self.frames.push(Frame {
                opener: Some(sc),
                segments: Vec::new(),
            });
        } else {
            let call = sc.read(Body::new());
            self.current().push(Block::Call(call));
        }
    }

    /// Counts a call, well formed or not, against the file's bound; false past it. The first
    /// call past the bound is the one error said for all of them.
    fn count(&mut self, at: Location) -> bool {
        self.calls += 1;
        if self.calls == SHORTCODES + 1 {
            let msg =
                format!("this file has more than {SHORTCODES} shortcodes; the rest are left out");
            let help = "split the text into several guides or pages";
            self.errors.push(located(self.file, at, &msg).help(help));
        }
        self.calls <= SHORTCODES
    }

    /// A malformed call's error, unless the file is past its bound on calls.
    fn malformed(&mut self, error: Diagnostic, at: Location) {
        if self.count(at) {
            self.errors.push(error);
        }
    }

    fn close(&mut self, end: &Written) {
        if self.frames.len() == 1 {
            let msg = "`{{ end }}` closes nothing: no callout is open above it";
            self.errors.push(
                located(self.file, end.at, msg)
                    .help("remove it, or open the box above with {{ callout(kind=\"luu-y\") }}"),
            );
            return;
        }
        self.close_body();
    }

    /// Ends the innermost open body: it becomes its opener's `body`.
    fn close_body(&mut self) {
        let frame = self.frames.pop().expect("an open body");
        let opener = frame.opener.expect("bodies have an opener");
        let call = opener.read(frame.segments);
        self.current().push(Block::Call(call));
    }

    /// Bodies still open at the end of the file are errors at the line that opened them. They are
    /// closed there all the same, so the calls inside them are still checked in the same run.
    fn finish(mut self) -> (Body, Vec<Diagnostic>) {
        self.flush();
        while self.frames.len() > 1 {
            let opener = self.frames.last().and_then(|f| f.opener.as_ref());
            let opener = opener.expect("bodies have an opener");
            let msg = format!(
                "the `{}` opened here is not closed with `{{{{ end }}}}`",
                opener.name
            );
            let error = located(self.file, opener.at, &msg)
                .help("put {{ end }} on its own line after the text of the box");
            self.errors.push(error);
            self.close_body();
        }
        let segments = self.frames.pop().map(|f| f.segments).unwrap_or_default();
        (segments, self.errors)
    }
}

/// Splits `body` (starting at `first_line` of `file`) into segments. Text inside fenced code blocks
/// and inline code is left alone, so documentation can show a shortcode without running it.
/// Malformed calls are reported and left out; the segments come back with the errors, so the
/// rest of the file is still checked in the same run.
pub fn split(file: &str, body: &str, first_line: usize) -> (Body, Vec<Diagnostic>) {
    let mut s = Splitter {
        file,
        frames: vec![Frame {
            opener: None,
            segments: Vec::new(),
        }],
        text: String::new(),
        errors: Vec::new(),
        left_out: 0,
        calls: 0,
        nested_too_deep: false,
    };
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
            s.text.push_str(line);
            continue;
        }
        let line_no = first_line + i;
        let mut rest = line;
        // Columns are counted on from the last call, not from the line's start each time.
        let mut column = Column::default();
        while let Some(start) = find_outside_code(rest, "{{") {
            s.text.push_str(&rest[..start]);
            let consumed = line.len() - rest.len() + start;
            let at = Location {
                line: line_no,
                col: column.at(line, consumed),
                offset: 0,
                len: 2,
            };
            let after = &rest[start + 2..];
            let Some(end) = after.find("}}") else {
                let msg = "a shortcode opened with `{{` is not closed with `}}` on the same line";
                s.malformed(located(file, at, msg).help(FORM), at);
                s.text.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let at = Location { len: end + 4, ..at };
            match parse_call(after[..end].trim()) {
                Ok((name, args)) => s.call(Written { name, args, at }),
                Err(msg) => s.malformed(located(file, at, &msg).help(FORM), at),
            }
            rest = &after[end + 2..];
        }
        s.text.push_str(rest);
    }
    s.finish()
}

/// The 1-based column of byte offsets in a line, asked in increasing order.
#[derive(Default)]
struct Column {
    byte: usize,
    chars: usize,
}

impl Column {
    fn at(&mut self, line: &str, byte: usize) -> usize {
        self.chars += line[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars + 1
    }
}

const FORM: &str = "write it as {{ name(key=\"value\") }}, e.g. {{ procedure(code=\"1.001193\") }}";

fn located(file: &str, at: Location, message: &str) -> Diagnostic {
    Diagnostic::error(file, message).at(Some(at))
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

/// Parses `name(key="value", key2="value")`, or the bare word `end`.
fn parse_call(call: &str) -> Result<(String, Vec<(String, String)>), String> {
    if call == END {
        return Ok((END.to_owned(), Vec::new()));
    }
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
    let mut args: Vec<(String, String)> = Vec::new();
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
        if args.iter().any(|(k, _)| k == key) {
            return Err(format!("`{key}` is given twice"));
        }
        args.push((key.to_owned(), after[1..1 + close].to_owned()));
        s = after[close + 2..].trim_start();
        s = s.strip_prefix(',').unwrap_or(s).trim_start();
    }
    Ok((name.to_owned(), args))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::body::calls;

    fn segments(file: &str, body: &str, first_line: usize) -> Body {
        let (segments, errors) = split(file, body, first_line);
        assert!(errors.is_empty(), "{errors:?}");
        segments
    }

    fn errors(file: &str, body: &str, first_line: usize) -> Vec<Diagnostic> {
        split(file, body, first_line).1
    }

    #[test]
    fn splits_text_and_calls() {
        let body = "Xem:\n\n{{ procedure(code=\"1.001193\") }}\n\nHết.\n";
        let segs = segments("g.md", body, 5);
        assert_eq!(segs.len(), 3);
        let Block::Call(sc) = &segs[1] else { panic!() };
        assert_eq!(
            (sc.shortcode.name(), sc.shortcode.code(), sc.at.line),
            ("procedure", Some("1.001193"), 7)
        );
    }

    #[test]
    fn leaves_code_alone() {
        let body = "```\n{{ procedure(code=\"x\") }}\n```\nand `{{ inline() }}`\n";
        let segs = segments("g.md", body, 1);
        assert_eq!(segs, vec![Block::Markdown(body.to_owned())]);
    }

    #[test]
    fn malformed_calls_are_errors_with_lines() {
        let errs = errors("g.md", "a\n{{ procedure(code=1.001193) }}\n{{ video(\n", 10);
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].location.unwrap().line, 11);
        assert!(errs[0].message.contains("must be in quotes"));
        assert!(errs[1].message.contains("not closed"));
    }

    #[test]
    fn malformed_calls_count_against_the_bound_so_their_errors_stay_few() {
        let n = SHORTCODES * 5;
        for body in ["{{a b}} ".repeat(n), "{{\n".repeat(n)] {
            let errs = errors("g.md", &body, 1);
            assert_eq!(errs.len(), SHORTCODES + 1, "{:?}", errs.last());
            assert!(
                errs[SHORTCODES].message.contains("more than"),
                "{:?}",
                errs.last()
            );
        }
    }

    #[test]
    fn bodies_hold_their_text_and_calls_until_end() {
        let body = "Trước\n{{ callout(kind=\"canh-bao\") }}\nĐừng **đọc** mã.\n{{ procedure(code=\"1\") }}\n{{ end }}\nSau\n";
        let segs = segments("g.md", body, 1);
        assert_eq!(segs.len(), 3, "{segs:?}");
        let Block::Call(callout) = &segs[1] else {
            panic!("{segs:?}")
        };
        assert_eq!((callout.shortcode.name(), callout.at.line), ("callout", 2));
        let inner = callout.shortcode.body();
        assert_eq!(inner[0], Block::Markdown("\nĐừng **đọc** mã.\n".into()));
        assert_eq!(
            calls(&segs).len(),
            2,
            "the card inside the box is found too"
        );
        assert_eq!(segs[2], Block::Markdown("\nSau\n".into()));
    }

    #[test]
    fn an_unclosed_body_and_a_stray_end_are_errors_where_they_stand() {
        let errs = errors("g.md", "a\n  {{ callout() }}\ntext\n", 3);
        assert_eq!(errs.len(), 1);
        let at = errs[0].location.unwrap();
        assert_eq!((at.line, at.col), (4, 3));
        assert!(errs[0].message.contains("not closed with `{{ end }}`"));
        let errs = errors("g.md", "a\n{{ end }}\n", 1);
        assert!(errs[0].message.contains("closes nothing"), "{errs:?}");
    }

    #[test]
    fn calls_inside_an_unclosed_body_are_still_found() {
        let body = "{{ callout() }}
{{ procedure(code=\"9.999999\") }}
";
        let (segs, errs) = split("g.md", body, 1);
        assert_eq!(errs.len(), 1);
        let names: Vec<_> = calls(&segs).iter().map(|sc| sc.shortcode.name()).collect();
        assert_eq!(names, ["callout", "procedure"]);
    }

    #[test]
    fn boxes_nested_too_deep_are_one_error_and_the_rest_still_splits() {
        let depth = SHORTCODE_DEPTH + 500;
        let body = format!(
            "{}x\n{}{{{{ procedure(code=\"1\") }}}}\n",
            "{{ callout() }}\n".repeat(depth),
            "{{ end }}\n".repeat(depth)
        );
        let (segs, errs) = split("g.md", &body, 1);
        assert_eq!(errs.len(), 1, "{errs:?}");
        let at = errs[0].location.unwrap();
        assert_eq!(at.line, SHORTCODE_DEPTH + 1);
        assert!(errs[0].message.contains("nested more than"), "{errs:?}");
        let names: Vec<_> = calls(&segs).iter().map(|sc| sc.shortcode.name()).collect();
        assert_eq!(names.len(), SHORTCODE_DEPTH + 1, "{names:?}");
        assert_eq!(
            names.last(),
            Some(&"procedure"),
            "the call after the boxes is found"
        );
    }

    #[test]
    fn calls_past_the_bound_are_one_error_and_left_out() {
        let body = format!(
            "{}{{{{ callout() }}}}\nx\n{{{{ end }}}}\n",
            "{{ procedure(code=\"1\") }} ".repeat(SHORTCODES)
        );
        let (segs, errs) = split("g.md", &body, 1);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].message.contains("more than"), "{errs:?}");
        let at = errs[0].location.unwrap();
        assert_eq!(
            (at.line, at.col),
            (1, SHORTCODES * 26 + 1),
            "the first call too many"
        );
        assert_eq!(calls(&segs).len(), SHORTCODES);
    }

    #[test]
    fn an_argument_given_twice_is_an_error() {
        let errs = errors("g.md", "{{ procedure(code=\"1\", code=\"2\") }}\n", 1);
        assert!(errs[0].message.contains("given twice"));
    }
}
