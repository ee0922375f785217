use super::*;

use crate::corpus::corpus;

fn codes(index: &SearchIndex, docs: &[Document], query: &str) -> Vec<String> {
    let hits = index.search(query).unwrap();
    hits.iter().map(|h| docs[h.document].code.clone()).collect()
}

#[test]
fn one_segment_with_docs_in_order() {
    let docs = corpus();
    let index = SearchIndex::build(&docs).unwrap();
    assert_eq!(index.searcher().segment_readers().len(), 1);
    let entries: Vec<usize> = index.docs().iter().map(|d| d.document).collect();
    let expected: Vec<usize> = (0..docs.len()).collect();
    assert_eq!(entries, expected);
}

#[test]
fn query_without_diacritics_finds_the_name_first() {
    let docs = corpus();
    let index = SearchIndex::build(&docs).unwrap();
    let found = codes(&index, &docs, "dang ky khai sinh");
    assert_eq!(found[0], "1.001193");
    // The replaced procedure matches better (its body says "khai sinh" too), but comes
    // right after its replacement.
    let hits = index.search("dang ky khai sinh").unwrap();
    assert!(hits[1].score > hits[0].score, "{hits:?}");
    assert_eq!(found[1], "1.000002");
}

#[test]
fn a_replaced_procedure_found_alone_keeps_its_place() {
    let docs = corpus();
    let index = SearchIndex::build(&docs).unwrap();
    assert_eq!(codes(&index, &docs, "1.000002"), ["1.000002"]);
}

#[test]
fn accented_query_prefers_the_exact_word() {
    let docs = corpus();
    let index = SearchIndex::build(&docs).unwrap();
    assert_eq!(codes(&index, &docs, "đang ký")[0], "2.000004");
    assert_eq!(codes(&index, &docs, "đăng ký")[0], "1.000001");
}

#[test]
fn both_tone_placements_give_the_same_results() {
    let docs = corpus();
    let index = SearchIndex::build(&docs).unwrap();
    let a = index.search("hòa giải").unwrap();
    let b = index.search("hoà giải").unwrap();
    assert_eq!(a, b);
    assert_eq!(codes(&index, &docs, "hòa giải")[0], "2.000003");
}

#[test]
fn a_code_finds_its_procedure() {
    let docs = corpus();
    let index = SearchIndex::build(&docs).unwrap();
    assert_eq!(codes(&index, &docs, "1.001193"), ["1.001193"]);
}

#[test]
fn clauses_follow_the_documented_order() {
    let clauses = clauses("Đăng ký đăng");
    let named: Vec<(&str, &str)> = clauses
        .iter()
        .map(|(i, t)| (FIELDS[*i].name, t.as_str()))
        .collect();
    assert_eq!(
        named,
        [
            ("code", "dang"),
            ("title", "dang"),
            ("keywords", "dang"),
            ("summary", "dang"),
            ("body", "dang"),
            ("code", "ky"),
            ("title", "ky"),
            ("keywords", "ky"),
            ("summary", "ky"),
            ("body", "ky"),
            ("pairs", "dang ky"),
            ("pairs", "ky dang"),
            ("title_exact", "đăng"),
            ("text_exact", "đăng"),
            ("title_exact", "ký"),
            ("text_exact", "ký"),
        ]
    );
}

#[test]
fn a_code_typed_without_dots_finds_its_procedure() {
    let docs = corpus();
    let index = SearchIndex::build(&docs).unwrap();
    assert_eq!(codes(&index, &docs, "1001193"), ["1.001193"]);
    let clauses = clauses("1.001193");
    let terms: Vec<&str> = clauses.iter().map(|(_, t)| t.as_str()).step_by(5).collect();
    assert_eq!(terms, ["1.001193", "1001193"]);
}

#[test]
fn every_field_gets_the_reference_terms() {
    crate::testing::assert_fields_match_reference(&corpus());
}

#[test]
fn an_empty_query_finds_nothing() {
    let index = SearchIndex::build(&corpus()).unwrap();
    assert!(index.search(" ,. ").unwrap().is_empty());
}
