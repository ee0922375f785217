//! The theme: Tera templates, interface strings and static assets, with site-level overrides.
//!
//! A site's own `templates/` and `static/` win over the theme's file by file. Assets are published
//! under content-hashed names, so browsers can cache them for a year. The default theme is also
//! built into the binary, used when a site has no `themes/default/` folder of its own.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tera::Tera;

use crate::catalog::BaseUrl;
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::load::walk::SiteRoot;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

pub struct Theme {
    pub tera: Tera,
    /// Interface text (`themes/<name>/strings.toml`), handed to every template as `t`.
    pub strings: Value,
    /// Published assets: site path (hashed) → where the bytes come from.
    pub assets: Vec<(String, Source)>,
}

/// A theme file: on disk, or built into the binary.
#[derive(Debug, Clone)]
pub enum Source {
    File(PathBuf),
    Embedded(&'static [u8]),
}

impl Source {
    pub fn read(&self) -> std::io::Result<Cow<'static, [u8]>> {
        match self {
            Source::File(p) => std::fs::read(p).map(Cow::Owned),
            Source::Embedded(b) => Ok(Cow::Borrowed(b)),
        }
    }

    fn name(&self, root: &Path, rel: &str) -> String {
        match self {
            Source::File(p) => display_path(root, p),
            Source::Embedded(_) => format!("(built-in theme) {rel}"),
        }
    }
}

pub const ASSETS: &str = "/assets/";

/// A file of the built-in default theme, e.g. `archetypes/procedure.yaml`.
pub fn builtin(rel: &str) -> Option<&'static [u8]> {
    embedded::FILES
        .iter()
        .find(|(p, _)| *p == rel)
        .map(|(_, b)| *b)
}

impl Theme {
    pub fn load(root: &Path, name: &str, base: &BaseUrl, diags: &Diagnostics) -> Option<Theme> {
        // Validation has checked the name, and that the folder exists unless it is `default`.
        let theme_dir = root.join("themes").join(name);
        let site = SiteRoot::new(root);
        let overlay = |sub: &str| overlay(&site, &theme_dir, sub, diags);
        let templates = overlay("templates");
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        tera.set_escape_fn(escape);
        let mut sources = Vec::new();
        for (rel, source) in &templates {
            match source.read() {
                Ok(bytes) => sources.push((
                    rel.clone(),
                    crate::source::text::normalize(&String::from_utf8_lossy(&bytes)),
                )),
                Err(e) => diags.push(Diagnostic::error(
                    source.name(root, rel),
                    format!("cannot read: {e}"),
                )),
            }
        }
        if let Err(e) = tera.add_raw_templates(sources) {
            diags.push(Diagnostic::error(
                format!("themes/{name}/templates"),
                error_chain(&e),
            ));
            return None;
        }
        let strings = load_strings(root, &theme_dir, diags)?;
        let statics = overlay("static");
        let mut assets = Vec::new();
        let mut urls = BTreeMap::new();
        for (rel, source) in statics {
            let bytes = match source.read() {
                Ok(bytes) => bytes,
                Err(e) => {
                    let name = source.name(root, &rel);
                    diags.push(Diagnostic::error(name, format!("cannot read: {e}")));
                    continue;
                }
            };
            let hashed = hashed_name(&rel, &bytes);
            urls.insert(rel, base.url(&format!("{ASSETS}{hashed}")));
            assets.push((format!("{ASSETS}{hashed}"), source));
        }
        tera.register_function("asset", AssetFn(urls));
        tera.register_function("url", UrlFn(base.clone()));
        tera.register_filter("vi_date", vi_date);
        tera.register_filter("number", super::views::Numbers::of(&strings));
        tera.register_filter("shorten", shorten_filter);
        Some(Theme {
            tera,
            strings,
            assets,
        })
    }
}

/// Files of the theme's `sub` folder and of the site's override folder of the same name, by
/// relative path, the site's winning. A missing `themes/default` falls back to the built-in copy.
fn overlay(
    site: &SiteRoot,
    theme_dir: &Path,
    sub: &str,
    diags: &Diagnostics,
) -> BTreeMap<String, Source> {
    let mut files = BTreeMap::new();
    if theme_dir.is_dir() {
        files.extend(walk(site, &theme_dir.join(sub), diags));
    } else {
        let prefix = format!("{sub}/");
        for (path, bytes) in embedded::FILES {
            if let Some(rel) = path.strip_prefix(&prefix) {
                files.insert(rel.to_owned(), Source::Embedded(bytes));
            }
        }
    }
    files.extend(walk(site, &site.path().join(sub), diags));
    files
}

fn walk(site: &SiteRoot, dir: &Path, diags: &Diagnostics) -> Vec<(String, Source)> {
    site.files(dir, diags)
        .into_iter()
        .filter_map(|path| {
            let rel = path
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((rel, Source::File(path)))
        })
        .collect()
}

fn load_strings(root: &Path, theme_dir: &Path, diags: &Diagnostics) -> Option<Value> {
    let path = theme_dir.join("strings.toml");
    let file = display_path(root, &path);
    let source = if theme_dir.is_dir() {
        Source::File(path)
    } else {
        Source::Embedded(builtin("strings.toml").unwrap_or_default())
    };
    let text = match source.read() {
        Ok(t) => crate::source::text::normalize(&String::from_utf8_lossy(&t)),
        Err(e) => {
            diags.push(Diagnostic::error(
                file,
                format!("the theme's interface strings cannot be read: {e}"),
            ));
            return None;
        }
    };
    match toml::from_str::<Value>(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            let loc = e
                .span()
                .map(|s| crate::diagnostics::Location::at_offset(&text, s.start, s.len()));
            diags.push(Diagnostic::error(file, e.message().to_owned()).at(loc));
            None
        }
    }
}

/// `css/style.css` → `css/style.3f2a9c1b0d.css`.
pub(super) fn hashed_name(rel: &str, bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    let short = &hash.as_str()[..10];
    match rel.rsplit_once('.') {
        Some((stem, ext)) if !stem.ends_with('/') => format!("{stem}.{short}.{ext}"),
        _ => format!("{rel}.{short}"),
    }
}

/// Tera's errors nest; editors need the whole chain (template, line, the missing variable).
pub fn error_chain(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

/// Escapes what HTML and XML text and attribute values need, and no more: Tera's default also
/// turns every `/` into `&#x2F;`, which makes addresses in the feed and pages hard to read.
/// The one escaper of the application: the preview's error overlay uses it too.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

struct AssetFn(BTreeMap<String, String>);

impl tera::Function for AssetFn {
    fn call(&self, args: &std::collections::HashMap<String, Value>) -> tera::Result<Value> {
        let path = args
            .get("path")
            .and_then(Value::as_str)
            .ok_or("asset() needs path=\"css/…\"")?;
        self.0
            .get(path)
            .map(|u| Value::String(u.clone()))
            .ok_or_else(|| {
                format!("asset(path=\"{path}\"): no such file in the theme's static/").into()
            })
    }

    fn is_safe(&self) -> bool {
        true
    }
}

struct UrlFn(BaseUrl);

impl tera::Function for UrlFn {
    fn call(&self, args: &std::collections::HashMap<String, Value>) -> tera::Result<Value> {
        let path = args
            .get("path")
            .and_then(Value::as_str)
            .ok_or("url() needs path=\"/…\"")?;
        Ok(Value::String(self.0.url(path)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `2024-10-05` → `05/10/2024`, the way dates are written in Vietnam.
fn vi_date(value: &Value, _: &std::collections::HashMap<String, Value>) -> tera::Result<Value> {
    let s = value.as_str().ok_or("vi_date expects a YYYY-MM-DD date")?;
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => Ok(Value::String(format!("{d}/{m}/{y}"))),
        _ => Err(format!("vi_date: `{s}` is not YYYY-MM-DD").into()),
    }
}

/// `{{ name | shorten(chars=120) }}`: the text cut to at most `chars` characters (not bytes),
/// the ellipsis included, for a `<title>`, a breadcrumb or a card. Real names run to 1,100
/// characters; the page's own heading keeps the whole name.
fn shorten_filter(
    value: &Value,
    args: &std::collections::HashMap<String, Value>,
) -> tera::Result<Value> {
    let text = value.as_str().ok_or("shorten expects text")?;
    let chars = args
        .get("chars")
        .and_then(Value::as_u64)
        .ok_or("shorten needs chars=<how many characters>")?;
    let chars = usize::try_from(chars).unwrap_or(usize::MAX);
    Ok(Value::String(shorten(text, chars).into_owned()))
}

/// The text cut at the last word boundary that leaves room for "…" within `chars` characters,
/// the punctuation before the cut dropped. A text that fits is returned as it is. Never cuts
/// inside a word: a first word longer than `chars` is kept whole.
pub fn shorten(text: &str, chars: usize) -> Cow<'_, str> {
    let text = text.trim();
    if text.chars().count() <= chars {
        return Cow::Borrowed(text);
    }
    // Byte offset of the character that would be the first past the room left for "…".
    let limit = text
        .char_indices()
        .nth(chars.saturating_sub(1))
        .map_or(text.len(), |(at, _)| at);
    let head = &text[..limit];
    // Within the room, the last space that ends a word; the room itself ends a word when the
    // text goes on with a space there.
    let cut = if text[limit..].starts_with(char::is_whitespace) {
        limit
    } else {
        match head.rfind(char::is_whitespace) {
            Some(at) => at,
            None => return Cow::Borrowed(first_word(text)),
        }
    };
    let kept = text[..cut].trim_end_matches(|c: char| c.is_whitespace() || ",;:–-(".contains(c));
    if kept.is_empty() {
        return Cow::Borrowed(first_word(text));
    }
    Cow::Owned(format!("{kept}…"))
}

fn first_word(text: &str) -> &str {
    text.split(char::is_whitespace).next().unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_at_a_word_within_the_characters_asked() {
        // A name of a thousand characters, most of them two bytes or more in UTF-8.
        let word = "Đăng ký thường trú, ";
        let name: String = word.repeat(50);
        assert_eq!(name.chars().count(), 1000);
        let short = shorten(&name, 100);
        assert!(short.chars().count() <= 100, "{short}");
        assert!(
            short.ends_with("trú…"),
            "cut after a whole word, its comma dropped: {short}"
        );
        assert!(name.starts_with(short.trim_end_matches('…')));
        // Every cut lands between words, whatever the count.
        for chars in 2..120 {
            let short = shorten(&name, chars);
            let kept = short.trim_end_matches('…');
            assert!(short.chars().count() <= chars.max(kept.chars().count() + 1));
            let rest = &name[kept.len()..];
            assert!(
                rest.starts_with([' ', ',']),
                "cut inside a word at {chars}: {short}"
            );
        }
        assert_eq!(shorten("Đăng ký khai sinh", 17), "Đăng ký khai sinh");
        assert_eq!(shorten("Đăng ký khai sinh", 16), "Đăng ký khai…");
        assert_eq!(shorten("Đăng ký khai sinh", 13), "Đăng ký khai…");
        assert_eq!(shorten("Đăng ký khai sinh", 12), "Đăng ký…");
        assert_eq!(shorten("Khôngcódấucách", 5), "Khôngcódấucách");
    }

    #[test]
    fn hashes_go_before_the_extension() {
        let h = hashed_name("css/style.css", b"body{}");
        assert!(
            h.starts_with("css/style.")
                && h.ends_with(".css")
                && h.len() == "css/style..css".len() + 10
        );
    }
}
