//! Just enough HTML reading to find ids and links in pages this program wrote.

use std::collections::HashSet;

#[derive(Debug, Default)]
pub struct Page {
    pub ids: HashSet<String>,
    pub links: Vec<String>,
}

impl Page {
    /// Takes in what another part of the same page holds.
    pub fn add(&mut self, part: Page) {
        self.ids.extend(part.ids);
        self.links.extend(part.links);
    }
}

/// Collects `id`, `href` and `src` attribute values, skipping script and style contents.
pub fn scan(html: &str) -> Page {
    let mut page = Page::default();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with("!--") {
            rest = rest.find("-->").map_or("", |e| &rest[e + 3..]);
            continue;
        }
        let end = tag_end(rest);
        let tag = &rest[..end];
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        for (key, value) in attributes(&tag[name.len()..]) {
            match key.as_str() {
                "id" => {
                    page.ids.insert(value);
                }
                "href" | "src" if name != "link" || key == "href" => {
                    page.links.push(unescape(&value))
                }
                _ => {}
            }
        }
        rest = &rest[end..];
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            rest = rest.find(&close).map_or("", |e| &rest[e..]);
        }
    }
    page
}

/// The end of a tag, ignoring `>` inside quoted attribute values.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i,
            _ => {}
        }
    }
    s.len()
}

fn attributes(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq]
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let after = rest[eq + 1..].trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let close = after[1..].find(q).map_or(after.len(), |i| i + 1);
                (&after[1..close], &after[(close + 1).min(after.len())..])
            }
            _ => {
                let end = after
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        out.push((key, value.to_owned()));
        rest = next;
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ids_and_links_but_not_scripts() {
        let p = scan(
            r#"<!-- <a href="/no"> --><h2 id="a" class='x'>A</h2><a title="a>b" href=/c?x=1&amp;y=2>c</a><script>var s = '<a href="/no2">';</script><img src="/i.png">"#,
        );
        assert!(p.ids.contains("a"));
        assert_eq!(p.links, vec!["/c?x=1&y=2", "/i.png"]);
    }
}
