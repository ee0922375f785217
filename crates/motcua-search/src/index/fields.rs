//! The index fields: which text of a [`Document`] fills each, through which stream, with what
//! boost; and each field's tokens for a document, every text analysed once.

use tantivy::tokenizer::Token;

use crate::document::Document;
use crate::tokenize::{self, Stream, Word};

/// An index field: its name, the stream that fills it, its boost, and what it holds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldSpec {
    pub(crate) name: &'static str,
    pub(crate) stream: Stream,
    pub(crate) boost: f32,
    pub(crate) source: Source,
}

/// The document text a field is made from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source {
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
pub(crate) const FIELDS: [FieldSpec; 8] = [
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

/// The words of a document's texts, each text analysed once for all the fields it fills.
struct Analysed {
    code: Vec<Word>,
    title: Vec<Word>,
    keywords: Vec<Word>,
    summary: Vec<Word>,
    body: Vec<Word>,
}

impl Analysed {
    fn new(doc: &Document) -> Analysed {
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
pub(crate) fn field_tokens(doc: &Document) -> Vec<Vec<Token>> {
    let analysed = Analysed::new(doc);
    FIELDS
        .iter()
        .map(|spec| tokenize::tokens(analysed.words(spec.source), spec.stream))
        .collect()
}

impl Source {
    /// The field's text as one string, texts of several parts joined by line breaks (as the
    /// field reads them): what the reference analyzer is given.
    #[cfg(any(test, feature = "testing"))]
    pub(crate) fn text(self, doc: &Document) -> String {
        match self {
            Source::Code => doc.code.clone(),
            Source::Title => doc.title.clone(),
            Source::Keywords => doc.keywords.clone(),
            Source::Summary => doc.summary.clone(),
            Source::Body => doc.body.clone(),
            Source::Text => [&doc.keywords, &doc.summary, &doc.body]
                .map(String::as_str)
                .join("\n"),
        }
    }
}
