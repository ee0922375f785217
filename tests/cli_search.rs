//! `motcua search`: a citizen's query, typed as on a phone (no diacritics, either tone placement,
//! capitals), answered from the same tantivy index the site is built with.

mod common;

use std::path::Path;

use common::Site;

/// The procedure codes (or guide addresses) a search printed, best first.
fn results(site: &Site, query: &[&str]) -> Vec<String> {
    let mut args = vec!["search"];
    args.extend(query);
    let run = site.run(&args);
    run.succeeds();
    run.stdout
        .lines()
        .map(|line| line.split('\t').next().unwrap().to_owned())
        .collect()
}

/// The example site at the repository's root, searched in place (search writes nothing).
fn example(query: &str) -> Vec<String> {
    let site = Site::new("minimal");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).to_str().unwrap();
    results(&site, &["--root", root, "--limit", "20", query])
}

#[test]
fn a_query_without_diacritics_puts_the_procedure_first() {
    assert_eq!(example("dang ky khai sinh")[0], "1.001193");
    let site = Site::new("minimal");
    assert_eq!(results(&site, &["dang ky khai sinh"])[0], "1.001193");
}

#[test]
fn capitals_without_diacritics_find_ket_hon() {
    assert_eq!(example("DANG KY KET HON")[0], "1.000894");
    let site = Site::new("minimal");
    assert_eq!(results(&site, &["DANG", "KY", "KET", "HON"])[0], "1.000894");
}

#[test]
fn a_code_finds_its_procedure() {
    assert_eq!(example("1.001193")[0], "1.001193");
}

#[test]
fn a_code_typed_without_its_dots_finds_its_procedure() {
    assert_eq!(example("1001193")[0], "1.001193");
    let site = Site::new("minimal");
    assert_eq!(results(&site, &["1001193"])[0], "1.001193");
    assert_eq!(results(&site, &["ma", "1000894"])[0], "1.000894");
}

#[test]
fn each_line_has_code_name_and_score() {
    let site = Site::new("minimal");
    let run = site.run(&["search", "--limit", "2", "khai sinh"]);
    run.succeeds();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    let first: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(first[..2], ["1.001193", "Đăng ký khai sinh"]);
    assert!(first[2].parse::<f32>().unwrap() > 0.0, "{}", lines[0]);
}

#[test]
fn both_tone_placements_give_the_same_results() {
    let site = Site::new("minimal");
    site.write(
        "content/procedures/ho-tich/hoa-giai.yaml",
        site.read("content/procedures/ho-tich/dang-ky-ket-hon.yaml")
            .replace("1.000894", "2.002001")
            .replace("name: Đăng ký kết hôn", "name: Hoà giải tranh chấp")
            .replace("Hai bên nam, nữ nộp tờ khai.", "Hai bên đến hòa giải."),
    );
    let modern = site.run(&["search", "hoà giải"]);
    let old = site.run(&["search", "hòa giải"]);
    modern.succeeds();
    old.succeeds();
    assert_eq!(modern.stdout, old.stdout);
    assert_eq!(results(&site, &["hoa giai"])[0], "2.002001");
    assert_eq!(results(&site, &["hòa giải"])[0], "2.002001");
}

#[test]
fn a_guide_is_found_by_its_address() {
    let site = Site::new("minimal");
    let title = site.read("content/guides/huong-dan-khai-sinh.md");
    let title = title
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .unwrap()
        .trim_matches('"')
        .to_owned();
    let found = results(&site, &[&title, "--limit", "50"]);
    assert!(
        found.iter().any(|r| r.starts_with("/huong-dan/")),
        "{found:?}"
    );
}

#[test]
fn a_replaced_procedure_ranks_just_below_its_replacement() {
    // 1.003003 (Luật Đất đai 2013) matches this query better, but was replaced by 1.012756.
    let found = example("giay chung nhan lan dau luat dat dai nam 2013");
    assert_eq!(found[..2], ["1.012756", "1.003003"]);
    // Where its replacement does not match, it keeps its own place.
    assert_eq!(example("2013")[0], "1.003003");
}

#[test]
fn nothing_found_is_not_an_error() {
    let site = Site::new("minimal");
    let run = site.run(&["search", "zzzz"]);
    run.succeeds().stderr_has("no results");
    assert!(run.stdout.is_empty());
}
