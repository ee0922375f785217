//! Videos, in a guide's front matter or a `video(...)` shortcode: one source, files that exist and
//! are what they claim to be, and chapters a player can follow.

use crate::load::Sources;
use crate::model::{Video, clock_seconds};

use super::paths::check_content_path;

/// Extensions of the video files browsers play without plugins.
const VIDEO_FILES: [&str; 4] = ["mp4", "m4v", "webm", "ogv"];
const IMAGES: [&str; 6] = ["jpg", "jpeg", "png", "webp", "avif", "svg"];

/// One problem with a video, at a JSON pointer below the video (`/chapters/2/at`; empty for the
/// video as a whole).
#[derive(Debug)]
pub struct Problem {
    pub pointer: String,
    pub message: String,
    pub warning: bool,
}

impl Problem {
    fn error(pointer: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            pointer: pointer.into(),
            message: message.into(),
            warning: false,
        }
    }
}

/// Every problem of `video`, in the order of its fields.
pub fn check(video: &Video, sources: &Sources) -> Vec<Problem> {
    let mut out = Vec::new();
    source(video, &mut out);
    let files = [
        ("file", &video.file, &VIDEO_FILES[..]),
        ("captions", &video.captions, &["vtt"][..]),
        ("poster", &video.poster, &IMAGES[..]),
    ];
    for (key, path, exts) in files {
        if let Some(path) = path
            && let Err(m) = file(path, exts, sources)
        {
            out.push(Problem::error(format!("/{key}"), m));
        }
    }
    if let (Some(_), Some(_)) = (&video.youtube, &video.captions) {
        out.push(Problem::error(
            "/captions",
            "`captions` are for self-hosted videos; YouTube shows the subtitles uploaded there",
        ));
    }
    if let (Some(_), None) = (&video.file, &video.captions) {
        out.push(Problem {
            warning: true,
            ..Problem::error(
                "",
                "a self-hosted video should have Vietnamese `captions` (a .vtt file)",
            )
        });
    }
    chapters(video, &mut out);
    out
}

/// Exactly one of `youtube` and `file`, and a YouTube id of the right shape.
fn source(video: &Video, out: &mut Vec<Problem>) {
    match (&video.youtube, &video.file) {
        (Some(_), Some(_)) => out.push(Problem::error(
            "/file",
            "a video is either `youtube` or `file`, not both: keep the one citizens should watch",
        )),
        (None, None) => out.push(Problem::error(
            "",
            "a video needs `youtube: <id>` or `file: media/….mp4`",
        )),
        (Some(id), None) if !is_youtube_id(id) => out.push(Problem::error(
            "/youtube",
            format!("`{id}` is not a YouTube video id (11 letters, digits, - or _ after watch?v=)"),
        )),
        _ => {}
    }
}

fn is_youtube_id(id: &str) -> bool {
    id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A file under content/ with one of `exts`; a captions file must also be WebVTT inside.
fn file(path: &str, exts: &[&str], sources: &Sources) -> Result<(), String> {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !exts.contains(&ext.as_str()) {
        return Err(format!("`{path}` should be a .{} file", exts.join(", .")));
    }
    check_content_path(path, sources)?;
    if ext == "vtt" && !is_webvtt(&sources.files[path].path) {
        return Err(format!(
            "content/{path} is not WebVTT: its first line must be `WEBVTT`"
        ));
    }
    Ok(())
}

fn is_webvtt(path: &std::path::Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    text.starts_with(b"WEBVTT")
        && text
            .get(6)
            .is_none_or(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// Chapters start in playing order, each before the end of the video, whose `duration` must be
/// known: it is where the last chapter ends.
fn chapters(video: &Video, out: &mut Vec<Problem>) {
    let duration = video.duration.as_deref().map(clock_seconds);
    if let Some(Err(m)) = &duration {
        out.push(Problem::error("/duration", m.clone()));
    }
    let duration = duration.and_then(Result::ok);
    if !video.chapters.is_empty() && video.duration.is_none() {
        out.push(Problem::error(
            "/chapters",
            "chapters need the video's `duration` (e.g. \"4:30\"): it is where the last chapter ends",
        ));
    }
    let mut previous: Option<(u32, &str)> = None;
    for (i, chapter) in video.chapters.iter().enumerate() {
        let pointer = format!("/chapters/{i}/at");
        let at = match clock_seconds(&chapter.at) {
            Ok(at) => at,
            Err(m) => {
                out.push(Problem::error(pointer, m));
                continue;
            }
        };
        if let Some((before, text)) = previous
            && at <= before
        {
            out.push(Problem::error(
                &pointer,
                format!(
                    "`{}` does not come after the chapter before it (`{text}`): list chapters in the order they play",
                    chapter.at
                ),
            ));
        }
        if let Some(end) = duration
            && at >= end
        {
            out.push(Problem::error(
                &pointer,
                format!(
                    "`{}` is not before the end of the video (`duration: {}`)",
                    chapter.at,
                    video.duration.as_deref().unwrap_or_default()
                ),
            ));
        }
        previous = Some((at, &chapter.at));
    }
}
