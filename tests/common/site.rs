//! The fixture: a copy of a site in its own folder, edited by the test, and what it published.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::files::copy_dir;
use super::run::Run;

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

    /// [`Site::shared`], built: for the read-only tests of one file. The build must succeed
    /// without a warning.
    pub fn built(fixture: &str, name: &str) -> Site {
        let site = Site::shared(fixture, name);
        let run = site.build();
        run.succeeds();
        assert_eq!(
            run.counts(),
            (0, 0),
            "the fixture builds without warnings:\n{}",
            run.dump()
        );
        site
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

    /// Runs `motcua <args>` in the site's folder. `check` and `build` report their problems as
    /// JSON (`--format json`) for [`Run::diagnostics`], unless `args` name a `--format`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_under(&[], args)
    }

    /// Runs `<wrapper…> motcua <args>` in the site's folder, e.g. under `setpriv` as another user.
    pub fn run_under(&self, wrapper: &[&str], args: &[&str]) -> Run {
        Run::start(&self.root, wrapper, args)
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
