#!/usr/bin/env bash
# Checks newsfold-eval's ROUGE against Google's rouge-score (the reference implementation in
# Python) on the same texts: the briefs of newsfold and LexRank on DUC 2003 tasks 2 and 4 and on
# the held-out MultiLing 2011 English clusters, each with its human summaries. Both cut every
# text to its first 100 words; rouge-score runs with use_stemmer=True (NLTK's Porter stemmer,
# tokens longer than three characters). Prints, per corpus and system, both means and the
# largest difference on any one summary, and exits non-zero when a difference exceeds 0.001
# (0.1 ROUGE point). rouge-score and its dependencies (pinned below) are pip-installed into
# target/bench-venv. Run from anywhere:
#
#     bench/rouge_check.sh [CORPORA]     # default ../shared/corpora
set -euo pipefail

# Current on PyPI when this script was written (pip index versions).
PINS=("rouge-score==0.1.2" "nltk==3.10.4" "absl-py==2.5.1" "numpy==2.4.6" "six==1.17.0")

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
CORPORA=${1:-../shared/corpora}
source bench/venv.sh
ensure_venv rouge_score "${PINS[@]}"

cargo build --release -p newsfold-eval
DUMP=$(mktemp)
trap 'rm -f "$DUMP"' EXIT
target/release/newsfold-eval briefs --dump "$DUMP" \
    "$CORPORA/duc2003-task2" "$CORPORA/duc2003-task4" "$CORPORA/multiling2011/english"
echo
"$VPY" bench/rouge_check.py "$DUMP"
