#!/bin/sh
# Lighthouse on mobile settings, one page of each type of the example site (a benchmark, not a
# test: it prints a table of scores; the issue asks for at least 95 in every category):
#
#   bench/lighthouse.sh [site-root]        (default: the repository's example site)
#
# PORT (default 18765) is the port served on; MOTCUA_BIN a release binary to use instead of
# building one; RUNS=n runs each page n times and keeps the median (bench/lighthouse.mjs).
#
# Installs Lighthouse into a throwaway npm prefix (12.2.3: the last that runs on Node 20),
# builds the site with the release binary and serves it with `motcua serve` on 127.0.0.1, then
# runs bench/lighthouse.mjs in Debian's Chromium (CHROMIUM, else /usr/bin/chromium), headless.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=${1:-"$here/.."}
work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

npm install --silent --no-audit --no-fund --prefix "$work/lh" lighthouse@12.2.3 >/dev/null
bin=${MOTCUA_BIN:-}
if [ -z "$bin" ]; then
  (cd "$here/.." && cargo build --release --quiet)
  bin="$here/../target/release/motcua"
fi
port=${PORT:-18765}
"$bin" serve --root "$root" --port "$port" --out "$work/site" >"$work/serve.log" 2>&1 &
server=$!
# Wait until the first build is served.
i=0
until curl -sf "http://127.0.0.1:$port/" >/dev/null 2>&1; do
  i=$((i + 1))
  [ "$i" -gt 600 ] && { cat "$work/serve.log"; exit 1; }
  sleep 0.2
done
echo "lighthouse 12.2.3, $(${CHROMIUM:-/usr/bin/chromium} --version 2>/dev/null | tail -n 1), $(uptime)"
node "$here/lighthouse.mjs" "$work/lh" "$work/site" "http://127.0.0.1:$port/"
