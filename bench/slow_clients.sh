#!/usr/bin/env bash
# Slow clients against `newsfold serve` (issue 17, defect 3): while 200 slow clients hold
# connections on loopback (100 posting a body one byte a second, 100 sending request headers
# one byte a second and never finishing them; each reconnects when the server lets it go),
# wrk measures a plain GET of /api/stories and of a story page. Acceptance: p99 <= 1 s.
#
# Usage: bench/slow_clients.sh   (DURATION: seconds of wrk per endpoint, default 10;
# CONNECTIONS: wrk's connections, default 16)
#
# It builds newsfold (release), stores the examples in a temporary folder, starts `newsfold
# serve` on a free loopback port (tests/start-serve.sh), starts the slow clients
# (bench/slow_clients.py, standard library only), waits 2 s for them to connect, and runs wrk
# (Debian's package, installed if missing) with --latency on each endpoint. It prints p50 and
# p99 per endpoint and exits 1 when a p99 is over 1 s or a request failed, 0 otherwise.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-16}
# The acceptance bound of issue 17: a plain GET answers in <= 1 s p99 beside 200 slow clients.
P99_MS=1000
if ! command -v wrk >/dev/null; then
    echo "installing wrk (Debian package)" >&2
    if [[ $(id -u) -eq 0 ]]; then
        apt-get update -qq && apt-get install -y -qq wrk >/dev/null
    else
        sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null
    fi
fi
for tool in curl python3; do
    command -v $tool >/dev/null || { echo "error: $tool is needed" >&2; exit 1; }
done

cargo build --release --locked -p newsfold
NEWSFOLD=$ROOT/target/release/newsfold

source tests/start-serve.sh
"$NEWSFOLD" add examples --db "$WORK/news.db" --quiet
start_serve "$NEWSFOLD" "$WORK/news.db" "$WORK/serve.log"
STORY=$(curl -sf "$BASE/api/stories" | python3 -c 'import json,sys; print(json.load(sys.stdin)["stories"][0]["id"])')
PORT=${BASE##*:}

SLOW_SECONDS=$((2 * DURATION + 4))
python3 bench/slow_clients.py 127.0.0.1 "$PORT" 100 100 "$SLOW_SECONDS" >"$WORK/slow.log" 2>&1 &
SLOW=$!
sleep 2
if command -v ss >/dev/null; then
    open=$(ss -Htn state established "( sport = :$PORT )" | wc -l)
else
    open="? (ss is missing)"
fi

echo "newsfold serve on $BASE: 100 trickled bodies + 100 unfinished headers ($open connections open to the server);"
echo "wrk: $CONNECTIONS connections, 2 threads, ${DURATION}s per endpoint; $(nproc) cores shared by server, clients and wrk"
printf '%-22s %12s %10s %10s %10s\n' endpoint "requests/s" p50 p99 failed
# Latency in ms from wrk's "99%   1.23ms" (units us, ms or s).
ms() {
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
status=0
for path in /api/stories "/stories/$STORY"; do
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency "$BASE$path")
    rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
    p50=$(ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
    p99=$(ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
    failed=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$out")
    label=${path/$STORY/\{id\}}
    printf '%-22s %12s %8s ms %8s ms %10s\n' "$label" "$rps" "$p50" "$p99" "$failed"
    if awk -v p="$p99" -v max="$P99_MS" 'BEGIN { exit !(p > max) }' || [[ $failed != 0 ]]; then
        status=1
    fi
done
wait "$SLOW" || true
cat "$WORK/slow.log"
if [[ $status -eq 0 ]]; then
    echo "acceptance met: p99 <= ${P99_MS} ms beside 200 slow clients, no failed request"
else
    echo "acceptance NOT met: a p99 over ${P99_MS} ms, or failed requests" >&2
fi
exit $status
