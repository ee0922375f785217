//! Text the mutator writes into cases: nestings of every kind each format has, odd scalars and
//! values, shortcode calls. Each is valid enough to get past the first line of a parser, so
//! that the parser goes deep before it can give up.

use super::rng::Rng;
use super::text::repeat;

/// Nestings whose size grows with the square of their depth (each level indented one more) are
/// kept below this depth, so a case stays around a megabyte.
const MAX_INDENTED_DEPTH: usize = 1400;

/// A YAML nesting `depth` levels deep, and whether it is a block (lines of its own, placed as a
/// key's value on the next lines) rather than flow (on the key's line).
pub fn yaml_nesting(rng: &mut Rng, depth: usize) -> (String, bool) {
    let shallow = depth.min(MAX_INDENTED_DEPTH);
    match rng.below(9) {
        // `- - - x`: a block sequence in a block sequence, on one line.
        0 => (format!("{}x\n", repeat("- ", depth)), true),
        // `? ? ? x`: a block mapping whose key is a block mapping, on one line.
        1 => (format!("{}x\n", repeat("? ", depth)), true),
        2 => (indented(shallow, "k:"), true),
        3 => (indented(shallow, "-"), true),
        4 => (indented(shallow, "- k:"), true),
        5 => (
            format!("{}{}", repeat("[", depth), repeat("]", depth)),
            false,
        ),
        6 => (
            format!("{}x{}", repeat("{a: ", depth), repeat("}", depth)),
            false,
        ),
        7 => (
            format!("{}x{}", repeat("[{a: ", depth), repeat("}]", depth)),
            false,
        ),
        // Never closed: the parser meets the end of the file deep inside.
        _ => (repeat(rng.pick::<&str>(&["[", "{a: ", "[{"]), depth), false),
    }
}

/// `k:` (or any opener) on `depth` lines, each indented one more than the last, then a value.
fn indented(depth: usize, opener: &str) -> String {
    let mut out = String::new();
    for level in 0..depth {
        out.push_str(&" ".repeat(level));
        out.push_str(opener);
        out.push('\n');
    }
    out.push_str(&" ".repeat(depth));
    out.push_str("x\n");
    out
}

/// Anchors that each repeat the previous one `width` times, `levels` deep ("billion laughs"):
/// the last expands to `width^levels` values. `entry` is `"a{i}: "` in a map or `"- "` in a list.
pub fn yaml_laughs(levels: usize, width: usize, in_list: bool) -> String {
    let mut out = String::new();
    for level in 0..levels {
        let entry = if in_list {
            "- ".to_owned()
        } else {
            format!("lol{level}: ")
        };
        let item = if level == 0 {
            "lol".to_owned()
        } else {
            format!("*l{}", level - 1)
        };
        let items = vec![item; width].join(", ");
        out.push_str(&format!("{entry}&l{level} [{items}]\n"));
    }
    out
}

/// A scalar or small collection that may not be what the key expects.
pub fn yaml_scalar(rng: &mut Rng) -> String {
    const VALUES: &[&str] = &[
        "~",
        "null",
        "true",
        "yes",
        "off",
        "0",
        "-1",
        "1.5",
        "1e400",
        "-.inf",
        ".nan",
        "0x1F",
        "0o17",
        "1_000",
        "\"\"",
        "''",
        "\"\\u0000\"",
        "\"\\uD800\"",
        "\"\\x\"",
        "\"unclosed",
        "'it''s'",
        "[]",
        "{}",
        "[a, b]",
        "{a: b}",
        "[a, [b, {c: d}]]",
        "!!str 1",
        "!!int x",
        "!!binary AAAA",
        "!!map {}",
        "!custom x",
        "!<tag:x> y",
        "2025-02-30",
        "9999-99-99",
        "2024-01-02T03:04:05Z",
        "|\n  text\n  more",
        ">-\n  folded\n\n  text",
        "|9\n x",
        "&anchor x",
        "*nowhere",
        "? x",
        ": x",
        "@x",
        "`x`",
        "%x",
        "- x",
        "a: b: c",
        "x # comment",
        "x\t# tab",
        "Đăng ký khai sinh",
        "1.001193",
        "\"1.001193\"",
        "ho-tich",
        "https://",
        "javascript:alert(1)",
        "../../../../etc/passwd",
        "forms/../../site.toml",
        "media/tao-tai-khoan-vneid.mp4",
    ];
    match rng.below(10) {
        0 => huge_number(rng),
        1 => format!("\"{}\"", "x".repeat(rng.log_size(16))),
        // Steps, notes and answers are Markdown, rendered into the procedure's pages.
        2 => {
            let depth = rng.log_size(14);
            let nesting = markdown_nesting(rng, depth);
            format!("\"{}\"", nesting.replace('"', "'").replace('\n', "\\n"))
        }
        _ => (*rng.pick(VALUES)).to_owned(),
    }
}

/// A number too large, too small or too precise for any type that reads it.
pub fn huge_number(rng: &mut Rng) -> String {
    const SPECIAL: &[&str] = &[
        "-0",
        "1e999",
        "1e-999",
        "9223372036854775808",
        "-9223372036854775809",
        "18446744073709551616",
        "4294967296",
        "0.0000000000000000001",
        "00012",
        ".5",
        "5.",
        "+1",
        "NaN",
        "inf",
    ];
    if rng.one_in(3) {
        (*rng.pick(SPECIAL)).to_owned()
    } else {
        let digits = rng.log_size(16);
        let mut out = String::from(*rng.pick(&["", "-", "1.", "0.", "1.0"]));
        out.extend((0..digits).map(|i| char::from(b'0' + ((i * 7 + 3) % 10) as u8)));
        out
    }
}

/// A Markdown block nested `depth` levels deep.
pub fn markdown_nesting(rng: &mut Rng, depth: usize) -> String {
    let shallow = depth.min(MAX_INDENTED_DEPTH);
    match rng.below(14) {
        0 => format!("{} x", repeat(">", depth)),
        1 => format!("{}x", repeat("> ", depth)),
        2 => format!("{}x", repeat("- ", depth)),
        3 => format!("{}x", repeat("1. ", depth)),
        4 => format!("{}x", repeat(rng.pick::<&str>(&["* ", "+ ", "1) "]), depth)),
        5 => (0..depth)
            .map(|_| *rng.pick(&["> ", "- ", "1. ", "* "]))
            .chain(["x"])
            .collect(),
        6 => (0..shallow)
            .map(|level| format!("{}- x\n", "  ".repeat(level)))
            .collect(),
        7 => (0..shallow)
            .map(|level| format!("{}> - x\n", "  ".repeat(level)))
            .collect(),
        8 => {
            let mark = *rng.pick(&["*", "_", "**", "~~", "*_"]);
            format!("{}x{}", repeat(mark, depth), repeat(mark, depth))
        }
        9 => format!("{}x{}", repeat("[", depth), repeat("](/)", depth)),
        10 => format!("{}x{}", repeat("![", depth), repeat("](a.png)", depth)),
        11 => format!("{}x{}", repeat("`", depth), repeat("`", depth)),
        12 => {
            let tag = *rng.pick(&["div", "span", "details", "kbd", "a", "table"]);
            format!(
                "{}x{}",
                repeat(&format!("<{tag}>"), depth),
                repeat(&format!("</{tag}>"), depth)
            )
        }
        _ => format!(
            "{}{{{{ procedure(code=\"1.001193\") }}}}",
            repeat("> ", depth)
        ),
    }
}

/// `depth` callouts, one inside the other; sometimes left open, sometimes closed once too often.
pub fn callouts(rng: &mut Rng, depth: usize) -> String {
    // Mostly kinds that exist, so that the guide is rendered and the nesting reaches rendering.
    let kind = match rng.one_in(6) {
        true => *rng.pick(&["", "khac", "LUU-Y"]),
        false => *rng.pick(&["luu-y", "canh-bao", "meo"]),
    };
    let opener = match rng.below(4) {
        0 => "{{callout()}}".to_owned(),
        1 => format!("{{{{ callout(kind=\"{kind}\", title=\"Chú ý\") }}}}"),
        _ => format!("{{{{ callout(kind=\"{kind}\") }}}}"),
    };
    let sep = *rng.pick(&["\n", "", " ", "\n\n"]);
    let inner = match rng.below(4) {
        0 => "{{ procedure(code=\"1.001193\") }}",
        1 => "**Lưu ý** [xem](#chuan-bi)",
        _ => "",
    };
    let ends = match rng.below(6) {
        0 => 0,
        1 => depth + 1,
        _ => depth,
    };
    let mut out = String::new();
    for _ in 0..depth {
        out.push_str(&opener);
        out.push_str(sep);
    }
    out.push_str(inner);
    out.push_str(sep);
    for _ in 0..ends {
        out.push_str("{{ end }}");
        out.push_str(sep);
    }
    out
}

/// One shortcode call, more or less well formed.
pub fn shortcode(rng: &mut Rng) -> String {
    const NAMES: &[&str] = &[
        "procedure",
        "steps",
        "documents",
        "video",
        "callout",
        "end",
        "unknown",
        "",
        "thủ_tục",
        "procedure procedure",
        "Procedure",
    ];
    const ARGS: &[&str] = &[
        "code=\"1.001193\"",
        "code=\"1.000894\"",
        "code=\"9.999999\"",
        "code=\"\"",
        "code=1.001193",
        "code=\"1.001193",
        "code='1.001193'",
        "code=\"1.001193\", code=\"1.000894\"",
        "=\"x\"",
        "code",
        "code=",
        "youtube=\"Q3kVp7Lm2Xa\"",
        "youtube=\"short\"",
        "file=\"media/tao-tai-khoan-vneid.mp4\"",
        "file=\"media/../../site.toml\"",
        "file=\"/etc/passwd\"",
        "captions=\"media/tao-tai-khoan-vneid.vi.vtt\"",
        "poster=\"media/none.jpg\"",
        "title=\"}}\"",
        "title=\"{{\"",
        "title=\")\"",
        "duration=\"99:99\"",
        "kind=\"canh-bao\"",
        "kind=\"x\"",
        "a=\"1\" b=\"2\"",
        "a=\"1\",,b=\"2\"",
    ];
    let name = *rng.pick(NAMES);
    let args: Vec<&str> = (0..rng.below(4)).map(|_| *rng.pick(ARGS)).collect();
    let mut args = args.join(", ");
    if rng.one_in(8) {
        args = format!("title=\"{}\"", "ệ".repeat(rng.log_size(15)));
    }
    match rng.below(10) {
        0 => format!("{{{{ {name}({args}) "),
        1 => format!("{{{{ {name}({args} }}}}"),
        2 => format!("{{{{ {name} }}}}"),
        3 => format!("{{{{ {{{{ {name}({args}) }}}} }}}}"),
        4 => format!("{{{{ {name}(\n{args}) }}}}"),
        5 => format!("`{{{{ {name}({args}) }}}}`"),
        _ => format!("{{{{ {name}({args}) }}}}"),
    }
}

/// A line or block of Markdown that exercises something other than nesting.
pub fn markdown_oddity(rng: &mut Rng) -> String {
    const ODDITIES: &[&str] = &[
        "[x](#chuan-bi)",
        "[x](#khong-co)",
        "[x](/thu-tuc/dang-ky-khai-sinh/)",
        "[x](/thu-tuc/khong-co/#a)",
        "[x](javascript:alert(1))",
        "[x](../../../etc/passwd)",
        "[x]: /a\n[x]: /b\n\n[x]",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<!-- not closed",
        "<![CDATA[ x",
        "<http://example.com>",
        "```\n{{ procedure(code=\"9.999999\") }}",
        "~~~~\nnot closed",
        "    indented code {{ end }}",
        "| a | b |\n|---|\n| 1 | 2 | 3 |",
        "Heading\n=======",
        "## Chuẩn bị",
        "## Chuẩn bị {#chuan-bi}",
        "[^1]\n\n[^1]: [^1]",
        "&#0; &#x110000; &nbsp; &bogus;",
        "line with hard break  \nnext",
        "* * *",
        "---",
        "***bold italic***",
        "\\{{ procedure(code=\"1.001193\") }}",
    ];
    let odd = *rng.pick(ODDITIES);
    if rng.one_in(4) {
        // Many of one thing: headings with the same id, links, references.
        let n = rng.log_size(14);
        vec![odd; n].join("\n\n")
    } else {
        odd.to_owned()
    }
}

/// A TOML value nested `depth` levels deep.
pub fn toml_nesting(rng: &mut Rng, depth: usize) -> String {
    match rng.below(4) {
        0 => format!("{}{}", repeat("[", depth), repeat("]", depth)),
        1 => format!("{}1{}", repeat("{a=", depth), repeat("}", depth)),
        2 => format!("{}1{}", repeat("[{a=", depth), repeat("}]", depth)),
        _ => repeat(rng.pick::<&str>(&["[", "{a=", "[{a="]), depth),
    }
}

/// A TOML line nesting tables or keys `depth` levels deep.
pub fn toml_deep_key(rng: &mut Rng, depth: usize) -> String {
    let path = vec!["a"; depth].join(".");
    match rng.below(3) {
        0 => format!("[{path}]"),
        1 => format!("[[{path}]]"),
        _ => format!("{path} = 1"),
    }
}

/// A TOML value of any type, or a broken one.
pub fn toml_value(rng: &mut Rng) -> String {
    const VALUES: &[&str] = &[
        "1",
        "-0",
        "9223372036854775808",
        "1e999",
        "inf",
        "nan",
        "0x7FFFFFFFFFFFFFFF",
        "true",
        "1979-05-27T07:32:00Z",
        "1979-05-27",
        "07:32:00",
        "\"\"",
        "\"\\u0000\"",
        "\"\\uD800\"",
        "\"\\x41\"",
        "\"unclosed",
        "\"\"\"\nmulti\nline\"\"\"",
        "\"\"\"never closed",
        "'''literal'''",
        "'it''s'",
        "[]",
        "[1, \"a\"]",
        "{}",
        "{a = 1, a = 2}",
        "{ name = \"x\", url = \"y\" }",
        "",
        "= 1",
        "\"https://dichvucong.gov.vn/{code}/{code}\"",
        "\"{code}\"",
        "\"javascript:alert(1)\"",
        "\"http://\"",
        "\"ftp://x\"",
        "\"ho-tich\"",
        "[\"kbd\", \"script\", \"div\", \"\"]",
    ];
    match rng.below(6) {
        0 => huge_number(rng),
        1 => format!("\"{}\"", "ệ".repeat(rng.log_size(16))),
        _ => (*rng.pick(VALUES)).to_owned(),
    }
}
