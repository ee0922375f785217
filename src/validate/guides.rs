//! Guides: the codes and the video in their front matter, and the shortcodes of their text.

use crate::diagnostics::Diagnostics;
use crate::load::{MarkdownFile, Sources};
use crate::model::GuideMeta;

use super::refs::{Codes, check_code};
use super::{shortcodes, video};

pub fn check(
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
        for p in video::check(video, sources) {
            let pointer = format!("/video{}", p.pointer);
            diags.push(if p.warning {
                meta.warning(&pointer, p.message)
            } else {
                meta.error(&pointer, p.message)
            });
        }
    }
    shortcodes::check(&meta.file, &guide.body, codes, drafts, sources, diags);
}
