#!/usr/bin/env bash
# Load on `newsfold serve`: requests/s and p99 latency of a story's JSON and its page.
#
# Usage: bench/serve.sh [N]   (N: articles added beside the seeds, default 10000)
#
# It builds newsfold (release), makes a store in a temporary folder holding the five seeds of
# ../shared/corpora/seeds plus the N-article corpus that `newsfold-eval generate --articles N
# --seed 1` makes (kept in target/bench-reuse-N/, shared with bench/reuse.sh), starts
# `newsfold serve` on a free loopback port, and runs wrk (Debian's package, installed if
# missing) against /api/stories/{id} and /stories/{id} of the seeds' story: DURATION seconds
# each (default 15) after a 3-second warm-up, CONNECTIONS connections (default 32) on 2 wrk
# threads, server and wrk on the same machine. It prints one line per endpoint (requests/s,
# p50, p99, errors) and whether the JSON endpoint meets the target of the store and server
# issue: >= 2,000 requests/s and p99 <= 20 ms. Exit status 0 either way (a measurement, not a
# gate), 1 when something could not run.
#
# Environment: CORPORA (default ../shared/corpora), DURATION, CONNECTIONS.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
N=${1:-10000}
CORPORA=${CORPORA:-../shared/corpora}
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-32}
if ! [[ $N =~ ^[1-9][0-9]*$ ]]; then
    echo "error: the article count '$N' is not a positive whole number (usage: bench/serve.sh [N])" >&2
    exit 2
fi
if [[ ! -d $CORPORA/seeds ]]; then
    echo "error: $CORPORA/seeds is missing (set CORPORA to the evaluation corpora)" >&2
    exit 1
fi
if ! command -v wrk >/dev/null; then
    echo "installing wrk (Debian package)" >&2
    if [[ $(id -u) -eq 0 ]]; then
        apt-get update -qq && apt-get install -y -qq wrk >/dev/null
    else
        sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null
    fi
fi
command -v curl >/dev/null || { echo "error: curl is needed" >&2; exit 1; }

cargo build --release --locked -p newsfold -p newsfold-eval
NEWSFOLD=$ROOT/target/release/newsfold
CORPUS=$ROOT/target/bench-reuse-$N
if [[ ! -f $CORPUS/articles.jsonl ]]; then
    "$ROOT/target/release/newsfold-eval" generate --corpora "$CORPORA" --articles "$N" --seed 1 --out "$CORPUS"
fi

source tests/start-serve.sh
DB=$WORK/load.db

# The seeds first, so their story is known; then N more articles.
"$NEWSFOLD" add "$CORPORA/seeds" --db "$DB" --quiet
"$NEWSFOLD" export --db "$DB" --out "$WORK/seeds" --quiet
STORY=$(python3 -c 'import json,sys; f=json.load(open(sys.argv[1])); print(max(f["stories"], key=lambda s: len(s["articles"]))["id"])' "$WORK/seeds/fold.json")
start=$(date +%s%N)
"$NEWSFOLD" add "$CORPUS/articles.jsonl" --db "$DB" --quiet
added=$((($(date +%s%N) - start) / 1000000000))

start_serve "$NEWSFOLD" "$DB" "$WORK/serve.log"
stories=$(curl -sf "$BASE/api/stories?per_page=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
articles=$(curl -sf "$BASE/api/stories/$STORY" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["articles"]))')

echo "store: seeds + $N articles ($stories stories; add of $N took $added s); story $STORY has $articles articles"
echo "wrk: $CONNECTIONS connections, 2 threads, ${DURATION}s per endpoint after a 3 s warm-up; $(nproc) cores shared by server and wrk"
printf '%-26s %12s %10s %10s %8s\n' endpoint "requests/s" p50 p99 errors
# Latency in ms from wrk's "99%   1.23ms" (units us, ms or s).
ms() {
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
json_ok=0
for path in "/api/stories/$STORY" "/stories/$STORY"; do
    wrk -t2 -c"$CONNECTIONS" -d3s "$BASE$path" >/dev/null
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$BASE$path")
    rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
    p50=$(ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
    p99=$(ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
    errors=$(awk '/Non-2xx|Socket errors/ { s = s $0 " " } END { print (s == "" ? 0 : s) }' <<<"$out")
    label=${path/$STORY/\{id\}}
    printf '%-26s %12s %8s ms %8s ms %8s\n' "$label" "$rps" "$p50" "$p99" "$errors"
    if [[ $path == /api/* ]] && awk -v r="$rps" -v p="$p99" 'BEGIN { exit !(r >= 2000 && p <= 20) }' && [[ $errors == 0 ]]; then
        json_ok=1
    fi
done
if [[ $json_ok == 1 ]]; then
    echo "JSON endpoint: target (>= 2,000 requests/s, p99 <= 20 ms) met"
else
    echo "JSON endpoint: target (>= 2,000 requests/s, p99 <= 20 ms) NOT met"
fi
