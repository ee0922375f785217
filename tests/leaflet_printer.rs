//! The printer's side of Chromium, with a stand-in for Chromium: a script that fetches the
//! leaflet from the printer's local server and says a great deal on stderr, as Chromium does
//! when it logs.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

/// Writes a megabyte and more to stderr before it "prints": more than a pipe holds, so a printer
/// that reads stderr only after Chromium exits waits until its time limit.
const CHATTY_CHROMIUM: &str = r#"#!/bin/bash
set -e
for arg in "$@"; do
  case "$arg" in
    --print-to-pdf=*) pdf="${arg#--print-to-pdf=}" ;;
    http://*) url="$arg" ;;
  esac
done
head -c 1200000 /dev/zero | tr '\0' 'x' >&2
authority="${url#http://}"; authority="${authority%%/*}"
path="/${url#http://*/}"
exec 3<>"/dev/tcp/${authority%:*}/${authority##*:}"
printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$authority" >&3
cat <&3 > "$pdf"
"#;

#[test]
fn a_chromium_that_fills_its_stderr_pipe_still_prints() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let printed = tmp.path().join("pdf");
    let chromium = tmp.path().join("chromium");
    std::fs::write(&chromium, CHATTY_CHROMIUM).unwrap();
    std::fs::set_permissions(&chromium, std::fs::Permissions::from_mode(0o755)).unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(["leaflets", "--pdf", "--root"])
        .arg(repo)
        .arg("--out")
        .arg(&printed)
        .env("CHROMIUM", &chromium)
        .env("TMPDIR", tmp.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "motcua leaflets --pdf failed:\n{stderr}"
    );
    let pdfs: Vec<_> = std::fs::read_dir(&printed)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert!(!pdfs.is_empty(), "no leaflet was printed:\n{stderr}");
    for pdf in &pdfs {
        // What the stand-in saved is the printer server's answer for the leaflet.
        let answer = String::from_utf8_lossy(&std::fs::read(pdf).unwrap()).into_owned();
        let head = answer.split("\r\n\r\n").next().unwrap_or_default();
        assert!(
            head.starts_with("HTTP/1.1 200"),
            "{}: {head}",
            pdf.display()
        );
        assert!(
            head.to_ascii_lowercase()
                .contains("content-type: text/html; charset=utf-8"),
            "{}: {head}",
            pdf.display()
        );
        assert!(answer.contains("</html>"), "{}: not a page", pdf.display());
    }
}
