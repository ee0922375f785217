//! The JavaScript client's weight: it is on every search page's critical path.

use std::io::Write;

/// The client's budget on the wire (issue 3): 10 KB gzip-compressed.
const CLIENT_GZIP_BYTES: usize = 10 * 1024;

#[test]
fn the_search_client_is_at_most_10_kb_compressed() {
    let script = motcua_search::CLIENT_JS.as_bytes();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(script).unwrap();
    let size = gz.finish().unwrap().len();
    assert!(
        size <= CLIENT_GZIP_BYTES,
        "js/search.js is {size} bytes gzip-compressed, over {CLIENT_GZIP_BYTES}"
    );
}
