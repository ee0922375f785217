//! Checks a program's own tests can run on its own documents (feature `testing`): that every
//! field is indexed with the terms of the reference analyzer, and that ranking from the exported
//! data (what the static files carry) gives tantivy's results.

use tantivy::tokenizer::{TokenStream, Tokenizer};

use crate::document::Document;
use crate::export::Exported;
use crate::index::{FIELDS, SearchIndex, Source, field_tokens};
use crate::tokenize::{FeedTokenizer, feed, reference};

/// Panics unless each field of each document reaches tantivy with the terms (and positions) the
/// reference analyzer gives its text, the plain statement of the analysis in the format document.
pub fn assert_fields_match_reference(docs: &[Document]) {
    for (i, doc) in docs.iter().enumerate() {
        for (spec, tokens) in FIELDS.iter().zip(field_tokens(doc)) {
            // What tantivy reads: the feed, through the registered tokenizer.
            let feed = feed(&tokens);
            let mut got = Vec::new();
            let mut tokenizer = FeedTokenizer;
            let mut stream = tokenizer.token_stream(&feed);
            while stream.advance() {
                got.push((stream.token().position, stream.token().text.clone()));
            }
            let expected = reference::terms(&Source::text(spec.source, doc), spec.stream);
            assert_eq!(got, expected, "{} of document {i}", spec.name);
        }
    }
}

/// Panics unless [`Exported::search`] ranks each query (one a line) as tantivy does: the same
/// number of hits and, for the first 20, the same score at each rank within `f32` rounding.
pub fn assert_export_ranks_as_tantivy(docs: &[Document], queries: &str) {
    let index = SearchIndex::build(docs).unwrap();
    let exported = Exported::read(&index).unwrap();
    assert_eq!(exported.num_docs as usize, index.docs().len());
    for query in queries.lines() {
        let expected = index.search(query).unwrap();
        // A trailing space: no word is being typed, so no completions (tantivy has none).
        let got = exported.search(&index, &format!("{query} "));
        assert_eq!(got.len(), expected.len(), "{query}");
        for (rank, (e, g)) in expected.iter().zip(&got).take(20).enumerate() {
            // The same score at each rank, within f32 rounding (tantivy may sum the clauses
            // in another order), so only documents tied within rounding may trade places.
            let close = (e.score - g.score).abs() <= 1e-5 * e.score.abs().max(1.0);
            assert!(close, "{query} #{rank}: tantivy {e:?}, export {g:?}");
        }
    }
}
