//! The fast path of steps 3 and 4: a word of ASCII and precomposed Latin letters (all of
//! Vietnamese) is folded and accented by one table lookup per character, the table built once
//! from the full Unicode path of [`super::full`].

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::full::{accent, fold};
use crate::vietnamese::{TONES, place_tone};

/// A word's folded and accented forms: by table lookup when every character is ASCII or a
/// precomposed Latin letter the table knows (all of Vietnamese), else by the full Unicode path
/// ([`fold`], [`accent`]). Both give the same strings; the table only skips the work.
pub(super) fn fold_and_accent(word: &str) -> (String, String) {
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
