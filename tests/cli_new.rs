//! `motcua new` starts content files from the theme's archetypes; `motcua schema` prints the JSON
//! Schema editors' YAML tools use.

mod common;

use common::Site;
use serde_json::Value;

const NEW_PROCEDURE: &str = "content/procedures/ho-tich/dang-ky-nhan-cha-me-con.yaml";

fn new_procedure(site: &Site) -> common::Run {
    site.run(&[
        "new",
        "procedure",
        "--code",
        "1.001022",
        "--name",
        "Đăng ký nhận cha, mẹ, con",
        "--field",
        "ho-tich",
        "--agency",
        "ubnd-xa-an-phu",
    ])
}

#[test]
fn new_procedure_writes_a_draft_that_check_accepts() {
    let site = Site::new("minimal");

    new_procedure(&site).succeeds().stdout_has(NEW_PROCEDURE);

    let text = site.read(NEW_PROCEDURE);
    assert!(text.contains("code: \"1.001022\""), "{text}");
    assert!(text.contains("name: Đăng ký nhận cha, mẹ, con"), "{text}");
    assert!(
        text.contains("field: ho-tich") && text.contains("agency: ubnd-xa-an-phu"),
        "{text}"
    );
    assert!(
        text.contains("draft: true"),
        "a new procedure starts as a draft: {text}"
    );
    site.run(&["check", "--drafts"]).succeeds();
    site.build().succeeds();
    assert!(
        !site.exists("public/p/1001022/index.html"),
        "the draft is not published"
    );
}

#[test]
fn new_procedure_refuses_to_overwrite_a_file() {
    let site = Site::new("minimal");
    new_procedure(&site).succeeds();
    site.edit(NEW_PROCEDURE, "summary:", "# Đã sửa tay.\nsummary:");
    let edited = site.read(NEW_PROCEDURE);

    new_procedure(&site).fails().stderr_has("already exists");

    assert_eq!(
        site.read(NEW_PROCEDURE),
        edited,
        "the editor's work was overwritten"
    );
}

#[test]
fn new_guide_names_the_procedures_it_explains() {
    let site = Site::new("minimal");

    site.run(&[
        "new",
        "guide",
        "--title",
        "Hướng dẫn đăng ký kết hôn",
        "--procedure",
        "1.000894",
    ])
    .succeeds();

    let text = site.read("content/guides/huong-dan-dang-ky-ket-hon.md");
    assert!(
        text.starts_with("---\n") && text.contains("title: Hướng dẫn đăng ký kết hôn"),
        "{text}"
    );
    assert!(text.contains("\"1.000894\""), "{text}");
    site.run(&["check", "--drafts"]).succeeds();
}

fn schema(site: &Site, kind: &str) -> Value {
    let run = site.run(&["schema", kind]);
    run.succeeds();
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("`motcua schema {kind}` is not JSON: {e}\n{}", run.stdout))
}

#[test]
fn schema_procedure_is_a_strict_json_schema() {
    let site = Site::new("minimal");
    let schema = schema(&site, "procedure");

    assert_eq!(
        schema["additionalProperties"], false,
        "unknown keys must be errors in editors too"
    );
    assert_eq!(schema["type"], "object");
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for key in [
        "code", "name", "field", "level", "agency", "online", "channels", "steps", "result",
        "updated",
    ] {
        assert!(
            required.contains(&key),
            "`{key}` is not required: {required:?}"
        );
    }
    for nested in ["Channel", "Document", "Case"] {
        assert_eq!(
            schema["$defs"][nested]["additionalProperties"], false,
            "{nested} allows unknown keys"
        );
    }
    jsonschema::meta::validate(&schema).expect("a valid JSON Schema");

    // It rejects what check rejects.
    let validator = jsonschema::validator_for(&schema).unwrap();
    let typo = serde_json::json!({"code": "1.000894", "nmae": "Đăng ký kết hôn"});
    assert!(!validator.is_valid(&typo));
}

#[test]
fn every_schema_is_a_valid_json_schema() {
    let site = Site::new("minimal");
    for kind in [
        "procedure",
        "guide",
        "page",
        "agency",
        "field",
        "life-event",
        "site",
    ] {
        let schema = schema(&site, kind);
        if let Err(e) = jsonschema::meta::validate(&schema) {
            panic!("`motcua schema {kind}` is not a valid JSON Schema: {e}");
        }
    }
}
