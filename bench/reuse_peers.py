"""datasketch MinHashLSH and gaoya on a generated reuse corpus, and the table of bench/reuse.sh.

This is the Python half of bench/reuse.sh, which creates the venv that holds datasketch and gaoya,
generates the corpus, runs newsfold and then calls this file once per peer (each in its own
process under /usr/bin/time -v, for the peak memory) and once for the table; run that script
rather than this one:

    bench/reuse.sh [N] [CORPUS_DIR]

By hand (inside a venv that has datasketch and gaoya):

    python bench/reuse_peers.py datasketch ARTICLES_JSONL OUT_JSONL
    RAYON_NUM_THREADS=2 python bench/reuse_peers.py gaoya ARTICLES_JSONL OUT_JSONL [--tokenizer words|gaoya]
    python bench/reuse_peers.py table --docs N --row NAME TIME_FILE SCORE_FILE INFO_FILE [--row ...]

Both peers read ARTICLES_JSONL (the articles.jsonl of `newsfold-eval generate`: one
{"id", "text", ...} object per line), find the near-duplicate pairs at Jaccard threshold 0.8 with
128 permutations on word 5-grams, and write one JSON line {"source": a, "copy": b, "kind":
"duplicate"} per pair found (a before b in file order), which `newsfold-eval reuse-score` scores
like newsfold's reuse records (groups = connected components of the pairs). Words are the
lower-cased `\\w+` tokens; a shingle is five consecutive words joined by one space. Articles with
fewer than five words have no 5-gram and are left out of the index (their count is reported).

- datasketch: `MinHash.generator` (128 permutations, its defaults: SHA-1 of the shingle's UTF-8
  bytes, the affine32 scheme) and `MinHashLSH(threshold=0.8, num_perm=128)`, streamed: each
  article is queried, then inserted, so every pair is found once, by its later article. A
  datasketch query returns the raw LSH candidates (it verifies nothing), and that is what is
  written. datasketch is single-threaded.
- gaoya: `gaoya.minhash.MinHashStringIndex(hash_size=32, jaccard_threshold=0.8, num_hashes=128,
  analyzer="word", ngram_range=(5, 5))` with num_bands and band_size left to gaoya, which picks
  them from the threshold and the hash count (21 bands of 6 = 126 hashes for 0.8 and 128). Its
  fastest bulk calls, `par_bulk_insert_docs` then `par_bulk_query`, run chunk by chunk (each
  chunk inserted, then queried, so that every pair is found by its later article and the texts
  of only one chunk are held); they hash on rayon's thread pool, whose size RAYON_NUM_THREADS
  sets. gaoya's query keeps the candidates whose signatures agree on at least 0.8 of the hashes.
  With --tokenizer words (the default) the text is tokenized here into `\\w+` words, lower-cased,
  and handed to gaoya joined by spaces, so gaoya shingles the same words as datasketch (but for
  the rare word with an underscore, which gaoya splits there); with
  --tokenizer gaoya the raw text goes to gaoya's own tokenizer (lowercase=True, split on ASCII
  white space and punctuation, in Rust), which is faster but keeps non-ASCII punctuation such as
  curly quotes and dashes inside words.

Each peer prints one line about what it ran (version, parameters, counts) on standard output;
bench/reuse.sh keeps it for the notes under the table. The table subcommand reads, for each
row, the /usr/bin/time -v report, the saved output of `newsfold-eval reuse-score` and that info
line, and prints docs/s, peak memory, precision, recall by transformation and PASS/FAIL side by
side, then the newsfold / gaoya ratios.
"""

import argparse
import json
import re
import shutil
import sys
from itertools import islice
from pathlib import Path

THRESHOLD = 0.8
NUM_PERM = 128
NGRAM = 5

_WORD = re.compile(r"\w+")
# gaoya's own word tokenizer splits on ASCII white space and ASCII punctuation.
_GAOYA_WORD = re.compile(r"[^\s!-/:-@\[-`{-~]+")


def read_articles(path):
    """(id, text) of each line of an articles.jsonl, in file order."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                yield str(record["id"]), record.get("text") or ""
            except (ValueError, KeyError, TypeError) as e:
                sys.exit(f"error: {path} line {n}: not an article record ({e})")


def words(text):
    return _WORD.findall(text.lower())


def shingles(tokens):
    """The distinct word 5-grams of a token list, as UTF-8 bytes."""
    return {" ".join(tokens[i : i + NGRAM]).encode("utf-8") for i in range(len(tokens) - NGRAM + 1)}


def write_pair(out, ids, a, b):
    out.write(json.dumps({"source": ids[a], "copy": ids[b], "kind": "duplicate"}) + "\n")


# --- datasketch ---


def run_datasketch(args):
    import datasketch
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    ids, short, pairs = [], 0, 0

    def indexed():
        nonlocal short
        for article_id, text in read_articles(args.articles):
            tokens = words(text)
            if len(tokens) < NGRAM:
                short += 1
                continue
            ids.append(article_id)
            yield shingles(tokens)

    with open(args.out, "w", encoding="utf-8") as out:
        for i, m in enumerate(MinHash.generator(indexed(), num_perm=NUM_PERM)):
            for j in lsh.query(m):
                write_pair(out, ids, j, i)
                pairs += 1
            lsh.insert(i, m, check_duplication=False)
    print(
        f"datasketch {datasketch.__version__}: MinHashLSH(threshold={THRESHOLD}, num_perm={NUM_PERM}) "
        f"-> {lsh.b} bands of {lsh.r} rows; {len(ids)} articles indexed, {short} with fewer than "
        f"{NGRAM} words left out; {pairs} pairs (raw LSH candidates); 1 thread"
    )


# --- gaoya ---


def run_gaoya(args):
    import os
    from importlib.metadata import version

    from gaoya.minhash import MinHashStringIndex

    native = args.tokenizer == "gaoya"
    index = MinHashStringIndex(
        hash_size=32,
        jaccard_threshold=THRESHOLD,
        num_bands=args.bands,
        band_size=args.band_size,
        num_hashes=NUM_PERM,
        analyzer="word",
        lowercase=native,
        ngram_range=(NGRAM, NGRAM),
        id_container=args.id_container,
    )
    ids, short, pairs = [], 0, 0
    with open(args.out, "w", encoding="utf-8") as out:

        def flush(chunk_ids, chunk_docs):
            nonlocal pairs
            if not chunk_ids:
                return
            index.par_bulk_insert_docs(chunk_ids, chunk_docs)
            for j, found in zip(chunk_ids, index.par_bulk_query(chunk_docs)):
                for i in found:
                    if i < j:
                        write_pair(out, ids, i, j)
                        pairs += 1

        chunk_ids, chunk_docs = [], []
        for article_id, text in read_articles(args.articles):
            if native:
                doc = text
                # Only the first five tokens are looked at: a cheap exact test for "< 5 words".
                if sum(1 for _ in islice(_GAOYA_WORD.finditer(text), NGRAM)) < NGRAM:
                    short += 1
                    continue
            else:
                tokens = words(text)
                if len(tokens) < NGRAM:
                    short += 1
                    continue
                doc = " ".join(tokens)
            chunk_ids.append(len(ids))
            chunk_docs.append(doc)
            ids.append(article_id)
            if len(chunk_ids) >= args.chunk:
                flush(chunk_ids, chunk_docs)
                chunk_ids, chunk_docs = [], []
        flush(chunk_ids, chunk_docs)
    tokenizer = "gaoya's own (lowercase=True)" if native else "\\w+ words lower-cased in Python"
    print(
        f"gaoya {version('gaoya')}: {index}; id_container={args.id_container}; tokenizer: {tokenizer}; "
        f"{len(ids)} articles indexed in chunks of {args.chunk}, {short} with fewer than {NGRAM} words left out; "
        f"{pairs} pairs; RAYON_NUM_THREADS={os.environ.get('RAYON_NUM_THREADS', 'unset')}"
    )


# --- the table ---

_SCORE_ROW = re.compile(r"^(?P<name>\S.*?)\s+(?P<pairs>\d+)\s+(?P<found>\d+)\s+(?P<recall>\d+\.\d+|-)(?:\s+(?P<needs>.*?))?\s*$")
_PRECISION = re.compile(r"^precision: (?P<p>\d+\.\d+) \((?P<true>\d+) of (?P<all>\d+) ")


def parse_time(path):
    """Wall seconds, peak RSS in kB, CPU share and exit status from a `/usr/bin/time -v` report."""
    fields = {}
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        key, sep, value = line.strip().rpartition(": ")
        if sep:
            fields[key] = value.strip()
    try:
        clock = fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"]
        rss = int(fields["Maximum resident set size (kbytes)"])
    except (KeyError, ValueError):
        sys.exit(f"error: {path} is not a /usr/bin/time -v report")
    seconds = 0.0
    for part in clock.split(":"):
        seconds = seconds * 60 + float(part)
    return {"seconds": seconds, "rss_kb": rss, "cpu": fields.get("Percent of CPU this job got", "?")}


def median_time(args):
    """Copy the `/usr/bin/time -v` report of median wall time (the lower middle one of an even
    count) to args.out, and print every wall time in the order of the reports' rounds."""
    def round_of(path):
        suffix = path.suffix.lstrip(".")
        return int(suffix) if suffix.isdigit() else 0
    reports = sorted(args.reports, key=round_of)
    walls = [(parse_time(r)["seconds"], r) for r in reports]
    median = sorted(walls, key=lambda w: w[0])[(len(walls) - 1) // 2][1]
    shutil.copyfile(median, args.out)
    print(" ".join(f"{seconds:.2f}" for seconds, _ in walls))


def parse_score(path):
    """Rows (name -> (pairs, found, recall or None, needs)), precision, verdict and the head lines."""
    rows, precision, verdict, head = {}, None, None, []
    in_table = False
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("transformation"):
            in_table = True
            continue
        if line.startswith(("reuse records:", "groups:", "warning:")):
            head.append(line)
        m = _PRECISION.match(line)
        if m:
            precision = float(m["p"])
            in_table = False
            continue
        if line.strip() in ("PASS", "FAIL"):
            verdict = line.strip()
            continue
        if in_table:
            m = _SCORE_ROW.match(line)
            if m:
                recall = None if m["recall"] == "-" else float(m["recall"])
                rows[m["name"]] = (int(m["pairs"]), int(m["found"]), recall, (m["needs"] or "").split(" ")[0])
    if not rows or precision is None or verdict is None:
        sys.exit(f"error: {path} does not look like the output of newsfold-eval reuse-score")
    return rows, precision, verdict, head


def ratio(x):
    """A ratio as N.Nx, with one more decimal below 1 so that 0.06x does not read 0.1x."""
    return f"{x:.1f}x" if x >= 1 else f"{x:.2f}x"


def table(args):
    tools = []
    for name, time_file, score_file, info_file in args.row:
        t = parse_time(time_file)
        rows, precision, verdict, head = parse_score(score_file)
        info = Path(info_file).read_text(encoding="utf-8").strip() if info_file != "-" else ""
        tools.append({"name": name, **t, "rows": rows, "precision": precision, "verdict": verdict, "head": head, "info": info})

    names = []  # transformation rows in reuse-score's order, then any a later tool adds
    needs = {}
    for tool in tools:
        for row, (_, _, _, need) in tool["rows"].items():
            if row not in names:
                names.append(row)
                needs[row] = need
    width = max(12, *(len(t["name"]) for t in tools))
    label = max(28, *(len(n) for n in names)) + 8

    def line(label_text, cells, need=""):
        return f"{label_text:<{label}}" + "".join(f" {c:>{width}}" for c in cells) + (f"  {need}" if need else "")

    print(line("", [t["name"] for t in tools]))
    print(line("docs/s", [f"{args.docs / t['seconds']:.1f}" for t in tools]))
    print(line("wall time (s)", [f"{t['seconds']:.2f}" for t in tools]))
    print(line("CPU (of one core)", [t["cpu"] for t in tools]))
    print(line("peak memory (MB)", [f"{t['rss_kb'] * 1024 / 1e6:.1f}" for t in tools]))
    print(line("precision", [f"{t['precision']:.4f}" for t in tools], ">=0.99"))
    for row in names:
        cells = []
        for t in tools:
            r = t["rows"].get(row)
            cells.append("n/a" if r is None else "-" if r[2] is None else f"{r[2]:.4f}")
        print(line(f"recall {row}", cells, needs[row]))
    print(line("acceptance (reuse-score)", [t["verdict"] for t in tools]))
    print()
    print(f"(docs/s = {args.docs} articles / wall time of the whole process, reading and writing included; "
          "peak memory = maximum resident set size, MB = 10^6 bytes; recall = share of the true pairs "
          "of each row that end up in one group)")
    for t in tools:
        print(f"{t['name']}: " + "; ".join(t["head"]))
        if t["info"]:
            print(f"    {t['info']}")
    print()

    peers = [t for t in tools if t["name"].startswith(args.peer)]
    if not peers:
        sys.exit(f"error: no row whose name starts with {args.peer!r}")
    for name in args.ours or ["newsfold"]:
        ours = next((t for t in tools if t["name"] == name), None)
        if ours is None:
            sys.exit(f"error: no row named {name!r}")
        our_speed = args.docs / ours["seconds"]
        for peer in peers:
            speed = args.docs / peer["seconds"]
            print(f"speed ratio {ours['name']} / {peer['name']} = {ratio(our_speed / speed)}  ({our_speed:.1f} vs {speed:.1f} docs/s)")
            print(
                f"memory {ours['name']} / {peer['name']} = {ratio(ours['rss_kb'] / peer['rss_kb'])}  "
                f"({ours['rss_kb'] * 1024 / 1e6:.1f} vs {peer['rss_kb'] * 1024 / 1e6:.1f} MB)"
            )
        # The acceptance lines are judged against the strongest peer row: the fastest, the leanest.
        fastest = max(peers, key=lambda t: args.docs / t["seconds"])
        leanest = min(peers, key=lambda t: t["rss_kb"])
        speedup = fastest["seconds"] / ours["seconds"]
        print(
            f"target: {ours['name']} >= {args.speed_target:g}x {args.peer} docs/s: "
            f"{'met' if speedup >= args.speed_target else 'NOT met'} ({ratio(speedup)} against {fastest['name']}, the fastest {args.peer} row)"
        )
        print(
            f"target: {ours['name']} peak memory below {args.peer}'s: "
            f"{'met' if ours['rss_kb'] < leanest['rss_kb'] else 'NOT met'} "
            f"({ratio(ours['rss_kb'] / leanest['rss_kb'])} the peak of {leanest['name']}, the leanest {args.peer} row)"
        )
        print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("datasketch", help="datasketch MinHashLSH near-duplicate pairs")
    p.add_argument("articles", type=Path)
    p.add_argument("out", type=Path)

    p = sub.add_parser("gaoya", help="gaoya MinHashStringIndex near-duplicate pairs")
    p.add_argument("articles", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--tokenizer", choices=("words", "gaoya"), default="words")
    p.add_argument("--chunk", type=int, default=20000, help="articles per bulk insert and bulk query")
    p.add_argument("--bands", type=int, default=None, help="num_bands (default: gaoya's choice)")
    p.add_argument("--band-size", type=int, default=None, help="band_size (default: gaoya's choice)")
    p.add_argument("--id-container", choices=("set", "vec", "smallvec"), default="set")

    p = sub.add_parser("median-time", help="copy the time report of median wall time to OUT, print every wall time")
    p.add_argument("out", type=Path)
    p.add_argument("reports", type=Path, nargs="+")

    p = sub.add_parser("table", help="the combined table of bench/reuse.sh")
    p.add_argument("--docs", type=int, required=True, help="articles in the corpus")
    p.add_argument("--row", nargs=4, action="append", required=True, metavar=("NAME", "TIME_FILE", "SCORE_FILE", "INFO_FILE"))
    p.add_argument("--ours", action="append", help="a row to judge against the peers (repeatable; default newsfold)")
    p.add_argument("--peer", default="gaoya", help="ratios are printed against every row whose name starts with this")
    p.add_argument("--speed-target", type=float, default=10.0)

    args = parser.parse_args()
    if args.command == "datasketch":
        run_datasketch(args)
    elif args.command == "gaoya":
        if (args.bands is None) != (args.band_size is None):
            parser.error("--bands and --band-size go together")
        if args.chunk < 1:
            parser.error("--chunk must be at least 1")
        run_gaoya(args)
    elif args.command == "median-time":
        median_time(args)
    else:
        table(args)


if __name__ == "__main__":
    main()
