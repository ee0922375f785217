//! What every `tests/cli_*.rs` file drives: a site in a temporary folder, the real `motcua`
//! binary, and assertions on what its user sees (exit code, diagnostics, published files).
//!
//! ```ignore
//! let site = Site::new("minimal");
//! site.edit("content/procedures/ho-tich/dang-ky-ket-hon.yaml", "name:", "nmae:");
//! site.check()
//!     .fails()
//!     .error("unknown key `nmae`")
//!     .at("content/procedures/ho-tich/dang-ky-ket-hon.yaml", 2, 1)
//!     .help("did you mean `name`?");
//! ```

#![allow(dead_code)] // each test file uses its own part of the helper

pub mod tools;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Builds the repository's own example site into `out` with the real binary, with `extra`
/// arguments; a failed build fails the test with the binary's report.
pub fn build_example(out: &Path, extra: &[&str]) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let build = Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(["build", "--root"])
        .arg(repo)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("motcua build runs");
    assert!(
        build.status.success(),
        "motcua build of the example site failed ({}):\n{}",
        build.status,
        String::from_utf8_lossy(&build.stderr)
    );
}

/// A site: a copy of `tests/fixtures/<name>/` plus the default theme, in its own folder.
pub struct Site {
    root: PathBuf,
    /// Removes the folder when the site is dropped (sites shared through a `static` have none).
    _tmp: Option<tempfile::TempDir>,
}

impl Site {
    /// A fresh copy of the fixture in a temporary folder, removed when the test ends.
    pub fn new(fixture: &str) -> Site {
        let tmp = tempfile::Builder::new()
            .prefix("motcua-test-")
            .tempdir()
            .expect("temporary folder");
        // One folder down, so that a test of `--out ..` that went wrong would delete this
        // test's own folder, not /tmp.
        let root = tmp.path().join("site");
        populate(&root, fixture);
        Site {
            root,
            _tmp: Some(tmp),
        }
    }

    /// A copy of the fixture in `target/tmp/<name>`, replaced on every run: for a build that the
    /// read-only tests of one file share through a `static` (statics are never dropped, so a
    /// temporary folder would be left behind in /tmp).
    pub fn shared(fixture: &str, name: &str) -> Site {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        if root.exists() {
            std::fs::remove_dir_all(&root).expect("remove the previous run's copy");
        }
        populate(&root, fixture);
        Site { root, _tmp: None }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Creates or replaces a file (folders are created as needed).
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Site {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap_or_else(|e| panic!("writing {rel}: {e}"));
        self
    }

    /// Replaces the first `from` in a file by `to`; `from` must be there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Site {
        let text = self.read(rel);
        assert!(
            text.contains(from),
            "{rel} does not contain {from:?}:\n{text}"
        );
        self.write(rel, text.replacen(from, to, 1))
    }

    /// Adds text at the end of a file.
    pub fn append(&self, rel: &str, more: &str) -> &Site {
        let text = self.read(rel);
        self.write(rel, text + more)
    }

    pub fn remove(&self, rel: &str) -> &Site {
        std::fs::remove_file(self.path(rel)).unwrap_or_else(|e| panic!("removing {rel}: {e}"));
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// The 1-based number of the first line of `rel` that contains `needle`.
    pub fn line_of(&self, rel: &str, needle: &str) -> usize {
        let text = self.read(rel);
        let index = text.lines().position(|l| l.contains(needle));
        index.unwrap_or_else(|| panic!("no line of {rel} contains {needle:?}")) + 1
    }

    /// Runs `motcua <args>` in the site's folder.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_under(&[], args)
    }

    /// Runs `<wrapper…> motcua <args>` in the site's folder, e.g. under `setpriv` as another user.
    pub fn run_under(&self, wrapper: &[&str], args: &[&str]) -> Run {
        let binary = env!("CARGO_BIN_EXE_motcua");
        let mut command = match wrapper.split_first() {
            Some((program, rest)) => {
                let mut c = Command::new(program);
                c.args(rest).arg(binary);
                c
            }
            None => Command::new(binary),
        };
        let output = command
            .args(args)
            .current_dir(&self.root)
            .env_remove("RUST_BACKTRACE")
            .output()
            .expect("run motcua");
        Run {
            command: format!("motcua {}", args.join(" ")),
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn check(&self) -> Run {
        self.run(&["check"])
    }

    /// The published HTML of a site path: `/thu-tuc/x/` reads `public/thu-tuc/x/index.html`.
    pub fn page(&self, site_path: &str) -> String {
        let rel = site_path.trim_start_matches('/');
        let file = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_owned()
        };
        self.read(&format!("public/{file}"))
    }

    /// Every file under `rel` with its bytes, by path relative to `rel` (empty if it is missing).
    pub fn files(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        collect(&self.path(rel), &self.path(rel), &mut out);
        out
    }
}

/// Copies `tests/fixtures/<fixture>/` and the default theme into `root`.
pub fn populate(root: &Path, fixture: &str) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = repo.join("tests/fixtures").join(fixture);
    assert!(source.is_dir(), "no fixture {}", source.display());
    copy_dir(&source, root);
    copy_dir(&repo.join("themes/default"), &root.join("themes/default"));
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

fn collect(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(base, &path, out);
        } else {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(&path).unwrap());
        }
    }
}

/// One finished run of the binary.
pub struct Run {
    pub command: String,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Exit code 0.
    pub fn succeeds(&self) -> &Run {
        self.exit_code(0)
    }

    /// Exit code 1: the content has errors.
    pub fn fails(&self) -> &Run {
        self.exit_code(1)
    }

    pub fn exit_code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(expected),
            "`{}` exit code\n{}",
            self.command,
            self.dump()
        );
        self
    }

    pub fn stderr_has(&self, text: &str) -> &Run {
        assert!(
            self.stderr.contains(text),
            "stderr of `{}` lacks {text:?}\n{}",
            self.command,
            self.dump()
        );
        self
    }

    pub fn stderr_lacks(&self, text: &str) -> &Run {
        assert!(
            !self.stderr.contains(text),
            "stderr of `{}` has {text:?}\n{}",
            self.command,
            self.dump()
        );
        self
    }

    pub fn stdout_has(&self, text: &str) -> &Run {
        assert!(
            self.stdout.contains(text),
            "stdout of `{}` lacks {text:?}\n{}",
            self.command,
            self.dump()
        );
        self
    }

    /// Every error and warning printed, in order.
    pub fn diagnostics(&self) -> Vec<Diag> {
        parse_diagnostics(&self.stderr)
    }

    pub fn errors(&self) -> Vec<Diag> {
        self.diagnostics()
            .into_iter()
            .filter(|d| d.is_error)
            .collect()
    }

    pub fn warnings(&self) -> Vec<Diag> {
        self.diagnostics()
            .into_iter()
            .filter(|d| !d.is_error)
            .collect()
    }

    /// The one error whose message contains `text`.
    pub fn error(&self, text: &str) -> Diag {
        self.one(true, text)
    }

    /// The one warning whose message contains `text`.
    pub fn warning(&self, text: &str) -> Diag {
        self.one(false, text)
    }

    /// The closing count, `N error(s), M warning(s)`, as (N, M); (0, 0) when nothing was reported.
    pub fn counts(&self) -> (usize, usize) {
        let line = self
            .stderr
            .lines()
            .find(|l| l.ends_with(" warning(s)") && l.contains(" error(s), "));
        let Some(line) = line else { return (0, 0) };
        let numbers: Vec<usize> = line
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        (numbers[0], numbers[1])
    }

    fn one(&self, is_error: bool, text: &str) -> Diag {
        let kind = if is_error { "error" } else { "warning" };
        let found: Vec<Diag> = self
            .diagnostics()
            .into_iter()
            .filter(|d| d.is_error == is_error && d.message.contains(text))
            .collect();
        match found.len() {
            1 => found.into_iter().next().unwrap(),
            0 => panic!(
                "`{}` printed no {kind} saying {text:?}\n{}",
                self.command,
                self.dump()
            ),
            n => panic!(
                "`{}` printed {n} {kind}s saying {text:?}\n{}",
                self.command,
                self.dump()
            ),
        }
    }

    fn dump(&self) -> String {
        format!("--- stdout\n{}--- stderr\n{}---", self.stdout, self.stderr)
    }
}

/// One error or warning as the terminal shows it:
///
/// ```text
///   × `code`: expected text, found the number 1.000894
///    ╭─[content/procedures/ho-tich/dang-ky-ket-hon.yaml:1:7]
///  1 │ code: 1.000894
///    ·       ────┬───
///    ·           ╰── code
///    ╰────
///   help: put the value in quotes: "1.000894"
/// ```
///
/// Without a source snippet the message itself starts with `file[:line:col]: error: `.
#[derive(Debug, Clone)]
pub struct Diag {
    pub is_error: bool,
    /// The message with the field prefix (`` `code`: ``), lines unwrapped.
    pub message: String,
    /// `file:line:col`, or only `file` for problems with no position.
    pub location: Option<String>,
    pub help: Option<String>,
    /// The whole block as printed, for failure messages.
    pub text: String,
}

impl Diag {
    /// Reported at this file, line and column.
    pub fn at(&self, file: &str, line: usize, col: usize) -> &Diag {
        let expected = format!("{file}:{line}:{col}");
        assert_eq!(
            self.location.as_deref(),
            Some(expected.as_str()),
            "position of\n{}",
            self.text
        );
        self
    }

    /// Reported at this line of this file, whatever the column.
    pub fn at_line(&self, file: &str, line: usize) -> &Diag {
        let prefix = format!("{file}:{line}:");
        let ok = self
            .location
            .as_deref()
            .is_some_and(|l| l.starts_with(&prefix));
        assert!(ok, "expected the position {prefix}… for\n{}", self.text);
        self
    }

    /// Reported in this file.
    pub fn in_file(&self, file: &str) -> &Diag {
        let ok = self
            .location
            .as_deref()
            .is_some_and(|l| l == file || l.starts_with(&format!("{file}:")));
        assert!(ok, "expected the file {file} for\n{}", self.text);
        self
    }

    /// Names this field, as in `` `channels[0].fee`: … ``.
    pub fn field(&self, path: &str) -> &Diag {
        let prefix = format!("`{path}`: ");
        assert!(
            self.message.starts_with(&prefix),
            "expected the field {prefix}… in\n{}",
            self.text
        );
        self
    }

    /// The message contains `text`.
    pub fn says(&self, text: &str) -> &Diag {
        assert!(
            self.message.contains(text),
            "expected {text:?} in the message of\n{}",
            self.text
        );
        self
    }

    /// The `help:` line contains `text`.
    pub fn help(&self, text: &str) -> &Diag {
        let ok = self.help.as_deref().is_some_and(|h| h.contains(text));
        assert!(ok, "expected the help {text:?} in\n{}", self.text);
        self
    }

    /// The message or the help mentions `text` (a hint may be written in either).
    pub fn hints(&self, text: &str) -> &Diag {
        let ok =
            self.message.contains(text) || self.help.as_deref().is_some_and(|h| h.contains(text));
        assert!(ok, "expected the hint {text:?} in\n{}", self.text);
        self
    }
}

fn parse_diagnostics(stderr: &str) -> Vec<Diag> {
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    let mut open = false;
    for line in stderr.lines() {
        if line.starts_with("  × ") || line.starts_with("  ⚠ ") {
            blocks.push(vec![line]);
            open = true;
        } else if line.trim().is_empty() {
            open = false;
        } else if open {
            blocks.last_mut().unwrap().push(line);
        }
    }
    blocks.iter().map(|lines| diag(lines)).collect()
}

fn diag(lines: &[&str]) -> Diag {
    let is_error = lines[0].starts_with("  × ");
    let head = lines[0].trim_start().trim_start_matches(['×', '⚠']);
    let mut message = head.trim_start().to_owned();
    let mut location = None;
    let mut help: Option<String> = None;
    for line in &lines[1..] {
        if let Some(h) = &mut help {
            unwrap_into(h, line.trim());
        } else if let Some(rest) = line.strip_prefix("  │ ") {
            unwrap_into(&mut message, rest.trim());
        } else if let Some(start) = line.find("╭─[") {
            let inner = &line[start + "╭─[".len()..];
            location = Some(inner[..inner.rfind(']').unwrap_or(inner.len())].to_owned());
        } else if let Some(rest) = line.trim_start().strip_prefix("help: ") {
            help = Some(rest.trim().to_owned());
        }
    }
    if location.is_none() {
        // `file[:line:col]: error: message`, printed when there is no snippet to quote.
        for kind in [": error: ", ": warning: "] {
            if let Some((place, rest)) = message.split_once(kind) {
                location = Some(place.to_owned());
                message = rest.to_owned();
                break;
            }
        }
    }
    Diag {
        is_error,
        message,
        location,
        help,
        text: lines.join("\n"),
    }
}

/// Joins a wrapped line back: the terminal breaks lines at spaces and after hyphens.
fn unwrap_into(text: &mut String, more: &str) {
    if !text.ends_with('-') {
        text.push(' ');
    }
    text.push_str(more);
}

/// The text a reader sees on a page: the body without tags, scripts or styles, entities decoded,
/// spaces collapsed.
pub fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html.find("<body").map_or(html, |i| &html[i..]);
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        out.push(' ');
        let tag = &rest[start..];
        let lower = tag.get(..8).unwrap_or(tag).to_ascii_lowercase();
        let skip_to = if lower.starts_with("<script") {
            tag.find("</script>").map(|i| i + "</script>".len())
        } else if lower.starts_with("<style") {
            tag.find("</style>").map(|i| i + "</style>".len())
        } else {
            tag.find('>').map(|i| i + 1)
        };
        rest = &tag[skip_to.unwrap_or(tag.len())..];
    }
    out.push_str(rest);
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The values of every `href` attribute, quoted or not (the published HTML is minified).
pub fn links(html: &str) -> Vec<String> {
    attribute_values(html, "href")
}

/// The values of every `name=` attribute in the HTML, quoted or not.
pub fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!("{name}=");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + needle.len()..];
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or_default(),
            _ => rest
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or_default(),
        };
        out.push(value.replace("&amp;", "&").replace("&#x2F;", "/"));
    }
    out
}

/// The page's JSON-LD (its first `application/ld+json` script), parsed.
pub fn json_ld(html: &str) -> serde_json::Value {
    let start = html.find("application/ld+json").expect("a JSON-LD script");
    let script = &html[start..];
    let body = &script[script.find('>').unwrap() + 1..script.find("</script>").unwrap()];
    serde_json::from_str(body).expect("JSON-LD parses")
}

/// Each of `parts` occurs in `text`, in this order.
#[track_caller]
pub fn assert_in_order(text: &str, parts: &[&str]) {
    let mut from = 0;
    for part in parts {
        match text[from..].find(part) {
            Some(i) => from += i + part.len(),
            None => {
                panic!("expected {part:?} after position {from}, in this order: {parts:?}\n{text}")
            }
        }
    }
}

/// Files of the `minimal` fixture that tests break on purpose.
pub mod minimal {
    pub const KHAI_SINH: &str = "content/procedures/ho-tich/dang-ky-khai-sinh.yaml";
    pub const KET_HON: &str = "content/procedures/ho-tich/dang-ky-ket-hon.yaml";
    pub const BAN_SAO: &str = "content/procedures/chung-thuc/chung-thuc-ban-sao.yaml";
    pub const THUONG_TRU: &str = "content/procedures/cu-tru/dang-ky-thuong-tru.yaml";
    pub const GUIDE: &str = "content/guides/huong-dan-khai-sinh.md";
    pub const PAGE: &str = "content/pages/gioi-thieu.md";
    pub const AGENCIES: &str = "content/agencies.yaml";
    pub const FIELDS: &str = "content/fields.yaml";

    /// A procedure that no file of the fixture names, for tests that add one.
    pub const TAM_TRU_YAML: &str = r#"code: "1.004200"
name: Đăng ký tạm trú
summary: Khai báo nơi ở mới khi đến sống ở xã khác từ 30 ngày trở lên.
field: cu-tru
level: [xa]
agency: cong-an-xa-an-phu
online: toan-trinh
channels:
  - method: truc-tuyen
    duration: 03 ngày làm việc
    days: 3
    fee: "7.000 đồng"
steps:
  - Khai Tờ khai thay đổi thông tin cư trú trên Cổng dịch vụ công.
documents:
  - name: Tờ khai thay đổi thông tin cư trú
    originals: 1
result: Thông tin tạm trú được cập nhật vào Cơ sở dữ liệu về cư trú
updated: 2026-02-01
"#;
}

/// The page has a link (`href`) to exactly `url`.
#[track_caller]
pub fn assert_links_to(html: &str, url: &str) {
    let all = links(html);
    assert!(
        all.iter().any(|l| l == url),
        "no link to {url} among {all:?}"
    );
}
