//! Vietnamese letters as Unicode writes them: the five tone marks and the three vowel marks as
//! combining characters (what NFD gives), and which vowel of a syllable carries the tone.
//!
//! The analyzer folds and accents with these; an application sorting Vietnamese words (tones
//! deciding last, ă â after a) reads the same tables instead of keeping its own.

/// The tone marks, in dictionary order after "no tone": huyền (grave), sắc (acute), hỏi (hook
/// above), ngã (tilde), nặng (dot below).
pub const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

/// The vowel marks: breve (ă), circumflex (â ê ô), horn (ơ ư).
pub const BREVE: char = '\u{306}';
pub const CIRCUMFLEX: char = '\u{302}';
pub const HORN: char = '\u{31b}';

const VOWELS: [char; 6] = ['a', 'e', 'i', 'o', 'u', 'y'];

/// Which letter of a syllable carries the tone, in the modern placement ("hoà", "thuý"); `None`
/// when the word has no vowel or more than one run of vowels (not one Vietnamese syllable, such
/// as "café", which is kept as written). Letters are given as (base letter, has a vowel mark ˆ ˘ ̛ ).
///
/// The vowel nucleus is the first run of vowels, where the `u` of `qu` and the `i` of `gi`
/// before another vowel count as consonants. Then:
/// 1. a vowel with a mark (ă â ê ô ơ ư) takes the tone (the last one: "ươ" → ơ);
/// 2. else, when a consonant follows the nucleus, its last vowel ("hoàng", "toán");
/// 3. else `oa`, `oe`, `uy` take it on the second vowel ("hoà", "thuý");
/// 4. else the middle of three vowels ("ngoài"), the first of two ("mái", "của"), the only one.
///
/// Any fixed rule would do for matching, since the rule only has to send "hòa" and "hoà" to one
/// form; this one gives the form Vietnamese keyboards type today.
pub(crate) fn place_tone(letters: &[(char, bool)]) -> Option<usize> {
    let is_vowel = |i: usize| letters.get(i).is_some_and(|(c, _)| VOWELS.contains(c));
    let mut first = (0..letters.len()).find(|&i| is_vowel(i))?;
    let plain = |i: usize, c: char| letters.get(i) == Some(&(c, false));
    if first >= 1 && is_vowel(first + 1) {
        let prev = letters[first - 1].0;
        if (prev == 'q' && plain(first, 'u')) || (prev == 'g' && plain(first, 'i')) {
            first += 1;
        }
    }
    let mut last = first;
    while is_vowel(last + 1) {
        last += 1;
    }
    if (last + 1..letters.len()).any(is_vowel) {
        return None;
    }
    if let Some(marked) = (first..=last).rev().find(|&i| letters[i].1) {
        return Some(marked);
    }
    if last + 1 < letters.len() {
        return Some(last);
    }
    let nucleus: String = letters[first..=last].iter().map(|(c, _)| c).collect();
    Some(match nucleus.as_str() {
        "oa" | "oe" | "uy" => first + 1,
        _ if last - first == 2 => first + 1,
        _ => first,
    })
}
