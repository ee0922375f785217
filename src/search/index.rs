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

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{FAST, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{DocId, Index, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

use super::document::{Entry, SearchDoc};
use tantivy::tokenizer::Token;

use super::tokenize::{self, FeedTokenizer, Stream, Word};

/// An index field: its name, the stream that fills it, its boost, and what it holds.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    pub stream: Stream,
    pub boost: f32,
    source: Source,
}

/// The document text a field is made from.
#[derive(Debug, Clone, Copy)]
enum Source {
    Code,
    Title,
    Keywords,
    Summary,
    Body,
    /// Keywords, summary and body together.
    Text,
}

/// The index fields, in schema order. Codes, names and keywords weigh more than the body; exact
/// (accented) matches add to the folded ones rather than replace them.
pub const FIELDS: [FieldSpec; 8] = [
    field("code", Stream::Folded, 6.0, Source::Code),
    field("title", Stream::Folded, 4.0, Source::Title),
    field("keywords", Stream::Folded, 3.0, Source::Keywords),
    field("summary", Stream::Folded, 2.0, Source::Summary),
    field("body", Stream::Folded, 1.0, Source::Body),
    field("pairs", Stream::Pairs, 3.0, Source::Title),
    field("title_exact", Stream::Accented, 2.0, Source::Title),
    field("text_exact", Stream::Accented, 0.5, Source::Text),
];

const fn field(name: &'static str, stream: Stream, boost: f32, source: Source) -> FieldSpec {
    FieldSpec {
        name,
        stream,
        boost,
        source,
    }
}

/// The fast field holding each document's position in the list it was built from.
const ORD: &str = "ord";

/// The writer's memory budget: a 10,000-procedure catalog fits, so one segment is written.
const WRITER_MEMORY: usize = 200_000_000;

/// A built index and the documents it was built from.
pub struct SearchIndex {
    index: Index,
    searcher: Searcher,
    fields: Vec<Field>,
    /// What each tantivy document is, by doc id.
    docs: Vec<DocInfo>,
}

/// What a tantivy document stands for.
#[derive(Debug, Clone, Copy)]
pub struct DocInfo {
    pub entry: Entry,
    pub superseded: bool,
    /// The doc id of the replacing procedure.
    pub replaced_by: Option<DocId>,
}

/// One result: the document, its BM25 score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub doc: DocId,
    pub entry: Entry,
    pub score: f32,
}

impl SearchIndex {
    /// Indexes the documents in memory, as one segment.
    pub fn build(docs: &[SearchDoc]) -> tantivy::Result<SearchIndex> {
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
        let mut doc_of_procedure = std::collections::HashMap::new();
        for (id, &i) in ords.iter().enumerate() {
            if let Entry::Procedure(p) = docs[i].entry {
                doc_of_procedure.insert(p, id as DocId);
            }
        }
        let by_doc = ords
            .iter()
            .map(|&i| DocInfo {
                entry: docs[i].entry,
                superseded: docs[i].superseded,
                replaced_by: docs[i]
                    .replaced_by
                    .and_then(|p| doc_of_procedure.get(&p).copied()),
            })
            .collect();
        Ok(SearchIndex {
            index,
            searcher,
            fields,
            docs: by_doc,
        })
    }

    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The schema field of a [`FIELDS`] entry.
    pub fn field(&self, name: &str) -> Field {
        let i = FIELDS.iter().position(|f| f.name == name).expect("a field");
        self.fields[i]
    }

    /// What each document stands for, by doc id.
    pub fn docs(&self) -> &[DocInfo] {
        &self.docs
    }

    /// The query's clauses (field index into [`FIELDS`], term), in the documented order.
    pub fn clauses(query: &str) -> Vec<(usize, String)> {
        let words = tokenize::words(query);
        let folded = unique(words.iter().flat_map(Word::folded_terms));
        let pairs = unique(
            words
                .windows(2)
                .map(|w| format!("{} {}", w[0].folded, w[1].folded)),
        );
        let accented = unique(
            words
                .iter()
                .filter(|w| w.has_diacritics())
                .map(|w| w.accented.clone()),
        );
        let mut clauses = Vec::new();
        let mut add = |stream: Stream, terms: &[String]| {
            for term in terms {
                for (i, spec) in FIELDS.iter().enumerate() {
                    if spec.stream == stream {
                        clauses.push((i, term.clone()));
                    }
                }
            }
        };
        add(Stream::Folded, &folded);
        add(Stream::Pairs, &pairs);
        add(Stream::Accented, &accented);
        clauses
    }

    /// Every matching document, best first (see the module documentation for the order).
    pub fn search(&self, query: &str) -> tantivy::Result<Vec<Hit>> {
        let clauses: Vec<(Occur, Box<dyn Query>)> = Self::clauses(query)
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
                entry: self.docs[address.doc_id as usize].entry,
                score,
            })
            .collect();
        Ok(self.rank(hits))
    }

    /// Orders hits by the rule in the module documentation.
    pub(crate) fn rank(&self, hits: Vec<Hit>) -> Vec<Hit> {
        let score: std::collections::HashMap<DocId, f32> =
            hits.iter().map(|h| (h.doc, h.score)).collect();
        let mut keyed: Vec<((f32, DocId, usize), Hit)> = hits
            .into_iter()
            .map(|hit| {
                let (mut anchor, mut depth) = (hit.doc, 0);
                while let Some(next) = self.docs[anchor as usize]
                    .replaced_by
                    .filter(|n| self.docs[anchor as usize].superseded && score.contains_key(n))
                {
                    // Replacement chains are short and acyclic (validation checks them); the bound
                    // only guards against looping forever on a bad catalog.
                    if depth > self.docs.len() {
                        break;
                    }
                    anchor = next;
                    depth += 1;
                }
                ((score[&anchor], anchor, depth), hit)
            })
            .collect();
        keyed.sort_by(|(a, x), (b, y)| {
            b.0.total_cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then(a.2.cmp(&b.2))
                .then(y.score.total_cmp(&x.score))
                .then(x.doc.cmp(&y.doc))
        });
        keyed.into_iter().map(|(_, hit)| hit).collect()
    }
}

/// The words of a document's texts, each text analysed once for all the fields it fills.
struct Analysed {
    code: Vec<Word>,
    title: Vec<Word>,
    keywords: Vec<Word>,
    summary: Vec<Word>,
    body: Vec<Word>,
}

impl Analysed {
    fn new(doc: &SearchDoc) -> Analysed {
        Analysed {
            code: tokenize::words(&doc.code),
            title: tokenize::words(&doc.title),
            keywords: tokenize::words(&doc.keywords),
            summary: tokenize::words(&doc.summary),
            body: tokenize::words(&doc.body),
        }
    }

    /// The words a field is made of; a field of several texts reads them in turn, as the
    /// texts joined by line breaks would be read.
    fn words(&self, source: Source) -> Vec<&Word> {
        let parts: &[&Vec<Word>] = match source {
            Source::Code => &[&self.code],
            Source::Title => &[&self.title],
            Source::Keywords => &[&self.keywords],
            Source::Summary => &[&self.summary],
            Source::Body => &[&self.body],
            Source::Text => &[&self.keywords, &self.summary, &self.body],
        };
        parts.iter().flat_map(|p| p.iter()).collect()
    }
}

/// Each field's tokens for a document, in [`FIELDS`] order.
fn field_tokens(doc: &SearchDoc) -> Vec<Vec<Token>> {
    let analysed = Analysed::new(doc);
    FIELDS
        .iter()
        .map(|spec| tokenize::tokens(analysed.words(spec.source), spec.stream))
        .collect()
}

/// Items without repeats, in order of first appearance.
fn unique(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items.filter(|t| seen.insert(t.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(i: usize, code: &str, title: &str, body: &str, replaced_by: Option<usize>) -> SearchDoc {
        SearchDoc {
            entry: Entry::Procedure(i),
            superseded: replaced_by.is_some(),
            replaced_by,
            code: code.into(),
            title: title.into(),
            keywords: String::new(),
            summary: String::new(),
            body: body.into(),
        }
    }

    fn corpus() -> Vec<SearchDoc> {
        vec![
            doc(0, "1.000001", "Đăng ký kết hôn", "Nộp tờ khai", None),
            doc(1, "1.001193", "Đăng ký khai sinh", "Tờ khai", None),
            doc(2, "1.000002", "Đăng ký khai sinh", "Khai sinh", Some(1)),
            doc(3, "2.000003", "Hoà giải tranh chấp", "hòa giải", None),
            doc(4, "2.000004", "Đang ký hợp đồng", "Hợp đồng", None),
        ]
    }

    fn codes(index: &SearchIndex, docs: &[SearchDoc], query: &str) -> Vec<String> {
        let hits = index.search(query).unwrap();
        hits.iter()
            .map(|h| match h.entry {
                Entry::Procedure(i) => docs[i].code.clone(),
                Entry::Guide(_) => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn one_segment_with_docs_in_order() {
        let docs = corpus();
        let index = SearchIndex::build(&docs).unwrap();
        assert_eq!(index.searcher().segment_readers().len(), 1);
        let entries: Vec<Entry> = index.docs().iter().map(|d| d.entry).collect();
        let expected: Vec<Entry> = docs.iter().map(|d| d.entry).collect();
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
        let clauses = SearchIndex::clauses("Đăng ký đăng");
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
        let clauses = SearchIndex::clauses("1.001193");
        let terms: Vec<&str> = clauses.iter().map(|(_, t)| t.as_str()).step_by(5).collect();
        assert_eq!(terms, ["1.001193", "1001193"]);
    }

    /// The reference analyzer's terms for a field's text (texts of several parts joined by line
    /// breaks, as the field's documentation says).
    fn reference_terms(doc: &SearchDoc, spec: &FieldSpec) -> Vec<(usize, String)> {
        let text = match spec.source {
            Source::Code => doc.code.clone(),
            Source::Title => doc.title.clone(),
            Source::Keywords => doc.keywords.clone(),
            Source::Summary => doc.summary.clone(),
            Source::Body => doc.body.clone(),
            Source::Text => [&doc.keywords, &doc.summary, &doc.body]
                .map(String::as_str)
                .join("\n"),
        };
        tokenize::reference::terms(&text, spec.stream)
    }

    #[test]
    fn every_field_of_the_example_catalog_gets_the_reference_terms() {
        use tantivy::tokenizer::{TokenStream, Tokenizer};
        let diags = crate::diagnostics::Diagnostics::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let options = crate::site::Options::new(root);
        let catalog = crate::site::catalog(&options, &diags).expect("the example site loads");
        let docs = super::super::documents(&catalog);
        assert!(docs.len() > 10);
        for doc in &docs {
            for (spec, tokens) in FIELDS.iter().zip(field_tokens(doc)) {
                // What tantivy reads: the feed, through the registered tokenizer.
                let feed = tokenize::feed(&tokens);
                let mut got = Vec::new();
                let mut tokenizer = FeedTokenizer;
                let mut stream = tokenizer.token_stream(&feed);
                while stream.advance() {
                    got.push((stream.token().position, stream.token().text.clone()));
                }
                assert_eq!(
                    got,
                    reference_terms(doc, spec),
                    "{} of {:?}",
                    spec.name,
                    doc.entry
                );
            }
        }
    }

    #[test]
    fn an_empty_query_finds_nothing() {
        let index = SearchIndex::build(&corpus()).unwrap();
        assert!(index.search(" ,. ").unwrap().is_empty());
    }
}
