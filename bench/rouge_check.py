"""Score the summaries newsfold-eval dumped with rouge-score and compare (bench/rouge_check.sh)."""
import json
import sys
from collections import defaultdict

from rouge_score import rouge_scorer

WORDS = 100
TOLERANCE = 0.001


def cut(text):
    return " ".join(text.split()[:WORDS])


def main(path):
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    groups = defaultdict(list)
    for line in open(path, encoding="utf-8"):
        item = json.loads(line)
        per_model = [scorer.score(cut(m), cut(item["summary"])) for m in item["models"]]
        r1 = sum(s["rouge1"].recall for s in per_model) / len(per_model)
        r2 = sum(s["rouge2"].recall for s in per_model) / len(per_model)
        corpus = item["corpus"].rstrip("/").split("/")
        name = "/".join(corpus[-2:]) if corpus[-1] == "english" else corpus[-1]
        groups[(name, item["system"])].append((item["r1"], item["r2"], r1, r2))
    print(f"{'corpus':<24} {'system':<10} {'ours R-1':>9} {'ref R-1':>8} {'ours R-2':>9} {'ref R-2':>8} {'max diff':>9}")
    worst = 0.0
    for (name, system), rows in sorted(groups.items()):
        n = len(rows)
        mean = [100 * sum(r[k] for r in rows) / n for k in range(4)]
        diff = max(max(abs(r[0] - r[2]), abs(r[1] - r[3])) for r in rows)
        worst = max(worst, diff)
        print(f"{name:<24} {system:<10} {mean[0]:>9.2f} {mean[2]:>8.2f} {mean[1]:>9.2f} {mean[3]:>8.2f} {diff:>9.5f}")
    print(f"largest difference on one summary: {worst:.5f} (tolerance {TOLERANCE})")
    sys.exit(0 if worst <= TOLERANCE else 1)


if __name__ == "__main__":
    main(sys.argv[1])
