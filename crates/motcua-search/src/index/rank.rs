//! The order of the results: by score, with a superseded document moved just below its
//! replacement when both are found (the rule of [`super`]'s documentation).

use std::collections::HashMap;

use tantivy::DocId;

/// What ranking knows of an indexed document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DocInfo {
    /// Its position in the list the index was built from.
    pub(crate) document: usize,
    pub(crate) superseded: bool,
    /// The doc id of the replacing document.
    pub(crate) replaced_by: Option<DocId>,
}

/// One result: the tantivy doc id, the document's position in the list the index was built
/// from, and its BM25 score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub doc: DocId,
    pub document: usize,
    pub score: f32,
}

/// Orders hits by the rule of the module documentation; `docs` is every document by doc id.
pub(crate) fn rank(docs: &[DocInfo], hits: Vec<Hit>) -> Vec<Hit> {
    let score: HashMap<DocId, f32> = hits.iter().map(|h| (h.doc, h.score)).collect();
    let mut keyed: Vec<((f32, DocId, usize), Hit)> = hits
        .into_iter()
        .map(|hit| {
            let (mut anchor, mut depth) = (hit.doc, 0);
            while let Some(next) = docs[anchor as usize]
                .replaced_by
                .filter(|n| docs[anchor as usize].superseded && score.contains_key(n))
            {
                // Replacement chains are short and acyclic (validation checks them); the bound
                // only guards against looping forever on a bad catalog.
                if depth > docs.len() {
                    break;
                }
                anchor = next;
                depth += 1;
            }
            ((score[&anchor], anchor, depth), hit)
        })
        .collect();
    keyed.sort_by(|(a, x), (b, y)| {
        b.0.total_cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(y.score.total_cmp(&x.score))
            .then(x.doc.cmp(&y.doc))
    });
    keyed.into_iter().map(|(_, hit)| hit).collect()
}
