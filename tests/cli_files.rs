//! What a site's folders hold besides plain files: links, pipes, folders with file names, files
//! too long to be named. Each is read, or reported by name; nothing disappears in silence, and
//! nothing from outside the site is published.
#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;

use common::Site;
use common::minimal::*;

const LINKED: &str = "content/procedures/ho-tich/dang-ky-tam-tru.yaml";

#[test]
fn a_link_to_a_file_or_folder_inside_the_site_is_read_like_the_file() {
    let site = Site::new("minimal");
    site.write("shared/tam-tru.yaml", TAM_TRU_YAML);
    symlink(site.path("shared/tam-tru.yaml"), site.path(LINKED)).unwrap();
    std::fs::create_dir_all(site.path("shared/pages")).unwrap();
    site.write(
        "shared/pages/lien-he.md",
        "---\ntitle: Liên hệ\n---\n\nGọi 1022.\n",
    );
    symlink(site.path("shared/pages"), site.path("content/pages/chung")).unwrap();

    site.build().succeeds();
    assert!(
        site.page("/thu-tuc/dang-ky-tam-tru/")
            .contains("Đăng ký tạm trú")
    );
    assert!(site.page("/chung/lien-he/").contains("Gọi 1022."));
}

#[test]
fn links_that_lead_outside_the_site_or_nowhere_are_errors_naming_them() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("tam-tru.yaml"), TAM_TRU_YAML).unwrap();
    std::fs::write(outside.path().join("passwd"), "root:x:0:0").unwrap();
    let site = Site::new("minimal");
    site.build().succeeds();
    let published = site.files("public");
    symlink(outside.path().join("tam-tru.yaml"), site.path(LINKED)).unwrap();
    symlink(
        outside.path().join("passwd"),
        site.path("content/forms/leak.txt"),
    )
    .unwrap();
    symlink(outside.path(), site.path("content/guides/ngoai")).unwrap();
    symlink("/nowhere/at/all.md", site.path("content/pages/mat.md")).unwrap();

    let run = site.build();
    run.fails();
    for file in [LINKED, "content/forms/leak.txt", "content/guides/ngoai"] {
        let found = run
            .errors()
            .into_iter()
            .any(|d| d.place() == file && d.message.contains("leads outside the site"));
        assert!(found, "no error for {file}:\n{}", run.dump());
    }
    run.error("which does not exist")
        .in_file("content/pages/mat.md");
    assert!(
        site.files("public") == published,
        "the failed build changed public/"
    );
}

#[test]
fn a_link_in_the_theme_that_leads_outside_the_site_is_not_published() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("passwd"), "root:x:0:0").unwrap();
    let site = Site::new("minimal");
    let link = "themes/default/static/leak.txt";
    symlink(outside.path().join("passwd"), site.path(link)).unwrap();

    site.build()
        .fails()
        .error("leads outside the site")
        .in_file(link);
    assert!(!site.exists("public"), "a site was published");
}

#[test]
fn a_pipe_in_the_content_is_an_error_and_the_run_does_not_wait_on_it() {
    let site = Site::new("minimal");
    let fifo = site.path("content/procedures/ho-tich/ong.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");

    site.check()
        .fails()
        .error("named pipe")
        .in_file("content/procedures/ho-tich/ong.yaml");
}

#[test]
fn a_folder_named_like_a_procedure_file_is_an_error() {
    let site = Site::new("minimal");
    std::fs::create_dir_all(site.path("content/procedures/ho-tich/dang-ky-lai.yaml")).unwrap();

    site.check()
        .fails()
        .error("named like a content file")
        .in_file("content/procedures/ho-tich/dang-ky-lai.yaml");
}

#[test]
fn a_folder_where_a_registry_file_belongs_is_an_error_saying_so() {
    let site = Site::new("minimal");
    site.remove(AGENCIES);
    std::fs::create_dir_all(site.path(AGENCIES)).unwrap();

    site.check()
        .fails()
        .error("this is a folder, where a file is expected")
        .in_file(AGENCIES);
}

#[test]
fn an_unreadable_file_or_folder_is_named_with_what_to_do() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::new("minimal");
    site.write("content/pages/bi-mat/a.md", "---\ntitle: A\n---\n");
    // Readable by everyone, so that the check can run as a user without rights to the two below.
    for entry in walkdir::WalkDir::new(site.root()) {
        let path = entry.unwrap().into_path();
        let mode = if path.is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let locked = std::fs::Permissions::from_mode(0o000);
    std::fs::set_permissions(site.path(KET_HON), locked.clone()).unwrap();
    std::fs::set_permissions(site.path("content/pages/bi-mat"), locked).unwrap();
    // root reads every file whatever its mode: run as `nobody` then.
    let uid = std::process::Command::new("id")
        .arg("-u")
        .output()
        .unwrap()
        .stdout;
    let wrapper: &[&str] = if String::from_utf8_lossy(&uid).trim() == "0" {
        &[
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
        ]
    } else {
        &[]
    };

    let run = site.run_under(wrapper, &["check"]);
    run.fails();
    for file in [KET_HON, "content/pages/bi-mat"] {
        let found = run.errors().into_iter().find(|d| d.place() == file);
        let d = found.unwrap_or_else(|| panic!("no error for {file}:\n{}", run.dump()));
        d.says("permission denied").help("chmod u+r");
    }
    let open = std::fs::Permissions::from_mode(0o755);
    std::fs::set_permissions(site.path("content/pages/bi-mat"), open).unwrap();
}

#[test]
fn a_code_too_long_for_an_address_is_an_error_at_its_line_not_at_write_time() {
    let site = Site::new("minimal");
    let long = "X".repeat(300);
    site.edit(KET_HON, "code: \"1.000894\"", &format!("code: \"{long}\""));

    let run = site.build();
    run.fails()
        .error("300 characters long")
        .at(KET_HON, 1, 7)
        .field("code");
    run.output_lacks("file name too long");
}

#[test]
fn a_code_that_is_neither_national_nor_local_is_an_error_with_the_forms() {
    let site = Site::new("minimal");
    // Excel dropped the last zero of "1.000894".
    site.edit(KET_HON, "code: \"1.000894\"", "code: \"1.00089\"");

    site.check()
        .fails()
        .error("is not a procedure code")
        .at(KET_HON, 1, 7)
        .says("1.001193.000.00.00.H36");
}

#[test]
fn province_suffixes_and_local_codes_are_codes() {
    let site = Site::new("minimal");
    site.edit(
        KET_HON,
        "code: \"1.000894\"",
        "code: \"1.000894.000.00.00.H36\"",
    );
    site.edit(THUONG_TRU, "code: \"1.004194\"", "code: \"CCCX_01\"");

    site.build().succeeds();
    assert!(site.exists("public/p/10008940000000h36/index.html"));
    assert!(site.exists("public/p/cccx01/index.html"));
}

#[test]
fn an_alias_too_long_to_be_a_folder_is_an_error_at_its_line() {
    let site = Site::new("minimal");
    site.append(
        KET_HON,
        &format!("aliases: [\"/thu-tuc/{}/\"]\n", "a".repeat(300)),
    );
    let line = site.line_of(KET_HON, "aliases:");

    site.check()
        .fails()
        .error("more than the 200 a folder name may have")
        .at_line(KET_HON, line)
        .field("aliases[0]");
}
