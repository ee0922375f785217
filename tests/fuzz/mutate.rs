//! The mutator: a case is a seed file changed by a few mutations, each picked by weight from those
//! that make sense for the file's format. Most keep the file close to valid, so a case gets deep
//! into the parsers and often as far as rendering; a few break it at the byte level.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use super::rng::Rng;
use super::shapes;
use super::target::Format;
use super::text::{self, KeyLine, insert, repeat, splice};

/// Cases stay below this size: larger inputs only make runs slower, not deeper.
pub const MAX_CASE: usize = 2 << 20;

/// Nesting depths go up to `2^17`, well past what any recursive parser survives.
const MAX_DEPTH_EXP: u32 = 16;

type Op = fn(&mut Mutator, &mut Vec<u8>);

/// A mutation, its name (shown with a crash, to say how it was made) and how often it is picked.
struct Mutation {
    weight: u32,
    name: &'static str,
    op: Op,
}

const fn m(weight: u32, name: &'static str, op: Op) -> Mutation {
    Mutation { weight, name, op }
}

/// For every format: bytes, encodings, lines and splicing.
const COMMON: &[Mutation] = &[
    m(5, "bit-flips", bit_flips),
    m(4, "syntax-bytes", syntax_bytes),
    m(5, "special-chars", special_chars),
    m(4, "encoding", encoding),
    m(2, "truncate", truncate),
    m(4, "delete", delete),
    m(4, "duplicate", duplicate),
    m(5, "splice", splice_donor),
    m(3, "giant", giant),
    m(3, "huge-number", huge_number),
];

const YAML: &[Mutation] = &[
    m(10, "yaml-nest", yaml_nest),
    m(6, "yaml-alias", yaml_alias),
    m(7, "yaml-key", yaml_key),
    m(8, "yaml-scalar", yaml_scalar),
    m(4, "yaml-syntax", yaml_syntax),
];

/// Markdown files also get the YAML mutations, in their front matter.
const MARKDOWN: &[Mutation] = &[
    m(4, "yaml-nest", yaml_nest),
    m(2, "yaml-alias", yaml_alias),
    m(3, "yaml-key", yaml_key),
    m(4, "yaml-scalar", yaml_scalar),
    m(10, "md-nest", md_nest),
    m(6, "md-callouts", md_callouts),
    m(7, "md-shortcode", md_shortcode),
    m(4, "md-front-matter", md_front_matter),
    m(5, "md-oddity", md_oddity),
];

const TOML: &[Mutation] = &[
    m(10, "toml-nest", toml_nest),
    m(7, "toml-key", toml_key),
    m(8, "toml-value", toml_value),
];

pub struct Mutator<'a> {
    pub rng: &'a mut Rng,
    format: Format,
    /// Every seed of every target, for splicing lines from one file into another.
    donors: &'a [Vec<u8>],
}

impl<'a> Mutator<'a> {
    pub fn new(rng: &'a mut Rng, format: Format, donors: &'a [Vec<u8>]) -> Mutator<'a> {
        Mutator {
            rng,
            format,
            donors,
        }
    }

    /// A case made from `seed` by one to five mutations, and their names.
    pub fn mutate(&mut self, seed: &[u8]) -> (Vec<u8>, Vec<&'static str>) {
        let own = match self.format {
            Format::Yaml => YAML,
            Format::Markdown => MARKDOWN,
            Format::Toml => TOML,
        };
        let all: Vec<&Mutation> = COMMON.iter().chain(own).collect();
        let weights: Vec<u32> = all.iter().map(|m| m.weight).collect();
        let mut data = seed.to_vec();
        let mut names = Vec::new();
        let rounds = 1 + (0..4).take_while(|_| self.rng.one_in(2)).count();
        for _ in 0..rounds {
            let mutation = all[self.rng.weighted(&weights)];
            let mut next = data.clone();
            (mutation.op)(self, &mut next);
            // One that makes the case too large is dropped, not cut: cutting would end every
            // deep nesting the same way.
            if next.len() <= MAX_CASE {
                data = next;
                names.push(mutation.name);
            }
        }
        (data, names)
    }

    fn depth(&mut self) -> usize {
        self.rng.log_size(MAX_DEPTH_EXP)
    }

    /// A position anywhere in the data.
    fn position(&mut self, data: &[u8]) -> usize {
        self.rng.below(data.len() + 1)
    }

    /// A position between two lines of `region`.
    fn line_boundary(&mut self, data: &[u8], region: &Range<usize>) -> usize {
        *self.rng.pick(&text::line_starts(data, region))
    }

    /// A range of whole lines of `region`, one to `max` long.
    fn line_range(&mut self, data: &[u8], region: &Range<usize>, max: usize) -> Range<usize> {
        let lines = text::lines(data, region);
        if lines.is_empty() {
            return region.start..region.start;
        }
        let first = self.rng.below(lines.len());
        let last = (first + self.rng.below(max)).min(lines.len() - 1);
        lines[first].start..lines[last].end
    }

    /// The part of the file YAML mutations apply to: all of it, or a Markdown file's front matter.
    fn yaml_region(&self, data: &[u8]) -> Range<usize> {
        match self.format {
            Format::Markdown => text::front_matter(data).map_or(0..data.len(), |(fm, _)| fm),
            _ => 0..data.len(),
        }
    }

    /// The Markdown body: after the front matter.
    fn body_region(&self, data: &[u8]) -> Range<usize> {
        let start = text::front_matter(data).map_or(0, |(_, body)| body);
        start..data.len()
    }

    fn key_line(&mut self, data: &[u8], region: &Range<usize>, sep: u8) -> Option<KeyLine> {
        let keys = text::key_lines(data, region, sep);
        (!keys.is_empty()).then(|| self.rng.pick(&keys).clone())
    }

    /// Makes `value` the value of a key of the YAML in `region`: of one the file has, or of a new
    /// entry at the end. A block value goes on the lines below the key, indented under it.
    fn put_yaml_value(
        &mut self,
        data: &mut Vec<u8>,
        region: &Range<usize>,
        value: &str,
        block: bool,
    ) {
        let existing = self.key_line(data, region, b':');
        if let Some(key) = existing.filter(|_| !self.rng.one_in(3)) {
            let column = key.key.start - key.start;
            let new = if block {
                format!(
                    "\n{}",
                    text::indent(value, column + 1).trim_end_matches('\n')
                )
            } else {
                value.to_owned()
            };
            splice(data, key.value, new.as_bytes());
            return;
        }
        let entry = if text::is_sequence(data, region) {
            "-"
        } else {
            "zz:"
        };
        let new = if block {
            format!("{entry}\n{}", text::indent(value, 1))
        } else {
            format!("{entry} {value}\n")
        };
        self.append_line(data, region.end, &new);
    }

    /// Inserts `line` at `at`, a line boundary, with a line end before it if it needs one.
    fn append_line(&mut self, data: &mut Vec<u8>, at: usize, line: &str) {
        let needs_break = at > 0 && data[at - 1] != b'\n';
        let line = if needs_break {
            format!("\n{line}")
        } else {
            line.to_owned()
        };
        insert(data, at, line.as_bytes());
    }

    /// A line boundary in `region` at the top level of its YAML: before an unindented line, or
    /// at the end.
    fn top_level_boundary(&mut self, data: &[u8], region: &Range<usize>) -> usize {
        let starts: Vec<usize> = text::line_starts(data, region)
            .into_iter()
            .filter(|&s| s == region.end || !matches!(data[s], b' ' | b'#' | b'\n' | b'\t'))
            .collect();
        *self.rng.pick(&starts)
    }
}

// Every mutation has the same signature, so that they can stand in one table.
#[allow(clippy::ptr_arg)]
fn bit_flips(m: &mut Mutator, data: &mut Vec<u8>) {
    if data.is_empty() {
        return;
    }
    for _ in 0..m.rng.range(1, 8) {
        let i = m.rng.below(data.len());
        data[i] ^= 1 << m.rng.below(8);
    }
}

/// Characters that mean something to one of the parsers, written over or between others.
fn syntax_bytes(m: &mut Mutator, data: &mut Vec<u8>) {
    const BYTES: &[u8] = b":-\"'{}[]#&*!|>%@`\t \n\r,=()\\?~";
    for _ in 0..m.rng.range(1, 4) {
        let byte = *m.rng.pick(BYTES);
        let i = m.position(data);
        if i < data.len() && m.rng.one_in(2) {
            data[i] = byte;
        } else {
            insert(data, i, &[byte]);
        }
    }
}

/// NUL and control bytes, bytes that are not UTF-8, and Unicode that editors paste by mistake.
fn special_chars(m: &mut Mutator, data: &mut Vec<u8>) {
    const SPECIAL: &[&[u8]] = &[
        b"\0",
        b"\x01",
        b"\x08",
        b"\x0b",
        b"\x0c",
        b"\x1b[31m",
        b"\x7f",
        b"\xff",
        b"\xc3",
        b"\xc0\x80",
        b"\xed\xa0\x80",
        b"\xf4\x90\x80\x80",
        b"\x80",
        "\u{feff}".as_bytes(),
        "\u{2028}".as_bytes(),
        "\u{85}".as_bytes(),
        "\u{200b}".as_bytes(),
        "\u{202e}".as_bytes(),
        "\u{301}".as_bytes(),
        "\u{fffd}".as_bytes(),
        "\u{1f469}\u{200d}\u{1f467}".as_bytes(),
        "\u{10ffff}".as_bytes(),
        b"\t",
        b"\r",
    ];
    let special = *m.rng.pick(SPECIAL);
    let times = if m.rng.one_in(4) {
        m.rng.log_size(14)
    } else {
        1
    };
    let at = m.position(data);
    insert(data, at, &special.repeat(times));
}

/// The file as other editors save it: BOM, CRLF, lone CR, NFD, no final line end, UTF-16.
fn encoding(m: &mut Mutator, data: &mut Vec<u8>) {
    match m.rng.below(7) {
        0 => insert(data, 0, "\u{feff}".as_bytes()),
        1 => *data = replace_line_ends(data, b"\r\n", |_| true),
        2 => *data = replace_line_ends(data, b"\r", |_| true),
        3 => {
            let seed = m.rng.next_u64();
            *data = replace_line_ends(data, b"\r\n", |i| (seed >> (i % 64)) & 1 == 1);
        }
        4 => {
            if let Ok(text) = std::str::from_utf8(data) {
                *data = text.nfd().collect::<String>().into_bytes();
            }
        }
        5 => {
            while data.last() == Some(&b'\n') {
                data.pop();
            }
        }
        _ => {
            let text = String::from_utf8_lossy(data);
            let mut utf16 = vec![0xff, 0xfe];
            utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            *data = utf16;
        }
    }
}

/// Each `\n` (the `i`th where `which(i)`) written as `with`.
fn replace_line_ends(data: &[u8], with: &[u8], which: impl Fn(usize) -> bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 16);
    let mut n = 0;
    for &b in data {
        if b == b'\n' {
            if which(n) {
                out.extend_from_slice(with);
            } else {
                out.push(b);
            }
            n += 1;
        } else {
            out.push(b);
        }
    }
    out
}

fn truncate(m: &mut Mutator, data: &mut Vec<u8>) {
    let at = m.position(data);
    data.truncate(at);
}

fn delete(m: &mut Mutator, data: &mut Vec<u8>) {
    let range = if m.rng.one_in(2) {
        let whole = 0..data.len();
        m.line_range(data, &whole, 8)
    } else {
        let start = m.position(data);
        start..(start + m.rng.range(1, 16)).min(data.len())
    };
    splice(data, range, b"");
}

/// A few lines copied elsewhere: duplicate keys, repeated entries, a second front matter.
fn duplicate(m: &mut Mutator, data: &mut Vec<u8>) {
    let whole = 0..data.len();
    let range = m.line_range(data, &whole, 8);
    let copy = data[range.clone()].to_vec();
    let at = if m.rng.one_in(2) {
        range.end
    } else {
        m.line_boundary(data, &whole)
    };
    insert(data, at, &copy);
}

/// Lines from another seed, of any target, put in; or this file's head on another's tail.
fn splice_donor(m: &mut Mutator, data: &mut Vec<u8>) {
    let donor = m.rng.pick(m.donors).clone();
    let whole = 0..donor.len();
    if m.rng.one_in(3) {
        let cut = m.position(data);
        let from = m.rng.below(donor.len() + 1);
        data.truncate(cut);
        data.extend_from_slice(&donor[from..]);
        return;
    }
    let lines = m.line_range(&donor, &whole, 20);
    let own = 0..data.len();
    let at = m.line_boundary(data, &own);
    insert(data, at, &donor[lines]);
}

/// A giant run of one character or word, inside a line or as lines of their own; or one line
/// repeated many times.
fn giant(m: &mut Mutator, data: &mut Vec<u8>) {
    const UNITS: &[&str] = &[
        "a",
        "ệ",
        " ",
        "\t",
        "#",
        "`",
        "*",
        "-",
        "{",
        "\\",
        "\u{301}",
        "x y ",
        "Đăng ký ",
        "{{",
    ];
    let whole = 0..data.len();
    if m.rng.one_in(3) {
        let line = m.line_range(data, &whole, 1);
        let copy = data[line.clone()].to_vec();
        let times = m.rng.log_size(16);
        insert(data, line.end, &copy.repeat(times));
        return;
    }
    let unit = *m.rng.pick(UNITS);
    let run = repeat(unit, m.rng.log_size(20) / unit.len() + 1);
    let at = if m.rng.one_in(2) {
        m.line_boundary(data, &whole)
    } else {
        m.position(data)
    };
    insert(data, at, run.as_bytes());
}

/// A number in the file (or anywhere, if it has none) made huge or odd.
fn huge_number(m: &mut Mutator, data: &mut Vec<u8>) {
    let runs: Vec<Range<usize>> = digit_runs(data);
    let number = shapes::huge_number(m.rng);
    match runs.is_empty() {
        true => {
            let at = m.position(data);
            insert(data, at, number.as_bytes());
        }
        false => {
            let run = m.rng.pick(&runs).clone();
            splice(data, run, number.as_bytes());
        }
    }
}

fn digit_runs(data: &[u8]) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, b) in data.iter().enumerate() {
        match (b.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    runs.extend(start.map(|s| s..data.len()));
    runs
}

fn yaml_nest(m: &mut Mutator, data: &mut Vec<u8>) {
    let region = m.yaml_region(data);
    let depth = m.depth();
    let (nesting, block) = shapes::yaml_nesting(m.rng, depth);
    m.put_yaml_value(data, &region, &nesting, block);
}

/// Anchors and aliases: plain ones, undefined ones, aliases as keys, merges, and anchors that
/// repeat each other until they expand to billions of values.
fn yaml_alias(m: &mut Mutator, data: &mut Vec<u8>) {
    let region = m.yaml_region(data);
    match m.rng.below(6) {
        0 => {
            let laughs = laughs(m, data, &region);
            let at = m.top_level_boundary(data, &region);
            m.append_line(data, at, &laughs);
        }
        1 | 2 => alias_a_value(m, data, &region),
        3 => {
            let odd = *m.rng.pick(&[
                "*nowhere",
                "[*nowhere]",
                "&a [*a]",
                "&a {x: *a}",
                "&a &b x",
                "{<<: *nowhere}",
                "!!merge x",
            ]);
            m.put_yaml_value(data, &region, odd, false);
        }
        4 => {
            let line = *m
                .rng
                .pick(&["*a : x", "&k key: v\n*k : w", "<<: *a", "? *a\n: b"]);
            let at = m.top_level_boundary(data, &region);
            m.append_line(data, at, &format!("{line}\n"));
        }
        _ => {
            // One anchored value aliased many times: every alias is a copy.
            alias_a_value(m, data, &region);
            let copies = m.rng.log_size(12);
            let region = m.yaml_region(data);
            let aliases = vec!["*a"; copies].join(", ");
            m.put_yaml_value(data, &region, &format!("[{aliases}]"), false);
        }
    }
}

/// Anchors each repeating the last: `10^n` values in all, for `n` up to 10. In a list document
/// they are list items, in a map document keys.
fn laughs(m: &mut Mutator, data: &[u8], region: &Range<usize>) -> String {
    let orders = m.rng.range(1, 10) as f64;
    let width = m.rng.range(2, 9);
    let levels = (orders * 10f64.ln() / (width as f64).ln()).ceil() as usize;
    shapes::yaml_laughs(levels.max(1), width, text::is_sequence(data, region))
}

/// `&a` put on one key's value, and that value's alias `*a` given to another key.
fn alias_a_value(m: &mut Mutator, data: &mut Vec<u8>, region: &Range<usize>) {
    let Some(key) = m.key_line(data, region, b':') else {
        return;
    };
    insert(data, key.value.start, b"&a ");
    let region = m.yaml_region(data);
    m.put_yaml_value(data, &region, "*a", false);
}

/// Keys doubled, misspelt, unknown, removed, quoted, or not keys at all.
fn yaml_key(m: &mut Mutator, data: &mut Vec<u8>) {
    let region = m.yaml_region(data);
    let Some(key) = m.key_line(data, &region, b':') else {
        return;
    };
    let line = text::lines(data, &region)
        .into_iter()
        .find(|l| l.start == key.start)
        .expect("the key's line");
    let name = data[key.key.clone()].to_vec();
    match m.rng.below(7) {
        0 => {
            let copy = data[line.clone()].to_vec();
            insert(data, line.end, &copy);
        }
        1 => splice(data, key.key, &misspell(m.rng, &name)),
        2 => {
            let unknown = *m
                .rng
                .pick(&["nmae: x\n", "Code: x\n", "extra: {}\n", "id: x\n"]);
            let at = m.top_level_boundary(data, &region);
            m.append_line(data, at, unknown);
        }
        3 => splice(data, line, b""),
        4 => {
            let quoted = [b"\"".as_slice(), &name, b"\""].concat();
            splice(data, key.key, &quoted);
        }
        5 => {
            let other = *m.rng.pick(&["tên", "", "a b", "-", "1", "~", "null"]);
            splice(data, key.key, other.as_bytes());
        }
        _ => splice(data, key.key, b"? [a, b]\n:"),
    }
}

/// A key's name with one typo: a letter dropped, doubled, swapped or changed in case.
fn misspell(rng: &mut Rng, name: &[u8]) -> Vec<u8> {
    let mut out = name.to_vec();
    if out.is_empty() {
        return b"x".to_vec();
    }
    let i = rng.below(out.len());
    match rng.below(4) {
        0 => {
            out.remove(i);
        }
        1 => out.insert(i, out[i]),
        2 if i + 1 < out.len() => out.swap(i, i + 1),
        _ => out[i] = out[i].to_ascii_uppercase(),
    }
    out
}

fn yaml_scalar(m: &mut Mutator, data: &mut Vec<u8>) {
    let region = m.yaml_region(data);
    if let Some(key) = m.key_line(data, &region, b':') {
        let value = shapes::yaml_scalar(m.rng);
        splice(data, key.value, value.as_bytes());
    }
}

/// Document markers, directives, tabs and block scalars where they may or may not belong.
fn yaml_syntax(m: &mut Mutator, data: &mut Vec<u8>) {
    const LINES: &[&str] = &[
        "---\n",
        "...\n",
        "%YAML 1.2\n",
        "%YAML 9.9\n",
        "%TAG ! tag:x,2024:\n",
        "--- !!map\n",
        "--- |\n x\n",
        "# comment\n",
        "\tkey: tab\n",
        "key: |\n  block\n",
        "key: >+\n\n\n",
        "!!set\n",
        "\n---\nsecond: document\n",
    ];
    let region = m.yaml_region(data);
    if m.rng.one_in(3) {
        // Indentation by tabs, which YAML forbids.
        let line = m.line_range(data, &region, 1);
        let spaces = data[line.clone()]
            .iter()
            .take_while(|b| **b == b' ')
            .count();
        splice(data, line.start..line.start + spaces, b"\t");
        return;
    }
    let at = m.line_boundary(data, &region);
    insert(data, at, m.rng.pick(LINES).as_bytes());
}

/// Inserts a block between two lines of the body, with blank lines around it.
fn put_block(m: &mut Mutator, data: &mut Vec<u8>, block: &str) {
    let body = m.body_region(data);
    let at = m.line_boundary(data, &body);
    m.append_line(data, at, &format!("\n{block}\n\n"));
}

fn md_nest(m: &mut Mutator, data: &mut Vec<u8>) {
    let depth = m.depth();
    let nesting = shapes::markdown_nesting(m.rng, depth);
    put_block(m, data, &nesting);
}

fn md_callouts(m: &mut Mutator, data: &mut Vec<u8>) {
    let depth = m.rng.log_size(MAX_DEPTH_EXP - 1);
    let callouts = shapes::callouts(m.rng, depth);
    put_block(m, data, &callouts);
}

/// A shortcode call, or many, in a line of the body or on lines of their own.
fn md_shortcode(m: &mut Mutator, data: &mut Vec<u8>) {
    let call = shapes::shortcode(m.rng);
    let times = if m.rng.one_in(4) {
        m.rng.log_size(13)
    } else {
        1
    };
    let sep = *m.rng.pick(&[" ", "\n", "", "\n\n"]);
    let calls = vec![call; times].join(sep);
    let body = m.body_region(data);
    let at = body.start + m.rng.below(body.len() + 1);
    let at = char_boundary(data, at);
    insert(data, at, calls.as_bytes());
}

/// The first position at or after `at` that does not cut a UTF-8 character in two.
fn char_boundary(data: &[u8], mut at: usize) -> usize {
    while at < data.len() && data[at] & 0xc0 == 0x80 {
        at += 1;
    }
    at
}

/// Front matter that is not closed, not opened, closed twice, empty, or alone.
fn md_front_matter(m: &mut Mutator, data: &mut Vec<u8>) {
    let Some((yaml, body)) = text::front_matter(data) else {
        insert(data, 0, b"---\ntitle: x\n");
        return;
    };
    let closing = yaml.end..body;
    match m.rng.below(8) {
        0 => splice(data, closing, b""),
        1 => splice(data, 0..4, b""),
        2 => splice(data, closing, b"...\n"),
        3 => splice(
            data,
            closing,
            m.rng.pick::<&[u8]>(&[b"----\n", b"--- \n", b"---"]),
        ),
        4 => {
            let copy = data[..body].to_vec();
            insert(data, body, &copy);
        }
        5 => splice(data, yaml, b""),
        6 => data.truncate(body),
        _ => insert(
            data,
            0,
            m.rng
                .pick::<&[u8]>(&[b"\n", b" ", b"text\n", b"\xef\xbb\xbf"]),
        ),
    }
}

fn md_oddity(m: &mut Mutator, data: &mut Vec<u8>) {
    let oddity = shapes::markdown_oddity(m.rng);
    put_block(m, data, &oddity);
}

/// Deep arrays and inline tables as a key's value, or deep table headers and dotted keys.
fn toml_nest(m: &mut Mutator, data: &mut Vec<u8>) {
    let depth = m.depth();
    let whole = 0..data.len();
    match m.rng.below(3) {
        0 => {
            let line = format!("{}\n", shapes::toml_deep_key(m.rng, depth));
            let at = m.line_boundary(data, &whole);
            insert(data, at, line.as_bytes());
        }
        _ => {
            let nesting = shapes::toml_nesting(m.rng, depth);
            match m.key_line(data, &whole, b'=') {
                Some(key) if !m.rng.one_in(3) => splice(data, key.value, nesting.as_bytes()),
                // Before any table header, so the key is the site's own.
                _ => insert(data, 0, format!("zz = {nesting}\n").as_bytes()),
            }
        }
    }
}

/// Keys and table headers doubled, misspelt, unknown, removed or quoted.
fn toml_key(m: &mut Mutator, data: &mut Vec<u8>) {
    let whole = 0..data.len();
    let line = m.line_range(data, &whole, 1);
    match m.rng.below(5) {
        0 => {
            let copy = data[line.clone()].to_vec();
            insert(data, line.end, &copy);
        }
        1 => {
            if let Some(key) = m.key_line(data, &whole, b'=') {
                let name = data[key.key.clone()].to_vec();
                splice(data, key.key, &misspell(m.rng, &name));
            }
        }
        2 => {
            let unknown = *m
                .rng
                .pick(&["titel = \"x\"\n", "[portl]\n", "[portal]\n", "x.y = 1\n"]);
            let at = m.line_boundary(data, &whole);
            insert(data, at, unknown.as_bytes());
        }
        3 => splice(data, line, b""),
        _ => {
            if let Some(key) = m.key_line(data, &whole, b'=') {
                let quoted = [b"\"".as_slice(), &data[key.key.clone()], b"\""].concat();
                splice(data, key.key, &quoted);
            }
        }
    }
}

fn toml_value(m: &mut Mutator, data: &mut Vec<u8>) {
    let whole = 0..data.len();
    if let Some(key) = m.key_line(data, &whole, b'=') {
        let value = shapes::toml_value(m.rng);
        splice(data, key.value, value.as_bytes());
    }
}
