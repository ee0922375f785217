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
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Video {
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{11}$"))]
    pub youtube: Option<String>,
    /// A path under content/, e.g. media/khai-sinh.mp4.
    pub file: Option<String>,
    /// Vietnamese captions of a self-hosted video: a WebVTT file under content/.
    pub captions: Option<String>,
    /// An image under content/, shown before the video plays; without one, a poster is drawn
    /// with the title.
    pub poster: Option<String>,
    /// Names the play button; the guide's title when missing.
    pub title: Option<String>,
    /// "4:30"; needed with chapters, where the last one ends.
    #[schemars(regex(pattern = r"^\d{1,2}(:\d{2}){1,2}$"))]
    pub duration: Option<String>,
    #[serde(default)]
    pub chapters: Vec<Chapter>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// "0:35": where the chapter starts. Chapters are listed in playing order.
    #[schemars(regex(pattern = r"^\d{1,2}(:\d{2}){1,2}$"))]
    pub at: String,
    pub title: String,
}

impl Video {
    /// The length in seconds, when `duration` is given and readable.
    pub fn seconds(&self) -> Option<u32> {
        self.duration.as_deref().and_then(|d| clock_seconds(d).ok())
    }
}

impl Chapter {
    /// Where the chapter starts, in seconds (0 when `at` is unreadable; validation reports it).
    pub fn seconds(&self) -> u32 {
        clock_seconds(&self.at).unwrap_or(0)
    }
}

/// Seconds of a time as editors write it: "4:30" (minutes and seconds) or "1:02:15".
pub fn clock_seconds(at: &str) -> Result<u32, String> {
    let parts: Vec<&str> = at.split(':').collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    let bad = || format!("`{at}` is not a time such as \"4:30\" or \"1:02:15\"");
    let numbers = numbers
        .filter(|n| (2..=3).contains(&n.len()))
        .ok_or_else(bad)?;
    if parts[1..].iter().any(|p| p.len() != 2) || numbers[1..].iter().any(|&n| n > 59) {
        return Err(format!(
            "`{at}` is not a time: write minutes and seconds as two digits each, 00 to 59"
        ));
    }
    Ok(numbers.iter().fold(0, |acc, n| acc * 60 + n))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_read_as_seconds() {
        assert_eq!(clock_seconds("0:35"), Ok(35));
        assert_eq!(clock_seconds("5:40"), Ok(340));
        assert_eq!(clock_seconds("1:02:15"), Ok(3735));
        assert!(clock_seconds("1:75").unwrap_err().contains("00 to 59"));
        assert!(clock_seconds("1:5").is_err());
        assert!(clock_seconds("90").is_err());
    }
}
