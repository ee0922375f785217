//! The analyzer inside tantivy: the index is fed tokens made once per text, written as text
//! ([`feed`]) and read back by [`FeedTokenizer`]; [`VietnameseTokenizer`] analyses any other text.

use tantivy::tokenizer::Token;

use super::stream::{Stream, tokens};
use super::words::words;

/// Tokens written as text for the index's [`FeedTokenizer`]: terms at one position separated by
/// tabs, positions by line breaks (no term holds either). Handing tantivy this text rather than a
/// pre-tokenized value skips the JSON round trip tantivy's documents make of pre-tokenized values,
/// which cost more than the analysis itself.
pub fn feed(tokens: &[Token]) -> String {
    let mut out = String::with_capacity(tokens.iter().map(|t| t.text.len() + 1).sum());
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            out.push(if t.position == tokens[i - 1].position {
                '\t'
            } else {
                '\n'
            });
        }
        out.push_str(&t.text);
    }
    out
}

/// Reads back the tokens of a [`feed`] (positions from 0; offsets into the feed).
#[derive(Debug, Clone, Copy)]
pub struct FeedTokenizer;

impl FeedTokenizer {
    /// The name it is registered under in the index.
    pub const NAME: &'static str = "vi_feed";
}

impl tantivy::tokenizer::Tokenizer for FeedTokenizer {
    type TokenStream<'a> = Tokens;

    fn token_stream<'a>(&'a mut self, feed: &'a str) -> Tokens {
        let mut tokens = Vec::new();
        let (mut position, mut start) = (0, 0);
        for (i, b) in feed.bytes().enumerate().chain([(feed.len(), b'\n')]) {
            if b != b'\t' && b != b'\n' {
                continue;
            }
            if i > start {
                tokens.push(Token {
                    offset_from: start,
                    offset_to: i,
                    position,
                    text: feed[start..i].to_owned(),
                    position_length: 1,
                });
            }
            position += usize::from(b == b'\n');
            start = i + 1;
        }
        Tokens { tokens, next: 0 }
    }
}

/// The analyzer as a tantivy tokenizer producing one of the streams. The index itself is fed
/// tokens made once per text (`stream::tokens`); this serves any text analysed by tantivy.
#[derive(Debug, Clone, Copy)]
pub struct VietnameseTokenizer(pub Stream);

/// Tokens computed up front from [`words`] (texts are short: a name, a few steps).
pub struct Tokens {
    tokens: Vec<Token>,
    next: usize,
}

impl tantivy::tokenizer::Tokenizer for VietnameseTokenizer {
    type TokenStream<'a> = Tokens;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        Tokens {
            tokens: tokens(&words(text), self.0),
            next: 0,
        }
    }
}

impl tantivy::tokenizer::TokenStream for Tokens {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}
