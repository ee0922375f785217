//! `--out` never costs a user a file: a build replaces its output folder whole, so it writes only
//! into a folder that motcua wrote before (it carries a marker), an empty one, or a new one.
//! A folder of someone else's files needs `--force`; the site itself, the folders above it, its
//! sources, a file and `/` are refused even then. The same holds for `serve --out` and
//! `leaflets --out`.

mod common;

use std::collections::BTreeMap;

use common::{Run, Site};

/// Every file of the site, with its bytes, to compare before and after a refused command.
fn everything(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.files("")
}

#[track_caller]
fn refused(run: &Run, why: &str) {
    run.exit_code(2)
        .stderr_has("motcua will not write into")
        .stderr_has(why);
}

#[test]
fn a_folder_of_the_users_own_files_is_refused_unless_forced() {
    let site = Site::new("minimal");
    site.write("tai-lieu/luan-van.odt", "bản thảo");
    site.write("tai-lieu/anh/gia-dinh.jpg", "ảnh");
    let before = everything(&site);

    let run = site.run(&["build", "--out", "tai-lieu"]);
    refused(&run, "did not write");
    run.stderr_has("--force");
    assert!(everything(&site) == before, "a refused build changed files");

    site.run(&["build", "--out", "tai-lieu", "--force"])
        .succeeds();
    assert!(site.exists("tai-lieu/index.html"));
    assert!(
        site.exists("tai-lieu/.motcua-output"),
        "the forced folder is marked now"
    );
    // Marked, it is rebuilt without --force from now on.
    site.run(&["build", "--out", "tai-lieu"]).succeeds();
}

#[test]
fn the_site_its_parent_its_sources_a_file_and_the_root_are_refused_even_forced() {
    let site = Site::new("minimal");
    let before = everything(&site);
    for (out, why) in [
        (".", "the site's own folder"),
        ("public/..", "the site's own folder"),
        ("..", "it holds the site"),
        ("/", "root of the file system"),
        ("content", "the site's content"),
        ("content/forms", "the site's content"),
        ("themes", "the site's themes"),
        ("site.toml", "the site's site.toml"),
    ] {
        refused(&site.run(&["build", "--out", out, "--force"]), why);
        refused(&site.run(&["build", "--out", out]), why);
    }
    site.write("ghi-chu.txt", "một tệp");
    refused(
        &site.run(&["build", "--out", "ghi-chu.txt", "--force"]),
        "is a file",
    );
    let after = everything(&site);
    assert_eq!(after.len(), before.len() + 1, "files appeared or went");
    assert!(
        before
            .iter()
            .all(|(path, bytes)| after.get(path) == Some(bytes)),
        "a refused build changed a file of the site"
    );
}

#[test]
fn public_left_by_an_earlier_version_is_rebuilt_without_force() {
    let site = Site::new("minimal");
    site.build().succeeds();
    // As an earlier version left it: a site, but no marker.
    site.remove("public/.motcua-output");

    site.build().succeeds();
    assert!(site.exists("public/.motcua-output"));
}

#[test]
fn serve_and_leaflets_follow_the_same_rules() {
    let site = Site::new("minimal");
    site.write("tai-lieu/luan-van.odt", "bản thảo");
    let before = everything(&site);

    refused(
        &site.run(&["serve", "--port", "0", "--out", "content", "--force"]),
        "content",
    );
    refused(
        &site.run(&["serve", "--port", "0", "--out", "tai-lieu"]),
        "did not write",
    );
    refused(
        &site.run(&["leaflets", "--pdf", "--out", ".", "--force"]),
        "own folder",
    );
    refused(
        &site.run(&["leaflets", "--pdf", "--out", "tai-lieu"]),
        "did not write",
    );
    assert!(
        everything(&site) == before,
        "a refused command changed files"
    );
}
