//! The analyzer's token streams: what each kind of index field is made of.

use tantivy::tokenizer::Token;

use super::words::{Word, words};

/// Which of the analyzer's token streams a tantivy field is indexed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Folded,
    Accented,
    Pairs,
}

impl Stream {
    pub const ALL: [Stream; 3] = [Stream::Folded, Stream::Accented, Stream::Pairs];

    /// The name the tokenizer is registered under in the index.
    pub fn name(self) -> &'static str {
        match self {
            Stream::Folded => "vi_folded",
            Stream::Accented => "vi_accented",
            Stream::Pairs => "vi_pairs",
        }
    }

    /// The stream's terms for a text, in order.
    pub fn terms(self, text: &str) -> Vec<String> {
        tokens(&words(text), self)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }
}

/// A stream's tokens for words already analysed, positions from 0. Words may come from several
/// texts read as one (a field made of several parts): pairs then join across the parts, as they
/// would in the texts joined by a line break. Offsets are byte ranges in each word's own
/// normalised text (tantivy does not index them).
pub fn tokens<'a>(words: impl IntoIterator<Item = &'a Word>, stream: Stream) -> Vec<Token> {
    let token = |position, text: String, start, end| Token {
        offset_from: start,
        offset_to: end,
        position,
        text,
        position_length: 1,
    };
    let mut out = Vec::new();
    let mut previous: Option<&Word> = None;
    for (position, w) in words.into_iter().enumerate() {
        match stream {
            Stream::Folded => {
                for term in w.folded_terms() {
                    out.push(token(position, term, w.start, w.end));
                }
            }
            Stream::Accented => out.push(token(position, w.accented.clone(), w.start, w.end)),
            Stream::Pairs => {
                if let Some(p) = previous {
                    let text = format!("{} {}", p.folded, w.folded);
                    out.push(token(position - 1, text, p.start, w.end));
                }
            }
        }
        previous = Some(w);
    }
    out
}
