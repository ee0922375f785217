//! Step 1 and 2 of the analysis: the text normalised and cut into words, each folded and
//! accented (steps 3 and 4, by [`super::table`]).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::table::fold_and_accent;

/// Longer words (a pasted URL, a run of digits) are not searchable terms.
pub const MAX_TERM_BYTES: usize = 64;

/// One word of a text, in both index forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Lower case, no diacritics, `đ` → `d`: what a query typed without accents matches.
    pub folded: String,
    /// Lower case with diacritics, tone mark in its canonical place.
    pub accented: String,
    /// Byte range of the word in the normalised (NFC, lower-case) text.
    pub start: usize,
    pub end: usize,
}

impl Word {
    /// Whether the word carries any diacritic (so an exact, accented match means something).
    pub fn has_diacritics(&self) -> bool {
        self.folded != self.accented
    }

    /// For a code of ASCII digits joined by dots (`1.001193`), its digits alone (`1001193`): the
    /// extra folded term that lets a code typed without its dots find the procedure.
    pub fn code_digits(&self) -> Option<String> {
        let is_code = self.folded.contains('.')
            && self.folded.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        is_code.then(|| self.folded.replace('.', ""))
    }

    /// The word's terms in the folded stream: its folded form, then its code digits if any.
    pub fn folded_terms(&self) -> impl Iterator<Item = String> + '_ {
        std::iter::once(self.folded.clone()).chain(self.code_digits())
    }
}

/// The text as the analyzer sees it: NFC, lower case. Text already in NFC (nearly all of it) skips
/// the composition pass; the result is the same.
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_lowercase(),
        _ => text.nfc().collect::<String>().to_lowercase(),
    }
}

/// The words of a text, in order (steps 1–4 of the module documentation).
pub fn words(text: &str) -> Vec<Word> {
    let text = normalize(text);
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, first)) = chars.next() {
        if !is_word_char(first) {
            continue;
        }
        let (mut end, mut last) = (start + first.len_utf8(), first);
        while let Some(&(at, c)) = chars.peek() {
            let joins_digits = c == '.'
                && last.is_ascii_digit()
                && text[at + 1..].starts_with(|n: char| n.is_ascii_digit());
            if !(is_word_char(c) || joins_digits) {
                break;
            }
            chars.next();
            (end, last) = (at + c.len_utf8(), c);
        }
        let word = &text[start..end];
        let (folded, accented) = fold_and_accent(word);
        if folded.is_empty() || folded.len() > MAX_TERM_BYTES {
            continue;
        }
        out.push(Word {
            folded,
            accented,
            start,
            end,
        });
    }
    out
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}
