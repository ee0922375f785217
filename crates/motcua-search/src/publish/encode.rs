//! The byte-level pieces every search file is made of: varints, doc lists and zlib.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use tantivy::DocId;

/// A count, then ascending doc ids as gaps (the first from 0).
pub fn doc_list(docs: &[DocId]) -> Vec<u8> {
    let mut out = Vec::with_capacity(docs.len() + 2);
    write_varint(&mut out, docs.len() as u64);
    let mut previous = 0;
    for &doc in docs {
        write_varint(&mut out, u64::from(doc - previous));
        previous = doc;
    }
    out
}

/// Unsigned LEB128: 7 bits a byte, low bits first.
pub fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A varint at the start of `bytes` and how many bytes it took.
#[cfg(test)]
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

pub fn compress(bytes: &[u8]) -> Vec<u8> {
    let mut enc = ZlibEncoder::new(Vec::new(), Compression::best());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        for v in [0u64, 1, 127, 128, 300, 1 << 20, u64::from(u32::MAX)] {
            let mut out = Vec::new();
            write_varint(&mut out, v);
            assert_eq!(read_varint(&out), (v, out.len()));
        }
    }
}
