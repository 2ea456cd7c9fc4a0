"""Python-side throughput: Extractor.extract_many against the `tiqu` command line
on the same documents, and the speedup from threads.

    .venv/bin/python tests/bench/python_bench.py [--corpus DIR] [--mb 8] [--cli build/tiqu]

The documents are the .txt files of --corpus (default examples/corpus), repeated
until they reach --mb megabytes of UTF-8. Every figure is the best of --runs
wall-clock runs, in MB of input per second. This is a report, not a test: the
machine may be shared, so compare figures from one run.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tiqu

ROOT = Path(__file__).resolve().parents[2]


def best_of(runs, fn):
    best = float("inf")
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus")
    parser.add_argument("--mb", type=float, default=8.0, help="megabytes of text to process (default 8)")
    parser.add_argument("--cli", default=str(ROOT / "build" / "tiqu"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    originals = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(args.corpus.rglob("*.txt"))]
    if not originals:
        sys.exit(f"no .txt files in {args.corpus}")
    docs = []
    size = 0
    while size < args.mb * 1e6:
        for name, text in originals:
            docs.append((f"{len(docs):06d}-{name}", text))
            size += len(text.encode())
    mb = size / 1e6
    cores = os.cpu_count() or 1
    print(f"{len(docs)} documents, {mb:.1f} MB, from {args.corpus}; {cores} cores; best of {args.runs}")

    ex = tiqu.Extractor()
    rows = []

    def report(label, seconds, facts=None):
        rows.append((label, seconds))
        extra = f", {facts} facts" if facts is not None else ""
        print(f"  {label:44} {seconds:7.3f} s  {mb / seconds:7.1f} MB/s{extra}")

    with tempfile.TemporaryDirectory() as tmp:
        corpus_dir = Path(tmp) / "docs"
        corpus_dir.mkdir()
        for name, text in docs:
            (corpus_dir / f"{name}").write_text(text, encoding="utf-8")
        out = Path(tmp) / "out.binpb"
        for threads in (1, cores):
            seconds, _ = best_of(args.runs, lambda: subprocess.run(
                [args.cli, "extract", str(corpus_dir), "-o", str(out), "--threads", str(threads)],
                check=True, capture_output=True))
            facts = sum(len(d.facts) for d in tiqu.read_binpb(out))
            report(f"CLI: tiqu extract DIR --threads {threads}", seconds, facts)

    seconds, _ = best_of(args.runs, lambda: [ex.extract(text, id=name, keep_text=False) for name, text in docs])
    report("Python: extract() in a loop", seconds)
    single = None
    for threads in (1, cores):
        seconds, result = best_of(args.runs, lambda: ex.extract_many(docs, threads=threads, keep_text=False))
        report(f"Python: extract_many(threads={threads})", seconds, sum(len(d.facts) for d in result))
        if threads == 1:
            single = seconds
        else:
            print(f"  speedup of extract_many from {threads} threads: {single / seconds:.2f}x")
    seconds, _ = best_of(args.runs, lambda: tiqu.to_pandas(result))
    report("Python: to_pandas of the result", seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
