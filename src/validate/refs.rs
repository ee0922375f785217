//! Ids and codes that one file uses and another defines.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::shortcode::Segment;
use crate::load::{Loaded, MarkdownFile, Sources, Unreadable, did_you_mean};
use crate::model::GuideMeta;

use super::paths::{check_content_path, check_url};

/// The ids of one registry file, for lookups with "did you mean".
pub struct Registry {
    kind: &'static str,
    ids: Vec<String>,
    /// False when the registry file could not be read: then no reference to it is judged.
    complete: bool,
}

impl Registry {
    /// Collects ids, reporting any defined twice.
    pub fn new<T>(
        kind: &'static str,
        items: &[Loaded<T>],
        id: impl Fn(&T) -> &String,
        unreadable: &Unreadable,
        diags: &Diagnostics,
    ) -> Registry {
        let mut first: HashMap<&str, &Loaded<T>> = HashMap::new();
        for item in items {
            let key = id(&item.item).as_str();
            if let Some(prev) = first.get(key) {
                let line = prev
                    .loc("/id")
                    .map_or(String::new(), |l| format!(" at line {}", l.line));
                diags.push(item.error(
                    "/id",
                    format!("the {kind} id `{key}` is already defined{line}"),
                ));
            } else {
                first.insert(key, item);
            }
        }
        let mut ids: Vec<String> = items.iter().map(|i| id(&i.item).clone()).collect();
        ids.extend(unreadable.ids.iter().cloned());
        let file = Registry::file_of(kind);
        Registry {
            kind,
            ids,
            complete: !unreadable.registries.contains(file),
        }
    }

    /// `Ok` if `id` is defined; otherwise the message for the editor.
    pub fn check(&self, id: &str) -> Result<(), Diagnostic> {
        if !self.complete || self.ids.iter().any(|i| i == id) {
            return Ok(());
        }
        let d = Diagnostic::error("", format!("there is no {} with the id `{id}`", self.kind));
        Err(
            match did_you_mean(id, self.ids.iter().map(String::as_str)) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d.help(format!(
                    "the {} ids are defined in content/{}",
                    self.kind,
                    Registry::file_of(self.kind)
                )),
            },
        )
    }

    fn file_of(kind: &str) -> &'static str {
        match kind {
            "field" => "fields.yaml",
            "agency" => "agencies.yaml",
            _ => "life-events.yaml",
        }
    }
}

/// Procedure codes in the catalog, and whether each is a draft.
pub type Codes = HashMap<String, bool>;

/// Looks up a procedure code named by another file.
pub fn check_code(code: &str, codes: &Codes) -> Result<(), String> {
    if codes.contains_key(code) {
        return Ok(());
    }
    let hint = did_you_mean(code, codes.keys().map(String::as_str))
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    Err(format!("no procedure has the code `{code}`{hint}"))
}

pub fn check_guide(
    guide: &MarkdownFile<GuideMeta>,
    codes: &Codes,
    drafts: bool,
    sources: &Sources,
    diags: &Diagnostics,
) {
    let meta = &guide.meta;
    for (i, code) in meta.item.procedures.iter().enumerate() {
        if let Err(m) = check_code(code, codes) {
            diags.push(meta.error(&format!("/procedures/{i}"), m));
        }
    }
    if let Some(video) = &meta.item.video {
        match (&video.youtube, &video.file) {
            (Some(_), Some(_)) => {
                diags.push(meta.error("/video", "a video is either `youtube` or `file`, not both"))
            }
            (None, None) => diags.push(meta.error(
                "/video",
                "a video needs `youtube: <id>` or `file: media/….mp4`",
            )),
            _ => {}
        }
        for (key, path) in [
            ("file", &video.file),
            ("captions", &video.captions),
            ("poster", &video.poster),
        ] {
            if let Some(path) = path
                && let Err(m) = check_content_path(path, sources)
            {
                diags.push(meta.error(&format!("/video/{key}"), m));
            }
        }
        if video.file.is_some() && video.captions.is_none() {
            diags.push(meta.warning(
                "/video",
                "a self-hosted video should have Vietnamese `captions` (a .vtt file)",
            ));
        }
    }
    check_shortcodes(&meta.file, &guide.body, codes, drafts, diags);
}

/// Shortcodes that name catalog data must name data that exists in this build: a card for a
/// draft would be an empty box on the published page.
pub fn check_shortcodes(
    file: &str,
    body: &[Segment],
    codes: &Codes,
    drafts: bool,
    diags: &Diagnostics,
) {
    for seg in body {
        let Segment::Shortcode(sc) = seg else {
            continue;
        };
        let at = || {
            Some(crate::diagnostics::Location {
                line: sc.line,
                col: 1,
                offset: 0,
                len: 0,
            })
        };
        let problem = match sc.name.as_str() {
            "procedure" => match sc.arg("code") {
                Some(code) if codes.get(code) == Some(&true) && !drafts => Some(format!(
                    "`{code}` is a draft and not published in this build; publish it, or preview with --drafts"
                )),
                Some(code) => check_code(code, codes).err(),
                None => Some("the `procedure` shortcode needs `code=\"…\"`".to_owned()),
            },
            "video" => match (sc.arg("youtube"), sc.arg("file")) {
                (Some(id), _) if id.len() != 11 => {
                    Some(format!("`{id}` is not a YouTube video id (11 characters)"))
                }
                (Some(_), _) => None,
                (None, Some(f)) => check_url(f).err().filter(|_| !f.starts_with("media/")),
                (None, None) => Some(
                    "the `video` shortcode needs `youtube=\"…\"` or `file=\"media/…\"`".to_owned(),
                ),
            },
            other => {
                let hint = did_you_mean(other, ["procedure", "video"]).unwrap_or("procedure");
                Some(format!(
                    "unknown shortcode `{other}`; did you mean `{hint}`?"
                ))
            }
        };
        if let Some(message) = problem {
            diags.push(Diagnostic::error(file, message).at(at()));
        }
    }
}
