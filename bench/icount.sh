#!/bin/sh
# Instructions (callgrind) for one warm `normalize` pass over the damaged sample page and over
# 60 simulated damaged pages, setup subtracted. Deterministic where wall-clock time is not.
# Needs valgrind (apt-get install valgrind).
set -eu
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "bench/icount.sh: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
cargo build --release --locked --example normalize_count
bin="${CARGO_TARGET_DIR:-target}/release/examples/normalize_count"
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
base=$(count 0)
for m in s p; do
  n=$(count "$m")
  label=$([ "$m" = s ] && echo "sample page" || echo "60 simulated pages")
  echo "$label: $(( (n - base) / 1000000 )) M instructions"
done
