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
//!    moved to one canonical vowel (see [`place_tone`]), NFC. "hòa" and "hoà" → `hoà`; "đăng" →
//!    `đăng`. A word with no tone mark, with more than one, or with vowels in two places (not one
//!    syllable: "café") is kept as it is.
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
//! Every word yields exactly one folded and one accented token at the same position, so a field's
//! length (tantivy's fieldnorm) is the number of words in both streams; a text of n words has
//! n − 1 pairs. Queries are analysed by the same functions.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

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
}

/// The text as the analyzer sees it: NFC, lower case.
pub fn normalize(text: &str) -> String {
    text.nfc().collect::<String>().to_lowercase()
}

/// The words of a text, in order (steps 1–4 of the module documentation).
pub fn words(text: &str) -> Vec<Word> {
    let text = normalize(text);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_word_char(chars[i].1) {
            i += 1;
            continue;
        }
        let begin = i;
        while i < chars.len() {
            let c = chars[i].1;
            let joins_digits = c == '.'
                && i > begin
                && chars[i - 1].1.is_ascii_digit()
                && chars.get(i + 1).is_some_and(|n| n.1.is_ascii_digit());
            if is_word_char(c) || joins_digits {
                i += 1;
            } else {
                break;
            }
        }
        let start = chars[begin].0;
        let end = chars.get(i).map_or(text.len(), |c| c.0);
        let word = &text[start..end];
        let folded = fold(word);
        if folded.is_empty() || folded.len() > MAX_TERM_BYTES {
            continue;
        }
        out.push(Word {
            folded,
            accented: accent(word),
            start,
            end,
        });
    }
    out
}

/// The folded terms of a text.
pub fn folded(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.folded).collect()
}

/// The accented terms of a text.
pub fn accented(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.accented).collect()
}

/// Neighbouring folded terms joined by a space: the terms of a title's pairs field.
pub fn pairs(text: &str) -> Vec<String> {
    let folded = folded(text);
    folded
        .windows(2)
        .map(|w| format!("{} {}", w[0], w[1]))
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Removes every diacritic and turns `đ` into `d`. Expects lower-case text.
pub fn fold(word: &str) -> String {
    let stripped: String = word
        .nfd()
        .filter(|&c| !is_combining_mark(c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect();
    stripped.nfc().collect()
}

/// The five tone marks, as combining characters: huyền, sắc, ngã, hỏi, nặng.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

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
pub fn place_tone(letters: &[(char, bool)]) -> Option<usize> {
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
        match self {
            Stream::Folded => folded(text),
            Stream::Accented => accented(text),
            Stream::Pairs => pairs(text),
        }
    }
}

/// The analyzer as a tantivy tokenizer producing one of the streams.
#[derive(Debug, Clone, Copy)]
pub struct VietnameseTokenizer(pub Stream);

/// Tokens computed up front from [`words`] (texts are short: a name, a few steps).
pub struct Tokens {
    tokens: Vec<tantivy::tokenizer::Token>,
    next: usize,
}

impl tantivy::tokenizer::Tokenizer for VietnameseTokenizer {
    type TokenStream<'a> = Tokens;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        let words = words(text);
        let token = |position, text: String, start, end| tantivy::tokenizer::Token {
            offset_from: start,
            offset_to: end,
            position,
            text,
            position_length: 1,
        };
        let tokens = match self.0 {
            Stream::Folded => words
                .into_iter()
                .enumerate()
                .map(|(i, w)| token(i, w.folded, w.start, w.end))
                .collect(),
            Stream::Accented => words
                .into_iter()
                .enumerate()
                .map(|(i, w)| token(i, w.accented, w.start, w.end))
                .collect(),
            Stream::Pairs => words
                .windows(2)
                .enumerate()
                .map(|(i, w)| {
                    let text = format!("{} {}", w[0].folded, w[1].folded);
                    token(i, text, w[0].start, w[1].end)
                })
                .collect(),
        };
        Tokens { tokens, next: 0 }
    }
}

impl tantivy::tokenizer::TokenStream for Tokens {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &tantivy::tokenizer::Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(text: &str) -> Vec<String> {
        folded(text)
    }

    fn a(text: &str) -> Vec<String> {
        accented(text)
    }

    #[test]
    fn folds_a_procedure_name() {
        assert_eq!(f("Đăng ký khai sinh"), ["dang", "ky", "khai", "sinh"]);
        assert_eq!(a("Đăng ký khai sinh"), ["đăng", "ký", "khai", "sinh"]);
    }

    #[test]
    fn nfd_input_gives_the_same_terms_as_nfc() {
        let nfd: String = "Đăng ký kết hôn, hoà giải".nfd().collect();
        assert_ne!(nfd, "Đăng ký kết hôn, hoà giải");
        assert_eq!(f(&nfd), f("Đăng ký kết hôn, hoà giải"));
        assert_eq!(a(&nfd), a("Đăng ký kết hôn, hoà giải"));
        assert_eq!(a(&nfd), ["đăng", "ký", "kết", "hôn", "hoà", "giải"]);
    }

    #[test]
    fn d_with_stroke_folds_to_d_in_both_cases() {
        assert_eq!(f("Đ đ ĐỒNG đất"), ["d", "d", "dong", "dat"]);
        assert_eq!(a("Đ ĐỒNG"), ["đ", "đồng"]);
    }

    #[test]
    fn stacked_diacritics_fold_to_the_base_letter() {
        assert_eq!(f("ấ ầ ẩ ẫ ậ"), ["a"; 5]);
        assert_eq!(f("ắ ằ ẳ ẵ ặ"), ["a"; 5]);
        assert_eq!(f("ế ề ể ễ ệ"), ["e"; 5]);
        assert_eq!(f("ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ"), ["o"; 10]);
        assert_eq!(f("ứ ừ ử ữ ự"), ["u"; 5]);
        assert_eq!(f("Ấp Bắc Huế Phố Cứu"), ["ap", "bac", "hue", "pho", "cuu"]);
        // NFD with the marks in either order still folds and accents alike.
        let nfd = "a\u{323}\u{302}"; // a + dot below + circumflex = ậ
        assert_eq!(f(nfd), ["a"]);
        assert_eq!(a(nfd), ["ậ"]);
    }

    #[test]
    fn tone_placement_is_canonical() {
        assert_eq!(a("hòa"), a("hoà"));
        assert_eq!(a("hòa"), ["hoà"]);
        assert_eq!(a("Hoà giải HÒA"), ["hoà", "giải", "hoà"]);
        assert_eq!(a("thủy"), a("thuỷ"));
        assert_eq!(a("thủy"), ["thuỷ"]);
        assert_eq!(a("khỏe"), a("khoẻ"));
        assert_eq!(a("hóa đơn"), a("hoá đơn"));
        assert_eq!(f("hòa"), f("hoà"));
    }

    #[test]
    fn tone_stays_on_the_right_vowel_of_common_syllables() {
        for word in [
            "người", "được", "ngoài", "hoàng", "toán", "quý", "quốc", "giấy", "gì", "của", "mái",
            "khuỷu", "thuở", "nghiệp", "chuyển", "hộ", "tịch", "khoẻ", "cứu", "lưu",
        ] {
            let nfc: String = word.nfc().collect();
            assert_eq!(accent(&nfc), nfc, "{word} keeps its placement");
        }
    }

    #[test]
    fn upper_case_is_lowered_before_folding() {
        assert_eq!(f("ĐĂNG KÝ KẾT HÔN"), ["dang", "ky", "ket", "hon"]);
        assert_eq!(a("ĐĂNG KÝ KẾT HÔN"), ["đăng", "ký", "kết", "hôn"]);
        assert_eq!(f("DANG KY KET HON"), f("đăng ký kết hôn"));
    }

    #[test]
    fn codes_are_one_term() {
        assert_eq!(f("Mã 1.001193."), ["ma", "1.001193"]);
        assert_eq!(f("(1.001193)"), ["1.001193"]);
        assert_eq!(f("1.001193, 2.000815"), ["1.001193", "2.000815"]);
        // A dot between words or after a number ends the word.
        assert_eq!(f("sinh.Kết 2.a"), ["sinh", "ket", "2", "a"]);
        assert_eq!(f("ABC-12"), ["abc", "12"]);
    }

    #[test]
    fn punctuation_separates_and_nothing_is_left_empty() {
        assert_eq!(f("  —, ; "), Vec::<String>::new());
        assert_eq!(f("khai sinh/khai tử"), ["khai", "sinh", "khai", "tu"]);
        assert_eq!(f("\u{301}"), Vec::<String>::new());
        assert_eq!(f(&"x".repeat(65)), Vec::<String>::new());
    }

    #[test]
    fn words_without_a_vowel_or_with_two_tones_are_kept_as_written() {
        assert_eq!(a("kg"), ["kg"]);
        assert_eq!(a("né\u{300}"), ["né\u{300}".nfc().collect::<String>()]);
        assert_eq!(a("café"), ["café"]);
    }

    #[test]
    fn pairs_join_neighbouring_folded_words() {
        assert_eq!(
            pairs("Đăng ký khai sinh"),
            ["dang ky", "ky khai", "khai sinh"]
        );
        assert_eq!(pairs("Hộ"), Vec::<String>::new());
    }

    #[test]
    fn byte_ranges_point_into_the_normalised_text() {
        let text = "Đăng ký 1.001193";
        let norm = normalize(text);
        let ws = words(text);
        let spans: Vec<&str> = ws.iter().map(|w| &norm[w.start..w.end]).collect();
        assert_eq!(spans, ["đăng", "ký", "1.001193"]);
        assert!(ws[0].has_diacritics());
        assert!(!ws[2].has_diacritics());
    }

    #[test]
    fn tantivy_tokenizer_gives_the_documented_streams() {
        use tantivy::tokenizer::{TokenStream, Tokenizer};
        let collect = |stream| {
            let mut tok = VietnameseTokenizer(stream);
            let mut ts = tok.token_stream("Đăng ký khai sinh");
            let mut out = Vec::new();
            while ts.advance() {
                out.push((ts.token().position, ts.token().text.clone()));
            }
            out
        };
        let texts = |s| -> Vec<String> { collect(s).into_iter().map(|t| t.1).collect() };
        assert_eq!(texts(Stream::Folded), ["dang", "ky", "khai", "sinh"]);
        assert_eq!(texts(Stream::Accented), ["đăng", "ký", "khai", "sinh"]);
        assert_eq!(texts(Stream::Pairs), ["dang ky", "ky khai", "khai sinh"]);
        let positions: Vec<usize> = collect(Stream::Accented).iter().map(|t| t.0).collect();
        assert_eq!(positions, [0, 1, 2, 3]);
        for s in Stream::ALL {
            assert_eq!(texts(s), s.terms("Đăng ký khai sinh"));
        }
    }
}
