//! The lists of common terms, cut by document range: such a list is fetched one range at a time,
//! so a query reads only the ranges that can still hold its best results (§6 of
//! `format.md` says how a client decides).

use std::collections::{BTreeMap, BTreeSet};

use tantivy::DocId;

use super::encode::{doc_list, write_varint};
use crate::export::{Exported, Postings, tf_part};

/// Documents cut into ranges of equal size.
pub struct Ranges {
    pub size: u32,
    num_docs: u32,
    /// Averages of the fields' lengths, for a posting's score.
    averages: Vec<f32>,
}

impl Ranges {
    /// Ranges of N / 16 documents rounded up to a power of two, from 8 to 4096.
    pub fn new(exported: &Exported) -> Ranges {
        let n = exported.num_docs.max(1);
        let size = n.div_ceil(16).next_power_of_two().clamp(8, 4096) as u32;
        let averages = exported
            .fields
            .iter()
            .map(|f| f.total_num_tokens as f32 / n as f32)
            .collect();
        Ranges {
            size,
            num_docs: exported.num_docs as u32,
            averages,
        }
    }

    /// How many ranges the documents make.
    pub fn count(&self) -> u32 {
        self.num_docs.div_ceil(self.size)
    }

    /// Which lists of an entry are split: those with more than a quarter of a range's postings.
    /// Splitting lists any shorter costs more than it saves: a whole list is known exactly from
    /// its shard, while a split one only bounds its ranges, and loose bounds make a query read
    /// more ranges.
    pub fn split(&self, lists: &[(usize, Postings)]) -> Vec<bool> {
        let above = self.size as usize / 4;
        lists.iter().map(|(_, p)| p.len() > above).collect()
    }

    /// The postings of each range that holds some, in range order.
    pub fn cut<'a>(&self, postings: Postings<'a>) -> Vec<(u32, Postings<'a>)> {
        postings
            .chunk_by(|a, b| a.0 / self.size == b.0 / self.size)
            .map(|part| (part[0].0 / self.size, part))
            .collect()
    }

    /// The class (tf, fieldnorm id) of the posting that scores best, by BM25's tf part.
    pub fn best(&self, postings: Postings, field: usize, exported: &Exported) -> (u32, u8) {
        let norms = &exported.fields[field].fieldnorm_ids;
        let part =
            |&(doc, tf): &(DocId, u32)| tf_part(tf, norms[doc as usize], self.averages[field]);
        let best = postings
            .iter()
            .max_by(|a, b| part(a).total_cmp(&part(b)))
            .expect("a range holds postings");
        (best.1, norms[best.0 as usize])
    }

    /// An entry's range files: per range, for each split list in order, its postings there in
    /// classes of equal term frequency. Their fieldnorm ids are in the range's norms file.
    pub fn files(&self, lists: &[(usize, Postings)], split: &[bool]) -> Vec<(u32, Vec<u8>)> {
        let parts: Vec<Vec<(u32, Postings)>> = lists
            .iter()
            .zip(split)
            .filter(|(_, s)| **s)
            .map(|(&(_, postings), _)| self.cut(postings))
            .collect();
        let all: BTreeSet<u32> = parts.iter().flatten().map(|x| x.0).collect();
        all.into_iter()
            .map(|k| {
                let mut file = Vec::new();
                for by_range in &parts {
                    let here = by_range.iter().find(|x| x.0 == k).map_or(&[][..], |x| x.1);
                    encode_by_tf(&mut file, here);
                }
                (k, file)
            })
            .collect()
    }

    /// The fieldnorm ids of range `k`'s documents, one byte each, field after field in
    /// the index's order. A query's common terms share most of their
    /// documents and fields, so their norms are fetched once per range instead of once per term
    /// (they were two thirds of the range files' bytes). One file for all fields costs a little
    /// more than a file per field, but a range is then read with one request less per field.
    pub fn norms(&self, k: u32, exported: &Exported) -> Vec<u8> {
        let start = (k * self.size) as usize;
        let end = (start + self.size as usize).min(self.num_docs as usize);
        exported
            .fields
            .iter()
            .flat_map(|f| &f.fieldnorm_ids[start..end])
            .copied()
            .collect()
    }
}

/// `varint class_count`, then per term frequency (ascending) `varint tf, doc list`.
fn encode_by_tf(out: &mut Vec<u8>, postings: Postings) {
    let mut classes: BTreeMap<u32, Vec<DocId>> = BTreeMap::new();
    for &(doc, tf) in postings {
        classes.entry(tf).or_default().push(doc);
    }
    write_varint(out, classes.len() as u64);
    for (tf, docs) in classes {
        write_varint(out, u64::from(tf));
        out.extend(doc_list(&docs));
    }
}
