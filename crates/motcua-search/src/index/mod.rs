//! The tantivy index of the catalog, and how a query is ranked against it.
//!
//! # Fields and weights
//!
//! Every field is indexed with term frequencies and fieldnorms (no positions) by one of the
//! analyzer's streams ([`super::tokenize`]); [`FIELDS`] lists them with their boosts. Each text of
//! a document is analysed once, and every field it fills gets its stream's tokens from that one
//! analysis, handed to tantivy as a [`tokenize::feed`].
//!
//! # Queries
//!
//! A query is analysed with [`tokenize::words`]; then, each term taken once, in order of first
//! appearance, and with these clauses in this order, all of them `Should` (a document matches when
//! any clause does):
//!
//! 1. every folded term, in each [`Stream::Folded`] field;
//! 2. every pair of neighbouring folded terms, in `pairs` (the phrase boost for titles);
//! 3. every accented term of a word that has diacritics, in each [`Stream::Accented`] field,
//!    so "đăng ký" ranks "Đăng ký" above "Đang ký" while "dang ky" finds both.
//!
//! A clause scores tantivy's BM25 of its term in its field times the field's boost; a document's
//! score is the sum over the clauses it matches.
//!
//! # Superseded procedures
//!
//! Replaced (thay thế) and repealed (hết hiệu lực) procedures are placed by a post-sort rule, not a
//! score multiplier. Hits are ordered by score (descending, then doc id ascending); then a
//! superseded hit whose replacement is also a hit moves to just below it. As a sort key: each hit
//! has an *anchor*, found by following `replaced_by` from superseded hits while the next one is a
//! hit too (else the hit is its own anchor), and a *depth* (the number of steps taken); hits are
//! ordered by (anchor's score desc, anchor's doc id asc, depth asc, own score desc, doc id asc).
//!
//! A multiplier cannot promise that an old procedure ranks below its replacement (its old name can
//! match a query far better than the new one's), and it would bury an old procedure found by its
//! own name or code when the new one does not match; the rule does neither, keeps scores plain
//! BM25 (so the JavaScript client can be checked against tantivy's numbers), and is a sort key a
//! client can reproduce.

mod fields;
mod query;
mod rank;
#[cfg(test)]
mod tests;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{FAST, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{DocId, Index, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::document::Document;
use crate::tokenize::{self, FeedTokenizer};
#[cfg(any(test, feature = "testing"))]
pub(crate) use fields::Source;
pub(crate) use fields::{FIELDS, field_tokens};
pub(crate) use query::clauses;
pub use rank::Hit;
pub(crate) use rank::{DocInfo, rank};

/// The fast field holding each document's position in the list it was built from.
const ORD: &str = "ord";

/// The writer's memory budget: a 10,000-procedure catalog fits, so one segment is written.
const WRITER_MEMORY: usize = 200_000_000;

/// A built index (in memory, one segment) and what ranking needs of its documents.
pub struct SearchIndex {
    searcher: Searcher,
    fields: Vec<Field>,
    /// What each tantivy document is, by doc id.
    docs: Vec<DocInfo>,
}

impl SearchIndex {
    /// Indexes the documents in memory, as one segment.
    pub fn build(docs: &[Document]) -> tantivy::Result<SearchIndex> {
        let mut builder = Schema::builder();
        let fields: Vec<Field> = FIELDS
            .iter()
            .map(|spec| {
                let indexing = TextFieldIndexing::default()
                    .set_tokenizer(FeedTokenizer::NAME)
                    .set_index_option(IndexRecordOption::WithFreqs)
                    .set_fieldnorms(true);
                let options = TextOptions::default().set_indexing_options(indexing);
                builder.add_text_field(spec.name, options)
            })
            .collect();
        let ord = builder.add_u64_field(ORD, FAST);
        let index = Index::create_in_ram(builder.build());
        // Each field's value is its tokens, analysed once per text ([`field_tokens`]).
        index
            .tokenizers()
            .register(FeedTokenizer::NAME, FeedTokenizer);

        let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        for (i, doc) in docs.iter().enumerate() {
            let mut d = TantivyDocument::default();
            for (tokens, &f) in field_tokens(doc).into_iter().zip(&fields) {
                d.add_text(f, tokenize::feed(&tokens));
            }
            d.add_u64(ord, i as u64);
            writer.add_document(d)?;
        }
        writer.commit()?;
        let segments = index.searchable_segment_ids()?;
        if segments.len() > 1 {
            writer.merge(&segments).wait()?;
        }
        writer.wait_merging_threads()?;

        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        let mut ords = Vec::with_capacity(docs.len());
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().u64(ORD)?;
            for id in 0..segment.max_doc() {
                ords.push(column.first(id).expect("every document has an ord") as usize);
            }
        }
        let mut doc_of: Vec<DocId> = vec![0; docs.len()];
        for (id, &i) in ords.iter().enumerate() {
            doc_of[i] = id as DocId;
        }
        let by_doc = ords
            .iter()
            .map(|&i| DocInfo {
                document: i,
                superseded: docs[i].superseded,
                replaced_by: docs[i].replaced_by.map(|r| doc_of[r]),
            })
            .collect();
        Ok(SearchIndex {
            searcher,
            fields,
            docs: by_doc,
        })
    }

    pub(crate) fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    /// The schema field of a [`FIELDS`] entry.
    pub(crate) fn field(&self, name: &str) -> Field {
        let i = FIELDS.iter().position(|f| f.name == name).expect("a field");
        self.fields[i]
    }

    /// What each document stands for, by doc id.
    pub(crate) fn docs(&self) -> &[DocInfo] {
        &self.docs
    }

    /// Every matching document, best first (see the module documentation for the order).
    pub fn search(&self, query: &str) -> tantivy::Result<Vec<Hit>> {
        let clauses: Vec<(Occur, Box<dyn Query>)> = clauses(query)
            .into_iter()
            .map(|(i, term)| {
                let term = Term::from_field_text(self.fields[i], &term);
                let q = TermQuery::new(term, IndexRecordOption::WithFreqs);
                let q: Box<dyn Query> = Box::new(BoostQuery::new(Box::new(q), FIELDS[i].boost));
                (Occur::Should, q)
            })
            .collect();
        if clauses.is_empty() || self.docs.is_empty() {
            return Ok(Vec::new());
        }
        let query = BooleanQuery::new(clauses);
        let collector = TopDocs::with_limit(self.docs.len()).order_by_score();
        let found = self.searcher.search(&query, &collector)?;
        let hits: Vec<Hit> = found
            .into_iter()
            .map(|(score, address)| Hit {
                doc: address.doc_id,
                document: self.docs[address.doc_id as usize].document,
                score,
            })
            .collect();
        Ok(rank(&self.docs, hits))
    }
}
