//! Finding places in a case's bytes: lines, `key: value` lines, the front matter. Cases need not
//! be UTF-8, so everything works on bytes.

use std::ops::Range;

/// Offsets where the lines of `data[region]` start, and the region's end last: an insertion at
/// any of them lands between two lines.
pub fn line_starts(data: &[u8], region: &Range<usize>) -> Vec<usize> {
    let mut starts = vec![region.start];
    for (i, b) in data[region.clone()].iter().enumerate() {
        let next = region.start + i + 1;
        if *b == b'\n' && next < region.end {
            starts.push(next);
        }
    }
    if *starts.last().expect("the first start") != region.end {
        starts.push(region.end);
    }
    starts
}

/// The lines of `data[region]` as ranges, each with its line end.
pub fn lines(data: &[u8], region: &Range<usize>) -> Vec<Range<usize>> {
    line_starts(data, region)
        .windows(2)
        .map(|w| w[0]..w[1])
        .collect()
}

/// A line of the form `<indent>[- ]key<sep> value`: `name: x` in YAML, `title = "x"` in TOML.
#[derive(Debug, Clone)]
pub struct KeyLine {
    /// Where the line starts.
    pub start: usize,
    pub key: Range<usize>,
    /// The value up to the line end, without the separator and the spaces after it.
    pub value: Range<usize>,
}

pub fn key_lines(data: &[u8], region: &Range<usize>, sep: u8) -> Vec<KeyLine> {
    lines(data, region)
        .into_iter()
        .filter_map(|line| key_line(data, line, sep))
        .collect()
}

fn key_line(data: &[u8], line: Range<usize>, sep: u8) -> Option<KeyLine> {
    let text = &data[line.clone()];
    let indent = text.iter().take_while(|b| **b == b' ').count();
    let mut key_start = indent;
    if text[key_start..].starts_with(b"- ") {
        key_start += 2;
    }
    let key_len = text[key_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_' || **b == b'-')
        .count();
    let mut after = key_start + key_len;
    while sep == b'=' && text.get(after) == Some(&b' ') {
        after += 1;
    }
    if key_len == 0 || text.get(after) != Some(&sep) {
        return None;
    }
    let mut value = after + 1;
    while text.get(value) == Some(&b' ') {
        value += 1;
    }
    let end = text
        .iter()
        .rposition(|b| *b != b'\n' && *b != b'\r')
        .map_or(0, |i| i + 1)
        .max(value);
    Some(KeyLine {
        start: line.start,
        key: line.start + key_start..line.start + key_start + key_len,
        value: line.start + value..line.start + end,
    })
}

/// Where the YAML of a Markdown file's front matter stands (between the `---` lines), and where
/// its body starts; `None` when the file does not open with `---`.
pub fn front_matter(data: &[u8]) -> Option<(Range<usize>, usize)> {
    let rest = data.strip_prefix(b"---\n")?;
    let mut offset = 4;
    for line in rest.split_inclusive(|b| *b == b'\n') {
        let trimmed = line.strip_suffix(b"\n").unwrap_or(line);
        if trimmed == b"---" || trimmed == b"..." {
            return Some((4..offset, offset + line.len()));
        }
        offset += line.len();
    }
    Some((4..data.len(), data.len()))
}

/// Whether a YAML document is a list at the top (a registry) rather than a map.
pub fn is_sequence(data: &[u8], region: &Range<usize>) -> bool {
    lines(data, region)
        .into_iter()
        .map(|l| &data[l])
        .find(|l| !l.starts_with(b"#") && !l.trim_ascii().is_empty())
        .is_some_and(|l| l.starts_with(b"-"))
}

pub fn splice(data: &mut Vec<u8>, range: Range<usize>, with: &[u8]) {
    data.splice(range, with.iter().copied());
}

pub fn insert(data: &mut Vec<u8>, at: usize, with: &[u8]) {
    splice(data, at..at, with);
}

/// `unit` repeated `n` times.
pub fn repeat(unit: &str, n: usize) -> String {
    unit.repeat(n)
}

/// Indents every line of `block` by `n` spaces.
pub fn indent(block: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    block
        .split_inclusive('\n')
        .map(|l| format!("{pad}{l}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_front_matter() {
        let yaml = b"code: \"1\"\nsteps:\n  - title: A\n";
        let keys = key_lines(yaml, &(0..yaml.len()), b':');
        let names: Vec<&[u8]> = keys.iter().map(|k| &yaml[k.key.clone()]).collect();
        assert_eq!(names, [&b"code"[..], b"steps", b"title"]);
        assert_eq!(&yaml[keys[0].value.clone()], b"\"1\"");
        let md = b"---\ntitle: A\n---\nBody\n";
        let (fm, body) = front_matter(md).unwrap();
        assert_eq!((&md[fm], &md[body..]), (&b"title: A\n"[..], &b"Body\n"[..]));
        let toml = b"title = \"x\"\n[portal]\n";
        let keys = key_lines(toml, &(0..toml.len()), b'=');
        assert_eq!(&toml[keys[0].value.clone()], b"\"x\"");
    }
}
