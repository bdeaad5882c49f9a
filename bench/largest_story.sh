#!/usr/bin/env bash
# The brief of a fold's largest story, timed alone: how long one story of many articles (and
# many edited copies of the same sentences) takes to brief. Reads the stories of FOLD_DIR (a
# `newsfold fold` output folder, fold.json or stories.jsonl), writes the largest story's
# records from CORPUS (the JSON-lines file that was folded) to a scratch file, and briefs them
# as one story with `newsfold brief --one-story --format json`, BENCH_REPEAT times (default 3).
# Prints the story's size and each run's brief stage (from the JSON's `run.timings`), then the
# median. The story is briefed apart from the rest of the fold: cleaning and reuse are done
# again over its own articles, and their times are not counted. Run from anywhere:
#
#     bench/largest_story.sh FOLD_DIR CORPUS.jsonl
#
# Environment: RAYON_NUM_THREADS (default 2) the threads.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
fold=${1:?usage: bench/largest_story.sh FOLD_DIR CORPUS.jsonl}
corpus=${2:?usage: bench/largest_story.sh FOLD_DIR CORPUS.jsonl}
export RAYON_NUM_THREADS=${RAYON_NUM_THREADS:-2}
REPEAT=${BENCH_REPEAT:-3}
[[ -x target/release/newsfold ]] || cargo build --release --locked -q -p newsfold

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
PYTHONPATH=bench python3 - "$fold" "$corpus" "$scratch/story.jsonl" <<'EOF'
import sys
from story_recall import article_ids, stories

fold, corpus, out = sys.argv[1:]
largest = max(stories(fold), key=lambda s: len(s["articles"]))
members = set(largest["articles"])
kept = 0
with open(corpus) as f, open(out, "w") as o:
    for line, id in zip(f, article_ids(corpus)):
        if id in members:
            o.write(line)
            kept += 1
print(f"largest story: {len(members)} articles ({kept} records found), {largest['headline']!r}")
EOF
times=()
for round in $(seq "$REPEAT"); do
    ms=$(target/release/newsfold brief "$scratch/story.jsonl" --one-story --format json --quiet |
        python3 -c 'import json, sys
run = json.load(sys.stdin)["run"]
print(sum(t["millis"] for t in run["timings"] if t["stage"] == "brief"))')
    times+=("$ms")
    echo "round $round: brief stage $ms ms on $RAYON_NUM_THREADS threads"
done
printf '%s\n' "${times[@]}" | python3 -c 'import statistics, sys
ms = [int(l) for l in sys.stdin if l.strip()]
print(f"median of {len(ms)}: {statistics.median(ms) / 1000:.2f} s")'
