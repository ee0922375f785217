//! Videos on pages. A YouTube video is a facade: a self-hosted poster and a play button, and
//! only a press on it loads the player from youtube-nocookie.com (the theme's `js/video.js`);
//! without JavaScript it is a plain link. A self-hosted video is a `<video preload="none">` with
//! its captions and a chapters track made here from `chapters`.
//!
//! Posters for videos without one and the chapter tracks are files generated once per build,
//! under content-hashed names, before the pages that show them are rendered.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::json;

use crate::catalog::{BaseUrl, Catalog};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::body::calls;
use crate::model::{Block, Shortcode, Video};
use crate::slug::slugify;

use super::jsonld::script_json;
use super::sink::Sink;
use super::theme::{ASSETS, error_chain, hashed_name};

/// The player's address; the privacy-enhanced host sets no cookie until the video plays.
const EMBED: &str = "https://www.youtube-nocookie.com/embed/";
const WATCH: &str = "https://www.youtube.com/watch?v=";
/// The theme template that draws posters for videos that have none.
const POSTER_TEMPLATE: &str = "poster.svg";
/// Characters of a title on one line of a generated poster.
const POSTER_LINE: usize = 34;

/// Files generated for the site's videos: the poster drawn for each title that has none.
#[derive(Default)]
pub struct Media {
    /// Video title → site path of its generated poster.
    posters: HashMap<String, String>,
}

#[derive(Serialize)]
pub struct VideoView {
    /// The element id of the video's figure, unique on its page.
    pub id: String,
    pub title: String,
    pub youtube: Option<String>,
    pub watch_url: Option<String>,
    pub embed_url: Option<String>,
    pub file_url: Option<String>,
    /// The MIME type of `file`, for `<source type>`.
    pub file_type: Option<String>,
    pub captions_url: Option<String>,
    pub chapters_url: Option<String>,
    pub poster_url: Option<String>,
    /// As written ("5:40"), and in seconds.
    pub duration: Option<String>,
    pub seconds: Option<u32>,
    pub chapters: Vec<ChapterView>,
    /// Site paths, for addresses in JSON-LD.
    #[serde(skip)]
    pub poster_path: Option<String>,
    #[serde(skip)]
    pub file_path: Option<String>,
}

#[derive(Serialize)]
pub struct ChapterView {
    pub at: String,
    pub seconds: u32,
    /// Where the chapter ends: the next one's start, or the end of the video.
    pub end: Option<u32>,
    pub title: String,
    /// A plain link to this moment of the video, for pages read without JavaScript.
    pub url: String,
}

impl Media {
    /// Draws a poster for every video without one and writes every chapters track, each once.
    pub fn generate(
        catalog: &Catalog,
        tera: &tera::Tera,
        base: &tera::Context,
        sink: &dyn Sink,
        diags: &Diagnostics,
    ) -> Media {
        let mut media = Media::default();
        let mut tracks = HashSet::new();
        for (video, title) in all_videos(catalog) {
            if video.poster.is_none() && !media.posters.contains_key(&title) {
                match poster_svg(tera, base, &title) {
                    Ok(svg) => {
                        let name = format!("video/{}.svg", slugify(&title));
                        let path = format!("{ASSETS}{}", hashed_name(&name, svg.as_bytes()));
                        sink.write(&path, svg.into_bytes());
                        media.posters.insert(title.clone(), path);
                    }
                    Err(e) => diags.push(Diagnostic::error(
                        format!("templates/{POSTER_TEMPLATE}"),
                        error_chain(&e),
                    )),
                }
            }
            if let Some((path, vtt)) = chapters_track(&video)
                && tracks.insert(path.clone())
            {
                sink.write(&path, vtt.into_bytes());
            }
        }
        media
    }
}

/// Every video of the site with the title it is shown under: guides' own videos (titled by the
/// guide when they have no title) and `video(...)` shortcodes in guides and pages.
fn all_videos(c: &Catalog) -> Vec<(Video, String)> {
    let mut out = Vec::new();
    let bodies = c.guides.iter().map(|g| &g.body);
    for body in bodies.chain(c.pages.iter().map(|p| &p.body)) {
        out.extend(shortcode_videos(body));
    }
    for g in &c.guides {
        if let Some(v) = &g.meta.video {
            out.push((v.clone(), title_of(v, &g.meta.title)));
        }
    }
    out
}

fn shortcode_videos(body: &[Block]) -> impl Iterator<Item = (Video, String)> + '_ {
    calls(body)
        .into_iter()
        .filter_map(|call| match &call.shortcode {
            Shortcode::Video(v) => Some((v.clone(), title_of(v, ""))),
            _ => None,
        })
}

/// Whether a body shows a video, so its page needs the player script.
pub fn has_video(body: &[Block]) -> bool {
    shortcode_videos(body).next().is_some()
}

fn title_of(v: &Video, fallback: &str) -> String {
    v.title.clone().unwrap_or_else(|| fallback.to_owned())
}

/// The theme's poster template, given the title broken into lines.
fn poster_svg(tera: &tera::Tera, base: &tera::Context, title: &str) -> tera::Result<String> {
    let mut t = base.clone();
    t.insert("title", title);
    t.insert("lines", &wrap(title, POSTER_LINE));
    tera.render(POSTER_TEMPLATE, &t)
}

/// Breaks text into lines of at most `width` characters at spaces (a longer word stands alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// A WebVTT chapters track for a self-hosted video with chapters: its site path and text. Each
/// chapter ends where the next begins; the last at the end of the video.
pub fn chapters_track(v: &Video) -> Option<(String, String)> {
    let file = v.file.as_deref()?;
    if v.chapters.is_empty() {
        return None;
    }
    let ends = chapter_ends(v);
    let mut vtt = String::from("WEBVTT\n");
    for (i, (c, end)) in v.chapters.iter().zip(ends).enumerate() {
        let end = end.unwrap_or(c.seconds() + 1);
        vtt.push_str(&format!(
            "\n{}\n{} --> {}\n{}\n",
            i + 1,
            timestamp(c.seconds()),
            timestamp(end),
            cue_text(&c.title)
        ));
    }
    let stem = file.rsplit('/').next().unwrap_or(file);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    let name = format!("video/{}.chapters.vtt", slugify(stem));
    let path = format!("{ASSETS}{}", hashed_name(&name, vtt.as_bytes()));
    Some((path, vtt))
}

fn chapter_ends(v: &Video) -> Vec<Option<u32>> {
    let starts = v.chapters.iter().skip(1).map(|c| Some(c.seconds()));
    starts.chain([v.seconds()]).collect()
}

/// 95 → `00:01:35.000`.
fn timestamp(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    format!("{h:02}:{m:02}:{s:02}.000")
}

/// Cue text is markup in WebVTT: `&` and `<` are escaped, and `-->` may not appear.
fn cue_text(title: &str) -> String {
    title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// 340 → `PT5M40S`, the ISO 8601 durations of schema.org.
pub fn iso_duration(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut out = String::from("PT");
    for (n, unit) in [(h, 'H'), (m, 'M')] {
        if n > 0 {
            out.push_str(&format!("{n}{unit}"));
        }
    }
    if s > 0 || out.len() == 2 {
        out.push_str(&format!("{s}S"));
    }
    out
}

fn file_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()) {
        Some(e) if e == "webm" => "video/webm",
        Some(e) if e == "ogv" => "video/ogg",
        _ => "video/mp4",
    }
}

impl Media {
    /// A video as templates draw it, its addresses under `base`. `id` must be unique on the page;
    /// `fallback` titles a video that has no title of its own (a guide's video takes the guide's
    /// title).
    pub fn view(&self, base: &BaseUrl, v: &Video, id: &str, fallback: &str) -> VideoView {
        let title = title_of(v, fallback);
        let content = |p: &Option<String>| p.as_ref().map(|p| format!("/{p}"));
        let poster_path = content(&v.poster).or_else(|| self.posters.get(&title).cloned());
        let file_path = content(&v.file);
        let file_url = file_path.as_ref().map(|p| base.url(p));
        let ends = chapter_ends(v);
        let chapters = v
            .chapters
            .iter()
            .zip(ends)
            .map(|(ch, end)| {
                let at = ch.seconds();
                let url = match (&v.youtube, &file_url) {
                    (Some(id), _) => format!("{WATCH}{id}&t={at}s"),
                    (None, Some(f)) => format!("{f}#t={at}"),
                    (None, None) => String::new(),
                };
                ChapterView {
                    at: ch.at.clone(),
                    seconds: at,
                    end,
                    title: ch.title.clone(),
                    url,
                }
            })
            .collect();
        VideoView {
            id: id.to_owned(),
            title,
            youtube: v.youtube.clone(),
            watch_url: v.youtube.as_ref().map(|id| format!("{WATCH}{id}")),
            embed_url: v.youtube.as_ref().map(|id| format!("{EMBED}{id}")),
            file_type: v.file.as_deref().map(|f| file_type(f).to_owned()),
            file_url,
            captions_url: content(&v.captions).map(|p| base.url(&p)),
            chapters_url: chapters_track(v).map(|(path, _)| base.url(&path)),
            poster_url: poster_path.as_ref().map(|p| base.url(p)),
            duration: v.duration.clone(),
            seconds: v.seconds(),
            chapters,
            poster_path,
            file_path,
        }
    }
}

/// schema.org VideoObject for a guide's video, its chapters as Clips that link to moments of the
/// video on the guide's page (`page`, under `base`), spoken in the site's `language`.
pub fn jsonld(
    base: &BaseUrl,
    view: &VideoView,
    page: &str,
    description: &str,
    updated: &str,
    language: &str,
) -> String {
    let page_url = base.absolute(page);
    let clips: Vec<_> = view
        .chapters
        .iter()
        .map(|ch| {
            json!({
                "@type": "Clip", "name": ch.title, "startOffset": ch.seconds,
                "endOffset": ch.end, "url": format!("{page_url}#t={}", ch.seconds),
            })
        })
        .collect();
    let ld = json!({
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": view.title,
        "description": description,
        "thumbnailUrl": view.poster_path.as_ref().map(|p| base.absolute(p)),
        "uploadDate": updated,
        "duration": view.seconds.map(iso_duration),
        "embedUrl": view.embed_url,
        "contentUrl": view.file_path.as_ref().map(|p| base.absolute(p)),
        "inLanguage": language,
        "url": page_url,
        "hasPart": clips,
    });
    script_json(ld)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Chapter;

    fn video(chapters: &[(&str, &str)]) -> Video {
        Video {
            youtube: None,
            file: Some("media/tai-khoan.mp4".into()),
            captions: None,
            poster: None,
            title: None,
            duration: Some("3:20".into()),
            chapters: chapters
                .iter()
                .map(|(at, title)| Chapter {
                    at: (*at).into(),
                    title: (*title).into(),
                })
                .collect(),
        }
    }

    #[test]
    fn chapters_track_ends_each_cue_at_the_next_and_the_last_at_the_duration() {
        let (path, vtt) =
            chapters_track(&video(&[("0:00", "Mở đầu"), ("1:30", "Q&A <1>")])).unwrap();
        assert!(path.starts_with("/assets/video/tai-khoan.chapters.") && path.ends_with(".vtt"));
        assert_eq!(
            vtt,
            "WEBVTT\n\n1\n00:00:00.000 --> 00:01:30.000\nMở đầu\n\n2\n00:01:30.000 --> 00:03:20.000\nQ&amp;A &lt;1&gt;\n"
        );
        assert!(chapters_track(&video(&[])).is_none());
    }

    #[test]
    fn durations_in_iso_8601() {
        assert_eq!(iso_duration(340), "PT5M40S");
        assert_eq!(iso_duration(3600), "PT1H");
        assert_eq!(iso_duration(0), "PT0S");
    }

    #[test]
    fn titles_wrap_at_spaces() {
        assert_eq!(
            wrap("Tạo tài khoản và đăng nhập Cổng Dịch vụ công", 20),
            vec!["Tạo tài khoản và", "đăng nhập Cổng Dịch", "vụ công"]
        );
    }
}
