//! Leaflets as a print shop gets them: `motcua leaflets --pdf` prints every leaflet of the example
//! catalog through the real Chromium, and each PDF is checked with poppler (paper size, pages)
//! and its QR codes are read back with zbar from a 150 dpi rendering.
//!
//! Needs Debian's chromium, poppler-utils and zbar-tools. Without them the test says what is
//! missing in one line and passes, except under CI=true, where a missing tool fails it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn every_leaflet_prints_on_a4_with_a_qr_code_to_its_permanent_address() {
    if !tools_or_skip() {
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().expect("a temporary folder");
    let pdfs = work.path().join("pdf");
    let site = work.path().join("site");

    let print = motcua(&["leaflets", "--pdf", "--out"], &pdfs, repo);
    assert!(
        print.status.success(),
        "motcua leaflets --pdf failed:\n{}",
        String::from_utf8_lossy(&print.stderr)
    );
    let build = motcua(&["build", "--out"], &site, repo);
    assert!(
        build.status.success(),
        "motcua build failed:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );

    let catalog: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.join("catalog.json")).unwrap())
            .expect("catalog.json is JSON");
    let mut printed = 0;
    for p in catalog["procedures"].as_array().unwrap() {
        let code = p["code"].as_str().unwrap();
        if p["leaflet_url"].is_null() {
            assert_ne!(
                p["status"], "hieu-luc",
                "{code} is in force and has no leaflet"
            );
            continue;
        }
        let pdf = pdf_of(&pdfs, code);
        let info = run("pdfinfo", &[pdf.as_os_str()]);
        let pages: u32 = field(&info, "Pages:").parse().unwrap();
        let size = field(&info, "Page size:");
        assert!(size.contains("(A4)"), "{code}: the paper is not A4: {size}");
        assert!(
            size.starts_with("841") || size.starts_with("842"),
            "{code}: not landscape: {size}"
        );
        assert!(pages <= 2, "{code}: the tri-fold printed on {pages} pages");

        let png = work.path().join(format!("page1-{printed}"));
        run(
            "pdftoppm",
            &[
                "-r".as_ref(),
                "150".as_ref(),
                "-f".as_ref(),
                "1".as_ref(),
                "-l".as_ref(),
                "1".as_ref(),
                "-singlefile".as_ref(),
                "-png".as_ref(),
                pdf.as_os_str(),
                png.as_os_str(),
            ],
        );
        let png = work.path().join(format!("page1-{printed}.png"));
        let decoded: BTreeSet<String> = run(
            "zbarimg",
            &["-q".as_ref(), "--raw".as_ref(), png.as_os_str()],
        )
        .lines()
        .map(str::to_owned)
        .collect();
        let mut expected = BTreeSet::from([p["short_url"].as_str().unwrap().to_owned()]);
        if let Some(portal) = p["portal_url"].as_str() {
            expected.insert(portal.to_owned());
        }
        assert_eq!(
            decoded, expected,
            "{code}: the QR codes on the outside of the leaflet"
        );
        assert!(
            p["short_url"]
                .as_str()
                .unwrap()
                .starts_with("https://thutuc.example.gov.vn/p/")
        );
        printed += 1;
    }
    let files = std::fs::read_dir(&pdfs).unwrap().count();
    assert_eq!(files, printed, "one PDF per leaflet");
    assert!(printed >= 25, "only {printed} leaflets were printed");
    println!("{printed} leaflets printed and read back");
}

fn motcua(args: &[&str], out: &Path, root: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(args)
        .arg(out)
        .arg("--root")
        .arg(root)
        .output()
        .expect("motcua runs")
}

/// The PDF whose name starts with the code.
fn pdf_of(dir: &Path, code: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{code}-"))
        })
        .unwrap_or_else(|| panic!("no PDF for {code} in {}", dir.display()))
}

fn run(tool: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool}: {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn field<'a>(info: &'a str, name: &str) -> &'a str {
    info.lines()
        .find_map(|l| l.strip_prefix(name))
        .map(str::trim)
        .unwrap_or_else(|| panic!("no {name} in\n{info}"))
}

/// True when Chromium, poppler and zbar are here; otherwise says which Debian packages are missing.
fn tools_or_skip() -> bool {
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let mut missing = Vec::new();
    if !chromium.is_file() {
        missing.push("chromium");
    }
    if !runs("pdfinfo", "-v") || !runs("pdftoppm", "-v") {
        missing.push("poppler-utils");
    }
    if !runs("zbarimg", "--version") {
        missing.push("zbar-tools");
    }
    if missing.is_empty() {
        return true;
    }
    let msg = format!(
        "skipped: the leaflet print test needs the Debian package(s) {}",
        missing.join(", ")
    );
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{msg}");
    println!("{msg}");
    false
}

fn runs(tool: &str, arg: &str) -> bool {
    Command::new(tool).arg(arg).output().is_ok()
}
