#!/usr/bin/env bash
# The acceptance check of issue 17: the adversarial corpus folds beside examples/ with every
# example article kept, each bad input rejected by name, in at most 60 s and 1 GB peak memory
# for the whole run.
#
#   tests/adversarial/run.sh          (from anywhere; exit 0 when every check holds)
#
# It builds the release binary if needed, makes the corpus in a temporary folder
# (tests/adversarial/make.sh), folds `examples` and the corpus in one run under
# `/usr/bin/time -v` (with `timeout 300` in case an input hangs the run), and checks with
# check.py: each input's outcome against what the issue asks (written in check.py), the example
# articles, the time and memory budgets, the fold.json contract, and the exit status. It prints
# a table of each input and what happened. Set ADV_KEEP=1 to keep the temporary folder.
#
# ADV_EACH=1 also folds each input alone (each under `timeout ${ADV_EACH_SECONDS:-30}`), and the
# table shows those outcomes for the inputs the whole run says nothing about (when it aborted):
# a diagnosis, not the acceptance, which is the one run of everything together.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

# GNU time measures the peak memory; a fresh machine may not have it.
if [[ ! -x /usr/bin/time ]]; then
    apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
cargo build --release --locked -p newsfold --quiet
bin=$root/target/release/newsfold

work=$(mktemp -d -t newsfold-adversarial.XXXXXX)
if [[ ${ADV_KEEP:-0} == 1 ]]; then
    echo "keeping $work"
else
    trap 'rm -rf "$work"' EXIT
fi

"$here/make.sh" "$work"
# The examples alone, to know which articles must survive the hostile run.
"$bin" fold examples --out "$work/examples-only" --quiet

# check-fold-json lives in the shared folder beside the repository (../shared), or above a
# worktree; NEWSFOLD_SHARED names it elsewhere.
shared=${NEWSFOLD_SHARED:-}
if [[ -z $shared ]]; then
    dir=$root
    while [[ $dir != / && ! -f $dir/../shared/tools/check-fold-json ]]; do dir=$(dirname "$dir"); done
    shared=$dir/../shared
fi

status=0
/usr/bin/time -v -o "$work/time.txt" timeout 300 \
    "$bin" fold examples "$work/adv" --out "$work/out" --quiet 2>"$work/stderr.txt" || status=$?

each=()
if [[ ${ADV_EACH:-0} == 1 ]]; then
    mkdir -p "$work/each"
    for input in "$work"/adv/*; do
        name=$(basename "$input")
        alone=0
        timeout "${ADV_EACH_SECONDS:-30}" "$bin" fold "$input" --out "$work/each/$name" --quiet \
            2>"$work/each/$name.stderr" || alone=$?
        echo "$alone" >"$work/each/$name.status"
    done
    each=(--each "$work/each")
fi

python3 "$here/check.py" "${each[@]}" --adv "$work/adv" --examples "$work/examples-only/fold.json" \
    --out "$work/out" --time "$work/time.txt" --stderr "$work/stderr.txt" --status "$status" \
    --check-fold-json "$shared/tools/check-fold-json"
