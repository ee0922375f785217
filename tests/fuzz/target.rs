//! What is fuzzed: one content file of a small site at a time, put in place of the fixture's own,
//! and the site the cases run in.

use std::path::{Path, PathBuf};

use crate::files::copy_dir;

/// How a target's files are written, which decides the mutations that make sense for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    /// Front matter (YAML) and a Markdown body with shortcodes.
    Markdown,
    Toml,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Yaml => "yaml",
            Format::Markdown => "markdown",
            Format::Toml => "toml",
        }
    }
}

#[derive(Debug)]
pub struct Target {
    /// Names the target in figures and in crash file names (`guide-stack-overflow-….md`).
    pub name: &'static str,
    /// The fixture file a case replaces.
    pub path: &'static str,
    pub format: Format,
    /// Files of the example site and of `tests/fixtures/minimal` the cases start from.
    seeds: &'static str,
    /// How often it is picked, out of the weights of all targets.
    pub weight: u32,
}

pub const TARGETS: [Target; 7] = [
    Target {
        name: "procedure",
        path: "content/procedures/ho-tich/dang-ky-khai-sinh.yaml",
        format: Format::Yaml,
        seeds: "content/procedures",
        weight: 25,
    },
    Target {
        name: "agencies",
        path: "content/agencies.yaml",
        format: Format::Yaml,
        seeds: "content/agencies.yaml",
        weight: 5,
    },
    Target {
        name: "fields",
        path: "content/fields.yaml",
        format: Format::Yaml,
        seeds: "content/fields.yaml",
        weight: 5,
    },
    Target {
        name: "life-events",
        path: "content/life-events.yaml",
        format: Format::Yaml,
        seeds: "content/life-events.yaml",
        weight: 5,
    },
    Target {
        name: "guide",
        path: "content/guides/huong-dan-khai-sinh.md",
        format: Format::Markdown,
        seeds: "content/guides",
        weight: 30,
    },
    Target {
        name: "page",
        path: "content/pages/gioi-thieu.md",
        format: Format::Markdown,
        seeds: "content/pages",
        weight: 15,
    },
    Target {
        name: "site",
        path: "site.toml",
        format: Format::Toml,
        seeds: "site.toml",
        weight: 15,
    },
];

impl Target {
    pub fn by_name(name: &str) -> Option<&'static Target> {
        TARGETS.iter().find(|t| t.name == name)
    }

    /// The target a saved crash file belongs to, from its name (`life-events-…`, `guide-…`).
    pub fn of_file(file_name: &str) -> Option<&'static Target> {
        TARGETS
            .iter()
            .find(|t| file_name.starts_with(&format!("{}-", t.name)))
    }

    /// The extension of the file it replaces, for saved crashes.
    pub fn extension(&self) -> &'static str {
        Path::new(self.path)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
    }

    /// The seed files, read from the example site first and the fixture second. The example's
    /// files name codes and ids the fixture lacks, so each also comes a second time with those
    /// changed to the fixture's ([`retarget`]): without that, nearly every case built from them
    /// would stop at validation and never reach rendering.
    pub fn seeds(&self) -> Vec<Vec<u8>> {
        let repo = repo();
        let mut out = Vec::new();
        for (root, retargeted) in [(repo.clone(), true), (repo.join(FIXTURE), false)] {
            for file in files_under(&root.join(self.seeds)) {
                let bytes = std::fs::read(&file).expect("read a seed");
                if retargeted {
                    out.push(retarget(&String::from_utf8_lossy(&bytes)).into_bytes());
                }
                out.push(bytes);
            }
        }
        assert!(!out.is_empty(), "no seeds for {}", self.name);
        out
    }
}

/// The fixture the cases run in, under the repository.
pub const FIXTURE: &str = "tests/fixtures/minimal";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Makes the site a case runs in at `root`: the minimal fixture, the default theme, and the
/// example site's forms and media, so the example's guides and procedures find the files they
/// name.
pub fn make_site(root: &Path) {
    let repo = repo();
    copy_dir(&repo.join(FIXTURE), root);
    copy_dir(&repo.join("themes/default"), &root.join("themes/default"));
    for folder in ["content/forms", "content/media"] {
        copy_dir(&repo.join(folder), &root.join(folder));
    }
    // Raw HTML is dropped unless a site allows tags; allowed, it reaches the sanitizer and the
    // minifier, which must hold too.
    let config = root.join("site.toml");
    let mut text = std::fs::read_to_string(&config).expect("the fixture's site.toml");
    text.push_str(
        "\n[markdown]\nallow_html = [\"kbd\", \"span\", \"details\", \"summary\", \"div\"]\n",
    );
    std::fs::write(&config, text).expect("write site.toml");
}

/// Every file at or under `path`, sorted, so that a seed number means the same file every run.
fn files_under(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
        out.extend(files_under(&entry.path()));
    }
    out.sort();
    out
}

/// The fixture's procedure codes and registry ids, which an example file's references are
/// changed to.
const CODES: [&str; 4] = ["1.001193", "1.000894", "2.000815", "1.004194"];
const FIELDS: [&str; 3] = ["ho-tich", "chung-thuc", "cu-tru"];
const AGENCIES: [&str; 2] = ["ubnd-xa-an-phu", "cong-an-xa-an-phu"];
const LIFE_EVENTS: [&str; 2] = ["sinh-con", "ket-hon"];
/// Every id the fixture's files name, given to the first entries of an example registry.
const REGISTRY_IDS: [&str; 7] = [
    AGENCIES[0],
    AGENCIES[1],
    FIELDS[0],
    FIELDS[1],
    FIELDS[2],
    LIFE_EVENTS[0],
    LIFE_EVENTS[1],
];

/// An example file with its references changed to what the fixture has: procedure codes, and
/// the values of `field`, `agency`, `life_events` and registry `id`s.
pub fn retarget(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut ids = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let key = |k: &str| trimmed.starts_with(&format!("{k}:"));
        let replaced = if key("field") {
            Some(format!("field: {}", FIELDS[0]))
        } else if key("agency") {
            Some(format!("agency: {}", AGENCIES[0]))
        } else if key("life_events") {
            Some(format!("life_events: [{}]", LIFE_EVENTS[0]))
        } else if trimmed.starts_with("- id:") && ids < REGISTRY_IDS.len() {
            // A registry entry: the first ones take the ids the fixture's procedures use.
            ids += 1;
            Some(format!("- id: {}", REGISTRY_IDS[ids - 1]))
        } else {
            None
        };
        match replaced {
            Some(new) => {
                out.push_str(indent);
                out.push_str(&new);
                out.push('\n');
                // A block list that was the old value goes with it.
                while lines
                    .peek()
                    .is_some_and(|next| is_list_item_under(next, indent))
                {
                    lines.next();
                }
            }
            None => out.push_str(&replace_codes(line)),
        }
    }
    out
}

/// `  - x` below a key at `indent`: an item of that key's block list.
fn is_list_item_under(line: &str, indent: &str) -> bool {
    let trimmed = line.trim_start();
    let deeper = line.len() - trimmed.len() > indent.len();
    let same = line.len() - trimmed.len() == indent.len();
    trimmed.starts_with("- ") && (deeper || same) && !trimmed.contains(": ")
}

/// Procedure codes (`1.001193`: a digit, a dot, six digits) changed to the fixture's, in turn.
fn replace_codes(line: &str) -> String {
    let bytes = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    let mut n = 0;
    while i < bytes.len() {
        let is_code = i + 8 <= bytes.len()
            && bytes[i].is_ascii_digit()
            && bytes[i + 1] == b'.'
            && bytes[i + 2..i + 8].iter().all(u8::is_ascii_digit)
            && (i == 0 || !bytes[i - 1].is_ascii_digit());
        if is_code {
            out.push_str(CODES[n % CODES.len()]);
            n += 1;
            i += 8;
        } else {
            let ch = line[i..].chars().next().expect("a char at a char boundary");
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}
