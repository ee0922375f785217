#!/bin/sh
# Figures of the static search on generated corpora (a benchmark, not a test):
#
#   bench/search_figures.sh /tmp/bench/n2000/site /tmp/bench/n20000/site …
#
# For each site: a release build into /dev/shm/sc-<name> (its time and peak memory from
# /usr/bin/time), the bytes of the search files on disk, the bytes a first query fetches
# (bench/search_probe.mjs) and the query time in Chromium (bench/search_chromium.mjs), for
# "dang ky khai sinh" and "giấy phép xây dựng". One JSON line per measurement on stdout.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin="$here/../target/release/motcua"
for site in "$@"; do
  name=$(basename "$(dirname "$site")")
  out="/dev/shm/sc-$name"
  /usr/bin/time -f '{"size":"'"$name"'","build_s":%e,"build_peak_kib":%M}' \
    "$bin" build --root "$site" --out "$out" 2>&1 >/dev/null | tail -1
  echo "{\"size\":\"$name\",\"search_bytes\":$(du -sb "$out/tim-kiem" | cut -f1),\"search_files\":$(find "$out/tim-kiem" -type f | wc -l)}"
  for q in "dang ky khai sinh" "giấy phép xây dựng"; do
    node "$here/search_probe.mjs" "$out" "$q" | node -e '
      const d = JSON.parse(require("fs").readFileSync(0, "utf8")); delete d.files;
      console.log(JSON.stringify({ size: process.argv[1], ...d }));' "$name"
  done
  node "$here/search_chromium.mjs" "$out" "dang ky khai sinh" "giấy phép xây dựng"
done
