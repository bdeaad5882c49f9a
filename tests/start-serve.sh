# Sourced by bench/serve.sh and tests/browser/run.sh: a work folder, and `newsfold serve` started
# on a free loopback port.
#
# Sourcing makes WORK (a fresh temporary folder) and sets an EXIT trap that stops the server, if
# one was started, and removes WORK.
WORK=$(mktemp -d)
SERVER=
cleanup() {
    [[ -n $SERVER ]] && kill "$SERVER" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# start_serve NEWSFOLD DB LOG: runs "$NEWSFOLD serve --db DB --addr 127.0.0.1:0" in the
# background, its stderr in LOG, and sets SERVER (its pid, for the caller's cleanup) and BASE
# (http://127.0.0.1:PORT). Exits 1, printing the log, if it has not said its port within 10 s.
start_serve() {
    local newsfold=$1 db=$2 log=$3 port=
    "$newsfold" serve --db "$db" --addr 127.0.0.1:0 2>"$log" &
    SERVER=$!
    for _ in $(seq 100); do
        port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" | head -1)
        [[ -n $port ]] && break
        sleep 0.1
    done
    if [[ -z $port ]]; then
        echo "error: newsfold serve did not start:" >&2
        cat "$log" >&2
        exit 1
    fi
    BASE=http://127.0.0.1:$port
}
