//! The static search files: the exported index cut into small compressed files that a browser
//! fetches only as a query needs them (docs/search-format.md §6 is the format).
//!
//! Everything here is a pure function of the catalog and its index; `site::build` writes the
//! files. Data files go into a folder named after a hash of their bytes, so a host may let
//! browsers cache them forever; only `manifest.json`, which names the folder, changes in place.

use std::collections::BTreeMap;
use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use serde_json::{Value, json};
use tantivy::DocId;
use tantivy::fieldnorm::FieldNormReader;

use super::document::Entry;
use super::export::{Exported, PREFIX_BOOST, PREFIX_MAX_TERMS, PREFIX_MIN_CHARS};
use super::index::{FIELDS, SearchIndex};
use super::tokenize::{self, Stream};
use crate::catalog::Catalog;
use crate::catalog::routes::SEARCH;
use crate::model::{OnlineLevel, Status};

/// The format's version, in the manifest; a client refuses others.
pub const FORMAT: u32 = 1;
/// A term shard is cut before it would pass this many compressed bytes (a lone term may pass it).
/// Small, since a query uses a few entries of each shard it fetches and the rest is waste; the
/// estimate (a fast compressor flushed after each entry) runs about twice the final size.
pub const SHARD_BYTES: usize = 4 * 1024;
/// Display records per block file.
pub const RECORD_BLOCK: usize = 16;
/// Characters of a summary kept for display.
const SUMMARY_CHARS: usize = 160;

/// One file to publish: its site path and bytes.
pub type SearchFile = (String, Vec<u8>);

/// Indexes the catalog's published procedures and guides and makes their search files.
pub fn build(catalog: &Catalog) -> tantivy::Result<Vec<SearchFile>> {
    let index = SearchIndex::build(&super::documents(catalog))?;
    let exported = Exported::read(&index)?;
    Ok(static_files(catalog, &index, &exported))
}

/// Every search file of the site: the manifest first, then the data files.
pub fn static_files(
    catalog: &Catalog,
    index: &SearchIndex,
    exported: &Exported,
) -> Vec<SearchFile> {
    let entries: Vec<Entry> = index.docs().iter().map(|d| d.entry).collect();
    let mut data: Vec<(String, Vec<u8>)> = Vec::new();
    let ranges = Ranges::new(exported);
    let mut range_files = Vec::new();
    let shards = term_shards(exported, &ranges, &mut range_files);
    let keys: Vec<String> = separators(&shards);
    for (id, k, bytes) in range_files {
        data.push((format!("p/{id}/{k}.bin"), compress(&bytes)));
    }
    for (i, shard) in shards.iter().enumerate() {
        data.push((format!("t/{i}.bin"), compress(&shard.bytes)));
    }
    let records = records(catalog, &entries);
    let blocks = records.chunks(RECORD_BLOCK).len();
    for (i, block) in records.chunks(RECORD_BLOCK).enumerate() {
        data.push((
            format!("r/{i}.bin"),
            compress(&serde_json::to_vec(block).unwrap()),
        ));
    }
    data.push(("links.bin".into(), compress(&links(index))));
    let facets = facets(catalog, &entries);
    let mut counts = serde_json::Map::new();
    for (facet, values) in &facets {
        counts.insert((*facet).into(), json!(values.len()));
        for (i, list) in values.iter().enumerate() {
            data.push((format!("f/{facet}/{i}.bin"), compress(&doc_list(list))));
        }
    }
    let agencies: Vec<&str> = catalog
        .agencies
        .iter()
        .map(|a| a.item.name.as_str())
        .collect();
    data.push((
        "agencies.bin".into(),
        compress(&serde_json::to_vec(&agencies).unwrap()),
    ));

    let mut hasher = blake3::Hasher::new();
    for (name, bytes) in &data {
        hasher.update(name.as_bytes());
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    let folder = hasher.finalize().to_hex()[..16].to_owned();
    let manifest = json!({
        "format": FORMAT,
        "tokenizer": { "undotted_codes": tokenize::folded("1.2") == ["1.2", "12"] },
        "docs": exported.num_docs,
        "fields": FIELDS.iter().zip(&exported.fields).map(|(spec, f)| json!({
            "name": spec.name,
            "stream": stream_name(spec.stream),
            "boost": spec.boost,
            "tokens": f.total_num_tokens,
        })).collect::<Vec<_>>(),
        "fieldnorms": (0..=255u8).map(FieldNormReader::id_to_fieldnorm).collect::<Vec<_>>(),
        "prefix": { "min_chars": PREFIX_MIN_CHARS, "max_terms": PREFIX_MAX_TERMS, "boost": PREFIX_BOOST },
        "data": format!("{folder}/"),
        "shards": keys,
        "records": { "block": RECORD_BLOCK, "blocks": blocks },
        "ranges": { "size": ranges.size },
        "facets": Value::Object(counts),
    });
    let mut files = vec![(
        format!("{SEARCH}manifest.json"),
        serde_json::to_vec(&manifest).unwrap(),
    )];
    files.extend(
        data.into_iter()
            .map(|(name, bytes)| (format!("{SEARCH}{folder}/{name}"), bytes)),
    );
    files
}

fn stream_name(stream: Stream) -> &'static str {
    match stream {
        Stream::Folded => "folded",
        Stream::Accented => "accented",
        Stream::Pairs => "pairs",
    }
}

/// The key a term is filed under: the term itself, or for a pair a space and the pair, so that
/// all pairs sort before all words and a prefix range of words holds no pairs.
pub fn key(stream: Stream, term: &str) -> String {
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

/// A shard: its first key and its entries, encoded, not yet compressed.
struct Shard {
    first: String,
    bytes: Vec<u8>,
}

/// Cuts the keys, in byte order, into shards of at most [`SHARD_BYTES`] compressed. The size is
/// measured with a flushed compressor as entries are added, which overestimates a little.
fn term_shards(
    exported: &Exported,
    ranges: &Ranges,
    range_files: &mut Vec<(usize, u32, Vec<u8>)>,
) -> Vec<Shard> {
    let mut shards = Vec::new();
    let mut current: Option<(Shard, ZlibEncoder<Vec<u8>>)> = None;
    let mut next_file = 0;
    for (key, lists) in entries(exported) {
        let mut bytes = Vec::new();
        let split = ranges.split(&lists);
        write_varint(&mut bytes, key.len() as u64);
        bytes.extend_from_slice(key.as_bytes());
        if split.iter().any(|&s| s) {
            write_varint(&mut bytes, next_file as u64 + 1);
            for (k, file) in ranges.files(&lists, &split, exported) {
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
            if enc.get_ref().len() <= SHARD_BYTES {
                shard.bytes.extend_from_slice(&bytes);
                continue;
            }
            shards.push(current.take().unwrap().0);
        }
        let mut enc = ZlibEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(&bytes).unwrap();
        enc.flush().unwrap();
        current = Some((Shard { first: key, bytes }, enc));
    }
    shards.extend(current.map(|c| c.0));
    shards
}

/// The shortest key that separates each shard from the one before: what the manifest lists.
fn separators(shards: &[Shard]) -> Vec<String> {
    let mut out = Vec::with_capacity(shards.len());
    let mut previous_last: Option<String> = None;
    for (i, shard) in shards.iter().enumerate() {
        let key = match &previous_last {
            None => String::new(),
            Some(last) => shortest_above(last, &shard.first),
        };
        out.push(key);
        previous_last = shards.get(i + 1).map(|_| last_key(&shard.bytes));
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

fn last_key(bytes: &[u8]) -> String {
    let mut at = 0;
    let mut last = String::new();
    while at < bytes.len() {
        let (len, n) = read_varint(&bytes[at..]);
        at += n;
        last = String::from_utf8(bytes[at..at + len as usize].to_vec()).unwrap();
        at += len as usize;
        at += read_varint(&bytes[at..]).1;
        at = skip_lists(bytes, at);
    }
    last
}

fn skip_lists(bytes: &[u8], mut at: usize) -> usize {
    let varint = |at: &mut usize| {
        let (v, n) = read_varint(&bytes[*at..]);
        *at += n;
        v
    };
    for _ in 0..varint(&mut at) {
        let field = bytes[at];
        at += 1;
        for _ in 0..varint(&mut at) {
            if field & 0x80 != 0 {
                varint(&mut at);
                varint(&mut at);
                varint(&mut at);
                at += 1;
                continue;
            }
            varint(&mut at);
            at += 1;
            for _ in 0..varint(&mut at) {
                varint(&mut at);
            }
        }
    }
    at
}

type Postings<'a> = &'a [(DocId, u32)];
/// Each key's lists: (field index, postings), fields in [`FIELDS`] order.
type Entries<'a> = BTreeMap<String, Vec<(usize, Postings<'a>)>>;

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

/// Documents cut into ranges of equal size, for the lists of common terms: such a list is fetched
/// one range at a time, so a query reads only the ranges that can still hold its best results.
struct Ranges {
    size: u32,
    /// Averages of the fields' lengths, for a class's score.
    averages: Vec<f32>,
}

impl Ranges {
    /// Ranges of N / 16 documents rounded up to a power of two, from 8 to 4096; a list is split
    /// when it has more than a quarter of a range's postings.
    fn new(exported: &Exported) -> Ranges {
        let n = exported.num_docs.max(1);
        let size = n.div_ceil(16).next_power_of_two().clamp(8, 4096) as u32;
        let averages = exported
            .fields
            .iter()
            .map(|f| f.total_num_tokens as f32 / n as f32)
            .collect();
        Ranges { size, averages }
    }

    fn split(&self, lists: &[(usize, Postings)]) -> Vec<bool> {
        let above = self.size as usize / 4;
        lists.iter().map(|(_, p)| p.len() > above).collect()
    }

    /// The postings of each range that holds some, in range order.
    fn cut<'a>(&self, postings: Postings<'a>) -> Vec<(u32, Postings<'a>)> {
        postings
            .chunk_by(|a, b| a.0 / self.size == b.0 / self.size)
            .map(|part| (part[0].0 / self.size, part))
            .collect()
    }

    /// The class (tf, fieldnorm id) of the posting that scores best, as BM25's tf part in f32.
    fn best(&self, postings: Postings, field: usize, exported: &Exported) -> (u32, u8) {
        let norms = &exported.fields[field].fieldnorm_ids;
        let part = |&(doc, tf): &(DocId, u32)| {
            let fieldnorm = FieldNormReader::id_to_fieldnorm(norms[doc as usize]) as f32;
            let norm = 1.2f32 * (0.25 + 0.75 * fieldnorm / self.averages[field]);
            tf as f32 / (tf as f32 + norm)
        };
        let best = postings
            .iter()
            .max_by(|a, b| part(a).total_cmp(&part(b)))
            .expect("a range holds postings");
        (best.1, norms[best.0 as usize])
    }

    /// An entry's range files: per range, for each split list in order, its classes there.
    fn files(
        &self,
        lists: &[(usize, Postings)],
        split: &[bool],
        exported: &Exported,
    ) -> Vec<(u32, Vec<u8>)> {
        let mut files: BTreeMap<u32, Vec<u8>> = BTreeMap::new();
        let parts: Vec<(usize, Vec<(u32, Postings)>)> = lists
            .iter()
            .zip(split)
            .filter(|(_, s)| **s)
            .map(|(&(field, postings), _)| (field, self.cut(postings)))
            .collect();
        let all: std::collections::BTreeSet<u32> = parts
            .iter()
            .flat_map(|(_, p)| p.iter().map(|x| x.0))
            .collect();
        for k in all {
            let file = files.entry(k).or_default();
            for (field, by_range) in &parts {
                let here = by_range.iter().find(|x| x.0 == k).map_or(&[][..], |x| x.1);
                encode_classes(file, here, exported, *field);
            }
        }
        files.into_iter().collect()
    }
}

/// A count, then ascending doc ids as gaps (the first from 0).
fn doc_list(docs: &[DocId]) -> Vec<u8> {
    let mut out = Vec::with_capacity(docs.len() + 2);
    write_varint(&mut out, docs.len() as u64);
    let mut previous = 0;
    for &doc in docs {
        write_varint(&mut out, u64::from(doc - previous));
        previous = doc;
    }
    out
}

fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_varint(bytes: &[u8]) -> (u64, usize) {
    let mut v = 0u64;
    for (i, &b) in bytes.iter().enumerate() {
        v |= u64::from(b & 0x7f) << (7 * i);
        if b < 0x80 {
            return (v, i + 1);
        }
    }
    (v, bytes.len())
}

fn compress(bytes: &[u8]) -> Vec<u8> {
    let mut enc = ZlibEncoder::new(Vec::new(), Compression::best());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// What a result shows, by doc id: `[title, code, path, summary, status, online]`; status 0 in
/// force, 1 replaced, 2 repealed; online 0 full, 1 partial, 2 not online (guides: "" and -1).
fn records(catalog: &Catalog, entries: &[Entry]) -> Vec<Value> {
    entries
        .iter()
        .map(|&entry| match entry {
            Entry::Procedure(i) => {
                let p = &catalog.procedures[i];
                let status = match p.data.status {
                    Status::HieuLuc => 0,
                    Status::ThayThe => 1,
                    Status::HetHieuLuc => 2,
                };
                let summary = short(p.data.summary.as_deref().unwrap_or_default());
                json!([
                    p.data.name,
                    p.data.code,
                    p.path,
                    summary,
                    status,
                    online(p.data.online)
                ])
            }
            Entry::Guide(i) => {
                let g = &catalog.guides[i];
                let summary = short(g.meta.summary.as_deref().unwrap_or_default());
                json!([g.meta.title, "", g.path, summary, 0, -1])
            }
        })
        .collect()
}

fn online(level: OnlineLevel) -> u8 {
    match level {
        OnlineLevel::ToanTrinh => 0,
        OnlineLevel::MotPhan => 1,
        OnlineLevel::Khong => 2,
    }
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
fn links(index: &SearchIndex) -> Vec<u8> {
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

/// Per filter, per value (its index in the catalog's list), the docs that have it.
fn facets(catalog: &Catalog, entries: &[Entry]) -> Vec<(&'static str, Vec<Vec<DocId>>)> {
    let mut field = vec![Vec::new(); catalog.fields.len()];
    let mut level = vec![Vec::new(); catalog.levels.len()];
    let mut agency = vec![Vec::new(); catalog.agencies.len()];
    let mut online_level = vec![Vec::new(); 3];
    for (doc, &entry) in entries.iter().enumerate() {
        let Entry::Procedure(i) = entry else {
            continue;
        };
        let doc = doc as DocId;
        let p = &catalog.procedures[i];
        if let Some(f) = p.field {
            field[f].push(doc);
        }
        if let Some(a) = p.agency {
            agency[a].push(doc);
        }
        for (l, group) in catalog.levels.iter().enumerate() {
            if p.data.level.contains(&group.item) {
                level[l].push(doc);
            }
        }
        online_level[usize::from(online(p.data.online))].push(doc);
    }
    vec![
        ("field", field),
        ("level", level),
        ("agency", agency),
        ("online", online_level),
    ]
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
    fn varints_round_trip() {
        for v in [0u64, 1, 127, 128, 300, 1 << 20, u64::from(u32::MAX)] {
            let mut out = Vec::new();
            write_varint(&mut out, v);
            assert_eq!(read_varint(&out), (v, out.len()));
        }
    }

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
