#!/usr/bin/env bash
# Near-duplicate detection speed, memory and quality of newsfold beside datasketch MinHashLSH and
# gaoya, on the same generated corpus in one run (issue 4).
#
# This checks the issue 4 acceptance lines "at least 10x gaoya's docs/s" and "peak memory below
# gaoya's" (meant for 100,000 articles) and the quality lines (meant for 10,000), and shows how
# the peers compare. It builds newsfold and newsfold-eval (release), generates the labelled
# corpus with `newsfold-eval generate --articles N --seed 1` into target/bench-reuse-N/ unless
# the same build made it there already, and then runs, one after another, each as its own
# process under /usr/bin/time -v: `newsfold reuse` on BENCH_THREADS threads, cleaned and --as-given; datasketch
# MinHashLSH (single-threaded); gaoya on text tokenized into lower-cased \w+ words, as for
# datasketch; and gaoya with its own tokenizer, its fastest path (gaoya on rayon's pool of
# BENCH_THREADS threads). The peers run at Jaccard threshold 0.8 with 128 permutations on word
# 5-grams (gaoya, given num_hashes=128, picks 21 bands of 6 = 126 hashes itself; see
# bench/reuse_peers.py). Every output is scored by `newsfold-eval reuse-score`. It prints one
# table (docs/s over the whole process, reading included; peak resident memory; precision;
# recall by transformation; PASS/FAIL), then the newsfold / gaoya speed and memory ratios, and
# exits non-zero if any step fails (a FAIL of the acceptance is a result, not a failure).
# datasketch and gaoya (pinned below) are installed with pip into target/bench-venv, the venv
# bench/extraction.sh also uses, reused on later runs; only pip's registry is contacted, only
# when the venv lacks a pin. Run from anywhere:
#
#     bench/reuse.sh [N] [CORPUS_DIR]    # N articles, default 10000; CORPUS_DIR default
#                                        # target/bench-reuse-N (generated there when missing)
#
# Environment: BENCH_THREADS (default 2) sets the threads of newsfold and gaoya; PYTHON (default
# python3) is the interpreter the venv is made from; CORPORA (default ../shared/corpora) is what
# the generator reads; BENCH_KEEP=1 keeps the outputs, timings and scores in target/;
# BENCH_REPEAT (default 1) runs every tool that many times, in rounds (each round runs all five
# once, so that a slow spell of the machine is shared out), and reports each tool's run of median
# wall time, with every wall time listed below the table. Outputs are scored from the first round.
set -euo pipefail

# Current on PyPI when this script was written (pip index versions); numpy and scipy are
# datasketch's dependencies, pinned so that reruns install the same thing.
DATASKETCH_VERSION=2.0.0
GAOYA_VERSION=0.2.2
PINS=("datasketch==$DATASKETCH_VERSION" "gaoya==$GAOYA_VERSION" "numpy==2.4.6" "scipy==1.17.1")
THREADS=${BENCH_THREADS:-2}
REPEAT=${BENCH_REPEAT:-1}
PYTHON=${PYTHON:-python3}

CALLER_PWD=$(pwd)
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

N=${1:-10000}
if ! [[ $REPEAT =~ ^[1-9][0-9]*$ ]]; then
    echo "error: BENCH_REPEAT '$REPEAT' is not a positive whole number" >&2
    exit 2
fi
if ! [[ $N =~ ^[1-9][0-9]*$ ]]; then
    echo "error: the article count '$N' is not a positive whole number (usage: bench/reuse.sh [N] [CORPUS_DIR])" >&2
    exit 2
fi
if [[ $# -ge 2 ]]; then
    CORPUS=$2
    [[ $CORPUS == /* ]] || CORPUS=$CALLER_PWD/$CORPUS
    DEFAULT_CORPUS=0
else
    CORPUS=$ROOT/target/bench-reuse-$N
    DEFAULT_CORPUS=1
fi
CORPORA=${CORPORA:-../shared/corpora}
if [[ ! -x /usr/bin/time ]]; then
    echo "error: /usr/bin/time (GNU time, for the peak memory) is missing; install the 'time' package" >&2
    exit 1
fi

# 1. The venv with the pinned peers (created or repaired only when needed).
source bench/venv.sh
ensure_venv datasketch,gaoya.minhash "${PINS[@]}"

# 2. Release binaries, and the corpus (generated with seed 1 when it is not there).
cargo build --release -p newsfold -p newsfold-eval
NEWSFOLD=$ROOT/target/release/newsfold
EVAL=$ROOT/target/release/newsfold-eval
corpus_complete() {
    [[ -s $CORPUS/articles.jsonl && -f $CORPUS/truth.jsonl && -f $CORPUS/original_pairs.jsonl ]]
}
# The default corpus records which newsfold-eval build made it (.generator) and is made again,
# in seconds, by a different build, so that a changed generator is never scored on a stale corpus.
# A CORPUS_DIR given on the command line is used as it is.
STAMP=$(sha256sum "$EVAL" | cut -d' ' -f1)
if [[ $DEFAULT_CORPUS == 1 ]] && corpus_complete && [[ $(cat "$CORPUS/.generator" 2>/dev/null) != "$STAMP" ]]; then
    echo "$CORPUS was made by another newsfold-eval build; making it again" >&2
    rm -rf "$CORPUS"
fi
if ! corpus_complete; then
    if [[ $DEFAULT_CORPUS == 0 && -e $CORPUS && -n $(ls -A "$CORPUS" 2>/dev/null) ]]; then
        echo "error: '$CORPUS' exists but lacks articles.jsonl, truth.jsonl or original_pairs.jsonl; give a folder made by newsfold-eval generate, or a new path" >&2
        exit 1
    fi
    if [[ ! -d $CORPORA/seeds ]]; then
        echo "error: the shared corpora folder '$CORPORA' (relative to $ROOT) is missing or lacks seeds/; set CORPORA" >&2
        exit 1
    fi
    echo "generating $N articles (seed 1) into $CORPUS" >&2
    rm -rf "$CORPUS.partial"
    "$EVAL" generate --corpora "$CORPORA" --articles "$N" --seed 1 --out "$CORPUS.partial" >&2
    echo "$STAMP" >"$CORPUS.partial/.generator"
    rm -rf "$CORPUS"
    mv "$CORPUS.partial" "$CORPUS"
fi
ARTICLES=$CORPUS/articles.jsonl
DOCS=$(grep -c . "$ARTICLES")
if [[ $DEFAULT_CORPUS == 0 && $# -ge 1 && $DOCS != "$N" ]]; then
    echo "note: $CORPUS holds $DOCS articles, not $N; the figures are for $DOCS" >&2
fi

# 3. Every tool in its own process under /usr/bin/time -v, then scored.
RUN=$(mktemp -d "$ROOT/target/bench-reuse-run.XXXXXX")
if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    trap 'echo "outputs, timings and scores kept in $RUN" >&2' EXIT
else
    trap 'rm -rf "$RUN"' EXIT
fi
# run_timed ROUND NAME COMMAND...: COMMAND's output file is $RUN/NAME.jsonl; its stdout goes to
# $RUN/NAME.info, its stderr to $RUN/NAME.stderr, the time report to $RUN/NAME.time.ROUND. The
# output of round 1 is scored.
run_timed() {
    local round=$1 name=$2 status=0
    shift 2
    echo "running $name (round $round of $REPEAT)" >&2
    RAYON_NUM_THREADS=$THREADS /usr/bin/time -v -o "$RUN/$name.time.$round" "$@" >"$RUN/$name.info" 2>"$RUN/$name.stderr" || status=$?
    if [[ $status != 0 || ! -f $RUN/$name.jsonl ]]; then
        local how="exit status $status"
        [[ $status -gt 128 ]] && how="$how: killed by signal $((status - 128)) ($(kill -l $((status - 128)) 2>/dev/null || echo '?'))"
        echo "error: $name failed ($how): $*" >&2
        echo "last lines of its standard error:" >&2
        tail -n 20 "$RUN/$name.stderr" >&2
        exit 1
    fi
    [[ $round == 1 ]] || return 0
    if ! "$EVAL" reuse-score --corpus "$CORPUS" --reuse "$RUN/$name.jsonl" >"$RUN/$name.score" 2>"$RUN/$name.score-stderr"; then
        echo "error: newsfold-eval reuse-score failed on the output of $name:" >&2
        cat "$RUN/$name.score-stderr" >&2
        exit 1
    fi
}

cat "$ARTICLES" >/dev/null # the same warm page cache for every tool
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
TOOLS=(newsfold newsfold-as-given datasketch gaoya gaoya-own-tok)
for ((round = 1; round <= REPEAT; round++)); do
    run_timed "$round" newsfold "$NEWSFOLD" reuse "$ARTICLES" --format jsonl -o "$RUN/newsfold.jsonl" -q
    run_timed "$round" newsfold-as-given "$NEWSFOLD" reuse "$ARTICLES" --as-given --format jsonl -o "$RUN/newsfold-as-given.jsonl" -q
    run_timed "$round" datasketch "$VPY" bench/reuse_peers.py datasketch "$ARTICLES" "$RUN/datasketch.jsonl"
    run_timed "$round" gaoya "$VPY" bench/reuse_peers.py gaoya "$ARTICLES" "$RUN/gaoya.jsonl" --tokenizer words
    run_timed "$round" gaoya-own-tok "$VPY" bench/reuse_peers.py gaoya "$ARTICLES" "$RUN/gaoya-own-tok.jsonl" --tokenizer gaoya
done
echo "$("$NEWSFOLD" --version) (release build), RAYON_NUM_THREADS=$THREADS; output $(($(stat -c %s "$RUN/newsfold.jsonl") / 1000000)) MB of JSON lines" >"$RUN/newsfold.info"
echo "$("$NEWSFOLD" --version) --as-given (no cleaning: the text of each record as it stands), RAYON_NUM_THREADS=$THREADS" >"$RUN/newsfold-as-given.info"
# Each tool's run of median wall time stands for it ($RUN/NAME.time); all wall times are listed.
for tool in "${TOOLS[@]}"; do
    "$VPY" bench/reuse_peers.py median-time "$RUN/$tool.time" "$RUN/$tool".time.* >"$RUN/$tool.walls"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

# 4. The combined table.
echo
echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "cores (nproc): $(nproc); newsfold and gaoya threads: $THREADS; load average before the runs: $LOAD_BEFORE, after: $LOAD_AFTER"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
echo "python: $("$VPY" -c 'import platform; print(platform.python_version())'), datasketch $DATASKETCH_VERSION, gaoya $GAOYA_VERSION, numpy $("$VPY" -c 'import numpy; print(numpy.__version__)')"
echo "corpus: $CORPUS ($DOCS articles, $(($(stat -c %s "$ARTICLES") / 1000000)) MB of JSON lines, generated with seed 1)"
echo
"$VPY" bench/reuse_peers.py table --docs "$DOCS" --ours newsfold --ours newsfold-as-given \
    --row newsfold "$RUN/newsfold.time" "$RUN/newsfold.score" "$RUN/newsfold.info" \
    --row newsfold-as-given "$RUN/newsfold-as-given.time" "$RUN/newsfold-as-given.score" "$RUN/newsfold-as-given.info" \
    --row datasketch "$RUN/datasketch.time" "$RUN/datasketch.score" "$RUN/datasketch.info" \
    --row gaoya "$RUN/gaoya.time" "$RUN/gaoya.score" "$RUN/gaoya.info" \
    --row gaoya-own-tok "$RUN/gaoya-own-tok.time" "$RUN/gaoya-own-tok.score" "$RUN/gaoya-own-tok.info"
if [[ $REPEAT -gt 1 ]]; then
    echo "wall times of the $REPEAT rounds (s; the table shows each tool's median run):"
    for tool in "${TOOLS[@]}"; do
        printf '  %-18s %s\n' "$tool" "$(cat "$RUN/$tool.walls")"
    done
fi
