"""sumy's LexRank on the first N clusters of DUC-style corpora: the peer of `newsfold-eval
briefs --limit N` in bench/briefs_speed.sh.

Clusters are taken as newsfold-eval takes them: each folder's `clusters/<id>/docs/*.txt`,
clusters and documents in sorted order, the first N across the folders in the order given.
Sentences are split by a plain rule (end mark, space, capital or quote) and words by a regular
expression, so that sumy needs no NLTK data (which would be a download at run time); sumy's
Snowball stemmer and English stop words are its own. Only the summarizer's call is timed (its
document model built beforehand), asked for 10 sentences and cut to 100 words afterwards:
ranking is its cost. Prints the seconds.

    python bench/lexrank_peer.py --limit 50 DIR...
"""

import argparse
import os
import re
import time

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“'‘(]?[A-Z0-9])")
WORD = re.compile(r"\w+(?:[-'’]\w+)*")


class Words:
    """The word tokenizer sumy's Sentence asks for."""

    language = "english"

    def to_words(self, text):
        return WORD.findall(text)


def clusters(dirs, limit):
    out = []
    for d in dirs:
        root = os.path.join(d, "clusters")
        for cluster in sorted(os.listdir(root)):
            docs = os.path.join(root, cluster, "docs")
            texts = []
            for name in sorted(os.listdir(docs)):
                with open(os.path.join(docs, name), encoding="utf-8", errors="replace") as f:
                    texts.append(f.read())
            out.append(texts)
            if len(out) == limit:
                return out
    return out


def document(texts, words):
    paragraphs = []
    for text in texts:
        for block in re.split(r"\n\s*\n", text):
            block = " ".join(block.split())
            if block:
                sentences = [Sentence(s, words) for s in SENTENCE_END.split(block) if s]
                paragraphs.append(Paragraph(sentences))
    return ObjectDocumentModel(paragraphs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("dirs", nargs="+")
    args = parser.parse_args()
    words = Words()
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    docs = [document(texts, words) for texts in clusters(args.dirs, args.limit)]
    start = time.perf_counter()
    for doc in docs:
        summary, count = [], 0
        for sentence in summarizer(doc, 10):
            if count >= 100:
                break
            summary.append(str(sentence))
            count += len(str(sentence).split())
    seconds = time.perf_counter() - start
    print(f"sumy LexRank summarized {len(docs)} clusters in {seconds:.2f} s")


if __name__ == "__main__":
    main()
