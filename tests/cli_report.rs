//! The terminal report, as an editor reads it: each problem names its file, line, column and
//! field, quotes the line it is on and says what to do; the JSON form (`--format json`) carries
//! the same problems for programs. The other tests read the JSON; these read what people read.

mod common;

use common::Site;
use common::minimal::*;

#[test]
fn the_terminal_report_names_the_file_line_and_field_and_quotes_the_line() {
    let site = Site::new("minimal");
    site.edit(KET_HON, "name:", "nmae:");

    let run = site.run(&["check", "--format", "human"]);
    run.fails()
        .stderr_has("× `nmae`: unknown key `nmae`")
        .stderr_has(&format!("╭─[{KET_HON}:2:1]"))
        .stderr_has(" 2 │ nmae: Đăng ký kết hôn")
        .stderr_has("╰── nmae")
        .stderr_has("help: did you mean `name`?")
        .stderr_has("1 error(s), 0 warning(s)");
    assert_eq!(run.stdout, "", "the terminal report goes to stderr alone");
}

#[test]
fn a_warning_is_marked_apart_from_errors_and_counted() {
    let site = Site::new("minimal");
    site.append(GUIDE, "\nNhấn <kbd>Enter</kbd>.\n");
    let line = site.line_of(GUIDE, "<kbd>");

    site.run(&["build", "--format", "human"])
        .succeeds()
        .stderr_has("⚠ raw HTML in Markdown was dropped")
        .stderr_has(&format!("╭─[{GUIDE}:{line}:"))
        .stderr_has("0 error(s), 1 warning(s)");
}

#[test]
fn the_json_report_has_the_same_problems_with_each_part_apart() {
    let site = Site::new("minimal");
    site.edit(KET_HON, "name:", "nmae:");

    let run = site.run(&["check", "--format", "json"]);
    run.fails();
    let json: serde_json::Value =
        serde_json::from_str(run.stdout.trim_end()).expect("stdout is one JSON object");
    assert_eq!(run.stdout.lines().count(), 1, "one line: {}", run.stdout);
    assert_eq!(
        json,
        serde_json::json!({
            "errors": 1,
            "warnings": 0,
            "diagnostics": [{
                "severity": "error",
                "file": KET_HON,
                "line": 2,
                "column": 1,
                "field": "nmae",
                "message": "unknown key `nmae`",
                "help": "did you mean `name`?",
            }],
        })
    );
    run.stderr_lacks("×");
}

#[test]
fn a_clean_run_reports_an_empty_list_in_json() {
    let site = Site::new("minimal");
    let run = site.run(&["build", "--format", "json"]);
    run.succeeds().stderr_has("built ");
    assert_eq!(
        run.stdout.trim_end(),
        r#"{"errors":0,"warnings":0,"diagnostics":[]}"#
    );
}
