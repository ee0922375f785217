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
//! once from the full Unicode path; any other word takes that full path ([`fold`], [`accent`]).
//! The tests compare it with a literal implementation of the steps term by term.

use std::sync::OnceLock;

use tantivy::tokenizer::Token;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

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

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

/// A word's folded and accented forms: by table lookup when every character is ASCII or a
/// precomposed Latin letter the table knows (all of Vietnamese), else by the full Unicode path
/// ([`fold`], [`accent`]). Both give the same strings; the table only skips the work.
fn fold_and_accent(word: &str) -> (String, String) {
    let mut folded = String::with_capacity(word.len());
    let mut letters = Vec::with_capacity(word.len());
    let mut tones = 0;
    let mut toned = 0;
    for c in word.chars() {
        let letter = if c.is_ascii() {
            Letter::plain(c)
        } else {
            match letter_of(c) {
                Some(letter) => letter,
                None => return (fold(word), accent(word)),
            }
        };
        folded.push(letter.folded);
        if letter.toned {
            tones += 1;
            toned = letters.len();
        }
        letters.push((letter.base, letter.marked));
    }
    // A word of NFC-stable letters is its own NFC, so when the tone is already where it belongs
    // (or does not move) the accented form is the word itself; else the full path moves it.
    let accented = match (tones, place_tone(&letters)) {
        (1, Some(at)) if at != toned => accent(word),
        _ => word.to_owned(),
    };
    (folded, accented)
}

/// What the analyzer needs of one character: the base letter of its canonical decomposition,
/// whether it carries a vowel mark (a mark other than a tone), whether it carries a tone, and its
/// folded form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Letter {
    base: char,
    marked: bool,
    toned: bool,
    folded: char,
}

impl Letter {
    fn plain(c: char) -> Letter {
        Letter {
            base: c,
            marked: false,
            toned: false,
            folded: c,
        }
    }
}

/// The precomposed letters the table covers: Latin-1 Supplement to Latin Extended-B, and Latin
/// Extended Additional (where Vietnamese's ấ ầ ẩ ẫ ậ … live).
const TABLE_RANGES: [(u32, u32); 2] = [(0xC0, 0x24F), (0x1E00, 0x1EFF)];

/// The table's entry for a non-ASCII character; `None` sends the word down the full path.
fn letter_of(c: char) -> Option<Letter> {
    static TABLE: OnceLock<Vec<Option<Letter>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        TABLE_RANGES
            .iter()
            .flat_map(|&(from, to)| from..=to)
            .map(|u| char::from_u32(u).and_then(table_entry))
            .collect()
    });
    let mut offset = 0;
    for (from, to) in TABLE_RANGES {
        let u = c as u32;
        if (from..=to).contains(&u) {
            return table[offset + (u - from) as usize];
        }
        offset += (to - from + 1) as usize;
    }
    None
}

/// A character's entry, worked out with the full Unicode path, or `None` when the table could
/// get it wrong: the character is not its own NFC, its base is not ASCII (or `đ`), it carries two
/// tones, or its tone, put back after its other marks (as [`accent`] does), composes to
/// something else.
fn table_entry(c: char) -> Option<Letter> {
    let one = c.to_string();
    if one.nfc().collect::<String>() != one {
        return None;
    }
    let mut nfd = one.nfd();
    let base = nfd.next()?;
    let marks: Vec<char> = nfd.collect();
    let folded = if base == 'đ' { 'd' } else { base };
    if !folded.is_ascii() || !marks.iter().all(|&m| is_combining_mark(m)) {
        return None;
    }
    let (tones, others): (Vec<char>, Vec<char>) = marks.iter().partition(|m| TONES.contains(m));
    if tones.len() > 1 {
        return None;
    }
    let rebuilt: String = std::iter::once(base)
        .chain(others.iter().copied())
        .chain(tones.iter().copied())
        .nfc()
        .collect();
    (rebuilt == one).then_some(Letter {
        base,
        marked: !others.is_empty(),
        toned: !tones.is_empty(),
        folded,
    })
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
/// tokens made once per text ([`tokens`]); this serves any text analysed by tantivy.
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

/// The analyzer written the straightforward way, every step a full Unicode operation on every
/// character (each word through [`fold`] and [`accent`]): what the fast path in [`words`] must
/// reproduce term for term.
#[cfg(test)]
pub(crate) mod reference {
    use super::{MAX_TERM_BYTES, Stream, accent, fold};
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;

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
    fn codes_are_one_word() {
        let code = |text| -> Vec<String> { words(text).into_iter().map(|w| w.folded).collect() };
        assert_eq!(code("Mã 1.001193."), ["ma", "1.001193"]);
        assert_eq!(code("(1.001193)"), ["1.001193"]);
        assert_eq!(code("1.001193, 2.000815"), ["1.001193", "2.000815"]);
        // A dot between words or after a number ends the word.
        assert_eq!(f("sinh.Kết 2.a"), ["sinh", "ket", "2", "a"]);
        assert_eq!(f("ABC-12"), ["abc", "12"]);
    }

    #[test]
    fn a_code_also_yields_its_digits_without_dots() {
        assert_eq!(f("Mã 1.001193."), ["ma", "1.001193", "1001193"]);
        assert_eq!(f("1.2.3"), ["1.2.3", "123"]);
        assert_eq!(a("1.001193"), ["1.001193"]);
        assert_eq!(pairs("mã 1.001193 cũ"), ["ma 1.001193", "1.001193 cu"]);
        // Not codes: no dot, a letter inside, a dot not between two digits.
        assert_eq!(f("1001193 1.2a 2.a"), ["1001193", "1.2a", "2", "a"]);
        let code = &words("1.001193")[0];
        assert_eq!(code.code_digits().as_deref(), Some("1001193"));
        assert!(!code.has_diacritics());
    }

    /// Inputs that take every branch of the fast path and the fall-backs around it.
    const TRICKY: &[&str] = &[
        "Đăng ký khai sinh; ĐĂNG KÝ KẾT HÔN, đăng ký kết hôn",
        "D\u{300}a\u{306}\u{301}ng ky\u{301} ke\u{302}\u{301}t ho\u{302}n",
        "a\u{323}\u{302} a\u{302}\u{323} e\u{301}\u{302} o\u{31B}\u{300}",
        "Đ đ ĐỒNG đất Đ\u{303}",
        "ấ ầ ẩ ẫ ậ ắ ằ ẳ ẵ ặ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự",
        "ẤP BẮC HUẾ PHỐ CỨU Ứ ƯỚC",
        "hòa hoà HÒA HOÀ thuý thúy THỦY thuỷ khỏe khoẻ hóa hoá quý qúy giấy gíây",
        "người ngừơi được đựơc ngoài ngòai hoàng hòang toán tóan của cuả mái maí khuỷu",
        "Mã 1.001193, (2.000815). 1.2.3 1..2 .5 5. 1.a a.1 ١.٢ 1.٢",
        "Москва 東京 서울 Ελλάδα ΑΣ σς Αθήνα naïve café résumé façade Ångström",
        "emoji 👍🏽 đăng✓ký 🇻🇳 ZWJ 👨‍👩‍👧 x\u{200D}y",
        "\u{301} \u{301}\u{300} a \u{323}b ̀ ǹ ḿ",
        "ṥ ṧ ǻ ḯ ṍ ṏ ǖ ǘ ǚ ǜ ḉ ḗ ḕ ṓ ṑ ẛ ǿ",
        "İstanbul ǅemal ǈ ǋ ß ẞ ﬁnal Ａｂｃ １２３ Ⅻ ½ ²",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx y",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx z",
        "đđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđ ờờờờờờờờờờờờờờờờờờờờờờờờờ",
        "",
        "  —, ; ",
        "tab\tnew\nline\r\nend",
    ];

    fn fast(text: &str, stream: Stream) -> Vec<(usize, String)> {
        tokens(&words(text), stream)
            .into_iter()
            .map(|t| (t.position, t.text))
            .collect()
    }

    /// Checks the analyzer against the reference on one text, every stream.
    pub(crate) fn assert_same_terms(text: &str) {
        for stream in Stream::ALL {
            assert_eq!(
                fast(text, stream),
                reference::terms(text, stream),
                "{stream:?} of {text:?}"
            );
        }
    }

    #[test]
    fn the_fast_path_gives_the_reference_terms_on_tricky_text() {
        for text in TRICKY {
            assert_same_terms(text);
            let nfd: String = text.nfd().collect();
            assert_same_terms(&nfd);
            assert_same_terms(&text.to_uppercase());
        }
    }

    #[test]
    fn the_fast_path_gives_the_reference_terms_for_every_letter() {
        // Every character of the table's ranges and of the combining marks, and a sample of the
        // rest, alone and inside Vietnamese-shaped syllables with each tone.
        let all = (0..0x370u32).chain(0x1E00..0x1F00);
        let sample = (0x370..0x3000u32).step_by(17);
        for c in all.chain(sample).filter_map(char::from_u32) {
            let mut text = format!("{c} h{c}a qu{c} g{c}a ho{c} {c}ươ x{c}");
            for tone in TONES {
                text += &format!(" {c}{tone}n ng{c}{tone}i t{tone}{c}");
            }
            assert_same_terms(&text);
        }
    }

    #[test]
    fn the_feed_gives_tantivy_the_same_tokens() {
        use tantivy::tokenizer::{TokenStream, Tokenizer};
        let tokens = tokens(&words("Mã 1.001193 cũ"), Stream::Folded);
        let feed = feed(&tokens);
        assert_eq!(feed, "ma\n1.001193\t1001193\ncu");
        let mut read = Vec::new();
        let mut tokenizer = FeedTokenizer;
        let mut stream = tokenizer.token_stream(&feed);
        while stream.advance() {
            read.push((stream.token().position, stream.token().text.clone()));
        }
        let written: Vec<(usize, String)> =
            tokens.into_iter().map(|t| (t.position, t.text)).collect();
        assert_eq!(read, written);
        assert_eq!(FeedTokenizer.token_stream("").next(), None);
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
