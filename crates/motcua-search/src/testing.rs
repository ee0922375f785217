//! Checks a program's own tests can run on its own documents (feature `testing`): that every
//! field is indexed with the terms of the reference analyzer, that ranking from the exported
//! data (what the static files carry) gives tantivy's results, and what the JavaScript parity
//! suite (`tests/parity/parity.test.js`) must find for each of a few hundred queries.

use serde_json::{Value, json};
use tantivy::tokenizer::{TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;

use crate::document::Document;
use crate::export::{Exported, typed_word};
use crate::index::{FIELDS, SearchIndex, Source, field_tokens};
use crate::tokenize::{self, FeedTokenizer, feed, reference};

/// Queries a citizen might type, with and without diacritics, codes, capitals, typos (one a line).
const QUERIES: &str = include_str!("../tests/parity/queries.txt");

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

/// Panics unless [`Exported::search`] ranks each fixed query of the parity suite as tantivy does:
/// the same number of hits and, for the first 20, the same score at each rank within `f32`
/// rounding.
pub fn assert_export_ranks_as_tantivy(docs: &[Document]) {
    let index = SearchIndex::build(docs).unwrap();
    let exported = Exported::read(&index).unwrap();
    assert_eq!(exported.num_docs as usize, index.docs().len());
    for query in QUERIES.lines() {
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

/// For each query of [`parity_queries`], what the client must give: the analyzer's tokens, the
/// word being typed and its completions, the number of hits and the top 20 (doc id, score), as
/// [`Exported::search`] ranks them. `parity.test.js` reads them as `queries` of its
/// `expected.json`.
pub fn parity_expectations(docs: &[Document]) -> Vec<Value> {
    let index = SearchIndex::build(docs).unwrap();
    let exported = Exported::read(&index).unwrap();
    parity_queries(docs)
        .iter()
        .map(|q| {
            let hits = exported.search(&index, q);
            json!({
                "query": q,
                "folded": tokenize::folded(q),
                "accented": tokenize::accented(q),
                "pairs": tokenize::pairs(q),
                "typed": typed_word(q),
                "completions": exported.completions(q),
                "total": hits.len(),
                "top": hits.iter().take(20).map(|h| json!([h.doc, h.score])).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// A citizen's queries over the documents: titles as written, without diacritics, in capitals,
/// as NFD, half typed, with a typo, with the code, long and short; and the fixed ones.
pub fn parity_queries(docs: &[Document]) -> Vec<String> {
    let mut out: Vec<String> = QUERIES.lines().map(String::from).collect();
    out.push("Đăng ký khai sinh".nfd().collect());
    for Document {
        title: name, code, ..
    } in docs
    {
        let folded = tokenize::folded(name).join(" ");
        let words: Vec<&str> = name.split_whitespace().collect();
        out.push(name.clone());
        out.push(folded.clone());
        out.push(name.to_uppercase());
        out.push(format!("{name} "));
        if !code.is_empty() {
            out.push(code.clone());
            out.push(format!("{} {code}", words[0]));
        }
        if words.len() >= 3 {
            let third: String = words[2].chars().take(2).collect();
            out.push(format!("{} {} {third}", words[0], words[1]));
            out.push(words[1..].join(" "));
        }
        if let Some(long) = folded.split(' ').max_by_key(|w| w.len()) {
            let typo: String = long.chars().skip(1).collect();
            out.push(folded.replacen(long, &typo, 1));
        }
        out.push(words.last().unwrap_or(&"").to_lowercase());
    }
    out.dedup();
    out
}
