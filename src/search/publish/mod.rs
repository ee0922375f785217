//! The static search files: the exported index cut into small compressed files that a browser
//! fetches only as a query needs them (docs/search-format.md §6 is the format).
//!
//! Everything here is a pure function of the catalog and its index; `site::build` writes the
//! files. Data files go into a folder named after a hash of their bytes, so a host may let
//! browsers cache them forever; only `manifest.json`, which names the folder, changes in place.

mod encode;
mod ranges;
mod shards;

use serde_json::{Value, json};
use tantivy::DocId;
use tantivy::fieldnorm::FieldNormReader;

use encode::{compress, doc_list, write_varint};
use ranges::Ranges;

use super::document::Entry;
use super::export::{Exported, PREFIX_BOOST, PREFIX_MAX_TERMS, PREFIX_MIN_CHARS};
use super::index::{FIELDS, SearchIndex};
use super::tokenize::{self, Stream};
use crate::catalog::Catalog;
use crate::catalog::routes::SEARCH;
use crate::model::{OnlineLevel, Status};

/// The format's version, in the manifest; a client refuses others.
pub const FORMAT: u32 = 2;
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
    let (shards, range_files) = shards::term_shards(exported, &ranges);
    let keys: Vec<String> = shards::separators(&shards);
    for (id, k, bytes) in range_files {
        data.push((format!("p/{id}/{k}.bin"), compress(&bytes)));
    }
    for k in 0..ranges.count() {
        data.push((format!("n/{k}.bin"), compress(&ranges.norms(k, exported))));
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
