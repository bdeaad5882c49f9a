"""Python trafilatura on the extraction benchmark, beside newsfold's own figures.

This is the Python half of bench/extraction.sh, which creates the venv that holds trafilatura,
runs `newsfold-eval extraction` and then calls this file; run that script rather than this one:

    bench/extraction.sh [CORPUS_DIR]

By hand (inside a venv that has trafilatura):

    python bench/extraction_peers.py CORPUS_DIR --newsfold-table TABLE_FILE [--rounds 3] [--processes 2]

It reads the same pages as newsfold-eval (CORPUS_DIR/html/<id>.html.gz, ground truth in
CORPUS_DIR/ground-truth.json), decompresses and decodes them all before any timing, then times
`trafilatura.extract(html, output_format="txt", with_metadata=False)` (all other options at their
defaults, which include favor_precision=False and favor_recall=False) over every page, best of
--rounds rounds, once in this process and once on a multiprocessing pool of --processes workers
(created and warmed before timing). It scores the text with the benchmark's metric, the same as
crates/eval/src/shingles.rs, and prints the newsfold-eval table with the trafilatura rows added,
then the speed ratios and the quality comparison.
"""

import argparse
import gzip
import json
import math
import multiprocessing
import re
import sys
import time
from collections import Counter
from pathlib import Path

import trafilatura

# --- the benchmark metric (as crates/eval/src/shingles.rs and the scrapinghub evaluate.py) ---

_WORD = re.compile(r"\w+")


def shingles(text):
    """Word 4-gram shingles of `\\w+` tokens as a multiset; under four tokens, one shingle."""
    tokens = _WORD.findall(text or "")
    n = 4
    out = Counter()
    for i in range(max(1, len(tokens) - n + 1)):
        shingle = tuple(tokens[i : i + n])
        if shingle:
            out[shingle] += 1
    return out


def compare(truth, predicted):
    """Normalised (tp, fp, fn) of one page."""
    t, p = shingles(truth), shingles(predicted)
    tp = fp = fn = 0.0
    for key in set(t) | set(p):
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    total = tp + fp + fn
    if total > 0:
        return tp / total, fp / total, fn / total
    return tp, fp, fn


def score(counts):
    """Precision and recall averaged over the pages where defined; F1 from the two means."""
    precision = [
        1.0 if fp == 0 and fn == 0 else tp / (tp + fp) for tp, fp, fn in counts if tp + fp > 0
    ]
    recall = [
        1.0 if fp == 0 and fn == 0 else tp / (tp + fn) for tp, fp, fn in counts if tp + fn > 0
    ]
    p = sum(precision) / len(precision) if precision else 0.0
    r = sum(recall) / len(recall) if recall else 0.0
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return p, r, f1


# --- extraction ---

_PAGES = []  # the decoded pages, set in each worker by the pool initializer


def extract(html):
    """One page: HTML text to article text ("" when trafilatura finds nothing or fails)."""
    try:
        text = trafilatura.extract(html, output_format="txt", with_metadata=False)
    except Exception:  # noqa: BLE001 - a crash on one page scores as an empty page
        return None
    return text or ""


def _init_worker(pages):
    global _PAGES
    _PAGES = pages


def _extract_index(i):
    return extract(_PAGES[i])


def load(directory):
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        raw = gzip.decompress((directory / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, raw.decode("utf-8", errors="replace"), truth[page_id].get("articleBody") or ""))
    return pages


def time_single(htmls, rounds):
    best, texts = math.inf, []
    for _ in range(rounds):
        start = time.perf_counter()
        texts = [extract(h) for h in htmls]
        best = min(best, time.perf_counter() - start)
    return best, texts


def time_pool(htmls, rounds, processes):
    n = len(htmls)
    chunksize = max(1, math.ceil(n / (processes * 8)))
    with multiprocessing.Pool(processes, initializer=_init_worker, initargs=(htmls,)) as pool:
        # Warm every worker (first-call set-up inside trafilatura and lxml) before timing.
        pool.map(_extract_index, [i % n for i in range(processes * 2)], chunksize=1)
        best, texts = math.inf, []
        for _ in range(rounds):
            start = time.perf_counter()
            texts = pool.map(_extract_index, range(n), chunksize=chunksize)
            best = min(best, time.perf_counter() - start)
    return best, texts


# --- the newsfold-eval table ---

_ROW = re.compile(r"^(?P<name>.*?)\s+(?P<p>\d+\.\d+)\s+(?P<r>\d+\.\d+)\s+(?P<f1>\d+\.\d+)\s+(?P<speed>\d+\.\d+)\s*$")


def parse_table(text):
    """The header lines and the (name, p, r, f1, pages/s) rows of `newsfold-eval extraction`."""
    header, rows = [], []
    for line in text.splitlines():
        m = _ROW.match(line)
        if m:
            rows.append((m["name"], float(m["p"]), float(m["r"]), float(m["f1"]), float(m["speed"])))
        elif line.strip():
            header.append(line)
    return header, rows


def row(name, p, r, f1, speed):
    return f"{name:<44} {p:>9.4f} {r:>9.4f} {f1:>9.4f} {speed:>10.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--newsfold-table", type=Path, required=True, help="saved output of newsfold-eval extraction")
    parser.add_argument("--newsfold-row", default="newsfold clean (on dom_smoothie)", help="the row the ratios use")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--target", type=float, default=300.0, help="newsfold's pages/s target")
    args = parser.parse_args()

    header, rows = parse_table(args.newsfold_table.read_text(encoding="utf-8"))
    if not rows:
        sys.exit(f"error: no result rows in {args.newsfold_table}")
    ours = [r for r in rows if r[0] == args.newsfold_row]
    if not ours:
        ours = [r for r in rows if r[0].startswith("newsfold")]
        if not ours:
            sys.exit(f"error: no newsfold row in {args.newsfold_table}")
        print(f"note: no row named {args.newsfold_row!r}; using {ours[-1][0]!r}", file=sys.stderr)
    ours = ours[-1]

    pages = load(args.dir)
    if len(pages) == 0:
        sys.exit(f"error: no pages in {args.dir}")
    htmls = [html for _, html, _ in pages]
    version = trafilatura.__version__
    results = []
    for processes in (1, args.processes):
        if processes == 1:
            seconds, texts = time_single(htmls, max(1, args.rounds))
        else:
            seconds, texts = time_pool(htmls, max(1, args.rounds), processes)
        failed = sum(t is None for t in texts)
        empty = sum(t == "" for t in texts)
        counts = [compare(truth, text or "") for (_, _, truth), text in zip(pages, texts)]
        p, r, f1 = score(counts)
        label = "process" if processes == 1 else "processes"
        results.append((processes, f"trafilatura {version} (Python, {processes} {label})", p, r, f1, len(pages) / seconds, failed, empty))

    for line in header:
        print(line)
    for name, p, r, f1, speed in rows:
        print(row(name, p, r, f1, speed))
    for _, name, p, r, f1, speed, _, _ in results:
        print(row(name, p, r, f1, speed))
    print(
        f"(Python trafilatura {version}: same {len(pages)} pages, decoded before timing, "
        f"best of {args.rounds} rounds; pages with no text: "
        + ", ".join(f"{e} ({n} proc.)" for n, *_, e in results)
        + "; pages that raised: "
        + ", ".join(f"{f} ({n} proc.)" for n, *_, f, _ in results)
        + ")"
    )
    print()
    name, _, _, our_f1, our_speed = ours
    for processes, _, _, _, _, speed, _, _ in sorted(results, key=lambda x: -x[0]):
        label = "process" if processes == 1 else "processes"
        print(
            f"speed ratio: newsfold clean / Python trafilatura ({processes} {label}) = {our_speed / speed:.1f}x"
            f"  ({our_speed:.1f} vs {speed:.1f} pages/s)"
        )
    traf_f1 = results[-1][4]
    print(f"quality: newsfold F1 {our_f1:.4f} vs trafilatura F1 {traf_f1:.4f}")
    met = "met" if our_speed >= args.target else "NOT met"
    print(f"target: newsfold clean >= {args.target:.0f} pages/s: {met} ({our_speed:.1f} pages/s; newsfold row: {name!r})")


if __name__ == "__main__":
    main()
