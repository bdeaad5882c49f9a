#!/usr/bin/env bash
# The API beside its own OpenAPI document: Schemathesis (pinned below) against `newsfold serve`
# with the examples stored, every check on (no 5xx, status codes, content types, response
# headers and schemas, negative data rejected, positive data accepted, unsupported methods
# answered 405, ...). Exits non-zero on any failure. tests/schemathesis.toml says where the
# document cannot say what the server does (two cases, each with its reason).
#
# Usage: tests/schemathesis.sh   (CASES: test cases per API operation, default 300; SEED,
# default 1, makes a run repeatable)
#
# Installs what it needs: Schemathesis with pip into target/schemathesis-venv (made from
# $PYTHON, default python3, when missing or holding another version). Builds newsfold
# (release; nothing to do when it is up to date). Starts the server on a free loopback port
# (tests/start-serve.sh) and stops it on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
# Schemathesis 4 (its CLI differs from 3's: --max-examples, not --hypothesis-max-examples).
VERSION=4.32.5
CASES=${CASES:-300}
SEED=${SEED:-1}
VENV=$ROOT/target/schemathesis-venv
ST=$VENV/bin/schemathesis

if [[ $("$ST" --version 2>/dev/null) != "schemathesis, version $VERSION" ]]; then
    echo "installing schemathesis $VERSION into $VENV" >&2
    rm -rf "$VENV"
    "${PYTHON:-python3}" -m venv "$VENV"
    PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1 "$VENV/bin/pip" install --quiet "schemathesis==$VERSION"
fi
cargo build --release --locked -p newsfold
NEWSFOLD=$ROOT/target/release/newsfold

source tests/start-serve.sh
"$NEWSFOLD" add examples --db "$WORK/news.db" --quiet
start_serve "$NEWSFOLD" "$WORK/news.db" "$WORK/serve.log"

# Run from WORK: Schemathesis and Hypothesis keep caches (.schemathesis, .hypothesis) in the
# current folder, which must not be the repository; no database of found cases either.
cd "$WORK"
"$ST" --config-file "$ROOT/tests/schemathesis.toml" run "$BASE/api/openapi.json" \
    --checks all \
    --max-examples "$CASES" \
    --seed "$SEED" \
    --generation-database none \
    --request-timeout 70 \
    --no-color
