//! The index as plain data, read back from tantivy's segment: everything a client needs to rank a
//! query exactly as tantivy does, without tantivy.
//!
//! This is the contract the static search files (and the JavaScript client) implement: per field,
//! its total number of tokens; per field and document, tantivy's fieldnorm id (one byte, decoded by
//! [`FieldNormReader::id_to_fieldnorm`]); per field and term, its postings (doc id, term
//! frequency). [`Exported::search`] ranks with them using tantivy's BM25 in `f32`, step by step:
//!
//! ```text
//! idf     = ln(1 + ((N - df) + 0.5) / (df + 0.5))          N = documents, df = postings
//! weight  = (idf * 2.2) * boost
//! average = total_tokens(field) / N
//! norm    = 1.2 * ((1 - 0.75) + (0.75 * fieldnorm) / average)
//! score  += weight * (tf / (tf + norm))                    for each clause the document matches
//! ```
//!
//! then orders the hits by the rule of [`crate::index`].

use std::collections::BTreeMap;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings as _;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, TERMINATED};

use crate::index::{self, FIELDS, Hit, SearchIndex};
use crate::tokenize::{self, Stream};

/// A term's postings in a field: (doc id, term frequency), by doc id.
pub(crate) type Postings<'a> = &'a [(DocId, u32)];

/// One field of the exported index.
#[derive(Debug, Clone, Default)]
pub(crate) struct ExportedField {
    pub(crate) total_num_tokens: u64,
    /// Tantivy's fieldnorm id of each document, by doc id.
    pub(crate) fieldnorm_ids: Vec<u8>,
    /// Each term's postings: (doc id, term frequency), by doc id.
    pub(crate) terms: BTreeMap<String, Vec<(DocId, u32)>>,
}

/// The whole index as data; fields in the index's order.
#[derive(Debug, Clone)]
pub struct Exported {
    pub(crate) num_docs: u64,
    pub(crate) fields: Vec<ExportedField>,
}

const K1: f32 = 1.2;
const B: f32 = 0.75;

/// The word being typed is completed only from this many characters on.
pub(crate) const PREFIX_MIN_CHARS: usize = 2;
/// At most this many completions of the word being typed.
pub(crate) const PREFIX_MAX_TERMS: usize = 8;
/// A completion's clauses weigh this much of an exact term's.
pub(crate) const PREFIX_BOOST: f32 = 0.5;

/// BM25's term-frequency part of one posting, `tf / (tf + norm)`, in `f32` in tantivy's order;
/// `average` is the field's average length.
pub(crate) fn tf_part(tf: u32, fieldnorm_id: u8, average: f32) -> f32 {
    let fieldnorm = FieldNormReader::id_to_fieldnorm(fieldnorm_id) as f32;
    let norm = K1 * (1.0 - B + B * fieldnorm / average);
    let tf = tf as f32;
    tf / (tf + norm)
}

/// The folded last word of a query that ends inside it (no space or punctuation after it).
pub fn typed_word(query: &str) -> Option<String> {
    let text = tokenize::normalize(query);
    let last = tokenize::words(query).pop()?;
    let long_enough = last.folded.chars().count() >= PREFIX_MIN_CHARS;
    (last.end == text.len() && long_enough).then_some(last.folded)
}

impl Exported {
    /// Reads every field's terms, postings and fieldnorms out of the index's one segment.
    pub fn read(index: &SearchIndex) -> tantivy::Result<Exported> {
        let searcher = index.searcher();
        let segment = &searcher.segment_readers()[0];
        let num_docs = u64::from(segment.max_doc());
        let mut fields = Vec::with_capacity(FIELDS.len());
        for spec in FIELDS {
            let field = index.field(spec.name);
            let inverted = segment.inverted_index(field)?;
            let norms = segment.get_fieldnorms_reader(field)?;
            let mut out = ExportedField {
                total_num_tokens: inverted.total_num_tokens(),
                fieldnorm_ids: (0..segment.max_doc())
                    .map(|d| norms.fieldnorm_id(d))
                    .collect(),
                terms: BTreeMap::new(),
            };
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                let term = String::from_utf8_lossy(stream.key()).into_owned();
                let mut postings = inverted
                    .read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
                let mut list = Vec::new();
                while postings.doc() != TERMINATED {
                    list.push((postings.doc(), postings.term_freq()));
                    postings.advance();
                }
                out.terms.insert(term, list);
            }
            fields.push(out);
        }
        Ok(Exported { num_docs, fields })
    }

    /// The query's clauses (field, term, boost): those of [`SearchIndex::search`], then, for the
    /// word being typed, each of its [`Exported::completions`] in each folded field.
    fn clauses(&self, query: &str) -> Vec<(usize, String, f32)> {
        let mut clauses: Vec<(usize, String, f32)> = index::clauses(query)
            .into_iter()
            .map(|(i, term)| (i, term, FIELDS[i].boost))
            .collect();
        for term in self.completions(query) {
            for (i, spec) in FIELDS.iter().enumerate() {
                if spec.stream == Stream::Folded {
                    clauses.push((i, term.clone(), spec.boost * PREFIX_BOOST));
                }
            }
        }
        clauses
    }

    /// The terms the word being typed may become: when the query ends inside its last word and
    /// that word folds to at least `PREFIX_MIN_CHARS` (2) characters, the first
    /// `PREFIX_MAX_TERMS` (8) terms of the folded fields, in byte order, that start with it, other
    /// than the query's own folded terms.
    pub fn completions(&self, query: &str) -> Vec<String> {
        let Some(prefix) = typed_word(query) else {
            return Vec::new();
        };
        let own = tokenize::folded(query);
        let wanted = PREFIX_MAX_TERMS + own.len();
        let mut found = std::collections::BTreeSet::new();
        for (spec, field) in FIELDS.iter().zip(&self.fields) {
            if spec.stream != Stream::Folded {
                continue;
            }
            let starting = field.terms.range(prefix.clone()..);
            found.extend(
                starting
                    .map(|(t, _)| t)
                    .take_while(|t| t.starts_with(&prefix))
                    .filter(|t| !own.contains(t))
                    .take(wanted)
                    .cloned(),
            );
        }
        found.into_iter().take(PREFIX_MAX_TERMS).collect()
    }

    /// Ranks a query from the exported data alone, as [`SearchIndex::search`] does with tantivy,
    /// the word being typed completed (a query ending in a space has none).
    pub fn search(&self, index: &SearchIndex, query: &str) -> Vec<Hit> {
        let n = self.num_docs;
        let mut scores: BTreeMap<DocId, f32> = BTreeMap::new();
        for (i, term, boost) in self.clauses(query) {
            let field = &self.fields[i];
            let Some(postings) = field.terms.get(&term) else {
                continue;
            };
            let df = postings.len() as u64;
            let idf = (1.0f32 + ((n - df) as f32 + 0.5) / (df as f32 + 0.5)).ln();
            let weight = idf * (1.0 + K1) * boost;
            let average = field.total_num_tokens as f32 / n as f32;
            for &(doc, tf) in postings {
                let part = tf_part(tf, field.fieldnorm_ids[doc as usize], average);
                *scores.entry(doc).or_default() += weight * part;
            }
        }
        let hits = scores
            .into_iter()
            .map(|(doc, score)| Hit {
                doc,
                document: index.docs()[doc as usize].document,
                score,
            })
            .collect();
        index::rank(index.docs(), hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::corpus;

    #[test]
    fn the_word_being_typed_is_completed() {
        let index = SearchIndex::build(&corpus()).unwrap();
        let exported = Exported::read(&index).unwrap();
        assert_eq!(typed_word("dang ky khai si").as_deref(), Some("si"));
        assert_eq!(typed_word("dang ky khai s"), None);
        assert_eq!(typed_word("dang ky khai si "), None);
        let completions = exported.completions("khai si");
        assert!(completions.contains(&"sinh".to_owned()), "{completions:?}");
        assert!(completions.len() <= PREFIX_MAX_TERMS);
        assert!(completions.windows(2).all(|w| w[0] < w[1]));
        assert!(
            !exported
                .completions("khai sinh")
                .contains(&"sinh".to_owned())
        );
        let typing = exported.search(&index, "dang ky khai si");
        let typed = exported.search(&index, "dang ky khai sinh ");
        assert_eq!(typing[0].doc, typed[0].doc);
    }

    #[test]
    fn exported_data_ranks_as_tantivy_does() {
        crate::testing::assert_export_ranks_as_tantivy(&corpus());
    }

    #[test]
    fn the_parity_suite_gets_an_expectation_per_query() {
        use crate::testing::{parity_expectations, parity_queries};
        let docs = corpus();
        let expected = parity_expectations(&docs);
        assert_eq!(expected.len(), parity_queries(&docs).len());
        assert!(expected.iter().all(|e| e["query"].is_string()));
    }
}
