#!/usr/bin/env bash
# Makes the adversarial corpus of issue 17 ("Hostile input never takes newsfold down") in OUT:
#
#   tests/adversarial/make.sh OUT
#
# OUT/adv/ is the folder to fold beside examples/; OUT/elsewhere/ holds the folder that
# OUT/adv/linked points to (a symlinked folder inside an input folder). Every input is made here,
# at test time, so nothing large is committed: about 52 MB of files in all, the largest a 21 MB
# JSON line. Each file is named for what it is; tests/adversarial/run.sh says what newsfold must
# do with each one. The content is generated (fixed seeds), never copied from a corpus.
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 OUT" >&2
    exit 2
fi
out=$1
mkdir -p "$out/adv" "$out/elsewhere/linked-folder"

# A FIFO named like a text file: a reader that opens it waits for a writer that never comes.
rm -f "$out/adv/fifo.txt"
mkfifo "$out/adv/fifo.txt"
# A symlinked folder inside the input folder, holding one good article.
ln -sfn ../elsewhere/linked-folder "$out/adv/linked"

python3 - "$out" <<'PY'
import gzip, json, os, random, sys, zlib

out = sys.argv[1]
adv = os.path.join(out, "adv")
rng = random.Random(17)

# One sentence, repeated: the shape of defect 2 (quadratic work on repeated text).
SENTENCE = "The committee reviewed the plan and said it was good. "


def article(title, marker):
    """A short plain-text article that cleans into a few sentences and mentions `marker`."""
    return (
        f"{title}\n\n"
        f"The harbour council of {marker} met on Tuesday to discuss the new ferry timetable.\n\n"
        f"Officials in {marker} said the changes would take effect next month, after a public "
        f"consultation that drew more than 400 responses.\n\n"
        f"\"We listened to the people who use the service every day,\" the council's chair said.\n"
    )


def page(title, marker):
    """The same article as the paragraphs of an HTML page."""
    paragraphs = [p for p in article(title, marker).split("\n\n")[1:] if p.strip()]
    return "".join(f"<p>{p.strip()}</p>" for p in paragraphs)


def write(name, data, mode="w"):
    path = os.path.join(adv, name)
    if mode == "w":
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(data)
    else:
        with open(path, "wb") as f:
            f.write(data)


def html_doc(title, body_open, body_close, marker):
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
        f"{body_open}<h1>{title}</h1>{page(title, marker)}{body_close}</body></html>\n"
    )


# Deep nesting: the recursive block walk overflowed its stack (defect 1).
write("deep-b-i-5000.html", html_doc("Deep bold italic", "<b><i>" * 5000, "</i></b>" * 5000, "Orrin Bay"))
write("deep-div-20000.html", html_doc("Deep divs", "<div>" * 20000, "</div>" * 20000, "Tessaly"))
write("deep-div-100000.html", html_doc("Deeper divs", "<div>" * 100000, "</div>" * 100000, "Varrow"))
write("deep-span-10000.html", html_doc("Deep spans", "<span>" * 10000, "</span>" * 10000, "Mirelle"))

# Repeated text (defect 2): two articles of one sentence, and one 12.4 MB line of it.
write("repeat-4000.txt", "Committee reviews the plan\n\n" + SENTENCE * 4000 + "\n")
write("repeat-8000.txt", "Committee reviews the plan again\n\n" + SENTENCE * 8000 + "\n")
write("one-line-12mb.txt", "Committee reviews the plan at length\n\n" + SENTENCE * 230000 + "\n")

# A JSON-lines file with a 20 MB line (over the 16 MiB per-record limit) between good lines.
good_line = lambda i: json.dumps({"id": f"jsonl-good-{i}", "title": f"Good line {i}", "text": article(f"Good line {i}", f"Kessa {i}")})
huge = json.dumps({"id": "jsonl-huge", "title": "Huge", "text": "word " * (20 * 1024 * 1024 // 5)})
write("huge-line.jsonl", good_line(1) + "\n" + huge + "\n" + good_line(3) + "\n")


def warc_record(number, html, length=None):
    """One WARC response record holding an HTML page; `length` overrides its Content-Length."""
    block = (
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    ).encode()
    declared = str(len(block)) if length is None else length
    head = (
        "WARC/1.0\r\n"
        "WARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:012d}>\r\n"
        "WARC-Date: 2026-03-11T09:00:00Z\r\n"
        f"WARC-Target-URI: https://news.example/warc/story-{number}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {declared}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def warc_page(number):
    return html_doc(f"Crawled story {number}", "", "", f"Pellin {number}")


# Damaged WARC (defect 5): record 2 of 3 has a negative, a huge or a short Content-Length.
for name, length in [("negative", "-5"), ("huge", "99999999999"), ("short", "120")]:
    records = warc_record(1, warc_page(1)) + warc_record(2, warc_page(2), length) + warc_record(3, warc_page(3))
    write(f"warc-{name}-length.warc", records, "b")

# One corrupt gzip member (record 2) between good ones in a .warc.gz, one member per record.
members = [gzip.compress(warc_record(n, warc_page(n)), mtime=0) for n in (1, 2, 3)]
damaged = bytearray(members[1])
middle = len(damaged) // 2
damaged[middle:middle + 16] = bytes(rng.randrange(256) for _ in range(16))
members[1] = bytes(damaged)
write("warc-corrupt-member.warc.gz", b"".join(members), "b")

# An amplifying JSON array (defect 6): 700,000 tiny records, 14 MB.
write("amplify-700000.json", "[" + ",".join(['{"text": "a b c d"}'] * 700000) + "]\n")

# Binary, empty, truncated gzip, and a gzip bomb (1 GiB of text in about 3 MB).
write("binary.txt", bytes(rng.randrange(256) for _ in range(64 * 1024)), "b")
write("empty.txt", "")
whole = gzip.compress(article("Cut short", "Dunmere").encode() * 20, mtime=0)
write("truncated.txt.gz", whole[: len(whole) // 2], "b")
bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
chunk = (SENTENCE * 20000).encode()
parts = [bomb.compress(chunk) for _ in range((1 << 30) // len(chunk))]
write("bomb.txt.gz", b"".join(parts) + bomb.flush(), "b")

# JSON nested 100,000 deep.
write("deep-100000.json", "[" * 100000 + "]" * 100000)

# Decoding (defect 11): UTF-16 without a byte-order mark, a lone surrogate escape, bidi overrides.
write("utf16le-no-bom.txt", article("Sixteen bits", "Quellmoor").encode("utf-16-le"), "b")
lone = [
    {"id": "surrogate-a", "title": "Lone surrogate", "text": article("Lone surrogate", "Harnby") + " Broken \\ud800 escape."},
    {"id": "surrogate-b", "title": "Its neighbour", "text": article("Its neighbour", "Calloway")},
]
text = json.dumps(lone).replace("\\\\ud800", "\\ud800")
assert "\\ud800" in text and "\\\\ud800" not in text
write("lone-surrogate.json", text)
write("bidi-override.txt", article("Ferry \u202eelbat emit\u202c news", "Brakkon \u2066isolated\u2069") + "Fares rise by \u202e%02\u202c next year.\n")

# The good article inside the symlinked folder.
with open(os.path.join(out, "elsewhere", "linked-folder", "linked-article.txt"), "w") as f:
    f.write(article("Reached through a symlink", "Ostermoor"))
PY
echo "adversarial corpus written to $out/adv"
