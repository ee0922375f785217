//! Hostile input: files that ask for unbounded memory or nesting get an error at their line, and
//! the run ends with exit code 1 like any other mistake, never with a crash. The bounds are in
//! `src/limits.rs` and in the editor's guide.

mod common;

use common::Site;
use common::minimal::*;
use motcua::limits;

/// Aliases of aliases, nine levels of nine: 9^9 copies of "lol" if they were expanded.
fn billion_laughs() -> String {
    let mut text = String::from("lol0: &l0 lol\n");
    for level in 1..=9 {
        let refs = vec![format!("*l{}", level - 1); 9].join(", ");
        text.push_str(&format!("lol{level}: &l{level} [{refs}]\n"));
    }
    text
}

#[test]
fn aliases_that_multiply_are_stopped_at_the_alias_that_passes_the_bound() {
    let site = Site::new("minimal");
    site.append(KET_HON, &billion_laughs());
    let first_alias = site.line_of(KET_HON, "lol1:");

    let run = site.check();
    run.fails();
    let error = run.error("aliases");
    error.in_file(KET_HON);
    let line = error.line.expect("the error has a line");
    assert!(
        (first_alias..first_alias + 9).contains(&line),
        "reported at line {line}, not at one of the aliases (lines {first_alias}…)"
    );
    // The file's other keys are not checked once its YAML is refused: one error for the file.
    assert_eq!(run.counts().0, 1, "{}", run.dump());
}

#[test]
fn deep_block_sequences_and_mappings_are_errors_at_the_line_past_the_limit() {
    let site = Site::new("minimal");
    // Sequences nest on one line (`- - - x`); mappings need a line each, indented one more.
    site.append(KET_HON, &format!("extra:\n{}x\n", "- ".repeat(5000)));
    let mappings: String = (0..2000)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i + 1)))
        .collect();
    site.append(THUONG_TRU, &format!("extra:\n{mappings}"));
    let line = |file: &str| site.line_of(file, "extra:");

    let run = site.check();
    run.fails();
    let errors: Vec<_> = run
        .errors()
        .into_iter()
        .filter(|d| d.message.contains("nested more than"))
        .collect();
    assert_eq!(errors.len(), 2, "{}", run.dump());
    errors[0].at_line(THUONG_TRU, line(THUONG_TRU) + limits::YAML_DEPTH);
    errors[1].at_line(KET_HON, line(KET_HON) + 1);
}

#[test]
fn deep_flow_nesting_is_an_error_too() {
    let site = Site::new("minimal");
    site.append(
        KET_HON,
        &format!("extra: {}{}\n", "[".repeat(5000), "]".repeat(5000)),
    );
    let line = site.line_of(KET_HON, "extra:");

    site.check()
        .fails()
        .error("nested more than")
        .at_line(KET_HON, line);
}

#[test]
fn deep_front_matter_is_placed_in_the_guide() {
    let site = Site::new("minimal");
    let deep: String = (0..2000)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i + 1)))
        .collect();
    site.edit(GUIDE, "updated:", &format!("extra:\n{deep}updated:"));
    let past = site.line_of(GUIDE, "extra:") + limits::YAML_DEPTH;

    site.check()
        .fails()
        .error("nested more than")
        .at_line(GUIDE, past);
}

#[test]
fn thousands_of_nested_quotes_in_a_guide_are_an_error_at_their_line() {
    let site = Site::new("minimal");
    site.append(
        GUIDE,
        &format!("\nTrước.\n\n{} Sâu quá.\n", ">".repeat(5000)),
    );
    let line = site.line_of(GUIDE, "Sâu quá");

    let run = site.check();
    run.fails()
        .error("nested more than")
        .at_line(GUIDE, line)
        .says(&format!("{} levels", limits::MARKDOWN_DEPTH));
    // `build` refuses it the same way, and says where.
    site.build()
        .fails()
        .error("nested more than")
        .at_line(GUIDE, line);
}

#[test]
fn allowed_html_tags_nested_thousands_deep_are_an_error_at_their_line() {
    let site = Site::new("minimal");
    site.append("site.toml", "\n[markdown]\nallow_html = [\"kbd\"]\n");
    let deep = format!(
        "{}Sâu quá{}",
        "<kbd>".repeat(100_000),
        "</kbd>".repeat(100_000)
    );
    site.append(GUIDE, &format!("\nTrước <kbd>Ctrl</kbd>.\n\n{deep}\n"));
    let line = site.line_of(GUIDE, "Sâu quá");

    site.check()
        .fails()
        .error("nested more than")
        .at_line(GUIDE, line);
    site.build()
        .fails()
        .error("nested more than")
        .at_line(GUIDE, line);
}

#[test]
fn a_list_three_thousand_levels_deep_is_an_error_where_it_passes_the_limit() {
    let site = Site::new("minimal");
    // Indented a line a level, as editors write lists, and all on one line (`- - - x`), which
    // nests as deep in far fewer bytes.
    let list: String = (0..1000)
        .map(|i| format!("{}- mục {i}\n", "  ".repeat(i)))
        .collect();
    site.append(
        PAGE,
        &format!("\n{list}\n\nRồi:\n\n{}x\n", "- ".repeat(3000)),
    );
    // A list level is two elements: the list and its item.
    let past = site.line_of(PAGE, &format!("- mục {}", limits::MARKDOWN_DEPTH / 2));
    let compact = site.line_of(PAGE, "- - - ");

    let run = site.check();
    run.fails();
    let errors: Vec<_> = run.errors();
    assert_eq!(errors.len(), 2, "{}", run.dump());
    errors[0].at_line(PAGE, past).says("nested more than");
    errors[1].at_line(PAGE, compact).says("nested more than");
}

#[test]
fn emphasis_nested_thousands_deep_is_an_error_too() {
    let site = Site::new("minimal");
    let stars = "*".repeat(4000);
    site.append(GUIDE, &format!("\n{stars}đậm{stars}\n"));
    let line = site.line_of(GUIDE, "đậm");

    site.check()
        .fails()
        .error("nested more than")
        .at_line(GUIDE, line);
}

#[test]
fn callouts_nested_too_deep_are_one_error_at_the_first_one_too_many() {
    let site = Site::new("minimal");
    // Deep, but fewer calls than a file may hold, so that the depth is the one error.
    let depth = limits::SHORTCODES - 1;
    let boxes = format!(
        "\n{}Bên trong.\n{}",
        "{{ callout(kind=\"luu-y\") }}\n".repeat(depth),
        "{{ end }}\n".repeat(depth)
    );
    site.append(GUIDE, &boxes);
    let first = site.line_of(GUIDE, "{{ callout(");

    let run = site.check();
    run.fails()
        .error("nested more than")
        .at(GUIDE, first + limits::SHORTCODE_DEPTH, 1);
    assert_eq!(run.counts().0, 1, "{}", run.dump());
}

#[test]
fn shortcodes_past_the_bound_of_a_file_are_one_error_at_the_first_one_too_many() {
    let site = Site::new("minimal");
    let call = "{{ procedure(code=\"1.001193\") }}\n";
    let appended_first = site.read(GUIDE).lines().count() + 2;
    site.append(GUIDE, &format!("\n{}", call.repeat(200_000)));
    // The guide calls the shortcode once already, above the appended ones.

    let run = site.check();
    run.fails().error("more than 1000 shortcodes").at(
        GUIDE,
        appended_first + limits::SHORTCODES - 1,
        1,
    );
    assert_eq!(run.counts().0, 1, "{}", run.dump());
}

#[test]
fn markdown_in_a_procedure_step_is_held_to_the_same_limit_and_named_by_field() {
    let site = Site::new("minimal");
    site.edit(
        KET_HON,
        "  - Hai bên nam, nữ nộp tờ khai.",
        &format!("  - \"{} quá sâu\"", "> ".repeat(3000)),
    );
    let line = site.line_of(KET_HON, "quá sâu");

    site.check()
        .fails()
        .error("nested more than")
        .at_line(KET_HON, line)
        .field("steps[0]");
}

#[test]
fn a_file_larger_than_any_content_needs_is_refused_without_being_parsed() {
    let site = Site::new("minimal");
    let size = limits::FILE_BYTES as usize + 1;
    let mut text = site.read(KET_HON);
    text.push_str("# ");
    text.push_str(&"x".repeat(size - text.len()));
    site.write(KET_HON, text);

    site.check().fails().error("larger than").in_file(KET_HON);
}

#[test]
fn a_second_yaml_document_is_not_left_out_unseen() {
    let site = Site::new("minimal");
    site.append(KET_HON, "---\nname: Tài liệu thứ hai\n");
    let line = site.line_of(KET_HON, "---");

    site.check()
        .fails()
        .error("second YAML document")
        .at_line(KET_HON, line);
}
