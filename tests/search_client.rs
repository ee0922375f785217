//! The site's JavaScript search client against the Rust side, on the example site as the real
//! binary builds it: Rust writes, for a few hundred queries, the analyzer's tokens, the word being
//! typed and its completions, the number of hits and the top 20 with their scores (as
//! `Exported::search` ranks them, which `search::tests` checks against tantivy); then
//! the search crate's parity suite (crates/motcua-search/tests/parity/) runs the published client
//! on the built files under node and must agree. The theme ships the crate's client unchanged.
//!
//! Needs node 20 or later; without it the test says so in one line and passes, except under
//! CI=true, where it fails.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Command;

use motcua::diagnostics::Diagnostics;
use motcua::pipeline::documents;
use motcua::pipeline::{Options, catalog};
use motcua_search::testing;
use serde_json::json;

/// The parity suite of the search crate, whose expectations `testing::parity_expectations`
/// writes.
const PARITY: &str = "crates/motcua-search/tests/parity";

#[test]
fn the_search_client_ranks_as_the_index_does() {
    if !node_or_skip() {
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    common::build_example(&site, &[]);

    let diags = Diagnostics::new();
    let catalog = catalog(&Options::new(repo), &diags).expect("the example site loads");
    let queries = testing::parity_expectations(&documents(&catalog));
    assert!(queries.len() >= 200, "{} queries", queries.len());
    let expected = work.path().join("expected.json");
    let base = catalog.base.absolute("/");
    let body = json!({ "base": base, "queries": queries });
    std::fs::write(&expected, serde_json::to_vec(&body).unwrap()).unwrap();

    let out = Command::new("node")
        .args(["--test", "--test-reporter=spec"])
        .arg(repo.join(PARITY).join("parity.test.js"))
        .env("MOTCUA_SITE_DIR", &site)
        .env("MOTCUA_EXPECTED", &expected)
        .output()
        .expect("node runs");
    println!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "the parity checks failed; see above");
}

#[test]
fn the_theme_ships_the_crate_s_search_client() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/js/search.js");
    let shipped = std::fs::read_to_string(&file).unwrap();
    assert!(
        shipped == motcua_search::CLIENT_JS,
        "{} differs from crates/motcua-search/js/search.js: edit the crate's and copy it",
        file.display()
    );
}

/// Whether node 20 or later runs here; says why not once, and fails under CI=true.
fn node_or_skip() -> bool {
    let version = Command::new("node")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    let major = version.as_deref().and_then(|v| {
        v.trim_start_matches('v')
            .split('.')
            .next()?
            .parse::<u32>()
            .ok()
    });
    if major.is_some_and(|m| m >= 20) {
        return true;
    }
    let line = "the_search_client_ranks_as_the_index_does skipped: Node.js 20 or later not found (Debian package nodejs)";
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true: {line}"
    );
    let _ = writeln!(std::io::stderr(), "{line}");
    false
}
