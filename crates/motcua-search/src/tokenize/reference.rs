//! The analyzer written the straightforward way, every step a full Unicode operation on every
//! character (each word through [`fold`] and [`accent`]): what the fast path in
//! [`super::words`] must reproduce term for term.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::full::{accent, fold};
use super::stream::Stream;
use super::words::MAX_TERM_BYTES;

/// (folded, accented) of each word of a text.
pub fn words(text: &str) -> Vec<(String, String)> {
    let text: String = text.nfc().collect::<String>().to_lowercase();
    let chars: Vec<char> = text.chars().collect();
    let is_word_char = |c: char| c.is_alphanumeric() || is_combining_mark(c);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_word_char(chars[i]) {
            i += 1;
            continue;
        }
        let begin = i;
        while i < chars.len() {
            let joins_digits = chars[i] == '.'
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if !(is_word_char(chars[i]) || joins_digits) {
                break;
            }
            i += 1;
        }
        let word: String = chars[begin..i].iter().collect();
        let folded = fold(&word);
        if !folded.is_empty() && folded.len() <= MAX_TERM_BYTES {
            out.push((folded, accent(&word)));
        }
    }
    out
}

/// A stream's terms, with their positions.
pub fn terms(text: &str, stream: Stream) -> Vec<(usize, String)> {
    let words = words(text);
    let mut out = Vec::new();
    for (i, (folded, accented)) in words.iter().enumerate() {
        match stream {
            Stream::Folded => {
                out.push((i, folded.clone()));
                let digits = folded.chars().all(|c| c.is_ascii_digit() || c == '.');
                if digits && folded.contains('.') {
                    out.push((i, folded.replace('.', "")));
                }
            }
            Stream::Accented => out.push((i, accented.clone())),
            Stream::Pairs if i > 0 => out.push((i - 1, format!("{} {folded}", words[i - 1].0))),
            Stream::Pairs => {}
        }
    }
    out
}
