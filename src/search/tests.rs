//! The crate's checks on the example catalog: real Vietnamese text through every field, and the
//! queries of the parity suite ranked from the export as tantivy ranks them.

use std::path::Path;

use motcua_search::testing;

use super::documents;
use crate::diagnostics::Diagnostics;
use crate::site::{Options, catalog};

fn example() -> Vec<motcua_search::Document> {
    let diags = Diagnostics::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let catalog = catalog(&Options::new(root), &diags).expect("the example site loads");
    documents(&catalog)
}

#[test]
fn every_field_of_the_example_catalog_gets_the_reference_terms() {
    let docs = example();
    assert!(docs.len() > 10);
    testing::assert_fields_match_reference(&docs);
}

#[test]
fn exported_data_ranks_the_example_catalog_as_tantivy_does() {
    testing::assert_export_ranks_as_tantivy(&example());
}
