#!/usr/bin/env bash
# The whole `newsfold fold` at the size users bring: every stage's time and the process's peak
# memory, on generated articles as they come (dated, with outlets and URLs) and bare (the text
# only, as a scrape or a research dump gives it).
#
# Builds newsfold and newsfold-eval (release), generates the corpus with `newsfold-eval generate
# --articles N --seed 1` into target/bench-reuse-N/ unless it is there already (the corpus
# bench/reuse.sh and bench/stories.sh use), writes its bare copy beside it (each record's `text`
# alone), and folds each BENCH_REPEAT times (default 1). Prints, per run, the stages' times from
# fold.json's `run.timings`, the wall time and the peak resident memory (GNU time), and for
# several rounds the median of each. Then it checks the answers of the last round against the
# generator's truth, so that a fast wrong result cannot pass: for the dated corpus,
# `newsfold-eval reuse-score` on the fold (copy groups' precision and recall, direction,
# sentence origins); for both, the share of the pairs of articles that go back to one original
# which the fold puts in one story (B-cubed recall against the originals: the truth names no
# events, so precision is measured on ECB+ instead, `newsfold-eval stories`). Last, the largest
# story's brief, timed alone (bench/largest_story.sh). Run from anywhere:
#
#     bench/fold.sh [N]        # default 100000
#
# Environment: CORPORA (default ../shared/corpora) is what the generator reads;
# RAYON_NUM_THREADS (default 2) the threads; BENCH_REPEAT the rounds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CORPORA=${CORPORA:-../shared/corpora}
export RAYON_NUM_THREADS=${RAYON_NUM_THREADS:-2}
N=${1:-100000}
REPEAT=${BENCH_REPEAT:-1}
command -v /usr/bin/time >/dev/null || { apt-get update && apt-get install -y time; }

cargo build --release --locked -q -p newsfold -p newsfold-eval
corpus=target/bench-reuse-$N
if [[ ! -s $corpus/articles.jsonl ]]; then
    echo "generating $N articles into $corpus" >&2
    target/release/newsfold-eval generate --corpora "$CORPORA" --articles "$N" --seed 1 --out "$corpus" >&2
fi
if [[ ! -s $corpus/bare.jsonl ]]; then
    python3 -c '
import json, sys
for line in sys.stdin:
    print(json.dumps({"text": json.loads(line)["text"]}, ensure_ascii=False))
' <"$corpus/articles.jsonl" >"$corpus/bare.jsonl"
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for kind in articles bare; do
    rows=()
    for round in $(seq "$REPEAT"); do
        /usr/bin/time -f '%e %M' -o "$scratch/time" \
            target/release/newsfold fold "$corpus/$kind.jsonl" --out "$scratch/out" --quiet --max-records 0
        read -r wall kb <"$scratch/time"
        row=$(python3 -c '
import json, sys
run = json.load(open(sys.argv[1]))["run"]
stages = {}
for t in run["timings"]:
    stages[t["stage"]] = stages.get(t["stage"], 0) + t["millis"] / 1000
print(" ".join(f"{s}={v:.1f}" for s, v in stages.items()), end="")
' "$scratch/out/fold.json")
        rows+=("$wall $kb $row")
        echo "$N $kind round $round: wall ${wall} s, peak $((kb / 1024)) MB, stages (s): $row"
    done
    if [[ $kind == articles ]]; then
        target/release/newsfold-eval reuse-score --corpus "$corpus" --reuse "$scratch/out/fold.json" \
            --fold "$scratch/out/fold.json"
    fi
    python3 bench/story_recall.py "$corpus/truth.jsonl" "$scratch/out/fold.json" "$corpus/$kind.jsonl"
    bench/largest_story.sh "$scratch/out" "$corpus/$kind.jsonl"
    if [[ $REPEAT -gt 1 ]]; then
        printf '%s\n' "${rows[@]}" | python3 -c '
import statistics, sys
rows = [l.split() for l in sys.stdin if l.strip()]
wall = statistics.median(float(r[0]) for r in rows)
mb = statistics.median(int(r[1]) for r in rows) / 1024
stages = {}
for r in rows:
    for kv in r[2:]:
        k, v = kv.split("=")
        stages.setdefault(k, []).append(float(v))
med = " ".join(f"{k}={statistics.median(v):.1f}" for k, v in stages.items())
print(f"'"$N $kind"' median of {len(rows)}: wall {wall:.1f} s, peak {mb:.0f} MB, stages (s): {med}")
'
    fi
done
