#!/usr/bin/env bash
# Browser tests of `newsfold serve`: the examples (and one hostile article) in a fresh store,
# served on a free loopback port, checked in Debian's headless Chromium by story.mjs
# (playwright-core from npm, pinned in package-lock.json; no browser is downloaded). Saves
# docs/screenshots/stories.png, story.png and citation.png.
#
# Installs what it needs: Debian's chromium (apt-get) and playwright-core (npm ci). Builds
# newsfold (release; nothing to do when it is up to date). `.ci/run` runs it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
if [[ ! -x ${CHROMIUM:-/usr/bin/chromium} ]]; then
    echo "installing Debian's chromium" >&2
    as_root apt-get update -qq
    as_root apt-get install -y -qq chromium >/dev/null
fi
command -v node >/dev/null || { as_root apt-get update -qq && as_root apt-get install -y -qq nodejs npm >/dev/null; }
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
cargo build --release --locked -p newsfold
NEWSFOLD=$ROOT/target/release/newsfold

source tests/start-serve.sh
"$NEWSFOLD" add examples --db "$WORK/news.db" --quiet
start_serve "$NEWSFOLD" "$WORK/news.db" "$WORK/serve.log"
# An article whose title and text carry markup: every page must show it as text.
curl -sf -X POST "$BASE/api/articles" -H 'Content-Type: application/json' --data-binary @- >/dev/null <<'JSON'
{"title": "<script>alert(1)</script> Quay works", "outlet": "<b>Evil Gazette</b>",
 "text": "Workers began <img src=x onerror=alert(2)> repairs on the old quay in Saltmere on Monday, the harbour office said. The work will take six weeks."}
JSON
mkdir -p docs/screenshots
node tests/browser/story.mjs "$BASE" "$ROOT/docs/screenshots"
