//! site.toml: the settings of one site.

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Location};

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub description: Option<String>,
    /// A short line shown above every page, e.g. that the data is a sample or a service notice.
    pub notice: Option<String>,
    /// Absolute address the site is published under; links, the sitemap and QR codes use it.
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    pub portal: Portal,
    #[serde(default)]
    pub contact: Contact,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    #[serde(default)]
    pub review: ReviewConfig,
    #[serde(default)]
    pub leaflet: LeafletConfig,
}

/// The live submission portal.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Portal {
    pub name: String,
    pub url: String,
    /// A procedure's page on the portal; `{code}` is replaced by the procedure's code.
    pub procedure_url: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub hotline: Option<String>,
    pub email: Option<String>,
    pub zalo: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Raw HTML tags allowed through in Markdown (e.g. `kbd`, `abbr`); everything else is dropped.
    #[serde(default)]
    pub allow_html: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewConfig {
    /// `check` warns about procedures last reviewed longer ago than this.
    #[serde(default = "default_review_days")]
    pub max_age_days: u32,
}

impl Default for ReviewConfig {
    fn default() -> Self {
        ReviewConfig {
            max_age_days: default_review_days(),
        }
    }
}

/// Printed leaflets (tờ gấp) handed out at the counters.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeafletConfig {
    /// `tri-fold` (A4 landscape, folded in three; the default) or `portrait` (one A4 page).
    #[serde(default)]
    pub layout: LeafletLayout,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LeafletLayout {
    /// A4 landscape printed on both sides and folded in three: panels of about 97, 100 and 100 mm.
    #[default]
    TriFold,
    /// A4 portrait, one side.
    Portrait,
}

/// The address the site is published under, parsed once: what every link, the sitemap and the
/// QR codes are made from.
#[derive(Debug, Clone)]
pub struct BaseUrl {
    /// Scheme, host and port, e.g. `https://thutuc.example.gov.vn`.
    origin: String,
    /// The path the site lives under, always with a trailing slash: `/` or `/thutuc/`.
    prefix: String,
}

impl BaseUrl {
    /// Validation has checked `base_url` is an http(s) address; text that is not one (only
    /// possible in tests) gives a site at the root of an origin named by the text.
    pub fn new(base_url: &str) -> BaseUrl {
        match url::Url::parse(base_url) {
            Ok(url) => {
                let path = url.path().trim_end_matches('/');
                BaseUrl {
                    origin: url.origin().ascii_serialization(),
                    prefix: format!("{path}/"),
                }
            }
            Err(_) => BaseUrl {
                origin: base_url.trim_end_matches('/').to_owned(),
                prefix: "/".to_owned(),
            },
        }
    }

    /// A site path (`/thu-tuc/x/`) as a link on the site (`/thutuc/thu-tuc/x/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.prefix, path.trim_start_matches('/'))
    }

    /// A site path as a full address, for sitemaps, feeds and QR codes.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.origin, self.url(path))
    }

    /// The path the site lives under: `/` or `/thutuc/`.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Scheme, host and port, without the site's path.
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

fn default_language() -> String {
    "vi".into()
}

fn default_theme() -> String {
    "default".into()
}

fn default_review_days() -> u32 {
    365
}

/// Where the value of a key such as `portal.url` or `markdown.allow_html[0]` stands in the text of
/// site.toml, for messages about it; the key itself when the value is not there.
pub fn locate(text: &str, key: &str) -> Option<Location> {
    let doc = toml::de::DeTable::parse(text).ok()?;
    let mut table = doc.get_ref();
    let mut span = None;
    let mut parts = key.split('.').peekable();
    while let Some(part) = parts.next() {
        let (name, index) = match part.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        let (_, mut value) = table.iter().find(|(k, _)| k.get_ref() == name)?;
        if let Some(i) = index {
            value = value.get_ref().as_array()?.get(i)?;
        }
        span = Some(value.span());
        if parts.peek().is_some() {
            table = value.get_ref().as_table()?;
        }
    }
    let span = span?;
    Some(Location::at_offset(text, span.start, span.len()))
}

/// toml reports a misspelt key as "unknown field `titel`, expected one of `title`, …"; turn that
/// into the key and a "did you mean".
fn unknown_key_hint(message: &str) -> Option<(String, String)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let hint = match crate::diagnostics::did_you_mean(key, expected.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("the keys allowed here are: {}", expected.join(", ")),
    };
    Some((key.to_owned(), hint))
}

impl SiteConfig {
    /// Reads `site.toml`; the error names the line and key.
    pub fn load(path: &Path, text: &str) -> Result<SiteConfig, Diagnostic> {
        let file = path
            .file_name()
            .map_or("site.toml".into(), |f| f.to_string_lossy().into_owned());
        toml::from_str::<SiteConfig>(text).map_err(|e| {
            let loc = e
                .span()
                .map(|s| Location::at_offset(text, s.start, s.end - s.start));
            let message = e.message().trim();
            let d = Diagnostic::error(file, message.to_owned()).at(loc);
            match unknown_key_hint(message) {
                Some((key, hint)) => {
                    let message = format!("unknown key `{key}`");
                    Diagnostic { message, ..d }.field(key).help(hint)
                }
                None => d,
            }
        })
    }

    /// `base_url`, parsed.
    pub fn base(&self) -> BaseUrl {
        BaseUrl::new(&self.base_url)
    }

    /// The portal page of a procedure: its own `portal_url`, else `procedure_url` with the code.
    pub fn portal_link(&self, code: &str, own: Option<&str>) -> String {
        own.map(str::to_owned)
            .or_else(|| {
                self.portal
                    .procedure_url
                    .as_ref()
                    .map(|u| u.replace("{code}", code))
            })
            .unwrap_or_else(|| self.portal.url.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_with_and_without_a_path() {
        let b = BaseUrl::new("https://a.gov.vn");
        assert_eq!(b.url("/thu-tuc/x/"), "/thu-tuc/x/");
        assert_eq!(b.absolute("/p/1/"), "https://a.gov.vn/p/1/");
        let b = BaseUrl::new("https://a.gov.vn/tthc/");
        assert_eq!(b.url("/thu-tuc/x/"), "/tthc/thu-tuc/x/");
        assert_eq!(b.absolute("/"), "https://a.gov.vn/tthc/");
    }

    #[test]
    fn base_urls_are_read_as_addresses() {
        let b = BaseUrl::new("https://A.gov.vn:8443/tthc?x=1#top");
        assert_eq!(b.absolute("/p/1/"), "https://a.gov.vn:8443/tthc/p/1/");
        assert_eq!(BaseUrl::new("http://127.0.0.1:1111/").prefix(), "/");
    }

    #[test]
    fn keys_are_found_in_tables_inline_tables_and_lists() {
        let text = "title = \"A\"\n\n[portal]\nname = \"P\"\nurl = \"ftp://x\"\n\n[markdown]\nallow_html = [\"kbd\", \"script\"]\ncontact = { email = \"x\" }\n";
        let at = |key: &str| locate(text, key).map(|l| (l.line, l.col));
        assert_eq!(at("title"), Some((1, 9)));
        assert_eq!(at("portal.url"), Some((5, 7)));
        assert_eq!(at("markdown.allow_html[1]"), Some((8, 22)));
        assert_eq!(at("markdown.contact.email"), Some((9, 21)));
        assert_eq!(at("portal.missing"), None);
    }
}
