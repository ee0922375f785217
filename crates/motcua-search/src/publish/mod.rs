//! The static search files: the exported index cut into small compressed files that a browser
//! fetches only as a query needs them (`format.md` §6 is the format), with what the results show
//! and filter on, which the program supplies as [`SiteData`].
//!
//! Everything here is a pure function of the index and that data; the program writes the files.
//! Data files go into a folder named after a hash of their bytes, so a host may let browsers
//! cache them forever; only `manifest.json`, which names the folder, changes in place.

mod encode;
mod ranges;
mod records;
mod shards;

use serde_json::{Value, json};
use tantivy::fieldnorm::FieldNormReader;

use encode::{compress, doc_list};
use ranges::Ranges;
pub use records::{Facet, Record};

use crate::document::Document;
use crate::export::{Exported, PREFIX_BOOST, PREFIX_MAX_TERMS, PREFIX_MIN_CHARS};
use crate::index::{FIELDS, SearchIndex};
use crate::tokenize::{self, Stream};

/// The format's version, in the manifest; a client refuses others.
const FORMAT: u32 = 2;
/// Display records per block file.
const RECORD_BLOCK: usize = 16;

/// One file to publish: its site path and bytes.
pub type SearchFile = (String, Vec<u8>);

/// What the search page shows and filters on besides the index, and where the files go.
#[derive(Debug, Clone, Default)]
pub struct SiteData {
    /// The site path of the search folder, e.g. `/tim-kiem/`: the manifest is
    /// `{folder}manifest.json`.
    pub folder: String,
    /// Each document's record, by its position in the list the index was built from.
    pub records: Vec<Record>,
    /// The filters, in the order the manifest lists them.
    pub facets: Vec<Facet>,
    /// More data files for the site's own client (name inside the data folder, bytes), compressed
    /// like the others and written after them.
    pub extra: Vec<SearchFile>,
}

/// Indexes the documents and makes their search files: the manifest first, then the data files.
pub fn build(docs: &[Document], site: &SiteData) -> tantivy::Result<Vec<SearchFile>> {
    let index = SearchIndex::build(docs)?;
    let exported = Exported::read(&index)?;
    Ok(static_files(&index, &exported, site))
}

/// Every search file of an index: the manifest first, then the data files.
fn static_files(index: &SearchIndex, exported: &Exported, site: &SiteData) -> Vec<SearchFile> {
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
    let records = records::by_doc(index, &site.records);
    let blocks = records.chunks(RECORD_BLOCK).len();
    for (i, block) in records.chunks(RECORD_BLOCK).enumerate() {
        data.push((
            format!("r/{i}.bin"),
            compress(&serde_json::to_vec(block).unwrap()),
        ));
    }
    data.push(("links.bin".into(), compress(&records::links(index))));
    let mut counts = serde_json::Map::new();
    for facet in &site.facets {
        counts.insert(facet.name.clone(), json!(facet.values.len()));
        for (i, list) in records::facet_docs(index, facet).iter().enumerate() {
            let name = &facet.name;
            data.push((format!("f/{name}/{i}.bin"), compress(&doc_list(list))));
        }
    }
    for (name, bytes) in &site.extra {
        data.push((name.clone(), compress(bytes)));
    }

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
    let at = &site.folder;
    let mut files = vec![(
        format!("{at}manifest.json"),
        serde_json::to_vec(&manifest).unwrap(),
    )];
    files.extend(
        data.into_iter()
            .map(|(name, bytes)| (format!("{at}{folder}/{name}"), bytes)),
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
