#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ (cargo-fuzz, libFuzzer, nightly) for a while, one after another.
#
#   tests/fuzz.sh                          each target for FUZZ_SECONDS (default 60)
#   FUZZ_TARGETS="read fold" tests/fuzz.sh only those targets
#   FUZZ_KEEP_CORPUS=1 FUZZ_SECONDS=600 tests/fuzz.sh
#                                          the long run: grow fuzz/corpus/<target> in place, then
#                                          minimise it (cargo fuzz cmin) so it can be committed
#   FUZZ_ARGS="-max_len=65536" tests/fuzz.sh
#                                          more libFuzzer flags (by default inputs stay about as
#                                          long as the longest seed, a few KB)
#
# It installs what it needs (the nightly toolchain, cargo-fuzz), builds the targets once in
# release mode with debug assertions (so overflow and debug_assert! count as crashes), and runs
# each with -max_total_time, -rss_limit_mb=2048 and a per-input -timeout=10. Any crash, input
# over the memory limit or input over the time limit fails the script (exit 1) after the other
# targets have run; the input that did it is in fuzz/artifacts/<target>/. Without
# FUZZ_KEEP_CORPUS, each target starts from a copy of fuzz/corpus/<target>, so CI leaves the tree
# clean. The machines this runs on have 2 cores: the fuzzer gets one, niced, and the fold
# target's rayon pool one thread (RAYON_NUM_THREADS), so a build beside it is not starved.
# No sanitizer by default (newsfold forbids unsafe code; FUZZ_SANITIZER=address to add ASan).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${FUZZ_SECONDS:-60}
read -r -a targets <<<"${FUZZ_TARGETS:-read clean dates datelines sentences fold}"
read -r -a extra <<<"${FUZZ_ARGS:-}"
flags=(-O -a -s "${FUZZ_SANITIZER:-none}" --fuzz-dir "$root/fuzz")
export RAYON_NUM_THREADS=${RAYON_NUM_THREADS:-1}

if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

cd "$root"
# Fail, as --locked would, if fuzz/Cargo.lock does not match fuzz/Cargo.toml.
cargo +nightly metadata --locked --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null
cargo +nightly fuzz build "${flags[@]}"

work=$(mktemp -d -t newsfold-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
failed=()
for target in "${targets[@]}"; do
    corpus=$root/fuzz/corpus/$target
    if [[ ${FUZZ_KEEP_CORPUS:-0} != 1 ]]; then
        cp -r "$corpus" "$work/$target"
        corpus=$work/$target
    fi
    echo "== fuzzing $target for $seconds s (corpus: $corpus)"
    # rs-trafilatura prints a DEBUG line per page when built with debug assertions (as here):
    # half a million lines in ten minutes of `clean`, so they are left out of the log. With
    # pipefail the fuzzer's own status is the pipeline's (grep always sees libFuzzer's lines).
    if ! nice -n 10 cargo +nightly fuzz run "${flags[@]}" "$target" "$corpus" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "${extra[@]}" \
        2>&1 | grep -v --line-buffered '^DEBUG: '; then
        failed+=("$target")
        continue
    fi
    if [[ ${FUZZ_KEEP_CORPUS:-0} == 1 ]]; then
        nice -n 10 cargo +nightly fuzz cmin "${flags[@]}" "$target" "$corpus" -- -rss_limit_mb=2048 -timeout=10
    fi
done

if ((${#failed[@]})); then
    echo "fuzzing failed for: ${failed[*]} (reproducers in fuzz/artifacts/)" >&2
    exit 1
fi
echo "every target ran $seconds s without a crash, out-of-memory or timeout"
