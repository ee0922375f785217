//! Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
//! with tone marks deciding only between otherwise equal words.

use motcua_search::vietnamese::{BREVE, CIRCUMFLEX, HORN, TONES};
use unicode_normalization::UnicodeNormalization;

/// A key that sorts Vietnamese text the way a Vietnamese dictionary does.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    letters: Vec<u32>,
    tones: Vec<u8>,
}

pub fn sort_key(text: &str) -> SortKey {
    let mut letters = Vec::new();
    let mut tones = Vec::new();
    for c in text.to_lowercase().nfd() {
        if let Some(t) = TONES.iter().position(|&m| m == c) {
            tones.push(t as u8 + 1);
            continue;
        }
        let modifier = match c {
            BREVE => 1,
            CIRCUMFLEX => 2,
            HORN => 3,
            _ => {
                letters.push(base_rank(c));
                tones.push(0);
                continue;
            }
        };
        if let Some(last) = letters.last_mut() {
            *last += modifier;
        }
    }
    SortKey { letters, tones }
}

/// Letters spaced by 4 so that ă/â (a+1, a+2), ơ (o+3) and ư (u+3) fall right after their base.
fn base_rank(c: char) -> u32 {
    match c {
        'đ' => u32::from('d') * 4 + 2,
        c if c.is_ascii_alphabetic() => u32::from(c) * 4,
        c if c.is_ascii_digit() => u32::from(c) * 4,
        ' ' => 0,
        c => u32::from(c).saturating_mul(4).max(1),
    }
}

/// The words every other official name starts with, which say nothing about the procedure.
const FILLER: &str = "thủ tục";

/// A procedure's name as an A–Z list files it: without a leading "Thủ tục " (any case), which
/// half of the national database's names begin with and which would put them all under T.
/// The displayed name keeps it.
pub fn filed_as(name: &str) -> &str {
    let name = name.trim_start();
    let mut chars = name.char_indices();
    let head: String = chars
        .by_ref()
        .take(FILLER.chars().count())
        .map(|(_, c)| c)
        .collect();
    let rest = match chars.next() {
        Some((at, c)) if c.is_whitespace() && head.to_lowercase() == FILLER => &name[at..],
        _ => return name,
    };
    match rest.trim_start() {
        "" => name,
        filed => filed,
    }
}

/// The key procedures are sorted by in lists: their name as it is filed.
pub fn name_key(name: &str) -> SortKey {
    sort_key(filed_as(name))
}

/// The letter a name is filed under in an A–Z list: "Đăng ký" → "Đ", "Ủy quyền" → "U",
/// "Thủ tục cấp lại" → "C".
pub fn initial(name: &str) -> String {
    let Some(first) = filed_as(name).chars().next() else {
        return String::new();
    };
    let kept: String = first
        .to_uppercase()
        .collect::<String>()
        .nfd()
        .filter(|c| !TONES.contains(c))
        .nfc()
        .collect();
    if kept.chars().next().is_some_and(char::is_alphanumeric) {
        kept
    } else {
        "#".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_the_vietnamese_alphabet() {
        let mut words = vec![
            "Đăng ký",
            "Dân số",
            "Ăn uống",
            "An toàn",
            "Ấp",
            "Bảo hiểm",
            "ơn",
            "ổn",
            "ô tô",
        ];
        words.sort_by_key(|w| sort_key(w));
        assert_eq!(
            words,
            vec![
                "An toàn",
                "Ăn uống",
                "Ấp",
                "Bảo hiểm",
                "Dân số",
                "Đăng ký",
                "ô tô",
                "ổn",
                "ơn"
            ]
        );
    }

    #[test]
    fn files_names_under_their_letter() {
        assert_eq!(initial("Đăng ký khai sinh"), "Đ");
        assert_eq!(initial("ủy quyền"), "U");
        assert_eq!(initial("Ấp"), "Â");
        assert_eq!(initial("(Cấp lại)"), "#");
    }

    #[test]
    fn a_leading_thu_tuc_is_not_what_a_name_is_filed_under() {
        assert_eq!(filed_as("Thủ tục đăng ký khai sinh"), "đăng ký khai sinh");
        assert_eq!(filed_as("THỦ TỤC Cấp lại"), "Cấp lại");
        assert_eq!(filed_as("  thủ tục  xác nhận"), "xác nhận");
        // Only as a whole word, and never leaving nothing to file the name under.
        assert_eq!(filed_as("Thủ tục"), "Thủ tục");
        assert_eq!(filed_as("Thủ tụcx"), "Thủ tụcx");
        assert_eq!(filed_as("Đăng ký thủ tục"), "Đăng ký thủ tục");
        assert_eq!(initial("Thủ tục đăng ký khai sinh"), "Đ");
        assert_eq!(initial("Thủ tục cấp lại"), "C");
        let mut names = vec![
            "Thủ tục đăng ký",
            "Cấp phép",
            "Thủ tục bảo hiểm",
            "Tặng thưởng",
        ];
        names.sort_by_key(|n| name_key(n));
        assert_eq!(
            names,
            vec![
                "Thủ tục bảo hiểm",
                "Cấp phép",
                "Thủ tục đăng ký",
                "Tặng thưởng"
            ]
        );
    }
}
