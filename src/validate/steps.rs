//! Trình tự thực hiện as pages show it. A step's text is inline Markdown, but the national
//! database's records carry their own list markers ("- 1. Đơn vị…", "* Người…", "a)", "(ii)", a
//! lone "-"), which Markdown would turn into a list inside each numbered step. Each step is read
//! here once into a [`StepBody`]: markers that repeat the step's own numbering are dropped, lines
//! that are a list become a sub-list, and what else had to change is a [`Change`] that `check`
//! reports. The page, the `steps(...)` shortcode and the leaflet all draw the same body.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Step;

/// What a step says, in parts: text, and the sub-lists between.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StepBody {
    pub parts: Vec<StepPart>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StepPart {
    /// Inline Markdown, one paragraph: nothing in it starts a block.
    Text(String),
    /// Lines of the text that each started with a list marker.
    List(Vec<SubItem>),
}

/// An item of a step's sub-list.
#[derive(Debug, Clone, PartialEq)]
pub struct SubItem {
    /// The item's own label as written ("a)", "(ii)", "2."), kept because the text may refer to
    /// it ("như điểm a"); a bullet ("-", "*", "+") is none, the list draws its own.
    pub label: Option<String>,
    /// Inline Markdown.
    pub text: String,
}

/// Something in a step's text that could not be shown as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The text begins with a label that is not the step's place: kept as text.
    LabelKept { label: String, place: usize },
    /// A line was block Markdown (a heading, a quote…): its words are kept, its marks are not.
    BlockMarks { what: &'static str, line: String },
    /// A line that draws a rule or fences code: left out.
    LineLeftOut { what: &'static str, line: String },
    /// Nothing but markers: the step has no text and no title, and is left out.
    Empty,
}

impl Change {
    pub fn message(&self) -> String {
        match self {
            Change::LabelKept { label, place } => format!(
                "this step begins with its own label `{label}`, but it is step {place} on the page: the label is kept as text"
            ),
            Change::BlockMarks { what, line } => format!(
                "`{line}` is {what}, which a step cannot hold (its text is inline Markdown): shown as plain text"
            ),
            Change::LineLeftOut { what, line } => {
                format!("`{line}` is {what}, which a step cannot hold: left out")
            }
            Change::Empty => {
                "this step is only a list marker, with no text: it is left out of the page".into()
            }
        }
    }

    pub fn help(&self) -> &'static str {
        match self {
            Change::LabelKept { .. } => {
                "the page numbers the steps itself: remove the label, or make the lines it heads a list of this step (one line per item, each starting with `- `)"
            }
            Change::BlockMarks { .. } | Change::LineLeftOut { .. } => {
                "write it as a sentence of the step, or as a list line starting with `- `"
            }
            Change::Empty => "remove the step, or write what is done in it",
        }
    }
}

impl StepBody {
    /// The body of the step at `place` (1 for the first), with what had to change.
    pub fn read(step: &Step, place: usize) -> (StepBody, Vec<Change>) {
        let mut changes = Vec::new();
        let lines = lines(step.text(), &mut changes);
        let lines = lead(lines, place, &mut changes);
        let body = assemble(lines);
        if body.parts.is_empty() && step.title().is_none() {
            changes.push(Change::Empty);
        }
        (body, changes)
    }

    /// The bodies of a procedure's steps, in order.
    pub fn of_steps(steps: &[Step]) -> Vec<StepBody> {
        steps
            .iter()
            .enumerate()
            .map(|(i, s)| StepBody::read(s, i + 1).0)
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }
}

/// One line of a step's text, read.
#[derive(Debug, PartialEq)]
enum Line {
    Blank,
    /// A line that began with list markers: `bullet` when the first was one ("-", "*", "+").
    Marked {
        bullet: bool,
        label: Option<String>,
        text: String,
    },
    Text(String),
}

/// Bullets, as they begin a line: `-`, `*`, `+` (or doubled, "++"), `•`, an en dash.
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-*+]{1,2}|[•–])(?:\s+|$)").expect("regex"));
/// Labels: "1." "1)" "(1)" "a)" "(a)" "đ)" "(ii)"; digits as many as Markdown reads as a list.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,9}[.)]|\(\d{1,9}\)|\(?[a-zđ]\)|\(?[ivx]{1,6}\))(?:\s+|$)").expect("regex")
});
/// Lines Markdown reads as a rule or a setext heading's underline: `---`, `***`, `===`.
static RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:(?:[-*_]\s*){3,}|=+|-{2,})$").expect("regex"));
/// A table's delimiter row, e.g. `|---|:--:|`.
static TABLE_RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$").expect("regex"));
static HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^#{1,6}(?:\s+|$)").expect("regex"));

fn lines(text: &str, changes: &mut Vec<Change>) -> Vec<Line> {
    let mut out = Vec::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            out.push(Line::Blank);
        } else if RULE.is_match(line) || (line.contains('|') && TABLE_RULE.is_match(line)) {
            // Checked before markers: "- - -" is a rule, not a bullet.
            let what = "a horizontal rule";
            changes.push(Change::LineLeftOut {
                what,
                line: line.into(),
            });
        } else if line.starts_with("```") || line.starts_with("~~~") {
            changes.push(Change::LineLeftOut {
                what: "a code fence",
                line: line.into(),
            });
        } else if let Some(marked) = marked(line) {
            // A line of markers alone ("-", "+", "a)") is what remains of a list flattened
            // upstream: it says nothing.
            if !matches!(&marked, Line::Marked { text, .. } if text.is_empty()) {
                out.push(marked);
            }
        } else {
            out.push(Line::Text(inline(line, changes)));
        }
    }
    out
}

/// A line that begins with markers, read; `None` for a line of text.
fn marked(line: &str) -> Option<Line> {
    let mut rest = line;
    let mut bullet = false;
    while let Some(m) = BULLET.find(rest) {
        bullet = true;
        rest = &rest[m.end()..];
    }
    let label = LABEL.find(rest).map(|m| {
        let label = m.as_str().trim().to_owned();
        rest = &rest[m.end()..];
        label
    });
    if !bullet && label.is_none() {
        return None;
    }
    Some(Line::Marked {
        bullet,
        label,
        text: rest.trim().to_owned(),
    })
}

/// A line of text without the marks that would make it a block: headings' `#`, quotes' `>`.
fn inline(line: &str, changes: &mut Vec<Change>) -> String {
    if let Some(m) = HEADING.find(line) {
        changes.push(Change::BlockMarks {
            what: "a heading",
            line: line.into(),
        });
        return line[m.end()..].trim_end_matches('#').trim().to_owned();
    }
    if line.starts_with('>') {
        changes.push(Change::BlockMarks {
            what: "a block quote",
            line: line.into(),
        });
        return line
            .trim_start_matches(|c: char| c == '>' || c.is_whitespace())
            .to_owned();
    }
    line.to_owned()
}

/// The first line's markers are the step's own, unless the lines after it are a list of the
/// same kind ("a) … b) …"), which it then begins. A bullet, or the label of the step's place,
/// is dropped; another label is kept as text, and said.
fn lead(mut lines: Vec<Line>, place: usize, changes: &mut Vec<Change>) -> Vec<Line> {
    let Some(first) = lines.iter().position(|l| *l != Line::Blank) else {
        return lines;
    };
    let Line::Marked {
        bullet,
        label,
        text,
    } = &lines[first]
    else {
        return lines;
    };
    let same_kind_follows = lines[first + 1..].iter().any(
        |l| matches!(l, Line::Marked { bullet: b, label: l, .. } if *b == *bullet && l.is_some() == label.is_some()),
    );
    if same_kind_follows {
        return lines;
    }
    let text = match label {
        Some(label) if !is_place(label, place) => {
            changes.push(Change::LabelKept {
                label: label.clone(),
                place,
            });
            format!("{} {text}", escape_label(label))
        }
        _ => text.clone(),
    };
    let text = inline(&text, changes);
    lines[first] = Line::Text(text);
    lines
}

/// Whether a label numbers the step at `place`: "3." "3)" "(3)", "c)" (in the Vietnamese
/// alphabet of legal texts, a b c d đ e g h i k…, or the Latin one), "(iii)".
fn is_place(label: &str, place: usize) -> bool {
    let core = label.trim_start_matches('(').trim_end_matches(['.', ')']);
    if let Ok(n) = core.parse::<usize>() {
        return n == place;
    }
    const VIETNAMESE: &str = "abcdđeghiklmnopqrstuvxy";
    const LATIN: &str = "abcdefghijklmnopqrstuvwxyz";
    let letter = |alphabet: &str| {
        let mut chars = core.chars();
        let c = chars.next()?;
        chars
            .next()
            .is_none()
            .then(|| alphabet.chars().position(|a| a == c))?
    };
    letter(VIETNAMESE) == Some(place - 1)
        || letter(LATIN) == Some(place - 1)
        || roman(core) == Some(place)
}

fn roman(text: &str) -> Option<usize> {
    let value = |c| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        _ => None,
    };
    let digits: Vec<usize> = text.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, &d) in digits.iter().enumerate() {
        match digits.get(i + 1) {
            Some(&next) if next > d => total -= d as isize,
            _ => total += d as isize,
        }
    }
    usize::try_from(total).ok().filter(|&n| n > 0)
}

/// A label kept as text at the start of a line, so that Markdown does not read it as a list:
/// "1." becomes "1\.".
fn escape_label(label: &str) -> String {
    match label.strip_suffix(['.', ')']) {
        Some(core) if core.chars().all(|c| c.is_ascii_digit()) => {
            format!("{core}\\{}", &label[core.len()..])
        }
        _ => label.to_owned(),
    }
}

/// Lines into parts. As in Markdown, a line of text after an item continues it, and a blank
/// line ends a part.
fn assemble(lines: Vec<Line>) -> StepBody {
    let mut parts: Vec<StepPart> = Vec::new();
    let mut open = false;
    for line in lines {
        match line {
            Line::Blank => open = false,
            Line::Text(text) => match parts.last_mut() {
                Some(StepPart::Text(t)) if open => push_line(t, &text),
                Some(StepPart::List(items)) if open => {
                    let last = items.last_mut().expect("a list has items");
                    push_line(&mut last.text, &text);
                }
                _ => {
                    parts.push(StepPart::Text(text));
                    open = true;
                }
            },
            Line::Marked { label, text, .. } => {
                let item = SubItem { label, text };
                match parts.last_mut() {
                    Some(StepPart::List(items)) if open => items.push(item),
                    _ => parts.push(StepPart::List(vec![item])),
                }
                open = true;
            }
        }
    }
    StepBody { parts }
}

fn push_line(text: &mut String, line: &str) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str, place: usize) -> (StepBody, Vec<Change>) {
        StepBody::read(&Step::Text(text.into()), place)
    }

    fn text(t: &str) -> StepPart {
        StepPart::Text(t.into())
    }

    fn item(label: Option<&str>, t: &str) -> SubItem {
        SubItem {
            label: label.map(str::to_owned),
            text: t.into(),
        }
    }

    #[test]
    fn markers_of_the_steps_place_are_dropped_silently() {
        for (t, place) in [
            ("- 1. Đơn vị cấp cơ sở gửi hồ sơ.", 1),
            ("* Đơn vị cấp cơ sở gửi hồ sơ.", 4),
            ("++ Đơn vị cấp cơ sở gửi hồ sơ.", 2),
            ("c) Đơn vị cấp cơ sở gửi hồ sơ.", 3),
            ("đ) Đơn vị cấp cơ sở gửi hồ sơ.", 5),
            ("(iv) Đơn vị cấp cơ sở gửi hồ sơ.", 4),
            ("2) Đơn vị cấp cơ sở gửi hồ sơ.", 2),
        ] {
            let (b, changes) = body(t, place);
            assert_eq!(b.parts, [text("Đơn vị cấp cơ sở gửi hồ sơ.")], "{t}");
            assert!(changes.is_empty(), "{t}: {changes:?}");
        }
    }

    #[test]
    fn words_that_number_a_step_are_kept() {
        let (b, changes) = body("Bước 2: Nộp hồ sơ.", 1);
        assert_eq!(b.parts, [text("Bước 2: Nộp hồ sơ.")]);
        assert!(changes.is_empty());
    }

    #[test]
    fn a_label_of_another_place_is_kept_as_text_and_said() {
        let (b, changes) = body("1. Trường hợp cấp lại.", 6);
        assert_eq!(b.parts, [text("1\\. Trường hợp cấp lại.")]);
        assert_eq!(
            changes,
            [Change::LabelKept {
                label: "1.".into(),
                place: 6
            }]
        );
        let (b, _) = body("b) Giải quyết.", 1);
        assert_eq!(b.parts, [text("b) Giải quyết.")]);
    }

    #[test]
    fn a_lone_marker_disappears() {
        let titled: Step =
            serde_json::from_str(r#"{"title": "Nộp lệ phí", "text": "-"}"#).expect("a step");
        assert_eq!(StepBody::read(&titled, 1), (StepBody::default(), vec![]));
        let (b, changes) = body("+", 2);
        assert!(b.is_empty());
        assert_eq!(changes, [Change::Empty]);
        let (b, _) = body("Nộp hồ sơ:\n-\n- tại xã", 1);
        assert_eq!(
            b.parts,
            [
                text("Nộp hồ sơ:"),
                StepPart::List(vec![item(None, "tại xã")])
            ]
        );
    }

    #[test]
    fn lines_that_are_a_list_become_a_sub_list() {
        let (b, changes) = body(
            "Nộp hồ sơ theo một trong các cách:\n- qua bưu điện;\n* tại xã;\na) hoặc trực tuyến,\n  có chữ ký số.\n(ii) nộp lệ phí\n\nSau đó chờ.",
            1,
        );
        assert_eq!(
            b.parts,
            [
                text("Nộp hồ sơ theo một trong các cách:"),
                StepPart::List(vec![
                    item(None, "qua bưu điện;"),
                    item(None, "tại xã;"),
                    item(Some("a)"), "hoặc trực tuyến,\ncó chữ ký số."),
                    item(Some("(ii)"), "nộp lệ phí"),
                ]),
                text("Sau đó chờ."),
            ]
        );
        assert!(changes.is_empty());
    }

    #[test]
    fn a_list_from_the_first_line_is_a_list() {
        let (b, changes) = body("a) Nộp hồ sơ;\nb) Nhận kết quả.", 1);
        assert_eq!(
            b.parts,
            [StepPart::List(vec![
                item(Some("a)"), "Nộp hồ sơ;"),
                item(Some("b)"), "Nhận kết quả.")
            ])]
        );
        assert!(changes.is_empty());
    }

    #[test]
    fn block_markdown_keeps_its_words_and_is_said() {
        let (b, changes) = body("Nhận thẻ.\n# Lưu ý ##\n> Mang giấy hẹn.\n---\n```", 1);
        assert_eq!(b.parts, [text("Nhận thẻ.\nLưu ý\nMang giấy hẹn.")]);
        let whats: Vec<_> = changes
            .iter()
            .map(|c| match c {
                Change::BlockMarks { what, .. } | Change::LineLeftOut { what, .. } => *what,
                _ => "",
            })
            .collect();
        assert_eq!(
            whats,
            [
                "a heading",
                "a block quote",
                "a horizontal rule",
                "a code fence"
            ]
        );
    }

    #[test]
    fn emphasis_and_numbers_are_not_markers() {
        for t in [
            "**Lưu ý**: mang CCCD.",
            "-5% lệ phí khi nộp trực tuyến.",
            "5.2.1. Cách thức nộp",
            "2024 là năm",
        ] {
            let (b, changes) = body(t, 1);
            assert_eq!(b.parts, [text(t)], "{t}");
            assert!(changes.is_empty(), "{t}");
        }
    }

    /// What the body's text parts hold is one paragraph of inline Markdown, whatever the input.
    #[test]
    fn text_parts_are_inline() {
        use pulldown_cmark::{Event, Parser, Tag};
        let input =
            "3. a\n# b\n> c\n- d\n1) e\n===\nf\n| x | y |\n|---|---|\n    g\n+ h\n2000000000. i";
        let (b, _) = body(input, 1);
        let texts = b.parts.iter().flat_map(|p| match p {
            StepPart::Text(t) => vec![t.clone()],
            StepPart::List(items) => items.iter().map(|i| i.text.clone()).collect(),
        });
        for t in texts {
            for e in Parser::new_ext(&t, pulldown_cmark::Options::ENABLE_TABLES) {
                if let Event::Start(tag) = e {
                    assert!(
                        !matches!(
                            tag,
                            Tag::Heading { .. }
                                | Tag::BlockQuote(_)
                                | Tag::List(_)
                                | Tag::CodeBlock(_)
                                | Tag::Table(_)
                        ),
                        "{t:?} starts {tag:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman("iv"), Some(4));
        assert_eq!(roman("ix"), Some(9));
        assert_eq!(roman("xiii"), Some(13));
        assert_eq!(roman("ab"), None);
    }
}
