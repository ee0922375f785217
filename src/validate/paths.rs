//! Addresses editors type: web links and paths to files under content/.

use crate::limits::QR_TEXT;
use crate::load::Sources;

/// Links must be absolute http(s): anything else (`javascript:`, `file:`, a bare word) is either
/// unsafe or broken on the published site.
pub fn check_url(url: &str) -> Result<(), String> {
    match url::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        Ok(u) => Err(format!(
            "`{url}` must be an http:// or https:// address, not `{}:`",
            u.scheme()
        )),
        Err(_) => Err(format!(
            "`{url}` is not a web address; write it in full, starting with https://"
        )),
    }
}

/// An address printed as a QR code on the leaflets must stay short enough to scan.
pub fn check_qr_text(text: &str) -> Result<(), String> {
    if text.len() <= QR_TEXT {
        return Ok(());
    }
    Err(format!(
        "this address makes QR codes of up to {} bytes on the leaflets, more than the {QR_TEXT} that stay readable when printed",
        text.len()
    ))
}

/// An e-mail address for a `mailto:` link: one `@`, a plain local part and a domain with a dot.
/// Anything else would make a broken link, or one that is not an e-mail address at all.
pub fn check_email(email: &str) -> Result<(), String> {
    let local_ok = |l: &str| {
        !l.is_empty()
            && l.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+=?^_`{|}~-".contains(c))
    };
    let domain_ok = |d: &str| {
        d.contains('.')
            && d.split('.').all(|label| {
                !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
    };
    match email.split_once('@') {
        Some((local, domain)) if local_ok(local) && domain_ok(domain) => Ok(()),
        _ => Err(format!(
            "`{email}` is not an e-mail address such as motcua@tinh.gov.vn"
        )),
    }
}

/// A telephone number for a `tel:` link: digits, spaces and `+ . - ( )`, one number of 3 to 15
/// digits (E.164 allows no more).
pub fn check_phone(phone: &str) -> Result<(), String> {
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +.-()".contains(c));
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if allowed && (3..=15).contains(&digits) {
        Ok(())
    } else {
        Err(format!(
            "`{phone}` is not a telephone number such as 0200 3 800 800: one number, of digits, spaces and + . - ( )"
        ))
    }
}

/// A path under content/ (e.g. `forms/to-khai.docx`) must stay inside it and name a file there.
pub fn check_content_path(path: &str, sources: &Sources) -> Result<(), String> {
    let escapes = path.starts_with('/')
        || path.contains('\\')
        || path.contains(':')
        || path
            .split('/')
            .any(|seg| seg == ".." || seg == "." || seg.is_empty());
    if escapes {
        return Err(format!(
            "`{path}` must be a plain path inside content/, such as forms/to-khai.docx (no `..`, no leading `/`)"
        ));
    }
    if !sources.files.contains_key(path) {
        let hint = crate::diagnostics::did_you_mean(path, sources.files.keys().map(String::as_str))
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return Err(format!("there is no file content/{path}{hint}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_full_web_addresses_pass() {
        assert!(check_url("https://dichvucong.gov.vn/p?x=1").is_ok());
        assert!(
            check_url("javascript:alert(1)")
                .unwrap_err()
                .contains("javascript:")
        );
        assert!(check_url("dichvucong.gov.vn").is_err());
        assert!(check_url("ftp://a.b/").is_err());
    }

    #[test]
    fn e_mail_addresses_and_telephone_numbers_make_working_links() {
        assert!(check_email("motcua@thutuc.example.gov.vn").is_ok());
        assert!(check_email("so.tu-phap+1@tinh.vn").is_ok());
        for bad in [
            "javascript:alert(1)",
            "a@b",
            "@tinh.vn",
            "a b@tinh.vn",
            "a@tinh..vn",
            "x\"@a.vn",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
        assert!(check_phone("0200 3 800 800").is_ok());
        assert!(check_phone("+84 (200) 3.800-800").is_ok());
        assert!(check_phone("1022").is_ok());
        for bad in [
            "javascript:alert(1)",
            "12",
            "0912 345 678 / 0913 222 333",
            "gọi 113",
        ] {
            assert!(check_phone(bad).is_err(), "{bad}");
        }
    }
}
