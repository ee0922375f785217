//! "Did you mean …?": the likely intended word for a misspelt key, id, code or path.

/// The closest candidate to a misspelt word, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    given: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(given, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_finds_the_closest_word() {
        let keys = ["name", "summary", "fee", "field"];
        assert_eq!(did_you_mean("nmae", keys), Some("name"));
        assert_eq!(did_you_mean("fees", keys), Some("fee"));
    }

    #[test]
    fn an_unrelated_word_suggests_nothing() {
        assert_eq!(did_you_mean("xyz", ["name", "summary"]), None);
        assert_eq!(did_you_mean("name", []), None);
    }
}
