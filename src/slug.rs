//! ASCII addresses from Vietnamese text: "Đăng ký khai sinh" → "dang-ky-khai-sinh".

/// Longest slug, cut at a word boundary: real procedure names run to 200 characters.
const MAX_LEN: usize = 80;

/// `text` as an address: ASCII words joined by `-`, cut at a word boundary when long.
pub fn slugify(text: &str) -> String {
    let mut slug = ascii_words(text);
    if slug.len() > MAX_LEN {
        let cut = slug[..MAX_LEN].rfind('-').unwrap_or(MAX_LEN);
        slug.truncate(cut);
    }
    slug
}

/// `text` as ASCII words joined by `-`, whole. File names are the editor's choice, so the
/// addresses made from them are not cut: two long names that differ only at their end must not
/// end up at one address.
pub fn ascii_words(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_ascii_lowercase();
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// The permanent short id of a procedure code: "1.001193" → "1001193".
pub fn short_code(code: &str) -> String {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_to_ascii() {
        assert_eq!(slugify("Đăng ký khai sinh"), "dang-ky-khai-sinh");
        assert_eq!(
            slugify("Cấp Giấy phép xây dựng (cấp lại) – nhà ở"),
            "cap-giay-phep-xay-dung-cap-lai-nha-o"
        );
        assert_eq!(short_code("1.001193"), "1001193");
    }

    #[test]
    fn long_names_are_cut_between_words() {
        let s = slugify(&"thủ tục ".repeat(30));
        assert!(s.len() <= MAX_LEN && !s.ends_with('-'));
    }
}
