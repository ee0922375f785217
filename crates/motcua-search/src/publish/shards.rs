//! Term shards: every searchable key with its postings lists, in key order, cut into small
//! compressed files that the manifest locates by their first keys.

use std::collections::BTreeMap;
use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use tantivy::DocId;

use super::encode::{doc_list, write_varint};
use super::ranges::Ranges;
use crate::export::{Exported, Postings};
use crate::index::FIELDS;
use crate::tokenize::{self, Stream};

/// A shard of words or pairs is cut before it would pass this many compressed bytes (a lone
/// entry may pass it). Small, since a query looks up several words and pairs, each in its own
/// shard, and uses one entry of each: the rest of the shard is waste. The estimate (a fast
/// compressor flushed after each entry) runs above the final size: these shards come out at
/// about 1.5 KB.
const SHARD_BYTES: usize = 2 * 1024;
/// The same for keys that start with a digit (codes, amounts, years): there are as many codes
/// as procedures, and a query rarely holds more than one number, so their shards are bigger
/// and the manifest, which lists every shard, stays small.
const NUMBER_SHARD_BYTES: usize = 8 * 1024;

/// Each key's lists: (field index, postings), fields in [`FIELDS`] order.
type Entries<'a> = BTreeMap<String, Vec<(usize, Postings<'a>)>>;

/// A shard: its first and last keys and its entries, encoded, not yet compressed.
pub struct Shard {
    pub first: String,
    last: String,
    pub bytes: Vec<u8>,
}

/// An entry's range files: (the entry's file number, range, bytes).
pub type RangeFile = (usize, u32, Vec<u8>);

/// The key a term is filed under: the term itself, or for a pair a space and the pair, so that
/// all pairs sort before all words and a prefix range of words holds no pairs.
fn key(stream: Stream, term: &str) -> String {
    match stream {
        Stream::Pairs => format!(" {term}"),
        _ => term.to_owned(),
    }
}

/// Each key's postings lists: (field index, postings), fields in [`FIELDS`] order. Accented terms
/// equal to their folded form are left out: a query asks the accented fields only for words with
/// diacritics, so nothing can ask for them.
fn entries(exported: &Exported) -> Entries<'_> {
    let mut entries = Entries::new();
    for (i, (spec, field)) in FIELDS.iter().zip(&exported.fields).enumerate() {
        for (term, postings) in &field.terms {
            if spec.stream == Stream::Accented && tokenize::fold(term) == *term {
                continue;
            }
            entries
                .entry(key(spec.stream, term))
                .or_default()
                .push((i, postings));
        }
    }
    entries
}

/// The compressed size a shard may reach, by the kind of its keys.
fn budget(key: &str) -> usize {
    if key.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        NUMBER_SHARD_BYTES
    } else {
        SHARD_BYTES
    }
}

/// Cuts the keys, in byte order, into shards within their [`budget`], a shard holding keys of
/// one kind only. The size is measured with a flushed compressor as entries are added.
pub fn term_shards(exported: &Exported, ranges: &Ranges) -> (Vec<Shard>, Vec<RangeFile>) {
    let mut shards = Vec::new();
    let mut range_files = Vec::new();
    let mut current: Option<(Shard, ZlibEncoder<Vec<u8>>)> = None;
    let mut next_file = 0;
    for (key, lists) in entries(exported) {
        let mut bytes = Vec::new();
        let split = ranges.split(&lists);
        write_varint(&mut bytes, key.len() as u64);
        bytes.extend_from_slice(key.as_bytes());
        if split.iter().any(|&s| s) {
            write_varint(&mut bytes, next_file as u64 + 1);
            for (k, file) in ranges.files(&lists, &split) {
                range_files.push((next_file, k, file));
            }
            next_file += 1;
        } else {
            write_varint(&mut bytes, 0);
        }
        encode_lists(&mut bytes, &lists, &split, ranges, exported);
        if let Some((shard, enc)) = current.as_mut() {
            enc.write_all(&bytes).unwrap();
            enc.flush().unwrap();
            let same_kind = budget(&shard.first) == budget(&key);
            if same_kind && enc.get_ref().len() <= budget(&key) {
                shard.bytes.extend_from_slice(&bytes);
                shard.last = key;
                continue;
            }
            shards.push(current.take().unwrap().0);
        }
        let mut enc = ZlibEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(&bytes).unwrap();
        enc.flush().unwrap();
        let shard = Shard {
            last: key.clone(),
            first: key,
            bytes,
        };
        current = Some((shard, enc));
    }
    shards.extend(current.map(|c| c.0));
    (shards, range_files)
}

/// The shortest key that separates each shard from the one before: what the manifest lists.
pub fn separators(shards: &[Shard]) -> Vec<String> {
    let mut out = Vec::with_capacity(shards.len());
    let mut previous: Option<&Shard> = None;
    for shard in shards {
        out.push(previous.map_or_else(String::new, |p| shortest_above(&p.last, &shard.first)));
        previous = Some(shard);
    }
    out
}

/// The shortest prefix of `first` (on a character boundary) that sorts after `last`.
fn shortest_above(last: &str, first: &str) -> String {
    for (end, _) in first.char_indices().skip(1).chain([(first.len(), ' ')]) {
        if &first[..end] > last {
            return first[..end].to_owned();
        }
    }
    first.to_owned()
}

/// The lists of an entry: each its field and its postings grouped into classes of equal (term
/// frequency, fieldnorm id), classes in that order; a split list instead gives, per range that
/// holds postings, the range, the number of postings and the class that scores best there.
fn encode_lists(
    out: &mut Vec<u8>,
    lists: &[(usize, Postings)],
    split: &[bool],
    ranges: &Ranges,
    exported: &Exported,
) {
    write_varint(out, lists.len() as u64);
    for (&(field, postings), &split) in lists.iter().zip(split) {
        if !split {
            out.push(field as u8);
            encode_classes(out, postings, exported, field);
            continue;
        }
        out.push(field as u8 | 0x80);
        let by_range = ranges.cut(postings);
        write_varint(out, by_range.len() as u64);
        for (k, part) in by_range {
            let (tf, norm) = ranges.best(part, field, exported);
            write_varint(out, u64::from(k));
            write_varint(out, part.len() as u64);
            write_varint(out, u64::from(tf));
            out.push(norm);
        }
    }
}

fn encode_classes(out: &mut Vec<u8>, postings: Postings, exported: &Exported, field: usize) {
    let norms = &exported.fields[field].fieldnorm_ids;
    let mut classes: BTreeMap<(u32, u8), Vec<DocId>> = BTreeMap::new();
    for &(doc, tf) in postings {
        classes
            .entry((tf, norms[doc as usize]))
            .or_default()
            .push(doc);
    }
    write_varint(out, classes.len() as u64);
    for ((tf, norm), docs) in classes {
        write_varint(out, u64::from(tf));
        out.push(norm);
        out.extend(doc_list(&docs));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_short_and_keep_the_order() {
        assert_eq!(shortest_above("khai", "khang"), "khan");
        assert_eq!(shortest_above("dang", "dang ky"), "dang ");
        assert_eq!(shortest_above("a", "b"), "b");
        assert_eq!(shortest_above("ab", "abc"), "abc");
    }

    #[test]
    fn numbers_and_words_get_shards_of_their_own_size() {
        assert_eq!(budget("1.001193"), NUMBER_SHARD_BYTES);
        assert_eq!(budget(" 2024 nam"), NUMBER_SHARD_BYTES);
        assert_eq!(budget("khai"), SHARD_BYTES);
        assert_eq!(budget(" dang ky"), SHARD_BYTES);
    }
}
