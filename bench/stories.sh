#!/usr/bin/env bash
# Story clustering speed and memory at 10,000 and 100,000 generated articles (issue 5: "clusters
# 100,000 articles generated from real text in <= 60 s on 2 cores, release build; state the
# memory used, and how the time grows from 10k to 100k").
#
# Builds newsfold-eval (release), generates each corpus with `newsfold-eval generate --articles N
# --seed 1` into target/bench-reuse-N/ unless it is there already (the corpora bench/reuse.sh
# uses), and runs `newsfold-eval stories-bench` on each: reading and reuse detection first,
# untimed, then the stories stage alone (graph: vectors and candidate pairs; cluster: linkage and
# splitting), with the process's peak resident memory during it. Prints one row per size and
# the growth of the time. Run from anywhere:
#
#     bench/stories.sh [N...]      # sizes, default 10000 100000
#
# Environment: CORPORA (default ../shared/corpora) is what the generator reads; RAYON_NUM_THREADS
# (default 2) the threads.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CORPORA=${CORPORA:-../shared/corpora}
export RAYON_NUM_THREADS=${RAYON_NUM_THREADS:-2}
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(10000 100000)

cargo build --release --locked -q -p newsfold-eval
EVAL=target/release/newsfold-eval
declare -A TOTAL
for n in "${SIZES[@]}"; do
    corpus=target/bench-reuse-$n
    if [[ ! -s $corpus/articles.jsonl ]]; then
        echo "generating $n articles into $corpus" >&2
        "$EVAL" generate --corpora "$CORPORA" --articles "$n" --seed 1 --out "$corpus" >&2
    fi
    echo "== $n articles ($corpus/articles.jsonl), $RAYON_NUM_THREADS threads"
    out=$("$EVAL" stories-bench "$corpus/articles.jsonl")
    echo "$out"
    TOTAL[$n]=$(echo "$out" | awk 'NR == 2 { print $8 }')
done
if [[ ${#SIZES[@]} -ge 2 ]]; then
    first=${SIZES[0]}
    for n in "${SIZES[@]:1}"; do
        awk -v a="${TOTAL[$first]}" -v b="${TOTAL[$n]}" -v na="$first" -v nb="$n" \
            'BEGIN { printf "time grows %.1fx from %d to %d articles (%.1fx the articles)\n", b / a, na, nb, nb / na }'
    done
fi
