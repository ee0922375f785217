//! Steps 3 and 4 done literally, on any word: fold (every diacritic removed) and accent (the tone
//! moved to its canonical vowel), each through NFD and back.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::vietnamese::{TONES, place_tone};

/// Removes every diacritic and turns `đ` into `d`. Expects lower-case text.
pub fn fold(word: &str) -> String {
    let stripped: String = word
        .nfd()
        .filter(|&c| !is_combining_mark(c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect();
    stripped.nfc().collect()
}

/// Places a word's tone mark on its canonical vowel (see [`place_tone`]). Expects lower case.
pub fn accent(word: &str) -> String {
    // Letters of the word: a base character and its marks other than the tone.
    let mut letters: Vec<(char, Vec<char>)> = Vec::new();
    let mut tones = Vec::new();
    for c in word.nfd() {
        if TONES.contains(&c) {
            tones.push(c);
        } else if is_combining_mark(c) && !letters.is_empty() {
            letters.last_mut().unwrap().1.push(c);
        } else {
            letters.push((c, Vec::new()));
        }
    }
    let [tone] = tones[..] else {
        return word.nfc().collect();
    };
    let bases: Vec<(char, bool)> = letters.iter().map(|(c, m)| (*c, !m.is_empty())).collect();
    let Some(at) = place_tone(&bases) else {
        return word.nfc().collect();
    };
    let mut out = String::with_capacity(word.len() + 2);
    for (i, (c, marks)) in letters.iter().enumerate() {
        out.push(*c);
        out.extend(marks);
        if i == at {
            out.push(tone);
        }
    }
    out.nfc().collect()
}
