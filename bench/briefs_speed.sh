#!/usr/bin/env bash
# Brief speed beside sumy's LexRank, in the same run: the first 50 clusters of DUC 2003 tasks 2
# and 4 (10 articles each), briefed by newsfold (`newsfold-eval briefs --limit 50`: the whole of
# `newsfold brief --one-story` per cluster, reading, cleaning and reuse included) and summarized
# by sumy's LexRankSummarizer (its ranking call only: bench/lexrank_peer.py). Prints both times
# and the ratio, BENCH_REPEAT times (default 3), then the median ratio. sumy and its
# dependencies (pinned below) are pip-installed into target/bench-venv. Run from anywhere:
#
#     bench/briefs_speed.sh [CORPORA]     # default ../shared/corpora
#
# Environment: RAYON_NUM_THREADS (default 2) the threads.
set -euo pipefail

# Current on PyPI when this script was written (pip index versions); numpy and nltk as
# bench/rouge_check.sh pins them, in the same venv.
PINS=("sumy==0.13.0" "numpy==2.4.6" "nltk==3.10.4" "docopt-ng==0.9.0" "breadability==0.1.21"
    "pycountry==26.2.16" "requests==2.34.2" "lxml==6.2.0")

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
CORPORA=${1:-../shared/corpora}
export RAYON_NUM_THREADS=${RAYON_NUM_THREADS:-2}
REPEAT=${BENCH_REPEAT:-3}
source bench/venv.sh
ensure_venv sumy.summarizers.lex_rank,numpy "${PINS[@]}"
cargo build --release --locked -q -p newsfold-eval

dirs=("$CORPORA/duc2003-task2" "$CORPORA/duc2003-task4")
ratios=()
for round in $(seq "$REPEAT"); do
    ours=$(target/release/newsfold-eval briefs "${dirs[@]}" --limit 50 |
        sed -n 's/^newsfold briefed \([0-9]*\) clusters .* in \([0-9.]*\) s.*/\1 \2/p')
    theirs=$("$VPY" bench/lexrank_peer.py --limit 50 "${dirs[@]}" |
        sed -n 's/^sumy LexRank summarized \([0-9]*\) clusters in \([0-9.]*\) s/\1 \2/p')
    read -r n_ours s_ours <<<"$ours"
    read -r n_theirs s_theirs <<<"$theirs"
    ratio=$(python3 -c "print(f'{$s_theirs / $s_ours:.1f}')")
    ratios+=("$ratio")
    echo "round $round: newsfold $n_ours clusters in $s_ours s, sumy LexRank $n_theirs in $s_theirs s: newsfold ${ratio}x faster"
done
printf '%s\n' "${ratios[@]}" | python3 -c 'import statistics, sys
r = [float(l) for l in sys.stdin if l.strip()]
print(f"median of {len(r)}: newsfold {statistics.median(r):.1f}x faster than sumy LexRank")'
