//! Text as editors save it, made uniform before anything parses it: no BOM, LF line ends, NFC.

use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

/// Strips a UTF-8 BOM, turns CRLF and lone CR into LF, and normalises to NFC, so that an NFD
/// "Đăng ký" saved by one editor is the same key, id and search term as another's NFC one.
pub fn normalize(raw: &str) -> String {
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    };
    match is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_crlf() {
        assert_eq!(normalize("\u{feff}a: 1\r\nb: 2\r\n"), "a: 1\nb: 2\n");
    }

    #[test]
    fn composes_nfd() {
        let nfd: String = "Đăng ký khai sinh".nfd().collect();
        assert_ne!(nfd, "Đăng ký khai sinh");
        assert_eq!(normalize(&nfd), "Đăng ký khai sinh");
    }
}
