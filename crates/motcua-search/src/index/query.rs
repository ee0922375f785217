//! A query's clauses: which terms it asks of which fields, in the documented order.

use super::fields::FIELDS;
use crate::tokenize::{self, Stream, Word};

/// The query's clauses (field index into [`FIELDS`], term), in the order of the module
/// documentation of [`super`].
pub(crate) fn clauses(query: &str) -> Vec<(usize, String)> {
    let words = tokenize::words(query);
    let folded = unique(words.iter().flat_map(Word::folded_terms));
    let pairs = unique(
        words
            .windows(2)
            .map(|w| format!("{} {}", w[0].folded, w[1].folded)),
    );
    let accented = unique(
        words
            .iter()
            .filter(|w| w.has_diacritics())
            .map(|w| w.accented.clone()),
    );
    let mut clauses = Vec::new();
    let mut add = |stream: Stream, terms: &[String]| {
        for term in terms {
            for (i, spec) in FIELDS.iter().enumerate() {
                if spec.stream == stream {
                    clauses.push((i, term.clone()));
                }
            }
        }
    };
    add(Stream::Folded, &folded);
    add(Stream::Pairs, &pairs);
    add(Stream::Accented, &accented);
    clauses
}

/// Items without repeats, in order of first appearance.
fn unique(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items.filter(|t| seen.insert(t.clone())).collect()
}
