"""Stories of a fold against the generator's truth: B-cubed recall against the originals.

Every generated article goes back to one original (`root` in truth.jsonl); copies, rewrites and
updates of one original report one event, so a fold should put them in one story. For each
article, the share of its original's articles that share its story, averaged: 1.0 when no
original is split. The truth names no events (two originals may report one), so precision is
not measured here but on ECB+ (`newsfold-eval stories`).

    python3 bench/story_recall.py TRUTH.jsonl FOLD_DIR_OR_FOLD_JSON CORPUS.jsonl

Also importable: `stories(fold)` reads a fold's stories from stories.jsonl or fold.json (only the
"stories" array of the pretty-printed fold.json is parsed, not the articles before it).
"""

import collections
import json
import os
import sys


def stories(fold):
    """The stories of a fold folder (stories.jsonl or fold.json) or of a fold.json path."""
    if os.path.isdir(fold):
        lines = os.path.join(fold, "stories.jsonl")
        if os.path.exists(lines):
            with open(lines) as f:
                return [json.loads(line) for line in f]
        fold = os.path.join(fold, "fold.json")
    chunk, inside = [], False
    with open(fold) as f:
        for line in f:
            if line == '  "stories": [\n':
                inside, chunk = True, ["["]
            elif inside and line.startswith("  ]"):
                chunk.append("]")
                break
            elif inside:
                chunk.append(line)
    return json.loads("".join(chunk)) if chunk else []


def article_ids(corpus):
    """The id newsfold gives each record of a JSON-lines corpus: its own `id`, else the file
    name and the record's number."""
    stem = os.path.splitext(os.path.basename(corpus))[0]
    with open(corpus) as f:
        return [json.loads(line).get("id") or f"{stem}-{n}" for n, line in enumerate(f, 1)]


def main():
    truth, fold, corpus = sys.argv[1:]
    with open(truth) as f:
        roots = [json.loads(line)["root"] for line in f]
    root = dict(zip(article_ids(corpus), roots))
    story = {a: s for s, st in enumerate(stories(fold)) for a in st["articles"]}
    by_root = collections.defaultdict(list)
    for a, r in root.items():
        by_root[r].append(story.get(a))
    total = 0.0
    for members in by_root.values():
        counts = collections.Counter(members)
        total += sum(c * c for m, c in counts.items() if m is not None) / len(members)
    print(
        f"stories: {len(set(story.values()))}; B-cubed recall against the "
        f"{len(by_root)} originals: {total / len(root):.4f}"
    )


if __name__ == "__main__":
    main()
