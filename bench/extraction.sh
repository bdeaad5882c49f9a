#!/usr/bin/env bash
# Extraction speed and quality of newsfold beside Python trafilatura, on the same pages in one run.
#
# This checks the acceptance line "at least 300 pages/s from HTML to article on 2 cores, release
# build", and prints how that compares with Python trafilatura. It builds newsfold-eval (release),
# runs `newsfold-eval extraction CORPUS_DIR --rounds 5` on 2 threads, then times Python
# trafilatura (pinned below, installed with pip into target/bench-venv, reused on later runs) on
# the same pages, in one process and on a pool of 2 processes, best of 3 rounds, scored with the
# same metric (bench/extraction_peers.py). It prints one table, the speed ratios and the quality
# comparison, and exits non-zero if any step fails. Only pip's registry is contacted, only when
# the venv lacks the pinned trafilatura. Run from anywhere:
#
#     bench/extraction.sh [CORPUS_DIR]     # default: ../shared/corpora/extraction-dev
#
# Environment: BENCH_THREADS (default 2) sets the Rust threads and the Python processes;
# PYTHON (default python3) is the interpreter the venv is made from.
set -euo pipefail

# Current on PyPI when this script was written (pip index versions). jusText, which trafilatura
# imports, needs lxml.html.clean, a separate package since lxml 5.2; lxml 6.1.3 no longer offers
# the lxml[html_clean] extra that would pull it in, so it is listed here.
TRAFILATURA_VERSION=2.3.1
PINS=("trafilatura==$TRAFILATURA_VERSION" "lxml==6.1.3" "lxml_html_clean==0.4.6")
THREADS=${BENCH_THREADS:-2}
PYTHON=${PYTHON:-python3}

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

CORPUS=${1:-../shared/corpora/extraction-dev}
if [[ ! -d $CORPUS || ! -f $CORPUS/ground-truth.json || ! -d $CORPUS/html ]]; then
    echo "error: corpus folder '$CORPUS' (relative to $ROOT) is missing or lacks ground-truth.json and html/" >&2
    exit 1
fi

# 1. The venv with the pinned trafilatura (created or repaired only when needed).
source bench/venv.sh
ensure_venv trafilatura "${PINS[@]}"

# 2. newsfold, release build, on THREADS threads.
cargo build --release -p newsfold-eval
TABLE=$(mktemp)
trap 'rm -f "$TABLE"' EXIT
RAYON_NUM_THREADS=$THREADS target/release/newsfold-eval extraction "$CORPUS" --rounds 5 >"$TABLE"

# 3. Python trafilatura on the same pages, then the combined table.
echo
echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "cores (nproc): $(nproc); benchmark threads/processes: $THREADS; load average before the Python runs: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
echo "python: $("$VPY" -c 'import platform; print(platform.python_version())'), trafilatura $("$VPY" -c 'import trafilatura; print(trafilatura.__version__)'), lxml $("$VPY" -c 'import lxml.etree as e; print(".".join(map(str, e.LXML_VERSION)))')"
echo
"$VPY" bench/extraction_peers.py "$CORPUS" --newsfold-table "$TABLE" --rounds 3 --processes "$THREADS"
