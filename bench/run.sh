#!/bin/sh
# `make bench`: galley against the peer chain (ftfy + OpenCC, pandoc, typst-py), one run, same
# inputs; the table goes to bench/RESULTS.md. QUICK=1 for a short run. See bench/run.py.
set -eu
cd "$(dirname "$0")/.."
exec python3 bench/run.py "$@"
