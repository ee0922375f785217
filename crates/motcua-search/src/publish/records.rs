//! What a result shows (its record), the replacement links, and the filters' document lists, in
//! doc id order.

use serde_json::{Value, json};
use tantivy::DocId;

use super::encode::write_varint;
use crate::index::SearchIndex;

/// Characters of a summary kept for display.
const SUMMARY_CHARS: usize = 160;

/// What a result shows: written as `[title, code, path, summary, status, online]`.
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub title: String,
    /// Empty when the document has none.
    pub code: String,
    /// The page's address from the site root.
    pub path: String,
    /// Cut to its first 160 characters, at a space, when longer.
    pub summary: String,
    /// The site's own codes (motcua: 0 in force, 1 replaced, 2 repealed).
    pub status: i32,
    /// The site's own codes (motcua: 0 fully online, 1 partly, 2 not online, −1 a guide).
    pub online: i32,
}

/// A filter: its name and, per value, the documents that have it (by position in the list).
#[derive(Debug, Clone, Default)]
pub struct Facet {
    pub name: String,
    pub values: Vec<Vec<usize>>,
}

/// The records in doc id order, as JSON arrays.
pub(super) fn by_doc(index: &SearchIndex, records: &[Record]) -> Vec<Value> {
    index
        .docs()
        .iter()
        .map(|d| {
            let r = &records[d.document];
            json!([
                r.title,
                r.code,
                r.path,
                short(&r.summary),
                r.status,
                r.online
            ])
        })
        .collect()
}

/// Each value's doc ids, ascending.
pub(super) fn facet_docs(index: &SearchIndex, facet: &Facet) -> Vec<Vec<DocId>> {
    let mut doc_of = vec![0; index.docs().len()];
    for (id, d) in index.docs().iter().enumerate() {
        doc_of[d.document] = id as DocId;
    }
    facet
        .values
        .iter()
        .map(|documents| {
            let mut docs: Vec<DocId> = documents.iter().map(|&i| doc_of[i]).collect();
            docs.sort_unstable();
            docs
        })
        .collect()
}

/// The start of a summary, cut at a space, with an ellipsis when cut.
fn short(text: &str) -> String {
    let text: String = unicode_normalization::UnicodeNormalization::nfc(text.trim()).collect();
    if text.chars().count() <= SUMMARY_CHARS {
        return text;
    }
    let cut: String = text.chars().take(SUMMARY_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

/// Superseded documents with a replacement: (doc, replacing doc) as a count then pairs of varints,
/// the doc as a gap from the previous one.
pub(super) fn links(index: &SearchIndex) -> Vec<u8> {
    let pairs: Vec<(DocId, DocId)> = index
        .docs()
        .iter()
        .enumerate()
        .filter(|(_, d)| d.superseded)
        .filter_map(|(doc, d)| d.replaced_by.map(|r| (doc as DocId, r)))
        .collect();
    let mut out = Vec::new();
    write_varint(&mut out, pairs.len() as u64);
    let mut previous = 0;
    for (doc, replacement) in pairs {
        write_varint(&mut out, u64::from(doc - previous));
        write_varint(&mut out, u64::from(replacement));
        previous = doc;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_cut_at_a_space() {
        let long = "một hai ba ".repeat(40);
        let s = short(&long);
        assert!(
            s.ends_with('…') && s.chars().count() <= SUMMARY_CHARS + 1,
            "{s}"
        );
        assert_eq!(short(" ngắn "), "ngắn");
    }
}
