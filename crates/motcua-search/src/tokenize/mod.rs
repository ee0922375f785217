//! The Vietnamese analyzer: how text (a procedure's name, a citizen's query) becomes index terms.
//!
//! This is the contract the JavaScript search client reproduces byte for byte, so every step is a
//! plain Unicode operation that JavaScript has too (`normalize`, `toLowerCase`, `\p{…}` classes).
//!
//! # Steps
//!
//! 1. **Normalise**: NFC, then Unicode default lower case (`str::to_lowercase`;
//!    JS `s.normalize("NFC").toLowerCase()`).
//! 2. **Split into words**: a word is a maximal run of *word characters*: `Alphabetic` or
//!    `General_Category=Number` or `General_Category=Mark` (Rust `char::is_alphanumeric` or
//!    `is_combining_mark`; JS `/[\p{Alphabetic}\p{N}\p{M}]/u`). A `.` between two ASCII digits
//!    belongs to the word, so the code `1.001193` is one word. Words whose folded form is empty or
//!    longer than [`MAX_TERM_BYTES`] bytes (UTF-8) are dropped, from every stream alike.
//! 3. **Fold** each word: NFD, remove every `General_Category=Mark`, `đ` → `d`, NFC
//!    (JS `w.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").normalize("NFC")`).
//!    "Đăng" → `dang`, "ký" → `ky`, "1.001193" → `1.001193`.
//! 4. **Accent** each word: its lower-case form with the tone mark (sắc, huyền, hỏi, ngã, nặng)
//!    moved to one canonical vowel (the rule is in [`crate::vietnamese`]), NFC. "hòa" and "hoà"
//!    → `hoà`; "đăng" → `đăng`. A word with no tone mark, with more than one, or with vowels in
//!    two places (not one syllable: "café") is kept as it is.
//!
//! # Token streams
//!
//! For the text "Đăng ký khai sinh" the three streams are, with positions from 0:
//!
//! | stream | tokens |
//! |---|---|
//! | [`Stream::Folded`] | `dang` `ky` `khai` `sinh` |
//! | [`Stream::Accented`] | `đăng` `ký` `khai` `sinh` |
//! | [`Stream::Pairs`] | `dang ky` `ky khai` `khai sinh` (folded neighbours joined by one space) |
//!
//! Every word yields one folded and one accented token at its position (its index among the
//! words). A word that is a code of ASCII digits joined by dots (`1.001193`) also yields its
//! digits without the dots (`1001193`) in the folded stream, right after it and at the same
//! position, so a code typed without dots finds the procedure ([`Word::code_digits`]). A field's
//! length (tantivy's fieldnorm) is its number of tokens: the number of words, plus one per code in
//! a folded field. A text of n words has n − 1 pairs (built from words, never from code digits).
//! Queries are analysed by the same functions.
//!
//! # Speed
//!
//! The steps above, done literally, decompose and recompose every character of every word; at
//! 50,000 procedures that was most of the index build. [`words`] gives the same terms faster:
//! text already in NFC skips composition, and each word made only of ASCII and precomposed Latin
//! letters (all of Vietnamese) is folded and accented by one table lookup per character, built
//! once from the full Unicode path; any other word takes that full path (`full.rs`).
//! The tests compare it with a literal implementation of the steps term by term.

mod feed;
mod full;
#[cfg(any(test, feature = "testing"))]
pub(crate) mod reference;
mod stream;
mod table;
#[cfg(test)]
mod tests;
mod words;

pub use feed::VietnameseTokenizer;
pub(crate) use feed::{FeedTokenizer, feed};
pub(crate) use full::fold;
pub use stream::Stream;
pub(crate) use stream::tokens;
pub use words::{MAX_TERM_BYTES, Word, normalize, words};

/// The folded terms of a text (code digits included).
pub fn folded(text: &str) -> Vec<String> {
    words(text).iter().flat_map(Word::folded_terms).collect()
}

/// The accented terms of a text.
pub fn accented(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.accented).collect()
}

/// Neighbouring folded words joined by a space: the terms of a title's pairs field.
pub fn pairs(text: &str) -> Vec<String> {
    tokens(&words(text), Stream::Pairs)
        .into_iter()
        .map(|t| t.text)
        .collect()
}
