//! The text of a guide or a free page (bài hướng dẫn, trang): Markdown, with shortcodes that draw
//! catalog data into it, e.g. `{{ procedure(code="1.001193") }}`.
//!
//! `load` reads a body once into these types, with where each call stands; `validate` reports
//! what the reading found wrong ([`Fault`]) and the codes that name nothing; `render` draws each
//! [`Shortcode`] with the theme's `templates/shortcodes/<name>.html`.

use super::Video;
use crate::diagnostics::Location;

/// A body in reading order.
pub type Body = Vec<Block>;

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Markdown(String),
    Call(Call),
}

/// A shortcode where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub shortcode: Shortcode,
    /// From `{{` to `}}`: its line, and its column in characters, in the file.
    pub at: Location,
    /// What is wrong with how it is written, in the order validation reports it.
    pub faults: Vec<Fault>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shortcode {
    /// `procedure(code=…)`: a card with the procedure's name, online level, time, fee and link.
    Procedure { code: String },
    /// `steps(code=…)`: the procedure's steps (trình tự thực hiện).
    Steps { code: String },
    /// `documents(code=…)`: the procedure's checklist (thành phần hồ sơ), case by case.
    Documents { code: String },
    /// `video(youtube=…, title=…)` or `video(file=…, captions=…, poster=…, title=…)`; chapters can
    /// only be listed in a guide's front matter.
    Video(Video),
    /// `callout(kind=…, title=…)` … `{{ end }}`: a box around text.
    Callout(Callout),
    /// A call that cannot be drawn: its name is no shortcode's, or it lacks the code it needs.
    /// Its faults say which; a body with one is never rendered.
    Broken { name: String },
}

/// A box (hộp lưu ý) around text of the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Callout {
    /// As written; none is [`CalloutKind::LuuY`].
    pub kind: Option<CalloutKind>,
    pub title: Option<String>,
    pub body: Body,
}

/// The kinds of callout box; the theme has a label and a look for each (`t.callout.<kind>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalloutKind {
    /// Lưu ý: something to keep in mind.
    LuuY,
    /// Cảnh báo: a risk, such as a scam.
    CanhBao,
    /// Mẹo: a tip that saves a trip.
    Meo,
}

impl CalloutKind {
    pub const ALL: [CalloutKind; 3] = [CalloutKind::LuuY, CalloutKind::CanhBao, CalloutKind::Meo];

    /// The word editors write, and the theme's key.
    pub fn id(self) -> &'static str {
        match self {
            CalloutKind::LuuY => "luu-y",
            CalloutKind::CanhBao => "canh-bao",
            CalloutKind::Meo => "meo",
        }
    }

    pub fn from_id(id: &str) -> Option<CalloutKind> {
        CalloutKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// A mistake in how a call is written.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// The name is no shortcode's.
    UnknownName,
    /// An argument the shortcode does not take.
    UnknownArgument(String),
    /// An argument the shortcode needs.
    MissingArgument(&'static str),
    /// A callout `kind` that is not one of [`CalloutKind::ALL`].
    UnknownKind(String),
}

/// What a shortcode accepts.
pub struct Spec {
    pub name: &'static str,
    pub args: &'static [&'static str],
    pub required: &'static [&'static str],
    /// Whether it wraps text up to `{{ end }}`. The reader must know, since `{{ callout() }}`
    /// alone does not say whether text follows.
    pub has_body: bool,
}

const CODE: &[&str] = &["code"];

pub const SPECS: [Spec; 5] = [
    Spec {
        name: "procedure",
        args: CODE,
        required: CODE,
        has_body: false,
    },
    Spec {
        name: "steps",
        args: CODE,
        required: CODE,
        has_body: false,
    },
    Spec {
        name: "documents",
        args: CODE,
        required: CODE,
        has_body: false,
    },
    Spec {
        name: "video",
        args: &["youtube", "file", "captions", "poster", "title", "duration"],
        // Without a title, the play button is named after the guide or page (see
        // `with_video_titles`).
        required: &[],
        has_body: false,
    },
    Spec {
        name: "callout",
        args: &["kind", "title"],
        required: &[],
        has_body: true,
    },
];

impl Spec {
    pub fn named(name: &str) -> Option<&'static Spec> {
        SPECS.iter().find(|s| s.name == name)
    }
}

impl Shortcode {
    /// The name it is called by.
    pub fn name(&self) -> &str {
        match self {
            Shortcode::Procedure { .. } => "procedure",
            Shortcode::Steps { .. } => "steps",
            Shortcode::Documents { .. } => "documents",
            Shortcode::Video(_) => "video",
            Shortcode::Callout(_) => "callout",
            Shortcode::Broken { name } => name,
        }
    }

    /// The procedure whose data it draws.
    pub fn code(&self) -> Option<&str> {
        match self {
            Shortcode::Procedure { code }
            | Shortcode::Steps { code }
            | Shortcode::Documents { code } => Some(code),
            _ => None,
        }
    }

    /// The text it wraps.
    pub fn body(&self) -> &[Block] {
        match self {
            Shortcode::Callout(c) => &c.body,
            _ => &[],
        }
    }
}

/// `body` with `title` given to its videos that have none: a `video(...)` shortcode is titled
/// by the guide or page it stands in, as a guide's own video is.
pub fn with_video_titles(body: Body, title: &str) -> Body {
    body.into_iter()
        .map(|block| match block {
            Block::Call(mut call) => {
                match &mut call.shortcode {
                    Shortcode::Video(v) if v.title.is_none() => v.title = Some(title.to_owned()),
                    Shortcode::Callout(c) => {
                        c.body = with_video_titles(std::mem::take(&mut c.body), title);
                    }
                    _ => {}
                }
                Block::Call(call)
            }
            text => text,
        })
        .collect()
}

/// Every call of a body, those inside boxes included, in reading order.
pub fn calls(body: &[Block]) -> Vec<&Call> {
    let mut out = Vec::new();
    for block in body {
        if let Block::Call(call) = block {
            out.push(call);
            out.extend(calls(call.shortcode.body()));
        }
    }
    out
}

/// The Markdown of a body, the text inside boxes included; other shortcodes draw catalog data.
pub fn markdown(body: &[Block]) -> Vec<&str> {
    let mut out = Vec::new();
    for block in body {
        match block {
            Block::Markdown(text) => out.push(text.as_str()),
            Block::Call(call) => out.extend(markdown(call.shortcode.body())),
        }
    }
    out
}
