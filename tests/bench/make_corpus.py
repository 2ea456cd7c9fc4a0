#!/usr/bin/env python3
"""Builds the benchmark corpus: at least N MB of documents made from the
sample documents (examples/corpus, and /work/shared/corpus/seeds style
directories given with --extra) by recombination and variation.

Each generated document takes the paragraphs of a few source documents in a
shuffled order and rewrites every run of ASCII digits to another number of
the same length, so that documents differ while keeping the shape of real
reports (dates, counts, percentages, amounts). The output is deterministic
for a given seed and set of sources, and is rebuilt only when those change.

Writes DIR/NNN/NNNNNN.txt (1,000 files per subdirectory) and DIR/STAMP.
"""
import argparse
import hashlib
import random
import re
import shutil
import sys
from pathlib import Path

DIGITS = re.compile(r"[0-9]+")


def paragraphs(path: Path):
    text = path.read_text(encoding="utf-8", errors="replace")
    return [p for p in (line.strip() for line in text.splitlines()) if p]


# Numbers of dates and clock times stay as they are (a varied "10月36日" is
# no date at all); counts, amounts and percentages vary.
DATE_PARTS = set("年月日时点号:：")


def vary_digits(text: str, rng: random.Random) -> str:
    def repl(m):
        s = m.group(0)
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if after in DATE_PARTS or before in DATE_PARTS or after == "-" or before == "-":
            return s
        if len(s) == 1:
            return str(rng.randint(1, 9))
        return s[0] + "".join(str(rng.randint(0, 9)) for _ in s[1:])
    return DIGITS.sub(repl, text)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--mb", type=float, default=100)
    ap.add_argument("--sources", type=Path, nargs="+", required=True, help="directories of .txt files")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    sources = []
    for d in args.sources:
        if d.is_dir():
            sources += sorted(d.rglob("*.txt"))
    if not sources:
        sys.exit("make_corpus: no source documents")
    digest = hashlib.sha256(f"{args.mb} {args.seed}".encode() + Path(__file__).read_bytes())
    for s in sources:
        digest.update(s.read_bytes())
    stamp = digest.hexdigest()
    stamp_file = args.out / "STAMP"
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        print(f"make_corpus: {args.out} is up to date")
        return
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)

    docs = [paragraphs(s) for s in sources]
    docs = [d for d in docs if d]
    rng = random.Random(args.seed)
    target = int(args.mb * 1e6)
    total = 0
    n = 0
    while total < target:
        # One to three source documents, paragraphs shuffled within each.
        picked = [list(rng.choice(docs)) for _ in range(rng.randint(1, 3))]
        body = []
        for d in picked:
            head, rest = d[:1], d[1:]
            rng.shuffle(rest)
            body += head + rest
        text = vary_digits("\n".join(body), rng) + "\n"
        data = text.encode("utf-8")
        sub = args.out / f"{n // 1000:03d}"
        if n % 1000 == 0:
            sub.mkdir()
        (sub / f"{n:06d}.txt").write_bytes(data)
        total += len(data)
        n += 1
    stamp_file.write_text(stamp)
    print(f"make_corpus: {n} documents, {total / 1e6:.1f} MB from {len(docs)} sources in {args.out}")


if __name__ == "__main__":
    main()
