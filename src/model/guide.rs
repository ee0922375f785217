//! Front matter of guides (hướng dẫn) and free pages.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Date;

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GuideMeta {
    #[schemars(length(min = 1))]
    pub title: String,
    pub summary: Option<String>,
    /// Codes of the procedures this guide explains.
    #[serde(default)]
    pub procedures: Vec<String>,
    pub video: Option<Video>,
    pub updated: Date,
    #[serde(default)]
    pub draft: bool,
}

/// A tutorial video: on YouTube (`youtube: id`) or self-hosted (`file`, `captions`, `poster`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Video {
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{11}$"))]
    pub youtube: Option<String>,
    /// A path under content/, e.g. media/khai-sinh.mp4.
    pub file: Option<String>,
    /// A WebVTT file under content/.
    pub captions: Option<String>,
    /// An image under content/, shown before the video plays.
    pub poster: Option<String>,
    pub title: Option<String>,
    /// "4:30".
    #[schemars(regex(pattern = r"^\d{1,2}(:\d{2}){1,2}$"))]
    pub duration: Option<String>,
    #[serde(default)]
    pub chapters: Vec<Chapter>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// "0:35".
    #[schemars(regex(pattern = r"^\d{1,2}(:\d{2}){1,2}$"))]
    pub at: String,
    pub title: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    #[schemars(length(min = 1))]
    pub title: String,
    pub summary: Option<String>,
    pub updated: Option<Date>,
    #[serde(default)]
    pub draft: bool,
}
