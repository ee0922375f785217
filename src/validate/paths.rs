//! Addresses editors type: web links and paths to files under content/.

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
        let hint = crate::load::did_you_mean(path, sources.files.keys().map(String::as_str))
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
}
