//! Content errors: each kind of mistake an editor makes is reported with the file, the line and
//! column, the field and a hint, the run exits with 1, and nothing already published is touched.

mod common;

use common::Site;
use common::minimal::*;

// --- YAML itself ----------------------------------------------------------------------------

#[test]
fn broken_yaml_syntax_points_at_the_line_and_says_to_quote() {
    let site = Site::new("minimal");
    // A form number before a colon: the classic unquoted `: ` in a value.
    site.edit(
        KET_HON,
        "name: Đăng ký kết hôn",
        "name: HT-01: Đăng ký kết hôn",
    );

    site.check()
        .fails()
        .error("not valid YAML")
        .at(KET_HON, 2, 12)
        .help("in quotes");
}

#[test]
fn columns_count_characters_not_bytes() {
    let site = Site::new("minimal");
    // The second colon is the 14th character of the line, and its 17th byte.
    site.edit(KET_HON, "name: Đăng ký kết hôn", "name: Đăng ký: kết hôn");

    site.check()
        .fails()
        .error("not valid YAML")
        .at(KET_HON, 2, 14);
}

#[test]
fn a_key_given_twice_in_one_map_is_an_error() {
    let site = Site::new("minimal");
    site.edit(
        KET_HON,
        "summary:",
        "name: Đăng ký kết hôn lần hai\nsummary:",
    );

    site.check()
        .fails()
        .error("appears twice")
        .at(KET_HON, 3, 1)
        .field("name")
        .says("the key `name` appears twice in the same map");
}

// --- Shape: types, keys, values -------------------------------------------------------------

#[test]
fn an_unquoted_code_is_a_number_and_the_hint_says_to_quote_it() {
    let site = Site::new("minimal");
    site.edit(KET_HON, "code: \"1.000894\"", "code: 1.000894");

    site.check()
        .fails()
        .error("expected text")
        .at(KET_HON, 1, 7)
        .field("code")
        .says("expected text, found the number 1.000894")
        .help("put the value in quotes: \"1.000894\"");
}

#[test]
fn days_written_in_words_is_a_type_error() {
    let site = Site::new("minimal");
    site.edit(THUONG_TRU, "    days: 7", "    days: \"bảy\"");
    let line = site.line_of(THUONG_TRU, "days:");

    site.check()
        .fails()
        .error("found the text \"bảy\"")
        .at(THUONG_TRU, line, 11)
        .field("channels[0].days")
        .says("a number");
}

#[test]
fn an_unknown_key_suggests_the_key_meant() {
    let site = Site::new("minimal");
    site.edit(KET_HON, "name:", "nmae:");
    site.edit(KET_HON, "    fee: Miễn lệ phí", "    fees: Miễn lệ phí");
    let fees_line = site.line_of(KET_HON, "fees:");

    let run = site.check();
    run.fails();
    run.error("unknown key `nmae`")
        .at(KET_HON, 2, 1)
        .field("nmae")
        .help("did you mean `name`?");
    run.error("unknown key `fees`")
        .at(KET_HON, fees_line, 5)
        .field("channels[0].fees")
        .help("did you mean `fee`?");
}

#[test]
fn a_missing_required_key_is_named() {
    let site = Site::new("minimal");
    site.edit(KET_HON, "result: Giấy chứng nhận kết hôn\n", "");

    site.check()
        .fails()
        .error("the required key `result` is missing")
        .at(KET_HON, 1, 1)
        .field("result");
}

#[test]
fn a_misspelt_enum_value_lists_the_choices_and_suggests_one() {
    let site = Site::new("minimal");
    site.edit(KET_HON, "online: mot-phan", "online: toan-trin");

    site.check()
        .fails()
        .error("`toan-trin` is not one of")
        .at(KET_HON, 7, 9)
        .field("online")
        .says("toan-trinh, mot-phan, khong")
        .help("did you mean `toan-trinh`?");
}

// --- References between files ---------------------------------------------------------------

#[test]
fn unknown_field_agency_and_life_event_ids_suggest_the_closest() {
    let site = Site::new("minimal");
    site.edit(THUONG_TRU, "field: cu-tru", "field: cu-tr");
    site.edit(
        THUONG_TRU,
        "agency: cong-an-xa-an-phu",
        "agency: cong-an-xa-an-pu",
    );
    site.edit(KET_HON, "life_events: [ket-hon]", "life_events: [ket-hn]");

    let run = site.check();
    run.fails();
    run.error("there is no field with the id `cu-tr`")
        .at(THUONG_TRU, 3, 8)
        .field("field")
        .help("did you mean `cu-tru`?");
    run.error("there is no agency with the id `cong-an-xa-an-pu`")
        .at(THUONG_TRU, 5, 9)
        .field("agency")
        .help("did you mean `cong-an-xa-an-phu`?");
    run.error("there is no life event with the id `ket-hn`")
        .at(KET_HON, site.line_of(KET_HON, "life_events:"), 15)
        .field("life_events[0]")
        .help("did you mean `ket-hon`?");
}

#[test]
fn a_guide_listing_an_unknown_procedure_code_is_an_error() {
    let site = Site::new("minimal");
    site.edit(
        GUIDE,
        "procedures: [\"1.001193\"]",
        "procedures: [\"1.001193\", \"1.000849\"]",
    );

    site.check()
        .fails()
        .error("no procedure has the code `1.000849`")
        .at(GUIDE, 4, 26)
        .field("procedures[1]")
        .hints("did you mean `1.000894`?");
}

#[test]
fn replaced_by_an_unknown_code_is_an_error() {
    let site = Site::new("minimal");
    site.append(BAN_SAO, "status: thay-the\nreplaced_by: \"1.000849\"\n");
    let line = site.line_of(BAN_SAO, "replaced_by:");

    site.check()
        .fails()
        .error("no procedure has the code `1.000849`")
        .at(BAN_SAO, line, 14)
        .field("replaced_by")
        .hints("did you mean `1.000894`?");
}

#[test]
fn replaced_by_a_draft_is_an_error() {
    let site = Site::new("minimal");
    site.append(KET_HON, "draft: true\n");
    site.append(BAN_SAO, "status: thay-the\nreplaced_by: \"1.000894\"\n");
    let line = site.line_of(BAN_SAO, "replaced_by:");

    site.check()
        .fails()
        .error("1.000894")
        .at(BAN_SAO, line, 14)
        .field("replaced_by")
        .says("draft");
}

#[test]
fn a_shortcode_naming_an_unknown_code_is_an_error_at_its_line() {
    let site = Site::new("minimal");
    site.edit(
        GUIDE,
        "{{ procedure(code=\"1.001193\") }}",
        "{{ procedure(code=\"1.001139\") }}",
    );
    let line = site.line_of(GUIDE, "1.001139");

    site.check()
        .fails()
        .error("no procedure has the code `1.001139`")
        .at_line(GUIDE, line)
        .hints("did you mean `1.001193`?");
}

#[test]
fn two_procedures_with_one_code_name_both_files() {
    let site = Site::new("minimal");
    let copy = "content/procedures/chung-thuc/ban-sao-2.yaml";
    site.write(
        copy,
        site.read(BAN_SAO).replace(
            "Chứng thực bản sao từ bản chính",
            "Chứng thực bản sao (bản sao)",
        ),
    );

    let run = site.check();
    run.fails();
    let d = run.error("the code of `2.000815` is already used by");
    d.field("code").help("every procedure needs its own code");
    // Whichever file is read second carries the error and names the first.
    let (here, other) = if d.place().starts_with(copy) {
        (copy, BAN_SAO)
    } else {
        (BAN_SAO, copy)
    };
    d.at(here, 1, 7).says(other);
}

#[test]
fn an_agency_id_defined_twice_is_an_error() {
    let site = Site::new("minimal");
    site.append(
        AGENCIES,
        "- id: ubnd-xa-an-phu\n  name: Ủy ban nhân dân xã An Phú (trùng)\n",
    );
    let line = site.line_of(AGENCIES, "(trùng)") - 1;

    site.check()
        .fails()
        .error("the agency id `ubnd-xa-an-phu` is already defined at line 1")
        .at(AGENCIES, line, 7)
        .field("id");
}

#[test]
fn an_alias_that_is_taken_is_reported_at_its_line() {
    let site = Site::new("minimal");
    site.append(
        KET_HON,
        "aliases:\n  - /thu-tuc/ket-hon/\n  - /thu-tuc/dang-ky-khai-sinh/\n",
    );
    let line = site.line_of(KET_HON, "- /thu-tuc/dang-ky-khai-sinh/");

    site.check()
        .fails()
        .error("is already the address of")
        .at(KET_HON, line, 5)
        .field("aliases[1]");
}

// --- Addresses and dates --------------------------------------------------------------------

#[test]
fn only_http_and_https_addresses_are_accepted() {
    let site = Site::new("minimal");
    site.append(
        KET_HON,
        "portal_url: javascript:alert(1)\nsource_url: ftp://csdl.example.gov.vn/1.000894\n",
    );

    let run = site.check();
    run.fails();
    run.error("`javascript:alert(1)` must be an http:// or https:// address")
        .at(KET_HON, site.line_of(KET_HON, "portal_url:"), 13)
        .field("portal_url")
        .says("not `javascript:`");
    run.error("`ftp://csdl.example.gov.vn/1.000894` must be an http:// or https:// address")
        .at(KET_HON, site.line_of(KET_HON, "source_url:"), 13)
        .field("source_url")
        .says("not `ftp:`");
}

#[test]
fn a_form_path_must_stay_inside_content() {
    let site = Site::new("minimal");
    site.edit(
        KET_HON,
        "  - name: Tờ khai đăng ký kết hôn\n",
        "  - name: Tờ khai đăng ký kết hôn\n    form: ../site.toml\n",
    );
    site.edit(
        BAN_SAO,
        "    copies: 1\n",
        "    copies: 1\n    form: /etc/passwd\n",
    );

    let run = site.check();
    run.fails();
    run.error("`../site.toml` must be a plain path inside content/")
        .at(KET_HON, site.line_of(KET_HON, "form:"), 11)
        .field("documents[0].form")
        .says("such as forms/to-khai.docx");
    run.error("`/etc/passwd` must be a plain path inside content/")
        .at(BAN_SAO, site.line_of(BAN_SAO, "form:"), 11)
        .field("documents[0].form");
}

#[test]
fn a_form_that_is_not_there_suggests_the_file_meant() {
    let site = Site::new("minimal");
    let form = "    form: forms/to-khai-dang-ky-khai-sinh.doc\n";
    site.edit(
        KET_HON,
        "  - name: Tờ khai đăng ký kết hôn\n",
        &format!("  - name: Tờ khai đăng ký kết hôn\n{form}"),
    );

    site.check()
        .fails()
        .error("there is no file content/forms/to-khai-dang-ky-khai-sinh.doc")
        .at(KET_HON, site.line_of(KET_HON, "form:"), 11)
        .field("documents[0].form")
        .hints("did you mean `forms/to-khai-dang-ky-khai-sinh.docx`?");
}

#[test]
fn an_impossible_date_is_an_error() {
    let site = Site::new("minimal");
    site.edit(THUONG_TRU, "updated: 2025-12-01", "updated: 2025-02-30");

    site.check()
        .fails()
        .error("`2025-02-30` is not a real date")
        .at(THUONG_TRU, site.line_of(THUONG_TRU, "updated:"), 10)
        .field("updated")
        .says("YYYY-MM-DD");
}

#[test]
fn an_updated_date_in_the_future_is_an_error() {
    let site = Site::new("minimal");
    site.edit(THUONG_TRU, "updated: 2025-12-01", "updated: 2999-01-01");

    site.check()
        .fails()
        .error("2999-01-01 is in the future")
        .at(THUONG_TRU, site.line_of(THUONG_TRU, "updated:"), 10)
        .field("updated");
}

// --- Markdown files -------------------------------------------------------------------------

#[test]
fn two_guide_files_that_make_one_address_are_an_error_naming_both() {
    let site = Site::new("minimal");
    let guide = site.read(GUIDE);
    site.write("content/guides/Hướng dẫn khai sinh.md", &guide);

    let run = site.check();
    run.fails();
    run.error("takes the address /huong-dan/huong-dan-khai-sinh/")
        .in_file("content/guides/huong-dan-khai-sinh.md")
        .says("content/guides/Hướng dẫn khai sinh.md");
}

#[test]
fn long_guide_file_names_that_differ_only_at_the_end_keep_their_own_addresses() {
    let site = Site::new("minimal");
    let guide = site.read(GUIDE);
    let long =
        "huong-dan-chi-tiet-thu-tuc-xac-dinh-xac-dinh-lai-muc-do-khuyet-tat-va-cap-giay-xac-nhan";
    site.write(&format!("content/guides/{long}-1.md"), &guide)
        .write(&format!("content/guides/{long}-2.md"), &guide);

    site.build().succeeds();
    assert!(site.exists(&format!("public/huong-dan/{long}-1/index.html")));
    assert!(site.exists(&format!("public/huong-dan/{long}-2/index.html")));
}

#[test]
fn a_malformed_shortcode_is_an_error_with_the_right_form() {
    let site = Site::new("minimal");
    site.edit(
        GUIDE,
        "{{ procedure(code=\"1.001193\") }}",
        "{{ procedure(code=1.001193) }}",
    );
    site.append(GUIDE, "\nXem video: {{ video(youtube=\"abc\"\n");

    let run = site.check();
    run.fails();
    run.error("the value of `code` must be in quotes")
        .at_line(GUIDE, site.line_of(GUIDE, "procedure(code=1.001193)"))
        .help("{{ procedure(code=\"1.001193\") }}");
    run.error("not closed with `}}`")
        .at_line(GUIDE, site.line_of(GUIDE, "Xem video"))
        .help("write it as");
}

#[test]
fn a_guide_without_front_matter_is_an_error() {
    let site = Site::new("minimal");
    let file = "content/guides/nop-ho-so.md";
    site.write(file, "# Nộp hồ sơ\n\nMang theo giấy tờ tùy thân.\n");

    site.check()
        .fails()
        .error("must start with front matter between two `---` lines")
        .at(file, 1, 1)
        .help("put `---`, then `title: …`");
}

#[test]
fn a_key_given_twice_in_front_matter_is_an_error() {
    let site = Site::new("minimal");
    site.edit(PAGE, "summary:", "title: Giới thiệu chung\nsummary:");

    site.check()
        .fails()
        .error("the key `title` appears twice")
        .at(PAGE, 3, 1)
        .field("title");
}

// --- site.toml ------------------------------------------------------------------------------

#[test]
fn a_misspelt_key_in_site_toml_suggests_the_key_meant() {
    let site = Site::new("minimal");
    site.edit("site.toml", "title =", "titel =");

    site.check()
        .fails()
        .error("titel")
        .at("site.toml", 2, 1)
        .field("titel")
        .hints("did you mean `title`?");
}

#[test]
fn problems_with_site_toml_values_are_placed_at_their_line_and_column() {
    let site = Site::new("minimal");
    site.edit(
        "site.toml",
        "url = \"https://dichvucong.gov.vn\"",
        "url = \"ftp://dichvucong.gov.vn\"",
    );
    site.edit("site.toml", "theme = \"default\"", "theme = \"\"");
    let portal = site.line_of("site.toml", "url = \"ftp:");
    let theme = site.line_of("site.toml", "theme =");

    let run = site.check();
    run.fails();
    run.error("must be an http:// or https:// address")
        .at("site.toml", portal, 7)
        .field("portal.url");
    run.error("is not a theme name")
        .at("site.toml", theme, 9)
        .field("theme");
    run.output_lacks("themes//");
}

#[test]
fn contact_email_and_hotline_must_make_working_links() {
    let site = Site::new("minimal");
    site.edit(
        "site.toml",
        "email = \"motcua@thutuc.example.gov.vn\"",
        "email = \"javascript:alert(1)\"",
    );
    site.edit(
        "site.toml",
        "hotline = \"0200 3 800 800\"",
        "hotline = \"gọi tổng đài\"",
    );
    site.append(AGENCIES, "  email: so tu phap\n  phone: \"javascript:x\"\n");
    let email = site.line_of("site.toml", "email =");
    let hotline = site.line_of("site.toml", "hotline =");

    let run = site.check();
    run.fails();
    run.error("`javascript:alert(1)` is not an e-mail address")
        .at("site.toml", email, 9)
        .field("contact.email");
    run.error("`gọi tổng đài` is not a telephone number")
        .at("site.toml", hotline, 11)
        .field("contact.hotline");
    let agency_email = site.line_of(AGENCIES, "email: so tu phap");
    run.errors()
        .into_iter()
        .find(|d| d.message.contains("`so tu phap` is not an e-mail"))
        .expect("the agency's e-mail is checked")
        .at_line(AGENCIES, agency_email);
}

#[test]
fn addresses_too_long_for_a_readable_qr_code_are_errors_where_they_are_written() {
    let site = Site::new("minimal");
    let long = format!("https://thutuc.example.gov.vn/{}", "duong-dan/".repeat(20));
    site.edit(
        "site.toml",
        "base_url = \"https://thutuc.example.gov.vn\"",
        &format!("base_url = \"{long}\""),
    );
    site.append(KET_HON, &format!("portal_url: \"{long}\"\n"));
    let base = site.line_of("site.toml", "base_url =");
    let portal = site.line_of(KET_HON, "portal_url:");

    let run = site.build();
    run.fails();
    let errors: Vec<_> = run
        .errors()
        .into_iter()
        .filter(|d| d.message.contains("QR codes"))
        .collect();
    assert_eq!(errors.len(), 2, "{}", run.dump());
    errors[0].at_line(KET_HON, portal).field("portal_url");
    errors[1].at("site.toml", base, 12).field("base_url");
}

#[test]
fn a_problem_on_a_line_too_long_to_quote_is_reported_on_one_line() {
    let site = Site::new("minimal");
    // A bad key 70,000 characters into its line: miette cannot underline past 65,535.
    let name = "b".repeat(70_000);
    site.edit(
        KET_HON,
        "documents:\n",
        &format!("documents:\n  - {{name: \"{name}\", originals: 1, nmea: 2}}\n"),
    );
    let line = site.line_of(KET_HON, "nmea:");

    let run = site.check();
    run.fails()
        .error("unknown key `nmea`")
        .at_line(KET_HON, line)
        .field("documents[0].nmea");
    // The terminal report does not quote the line.
    site.run(&["check", "--format", "human"])
        .fails()
        .stderr_lacks("bbbbbbbbbbbbbbbbbbbb");
}

#[test]
fn a_bad_base_url_on_the_command_line_is_named_as_such() {
    let site = Site::new("minimal");
    site.run(&["check", "--base-url", "javascript:alert(1)"])
        .fails()
        .error("must be an http:// or https:// address")
        .in_file("--base-url");
}

// --- Empty and missing files ----------------------------------------------------------------

#[test]
fn an_empty_procedure_file_is_told_which_keys_it_needs() {
    let site = Site::new("minimal");
    site.write(KET_HON, "");

    site.check()
        .fails()
        .error("this is empty")
        .in_file(KET_HON)
        .help("`code`, `name`");
}

#[test]
fn empty_front_matter_is_told_which_keys_it_needs() {
    let site = Site::new("minimal");
    site.write(GUIDE, "---\n---\n\nVăn bản.\n");

    site.check()
        .fails()
        .error("this is empty")
        .in_file(GUIDE)
        .help("`title`");
}

#[test]
fn a_root_that_is_not_a_site_is_a_usage_error_naming_the_folder() {
    let site = Site::new("minimal");
    for command in ["build", "check", "serve", "leaflets", "search"] {
        let mut args = vec![command, "--root", "khong-co"];
        if command == "search" {
            args.push("khai sinh");
        }
        site.run(&args)
            .exit_code(2)
            .stderr_has("there is no folder `khong-co`");
    }
    std::fs::create_dir(site.path("trong")).unwrap();
    site.run(&["check", "--root", "trong"])
        .exit_code(2)
        .stderr_has("`trong` is not a site: it has no site.toml");
}

// --- One run, every problem -----------------------------------------------------------------

#[test]
fn errors_in_several_files_are_reported_together() {
    let site = Site::new("minimal");
    site.append(
        AGENCIES,
        "- id: cong-an-xa-an-phu\n  name: Công an xã (trùng)\n",
    );
    site.edit(KET_HON, "online: mot-phan", "online: toan-trin");
    site.edit(THUONG_TRU, "updated: 2025-12-01", "updated: 2999-01-01");
    site.write(
        "content/guides/ket-hon.md",
        "---\ntitle: Kết hôn\nupdated: 2026-01-01\n---\n\n{{ procedure(code=1.000894) }}\n",
    );
    site.edit(PAGE, "summary:", "title: Lần nữa\nsummary:");

    let run = site.build();
    run.fails();
    run.error("the agency id `cong-an-xa-an-phu` is already defined")
        .in_file(AGENCIES);
    run.error("`toan-trin` is not one of").in_file(KET_HON);
    run.error("is in the future").in_file(THUONG_TRU);
    run.error("must be in quotes")
        .in_file("content/guides/ket-hon.md");
    run.error("appears twice").in_file(PAGE);
    assert_eq!(run.errors().len(), 5, "{}", run.dump());
    assert_eq!(run.counts(), (5, 0));
}

#[test]
fn an_error_in_one_file_does_not_cascade_into_others() {
    let site = Site::new("minimal");
    // The guide names this procedure in `procedures:` and in a shortcode.
    site.edit(KHAI_SINH, "    days: 3\n", "    days: \"ba\"\n");

    let run = site.check();
    run.fails();
    run.error("found the text \"ba\"").in_file(KHAI_SINH);
    assert_eq!(
        run.counts(),
        (1, 0),
        "only the broken file is reported:\n{}",
        run.dump()
    );
}

// --- What a failed run leaves behind --------------------------------------------------------

#[test]
fn a_failed_build_leaves_the_previous_site_byte_for_byte() {
    let site = Site::new("minimal");
    site.build().succeeds();
    let before = site.files("public");
    assert!(before.contains_key("index.html"));

    site.edit(KET_HON, "online: mot-phan", "online: toan-trin");
    site.write(
        "content/procedures/ho-tich/moi.yaml",
        "code: \"1.009999\"\n",
    );
    site.build().fails().stderr_has("the build failed");

    assert!(
        site.files("public") == before,
        "public/ changed after a failed build"
    );
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".motcua"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn a_template_error_while_rendering_also_leaves_the_previous_site() {
    let site = Site::new("minimal");
    site.build().succeeds();
    let before = site.files("public");

    // Valid Tera, but it fails only when a page is rendered, after the output was started.
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ no_such_variable }}{% endblock %}",
    );
    site.build().fails().error("page.html");

    assert!(
        site.files("public") == before,
        "public/ changed after a failed build"
    );
}

#[test]
fn check_writes_nothing() {
    let site = Site::new("minimal");
    let before = site.files("");

    site.check()
        .succeeds()
        .stderr_has("ok: 4 procedures, 1 guides");

    assert!(!site.exists("public"), "check created public/");
    assert!(site.files("") == before, "check changed files in the site");
}

#[test]
fn usage_errors_exit_with_2() {
    let site = Site::new("minimal");
    site.run(&["build", "--no-such-option"])
        .exit_code(2)
        .stderr_has("--no-such-option");
    site.run(&["new", "procedure", "--name", "Đăng ký kết hôn"])
        .exit_code(2)
        .stderr_has("--code");
    site.run(&["schema", "thu-tuc"]).exit_code(2);
}
